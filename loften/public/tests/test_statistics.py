"""The overview's figures: database aggregates over the read model."""

import datetime

import pytest

from loften.geography.models import Municipality
from loften.public import statistics
from loften.public.statistics import PromiseFilters
from loften.testing.public import published_promise

pytestmark = pytest.mark.django_db


def _place(code):
    return Municipality.objects.get(code=code)


def _in_region(slug):
    return Municipality.objects.filter(county__police_region__slug=slug).count()


def test_counts_by_region_for_a_year():
    published_promise(activities=2, periods=1, municipality=_place("0682"))  # Öst
    published_promise(activities=3, periods=1, municipality=_place("1280"))  # Syd
    published_promise(activities=1, periods=0, municipality=_place("1281"), year=2027)
    overview = statistics.overview(PromiseFilters(year=2026))
    assert (overview.municipalities, overview.municipalities_with_promise) == (290, 2)
    assert (overview.promises, overview.activities) == (2, 5)
    assert overview.activities_with_target == 3  # every other activity
    rows = {row.name: row for row in overview.regions}
    assert (rows["Öst"].promises, rows["Öst"].activities) == (1, 2)
    assert (rows["Syd"].promises, rows["Syd"].municipalities_with_promise) == (1, 1)
    assert rows["Syd"].municipalities == _in_region("syd")
    assert rows["Nord"].promises == 0


def test_a_region_filter_keeps_only_that_region():
    published_promise(activities=2, periods=1, municipality=_place("0682"))
    published_promise(activities=3, periods=1, municipality=_place("1280"))
    overview = statistics.overview(PromiseFilters(year=2026, region="syd"))
    assert [row.name for row in overview.regions] == ["Syd"]
    assert (overview.promises, overview.activities) == (1, 3)
    assert overview.municipalities == _in_region("syd")


def test_a_focus_area_filter_keeps_its_activities():
    # The factory's activities cycle through trafik, narkotika, skadegörelse, …
    published_promise(activities=4, periods=1)
    overview = statistics.overview(PromiseFilters(year=2026, focus_area="narkotika"))
    assert overview.activities == 1
    assert [row.slug for row in overview.focus_areas] == ["narkotika"]


def test_the_most_common_focus_areas_come_first():
    published_promise(activities=1, periods=0, municipality=_place("0682"))
    published_promise(activities=2, periods=0, municipality=_place("0604"))
    rows = statistics.overview(PromiseFilters(year=2026)).focus_areas
    assert [(row.slug, row.promises) for row in rows] == [
        ("trafik", 2),
        ("narkotika", 1),
    ]


def test_met_uses_the_latest_figure_of_the_year_so_far():
    # At least 4 per year; 3 reported in T1: not met (yet).
    published_promise(activities=1, periods=1, quantity=3)
    targets = statistics.overview(PromiseFilters(year=2026)).targets
    assert (targets.measured, targets.met) == (1, 0)


def test_met_counts_the_year_so_far_over_the_tertials():
    # 3 in each of T1–T3 makes 9 of at least 4 by T3.
    published_promise(activities=1, periods=3, quantity=3)
    targets = statistics.overview(PromiseFilters(year=2026)).targets
    assert (targets.measured, targets.met, targets.percent) == (1, 1, 100)


def test_the_whole_year_figure_decides_when_it_is_published():
    # The whole-year follow-up reports 3, which does not meet at least 4.
    published_promise(activities=1, periods=4, quantity=3)
    targets = statistics.overview(PromiseFilters(year=2026)).targets
    assert (targets.measured, targets.met) == (1, 0)


def test_an_at_most_target_counts_as_met_only_when_the_figure_is_final():
    # At most 4 per year, 1 reported in each tertial: within it so far after T1
    # and T2, met for good once T3 (the year's last period) is published.
    published_promise(activities=1, periods=2, quantity=1, comparator="at_most")
    after_t2 = statistics.overview(PromiseFilters(year=2026)).targets
    assert (after_t2.measured, after_t2.met) == (1, 0)
    published_promise(
        activities=1,
        periods=3,
        quantity=1,
        comparator="at_most",
        municipality=_place("0604"),
    )
    both = statistics.overview(PromiseFilters(year=2026)).targets
    assert (both.measured, both.met) == (2, 1)


def test_an_exact_target_reached_early_is_not_yet_met():
    # Exactly 4 per year, 4 in T1: later tertials could still add to it.
    published_promise(activities=1, periods=1, quantity=4, comparator="exactly")
    targets = statistics.overview(PromiseFilters(year=2026)).targets
    assert (targets.measured, targets.met) == (1, 0)


def test_activities_without_a_published_figure_are_not_counted():
    published_promise(activities=3, periods=0)
    overview = statistics.overview(PromiseFilters(year=2026))
    assert overview.targets.measured == 0
    assert overview.targets.percent is None


def test_years_rows_cover_every_year_with_figures():
    published_promise(activities=1, periods=3, quantity=3, year=2025)
    published_promise(
        activities=1, periods=1, quantity=1, year=2026, municipality=_place("0604")
    )
    rows = statistics.overview(PromiseFilters(year=2026)).years
    assert [(row.year, row.targets.met, row.targets.measured) for row in rows] == [
        (2026, 0, 1),
        (2025, 1, 1),
    ]
    assert rows[0].query == {"ar": "2026"}


def test_targets_met_by_promise_for_the_promise_list():
    first = published_promise(activities=1, periods=3, quantity=3)
    second = published_promise(
        activities=1, periods=1, quantity=1, municipality=_place("0604")
    )
    met = statistics.targets_met_by_promise(
        promise_ids=[first.promise.pk, second.promise.pk], year=2026
    )
    assert (met[first.promise.pk].met, met[second.promise.pk].met) == (1, 0)


def test_published_years_span_the_published_promises():
    published_promise(activities=1, periods=0, year=2025)
    published_promise(activities=1, periods=0, year=2027, municipality=_place("0604"))
    assert statistics.published_years(today=datetime.date(2026, 6, 1)) == [
        2027,
        2026,
        2025,
    ]


def test_targets_met_by_promise_can_count_one_focus_area_only():
    # Targets on activities 1 (trafik) and 3 (skadegörelse); 4 of at least 4: met.
    published = published_promise(activities=4, periods=1, quantity=4)
    ids = [published.promise.pk]
    every = statistics.targets_met_by_promise(promise_ids=ids, year=2026)
    traffic = statistics.targets_met_by_promise(
        promise_ids=ids, year=2026, focus_area="trafik"
    )
    drugs = statistics.targets_met_by_promise(
        promise_ids=ids, year=2026, focus_area="narkotika"
    )
    assert every[published.promise.pk] == statistics.TargetsMet(measured=2, met=2)
    assert traffic[published.promise.pk] == statistics.TargetsMet(measured=1, met=1)
    assert published.promise.pk not in drugs  # no target in that focus area
    row = next(
        row
        for row in statistics.overview(PromiseFilters(year=2026)).focus_areas
        if row.slug == "trafik"
    )
    assert row.targets == traffic[published.promise.pk]
