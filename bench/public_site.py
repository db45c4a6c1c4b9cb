"""How fast the public pages are: cold (built from the database) and cached.

Builds published promises through the services in a fresh test database (SQLite
in memory, or PostgreSQL when DATABASE_URL is set), then times the pages with
Django's test client and writes the result into docs/benchmarks.md.

    .venv/bin/python -m bench.public_site [--promises 50] [--rounds 20]
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from bench._common import cpu_model, markers, write_section

ROOT = Path(__file__).resolve().parent.parent
MARKER = "public_site"


def _time(client, url, rounds, *, cold):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    client.get(url)  # warm the code paths and, for "cached", the cache
    for _ in range(rounds):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
        queries = len(captured)
    return statistics.median(timings), max(timings), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--promises", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from loften.geography.models import Municipality
        from loften.testing.public import published_promise

        start = time.perf_counter()
        big = published_promise(activities=40, periods=4, indicators=3)
        places = list(Municipality.objects.exclude(code="0682").order_by("code"))
        for place in places[: args.promises - 1]:
            published_promise(activities=8, periods=2, municipality=place)
        built = time.perf_counter() - start

        client = Client()
        pages = [
            ("Promise page, 40 activities × 4 periods", f"/lofte/{big.promise.slug}/"),
            ("Earlier version of it", f"/lofte/{big.promise.slug}/version/3/"),
            ("Municipality page", "/kommun/nässjö/"),
            ("National overview", "/oversikt/?ar=2026"),
            ("Promise list, 2026", "/loften/?ar=2026"),
            ("Start page", "/"),
            ("Search: trygghetsvandring", "/sok/?q=trygghetsvandring"),
            ("Search with filters", "/sok/?q=trygghet&ar=2026&ansvarig=polisen"),
            ("Atom feed", "/flode/"),
            ("Sitemap", "/sitemap.xml"),
        ]
        rows = []
        for name, url in pages:
            cold = _time(client, url, args.rounds, cold=True)
            warm = _time(client, url, args.rounds, cold=False)
            rows.append(
                f"| {name} | {cold[0]:.1f} | {cold[1]:.1f} | {cold[2]} "
                f"| {warm[0]:.1f} | {warm[2]} |"
            )
        vendor = connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    command = "python -m bench.public_site " + " ".join(sys.argv[1:])
    database = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    today = datetime.datetime.now(tz=datetime.UTC).date()
    name = MARKER if vendor == "sqlite" else f"{MARKER}-{vendor}"
    start, end = markers(name)
    report = "\n".join(
        [
            start,
            f"## Public pages ({database})",
            "",
            f"Measured {today:%Y-%m-%d} on {platform.platform()}, "
            f"{cpu_model()}, Python {platform.python_version()}, database: {vendor}. "
            f"Command: `{command.strip()}`"
            + (" with `DATABASE_URL` set" if vendor == "postgresql" else "")
            + ".",
            "",
            f"{args.promises} published promises (one with 40 activities followed "
            f"up in 4 periods, the others with 8 activities and 2 periods), built "
            f"through the services in {built:.0f} s. Times are server-side "
            f"milliseconds through Django's test client, median and worst of "
            f"{args.rounds} requests; *cold* clears the cache before each request. "
            "The machine was shared with other work, so worst times vary.",
            "",
            "| page | cold median ms | cold max ms | cold queries "
            "| cached median ms | cached queries |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            end,
        ]
    )
    write_section(name, report)
    print(report)


if __name__ == "__main__":
    main()
