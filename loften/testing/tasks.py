"""A task for tests of the worker as a process: it notes each run in a file."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def note_run(folder: str, key: int) -> int:
    """Append "<key> <process id>" to <folder>/runs.txt; take a moment, as real
    work does, so that several workers compete for the queue."""
    time.sleep(0.25)
    line = f"{key} {os.getpid()}\n".encode()
    descriptor = os.open(
        Path(folder) / "runs.txt", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
    )
    try:
        os.write(descriptor, line)  # one write with O_APPEND: lines never mix
    finally:
        os.close(descriptor)
    return key
