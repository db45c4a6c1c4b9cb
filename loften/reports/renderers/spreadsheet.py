"""The report's rows (one per activity and period) as Excel and as CSV.

Numbers are written as numbers, dates as dates and yes/no as booleans in Excel,
so the figures can be summed and filtered without retyping. Every cell goes
through `loften.core.spreadsheet`, so no text typed by an editor can run as a
formula.
"""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from loften.core.spreadsheet import csv_row, csv_value, xlsx_row, xlsx_text

from ..layout import Report
from . import text

__all__ = ["csv_value", "render_csv", "render_xlsx"]

WIDE = {"promise", "activity", "commitment", "followup"}


def render_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Follow-up")[:31]
    _data_sheet(sheet, report)
    _indicator_sheet(workbook.create_sheet(_("Indicators")[:31]), report)
    _about_sheet(workbook.create_sheet(_("About the report")[:31]), report)
    workbook.properties.title = xlsx_text(report.document_title)
    workbook.properties.subject = xlsx_text(report.promise_title)
    workbook.properties.creator = "Löften"
    workbook.properties.description = xlsx_text(text.status_line(report))
    workbook.properties.created = report.generated_at.astimezone(datetime.UTC).replace(
        tzinfo=None
    )
    for each in workbook.worksheets:
        if report.is_draft:
            each.oddHeader.center.text = _("DRAFT")
            each.oddHeader.center.color = "8F1E18"
        each.oddFooter.left.text = xlsx_text(report.title)
        each.oddFooter.right.text = "&P / &N"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _header(sheet, headings: list[str]) -> None:
    sheet.append(xlsx_row(sheet, headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"


def _data_sheet(sheet, report: Report) -> None:
    columns = report.data_columns
    _header(sheet, [column.heading for column in columns])
    for row in report.data_rows:
        sheet.append(xlsx_row(sheet, row))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 45 if column.key in WIDE else 14
        if column.kind == "date":
            for (cell,) in sheet.iter_rows(
                min_row=2, min_col=index, max_col=index, max_row=sheet.max_row
            ):
                cell.number_format = "yyyy-mm-dd"
        if column.key in WIDE:
            for (cell,) in sheet.iter_rows(
                min_row=2, min_col=index, max_col=index, max_row=sheet.max_row
            ):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.auto_filter.ref = sheet.dimensions


def _indicator_sheet(sheet, report: Report) -> None:
    _header(
        sheet,
        [
            _("Municipality code"),
            _("Municipality"),
            _("Indicator"),
            _("Source"),
            _("Unit"),
            _("Desired direction"),
            _("Year"),
            _("Value"),
            _("Note"),
        ],
    )
    for indicator in report.indicators:
        for value in indicator.values:
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        ", ".join(report.municipality_codes),
                        ", ".join(report.municipalities),
                        indicator.name,
                        indicator.source,
                        indicator.unit,
                        indicator.direction,
                        value.year,
                        value.value,
                        value.note,
                    ],
                )
            )
    sheet.column_dimensions["C"].width = 45
    sheet.column_dimensions["D"].width = 30


def _about_sheet(sheet, report: Report) -> None:
    rows = [
        (_("Report"), report.title),
        (_("Municipality code"), ", ".join(report.municipality_codes)),
        (_("Municipality"), ", ".join(report.municipalities)),
        (_("Citizen promise"), report.promise_title),
        *text.parties(report),
        (_("Period"), report.period_label),
        (_("Period starts"), report.period_start),
        (_("Period ends"), report.period_end),
        (_("Version"), text.status_line(report)),
        (_("Report made"), report.generated_at.date()),
    ]
    for label, value in rows:
        sheet.append(xlsx_row(sheet, [label, value]))
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        if isinstance(value, datetime.date):
            sheet.cell(row=sheet.max_row, column=2).number_format = "yyyy-mm-dd"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 80


CSV_DELIMITER = ";"


def excel_csv_value(value: Any) -> str:
    """A value as Excel set to Swedish reads it from a semicolon-separated file:
    a decimal comma (2,5; a dot would make it a date or text), yes/no as words,
    and otherwise what `csv_value` writes, formulas neutralised."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal | float):
        return csv_value(value).replace(".", ",")
    return csv_value(value)


def render_csv(report: Report) -> bytes:
    """CSV that opens right in Excel set to Swedish when double-clicked:
    UTF-8 with a byte-order mark (without it Excel reads Windows-1252 and
    garbles å, ä and ö), semicolon-separated (Excel takes the list separator
    from the system's region, which is ";" in Sweden), a decimal comma, ISO
    dates, RFC 4180 quoting. Every row names the municipality by code and name.
    """
    output = io.StringIO()
    writer = csv.writer(output, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(csv_row(column.heading for column in report.data_columns))
    for row in report.data_rows:
        writer.writerow([excel_csv_value(value) for value in row])
    return output.getvalue().encode("utf-8-sig")
