"""Reads for the editors' screens: the start page, the plan, the activity log and
the follow-up sheet. The checks and the history are in `publishing.py`."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from loften.core.models import User
from loften.followups import periods as period_rules
from loften.followups.models import (
    ActivityEvent,
    FollowUp,
    FollowUpStatus,
    PeriodReport,
    ReportingPeriod,
)
from loften.followups.progress import (
    PeriodRef,
    achieved_towards_target,
    figure_is_final,
    target_met,
    target_verdict,
)
from loften.followups.selectors import (
    BehindTarget,
    Deadline,
    FollowUpsDue,
    activity_event_list,
    activity_list_behind_target,
    deadline_list,
    followup_period_keys,
    followup_status_choices,
    followups_due,
    logged_totals_for_period,
    reporting_period_for_key,
    reporting_period_list_for_promise,
)
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Activity, FocusArea, Promise
from loften.promises.selectors import (
    activity_groups,
    activity_list_for_promise,
    promise_list_for_user,
)
from loften.publication.models import Approval, PromiseVersion
from loften.publication.permissions import approval_organisations
from loften.publication.selectors import (
    approval_list,
    approvals_awaiting,
    approvals_missing,
    latest_version,
)

from .permissions import may_create_promise

STATUS_ORDER = [
    Promise.Status.DRAFT,
    Promise.Status.IN_REVIEW,
    Promise.Status.PUBLISHED,
    Promise.Status.CONCLUDED,
]


# --- The start page -----------------------------------------------------------------


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    promises: list[Promise]


@dataclass(frozen=True)
class AwaitingItem:
    promise: Promise
    period: ReportingPeriod | None
    missing: list[Organisation]
    yours: list[Organisation]


@dataclass(frozen=True)
class Overview:
    memberships: list[Membership]
    groups: list[StatusGroup]
    due: list[FollowUpsDue]
    awaiting: list[AwaitingItem]
    behind: list[BehindTarget]
    can_create: bool
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def nothing_due(self) -> bool:
        return not (self.due or self.awaiting or self.behind or self.deadlines)


# Deadlines this many days ahead are listed on the start page.
DEADLINES_AHEAD_DAYS = 31


def editor_overview(*, user: User, today: datetime.date) -> Overview:
    """What an editor or approver sees first: their organisations, their promises
    by status, and what is due now."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    promises = list(
        promise_list_for_user(user=user)
        .annotate(has_renewal=Exists(Promise.objects.filter(previous=OuterRef("pk"))))
        .order_by("-start_date", "title")
    )
    editable_ids = set(
        promise_list_for_user(user=user, min_role=Membership.Role.EDITOR).values_list(
            "pk", flat=True
        )
    )
    editable = [p for p in promises if p.pk in editable_ids]
    groups = [
        StatusGroup(
            status=status,
            label=str(Promise.Status(status).label),
            promises=[p for p in promises if p.status == status],
        )
        for status in STATUS_ORDER
    ]
    awaiting = []
    for item in approvals_awaiting(promises=promises):
        yours = [
            organisation
            for organisation in approval_organisations(user=user, promise=item.promise)
            if organisation in item.missing
        ]
        awaiting.append(
            AwaitingItem(
                promise=item.promise,
                period=item.period,
                missing=item.missing,
                yours=yours,
            )
        )
    # What the user can act on comes first.
    awaiting.sort(key=lambda item: not item.yours)
    return Overview(
        memberships=memberships,
        groups=[group for group in groups if group.promises],
        due=followups_due(promises=editable, today=today),
        awaiting=awaiting,
        behind=activity_list_behind_target(promises=editable, today=today),
        can_create=may_create_promise(user=user),
        deadlines=[
            deadline
            for deadline in deadline_list(promises=editable, today=today)
            if not deadline.done
            and deadline.period.start_date <= today
            and deadline.days_left <= DEADLINES_AHEAD_DAYS
        ],
    )


# --- The plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    key: period_rules.PeriodKey
    period: ReportingPeriod
    report: PeriodReport | None
    written: int
    total: int
    today: datetime.date

    @property
    def ended(self) -> bool:
        return self.key.end_date < self.today

    @property
    def started(self) -> bool:
        return self.key.start_date <= self.today

    @property
    def due_date(self) -> datetime.date:
        """The promise's own due date for the period, or the period's usual one."""
        own = self.report.due_date if self.report is not None else None
        return own or self.period.due_date

    @property
    def overdue(self) -> bool:
        return self.due_date < self.today and self.written < self.total

    @property
    def status_label(self) -> str:
        if self.report is not None:
            return self.report.get_status_display()
        return str(PeriodReport.Status.DRAFT.label)


def period_rows(*, promise: Promise, today: datetime.date) -> list[PeriodRow]:
    """Every period the promise is followed up for, with how far it has come."""
    keys = followup_period_keys(promise=promise)
    stored = {
        (p.kind, p.year, p.number): p
        for p in reporting_period_list_for_promise(promise=promise)
    }
    reports = {
        report.period_id: report
        for report in PeriodReport.objects.filter(promise=promise)
    }
    written = dict(
        FollowUp.objects.filter(activity__promise=promise)
        .values("period_id")
        .annotate(n=Count("id"))
        .values_list("period_id", "n")
    )
    total = promise.activities.count()
    rows = []
    for key in keys:
        period = stored.get((key.kind, key.year, key.number)) or (
            reporting_period_for_key(key=key)
        )
        rows.append(
            PeriodRow(
                key=key,
                period=period,
                report=reports.get(period.pk) if period.pk else None,
                written=written.get(period.pk, 0) if period.pk else 0,
                total=total,
                today=today,
            )
        )
    return rows


@dataclass(frozen=True)
class ActivityGroup:
    focus_area: FocusArea | None
    activities: list[Activity]

    @property
    def key(self) -> int:
        """The focus area's id, 0 for activities without one (used in URLs)."""
        return self.focus_area.pk if self.focus_area else 0


@dataclass
class PlanView:
    promise: Promise
    sources: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    groups: list[ActivityGroup] = field(default_factory=list)
    periods: list[PeriodRow] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    missing: list[Organisation] = field(default_factory=list)
    latest: PromiseVersion | None = None
    renewals: list[Promise] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(group.activities) for group in self.groups)


def plan_view(*, promise: Promise, today: datetime.date) -> PlanView:
    activities = activity_list_for_promise(promise=promise).annotate(
        event_count=Count("events")
    )
    return PlanView(
        promise=promise,
        sources=list(promise.situation_sources.order_by("order", "id")),
        commitments=list(promise.commitments.order_by("order", "id")),
        signatories=list(promise.signatories.order_by("order", "id")),
        contacts=list(promise.contacts.order_by("order", "id")),
        indicators=list(
            promise.indicators.select_related("focus_area")
            .prefetch_related("values")
            .order_by("order", "id")
        ),
        groups=[
            ActivityGroup(focus_area=area, activities=items)
            for area, items in activity_groups(activities=activities)
        ],
        periods=period_rows(promise=promise, today=today),
        approvals=list(
            approval_list(promise=promise).filter(revision=promise.revision)
        ),
        missing=approvals_missing(promise=promise),
        latest=latest_version(promise=promise),
        renewals=list(promise.renewals.order_by("start_date")),
    )


# --- The activity log -----------------------------------------------------------------


@dataclass(frozen=True)
class LogPeriod:
    period: ReportingPeriod
    events: list[ActivityEvent]

    @property
    def quantity(self) -> int:
        return sum(event.quantity for event in self.events)

    @property
    def hours(self) -> Decimal:
        return sum((event.hours or Decimal(0) for event in self.events), Decimal(0))


def activity_log(*, activity: Activity) -> list[LogPeriod]:
    """The activity's logged occurrences per reporting period, newest first.

    Totals are sums of the log; periods with nothing logged are left out.
    """
    promise = activity.promise
    events = list(activity_event_list(activity=activity))
    keys = period_rules.periods_between(
        promise.cadence, promise.start_date, promise.end_date
    )
    grouped = []
    for key in reversed(keys):
        inside = [e for e in events if key.start_date <= e.date <= key.end_date]
        if inside:
            grouped.append(
                LogPeriod(period=reporting_period_for_key(key=key), events=inside)
            )
    return grouped


def activity_choices_by_promise(
    activities: Iterable[Activity],
) -> list[tuple[Promise, list[Activity]]]:
    """Activities grouped under their promise, for a select with option groups."""
    grouped: dict[int, tuple[Promise, list[Activity]]] = {}
    for activity in activities:
        grouped.setdefault(activity.promise_id, (activity.promise, []))[1].append(
            activity
        )
    return list(grouped.values())


# --- The follow-up sheet --------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One activity on the follow-up screen of a period."""

    activity: Activity
    followup: FollowUp | None
    logged_quantity: int
    logged_hours: Decimal
    logged_count: int
    achieved: int | None
    met: bool | None
    # The verdict of `achieved` (followups.progress.target_verdict), as public
    # pages and reports will show it.
    verdict: str | None
    initial: dict[str, Any]


def followup_sheet(*, promise: Promise, period: ReportingPeriod) -> list[SheetRow]:
    """Every activity with its target, what the log says for the period, the
    follow-up written so far and the values to start the form with."""
    activities = list(activity_list_for_promise(promise=promise))
    followups = list(
        FollowUp.objects.filter(activity__promise=promise).select_related("status")
    )
    by_period: dict[int, dict[int, FollowUp]] = {}
    for item in followups:
        by_period.setdefault(item.activity_id, {})[item.period_id] = item
    logged = logged_totals_for_period(promise=promise, period=period)
    refs = [
        PeriodRef(p.pk, p.year, p.kind, p.number)
        for p in reporting_period_list_for_promise(promise=promise)
    ]
    this = next((ref for ref in refs if ref.id == period.pk), None)
    rows = []
    ordered = [
        a for _area, items in activity_groups(activities=activities) for a in items
    ]
    for activity in ordered:
        own = by_period.get(activity.pk, {})
        followup = own.get(period.pk)
        log = logged.get(activity.pk, {"quantity": 0, "hours": Decimal(0), "count": 0})
        quantities = {pid: f.quantity for pid, f in own.items()}
        if followup is None or followup.quantity is None:
            quantities[period.pk] = log["quantity"] if log["count"] else None
        achieved = None
        if activity.has_target and this is not None:
            achieved = achieved_towards_target(
                scope=activity.target_scope,
                period=this,
                periods=refs,
                quantities=quantities,
            )
        if followup is not None:
            initial = {
                "status": followup.status_id,
                "text": followup.text,
                "quantity": followup.quantity,
                "quantity_note": followup.quantity_note,
                "hours": followup.hours,
                "version": followup.version,
            }
        else:
            initial = {
                "status": None,
                "text": "",
                "quantity": log["quantity"] if log["count"] else None,
                "quantity_note": "",
                "hours": log["hours"] if log["hours"] else None,
                "version": None,
            }
        rows.append(
            SheetRow(
                activity=activity,
                followup=followup,
                logged_quantity=log["quantity"],
                logged_hours=log["hours"],
                logged_count=log["count"],
                achieved=achieved,
                met=target_met(
                    activity.target_comparator, activity.target_value, achieved
                ),
                verdict=target_verdict(
                    comparator=activity.target_comparator,
                    target=activity.target_value,
                    achieved=achieved,
                    final=this is not None
                    and figure_is_final(
                        scope=activity.target_scope, period=this, periods=refs
                    ),
                ),
                initial=initial,
            )
        )
    return rows


def followup_status_options(rows: list[SheetRow]) -> list[FollowUpStatus]:
    """The statuses to choose from: those in use, and any retired one that a
    follow-up on the sheet still has."""
    kept = {row.followup.status_id for row in rows if row.followup is not None}
    return list(
        FollowUpStatus.objects.filter(
            Q(pk__in=followup_status_choices().values("pk")) | Q(pk__in=kept)
        ).order_by("order", "name")
    )
