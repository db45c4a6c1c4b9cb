"""The intermediate form every reader produces and the structure parser consumes."""

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]


@dataclass(slots=True)
class Block:
    """One unit of a document: a heading, a paragraph, a list item or a table row.

    `level` is the heading level (1 is the title) or the list nesting (1 is a
    top-level item); `line` is the 1-based source line, paragraph or page-line
    number used in warnings. `strong` marks a block set wholly in bold, which
    some layouts use for promise statements.
    """

    kind: BlockKind
    text: str
    cells: list[str] = field(default_factory=list)
    level: int = 0
    line: int = 0
    strong: bool = False
