"""CPU time of one hit of the page cache, for a small page and a large one: the
WSGI application that gunicorn serves (config/wsgi.py) called in-process, in
production mode with Redis as the shared cache, without gunicorn and wrk, so
that the figure is the process's own work (`time.process_time`). Other load on
the machine still slows it (up to twice on a busy one): compare runs made in
turns, or count instructions, which load does not change, with callgrind over
two numbers of hits (the difference over the difference of hits):

    valgrind --tool=callgrind .venv/bin/python -m bench.page_cache_hit \
        --sizes 200 --local kept --hits 300   # and again with --hits 1300

    .venv/bin/python -m bench.page_cache_hit [--hits 3000] [--sizes 5,50,200]
        [--local kept,off] [--redis redis://127.0.0.1:6379/5]

The pages are made for the benchmark (a view marked `@public_page` answering
SIZE kB of HTML), so no database is needed; every header Django's middleware
gives a page is stored with them. Without --redis it starts a redis-server of its
own, and then also reports the Redis server's CPU and the bytes it sent per hit.
Each size is measured with the page kept in the process
(PUBLIC_PAGE_CACHE_LOCAL_BYTES as set) and with that copy off (0), where every
hit reads the page from Redis. It writes nothing to docs/benchmarks.md: it is for
comparing a change, before and after.
"""

import argparse
import io
import os
import secrets
import statistics
import sys
import tempfile
import time
import types
from contextlib import nullcontext
from pathlib import Path

from bench.http_bench import _redis

HOST = "127.0.0.1"


def _environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "8000",
        "HTTP_HOST": HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "bench",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def _call(application, path: str) -> tuple[str, dict, int]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = dict(headers)

    result = application(_environ(path), start_response)
    size = sum(len(chunk) for chunk in result)
    if hasattr(result, "close"):
        result.close()
    return answer["status"], answer["headers"], size


def _urls(sizes: list[int]) -> types.ModuleType:
    """A URLconf of one public page of each size (in kB)."""
    from django.http import HttpResponse
    from django.urls import path

    from loften.core.page_cache import public_page

    line = (
        "<p>Kommunen och polisen genomför trygghetsvandringar i centrum varje "
        "tertial, och redovisar vad som gjorts.</p>\n"
    )

    def page(size: int):
        body = ("<!doctype html>\n" + line * (size * 1024 // len(line) + 1)).encode()
        return public_page(lambda request: HttpResponse(body[: size * 1024]))

    urls = types.ModuleType("bench_page_cache_hit_urls")
    urls.urlpatterns = [path(f"sida-{size}/", page(size)) for size in sizes]  # type: ignore[attr-defined]
    return urls


def _redis_counters(client) -> tuple[float, int]:
    """The Redis server's CPU seconds and the bytes it has sent so far."""
    cpu = client.info("cpu")
    sent = client.info("stats")["total_net_output_bytes"]
    return cpu["used_cpu_user"] + cpu["used_cpu_sys"], sent


def _measure(application, path: str, hits: int, redis_client) -> dict[str, float]:
    status, headers, _ = _call(application, path)  # made, and stored
    status, headers, size = _call(application, path)
    if not status.startswith("200") or headers.get("X-Page-Cache") != "hit":
        raise RuntimeError(f"{path} is not a hit: {status} {headers}")
    for _ in range(200):  # warm
        _call(application, path)
    times = []
    if redis_client is not None:
        redis_cpu, redis_sent = _redis_counters(redis_client)
    for _ in range(hits):
        started = time.process_time_ns()
        _call(application, path)
        times.append((time.process_time_ns() - started) / 1000)
    found = {
        "size": size,
        "median": statistics.median(times),
        "mean": statistics.fmean(times),
    }
    if redis_client is not None:
        cpu, sent = _redis_counters(redis_client)
        found["redis_cpu"] = (cpu - redis_cpu) * 1e6 / hits
        # Less the two INFO answers themselves, which are a few kB.
        found["redis_sent"] = (sent - redis_sent) / hits
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hits", type=int, default=3000)
    parser.add_argument("--sizes", default="5,50,200", help="page sizes in kB")
    parser.add_argument("--redis", default="", help="a Redis to use instead")
    parser.add_argument(
        "--local", default="kept,off", help="with the local copy kept, off, or both"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="loften-page-cache-hit-") as folder:
        work = Path(folder)
        (work / "static").mkdir()  # WhiteNoise's folder, empty: no file is asked for
        own = nullcontext(args.redis) if args.redis else _redis(work)
        with own as redis_url:
            os.environ.update(
                DATABASE_URL=f"sqlite:///{work / 'unused.sqlite3'}",
                LOFTEN_VAR_DIR=str(work),
                LOFTEN_ENV="production",
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS=HOST,
                SECURE_SSL_REDIRECT="false",
                REDIS_URL=redis_url,
                CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
                LOG_LEVEL="WARNING",
                DJANGO_SETTINGS_MODULE="config.settings",
            )
            import redis
            from django.conf import settings
            from django.test.utils import override_settings

            # What gunicorn serves: Django behind the page cache's WSGI layer.
            from config.wsgi import application

            override_settings(ROOT_URLCONF=_urls(sizes)).enable()
            redis_client = None if args.redis else redis.Redis.from_url(redis_url)
            kept = getattr(settings, "PUBLIC_PAGE_CACHE_LOCAL_BYTES", None)
            print(
                f"CPU µs per hit of the WSGI application ({args.hits} hits each; "
                f"PUBLIC_PAGE_CACHE_LOCAL_BYTES={kept})"
            )
            for size in sizes:
                for local in args.local.split(","):
                    overrides = (
                        {"PUBLIC_PAGE_CACHE_LOCAL_BYTES": 0} if local == "off" else {}
                    )
                    with override_settings(**overrides):
                        found = _measure(
                            application, f"/sida-{size}/", args.hits, redis_client
                        )
                    line = (
                        f"  {size:4} kB page, local copy {local:4}: "
                        f"median {found['median']:7.1f}  mean {found['mean']:7.1f}"
                    )
                    if redis_client is not None:
                        line += (
                            f"   Redis CPU µs/hit {found['redis_cpu']:6.1f}"
                            f"  Redis bytes sent/hit {found['redis_sent']:9.0f}"
                        )
                    print(line, flush=True)


if __name__ == "__main__":
    main()
