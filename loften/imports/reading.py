"""Reading an uploaded document in a child process, under one time limit and one
memory limit.

The worker never reads a document itself: `read_in_child` hands the bytes to a
fresh Python process (`python -m loften.imports.reading`), which reads and
parses them and answers with the result as JSON. The child

- limits its own memory (RLIMIT_AS, `IMPORT_MEMORY_MB` of address space) and
  CPU time, so a document that unpacks to far more than it looks (a "zip bomb"
  of tiny paragraphs) fails with a message instead of taking the machine's
  memory;
- stops itself when reading and parsing together pass `IMPORT_PARSE_SECONDS`;
  the worker kills it if it has not answered a few seconds later (a reader
  stuck inside a library call);
- exits when the worker is gone.

Whatever the child used is given back to the system when it exits, so the
worker's own memory stays as it was. The worker itself runs imports on a queue
of their own, beside reports (see `loften/core/worker.py`).
"""

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from django.conf import settings

from .parsing import MunicipalityRef, ReadError
from .parsing import errors as read_errors

logger = logging.getLogger(__name__)

# How long after the limit the worker waits for the child to stop by itself
# before killing it, and how long the child may take to start.
KILL_GRACE_SECONDS = 10
STARTUP_SECONDS = 30


def read_in_child(
    data: bytes,
    *,
    filename: str,
    municipalities: Sequence[MunicipalityRef],
    source_url: str = "",
) -> dict[str, Any]:
    """Read and parse `data` in a child process; returns {"file_type", "result",
    "blocks"} (the parse result and the blocks as stored on an import).
    `source_url` is the address the document was published at, if known.

    Raises ReadError for a document that cannot be read, is too slow or needs
    too much memory; RuntimeError for a fault of the child itself.
    """
    seconds = settings.IMPORT_PARSE_SECONDS
    header = {
        "filename": filename,
        "source_url": source_url,
        "max_bytes": settings.IMPORT_MAX_BYTES,
        "seconds": seconds,
        "memory_mb": settings.IMPORT_MEMORY_MB,
        "municipalities": [[ref.code, ref.name] for ref in municipalities],
    }
    payload = json.dumps(header).encode() + b"\n" + data
    command = [sys.executable, "-m", "loften.imports.reading"]
    started = time.monotonic()
    try:
        finished = subprocess.run(  # noqa: S603 (our own module)
            command,
            input=payload,
            capture_output=True,
            timeout=seconds + KILL_GRACE_SECONDS + STARTUP_SECONDS,
            check=False,
            # Its own session: a signal to the worker's group (Ctrl-C, `loften
            # serve` stopping) lets the worker end the task; the child notices
            # the worker is gone and exits by itself.
            start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        logger.warning("Reading %s was killed after %.0f s", filename, seconds)
        raise read_errors.too_slow(seconds) from None
    elapsed = time.monotonic() - started
    answer = _answer(finished.stdout)
    if answer is not None and "error" in answer:
        error = answer["error"]
        raise ReadError(error["code"], error["message"])
    if answer is not None and "document" in answer:
        return answer["document"]
    if finished.returncode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        # Killed by the system for its memory, or crashed in a library under
        # the memory limit.
        logger.warning(
            "Reading %s ended with signal %s after %.1f s",
            filename,
            -finished.returncode,
            elapsed,
        )
        raise read_errors.too_much_memory(settings.IMPORT_MEMORY_MB)
    if finished.returncode == -signal.SIGXCPU:
        raise read_errors.too_slow(seconds)
    raise RuntimeError(
        f"the reader of {filename} stopped with status {finished.returncode}: "
        + finished.stderr.decode(errors="replace")[-2000:]
    )


def _answer(output: bytes) -> dict[str, Any] | None:
    try:
        answer = json.loads(output.decode() or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return answer if isinstance(answer, dict) else None


# --- The child -----------------------------------------------------------------------


class _TimeUp(BaseException):
    """The time limit passed. Not an Exception, so that no reader's own
    `except Exception` takes it for a damaged file."""


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _limit_time(seconds: int) -> None:
    def time_up(_signum, _frame):
        raise _TimeUp

    signal.signal(signal.SIGALRM, time_up)
    signal.alarm(max(1, seconds))
    # CPU seconds as a last resort, for a reader that never returns to Python.
    cpu = seconds + KILL_GRACE_SECONDS
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        cpu = min(cpu, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))


def _exit_with_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def blocks_as_data(blocks) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Blocks as stored on an import (`ImportJob.source_blocks`)."""
    return [
        {
            "kind": block.kind,
            "text": block.text,
            "cells": list(block.cells),
            "level": block.level,
            "line": block.line,
        }
        for block in blocks
    ]


def _read(header: dict[str, Any], data: bytes) -> dict[str, Any]:
    from .parsing import read_and_parse

    seconds = header["seconds"]
    try:
        parsed = read_and_parse(
            data,
            filename=header["filename"],
            municipalities=[
                MunicipalityRef(code=code, name=name)
                for code, name in header["municipalities"]
            ],
            max_bytes=header["max_bytes"],
            time_limit=seconds,
            source_url=header.get("source_url") or None,
        )
    except ReadError as error:
        return {"error": {"code": error.code, "message": error.message}}
    except _TimeUp:
        error = read_errors.too_slow(seconds)
        return {"error": {"code": error.code, "message": error.message}}
    except MemoryError:
        error = read_errors.too_much_memory(header["memory_mb"])
        return {"error": {"code": error.code, "message": error.message}}
    return {
        "document": {
            "file_type": parsed.file_type,
            "result": parsed.result.to_dict(),
            "blocks": blocks_as_data(parsed.blocks),
        }
    }


def _setup_for_reading() -> None:
    """What the parser needs of Django, and no more: the settings, and the
    translations of this app and of Django itself. The parser is pure, so the
    child loads no models and no other app: it starts in less than half the
    time."""
    from pathlib import Path

    from django.apps import apps
    from django.utils.log import configure_logging

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    settings.LOCALE_PATHS = [
        *settings.LOCALE_PATHS,
        str(Path(__file__).resolve().parent / "locale"),
    ]
    apps.populate([])


def main() -> None:
    """The child: read the header line and the document from standard input,
    write the answer as JSON to standard output."""
    _setup_for_reading()
    # Everything the readers need is loaded before the limits start counting.
    from .parsing import read_and_parse  # noqa: F401
    from .parsing.readers import docx_reader, pdf_reader  # noqa: F401

    _exit_with_parent()
    stream = sys.stdin.buffer
    header = json.loads(stream.readline())
    data = stream.read()
    _limit_memory(header["memory_mb"])
    _limit_time(header["seconds"])
    try:
        answer = _read(header, data)
    except _TimeUp:
        # The time ran out after the reading, while its result was written.
        error = read_errors.too_slow(header["seconds"])
        answer = {"error": {"code": error.code, "message": error.message}}
    except MemoryError:
        error = read_errors.too_much_memory(header["memory_mb"])
        answer = {"error": {"code": error.code, "message": error.message}}
    finally:
        signal.alarm(0)
    del data
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
