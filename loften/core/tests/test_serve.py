"""`loften serve` (what `make run` uses) runs the server and the worker together
and leaves neither behind."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from loften import cli

REPOSITORY = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.processes


@pytest.fixture
def migrated_var_dir(tmp_path):
    environment = _environment(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "loften.cli", "migrate", "--no-input", "-v", "0"],
        cwd=REPOSITORY,
        env=environment,
        check=True,
        timeout=300,
    )
    return tmp_path


def _environment(var_dir: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "LOFTEN_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings", LOFTEN_VAR_DIR=str(var_dir)
    )
    return environment


def _serve(var_dir: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "loften.cli", "serve", f"127.0.0.1:{port}"],
        cwd=REPOSITORY,
        env=_environment(var_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _worker_group(serve: subprocess.Popen) -> int:
    """The worker's process group, from the line `loften serve` prints."""
    seen = []
    for line in serve.stdout:
        seen.append(line)
        match = re.search(
            r"background worker runs beside the server \(pid (\d+)\)", line
        )
        if match:
            return int(match.group(1))
    pytest.fail("".join(seen))


def _gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ctrl_c_stops_the_server_and_the_worker(migrated_var_dir):
    port = _free_port()
    serve = _serve(migrated_var_dir, port)
    try:
        worker = _worker_group(serve)
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(1)
        assert not _gone(worker)
        serve.send_signal(signal.SIGINT)
        output, _ = serve.communicate(timeout=60)
    finally:
        serve.kill()
    assert serve.returncode == 0, output
    assert "the background worker has stopped" in output
    # The daily reminders ran once at start, as cron runs them in production.
    assert re.search(r"\d+ reminder\(s\) and \d+ digest\(s\) sent for", output)
    assert _gone(worker)


def test_the_worker_stops_when_the_server_cannot_start(migrated_var_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        serve = _serve(migrated_var_dir, taken.getsockname()[1])
        try:
            worker = _worker_group(serve)
            output, _ = serve.communicate(timeout=120)
        finally:
            serve.kill()
    assert serve.returncode != 0
    assert "That port is already in use" in output
    assert _gone(worker)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], "http://127.0.0.1:8000"),
        (["8001"], "http://127.0.0.1:8001"),
        (["127.0.0.1:8042"], "http://127.0.0.1:8042"),
        (["0.0.0.0:9000"], "http://127.0.0.1:9000"),
        (["--noreload", "localhost:8080"], "http://localhost:8080"),
        (["[::1]:8003"], "http://[::1]:8003"),
    ],
)
def test_the_site_names_the_port_it_is_served_on(arguments, expected):
    assert cli.site_url_for(arguments) == expected
