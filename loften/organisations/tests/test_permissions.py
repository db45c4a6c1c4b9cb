import pytest

from loften.organisations.models import Membership
from loften.organisations.permissions import (
    can_add_organisation,
    can_manage_organisations,
)
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_the_system_and_active_superusers_manage_organisations():
    assert can_manage_organisations(user=None)
    assert can_manage_organisations(user=factories.UserFactory(is_superuser=True))
    inactive = factories.UserFactory(is_superuser=True, is_active=False)
    assert not can_manage_organisations(user=inactive)


def test_an_organisation_administrator_does_not_manage_organisations():
    organisation = factories.OrganisationFactory()
    administrator = factories.member(organisation, Membership.Role.ADMINISTRATOR)
    assert not can_manage_organisations(user=administrator)


@pytest.mark.parametrize(
    ("role", "kind", "expected"),
    [
        ("editor", "partner", True),
        ("approver", "partner", True),
        ("viewer", "partner", False),
        ("editor", "municipality", False),
        ("administrator", "police_area", False),
    ],
)
def test_members_may_add_only_partners_and_only_from_editor_up(role, kind, expected):
    user = factories.member(factories.OrganisationFactory(), role)
    assert can_add_organisation(user=user, kind=kind) is expected
