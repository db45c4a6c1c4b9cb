"""Turn lines of text into blocks: bullets, headings, table rows, joined paragraphs.

The text reader feeds every line of the file through here; the HTML, PDF and
Word readers feed the lines inside their paragraphs, so bullets typed by hand
and hard-wrapped lines are treated the same way in every format.
"""

import html
import re
from dataclasses import dataclass

from ..blocks import Block
from ..status import read_status
from ..text import clean, ends_sentence, starts_lowercase, word_set
from .furniture import is_furniture

_BULLET = re.compile(
    r"^(?P<marker>[•●▪■◦○‣➤►▶→✓✔·∙*–—]|-(?=\s|[A-ZÅÄÖ])|\d{1,2}[.)](?=\s)|[a-z]\)(?=\s))"
    r"\s*(?P<text>\S.*)$"
)
_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
_BOLD = re.compile(r"^\*\*(?P<text>.+?)\*\*[:.]?$")
_STRAY_BOLD = re.compile(r"\*\*")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_UL = re.compile(r"<ul\b[^>]*>(?P<inner>.*?)(?:</ul>|$)", re.IGNORECASE | re.DOTALL)
_UL_DASH_ITEM = re.compile(r"(?:^|\s)-(?=\S)")
_BREAK = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|ul|ol|table)\s*>", re.IGNORECASE
)
_LIST_ITEM_OPEN = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_INLINE_TAGS = word_set(
    """
    a abbr b em font i mark small span strong sub sup u time code label
    """
)
_JOINING_WORDS = word_set(
    """
    och i på att för med som av till samt eller den det en ett de vid mot
    från om under över är har ska skall kan inom mellan kring efter genom då
    där vilket vilka sina sin sitt våra vår både samt inklusive
    """
)
_URL_OR_MAIL = re.compile(r"https?://|www\.|@\w")
_YEAR_LINE = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(slots=True)
class SourceLine:
    """One line handed to `blocks_from_lines`.

    `heading` is None when the line may be guessed to be a heading, 0 when it
    never is, and a level when the source marks it as one.
    """

    text: str
    number: int
    blank_before: bool = False
    indent: int = 0
    heading: int | None = None
    strong: bool = False


def html_fragment_to_text(fragment: str) -> str:
    """Plain text from a snippet of HTML found inside text (`<p>…</p>`, `<ul>`)."""
    if "<" not in fragment or not _TAG.search(fragment):
        return fragment

    def list_without_items(match: re.Match[str]) -> str:
        inner = match.group("inner")
        if re.search(r"<li\b", inner, re.IGNORECASE):
            return inner
        items = [item.strip() for item in _UL_DASH_ITEM.split(inner) if item.strip()]
        return "".join(f"\n- {item}" for item in items) + "\n"

    text = _UL.sub(list_without_items, fragment)
    text = _LIST_ITEM_OPEN.sub("\n- ", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub(
        lambda match: "" if match.group(2).lower() in _INLINE_TAGS else " ", text
    )
    return clean(html.unescape(text))


def join_lines(previous: str, following: str) -> str | None:
    """`previous` and `following` joined when a line was hard-wrapped mid-sentence,
    else None."""
    if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha():
        if re.match(r"(?:och|eller|samt)\b", following):
            return f"{previous} {following}"
        if starts_lowercase(following):
            return previous + following
        return None
    if ends_sentence(previous):
        return None
    if starts_lowercase(following):
        return f"{previous} {following}"
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if previous.endswith(",") or last_word in _JOINING_WORDS:
        return f"{previous} {following}"
    return None


def join_wrapped(text: str) -> str:
    """Text whose lines were wrapped mid-sentence put back together; list lines and
    finished sentences keep their line breaks."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    out = [lines[0]]
    for line in lines[1:]:
        joined = None if _BULLET.match(line) else join_lines(out[-1], line)
        if joined is None:
            out.append(line)
        else:
            out[-1] = joined
    return "\n".join(out)


def join_cell_lines(text: str) -> str:
    """Text of a PDF table cell, where every line break that does not end a
    sentence or start a list item is a wrap of the narrow column."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    out = [lines[0]]
    for line in lines[1:]:
        joined = join_lines(out[-1], line)
        if joined is None and not _BULLET.match(line) and not ends_sentence(out[-1]):
            joined = f"{out[-1]} {line}"
        if joined is None:
            out.append(line)
        else:
            out[-1] = joined
    return "\n".join(out)


def _looks_like_heading(text: str) -> bool:
    if len(text) > 100 or len(text.split()) > 14:
        return False
    if text[-1] in ".!?;,…" or "\t" in text or _URL_OR_MAIL.search(text):
        return False
    first = next((char for char in text if char.isalnum()), "")
    if not first or first.islower():
        return False
    if text.replace(" ", "").isdigit() and not _YEAR_LINE.match(text):
        return False  # a page number, not a heading
    # "Genomfört", "Inget specifikt": a short status line is follow-up text.
    return len(text.split()) > 5 or read_status(text) is None


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: Block | None = None
        self.pending_lines = 0
        self.pending_may_be_heading = False
        self.list_indents: list[int] = []

    def flush(self) -> None:
        block = self.pending
        if block is None:
            return
        self.pending = None
        text = _STRAY_BOLD.sub("", block.text).strip()
        if not text:
            return
        block.text = text
        if (
            block.kind == "paragraph"
            and self.pending_lines == 1
            and self.pending_may_be_heading
            and _looks_like_heading(text)
        ):
            block.kind = "heading"
            block.level = 3 if text.endswith(":") else 2
        self.blocks.append(block)

    def emit(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def last_kind(self) -> str | None:
        if self.pending is not None:
            return self.pending.kind
        return self.blocks[-1].kind if self.blocks else None

    def table_row(self, line: SourceLine, raw: str) -> bool:
        cells = [
            join_wrapped(html_fragment_to_text(cell.strip()))
            for cell in raw.split("\t")
        ]
        filled = [cell for cell in cells if cell]
        if not filled:
            return True
        # A line merely indented with a tab is a paragraph, unless a table is open.
        if len(filled) == 1 and not cells[0] and self.last_kind() != "table_row":
            return False
        self.emit(
            Block(
                "table_row",
                " | ".join(filled),
                cells=cells,
                line=line.number,
            )
        )
        return True

    def text_line(self, line: SourceLine, text: str, blank_before: bool) -> None:
        if is_furniture(text):
            return
        heading = _MARKDOWN_HEADING.match(text)
        if heading and line.heading != 0:
            level = len(heading.group("hashes"))
            self.emit(
                Block("heading", heading.group("text"), level=level, line=line.number)
            )
            self.list_indents.clear()
            return
        strong = line.strong
        bold = _BOLD.match(text)
        if bold:
            text, strong = bold.group("text").strip(), True
        if line.heading:
            self.emit(
                Block(
                    "heading",
                    text.rstrip(),
                    level=line.heading,
                    line=line.number,
                    strong=strong,
                )
            )
            self.list_indents.clear()
            return
        bullet = _BULLET.match(text)
        if bullet:
            self.flush()
            item = bullet.group("text")
            item_bold = _BOLD.match(item)
            if item_bold:
                item, strong = item_bold.group("text").strip(), True
            while self.list_indents and self.list_indents[-1] > line.indent:
                self.list_indents.pop()
            if not self.list_indents or self.list_indents[-1] < line.indent:
                self.list_indents.append(line.indent)
            self.pending = Block(
                "list_item",
                item,
                level=len(self.list_indents),
                line=line.number,
                strong=strong,
            )
            self.pending_lines = 1
            self.pending_may_be_heading = False
            return
        if self.pending is not None and not blank_before:
            joined = join_lines(self.pending.text, text)
            if joined is not None:
                self.pending.text = joined
                self.pending_lines += 1
                return
        after_list_item = self.last_kind() == "list_item" and not blank_before
        self.flush()
        self.pending = Block("paragraph", text, line=line.number, strong=strong)
        self.pending_lines = 1
        self.pending_may_be_heading = (
            line.heading is None and line.indent < 2 and not after_list_item
        )

    def feed(self, line: SourceLine) -> None:
        raw = line.text.rstrip(" \t\u00a0")
        if not raw.strip():
            return
        if "\t" in raw.strip(" ") and self.table_row(line, raw.strip(" ")):
            return
        stripped = raw.strip().replace("\t", " ")
        text = html_fragment_to_text(stripped)
        for index, part in enumerate(text.split("\n")):
            part = part.strip()
            if part:
                self.text_line(line, part, line.blank_before and index == 0)


def blocks_from_lines(lines: list[SourceLine]) -> list[Block]:
    """Blocks from source lines: list items, table rows (tab-separated), headings
    and paragraphs with hard-wrapped lines joined; page furniture is dropped."""
    builder = _Builder()
    for line in lines:
        builder.feed(line)
    builder.flush()
    return builder.blocks


def text_lines(text: str, *, heading: int | None = None) -> list[SourceLine]:
    """SourceLines for plain text, noting blank lines and indentation."""
    lines = []
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip(" \t\u00a0\u200b\ufeff"):
            blank = True
            continue
        expanded = raw.replace("\u00a0", " ")
        indent = len(expanded) - len(expanded.lstrip(" "))
        lines.append(
            SourceLine(raw, number, blank_before=blank, indent=indent, heading=heading)
        )
        blank = False
    return lines
