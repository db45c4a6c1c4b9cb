"""How long an editor waits for an import's review page and for accepting it.

Run with `.venv/bin/python -m bench.import_review`. It builds a throwaway SQLite
database (migrated, with a municipality organisation and an editor), reads a
tertial follow-up of 15 and one of 80 activities (three follow-ups each), then
times the review page (the form, the warnings and the source text, rendered as a
request) and the acceptance that creates the draft through the promises' and
follow-ups' services. The figures go into docs/benchmarks.md between its markers.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._common import (
    BENCHMARKS_MD,
    cpu_model,
    markers,
    pin_to_one_core,
    write_section,
)
from bench.import_bench import REPO_ROOT

COMMAND = ".venv/bin/python -m bench.import_review"
START, END = markers("import_review")
SIZES = (15, 80)


def document(activities: int) -> bytes:
    rows = "\n".join(
        f"Polisen genomför minst {n} trafikkontroller vid skola {n}.\t"
        f"Genomfört vid {n} tillfällen.\tPågår.\tEj genomfört."
        for n in range(1, activities + 1)
    )
    return (
        "Uppföljning av medborgarlöfte Nässjö kommun 2026\n\n"
        "Polisen och Nässjö kommun lovar att öka tryggheten under 2026.\n\n"
        f"Aktivitet\tTertial 1\tTertial 2\tTertial 3\n{rows}\n"
    ).encode()


def measure(repeat: int) -> list[dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from loften.imports.selectors import import_draft_defaults
    from loften.imports.services import (
        import_job_accept,
        import_job_process,
        import_jobs_create,
    )
    from loften.testing import factories

    call_command("migrate", verbosity=0)
    organisation = factories.municipality_organisation(factories.municipality())
    editor = factories.member(organisation, username="bench-editor")
    client = Client(SERVER_NAME="localhost")
    client.force_login(editor)
    rows = []
    for size in SIZES:
        jobs = []
        for _ in range(repeat):
            upload = SimpleUploadedFile(f"uppfoljning-{size}.txt", document(size))
            (job,) = import_jobs_create(
                actor=editor, organisation=organisation, files=[upload]
            )
            jobs.append(import_job_process(job_id=job.pk))
        url = reverse("imports:job", kwargs={"job_id": jobs[0].pk})
        client.get(url)  # warm templates and caches
        pages = []
        for job in jobs:
            started = time.perf_counter()
            response = client.get(reverse("imports:job", kwargs={"job_id": job.pk}))
            pages.append(time.perf_counter() - started)
        accepts, queries = [], 0
        for job in jobs:
            draft = import_draft_defaults(result=job.result, organisation=organisation)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                import_job_accept(job=job, actor=editor, data=draft)
                accepts.append(time.perf_counter() - started)
            queries = len(captured)
        rows.append(
            {
                "activities": size,
                "followups": size * 3,
                "page": statistics.median(pages),
                "page_kb": len(response.content) // 1024,
                "accept": statistics.median(accepts),
                "queries": queries,
            }
        )
    return rows


def section(rows: list[dict], repeat: int, pinning: str) -> str:
    now = datetime.now(tz=ZoneInfo("Europe/Stockholm"))
    table = [
        "| activities | follow-ups | review page | page size | accept | queries |",
        "|---:|---:|---:|---:|---:|---:|",
    ] + [
        f"| {r['activities']} | {r['followups']} | {r['page']:.2f} s | "
        f"{r['page_kb']} kB | {r['accept']:.2f} s | {r['queries']} |"
        for r in rows
    ]
    return "\n".join(
        [
            START,
            "## Import: the review page and acceptance",
            "",
            "Median of "
            f"{repeat} runs on one core ({pinning}), SQLite, a tertial follow-up "
            "with three follow-ups per activity. The review page is rendered "
            "through a request; acceptance creates the draft through the "
            "promises' and follow-ups' services (each part validated and audited).",
            "",
            *table,
            "",
            f"- Date: {now:%Y-%m-%d %H:%M %Z}",
            f"- Machine: {platform.platform()}, {cpu_model()}",
            f"- Python: {platform.python_version()}",
            f"- Command: `{COMMAND}`",
            END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        os.environ.pop("DATABASE_URL", None)
        os.environ["LOFTEN_VAR_DIR"] = folder
        os.environ["MEDIA_ROOT"] = str(Path(folder) / "media")
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        import django

        django.setup()
        pinning = pin_to_one_core()
        rows = measure(args.repeat)
    for row in rows:
        print(
            f"{row['activities']} activities: review page {row['page']:.2f} s "
            f"({row['page_kb']} kB), accept {row['accept']:.2f} s "
            f"({row['queries']} queries)"
        )
    if not args.no_write:
        write_section("import_review", section(rows, args.repeat, pinning))
        print(f"Written to {BENCHMARKS_MD.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
