import pytest

from loften.followups.permissions import (
    can_log_occurrence,
    can_write_followup,
)
from loften.organisations.models import Membership
from loften.promises.models import Promise
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(parties):
    return factories.ActivityFactory(promise=parties.promise)


def test_editors_of_either_party_log_and_follow_up(parties, activity):
    for editor in (parties.municipality_editor, parties.police_editor):
        assert can_log_occurrence(user=editor, activity=activity)
        assert can_write_followup(user=editor, promise=parties.promise)


def test_viewers_do_not_write_follow_ups(parties, activity):
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    assert not can_log_occurrence(user=viewer, activity=activity)
    assert not can_write_followup(user=viewer, promise=parties.promise)


def test_an_editor_of_another_municipality_does_nothing(parties, activity):
    stranger = factories.member(
        factories.municipality_organisation(factories.municipality("0180")),
        Membership.Role.EDITOR,
    )
    assert not can_write_followup(user=stranger, promise=parties.promise)
    assert not can_log_occurrence(user=stranger, activity=activity)


def test_nothing_is_logged_in_a_concluded_promise(parties, activity):
    Promise.objects.filter(pk=parties.promise.pk).update(
        status=Promise.Status.CONCLUDED
    )
    activity.promise.refresh_from_db()
    assert not can_log_occurrence(user=parties.municipality_editor, activity=activity)
