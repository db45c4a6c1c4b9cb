"""No public page's query count grows with the number of promises or years:
every page is counted on generated data of one year and of ten years (five
municipalities), built from the database (the public cache off)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loften.examples.generated import benchmark_data_generate
from loften.geography.models import Municipality
from loften.public.selectors import county_slug
from loften.publication.models import PublishedPromise

pytestmark = pytest.mark.django_db

CODES = ["0180", "0604", "0682", "1280", "2580"]


def _pages() -> list[str]:
    year = timezone.localdate().year
    place = Municipality.objects.get(code="0682")
    promise = PublishedPromise.objects.get(start_date__year=year, municipalities=place)
    return [
        "/",
        "/en/",
        f"/kommun/{place.slug}/",
        f"/lan/{county_slug(place.county.name)}/",
        f"/lofte/{promise.slug}/",
        f"/lofte/{promise.slug}/version/1/",
        "/loften/",
        f"/loften/?ar={year}",
        "/oversikt/",
        "/flode/",
        f"/flode/kommun/{place.slug}/",
        "/sitemap.xml",
        "/sitemap-promises.xml",
        "/sitemap-versions.xml",
        "/sitemap-municipalities.xml",
        "/api/v1/promises/?municipality=0682",
        f"/api/v1/promises/{promise.pk}/",
        f"/api/v1/activities/?promise={promise.pk}",
        "/api/v1/activities/?municipality=0682",
    ]


def promise_id() -> int:
    year = timezone.localdate().year
    return PublishedPromise.objects.get(
        start_date__year=year, municipalities__code="0682"
    ).pk


def _counts(client, years: int) -> dict[str, int]:
    """Each page's queries on `years` years of data, which is rolled back after."""
    counts = {}
    with transaction.atomic():
        benchmark_data_generate(
            years=years,
            activities=3,
            periods=3,
            municipalities=list(
                Municipality.objects.filter(code__in=CODES).select_related(
                    "county__police_region"
                )
            ),
        )
        assert PublishedPromise.objects.count() == len(CODES) * years
        for url in _pages():
            client.get(url)  # anything made once per process
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            # The promise's id differs from one data set to the next.
            counts[url.replace(str(promise_id()), "<id>")] = len(captured)
        transaction.set_rollback(True)
    return counts


def test_no_public_page_costs_more_queries_with_ten_years_of_data(client, settings):
    settings.PUBLIC_CACHE = settings.PUBLIC_PAGE_CACHE = False
    settings.API_THROTTLE_RATE = ""
    one_year, two_years, ten_years = (_counts(client, n) for n in (1, 2, 10))
    grown = {
        url: (one_year[url], two_years[url], ten_years[url])
        for url in one_year
        if ten_years[url] != two_years[url] or ten_years[url] > one_year[url]
    }
    # A promise page asks once more for the promise before it (and those
    # renewing it) when there is one: the only difference one year makes.
    promise_pages = {url for url in one_year if url.startswith("/lofte/")}
    assert {
        url: counts for url, counts in grown.items() if url not in promise_pages
    } == {}
    for url in promise_pages:
        assert ten_years[url] == two_years[url] == one_year[url] + 1, url
    # The feeds read each entry's stored summary: exactly as many queries with
    # one year of data as with ten.
    feeds = [url for url in one_year if url.startswith("/flode/")]
    assert len(feeds) == 2
    for url in feeds:
        assert one_year[url] == two_years[url] == ten_years[url], url
