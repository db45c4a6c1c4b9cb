"""`loften export` and `loften open_data_columns`."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from loften.opendata.columns import DOCS_END, DOCS_START, TABLES, docs_with_columns
from loften.testing.reports import promise_with_followups

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    return promise_with_followups(parties, activities=2, tertials=1)


def export(*arguments) -> str:
    out = io.StringIO()
    call_command("export", *arguments, stdout=out)
    return out.getvalue()


def test_csv_export_writes_one_file_per_table(published, tmp_path):
    output = export("--format", "csv", "--out", str(tmp_path))
    names = {path.name for path in tmp_path.iterdir()}
    assert names == {f"{t.name}.csv" for t in TABLES} | {"columns.csv", "README.txt"}
    assert "followups.csv" in output
    rows = list(csv.DictReader((tmp_path / "followups.csv").open(encoding="utf-8")))
    assert [row["quantity"] for row in rows] == ["11", "12"]


def test_json_export_matches_the_download(published, tmp_path, client):
    export("--format", "json", "--out", str(tmp_path))
    written = json.loads((tmp_path / "loften-data.json").read_text(encoding="utf-8"))
    downloaded = json.loads(
        b"".join(client.get("/data/loften-data.json").streaming_content)
    )
    written.pop("generated_at"), downloaded.pop("generated_at")
    assert written == downloaded


def test_xlsx_export_has_a_sheet_per_table_with_numbers(published, tmp_path):
    export("--format", "xlsx", "--out", str(tmp_path))
    workbook = openpyxl.load_workbook(tmp_path / "loften-data.xlsx")
    assert workbook.sheetnames == ["columns", *[t.name[:31] for t in TABLES]]
    sheet = workbook["followups"]
    header = [cell.value for cell in sheet[1]]
    quantity = header.index("quantity")
    cells = [row[quantity] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [11, 12]
    assert all(cell.data_type == "n" for cell in cells)
    assert sheet.cell(row=2, column=header.index("updated_at") + 1).is_date


def test_a_missing_folder_is_made_when_its_parent_exists(published, tmp_path):
    export("--format", "json", "--out", str(tmp_path / "ny"))
    assert (tmp_path / "ny" / "loften-data.json").exists()


def test_a_folder_whose_parent_is_missing_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        export("--format", "csv", "--out", str(tmp_path / "saknas" / "ny"))


def test_a_file_in_place_of_the_folder_is_a_clear_error(tmp_path):
    target = tmp_path / "fil.txt"
    target.write_text("x")
    with pytest.raises(CommandError, match="is a file"):
        export("--format", "csv", "--out", str(target))


def test_an_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        export("--format", "pdf", "--out", str(tmp_path))


def test_the_column_documentation_is_up_to_date():
    docs = Path(settings.BASE_DIR) / "docs" / "open-data.md"
    document = docs.read_text(encoding="utf-8")
    assert DOCS_START in document and DOCS_END in document
    assert document == docs_with_columns(document), (
        "docs/open-data.md is out of date: run `loften open_data_columns --write`"
    )


def test_open_data_columns_prints_the_catalogue():
    out = io.StringIO()
    call_command("open_data_columns", stdout=out)
    assert "### `followups`" in out.getvalue()
    assert "| `target_met` | `boolean`, may be empty |" in out.getvalue()
