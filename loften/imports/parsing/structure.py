"""The structure parser: blocks in, a draft promise or follow-up out.

It walks the blocks once, keeping track of the section it is in (lägesbild,
promise statements, focus areas, activities, a "Detta har polisen gjort"
group, a "Resultat:" block …), and places every paragraph, list item and
table row: as a commitment, an activity, a follow-up, a note, or — when it
fits nowhere — a warning that quotes the text.
"""

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import errors
from .blocks import Block
from .draft import Draft
from .finish import finish_draft, names_a_promise
from .headings import (
    FOCUS_AREA_WORDS,
    NOTE_SECTIONS,
    STATEMENT_STARTS,
    HeadingRules,
    introduces_list,
)
from .municipalities import MunicipalityRef
from .parties import (
    GroupHeading,
    read_group_heading,
    read_subject,
    split_party_suffix,
    statement_parties,
)
from .party_words import classify_party, find_partners
from .periods import find_periods
from .prose import QUOTED
from .readers import read_document
from .result import Activity, NoteKind, ParseResult
from .sections import (
    Section,
    heading_section,
    is_effect_measure,
    is_followup_plan,
    is_promise_sentence,
    looks_like_activity,
    plans_counted_work,
    read_label,
    split_inline_report,
    split_joined_work,
)
from .status import read_status
from .tables import parse_table
from .targets import is_outcome, read_targets
from .text import ends_sentence, one_line, sentences, word_set

MAX_BYTES = 20 * 1024 * 1024


# How much of an activity's content a report must share to be about it, and by
# how much more than about any other activity.
_REPORT_MATCH = 0.3
_REPORT_MARGIN = 0.1
_STEM = 6
_WORD = re.compile(r"[a-zåäöéü]{4,}")


def _stems(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    return frozenset(word[:_STEM] for word in words if word not in _REPORT_STOP)


def _overlap(report: frozenset[str], listed: frozenset[str]) -> float:
    if not report or not listed:
        return 0.0
    return len(report & listed) / len(listed)


# Words of any report or plan that say nothing about which activity it is.
_REPORT_STOP = frozenset(
    word_set(
        """
        polisen kommunen polis kommun tillsammans genomfört genomföra under året
        arbeta arbetet utföra utfört samt även också dessa detta stycken varit har
        kommer skall
        """
    )
)


# What a party was to do, told afterwards: "skulle under 2018 genomföra", "avsåg
# att arbeta" ("lovade" sentences are promise statements, read as such).
_PAST_PROMISE = re.compile(r"\b(?:skulle|avsåg|åtog\s+sig)\b", re.IGNORECASE)
# The fewest words of a list item that is a sentence of its own.
_SENTENCE_ITEM_WORDS = 4
# How far into a paragraph its first sentence is looked for.
_FIRST_SENTENCE_CHARS = 400
# "Rubrik – beskrivning": a focus area's name and what it means.
_HEAD_AND_DESCRIPTION = re.compile(
    r"^(?P<head>[^–:.]{2,60}?)\s+[–—-]\s+(?P<description>.+)$"
)


# "Narkotika, innebär att …", "Trafik – innebär att …": a focus area and its work.
_MEANS_PARAGRAPH = re.compile(
    r"^(?P<head>[^,.:;–—]{2,80}?)\s*[,–—:]\s*innebär\s+(?:det\s+)?att\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)


# "Polis: …", "Kommunen: …": a party's part of the work, as a label.
_OWNER_LABEL = re.compile(r"^(?P<who>[A-ZÅÄÖ][\wåäö]{2,20})\s*:\s*\S")


# "Under 2020 har …", "Under året har …": what was done in the period.
_PERIOD_REPORT = re.compile(
    r"^under\s+(?:året|(?:hela\s+)?\d{4}|våren|hösten|sommaren)\s+har\b", re.IGNORECASE
)


class _TimeUp(Exception):
    """The walk passed its deadline."""


class _Walker(HeadingRules):
    def __init__(
        self,
        blocks: list[Block],
        filename: str,
        refs: Sequence[MunicipalityRef],
        *,
        cite_lines: bool,
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        source_url: str | None = None,
    ) -> None:
        self.blocks = blocks
        self.deadline = deadline
        self.clock = clock
        self.draft = Draft(filename, refs, cite_lines=cite_lines)
        self.draft.result.source_url = source_url or None
        self.index = 0
        self.section: Section = "intro"
        self.promised: list[Activity] = []
        self.outcome_index = 0
        # Paragraphs in an activity section that name no activity yet; a
        # "Resultat:" below makes the last one an activity.
        self.pending: list[Block] = []
        self.item_kind: str | None = None
        # Activities are being read from news-style follow-up paragraphs.
        self.past_chain = False

    def new_activity(self, text: str) -> Activity:
        """An activity from a list item or paragraph; a report after a dash or in
        a closing parenthesis ("… – genomförd i maj") is its follow-up."""
        listed = self.listed_activity_reported(text)
        if listed is not None:
            self.draft.clear_current()
            self.draft.current = listed
            self.draft.add_followup_text(listed, text)
            return listed
        if self.draft.in_done_group() or self.section == "promised_list":
            return self.draft.add_activity(text)
        head, report = split_inline_report(text)
        activity = self.draft.add_activity(head)
        if report:
            self.draft.add_followup_text(activity, report)
        return activity

    def listed_activity_reported(self, text: str) -> Activity | None:
        """In a follow-up that first restates the promised activities, a report
        ("Polisen har genomfört fyra krogtillsyner …") on one of them is its
        follow-up, not a new activity: the listed activity that shares the most
        content words with it, when that is clear."""
        activities = self.draft.result.activities
        if not activities or not self.draft.followup_document or not is_outcome(text):
            return None
        if self.draft.in_done_group():
            return None
        stems = _stems(text)
        scored = sorted(
            (
                (_overlap(stems, _stems(a.text)), index)
                for index, a in enumerate(activities)
            ),
            reverse=True,
        )
        best, index = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best < _REPORT_MATCH or best - runner_up < _REPORT_MARGIN:
            return None
        return activities[index]

    def run(self) -> ParseResult:
        blocks = self.blocks
        index = 0
        if blocks and blocks[0].kind == "heading":
            self.title(blocks[0])
            index = 1
        while index < len(blocks):
            if self.deadline is not None and self.clock() > self.deadline:
                raise _TimeUp
            block = blocks[index]
            self.index = index
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.draft.line = block.line
            if block.kind == "table_row":
                end = index
                while end < len(blocks) and blocks[end].kind == "table_row":
                    end += 1
                self.table(blocks[index:end])
                index = end
                continue
            if (
                following is not None
                and following.kind == "table_row"
                and self.caption(block)
            ):
                index += 1
                continue
            if block.kind == "heading":
                self.heading(block.text, following)
            elif block.kind == "list_item":
                self.list_item(block)
            else:
                self.paragraph(block, following)
            index += 1
        for block in self.pending:
            self.draft.unplaced(block.text, block.line)
        self.draft.line = 0
        finish_draft(self.draft, self.blocks)
        return self.draft.result

    def list_item(self, block: Block) -> None:
        text = block.text
        if QUOTED.search(text):
            # "- Vi tar medborgarnas oro på allvar …, säger Kristina Holgersson":
            # a news item's quotation, set as a dash item.
            self.draft.note(
                "summary" if self.draft.result.activities else "intro", text
            )
            return
        if self.item_kind is not None and block.level <= 1:
            self.listed_focus_or_purpose(text)
            return
        if (
            block.level > 1
            and self.draft.current is not None
            and self.section in ("activities", "promised_list")
            and self.under_item(block)
        ):
            # A sub-point adds to what is being said: the report of the current
            # period when there is one, else the activity itself.
            reporting = (
                self.draft.current_followup is not None
                and self.draft.current_followup in self.draft.current.followups
            )
            if reporting or self.draft.followup_mode or self.draft.period is not None:
                self.draft.add_followup_text(self.draft.current, f"- {text}")
            else:
                self.draft.current.notes.append(text)
            return
        if (
            self.draft.current is not None
            and self.draft.followup_document
            and self.section == "activities"
            and not self.draft.in_done_group()
            and is_outcome(text)
            and not self.clearly_planned(text)
            and self.listed_activity_reported(text) is None
        ):
            # "• 37 ordningsförelägganden har utfärdats": what came of the
            # activity above, in a follow-up.
            self.draft.add_followup_text(self.draft.current, f"- {text}")
            return
        if (
            self.draft.followup_document
            and self.draft.current is None
            and self.draft.result.activities
            and not self.draft.in_done_group()
            and _PERIOD_REPORT.match(text)
        ):
            # "• Under 2020 har ungefär 16 …" below the restated promises, in a
            # section of its own: a report of the year, not another activity.
            self.draft.note("summary", text)
            return
        section = self.section
        if section == "commitments" or (section == "intro" and block.strong):
            if block.strong or not looks_like_activity(text):
                self.draft.commitment_index = self.draft.add_commitment(text)
                self.draft.listed_commitments.add(self.draft.commitment_index)
                return
            self.section = section = "activities"
        if section == "situation":
            if not self.clearly_planned(text):
                self.draft.note("situation", text)
                return
            self.section = section = "activities"
        if section == "focus_list":
            if len(text.split()) <= FOCUS_AREA_WORDS and not ends_sentence(text):
                self.draft.add_focus_area(text)
                self.draft.focus_area = None
                return
            if not looks_like_activity(text):
                self.draft.note("summary", text)
                return
            self.section = section = "activities"
        if section == "outcome_list":
            self.outcome(text)
            return
        if section in ("time_frame", "followup_plan", "contact", "communication"):
            self.draft.note(NOTE_SECTIONS[section], text)
            return
        if section in ("intro", "followup_intro") and not looks_like_activity(text):
            self.draft.note("intro", text)
            return
        if section in ("intro", "followup_intro"):
            self.section = "activities"
        activity = self.new_activity(text)
        if self.section == "promised_list":
            self.promised.append(activity)

    def statement_over_sentences(self, text: str) -> bool:
        """ "X och Y kommun lovar att … genom att genomföra medborgardialoger …"
        over items that are whole sentences ("• Medborgardialoger genomförs under
        våren 2024."): the items are the statement's activities, of its parties."""
        statement = next(
            (s for s in reversed(sentences(text)) if is_promise_sentence(s)), None
        )
        if statement is None:
            return False
        parties = statement_parties(statement)
        if parties is None:
            return False
        items = []
        for block in self.blocks[self.index + 1 :]:
            if block.kind != "list_item":
                break
            items.append(block.text)
        if not items or not all(
            ends_sentence(item) and len(item.split()) >= _SENTENCE_ITEM_WORDS
            for item in items
        ):
            return False
        self.intro_paragraph(text)
        self.draft.clear_current()
        self.pending.clear()
        self.draft.commitment_index = self.draft.matching_commitment(statement)
        self.draft.group = GroupHeading(parties, "promise")
        self.section = "activities"
        return True

    def under_item(self, block: Block) -> bool:
        """Whether an indented item stands under an item of the same list (a
        sub-point), not as the first level of a list indented as a whole."""
        for previous in reversed(self.blocks[: self.index]):
            if previous.kind != "list_item":
                return False
            if previous.level < block.level:
                return True
        return False

    def promised_in_past(self, text: str) -> bool:
        """News-style follow-up: "Karlshamns kommun skulle under 2018 genomföra
        trygghetsvandringar i centrum. Den första genomfördes på våren …". The
        first sentence, a party that was to do something, is the activity; the
        rest of the paragraph is its follow-up."""
        if self.section not in ("intro", "followup_intro") and not self.past_chain:
            return False
        if not _PAST_PROMISE.search(text[:_FIRST_SENTENCE_CHARS]):
            return False  # cheap: a long report is not split for nothing
        parts = sentences(text)
        if not parts or not _PAST_PROMISE.search(parts[0]):
            return False
        subject = read_subject(parts[0])
        if not subject or not subject.responsible & {"polisen", "kommunen"}:
            return False
        self.section = "activities"
        self.past_chain = True
        self.draft.clear_current()
        activity = self.draft.add_activity(parts[0])
        if len(parts) > 1:
            self.draft.add_followup_text(activity, " ".join(parts[1:]))
        return True

    def listed_focus_or_purpose(self, text: str) -> None:
        """An item of a list of purposes (a note) or of focus areas: "Trafik",
        or "Trafik – fler kontroller vid skolorna" (the focus area and what it
        means, kept as its summary)."""
        if self.item_kind == "purpose":
            self.draft.note("intro", text)
            return
        match = _HEAD_AND_DESCRIPTION.match(text)
        name = match.group("head") if match else text
        if len(name.split()) <= FOCUS_AREA_WORDS + 2 and not ends_sentence(name):
            self.draft.add_focus_area(name)
            if match:
                self.draft.note("summary", match.group("description"))
            self.draft.focus_area = None
            return
        self.draft.note("summary", text)

    def clearly_planned(self, text: str) -> bool:
        """In a lägesbild, only an item that plainly assigns work is an activity."""
        if split_party_suffix(text)[1] is not None:
            return True
        if plans_counted_work(text):
            return True
        subject = read_subject(text)
        return bool(subject and subject.responsible) and " ska " in f" {text.lower()} "

    def outcome(self, text: str) -> None:
        if self.outcome_index < len(self.promised):
            activity = self.promised[self.outcome_index]
            self.outcome_index += 1
            self.draft.current_followup = None
            self.draft.add_followup_text(activity, text)
            self.draft.current = activity
            return
        self.draft.warn(
            _("An outcome has no matching promised activity: “%(text)s”"), text
        )

    def paragraph(self, block: Block, following: Block | None) -> None:
        text = block.text
        label = read_label(text)
        if label is not None:
            self.labelled(*label, following=following)
            return
        self.item_kind = None
        if self.meaning_paragraph(text):
            return
        if self.owner_labelled(text):
            return
        if (
            following is not None
            and following.kind == "list_item"
            and (self.list_intro(text) or self.promise_introduces_list(text))
        ):
            return
        if (
            following is not None
            and following.kind == "list_item"
            and self.section in ("intro", "commitments")
            and self.statement_over_sentences(text)
        ):
            return
        if (
            following is not None
            and following.kind == "heading"
            and text.rstrip().endswith(":")
            and self.promise_introduces_list(text)
        ):
            # "Polisen och kommunen lovar att under 2019 – 2020:" over focus-area
            # headings with the activities under each.
            return
        if following is not None and following.kind == "list_item":
            intro = text.rstrip(":").strip()
            if (text.endswith(":") or len(intro.split()) <= 8) and (
                read_group_heading(intro)
                or heading_section(
                    intro, followup_document=self.draft.followup_document
                )
            ):
                self.heading(intro)
                return
        if self.section in ("situation", "time_frame", "followup_plan", "contact"):
            self.draft.note(NOTE_SECTIONS[self.section], text)
            return
        after_done_list = (
            self.draft.group is not None and self.draft.group.kind == "done"
        )
        if self.draft.followup_document and self.promised_in_past(text):
            return
        if (
            self.section in ("intro", "followup_intro")
            and self.draft.followup_document
            and self.clearly_planned(text.split(". ")[0])
        ):
            # A follow-up that restates each promise as a paragraph ("Polisen
            # ska …") with its report in the paragraphs below.
            self.section = "activities"
            self.draft.clear_current()
            self.new_activity(text)
            return
        if (
            is_promise_sentence(text)
            and following is not None
            and following.kind in ("paragraph", "heading")
            and introduces_list(following.text)
            and statement_parties(text) is not None
        ):
            # A second promise statement after the first one's list: "Polisen
            # och kommunen lovar att …" over "Det ska åstadkommas genom följande
            # aktiviteter:".
            self.draft.clear_current()
            self.intro_paragraph(text)
            return
        if self.section in ("intro", "followup_intro", "commitments") or (
            is_promise_sentence(text)
            and (self.draft.current is None or after_done_list)
        ):
            self.intro_paragraph(text)
            return
        if self.section == "focus_list":
            self.draft.note("summary", text)
            return
        if self.section == "communication":
            self.draft.note(
                "summary" if self.draft.followup_document else "communication", text
            )
            return
        if self.section == "outcome_list":
            self.outcome(text)
            return
        self.activity_paragraph(block)

    def owner_labelled(self, text: str) -> bool:
        """ "Polis: Hundsök i skolan två gånger per år." below the item "Förebyggande
        arbete i skolan": each party's part of the work is an activity of its
        own, and the item above, which names no party, is their heading (kept as
        a note on each)."""
        if self.draft.followup_document or self.section not in (
            "activities",
            "promised_list",
        ):
            return False
        match = _OWNER_LABEL.match(text.strip())
        if match is None or classify_party(match.group("who")) not in (
            "polisen",
            "kommunen",
        ):
            return False
        heading = self.item_heading()
        if heading is None:
            return False
        activities = self.draft.result.activities
        if activities and activities[-1].text == heading:
            self.draft.drop_last_activity()
        activity = self.draft.add_activity(text)
        if heading not in activity.notes:
            activity.notes.append(heading)
        return True

    def item_heading(self) -> str | None:
        """The list item right above a run of owner-labelled lines, when it names
        no party and no target of its own."""
        for previous in reversed(self.blocks[: self.index]):
            if previous.kind == "paragraph" and _OWNER_LABEL.match(previous.text):
                continue
            if previous.kind != "list_item" or _OWNER_LABEL.match(previous.text):
                return None
            text = one_line(previous.text)
            if read_subject(text) or read_targets(text):
                return None
            return text
        return None

    def meaning_paragraph(self, text: str) -> bool:
        """ "Narkotikaproblematik, innebär att minst två riktade insatser genomförs
        … Polisen kommer även att …": a focus area and what it means in practice.
        The first sentence after "innebär att" is an activity, and so is every
        later sentence that plans work of its own; the others add to the
        activity before them."""
        if self.section in ("situation", "time_frame", "followup_plan", "contact"):
            return False
        match = _MEANS_PARAGRAPH.match(text.strip())
        if match is None or len(match.group("head").split()) > FOCUS_AREA_WORDS:
            return False
        parts = sentences(match.group("rest"))
        if not parts:
            return False
        self.reset_context()
        self.draft.group = None
        self.draft.add_focus_area(match.group("head"))
        self.section = "activities"
        for number, sentence in enumerate(parts):
            current = self.draft.current
            if number == 0 or current is None or looks_like_activity(sentence):
                self.draft.add_activity(sentence[:1].upper() + sentence[1:])
                continue
            current.notes.append(sentence)
            for name in find_partners(sentence):
                if name not in current.partners:
                    current.partners.append(name)
        return True

    def intro_paragraph(self, text: str) -> None:
        rest: list[str] = []
        for sentence in sentences(text):
            if is_promise_sentence(sentence) and not read_group_heading(sentence):
                self.draft.promise_sentence(sentence)
            else:
                rest.append(sentence)
        if not rest:
            return
        remainder = " ".join(rest)
        statement = remainder.lower().startswith(STATEMENT_STARTS)
        if self.section == "commitments" and statement:
            self.draft.commitment_index = self.draft.add_commitment(remainder)
        elif self.section == "commitments" and looks_like_activity(remainder):
            self.section = "activities"
            self.draft.add_activity(remainder)
        elif is_followup_plan(remainder):
            self.draft.note("followup_plan", remainder)
        else:
            kind: NoteKind = "summary" if self.draft.result.activities else "intro"
            self.draft.note(kind, remainder)

    def activity_paragraph(self, block: Block) -> None:
        text = block.text
        current = self.draft.current
        if current is not None and self.draft.followup_mode:
            self.draft.add_followup_text(current, text)
            return
        if is_effect_measure(text):
            self.draft.note("effect", text)
            return
        if is_followup_plan(text) and not self.draft.followup_mode:
            self.draft.note("followup_plan", text)
            return
        if (
            current is not None
            and self.draft.group is not None
            and self.draft.group.kind == "done"
        ):
            self.draft.note("summary", text)
            return
        reads_as_followup = (
            self.draft.followup_document
            or read_status(text) is not None
            or bool(find_periods(text))
            or is_outcome(text)
        )
        if current is not None and reads_as_followup and not looks_like_activity(text):
            self.draft.add_followup_text(current, text)
            return
        if QUOTED.search(text):
            self.draft.note(
                "summary" if self.draft.result.activities else "intro", text
            )
            return
        if looks_like_activity(text):
            if self.means_listed and self.draft.followup_document is False:
                # "Polis och kommun arbetar för att förbättra miljön, ha ökad
                # närvaro och fortsätta samverkan" under "Detta gör vi genom att:".
                for piece in split_joined_work(text, listed=True):
                    self.draft.add_activity(piece)
                return
            activity = self.new_activity(text)
            if self.section == "promised_list":
                self.promised.append(activity)
            return
        if current is not None:
            current.notes.append(text)
            return
        self.pending.append(block)

    def table(self, blocks: list[Block]) -> None:
        parsed = parse_table(blocks)
        rows = [" | ".join(cell for cell in row.cells if cell) for row in parsed.rows]
        if parsed.kind == "contact":
            for text in rows:
                self.draft.note("contact", text)
            return
        if parsed.kind == "unknown":
            for text, row in zip(rows, parsed.rows, strict=True):
                if self.section == "situation":
                    self.draft.note("situation", text)
                else:
                    self.draft.unplaced(text, row.line)
            return
        for text, line in parsed.unplaced:
            self.draft.unplaced(text, line)
        if self.section not in ("activities", "promised_list"):
            self.section = "activities"
        self.draft.add_table_rows(parsed)
        self.pending.clear()


def parse_blocks(
    blocks: Sequence[Block],
    *,
    filename: str,
    municipalities: Sequence[MunicipalityRef],
    cite_lines: bool = False,
    source_url: str | None = None,
) -> ParseResult:
    """Find the promise structure in blocks from any reader. Never raises.

    With `cite_lines`, warnings about unplaced text name the block's line
    (meaningful for plain text, where `Block.line` is the line in the file).
    `source_url` is the address the document was published at: when the text
    names no year, a date or year in it is the promise year (with a warning).
    """
    return _Walker(
        list(blocks),
        filename,
        municipalities,
        cite_lines=cite_lines,
        source_url=source_url,
    ).run()


@dataclass(slots=True)
class ParsedDocument:
    """A document read and parsed: its blocks (the source text as read), the kind
    of file it turned out to be, and the parse result."""

    blocks: list[Block]
    file_type: str
    result: ParseResult


def read_and_parse(
    data: bytes,
    *,
    filename: str,
    municipalities: Sequence[MunicipalityRef],
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    source_url: str | None = None,
) -> ParsedDocument:
    """Read and parse one document, keeping the blocks for showing the source.

    Raises ReadError (and nothing else) when the file is too large, empty,
    binary, damaged, encrypted, of an unknown type, or shows no promise
    statements or activities; with `time_limit` (seconds, measured by
    `clock`), also when reading and parsing take longer than that. `source_url`
    is the document's web address, as for `parse_blocks`.
    """
    started = clock()
    if len(data) > max_bytes:
        raise errors.too_large(len(data), max_bytes)
    if not data.strip():
        raise errors.empty()
    reading = read_document(data, filename)
    if not reading.blocks:
        raise errors.empty()
    deadline = None if time_limit is None else started + time_limit
    walker = _Walker(
        list(reading.blocks),
        filename,
        municipalities,
        cite_lines=reading.file_type == "txt",
        deadline=deadline,
        clock=clock,
        source_url=source_url,
    )
    try:
        result = walker.run()
    except _TimeUp:
        raise errors.too_slow(time_limit or 0) from None
    result.warnings[:0] = reading.notices
    if (
        not result.commitments
        and not result.activities
        and not names_a_promise(reading.blocks)
    ):
        # Only what does not even call itself a promise is refused; a promise
        # page without a list of activities is a draft with a warning.
        raise errors.no_structure()
    return ParsedDocument(reading.blocks, reading.file_type, result)


def parse_document(
    data: bytes,
    *,
    filename: str,
    municipalities: Sequence[MunicipalityRef],
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = None,
    source_url: str | None = None,
) -> ParseResult:
    """Read and parse one document; see `read_and_parse` for the errors it raises."""
    return read_and_parse(
        data,
        filename=filename,
        municipalities=municipalities,
        max_bytes=max_bytes,
        time_limit=time_limit,
        source_url=source_url,
    ).result
