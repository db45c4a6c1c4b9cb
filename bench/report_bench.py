"""Time follow-up report generation: PDF (WeasyPrint) and Word (python-docx).

Run with `.venv/bin/python -m bench.report_bench`. It renders the report of a
promise with 20 activities and 3 tertials (the case the issue names, aim: under
one second per format), then larger promises to find where rendering passes a
couple of seconds, and writes the figures into docs/benchmarks.md between the
`<!-- bench:report_bench -->` markers. No database is needed: reports are
rendered from a snapshot, as in production.
"""

import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench._common import cpu_model, write_section

ROOT = Path(__file__).resolve().parent.parent
NAME = "report_bench"
ROUNDS = 7
SIZES = (20, 50, 100, 200)  # activities; each with 3 tertials and a whole year


def _time(function, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def measure() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.utils import translation

    from loften.reports import layout
    from loften.reports.renderers import render
    from loften.testing.reports import snapshot_example

    translation.activate("sv")
    now = datetime.datetime.now(datetime.UTC)

    def report(activities: int):
        return layout.report_build(
            snapshot_example(activities=activities),
            102,  # tertial 2, with tertial 1 and 2 filled in
            is_draft=False,
            generated_at=now,
            version=1,
            published_at=now,
        )

    # The first PDF of a process also loads the fonts; measure it on its own.
    first_pdf = _time(lambda: render(report(20), "pdf"), 1)[0]
    sizes: list[dict[str, Any]] = []
    results = {"first_pdf": first_pdf, "sizes": sizes, "load": os.getloadavg()[0]}
    for activities in SIZES:
        snapshot = snapshot_example(activities=activities)
        row: dict[str, Any] = {
            "activities": activities,
            "size": layout.report_size(snapshot, 102),
            "layout": statistics.median(_time(lambda a=activities: report(a), ROUNDS)),
        }
        built = report(activities)
        for fmt in ("pdf", "docx"):
            times = _time(lambda f=fmt, b=built: render(b, f), ROUNDS)
            row[fmt] = (statistics.median(times), min(times))
        row["pages"] = _pdf_pages(render(built, "pdf").content)
        sizes.append(row)
    return results


def _pdf_pages(content: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def section(results: dict) -> str:
    today = datetime.date.today().isoformat()  # noqa: DTZ011 - a label, not a time
    lines = [
        f"<!-- bench:{NAME} -->",
        "## Follow-up reports: PDF and Word",
        "",
        f"Measured {today} on {platform.platform()}, {cpu_model()} "
        f"({os.cpu_count()} cores), Python {platform.python_version()}, with "
        f"`.venv/bin/python -m bench.{NAME}`; load average "
        f"{results['load']:.1f} when it started (the machine is shared, so the "
        f"fastest run is shown in brackets). Median of {ROUNDS} renderings of the "
        "tertial 2 report; each activity has a follow-up with text and figures "
        "per tertial. Layout is the pure report model built from the snapshot; "
        "PDF and Word are the renderers on top. Size is activities × periods of "
        "the year, the measure `REPORTS_SYNC_MAX_SIZE` is compared with.",
        "",
        "| activities | size | PDF pages | layout | PDF | Word |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["sizes"]:
        lines.append(
            f"| {row['activities']} | {row['size']} | {row['pages']} "
            f"| {row['layout'] * 1000:.0f} ms "
            f"| {row['pdf'][0]:.2f} s ({row['pdf'][1]:.2f} s) "
            f"| {row['docx'][0]:.2f} s ({row['docx'][1]:.2f} s) |"
        )
    lines += [
        "",
        f"The first PDF a process makes also loads WeasyPrint and the fonts: "
        f"{results['first_pdf']:.2f} s for 20 activities.",
        "",
        f"<!-- /bench:{NAME} -->",
    ]
    return "\n".join(lines)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    results = measure()
    text = section(results)
    write_section(NAME, text)
    print(text)


if __name__ == "__main__":
    main()
