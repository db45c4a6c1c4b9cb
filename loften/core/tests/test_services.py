import pytest

from loften.core.models import AuditEntry
from loften.core.services import audit_log, field_changes
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_audit_log_records_actor_object_and_changes():
    user = factories.UserFactory()
    promise = factories.PromiseFactory()
    entry = audit_log(
        actor=user,
        action="promise.update",
        obj=promise,
        promise_id=promise.pk,
        changes={"title": ["a", "b"]},
    )
    assert entry.object_type == "promises.promise"
    assert entry.object_id == str(promise.pk)
    assert entry.actor == user
    assert AuditEntry.objects.get().changes == {"title": ["a", "b"]}


def test_audit_log_without_an_actor_is_the_system():
    entry = audit_log(actor=None, action="x", obj=factories.UserFactory())
    assert entry.actor is None


def test_field_changes_sets_and_reports_only_differences():
    promise = factories.PromiseFactory(title="Gammal")
    changes = field_changes(promise, {"title": "Ny", "slug": promise.slug})
    assert changes == {"title": ["Gammal", "Ny"]}
    assert promise.title == "Ny"
