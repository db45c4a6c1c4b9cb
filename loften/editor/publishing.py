"""Reads for approving and for the history: the checks before publishing, what
publishing would change, every published version with its changes, and the
audit log."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from loften.core.models import AuditEntry
from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise
from loften.publication import checks
from loften.publication import snapshot as snapshot_rules
from loften.publication.models import PromiseVersion
from loften.publication.selectors import (
    latest_version,
    promise_snapshot_build,
    version_list,
)

from . import diffs

# --- Checks before publishing ---------------------------------------------------------


@dataclass(frozen=True)
class CheckedText:
    where: str
    text: str
    check: checks.TextCheck


@dataclass
class ChecksReport:
    texts: list[CheckedText]
    overall: list[checks.Finding]

    @property
    def blocking(self) -> list[tuple[str, checks.Finding]]:
        return [(t.where, f) for t in self.texts for f in t.check.findings if f.blocks]

    @property
    def warnings(self) -> list[tuple[str, checks.Finding]]:
        found = [(t.where, f) for t in self.texts for f in t.check.warnings]
        return found + [("", f) for f in self.overall]

    @property
    def blocks(self) -> bool:
        return bool(self.blocking)


def _checked(texts: list[checks.PublicText]) -> list[CheckedText]:
    return [
        CheckedText(
            where=t.where, text=t.text, check=checks.check_text(t.text, prose=t.prose)
        )
        for t in texts
    ]


def _activity_facts(snapshot: dict) -> list[checks.ActivityFacts]:
    return [
        checks.ActivityFacts(id=a["id"], text=a["text"], has_target=bool(a["target"]))
        for a in snapshot["activities"]
    ]


def plan_checks(
    *, promise: Promise, today: datetime.date, live: dict | None = None
) -> ChecksReport:
    """The checks of the plan's public texts, and periods that ended without
    every follow-up written."""
    snapshot = live or promise_snapshot_build(promise=promise)
    followed = {(f["activity_id"], f["period_id"]) for f in snapshot["followups"]}
    periods = [
        checks.PeriodFacts(
            id=p["id"],
            label=p["label"],
            ended=datetime.date.fromisoformat(p["end_date"]) < today,
        )
        for p in snapshot["periods"]
    ]
    return ChecksReport(
        texts=_checked(checks.plan_texts(snapshot)),
        overall=checks.missing_signatures(
            signatories=len(snapshot["promise"].get("signatories", [])),
            signing_date=snapshot["promise"].get("signing_date"),
        )
        + checks.missing_followups(
            activities=_activity_facts(snapshot), periods=periods, followed=followed
        ),
    )


def period_checks(*, promise: Promise, period: ReportingPeriod) -> ChecksReport:
    """The checks of one period's follow-up texts, targets that have no quantity
    and activities that have no follow-up."""
    snapshot = promise_snapshot_build(promise=promise)
    activities = _activity_facts(snapshot)
    mine = [f for f in snapshot["followups"] if f["period_id"] == period.pk]
    facts = checks.PeriodFacts(id=period.pk, label=period.label, ended=True)
    written = {f["activity_id"]: f["quantity"] for f in mine}
    with_status = {f["activity_id"] for f in mine if f["status"] is not None}
    return ChecksReport(
        texts=_checked(checks.period_texts(snapshot, period.pk)),
        overall=checks.missing_followups(
            activities=activities,
            periods=[facts],
            followed={(f["activity_id"], period.pk) for f in mine},
        )
        + checks.activities_without_status(
            count=len([a for a in activities if a.id not in with_status]),
            period_label=period.label,
        )
        + checks.targets_without_quantity(
            activities=[a for a in activities if a.id in written],
            period=facts,
            quantities=written,
        ),
    )


# --- History --------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionEntry:
    version: PromiseVersion
    changes: list[diffs.ReadableChange]


def version_history(*, promise: Promise) -> list[VersionEntry]:
    """Every published version, newest first, with what changed from the one
    before it."""
    versions = list(version_list(promise=promise))[::-1]
    entries = []
    previous = None
    for version in versions:
        changes = snapshot_rules.snapshot_diff(
            previous.snapshot if previous else None, version.snapshot
        )
        lookup = diffs.snapshot_lookup(
            previous.snapshot if previous else None, version.snapshot
        )
        entries.append(
            VersionEntry(
                version=version, changes=diffs.readable_changes(changes, lookup)
            )
        )
        previous = version
    return entries[::-1]


@dataclass(frozen=True)
class PendingPeriod:
    period: ReportingPeriod
    changes: list[diffs.ReadableChange]


@dataclass(frozen=True)
class PendingChanges:
    """What publishing now would change compared with the published version."""

    plan: list[diffs.ReadableChange]
    periods: list[PendingPeriod]


def unpublished_changes(
    *, promise: Promise, live: dict | None = None
) -> PendingChanges | None:
    """The draft's differences from the newest published version (None when the
    promise was never published)."""
    latest = latest_version(promise=promise)
    if latest is None:
        return None
    live = live or promise_snapshot_build(promise=promise)
    plan_next = snapshot_rules.merge_plan(latest.snapshot, live)
    plan_next["promise"]["status"] = latest.snapshot["promise"]["status"]
    lookup = diffs.snapshot_lookup(latest.snapshot, live)
    plan = [
        change
        for change in snapshot_rules.snapshot_diff(latest.snapshot, plan_next)
        if change.section != "followup"
    ]
    pending = []
    live_periods = {p["id"] for p in live["periods"]}
    period_ids = sorted({f["period_id"] for f in live["followups"]} & live_periods)
    stored = ReportingPeriod.objects.in_bulk(period_ids)
    for period_id in period_ids:
        merged = snapshot_rules.merge_period(latest.snapshot, live, period_id)
        changes = [
            change
            for change in snapshot_rules.snapshot_diff(latest.snapshot, merged)
            if change.section == "followup"
        ]
        if changes:
            pending.append(
                PendingPeriod(
                    period=stored[period_id],
                    changes=diffs.readable_changes(changes, lookup),
                )
            )
    pending.sort(key=lambda p: (p.period.start_date, p.period.kind == "year"))
    return PendingChanges(plan=diffs.readable_changes(plan, lookup), periods=pending)


def first_publication(*, live: dict) -> list[diffs.ReadableChange]:
    """Everything the plan would publish the first time, item by item, so that
    the approver reads the whole plan before approving it."""
    plan_next = snapshot_rules.merge_plan(None, live)
    return diffs.readable_changes(
        snapshot_rules.snapshot_diff(None, plan_next),
        diffs.snapshot_lookup(live),
    )


def audit_list_for_promise(*, promise: Promise, limit: int = 100) -> QuerySet:
    return AuditEntry.objects.filter(promise_id=promise.pk).select_related("actor")[
        :limit
    ]


def audit_mark(*, promise: Promise) -> int:
    """The id of the promise's newest change-log entry (0 when there is none): the
    approval form carries it, so that a stale approval can show what changed."""
    return (
        AuditEntry.objects.filter(promise_id=promise.pk)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def audit_list_after(*, promise: Promise, mark: int, limit: int = 100) -> QuerySet:
    """The promise's change-log entries written after entry `mark`, oldest first,
    without the approvals themselves (they change no text)."""
    return (
        AuditEntry.objects.filter(promise_id=promise.pk, id__gt=mark)
        .exclude(action__endswith=".approve")
        .select_related("actor")
        .order_by("id")[:limit]
    )
