"""CPU time per request of the public pages, in-process: the pages of
bench/http_bench.py sent through Django's WSGI handler in production mode with a
Redis of its own, without gunicorn and wrk, so that the figure is the
application's own work and does not depend on other load on the machine.

    .venv/bin/python -m bench.page_profile [--database URL] [--uncached]
        [--requests 500] [--only PATH] [--profile FILE]

The database must hold generated data (`loften generate_benchmark_data`); by
default it is the SQLite file bench/http_bench.py generates, and without one
there is nothing to measure (it says so and ends). It writes nothing to
docs/benchmarks.md: it is for comparing a change, before and after. With
the public cache on (the default) each page is asked for once to store it and
then REQUESTS times from the cache; with --uncached every request builds the
page (REQUESTS // 25 times, at least 5). --profile writes cProfile's statistics
of the last page measured (or of --only) to FILE.
"""

import argparse
import cProfile
import io
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench._common import ROOT
from bench.http_bench import BIN, _redis


def _environ(path: str) -> dict:
    parts = urllib.parse.urlsplit(path)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": urllib.parse.unquote(parts.path, encoding="latin-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def _call(application, path: str) -> tuple[str, dict, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = dict(headers)

    body = b"".join(application(_environ(path), start_response))
    return answer["status"], answer["headers"], body


def _pages(application, static_path: str) -> list[tuple[str, str]]:
    _, _, body = _call(application, "/api/v1/promises/?municipality=0682")
    rows = json.loads(body)
    rows = rows["results"] if isinstance(rows, dict) else rows
    latest = max(rows, key=lambda row: row["start_date"])
    slug = urllib.parse.quote(latest["slug"])
    return [
        ("static file (WhiteNoise)", static_path),
        ("/", "/"),
        ("municipality (ten years)", "/kommun/n%C3%A4ssj%C3%B6/"),
        ("promise", f"/lofte/{slug}/"),
        ("promise version 1", f"/lofte/{slug}/version/1/"),
        ("/oversikt/", "/oversikt/"),
        ("/flode/", "/flode/"),
        ("/sitemap.xml (index)", "/sitemap.xml"),
        ("sitemap section page", "/sitemap-versions.xml?p=2"),
        ("API list", "/api/v1/promises/?municipality=0682"),
        ("API detail", f"/api/v1/promises/{latest['id']}/"),
    ]


def _measure(
    application, path: str, requests: int, profiler=None
) -> tuple[list[float], list[float]]:
    """CPU and wall-clock µs of each request."""
    status, _, _ = _call(application, path)  # warm, and store
    if not status.startswith("200"):
        raise RuntimeError(f"{path}: {status}")
    times, walls = [], []
    if profiler:
        profiler.enable()
    for _ in range(requests):
        started, wall = time.process_time_ns(), time.perf_counter_ns()
        _call(application, path)
        times.append((time.process_time_ns() - started) / 1000)
        walls.append((time.perf_counter_ns() - wall) / 1000)
    if profiler:
        profiler.disable()
    return times, walls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'national-10.sqlite3'}",
    )
    parser.add_argument("--uncached", action="store_true")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    if args.database.startswith("sqlite:///"):
        path = Path(args.database.removeprefix("sqlite:///"))
        if not path.exists():
            print(f"No generated data at {path}: run bench.http_bench first.")
            return
    with tempfile.TemporaryDirectory(prefix="loften-page-profile-") as folder:
        work = Path(folder)
        with _redis(work) as redis_url:
            os.environ.update(
                DATABASE_URL=args.database,
                LOFTEN_VAR_DIR=str(work),
                LOFTEN_ENV="production",
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS="127.0.0.1",
                SECURE_SSL_REDIRECT="false",
                REDIS_URL=redis_url,
                API_THROTTLE_RATE="",
                LOG_LEVEL="WARNING",
                PUBLIC_CACHE="false" if args.uncached else "true",
                DJANGO_SETTINGS_MODULE="config.settings",
            )
            subprocess.run(  # noqa: S603
                [str(BIN / "loften"), "collectstatic", "--no-input", "-v", "0"],
                check=True,
                cwd=ROOT,
            )
            # What gunicorn serves: Django behind the page cache's WSGI layer.
            from config.wsgi import application

            manifest = json.loads((work / "static" / "staticfiles.json").read_text())
            static_path = "/static/" + manifest["paths"]["core/css/loften.css"]
            pages = _pages(application, static_path)
            if args.only:
                pages = [p for p in pages if p[1] == args.only or p[0] == args.only]
            requests = args.requests
            if args.uncached:
                requests = max(5, requests // 25)
            mode = "uncached" if args.uncached else "cached"
            print(
                f"CPU µs per request, and wall-clock µs with the database's time "
                f"({mode}, {requests} requests each)"
            )
            for index, (name, path) in enumerate(pages):
                last = index == len(pages) - 1
                profiler = cProfile.Profile() if args.profile and last else None
                # The static file is answered the same whatever the cache.
                count = args.requests if path == static_path else requests
                times, walls = _measure(application, path, count, profiler)
                print(
                    f"  {name:28} median {statistics.median(times):9.0f}"
                    f"  mean {statistics.fmean(times):9.0f}"
                    f"  p95 {sorted(times)[int(0.95 * (len(times) - 1))]:9.0f}"
                    f"  wall median {statistics.median(walls):9.0f}",
                    flush=True,
                )
                if profiler:
                    profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
