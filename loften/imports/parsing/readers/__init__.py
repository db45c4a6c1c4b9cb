"""Readers: bytes of a .txt, .html, .pdf or .docx file in, blocks out.

The file type comes from the extension and is checked against the content, so
a PDF saved as .txt is still read as a PDF and a text file named .pdf is
reported as a damaged PDF rather than read as garbage.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from .. import errors
from ..blocks import Block
from .docx_reader import read_docx
from .html_reader import read_html
from .pdf_reader import read_pdf
from .text_reader import looks_binary, read_text

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


@dataclass(slots=True)
class Reading:
    """What a reader found: the blocks and notices about anything left out."""

    blocks: list[Block]
    file_type: str
    notices: list[str] = field(default_factory=list)


def sniff(data: bytes) -> str | None:
    """The file type the content shows: "pdf", "docx", "zip", "ole", "html" or None."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] else "zip"
    if head.startswith(_OLE_SIGNATURE):
        return "ole"
    if head.lower().startswith(_HTML_START):
        return "html"
    return None


def read_document(data: bytes, filename: str) -> Reading:
    """Read a file into blocks, choosing the reader by extension and content.

    Raises ReadError for a file of the wrong or an unknown type, binary data
    and damaged or encrypted files.
    """
    extension = PurePath(filename).suffix.lower()
    content = sniff(data)
    if content == "pdf" and extension not in HTML_EXTENSIONS:
        blocks, notices = read_pdf(data)
        return Reading(blocks, "pdf", notices)
    if extension == ".pdf":
        raise errors.corrupt_pdf()
    if content == "docx" and extension not in HTML_EXTENSIONS:
        return Reading(read_docx(data), "docx")
    if extension == ".docx":
        if content == "zip":
            return Reading(read_docx(data), "docx")
        raise errors.corrupt_docx()
    if content in ("ole", "zip"):
        raise errors.unsupported_type(extension)
    if extension in HTML_EXTENSIONS or content == "html":
        if looks_binary(data):
            raise errors.binary()
        return Reading(read_html(data), "html")
    if extension in TEXT_EXTENSIONS:
        return Reading(read_text(data), "txt")
    raise errors.unsupported_type(extension)


def read_blocks(data: bytes, filename: str) -> list[Block]:
    """The blocks of a document; see `read_document` for the errors it raises."""
    return read_document(data, filename).blocks
