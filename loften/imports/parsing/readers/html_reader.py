"""Web pages: the visible text in document order, with real table rows and lists.

Scripts, styles, navigation, footers, cookie banners, breadcrumbs, hidden
elements and figure captions are dropped. `Block.line` is the block's position
in the page, counted from 1.
"""

import codecs
import re
import warnings

from bs4 import (
    BeautifulSoup,
    Comment,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from ..blocks import Block
from ..text import clean, word_set
from .furniture import is_furniture
from .lines import blocks_from_lines, join_wrapped, text_lines
from .text_reader import decode_text

_DROP_TAGS = word_set(
    """
    script style noscript template svg iframe object embed nav footer aside
    form button select input textarea figcaption img picture video audio
    canvas map dialog
    """
)
_FURNITURE_ATTRIBUTE = re.compile(
    r"cookie|consent|gdpr|breadcrumb|skip-?link|skiplink|navigation|\bnav\b|"
    r"\bmenu\b|site-?header|site-?footer|share|social|sidebar|toolbar|banner",
    re.IGNORECASE,
)
_FURNITURE_ROLES = word_set(
    """
    navigation banner contentinfo search complementary dialog alertdialog
    """
)
_CONTENT_TAGS = frozenset(("main", "article", "body", "html"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADING = re.compile(r"^h([1-6])$")
_LISTS = ("ul", "ol")
_INLINE = word_set(
    """
    a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small
    span strong sub sup time u var label del ins big tt
    """
)
_BOLD_TAGS = ("strong", "b")
_SPACES = re.compile(r"\s+")
_SKIPPED_STRINGS = (Comment, Doctype, Declaration, ProcessingInstruction, CData)
_MAX_DEPTH = 120


def _is_furniture_element(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    if tag.get("role") in _FURNITURE_ROLES:
        return tag.find("h1") is None
    if tag.name == "header" and tag.find("h1") is None:
        return True
    if tag.name in _CONTENT_TAGS:
        return False
    names = " ".join([str(tag.get("id", "")), *map(str, tag.get("class") or [])])
    return bool(_FURNITURE_ATTRIBUTE.search(names))


def _strip_furniture(soup: BeautifulSoup) -> None:
    """Remove furniture elements; one pass that does not look inside what goes."""
    doomed: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        element = stack.pop()
        for child in element.children:
            if not isinstance(child, Tag):
                continue
            if child.name in _DROP_TAGS or _is_furniture_element(child):
                doomed.append(child)
            else:
                stack.append(child)
    for tag in doomed:
        tag.decompose()


def _lists_inside(item: Tag) -> list[Tag]:
    """The lists nested in a list item, not looking inside them or other items:
    each element is visited once however deep the nesting (find_all on every
    item made deep lists quadratic)."""
    found: list[Tag] = []
    stack = [child for child in reversed(list(item.children)) if isinstance(child, Tag)]
    while stack:
        element = stack.pop()
        if element.name in _LISTS:
            found.append(element)
        elif element.name != "li":
            stack.extend(
                child
                for child in reversed(list(element.children))
                if isinstance(child, Tag)
            )
    return found


def _text_of(node: Tag, *, skip_lists: bool = False) -> str:
    """Text of an element with block boundaries and <br> as line breaks."""
    parts: list[str] = []

    def walk(element: Tag, depth: int) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIPPED_STRINGS):
                    parts.append(_SPACES.sub(" ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                parts.append("\n")
            elif skip_lists and child.name in _LISTS:
                continue
            elif child.name == "li":
                parts.append("\n- ")
                walk(child, depth + 1)
                parts.append("\n")
            elif depth > _MAX_DEPTH:
                parts.append(child.get_text(" "))
            elif child.name in _INLINE:
                walk(child, depth + 1)
            else:
                parts.append("\n")
                walk(child, depth + 1)
                parts.append("\n")

    walk(node, 0)
    return clean("".join(parts))


def _span(cell: Tag, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute) or 1)), 50))
    except ValueError:
        return 1


def _is_bold(tag: Tag) -> bool:
    text = tag.get_text(strip=True)
    if not text:
        return False
    bold = "".join(b.get_text(strip=True) for b in tag.find_all(_BOLD_TAGS))
    return len(bold) >= len(text) * 0.9


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Block] = []
        self.buffer: list[str] = []
        self.count = 0

    def _number(self) -> int:
        self.count += 1
        return self.count

    def add(self, block: Block) -> None:
        block.line = self._number()
        self.lines.append(block)

    def add_text(
        self, text: str, *, strong: bool = False, may_be_heading: bool
    ) -> None:
        """Paragraph text: hand-typed bullets and wrapped lines are read as in .txt."""
        lines = text_lines(text, heading=None if may_be_heading else 0)
        for line in lines:
            line.strong = strong
        for block in blocks_from_lines(lines):
            if block.kind == "heading" and strong and block.level == 2:
                block.level = 3
            self.add(block)

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.add_text(text, may_be_heading=True)

    def table(self, table: Tag) -> None:
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            text = _text_of(caption).replace("\n", " ")
            if text:
                self.add(Block("paragraph", text))
        # Cells spanning rows below leave a gap there: an empty cell, so the
        # columns stay in line and the parser sees a continued row.
        spanning: dict[int, int] = {}
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            cells: list[str] = []
            for cell in row.find_all(("td", "th"), recursive=False):
                while spanning.get(len(cells), 0) > 0:
                    spanning[len(cells)] -= 1
                    cells.append("")
                rows = _span(cell, "rowspan")
                if rows > 1:
                    spanning[len(cells)] = rows - 1
                cells.append(join_wrapped(_text_of(cell)))
                cells.extend([""] * (_span(cell, "colspan") - 1))
            while spanning.get(len(cells), 0) > 0:
                spanning[len(cells)] -= 1
                cells.append("")
            filled = [cell for cell in cells if cell]
            if filled:
                self.add(Block("table_row", " | ".join(filled), cells=cells))

    def list(self, element: Tag, level: int, depth: int) -> None:
        for item in element.find_all("li", recursive=False):
            text = join_wrapped(_text_of(item, skip_lists=True)).replace("\n- ", "\n")
            if text and not is_furniture(text):
                self.add(Block("list_item", text, level=level, strong=_is_bold(item)))
            for nested in _lists_inside(item):
                self.list(nested, level + 1, depth + 1)
        # Items placed directly in a nested list without an <li> parent.
        for nested in element.find_all(_LISTS, recursive=False):
            self.list(nested, level + 1, depth + 1)

    def walk(self, element: Tag, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            self.buffer.append("\n" + element.get_text("\n") + "\n")
            return
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIPPED_STRINGS):
                    self.buffer.append(_SPACES.sub(" ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            heading = _HEADING.match(name or "")
            if heading:
                self.flush()
                text = _text_of(child).replace("\n", " ")
                if text and not is_furniture(text):
                    self.add(Block("heading", text, level=int(heading.group(1))))
            elif name == "p":
                self.flush()
                text = _text_of(child)
                if text:
                    bold = _is_bold(child)
                    self.add_text(text, strong=bold, may_be_heading=bold)
            elif name in _LISTS:
                self.flush()
                self.list(child, 1, depth)
            elif name == "table":
                self.flush()
                self.table(child)
            elif name == "br":
                self.buffer.append("\n")
            elif name in _INLINE:
                self.buffer.append(child.get_text())
            else:
                self.flush()
                self.walk(child, depth + 1)
                self.flush()


def blocks_from_html(markup: bytes | str) -> list[Block]:
    """Blocks from an HTML page or fragment."""
    with warnings.catch_warnings():
        # XHTML pages and short fragments are ordinary input here.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    _strip_furniture(soup)
    root = soup.body or soup
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.lines


_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*(?P<charset>[\w.:-]+)", re.IGNORECASE
)
# As browsers do (WHATWG Encoding): these labels mean Windows-1252.
_WINDOWS_1252 = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "ascii",
        "us-ascii",
        "l1",
        "iso_8859-1",
        "cp819",
    }
)


def decode_html(data: bytes) -> str:
    """The text of an HTML page: a BOM first, then strict UTF-8 (pages often
    declare a charset they are not in), then the declared charset, then what
    charset-normalizer detects, as for plain text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        label = declared.group("charset").decode("ascii", errors="ignore").lower()
        encoding = "cp1252" if label in _WINDOWS_1252 else label
        try:
            return data.decode(encoding, errors="replace")
        except LookupError:
            pass  # an unknown label: detect it instead
    return decode_text(data)


def read_html(data: bytes) -> list[Block]:
    """Blocks from the bytes of an .html file."""
    return blocks_from_html(decode_html(data))
