"""Run every benchmark: `python -m bench` (or `make bench`).

Each benchmark runs in its own process, as `python -m bench.<name>` would, and
writes its own section of docs/benchmarks.md.
"""

import subprocess
import sys
from pathlib import Path

BENCHMARKS = sorted(
    path.stem
    for path in Path(__file__).resolve().parent.glob("*.py")
    if not path.stem.startswith("_")
)


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"== bench.{name}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False)  # noqa: S603
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
