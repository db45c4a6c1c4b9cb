"""How well the importer reads real published documents.

Run with `.venv/bin/python -m bench.import_accuracy`. It imports every text of
../shared/corpus/real/ (real medborgarlöften and follow-ups, see its README) and
compares each result with what a careful reader annotated in `index.jsonl`.
Each document is imported with its source address (`url`), as a user importing
a web page gives it.

- read: the document is read and parsed without an error (no refusal);
- municipality: the municipality found is the annotated one;
- year: the annotated year is among the years found (not checked when the
  annotation has no year);
- activities: the number of activities is within ±30 % of the annotated number
  (exactly 0 when none are annotated);
- parties: every annotated responsible party is found among the activities'
  responsible parties and partners or the promise's parties (and the promise
  statements' when there are no activities);
- targets: at least 60 % of the annotated numeric targets are found as targets
  (or a share of one, "varav fyra …") of the activities that contain them.

It prints every failing document with its reasons, the rate per check and the
share of documents with every check right, and writes that section into
docs/benchmarks.md.
"""

import argparse
import json
import os
import platform
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._common import BENCHMARKS_MD, cpu_model, markers, write_section

REPO_ROOT = Path(__file__).resolve().parent.parent
KOMMUNER_CSV = REPO_ROOT / "loften" / "geography" / "data" / "kommuner.csv"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "real"
COMMAND = ".venv/bin/python -m bench.import_accuracy"
START, END = markers("import_accuracy")
CHECKS = ("read", "municipality", "year", "activities", "parties", "targets")
ACTIVITY_TOLERANCE = 0.30
TARGET_SHARE = 0.60

_NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "varje": 1,
    "varannan": 1,
    "varannat": 1,
}
_JOINT_WORDS = re.compile(
    r"^(?:vi|gemensamma?\b.*|tillsammans|aktörerna|vi ska tillsammans)$", re.IGNORECASE
)


@dataclass
class Outcome:
    file: str
    failures: dict[str, str] = field(default_factory=dict)
    year_in_text: bool = True
    year_in_address: bool = False

    @property
    def right(self) -> bool:
        return not self.failures


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def expected_parties(phrase: str) -> set[str]:
    """The parties an annotated phrase names, in the importer's vocabulary
    ("polisen", "kommunen", a partner's canonical name)."""
    from loften.imports.parsing.party_words import (
        LIST_SPLIT,
        classify_party,
        find_partners,
    )

    found: set[str] = set()
    lower = normalise(phrase)
    if _JOINT_WORDS.match(lower.rstrip(":")):
        return {"polisen", "kommunen"}
    if re.search(r"\bpolis|\blpo\b|lokalpolis|kommunpolis|områdespolis", lower):
        found.add("polisen")
    if re.search(r"kommun(?!polis)|\bstad(?:en|s)?\b|\bregion gotland", lower):
        found.add("kommunen")
    for part in LIST_SPLIT.split(phrase):
        words = part.split()
        for width in (3, 2, 1):
            if len(words) >= width:
                name = classify_party(" ".join(words[:width]))
                if name:
                    found.add(name)
                    break
    found.update(find_partners(phrase))
    return found


def phrase_number(phrase: str) -> float | None:
    for token in re.findall(r"\d+(?:[ \u00a0]\d{3})*|[a-zåäö]+", phrase.lower()):
        if token[0].isdigit():
            return float(token.replace(" ", "").replace("\u00a0", ""))
        if token in _NUMBER_WORDS:
            return float(_NUMBER_WORDS[token])
    return None


def target_found(phrase: str, activities) -> bool:
    """An annotated target phrase is found when an activity whose text holds the
    phrase has a target with the phrase's number (a rate for "varje …")."""
    wanted = normalise(phrase)
    number = phrase_number(phrase)
    for activity in activities:
        target = activity.target
        if target is None:
            continue
        texts = [normalise(activity.text), *(normalise(n) for n in activity.notes)]
        if target.text:
            texts.append(normalise(target.text))
        if not any(wanted in text or (text and text in wanted) for text in texts):
            continue
        if number is None or float(target.value) == number:
            return True
        # "Minst tolv trafikinsatser … varav fyra vid skolor": a share of the
        # target is a target as written.
        if any(float(part.value) == number for part in target.parts):
            return True
        if target.per and number == 1:
            return True
    return False


def found_parties(result) -> set[str]:
    found: set[str] = set()
    for activity in result.activities:
        found.update(party for party in activity.responsible if party != "annan")
        found.update(activity.partners)
    # Who makes the promise as the document names them ("Höörs kommun och
    # Polisen lämnar följande löften"), beside each activity's own parties.
    found.update(result.parties)
    if not result.activities:
        for statement in result.commitments:
            found.update(expected_parties(statement))
    return found


def municipality_matches(found, wanted: str) -> bool:
    if found is None:
        return False
    name = re.sub(r"^Region\s+", "", found.name)
    return normalise(name) == normalise(wanted)


def check(path: Path, entry: dict, refs) -> Outcome:
    from loften.imports.parsing import ReadError
    from loften.imports.parsing.structure import parse_document

    outcome = Outcome(entry["file"])
    data = path.read_bytes()
    year = entry.get("year")
    if year is not None:
        outcome.year_in_text = str(year) in data.decode("utf-8", errors="replace")
        outcome.year_in_address = str(year) in (entry.get("url") or "")
    try:
        # The address is given as a user importing a web page gives it.
        result = parse_document(
            data,
            filename=path.name,
            municipalities=refs,
            source_url=entry.get("url") or None,
        )
    except ReadError as error:
        outcome.failures["read"] = f"refused: {error.code}"
        return outcome
    if not municipality_matches(result.municipality, entry["municipality"]):
        got = result.municipality.name if result.municipality else None
        outcome.failures["municipality"] = (
            f"{got!r}, annotated {entry['municipality']!r}"
        )
    if year is not None and year not in result.years:
        note = (
            ""
            if outcome.year_in_text or outcome.year_in_address
            else " (the year is in neither the text nor the source address)"
        )
        outcome.failures["year"] = f"{result.years}, annotated {year}{note}"
    wanted = entry["n_activities"]
    got = len(result.activities)
    if abs(got - wanted) > ACTIVITY_TOLERANCE * wanted:
        outcome.failures["activities"] = f"{got}, annotated {wanted}"
    have = found_parties(result)
    missing = [
        phrase
        for phrase in entry["responsible_parties_seen"]
        if not expected_parties(phrase) <= have
    ]
    if missing:
        outcome.failures["parties"] = (
            "missing " + ", ".join(repr(m) for m in missing) + f"; found {sorted(have)}"
        )
    targets = entry["numeric_targets_seen"]
    if targets:
        hits = [phrase for phrase in targets if target_found(phrase, result.activities)]
        if len(hits) < TARGET_SHARE * len(targets):
            lost = [phrase for phrase in targets if phrase not in hits]
            outcome.failures["targets"] = (
                f"{len(hits)} of {len(targets)}; not found: "
                + ", ".join(repr(m) for m in lost)
            )
    return outcome


def run(corpus: Path, refs) -> list[Outcome]:
    entries = [
        json.loads(line)
        for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [check(corpus / entry["file"], entry, refs) for entry in entries]


def summary(outcomes: list[Outcome]) -> tuple[list[str], dict[str, float]]:
    total = len(outcomes)
    rates = {
        name: sum(name not in o.failures for o in outcomes) / total for name in CHECKS
    }
    lines = [f"| {name} | {rates[name] * 100:.0f} % |" for name in CHECKS]
    return lines, rates


def section(outcomes: list[Outcome], corpus: Path) -> str:
    now = datetime.now(tz=ZoneInfo("Europe/Stockholm"))
    total = len(outcomes)
    right = sum(o.right for o in outcomes)
    derivable = [o for o in outcomes if o.year_in_text or o.year_in_address]
    derivable_right = sum(o.right for o in derivable)
    lines, _ = summary(outcomes)
    failing = [
        f"- `{o.file}`: " + "; ".join(f"{k}: {v}" for k, v in o.failures.items())
        for o in outcomes
        if not o.right
    ]
    return "\n".join(
        [
            START,
            "## Import: accuracy on real published documents",
            "",
            f"**{right} of {total} documents fully right "
            f"({right / total * 100:.0f} %)**: every text of "
            f"`{corpus.name}/` (real medborgarlöften and follow-ups from polisen.se, "
            "municipal sites and press releases, most cut after about 2,000 "
            "characters) imported and compared with the annotations in its "
            "`index.jsonl`. Aim: at least 95 %. Before the rules for real "
            "documents (commit 2bd912b) the same benchmark gave 20 of 75 (27 %), "
            "with 9 documents refused, and the next rules (commit 0271b38) 46 of "
            "75 (61 %), and the merged code before the rules for statement "
            "lists, focus-area paragraphs, prose promises, done lists, "
            "owner labels and municipality seats (commit be61510) 57 of 75 "
            "(76 %), and before the source address, the promise's parties, "
            "named pieces of work, reported work, quotations and shares of a "
            "target (commit f9cb02b) 66 of 75 (88 %); the five original "
            "documents of "
            "`../shared/corpus/` still pass their unchanged tests "
            "(`loften/imports/tests/test_corpus.py`).",
            "",
            f"Excluding the {total - len(derivable)} documents whose annotated year "
            "occurs neither in the text nor in its source address (the annotator "
            "took it from a dated sibling page, as the index notes say, so no "
            "reading of the document can give it): "
            f"**{derivable_right} of {len(derivable)} "
            f"({derivable_right / max(1, len(derivable)) * 100:.0f} %)**. These "
            "documents are not special-cased in the importer; they count as failing "
            "above.",
            "",
            "Each document is imported with its source address (`url` in the "
            "index), as a user importing a web page gives it; a date or year in "
            "it is used only when the text names no year. "
            "Checks: read without error (no refusal); municipality right; the "
            "annotated year among the years found (not checked when the annotation "
            "has none); the number of activities within ±30 % of the annotated "
            "number (0 when none is annotated); every annotated responsible party "
            "(as written, e.g. “Kommunen och polisen”, “HSB”) found among the "
            "activities' parties and partners or the promise's parties (who makes "
            "the promise, e.g. “Höörs kommun och Polisen lämnar följande löften”); "
            "at least 60 % of the annotated numeric targets found as the target of "
            "the activity that holds them, or a share of it (“varav fyra …”).",
            "",
            "| check | documents right |",
            "|---|---:|",
            *lines,
            "",
            "Failing documents and why:",
            "",
            *(failing or ["- none"]),
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
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("LOFTEN_REAL_CORPUS_DIR", DEFAULT_CORPUS)),
    )
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args(argv)
    if not (args.corpus / "index.jsonl").is_file():
        print(f"No index.jsonl in {args.corpus}; nothing to measure.", file=sys.stderr)
        return 1

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from loften.imports.parsing.municipalities import load_municipality_refs

    refs = load_municipality_refs(KOMMUNER_CSV)
    outcomes = run(args.corpus, refs)
    for outcome in outcomes:
        if not outcome.right:
            reasons = "; ".join(f"{k}: {v}" for k, v in outcome.failures.items())
            print(f"FAIL {outcome.file}: {reasons}")
    _, rates = summary(outcomes)
    for name in CHECKS:
        print(f"{name:>13}: {rates[name] * 100:5.1f} %")
    right = sum(o.right for o in outcomes)
    print(
        f"fully right: {right} of {len(outcomes)} ({right / len(outcomes) * 100:.1f} %)"
    )
    if not args.no_write:
        write_section("import_accuracy", section(outcomes, args.corpus))
        print(f"Written to {BENCHMARKS_MD.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
