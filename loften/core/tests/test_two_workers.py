"""Several background workers on one queue: every task runs exactly once."""

from collections import Counter

import pytest

from loften.testing.processes import (
    SharedDatabase,
    environment,
    python_command,
    running,
)
from loften.testing.tasks import note_run

# Starts two `loften worker` processes: left out of `make test`, run by CI.
pytestmark = [pytest.mark.processes, pytest.mark.django_db(transaction=True)]

TASKS = 40
DONE = (
    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
    "WHERE status = 'SUCCESSFUL'"
)


def _worker(database: SharedDatabase):
    return running(
        python_command(
            "-m", "loften.cli", "worker", "--no-reload", "--interval", "0.1"
        ),
        environment(database),
    )


def test_two_workers_on_one_queue_run_each_task_once(tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    for key in range(TASKS):
        note_run.enqueue(str(runs), key)
    database = SharedDatabase(tmp_path)
    with _worker(database) as first, _worker(database) as second:
        database.wait_for(DONE, check=lambda row: row[0] == TASKS, seconds=180)
        pids = {first.pid, second.pid}
    lines = (runs / "runs.txt").read_text().split()
    keys = Counter(int(key) for key in lines[::2])
    assert keys == Counter(range(TASKS)), "every task ran, and none twice"
    # Both workers took a share of the queue (a task takes a quarter second).
    assert {int(pid) for pid in lines[1::2]} == pids
