"""How the structure parser reads headings, captions and labelled lines.

A heading can open a section (lägesbild, promise statements, activities …),
name the parties of the items below it ("Polisen lovar att:"), date them
("Tertial 2", "2021"), name a focus area, or start a "Resultat" block; a line
above a table names its promise statement or focus area; "Ansvarig: …",
"Mål: …" and "Resultat: …" set what they say on the current activity.
"""

import re

from django.utils.translation import gettext as _

from .blocks import Block
from .draft import Draft
from .parties import GroupHeading, read_group_heading, statement_parties
from .periods import find_periods, find_years, is_half_year, read_period_label
from .result import Activity, NoteKind
from .sections import (
    Section,
    heading_section,
    is_followup_title,
    is_promise_sentence,
    looks_like_activity,
    named_focus_area,
    read_label,
    sounds_like_focus_area,
)
from .status import read_status
from .targets import is_outcome
from .text import ends_sentence, sentences, word_set

NOTE_SECTIONS: dict[str, NoteKind] = {
    "situation": "situation",
    "time_frame": "time_frame",
    "followup_plan": "followup_plan",
    "contact": "contact",
    "communication": "communication",
    "intro": "intro",
    "followup_intro": "intro",
}
FOCUS_AREA_WORDS = 6
# How far past a heading to look for the activities it would head.
_LOOKAHEAD = 40
# An activities heading that is really a table read as one line: period labels
# after the first word, or cells run together ("kontrollerGenomfört").
_SWALLOWED_TABLE = re.compile(
    r"^\S+\s.*\b(?i:tertial\s*[1-3]|kvartal\s*[1-4])\b.*\b(?i:tertial|kvartal)\b"
    r"|[a-zåäö][A-ZÅÄÖ]"
)
# How promise statements begin when they are not "… lovar att …" sentences.
STATEMENT_STARTS = (
    "att ",
    "vi ska",
    "vi skall",
    "vi vill",
    "vi lovar",
    "vi kommer att",
)
_FOLLOWUP_LABELS = word_set(
    """
    resultat utfall utfallet uppföljning status kommentar måluppfyllelse
    """
)
_TABLE_NUMBER = re.compile(
    r"^(?:tabell|table|figur|bild)\s*\d*\s*[:.\u2013-]?\s*", re.IGNORECASE
)


# The end of a sentence that introduces a list: "… lovar:", "… genom att:",
# "… genom aktiviteter som anges nedan", "… genom följande aktiviteter".
_INTRODUCES_LIST = re.compile(
    r"(?::|\b(?:nedan|följande(?:\s+(?:aktiviteter|åtgärder|insatser|åtaganden|"
    r"löften|medborgarlöften))?|genom(?:\s+att)?))\s*[.:]?\s*$"
    # "… lämnar följande löften till invånarna för 2019", no colon.
    r"|\bföljande\s+(?:aktiviteter|åtgärder|insatser|åtaganden|löften|"
    r"medborgarlöften?)\b[^.:;!?]{0,60}$",
    re.IGNORECASE,
)


# "… har följande medborgarlöften tagits fram:", a list of promises named as such.
_FOLLOWING_PROMISES = re.compile(
    r"\bföljande\s+(?:medborgarlöften?|löften?|aktiviteter|åtaganden)\b[^.!?]{0,60}:"
    r"\s*$",
    re.IGNORECASE,
)


def introduces_list(text: str) -> bool:
    """Whether a line introduces the list below it ("… genom följande
    aktiviteter:", "Polisen lovar:")."""
    return bool(_INTRODUCES_LIST.search(text))


# A list of focus areas or of the promise's purpose follows: "… med följande
# fokusområden:", "Syftet med medborgarlöftet är", "… ges till medborgarna för att:".
_FOCUS_INTRO = re.compile(
    r"\b(?:fokusområden?|prioriterade\s+områden|insatsområden|områden|"
    r"inriktning(?:ar)?\s+på)\s*:?\s*$",
    re.IGNORECASE,
)
# How the work of the promise statement above is announced: "Detta ska ske
# genom att:", "Det gör vi genom:", "Vilket ska uppnås genom följande:".
_MEANS_INTRO = re.compile(
    r"^(?:detta|det|det\s+här|vilket|så)\s+(?:\w+\s+){0,4}?genom(?:\s+att)?"
    r"(?:\s+följande)?\s*:\s*$",
    re.IGNORECASE,
)
_PURPOSE_INTRO = re.compile(
    r"(?:\bsyfte\w*\b.{0,60}\b(?:är|att)|\bför\s+att|\bi\s+syfte\s+att|"
    r"\bmed\s+målet\s+att|\bsyftar\s+till(?:\s+att)?|\bmålen?\s+är(?:\s+att)?|"
    r"^(?:medborgar)?löften(?:a)?\s+ska)"
    r"\s*[:;]?\s*$",
    re.IGNORECASE,
)


class HeadingRules:
    """The walker's rules for headings, captions and labels (see module doc)."""

    draft: Draft
    section: Section
    blocks: list[Block]
    index: int
    pending: list[Block]
    promised: list[Activity]
    outcome_index: int
    # What the items of the list being read are, when its introduction said so.
    item_kind: str | None
    # The blocks being read list the work of the statement above ("Detta gör vi
    # genom att:"), so a paragraph may name several pieces of it.
    means_listed: bool = False

    def promise_introduces_list(self, text: str) -> bool:
        """ "Polisen, X kommun och HSB lovar:", "Lokalpolisområde X och Y kommun
        lovar att … genom aktiviteter som anges nedan": a promise statement that
        introduces the list below it. It is a commitment, and its parties are
        those of the items that name none of their own."""
        if self.section in ("situation", "outcome_list") or not _INTRODUCES_LIST.search(
            text
        ):
            return False
        if _FOCUS_INTRO.search(text) or _PURPOSE_INTRO.search(text):
            return False
        statements = [s for s in sentences(text) if is_promise_sentence(s)]
        if (
            not statements
            and not self.draft.followup_document
            and _FOLLOWING_PROMISES.search(text)
            and not is_outcome(text)
        ):
            # "Utifrån målsättningen har följande medborgarlöften tagits fram:":
            # the items below are the promises, of the document's parties, or
            # of the parties the paragraph names ("Polisen och X kommun ska …
            # I linje med detta utgår följande medborgarlöfte:").
            parties = statement_parties(text)
            if parties is not None:
                self.draft.commitment_index = self.draft.add_commitment(text)
            self.reset_context()
            self.draft.group = GroupHeading(parties, "promise") if parties else None
            self.section = "activities"
            return True
        if not statements and _MEANS_INTRO.match(text.strip()):
            return self.means_follow_statement()
        if not statements or read_group_heading(text.rstrip(":").strip()):
            return False
        parties = statement_parties(statements[-1])
        self.draft.commitment_index = self.draft.add_commitment(text)
        self.reset_context()
        self.draft.group = GroupHeading(parties, "promise") if parties else None
        self.section = "activities"
        return True

    def means_follow_statement(self) -> bool:
        """ "Detta ska ske genom att:" right below a promise statement: the items
        are that statement's activities, of its parties."""
        previous = self.blocks[self.index - 1] if self.index > 0 else None
        if previous is None or previous.kind not in ("paragraph", "heading"):
            return False
        statement = next(
            (s for s in reversed(sentences(previous.text)) if is_promise_sentence(s)),
            None,
        )
        if statement is None:
            return False
        parties = statement_parties(statement)
        index = self.draft.matching_commitment(statement)
        if parties is None or index is None:
            return False
        self.reset_context()
        self.draft.commitment_index = index
        self.draft.group = GroupHeading(parties, "promise")
        self.section = "activities"
        self.means_listed = True
        return True

    def list_intro(self, text: str) -> bool:
        """A line that introduces a list of focus areas or of purposes: the items
        below are not activities. Returns whether it was one."""
        stripped = text.strip()
        if _PURPOSE_INTRO.search(stripped):
            self.draft.note("intro", stripped)
            self.reset_context()
            self.item_kind = "purpose"
            return True
        if _FOCUS_INTRO.search(stripped):
            self.draft.note("intro", stripped)
            self.reset_context()
            self.draft.add_year_text(stripped)
            self.item_kind = "focus"
            return True
        return False

    def reset_context(self) -> None:
        self.draft.clear_current()
        self.pending.clear()
        self.means_listed = False

    def period_heading(self) -> None:
        """A period heading starts a report: the party of a group heading above
        ("Kommunen lovar att:") does not carry into it."""
        self.reset_context()
        self.draft.group = None

    def title(self, block: Block) -> None:
        self.draft.result.title = block.text
        self.draft.add_year_text(block.text)
        self.draft.followup_document = is_followup_title(block.text)
        periods = find_periods(block.text)
        if len(periods) == 1:
            self.draft.period, self.draft.period_label = periods[0], None

    def caption(self, block: Block) -> bool:
        """A line just above a table names its promise statement or focus area."""
        text = _TABLE_NUMBER.sub("", block.text.strip()).rstrip(":").strip()
        if not text:
            return bool(block.text.strip())  # only "Tabell 2": a bare caption
        if len(text.split()) > 30 or block.kind == "heading":
            return False
        if read_group_heading(text) or heading_section(text, followup_document=True):
            return False
        index = self.draft.matching_commitment(text)
        if index is None and (
            block.strong or text.lower().startswith(STATEMENT_STARTS)
        ):
            index = self.draft.add_commitment(text)
        if index is not None:
            self.draft.commitment_index = index
        elif len(text.split()) <= FOCUS_AREA_WORDS and not ends_sentence(text):
            self.draft.add_focus_area(text)
        else:
            return False
        self.section = "activities"
        self.reset_context()
        return True

    def heading(self, raw: str, following: Block | None = None) -> None:
        text = raw.strip().rstrip(":").strip()
        if not text:
            return
        self.item_kind = None
        if (
            following is not None
            and following.kind == "list_item"
            and (self.list_intro(raw) or self.promise_introduces_list(raw.strip()))
        ):
            return
        if (
            following is not None
            and following.kind == "heading"
            and raw.rstrip().endswith(":")
            and self.promise_introduces_list(raw.strip())
        ):
            # "Polisen och kommunen lovar att under 2019 – 2020:" over focus-area
            # headings with the activities under each.
            return
        if _MEANS_INTRO.match(raw.strip()) and self.means_follow_statement():
            # "Detta gör vi genom att:" over the paragraph that tells the work.
            return
        label = read_label(raw)
        if label is not None and label[1]:
            # "Ansvarig: Polisen" set on a line of its own looks like a heading.
            self.labelled(*label, following=following)
            return
        years = find_years(text)
        short = len(text.split()) <= 4
        if (
            short
            and read_period_label(text) == "year"
            and (years or is_half_year(text))
        ):
            # "2019", "Uppföljning 2019": what follows reports on that year.
            self.draft.period, self.draft.period_label = "year", text
            self.draft.period_year = years[-1] if len(years) == 1 else None
            self.draft.add_year_text(text)
            self.period_heading()
            if is_half_year(text):
                self.draft.warn(
                    _(
                        "The document reports per half-year, which has no reporting "
                        "period of its own; each half-year's report is kept, with "
                        "its heading, as part of the year's follow-up."
                    )
                )
            return
        periods = find_periods(text)
        if len(periods) == 1 and len(text.split()) <= 8:
            self.draft.period, self.draft.period_label = periods[0], text
            self.draft.period_year = years[-1] if len(years) == 1 else None
            self.draft.add_year_text(text)
            self.period_heading()
            if read_period_label(text) is not None:
                return
        group = read_group_heading(text)
        if group is not None:
            self.draft.group, self.section = group, "activities"
            self.draft.add_year_text(text)
            self.reset_context()
            return
        named = named_focus_area(text)
        if named:
            self.draft.add_focus_area(named)
            self.section, self.draft.group = "activities", None
            self.reset_context()
            return
        followup_context = self.draft.followup_document or any(
            a.followups for a in self.draft.result.activities
        )
        section = heading_section(text, followup_document=followup_context)
        if section == "outcome_list" and not self.promised:
            if self.draft.current is not None or self.pending:
                self.start_result()
                return
            section = "activities"
        if section is not None:
            self.open_section(section, text)
            if section == "activities" and _SWALLOWED_TABLE.search(text):
                # "Aktivitet Tertial 1 Tertial 2 Narkotikakontroller…": a table
                # read as one line; its text must not vanish with the heading.
                self.draft.unplaced(text)
            return
        if self.section in ("situation", "time_frame", "followup_plan", "contact"):
            self.draft.note(NOTE_SECTIONS[self.section], text)
            return
        short = len(text.split()) <= FOCUS_AREA_WORDS and not ends_sentence(text)
        if short and (sounds_like_focus_area(text) or self.activities_follow()):
            self.draft.add_focus_area(text)
            if not self.right_below_group():
                self.draft.group = None
            if self.section != "focus_list":
                self.section = "activities"
            self.reset_context()
            return
        if self.section in ("activities", "promised_list") and looks_like_activity(
            text
        ):
            self.draft.add_activity(text)
            return
        if short:
            # A heading of no known kind ("Slutord"): what follows is not under
            # the focus area or activity above, and the heading stays as context.
            self.draft.focus_area = None
            self.draft.group = None
            self.reset_context()
            self.draft.note(
                "summary" if self.draft.result.activities else "intro", text
            )
            self.section = "intro"
            return
        self.draft.unplaced(text)

    def right_below_group(self) -> bool:
        """Whether the block above names the parties of what follows ("Under 2023
        har kommunen och polisen genomfört följande:" over a focus-area heading)."""
        if self.index == 0 or self.draft.group is None:
            return False
        above = self.blocks[self.index - 1]
        return read_group_heading(above.text.strip().rstrip(":").strip()) is not None

    def activities_follow(self) -> bool:
        """Whether list items, a table or activity paragraphs follow the heading
        being read, before the next heading."""
        for block in self.blocks[self.index + 1 : self.index + 1 + _LOOKAHEAD]:
            if block.kind == "heading":
                return False
            if block.kind in ("list_item", "table_row"):
                return True
            if looks_like_activity(block.text):
                return True
        return False

    def open_section(self, section: Section, text: str) -> None:
        if section == "followup_intro":
            self.draft.followup_document = True
            section = "intro"
        elif section == "general":
            section = "intro"
        self.section = section
        self.draft.group = None
        self.reset_context()
        if section in ("activities", "focus_list"):
            self.draft.focus_area = None
        if section == "promised_list":
            self.promised, self.outcome_index = [], 0
        if section == "outcome_list":
            self.outcome_index = 0
            self.draft.followup_document = True
        if section == "commitments":
            self.draft.commitment_index = None
        if section not in ("situation", "contact"):
            self.draft.add_year_text(text)

    def start_result(self) -> None:
        """A "Resultat" heading or label: what follows reports on the activity above,
        or on the paragraph above when that paragraph stated the activity."""
        if self.draft.current is None and self.pending:
            block = self.pending.pop()
            self.draft.add_activity(block.text)
        self.draft.followup_mode = self.draft.current is not None
        self.draft.current_followup = None

    def labelled(
        self, label: str, value: str, *, following: Block | None = None
    ) -> None:
        reporting = self.draft.followup_document or any(
            activity.followups for activity in self.draft.result.activities
        )
        if label == "uppföljning" and not reporting:
            # In a promise, "Uppföljning: …" says how it will be followed up.
            self.draft.note("followup_plan", value)
            return
        if label in _FOLLOWUP_LABELS:
            self.start_result()
            if self.draft.current is None:
                if value:
                    self.draft.unplaced(value)
                return
            if value:
                self.draft.current_followup = None
                self.draft.add_followup_text(self.draft.current, value)
                if label == "status" and self.draft.current_followup is not None:
                    self.draft.current_followup.status = read_status(value)
                    self.draft.preset_status.add(id(self.draft.current_followup))
            return
        if label == "löfte" and following is not None and following.kind == "list_item":
            # "Löfte 1: Ökad trygghet i Ekedal" over its activities.
            self.section, self.draft.group = "activities", None
            self.reset_context()
            self.draft.commitment_index = self.draft.add_commitment(value)
            return
        if label in ("aktivitet", "löfte", "åtgärd"):
            if value:
                self.section = "activities"
                self.draft.add_activity(value)
            return
        if label == "fokusområde":
            self.draft.add_focus_area(value)
            self.section = "activities"
            return
        if label in ("tidsperiod", "period", "tidsram"):
            self.draft.note("time_frame", value)
            return
        current = self.draft.current
        if current is None:
            if value:
                self.draft.unplaced(f"{label.capitalize()}: {value}")
            return
        shown = label.capitalize()
        if label.startswith("ansvar"):
            self.draft.apply_parties(current, value, label=shown)
        elif label.startswith(("samverkanspart", "partner")):
            self.draft.apply_parties(current, value, label=shown, responsible=False)
        elif label in ("mål", "målvärde", "målsättning"):
            self.draft.apply_target(current, value, label=shown)
        else:
            current.notes.append(value)
