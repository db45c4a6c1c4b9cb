"""Tables: find the header, give each column a role, and put split rows back together.

Real follow-up tables continue a row on the next line in two ways: a row
whose first cell is empty adds to the row above, and a row whose cells all
carry on mid-sentence ("… ungdomar som" / "är på väg …") was split across
lines. Word tables with a vertically merged first cell repeat it; that row
adds to the one above too.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from .blocks import Block
from .periods import PeriodCode, read_period_label
from .text import ends_sentence, starts_lowercase

ColumnRole = Literal[
    "activity", "responsible", "target", "focus", "status", "period", "other"
]
TableKind = Literal["activities", "contact", "unknown"]

_ACTIVITY_HEADER = re.compile(
    r"^(?:aktivitet(?:er)?|åtgärd(?:er)?|insats(?:er)?|vad(?:\s+ska\s+göras)?|"
    r"utlovades|detta\s+lovade\s+vi|vi\s+lovade|löften?|löftet|medborgarlöfte[nt]?|"
    r"beskrivning|aktivitet\s*/\s*\w+|vad\s+vi\s+lovade)\s*:?$",
    re.IGNORECASE,
)
_RESPONSIBLE_HEADER = re.compile(
    r"^(?:ansvarig[a]?|ansvar|vem|huvudansvarig|ansvarig\s+part)\s*:?$", re.IGNORECASE
)
_TARGET_HEADER = re.compile(
    r"^(?:mål|målvärde|målsättning|omfattning|mål\s*/\s*omfattning)\s*:?$",
    re.IGNORECASE,
)
_FOCUS_HEADER = re.compile(r"^(?:fokusområde|område|tema)\s*:?$", re.IGNORECASE)
_STATUS_HEADER = re.compile(r"^status\s*:?$", re.IGNORECASE)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?:\+46|\b0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2,3}){1,3}\b"
    r"|^(?:namn|telefon|tel\.?|e-post|mejl|mobil|kontaktperson)\s*:?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Column:
    """What one column holds; `period` is set for follow-up columns."""

    role: ColumnRole
    label: str
    period: PeriodCode | None = None


@dataclass(slots=True)
class TableRow:
    """One data row after continuation rows have been merged into it."""

    cells: list[str]
    line: int


@dataclass(slots=True)
class ParsedTable:
    """A table's columns (None without a header), its data rows and leftovers."""

    kind: TableKind
    columns: list[Column] | None
    rows: list[TableRow] = field(default_factory=list)
    unplaced: list[tuple[str, int]] = field(default_factory=list)


def _short(cell: str) -> bool:
    return len(cell.split()) <= 6 and not cell.rstrip().endswith(".")


def _column(cell: str, index: int) -> Column:
    label = " ".join(cell.split())
    if _ACTIVITY_HEADER.match(label):
        return Column("activity", label)
    if _RESPONSIBLE_HEADER.match(label):
        return Column("responsible", label)
    if _TARGET_HEADER.match(label):
        return Column("target", label)
    if _FOCUS_HEADER.match(label):
        return Column("focus", label)
    if _STATUS_HEADER.match(label):
        return Column("status", label)
    period = read_period_label(label) if label else None
    if period is not None and index > 0:
        return Column("period", label, period)
    return Column("activity" if index == 0 else "other", label)


def read_header(cells: list[str]) -> list[Column] | None:
    """Column roles when the row is a header row, else None."""
    filled = [cell for cell in cells if cell.strip()]
    if len(cells) < 2 or not filled or not all(_short(cell) for cell in filled):
        return None
    columns = [_column(cell, index) for index, cell in enumerate(cells)]
    first = cells[0].strip()
    has_period = any(column.role == "period" for column in columns)
    if not (
        _ACTIVITY_HEADER.match(first) or (has_period and (not first or _short(first)))
    ):
        return None
    if not any(
        column.role in ("period", "status", "responsible", "target")
        for column in columns[1:]
    ):
        return None
    if all(column.role != "activity" for column in columns):
        columns[0] = Column("activity", columns[0].label)
    return columns


def _is_contact(rows: list[list[str]]) -> bool:
    hits = sum(1 for cells in rows for cell in cells if _CONTACT.search(cell))
    return hits > 0 and hits >= len(rows) / 2


def _append(previous: str, addition: str, separator: str) -> str:
    if not addition:
        return previous
    if not previous:
        return addition
    return previous + separator + addition


def parse_table(blocks: list[Block]) -> ParsedTable:
    """Header, column roles and merged data rows of consecutive table-row blocks."""
    rows = [list(block.cells) for block in blocks]
    if _is_contact(rows):
        return ParsedTable(
            "contact",
            None,
            [TableRow(cells, b.line) for cells, b in zip(rows, blocks, strict=True)],
        )
    header_index = next(
        (index for index, cells in enumerate(rows[:3]) if read_header(cells)), None
    )
    if header_index is None:
        return ParsedTable(
            "unknown",
            None,
            [TableRow(cells, b.line) for cells, b in zip(rows, blocks, strict=True)],
        )
    columns = read_header(rows[header_index]) or []
    table = ParsedTable("activities", columns)
    for cells, block in zip(rows[:header_index], blocks, strict=False):
        table.unplaced.append((" | ".join(cell for cell in cells if cell), block.line))
    header_text = [" ".join(cell.split()).lower() for cell in rows[header_index]]
    width = len(columns)
    activity = next(i for i, column in enumerate(columns) if column.role == "activity")
    for cells, block in zip(
        rows[header_index + 1 :], blocks[header_index + 1 :], strict=True
    ):
        if [" ".join(cell.split()).lower() for cell in cells] == header_text:
            continue  # The header repeated on a new page.
        if len(cells) > width:
            extra = [cell for cell in cells[width:] if cell]
            cells = cells[:width]
            if extra:
                table.unplaced.append((" | ".join(extra), block.line))
        cells = cells + [""] * (width - len(cells))
        first = cells[activity].strip()
        previous = table.rows[-1] if table.rows else None
        if previous is not None and (
            not first or first == previous.cells[activity].strip()
        ):
            for index, cell in enumerate(cells):
                if index != activity:
                    previous.cells[index] = _append(previous.cells[index], cell, "\n")
            continue
        if (
            previous is not None
            and not ends_sentence(previous.cells[activity])
            and starts_lowercase(first)
        ):
            for index, cell in enumerate(cells):
                previous.cells[index] = _append(previous.cells[index], cell, " ")
            continue
        if not first:
            table.unplaced.append(
                (" | ".join(cell for cell in cells if cell), block.line)
            )
            continue
        table.rows.append(TableRow(cells, block.line))
    return table
