"""Lay a `layout.Report` out as PDF, Word, Excel or CSV.

Each renderer takes the report structure and returns the file's bytes; none of
them reads the database.
"""

import importlib
from dataclasses import dataclass

from ..layout import Report

FORMATS = ("pdf", "docx", "xlsx", "csv")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class RenderedFile:
    content: bytes
    content_type: str
    filename: str


# format: (module, function). A module is imported when its format is first
# asked for, so the first PDF a process makes does not also load python-docx
# and openpyxl, nor the first CSV WeasyPrint.
RENDERERS = {
    "pdf": ("pdf", "render_pdf"),
    "docx": ("word", "render_docx"),
    "xlsx": ("spreadsheet", "render_xlsx"),
    "csv": ("spreadsheet", "render_csv"),
}


def render(report: Report, fmt: str) -> RenderedFile:
    """The report as a file in `fmt` (one of FORMATS)."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}")
    module, function = RENDERERS[fmt]
    renderer = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return RenderedFile(
        content=renderer(report),
        content_type=CONTENT_TYPES[fmt],
        filename=f"{report.filename_stem}.{fmt}",
    )
