"""No text in a follow-up report's Excel or CSV file runs as a formula, drafts
and published reports alike."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from loften.publication.selectors import latest_version
from loften.reports import layout, services
from loften.reports.renderers import render
from loften.testing.reports import snapshot_example
from loften.testing.spreadsheets import (
    EXAMPLES,
    csv_formula_cells,
    formula_texts,
    promise_with_formula_texts,
    xlsx_formula_cells,
    xlsx_texts,
)

T2 = 102
# Every text of the snapshot an editor types, by key.
TYPED = {"title", "text", "name", "place", "unit", "note", "source", "description"}
TYPED |= {"organisation", "followup_plan", "situation_summary"}


def _with_texts(value, texts):
    """`value` (a snapshot) with every typed text taken, in turn, from `texts`."""
    if isinstance(value, dict):
        return {
            key: next(texts)
            if key in TYPED and isinstance(item, str)
            else _with_texts(item, texts)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_with_texts(item, texts) for item in value]
    return value


def _report(snapshot, *, is_draft):
    with translation.override("sv"):
        return layout.report_build(
            snapshot,
            T2,
            is_draft=is_draft,
            generated_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
            version=None if is_draft else 3,
        )


@settings(max_examples=40, deadline=None)
@given(st.lists(formula_texts, min_size=1, max_size=12), st.booleans())
def test_no_typed_text_runs_as_a_formula_in_a_report(texts, is_draft):
    endless = iter(texts * 1000)
    snapshot = _with_texts(snapshot_example(activities=3), endless)
    snapshot["promise"]["title"] = texts[0]
    report = _report(snapshot, is_draft=is_draft)
    with translation.override("sv"):
        csv_content = render(report, "csv").content.decode("utf-8-sig")
        xlsx_content = render(report, "xlsx").content
    assert csv_formula_cells(csv_content, ";") == []
    assert xlsx_formula_cells(xlsx_content) == []


def test_negative_indicator_values_stay_numbers_in_the_workbook():
    snapshot = snapshot_example(activities=2)
    snapshot["indicators"][0]["values"][0]["value"] = "-3.5"
    content = render(_report(snapshot, is_draft=False), "xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[1]
    assert -3.5 in {row[7].value for row in sheet.iter_rows(min_row=2)}
    csv_text = render(_report(snapshot, is_draft=False), "csv").content.decode()
    assert csv_formula_cells(csv_text, ";") == []


@pytest.mark.django_db
def test_the_audits_formulas_are_text_in_stored_reports(parties):
    period = promise_with_formula_texts(parties)
    reports = [
        services.report_published_obtain(
            version=latest_version(promise=parties.promise),
            period=period,
            fmt=fmt,
            language="sv",
        )
        for fmt in ("csv", "xlsx")
    ] + [
        services.report_draft_obtain(
            promise=parties.promise,
            period=period,
            fmt=fmt,
            language="sv",
            actor=parties.municipality_editor,
        )
        for fmt in ("csv", "xlsx")
    ]
    for report in reports:
        assert report.is_ready, report.error
        content = report.file.read()
        if report.format == "csv":
            text = content.decode("utf-8-sig")
            assert csv_formula_cells(text, ";") == []
            rows = csv.reader(io.StringIO(text), delimiter=";")
            cells = {cell for row in rows for cell in row}
            assert {f"'{example}" for example in EXAMPLES} <= cells
        else:
            assert xlsx_formula_cells(content) == []
            assert set(EXAMPLES) <= xlsx_texts(content)
