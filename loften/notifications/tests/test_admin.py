"""The administrator sees who was told what and which reminders went out, and
changes none of it."""

import pytest
from django.urls import reverse

from loften.notifications.models import Kind
from loften.notifications.services import notifications_create
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification():
    parties = promise_with_parties()
    (created,) = notifications_create(
        recipients=[parties.police_editor],
        kind=Kind.SUBMITTED,
        promise=parties.promise,
    )
    return created


def test_unread_and_unsent_notifications_can_be_listed(admin_client, notification):
    url = reverse("admin:notifications_notification_changelist")
    assert list(admin_client.get(url, {"read": "no"}).context["cl"].result_list) == [
        notification
    ]
    assert admin_client.get(url, {"read": "yes"}).context["cl"].result_count == 0
    assert admin_client.get(url, {"emailed": "no"}).context["cl"].result_count == 1


def test_a_notification_cannot_be_changed_or_deleted_in_the_admin(
    admin_client, notification
):
    change = reverse("admin:notifications_notification_change", args=[notification.pk])
    admin_client.post(change, {"detail": "ändrad"})
    delete = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    notification.refresh_from_db()
    assert notification.detail == ""
