"""The open-data API: resources, links, filters, pages and errors."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from loften.promises.models import FocusArea
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import plan as plan_services
from loften.publication import services as publication_services
from loften.publication.models import PublishedActivity, PublishedFollowUp
from loften.testing.reference import module_data
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _answers_made_for_each_request(settings):
    """Each request is answered by the API itself: these tests change published
    data inside the test's transaction, and the commit that would make a stored
    answer stale never comes. The page cache's answers of the API, and their
    count against the rate limit, are tested with the page cache
    (loften/core/tests/test_page_cache_wsgi.py)."""
    settings.PUBLIC_PAGE_CACHE = False


@pytest.fixture(scope="module")
def _published_once(django_db_setup, django_db_blocker):
    """A promise with three activities and two published tertials, built once for
    the module; each test's own changes are rolled back after it."""
    with module_data(django_db_blocker):
        parties = promise_with_parties()
        yield parties, promise_with_followups(parties, activities=3, tertials=2)


@pytest.fixture
def published(_published_once, db):
    parties, periods = _published_once
    # A test before this one may have changed the promise and been rolled back.
    parties.promise.refresh_from_db()
    return parties, periods


def get(client, name, params=None, **kwargs):
    response = client.get(reverse(f"api:{name}", kwargs=kwargs or None), params or {})
    return response


def test_the_api_answers_json_without_signing_in(client, published):
    response = get(client, "promise-list")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 1


def test_a_promise_links_to_its_parts_and_places(client, published):
    parties, periods = published
    promise = get(client, "promise-detail", pk=parties.promise.pk).json()
    assert promise["url"].endswith(f"/api/v1/promises/{parties.promise.pk}/")
    assert promise["municipalities"][0]["code"] == "0682"
    assert promise["municipalities"][0]["url"].endswith("/api/v1/municipalities/0682/")
    assert promise["activities"].endswith(
        f"/api/v1/activities/?promise={parties.promise.pk}"
    )
    assert promise["status"] == "published"
    assert promise["version"] == 3
    published_periods = [p for p in promise["periods"] if p["followup_published"]]
    assert [p["code"] for p in published_periods] == ["T1", "T2"]
    assert published_periods[0]["reports"]["pdf"].endswith(
        f"/rapporter/{parties.promise.pk}/{periods[0].pk}/pdf/"
    )
    unpublished = [p for p in promise["periods"] if not p["followup_published"]]
    assert unpublished and all(p["reports"] is None for p in unpublished)
    assert promise["signatories"] == [
        {
            "name": "Per Holm",
            "title": "Kommunstyrelsens ordförande",
            "organisation": "Nässjö kommun",
        }
    ]
    assert promise["situation_sources"][0]["title"] == "Polisens trygghetsmätning"


def test_links_between_resources_lead_to_the_right_items(client, published):
    activities = client.get(
        get(client, "promise-list").json()["results"][0]["activities"]
    )
    activity = activities.json()["results"][0]
    assert activity["target"] == {
        "comparator": "at_least",
        "value": 5,
        "unit": "kontroller",
        "scope": "per_period",
    }
    assert client.get(activity["promise"]).json()["id"] == activity["promise_id"]
    followups = client.get(activity["follow_ups"]).json()["results"]
    assert [f["period"]["code"] for f in followups] == ["T1", "T2"]
    assert [f["quantity"] for f in followups] == [11, 21]
    assert followups[0]["target_met"] is True
    assert client.get(followups[0]["activity"]).json()["id"] == activity["id"]


def test_identifiers_are_the_live_ids_and_stay_the_same_after_republishing(
    client, published
):
    parties, _periods = published
    activity = parties.promise.activities.order_by("order").first()
    before = get(client, "activity-detail", pk=activity.pk).json()

    part_services.commitment_create(
        promise=parties.promise, actor=parties.municipality_editor, text="Nytt"
    )
    publish_plan(parties)
    after = get(client, "activity-detail", pk=activity.pk).json()
    assert after["id"] == before["id"] == activity.pk
    assert after["updated_at"] == before["updated_at"]


def test_reference_data_is_public(client, published):
    regions = get(client, "policeregion-list").json()
    assert regions["count"] == 7
    county = get(client, "county-detail", code="06").json()
    assert county["name"] == "Jönköpings län"
    municipalities = client.get(county["municipalities"]).json()
    assert "0682" in [m["code"] for m in municipalities["results"]]
    assert get(client, "municipality-list").json()["count"] == 290
    # Focus areas are listed once a published promise uses them, and only then.
    listed = [area["slug"] for area in get(client, "focusarea-list").json()["results"]]
    assert listed == ["trafik"]
    assert FocusArea.objects.exclude(slug="trafik").exists()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"municipality": "0682"}, 1),
        ({"municipality": "0604"}, 0),
        ({"county": "06"}, 1),
        ({"county": "01"}, 0),
        ({"year": 2026}, 1),
        ({"year": 2025}, 0),
        ({"status": "published"}, 1),
        ({"status": "concluded"}, 0),
    ],
)
def test_promises_can_be_filtered(client, published, params, expected):
    assert get(client, "promise-list", params).json()["count"] == expected


def test_promises_can_be_filtered_by_focus_area_and_police_area(client, published):
    parties, _ = published
    trafik = FocusArea.objects.get(slug="trafik")
    other = FocusArea.objects.exclude(pk=trafik.pk).first()
    assert get(client, "promise-list", {"focus_area": trafik.pk}).json()["count"] == 1
    assert get(client, "promise-list", {"focus_area": other.pk}).json()["count"] == 0
    area = parties.promise.police_area_id
    assert get(client, "promise-list", {"police_area": area}).json()["count"] == 1


def test_follow_ups_can_be_filtered_by_period_status_and_year(client, published):
    def count(params):
        return get(client, "followup-list", params).json()["count"]

    assert count({}) == 6
    assert count({"period": "T1"}) == 3
    assert count({"period": "T3"}) == 0
    assert count({"year": 2026}) == 6
    assert count({"status": "done"}) == 6
    assert count({"status": "not_done"}) == 0
    assert count({"municipality": "0682", "period": "T2"}) == 3


def test_updated_since_returns_only_what_changed(client, published):
    parties, _ = published
    assert (
        get(client, "activity-list", {"updated_since": "2000-01-01"}).json()["count"]
        == 3
    )
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    assert get(client, "activity-list", {"updated_since": later}).json()["count"] == 0
    PublishedActivity.objects.filter(pk=parties.promise.activities.first().pk).update(
        updated_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert get(client, "activity-list", {"updated_since": later}).json()["count"] == 1


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-13-01", "2026-05-01T12:00", "2026-05-01T12:00:00", "1.5.2026"],
)
def test_a_bad_updated_since_is_a_400_with_a_clear_message(client, published, value):
    response = get(client, "followup-list", {"updated_since": value})
    assert response.status_code == 400
    body = response.json()
    assert "ISO 8601" in body["errors"]["updated_since"][0]
    assert body["detail"]


@pytest.mark.parametrize(
    "value",
    [
        "2026-05-01",
        "2026-05-01T12:00:00+02:00",
        "2026-05-01T10:00:00Z",
        "0001-01-01T00:00:00+23:59",
    ],
)
def test_updated_since_takes_iso_dates_and_times(client, published, value):
    assert get(client, "followup-list", {"updated_since": value}).status_code == 200


@pytest.mark.parametrize(
    ("resource", "name", "value"),
    [
        ("activity-list", "municipality", "682"),
        ("activity-list", "county", "abc"),
        ("activity-list", "year", "tjugo"),
        ("activity-list", "year", 1200),
        ("followup-list", "promise", -1),
        ("followup-list", "promise", 2**70),
        ("promise-list", "status", "archived"),
        ("followup-list", "period", "T9"),
        ("activity-list", "limit", 0),
        ("activity-list", "limit", 5000),
        ("activity-list", "limit", "many"),
        ("activity-list", "offset", -3),
    ],
)
def test_a_bad_parameter_is_a_400_naming_the_parameter(
    client, published, resource, name, value
):
    response = get(client, resource, {name: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


def test_lists_are_paged(client, published):
    first = get(client, "followup-list", {"limit": 4}).json()
    assert first["count"] == 6 and len(first["results"]) == 4
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None
    ids = [f["id"] for f in first["results"] + second["results"]]
    assert (
        ids
        == sorted(ids)
        == sorted(PublishedFollowUp.objects.values_list("id", flat=True))
    )


def test_an_unknown_item_or_address_is_a_json_404(client, published):
    for url in (
        reverse("api:promise-detail", kwargs={"pk": 999999}),
        "/api/v1/promises/abc/",
        "/api/v1/promises/99999999999999999999999/",
        "/api/v1/municipalities/9999/",
        "/api/v1/no-such-thing/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"], url


def test_writing_is_not_allowed(client, published):
    response = client.post(reverse("api:promise-list"), {"title": "Nytt"})
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    # also with parameters: the method is what is wrong
    response = client.generic("TRACE", "/api/v1/activities/?kommun=0682")
    assert response.status_code == 405


def test_a_promise_that_renews_an_unpublished_one_does_not_link_to_it(client, db):
    draft = promise_with_parties()
    parties = promise_with_parties(previous=draft.promise)
    promise_with_followups(parties, activities=1, tertials=0)
    promise = get(client, "promise-detail", pk=parties.promise.pk).json()
    assert promise["previous"] is None


def test_anonymous_clients_are_throttled(client, published, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    cache.clear()
    statuses = [get(client, "promise-list").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "detail" in get(client, "promise-list").json()
    cache.clear()


def test_the_openapi_description_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/promises/" in schema["paths"]
    assert schema["info"]["license"]["name"] == "CC0 1.0"
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/follow-ups/"]["get"]["parameters"]
    }
    assert {
        "municipality",
        "county",
        "year",
        "focus_area",
        "status",
        "updated_since",
    } <= parameters
    assert {"limit", "offset"} <= parameters


def test_the_api_root_links_to_every_resource(client, db):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["promises"].endswith("/api/v1/promises/")
    assert index["municipalities"].endswith("/api/v1/municipalities/")
    assert len(index) == 11


# --- Filters of every resource ------------------------------------------------------


def count(client, name, params):
    response = get(client, name, params)
    assert response.status_code == 200, response.json()
    return response.json()["count"]


@pytest.mark.parametrize(
    "resource",
    ["commitment-list", "activity-list", "indicator-list", "indicatorvalue-list"],
)
def test_the_parts_of_promises_can_be_filtered_by_the_promise_status(
    client, published, resource
):
    parties, _ = published
    running = count(client, resource, {"status": "published"})
    assert running == count(client, resource, {}) > 0
    assert count(client, resource, {"status": "concluded"}) == 0
    publication_services.promise_conclude(
        promise=parties.promise, actor=parties.municipality_approver
    )
    assert count(client, resource, {"status": "published"}) == 0
    assert count(client, resource, {"status": "concluded"}) == running


def test_commitments_and_indicator_values_can_be_filtered_by_focus_area(
    client, published
):
    parties, _ = published
    trafik = FocusArea.objects.get(slug="trafik")
    other = FocusArea.objects.exclude(pk=trafik.pk).first()
    indicator = indicator_services.indicator_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        name="Anmälda trafikbrott",
        source="Brå",
        unit="antal",
        direction="decrease",
        focus_area=trafik,
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=parties.municipality_editor, year=2025, value=412
    )
    publish_plan(parties)
    assert count(client, "commitment-list", {"focus_area": trafik.pk}) == 1
    assert count(client, "commitment-list", {"focus_area": other.pk}) == 0
    values = get(client, "indicatorvalue-list", {"focus_area": trafik.pk}).json()
    assert [v["indicator_id"] for v in values["results"]] == [indicator.pk]
    assert count(client, "indicatorvalue-list", {"focus_area": other.pk}) == 0
    assert count(client, "indicator-list", {"focus_area": trafik.pk}) == 1


def test_reference_data_can_be_filtered_by_place(client, db):
    ost = get(client, "policeregion-list", {"county": "06"}).json()["results"]
    assert [region["name"] for region in ost] == ["Öst"]
    by_municipality = get(client, "policeregion-list", {"municipality": "0682"})
    assert [r["name"] for r in by_municipality.json()["results"]] == ["Öst"]
    counties = get(client, "county-list", {"police_region": ost[0]["id"]}).json()
    assert "06" in [county["code"] for county in counties["results"]]
    assert "01" not in [county["code"] for county in counties["results"]]
    county = get(client, "county-list", {"municipality": "0682"}).json()["results"]
    assert [c["code"] for c in county] == ["06"]


def test_focus_areas_can_be_filtered_by_the_promises_that_work_on_them(
    client, published
):
    parties, _ = published

    def slugs(params):
        response = get(client, "focusarea-list", params)
        assert response.status_code == 200
        return [area["slug"] for area in response.json()["results"]]

    assert FocusArea.objects.count() > 1
    assert slugs({}) == ["trafik"]  # the only one a published promise uses
    assert slugs({"promise": parties.promise.pk}) == ["trafik"]
    assert slugs({"municipality": "0682"}) == ["trafik"]
    assert slugs({"county": "06", "year": 2026, "status": "published"}) == ["trafik"]
    assert slugs({"municipality": "0604"}) == []
    assert slugs({"municipality": "0682", "year": 2025}) == []
    assert slugs({"status": "concluded"}) == []


# --- Parameters that are not known ----------------------------------------------------


def test_an_unknown_parameter_is_a_400_that_lists_the_accepted_ones(client, published):
    response = get(client, "promise-list", {"kommun": "0682"})
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["kommun"]
    assert "kommun" in body["detail"]
    for name in ("municipality", "year", "updated_since", "limit", "offset"):
        assert name in body["detail"]


def test_an_item_takes_no_filters(client, published):
    parties, _ = published
    response = get(
        client, "promise-detail", {"municipality": "0682"}, pk=parties.promise.pk
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["municipality"]
    ok = get(client, "promise-detail", {"format": "json"}, pk=parties.promise.pk)
    assert ok.status_code == 200


def test_the_api_root_refuses_unknown_parameters_too(client, db):
    assert client.get("/api/v1/", {"x": "1"}).status_code == 400
    assert client.get("/api/v1/", {"format": "json"}).status_code == 200


def test_every_list_takes_exactly_the_parameters_its_description_documents(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        documented = {
            p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"
        }
        response = client.get(
            path.replace("{code}", "06").replace("{id}", "1"), {"zz": 1}
        )
        assert response.status_code == 400, path
        detail = response.json()["detail"]
        accepted = set(detail.split(": ")[-1].rstrip(".").split(", "))
        assert accepted == documented | {"format"}, path
        assert "400" in item["get"]["responses"], path


# --- Errors, CORS, removals ---------------------------------------------------------


def test_an_unknown_item_is_answered_with_a_translated_generic_message(
    client, published
):
    response = client.get("/api/v1/promises/999999/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Det finns ingen publicerad post med det här id:t."
    }
    for url in ("/api/v1/activities/999999/", "/api/v1/municipalities/9999/"):
        assert client.get(url).json() == response.json(), url


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/promises/",
        "/api/v1/municipalities/0682/",
        "/api/v1/promises/999999/",
        "/api/v1/promises/?year=tjugo",
        "/api/v1/no-such-thing/",
        "/api/v1/openapi.json",
        "/data/loften-data.json",
        "/data/loften-data.zip",
    ],
)
def test_open_data_may_be_read_from_any_origin(client, published, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_publication_that_removes_a_part_is_found_by_published_since(
    client, published
):
    parties, _ = published
    editor = parties.municipality_editor
    extra = part_services.commitment_create(
        promise=parties.promise, actor=editor, text="Ett löfte som tas bort"
    )
    publish_plan(parties)
    before = get(client, "promise-detail", pk=parties.promise.pk).json()
    since = timezone.now().isoformat()
    assert count(client, "promise-list", {"published_since": since}) == 0
    plan_services.plan_part_delete(part=extra, actor=editor)
    publish_plan(parties)
    after = get(client, "promise-detail", pk=parties.promise.pk).json()
    # The promise itself did not change, so updated_since cannot tell …
    assert after["updated_at"] == before["updated_at"]
    assert count(client, "promise-list", {"updated_since": since}) == 0
    assert count(client, "commitment-list", {"updated_since": since}) == 0
    # … but the new version can, and the promise's commitments are fetched again.
    assert after["version"] == before["version"] + 1
    assert after["version_published_at"] > before["version_published_at"]
    assert count(client, "promise-list", {"published_since": since}) == 1
    texts = [c["text"] for c in client.get(after["commitments"]).json()["results"]]
    assert "Ett löfte som tas bort" not in texts
