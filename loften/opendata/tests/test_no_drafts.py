"""No draft and no unpublished change reaches any public output."""

import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from loften.testing.opendata import SECRETS, published_with_drafts

pytestmark = pytest.mark.django_db

API_LISTS = [
    "promise",
    "commitment",
    "activity",
    "followup",
    "indicator",
    "indicatorvalue",
]


@pytest.fixture
def drafts():
    return published_with_drafts()


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def body(response) -> str:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return content.decode()


@pytest.mark.parametrize("resource", API_LISTS)
def test_the_api_shows_only_published_content(client, drafts, resource):
    response = client.get(reverse(f"api:{resource}-list"), {"limit": 1000})
    assert response.status_code == 200
    assert response.json()["count"] > 0
    assert_no_secrets(response.content.decode())


def test_an_unpublished_promise_is_not_found_in_the_api(client, drafts):
    url = reverse("api:promise-detail", kwargs={"pk": drafts.unpublished_promise_id})
    assert client.get(url).status_code == 404
    listed = client.get(reverse("api:promise-list")).json()
    assert [p["id"] for p in listed["results"]] == [drafts.parties.promise.pk]


def test_the_published_follow_up_keeps_its_published_figures(client, drafts):
    followups = client.get(reverse("api:followup-list")).json()["results"]
    assert {f["period"]["code"] for f in followups} == {"T1"}
    assert sorted(f["quantity"] for f in followups) == [11, 12]


def test_the_csv_download_has_no_draft_content(client, drafts):
    response = client.get(reverse("opendata:data-csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    for name in archive.namelist():
        assert_no_secrets(archive.read(name).decode())


def test_the_json_download_has_no_draft_content(client, drafts):
    text = body(client.get(reverse("opendata:data-json")))
    assert_no_secrets(text)
    promises = json.loads(text)["tables"]["promises"]["rows"]
    assert [p["id"] for p in promises] == [drafts.parties.promise.pk]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_the_command_line_export_has_no_draft_content(drafts, tmp_path, fmt):
    call_command(
        "export", "--format", fmt, "--out", str(tmp_path), stdout=io.StringIO()
    )
    for path in tmp_path.iterdir():
        if path.suffix == ".xlsx":
            import openpyxl

            workbook = openpyxl.load_workbook(path, read_only=True)
            text = " ".join(
                str(value)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
                for value in row
            )
        else:
            text = path.read_text(encoding="utf-8")
        assert_no_secrets(text)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "pdf"])
def test_the_published_report_has_no_draft_content(
    client, drafts, settings, tmp_path, fmt
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse(
        "reports:published_report",
        kwargs={
            "promise_id": drafts.parties.promise.pk,
            "period_id": drafts.periods[0].pk,
            "fmt": fmt,
        },
    )
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = " ".join(page.extract_text() for page in pdf.pages)
        # Words hyphenated at a line end, and lines, joined as a reader would,
        # so that a secret broken over two lines is still found.
        text = re.sub(r"\s+", " ", re.sub(r"\u2010\s*\n", "", text))
    elif fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        text = " ".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for r in t.rows for c in r.cells]
        )
    elif fmt == "xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(content))
        text = " ".join(
            str(v)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
        )
    else:
        text = content.decode()
    assert "Publicerad aktivitet 1" in text
    assert_no_secrets(text)


def test_a_draft_change_appears_once_it_is_published(client, drafts):
    from loften.testing.workflow import publish_plan

    publish_plan(drafts.parties)
    activities = client.get(reverse("api:activity-list")).content.decode()
    assert "Hemlig aktivitet som inte är publicerad" in activities
