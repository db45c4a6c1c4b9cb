"""A published snapshot turned into what the promise page shows. Pure; no database.

The promise page renders the snapshot of the version it shows, so the current
page and every earlier version are drawn by the same code from the official
record. Target against actual follows `loften.followups.progress`, the rules the
read model and reports use.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, pgettext

from loften.followups.progress import (
    AT_MOST,
    PeriodRef,
    Verdict,
    achieved_towards_target,
    figure_is_final,
    progress_share,
    target_met,
    verdict,
)
from loften.promises.models import Comparator, SituationSource, TargetScope
from loften.promises.models import Indicator as IndicatorModel

from .charts import BarChart, bar_chart


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _date_or_none(value: str | None) -> datetime.date | None:
    return None if not value else datetime.date.fromisoformat(value)


@dataclass(frozen=True)
class Period:
    id: int
    kind: str
    year: int
    number: int
    start_date: datetime.date
    end_date: datetime.date
    published: bool

    @property
    def label(self) -> str:
        if self.kind == "tertial":
            return gettext("Tertial %(number)s %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        if self.kind == "quarter":
            return gettext("Quarter %(number)s %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        return gettext("Whole year %(year)s") % {"year": self.year}

    @property
    def short_label(self) -> str:
        """T1…T3, Q1…Q4 or the year, as in the parties' own follow-up tables."""
        if self.kind == "tertial":
            return pgettext("tertial", "T%(number)s") % {"number": self.number}
        if self.kind == "quarter":
            return pgettext("quarter", "Q%(number)s") % {"number": self.number}
        return pgettext("whole year", "Year")

    @property
    def anchor(self) -> str:
        return f"period-{self.id}"


@dataclass(frozen=True)
class Target:
    comparator: str
    value: int
    unit: str
    scope: str

    @property
    def comparator_label(self) -> str:
        return str(Comparator(self.comparator).label)

    @property
    def scope_label(self) -> str:
        return str(TargetScope(self.scope).label)


@dataclass(frozen=True)
class ActivityChange:
    """A published change of an activity's target, text or responsible parties,
    or its removal, with the reason given and the version that published it."""

    activity_id: int
    activity: str
    subject: str  # target, text, responsible, removed
    old: str
    new: str
    reason: str
    version: int
    date: datetime.date | None


def _target_words(data: dict[str, Any] | None) -> str:
    if not data:
        return gettext("no target")
    target = Target(**data)
    words = [target.comparator_label, str(target.value)]
    if target.unit:
        words.append(target.unit)
    return " ".join(words)


def _responsible_words(data: dict[str, Any] | None) -> str:
    if not data:
        return ""
    names = []
    if data.get("responsible_police"):
        names.append(gettext("the police"))
    if data.get("responsible_municipality"):
        names.append(gettext("the municipality"))
    return ", ".join(names + list(data.get("partners") or []))


def activity_change(data: dict[str, Any]) -> ActivityChange:
    subject = data["subject"]
    old, new = data.get("old"), data.get("new")
    if subject == "target":
        old, new = _target_words(old), _target_words(new)
    elif subject == "responsible":
        old, new = _responsible_words(old), _responsible_words(new)
    return ActivityChange(
        activity_id=data["activity_id"],
        activity=data.get("activity", ""),
        subject=subject,
        old=str(old or ""),
        new=str(new or ""),
        reason=data.get("reason", ""),
        version=data["version"],
        date=_date_or_none(data.get("date")),
    )


@dataclass(frozen=True)
class Progress:
    """The figure compared with the target at one period, and the verdict."""

    achieved: int
    target: Target
    # The plain comparison of the figure with the target (as in the read model).
    met: bool | None
    share: float | None
    # Whether the figure is final for the target: the last period it counts over.
    final: bool = True

    @property
    def verdict(self) -> str | None:
        if self.met is None:
            return None
        return verdict(
            self.target.comparator,
            self.target.value,
            self.achieved,
            final=self.final,
        )

    @property
    def is_met(self) -> bool:
        """Met for good: what "target met" counts."""
        return self.verdict == Verdict.MET

    @property
    def percent(self) -> int:
        return round((self.share or 0) * 100)

    @property
    def is_running_total(self) -> bool:
        """Whether the figure adds up several periods (so far this year or in
        the promise) rather than being the period's own."""
        return self.target.scope != "per_period"

    @property
    def shows_bar(self) -> bool:
        # A bar filling up reads as "better"; for "at most" targets it would not.
        return self.target.comparator != AT_MOST and self.share is not None


@dataclass(frozen=True)
class PeriodEntry:
    """One activity in one published period: what was reported, if anything."""

    period: Period
    followup_id: int | None = None
    status_name: str = ""
    status_category: str = ""
    text: str = ""
    quantity: int | None = None
    hours: Decimal | None = None
    progress: Progress | None = None
    # The target this period was judged against, when it has changed since.
    earlier_target: Target | None = None

    @property
    def reported(self) -> bool:
        return self.followup_id is not None

    @property
    def anchor(self) -> str:
        return f"uppfoljning-{self.followup_id}"


@dataclass(frozen=True)
class Party:
    """One responsible party; partners' names are content, not interface text."""

    name: str
    is_content: bool


@dataclass(frozen=True)
class Activity:
    id: int
    text: str
    place: str
    responsible_police: bool
    responsible_municipality: bool
    partners: tuple[str, ...]
    target: Target | None
    commitment_id: int | None
    entries: tuple[PeriodEntry, ...]
    changes: tuple[ActivityChange, ...] = ()

    @property
    def anchor(self) -> str:
        return f"aktivitet-{self.id}"

    @property
    def responsible(self) -> list[str]:
        """Who is responsible, in words: the police, the municipality, partners."""
        return [party.name for party in self.responsible_parties]

    @property
    def responsible_parties(self) -> list["Party"]:
        """Who is responsible: the parties in the interface's words, then the
        partners by their own (Swedish) names."""
        parties = []
        if self.responsible_police:
            parties.append(Party(gettext("the police"), is_content=False))
        if self.responsible_municipality:
            parties.append(Party(gettext("the municipality"), is_content=False))
        return parties + [Party(name, is_content=True) for name in self.partners]

    @property
    def latest(self) -> PeriodEntry | None:
        """The latest period this activity was reported for."""
        reported = [entry for entry in self.entries if entry.reported]
        return reported[-1] if reported else None

    @property
    def latest_progress(self) -> Progress | None:
        """The latest published figure against the target (None without one)."""
        measured = [
            e.progress
            for e in self.entries
            if e.progress and e.progress.met is not None
        ]
        return measured[-1] if measured else None


@dataclass(frozen=True)
class FocusArea:
    id: int | None
    name: str
    slug: str
    activities: tuple[Activity, ...]

    @property
    def anchor(self) -> str:
        return f"fokusomrade-{self.slug or 'ovrigt'}"


@dataclass(frozen=True)
class IndicatorValue:
    year: int
    value: Decimal
    note: str


@dataclass(frozen=True)
class Indicator:
    id: int
    name: str
    description: str
    source: str
    unit: str
    direction: str
    values: tuple[IndicatorValue, ...]
    chart: BarChart | None

    @property
    def direction_label(self) -> str:
        try:
            return str(IndicatorModel.Direction(self.direction).label)
        except ValueError:
            return ""


@dataclass(frozen=True)
class Place:
    name: str
    slug: str
    county: str


@dataclass(frozen=True)
class Source:
    kind: str
    title: str
    year: int | None
    url: str
    note: str

    @property
    def kind_label(self) -> str:
        try:
            return str(SituationSource.Kind(self.kind).label)
        except ValueError:
            return self.kind


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class Contact:
    """A named contact person of the promise and how the public reaches them."""

    kind: str
    name: str
    role: str
    route: str

    @property
    def route_url(self) -> str:
        """A link for an e-mail address, a telephone number or a web address."""
        route = self.route.strip()
        if route.startswith(("https://", "http://")):
            return route
        if "@" in route and " " not in route:
            return f"mailto:{route}"
        digits = "".join(ch for ch in route if ch.isdigit() or ch == "+")
        if len(digits) >= 6 and not any(ch.isalpha() for ch in route):
            return f"tel:{digits}"
        return ""


@dataclass(frozen=True)
class Commitment:
    id: int
    text: str


@dataclass(frozen=True)
class Summary:
    """Counts for the top of the page: "met" counts the activities whose latest
    figure has met the target for good (Verdict.MET)."""

    activities: int
    with_target: int
    measured: int
    met: int


@dataclass(frozen=True)
class PromisePage:
    id: int
    title: str
    slug: str
    status: str
    start_date: datetime.date
    end_date: datetime.date
    cadence: str
    municipalities: tuple[Place, ...]
    police_area: str
    police_region: str
    situation_summary: str
    situation_sources: tuple[Source, ...]
    followup_plan: str
    signing_date: datetime.date | None
    signatories: tuple[Signatory, ...]
    commitments: tuple[Commitment, ...]
    focus_areas: tuple[FocusArea, ...]
    indicators: tuple[Indicator, ...]
    periods: tuple[Period, ...]
    previous_id: int | None
    summary: Summary
    removed_activities: tuple[ActivityChange, ...] = ()
    contacts: tuple["Contact", ...] = ()

    @property
    def is_concluded(self) -> bool:
        return self.status == "concluded"

    @property
    def period_label(self) -> str:
        if self.start_date.year == self.end_date.year:
            return str(self.start_date.year)
        return f"{self.start_date.year}–{self.end_date.year}"

    @property
    def published_periods(self) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if p.published)

    @property
    def unpublished_periods(self) -> tuple[Period, ...]:
        return tuple(p for p in self.periods if not p.published)

    @property
    def municipality_names(self) -> str:
        return ", ".join(place.name for place in self.municipalities)


def _is_final(scope: str, period: Period, all_periods: list[Period]) -> bool:
    """Whether nothing after `period` adds to the figure compared with the target."""

    def ref(p: Period) -> PeriodRef:
        return PeriodRef(p.id, p.year, p.kind, p.number)

    return figure_is_final(
        scope=scope, period=ref(period), periods=[ref(p) for p in all_periods]
    )


def _entries(
    activity: dict[str, Any],
    periods: list[Period],
    followups: dict[tuple[int, int], dict[str, Any]],
    all_periods: list[Period],
) -> tuple[PeriodEntry, ...]:
    target_data = activity.get("target")
    current = Target(**target_data) if target_data else None
    refs = [PeriodRef(p.id, p.year, p.kind, p.number) for p in periods]
    quantities = {
        p.id: followups[(activity["id"], p.id)]["quantity"]
        for p in periods
        if (activity["id"], p.id) in followups
    }
    entries = []
    for period, ref in zip(periods, refs, strict=True):
        followup = followups.get((activity["id"], period.id))
        if followup is None:
            entries.append(PeriodEntry(period=period))
            continue
        progress = None
        # Judged against the target in force when the period was published.
        then = followup.get("target", target_data)
        target = Target(**then) if then else None
        if target is not None:
            achieved = achieved_towards_target(
                scope=target.scope, period=ref, periods=refs, quantities=quantities
            )
            if achieved is not None:
                progress = Progress(
                    achieved=achieved,
                    target=target,
                    met=target_met(target.comparator, target.value, achieved),
                    share=progress_share(target.value, achieved),
                    final=_is_final(target.scope, period, all_periods),
                )
        status = followup.get("status") or {}
        entries.append(
            PeriodEntry(
                period=period,
                followup_id=followup["id"],
                status_name=status.get("name", ""),
                status_category=status.get("category", ""),
                text=followup["text"],
                quantity=followup["quantity"],
                hours=None if followup["hours"] is None else Decimal(followup["hours"]),
                progress=progress,
                earlier_target=target if target != current else None,
            )
        )
    return tuple(entries)


def _activity(activity, periods, followups, all_periods, changes=()) -> Activity:
    target = activity.get("target")
    return Activity(
        id=activity["id"],
        text=activity["text"],
        place=activity.get("place", ""),
        responsible_police=activity["responsible_police"],
        responsible_municipality=activity["responsible_municipality"],
        partners=tuple(activity.get("partners", [])),
        target=Target(**target) if target else None,
        commitment_id=activity.get("commitment_id"),
        entries=_entries(activity, periods, followups, all_periods),
        changes=tuple(c for c in changes if c.activity_id == activity["id"]),
    )


def _focus_areas(
    snapshot, periods, followups, all_periods, changes=()
) -> tuple[FocusArea, ...]:
    """Focus areas in the order they first appear, then activities without one."""
    named = {f["id"]: f for f in snapshot.get("focus_areas", [])}
    groups: dict[int | None, list[Activity]] = {}
    for data in sorted(snapshot["activities"], key=lambda a: (a["order"], a["id"])):
        key = data.get("focus_area_id")
        if key not in named:
            key = None
        groups.setdefault(key, []).append(
            _activity(data, periods, followups, all_periods, changes)
        )
    areas = [
        FocusArea(
            id=key,
            name=named[key]["name"],
            slug=named[key]["slug"],
            activities=tuple(activities),
        )
        for key, activities in groups.items()
        if key is not None
    ]
    if None in groups:
        areas.append(
            FocusArea(
                id=None,
                name=gettext("Other activities"),
                slug="",
                activities=tuple(groups[None]),
            )
        )
    return tuple(areas)


def _indicator(data: dict[str, Any]) -> Indicator:
    values = tuple(
        IndicatorValue(
            year=v["year"], value=Decimal(v["value"]), note=v.get("note", "")
        )
        for v in sorted(data.get("values", []), key=lambda v: v["year"])
    )
    return Indicator(
        id=data["id"],
        name=data["name"],
        description=data.get("description", ""),
        source=data.get("source", ""),
        unit=data.get("unit", ""),
        direction=data.get("direction", ""),
        values=values,
        chart=bar_chart([(str(v.year), v.value) for v in values]),
    )


def _summary(focus_areas: tuple[FocusArea, ...]) -> Summary:
    activities = [a for area in focus_areas for a in area.activities]
    latest = [a.latest_progress for a in activities]
    return Summary(
        activities=len(activities),
        with_target=sum(1 for a in activities if a.target),
        measured=sum(1 for p in latest if p is not None),
        met=sum(1 for p in latest if p is not None and p.is_met),
    )


def promise_page(snapshot: dict[str, Any]) -> PromisePage:
    """Everything the promise page shows, from one published snapshot."""
    promise = snapshot["promise"]
    periods = [
        Period(
            id=p["id"],
            kind=p["kind"],
            year=p["year"],
            number=p["number"],
            start_date=_date(p["start_date"]),
            end_date=_date(p["end_date"]),
            published=bool(p.get("published")),
        )
        for p in snapshot["periods"]
    ]
    published = [p for p in periods if p.published]
    published_ids = {p.id for p in published}
    followups = {
        (f["activity_id"], f["period_id"]): f
        for f in snapshot["followups"]
        if f["period_id"] in published_ids
    }
    changes = tuple(activity_change(c) for c in snapshot.get("activity_changes", []))
    focus_areas = _focus_areas(snapshot, published, followups, periods, changes)
    police_area = promise.get("police_area") or {}
    return PromisePage(
        id=promise["id"],
        title=promise["title"],
        slug=promise["slug"],
        status=promise["status"],
        start_date=_date(promise["start_date"]),
        end_date=_date(promise["end_date"]),
        cadence=promise["cadence"],
        municipalities=tuple(
            Place(name=m["name"], slug=m["slug"], county=m.get("county", ""))
            for m in promise["municipalities"]
        ),
        police_area=police_area.get("name", ""),
        police_region=police_area.get("police_region", ""),
        situation_summary=promise.get("situation_summary", ""),
        situation_sources=tuple(
            Source(
                kind=s["kind"],
                title=s["title"],
                year=s.get("year"),
                url=s.get("url", ""),
                note=s.get("note", ""),
            )
            for s in promise.get("situation_sources", [])
        ),
        followup_plan=promise.get("followup_plan", ""),
        signing_date=_date_or_none(promise.get("signing_date")),
        signatories=tuple(
            Signatory(name=s["name"], title=s["title"], organisation=s["organisation"])
            for s in promise.get("signatories", [])
        ),
        commitments=tuple(
            Commitment(id=c["id"], text=c["text"])
            for c in sorted(
                snapshot["commitments"], key=lambda c: (c["order"], c["id"])
            )
        ),
        focus_areas=focus_areas,
        indicators=tuple(
            _indicator(i)
            for i in sorted(snapshot["indicators"], key=lambda i: (i["order"], i["id"]))
        ),
        periods=tuple(periods),
        previous_id=promise.get("previous_id"),
        summary=_summary(focus_areas),
        removed_activities=tuple(c for c in changes if c.subject == "removed"),
        contacts=tuple(
            Contact(
                kind=c.get("kind", ""),
                name=c["name"],
                role=c.get("role", ""),
                route=c.get("route", ""),
            )
            for c in promise.get("contacts", [])
        ),
    )
