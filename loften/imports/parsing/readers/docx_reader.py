"""Word files (.docx): headings by style, list paragraphs, real tables, in order.

`Block.line` is the paragraph or table-row position in the document body.
"""

import io
import re
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .. import errors
from ..blocks import Block
from .lines import SourceLine, blocks_from_lines, join_wrapped

# A .docx is a zip; refuse one that unpacks to far more than any real document.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A long promise with its follow-up has a few thousand paragraphs (table cells
# included); far more is a file built to exhaust the reader.
MAX_PARAGRAPHS = 20_000
_PARAGRAPH_START = re.compile(rb"<w:p[ >/]")
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(?P<level>\d)", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|rubrik|titel)$", re.IGNORECASE)
_SUBTITLE_STYLE = re.compile(r"^(?:subtitle|underrubrik)$", re.IGNORECASE)
_LIST_STYLE = re.compile(
    r"list|liststycke|punktlista|numrerad|bullet|number", re.IGNORECASE
)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise errors.corrupt_docx() from None
    if "word/document.xml" not in names:
        raise errors.corrupt_docx()
    if unpacked > MAX_UNPACKED_BYTES:
        raise errors.too_large_unpacked(unpacked, MAX_UNPACKED_BYTES)
    if _paragraph_count(data, stop_after=MAX_PARAGRAPHS) > MAX_PARAGRAPHS:
        raise errors.too_many_paragraphs(MAX_PARAGRAPHS)


def _paragraph_count(data: bytes, *, stop_after: int) -> int:
    """The paragraphs in the document's body, counted while it is unpacked a
    piece at a time (before any XML is parsed); counting stops past
    `stop_after`."""
    count = 0
    tail = b""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open("word/document.xml") as body,
    ):
        while chunk := body.read(1 << 20):
            piece = tail + chunk
            count += len(_PARAGRAPH_START.findall(piece))
            if count > stop_after:
                break
            # A tag cut at the chunk's end is counted with the next chunk.
            cut = piece.rfind(b"<")
            tail = piece[cut:] if cut >= len(piece) - 5 else b""
            if tail:
                count -= len(_PARAGRAPH_START.findall(tail))
    return count


def _style_name(paragraph: Paragraph) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        return ""
    return str(style.name or "") if style is not None else ""


def _list_level(paragraph: Paragraph, style: str) -> int | None:
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None:
        level = getattr(numbering, "ilvl", None)
        value = getattr(level, "val", None)
        return (int(value) if value is not None else 0) + 1
    if _LIST_STYLE.search(style):
        # "List Bullet 2" and "Punktlista 2" are the second level.
        level_in_name = re.search(r"(\d)\s*$", style)
        return int(level_in_name.group(1)) if level_in_name else 1
    return None


def _is_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if _list_level(paragraph, _style_name(paragraph)) is not None:
            text = f"- {text}"
        lines.append(text)
    for table in cell.tables:
        for row in table.rows:
            lines.append(
                " | ".join(c.text.strip() for c in row.cells if c.text.strip())
            )
    return join_wrapped("\n".join(lines))


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.number = 0

    def paragraph(self, paragraph: Paragraph) -> None:
        self.number += 1
        text = paragraph.text
        if not text.strip():
            return
        style = _style_name(paragraph)
        heading = _HEADING_STYLE.match(style)
        bold = _is_bold(paragraph)
        if heading or _TITLE_STYLE.match(style) or _SUBTITLE_STYLE.match(style):
            if heading:
                heading_level = int(heading.group("level"))
            else:
                heading_level = 1 if _TITLE_STYLE.match(style) else 2
            self.blocks.append(
                Block(
                    "heading",
                    " ".join(text.split()),
                    level=heading_level,
                    line=self.number,
                )
            )
            return
        level = _list_level(paragraph, style)
        if level is not None:
            self.blocks.append(
                Block(
                    "list_item",
                    join_wrapped(text).replace("\n", " "),
                    level=level,
                    line=self.number,
                    strong=bold,
                )
            )
            return
        lines = [
            SourceLine(
                part,
                self.number,
                blank_before=index == 0,
                heading=None if bold else 0,
                strong=bold,
            )
            for index, part in enumerate(text.split("\n"))
            if part.strip()
        ]
        self.blocks.extend(blocks_from_lines(lines))

    def table(self, table: Table) -> None:
        for row in table.rows:
            self.number += 1
            seen: list[object] = []
            cells = []
            for cell in row.cells:
                # Horizontally merged cells come back once per grid column; the
                # elements are kept in `seen` so that identity comparison holds.
                if any(cell._tc is element for element in seen):
                    continue
                seen.append(cell._tc)
                cells.append(_cell_text(cell))
            filled = [cell for cell in cells if cell]
            if filled:
                self.blocks.append(
                    Block(
                        "table_row", " | ".join(filled), cells=cells, line=self.number
                    )
                )

    def body(self, element, document) -> None:  # type: ignore[no-untyped-def]
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(Paragraph(child, document))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, document))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.body(content, document)


def read_docx(data: bytes) -> list[Block]:
    """Blocks from the bytes of a .docx file; raises ReadError("corrupt_docx") for a
    damaged file or one that is not a Word document."""
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader()
        reader.body(document.element.body, document)
    except (errors.ReadError, MemoryError):
        raise
    except Exception:  # python-docx and lxml raise all kinds of errors on bad XML.
        raise errors.corrupt_docx() from None
    return reader.blocks
