"""The tables of the data set: every reference between them resolves."""

import json

import pytest

from loften.opendata import export
from loften.opendata.columns import LIST, TABLES, TABLES_BY_NAME
from loften.promises.models import FocusArea
from loften.promises.services import indicators as indicator_services
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    """A promise with tertials 1 and 2 published (tertial 3 and the year not), an
    indicator in a focus area, its police area's municipalities, and a published
    renewal of it."""
    promise_with_followups(parties, activities=3, tertials=2)
    indicator_services.indicator_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        name="Anmälda trafikbrott",
        source="Brå",
        unit="antal",
        direction="decrease",
        focus_area=FocusArea.objects.get(slug="trafik"),
    )
    publish_plan(parties)
    parties.promise.police_area.municipalities.add(
        *parties.promise.municipalities.all()
    )
    renewal = promise_with_parties(previous=parties.promise)
    promise_with_followups(renewal, activities=1, tertials=0)
    return parties


def _values(row, column) -> list:
    value = row[column.name]
    if value in (None, ""):
        return []
    if column.type == LIST:
        return [item for item in value.split(export.LIST_SEPARATOR) if item]
    return [value]


def test_every_reference_column_of_every_table_resolves(published):
    """Driven by the catalogue: a new table or column with `references` is
    checked without changing this test."""
    tables = json.loads(b"".join(export.json_stream()))["tables"]
    keys: dict[str, set] = {}
    for table in TABLES:
        for column in table.columns:
            if not column.references:
                continue
            target_table, target_column = column.references.split(".")
            if column.references not in keys:
                keys[column.references] = {
                    row[target_column] for row in tables[target_table]["rows"]
                }
            values = [
                value
                for row in tables[table.name]["rows"]
                for value in (
                    row[column.name] if column.type == LIST else [row[column.name]]
                )
                if value is not None
            ]
            assert values, f"{table.name}.{column.name} has no values to check"
            missing = set(values) - keys[column.references]
            assert not missing, (
                f"{table.name}.{column.name} refers to {sorted(missing)}, "
                f"which {column.references} does not have"
            )


def test_the_csv_files_resolve_their_references_too(published):
    import csv
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode())))

    for table in TABLES:
        for column in table.columns:
            if not column.references:
                continue
            target_table, target_column = column.references.split(".")
            targets = {row[target_column] for row in rows(target_table)}
            for row in rows(table.name):
                for value in _values(row, column):
                    assert value in targets, (table.name, column.name, value)


def test_periods_of_a_promise_that_are_not_published_are_listed_with_a_flag(
    published,
):
    tables = json.loads(b"".join(export.json_stream()))["tables"]
    promise_id = published.promise.pk
    flags = {
        row["period_id"]: row["followup_published"]
        for row in tables["promise_periods"]["rows"]
        if row["promise_id"] == promise_id
    }
    periods = {row["id"]: row for row in tables["reporting_periods"]["rows"]}
    codes = {periods[pid]["code"]: flag for pid, flag in flags.items()}
    assert codes == {"T1": True, "T2": True, "T3": False, "year": False}


def test_every_identifier_column_declares_what_it_refers_to():
    for table in TABLES:
        for column in table.columns:
            if column.name.endswith("_id"):
                assert column.references, f"{table.name}.{column.name}"
            if column.references:
                target_table, target_column = column.references.split(".")
                target = TABLES_BY_NAME[target_table]
                assert target.column_names[0] == target_column, column.references
