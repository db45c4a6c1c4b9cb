"""The background worker (`loften worker`): queued tasks run in threads per
queue, a heartbeat shows the worker is alive, and the tasks of a worker that
died are put back in the queue once, then failed.

- One thread runs the `default` queue (reports, e-mail); `IMPORT_WORKERS`
  threads run the `imports` queue, each reading its document in a child process
  (loften/imports/reading.py). A slow import therefore never holds up a report,
  and another import goes on beside it.
- Every few seconds the worker writes `WorkerProcess.seen_at`. A task still
  marked running whose worker has not been seen for `WORKER_LEASE_SECONDS` (or,
  on the same machine, whose worker process is gone) was left by a worker that
  died: it is put back in the queue, and after `MAX_ATTEMPTS` runs it is failed
  with `WorkerLost`; the apps then tell the editor (see `task_finished`
  receivers in loften/imports/signals.py and loften/reports/signals.py).
  Every worker looks for such tasks when it starts and every half minute.
"""

import datetime
import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import WorkerProcess

logger = logging.getLogger("loften.worker")

HEARTBEAT_SECONDS = 5
RECOVER_SECONDS = 30
# A task runs at most this many times; a worker that dies during the last run
# leaves it failed.
MAX_ATTEMPTS = 2


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished."""


def host_identity() -> str:
    """This machine and its process namespace: process ids mean something only
    within one namespace."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()} {namespace}".strip()[:200]


def _process_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_register(*, worker_id: str) -> WorkerProcess:
    now = timezone.now()
    return WorkerProcess.objects.create(
        worker_id=worker_id,
        host=host_identity(),
        pid=os.getpid(),
        started_at=now,
        seen_at=now,
    )


def worker_beat(*, worker_id: str) -> None:
    """Show that the worker is alive."""
    updated = WorkerProcess.objects.filter(worker_id=worker_id).update(
        seen_at=timezone.now()
    )
    if not updated:  # removed by an administrator, or by a test: come back
        worker_register(worker_id=worker_id)


def worker_unregister(*, worker_id: str) -> None:
    WorkerProcess.objects.filter(worker_id=worker_id).delete()


def _worker_alive(worker_id: str, workers: dict[str, WorkerProcess], now) -> bool:
    record = workers.get(worker_id.split("/")[0])
    if record is None:
        return False
    lease = datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    if record.seen_at < now - lease:
        return False
    return record.host != host_identity() or _process_running(record.pid)


@dataclass
class Recovered:
    """The tasks put back in the queue, and those failed, by `tasks_recover`."""

    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def tasks_recover() -> Recovered:
    """Put back in the queue the running tasks whose worker died, or fail those
    that have run MAX_ATTEMPTS times already."""
    now = timezone.now()
    recovered = Recovered()
    finished: list[DBTaskResult] = []
    workers = {w.worker_id: w for w in WorkerProcess.objects.all()}
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else ""
            if last and _worker_alive(last, workers, now):
                continue
            if len(result.worker_ids) < MAX_ATTEMPTS:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                recovered.requeued.append(str(result.id))
                logger.warning(
                    "Task %s (%s) was left running by worker %s, which stopped; "
                    "it is queued again",
                    result.id,
                    result.task_path,
                    last or "?",
                )
            else:
                result.set_failed(
                    WorkerLost(
                        f"the worker stopped while running the task "
                        f"{len(result.worker_ids)} times"
                    )
                )
                finished.append(result)
                recovered.failed.append(str(result.id))
                logger.error(
                    "Task %s (%s) was interrupted %s times by a worker that "
                    "stopped; it has failed",
                    result.id,
                    result.task_path,
                    len(result.worker_ids),
                )
    for result in finished:
        try:
            task_result = result.task_result
        except (ImportError, ValueError):
            continue
        task_finished.send(
            sender=type(task_result.task.get_backend()), task_result=task_result
        )
    return recovered


def was_lost(task_result) -> bool:  # type: ignore[no-untyped-def]
    """Whether a finished task failed because its worker died (`WorkerLost`)."""
    return task_result.status == TaskResultStatus.FAILED and any(
        error.exception_class_path.endswith(".WorkerLost")
        for error in task_result.errors
    )


class _Run:
    """One `loften worker` process: its threads, heartbeat and stopping."""

    def __init__(self, *, interval: float, batch: bool, import_threads: int) -> None:
        self.worker_id = get_random_string(24)
        self.stopping = threading.Event()
        self.failed: list[str] = []
        backend = "default"
        common = {
            "interval": interval,
            "batch": batch,
            "backend_name": backend,
            "startup_delay": not batch,
            "max_tasks": None,
            "excluded_queue_names": [],
        }
        self.workers = [
            Worker(
                queue_names=["default"], worker_id=f"{self.worker_id}/default", **common
            ),
            *(
                Worker(
                    queue_names=["imports"],
                    worker_id=f"{self.worker_id}/imports-{number}",
                    **common,
                )
                for number in range(1, import_threads + 1)
            ),
        ]

    def _thread(self, worker: Worker) -> None:
        try:
            worker.run()
        except Exception:
            logger.exception("Worker thread %s failed", worker.worker_id)
            self.failed.append(worker.worker_id)
            self.stop()
        finally:
            connections.close_all()

    def stop(self, *_args) -> None:  # type: ignore[no-untyped-def]
        if self.stopping.is_set() and _args:
            logger.warning("Stopping at once, without finishing the running tasks")
            os._exit(1)
        self.stopping.set()
        for worker in self.workers:
            worker.running = False

    def run_batch(self) -> int:
        """Run the tasks queued now, one queue after the other in this thread
        (what tests and scheduled jobs want), then exit."""
        worker_register(worker_id=self.worker_id)
        try:
            tasks_recover()
            for worker in self.workers[:2]:  # one thread of imports is enough
                worker.run()
                worker_beat(worker_id=self.worker_id)
        finally:
            worker_unregister(worker_id=self.worker_id)
        return 0

    def run(self) -> int:
        worker_register(worker_id=self.worker_id)
        try:
            recovered = tasks_recover()
            if recovered.requeued or recovered.failed:
                logger.info(
                    "Found %s task(s) of stopped workers: %s queued again, %s failed",
                    len(recovered.requeued) + len(recovered.failed),
                    len(recovered.requeued),
                    len(recovered.failed),
                )
            threads = [
                threading.Thread(
                    target=self._thread, args=(worker,), name=worker.worker_id
                )
                for worker in self.workers
            ]
            for thread in threads:
                thread.daemon = True
                thread.start()
            logger.info(
                "Worker %s (pid %s) runs the default queue and %s import thread(s)",
                self.worker_id,
                os.getpid(),
                len(self.workers) - 1,
            )
            self._watch(threads)
        finally:
            try:
                worker_unregister(worker_id=self.worker_id)
            finally:
                connections.close_all()
        return 1 if self.failed else 0

    def _watch(self, threads: list[threading.Thread]) -> None:
        last_beat = last_recover = time.monotonic()
        while any(thread.is_alive() for thread in threads):
            if self.stopping.wait(0.2):
                for thread in threads:
                    thread.join()
                return
            if time.monotonic() - last_beat < HEARTBEAT_SECONDS:
                continue
            close_old_connections()
            try:
                worker_beat(worker_id=self.worker_id)
                last_beat = time.monotonic()
                if last_beat - last_recover >= RECOVER_SECONDS:
                    tasks_recover()
                    last_recover = time.monotonic()
            except OperationalError:
                # A busy SQLite database; the next beat comes soon.
                logger.warning("Could not write the worker's heartbeat", exc_info=True)


def run_worker(*, interval: float, batch: bool, import_threads: int) -> int:
    """Run the worker until it is stopped (SIGTERM or Ctrl-C: the running tasks
    finish first; a second signal stops at once), or, with `batch`, until the
    queues are empty. Returns the exit status."""
    run = _Run(interval=interval, batch=batch, import_threads=import_threads)
    if batch:
        return run.run_batch()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, run.stop)
    return run.run()
