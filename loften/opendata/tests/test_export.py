"""The bulk data set: ZIP of CSV files and one JSON file, written as a stream."""

import contextlib
import csv
import io
import json
import sqlite3
import tempfile
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.urls import reverse

from loften.opendata import export
from loften.opendata.columns import TABLES, TABLES_BY_NAME
from loften.opendata.selectors import table_rows
from loften.publication.models import PublishedActivity, PublishedFollowUp
from loften.testing.reference import reference_data_ensure
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(parties):
    return promise_with_followups(parties, activities=3, tertials=2)


def test_every_table_yields_exactly_its_catalogued_columns(published):
    for table in TABLES:
        rows = list(table_rows(table=table.name))
        assert rows, f"{table.name} is empty"
        for row in rows:
            assert list(row) == table.column_names, table.name


def test_the_zip_has_a_csv_per_table_with_the_catalogued_header(published):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
    names = set(archive.namelist())
    assert names == {f"{t.name}.csv" for t in TABLES} | {"columns.csv", "README.txt"}
    for table in TABLES:
        reader = csv.reader(io.StringIO(archive.read(f"{table.name}.csv").decode()))
        assert next(reader) == table.column_names


def test_the_csv_files_round_trip_to_the_published_rows(published):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
    rows = list(csv.DictReader(io.StringIO(archive.read("followups.csv").decode())))
    expected = list(table_rows(table="followups"))
    assert len(rows) == len(expected) == PublishedFollowUp.objects.count() == 6
    for read, row in zip(rows, expected, strict=True):
        assert read == {key: export.csv_value(value) for key, value in row.items()}
    first = rows[0]
    assert int(first["quantity"]) == expected[0]["quantity"]
    assert first["target_met"] == "true"
    assert first["period_code"] == "T1"
    assert first["updated_at"].endswith("Z")


def test_columns_csv_describes_every_column(published):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
    described = list(csv.DictReader(io.StringIO(archive.read("columns.csv").decode())))
    assert [(r["table"], r["column"]) for r in described] == [
        (t.name, c.name) for t in TABLES for c in t.columns
    ]
    assert all(row["description"] for row in described)
    readme = archive.read("README.txt").decode()
    assert "CC0 1.0" in readme


def test_the_zip_is_sent_while_the_tables_are_read(published, monkeypatch):
    read = []
    original = export.table_rows

    def recording(*, table):
        read.append(table)
        return original(table=table)

    monkeypatch.setattr(export, "table_rows", recording)
    stream = export.csv_zip_stream()
    first = next(stream)
    assert first.startswith(b"PK")  # the archive starts before any table is read
    assert read == []
    pieces = [first, *stream]
    assert read == [t.name for t in TABLES]
    assert len(pieces) > len(TABLES)


def test_the_json_file_has_metadata_and_every_table(published):
    data = json.loads(b"".join(export.json_stream()))
    assert data["licence"]["name"] == "CC0 1.0 Universal"
    assert data["data_published_at"].endswith("Z")
    assert list(data["tables"]) == [t.name for t in TABLES]
    followups = data["tables"]["followups"]
    assert [c["name"] for c in followups["columns"]] == TABLES_BY_NAME[
        "followups"
    ].column_names
    assert len(followups["rows"]) == 6
    assert isinstance(followups["rows"][0]["quantity"], int)
    values = data["tables"]["indicator_values"]["rows"]
    assert values[0]["value"] == 23.5


def test_the_json_file_is_written_row_by_row(published, monkeypatch):
    monkeypatch.setattr(export, "ROWS_PER_CHUNK", 1)
    pieces = list(export.json_stream())
    assert len(pieces) > 2 * len(TABLES)


def test_an_empty_data_set_still_has_the_reference_tables(db):
    data = json.loads(b"".join(export.json_stream()))
    assert data["data_published_at"] is None
    assert len(data["tables"]["municipalities"]["rows"]) == 290
    assert data["tables"]["promises"]["rows"] == []


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (Decimal("2.50"), "2.5"),
        (["A", "B"], "A; B"),
        (7, "7"),
    ],
)
def test_csv_values_are_plain_text(value, text):
    assert export.csv_value(value) == text


# --- One snapshot per download ------------------------------------------------------


@contextlib.contextmanager
def _database_others_can_write_to():
    """Connections for this thread and for other threads to one database that
    several connections really share: on PostgreSQL the test database; on
    SQLite a WAL file copied from the in-memory test database (in-memory
    databases have no WAL and lock whole tables)."""
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shared.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        settings_dict = {**connection.settings_dict, "NAME": str(path)}
        original = connections[DEFAULT_DB_ALIAS]

        def use_shared():
            """Point this thread's default connection at the shared file."""
            connections[DEFAULT_DB_ALIAS] = type(original)(settings_dict)

        use_shared()
        try:
            yield use_shared
        finally:
            connections[DEFAULT_DB_ALIAS].close()
            connections[DEFAULT_DB_ALIAS] = original


@pytest.mark.django_db(transaction=True)
def test_a_publication_committed_during_a_download_is_not_in_it(monkeypatch):
    """A follow-up published while the file is sent, after its activities were
    read, must not appear in the file for an activity the file does not have."""
    reference_data_ensure()
    parties = promise_with_parties()
    promise_with_followups(parties, activities=1, tertials=1)
    monkeypatch.setattr(export, "ROWS_PER_CHUNK", 1)
    with _database_others_can_write_to() as use_shared:
        stream = export.json_stream()
        pieces = []
        for piece in stream:
            pieces.append(piece)
            if b'"followups":' in piece:  # activities read, follow-ups not yet
                break
        assert connection.in_atomic_block

        def publish_meanwhile():
            use_shared()
            try:
                with transaction.atomic():
                    activity = PublishedActivity.objects.first()
                    activity.pk, activity.text = (
                        999_001,
                        "Publicerad under nedladdningen",
                    )
                    activity.save(force_insert=True)
                    followup = PublishedFollowUp.objects.first()
                    followup.pk, followup.activity = 999_002, activity
                    followup.save(force_insert=True)
            finally:
                connections.close_all()

        writer = threading.Thread(target=publish_meanwhile)
        writer.start()
        writer.join(timeout=30)
        assert not writer.is_alive()
        pieces.extend(stream)
        assert not connection.in_atomic_block
        assert PublishedFollowUp.objects.filter(pk=999_002).exists()  # committed

    tables = json.loads(b"".join(pieces))["tables"]
    assert 999_001 not in {row["id"] for row in tables["activities"]["rows"]}
    assert 999_002 not in {row["id"] for row in tables["followups"]["rows"]}


@pytest.mark.django_db(transaction=True)
def test_a_download_given_up_halfway_ends_its_transaction(client):
    reference_data_ensure()
    response = client.get(reverse("opendata:data-csv"))
    pieces = iter(response.streaming_content)
    next(pieces)
    assert connection.in_atomic_block
    response.close()  # what the server does when the client goes away
    assert not connection.in_atomic_block


def test_inside_a_transaction_the_download_reads_in_it(published):
    assert connection.in_atomic_block  # the test's own transaction
    assert b"".join(export.json_stream())
    assert connection.in_atomic_block
