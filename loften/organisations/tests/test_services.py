import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loften.core.models import AuditEntry
from loften.organisations.models import Membership, Organisation
from loften.organisations.services import (
    membership_remove,
    membership_set,
    organisation_create,
    organisation_update,
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


def test_only_a_site_administrator_may_add_a_municipality_or_police_area():
    editor = factories.member(factories.OrganisationFactory())
    with pytest.raises(PermissionDenied):
        organisation_create(
            actor=editor,
            name="Aneby kommun",
            kind="municipality",
            municipality=factories.municipality("0604"),
        )
    assert not Organisation.objects.filter(name="Aneby kommun").exists()


def test_an_editor_may_add_a_partner_but_a_viewer_may_not():
    organisation = factories.OrganisationFactory()
    editor = factories.member(organisation, Membership.Role.EDITOR)
    viewer = factories.member(organisation, Membership.Role.VIEWER)
    partner = organisation_create(actor=editor, name="Fältgruppen", kind="partner")
    assert partner.kind == "partner"
    with pytest.raises(PermissionDenied):
        organisation_create(actor=viewer, name="Nattvandrarna", kind="partner")


def test_organisation_update_records_old_and_new_and_needs_a_site_administrator():
    admin = factories.UserFactory(is_superuser=True)
    organisation = factories.OrganisationFactory(name="Skolan")
    with pytest.raises(PermissionDenied):
        organisation_update(
            organisation=organisation,
            actor=factories.member(organisation, Membership.Role.ADMINISTRATOR),
            name="Skolan i centrum",
        )
    organisation_update(organisation=organisation, actor=admin, name="Centrumskolan")
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.changes == {"name": ["Skolan", "Centrumskolan"]}


def test_only_a_site_administrator_may_set_or_remove_memberships():
    organisation = factories.OrganisationFactory()
    approver = factories.member(organisation, Membership.Role.ADMINISTRATOR)
    user = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        membership_set(
            actor=approver, user=user, organisation=organisation, role="editor"
        )
    with pytest.raises(PermissionDenied):
        membership_remove(actor=approver, membership=approver.memberships.get())
    admin = factories.UserFactory(is_superuser=True)
    membership = membership_set(
        actor=admin, user=user, organisation=organisation, role="editor"
    )
    membership_remove(actor=admin, membership=membership)
    assert not Membership.objects.filter(user=user).exists()


def test_membership_set_refuses_an_unknown_role_with_a_validation_error():
    with pytest.raises(ValidationError):
        membership_set(
            actor=None,
            user=factories.UserFactory(),
            organisation=factories.OrganisationFactory(),
            role="king",
        )


def test_partners_get_or_create_registers_each_new_name_once():
    from loften.organisations.services import partners_get_or_create

    mullsjo = factories.municipality("0642")
    walkers = Organisation.objects.create(
        name="Nattvandrarna i Mullsjö", kind="partner", municipality=mullsjo
    )
    editor = factories.member(
        factories.municipality_organisation(mullsjo), Membership.Role.EDITOR
    )
    found = partners_get_or_create(
        actor=editor,
        names=["nattvandrare", "Fältgruppen", "fältgruppen "],
        municipality=mullsjo,
    )
    school = Organisation.objects.get(name="Fältgruppen (Mullsjö)")
    assert found == [(walkers, False), (school, True), (school, False)]
    assert AuditEntry.objects.filter(action="organisation.create").count() == 1
