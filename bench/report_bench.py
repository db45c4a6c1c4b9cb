"""Time follow-up report generation: PDF (WeasyPrint) and Word (python-docx).

Run with `.venv/bin/python -m bench.report_bench`. It renders the tertial 2,
tertial 3 and whole-year reports of promises with 20 activities (the case the
issue names, aim: under one second per format) up to 200 activities, and writes
the figures into docs/benchmarks.md between the `<!-- bench:report_bench -->`
markers. Two figures per format:

- warm: the median of several renderings in a process that has made one before;
- cold: the first rendering in a fresh process (WeasyPrint, python-docx and the
  fonts still to be loaded), the median over several processes; and, for the
  PDF, the first rendering after `renderers.pdf.warm_up()`, which a gunicorn
  worker runs while it boots.

No database is needed: reports are rendered from a snapshot, as in production.
`--first FORMAT PERIOD [--warm-up]` is the child process that times one first
rendering and prints it.
"""

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAME = "report_bench"
ROUNDS = 5
COLD_PROCESSES = 5
SIZES = (20, 50, 100, 200)  # activities; each with 3 tertials and a whole year
PERIODS = {"tertial 2": 102, "tertial 3": 103, "whole year": 104}
COLD_ACTIVITIES = 20


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.utils import translation

    translation.activate("sv")


def _logo(colour: tuple[int, int, int]) -> bytes:
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (400, 150), colour).save(output, "PNG")
    return output.getvalue()


def _sources(activities: int):
    """What a published report has beyond its snapshot: both parties with a
    logo, both approvals, the last report to compare with (with one target
    changed) and, for a whole year, the renewed promise."""
    import copy

    from loften.reports import contents
    from loften.testing.reports import snapshot_example

    now = datetime.datetime.now(datetime.UTC)
    baseline = snapshot_example(activities=activities)
    baseline["activities"][0]["target"]["value"] += 1
    return contents.ReportSources(
        parties=(
            contents.Party(
                "Nässjö kommun", "municipality", _logo((20, 60, 140)), "image/png"
            ),
            contents.Party(
                "Lokalpolisområde Höglandet",
                "police_area",
                _logo((10, 30, 60)),
                "image/png",
            ),
        ),
        approvals=(
            contents.ApprovalRecord(
                "Nässjö kommun",
                "Per Holm",
                "Kommunstyrelsens ordförande",
                now,
                "Godkänd.",
            ),
            contents.ApprovalRecord(
                "Lokalpolisområde Höglandet",
                "Eva Strand",
                "Lokalpolisområdeschef",
                now,
                "",
            ),
        ),
        baseline=baseline,
        baseline_label="tertial 1 (version 2, 2026-05-03)",
        renewal=copy.deepcopy(snapshot_example(activities=activities, year=2027)),
    )


def _report(activities: int, period_id: int):
    from loften.reports import layout
    from loften.testing.reports import snapshot_example

    now = datetime.datetime.now(datetime.UTC)
    return layout.report_build(
        snapshot_example(activities=activities),
        period_id,
        is_draft=False,
        generated_at=now,
        version=1,
        published_at=now,
        sources=_sources(activities),
    )


def _time(function, rounds: int) -> list[float]:
    """Wall-clock seconds of each of `rounds` calls."""
    return [wall for wall, _cpu in _times(function, rounds)]


def _times(function, rounds: int) -> list[tuple[float, float]]:
    """(wall-clock, CPU) seconds of each of `rounds` calls. On a shared machine
    the CPU time says more about the code than the wall-clock time."""
    times = []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - start, time.process_time() - start_cpu))
    return times


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        statistics.median(wall for wall, _cpu in times),
        statistics.median(cpu for _wall, cpu in times),
    )


def first_rendering(fmt: str, period_id: int, warm_up: bool) -> tuple[float, float]:
    """In this (fresh) process: the (wall-clock, CPU) seconds the first rendering
    of `fmt` takes."""
    _setup()
    from loften.reports.renderers import render

    built = _report(COLD_ACTIVITIES, period_id)
    if warm_up:
        from loften.reports.renderers import pdf

        if hasattr(pdf, "warm_up"):  # (older code, measured for comparison, lacks it)
            pdf.warm_up()
    return _times(lambda: render(built, fmt), 1)[0]


def _cold(fmt: str, period_id: int, warm_up: bool = False) -> tuple[float, float]:
    """The median first rendering over COLD_PROCESSES fresh processes."""
    times = []
    for _ in range(COLD_PROCESSES):
        command = [sys.executable, "-m", f"bench.{NAME}", "--first", fmt]
        command += [str(period_id)] + (["--warm-up"] if warm_up else [])
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            command, cwd=ROOT, capture_output=True, text=True, check=True
        )
        wall, cpu = result.stdout.strip().splitlines()[-1].split()
        times.append((float(wall), float(cpu)))
    return _medians(times)


def measure() -> dict:
    _setup()
    from loften.reports import layout
    from loften.reports.renderers import render
    from loften.testing.reports import snapshot_example

    load = os.getloadavg()[0]
    rows: list[dict[str, Any]] = []
    for activities in SIZES:
        snapshot = snapshot_example(activities=activities)
        for label, period_id in PERIODS.items():
            built = _report(activities, period_id)
            row: dict[str, Any] = {
                "activities": activities,
                "period": label,
                "size": layout.report_size(snapshot, period_id),
                "layout": statistics.median(
                    _time(lambda a=activities, p=period_id: _report(a, p), ROUNDS)
                ),
            }
            for fmt in ("pdf", "docx"):
                render(built, fmt)  # warm
                row[fmt] = _medians(_times(lambda f=fmt, b=built: render(b, f), ROUNDS))
            row["pages"] = _pdf_pages(render(built, "pdf").content)
            rows.append(row)
    cold = {
        label: {
            "pdf": _cold("pdf", period_id),
            "pdf_warmed": _cold("pdf", period_id, warm_up=True),
            "docx": _cold("docx", period_id),
        }
        for label, period_id in PERIODS.items()
    }
    return {"rows": rows, "cold": cold, "load": load, "load_after": os.getloadavg()[0]}


def _pdf_pages(content: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def _pair(times) -> str:
    wall, cpu = times
    return f"{wall:.2f} s ({cpu:.2f} s)"


def section(results: dict) -> str:
    from bench._common import cpu_model

    today = datetime.date.today().isoformat()  # noqa: DTZ011 - a label, not a time
    lines = [
        f"<!-- bench:{NAME} -->",
        "## Follow-up reports: PDF and Word",
        "",
        f"Measured {today} on {platform.platform()}, {cpu_model()} "
        f"({os.cpu_count()} cores), Python {platform.python_version()}, with "
        f"`.venv/bin/python -m bench.{NAME}`; load average "
        f"{results['load']:.1f} when it started and {results['load_after']:.1f} "
        "when it ended. The machine is shared, so each figure is the wall-clock "
        "median with the CPU-time median in brackets, which depends less on what "
        "else runs. Each report has the full content of a published one: a cover "
        "with both parties' logos, the summary, the lägesbild, an account per "
        "focus area, effect measures with their trend, the changes since the "
        "last report, the approvals and, for the whole year, the year's own "
        "sections and the renewed promise. Each activity has a follow-up with "
        "text and figures in every tertial and a whole-year follow-up; a "
        "tertial 2 report fills in tertials 1 and 2, a tertial 3 report all "
        "three, a whole-year report all three and the year's own follow-up. "
        "Size is `layout.report_size`, activities × (the periods of the year + "
        "the periods the report fills in) / 2, the "
        "measure `REPORTS_SYNC_MAX_SIZE` is compared with.",
        "",
        f"### Warm: median of {ROUNDS} renderings in a process that has made one",
        "",
        "Layout is the pure report model built from the snapshot; PDF and Word are "
        "the renderers on top.",
        "",
        "| activities | report | size | PDF pages | layout | PDF | Word |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in results["rows"]:
        lines.append(
            f"| {row['activities']} | {row['period']} | {row['size']} "
            f"| {row['pages']} | {row['layout'] * 1000:.0f} ms "
            f"| {_pair(row['pdf'])} | {_pair(row['docx'])} |"
        )
    lines += [
        "",
        f"### Cold: the first rendering in a fresh process, median of "
        f"{COLD_PROCESSES} processes",
        "",
        f"{COLD_ACTIVITIES} activities. *PDF, warmed up* is the first PDF after "
        "`loften.reports.renderers.pdf.warm_up()`, which a gunicorn worker runs "
        "while it boots (before it takes requests).",
        "",
        "| report | PDF | PDF, warmed up | Word |",
        "|---|---:|---:|---:|",
    ]
    for label, cold in results["cold"].items():
        lines.append(
            f"| {label} | {_pair(cold['pdf'])} | {_pair(cold['pdf_warmed'])} "
            f"| {_pair(cold['docx'])} |"
        )
    lines += ["", f"<!-- /bench:{NAME} -->"]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--first":
        fmt, period_id = sys.argv[2], int(sys.argv[3])
        wall, cpu = first_rendering(fmt, period_id, warm_up="--warm-up" in sys.argv)
        print(wall, cpu)
        return
    sys.path.insert(0, str(ROOT))
    from bench._common import write_section

    results = measure()
    text = section(results)
    if "--json" in sys.argv:
        print(json.dumps(results))
        return
    write_section(NAME, text)
    print(text)


if __name__ == "__main__":
    main()
