"""PDF files: table cells where the PDF has ruled tables, text lines elsewhere.

Headings are recognised by a larger font, hard-wrapped lines are joined,
page numbers and lines repeated at the top or bottom of most pages (running
heads and footers) are dropped. `Block.line` counts text lines through the
whole document.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import pdfplumber
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import Table
from pdfplumber.utils.exceptions import PdfminerException

from .. import errors
from ..blocks import Block
from ..tables import read_header
from .lines import SourceLine, blocks_from_lines, join_cell_lines

MAX_PAGES = 200
_DIGITS = re.compile(r"\d+")
_HEADING_RATIO = 1.15
_MARGIN_SHARE = 0.09
# Points between a table's edge and text that still belongs to its cut-off row.
_ROW_GAP = 8.0
# Points between the labels of a header row set out in columns without rules.
_COLUMN_GAP = 18.0
# Line heights between rows that still belong to a table without rules.
_TABLE_LINE_GAP = 1.2
# Points between the letters of one word, at most.
_WORD_GAP = 1.0


@dataclass(slots=True)
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Page:
    height: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[tuple[float, list[list[str]]]] = field(default_factory=list)


def _is_encryption_error(error: BaseException) -> bool:
    causes = [error, error.__cause__, *getattr(error, "args", ())]
    return any(
        isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
        for cause in causes
    )


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _column_spans(table: Table) -> list[tuple[float, float]]:
    for row in (table.rows[-1], table.rows[0]):
        cells = row.cells
        if cells and all(cell is not None for cell in cells):
            return [(cell[0], cell[2]) for cell in cells]  # type: ignore[index]
    return []


def _stray_row(
    page: pdfplumber.page.Page,
    table: Table,
    lines: list[dict],
    *,
    above: bool,
) -> tuple[list[str], list[dict]] | None:
    """A row cut off by a page break: text lines flush against the table's top or
    bottom edge, inside its width, split into the table's columns."""
    x0, top, x1, bottom = table.bbox
    spans = _column_spans(table)
    if len(spans) < 2:
        return None
    inside = [
        line
        for line in lines
        if line["x0"] >= x0 - 1
        and line["x1"] <= x1 + 1
        and (line["bottom"] <= top + 2 if above else line["top"] >= bottom - 2)
    ]
    taken: list[dict] = []
    edge = top if above else bottom
    ordered = sorted(inside, key=lambda line: -line["bottom"] if above else line["top"])
    for line in ordered:
        # Lines of the row's other cells overlap: only a gap ends the row.
        gap = edge - line["bottom"] if above else line["top"] - edge
        if gap > _ROW_GAP:
            break
        taken.append(line)
        edge = min(edge, line["top"]) if above else max(edge, line["bottom"])
    if not taken:
        return None
    # Only at a page break: nothing but running heads between it and the page edge.
    height = float(page.height or 1)
    if above:
        limit = min(line["top"] for line in taken)
        beyond = [line for line in lines if line["bottom"] <= limit]
        if any(line["top"] >= height * _MARGIN_SHARE for line in beyond):
            return None
    else:
        limit = max(line["bottom"] for line in taken)
        beyond = [line for line in lines if line["top"] >= limit]
        if any(line["bottom"] <= height * (1 - _MARGIN_SHARE) for line in beyond):
            return None
    region_top = min(line["top"] for line in taken) - 1
    region_bottom = max(line["bottom"] for line in taken) + 1
    cells = [
        join_cell_lines(
            page.crop((left, region_top, right, region_bottom)).extract_text() or ""
        )
        for left, right in spans
    ]
    return cells, taken


def _clusters(chars: list[dict], gap: float) -> list[list[dict]]:
    """The line's characters in runs separated by more than `gap` points."""
    runs: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["x0"]):
        if runs and char["x0"] - runs[-1][-1]["x1"] <= gap:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _chars_text(chars: list[dict]) -> str:
    """The text of characters in order, with a space where the PDF leaves one."""
    out: list[str] = []
    previous = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = char.get("text", "")
        if previous is not None and text.strip():
            space = 0.2 * float(char.get("size") or 10)
            if char["x0"] - previous["x1"] > space and not out[-1].endswith(" "):
                out.append(" ")
        out.append(text)
        previous = char
    return " ".join("".join(out).split())


def _straddles(chars: list[dict], boundaries: list[float]) -> bool:
    """Whether a word crosses one of the column boundaries: its letters sit
    closer than a space on both sides of it."""
    ordered = sorted(chars, key=lambda c: c["x0"])
    for left, right in pairwise(ordered):
        if not (left.get("text", "").strip() and right.get("text", "").strip()):
            continue
        if right["x0"] - left["x1"] >= _WORD_GAP:
            continue
        if any(left["x0"] < boundary <= right["x0"] for boundary in boundaries):
            return True
    return False


def _text_tables(lines: list[dict]) -> list[tuple[float, list[list[str]], list[dict]]]:
    """Tables without ruling lines: a header row whose labels stand apart in
    columns ("Aktivitet   Tertial 1   Tertial 2") and the lines right below it,
    their characters split at the header's column starts (cells may touch)."""
    found = []
    index = 0
    while index < len(lines):
        line = lines[index]
        chars = [c for c in line["chars"] if c.get("text", "").strip()]
        size = float(chars[0].get("size") or 10) if chars else 10.0
        runs = _clusters(chars, gap=max(_COLUMN_GAP, 2.5 * size))
        header = [_chars_text(run) for run in runs]
        if len(runs) < 2 or read_header(header) is None:
            index += 1
            continue
        starts = [run[0]["x0"] - 1.5 for run in runs]
        rows = [header]
        used = [line]
        bottom = line["bottom"]
        height = max(line["bottom"] - line["top"], 1.0)
        spacing: float | None = None
        previous_top = line["top"]
        following = index + 1
        while following < len(lines):
            below = lines[following]
            step = below["top"] - previous_top
            if below["top"] - bottom > height * _TABLE_LINE_GAP or (
                spacing is not None and step > spacing * 1.6
            ):
                break
            if _straddles(below["chars"], starts[1:]):
                break  # a word runs across a column: running text again
            spacing = spacing or step
            previous_top = below["top"]
            cells: list[list[dict]] = [[] for _ in starts]
            for char in below["chars"]:
                column = max(
                    (k for k, start in enumerate(starts) if char["x0"] >= start),
                    default=0,
                )
                cells[column].append(char)
            rows.append([_chars_text(cell) for cell in cells])
            used.append(below)
            bottom = below["bottom"]
            following += 1
        if len(rows) > 1:
            found.append((line["top"], rows, used))
        index = following
    return found


def _read_page(page: pdfplumber.page.Page) -> _Page:
    result = _Page(height=float(page.height or 1))
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    text_page = (
        page.filter(
            lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)
        )
        if boxes
        else page
    )
    free_lines = text_page.extract_text_lines(return_chars=True, strip=True)
    used: list[dict] = []
    for table in tables:
        rows = [
            [join_cell_lines(cell or "") for cell in row]
            for row in table.extract()
            if any(cell and cell.strip() for cell in row)
        ]
        for above in (True, False):
            stray = _stray_row(page, table, free_lines, above=above)
            if stray is not None and len(stray[0]) == len(rows[0] if rows else []):
                cells, taken = stray
                rows = [cells, *rows] if above else [*rows, cells]
                used.extend(taken)
        if rows:
            result.tables.append((table.bbox[1], rows))
    for top, rows, taken in _text_tables(free_lines):
        result.tables.append((top, rows))
        used.extend(taken)
    for line in free_lines:
        chars = [char for char in line["chars"] if char.get("text", "").strip()]
        if not chars or not line["text"].strip():
            continue
        if any(line is taken for taken in used):
            continue  # part of a row cut off by the page break
        sizes = sorted(char.get("size", 0) for char in chars)
        result.lines.append(
            _Line(
                text=line["text"],
                top=line["top"],
                bottom=line["bottom"],
                x0=line["x0"],
                size=round(sizes[len(sizes) // 2], 1),
                bold=all(
                    "bold" in str(char.get("fontname", "")).lower() for char in chars
                ),
            )
        )
    return result


def _join_split_rows(pages: list[_Page], running: set[str]) -> None:
    """Put back a row that a page break cut in two: the bottom of page N holds
    part of its cells with the first one empty, the top of page N+1 the rest
    with its first cell and empty cells just where the fragment had text. The
    fragment is the top half of that row, not a continuation of the row above."""

    def body(line: _Line) -> bool:
        return _DIGITS.sub("#", line.text.strip()) not in running

    for page, following in pairwise(pages):
        if not page.tables or not following.tables:
            continue
        last_top, last_rows = max(page.tables, key=lambda table: table[0])
        first_top, first_rows = min(following.tables, key=lambda table: table[0])
        if any(line.top > last_top and body(line) for line in page.lines):
            continue  # the table does not run to the page break
        if any(line.top < first_top and body(line) for line in following.lines):
            continue
        start = 1 if len(first_rows) > 1 and first_rows[0] == last_rows[0] else 0
        fragment, head = last_rows[-1], first_rows[start]
        filled = [index for index, cell in enumerate(fragment) if cell]
        if (
            len(fragment) != len(head)
            or fragment[0]
            or not head[0]
            or not filled
            or any(head[index] for index in filled)
        ):
            continue
        for index in filled:
            head[index] = fragment[index]
        last_rows.pop()
        if not last_rows:
            page.tables = [table for table in page.tables if table[1]]


def _running_lines(pages: list[_Page]) -> set[str]:
    """Texts printed in the top or bottom margin of most pages (running heads)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        seen = set()
        for line in page.lines:
            in_margin = (
                line.top < page.height * _MARGIN_SHARE
                or line.bottom > page.height * (1 - _MARGIN_SHARE)
            )
            if in_margin:
                seen.add(_DIGITS.sub("#", line.text.strip()))
        counts.update(seen)
    needed = max(2, len(pages) // 2)
    return {text for text, count in counts.items() if count >= needed}


def _heading_levels(pages: list[_Page]) -> tuple[float, dict[float, int]]:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    if not sizes:
        return 0.0, {}
    body = sizes.most_common(1)[0][0]
    larger = sorted(
        {size for size in sizes if size >= body * _HEADING_RATIO}, reverse=True
    )
    return body, {size: min(index + 1, 4) for index, size in enumerate(larger)}


def _blocks(pages: list[_Page]) -> list[Block]:
    running = _running_lines(pages)
    _join_split_rows(pages, running)
    body, levels = _heading_levels(pages)
    blocks: list[Block] = []
    number = 0
    for page in pages:
        left = min((line.x0 for line in page.lines), default=0.0)
        items: list[tuple[float, object]] = [(line.top, line) for line in page.lines]
        items += [(top, rows) for top, rows in page.tables]
        items.sort(key=lambda item: item[0])
        pending: list[SourceLine] = []
        previous_bottom: float | None = None
        for _top, item in items:
            if isinstance(item, _Line):
                number += 1
                if _DIGITS.sub("#", item.text.strip()) in running:
                    continue
                gap = None if previous_bottom is None else item.top - previous_bottom
                height = max(item.bottom - item.top, 1.0)
                blank_before = gap is None or gap > height * 0.6
                heading = levels.get(item.size) if item.size > body else None
                previous_bottom = item.bottom
                wrapped = heading and pending and pending[-1].heading == heading
                if wrapped and not blank_before:
                    # A heading too long for one line.
                    pending[-1].text = f"{pending[-1].text} {item.text}"
                    continue
                pending.append(
                    SourceLine(
                        item.text,
                        number,
                        blank_before=blank_before,
                        indent=round((item.x0 - left) / 5),
                        heading=heading,
                        strong=item.bold,
                    )
                )
                continue
            blocks.extend(blocks_from_lines(pending))
            pending = []
            previous_bottom = None
            for row in item:  # type: ignore[attr-defined]
                number += 1
                filled = [cell for cell in row if cell]
                blocks.append(
                    Block("table_row", " | ".join(filled), cells=list(row), line=number)
                )
        blocks.extend(blocks_from_lines(pending))
    return blocks


def read_pdf(data: bytes) -> tuple[list[Block], list[str]]:
    """Blocks from the bytes of a PDF, and notices about what was left out.

    Raises ReadError for encrypted, damaged and text-less (scanned) PDFs.
    """
    notices: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            all_pages = pdf.pages
            if len(all_pages) > MAX_PAGES:
                notices.append(
                    _("Only the first %(count)s pages of the PDF were read.")
                    % {"count": MAX_PAGES}
                )
            pages = [_read_page(page) for page in all_pages[:MAX_PAGES]]
    except PdfminerException as error:
        if _is_encryption_error(error):
            raise errors.encrypted_pdf() from None
        raise errors.corrupt_pdf() from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise errors.encrypted_pdf() from None
    except MemoryError:  # the document is too big for the limit, not damaged
        raise
    except Exception:  # pdfminer raises all kinds of errors on damaged files.
        raise errors.corrupt_pdf() from None
    if not any(page.lines or page.tables for page in pages):
        raise errors.no_text_layer()
    blocks = _blocks(pages)
    if not blocks:
        # There was text, but all of it repeats on every page.
        raise errors.repeated_lines(len(pages))
    return blocks, notices
