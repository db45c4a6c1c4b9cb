"""Tasks left running by a worker that died are queued again once, then failed,
and the import or report they were making says so."""

import datetime
import os
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loften.core.models import WorkerProcess
from loften.core.worker import host_identity, tasks_recover
from loften.imports.models import ImportJob
from loften.testing.imports import import_people, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _worker(worker_id: str, *, pid: int, host: str | None = None, seen_ago=0):
    seen = timezone.now() - datetime.timedelta(seconds=seen_ago)
    return WorkerProcess.objects.create(
        worker_id=worker_id,
        host=host or host_identity(),
        pid=pid,
        started_at=seen,
        seen_at=seen,
    )


@pytest.fixture
def running_import(reference_data):
    people = import_people()
    job = upload(actor=people.editor, organisation=people.municipality)
    task = DBTaskResult.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.PROCESSING)
    return job, task


def test_a_task_of_a_worker_whose_process_is_gone_is_queued_again(running_import):
    job, task = running_import
    _worker("gone", pid=_dead_pid())
    task.claim("gone/imports-1")
    recovered = tasks_recover()
    assert recovered.requeued == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "READY"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PROCESSING  # read again when its turn comes


def test_a_task_whose_worker_fell_silent_elsewhere_is_queued_again(
    running_import, settings
):
    _job, task = running_import
    settings.WORKER_LEASE_SECONDS = 60
    _worker("silent", pid=1, host="another-machine", seen_ago=61)
    task.claim("silent/imports-1")
    assert tasks_recover().requeued == [str(task.id)]


def test_a_task_of_a_living_worker_is_left_alone(running_import):
    _job, task = running_import
    _worker("alive", pid=os.getpid())
    _worker("far", pid=1, host="another-machine", seen_ago=10)
    task.claim("alive/imports-1")
    assert tasks_recover().requeued == []
    task.claim("far/imports-2")
    assert tasks_recover().requeued == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_an_import_interrupted_twice_fails_with_a_clear_message(running_import):
    job, task = running_import
    _worker("first", pid=_dead_pid())
    _worker("second", pid=_dead_pid())
    task.claim("first/imports-1")
    tasks_recover()
    task.refresh_from_db()
    task.claim("second/imports-1")
    recovered = tasks_recover()
    assert recovered.failed == [str(task.id)]
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "loften.core.worker.WorkerLost"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error_code == "interrupted"
    assert job.error_message.startswith(
        "Läsningen av dokumentet avbröts två gånger eftersom bakgrundsprocessen"
    )
    assert job.source  # kept for an administrator to look at


def test_a_task_of_a_worker_that_never_wrote_a_heartbeat_is_queued_again(
    running_import,
):
    _job, task = running_import
    task.claim("a-worker-of-an-older-version")
    assert tasks_recover().requeued == [str(task.id)]


def test_a_report_interrupted_twice_says_it_could_not_be_made(reference_data, settings):
    from loften.reports.models import GeneratedReport
    from loften.reports.services import report_draft_obtain
    from loften.testing.reports import promise_with_followups
    from loften.testing.workflow import promise_with_parties

    parties = promise_with_parties()
    (period,) = promise_with_followups(parties, activities=1, tertials=1)
    settings.REPORTS_SYNC_MAX_SIZE = 0  # made by the worker
    report = report_draft_obtain(
        promise=parties.promise,
        period=period,
        fmt="csv",
        language="sv",
        actor=parties.municipality_editor,
    )
    task = DBTaskResult.objects.get(task_path="loften.reports.tasks.generate_report")
    for name in ("first", "second"):
        _worker(name, pid=_dead_pid())
        task.refresh_from_db()
        task.claim(f"{name}/default")
        tasks_recover()
    report.refresh_from_db()
    assert report.status == GeneratedReport.Status.FAILED
    assert report.error.startswith("WorkerLost")
