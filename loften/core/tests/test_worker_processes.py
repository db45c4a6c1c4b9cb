"""The worker as a process: an import whose worker is killed is read again once
and then failed with a clear message; a slow or oversized document stops at its
limit while another import finishes beside it, and the worker's memory stays as
it was."""

import json
import os
import signal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loften.imports.models import ImportJob
from loften.imports.services import import_jobs_create
from loften.testing import documents
from loften.testing.imports import followup_document, import_people
from loften.testing.processes import (
    SharedDatabase,
    environment,
    python_command,
    running,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.processes]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


STATUS = "SELECT status, error_code FROM imports_importjob WHERE id = %s"
WORKER = "SELECT pid FROM core_workerprocess ORDER BY id DESC LIMIT 1"
TASK = "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"


def _runs(row: tuple) -> int:
    """How many times a task has been taken by a worker, if it runs now."""
    status, worker_ids = row
    if status != "RUNNING":
        return 0
    return len(json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids)


def _worker(database: SharedDatabase, **settings: str):
    env = environment(database, **settings)
    return running(
        python_command(
            "-m", "loften.cli", "worker", "--no-reload", "--interval", "0.5"
        ),
        env,
    )


def _status_is(database: SharedDatabase, job: ImportJob, *statuses: str) -> str:
    sql = STATUS + f" AND status IN ({', '.join('%s' for _ in statuses)})"
    return database.wait_for(sql, job.pk, *statuses, seconds=90)[0]


def _memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


def test_an_import_whose_worker_is_killed_twice_fails_with_a_clear_message(
    reference_data, tmp_path
):
    people = import_people()
    (job,) = import_jobs_create(
        actor=people.editor,
        organisation=people.municipality,
        files=[SimpleUploadedFile("slow.pdf", documents.pdf_of_ruled_tables(pages=20))],
    )
    database = SharedDatabase(tmp_path)
    for attempt in (1, 2):
        with _worker(database) as worker:
            # This worker has taken the task and is reading the document ...
            runs = attempt
            database.wait_for(TASK, check=lambda row, runs=runs: _runs(row) == runs)
            _status_is(database, job, "processing")
            # ... when it is killed, as the system kills a process.
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    with _worker(database):
        # The next worker finds the task its predecessors left, run twice.
        assert _status_is(database, job, "failed") == "failed"
    database.read_back()
    job.refresh_from_db()
    assert job.error_code == "interrupted"
    assert "avbröts två gånger eftersom bakgrundsprocessen stannade" in (
        job.error_message
    )


def test_slow_and_oversized_documents_stop_while_another_import_finishes(
    reference_data, tmp_path
):
    people = import_people()
    slow, bomb, memory_bomb = import_jobs_create(
        actor=people.editor,
        organisation=people.municipality,
        files=[
            # Far more than 4 s of reading on any machine.
            SimpleUploadedFile("slow.pdf", documents.pdf_of_ruled_tables(pages=40)),
            SimpleUploadedFile("bomb.docx", documents.docx_of_tiny_paragraphs()),
            SimpleUploadedFile(
                "minne.docx", documents.docx_of_long_paragraphs(megabytes=150)
            ),
        ],
    )
    # Someone else uploads one document after them: it goes before the rest
    # of the first upload, beside the slow one.
    (normal,) = import_jobs_create(
        actor=people.editor,
        organisation=people.municipality,
        files=[SimpleUploadedFile("uppfoljning.txt", followup_document())],
    )
    database = SharedDatabase(tmp_path)
    with _worker(
        database, IMPORT_PARSE_SECONDS="4", IMPORT_MEMORY_MB="400", IMPORT_WORKERS="2"
    ):
        (pid,) = database.wait_for(WORKER)
        _status_is(database, slow, "processing")
        resident_before = _memory_kb(pid, "VmRSS")
        # Another import finishes while the slow one is still being read.
        assert _status_is(database, normal, "ready", "failed") == "ready"
        for job in (slow, bomb, memory_bomb):
            _status_is(database, job, "failed")
        # The worker never held a document: what the readers took was given
        # back when they ended.
        assert _memory_kb(pid, "VmRSS") - resident_before < 60 * 1024
        assert _memory_kb(pid, "VmHWM") < 400 * 1024
    database.read_back()
    for job, code, words in (
        (slow, "too_slow", "tog längre än 4 sekunder"),
        (bomb, "too_many_parts", "fler än 20\N{NO-BREAK SPACE}000 stycken"),
        (memory_bomb, "too_much_memory", "mer än de 400 MB minne"),
    ):
        job.refresh_from_db()
        assert (job.status, job.error_code) == ("failed", code)
        assert words in job.error_message
    normal.refresh_from_db()
    slow.refresh_from_db()
    assert normal.status == ImportJob.Status.READY
    assert normal.updated_at < slow.updated_at
