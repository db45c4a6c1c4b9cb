"""Reads for the public site.

Only the public read model (`Published*`) and the published snapshots
(`PromiseVersion`) are read, never the live promise rows, so nothing that has not
been published can appear. Reference data (geography, the focus-area taxonomy and
the parties' contact details) is read as it is. Results are plain dataclasses so
that views can cache them (see cache.py).
"""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.text import slugify

from loften.editor.diffs import readable_changes, snapshot_lookup
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.organisations.models import Organisation
from loften.promises.models import FocusArea
from loften.publication.models import (
    PromiseVersion,
    PublishedPromise,
    PublishedVersionSummary,
)
from loften.publication.snapshot import Change, snapshot_diff

from . import statistics
from .presentation import (
    ActivityChange,
    Period,
    PromisePage,
    activity_change,
    promise_page,
)

# --- Places ---------------------------------------------------------------------------


def county_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)


@dataclass(frozen=True)
class MunicipalityItem:
    name: str
    slug: str
    code: str
    county_code: str
    county_name: str
    region: str
    has_promise: bool

    @property
    def county_slug(self) -> str:
        return county_slug(self.county_name)


@dataclass(frozen=True)
class CountyItem:
    code: str
    name: str
    region: str
    municipalities: tuple[MunicipalityItem, ...]

    @property
    def slug(self) -> str:
        return county_slug(self.name)

    @property
    def with_promise(self) -> int:
        return sum(1 for m in self.municipalities if m.has_promise)


def municipality_directory() -> list[MunicipalityItem]:
    """Every municipality, with whether it has a published promise, by name."""
    rows = (
        Municipality.objects.annotate(
            has_promise=Exists(
                PublishedPromise.objects.filter(municipalities=OuterRef("pk"))
            )
        )
        .order_by("name")
        # Plain rows: 290 municipalities as models with their county and region
        # cost more than the rest of the start page.
        .values_list(
            "name",
            "slug",
            "code",
            "county__code",
            "county__name",
            "county__police_region__name",
            "has_promise",
        )
    )
    return [MunicipalityItem(*row) for row in rows]


def county_directory(municipalities: list[MunicipalityItem]) -> list[CountyItem]:
    """The counties in code order, each with its municipalities."""
    counties: dict[str, list[MunicipalityItem]] = {}
    for item in sorted(municipalities, key=lambda m: (m.county_code, m.name)):
        counties.setdefault(item.county_code, []).append(item)
    return [
        CountyItem(
            code=code,
            name=items[0].county_name,
            region=items[0].region,
            municipalities=tuple(items),
        )
        for code, items in counties.items()
    ]


# --- Promises in lists ----------------------------------------------------------------


@dataclass(frozen=True)
class PlaceLink:
    name: str
    slug: str


@dataclass(frozen=True)
class PromiseItem:
    id: int
    title: str
    slug: str
    start_date: datetime.date
    end_date: datetime.date
    is_concluded: bool
    municipalities: tuple[PlaceLink, ...]
    updated_at: datetime.datetime

    @property
    def period_label(self) -> str:
        if self.start_date.year == self.end_date.year:
            return str(self.start_date.year)
        return f"{self.start_date.year}–{self.end_date.year}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


def with_places(queryset: QuerySet[PublishedPromise]) -> QuerySet[PublishedPromise]:
    return queryset.prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.only("id", "name", "slug").order_by("name"),
        )
    ).defer("situation_summary", "followup_plan")


def promise_item(promise: PublishedPromise) -> PromiseItem:
    """A list entry for a promise fetched with `with_places`."""
    return PromiseItem(
        id=promise.pk,
        title=promise.title,
        slug=promise.slug,
        start_date=promise.start_date,
        end_date=promise.end_date,
        is_concluded=promise.is_concluded,
        municipalities=tuple(
            PlaceLink(name=m.name, slug=m.slug) for m in promise.municipalities.all()
        ),
        updated_at=promise.updated_at,
    )


# --- Publications (versions) ----------------------------------------------------------


def _period(reporting_period) -> Period | None:
    if reporting_period is None:
        return None
    return Period(
        id=reporting_period.id,
        kind=reporting_period.kind,
        year=reporting_period.year,
        number=reporting_period.number,
        start_date=reporting_period.start_date,
        end_date=reporting_period.end_date,
        published=True,
    )


@dataclass(frozen=True)
class VersionItem:
    number: int
    kind: str
    period: Period | None
    published_at: datetime.datetime
    note: str


@dataclass(frozen=True)
class Publication:
    """One published version, with the promise it belongs to."""

    promise: PromiseItem
    version: VersionItem


def _version_item(version: PromiseVersion) -> VersionItem:
    return VersionItem(
        number=version.number,
        kind=version.kind,
        period=_period(version.period),
        published_at=version.published_at,
        note=version.note,
    )


def versions_of_published() -> QuerySet[PromiseVersion]:
    """Every version of the published promises, to be read in date order or
    counted. The promise is compared as `promise_id + 0`, which no index serves,
    so that SQLite walks the versions' date index (which holds the promise)
    instead of fetching every version's row, whose snapshot sits before the
    date."""
    return PromiseVersion.objects.alias(promise_plain=F("promise_id") + 0).filter(
        promise_plain__in=PublishedPromise.objects.values("id")
    )


def publication_list(
    *,
    limit: int,
    kind: str | None = None,
    municipality_slug: str | None = None,
) -> list[Publication]:
    """The latest published versions, newest first (of one kind, for one place)."""
    if municipality_slug is None:
        queryset = versions_of_published()
    else:
        queryset = PromiseVersion.objects.filter(
            promise_id__in=PublishedPromise.objects.filter(
                municipalities__slug=municipality_slug
            ).values("id")
        )
    queryset = queryset.select_related("period")
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    versions = list(queryset.defer("snapshot").order_by("-published_at", "-id")[:limit])
    by_id = {
        p.pk: promise_item(p)
        for p in with_places(PublishedPromise.objects.all()).filter(
            pk__in={v.promise_id for v in versions}
        )
    }
    return [
        Publication(promise=by_id[v.promise_id], version=_version_item(v))
        for v in versions
        if v.promise_id in by_id
    ]


def publication_summaries(
    publications: list[Publication],
) -> dict[tuple[int, int], dict]:
    """{(promise id, version number): what a feed reader is told of the
    publication}, as stored when it was published (`publication/summary.py`)."""
    wanted = {(item.promise.id, item.version.number) for item in publications}
    # Every version of these promises with one of these numbers, then the ones
    # wanted: two plain lists are much cheaper to build into SQL than an OR of
    # one (promise, number) pair per entry.
    rows = PublishedVersionSummary.objects.filter(
        version__promise_id__in={promise_id for promise_id, _ in wanted},
        version__number__in={number for _, number in wanted},
    ).values_list("version__promise_id", "version__number", "summary")
    return {
        (promise_id, number): summary
        for promise_id, number, summary in rows
        if (promise_id, number) in wanted
    }


# --- The promise page -----------------------------------------------------------------


@dataclass(frozen=True)
class PromiseView:
    """A promise page: one published version, its history and related promises."""

    page: PromisePage
    version: VersionItem
    latest_number: int
    versions: tuple[VersionItem, ...]
    first_published_at: datetime.datetime
    previous: PromiseItem | None
    renewals: tuple[PromiseItem, ...]
    changes: tuple[Change, ...] | None  # set on pages of earlier versions

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest_number


def promise_view(*, slug: str, number: int | None = None) -> PromiseView | None:
    """The published promise with `slug`, as its latest version or version `number`."""
    published = PublishedPromise.objects.filter(slug=slug).first()
    if published is None:
        return None
    versions = list(
        PromiseVersion.objects.filter(promise_id=published.pk)
        .select_related("period")
        .defer("snapshot")
        .order_by("-number")
    )
    if number is None:
        number = versions[0].number if versions else 0
    shown = next((v for v in versions if v.number == number), None)
    if shown is None:
        return None
    wanted = [number] if number == versions[0].number else [number, number - 1]
    snapshots = dict(
        PromiseVersion.objects.filter(
            promise_id=published.pk, number__in=wanted
        ).values_list("number", "snapshot")
    )
    changes = None
    if number != versions[0].number:
        changes = tuple(snapshot_diff(snapshots.get(number - 1), snapshots[number]))
    page = promise_page(snapshots[number])
    related = [
        promise_item(p)
        for p in with_places(PublishedPromise.objects.all()).filter(
            Q(pk=page.previous_id) | Q(previous_id=published.pk)
        )
    ]
    return PromiseView(
        page=page,
        version=_version_item(shown),
        latest_number=versions[0].number,
        versions=tuple(_version_item(v) for v in versions),
        first_published_at=published.first_published_at,
        previous=next((p for p in related if p.id == page.previous_id), None),
        renewals=tuple(p for p in related if p.id != page.previous_id),
        changes=changes,
    )


@dataclass(frozen=True)
class VersionChanges:
    """What changed in one published version since the one before, in words."""

    promise_id: int
    title: str
    slug: str
    version: VersionItem
    latest_number: int
    previous_number: int | None
    changes: tuple  # of editor.diffs.ReadableChange
    activity_changes: tuple[ActivityChange, ...]  # with the reasons given
    report_periods: tuple[dict, ...]  # the version's published periods

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest_number


def version_changes(*, slug: str, number: int) -> VersionChanges | None:
    """Version `number` of the published promise `slug` compared with the one
    before it (the first version: everything is new)."""
    published = PublishedPromise.objects.filter(slug=slug).first()
    if published is None:
        return None
    versions = {
        v.number: v
        for v in PromiseVersion.objects.filter(
            promise_id=published.pk, number__in=[number, number - 1]
        ).select_related("period")
    }
    shown = versions.get(number)
    if shown is None:
        return None
    before = versions.get(number - 1)
    old = before.snapshot if before else None
    lookup = snapshot_lookup(old, shown.snapshot)
    latest = (
        PromiseVersion.objects.filter(promise_id=published.pk)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return VersionChanges(
        promise_id=published.pk,
        title=shown.snapshot["promise"]["title"],
        slug=slug,
        version=_version_item(shown),
        latest_number=latest or number,
        previous_number=before.number if before else None,
        changes=tuple(readable_changes(snapshot_diff(old, shown.snapshot), lookup)),
        activity_changes=tuple(
            activity_change(c)
            for c in shown.snapshot.get("activity_changes", [])
            if c.get("version") == number
        ),
        report_periods=tuple(
            {
                "id": p["id"],
                "kind": p["kind"],
                "number": p["number"],
                "year": p["year"],
                "published": p.get("published", False),
            }
            for p in shown.snapshot.get("periods", [])
        ),
    )


# --- The municipality page ------------------------------------------------------------


@dataclass(frozen=True)
class PoliceAreaItem:
    name: str
    region: str
    district: str
    # The other municipalities the police area serves, by name.
    also_serves: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    """Where a party to the promises takes input from residents."""

    name: str
    kind: str
    website: str
    feedback_url: str
    email: str
    phone: str


@dataclass(frozen=True)
class CurrentPromise:
    """A promise that runs today, with its page drawn from the latest version."""

    item: PromiseItem
    page: PromisePage | None


def promise_groups(
    promises: list[PromiseItem], today: datetime.date
) -> tuple[list[PromiseItem], list[PromiseItem], list[PromiseItem]]:
    """(current, upcoming, earlier): those running today, those that start later
    (soonest first) and those that have ended or were concluded (latest first).

    Each promise is in exactly one group; several can run at the same time.
    """
    by_title = sorted(promises, key=lambda p: p.title)
    by_start = sorted(by_title, key=lambda p: p.start_date, reverse=True)
    upcoming = sorted(
        (p for p in promises if p.start_date > today),
        key=lambda p: (p.start_date, p.title),
    )
    earlier = [
        p
        for p in by_start
        if p.start_date <= today and (p.end_date < today or p.is_concluded)
    ]
    current = [p for p in by_start if p not in upcoming and p not in earlier]
    return current, upcoming, earlier


@dataclass(frozen=True)
class MunicipalityPage:
    municipality: MunicipalityItem
    current: tuple[CurrentPromise, ...]  # running today; the latest start first
    upcoming: tuple[PromiseItem, ...]  # starting after today; the soonest first
    earlier: tuple[PromiseItem, ...]  # ended before today; the latest first
    police_areas: tuple[PoliceAreaItem, ...]
    contacts: tuple[Contact, ...]
    publications: tuple[Publication, ...]

    @property
    def has_municipality_contact(self) -> bool:
        return any(c.kind == Organisation.Kind.MUNICIPALITY for c in self.contacts)


def municipality_page(*, slug: str, today: datetime.date) -> MunicipalityPage | None:
    """A municipality's promises grouped by whether they run today, are still to
    come or have ended, with its police areas and where residents give input."""
    place = (
        Municipality.objects.select_related("county__police_region")
        .filter(slug=slug)
        .first()
    )
    if place is None:
        return None
    promises = [
        promise_item(p)
        for p in with_places(
            PublishedPromise.objects.filter(municipalities=place)
        ).order_by("-start_date", "title")
    ]
    running, upcoming, earlier = promise_groups(promises, today)
    snapshots = dict(
        PublishedPromise.objects.filter(pk__in=[p.id for p in running]).values_list(
            "pk", "version__snapshot"
        )
    )
    current = tuple(
        CurrentPromise(
            item=p,
            page=promise_page(snapshots[p.id]) if snapshots.get(p.id) else None,
        )
        for p in running
    )
    areas = list(
        PoliceArea.objects.filter(municipalities=place)
        .select_related("police_region")
        .prefetch_related("municipalities")
        .order_by("name")
    )
    contacts = Organisation.objects.filter(
        Q(kind=Organisation.Kind.MUNICIPALITY, municipality=place)
        | Q(kind=Organisation.Kind.POLICE_AREA, police_area__in=areas)
    ).order_by("kind", "name")
    return MunicipalityPage(
        municipality=MunicipalityItem(
            name=place.name,
            slug=place.slug,
            code=place.code,
            county_code=place.county.code,
            county_name=place.county.name,
            region=place.county.police_region.name,
            has_promise=bool(promises),
        ),
        current=current,
        upcoming=tuple(upcoming),
        earlier=tuple(earlier),
        police_areas=tuple(
            PoliceAreaItem(
                name=a.name,
                region=a.police_region.name,
                district=a.district,
                also_serves=tuple(
                    sorted(m.name for m in a.municipalities.all() if m.pk != place.pk)
                ),
            )
            for a in areas
        ),
        contacts=tuple(
            Contact(
                name=o.name,
                kind=o.kind,
                website=o.website,
                feedback_url=o.feedback_url,
                email=o.contact_email,
                phone=o.contact_phone,
            )
            for o in contacts
            # Only a party with a way to reach it is listed.
            if o.website or o.feedback_url or o.contact_email or o.contact_phone
        ),
        publications=tuple(publication_list(limit=5, municipality_slug=place.slug)),
    )


# --- The start page, the promise list and the filters' choices -----------------------


@dataclass(frozen=True)
class StartPage:
    counties: tuple[CountyItem, ...]
    followups: tuple[Publication, ...]
    promise_count: int


def start_page(*, directory: list[MunicipalityItem]) -> StartPage:
    return StartPage(
        counties=tuple(county_directory(directory)),
        followups=tuple(publication_list(limit=8, kind=PromiseVersion.Kind.PERIOD)),
        promise_count=PublishedPromise.objects.count(),
    )


@dataclass(frozen=True)
class PromiseListPage:
    """One page of the promise list; with a year, each promise's targets met (in
    the chosen focus area only, when there is one)."""

    items: tuple[tuple[PromiseItem, statistics.TargetsMet | None], ...]
    count: int
    number: int
    pages: int


def promise_list_page(
    *, filters: statistics.PromiseFilters, number: int, per_page: int
) -> PromiseListPage:
    promises = with_places(statistics.promises_matching(filters)).order_by(
        "-start_date", "title"
    )
    page = Paginator(promises, per_page).get_page(number)
    items = [promise_item(p) for p in page.object_list]
    met = {}
    if filters.year is not None:
        met = statistics.targets_met_by_promise(
            promise_ids=[item.id for item in items],
            year=filters.year,
            focus_area=filters.focus_area,
        )
    return PromiseListPage(
        items=tuple((item, met.get(item.id)) for item in items),
        count=page.paginator.count,
        number=page.number,
        pages=page.paginator.num_pages,
    )


@dataclass(frozen=True)
class FilterChoices:
    """What the promise list's and the overview's filters offer."""

    years: tuple[int, ...]
    regions: tuple[PoliceRegion, ...]
    counties: tuple[County, ...]
    focus_areas: tuple[FocusArea, ...]


def filter_choices(*, today: datetime.date) -> FilterChoices:
    return FilterChoices(
        years=tuple(statistics.published_years(today=today)),
        regions=tuple(PoliceRegion.objects.order_by("name")),
        counties=tuple(County.objects.order_by("code")),
        focus_areas=tuple(statistics.focus_areas_in_use()),
    )
