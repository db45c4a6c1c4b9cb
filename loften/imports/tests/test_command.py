"""`loften import`: JSON Lines against the schema, error lines, the exit status."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loften.imports.models import ImportJob
from loften.promises.models import Promise
from loften.testing.imports import FOLLOWUP_TEXT

from . import documents
from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    """A readable follow-up, a damaged PDF and a folder, on disk."""
    good = tmp_path / "uppfoljning-nassjo-2026.txt"
    good.write_text(FOLLOWUP_TEXT, encoding="utf-8")
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf")
    folder = tmp_path / "mapp"
    folder.mkdir()
    return {
        "good": str(good),
        "broken": str(broken),
        "folder": str(folder),
        "missing": str(tmp_path / "finns-inte.pdf"),
    }


def run(*args) -> tuple[list[str], int]:
    """Run `loften import …`: the lines printed and the exit status it ends with
    (Django exits with a CommandError's returncode)."""
    out = StringIO()
    status = 0
    try:
        call_command("import", *args, stdout=out, stderr=StringIO())
    except CommandError as error:
        status = error.returncode
    return out.getvalue().splitlines(), status


def test_dry_run_json_prints_one_valid_line_per_document_and_fails_on_errors(
    files, assert_valid
):
    lines, status = run(
        "--dry-run",
        "--json",
        files["good"],
        files["broken"],
        files["missing"],
        files["folder"],
    )
    assert status == 1
    assert len(lines) == 4
    results = [json.loads(line) for line in lines]
    for result in results:
        assert_valid(result)
    good, broken, missing, folder = results
    assert good["source"] == files["good"]
    assert good["kind"] == "followup"
    assert good["municipality"] == {"name": "Nässjö", "code": "0682"}
    assert good["years"] == [2026]
    assert len(good["activities"]) == 4
    assert good["activities"][0]["target"] == {
        "comparator": "at_least",
        "value": 10,
        "unit": "trafikkontroller",
    }
    assert "draft" not in good
    assert broken == {
        "source": files["broken"],
        "error": "PDF-filen är skadad och kan inte läsas.",
        "code": "corrupt_pdf",
    }
    assert missing == {
        "source": files["missing"],
        "error": "Filen finns inte.",
        "code": "not_found",
    }
    assert folder["code"] == "not_a_file"
    assert not ImportJob.objects.exists()
    assert not Promise.objects.exists()


def test_the_exit_status_is_zero_when_every_document_is_read(files):
    lines, status = run("--dry-run", "--json", files["good"])
    assert status == 0
    assert len(lines) == 1


def test_each_line_is_a_json_object_in_utf8_not_escaped(files):
    lines, _status = run("--dry-run", "--json", files["good"])
    assert "Nässjö" in lines[0]
    assert "\\u00e4" not in lines[0]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("skyddad.pdf", documents.encrypted_pdf(), "encrypted_pdf"),
        ("trasig.docx", b"PK\x03\x04 trasigt arkiv", "corrupt_docx"),
        ("skrap.txt", bytes(range(256)) * 4, "binary"),
        ("tom.txt", b"", "empty"),
        ("recept.txt", "Pannkakor\n\nTre ägg och mjöl.".encode(), "no_structure"),
    ],
)
def test_bad_documents_give_their_error_line(tmp_path, assert_valid, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    lines, status = run("--dry-run", "--json", str(path))
    (line,) = [json.loads(line) for line in lines]
    assert_valid(line)
    assert line["code"] == code
    assert status == 1


def test_a_file_over_the_limit_is_refused_without_reading_it(
    tmp_path, settings, assert_valid
):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "stor.txt"
    path.write_bytes(b"a" * (3 * 1024 * 1024))
    lines, status = run("--dry-run", "--json", str(path))
    line = json.loads(lines[0])
    assert_valid(line)
    assert line["code"] == "too_large"
    assert line["error"] == ("Filen är 3 MB; filer större än 1 MB kan inte importeras.")
    assert status == 1


def test_without_json_a_readable_summary_per_document(files):
    lines, status = run("--dry-run", files["good"], files["missing"])
    assert status == 1
    assert lines[0] == (
        f"{files['good']}: uppföljning · Nässjö (0682) · 2026 · 1 löfte, "
        "4 aktiviteter, 8 uppföljningar, 2 varningar"
    )
    # "Nattvandring varje fredag" is a weekly target, which a tertial plan cannot
    # hold: the reviewer is told.
    assert lines[1].startswith("  varning: Målet ”varje fredag”")
    assert lines[2].startswith("  varning: Texten kunde inte placeras (rad 16)")
    assert lines[3] == f"{files['missing']}: inte importerad: Filen finns inte."


def test_the_command_reports_how_many_documents_failed(files):
    with pytest.raises(CommandError, match="1 av 2 dokument kunde inte importeras"):
        call_command(
            "import", "--dry-run", files["good"], files["missing"], stdout=StringIO()
        )


def test_without_dry_run_drafts_are_created_and_where_to_review_them_printed(
    people, files, assert_valid
):
    lines, status = run("--json", files["good"], files["broken"])
    assert status == 1
    good, broken = (json.loads(line) for line in lines)
    assert_valid(good)
    assert_valid(broken)
    promise = Promise.objects.get()
    assert promise.status == Promise.Status.DRAFT
    job = ImportJob.objects.get()
    assert good["draft"]["promise"] == promise.pk
    assert good["draft"]["import"] == job.pk
    assert good["draft"]["title"] == promise.title
    assert (
        good["draft"]["review_url"]
        == f"http://127.0.0.1:8000/redaktion/import/{job.pk}/"
    )
    assert any("Aktivitet 3" in check for check in good["draft"]["check"])
    assert job.organisation == people.municipality
    assert job.status == ImportJob.Status.ACCEPTED
    assert broken["code"] == "corrupt_pdf"


def test_without_dry_run_the_readable_output_says_where_the_draft_is(people, files):
    lines, status = run(files["good"])
    assert status == 0
    job = ImportJob.objects.get()
    assert (
        "  utkast skapat: ”Uppföljning av medborgarlöfte Nässjö kommun 2026”; "
        f"granska det på http://127.0.0.1:8000/redaktion/import/{job.pk}/"
    ) in lines


def test_a_document_without_a_municipality_needs_one_named(tmp_path, assert_valid):
    path = tmp_path / "okand.txt"
    path.write_text(
        FOLLOWUP_TEXT.replace("Nässjö kommun", "kommunen").replace(
            "centrala Nässjö", "centrum"
        ),
        encoding="utf-8",
    )
    lines, status = run("--json", str(path))
    line = json.loads(lines[0])
    assert_valid(line)
    assert line["code"] == "no_municipality"
    assert line["error"] == (
        "Ingen kommun hittades i dokumentet; ange en med --municipality."
    )
    assert status == 1
    assert not Promise.objects.exists()
    lines, status = run("--json", "--municipality", "Nässjö", str(path))
    assert status == 0
    assert Promise.objects.get().municipalities.get().code == "0682"


def test_an_unknown_municipality_option_stops_the_command(files):
    with pytest.raises(CommandError, match="Ingen kommun har koden"):
        call_command("import", "--municipality", "9999", files["good"])


def test_other_formats_are_read_too(tmp_path, assert_valid, ljungby_docx):
    html = tmp_path / "tidaholm.html"
    html.write_bytes(fixture_bytes("tidaholm_2022_utlovades.html"))
    docx = tmp_path / "ljungby.docx"
    docx.write_bytes(ljungby_docx)
    lines, status = run("--dry-run", "--json", str(html), str(docx))
    assert status == 0
    for line in lines:
        result = json.loads(line)
        assert_valid(result)
        assert result["activities"]


@pytest.mark.corpus
def test_the_published_sample_documents_give_valid_lines(corpus_dir, assert_valid):
    paths = sorted(str(path) for path in corpus_dir.glob("*.txt"))
    lines, status = run("--dry-run", "--json", *paths)
    assert status == 0
    assert len(lines) == len(paths)
    for line in lines:
        assert_valid(json.loads(line))


@pytest.mark.processes
def test_the_real_command_exits_non_zero_and_prints_json_lines(tmp_path, files):
    """End to end: `loften migrate` and `loften import` in a process of their own,
    on an SQLite database of their own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["LOFTEN_VAR_DIR"] = str(tmp_path / "var")
    loften = [sys.executable, "-m", "loften.cli"]
    cwd = Path(__file__).resolve().parents[3]
    subprocess.run([*loften, "migrate", "-v", "0"], env=env, cwd=cwd, check=True)
    done = subprocess.run(
        [*loften, "import", "--dry-run", "--json", files["good"], files["missing"]],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line.get("code") for line in lines] == [None, "not_found"]
    assert lines[0]["municipality"] == {"name": "Nässjö", "code": "0682"}
    assert "CommandError: 1 av 2 dokument kunde inte importeras." in done.stderr
