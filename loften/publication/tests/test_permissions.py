import pytest

from loften.organisations.models import Membership
from loften.publication.permissions import (
    approval_organisations,
    can_publish,
    can_submit_for_approval,
)
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_editors_send_for_approval_but_do_not_publish(parties):
    editor = parties.municipality_editor
    assert can_submit_for_approval(user=editor, promise=parties.promise)
    assert not can_publish(user=editor, promise=parties.promise)
    assert approval_organisations(user=editor, promise=parties.promise) == []


def test_an_approver_approves_for_their_own_party_only(parties):
    assert approval_organisations(
        user=parties.police_approver, promise=parties.promise
    ) == [parties.police]
    assert can_publish(user=parties.police_approver, promise=parties.promise)


def test_an_organisation_administrator_approves_and_publishes(parties):
    admin = factories.member(parties.municipality, Membership.Role.ADMINISTRATOR)
    assert approval_organisations(user=admin, promise=parties.promise) == [
        parties.municipality
    ]
    assert can_publish(user=admin, promise=parties.promise)


def test_a_site_administrator_does_not_approve_on_a_partys_behalf(parties):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    assert can_submit_for_approval(user=superuser, promise=parties.promise)
    assert approval_organisations(user=superuser, promise=parties.promise) == []
    assert not can_publish(user=superuser, promise=parties.promise)
