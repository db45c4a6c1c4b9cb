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

import pdfplumber
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import Table
from pdfplumber.utils.exceptions import PdfminerException

from .. import errors
from ..blocks import Block
from .lines import SourceLine, blocks_from_lines, join_cell_lines

MAX_PAGES = 200
_DIGITS = re.compile(r"\d+")
_HEADING_RATIO = 1.15
_MARGIN_SHARE = 0.09
# Points between a table's edge and text that still belongs to its cut-off row.
_ROW_GAP = 8.0


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
    except Exception:  # pdfminer raises all kinds of errors on damaged files.
        raise errors.corrupt_pdf() from None
    if not any(page.lines or page.tables for page in pages):
        raise errors.no_text_layer()
    return _blocks(pages), notices
