"""Every format read back: the report's activities, targets and figures are in it."""

import codecs
import csv
import datetime
import io
import os
import re
import subprocess
import sys

import docx
import openpyxl
import pdfplumber
import pytest
from django.utils import translation

from loften.reports import layout
from loften.reports.renderers import pdf as pdf_renderer
from loften.reports.renderers import render
from loften.reports.renderers.spreadsheet import csv_value, excel_csv_value
from loften.testing.reports import snapshot_example

# The PDF that many tests read is made once for the module: on one worker.
pytestmark = pytest.mark.xdist_group("report_renderers")

NOW = datetime.datetime(2027, 1, 20, 9, 30, tzinfo=datetime.UTC)
T2, YEAR = 102, 104


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def build(period_id=T2, *, is_draft=False, activities=20):
    return layout.report_build(
        snapshot_example(activities=activities),
        period_id,
        is_draft=is_draft,
        generated_at=NOW,
        version=None if is_draft else 6,
        published_at=None if is_draft else NOW,
    )


def squash(text: str | None) -> str:
    """Text as a reader reads it: words hyphenated at a line end joined again,
    whitespace squashed."""
    text = re.sub(r"\u2010\s*\n", "", text or "")
    return re.sub(r"\s+", " ", text).strip()


def expected_cells(row, report):
    """What the activity's row must show: the target and every figure."""
    figures = [str(cell.quantity) for cell in row.cells if cell and cell.quantity]
    return {
        "target": row.target_text,
        "target_value": str(row.target.value) if row.target else None,
        "figures": figures,
        "outcome": row.outcome_text,
    }


# --- PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_pages():
    with translation.override("sv"):
        content = render(build(), "pdf").content
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        yield (
            pdf,
            [
                (squash(page.extract_text()), page.extract_tables())
                for page in pdf.pages
            ],
        )


def _pdf_rows(pages) -> dict[str, list[str]]:
    """Table rows keyed by their first cell, whitespace squashed."""
    rows = {}
    for _text, tables in pages:
        for table in tables:
            for row in table:
                cells = [squash(cell) for cell in row]
                if cells and cells[0]:
                    rows[cells[0]] = cells
    return rows


def test_the_pdf_has_every_activity_target_and_achieved_quantity(pdf_pages):
    _pdf, pages = pdf_pages
    rows = _pdf_rows(pages)
    report = build()
    assert len(report.activity_rows) == 20
    for activity in report.activity_rows:
        key = next((k for k in rows if k.startswith(squash(activity.text))), None)
        assert key is not None, f"activity missing from the PDF: {activity.text}"
        cells = rows[key]
        wanted = expected_cells(activity, report)
        assert cells[2] == (wanted["target"] or "–")
        shown = " ".join(cells[3:])
        for figure in wanted["figures"]:
            assert f"antal {figure}" in shown
        assert cells[-1].startswith(wanted["outcome"])


def test_the_pdf_has_the_title_statements_indicators_and_signatories(pdf_pages):
    _pdf, pages = pdf_pages
    text = " ".join(page_text for page_text, _tables in pages)
    assert "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2" in text
    assert "Vi ska öka tryggheten i centrum." in text
    assert "Andel som känner sig otrygga i centrum" in text
    assert "19,25" in text and "23,5" in text
    assert "Per Holm, Kommunstyrelsens ordförande, Nässjö kommun" in text
    assert "Lokalpolisområde Höglandet" in text
    assert "Publicerad version 6" in text
    assert "Rapporten skapad 2027-01-20" in text


def test_every_pdf_page_is_numbered(pdf_pages):
    _pdf, pages = pdf_pages
    count = len(pages)
    assert count > 1
    for number, (text, _tables) in enumerate(pages, start=1):
        assert f"Sida {number} av {count}" in text


def test_the_pdf_is_tagged_with_language_and_title(pdf_pages):
    pdf, _pages = pdf_pages
    catalog = pdf.doc.catalog
    assert catalog["Lang"] == b"sv"
    assert "StructTreeRoot" in catalog
    assert pdf.metadata["Title"] == (
        "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"
    )


def test_a_draft_pdf_says_draft_on_every_page_and_in_its_title():
    content = render(build(is_draft=True), "pdf").content
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) > 1
        for page in pdf.pages:
            assert "UTKAST" in page.extract_text()
        assert pdf.metadata["Title"] == (
            "Utkast: Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"
        )


def test_a_published_pdf_does_not_say_draft(pdf_pages):
    _pdf, pages = pdf_pages
    assert not any("UTKAST" in text or "Utkast" in text for text, _t in pages)


# --- Word -----------------------------------------------------------------------------


def _docx(report) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(report, "docx").content))


def test_the_word_document_has_every_activity_target_and_achieved_quantity():
    report = build()
    document = _docx(report)
    rows = {}
    for table in document.tables:
        for row in table.rows:
            cells = [squash(cell.text) for cell in row.cells]
            rows[cells[0]] = cells
    for activity in report.activity_rows:
        key = next((k for k in rows if k.startswith(squash(activity.text))), None)
        assert key is not None, f"activity missing from the document: {activity.text}"
        cells = rows[key]
        wanted = expected_cells(activity, report)
        assert cells[2] == (wanted["target"] or "–")
        for figure in wanted["figures"]:
            assert f"antal {figure}" in " ".join(cells[3:])
        assert cells[-1].startswith(wanted["outcome"])


def test_the_word_document_uses_real_headings_and_tables():
    document = _docx(build())
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings[0] == (
        "Heading 1",
        "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2",
    )
    assert ("Heading 2", "Fokusområde: Trafik") in headings
    assert ("Heading 3", "Vi ska minska trafikbrotten.") in headings
    assert ("Heading 2", "Effektmått") in headings
    first = next(t for t in document.tables if t.rows[0].cells[0].text == "Aktivitet")
    assert [c.text for c in first.rows[0].cells] == [
        "Aktivitet",
        "Ansvarig",
        "Mål",
        "Tertial 1",
        "Tertial 2",
        "Tertial 3",
        "Utfall",
    ]
    header = first.rows[0]._tr.trPr
    assert header is not None and "tblHeader" in header.xml
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title.startswith("Uppföljning av medborgarlöfte")


def test_a_draft_word_document_has_draft_in_its_page_header_and_title():
    document = _docx(build(is_draft=True))
    for section in document.sections:
        assert "UTKAST" in section.header.paragraphs[0].text
    assert "Utkast" in document.paragraphs[2].text
    assert document.core_properties.title == (
        "Utkast: Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"
    )
    assert not _docx(build()).core_properties.title.startswith("Utkast")


def test_the_word_footer_numbers_the_pages():
    footer = _docx(build()).sections[0].footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and "NUMPAGES" in footer._p.xml
    assert "Sida" in footer.text


# --- Excel and CSV --------------------------------------------------------------------


def test_the_workbook_has_numbers_where_numbers_are():
    report = build()
    workbook = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == [column.heading for column in report.data_columns]
    column = {c.key: header.index(c.heading) for c in report.data_columns}
    data = list(sheet.iter_rows(min_row=2))
    assert len(data) == len(report.data_rows) == 20 * 2
    for cells, expected in zip(data, report.data_rows, strict=True):
        for c in report.data_columns:
            cell = cells[column[c.key]]
            value = expected[column[c.key]]
            if value is None:
                assert cell.value is None
            elif c.kind in {"int", "decimal"}:
                assert cell.data_type == "n", (c.key, cell.value)
                assert cell.value == value
            elif c.kind == "bool":
                assert cell.data_type == "b"
                assert cell.value is value
            elif c.kind == "date":
                assert cell.is_date
                assert cell.value.date() == value
            else:
                assert cell.value == (value or None)


def test_the_workbook_has_indicator_values_as_numbers():
    workbook = openpyxl.load_workbook(io.BytesIO(render(build(), "xlsx").content))
    sheet = workbook["Effektmått"]
    values = [(row[6].value, row[7].value) for row in sheet.iter_rows(min_row=2)]
    assert (2026, 19.25) in values
    assert all(row[7].data_type == "n" for row in sheet.iter_rows(min_row=2))
    # every row names the municipality
    assert {(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)} == {
        ("0682", "Nässjö")
    }


def test_a_draft_workbook_says_draft_in_every_sheets_header_and_row():
    report = build(is_draft=True)
    workbook = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content))
    for sheet in workbook.worksheets:
        assert sheet.oddHeader.center.text == "UTKAST"
    assert workbook.properties.title == (
        "Utkast: Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"
    )
    published = openpyxl.load_workbook(io.BytesIO(render(build(), "xlsx").content))
    assert published.properties.title == (
        "Uppföljning av medborgarlöfte — Nässjö 2026, tertial 2"
    )
    assert {row[0].value for row in workbook.worksheets[0].iter_rows(min_row=2)} == {
        "Utkast"
    }


def test_the_csv_round_trips_field_by_field():
    report = build(YEAR)
    content = render(report, "csv").content
    assert content.startswith(codecs.BOM_UTF8)  # so that Excel reads UTF-8
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].count(";") == len(report.data_columns) - 1
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows and list(rows[0]) == [c.heading for c in report.data_columns]
    assert len(rows) == len(report.data_rows) == 20 * 4
    for read, expected in zip(rows, report.data_rows, strict=True):
        assert read == {
            column.heading: excel_csv_value(value)
            for column, value in zip(report.data_columns, expected, strict=True)
        }
    # and the values read back as what they were
    assert int(rows[0]["Utfört antal"]) == report.data_rows[0][23]
    assert rows[0]["Målet är nått"] in {"ja", "nej", ""}
    assert {(row["Kommunkod"], row["Kommun"]) for row in rows} == {("0682", "Nässjö")}
    hours = {row["Timmar"] for row in rows if row["Timmar"]}
    assert hours and all("." not in value for value in hours)
    assert rows[0]["Medborgarlöfte"] == "Medborgarlöfte Nässjö 2026"
    assert rows[0]["Löfte"] == "Vi ska öka tryggheten i centrum."


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_spreadsheet_columns_have_unique_names(language):
    with translation.override(language):
        report = build()
        csv_content = render(report, "csv").content.decode("utf-8-sig")
        xlsx_content = render(report, "xlsx").content
    csv_header = next(csv.reader(io.StringIO(csv_content), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_content)).worksheets[0]
    xlsx_header = [cell.value for cell in sheet[1]]
    assert csv_header == xlsx_header
    assert len(set(csv_header)) == len(csv_header), sorted(csv_header)
    assert len({name.casefold() for name in csv_header}) == len(csv_header)


def test_csv_values_are_plain():
    assert csv_value(None) == ""
    assert csv_value(True) == "true"
    assert csv_value(datetime.date(2026, 5, 1)) == "2026-05-01"
    from decimal import Decimal

    assert csv_value(Decimal("2.50")) == "2.5"
    assert csv_value(12) == "12"


# --- Warming the PDF renderer up ----------------------------------------------------


def test_warming_up_makes_a_pdf_and_says_how_long_it_took():
    assert pdf_renderer.warm_up() > 0


def test_a_gunicorn_worker_warms_the_renderer_while_it_boots(monkeypatch):
    calls = []
    monkeypatch.setattr(pdf_renderer, "warm_up", lambda: calls.append(1) or 0.5)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    pdf_renderer.warm_up_in_server_process()
    assert calls == []  # tests, commands and runserver are left alone
    monkeypatch.setenv("SERVER_SOFTWARE", "gunicorn/23.0.0")
    pdf_renderer.warm_up_in_server_process()
    assert calls == [1]


def test_a_failed_warm_up_does_not_stop_the_worker(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(pdf_renderer, "warm_up", broken)
    monkeypatch.setenv("SERVER_SOFTWARE", "gunicorn/23.0.0")
    pdf_renderer.warm_up_in_server_process()
    assert "Could not warm up the PDF renderer" in caplog.text


@pytest.mark.processes  # a fresh Python process, to see what it loads
def test_the_first_pdf_loads_only_the_pdf_renderer():
    """The Word and Excel libraries are not loaded to make a PDF."""
    code = (
        "import sys, django, datetime;"
        "django.setup();"
        "from loften.reports.renderers import pdf, render;"
        "render(pdf._warm_up_report(), 'pdf');"
        "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
