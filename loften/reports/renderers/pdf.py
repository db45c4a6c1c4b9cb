"""The report as a tagged PDF, laid out by WeasyPrint from an HTML template.

The HTML carries the language (`<html lang>`) and the title, and the PDF is
written as PDF/UA-1 so that WeasyPrint tags headings, lists and tables and marks
the running header and footer as artifacts. WeasyPrint's PDF/UA support is
experimental; see docs/reports.md for what is and is not covered.
"""

from django.template.loader import render_to_string
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from ..layout import Report
from . import text


def report_html(report: Report) -> str:
    # Activity, responsible party and target take 42% of the width; the rest is
    # shared by the period columns and the outcome, which in a whole-year
    # report also holds the year's own follow-up.
    has_summary = any(row.year_summary for row in report.activity_rows)
    outcome_width = 18 if has_summary else 13
    return render_to_string(
        "reports/pdf/report.html",
        {
            "report": report,
            "language": (get_language() or "sv").split("-")[0],
            "parties": text.parties(report),
            "page_word": pgettext("page number", "Page"),
            "of_word": pgettext("page number", "of"),
            "draft_word": _("DRAFT"),
            "column_width": f"{(58 - outcome_width) / max(len(report.columns), 1):.2f}",
            "outcome_width": outcome_width,
            "status_line": text.status_line(report),
            "generated": text.day(report.generated_at),
            "signing_date": text.day(report.signing_date),
            "period_dates": f"{text.day(report.period_start)} – "
            f"{text.day(report.period_end)}",
            "sections": [
                {
                    "name": section.focus_area,
                    "groups": [
                        {
                            "commitment": group.commitment,
                            "rows": [_row(row) for row in group.rows],
                        }
                        for group in section.groups
                    ],
                }
                for section in report.sections
            ],
            "indicators": [
                {
                    "indicator": indicator,
                    "values": [
                        next(
                            (
                                text.number(v.value)
                                for v in indicator.values
                                if v.year == year
                            ),
                            "",
                        )
                        for year in report.indicator_years
                    ],
                }
                for indicator in report.indicators
            ],
        },
    )


def _row(row) -> dict:
    return {
        "row": row,
        "cells": [
            None
            if cell is None
            else {"facts": text.cell_facts(cell), "text": cell.text}
            for cell in row.cells
        ],
        "summary": None
        if row.year_summary is None
        else {
            "facts": text.cell_facts(row.year_summary),
            "text": row.year_summary.text,
        },
    }


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
