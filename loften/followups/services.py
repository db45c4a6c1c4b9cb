"""Writes for reporting periods, the activity log and follow-ups."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from loften.core.exceptions import StaleVersionError
from loften.core.models import User
from loften.core.services import audit_log, field_changes
from loften.promises.models import Activity, Promise

from . import periods as period_rules
from .models import (
    ActivityEvent,
    FollowUp,
    FollowUpStatus,
    PeriodReport,
    ReportingPeriod,
)
from .permissions import can_log_occurrence, can_write_followup
from .selectors import reporting_period_list_for_promise


def _require_log(actor: User | None, activity: Activity) -> None:
    if actor is not None and not can_log_occurrence(user=actor, activity=activity):
        raise PermissionDenied(_("You may not change this promise."))


def _require_followup(actor: User | None, promise: Promise) -> None:
    if actor is not None and not can_write_followup(user=actor, promise=promise):
        raise PermissionDenied(_("You may not change this promise."))


def reporting_period_get_or_create(
    *, kind: str, year: int, number: int
) -> ReportingPeriod:
    key = period_rules.PeriodKey(year=year, kind=kind, number=number)
    period, _created = ReportingPeriod.objects.get_or_create(
        kind=kind,
        year=year,
        number=number,
        defaults={
            "start_date": key.start_date,
            "end_date": key.end_date,
            "due_date": key.due_date,
        },
    )
    return period


def period_reports_on_activity_deleting(*, activity: Activity, **kwargs: Any) -> None:
    """Receiver of `promises.signals.activity_deleting`.

    A period's follow-up that loses a row is no longer what its approvers saw:
    unless it is published (the next publication of the plan drops the row), it
    becomes a draft with a new revision that needs new approvals.
    """
    periods = activity.followups.values("period_id")
    PeriodReport.objects.filter(promise=activity.promise, period__in=periods).exclude(
        status=PeriodReport.Status.PUBLISHED
    ).update(
        revision=F("revision") + 1,
        status=PeriodReport.Status.DRAFT,
        updated_at=timezone.now(),
    )


def reporting_periods_on_schedule_changed(*, promise: Promise, **kwargs: Any) -> None:
    """Receiver of `promises.signals.promise_schedule_changed`: a promise has its
    reporting periods from the moment it is created or rescheduled, so pages that
    show them only read."""
    reporting_periods_ensure(promise=promise)


def reporting_periods_ensure(*, promise: Promise) -> list[ReportingPeriod]:
    """The promise's reporting periods in time order, creating any that are missing."""
    keys = period_rules.periods_for_cadence(
        promise.cadence, promise.start_date, promise.end_date
    )
    existing = reporting_period_list_for_promise(promise=promise)
    if len(existing) == len(keys):
        return existing
    return [
        reporting_period_get_or_create(kind=key.kind, year=key.year, number=key.number)
        for key in keys
    ]


# --- The activity log -----------------------------------------------------------------


def _check_event(activity: Activity, event: ActivityEvent) -> None:
    promise = activity.promise
    if not promise.start_date <= event.date <= promise.end_date:
        raise ValidationError(
            {
                "date": _(
                    "The date must fall within the promise's period, "
                    "%(start)s to %(end)s."
                )
                % {"start": promise.start_date, "end": promise.end_date}
            }
        )
    if event.date > timezone.localdate():
        raise ValidationError(
            {"date": _("An occurrence cannot be logged in the future.")}
        )


@transaction.atomic
def activity_event_log(
    *,
    activity: Activity,
    actor: User | None,
    date: datetime.date,
    quantity: int = 1,
    hours: Decimal | None = None,
    place: str = "",
    note: str = "",
) -> ActivityEvent:
    """Log one occurrence of an activity (a patrol, a safety walk, a meeting)."""
    _require_log(actor, activity)
    event = ActivityEvent(
        activity=activity,
        date=date,
        quantity=quantity,
        hours=hours,
        place=place.strip(),
        note=note.strip(),
        author=actor,
    )
    _check_event(activity, event)
    event.full_clean()
    event.save()
    audit_log(
        actor=actor,
        action="activity_event.create",
        obj=event,
        promise_id=activity.promise_id,
        changes={"quantity": [None, quantity], "date": [None, date.isoformat()]},
    )
    return event


@transaction.atomic
def activity_event_update(
    *, event: ActivityEvent, actor: User | None, **values: Any
) -> ActivityEvent:
    activity = event.activity
    _require_log(actor, activity)
    unknown = set(values) - {"date", "quantity", "hours", "place", "note"}
    if unknown:
        raise TypeError(f"activity_event_update got unknown fields: {sorted(unknown)}")
    changes = field_changes(event, values)
    if not changes:
        return event
    _check_event(activity, event)
    event.full_clean()
    event.save()
    audit_log(
        actor=actor,
        action="activity_event.update",
        obj=event,
        promise_id=activity.promise_id,
        changes=changes,
    )
    return event


@transaction.atomic
def activity_event_delete(*, event: ActivityEvent, actor: User | None) -> None:
    activity = event.activity
    _require_log(actor, activity)
    audit_log(
        actor=actor,
        action="activity_event.delete",
        obj=event,
        promise_id=activity.promise_id,
    )
    event.delete()


# --- Follow-ups -----------------------------------------------------------------------


def period_report_get_or_create(
    *, promise: Promise, period: ReportingPeriod
) -> PeriodReport:
    report, _created = PeriodReport.objects.get_or_create(
        promise=promise, period=period
    )
    return report


@transaction.atomic
def period_due_date_set(
    *,
    promise: Promise,
    period: ReportingPeriod,
    due_date: datetime.date | None,
    actor: User | None,
) -> PeriodReport:
    """Set when the promise's follow-up for `period` is due (None: the period's
    usual due date); an editor's decision, audited. The content and its
    approvals are untouched."""
    if actor is not None and not can_write_followup(user=actor, promise=promise):
        raise PermissionDenied(_("You may not change this promise."))
    if period not in reporting_periods_ensure(promise=promise):
        raise ValidationError(_("The promise does not report on this period."))
    if due_date is not None and due_date < period.start_date:
        raise ValidationError(
            {"due_date": _("The follow-up cannot be due before the period starts.")}
        )
    report = period_report_get_or_create(promise=promise, period=period)
    old = report.due_date
    report.due_date = due_date
    report.full_clean()
    report.save(update_fields=["due_date", "updated_at"])
    audit_log(
        actor=actor,
        action="period_report.due_date",
        obj=report,
        promise_id=promise.pk,
        changes={
            "due_date": [
                old.isoformat() if old else None,
                due_date.isoformat() if due_date else None,
            ]
        },
    )
    return report


def period_report_changed(*, promise: Promise, period: ReportingPeriod) -> None:
    """A follow-up in the period changed: approvals of the report no longer count."""
    report = period_report_get_or_create(promise=promise, period=period)
    PeriodReport.objects.filter(pk=report.pk).update(
        revision=F("revision") + 1,
        status=PeriodReport.Status.DRAFT,
        updated_at=timezone.now(),
    )


@transaction.atomic
def followup_save(
    *,
    activity: Activity,
    period: ReportingPeriod,
    actor: User | None,
    expected_version: int | None,
    status: FollowUpStatus | None = None,
    text: str = "",
    quantity: int | None = None,
    quantity_note: str = "",
    hours: Decimal | None = None,
) -> FollowUp:
    """Create or change the follow-up of `activity` for `period`.

    `expected_version` is the version the form was based on (None for a new one).
    If someone saved in between, StaleVersionError carries both versions and
    nothing is written.
    """
    promise = activity.promise
    _require_followup(actor, promise)
    if period not in reporting_periods_ensure(promise=promise):
        raise ValidationError(
            {"period": _("The promise does not report on this period.")}
        )
    values = {
        "status": status,
        "text": text.strip(),
        "quantity": quantity,
        "quantity_note": quantity_note.strip(),
        "hours": hours,
    }
    current = (
        FollowUp.objects.select_for_update()
        .filter(activity=activity, period=period)
        .first()
    )
    current_version = current.version if current else None
    if current_version != expected_version:
        raise StaleVersionError(
            _(
                "Someone else saved this follow-up while you were writing. "
                "Your text is kept below beside theirs: merge them and save again."
            ),
            current=current,
            submitted=values,
        )
    if current is None:
        followup = FollowUp(activity=activity, period=period, author=actor, **values)
        changes = {
            name: [None, str(value) if value is not None else None]
            for name, value in values.items()
            if value not in (None, "")
        }
        followup.full_clean()
        followup.save()
        action = "followup.create"
    else:
        followup = current
        changes = field_changes(followup, values)
        if not changes:
            return followup
        followup.full_clean()
        followup.version += 1
        followup.author = actor if actor is not None else followup.author
        followup.save()
        action = "followup.update"
    period_report_changed(promise=promise, period=period)
    audit_log(
        actor=actor,
        action=action,
        obj=followup,
        promise_id=promise.pk,
        changes=changes,
    )
    return followup


@transaction.atomic
def followup_delete(*, followup: FollowUp, actor: User | None) -> None:
    """Remove one follow-up (written for the wrong activity or period); the
    period's approvals no longer count."""
    promise = followup.activity.promise
    _require_followup(actor, promise)
    audit_log(
        actor=actor, action="followup.delete", obj=followup, promise_id=promise.pk
    )
    period = followup.period
    followup.delete()
    period_report_changed(promise=promise, period=period)


@dataclass(frozen=True)
class FollowUpEntry:
    """What an editor typed for one activity on the follow-up screen."""

    activity: Activity
    expected_version: int | None
    status: FollowUpStatus | None
    text: str
    quantity: int | None
    quantity_note: str
    hours: Decimal | None


@dataclass(frozen=True)
class FollowUpSaveResult:
    entry: FollowUpEntry
    followup: FollowUp | None = None
    conflict: StaleVersionError | None = None
    error: ValidationError | None = None


def followups_save(
    *, period: ReportingPeriod, actor: User | None, entries: list[FollowUpEntry]
) -> list[FollowUpSaveResult]:
    """Save the follow-ups of several activities for one period.

    Each is saved on its own (through `followup_save`), so a conflict or an error
    in one leaves the others saved; the results say which is which.
    """
    results = []
    for entry in entries:
        try:
            with transaction.atomic():
                followup = followup_save(
                    activity=entry.activity,
                    period=period,
                    actor=actor,
                    expected_version=entry.expected_version,
                    status=entry.status,
                    text=entry.text,
                    quantity=entry.quantity,
                    quantity_note=entry.quantity_note,
                    hours=entry.hours,
                )
        except StaleVersionError as conflict:
            results.append(FollowUpSaveResult(entry=entry, conflict=conflict))
        except ValidationError as error:
            results.append(FollowUpSaveResult(entry=entry, error=error))
        else:
            results.append(FollowUpSaveResult(entry=entry, followup=followup))
    return results
