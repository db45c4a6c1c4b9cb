"""`loften serve` starts a worker that stopped on its own again, and stops the
server with a clear sentence when the worker keeps stopping."""

import os
import re
import signal

import pytest

from loften.testing.processes import (
    SharedDatabase,
    environment,
    free_port,
    python_command,
    running,
    wait_for_http,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.processes]
STARTED = re.compile(r"background worker runs beside the server \(pid (\d+)\)")


def _next_worker(serve, seen: list[str]) -> int:
    for line in serve.stdout:
        seen.append(line)
        match = STARTED.search(line)
        if match:
            return int(match.group(1))
    pytest.fail("".join(seen))


def _serve(tmp_path):
    port = free_port()
    command = python_command("-m", "loften.cli", "serve", f"127.0.0.1:{port}")
    return port, running(command, environment(SharedDatabase(tmp_path)))


def test_a_worker_that_dies_is_started_again(tmp_path):
    port, serving = _serve(tmp_path)
    seen: list[str] = []
    with serving as serve:
        first = _next_worker(serve, seen)
        wait_for_http(f"http://127.0.0.1:{port}/", process=serve)
        os.killpg(first, signal.SIGKILL)
        second = _next_worker(serve, seen)
        assert second != first
        assert any(
            "the background worker stopped (status -9); starting it again" in line
            for line in seen
        ), "".join(seen)
        serve.send_signal(signal.SIGINT)
        output, _ = serve.communicate(timeout=60)
    assert serve.returncode == 0, output
    assert "the background worker has stopped" in output


def test_a_worker_that_keeps_dying_stops_the_server_with_a_sentence(tmp_path):
    _port, serving = _serve(tmp_path)
    seen: list[str] = []
    with serving as serve:
        for _ in range(6):
            os.killpg(_next_worker(serve, seen), signal.SIGKILL)
        output, _ = serve.communicate(timeout=60)
    assert serve.returncode == 1
    assert (
        "loften: the background worker stopped 6 times within a minute "
        "(last with status -9), so the server is stopped too; run `loften worker` "
        "to see why." in output
    ), "".join(seen) + output
