"""A national data set for benchmarks: a published promise for every municipality
and year, plainly labelled as generated.

The content of each promise is decided first (`promise_spec`, pure), then built
in bulk: the working model with `bulk_create`, each version's snapshot through
the publication's own selector and merge rules (`promise_snapshot_build`,
`snapshot.merge_plan`, `snapshot.merge_period`), the feeds' summary of each
version through `version_summaries_store` and the public read model through
`read_model_build_first`, which sends the signal the search index follows.
What is skipped is what no public page shows: approvals, audit entries and the
activity log. `loften/examples/tests/test_generated.py` builds the same spec
through the editors' services and checks that the published snapshot and the
read model are the same, field by field.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from loften.followups import periods as period_rules
from loften.followups.models import (
    FollowUp,
    FollowUpStatus,
    PeriodReport,
)
from loften.followups.services import reporting_period_get_or_create
from loften.geography.models import Municipality, PoliceArea
from loften.promises.models import (
    Activity,
    Cadence,
    Commitment,
    FocusArea,
    Indicator,
    IndicatorValue,
    Promise,
    Signatory,
    SituationSource,
)
from loften.publication import snapshot as snapshot_rules
from loften.publication.models import PromiseVersion
from loften.publication.read_model import (
    read_model_build_first,
    version_summaries_store,
)

from . import content

GENERATED_LABEL = "genererad testdata"
SLUG_PREFIX = "genererad-"
CADENCE_FOR_PERIODS = {1: Cadence.YEAR, 3: Cadence.TERTIAL, 4: Cadence.QUARTER}


class GenerationRefused(Exception):
    """The database is not one generated data may be written to."""


@dataclass(frozen=True)
class ActivitySpec:
    text: str
    focus_area: str
    commitment: int | None
    responsible_police: bool
    responsible_municipality: bool
    target: tuple[str, int, str, str] | None
    place: str


@dataclass(frozen=True)
class FollowUpSpec:
    activity: int
    period: period_rules.PeriodKey
    status: str  # a FollowUpStatus category
    text: str
    quantity: int | None
    hours: Decimal | None


@dataclass
class PromiseSpec:
    municipality: Municipality
    police_area_id: int | None
    year: int
    title: str
    slug: str
    cadence: str
    situation_summary: str
    followup_plan: str
    signing_date: datetime.date
    sources: list[dict] = field(default_factory=list)
    signatories: list[tuple[str, str, str]] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    activities: list[ActivitySpec] = field(default_factory=list)
    indicator: dict | None = None
    followups: list[FollowUpSpec] = field(default_factory=list)
    # The periods whose follow-up is published, in the order they were.
    published: list[period_rules.PeriodKey] = field(default_factory=list)

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)


def _number(*parts: object) -> int:
    """A stable pseudo-random number from `parts` (the same data on every run)."""
    raw = "|".join(str(part) for part in parts).encode()
    return int.from_bytes(hashlib.sha256(raw).digest()[:4], "big")


ACTIVITY_TEMPLATES = content.NASSJO_ACTIVITIES + content.ANEBY_ACTIVITIES


def promise_spec(
    *,
    municipality: Municipality,
    police_area_id: int | None,
    year: int,
    activities: int,
    periods: int,
    today: datetime.date,
) -> PromiseSpec:
    """What the generated promise of `municipality` for `year` says. Pure."""
    name = municipality.name
    cadence = CADENCE_FOR_PERIODS[periods]
    spec = PromiseSpec(
        municipality=municipality,
        police_area_id=police_area_id,
        year=year,
        title=f"Medborgarlöfte {name} {year} ({GENERATED_LABEL})",
        slug=f"{SLUG_PREFIX}{municipality.slug}-{year}",
        cadence=cadence,
        situation_summary=(
            f"Genererad testdata för prestandamätning, inte ett verkligt löfte. "
            f"Boende i {name} känner sig otrygga i centrum kvällstid, och skola "
            "och socialtjänst ser fler unga i riskzon."
        ),
        followup_plan=content.FOLLOWUP_PLAN,
        signing_date=datetime.date(year - 1, 12, 10),
        sources=[dict(source, year=year - 1) for source in content.SITUATION_SOURCES],
        signatories=[
            ("Kommunstyrelsens ordförande", "Ordförande", f"{name} kommun"),
            ("Lokalpolisområdeschef", "Chef", "Lokalpolisområdet"),
        ],
        commitments=list(content.NASSJO_COMMITMENTS),
    )
    first = _number(municipality.code, year) % len(ACTIVITY_TEMPLATES)
    for index in range(activities):
        (area, commitment, text, police, municipal, _partners, target, where, _c) = (
            ACTIVITY_TEMPLATES[(first + index) % len(ACTIVITY_TEMPLATES)]
        )
        if commitment is not None and commitment >= len(spec.commitments):
            commitment = None
        spec.activities.append(
            ActivitySpec(
                text=text,
                focus_area=area,
                commitment=commitment,
                responsible_police=police,
                responsible_municipality=municipal,
                target=target,
                place=f"{where.split()[-1]} i {name}" if where else "",
            )
        )
    spec.indicator = dict(
        content.INDICATORS[0],
        values={year - 2: "31", year - 1: "29"},
    )
    keys = period_rules.periods_for_cadence(cadence, spec.start_date, spec.end_date)
    spec.published = [key for key in keys if key.end_date < today]
    totals: dict[int, int] = {}
    for key in spec.published:
        for index, activity in enumerate(spec.activities):
            if key.kind == period_rules.YEAR and cadence != Cadence.YEAR:
                done = totals.get(index, 0)
            else:
                done = _number(municipality.code, year, key, index) % 12
                totals[index] = totals.get(index, 0) + done
            spec.followups.append(_followup(index, activity, key, done))
    return spec


def _followup(index: int, activity: ActivitySpec, key, done: int) -> FollowUpSpec:
    if activity.target is None:
        status = FollowUpStatus.Category.ONGOING
    elif done >= activity.target[1]:
        status = FollowUpStatus.Category.DONE
    elif done:
        status = FollowUpStatus.Category.PARTLY_DONE
    else:
        status = FollowUpStatus.Category.NOT_DONE
    return FollowUpSpec(
        activity=index,
        period=key,
        status=status,
        text=content.followup_text(activity.target[2] if activity.target else "", done),
        quantity=done if activity.target else None,
        hours=Decimal(done) * Decimal("2.5") if activity.responsible_police else None,
    )


def published_at(spec: PromiseSpec, number: int) -> datetime.datetime:
    """When version `number` (1 the plan, then each period) came out: the plan on
    the signing date, a period's follow-up ten days after it ended."""
    day = (
        spec.signing_date + datetime.timedelta(days=5)
        if number == 1
        else spec.published[number - 2].end_date + datetime.timedelta(days=10)
    )
    moment = datetime.datetime.combine(day, datetime.time(10, 0))
    return min(timezone.make_aware(moment), timezone.now())


# --- Checks ------------------------------------------------------------------------


def generation_refusal() -> str | None:
    """Why generated data may not be written here, or None."""
    if settings.PRODUCTION:
        return "Generated data is never written in production mode."
    real = Promise.objects.exclude(slug__startswith=SLUG_PREFIX)
    if real.exists():
        return (
            f"The database holds {real.count()} promises that were not generated; "
            "generate benchmark data into an empty database of its own."
        )
    if Promise.objects.exists():
        return (
            "The database already holds generated data; drop it and migrate again "
            "to generate a new set."
        )
    return None


# --- Building in bulk --------------------------------------------------------------


@dataclass
class GenerationResult:
    promises: int = 0
    versions: int = 0
    activities: int = 0
    followups: int = 0


def benchmark_data_generate(
    *,
    years: int,
    activities: int = 8,
    periods: int = 4,
    today: datetime.date | None = None,
    municipalities: list[Municipality] | None = None,
    progress: Callable[[str], None] | None = None,
) -> GenerationResult:
    """Generate a published promise per municipality for each of the last
    `years` years (this year included)."""
    if periods not in CADENCE_FOR_PERIODS:
        raise ValueError("periods must be 1, 3 or 4 (a year, tertials or quarters).")
    if not 1 <= activities <= len(ACTIVITY_TEMPLATES):
        raise ValueError(f"activities must be 1 to {len(ACTIVITY_TEMPLATES)}.")
    refusal = generation_refusal()
    if refusal:
        raise GenerationRefused(refusal)
    today = today or timezone.localdate()
    places = municipalities or list(
        Municipality.objects.select_related("county__police_region").order_by("code")
    )
    police_areas = dict(
        Municipality.police_areas.through.objects.order_by("policearea_id").values_list(
            "municipality_id", "policearea_id"
        )
    )
    result = GenerationResult()
    previous: dict[int, int] = {}
    for year in range(today.year - years + 1, today.year + 1):
        specs = [
            promise_spec(
                municipality=place,
                police_area_id=police_areas.get(place.pk),
                year=year,
                activities=activities,
                periods=periods,
                today=today,
            )
            for place in places
        ]
        with transaction.atomic():
            promises = promises_build(specs, previous=previous)
        previous = {
            spec.municipality.pk: p.pk for spec, p in zip(specs, promises, strict=True)
        }
        result.promises += len(promises)
        result.versions += sum(1 + len(spec.published) for spec in specs)
        result.activities += sum(len(spec.activities) for spec in specs)
        result.followups += sum(len(spec.followups) for spec in specs)
        if progress:
            progress(f"{year}: {len(promises)} promises")
    # The tables grew from nothing in bulk: give the query planner their sizes,
    # and PostgreSQL its visibility map (index-only scans), now rather than when
    # autovacuum comes round, so that the pages measured right after are
    # planned as they will be. VACUUM cannot run inside a transaction.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return result


def promises_build(
    specs: list[PromiseSpec], *, previous: dict[int, int] | None = None
) -> list[Promise]:
    """Write the promises of `specs` (their working model, versions and read
    model) in bulk; `previous` maps a municipality to the promise renewed."""
    previous = previous or {}
    focus_areas = {area.slug: area for area in FocusArea.objects.all()}
    statuses: dict[str, FollowUpStatus] = {}
    for status in FollowUpStatus.objects.order_by("order", "pk"):
        statuses.setdefault(status.category, status)
    keys = {
        key
        for spec in specs
        for key in period_rules.periods_for_cadence(
            spec.cadence, spec.start_date, spec.end_date
        )
    }
    periods = {
        key: reporting_period_get_or_create(
            kind=key.kind, year=key.year, number=key.number
        )
        for key in keys
    }
    police_areas = {
        area.pk: area
        for area in PoliceArea.objects.select_related("police_region").filter(
            pk__in={spec.police_area_id for spec in specs}
        )
    }
    promises = Promise.objects.bulk_create(
        Promise(
            title=spec.title,
            slug=spec.slug,
            police_area_id=spec.police_area_id,
            start_date=spec.start_date,
            end_date=spec.end_date,
            cadence=spec.cadence,
            status=Promise.Status.PUBLISHED,
            situation_summary=spec.situation_summary,
            followup_plan=spec.followup_plan,
            signing_date=spec.signing_date,
            previous_id=previous.get(spec.municipality.pk),
        )
        for spec in specs
    )
    built = [
        _Built(spec, promise) for spec, promise in zip(specs, promises, strict=True)
    ]
    Promise.municipalities.through.objects.bulk_create(
        Promise.municipalities.through(
            promise_id=b.promise.pk, municipality_id=b.spec.municipality.pk
        )
        for b in built
    )
    SituationSource.objects.bulk_create(
        SituationSource(promise=b.promise, order=(n + 1) * 10, **source)
        for b in built
        for n, source in enumerate(b.spec.sources)
    )
    Signatory.objects.bulk_create(
        Signatory(
            promise=b.promise,
            name=name,
            title=title,
            organisation=organisation,
            order=(n + 1) * 10,
        )
        for b in built
        for n, (name, title, organisation) in enumerate(b.spec.signatories)
    )
    for b in built:
        b.commitments = [
            Commitment(promise=b.promise, text=text, order=(n + 1) * 10)
            for n, text in enumerate(b.spec.commitments)
        ]
    Commitment.objects.bulk_create(c for b in built for c in b.commitments)
    for b in built:
        b.activities = [
            _activity(b, a, n, focus_areas) for n, a in enumerate(b.spec.activities)
        ]
    Activity.objects.bulk_create(a for b in built for a in b.activities)
    for b in built:
        if b.spec.indicator:
            b.indicator = _indicator(b, focus_areas)
    Indicator.objects.bulk_create(b.indicator for b in built if b.indicator)
    for b in built:
        if b.indicator:
            b.values = [
                IndicatorValue(
                    indicator=b.indicator,
                    year=value_year,
                    value=Decimal(value),
                    note=GENERATED_LABEL,
                )
                for value_year, value in sorted(b.spec.indicator["values"].items())
            ]
    IndicatorValue.objects.bulk_create(v for b in built for v in b.values)
    for b in built:
        b.followups = [
            FollowUp(
                activity=b.activities[f.activity],
                period=periods[f.period],
                status=statuses[f.status],
                text=f.text,
                quantity=f.quantity,
                hours=f.hours,
            )
            for f in b.spec.followups
        ]
    FollowUp.objects.bulk_create(f for b in built for f in b.followups)
    PeriodReport.objects.bulk_create(
        PeriodReport(
            promise=b.promise, period=periods[key], status=PeriodReport.Status.PUBLISHED
        )
        for b in built
        for key in b.spec.published
    )
    versions = [
        version
        for b in built
        for version in _versions(b, periods, police_areas.get(b.spec.police_area_id))
    ]
    PromiseVersion.objects.bulk_create(versions)
    # Each promise's versions come in order: the one before a version is the
    # item before it in the list when that belongs to the same promise.
    version_summaries_store(
        [
            (version, before.snapshot if _same_promise(before, version) else None)
            for before, version in zip([None, *versions], versions, strict=False)
        ]
    )
    latest = {version.promise_id: version for version in versions}
    read_model_build_first(
        [latest[b.promise.pk] for b in built],
        {v.promise_id: v.published_at for v in versions if v.number == 1},
    )
    return promises


def _same_promise(before: PromiseVersion | None, version: PromiseVersion) -> bool:
    return before is not None and before.promise_id == version.promise_id


@dataclass
class _Built:
    """One spec's rows as they are written."""

    spec: PromiseSpec
    promise: Promise
    commitments: list[Commitment] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    indicator: Indicator | None = None
    values: list[IndicatorValue] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)


def _activity(b: _Built, a: ActivitySpec, n: int, focus_areas) -> Activity:
    comparator, value, unit, scope = a.target or ("", None, "", "per_year")
    area = focus_areas.get(a.focus_area)
    return Activity(
        promise=b.promise,
        text=a.text,
        focus_area=area,
        commitment=None if a.commitment is None else b.commitments[a.commitment],
        responsible_police=a.responsible_police,
        responsible_municipality=a.responsible_municipality,
        target_comparator=comparator,
        target_value=value,
        target_unit=unit,
        target_scope=scope,
        place=a.place,
        order=(n + 1) * 10,
    )


def _indicator(b: _Built, focus_areas) -> Indicator:
    row = b.spec.indicator or {}
    return Indicator(
        promise=b.promise,
        name=row["name"],
        source=row["source"],
        unit=row["unit"],
        direction=row["direction"],
        focus_area=focus_areas.get(row["focus_area"] or ""),
        order=10,
    )


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _live_snapshot(b: _Built, periods, police_area) -> dict[str, Any]:
    """What `promise_snapshot_build` reads for the promise, from the rows just
    written (the test holds the two to the same result)."""
    spec, promise = b.spec, b.promise
    place = spec.municipality
    focus_areas: dict[int, dict[str, Any]] = {}
    for activity in b.activities:
        if activity.focus_area and activity.focus_area_id not in focus_areas:
            focus_areas[activity.focus_area_id] = {
                "id": activity.focus_area.id,
                "name": activity.focus_area.name,
                "slug": activity.focus_area.slug,
            }
    keys = period_rules.periods_for_cadence(
        spec.cadence, spec.start_date, spec.end_date
    )
    return {
        "format": snapshot_rules.FORMAT,
        "promise": {
            "id": promise.id,
            "title": promise.title,
            "slug": promise.slug,
            "status": promise.status,
            "start_date": spec.start_date.isoformat(),
            "end_date": spec.end_date.isoformat(),
            "cadence": promise.cadence,
            "municipalities": [
                {
                    "id": place.id,
                    "code": place.code,
                    "name": place.name,
                    "slug": place.slug,
                    "county_code": place.county.code,
                    "county": place.county.name,
                    "police_region": place.county.police_region.name,
                }
            ],
            "police_area": None
            if police_area is None
            else {
                "id": police_area.id,
                "name": police_area.name,
                "police_region": police_area.police_region.name,
            },
            "situation_summary": promise.situation_summary,
            "situation_sources": [
                {
                    "kind": s["kind"],
                    "title": s["title"],
                    "year": s["year"],
                    "url": s.get("url", ""),
                    "note": s.get("note", ""),
                }
                for s in spec.sources
            ],
            "followup_plan": promise.followup_plan,
            "signing_date": spec.signing_date.isoformat(),
            "signatories": [
                {"name": name, "title": title, "organisation": organisation}
                for name, title, organisation in spec.signatories
            ],
            "contacts": [],  # generated promises name no contact persons
            "previous_id": promise.previous_id,
        },
        "commitments": [
            {"id": c.id, "text": c.text, "order": c.order} for c in b.commitments
        ],
        "focus_areas": list(focus_areas.values()),
        "activities": [
            {
                "id": a.id,
                "text": a.text,
                "order": a.order,
                "commitment_id": a.commitment_id,
                "focus_area_id": a.focus_area_id,
                "responsible_police": a.responsible_police,
                "responsible_municipality": a.responsible_municipality,
                "partners": [],
                "target": None
                if a.target_value is None
                else {
                    "comparator": a.target_comparator,
                    "value": a.target_value,
                    "unit": a.target_unit,
                    "scope": a.target_scope,
                },
                "place": a.place,
            }
            for a in b.activities
        ],
        "indicators": []
        if b.indicator is None
        else [
            {
                "id": b.indicator.id,
                "name": b.indicator.name,
                "description": b.indicator.description,
                "source": b.indicator.source,
                "unit": b.indicator.unit,
                "direction": b.indicator.direction,
                "focus_area_id": b.indicator.focus_area_id,
                "focus_area": b.indicator.focus_area.name
                if b.indicator.focus_area
                else "",
                "order": b.indicator.order,
                "values": [
                    {
                        "id": v.id,
                        "year": v.year,
                        "value": _decimal(v.value),
                        "note": v.note,
                    }
                    for v in b.values
                ],
            }
        ],
        "periods": [
            {
                "id": p.id,
                "kind": p.kind,
                "year": p.year,
                "number": p.number,
                "code": p.code,
                "label": p.label,
                "short_label": p.short_label,
                "start_date": p.start_date.isoformat(),
                "end_date": p.end_date.isoformat(),
                "published": False,
            }
            for p in (periods[key] for key in keys)
        ],
        "followups": [
            {
                "id": f.id,
                "activity_id": f.activity_id,
                "period_id": f.period_id,
                "status": None
                if f.status is None
                else {"name": f.status.name, "category": f.status.category},
                "text": f.text,
                "quantity": f.quantity,
                "hours": _decimal(f.hours),
            }
            for f in sorted(b.followups, key=lambda f: (f.period_id, f.activity_id))
        ],
    }


def _versions(b: _Built, periods, police_area) -> list[PromiseVersion]:
    """The versions the publication services write for the plan and then each
    period in turn (`promise_publish`, `period_report_publish`)."""
    live = _live_snapshot(b, periods, police_area)
    snapshot = snapshot_rules.merge_plan(None, live)
    snapshot["promise"]["status"] = Promise.Status.PUBLISHED
    # A first publication records no changes of published activities.
    snapshot_rules.record_activity_changes(
        None, snapshot, reasons={}, version=1, date=""
    )
    versions = [
        PromiseVersion(
            promise=b.promise,
            number=1,
            kind=PromiseVersion.Kind.PLAN,
            snapshot=snapshot,
            published_at=published_at(b.spec, 1),
        )
    ]
    for number, key in enumerate(b.spec.published, start=2):
        snapshot = snapshot_rules.merge_period(snapshot, live, periods[key].pk)
        versions.append(
            PromiseVersion(
                promise=b.promise,
                number=number,
                kind=PromiseVersion.Kind.PERIOD,
                period=periods[key],
                snapshot=snapshot,
                published_at=published_at(b.spec, number),
            )
        )
    return versions
