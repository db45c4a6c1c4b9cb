"""The follow-up report as plain data. Pure; no database.

`report_build` turns a promise snapshot (the shape of
`loften.publication.selectors.promise_snapshot_build` and of a `PromiseVersion`)
and one of its periods into a `Report`: title, sections with one table per focus
area and commitment, indicators, signatories, and the flat rows (one per activity
and period) that the spreadsheet formats use. The PDF, Word, Excel and CSV
renderers only lay this structure out, so the four formats cannot disagree.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from loften.followups.periods import QUARTER, TERTIAL, YEAR
from loften.followups.progress import (
    PER_YEAR,
    PeriodRef,
    achieved_towards_target,
    figure_is_final,
    target_met,
    target_verdict,
)

from . import contents
from .contents import ReportSources
from .wording import (
    comparator_text,
    direction_text,
    draft_title,
    outcome_text,
    period_heading,
    report_title,
    responsible_text,
    scope_text,
    target_text,
    version_label,
)


class ReportUnavailable(ValueError):
    """The snapshot has no report for the period asked for."""


@dataclass(frozen=True)
class Target:
    comparator: str  # at_least, at_most, exactly
    value: int
    unit: str
    scope: str  # per_period, per_year, whole_promise


@dataclass(frozen=True)
class PeriodColumn:
    """One follow-up column of the activity tables (Tertial 1, Tertial 2, …)."""

    id: int
    code: str
    heading: str
    included: bool  # False for periods after the report's period


@dataclass(frozen=True)
class FollowUpCell:
    period_id: int
    status: str
    status_category: str
    quantity: int | None
    hours: Decimal | None
    text: str


@dataclass(frozen=True)
class ActivityRow:
    id: int
    text: str
    responsible: str
    place: str
    target: Target | None
    target_text: str
    cells: tuple[FollowUpCell | None, ...]  # one per column
    achieved: int | None
    target_met: bool | None
    verdict: str | None  # followups.progress.Verdict, as on the public page
    outcome_text: str
    year_summary: FollowUpCell | None  # the whole-year follow-up, in a year report
    responsible_police: bool = False
    responsible_municipality: bool = False
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommitmentGroup:
    commitment: str | None  # the promise statement, or None for unlinked activities
    rows: tuple[ActivityRow, ...]


@dataclass(frozen=True)
class Section:
    focus_area: str
    groups: tuple[CommitmentGroup, ...]
    account: str = ""  # a short account of the area (contents.section_account)


@dataclass(frozen=True)
class IndicatorValue:
    year: int
    value: Decimal
    note: str


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    description: str
    source: str
    unit: str
    direction: str
    values: tuple[IndicatorValue, ...]
    trend: str = ""


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class DataColumn:
    key: str
    heading: str
    kind: str  # text, int, decimal, bool, date


@dataclass(frozen=True)
class Report:
    title: str
    promise_id: int
    promise_title: str
    municipalities: tuple[str, ...]
    police_area: str | None
    period_id: int
    period_code: str
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    year: int
    is_draft: bool
    version: int | None
    published_at: datetime.datetime | None
    generated_at: datetime.datetime
    commitments: tuple[str, ...]
    columns: tuple[PeriodColumn, ...]
    sections: tuple[Section, ...]
    indicators: tuple[IndicatorRow, ...]
    indicator_years: tuple[int, ...]
    signatories: tuple[Signatory, ...]
    signing_date: datetime.date | None
    data_columns: tuple[DataColumn, ...] = field(default=())
    data_rows: tuple[tuple[Any, ...], ...] = field(default=())
    municipality_codes: tuple[str, ...] = ()
    municipality_slugs: tuple[str, ...] = ()
    parties: tuple[contents.Party, ...] = ()
    summary: contents.Summary | None = None
    situation: contents.Situation | None = None
    followup_plan: str = ""
    changes: contents.Changes | None = None
    approvals: tuple[contents.ApprovalRecord, ...] = ()
    approvals_missing: tuple[str, ...] = ()
    year_sections: contents.YearSections | None = None

    @property
    def activity_rows(self) -> list[ActivityRow]:
        return [row for s in self.sections for g in s.groups for row in g.rows]

    @property
    def document_title(self) -> str:
        """The title in the file's properties (the PDF's Title, Word's and Excel's
        title), which a draft file must not share with the published one."""
        return draft_title(self.title) if self.is_draft else self.title

    @property
    def is_whole_year(self) -> bool:
        return self.period_code == "year"

    @property
    def filename_stem(self) -> str:
        """E.g. medborgarlofte-nassjo-2026-tertial-2: ASCII, the municipality or
        municipalities, the year and the period, so that a saved file says what
        it is; "-utkast" at the end of a draft."""
        stem = filename_stem(
            self.municipality_slugs or self.municipalities, self.year, self.period_code
        )
        return f"{stem}-utkast" if self.is_draft else stem


PERIOD_FILE_WORDS = {"T": "tertial", "Q": "kvartal"}


def ascii_slug(text: str) -> str:
    """Nässjö → nassjo; Upplands Väsby → upplands-vasby."""
    return slugify(text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o"))


def filename_stem(places, year: int, period_code: str) -> str:
    """medborgarlofte-<places>-<year>-<tertial-N | kvartal-N | helar>."""
    names = "-".join(slug for slug in (ascii_slug(p) for p in places) if slug)
    if period_code == "year":
        period = "helar"
    else:
        period = f"{PERIOD_FILE_WORDS.get(period_code[:1], 'period')}-{period_code[1:]}"
    stem = "-".join(
        part for part in ("medborgarlofte", names, str(year), period) if part
    )
    return re.sub(r"-+", "-", stem)[:150]


def data_columns() -> tuple[DataColumn, ...]:
    """The columns of the spreadsheet formats: one row per activity and period."""
    return (
        DataColumn("report", _("Report version"), "text"),
        DataColumn("promise_id", _("Citizen promise id"), "int"),
        DataColumn("promise", _("Citizen promise"), "text"),
        DataColumn("municipality_code", _("Municipality code"), "text"),
        DataColumn("municipalities", _("Municipality"), "text"),
        DataColumn("police_area", _("Police area"), "text"),
        DataColumn("year", _("Year"), "int"),
        DataColumn("period", _("Period"), "text"),
        DataColumn("period_start", _("Period starts"), "date"),
        DataColumn("period_end", _("Period ends"), "date"),
        DataColumn("focus_area", _("Focus area"), "text"),
        DataColumn("commitment", _("Commitment"), "text"),
        DataColumn("activity_id", _("Activity id"), "int"),
        DataColumn("activity", _("Activity"), "text"),
        DataColumn("responsible_police", _("Police responsible"), "bool"),
        DataColumn("responsible_municipality", _("Municipality responsible"), "bool"),
        DataColumn("partners", _("Other responsible partners"), "text"),
        DataColumn("place", _("Place"), "text"),
        DataColumn("target_comparator", _("Target comparator"), "text"),
        DataColumn("target_value", _("Target value"), "int"),
        DataColumn("target_unit", _("Target unit"), "text"),
        DataColumn("target_scope", _("Target applies"), "text"),
        DataColumn("status", _("Status"), "text"),
        DataColumn("quantity", _("Quantity achieved"), "int"),
        DataColumn("hours", _("Hours"), "decimal"),
        DataColumn("achieved_towards_target", _("Counted towards target"), "int"),
        DataColumn("target_met", _("Target met"), "bool"),
        DataColumn("followup", _("Follow-up"), "text"),
    )


# --- Building the report ------------------------------------------------------------


def _date(value: str | None) -> datetime.date | None:
    return None if not value else datetime.date.fromisoformat(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def activity_target(activity: dict[str, Any]) -> Target | None:
    target = activity.get("target")
    if not target or target.get("value") is None:
        return None
    return Target(
        comparator=target["comparator"],
        value=int(target["value"]),
        unit=target.get("unit") or "",
        scope=target.get("scope") or PER_YEAR,
    )


def _cell(followup: dict[str, Any]) -> FollowUpCell:
    status = followup.get("status") or {}
    return FollowUpCell(
        period_id=followup["period_id"],
        status=status.get("name", ""),
        status_category=status.get("category", ""),
        quantity=followup.get("quantity"),
        hours=_decimal(followup.get("hours")),
        text=followup.get("text") or "",
    )


def _ref(period: dict[str, Any]) -> PeriodRef:
    return PeriodRef(period["id"], period["year"], period["kind"], period["number"])


def report_build(
    snapshot: dict[str, Any],
    period_id: int,
    *,
    is_draft: bool,
    generated_at: datetime.datetime,
    version: int | None = None,
    published_at: datetime.datetime | None = None,
    sources: ReportSources | None = None,
) -> Report:
    """The report of `snapshot` for the period `period_id` as of that period.

    A published report (`is_draft=False`) uses only the periods whose follow-up was
    published, and needs `period_id` itself to be published; a draft uses every
    follow-up in the snapshot. Raises ReportUnavailable when there is no such period.
    """
    periods = {p["id"]: p for p in snapshot["periods"]}
    period = periods.get(period_id)
    if period is None or not (is_draft or period.get("published")):
        raise ReportUnavailable(period_id)
    promise = snapshot["promise"]
    cadence = promise.get("cadence") or TERTIAL
    year = period["year"]

    def usable(p: dict[str, Any]) -> bool:
        return is_draft or bool(p.get("published"))

    ordered = sorted(
        snapshot["periods"],
        key=lambda p: (p["year"], p["kind"] == YEAR, p["number"]),
    )
    sub_periods = [p for p in ordered if p["year"] == year and p["kind"] != YEAR]
    column_periods = sub_periods or [period]
    columns = tuple(
        PeriodColumn(
            id=p["id"],
            code=_period_code(p),
            heading=period_heading(p["kind"], p["number"], p["year"]),
            included=usable(p)
            and (period["kind"] == YEAR or p["number"] <= period["number"]),
        )
        for p in column_periods
    )
    included_ids = {c.id for c in columns if c.included}
    year_period = period if period["kind"] == YEAR else None
    if year_period is not None:
        included_ids.add(year_period["id"])
    # Progress counts every usable period up to the report's, earlier years too.
    progress_periods = [
        p
        for p in ordered
        if usable(p)
        and p["kind"] != YEAR
        and (p["year"], p["number"]) <= (year, period["number"] or 99)
    ]
    if year_period is not None:
        progress_periods.append(year_period)
    progress_ids = {p["id"] for p in progress_periods}
    refs = [_ref(p) for p in progress_periods]
    every_period = [_ref(p) for p in ordered]

    followups: dict[int, dict[int, dict[str, Any]]] = {}
    for f in snapshot["followups"]:
        if f["period_id"] in progress_ids:
            followups.setdefault(f["activity_id"], {})[f["period_id"]] = f

    focus_names = {f["id"]: f["name"] for f in snapshot.get("focus_areas", [])}
    commitments = sorted(snapshot["commitments"], key=lambda c: (c["order"], c["id"]))
    commitment_text = {c["id"]: c["text"] for c in commitments}
    commitment_rank = {c["id"]: index for index, c in enumerate(commitments)}
    focus_rank = {f["id"]: i for i, f in enumerate(snapshot.get("focus_areas", []))}

    version_text = version_label(is_draft=is_draft, version=version)
    rows_by_group: dict[tuple, list[ActivityRow]] = {}
    data_rows: list[tuple[Any, ...]] = []
    places = tuple(m["name"] for m in promise.get("municipalities", []))
    codes = tuple(m.get("code") or "" for m in promise.get("municipalities", []))
    police_area = (promise.get("police_area") or {}).get("name")
    activities = sorted(snapshot["activities"], key=lambda a: (a["order"], a["id"]))
    for activity in activities:
        target = activity_target(activity)
        own = followups.get(activity["id"], {})
        quantities = {pid: f.get("quantity") for pid, f in own.items()}
        achieved = achieved_towards_target(
            scope=target.scope if target else PER_YEAR,
            period=_ref(period),
            periods=refs,
            quantities=quantities,
        )
        met = target_met(target.comparator, target.value, achieved) if target else None
        verdict = (
            target_verdict(
                comparator=target.comparator,
                target=target.value,
                achieved=achieved,
                final=figure_is_final(
                    scope=target.scope, period=_ref(period), periods=every_period
                ),
            )
            if target
            else None
        )
        row = ActivityRow(
            id=activity["id"],
            text=activity["text"],
            responsible=responsible_text(activity),
            place=activity.get("place") or "",
            target=target,
            target_text=target_text(target, cadence),
            cells=tuple(
                _cell(own[c.id]) if c.included and c.id in own else None
                for c in columns
            ),
            achieved=achieved,
            target_met=met,
            verdict=verdict,
            outcome_text=outcome_text(
                target=target, achieved=achieved, verdict=verdict
            ),
            year_summary=(
                _cell(own[year_period["id"]])
                if year_period is not None and sub_periods and year_period["id"] in own
                else None
            ),
            responsible_police=bool(activity.get("responsible_police")),
            responsible_municipality=bool(activity.get("responsible_municipality")),
            partners=tuple(activity.get("partners") or []),
        )
        focus_id = activity.get("focus_area_id")
        commitment_id = activity.get("commitment_id")
        if commitment_id not in commitment_text:
            commitment_id = None
        key = (
            focus_rank.get(focus_id, len(focus_rank)) if focus_id else len(focus_rank),
            focus_id if focus_id in focus_names else None,
            commitment_rank.get(commitment_id, len(commitment_rank)),
            commitment_id,
        )
        rows_by_group.setdefault(key, []).append(row)

        for p in [c for c in column_periods if c["id"] in included_ids] + (
            [year_period] if year_period is not None and sub_periods else []
        ):
            cell = _cell(own[p["id"]]) if p["id"] in own else None
            towards = achieved_towards_target(
                scope=target.scope if target else PER_YEAR,
                period=_ref(p),
                periods=refs,
                quantities=quantities,
            )
            data_rows.append(
                (
                    version_text,
                    promise["id"],
                    promise["title"],
                    ", ".join(codes),
                    ", ".join(places),
                    police_area or "",
                    p["year"],
                    period_heading(p["kind"], p["number"], p["year"]),
                    _date(p.get("start_date")),
                    _date(p.get("end_date")),
                    focus_names.get(focus_id, ""),
                    commitment_text.get(commitment_id, ""),
                    activity["id"],
                    activity["text"],
                    bool(activity.get("responsible_police")),
                    bool(activity.get("responsible_municipality")),
                    ", ".join(activity.get("partners") or []),
                    activity.get("place") or "",
                    comparator_text(target.comparator) if target else "",
                    target.value if target else None,
                    target.unit if target else "",
                    scope_text(target.scope, cadence) if target else "",
                    cell.status if cell else "",
                    cell.quantity if cell else None,
                    cell.hours if cell else None,
                    towards if cell else None,
                    target_met(target.comparator, target.value, towards)
                    if target and cell
                    else None,
                    cell.text if cell else "",
                )
            )

    sections: list[Section] = []
    for key in sorted(rows_by_group, key=lambda k: (k[0], k[2])):
        _rank, focus_id, _c_rank, commitment_id = key
        name = focus_names[focus_id] if focus_id is not None else _("Other activities")
        group = CommitmentGroup(
            commitment=commitment_text.get(commitment_id),
            rows=tuple(rows_by_group[key]),
        )
        if sections and sections[-1].focus_area == name:
            sections[-1] = Section(name, (*sections[-1].groups, group))
        else:
            sections.append(Section(name, (group,)))
    whole_year = period["kind"] == YEAR
    sections = [
        Section(
            s.focus_area,
            s.groups,
            contents.section_account(s, whole_year=whole_year),
        )
        for s in sections
    ]

    indicators = tuple(
        IndicatorRow(
            name=i["name"],
            description=i.get("description") or "",
            source=i.get("source") or "",
            unit=i.get("unit") or "",
            direction=direction_text(i.get("direction") or ""),
            values=tuple(
                IndicatorValue(v["year"], Decimal(v["value"]), v.get("note") or "")
                for v in sorted(i.get("values", []), key=lambda v: v["year"])
                if v["year"] <= year
            ),
        )
        for i in sorted(snapshot["indicators"], key=lambda i: (i["order"], i["id"]))
    )
    directions = [
        i.get("direction") or ""
        for i in sorted(snapshot["indicators"], key=lambda i: (i["order"], i["id"]))
    ]
    indicators = tuple(
        IndicatorRow(
            **{
                **indicator.__dict__,
                "trend": contents.indicator_trend(indicator, direction),
            }
        )
        for indicator, direction in zip(indicators, directions, strict=True)
    )
    indicator_years = tuple(sorted({v.year for i in indicators for v in i.values}))

    return Report(
        title=report_title(places, period["kind"], period["number"], year),
        promise_id=promise["id"],
        promise_title=promise["title"],
        municipalities=places,
        police_area=police_area,
        period_id=period["id"],
        period_code=_period_code(period),
        period_label=period_heading(period["kind"], period["number"], year),
        period_start=datetime.date.fromisoformat(period["start_date"]),
        period_end=datetime.date.fromisoformat(period["end_date"]),
        year=year,
        is_draft=is_draft,
        version=version,
        published_at=published_at,
        generated_at=generated_at,
        commitments=tuple(c["text"] for c in commitments),
        columns=columns,
        sections=tuple(sections),
        indicators=indicators,
        indicator_years=indicator_years,
        signatories=tuple(
            Signatory(s["name"], s.get("title") or "", s.get("organisation") or "")
            for s in promise.get("signatories", [])
        ),
        signing_date=_date(promise.get("signing_date")),
        data_columns=data_columns(),
        data_rows=tuple(data_rows),
        municipality_codes=codes,
        municipality_slugs=tuple(
            m.get("slug") or m["name"] for m in promise.get("municipalities", [])
        ),
        **_further_parts(
            snapshot,
            sources or ReportSources(),
            rows=[row for s in sections for g in s.groups for row in g.rows],
            whole_year=whole_year,
        ),
    )


def _promise_period_text(promise: dict[str, Any]) -> str:
    start, end = _date(promise.get("start_date")), _date(promise.get("end_date"))
    if start is None or end is None:
        return ""
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def _source_kind(kind: str) -> str:
    from loften.promises.models import SituationSource

    try:
        return str(SituationSource.Kind(kind).label)
    except ValueError:
        return kind


def _further_parts(
    snapshot: dict[str, Any],
    sources: ReportSources,
    *,
    rows: list[ActivityRow],
    whole_year: bool,
) -> dict[str, Any]:
    """The cover's parties, the summary, the lägesbild, the changes, the
    approvals and, in a whole-year report, the year's own sections."""
    from .renderers.text import cell_facts

    promise = snapshot["promise"]
    return {
        "parties": sources.parties,
        "summary": contents.summary_build(rows, whole_year=whole_year),
        "situation": contents.situation_build(promise, source_kind=_source_kind),
        "followup_plan": promise.get("followup_plan") or "",
        "changes": contents.changes_build(
            snapshot,
            sources,
            first_report=_("This is the first report since the promise was published."),
        ),
        "approvals": sources.approvals,
        "approvals_missing": sources.approvals_missing,
        "year_sections": contents.year_sections_build(
            rows,
            sources.renewal,
            facts=cell_facts,
            period_text=_promise_period_text,
        )
        if whole_year
        else None,
    }


def _period_code(period: dict[str, Any]) -> str:
    if period["kind"] == TERTIAL:
        return f"T{period['number']}"
    if period["kind"] == QUARTER:
        return f"Q{period['number']}"
    return "year"


def report_size(snapshot: dict[str, Any], period_id: int) -> int:
    """How big the report is to render: activities × (the periods of its year +
    the periods it fills in) / 2.

    Every period column costs something for each activity even when it is
    empty, and a filled one about as much again (docs/benchmarks.md), so a
    whole-year report of a tertial promise fills in all four columns and
    counts 4 per activity, a tertial 3 report 3½ and a tertial 2 report 3.
    Used to decide whether to render it at once or in the background.
    """
    periods = {p["id"]: p for p in snapshot["periods"]}
    period = periods.get(period_id)
    activities = len(snapshot["activities"])
    if period is None:
        return activities
    same_year = [p for p in snapshot["periods"] if p["year"] == period["year"]]
    if period["kind"] == YEAR:
        filled = len(same_year)
    else:
        filled = sum(
            1
            for p in same_year
            if p["kind"] == period["kind"] and p["number"] <= period["number"]
        )
    return (activities * (len(same_year) + max(filled, 1)) + 1) // 2
