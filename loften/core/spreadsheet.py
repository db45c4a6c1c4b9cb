"""Cells for every CSV file and Excel workbook Löften writes, safe to open.

A text that begins with =, +, -, @, a tab or a carriage return is run as a
formula by spreadsheet programs ("CSV injection"): an activity text
`=HYPERLINK(…)` would become a live link, a place `-2+3+cmd|…` a command. Every
writer (the follow-up reports, the files of /data/ and `loften export`) turns its
values into cells here, following OWASP's rule:

- in CSV, such a text is written with a single quote in front (`'=HYPERLINK(…)`),
  which spreadsheet programs show as text;
- in Excel, such a text is stored as a text cell marked "quote prefix", so Excel
  shows it exactly as typed and never as a formula, even when it is edited.

Numbers, dates and yes/no stay what they are: only text is ever changed. Pure; no
database.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# OWASP's list of characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How a list (e.g. several municipalities) is written in one cell.
LIST_SEPARATOR = "; "


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet program would run `text` as a formula."""
    return text.startswith(FORMULA_STARTS)


def safe_text(text: str) -> str:
    """`text` for a CSV cell: with a single quote in front if it would run as a
    formula, unchanged otherwise."""
    return "'" + text if starts_formula(text) else text


def utc_text(value: datetime.datetime) -> str:
    """A time as ISO 8601 in UTC, e.g. 2026-05-01T08:30:00Z."""
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def csv_value(value: Any) -> str:
    """One value as CSV text: empty for none, true/false, plain decimals, ISO
    dates, times in UTC, lists joined with "; ", and text that cannot run as a
    formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return utc_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    return safe_text(str(value))


def csv_row(values: Iterable[Any]) -> list[str]:
    """A row of values as CSV texts (see `csv_value`)."""
    return [csv_value(value) for value in values]


def xlsx_text(text: str) -> str:
    """`text` without the control characters a workbook cannot hold (they come
    pasted from other programs), for cells, titles and page headers."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def xlsx_value(sheet, value: Any) -> Any:  # type: ignore[no-untyped-def]
    """`value` as openpyxl should append it to `sheet`: numbers, dates and
    booleans as they are, lists as one text, and a text that would run as a
    formula as a cell that Excel shows as text.

    Control characters that a workbook cannot hold (pasted from other programs)
    are left out, rather than failing the whole file."""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str):
        value = xlsx_text(value)
    if not isinstance(value, str) or not starts_formula(value):
        return value
    cell = Cell(sheet, row=1, column=1, value=value)
    # openpyxl stores a text starting with "=" as a formula; a text cell with a
    # quote prefix is shown as typed and stays text when edited in Excel.
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values: Iterable[Any]) -> list[Any]:  # type: ignore[no-untyped-def]
    """A row of values ready for `sheet.append` (see `xlsx_value`); works for
    ordinary and write-only worksheets alike."""
    return [xlsx_value(sheet, value) for value in values]
