"""Pure reading and structure parsing for imported promise documents.

Nothing here touches the database: `parse_document` turns the bytes of a .txt,
.html, .pdf or .docx file into a `ParseResult` that a command or view can show
for review, or raises `ReadError`. See docs/import.md for what is recognised.
"""

from .blocks import Block
from .errors import ReadError
from .municipalities import MunicipalityRef, load_municipality_refs
from .readers import read_blocks
from .result import Activity, FollowUp, Municipality, Note, ParseResult
from .structure import (
    MAX_BYTES,
    ParsedDocument,
    parse_blocks,
    parse_document,
    read_and_parse,
)

__all__ = [
    "MAX_BYTES",
    "Activity",
    "Block",
    "FollowUp",
    "Municipality",
    "MunicipalityRef",
    "Note",
    "ParseResult",
    "ParsedDocument",
    "ReadError",
    "load_municipality_refs",
    "parse_blocks",
    "parse_document",
    "read_and_parse",
    "read_blocks",
]
