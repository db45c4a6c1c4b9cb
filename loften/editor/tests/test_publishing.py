"""Reads for approving and for the history: checks, pending changes, versions."""

import datetime

import pytest
from django.utils import translation

from loften.editor import publishing
from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.promises.services import parts as part_services
from loften.testing import factories
from loften.testing.workflow import publish_period, publish_plan

pytestmark = pytest.mark.django_db


def test_plan_checks_find_a_personnummer_and_name_where_it_is(planned):
    part_services.commitment_create(
        promise=planned.promise, actor=None, text="Ring 880320-0016 om du undrar."
    )
    report = publishing.plan_checks(
        promise=planned.promise, today=datetime.date(2026, 3, 1)
    )
    assert report.blocks
    ((where, finding),) = report.blocking
    assert finding.match == "880320-0016"
    assert "Ring 880320-0016" in where


def test_plan_checks_warn_about_ended_periods_without_followups(planned):
    report = publishing.plan_checks(
        promise=planned.promise, today=datetime.date(2026, 9, 10)
    )
    codes = [finding.code for _where, finding in report.warnings]
    assert codes.count("missing_followups") == 2  # T1 and T2 have ended
    assert not report.blocks


def test_period_checks_warn_about_a_target_without_quantity(planned):
    other = activity_services.activity_create(
        promise=planned.promise, actor=None, text="Annat", responsible_police=True
    )
    period = factories.tertial()
    followup_save(
        activity=planned.activity,
        period=period,
        actor=None,
        expected_version=None,
        text="Vi gick runt.",
    )
    report = publishing.period_checks(promise=planned.promise, period=period)
    codes = sorted(finding.code for _where, finding in report.warnings)
    # Neither activity has a status for the period yet.
    assert codes == ["missing_followups", "no_status", "target_without_quantity"]
    missing = next(f for _w, f in report.warnings if f.code == "missing_followups")
    assert "1 av 2" in missing.message  # `other` has no follow-up
    assert other.pk


def test_the_history_reads_each_version_against_the_one_before(planned):
    publish_plan(planned)
    period = factories.tertial()
    followup_save(
        activity=planned.activity,
        period=period,
        actor=None,
        expected_version=None,
        status=factories.status(),
        text="Tre vandringar.",
        quantity=3,
    )
    publish_period(planned, period)
    with translation.override("en"):
        entries = publishing.version_history(promise=planned.promise)
    assert [e.version.number for e in entries] == [2, 1]
    assert {(c.code, c.kind) for c in entries[0].changes} == {
        ("followup", "Added"),
        ("period", "Published"),
    }
    assert {c.code for c in entries[1].changes} >= {"promise", "activity"}


def test_unpublished_changes_separate_the_plan_from_each_period(planned):
    assert publishing.unpublished_changes(promise=planned.promise) is None
    publish_plan(planned)
    period = factories.tertial()
    activity_services.activity_update(
        activity=planned.activity, actor=None, place="Torget"
    )
    followup_save(
        activity=planned.activity,
        period=period,
        actor=None,
        expected_version=None,
        text="Utkast.",
    )
    pending = publishing.unpublished_changes(promise=planned.promise)
    assert [(c.code, c.new) for c in pending.plan] == [("activity", "Torget")]
    ((item),) = pending.periods
    assert item.period == period
    assert [c.code for c in item.changes] == ["followup"]
