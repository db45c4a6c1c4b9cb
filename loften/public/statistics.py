"""Figures for the national overview and the list of promises: database aggregates
over the public read model.

"Met" is defined once, here: an activity with a target met it in a year when its
latest published figure in that year meets the target for good. The latest
figure is the one of the whole-year follow-up when that is published, otherwise
of the year's last published tertial or quarter, so for a year that is not over
it is the result so far. "For good" (`loften.followups.progress.met_for_good`):
an "at least" target reached counts at once; an "at most" or "exactly" target
only when the figure is final, since later periods can still pass it; until
then it counts as measured but not met. Activities without a published figure in
the year are not counted as met or missed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet

from loften.geography.models import Municipality, PoliceRegion
from loften.promises.models import FocusArea
from loften.publication.models import (
    PublishedActivity,
    PublishedFollowUp,
    PublishedPromise,
)

REGION = "municipalities__county__police_region__slug"


@dataclass(frozen=True)
class PromiseFilters:
    """What the overview and the promise list can be narrowed to."""

    year: int | None = None
    region: str = ""  # PoliceRegion.slug
    county: str = ""  # County.code
    focus_area: str = ""  # FocusArea.slug

    def query(self, **changes) -> dict[str, str]:
        """The list page's query parameters for these filters (and `changes`)."""
        values = {
            "ar": self.year,
            "region": self.region,
            "lan": self.county,
            "fokusomrade": self.focus_area,
        }
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value}


def promises_matching(filters: PromiseFilters) -> QuerySet[PublishedPromise]:
    """Published promises that run in the year, in the place and with an activity
    in the focus area of `filters`."""
    matching = PublishedPromise.objects.all()
    if filters.year is not None:
        matching = matching.filter(
            start_date__year__lte=filters.year, end_date__year__gte=filters.year
        )
    if filters.region:
        matching = matching.filter(**{REGION: filters.region})
    if filters.county:
        matching = matching.filter(municipalities__county__code=filters.county)
    if filters.focus_area:
        matching = matching.filter(activities__focus_area__slug=filters.focus_area)
    if not (filters.region or filters.county or filters.focus_area):
        return matching  # no join that could repeat a promise
    # The joins above can repeat a promise; the subquery cannot.
    return PublishedPromise.objects.filter(pk__in=matching.values("pk"))


def activities_matching(filters: PromiseFilters) -> QuerySet[PublishedActivity]:
    if filters == PromiseFilters():
        return PublishedActivity.objects.all()
    activities = PublishedActivity.objects.filter(
        promise__in=promises_matching(filters).values("pk")
    )
    if filters.focus_area:
        activities = activities.filter(focus_area__slug=filters.focus_area)
    return activities


def latest_figures(
    activities: QuerySet[PublishedActivity],
) -> QuerySet[PublishedFollowUp]:
    """For each activity and year, the follow-up with the latest figure against the
    target (see the module's definition of "met"), marked when the read model is
    built (`PublishedFollowUp.latest_in_year`)."""
    figures = PublishedFollowUp.objects.filter(latest_in_year=True)
    if activities.query.where:
        figures = figures.filter(activity__in=activities.values("pk"))
    return figures


def _figures(filters: PromiseFilters) -> QuerySet[PublishedFollowUp]:
    """`latest_figures(activities_matching(filters))`, through the activity that
    the counts join anyway rather than a list of every activity."""
    figures = PublishedFollowUp.objects.filter(latest_in_year=True)
    if filters != PromiseFilters():
        figures = figures.filter(
            activity__promise__in=promises_matching(filters).values("pk")
        )
    if filters.focus_area:
        figures = figures.filter(activity__focus_area__slug=filters.focus_area)
    return figures


def _met_counts(*, distinct: bool = False):
    # There is one latest figure per activity and year, so rows repeat an
    # activity only when grouped through a promise's several municipalities.
    return {
        "measured": Count("activity", distinct=distinct),
        # loften.followups.progress.met_for_good, stored with the read model.
        "met": Count("activity", distinct=distinct, filter=Q(met_for_good=True)),
    }


@dataclass(frozen=True)
class TargetsMet:
    measured: int = 0
    met: int = 0

    @property
    def percent(self) -> int | None:
        return None if not self.measured else round(100 * self.met / self.measured)


@dataclass(frozen=True)
class RegionRow:
    slug: str
    name: str
    municipalities: int
    municipalities_with_promise: int
    promises: int
    activities: int
    activities_with_target: int
    targets: TargetsMet
    query: dict[str, str]  # the promise list's parameters for the promises behind


@dataclass(frozen=True)
class FocusAreaRow:
    slug: str
    name: str
    promises: int
    activities: int
    targets: TargetsMet
    query: dict[str, str]


@dataclass(frozen=True)
class YearRow:
    year: int
    targets: TargetsMet
    query: dict[str, str]


@dataclass(frozen=True)
class Overview:
    filters: PromiseFilters
    municipalities: int
    municipalities_with_promise: int
    promises: int
    activities: int
    activities_with_target: int
    targets: TargetsMet
    regions: tuple[RegionRow, ...]
    focus_areas: tuple[FocusAreaRow, ...]
    years: tuple[YearRow, ...]


def published_years(*, today: datetime.date) -> list[int]:
    """The years some published promise runs in, newest first (this year when
    nothing is published)."""
    span = PublishedPromise.objects.aggregate(
        first=Min("start_date"), last=Max("end_date")
    )
    if span["first"] is None:
        return [today.year]
    return list(range(span["last"].year, span["first"].year - 1, -1))


def overview(filters: PromiseFilters) -> Overview:
    """The national overview for a year, optionally one region and focus area."""
    if filters.year is None:
        raise ValueError("The overview is for one year.")
    promises = promises_matching(filters)
    activities = activities_matching(filters)
    in_year = _figures(filters).filter(period__year=filters.year)

    places = Municipality.objects.all()
    if filters.region:
        places = places.filter(county__police_region__slug=filters.region)
    has_promise = Q(Exists(promises.filter(municipalities=OuterRef("pk"))))
    place_rows = {
        row["region"]: row
        for row in places.values(region=F("county__police_region__slug")).annotate(
            total=Count("id"), with_promise=Count("id", filter=has_promise)
        )
    }
    promise_rows = {
        row["region"]: row["count"]
        for row in promises.values(region=F(REGION)).annotate(
            count=Count("id", distinct=True)
        )
    }
    activity_rows = {
        row["region"]: row
        for row in activities.values(region=F(f"promise__{REGION}")).annotate(
            count=Count("id", distinct=True),
            with_target=Count(
                "id", distinct=True, filter=Q(target_value__isnull=False)
            ),
        )
    }
    met_rows = {
        row["region"]: TargetsMet(row["measured"], row["met"])
        for row in in_year.values(region=F(f"activity__promise__{REGION}")).annotate(
            **_met_counts(distinct=True)
        )
    }
    regions = PoliceRegion.objects.order_by("name")
    if filters.region:
        regions = regions.filter(slug=filters.region)
    region_rows = tuple(
        RegionRow(
            slug=region.slug,
            name=region.name,
            municipalities=place_rows.get(region.slug, {}).get("total", 0),
            municipalities_with_promise=place_rows.get(region.slug, {}).get(
                "with_promise", 0
            ),
            promises=promise_rows.get(region.slug, 0),
            activities=activity_rows.get(region.slug, {}).get("count", 0),
            activities_with_target=activity_rows.get(region.slug, {}).get(
                "with_target", 0
            ),
            targets=met_rows.get(region.slug, TargetsMet()),
            query=filters.query(region=region.slug),
        )
        for region in regions
    )

    totals = activities.aggregate(
        count=Count("id"),
        with_target=Count("id", filter=Q(target_value__isnull=False)),
    )
    targets = TargetsMet(**in_year.aggregate(**_met_counts()))

    met_by_focus = {
        row["activity__focus_area__slug"]: TargetsMet(row["measured"], row["met"])
        for row in in_year.values("activity__focus_area__slug").annotate(
            **_met_counts()
        )
    }
    focus_rows = tuple(
        FocusAreaRow(
            slug=row["focus_area__slug"],
            name=row["focus_area__name"],
            promises=row["promises"],
            activities=row["activities"],
            targets=met_by_focus.get(row["focus_area__slug"], TargetsMet()),
            query=filters.query(fokusomrade=row["focus_area__slug"]),
        )
        for row in activities.filter(focus_area__isnull=False)
        .values("focus_area__slug", "focus_area__name")
        .annotate(
            promises=Count("promise", distinct=True),
            activities=Count("id", distinct=True),
        )
        .order_by("-promises", "-activities", "focus_area__name")
    )

    every_year = _figures(
        PromiseFilters(region=filters.region, focus_area=filters.focus_area)
    )
    year_rows = tuple(
        YearRow(
            year=row["period__year"],
            targets=TargetsMet(row["measured"], row["met"]),
            query=filters.query(ar=row["period__year"]),
        )
        for row in every_year.values("period__year")
        .annotate(**_met_counts())
        .order_by("-period__year")
    )
    return Overview(
        filters=filters,
        municipalities=sum(row.municipalities for row in region_rows),
        municipalities_with_promise=sum(
            row.municipalities_with_promise for row in region_rows
        ),
        promises=promises.count(),
        activities=totals["count"],
        activities_with_target=totals["with_target"],
        targets=targets,
        regions=region_rows,
        focus_areas=focus_rows,
        years=year_rows,
    )


def targets_met_by_promise(
    *, promise_ids: list[int], year: int, focus_area: str = ""
) -> dict[int, TargetsMet]:
    """{promise id: targets met in `year`} for a page of the promise list, counting
    only the activities in `focus_area` (a slug) when one is given, as the
    overview's figures for that focus area do."""
    activities = PublishedActivity.objects.filter(promise_id__in=promise_ids)
    if focus_area:
        activities = activities.filter(focus_area__slug=focus_area)
    return {
        row["activity__promise"]: TargetsMet(row["measured"], row["met"])
        for row in latest_figures(activities)
        .filter(period__year=year)
        .values("activity__promise")
        .annotate(**_met_counts())
    }


def focus_areas_in_use() -> list[FocusArea]:
    """The focus areas that some published activity belongs to."""
    return list(
        FocusArea.objects.filter(
            Exists(PublishedActivity.objects.filter(focus_area=OuterRef("pk")))
        ).order_by("order", "name")
    )
