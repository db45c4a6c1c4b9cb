"""The Nässjö example read back: its tertial 2 report, its whole-year report and
its action plan, as a coordinator would hand them to the board, with every
section present and the figures equal to those of the public page.

The example data is loaded once for the module (as of 5 December 2026: this
year's promise has tertials 1 and 2 published, last year's promise is concluded
with its whole year published and renewed by this year's)."""

import csv
import datetime
import io
import os
import re
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from loften.core.models import User
from loften.examples.loader import example_data_load
from loften.followups.models import ReportingPeriod
from loften.organisations.models import Organisation
from loften.organisations.services import organisation_update
from loften.promises.models import Promise
from loften.public.presentation import promise_page
from loften.publication.models import PublishedPromise
from loften.reports import layout
from loften.reports.action_plan import action_plan_build
from loften.reports.renderers import render
from loften.reports.renderers.action_plan import render_action_plan
from loften.reports.selectors import action_plan_promises, report_sources_published
from loften.testing.pages import (
    load_reference,
    page_profile,
    profile_differences,
    save_reference,
)
from loften.testing.reference import module_data

# Every test reads the one example the module builds: they run together on one
# worker (a database test each, so that the fixture is built once, not again for
# the tests that need no database).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("nassjo_example")]

TODAY = datetime.date(2026, 12, 5)
NOW = datetime.datetime(2026, 12, 5, 9, 0, tzinfo=datetime.UTC)
REFERENCES = Path(__file__).parent / "references"
# Set to regenerate the stored page references after a deliberate change of
# layout; the test then writes them and fails, so that they are looked at.
UPDATE = os.environ.get("LOFTEN_UPDATE_PAGE_REFERENCES") == "1"


def _logo(colour: tuple[int, int, int]) -> SimpleUploadedFile:
    image = Image.new("RGB", (240, 90), colour)
    output = io.BytesIO()
    image.save(output, "PNG")
    return SimpleUploadedFile("logo.png", output.getvalue(), "image/png")


def _report(promise: Promise, period: ReportingPeriod) -> layout.Report:
    version = PublishedPromise.objects.get(pk=promise.pk).version
    return layout.report_build(
        version.snapshot,
        period.pk,
        is_draft=False,
        generated_at=NOW,
        version=version.number,
        published_at=version.published_at,
        sources=report_sources_published(version=version, period=period),
    )


@pytest.fixture(scope="module")
def example(django_db_setup, django_db_blocker, tmp_path_factory):
    """Everything the tests read, made once; the data is rolled back after."""
    media = tmp_path_factory.mktemp("media")
    with (
        module_data(django_db_blocker),
        override_settings(MEDIA_ROOT=media),
        translation.override("sv"),
    ):
        example_data_load(today=TODAY)
        for name, colour in (
            ("Nässjö kommun", (20, 60, 140)),
            ("Lokalpolisområde Höglandet", (10, 30, 60)),
        ):
            organisation = Organisation.objects.get(name=name)
            # The logo is written to storage when the change commits.
            with TestCase.captureOnCommitCallbacks(execute=True):
                organisation_update(
                    organisation=organisation, actor=None, logo=_logo(colour)
                )
        this_year = Promise.objects.get(slug="exempel-nassjo-2026")
        last_year = Promise.objects.get(slug="exempel-nassjo-2025")
        t2 = ReportingPeriod.objects.get(kind="tertial", year=2026, number=2)
        year = ReportingPeriod.objects.get(kind="year", year=2025, number=0)
        tertial = _report(this_year, t2)
        whole = _report(last_year, year)
        editor = User.objects.get(username="kommun.redaktor")
        plan_promises = action_plan_promises(promise=this_year, user=editor)
        from loften.publication.selectors import promise_snapshot_build

        plan = action_plan_build(
            municipality={"code": "0682", "name": "Nässjö"},
            snapshots=[promise_snapshot_build(promise=p) for p in plan_promises],
            statuses=["Publicerad version 3"] * len(plan_promises),
            generated_at=NOW,
        )
        yield {
            "promises": (this_year, last_year),
            "periods": (t2, year),
            "tertial": tertial,
            "whole": whole,
            "pages": {
                "tertial": promise_page(
                    PublishedPromise.objects.get(pk=this_year.pk).version.snapshot
                ),
                "whole": promise_page(
                    PublishedPromise.objects.get(pk=last_year.pk).version.snapshot
                ),
            },
            "files": {
                "tertial.pdf": render(tertial, "pdf"),
                "tertial.docx": render(tertial, "docx"),
                "tertial.csv": render(tertial, "csv"),
                "tertial.xlsx": render(tertial, "xlsx"),
                "whole.pdf": render(whole, "pdf"),
                "whole.docx": render(whole, "docx"),
            },
            "plan": plan,
            "plan.docx": render_action_plan(plan),
        }


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def squash(value: str | None) -> str:
    value = re.sub(r"\u2010\s*\n", "", value or "")
    return re.sub(r"\s+", " ", value).strip()


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return squash(" ".join(page.extract_text() or "" for page in pdf.pages))


def pdf_cells(content: bytes) -> str:
    """The text of every table cell, each squashed, joined by " | "."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " | ".join(
            squash(cell)
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
            for cell in row
            if cell
        )


def docx_text(content: bytes) -> tuple[list[tuple[str, str]], str]:
    document = docx.Document(io.BytesIO(content))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    cells = [
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    body = squash(" ".join([p.text for p in document.paragraphs] + cells))
    return headings, body


TERTIAL_SECTIONS = [
    "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2",
    "Sammanfattning",
    "Aktiviteter efter status",
    "Lägesbilden i korthet",
    "Källor",
    "Det här lovar vi",
    "Fokusområde: Trygghet i offentlig miljö",
    "Fokusområde: Ungdomar i riskzon",
    "Fokusområde: Trafik",
    "Effektmått",
    "Det här har ändrats sedan förra rapporten",
    "Godkännande",
    "Undertecknat av",
]
YEAR_SECTIONS = [
    "Uppföljning av medborgarlöfte — Nässjö 2025, helår",
    "Sammanfattning",
    "Lägesbilden i korthet",
    "Detta har polisen gjort",
    "Detta har kommunen gjort",
    "Vi lovar inför nästa år",
    "Det här har ändrats sedan förra rapporten",
    "Godkännande",
]


# --- The figures are those of the public page ----------------------------------------


@pytest.mark.parametrize("which", ["tertial", "whole"])
def test_every_activitys_figure_and_verdict_is_the_public_pages(example, which):
    report, page = example[which], example["pages"][which]
    entries = {
        activity.id: next(
            entry for entry in activity.entries if entry.period.id == report.period_id
        )
        for area in page.focus_areas
        for activity in area.activities
    }
    rows = report.activity_rows
    assert len(rows) == len(entries) == page.summary.activities
    for row in rows:
        progress = entries[row.id].progress
        if row.target is None:
            assert progress is None
            continue
        assert progress is not None, row.text
        assert (row.achieved, row.verdict) == (progress.achieved, progress.verdict)


@pytest.mark.parametrize("which", ["tertial", "whole"])
def test_the_summary_counts_are_the_public_pages(example, which):
    report, page = example[which], example["pages"][which]
    summary = report.summary
    # The report's period is the latest published one, which the page sums up.
    assert summary.with_target == page.summary.with_target
    assert summary.met == page.summary.met
    assert summary.with_target - summary.unreported == page.summary.measured
    assert summary.with_target == (
        summary.met
        + summary.within
        + summary.not_yet
        + summary.not_met
        + summary.unreported
    )
    assert sum(count for _name, count in summary.statuses) == page.summary.activities


def test_the_public_page_shows_the_same_count_as_the_report(client, example, db):
    report = example["tertial"]
    response = client.get(reverse("public:promise", args=["exempel-nassjo-2026"]))
    html = squash(re.sub(r"<[^>]+>", " ", response.content.decode()))
    summary = report.summary
    assert f"{summary.met} av {summary.with_target - summary.unreported}" in html
    assert report.summary.sentence.startswith(
        f"{summary.met} av {summary.with_target} mål nådda hittills i år"
    )


# --- Tertial 2 ------------------------------------------------------------------


def test_the_tertial_pdf_has_every_section_and_figure(example):
    report = example["tertial"]
    text = pdf_text(example["files"]["tertial.pdf"].content)
    cells = pdf_cells(example["files"]["tertial.pdf"].content)
    for heading in TERTIAL_SECTIONS:
        assert heading in text, heading
    assert squash(report.summary.sentence) in text
    for row in report.activity_rows:
        assert squash(row.outcome_text) in cells, row.text
    for source in ("Polisens trygghetsmätning", "Medborgardialog på torget"):
        assert source in text
    for indicator in report.indicators:
        assert indicator.trend in text
    for approval in report.approvals:
        assert approval.person in text and approval.organisation in text
    assert "Nässjö kommun" in text and "Lokalpolisområde Höglandet" in text
    assert "Publicerad version" in text and "2026-05-01 – 2026-08-31" in text


def test_the_tertial_pdf_cover_carries_both_logos_and_is_a_page_of_its_own(example):
    with pdfplumber.open(io.BytesIO(example["files"]["tertial.pdf"].content)) as pdf:
        cover = pdf.pages[0]
        assert len(cover.images) == 2
        cover_text = squash(cover.extract_text())
        second = squash(pdf.pages[1].extract_text())
    assert "Nässjö kommun" in cover_text and "Lokalpolisområde Höglandet" in cover_text
    assert "Tertial 2" in cover_text and "Publicerad version 3" in cover_text
    assert "Sammanfattning" not in cover_text and second.startswith("Sammanfattning")


def test_the_tertial_word_document_has_every_section_and_figure(example):
    report = example["tertial"]
    content = example["files"]["tertial.docx"].content
    headings, body = docx_text(content)
    names = [name for _style, name in headings]
    for heading in TERTIAL_SECTIONS:
        assert heading in names or heading in body, heading
    assert ("Heading 2", "Sammanfattning") in headings
    assert squash(report.summary.sentence) in body
    for row in report.activity_rows:
        assert squash(row.outcome_text) in body
    for approval in report.approvals:
        assert approval.person in body
    document = docx.Document(io.BytesIO(content))
    assert len(document.inline_shapes) == 2  # the two logos


def test_the_summary_lists_activities_by_status(example):
    report = example["tertial"]
    _headings, body = docx_text(example["files"]["tertial.docx"].content)
    for name, count in report.summary.statuses:
        assert f"{name} {count}" in body


def test_the_changes_since_the_last_report_name_the_tertial_1_report(example):
    changes = example["tertial"].changes
    assert not changes.first
    assert changes.since.startswith("tertial 1 (version")


def test_each_focus_area_has_a_short_account(example):
    for section in example["tertial"].sections:
        rows = [row for group in section.groups for row in group.rows]
        assert section.account.startswith(f"{len(rows)} aktivitet")
        assert "Status:" in section.account


# --- The whole year --------------------------------------------------------------


def test_the_whole_year_pdf_has_every_section_and_what_is_promised_next(example):
    report = example["whole"]
    text = pdf_text(example["files"]["whole.pdf"].content)
    for heading in YEAR_SECTIONS:
        assert heading in text, heading
    assert squash(report.summary.sentence) in text
    assert report.summary.sentence.startswith(
        f"{report.summary.met} av {report.summary.with_target} mål nådda under året"
    )
    next_year = report.year_sections.next_year
    assert next_year is not None and next_year.title.startswith(
        "Medborgarlöfte Nässjö 2026"
    )
    for _area, activity, target in next_year.activities:
        assert squash(activity) in text
        if target:
            assert squash(target) in text
    cells = pdf_cells(example["files"]["whole.pdf"].content)
    for row in report.activity_rows:
        assert squash(row.outcome_text) in cells


def test_the_whole_year_sorts_what_each_party_did(example):
    report = example["whole"]
    sections = report.year_sections
    police = {deed.activity for deed in sections.police}
    municipality = {deed.activity for deed in sections.municipality}
    assert police == {r.text for r in report.activity_rows if r.responsible_police}
    assert municipality == {
        r.text for r in report.activity_rows if r.responsible_municipality
    }
    _headings, body = docx_text(example["files"]["whole.docx"].content)
    for heading in YEAR_SECTIONS:
        assert heading in body or heading in [h for _s, h in _headings], heading
    for deed in sections.police + sections.municipality:
        assert squash(deed.activity) in body


# --- The action plan -----------------------------------------------------------------


def test_the_action_plan_has_the_parts_the_law_asks_for(example):
    plan = example["plan"]
    headings, body = docx_text(example["plan.docx"])
    names = [name for _style, name in headings]
    assert (
        names[0]
        == "Åtgärdsplan för det brottsförebyggande arbetet i Nässjö kommun 2026"
    )
    for heading in (
        "1. Bakgrund och uppdrag",
        "2. Lägesbild",
        "Källor",
        "3. Prioriterade problem",
        "4. Åtgärder",
        "5. Uppföljning",
        "Effektmått",
        "6. Medborgarlöftets plats i åtgärdsplanen",
        "7. Beslut",
    ):
        assert heading in names, heading
    assert "lag (2023:196)" in body
    assert "Kommunfullmäktige föreslås anta åtgärdsplanen" in body
    for problem in plan.problems:
        assert f"3.{problem.rank} {problem.name}" in names


def test_the_action_plans_measures_are_the_promises_activities_with_targets(example):
    plan, report = example["plan"], example["tertial"]
    document = docx.Document(io.BytesIO(example["plan.docx"]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr")
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Nr", "Åtgärd", "Ansvarig", "När", "Mål"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(plan.measures) == len(report.activity_rows)
    targets = {row.text: row.target_text or "–" for row in report.activity_rows}
    responsible = {row.text: row.responsible for row in report.activity_rows}
    for number, measure, who, when, target in rows:
        text = measure.split(" (Plats:")[0]
        assert target == targets[text]
        assert who == responsible[text]
        assert when == "2026-01-01 – 2026-12-31"
        assert re.fullmatch(r"\d+\.\d+", number)


def test_the_action_plan_covers_the_municipalitys_current_promises_only(example):
    this_year, last_year = example["promises"]
    assert [p.title for p in example["plan"].promises] == [this_year.title]
    assert last_year.title not in [p.title for p in example["plan"].promises]


# --- Files that say what they are --------------------------------------------------


def test_file_names_say_municipality_year_and_period(example):
    assert example["files"]["tertial.pdf"].filename == (
        "medborgarlofte-nassjo-2026-tertial-2.pdf"
    )
    assert (
        example["files"]["whole.docx"].filename
        == "medborgarlofte-nassjo-2025-helar.docx"
    )
    assert example["plan"].filename == "atgardsplan-nassjo-2026.docx"


def test_downloads_are_named_for_the_municipality(
    client, example, db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    this_year, _last = example["promises"]
    t2, _year = example["periods"]
    for fmt in ("pdf", "docx", "xlsx", "csv"):
        response = client.get(
            reverse(
                "reports:published_report",
                kwargs={"promise_id": this_year.pk, "period_id": t2.pk, "fmt": fmt},
            )
        )
        assert response.status_code == 200
        assert (
            f'filename="medborgarlofte-nassjo-2026-tertial-2.{fmt}"'
            in (response["Content-Disposition"])
        )


def test_the_csv_opens_in_swedish_excel_with_the_municipality_on_every_row(example):
    content = example["files"]["tertial.csv"].content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Rapportens version;Medborgarlöftes-id;")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows
    assert {(row["Kommunkod"], row["Kommun"]) for row in rows} == {("0682", "Nässjö")}
    assert {len(row) for row in rows} == {len(example["tertial"].data_columns)}


def test_every_excel_row_names_the_municipality(example):
    workbook = openpyxl.load_workbook(
        io.BytesIO(example["files"]["tertial.xlsx"].content)
    )
    for sheet in workbook.worksheets[:2]:
        header = [cell.value for cell in sheet[1]]
        code, name = header.index("Kommunkod"), header.index("Kommun")
        values = {
            (row[code], row[name])
            for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        assert values == {("0682", "Nässjö")}, sheet.title


def test_the_action_plan_is_for_editors_only(client, example, db):
    this_year, _last = example["promises"]
    url = reverse("reports:action_plan", kwargs={"promise_id": this_year.pk})
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(User.objects.get(username="aneby.redaktor"))
    assert client.get(url).status_code == 404  # not a party: not revealed
    client.force_login(User.objects.get(username="kommun.redaktor"))
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="atgardsplan-nassjo-2026.docx"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    docx.Document(io.BytesIO(response.content))  # a Word file Word can open


def test_the_promise_page_for_editors_links_to_the_action_plan(client, example, db):
    this_year, _last = example["promises"]
    client.force_login(User.objects.get(username="kommun.redaktor"))
    response = client.get(reverse("editor:promise_detail", args=[this_year.pk]))
    assert (
        reverse("reports:action_plan", args=[this_year.pk]) in response.content.decode()
    )


# --- The first page looks right --------------------------------------------------


@pytest.mark.parametrize("name", ["tertial.pdf", "whole.pdf"])
def test_the_first_page_matches_its_reference_region_by_region(example, name):
    profile = page_profile(example["files"][name].content)
    path = REFERENCES / f"{name.replace('.', '-')}-page-1.json"
    if UPDATE or not path.exists():
        save_reference(path, profile)
        pytest.fail(f"wrote the reference {path.name}; look at it and run again")
    ink = sum(map(sum, profile))
    assert ink > 1.0, "the first page is (nearly) empty"
    differences = profile_differences(profile, load_reference(path), tolerance=0.03)
    assert not differences, differences


def test_the_page_check_fails_on_a_blank_or_different_page(example):
    reference = page_profile(example["files"]["tertial.pdf"].content)
    blank = [[0.0] * len(row) for row in reference]
    assert profile_differences(blank, reference, tolerance=0.03)
    other = page_profile(example["files"]["tertial.pdf"].content, page=1)
    assert profile_differences(other, reference, tolerance=0.03)
