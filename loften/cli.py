"""The `loften` command: Django's management commands with clear configuration errors.

`loften migrate`, `loften runserver`, `loften import …` and every other management
command run through here. Configuration mistakes (a bad DATABASE_URL, a missing
secret in production, a database that cannot be reached) end with one sentence
on standard error, not a traceback.

`loften serve [ADDRESS]` is the one command that is not Django's: the development
server and the background worker together, stopped together (`make run`). A
worker that stops on its own is started again; one that keeps stopping stops
the server too, with a sentence saying so. It also runs `loften send_reminders`
once at start and then daily, as cron does in production.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# Commands that use the database from a thread or a child process, where an
# error would surface as a traceback: the connection is tried first.
CHECK_DATABASE_FIRST = {"runserver", "worker", "serve"}
# Seconds the worker has to finish its task when the server stops.
WORKER_STOP_SECONDS = 10
# A worker that stops this many times within a minute is not started again.
WORKER_RESTARTS_PER_MINUTE = 5
# `loften serve` runs the daily reminders at start and then this often, as
# cron or a systemd timer does in production (docs/operations.md).
REMINDERS_EVERY_SECONDS = 24 * 60 * 60


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "loften"
    try:
        from django.conf import settings
        from django.core.management import execute_from_command_line
        from django.db.utils import OperationalError

        _make_var_dir(settings)
        try:
            if len(argv) > 1 and argv[1] in CHECK_DATABASE_FIRST:
                _connect()
            if len(argv) > 1 and argv[1] == "serve":
                sys.exit(serve(argv[2:]))
            execute_from_command_line(argv)
        except OperationalError as error:
            sys.exit(f"loften: cannot use the database: {_first_line(error)}")
    except ImproperlyConfigured as error:
        sys.exit(f"loften: configuration error: {_first_line(error)}")


def _make_var_dir(settings) -> None:
    """Create the folder of the default SQLite database, which a fresh clone lacks."""
    # Reading a setting loads the settings module, so its errors surface here.
    folder = Path(settings.VAR_DIR)
    if os.environ.get("DATABASE_URL"):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(
            f"cannot create LOFTEN_VAR_DIR {folder}: {error.strerror or error}."
        ) from None


def _connect() -> None:
    """Open and close a connection, so an unreachable database is reported before
    the command starts its threads."""
    from django.db import connection

    connection.ensure_connection()
    connection.close()


def site_url_for(arguments: list[str], default_port: str = "8000") -> str:
    """The address the pages name for `runserver`'s arguments ("8001",
    "127.0.0.1:8001", "0.0.0.0:8000"), so that printed pages, /data/README.txt
    and data.json name the port actually served. Pure."""
    address = next((a for a in arguments if not a.startswith("-")), "")
    host, _colon, port = address.rpartition(":")
    if not _colon:
        host, port = "", address
    if not port.isdigit():
        port = default_port
    host = host.strip("[]")
    if host in {"", "0.0.0.0", "::", "0"}:  # noqa: S104 - names, not a bind
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def serve(arguments: list[str]) -> int:
    """Run `runserver` (with `arguments`, e.g. 127.0.0.1:8000) and `worker` side
    by side until the server stops, then stop the worker. Ctrl-C or SIGTERM
    stops both (status 0); otherwise the status is the server's."""
    if any(a in {"-h", "--help"} for a in arguments):
        print("usage: loften serve [ADDRESS]  (runserver and worker together)")
        return 0
    # Each child gets a process group of its own, so that exactly one signal
    # reaches it, and the autoreloaders' child processes go with their parents.
    environment = dict(os.environ)
    # Unless it is set, the site names the address it is served on.
    environment.setdefault("SITE_URL", site_url_for(arguments))
    started = {
        "stdin": subprocess.DEVNULL,
        "start_new_session": True,
        "env": environment,
    }
    print(f"loften: pages name {environment['SITE_URL']}", flush=True)
    command = [sys.executable, "-m", "loften.cli"]

    def start_worker() -> subprocess.Popen:
        worker = subprocess.Popen([*command, "worker"], **started)  # noqa: S603
        print(
            f"loften: the background worker runs beside the server (pid {worker.pid})",
            flush=True,
        )
        return worker

    worker = start_worker()
    reminders: subprocess.Popen | None = None
    reminders_due = time.monotonic()
    server = subprocess.Popen(  # noqa: S603
        [*command, "runserver", "--skip-checks", *arguments], **started
    )

    stopped: list[int] = []

    # SIGTERM, not SIGINT: a child started from a background job ignores SIGINT.
    def stop(signum, _frame):
        stopped.append(signum)
        _signal_group(server, signal.SIGTERM)

    previous = {
        signum: signal.signal(signum, stop)
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    restarts: list[float] = []
    try:
        while True:
            try:
                status = server.wait(timeout=1)
                break
            except subprocess.TimeoutExpired:
                pass
            if reminders is not None and reminders.poll() is not None:
                reminders = None
            if reminders is None and time.monotonic() >= reminders_due and not stopped:
                reminders = subprocess.Popen(  # noqa: S603
                    [*command, "send_reminders"], **started
                )
                reminders_due = time.monotonic() + REMINDERS_EVERY_SECONDS
            code = worker.poll()
            if code is None or stopped:
                continue
            # The worker stopped while the server runs: start it again, unless
            # it keeps stopping.
            now = time.monotonic()
            restarts = [moment for moment in restarts if now - moment < 60]
            _signal_group(worker, signal.SIGKILL)  # what is left of its group
            if len(restarts) >= WORKER_RESTARTS_PER_MINUTE:
                print(
                    f"loften: the background worker stopped {len(restarts) + 1} "
                    f"times within a minute (last with status {code}), so the "
                    "server is stopped too; run `loften worker` to see why.",
                    file=sys.stderr,
                    flush=True,
                )
                _signal_group(server, signal.SIGTERM)
                server.wait()
                return 1
            restarts.append(now)
            print(
                f"loften: the background worker stopped (status {code}); "
                "starting it again",
                flush=True,
            )
            worker = start_worker()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if server.poll() is None:
            _signal_group(server, signal.SIGTERM)
            server.wait()
        if reminders is not None:
            # A run is short and idempotent: let it finish, within bounds.
            try:
                reminders.wait(timeout=WORKER_STOP_SECONDS * 6)
            except subprocess.TimeoutExpired:
                _signal_group(reminders, signal.SIGKILL)
                reminders.wait()
        _stop_worker(worker)
    return 0 if stopped else status


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone, with its children
        os.killpg(process.pid, signum)


def _stop_worker(worker: subprocess.Popen) -> None:
    """Ask the worker (and its autoreloader's child) to stop after the current
    task; kill what is left after WORKER_STOP_SECONDS."""
    _signal_group(worker, signal.SIGTERM)
    deadline = time.monotonic() + WORKER_STOP_SECONDS
    while time.monotonic() < deadline:
        worker.poll()  # reap the parent, so only live members keep the group
        try:
            os.killpg(worker.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        _signal_group(worker, signal.SIGKILL)
    worker.wait()
    print("loften: the background worker has stopped", flush=True)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]


if __name__ == "__main__":
    main()
