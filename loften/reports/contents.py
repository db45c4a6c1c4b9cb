"""What a follow-up report says beyond its tables: the parties on the cover, the
summary, an account per focus area, the trend of each effect measure, what
changed since the last report, the approvals and, in a whole-year report, what
each party did and what is promised for next year. Pure; no database.

Every target figure here comes from the rows `layout.report_build` made, whose
verdicts are decided in `loften.followups.progress`; nothing is judged twice.
"""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loften.editor.diffs import readable, snapshot_lookup
from loften.followups.progress import Verdict
from loften.publication.snapshot import snapshot_diff

from .wording import target_text

if TYPE_CHECKING:
    from .layout import ActivityRow, IndicatorRow, Section

# Changes listed in "What changed since the last report"; more are counted.
MAX_CHANGES = 40
PLAN_SECTIONS = ("promise", "commitment", "activity", "indicator")


@dataclass(frozen=True)
class Party:
    """A party on the cover: the municipality or the police area, with its logo."""

    name: str
    kind: str  # Organisation.Kind: municipality, police_area
    logo: bytes | None = None
    logo_type: str = ""  # image/png or image/jpeg


@dataclass(frozen=True)
class ApprovalRecord:
    organisation: str
    person: str
    title: str
    approved_at: datetime.datetime
    comment: str


@dataclass(frozen=True)
class VersionNote:
    """What the publisher wrote about a version: the reason given for a change."""

    number: int
    published_at: datetime.datetime
    note: str


@dataclass(frozen=True)
class ReportSources:
    """What a report needs beyond its snapshot, read by `selectors.report_sources`."""

    parties: tuple[Party, ...] = ()
    approvals: tuple[ApprovalRecord, ...] = ()
    approvals_missing: tuple[str, ...] = ()
    # The snapshot of the last report before this one, and what to call it.
    baseline: dict[str, Any] | None = None
    baseline_label: str = ""
    notes: tuple[VersionNote, ...] = ()
    # The published promise that renews this one (for a whole-year report).
    renewal: dict[str, Any] | None = None


@dataclass(frozen=True)
class Summary:
    with_target: int
    met: int
    within: int  # kept or reached so far, not final
    not_yet: int  # short so far, not final
    not_met: int  # final: short, over a limit, or past an exact target
    unreported: int  # a target, but no figure for the period yet
    statuses: tuple[tuple[str, int], ...]  # activities by status, in order met
    sentence: str


@dataclass(frozen=True)
class ChangeLine:
    sentence: str  # "Changed activity: Target"
    item: str
    old: str
    new: str
    is_target: bool
    reason: str = ""  # the public reason given for changing a published activity


@dataclass(frozen=True)
class Changes:
    since: str  # "tertial 1 (version 3, 2026-05-02)", or the first report's line
    first: bool = False  # no earlier report to compare with
    lines: tuple[ChangeLine, ...] = ()
    more: int = 0
    notes: tuple[VersionNote, ...] = ()


@dataclass(frozen=True)
class Deed:
    """One activity in "What the police did" / "What the municipality did"."""

    activity: str
    facts: str
    text: str
    outcome: str
    together_with: str


@dataclass(frozen=True)
class NextYear:
    title: str
    period: str
    commitments: tuple[str, ...]
    activities: tuple[tuple[str, str, str], ...]  # (focus area, activity, target)


@dataclass(frozen=True)
class YearSections:
    police: tuple[Deed, ...] = ()
    municipality: tuple[Deed, ...] = ()
    next_year: NextYear | None = None


@dataclass(frozen=True)
class Situation:
    summary: str
    sources: tuple[tuple[str, str], ...] = field(default=())  # (title, details)


# --- Summary -------------------------------------------------------------------------

VERDICT_GROUP = {
    Verdict.MET: "met",
    Verdict.WITHIN_SO_FAR: "within",
    Verdict.REACHED_SO_FAR: "within",
    Verdict.NOT_YET: "not_yet",
    Verdict.NOT_MET: "not_met",
    Verdict.EXCEEDED: "not_met",
}


def verdict_counts(rows: Sequence["ActivityRow"]) -> Counter:
    """Activities with a target, by what their verdict at the report's period says."""
    counts: Counter = Counter()
    for row in rows:
        if row.target is None:
            continue
        counts[VERDICT_GROUP.get(row.verdict, "unreported")] += 1
    return counts


def row_status(row: "ActivityRow") -> str:
    """The status an activity has at the report's period: the whole year's in a
    year report, else the latest period's reported so far."""
    if row.year_summary is not None and row.year_summary.status:
        return row.year_summary.status
    for cell in reversed(row.cells):
        if cell is not None and cell.status:
            return cell.status
    return ""


def status_counts(rows: Sequence["ActivityRow"]) -> tuple[tuple[str, int], ...]:
    counts: Counter = Counter()
    for row in rows:
        counts[row_status(row) or _("Not followed up")] += 1
    return tuple(counts.most_common())


def _count_label(key: str, count: int) -> str:
    if key == "within":
        return _("%(count)s within the target so far") % {"count": count}
    if key == "not_yet":
        return _("%(count)s not reached yet") % {"count": count}
    if key == "not_met":
        return _("%(count)s not met") % {"count": count}
    return _("%(count)s without a reported figure") % {"count": count}


def counts_sentence(counts: Counter, *, whole_year: bool) -> str:
    """E.g. "7 av 10 mål nådda hittills i år, 2 inom målet hittills, 1 inte
    nådda ännu"."""
    total = sum(counts.values())
    if not total:
        return _("No activity has a numeric target.")
    values = {"met": counts["met"], "total": total}
    if whole_year:
        parts = [_("%(met)s of %(total)s targets met for the year") % values]
    else:
        parts = [_("%(met)s of %(total)s targets met so far this year") % values]
    parts += [
        _count_label(key, counts[key])
        for key in ("within", "not_yet", "not_met", "unreported")
        if counts[key]
    ]
    return ", ".join(parts)


def summary_build(rows: Sequence["ActivityRow"], *, whole_year: bool) -> Summary:
    """The summary; its sentence ends with a full stop."""
    counts = verdict_counts(rows)
    sentence = counts_sentence(counts, whole_year=whole_year)
    return Summary(
        with_target=sum(counts.values()),
        met=counts["met"],
        within=counts["within"],
        not_yet=counts["not_yet"],
        not_met=counts["not_met"],
        unreported=counts["unreported"],
        statuses=status_counts(rows),
        sentence=sentence if sentence.endswith(".") else f"{sentence}.",
    )


def section_account(section: "Section", *, whole_year: bool) -> str:
    """A short account of one focus area, from its rows: how many activities,
    how their targets stand and their statuses."""
    rows = [row for group in section.groups for row in group.rows]
    first = ngettext("%(count)s activity.", "%(count)s activities.", len(rows)) % {
        "count": len(rows)
    }
    parts = [first]
    counts = verdict_counts(rows)
    if sum(counts.values()):
        parts.append(counts_sentence(counts, whole_year=whole_year) + ".")
    statuses = status_counts(rows)
    parts.append(
        _("Status: %(statuses)s.")
        % {"statuses": ", ".join(f"{name} {count}" for name, count in statuses)}
    )
    return " ".join(parts)


# --- Effect measures ------------------------------------------------------------------


def indicator_trend(indicator: "IndicatorRow", direction: str) -> str:
    """Whether the latest value is better, worse or the same as the one before,
    given the desired direction (`Indicator.Direction`: decrease, increase)."""
    values = indicator.values
    if len(values) < 2:
        return _("Too few values for a trend")
    before, latest = values[-2], values[-1]
    change = latest.value - before.value
    years = {"from": before.year, "to": latest.year}
    if change == 0:
        return _("Unchanged %(from)s–%(to)s") % years
    better = change < 0 if direction == "decrease" else change > 0
    if direction not in {"decrease", "increase"}:
        if change > 0:
            return _("Higher %(from)s–%(to)s") % years
        return _("Lower %(from)s–%(to)s") % years
    if better:
        return _("Better %(from)s–%(to)s") % years
    return _("Worse %(from)s–%(to)s") % years


# --- Changes since the last report ----------------------------------------------------


_RESPONSIBLE_FIELDS = {"responsible_police", "responsible_municipality", "partners"}


def _subject(change) -> str:  # type: ignore[no-untyped-def]
    """The subject a reason is given for ("target", "text", "responsible",
    "removed") that a change of an activity belongs to, or ""."""
    if change.kind == "removed":
        return "removed"
    if change.field in _RESPONSIBLE_FIELDS:
        return "responsible"
    return change.field or ""


def _change_reasons(
    baseline: dict[str, Any], current: dict[str, Any]
) -> dict[tuple[str, str], str]:
    """The reasons given for the changes of published activities published
    since `baseline`, by the activity's text (before and after) and subject. A
    snapshot carries the changes of every earlier version first, so those after
    the baseline's are the new ones."""
    known = len(baseline.get("activity_changes", []))
    reasons: dict[tuple[str, str], str] = {}
    for entry in current.get("activity_changes", [])[known:]:
        reason = (entry.get("reason") or "").strip()
        if not reason:
            continue
        reasons[(entry.get("activity", ""), entry["subject"])] = reason
        if entry["subject"] == "text" and isinstance(entry.get("old"), str):
            reasons[(entry["old"], "text")] = reason
    return reasons


def changes_build(
    current: dict[str, Any], sources: ReportSources, *, first_report: str
) -> Changes:
    """What the plan changed from the last report's snapshot to `current`:
    commitments, activities (targets first), effect measures and the promise's own
    fields, in the editors' history wording (`loften.editor.diffs`), with the
    notes the publishers wrote."""
    if sources.baseline is None:
        return Changes(since=first_report, first=True, notes=sources.notes)
    lookup = snapshot_lookup(sources.baseline, current)
    reasons = _change_reasons(sources.baseline, current)
    plan = [
        change
        for change in snapshot_diff(sources.baseline, current)
        if change.section in PLAN_SECTIONS
        and not (change.section == "promise" and change.field == "status")
    ]
    plan.sort(key=lambda change: change.field != "target")
    lines = []
    for change in plan[:MAX_CHANGES]:
        text = readable(change, lookup)
        lines.append(
            ChangeLine(
                sentence=text.sentence,
                item=text.item,
                old=text.old,
                new=text.new,
                is_target=change.field == "target",
                reason=reasons.get((change.item, _subject(change)), ""),
            )
        )
    return Changes(
        since=sources.baseline_label,
        lines=tuple(lines),
        more=max(0, len(plan) - MAX_CHANGES),
        notes=sources.notes,
    )


# --- The whole year -------------------------------------------------------------------


def _deed(row: "ActivityRow", facts, other: str) -> Deed:
    cell = row.year_summary
    if cell is None:
        cell = next((c for c in reversed(row.cells) if c is not None), None)
    return Deed(
        activity=row.text,
        facts=facts(cell) if cell is not None else "",
        text=cell.text if cell is not None else "",
        outcome=row.outcome_text if row.target is not None else "",
        together_with=other,
    )


def year_sections_build(
    rows: Sequence["ActivityRow"],
    renewal: dict[str, Any] | None,
    *,
    facts,
    period_text,
) -> YearSections:
    """ "Detta har polisen gjort", "Detta har kommunen gjort" and "Vi lovar inför
    nästa år" (from the renewed promise, when one is published). `facts` turns a
    follow-up cell into its figures; `period_text` a promise into its period."""
    police, municipality = [], []
    for row in rows:
        if row.responsible_police:
            others = [_("the municipality")] if row.responsible_municipality else []
            others += list(row.partners)
            police.append(_deed(row, facts, ", ".join(others)))
        if row.responsible_municipality:
            others = [_("the police")] if row.responsible_police else []
            others += list(row.partners)
            municipality.append(_deed(row, facts, ", ".join(others)))
    return YearSections(
        police=tuple(police),
        municipality=tuple(municipality),
        next_year=None if renewal is None else _next_year(renewal, period_text),
    )


def _next_year(snapshot: dict[str, Any], period_text) -> NextYear:
    promise = snapshot["promise"]
    cadence = promise.get("cadence") or "tertial"
    focus = {f["id"]: f["name"] for f in snapshot.get("focus_areas", [])}
    from .layout import activity_target  # the same reading of a target as the tables

    activities = tuple(
        (
            focus.get(a.get("focus_area_id"), _("Other activities")),
            a["text"],
            target_text(activity_target(a), cadence),
        )
        for a in sorted(snapshot["activities"], key=lambda a: (a["order"], a["id"]))
    )
    return NextYear(
        title=promise["title"],
        period=period_text(promise),
        commitments=tuple(
            c["text"]
            for c in sorted(
                snapshot["commitments"], key=lambda c: (c["order"], c["id"])
            )
        ),
        activities=activities,
    )


# --- The situational picture ----------------------------------------------------------


def situation_build(promise: dict[str, Any], *, source_kind) -> Situation:
    """The lägesbild in brief with its sources; `source_kind` names a source kind."""
    sources = []
    for source in promise.get("situation_sources", []):
        details = [source_kind(source.get("kind") or "")]
        if source.get("year"):
            details.append(str(source["year"]))
        if source.get("note"):
            details.append(source["note"])
        if source.get("url"):
            details.append(source["url"])
        sources.append((source["title"], " · ".join(d for d in details if d)))
    return Situation(
        summary=promise.get("situation_summary") or "", sources=tuple(sources)
    )
