"""The municipality's action plan (åtgärdsplan) under lag (2023:196) om kommuners
ansvar för brottsförebyggande arbete, as plain data. Pure; no database.

`action_plan_build` turns the snapshots of one or several promises of a
municipality into an `ActionPlan`: background and lägesbild with sources, the
prioritised problems (focus areas and the commitments made for them), the
measures with responsible party, timing and target, how they are followed up,
and the medborgarlöfte's place in the plan. `renderers.action_plan` lays it
out as a Word document for the council to adopt and edit. docs/reports.md says
how the parts map to what the law and Brå's guidance ask for.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from loften.followups.periods import QUARTER, TERTIAL

from .layout import activity_target, ascii_slug
from .wording import direction_text, join_names, responsible_text, target_text


@dataclass(frozen=True)
class Source:
    title: str
    kind: str
    year: int | None
    note: str
    url: str


@dataclass(frozen=True)
class Problem:
    """A prioritised problem: a focus area, what was promised about it and why."""

    rank: int
    name: str
    commitments: tuple[str, ...]
    measures: int
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    number: str  # "2.3": problem and order
    text: str
    responsible: str
    timing: str
    target: str
    place: str
    problem: str
    promise: str


@dataclass(frozen=True)
class Indicator:
    name: str
    source: str
    latest: str  # "27 % (2025)"
    direction: str


@dataclass(frozen=True)
class PromisePart:
    """One medborgarlöfte in the plan."""

    title: str
    period: str
    parties: str
    status: str  # "Publicerad version 3" or "Utkast"
    situation: str
    sources: tuple[Source, ...]
    followup_plan: str
    cadence: str
    signatories: tuple[str, ...]
    signing_date: datetime.date | None


@dataclass(frozen=True)
class ActionPlan:
    municipality: str
    municipality_code: str
    years: str
    title: str
    promises: tuple[PromisePart, ...]
    problems: tuple[Problem, ...]
    measures: tuple[Measure, ...]
    indicators: tuple[Indicator, ...]
    police_areas: tuple[str, ...]
    generated_at: datetime.datetime

    @property
    def filename(self) -> str:
        return f"atgardsplan-{ascii_slug(self.municipality)}-{self.years}.docx"


def _date(value: str | None) -> datetime.date | None:
    return None if not value else datetime.date.fromisoformat(value)


def _years(promises: list[dict[str, Any]]) -> str:
    starts = [_date(p["promise"].get("start_date")) for p in promises]
    ends = [_date(p["promise"].get("end_date")) for p in promises]
    first = min(d.year for d in starts if d)
    last = max(d.year for d in ends if d)
    return str(first) if first == last else f"{first}-{last}"


def _cadence_text(cadence: str) -> str:
    if cadence == TERTIAL:
        return _("per tertial (January–April, May–August, September–December)")
    if cadence == QUARTER:
        return _("per quarter")
    return _("once a year")


def _source_kind(kind: str) -> str:
    from loften.promises.models import SituationSource

    try:
        return str(SituationSource.Kind(kind).label)
    except ValueError:
        return kind


def _number(value: Decimal) -> str:
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, "f").replace(".", ",")


def action_plan_build(
    *,
    municipality: dict[str, Any],
    snapshots: list[dict[str, Any]],
    statuses: list[str],
    generated_at: datetime.datetime,
) -> ActionPlan:
    """The action plan of `municipality` ({"code", "name"}) from the snapshots of
    its promises, the first one leading; `statuses` says for each whether it is
    published ("Publicerad version 3") or a draft."""
    if not snapshots:
        raise ValueError("an action plan needs at least one promise")
    parts: list[PromisePart] = []
    problems: dict[str, dict[str, Any]] = {}
    measures: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    indicators: list[Indicator] = []
    police_areas: list[str] = []
    for snapshot, status in zip(snapshots, statuses, strict=True):
        promise = snapshot["promise"]
        start, end = _date(promise.get("start_date")), _date(promise.get("end_date"))
        period = f"{start.isoformat()} – {end.isoformat()}" if start and end else ""
        police = (promise.get("police_area") or {}).get("name") or ""
        if police and police not in police_areas:
            police_areas.append(police)
        places = [m["name"] for m in promise.get("municipalities", [])]
        parts.append(
            PromisePart(
                title=promise["title"],
                period=period,
                parties=join_names(
                    [_("%(name)s municipality") % {"name": p} for p in places]
                    + ([police] if police else [])
                ),
                status=status,
                situation=promise.get("situation_summary") or "",
                sources=tuple(
                    Source(
                        title=s["title"],
                        kind=_source_kind(s.get("kind") or ""),
                        year=s.get("year"),
                        note=s.get("note") or "",
                        url=s.get("url") or "",
                    )
                    for s in promise.get("situation_sources", [])
                ),
                followup_plan=promise.get("followup_plan") or "",
                cadence=_cadence_text(promise.get("cadence") or TERTIAL),
                signatories=tuple(
                    ", ".join(
                        part
                        for part in (s["name"], s.get("title"), s.get("organisation"))
                        if part
                    )
                    for s in promise.get("signatories", [])
                ),
                signing_date=_date(promise.get("signing_date")),
            )
        )
        focus = {f["id"]: f["name"] for f in snapshot.get("focus_areas", [])}
        commitments = {c["id"]: c["text"] for c in snapshot["commitments"]}
        for activity in sorted(
            snapshot["activities"], key=lambda a: (a["order"], a["id"])
        ):
            name = focus.get(activity.get("focus_area_id")) or _("Other measures")
            problem = problems.setdefault(
                name, {"commitments": [], "measures": 0, "indicators": []}
            )
            problem["measures"] += 1
            commitment = commitments.get(activity.get("commitment_id"))
            if commitment and commitment not in problem["commitments"]:
                problem["commitments"].append(commitment)
            measures.append((name, activity, snapshot))
        for indicator in sorted(
            snapshot["indicators"], key=lambda i: (i["order"], i["id"])
        ):
            values = sorted(indicator.get("values", []), key=lambda v: v["year"])
            latest = ""
            if values:
                unit = indicator.get("unit") or ""
                latest = f"{_number(Decimal(values[-1]['value']))} {unit}".strip()
                latest += f" ({values[-1]['year']})"
            indicators.append(
                Indicator(
                    name=indicator["name"],
                    source=indicator.get("source") or "",
                    latest=latest,
                    direction=direction_text(indicator.get("direction") or ""),
                )
            )
            area = indicator.get("focus_area")
            if area and area in problems:
                problems[area]["indicators"].append(indicator["name"])

    ranks = {name: index for index, name in enumerate(problems, start=1)}
    counters: dict[str, int] = {}
    measure_rows = []
    for name, activity, snapshot in measures:
        counters[name] = counters.get(name, 0) + 1
        promise = snapshot["promise"]
        start, end = _date(promise.get("start_date")), _date(promise.get("end_date"))
        cadence = promise.get("cadence") or TERTIAL
        measure_rows.append(
            Measure(
                number=f"{ranks[name]}.{counters[name]}",
                text=activity["text"],
                responsible=responsible_text(activity),
                timing=(
                    f"{start.isoformat()} – {end.isoformat()}" if start and end else ""
                ),
                target=target_text(activity_target(activity), cadence),
                place=activity.get("place") or "",
                problem=name,
                promise=promise["title"],
            )
        )
    measure_rows.sort(key=lambda m: tuple(int(n) for n in m.number.split(".")))
    years = _years(snapshots)
    return ActionPlan(
        municipality=municipality["name"],
        municipality_code=municipality.get("code") or "",
        years=years,
        title=_(
            "Action plan for crime prevention in %(municipality)s municipality "
            "%(years)s"
        )
        % {"municipality": municipality["name"], "years": years.replace("-", "–")},
        promises=tuple(parts),
        problems=tuple(
            Problem(
                rank=ranks[name],
                name=name,
                commitments=tuple(data["commitments"]),
                measures=data["measures"],
                indicators=tuple(data["indicators"]),
            )
            for name, data in problems.items()
        ),
        measures=tuple(measure_rows),
        indicators=tuple(indicators),
        police_areas=tuple(police_areas),
        generated_at=generated_at,
    )
