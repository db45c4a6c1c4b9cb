"""No published text runs as a formula in the CSV files of /data/ or in the CSV
files and the workbook of `loften export`."""

import csv
import io
import zipfile
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loften.opendata import export
from loften.opendata.columns import TABLES
from loften.testing.spreadsheets import (
    EXAMPLES,
    csv_formula_cells,
    formula_texts,
    promise_with_formula_texts,
    xlsx_formula_cells,
    xlsx_texts,
)

pytestmark = pytest.mark.django_db


def _rows_of(texts):
    """A `table_rows` that gives each table two rows whose text and list
    columns hold `texts`, and whose number columns hold negative numbers."""

    def table_rows(*, table):
        columns = next(t for t in TABLES if t.name == table).columns
        rows = []
        for number in range(2):
            row = {}
            for index, column in enumerate(columns):
                text = texts[(number + index) % len(texts)]
                row[column.name] = {
                    "text": text,
                    "list": [text, "Nässjö"],
                    "integer": -number - 1,
                    "decimal": -1.5,
                    "boolean": True,
                }.get(column.type)
            rows.append(row)
        return iter(rows)

    return table_rows


def _csv_files(archive: zipfile.ZipFile) -> dict[str, str]:
    return {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.endswith(".csv")
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(formula_texts, min_size=1, max_size=6))
def test_no_text_runs_as_a_formula_in_any_csv_or_workbook(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("export")
    with mock.patch.object(export, "table_rows", _rows_of(texts)):
        archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
        for name, content in _csv_files(archive).items():
            assert csv_formula_cells(content) == [], name
        for path in export.export_to_directory(fmt="csv", directory=folder):
            if path.suffix == ".csv":
                content = path.read_text(encoding="utf-8")
                assert csv_formula_cells(content) == [], path.name
        (workbook,) = export.export_to_directory(fmt="xlsx", directory=folder)
        assert xlsx_formula_cells(workbook.read_bytes()) == []


def test_the_audits_formulas_are_text_on_data_and_in_the_export(
    parties, client, tmp_path
):
    promise_with_formula_texts(parties)
    quoted = {f"'{example}" for example in EXAMPLES}

    response = client.get(reverse("opendata:data-csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    files = _csv_files(archive)
    for name, content in files.items():
        assert csv_formula_cells(content) == [], name
    cells = {
        cell
        for content in files.values()
        for row in csv.reader(io.StringIO(content))
        for cell in row
    }
    assert quoted <= cells

    call_command("export", "--format", "csv", "--out", str(tmp_path / "csv"))
    for path in (tmp_path / "csv").glob("*.csv"):
        assert csv_formula_cells(path.read_text(encoding="utf-8")) == [], path.name

    call_command("export", "--format", "xlsx", "--out", str(tmp_path / "xlsx"))
    content = (tmp_path / "xlsx" / "loften-data.xlsx").read_bytes()
    assert xlsx_formula_cells(content) == []
    assert set(EXAMPLES) <= xlsx_texts(content)
