"""Plain text files: UTF-8, or Windows-1252/Latin-1 as charset-normalizer finds."""

import codecs

from charset_normalizer import from_bytes

from .. import errors
from ..blocks import Block
from .lines import blocks_from_lines, text_lines

# Single-byte Western encodings; Swedish text in any of them is read as
# Windows-1252, which is what Swedish Windows and most CMS exports use.
_WESTERN = frozenset(
    {
        "cp1252",
        "windows-1252",
        "latin_1",
        "iso8859_1",
        "iso8859_15",
        "cp1250",
        "iso8859_2",
        "cp850",
        "cp437",
        "mac_roman",
        "mac_latin2",
        "cp1257",
        "iso8859_4",
        "iso8859_9",
        "cp1254",
        "iso8859_10",
    }
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_WESTERN_LETTERS = frozenset("åäöÅÄÖéÉèüÜæøÆØ–—”“’‘…•·°§½«»€\u00a0")


def _western_decoding(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _looks_swedish(text: str) -> bool:
    high = [char for char in text if ord(char) > 127]
    return bool(high) and sum(char in _WESTERN_LETTERS for char in high) >= 0.9 * len(
        high
    )


def looks_binary(data: bytes) -> bool:
    """Whether the bytes are not text: NUL bytes, or many control characters."""
    sample = data[:65536]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes) -> str:
    """The text of the bytes, UTF-8 first, else the encoding charset-normalizer
    detects; raises ReadError("binary") for data that is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if looks_binary(data):
        raise errors.binary()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise errors.binary()
    # Short Swedish texts fool the detector into Central European or DOS code
    # pages; if Windows-1252 gives Swedish letters, that is what it is.
    western = _western_decoding(data)
    detected = best.encoding.lower().replace("-", "_")
    if western is not None and (detected in _WESTERN or _looks_swedish(western)):
        return western
    text = str(best)
    printable = sum(1 for char in text if char.isprintable() or char in "\n\t\r")
    if printable < 0.95 * len(text):
        raise errors.binary()
    return text


def blocks_from_text(text: str) -> list[Block]:
    """Blocks from decoded plain text; the first heading before any content is the
    title (level 1)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = blocks_from_lines(text_lines(text))
    if blocks and blocks[0].kind == "heading":
        blocks[0].level = 1
    return blocks


def read_text(data: bytes) -> list[Block]:
    """Blocks from the bytes of a .txt file."""
    return blocks_from_text(decode_text(data))
