"""The report as a tagged PDF, laid out by WeasyPrint from an HTML template.

The HTML carries the language (`<html lang>`) and the title, and the PDF is
written as PDF/UA-1 so that WeasyPrint tags headings, lists and tables and marks
the running header and footer as artifacts. WeasyPrint's PDF/UA support is
experimental; see docs/reports.md for what is and is not covered.
"""

import base64
import datetime
import logging
import os
import time

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from ..layout import (
    ActivityRow,
    CommitmentGroup,
    FollowUpCell,
    PeriodColumn,
    Report,
    Section,
)
from . import text

logger = logging.getLogger(__name__)


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
            "cover_parties": [
                {"name": party.name, "logo": _data_uri(party)}
                for party in report.parties
            ],
            "year_deeds": _year_deeds(report),
            "approvals": [
                {
                    "organisation": a.organisation,
                    "person": a.person,
                    "title": a.title,
                    "when": text.moment(a.approved_at),
                    "comment": a.comment,
                }
                for a in report.approvals
            ],
            "missing": ", ".join(report.approvals_missing),
            "generated": text.day(report.generated_at),
            "signing_date": text.day(report.signing_date),
            "period_dates": f"{text.day(report.period_start)} – "
            f"{text.day(report.period_end)}",
            "sections": [
                {
                    "name": section.focus_area,
                    "account": section.account,
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


def _data_uri(party) -> str:
    """The logo inlined, so that WeasyPrint fetches nothing (see render_pdf)."""
    if not party.logo or party.logo_type not in {"image/png", "image/jpeg"}:
        return ""
    return f"data:{party.logo_type};base64,{base64.b64encode(party.logo).decode()}"


def _year_deeds(report: Report) -> list:
    if report.year_sections is None:
        return []
    return [
        (_("What the police did"), report.year_sections.police),
        (_("What the municipality did"), report.year_sections.municipality),
    ]


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
    from weasyprint.urls import URLFetcher

    # Everything a report shows is inlined (the logos as data: URIs), so
    # nothing is fetched from the network or the disk, whatever a text or an
    # image might point to.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=report_html(report), url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )


def _warm_up_report() -> Report:
    """A one-row report with what the first real one needs loaded: the
    template, bold and regular text, a table, a long Swedish word to hyphenate."""
    today = datetime.date(2026, 1, 1)
    cell = FollowUpCell(0, "Genomfört", "done", 1, None, "Trygghetsvandringarna")
    row = ActivityRow(
        id=0,
        text="Samverkansöverenskommelsen",
        responsible="Kommunen",
        place="",
        target=None,
        target_text="",
        cells=(cell,),
        achieved=1,
        target_met=None,
        verdict=None,
        outcome_text="1",
        year_summary=None,
    )
    return Report(
        title="Löften",
        promise_id=0,
        promise_title="Löften",
        municipalities=("Löften",),
        police_area=None,
        period_id=0,
        period_code="T1",
        period_label="T1",
        period_start=today,
        period_end=today,
        year=today.year,
        is_draft=True,
        version=None,
        published_at=None,
        generated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        commitments=("Löften",),
        columns=(PeriodColumn(0, "T1", "T1", True),),
        sections=(Section("Löften", (CommitmentGroup(None, (row,)),)),),
        indicators=(),
        indicator_years=(),
        signatories=(),
        signing_date=None,
    )


def warm_up(language: str = "sv") -> float:
    """Make a throwaway PDF so that the first real one is as quick as the next:
    WeasyPrint and its libraries are imported, the fonts and the hyphenation
    dictionary loaded and the template compiled. Returns the seconds it took."""
    started = time.perf_counter()
    with translation.override(language):
        render_pdf(_warm_up_report())
    return time.perf_counter() - started


def warm_up_in_server_process() -> None:
    """Warm the PDF renderer in a gunicorn worker while it boots, before it takes
    requests, so that no visitor waits for WeasyPrint to load (about a second
    and a half on the test machine). Other processes (tests, commands,
    runserver) are left alone. Never stops the process: a failure is logged and
    the first report then loads what it needs, as it always could."""
    if not os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
        return
    try:
        seconds = warm_up()
    except Exception:
        logger.warning("Could not warm up the PDF renderer", exc_info=True)
        return
    logger.info("PDF renderer warmed up in %.2f s", seconds)
