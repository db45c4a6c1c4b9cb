"""The /data/ page, the downloads and the API page for people."""

import pytest
from django.urls import reverse
from django.utils.http import http_date

from loften.geography.models import Municipality, PoliceArea
from loften.opendata.columns import TABLES
from loften.opendata.selectors import data_published_at
from loften.promises.models import FocusArea
from loften.promises.services import parts as part_services
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    return promise_with_followups(parties, activities=2, tertials=1)


def test_the_data_page_offers_both_files_and_the_licence(client, published):
    response = client.get(reverse("opendata:data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("opendata:data-csv") in html
    assert reverse("opendata:data-json") in html
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in html
    assert "CC0 1.0" in html
    published_at = data_published_at()
    assert published_at.astimezone().strftime("%Y-%m-%d") in html
    assert reverse("opendata:api-docs") in html


def test_the_data_page_describes_every_column_in_swedish(client, db):
    html = client.get(reverse("opendata:data")).content.decode()
    for table in TABLES:
        assert f'id="table-{table.name}"' in html
        for column in table.columns:
            assert f"<code>{column.name}</code>" in html
    assert "Kommunens fyrsiffriga kod från SCB" in html


def test_the_data_page_is_in_english_under_en(client, db):
    html = client.get("/en" + reverse("opendata:data")).content.decode()
    assert "The municipality&#x27;s four-digit code from SCB" in html


def test_downloads_are_streamed_attachments_with_the_date_of_the_data(
    client, published
):
    for name, content_type in (
        ("opendata:data-csv", "application/zip"),
        ("opendata:data-json", "application/json"),
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Last-Modified"] == http_date(data_published_at().timestamp())
        assert b"".join(response.streaming_content)


@pytest.mark.parametrize("name", ["opendata:data-json", "opendata:data-csv"])
def test_a_download_not_changed_since_last_time_is_not_sent_again(
    client, published, name
):
    url = reverse(name)
    etag = client.get(url)["ETag"]
    assert etag.startswith('W/"')
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag


def _changes_the_download(client, change) -> bool:
    url = reverse("opendata:data-json")
    etag = client.get(url)["ETag"]
    change()
    again = client.get(url, headers={"If-None-Match": etag})
    return again.status_code == 200 and again["ETag"] != etag


def test_a_change_to_a_police_area_or_its_municipalities_is_a_new_download(
    client, published
):
    area = PoliceArea.objects.first()

    def rename():
        area.name = "Lokalpolisområde Nytt namn"
        area.save()

    assert _changes_the_download(client, rename)
    assert _changes_the_download(
        client, lambda: area.municipalities.add(Municipality.objects.get(code="0604"))
    )


def test_a_change_to_a_focus_area_or_a_new_publication_is_a_new_download(
    client, published, parties
):
    focus_area = FocusArea.objects.get(slug="trafik")  # the published one's

    def describe():
        focus_area.description = "En ny beskrivning"
        focus_area.save()

    assert _changes_the_download(client, describe)

    def publish():
        part_services.commitment_create(
            promise=parties.promise, actor=parties.municipality_editor, text="Nytt"
        )
        publish_plan(parties)

    assert _changes_the_download(client, publish)


def test_an_unchanged_download_in_another_language_is_sent(client, published):
    url = reverse("opendata:data-json")
    etag = client.get(url)["ETag"]
    english = client.get("/en" + url, headers={"If-None-Match": etag})
    assert english.status_code == 200


def test_if_modified_since_alone_does_not_skip_changed_reference_data(
    client, published
):
    """Reference data has no change time, so a date cannot say it is unchanged."""
    url = reverse("opendata:data-json")
    last_modified = client.get(url)["Last-Modified"]
    again = client.get(url, headers={"If-Modified-Since": last_modified})
    assert again.status_code == 200


def test_the_api_page_documents_every_resource_and_parameter(client, db):
    response = client.get(reverse("opendata:api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        assert f"<code>{path}</code>" in html
        for parameter in item["get"].get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in html
    assert "/api/v1/openapi.json" in html
    assert "updated_since" in html
    assert "<h1>Öppna data-API</h1>" in html


def test_the_api_page_describes_fields_from_the_column_catalogue(client, db):
    html = client.get(reverse("opendata:api-docs")).content.decode()
    assert "Hur många gånger det gjordes under perioden" in html
