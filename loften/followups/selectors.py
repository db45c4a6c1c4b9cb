"""Reads of reporting periods, logged occurrences and follow-ups."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from loften.promises.models import Activity, Promise, TargetScope

from . import periods as period_rules
from . import progress
from .models import (
    ActivityEvent,
    FollowUp,
    FollowUpStatus,
    PeriodReport,
    ReportingPeriod,
)


def reporting_period_list_for_promise(*, promise: Promise) -> list[ReportingPeriod]:
    """The periods the promise reports on that exist in the database, in time order.

    The promises' services create them with the promise (through
    `followups.services.reporting_periods_ensure`).
    """
    keys = period_rules.periods_for_cadence(
        promise.cadence, promise.start_date, promise.end_date
    )
    condition = Q(pk__in=[])
    for key in keys:
        condition |= Q(kind=key.kind, year=key.year, number=key.number)
    found = {
        (p.kind, p.year, p.number): p for p in ReportingPeriod.objects.filter(condition)
    }
    return [
        found[(key.kind, key.year, key.number)]
        for key in keys
        if (key.kind, key.year, key.number) in found
    ]


def reporting_period_get(*, key: period_rules.PeriodKey) -> ReportingPeriod | None:
    """The stored period `key`, or None."""
    return ReportingPeriod.objects.filter(
        kind=key.kind, year=key.year, number=key.number
    ).first()


def logged_totals_for_period(
    *, promise: Promise, period: ReportingPeriod
) -> dict[int, dict]:
    """{activity id: {"quantity", "hours", "count"}} summed from the period's log."""
    rows = (
        ActivityEvent.objects.filter(
            activity__promise=promise,
            date__gte=period.start_date,
            date__lte=period.end_date,
        )
        .values("activity_id")
        .annotate(quantity=Sum("quantity"), hours=Sum("hours"), count=Count("id"))
    )
    return {
        row["activity_id"]: {
            "quantity": row["quantity"] or 0,
            "hours": row["hours"] or Decimal("0"),
            "count": row["count"],
        }
        for row in rows
    }


def activity_event_list(
    *,
    activity: Activity,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[ActivityEvent]:
    queryset = activity.events.select_related("author")
    if start is not None:
        queryset = queryset.filter(date__gte=start)
    if end is not None:
        queryset = queryset.filter(date__lte=end)
    return queryset.order_by("-date", "-id")


def followup_status_choices() -> QuerySet[FollowUpStatus]:
    return FollowUpStatus.objects.filter(is_active=True).order_by("order", "name")


def reporting_period_for_key(*, key: period_rules.PeriodKey) -> ReportingPeriod:
    """The stored period for `key`, or an unsaved one with the same dates (for
    labels and date ranges before anyone has written a follow-up for it)."""
    return reporting_period_get(key=key) or ReportingPeriod(
        kind=key.kind,
        year=key.year,
        number=key.number,
        start_date=key.start_date,
        end_date=key.end_date,
        due_date=key.due_date,
    )


def followup_period_keys(*, promise: Promise) -> list[period_rules.PeriodKey]:
    """The periods the promise is followed up for, in time order, with each
    year's summary after its last period."""
    return period_rules.periods_for_cadence(
        promise.cadence, promise.start_date, promise.end_date
    )


def _cadence_keys(promise: Promise) -> list[period_rules.PeriodKey]:
    return period_rules.periods_between(
        promise.cadence, promise.start_date, promise.end_date
    )


@dataclass(frozen=True)
class FollowUpsDue:
    """A period of a promise whose follow-ups are not all written."""

    promise: Promise
    period: ReportingPeriod
    key: period_rules.PeriodKey
    missing: int
    total: int
    ended: bool
    due_date: datetime.date | None = None  # the promise's own, or the period's
    days_overdue: int = 0


def followups_due(
    *, promises: Iterable[Promise], today: datetime.date
) -> list[FollowUpsDue]:
    """For each promise that is not concluded: the current period and the one that
    ended last, where some activities have no follow-up yet."""
    candidates: list[tuple[Promise, period_rules.PeriodKey]] = []
    for promise in promises:
        if promise.status == Promise.Status.CONCLUDED:
            continue
        keys = _cadence_keys(promise)
        ended = [k for k in keys if k.end_date < today]
        current = [k for k in keys if k.start_date <= today <= k.end_date]
        candidates += [(promise, k) for k in ended[-1:] + current]
    if not candidates:
        return []
    promise_ids = {promise.pk for promise, _key in candidates}
    totals = dict(
        Activity.objects.filter(promise_id__in=promise_ids)
        .values("promise_id")
        .annotate(n=Count("id"))
        .values_list("promise_id", "n")
    )
    written = {
        (
            row["activity__promise_id"],
            row["period__kind"],
            row["period__year"],
            row["period__number"],
        ): row["n"]
        for row in FollowUp.objects.filter(activity__promise_id__in=promise_ids)
        .values(
            "activity__promise_id", "period__kind", "period__year", "period__number"
        )
        .annotate(n=Count("id"))
    }
    own_dates = {
        (
            row["promise_id"],
            row["period__kind"],
            row["period__year"],
            row["period__number"],
        ): row["due_date"]
        for row in PeriodReport.objects.filter(
            promise_id__in=promise_ids, due_date__isnull=False
        ).values(
            "promise_id", "period__kind", "period__year", "period__number", "due_date"
        )
    }
    due = []
    for promise, key in candidates:
        total = totals.get(promise.pk, 0)
        missing = total - written.get((promise.pk, key.kind, key.year, key.number), 0)
        if total and missing > 0:
            period = reporting_period_for_key(key=key)
            due_date = (
                own_dates.get((promise.pk, key.kind, key.year, key.number))
                or period.due_date
            )
            due.append(
                FollowUpsDue(
                    promise=promise,
                    period=period,
                    key=key,
                    missing=missing,
                    total=total,
                    ended=key.end_date < today,
                    due_date=due_date,
                    days_overdue=period_rules.days_overdue(due_date, today),
                )
            )
    # The most urgent first: the earliest due date.
    return sorted(due, key=lambda item: (item.due_date, item.promise.pk))


@dataclass(frozen=True)
class BehindTarget:
    """An activity whose count so far is short of where its target should be."""

    activity: Activity
    achieved: int
    expected: int
    window_start: datetime.date
    window_end: datetime.date


def _target_window(
    activity: Activity, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    promise = activity.promise
    if activity.target_scope == TargetScope.PER_PERIOD:
        key = period_rules.period_containing(promise.cadence, today)
    elif activity.target_scope == TargetScope.PER_YEAR:
        key = period_rules.period_containing(period_rules.YEAR, today)
    else:
        return promise.start_date, promise.end_date
    return max(key.start_date, promise.start_date), min(key.end_date, promise.end_date)


def activity_list_behind_target(
    *, promises: Sequence[Promise], today: datetime.date
) -> list[BehindTarget]:
    """Activities with an at-least or exactly target that are behind schedule
    today, in promises that are running and not concluded.

    What counts is the log, except for ended periods whose follow-up gives a
    quantity (which may correct the log). The expected figure grows evenly over
    the time the target applies to (a period, a year or the whole promise).
    """
    running = [
        p
        for p in promises
        if p.status != Promise.Status.CONCLUDED and p.start_date <= today <= p.end_date
    ]
    activities = list(
        Activity.objects.filter(
            promise__in=running,
            target_value__isnull=False,
            target_comparator__in=[progress.AT_LEAST, progress.EXACTLY],
        )
        .select_related("promise", "focus_area")
        .order_by("promise__title", "order", "id")
    )
    if not activities:
        return []
    windows = {a.pk: _target_window(a, today) for a in activities}
    earliest = min(start for start, _end in windows.values())
    logged: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for row in (
        ActivityEvent.objects.filter(
            activity__in=activities, date__gte=earliest, date__lte=today
        )
        .annotate(month=TruncMonth("date"))
        .values("activity_id", "month")
        .annotate(quantity=Sum("quantity"))
    ):
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        logged[row["activity_id"]][month] = row["quantity"] or 0
    reported = {
        (
            f["activity_id"],
            f["period__kind"],
            f["period__year"],
            f["period__number"],
        ): f["quantity"]
        for f in FollowUp.objects.filter(
            activity__in=activities, quantity__isnull=False
        ).values(
            "activity_id", "quantity", "period__kind", "period__year", "period__number"
        )
    }
    behind = []
    for activity in activities:
        start, end = windows[activity.pk]
        achieved = 0
        for key in period_rules.periods_between(activity.promise.cadence, start, end):
            if key.start_date > today:
                break
            override = reported.get((activity.pk, key.kind, key.year, key.number))
            if key.end_date < today and override is not None:
                achieved += override
                continue
            achieved += sum(
                quantity
                for month, quantity in logged[activity.pk].items()
                if key.start_date <= month <= key.end_date
            )
        elapsed = ((today - start).days + 1) / ((end - start).days + 1)
        if progress.behind_schedule(
            comparator=activity.target_comparator,
            target=activity.target_value,
            achieved=achieved,
            elapsed_share=elapsed,
        ):
            behind.append(
                BehindTarget(
                    activity=activity,
                    achieved=achieved,
                    expected=int(activity.target_value * min(1.0, elapsed)),
                    window_start=start,
                    window_end=end,
                )
            )
    return behind


def period_report_get(
    *, promise: Promise, period: ReportingPeriod
) -> PeriodReport | None:
    """The promise's report for the period, if a follow-up was ever written."""
    return PeriodReport.objects.filter(promise=promise, period=period).first()


@dataclass(frozen=True)
class Deadline:
    """When a promise's follow-up for one period is due, and how far it is."""

    promise: Promise
    period: ReportingPeriod
    due_date: datetime.date
    status: str  # the PeriodReport's status (draft when none was written)
    today: datetime.date

    @property
    def done(self) -> bool:
        """Sent for approval or published: the editors have nothing left to do."""
        return self.status in (
            PeriodReport.Status.SUBMITTED,
            PeriodReport.Status.PUBLISHED,
        )

    @property
    def days_overdue(self) -> int:
        return 0 if self.done else period_rules.days_overdue(self.due_date, self.today)

    @property
    def days_left(self) -> int:
        return (self.due_date - self.today).days


def deadline_list(
    *, promises: Iterable[Promise], today: datetime.date
) -> list[Deadline]:
    """Every reporting period of the promises that are not concluded, with its
    due date (the promise's own, or the period's usual one), sorted by due date."""
    candidates = [p for p in promises if p.status != Promise.Status.CONCLUDED]
    if not candidates:
        return []
    reports = {
        (r.promise_id, r.period_id): r
        for r in PeriodReport.objects.filter(promise__in=candidates)
    }
    keys = {
        promise.pk: period_rules.periods_for_cadence(
            promise.cadence, promise.start_date, promise.end_date
        )
        for promise in candidates
    }
    condition = Q(pk__in=[])
    for key in {k for ks in keys.values() for k in ks}:
        condition |= Q(kind=key.kind, year=key.year, number=key.number)
    stored = {
        (p.kind, p.year, p.number): p for p in ReportingPeriod.objects.filter(condition)
    }
    deadlines = []
    for promise in candidates:
        for key in keys[promise.pk]:
            period = stored.get((key.kind, key.year, key.number))
            if period is None:
                continue
            report = reports.get((promise.pk, period.pk))
            deadlines.append(
                Deadline(
                    promise=promise,
                    period=period,
                    due_date=(report.due_date if report else None) or period.due_date,
                    status=report.status if report else PeriodReport.Status.DRAFT,
                    today=today,
                )
            )
    return sorted(deadlines, key=lambda d: (d.due_date, d.promise.pk, d.period.pk))


def deadline_get(*, promise: Promise, period: ReportingPeriod) -> datetime.date:
    """The due date of the promise's follow-up for `period`."""
    report = period_report_get(promise=promise, period=period)
    return (report.due_date if report else None) or period.due_date
