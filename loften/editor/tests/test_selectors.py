"""Reads for the start page, the plan, the log and the follow-up sheet."""

import datetime
from decimal import Decimal

import pytest

from loften.editor import selectors
from loften.followups.services import activity_event_log, followup_save
from loften.organisations.models import Membership
from loften.promises.models import FocusArea
from loften.promises.services import activities as activity_services
from loften.publication import services as publication
from loften.testing import factories
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


def _log(activity, day, quantity=1, hours=None):
    activity_event_log(
        activity=activity,
        actor=None,
        date=datetime.date.fromisoformat(day),
        quantity=quantity,
        hours=hours,
    )


def test_the_overview_groups_promises_by_status(planned):
    publish_plan(planned)
    draft = promise_with_parties(title="Ett utkast")
    factories.member(draft.municipality, Membership.Role.EDITOR)
    overview = selectors.editor_overview(
        user=planned.municipality_editor, today=datetime.date(2026, 3, 1)
    )
    assert [(g.status, [p.title for p in g.promises]) for g in overview.groups] == [
        ("draft", ["Ett utkast"]),
        ("published", [planned.promise.title]),
    ]
    assert overview.can_create


def test_the_overview_puts_what_the_user_can_approve_first(planned):
    other = promise_with_parties()
    activity_services.activity_create(
        promise=other.promise, actor=None, text="A", responsible_police=True
    )
    for parties in (planned, other):
        publication.promise_submit_for_review(promise=parties.promise, actor=None)
    # The police approver of `planned` has already approved it.
    publication.promise_approve(
        promise=planned.promise,
        actor=planned.police_approver,
        organisation=planned.police,
    )
    approver = planned.police_approver
    Membership.objects.create(
        user=approver, organisation=other.police, role=Membership.Role.APPROVER
    )
    overview = selectors.editor_overview(user=approver, today=datetime.date(2026, 3, 1))
    assert [(item.promise, item.yours) for item in overview.awaiting] == [
        (other.promise, [other.police]),
        (planned.promise, []),
    ]


def test_a_viewer_has_nothing_due(planned):
    viewer = factories.member(planned.police, Membership.Role.VIEWER)
    overview = selectors.editor_overview(user=viewer, today=datetime.date(2026, 6, 1))
    assert overview.due == []
    assert overview.behind == []
    assert not overview.can_create


def test_period_rows_count_what_is_written_and_what_is_overdue(planned):
    followup_save(
        activity=planned.activity,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        text="Klart",
    )
    # T2 ended on 31 August and was due a month later.
    rows = selectors.period_rows(
        promise=planned.promise, today=datetime.date(2026, 10, 5)
    )
    assert [row.period.label for row in rows][-1].endswith("2026")
    by_code = {row.period.code: row for row in rows}
    assert (by_code["T1"].written, by_code["T1"].overdue) == (1, False)
    assert (by_code["T2"].written, by_code["T2"].overdue) == (0, True)
    assert not by_code["T3"].ended and by_code["T3"].started


def test_the_plan_groups_activities_by_focus_area_with_log_counts(parties):
    areas = {a.slug: a for a in FocusArea.objects.all()}
    trafik = activity_services.activity_create(
        promise=parties.promise,
        actor=None,
        text="T",
        focus_area=areas["trafik"],
        responsible_police=True,
    )
    activity_services.activity_create(
        promise=parties.promise, actor=None, text="Utan", responsible_police=True
    )
    _log(trafik, "2026-02-01")
    plan = selectors.plan_view(promise=parties.promise, today=datetime.date(2026, 3, 1))
    assert [(g.key, [a.text for a in g.activities]) for g in plan.groups] == [
        (areas["trafik"].pk, ["T"]),
        (0, ["Utan"]),
    ]
    assert plan.groups[0].activities[0].event_count == 1
    assert plan.activity_count == 2
    assert plan.missing == [parties.municipality, parties.police]


def test_the_log_is_grouped_per_period_newest_first(planned):
    _log(planned.activity, "2026-01-10", hours=Decimal("1.5"))
    _log(planned.activity, "2026-03-10", quantity=2, hours=Decimal("2"))
    _log(planned.activity, "2026-06-10")
    periods = selectors.activity_log(activity=planned.activity)
    assert [(p.period.code, p.quantity, p.hours) for p in periods] == [
        ("T2", 1, Decimal(0)),
        ("T1", 3, Decimal("3.5")),
    ]


def test_the_sheet_pre_fills_from_the_log_until_a_followup_is_written(planned):
    period = factories.tertial(2026, 1)
    for day in ("2026-01-10", "2026-02-10", "2026-03-10"):
        _log(planned.activity, day, hours=Decimal("2"))
    (row,) = selectors.followup_sheet(promise=planned.promise, period=period)
    assert (row.logged_count, row.logged_quantity, row.logged_hours) == (
        3,
        3,
        Decimal("6"),
    )
    assert row.initial["quantity"] == 3
    assert row.initial["version"] is None
    assert (row.achieved, row.met) == (3, False)  # minst 4 per period
    followup_save(
        activity=planned.activity,
        period=period,
        actor=None,
        expected_version=None,
        text="Fyra, en loggades inte.",
        quantity=4,
        quantity_note="En vandring loggades inte.",
    )
    (row,) = selectors.followup_sheet(promise=planned.promise, period=period)
    assert (row.initial["quantity"], row.initial["version"]) == (4, 1)
    assert (row.achieved, row.met) == (4, True)


def test_the_sheet_accumulates_a_yearly_target(parties):
    activity = activity_services.activity_create(
        promise=parties.promise,
        actor=None,
        text="Patrullering",
        responsible_police=True,
        target_comparator="at_least",
        target_value=10,
        target_unit="patrulleringar",
        target_scope="per_year",
    )
    followup_save(
        activity=activity,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        quantity=6,
    )
    _log(activity, "2026-05-10", quantity=5)
    (row,) = selectors.followup_sheet(
        promise=parties.promise, period=factories.tertial(2026, 2)
    )
    assert (row.achieved, row.met) == (11, True)


def test_activity_choices_are_grouped_under_their_promise(planned):
    other = factories.ActivityFactory(promise=planned.promise)
    grouped = selectors.activity_choices_by_promise([planned.activity, other])
    assert grouped == [(planned.promise, [planned.activity, other])]
