"""Public pages cost a fixed number of queries, whatever the size of the content."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loften.examples.generated import GENERATED_LABEL, promise_spec, promises_build
from loften.geography.models import Municipality
from loften.testing.public import published_promise

pytestmark = pytest.mark.django_db

# The promise, its versions, the snapshot shown, the promises before and after,
# and the approvers' public comments on the version shown.
PROMISE_PAGE_QUERIES = 5
# Eleven aggregates, and four for the filters' choices (cached on their own).
OVERVIEW_QUERIES = 15
MUNICIPALITY_PAGE_QUERIES = 9
# The newest versions, their promises and places, and their stored summaries.
FEED_QUERIES = 4


def _queries(client, url) -> int:
    cache.clear()  # measure a page that has to be built, not a cached one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_a_promise_with_40_activities_and_4_periods_has_a_fixed_query_bound(client):
    published = published_promise(activities=40, periods=4, indicators=3)
    small = published_promise(
        activities=2,
        periods=1,
        indicators=1,
        municipality=Municipality.objects.get(code="0604"),
    )
    url = f"/lofte/{published.promise.slug}/"
    big = _queries(client, url)
    assert big <= PROMISE_PAGE_QUERIES
    assert big == _queries(client, f"/lofte/{small.promise.slug}/")
    html = client.get(url).content.decode()
    assert html.count('class="activity"') == 40
    assert html.count("Helår 2026") >= 40


def test_an_earlier_version_page_has_the_same_bound(client):
    published = published_promise(activities=40, periods=4, indicators=0)
    assert _queries(client, f"/lofte/{published.promise.slug}/version/3/") <= (
        PROMISE_PAGE_QUERIES
    )


def _generated_promises(places, *, activities: int = 4, periods: int = 3) -> None:
    """Published promises for `places` as the services would make them, written
    in bulk (the generator's own tests compare the two)."""
    police_areas = dict(
        Municipality.police_areas.through.objects.values_list(
            "municipality_id", "policearea_id"
        )
    )
    promises_build(
        [
            promise_spec(
                municipality=place,
                police_area_id=police_areas.get(place.pk),
                year=2026,
                activities=activities,
                periods=periods,
                today=datetime.date(2026, 11, 22),
            )
            for place in places
        ]
    )


def test_the_overview_over_50_municipalities_has_a_fixed_query_bound(client):
    places = list(
        Municipality.objects.select_related("county__police_region").order_by("code")[
            ::5
        ][:50]
    )
    assert len(places) == 50
    _generated_promises(places[:5])
    few = _queries(client, "/oversikt/?ar=2026")
    _generated_promises(places[5:])
    many = _queries(client, "/oversikt/?ar=2026")
    assert many <= OVERVIEW_QUERIES
    assert many == few
    html = client.get("/oversikt/?ar=2026").content.decode()
    assert "50 av 290" in html


def test_the_municipality_page_and_lists_have_fixed_query_bounds(client):
    for year in (2024, 2025, 2026):
        published_promise(activities=10, periods=2, year=year)
    assert _queries(client, "/kommun/nässjö/") <= MUNICIPALITY_PAGE_QUERIES
    assert _queries(client, "/loften/?ar=2026") <= 8
    assert _queries(client, "/") <= 5
    # Three for the filters' choices (cached on their own), then four for the
    # hits: one page of promises ranked and counted, their texts, the texts
    # shown and the promises' places.
    assert _queries(client, "/sok/?q=trygghetsvandringar") <= 7


def test_the_feeds_have_a_fixed_query_bound_and_read_no_snapshot(client):
    small = published_promise(activities=1, periods=1)
    assert _queries(client, "/flode/") <= FEED_QUERIES
    few = _queries(client, f"/flode/kommun/{small.promise.municipalities.get().slug}/")
    _generated_promises(
        Municipality.objects.select_related("county").order_by("code")[:6],
        activities=40,
        periods=4,
    )
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        feed = client.get("/flode/")
    assert feed.status_code == 200
    assert feed.content.decode().count(GENERATED_LABEL) >= 6  # each is an entry
    assert len(captured) <= FEED_QUERIES
    # Each entry's summary is stored: no snapshot is read to compare versions.
    assert not [q["sql"] for q in captured if "snapshot" in q["sql"]]
    assert _queries(client, "/flode/kommun/nässjö/") == few


def test_a_cached_page_needs_no_query_at_all(client):
    published = published_promise(activities=5, periods=2)
    url = f"/lofte/{published.promise.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) == 0
