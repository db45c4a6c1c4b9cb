"""The bulk data set as a ZIP of CSV files, as one JSON file and as Excel.

The writers are generators that yield bytes as rows are read, so a download or
an export never holds the whole data set in memory. Every CSV and Excel cell
goes through `loften.core.spreadsheet`, so no published text can run as a
formula in a spreadsheet program.
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from loften.core.spreadsheet import (
    LIST_SEPARATOR,
    csv_row,
    csv_value,
    utc_text,
    xlsx_row,
)

from .columns import (
    LICENCE_NAME,
    LICENCE_TEXT,
    LICENCE_URL,
    TABLES,
    TYPE_DESCRIPTIONS,
    Table,
)
from .selectors import consistent_snapshot, data_published_at, table_rows

__all__ = [
    "FORMATS",
    "LIST_SEPARATOR",
    "csv_value",
    "csv_zip_stream",
    "export_to_directory",
    "json_stream",
]

FORMATS = ("csv", "json", "xlsx")
ROWS_PER_CHUNK = 500
# columns.csv: every column of every table; `references` is the table.column
# its values are found in, empty when it refers to nothing.
COLUMNS_HEADER = ["table", "column", "type", "nullable", "description", "references"]


def json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return utc_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def metadata() -> dict[str, Any]:
    """What the data set is, when it is from and how it may be used."""
    published_at = data_published_at()
    return {
        "title": _("Löften: published citizen promises and their follow-up"),
        "source": settings.SITE_URL,
        "data_published_at": None if published_at is None else utc_text(published_at),
        "generated_at": utc_text(timezone.now()),
        "licence": {
            "name": LICENCE_NAME,
            "url": LICENCE_URL,
            "text": str(LICENCE_TEXT),
        },
    }


def _columns_json(table: Table) -> list[dict[str, Any]]:
    return [
        {
            "name": column.name,
            "type": column.type,
            "nullable": column.nullable,
            "description": str(column.description),
            "references": column.references or None,
        }
        for column in table.columns
    ]


# --- CSV in a ZIP -----------------------------------------------------------------


class _Sink(io.RawIOBase):
    """A write-only, unseekable file that hands on what was written; zipfile
    streams into it (with data descriptors, as it cannot seek back)."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV text, a chunk of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(table.column_names))
    for count, row in enumerate(table_rows(table=table.name), start=1):
        writer.writerow(csv_row(row.values()))
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _column_rows() -> Iterator[list[Any]]:
    """Every column of every table, as the rows of columns.csv (COLUMNS_HEADER)."""
    for table in TABLES:
        for column in table.columns:
            yield [
                table.name,
                column.name,
                column.type,
                column.nullable,
                str(column.description),
                column.references,
            ]


def columns_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(COLUMNS_HEADER))
    for row in _column_rows():
        writer.writerow(csv_row(row))
    return buffer.getvalue()


def readme_text() -> str:
    info = metadata()
    lines = [
        info["title"],
        "",
        _("Source: %(url)s") % {"url": info["source"]},
        _("Data as of: %(time)s") % {"time": info["data_published_at"] or "–"},
        _("File made: %(time)s") % {"time": info["generated_at"]},
        "",
        _("Licence: %(name)s (%(url)s)")
        % {"name": LICENCE_NAME, "url": info["licence"]["url"]},
        info["licence"]["text"],
        "",
        _(
            "Every table is a CSV file in UTF-8 with a header row, separated by "
            "commas. columns.csv describes every column."
        ),
        "",
    ]
    for table in TABLES:
        lines.append(f"{table.name}.csv: {table.description}")
    lines += ["", _("Column types:")]
    for kind, description in TYPE_DESCRIPTIONS.items():
        lines.append(f"{kind}: {description}")
    return "\n".join(lines) + "\n"


def csv_zip_stream() -> Iterator[bytes]:
    """The data set as a ZIP of one CSV file per table, with columns.csv and a
    README, yielded piece by piece.

    Every table is read from one snapshot of the database (see
    `consistent_snapshot`), opened when the first piece is asked for and closed
    when the last has been sent or the generator is closed (a client that went
    away), so a response streams it inside the request that made it.
    """
    with consistent_snapshot():
        yield from _csv_zip_pieces()


def _csv_zip_pieces() -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme_text())
        archive.writestr("columns.csv", columns_csv())
        yield sink.take()
        for table in TABLES:
            with archive.open(f"{table.name}.csv", "w") as member:
                for text in _csv_lines(table):
                    member.write(text.encode("utf-8"))
                    yield sink.take()
            yield sink.take()
    yield sink.take()


# --- JSON -------------------------------------------------------------------------


def json_stream() -> Iterator[bytes]:
    """The data set as one JSON object: metadata, then per table its description,
    columns and rows. Written row by row, from one snapshot of the database as
    `csv_zip_stream` is."""
    with consistent_snapshot():
        yield from _json_pieces()


def _json_pieces() -> Iterator[bytes]:
    head = json.dumps(metadata(), ensure_ascii=False, indent=1)
    yield (head[:-2] + ',\n "tables": {').encode()
    for index, table in enumerate(TABLES):
        opening = {
            "description": str(table.description),
            "columns": _columns_json(table),
        }
        text = json.dumps(opening, ensure_ascii=False)
        separator = "," if index else ""
        yield f'{separator}\n  "{table.name}": {text[:-1]}, "rows": ['.encode()
        batch: list[str] = []
        for count, row in enumerate(table_rows(table=table.name)):
            values = {key: json_value(value) for key, value in row.items()}
            batch.append(
                ("," if count else "")
                + "\n   "
                + json.dumps(values, ensure_ascii=False)
            )
            if len(batch) >= ROWS_PER_CHUNK:
                yield "".join(batch).encode()
                batch.clear()
        batch.append("]}")
        yield "".join(batch).encode()
    yield b"\n }\n}\n"


# --- Files on disk (the `loften export` command) -----------------------------------


def _write(path: Path, chunks: Iterable[bytes | str]) -> None:
    with path.open("wb") as output:
        for chunk in chunks:
            output.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def export_csv(directory: Path) -> list[Path]:
    """One CSV file per table, plus columns.csv and README.txt."""
    written = []
    for table in TABLES:
        path = directory / f"{table.name}.csv"
        _write(path, _csv_lines(table))
        written.append(path)
    for name, text in (("columns.csv", columns_csv()), ("README.txt", readme_text())):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def export_json(directory: Path) -> list[Path]:
    path = directory / "loften-data.json"
    _write(path, json_stream())
    return [path]


def excel_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        # Excel has no time zones; the times are Swedish local time.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def export_xlsx(directory: Path) -> list[Path]:
    """One workbook with a sheet per table and a sheet describing the columns.

    Written in openpyxl's write-only mode, which streams rows to disk.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, names: list[str]) -> None:
        cells = []
        for name in names:
            # Column names are Löften's own identifiers, never a formula.
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    about = workbook.create_sheet("columns")
    header(about, COLUMNS_HEADER)
    for row in _column_rows():
        about.append(xlsx_row(about, row))
    for table in TABLES:
        sheet = workbook.create_sheet(table.name[:31])
        header(sheet, table.column_names)
        for row in table_rows(table=table.name):
            sheet.append(xlsx_row(sheet, map(excel_value, row.values())))
    path = directory / "loften-data.xlsx"
    workbook.save(path)
    return [path]


def export_to_directory(*, fmt: str, directory: Path) -> list[Path]:
    """Write the data set in `fmt` into `directory`, every table from one
    snapshot of the database; returns the files written."""
    writers = {"csv": export_csv, "json": export_json, "xlsx": export_xlsx}
    with consistent_snapshot():
        return writers[fmt](directory)
