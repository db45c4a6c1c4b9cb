"""Reads for the start page: follow-ups due and activities behind their target."""

import datetime

import pytest

from loften.followups import selectors, services
from loften.followups.periods import PeriodKey
from loften.promises.models import Promise
from loften.promises.services import activities as activity_services
from loften.testing import factories

pytestmark = pytest.mark.django_db


def _activity(parties, **target):
    return activity_services.activity_create(
        promise=parties.promise,
        actor=None,
        text="Trygghetsvandringar",
        responsible_municipality=True,
        **target,
    )


def _log(activity, *days, quantity=1):
    for day in days:
        services.activity_event_log(
            activity=activity, actor=None, date=day, quantity=quantity
        )


def test_the_current_and_the_last_ended_period_are_due(parties):
    first = _activity(parties)
    _activity(parties)
    services.followup_save(
        activity=first,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        text="Klart",
    )
    today = datetime.date(2026, 6, 10)  # in T2; T1 ended
    due = selectors.followups_due(promises=[parties.promise], today=today)
    assert [(d.key.number, d.missing, d.total, d.ended) for d in due] == [
        (1, 1, 2, True),
        (2, 2, 2, False),
    ]
    assert due[0].period.label


def test_nothing_is_due_when_every_followup_is_written(parties):
    activity = _activity(parties)
    for number in (1, 2):
        services.followup_save(
            activity=activity,
            period=factories.tertial(2026, number),
            actor=None,
            expected_version=None,
            text="Klart",
        )
    today = datetime.date(2026, 6, 10)
    assert selectors.followups_due(promises=[parties.promise], today=today) == []


def test_concluded_promises_are_never_due(parties):
    _activity(parties)
    parties.promise.status = Promise.Status.CONCLUDED
    today = datetime.date(2026, 6, 10)
    assert selectors.followups_due(promises=[parties.promise], today=today) == []


def test_an_unsaved_period_has_its_dates_and_label(db):
    period = selectors.reporting_period_for_key(key=PeriodKey(2031, "tertial", 2))
    assert period.pk is None
    assert (period.start_date, period.end_date) == (
        datetime.date(2031, 5, 1),
        datetime.date(2031, 8, 31),
    )
    assert "2031" in period.label


def test_an_activity_behind_its_yearly_target_is_listed(parties):
    activity = _activity(
        parties, target_comparator="at_least", target_value=12, target_unit="st"
    )
    _log(activity, datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    # Half the year gone: 6 expected, 2 done.
    today = datetime.date(2026, 7, 2)
    (behind,) = selectors.activity_list_behind_target(
        promises=[parties.promise], today=today
    )
    assert (behind.activity, behind.achieved, behind.expected) == (activity, 2, 6)


def test_an_activity_on_schedule_is_not_listed(parties):
    activity = _activity(
        parties, target_comparator="at_least", target_value=4, target_unit="st"
    )
    _log(activity, datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    today = datetime.date(2026, 7, 2)
    assert (
        selectors.activity_list_behind_target(promises=[parties.promise], today=today)
        == []
    )


def test_a_per_period_target_counts_only_the_current_period(parties):
    activity = _activity(
        parties,
        target_comparator="at_least",
        target_value=4,
        target_unit="st",
        target_scope="per_period",
    )
    _log(activity, datetime.date(2026, 1, 10), quantity=8)  # T1, not T2
    today = datetime.date(2026, 8, 20)  # near the end of T2
    (behind,) = selectors.activity_list_behind_target(
        promises=[parties.promise], today=today
    )
    assert (behind.achieved, behind.expected) == (0, 3)


def test_a_followup_quantity_corrects_the_log_of_an_ended_period(parties):
    activity = _activity(
        parties, target_comparator="at_least", target_value=12, target_unit="st"
    )
    _log(activity, datetime.date(2026, 2, 1))
    services.followup_save(
        activity=activity,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        quantity=6,
        quantity_note="Två pass loggades inte.",
    )
    today = datetime.date(2026, 7, 2)
    assert (
        selectors.activity_list_behind_target(promises=[parties.promise], today=today)
        == []
    )


def test_limits_are_never_behind(parties):
    _activity(parties, target_comparator="at_most", target_value=2, target_unit="st")
    today = datetime.date(2026, 12, 30)
    assert (
        selectors.activity_list_behind_target(promises=[parties.promise], today=today)
        == []
    )
