"""The municipality's action plan as a Word document the council can adopt and
edit: Word's own heading, list and table styles, the language set, a table of
measures with a header row repeated on every page. Portrait A4, as council
papers are."""

import datetime
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.shared import Mm, Pt

from ..action_plan import ActionPlan
from . import text
from .word import _add_field, _fill, _header_row, _set_style_language, _word_language

LAW = "lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"


def render_action_plan(plan: ActionPlan) -> bytes:
    document = Document()
    language = _word_language()
    _set_up(document, plan, language)

    document.add_heading(plan.title, level=0)
    document.add_paragraph(
        _("Proposal for the municipal council's decision under %(law)s.") % {"law": LAW}
    )
    facts = [
        (_("Municipality"), f"{plan.municipality} ({plan.municipality_code})"),
        (_("Period"), plan.years.replace("-", "–")),
        (_("Police area"), ", ".join(plan.police_areas) or "–"),
        (_("Made"), text.day(plan.generated_at)),
    ]
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    _background(document, plan)
    _situation(document, plan)
    _problems(document, plan)
    _measures(document, plan)
    _followup(document, plan)
    _promise_place(document, plan)
    _decision(document, plan)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _set_up(document, plan: ActionPlan, language: str) -> None:
    properties = document.core_properties
    properties.title = plan.title
    properties.subject = _("Action plan under %(law)s") % {"law": LAW}
    properties.author = plan.municipality
    properties.language = language
    properties.keywords = "åtgärdsplan, brottsförebyggande, medborgarlöfte"
    properties.created = plan.generated_at.astimezone(datetime.UTC).replace(tzinfo=None)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    _set_style_language(normal, language)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin = section.bottom_margin = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{plan.title} · {pgettext('page number', 'Page')} ")
    _add_field(footer, "PAGE")
    footer.add_run(f" {pgettext('page number', 'of')} ")
    _add_field(footer, "NUMPAGES")


def _table(document, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    _header_row(table, headings)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _fill(cell, [(value or "–", False)])


def _background(document, plan: ActionPlan) -> None:
    document.add_heading(_("1. Background and assignment"), level=1)
    document.add_paragraph(
        _(
            "Since 1 July 2023 %(law)s requires every municipality to produce a "
            "situational picture (lägesbild) of crime in the municipality, to "
            "decide from it which crime-prevention measures are needed in an "
            "action plan, and to have a function that coordinates the work. "
            "This action plan builds on the citizen promise (medborgarlöfte) "
            "that %(municipality)s municipality and the police have made together, "
            "and on the situational picture behind it."
        )
        % {"law": LAW, "municipality": plan.municipality}
    )
    document.add_paragraph(_("The plan builds on:"))
    for part in plan.promises:
        document.add_paragraph(
            _("%(title)s, %(period)s, made by %(parties)s (%(status)s)")
            % {
                "title": part.title,
                "period": part.period,
                "parties": part.parties,
                "status": part.status,
            },
            style="List Bullet",
        )


def _situation(document, plan: ActionPlan) -> None:
    document.add_heading(_("2. Situational picture (lägesbild)"), level=1)
    for part in plan.promises:
        if len(plan.promises) > 1:
            document.add_heading(part.title, level=2)
        if part.situation:
            document.add_paragraph(part.situation)
        else:
            document.add_paragraph(_("The promise has no written situational picture."))
        if part.sources:
            document.add_heading(_("Sources"), level=3)
            _table(
                document,
                [_("Source"), _("Kind"), _("Year"), _("What it shows")],
                [
                    [
                        source.title,
                        source.kind,
                        str(source.year or ""),
                        " ".join(p for p in (source.note, source.url) if p),
                    ]
                    for source in part.sources
                ],
            )


def _problems(document, plan: ActionPlan) -> None:
    document.add_heading(_("3. Prioritised problems"), level=1)
    document.add_paragraph(
        _(
            "The problems below were chosen from the situational picture together "
            "with the police, in the order of priority they have in the citizen "
            "promise."
        )
    )
    for problem in plan.problems:
        document.add_heading(f"3.{problem.rank} {problem.name}", level=2)
        for commitment in problem.commitments:
            document.add_paragraph(commitment, style="List Bullet")
        details = [
            _("Measures: %(count)s (see section 4).") % {"count": problem.measures}
        ]
        if problem.indicators:
            details.append(
                _("Followed up with: %(names)s.")
                % {"names": "; ".join(problem.indicators)}
            )
        document.add_paragraph(" ".join(details))


def _measures(document, plan: ActionPlan) -> None:
    document.add_heading(_("4. Measures"), level=1)
    document.add_paragraph(
        _(
            "Each measure with who is responsible, when it is done and its target. "
            "Numbers refer to the problems in section 3."
        )
    )
    _table(
        document,
        [_("No."), _("Measure"), _("Responsible"), _("When"), _("Target")],
        [
            [
                m.number,
                m.text + (f" ({_('Place:')} {m.place})" if m.place else ""),
                m.responsible,
                m.timing,
                m.target,
            ]
            for m in plan.measures
        ],
    )


def _followup(document, plan: ActionPlan) -> None:
    document.add_heading(_("5. Follow-up"), level=1)
    for part in plan.promises:
        if len(plan.promises) > 1:
            document.add_heading(part.title, level=2)
        document.add_paragraph(
            _("The measures are followed up %(cadence)s and summed up for the year.")
            % {"cadence": part.cadence}
        )
        if part.followup_plan:
            document.add_paragraph(part.followup_plan)
    if plan.indicators:
        document.add_heading(_("Effect measures"), level=2)
        _table(
            document,
            [_("Indicator"), _("Source"), _("Latest value"), _("Desired direction")],
            [[i.name, i.source, i.latest, i.direction] for i in plan.indicators],
        )


def _promise_place(document, plan: ActionPlan) -> None:
    document.add_heading(_("6. The citizen promise's place in the plan"), level=1)
    document.add_paragraph(
        _(
            "The citizen promise is the part of the municipality's crime-prevention "
            "work that is done together with the police and promised publicly to "
            "the residents. Its measures are section 4 of this plan; the "
            "municipality's own measures that are not part of the promise can be "
            "added to the same table. The promise is followed up and reported back "
            "to the residents on Löften, so the follow-up of this plan and of the "
            "promise is one and the same."
        )
    )
    for part in plan.promises:
        if part.signatories:
            signed = (
                _(" on %(date)s") % {"date": text.day(part.signing_date)}
                if part.signing_date
                else ""
            )
            document.add_paragraph(
                _("%(title)s is signed%(signed)s by: %(names)s.")
                % {
                    "title": part.title,
                    "signed": signed,
                    "names": "; ".join(part.signatories),
                }
            )


def _decision(document, plan: ActionPlan) -> None:
    document.add_heading(_("7. Decision"), level=1)
    document.add_paragraph(
        _(
            "The municipal council is proposed to adopt the action plan for "
            "crime prevention in %(municipality)s municipality %(years)s."
        )
        % {"municipality": plan.municipality, "years": plan.years.replace("-", "–")}
    )
    document.add_paragraph(_("Adopted by the municipal council on (date), § (number)."))
