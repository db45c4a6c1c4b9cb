"""How many documents per second the importer parses from text, on one core.

Run with `.venv/bin/python -m bench.import_bench`. It parses the text example
documents (and the published samples in ../shared/corpus when present) over
and over for a few seconds, prints the rate and writes it into
docs/benchmarks.md between the markers of its own section.
"""

import argparse
import os
import platform
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


def section(
    rate: float, documents: int, parsed: int, elapsed: float, pinning: str
) -> str:
    now = datetime.now(tz=ZoneInfo("Europe/Stockholm"))
    return "\n".join(
        [
            START,
            "## Import: documents per second on text input",
            "",
            f"**{rate:.0f} documents per second** on one core ({pinning}): "
            f"{documents} text documents parsed {parsed} times in {elapsed:.1f} s. "
            "Aim: at least 200.",
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
    parser.add_argument("--seconds", type=float, default=5.0)
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
    parsed, elapsed = measure(documents, refs, args.seconds)
    rate = parsed / elapsed
    print(
        f"{rate:.0f} documents per second ({parsed} parses of {len(documents)} "
        f"documents in {elapsed:.1f} s, {pinning})"
    )
    if not args.no_write:
        write_section("import", section(rate, len(documents), parsed, elapsed, pinning))
        print(f"Written to {BENCHMARKS_MD.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
