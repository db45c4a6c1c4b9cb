import pytest

from loften.core.models import AuditEntry
from loften.organisations.models import Membership
from loften.organisations.services import (
    membership_remove,
    membership_set,
    organisation_create,
)
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_organisation_create_validates_and_writes_an_audit_entry():
    admin = factories.UserFactory(is_superuser=True)
    organisation = organisation_create(
        actor=admin,
        name="Aneby kommun",
        kind="municipality",
        municipality=factories.municipality("0604"),
    )
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.object_id == str(organisation.pk)
    assert entry.actor == admin


def test_membership_set_changes_the_role_and_logs_old_and_new():
    organisation = factories.OrganisationFactory()
    user = factories.UserFactory()
    membership_set(actor=None, user=user, organisation=organisation, role="viewer")
    membership = membership_set(
        actor=None, user=user, organisation=organisation, role="editor"
    )
    assert membership.role == "editor"
    assert Membership.objects.filter(user=user).count() == 1
    last = AuditEntry.objects.filter(action="membership.set").order_by("-id").first()
    assert last.changes == {"role": ["viewer", "editor"]}


def test_membership_set_with_the_same_role_writes_nothing():
    organisation = factories.OrganisationFactory()
    user = factories.UserFactory()
    membership_set(actor=None, user=user, organisation=organisation, role="viewer")
    membership_set(actor=None, user=user, organisation=organisation, role="viewer")
    assert AuditEntry.objects.filter(action="membership.set").count() == 1


def test_membership_remove_deletes_and_logs():
    organisation = factories.OrganisationFactory()
    user = factories.member(organisation)
    membership_remove(actor=None, membership=user.memberships.get())
    assert not Membership.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="membership.remove").exists()
