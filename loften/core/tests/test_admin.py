"""Every admin page an administrator uses renders with real data behind it."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from loften.examples.loader import example_data_load
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    example_data_load(today=datetime.date(2026, 11, 22))
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_changelist_and_a_change_form_of_each_model_render(admin_client):
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        changelist = admin_client.get(reverse(f"admin:{info}_changelist"))
        assert changelist.status_code == 200, info
        instance = model_admin.get_queryset(changelist.wsgi_request).first()
        if instance is not None:
            change = admin_client.get(
                reverse(f"admin:{info}_change", args=[instance.pk])
            )
            assert change.status_code == 200, info


def test_an_admin_edit_of_an_activity_is_audited_and_needs_new_approval(admin_client):
    from loften.core.models import AuditEntry
    from loften.promises.models import Activity

    activity = Activity.objects.filter(promise__slug="exempel-aneby-2026").first()
    promise = activity.promise
    revision = promise.revision
    url = reverse("admin:promises_activity_change", args=[activity.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None
    }
    data["partners"] = [p.pk for p in activity.partners.all()]
    data["text"] = "Ändrad av administratören"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    promise.refresh_from_db()
    assert promise.revision == revision + 1
    assert promise.status == "draft"
    assert AuditEntry.objects.filter(
        action="admin.update", object_id=str(activity.pk)
    ).exists()
