"""The report as a Word document with real headings and real tables.

Coordinators edit the document further before it goes to the council, so it uses
Word's own styles (Heading 1–3, Table Grid, List Bullet) rather than formatting
that only looks like headings.
"""

import contextlib
import datetime
import io

from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..layout import Report
from . import text

DRAFT_RED = RGBColor(0x8F, 0x1E, 0x18)


def render_docx(report: Report) -> bytes:
    document = Document()
    language = _word_language()
    _set_up(document, report, language)

    _cover(document, report)
    _summary(document, report)
    _situation(document, report)

    if report.commitments:
        document.add_heading(_("What we promise"), level=2)
        for commitment in report.commitments:
            document.add_paragraph(commitment, style="List Bullet")

    for section in report.sections:
        document.add_heading(
            _("Focus area: %(name)s") % {"name": section.focus_area}, level=2
        )
        if section.account:
            document.add_paragraph().add_run(section.account).italic = True
        for group in section.groups:
            if group.commitment:
                document.add_heading(group.commitment, level=3)
            _activity_table(document, report, group.rows)

    if report.indicators:
        document.add_heading(_("Indicators"), level=2)
        _indicator_table(document, report)

    if report.year_sections is not None:
        _year_sections(document, report)
    _changes(document, report)
    _approvals(document, report)

    if report.signatories:
        document.add_heading(_("Signed by"), level=2)
        for person in report.signatories:
            parts = [person.name, person.title, person.organisation]
            document.add_paragraph(
                ", ".join(p for p in parts if p), style="List Bullet"
            )
        if report.signing_date:
            document.add_paragraph(
                _("Signed on %(date)s.") % {"date": text.day(report.signing_date)}
            )

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _cover(document, report: Report) -> None:
    """The first page: both parties with their logos, the title, the period and
    the version; the rest of the report starts on the next page."""
    if report.parties:
        table = document.add_table(rows=2, cols=len(report.parties))
        for index, party in enumerate(report.parties):
            if party.logo:
                picture = table.rows[0].cells[index].paragraphs[0].add_run()
                # A logo Word cannot read is left out, not the report.
                with contextlib.suppress(ValueError, OSError, UnrecognizedImageError):
                    picture.add_picture(io.BytesIO(party.logo), height=Mm(22))
            table.rows[1].cells[index].paragraphs[0].add_run(party.name).bold = True
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.promise_title, style="Subtitle")
    if report.is_draft:
        banner = document.add_paragraph()
        run = banner.add_run(text.status_line(report))
        run.bold = True
        run.font.color.rgb = DRAFT_RED
    facts = [
        *text.parties(report),
        (
            _("Period"),
            f"{report.period_label} ({text.day(report.period_start)} – "
            f"{text.day(report.period_end)})",
        ),
        (_("Version"), text.status_line(report)),
        (_("Report made"), text.day(report.generated_at)),
    ]
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_page_break()


def _summary(document, report: Report) -> None:
    if report.summary is None:
        return
    document.add_heading(pgettext("report section", "Summary"), level=2)
    document.add_paragraph().add_run(report.summary.sentence).bold = True
    document.add_paragraph(_("Activities by status"))
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _header_row(table, [_("Status"), _("Activities")])
    for name, count in report.summary.statuses:
        cells = table.add_row().cells
        _fill(cells[0], [(name, False)])
        _fill(cells[1], [(str(count), False)])


def _situation(document, report: Report) -> None:
    situation = report.situation
    if situation is None or not (situation.summary or situation.sources):
        return
    document.add_heading(_("The situational picture in brief"), level=2)
    if situation.summary:
        document.add_paragraph(situation.summary)
    if situation.sources:
        document.add_heading(_("Sources"), level=3)
        for title, details in situation.sources:
            line = f"{title} – {details}" if details else title
            document.add_paragraph(line, style="List Bullet")


def _year_sections(document, report: Report) -> None:
    sections = report.year_sections
    for heading, deeds in (
        (_("What the police did"), sections.police),
        (_("What the municipality did"), sections.municipality),
    ):
        document.add_heading(heading, level=2)
        if not deeds:
            document.add_paragraph(_("No activity of this party in the promise."))
        for deed in deeds:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(deed.activity).bold = True
            if deed.together_with:
                paragraph.add_run(
                    " ("
                    + _("together with %(others)s") % {"others": deed.together_with}
                    + ")"
                )
            for line in (deed.facts, deed.outcome, deed.text):
                if line:
                    paragraph.add_run().add_break()
                    paragraph.add_run(line)
    document.add_heading(_("What we promise for next year"), level=2)
    next_year = sections.next_year
    if next_year is None:
        document.add_paragraph(_("No renewed promise has been published yet."))
        return
    document.add_paragraph(f"{next_year.title} ({next_year.period})")
    for commitment in next_year.commitments:
        document.add_paragraph(commitment, style="List Bullet")
    if next_year.activities:
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        _header_row(table, [_("Focus area"), _("Activity"), _("Target")])
        for area, activity, target in next_year.activities:
            cells = table.add_row().cells
            _fill(cells[0], [(area, False)])
            _fill(cells[1], [(activity, False)])
            _fill(cells[2], [(target or "–", False)])


def _changes(document, report: Report) -> None:
    changes = report.changes
    if changes is None:
        return
    document.add_heading(_("What changed since the last report"), level=2)
    if changes.first:
        document.add_paragraph(changes.since)
    elif not (changes.lines or changes.notes):
        document.add_paragraph(
            _("The plan has not changed since %(since)s.") % {"since": changes.since}
        )
        return
    else:
        document.add_paragraph(_("Compared with %(since)s.") % {"since": changes.since})
    if not changes.lines and not changes.first:
        document.add_paragraph(_("The plan has not changed."))
    for line in changes.lines:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{line.sentence}: ").bold = line.is_target
        paragraph.add_run(line.item)
        if line.old or line.new:
            arrow = f"{line.old} → " if line.old else ""
            paragraph.add_run(f" ({arrow}{line.new})")
        if line.reason:
            paragraph.add_run(" " + _("Why: %(reason)s") % {"reason": line.reason})
    if changes.more:
        document.add_paragraph(
            ngettext(
                "and %(counter)s more change",
                "and %(counter)s more changes",
                changes.more,
            )
            % {"counter": changes.more}
        )
    if changes.notes:
        document.add_heading(_("Reasons given when publishing"), level=3)
        for note in changes.notes:
            document.add_paragraph(
                _("Version %(number)s") % {"number": note.number} + f": {note.note}",
                style="List Bullet",
            )


def _approvals(document, report: Report) -> None:
    document.add_heading(_("Approval"), level=2)
    if not report.approvals:
        document.add_paragraph(_("No party has approved this follow-up yet."))
    else:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        _header_row(
            table, [_("On behalf of"), _("Approved by"), _("When"), _("Comment")]
        )
        for approval in report.approvals:
            cells = table.add_row().cells
            person = ", ".join(p for p in (approval.person, approval.title) if p)
            _fill(cells[0], [(approval.organisation, False)])
            _fill(cells[1], [(person, False)])
            _fill(cells[2], [(text.moment(approval.approved_at), False)])
            _fill(cells[3], [(approval.comment or "–", False)])
    if report.approvals_missing:
        document.add_paragraph(
            _("Not yet approved by: %(names)s.")
            % {"names": ", ".join(report.approvals_missing)}
        )


def _word_language() -> str:
    language = (get_language() or "sv").split("-")[0]
    return {"sv": "sv-SE", "en": "en-GB"}.get(language, language)


def _set_up(document, report: Report, language: str) -> None:
    properties = document.core_properties
    properties.title = report.document_title
    properties.subject = report.promise_title
    properties.author = ", ".join(names for _label, names in text.parties(report))
    properties.language = language
    properties.keywords = "medborgarlöfte, uppföljning"
    properties.comments = text.status_line(report)
    # Word stores the creation time in UTC without a zone.
    properties.created = report.generated_at.astimezone(datetime.UTC).replace(
        tzinfo=None
    )

    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    _set_style_language(normal, language)

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin = section.bottom_margin = Mm(15)

    if report.is_draft:
        header = section.header.paragraphs[0]
        run = header.add_run(_("DRAFT"))
        run.bold = True
        run.font.color.rgb = DRAFT_RED
        header.alignment = 1  # centred

    footer = section.footer.paragraphs[0]
    footer.add_run(f"{report.title} · ")
    footer.add_run(f"{pgettext('page number', 'Page')} ")
    _add_field(footer, "PAGE")
    footer.add_run(f" {pgettext('page number', 'of')} ")
    _add_field(footer, "NUMPAGES")


def _set_style_language(style, language: str) -> None:
    """Tell Word which language the text is in (spelling, screen readers)."""
    properties = style.element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def _add_field(paragraph, instruction: str) -> None:
    """A field that Word fills in, such as the page number."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _repeat_header(row) -> None:
    """Repeat the header row on every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _header_row(table, headings: list[str]) -> None:
    row = table.rows[0]
    _repeat_header(row)
    for cell, heading in zip(row.cells, headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True


def _fill(cell, lines: list[tuple[str, bool]]) -> None:
    """Write (text, bold) lines into a table cell, one paragraph each."""
    lines = [(line, bold) for line, bold in lines if line]
    if not lines:
        return
    first = cell.paragraphs[0]
    first.add_run(lines[0][0]).bold = lines[0][1]
    for line, bold in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def _activity_table(document, report: Report, rows) -> None:
    headings = [
        _("Activity"),
        _("Responsible"),
        _("Target"),
        *[column.heading for column in report.columns],
        _("Outcome"),
    ]
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    _header_row(table, headings)
    for row in rows:
        cells = table.add_row().cells
        _fill(
            cells[0],
            [
                (row.text, False),
                (f"{_('Place:')} {row.place}" if row.place else "", False),
            ],
        )
        _fill(cells[1], [(row.responsible, False)])
        _fill(cells[2], [(row.target_text or "–", False)])
        for index, cell in enumerate(row.cells):
            if cell is not None:
                _fill(
                    cells[3 + index],
                    [(text.cell_facts(cell), True), (cell.text, False)],
                )
        outcome = [(row.outcome_text, True)]
        if row.year_summary is not None:
            outcome += [
                (text.cell_facts(row.year_summary), True),
                (row.year_summary.text, False),
            ]
        _fill(cells[-1], outcome)


def _indicator_table(document, report: Report) -> None:
    headings = [
        _("Indicator"),
        _("Source"),
        _("Unit"),
        _("Desired direction"),
        *[str(year) for year in report.indicator_years],
        _("Trend"),
    ]
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    _header_row(table, headings)
    for indicator in report.indicators:
        cells = table.add_row().cells
        _fill(cells[0], [(indicator.name, False), (indicator.description, False)])
        _fill(cells[1], [(indicator.source, False)])
        _fill(cells[2], [(indicator.unit, False)])
        _fill(cells[3], [(indicator.direction, False)])
        values = {v.year: v.value for v in indicator.values}
        for index, year in enumerate(report.indicator_years):
            _fill(cells[4 + index], [(text.number(values.get(year)) or "–", False)])
        _fill(cells[-1], [(indicator.trend, False)])
