"""An administrator finds a citizen's address and deletes it; nobody makes or
changes a subscription in the admin, and the links' secret is never shown."""

import pytest
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.subscriptions.models import Subscription
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription():
    return Subscription.objects.create(
        email="glomd@example.invalid",
        municipality=factories.municipality("0682"),
        token="hemlig-token-som-inte-visas",
        language="sv",
    )


def test_an_address_is_found_and_shown_without_its_token(admin_client, subscription):
    changelist = admin_client.get(
        reverse("admin:subscriptions_subscription_changelist"), {"q": "glomd@"}
    )
    assert list(changelist.context["cl"].result_list) == [subscription]
    assert "Nässjö" in changelist.content.decode()
    detail = admin_client.get(
        reverse("admin:subscriptions_subscription_change", args=[subscription.pk])
    )
    assert detail.status_code == 200
    assert "glomd@example.invalid" in detail.content.decode()
    assert "hemlig-token-som-inte-visas" not in detail.content.decode()


def test_the_admin_neither_adds_nor_changes_a_subscription(admin_client, subscription):
    add = admin_client.get(reverse("admin:subscriptions_subscription_add"))
    assert add.status_code == 403
    url = reverse("admin:subscriptions_subscription_change", args=[subscription.pk])
    admin_client.post(url, {"email": "annan@example.invalid", "language": "en"})
    subscription.refresh_from_db()
    assert subscription.email == "glomd@example.invalid"
    assert subscription.language == "sv"


def test_deleting_an_address_removes_it_and_the_audit_entry_does_not_name_it(
    admin_client, subscription
):
    url = reverse("admin:subscriptions_subscription_delete", args=[subscription.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    entry = AuditEntry.objects.get(action="admin.delete")
    assert entry.object_repr == "Nässjö"
    assert "glomd" not in str(entry.__dict__)


def test_unconfirmed_and_confirmed_addresses_are_told_apart(admin_client, subscription):
    url = reverse("admin:subscriptions_subscription_changelist")
    assert admin_client.get(url, {"confirmed": "no"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"confirmed": "yes"}).context["cl"].result_count == 0
