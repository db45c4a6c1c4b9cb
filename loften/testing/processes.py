"""Running Löften's own processes (gunicorn, the worker) against the test
database, for tests that must cross process boundaries.

With PostgreSQL the processes use the test database itself; the test must
commit what they should see (`transactional_db`). With SQLite, whose test
database lives in the test's memory, the database is copied to a file for
them, and `SharedDatabase.read_back` copies what they wrote back, so the test
can look at it with the ORM as usual.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

REPOSITORY = Path(__file__).resolve().parents[2]
# Variables of the test run that must not reach a child process.
_LEFT_OUT = {
    "DATABASE_URL",
    "LOFTEN_ENV",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REDIS_URL",
    "DATABASE_CACHE",
    "PYTEST_XDIST_WORKER",
    "PYTEST_CURRENT_TEST",
}


class SharedDatabase:
    """The test database as other processes reach it (see the module's text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file: Path | None = None
        params = connection.settings_dict
        if connection.vendor == "sqlite":
            self.file = folder / "shared.sqlite3"
            self.url = f"sqlite:///{self.file}"
            self._copy(connection_to_file=True)
        else:
            user = params.get("USER") or ""
            password = params.get("PASSWORD") or ""
            login = f"{user}:{password}@" if password else f"{user}@" if user else ""
            host = params.get("HOST") or "127.0.0.1"
            port = params.get("PORT") or 5432
            self.url = f"postgres://{login}{host}:{port}/{params['NAME']}"

    def _copy(self, *, connection_to_file: bool) -> None:
        connection.ensure_connection()
        memory = connection.connection
        on_disk = sqlite3.connect(self.file)
        try:
            if connection_to_file:
                memory.backup(on_disk)
            else:
                on_disk.backup(memory)
        finally:
            on_disk.close()

    def fetch_one(self, sql: str, *params: object) -> tuple | None:
        """One row of what the other processes wrote, read now (placeholders
        are %s)."""
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchone()
        reader = sqlite3.connect(self.file, timeout=10)
        try:
            return reader.execute(sql.replace("%s", "?"), params).fetchone()
        finally:
            reader.close()

    def wait_for(
        self, sql: str, *params: object, seconds: float = 60, check=None
    ) -> tuple:
        """Wait until `sql` finds a row (for which `check(row)` holds, if
        given); returns it."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            row = self.fetch_one(sql, *params)
            if row is not None and (check is None or check(row)):
                return row
            time.sleep(0.1)
        raise AssertionError(f"nothing found in {seconds} s by {sql} {params}")

    def read_back(self) -> None:
        """Make what the other processes wrote visible to the test's ORM."""
        if self.file is not None:
            self._copy(connection_to_file=False)


def environment(database: SharedDatabase, **extra: str) -> dict[str, str]:
    """The environment for a Löften process using `database`."""
    values = {k: v for k, v in os.environ.items() if k not in _LEFT_OUT}
    values.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database.url,
        LOFTEN_VAR_DIR=str(database.folder),
        # The files the test stored are where the process looks for them.
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    values.update(extra)
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, *, process: subprocess.Popen, seconds: float = 60) -> None:
    """Wait until `url` answers at all (any status), or fail with the output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {_output(process)}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (a local test)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


def _output(process: subprocess.Popen) -> str:
    if process.stdout is None:
        return ""
    try:
        out, _ = process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        return ""
    return out or ""


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """Run `command` (a Löften process) for the length of the block, in its own
    process group, and stop it and its children afterwards."""
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        command,
        cwd=REPOSITORY,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield process
    except BaseException:
        _stop(process)
        if process.stdout is not None and not process.stdout.closed:
            print(process.stdout.read()[-5000:])  # shown with the failure
        raise
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    import signal

    for signum, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]
