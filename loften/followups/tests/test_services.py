"""Writes for the activity log and follow-ups."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from loften.core.exceptions import StaleVersionError
from loften.core.models import AuditEntry
from loften.followups import services
from loften.followups.models import FollowUp, PeriodReport, ReportingPeriod
from loften.followups.selectors import logged_totals_for_period
from loften.organisations.models import Membership
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(parties):
    return factories.ActivityFactory(
        promise=parties.promise,
        target_comparator="at_least",
        target_value=4,
        target_unit="trygghetsvandringar",
    )


def test_periods_are_created_for_the_promise_cadence(parties):
    periods = services.reporting_periods_ensure(promise=parties.promise)
    assert [p.short_label for p in periods] == ["T1", "T2", "T3", "2026"]
    assert services.reporting_periods_ensure(promise=parties.promise) == periods
    assert ReportingPeriod.objects.count() == 4


def test_a_promise_has_its_periods_from_creation_and_after_rescheduling(parties):
    from loften.followups.selectors import reporting_period_list_for_promise
    from loften.promises.services import promise as promise_services

    ReportingPeriod.objects.all().delete()
    promise = promise_services.promise_create(
        actor=None,
        title="Trygg 2027",
        municipalities=parties.promise.municipalities.all(),
        police_area=parties.promise.police_area,
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    periods = reporting_period_list_for_promise(promise=promise)
    assert [(p.kind, p.year, p.number) for p in periods] == [
        ("tertial", 2027, 1),
        ("tertial", 2027, 2),
        ("tertial", 2027, 3),
        ("year", 2027, 0),
    ]
    promise_services.promise_update(promise=promise, actor=None, cadence="quarter")
    assert len(reporting_period_list_for_promise(promise=promise)) == 5


def test_logged_occurrences_are_summed_per_period(parties, activity):
    for day in (
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 9),
        datetime.date(2026, 4, 30),
    ):
        services.activity_event_log(
            activity=activity,
            actor=parties.municipality_editor,
            date=day,
            hours=Decimal("1.5"),
        )
    services.activity_event_log(
        activity=activity,
        actor=parties.municipality_editor,
        date=datetime.date(2026, 5, 1),
    )
    totals = logged_totals_for_period(
        promise=parties.promise, period=factories.tertial(2026, 1)
    )
    assert totals[activity.pk]["quantity"] == 3
    assert totals[activity.pk]["hours"] == Decimal("4.5")
    assert AuditEntry.objects.filter(action="activity_event.create").count() == 4


def test_an_occurrence_outside_the_promise_period_is_refused(parties, activity):
    with pytest.raises(ValidationError) as error:
        services.activity_event_log(
            activity=activity, actor=None, date=datetime.date(2025, 12, 31)
        )
    assert "date" in error.value.message_dict


def test_an_occurrence_in_the_future_is_refused(parties, activity):
    parties.promise.end_date = datetime.date(2099, 12, 31)
    parties.promise.save()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.activity_event_log(activity=activity, actor=None, date=tomorrow)
    assert "date" in error.value.message_dict
    today = services.activity_event_log(
        activity=activity, actor=None, date=timezone.localdate()
    )
    assert today.date == timezone.localdate()


def test_a_viewer_cannot_log(parties, activity):
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.activity_event_log(
            activity=activity, actor=viewer, date=datetime.date(2026, 2, 1)
        )


def test_followup_save_creates_then_updates_with_versions(parties, activity):
    period = factories.tertial(2026, 1)
    followup = services.followup_save(
        activity=activity,
        period=period,
        actor=parties.municipality_editor,
        expected_version=None,
        status=factories.status("partly_done"),
        text="Tre vandringar",
        quantity=3,
    )
    assert followup.version == 1
    followup = services.followup_save(
        activity=activity,
        period=period,
        actor=parties.police_editor,
        expected_version=1,
        status=factories.status("done"),
        text="Fyra vandringar",
        quantity=4,
    )
    assert followup.version == 2
    assert followup.author == parties.police_editor
    update = AuditEntry.objects.get(action="followup.update")
    assert update.changes["quantity"] == [3, 4]


def test_followup_save_refuses_a_stale_form_and_keeps_what_was_typed(parties, activity):
    period = factories.tertial(2026, 1)
    services.followup_save(
        activity=activity,
        period=period,
        actor=None,
        expected_version=None,
        text="Först",
    )
    services.followup_save(
        activity=activity,
        period=period,
        actor=None,
        expected_version=1,
        text="Polisen skrev",
    )
    with pytest.raises(StaleVersionError) as error:
        services.followup_save(
            activity=activity,
            period=period,
            actor=None,
            expected_version=1,
            text="Kommunen skrev samtidigt",
        )
    assert error.value.current.text == "Polisen skrev"
    assert error.value.submitted["text"] == "Kommunen skrev samtidigt"
    assert FollowUp.objects.get().text == "Polisen skrev"


def test_two_new_followups_for_the_same_period_conflict(parties, activity):
    period = factories.tertial(2026, 1)
    services.followup_save(
        activity=activity, period=period, actor=None, expected_version=None
    )
    with pytest.raises(StaleVersionError):
        services.followup_save(
            activity=activity, period=period, actor=None, expected_version=None
        )


def test_a_followup_for_a_period_outside_the_promise_is_refused(parties, activity):
    with pytest.raises(ValidationError):
        services.followup_save(
            activity=activity,
            period=factories.tertial(2030, 1),
            actor=None,
            expected_version=None,
        )


def test_changing_a_followup_invalidates_the_period_report(parties, activity):
    period = factories.tertial(2026, 1)
    services.followup_save(
        activity=activity, period=period, actor=None, expected_version=None
    )
    report = PeriodReport.objects.get(promise=parties.promise, period=period)
    report.status = PeriodReport.Status.SUBMITTED
    report.save()
    services.followup_save(
        activity=activity, period=period, actor=None, expected_version=1, text="Ändrat"
    )
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.DRAFT
    assert report.revision == 3


def test_one_followup_per_activity_and_period_in_the_database(parties, activity):
    period = factories.tertial(2026, 1)
    FollowUp.objects.create(activity=activity, period=period)
    with pytest.raises(IntegrityError):
        FollowUp.objects.create(activity=activity, period=period)


@pytest.mark.parametrize("field", ["quantity", "hours"])
def test_followup_quantities_cannot_be_negative(parties, activity, field):
    with pytest.raises(IntegrityError):
        FollowUp.objects.create(
            activity=activity, period=factories.tertial(2026, 1), **{field: -1}
        )


def test_reporting_period_number_must_fit_its_kind():
    with pytest.raises(IntegrityError):
        ReportingPeriod.objects.create(
            kind="tertial",
            year=2026,
            number=4,
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 4, 15),
        )


def test_reporting_period_must_start_before_it_ends():
    with pytest.raises(IntegrityError):
        ReportingPeriod.objects.create(
            kind="quarter",
            year=2026,
            number=1,
            start_date=datetime.date(2026, 3, 31),
            end_date=datetime.date(2026, 1, 1),
            due_date=datetime.date(2026, 4, 15),
        )


def test_logged_occurrence_quantity_cannot_be_negative(activity):
    from loften.followups.models import ActivityEvent

    with pytest.raises(IntegrityError):
        ActivityEvent.objects.create(
            activity=activity, date=datetime.date(2026, 1, 5), quantity=-2
        )


def _entry(activity, text, version=None):
    return services.FollowUpEntry(
        activity=activity,
        expected_version=version,
        status=factories.status(),
        text=text,
        quantity=None,
        quantity_note="",
        hours=None,
    )


def test_followups_save_keeps_the_others_when_one_is_stale(parties, activity):
    other = factories.ActivityFactory(promise=parties.promise)
    period = factories.tertial()
    services.followup_save(
        activity=activity,
        period=period,
        actor=parties.police_editor,
        expected_version=None,
        text="Polisens text",
    )
    results = services.followups_save(
        period=period,
        actor=parties.municipality_editor,
        entries=[_entry(activity, "Kommunens text"), _entry(other, "Ny text")],
    )
    stale, saved = results
    assert stale.conflict is not None
    assert stale.conflict.current.text == "Polisens text"
    assert stale.conflict.submitted["text"] == "Kommunens text"
    assert saved.followup.text == "Ny text"
    assert FollowUp.objects.get(activity=activity).text == "Polisens text"


def test_followups_save_reports_errors_per_row(parties, activity):
    period = factories.tertial(year=2031)  # outside the promise
    (result,) = services.followups_save(
        period=period,
        actor=parties.municipality_editor,
        entries=[_entry(activity, "Text")],
    )
    assert result.error is not None
    assert result.followup is None
    assert not FollowUp.objects.exists()


def test_followup_delete_removes_it_and_asks_for_new_approvals(parties, activity):
    from loften.followups.models import FollowUp, PeriodReport

    period = factories.tertial(2026, 1)
    followup = services.followup_save(
        activity=activity,
        period=period,
        actor=None,
        expected_version=None,
        text="Fel aktivitet.",
    )
    report = PeriodReport.objects.get(promise=parties.promise, period=period)
    services.followup_delete(followup=followup, actor=parties.municipality_editor)
    assert not FollowUp.objects.exists()
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.DRAFT
    assert AuditEntry.objects.filter(action="followup.delete").count() == 1


def test_followup_delete_is_refused_for_a_viewer(parties, activity):
    followup = services.followup_save(
        activity=activity,
        period=factories.tertial(2026, 1),
        actor=None,
        expected_version=None,
        text="Kvar.",
    )
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.followup_delete(followup=followup, actor=viewer)
    assert activity.followups.exists()
