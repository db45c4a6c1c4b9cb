"""Reading an uploaded document in a child process, under one time limit and one
memory limit.

The worker never reads a document itself: `read_in_child` hands the bytes to a
fresh child process, which reads and parses them and answers with the result.
The children are forked by a server process that has already loaded the
settings, the translations and the readers (Python's `forkserver`, started on
the first import and kept beside the worker), so a child starts in a few
milliseconds instead of loading Python and its libraries for every document.
The server is forked from nothing but a fresh Python: no database connection,
thread or open request of the worker goes into a child. Each child

- limits its own memory (RLIMIT_AS, `IMPORT_MEMORY_MB` of address space) and
  CPU time, so a document that unpacks to far more than it looks (a "zip bomb"
  of tiny paragraphs) fails with a message instead of taking the machine's
  memory;
- stops itself when reading and parsing together pass `IMPORT_PARSE_SECONDS`;
  the worker kills it if it has not answered a few seconds later (a reader
  stuck inside a library call);
- runs in a session of its own, so a signal to the worker's group (Ctrl-C,
  `loften serve` stopping) lets the worker end the task, and exits when the
  worker is gone.

Whatever the child used is given back to the system when it exits, so the
worker's own memory stays as it was. The worker itself runs imports on a queue
of their own, beside reports (see `loften/core/worker.py`).
"""

import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
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
    started = time.monotonic()
    try:
        answer, exitcode = _run_child(
            header, data, timeout=seconds + KILL_GRACE_SECONDS + STARTUP_SECONDS
        )
    except TimeoutError:
        logger.warning("Reading %s was killed after %.0f s", filename, seconds)
        raise read_errors.too_slow(seconds) from None
    elapsed = time.monotonic() - started
    if answer is not None and "error" in answer:
        error = answer["error"]
        raise ReadError(error["code"], error["message"])
    if answer is not None and "document" in answer:
        return answer["document"]
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        # Killed by the system for its memory, or crashed in a library under
        # the memory limit.
        logger.warning(
            "Reading %s ended with signal %s after %.1f s",
            filename,
            -exitcode,
            elapsed,
        )
        raise read_errors.too_much_memory(settings.IMPORT_MEMORY_MB)
    if exitcode == -signal.SIGXCPU:
        raise read_errors.too_slow(seconds)
    fault = (answer or {}).get("fault", "")
    raise RuntimeError(
        f"the reader of {filename} stopped with status {exitcode}: {fault[-2000:]}"
    )


# The modules the server loads once for every child: the settings, the
# translations and the readers (`reading_setup`), and this module.
_PRELOAD = ["loften.imports.reading_setup", "loften.imports.reading"]
_forkserver_lock = threading.Lock()
_forkserver: multiprocessing.context.BaseContext | None = None


def _context() -> multiprocessing.context.BaseContext:
    global _forkserver
    with _forkserver_lock:
        if _forkserver is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            _forkserver = context
        return _forkserver


def _run_child(
    header: dict[str, Any], data: bytes, *, timeout: float
) -> tuple[dict[str, Any] | None, int | None]:
    """Run `_child` in a process of its own; its answer (None if it gave none)
    and its exit code. Raises TimeoutError, after killing it, when it has not
    answered within `timeout` seconds."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, header, data), daemon=True
    )
    child.start()
    sender.close()  # the child holds the only sending end: its exit ends the pipe
    try:
        if not receiver.poll(timeout):
            raise TimeoutError
        try:
            answer = receiver.recv()
        except EOFError:
            answer = None  # it ended without an answer
        child.join(KILL_GRACE_SECONDS)
        return answer, child.exitcode
    finally:
        receiver.close()
        if child.exitcode is None:
            child.kill()  # too slow, or stuck after its answer
            child.join()
        child.close()


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
    # The parent is the server that forked the child; it ends with the worker.
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


def _child(sender, header: dict[str, Any], data: bytes) -> None:  # type: ignore[no-untyped-def]
    """The child: read and parse `data` under the limits in `header`, and send
    the answer to the worker."""
    os.setsid()
    _exit_with_parent()
    _limit_memory(header["memory_mb"])
    _limit_time(header["seconds"])
    try:
        answer = _read(header, data)
    except _TimeUp:
        # The time ran out after the reading, while its result was made.
        error = read_errors.too_slow(header["seconds"])
        answer = {"error": {"code": error.code, "message": error.message}}
    except MemoryError:
        error = read_errors.too_much_memory(header["memory_mb"])
        answer = {"error": {"code": error.code, "message": error.message}}
    except Exception:
        answer = {"fault": traceback.format_exc()}
    finally:
        signal.alarm(0)
    del data
    sender.send(answer)
    sender.close()
