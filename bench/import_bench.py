"""How many documents per second the importer parses from text, on one core.

Run with `.venv/bin/python -m bench.import_bench`. It parses the text example
documents (and the published samples in ../shared/corpus when present) over
and over for a few seconds, then times single long paragraphs full of numbers
(the case that was once quadratic), prints the figures and writes them into
docs/benchmarks.md between the markers of its own section.
"""

import argparse
import os
import platform
import statistics
import sys
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

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "loften" / "imports" / "tests" / "fixtures"
KOMMUNER_CSV = REPO_ROOT / "loften" / "geography" / "data" / "kommuner.csv"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
COMMAND = ".venv/bin/python -m bench.import_bench"
START, END = markers("import")
# Sizes of the long-paragraph case, in bytes of its paragraph.
LONG_SIZES = (50_000, 500_000)
PLAN_PHRASE = "minst 3 kontroller och 2 möten, "
REPORT_PHRASE = "Genomfört vid 3 tillfällen och sammanlagt 2 timmar, "
LONG_AIM_SECONDS = 5.0


def load_documents(corpus: Path) -> list[tuple[str, bytes]]:
    paths = sorted(FIXTURES.glob("*.txt"))
    if corpus.is_dir():
        paths += sorted(corpus.glob("*.txt"))
    return [(path.name, path.read_bytes()) for path in paths]


def measure(documents, refs, seconds: float) -> tuple[int, float]:
    from loften.imports.parsing.structure import parse_document

    for name, data in documents:  # warm caches and compiled patterns
        parse_document(data, filename=name, municipalities=refs)
    parsed = 0
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for name, data in documents:
            parse_document(data, filename=name, municipalities=refs)
        parsed += len(documents)
        elapsed = time.perf_counter() - started
    return parsed, elapsed


def long_paragraphs() -> list[tuple[str, bytes]]:
    """One activity and one follow-up, each a single paragraph of many numbers."""
    cases = []
    for size in LONG_SIZES:
        plan = (
            "Medborgarlöfte Mullsjö kommun 2021\n\nPolisen lovar att:\n"
            "- Polisen genomför "
            + PLAN_PHRASE * (size // len(PLAN_PHRASE.encode()))
            + "i centrum.\n"
        )
        report = (
            "Uppföljning medborgarlöfte Mullsjö kommun 2021\n\nAktiviteter\n\n"
            "- Polisen genomför minst 10 kontroller.\n\n"
            + REPORT_PHRASE * (size // len(REPORT_PHRASE.encode()))
            + "i centrum.\n"
        )
        cases += [("activity", plan.encode()), ("follow-up", report.encode())]
    return cases


def measure_long(refs) -> list[tuple[str, int, float]]:
    from loften.imports.parsing.structure import parse_document

    timings = []
    for kind, data in long_paragraphs():
        started = time.perf_counter()
        parse_document(data, filename="lang.txt", municipalities=refs)
        timings.append((kind, len(data), time.perf_counter() - started))
    return timings


def section(
    rates: list[float],
    documents: int,
    seconds: float,
    pinning: str,
    long: list[tuple[str, int, float]],
) -> str:
    now = datetime.now(tz=ZoneInfo("Europe/Stockholm"))
    rows = [
        f"| {kind} | {size / 1000:.0f} kB | {seconds:.2f} s |"
        for kind, size, seconds in long
    ]
    return "\n".join(
        [
            START,
            "## Import: documents per second on text input",
            "",
            f"**{statistics.median(rates):.0f} documents per second** on one core "
            f"({pinning}): the median of {len(rates)} runs of {seconds:.0f} s, each "
            f"parsing {documents} text documents over and over (runs: "
            + ", ".join(f"{rate:.0f}" for rate in rates)
            + "). Aim: at least 200.",
            "",
            'One long paragraph full of numbers ("minst 3 kontroller och 2 möten, '
            '…"), as an activity or as its follow-up, parsed once. The time grows '
            "in line with the size (it used to grow with its square: 53 s for "
            f"46 kB). Aim: under {LONG_AIM_SECONDS:.0f} s for 500 kB; the worker "
            "stops any document after `IMPORT_PARSE_SECONDS` (120 s).",
            "",
            "| paragraph | size | time |",
            "|---|---:|---:|",
            *rows,
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
    parser.add_argument("--seconds", type=float, default=5.0, help="per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("LOFTEN_CORPUS_DIR", DEFAULT_CORPUS)),
    )
    parser.add_argument("--no-write", action="store_true", help="only print the figure")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from loften.imports.parsing.municipalities import load_municipality_refs

    pinning = pin_to_one_core()
    refs = load_municipality_refs(KOMMUNER_CSV)
    documents = load_documents(args.corpus)
    if not documents:
        print("No text documents to parse.", file=sys.stderr)
        return 1
    rates = []
    for _ in range(max(1, args.runs)):
        parsed, elapsed = measure(documents, refs, args.seconds)
        rates.append(parsed / elapsed)
        print(
            f"{rates[-1]:.0f} documents per second ({parsed} parses of "
            f"{len(documents)} documents in {elapsed:.1f} s, {pinning})"
        )
    print(f"median: {statistics.median(rates):.0f} documents per second")
    long = measure_long(refs)
    for kind, size, seconds in long:
        print(f"long {kind} paragraph of {size / 1000:.0f} kB: {seconds:.2f} s")
    if not args.no_write:
        write_section(
            "import",
            section(rates, len(documents), args.seconds, pinning, long),
        )
        print(f"Written to {BENCHMARKS_MD.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
