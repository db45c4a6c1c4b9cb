import pytest

from loften.organisations.models import Membership
from loften.promises.models import Promise
from loften.promises.permissions import (
    can_approve_promise,
    can_edit_promise,
    can_view_promise,
    promise_role,
)
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_members_of_either_party_have_their_role(parties):
    assert (
        promise_role(user=parties.municipality_editor, promise=parties.promise)
        == "editor"
    )
    assert (
        promise_role(user=parties.police_approver, promise=parties.promise)
        == "approver"
    )


def test_a_member_of_another_municipality_has_no_role(parties):
    stranger = factories.member(
        factories.municipality_organisation(factories.municipality("0180")),
        Membership.Role.ADMINISTRATOR,
    )
    assert promise_role(user=stranger, promise=parties.promise) is None
    assert not can_view_promise(user=stranger, promise=parties.promise)
    assert not can_edit_promise(user=stranger, promise=parties.promise)


def test_viewers_read_but_do_not_edit(parties):
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    assert can_view_promise(user=viewer, promise=parties.promise)
    assert not can_edit_promise(user=viewer, promise=parties.promise)


def test_nobody_edits_a_concluded_promise(parties):
    parties.promise.status = Promise.Status.CONCLUDED
    assert not can_edit_promise(
        user=parties.municipality_editor, promise=parties.promise
    )


def test_approvers_approve_only_for_their_own_organisation(parties):
    promise = parties.promise
    assert can_approve_promise(
        user=parties.police_approver, promise=promise, organisation=parties.police
    )
    assert not can_approve_promise(
        user=parties.police_approver, promise=promise, organisation=parties.municipality
    )
    assert not can_approve_promise(
        user=parties.police_editor, promise=promise, organisation=parties.police
    )


def test_site_admins_edit_but_do_not_approve_without_membership(parties):
    admin = factories.UserFactory(is_superuser=True)
    assert can_edit_promise(user=admin, promise=parties.promise)
    assert not can_approve_promise(
        user=admin, promise=parties.promise, organisation=parties.police
    )


def test_inactive_users_have_no_rights(parties):
    parties.municipality_editor.is_active = False
    assert not can_view_promise(
        user=parties.municipality_editor, promise=parties.promise
    )


def test_anonymous_has_no_rights(parties):
    from django.contrib.auth.models import AnonymousUser

    assert not can_view_promise(user=AnonymousUser(), promise=parties.promise)
