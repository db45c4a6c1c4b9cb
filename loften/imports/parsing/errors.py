"""The one exception the importer raises: a document that cannot be read at all."""

import math
from typing import Literal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

ReadErrorCode = Literal[
    "too_large",
    "empty",
    "binary",
    "encrypted_pdf",
    "corrupt_pdf",
    "corrupt_docx",
    "unsupported_type",
    "no_structure",
    "too_slow",
    "repeated_lines",
    "too_many_parts",
    "too_much_memory",
]


class ReadError(Exception):
    """A document that cannot be read: a stable `code` and a user-facing message."""

    def __init__(self, code: ReadErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self, source: str) -> dict[str, str]:
        """The error form of one output line: source, message and code."""
        return {"source": source, "error": self.message, "code": self.code}


def too_large(size: int, limit: int) -> ReadError:
    return ReadError(
        "too_large",
        _("The file is %(size)s MB; files larger than %(limit)s MB cannot be imported.")
        % {"size": _megabytes(size, above=limit), "limit": _megabytes(limit)},
    )


def too_large_unpacked(size: int, limit: int) -> ReadError:
    return ReadError(
        "too_large",
        _(
            "The Word file unpacks to %(size)s MB, more than the %(limit)s MB a "
            "document may take up."
        )
        % {"size": _megabytes(size, above=limit), "limit": _megabytes(limit)},
    )


def empty() -> ReadError:
    return ReadError("empty", _("The file is empty."))


def no_text_layer() -> ReadError:
    return ReadError(
        "empty",
        _("The PDF contains no text; it may be a scanned image that needs OCR first."),
    )


def repeated_lines(pages: int) -> ReadError:
    return ReadError(
        "repeated_lines",
        _(
            "Every page of the PDF (%(pages)s read) holds only the same lines, "
            "which are taken for a running head or footer and left out, so no "
            "other text was found. Check that it is the right file; if the "
            "text is what you want to import, copy it into a .txt file and "
            "import that."
        )
        % {"pages": number_format(pages)},
    )


def too_many_paragraphs(limit: int) -> ReadError:
    return ReadError(
        "too_many_parts",
        _(
            "The Word file has more than %(limit)s paragraphs, far more than a "
            "promise or its follow-up; it was not read. Import the part that "
            "holds the promise or the follow-up as a file of its own."
        )
        % {"limit": number_format(limit, force_grouping=True)},
    )


def too_much_memory(megabytes: int) -> ReadError:
    return ReadError(
        "too_much_memory",
        _(
            "Reading the document needed more than the %(megabytes)s MB of memory "
            "an import may use, and was stopped. The file may hold far more than "
            "it seems (for example a huge number of empty lines); split it into "
            "smaller files, or save it again from Word or as PDF."
        )
        % {"megabytes": number_format(megabytes)},
    )


def binary() -> ReadError:
    return ReadError(
        "binary",
        _("The file does not contain readable text; it looks like binary data."),
    )


def encrypted_pdf() -> ReadError:
    return ReadError(
        "encrypted_pdf",
        _("The PDF is password-protected; save an unprotected copy and import that."),
    )


def corrupt_pdf() -> ReadError:
    return ReadError("corrupt_pdf", _("The PDF is damaged and cannot be read."))


def corrupt_docx() -> ReadError:
    return ReadError(
        "corrupt_docx", _("The Word file is damaged or is not a real .docx file.")
    )


def unsupported_type(extension: str) -> ReadError:
    return ReadError(
        "unsupported_type",
        _(
            "Files of type “%(extension)s” cannot be imported; use .txt, .html, "
            ".pdf or .docx."
        )
        % {"extension": extension or "?"},
    )


def no_structure() -> ReadError:
    return ReadError(
        "no_structure",
        _(
            "No promise statements or activities were found; the text does not "
            "look like a medborgarlöfte or its follow-up."
        ),
    )


def too_slow(seconds: float) -> ReadError:
    return ReadError(
        "too_slow",
        _(
            "Reading the document took longer than %(seconds)s seconds and was "
            "stopped; split it into smaller files and import them one by one."
        )
        % {"seconds": number_format(round(seconds))},
    )


def _megabytes(size: int, *, above: int | None = None) -> str:
    """Megabytes with at most one decimal. A size just over the limit `above`
    is rounded up, so that it reads as larger ("20,1 MB", not "20 MB")."""
    tenths = size * 10 / (1024 * 1024)
    value = round(tenths) / 10
    if above is not None and size > above and value * 1024 * 1024 <= above:
        value = math.ceil(tenths) / 10
    return number_format(int(value) if value.is_integer() else value)
