"""Find which municipality a document is about, from a reference list of names.

Names are matched as whole, capitalised words with the forms documents use:
"Mullsjö kommun", "Mullsjös kommun", "Mullsjökommun", "Eksjö kommuns",
"Falu kommun" for Falun and "Region Gotland" for Gotland, also in all-caps titles
("MEDBORGARLÖFTE MULLSJÖ KOMMUN 2021") and its residents ("du som Mullsjöbo",
"Lerumsborna"). The choice is made
by weighted frequency (the title and "… kommun" count more), never by the
first hit, and a name seen only once in passing is not trusted.
"""

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Official names whose everyday form differs.
# "Region Gotland" is read through the optional "Region" before any name.
_ALIASES = {"Falun": ("Falu",)}
_SUFFIX_ONLY = frozenset({"Falu"})
# Names that are also ordinary Swedish words; at the start of a sentence they
# count only with "kommun" after them.
_COMMON_WORDS = frozenset({"Vara", "Mark", "Kil", "Ale", "Lund", "Salem", "Nora"})
_TITLE_WEIGHT = 4
_STRONG_WEIGHT = 3
_MIN_SCORE = 2


@dataclass(frozen=True, slots=True)
class MunicipalityRef:
    """A municipality in the reference list: four-digit SCB code and name."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MunicipalityMatch:
    """The chosen municipality, its score, and others named alongside it."""

    ref: MunicipalityRef
    score: int
    others: tuple[MunicipalityRef, ...] = ()


def load_municipality_refs(path: str | Path) -> list[MunicipalityRef]:
    """Municipalities from a CSV file with the columns kod,namn (lanskod ignored)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [
            MunicipalityRef(code=row["kod"].strip(), name=row["namn"].strip())
            for row in csv.DictReader(handle)
            if row.get("kod") and row.get("namn")
        ]


# The municipalities' seats whose name differs from the municipality's
# (columns ort, kommunkod): "Nossebro" names Essunga.
SEATS_CSV = (
    Path(__file__).resolve().parents[2] / "geography" / "data" / "centralorter.csv"
)
# Seats that are also ordinary words; they count only inside a sentence.
_COMMON_SEATS = frozenset({"Ed", "Handen", "Broby", "Hova", "Malung"})


@lru_cache(maxsize=4)
def municipality_seats(path: Path = SEATS_CSV) -> dict[str, str]:
    """{seat: municipality code} for the seats named otherwise than their
    municipality, read from the reference list; empty when it is missing."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {
                row["ort"].strip(): row["kommunkod"].strip()
                for row in csv.DictReader(handle)
                if row.get("ort") and row.get("kommunkod")
            }
    except OSError:
        return {}


class _Matcher:
    def __init__(self, refs: Sequence[MunicipalityRef]) -> None:
        self.refs = tuple(refs)
        self.by_form: dict[str, MunicipalityRef] = {}
        self.seats: set[str] = set()
        by_code = {ref.code: ref for ref in refs}
        for seat, code in municipality_seats().items():
            if code in by_code:
                self.by_form[seat] = by_code[code]
                self.seats.add(seat)
        for ref in refs:
            self.by_form[ref.name] = ref
            for alias in _ALIASES.get(ref.name, ()):
                self.by_form[alias] = ref
        forms = sorted(self.by_form, key=len, reverse=True)
        alternation = "|".join(re.escape(form) for form in forms) or r"(?!)"
        self.pattern = re.compile(
            # Every name begins with a capital: other positions fail at once.
            r"(?=[A-ZÅÄÖ])(?<![\wÅÄÖåäöÉé-])(?P<region>Region\s+)?"
            r"(?P<name>" + alternation + r")"
            # "Kalixbo", "Lerumsborna": the municipality's residents name it.
            r"(?:(?P<resident>s?bo(?:rnas?|r|ende|ns?)?)(?![\wÅÄÖåäöÉé])|"
            r"(?P<genitive>s)?(?P<suffix>\s?kommuns?|\s(?:stad|stads|Stad|Stads))?)"
            r"(?![\wÅÄÖåäöÉé])(?P<county>\s+län)?"
        )

    def mentions(self, text: str) -> Iterable[tuple[MunicipalityRef, bool, int]]:
        """(municipality, named with "kommun", position) for each mention."""
        for match in self.pattern.finditer(text):
            name = match.group("name")
            ref = self.by_form[name]
            if match.group("county"):
                continue  # "Jönköpings län" is the county.
            strong = bool(match.group("suffix") or match.group("resident"))
            if name in self.seats:
                # "centrala Nossebro": the seat names its municipality in passing.
                if match.group("suffix") or match.group("region"):
                    continue
                strong = False
                if name in _COMMON_SEATS:
                    before = text[: match.start()].rstrip()
                    if not before or before[-1] in ".!?:•-–\n":
                        continue
                yield ref, strong, match.start()
                continue
            if match.group("region"):
                if ref.name != "Gotland":
                    continue  # "Region Jönköping" is the region.
                strong = True
            if name in _SUFFIX_ONLY and not strong:
                continue
            if name in _COMMON_WORDS and not strong:
                before = text[: match.start()].rstrip()
                if not before or before[-1] in ".!?:•-–\n":
                    continue
            yield ref, strong, match.start()


_SUFFIX_WORD = re.compile(r"\b(?:Kommuns?|Stads?|Län)\b")


def _usual_case(text: str) -> str:
    """An all-caps text ("MEDBORGARLÖFTE MULLSJÖ KOMMUN 2021") in the case names
    are written in ("Medborgarlöfte Mullsjö kommun 2021"); other text as it is."""
    if not text.isupper():
        return text
    return _SUFFIX_WORD.sub(lambda match: match.group(0).lower(), text.title())


@lru_cache(maxsize=8)
def _matcher_for(refs: tuple[MunicipalityRef, ...]) -> _Matcher:
    return _Matcher(refs)


_last: list = [None, None]  # the last reference list passed, and its matcher


def _matcher(refs: Sequence[MunicipalityRef]) -> _Matcher:
    # Callers pass the same list for every document; hashing its 290 entries
    # each time cost a tenth of the parse.
    if refs is not _last[0] or len(refs) != len(_last[1].refs):
        _last[:] = [refs, _matcher_for(tuple(refs))]
    return _last[1]


def find_municipality(
    title: str,
    texts: Sequence[str],
    refs: Sequence[MunicipalityRef],
    *,
    shared_texts: Sequence[str] = (),
) -> MunicipalityMatch | None:
    """The municipality a document is about, or None when no name is trusted.

    `texts` are the document's blocks in order; `shared_texts` (promise
    statements) are searched for other municipalities sharing the promise.
    """
    if not refs:
        return None
    matcher = _matcher(refs)
    scores: dict[MunicipalityRef, int] = {}
    first_seen: dict[MunicipalityRef, int] = {}
    strong_in_title: set[MunicipalityRef] = set()
    order = 0
    for index, text in enumerate([title, *texts]):
        for ref, strong, _ in matcher.mentions(_usual_case(text)):
            order += 1
            weight = _STRONG_WEIGHT if strong else 1
            if index == 0:
                weight += _TITLE_WEIGHT
                strong_in_title.add(ref)
            scores[ref] = scores.get(ref, 0) + weight
            first_seen.setdefault(ref, order)
    if not scores:
        return None
    ranked = sorted(scores, key=lambda ref: (-scores[ref], first_seen[ref]))
    best = ranked[0]
    if scores[best] < _MIN_SCORE:
        return None
    others: list[MunicipalityRef] = []
    for text in [title, *shared_texts]:
        for ref, strong, _ in matcher.mentions(_usual_case(text)):
            if ref != best and (strong or ref in strong_in_title) and ref not in others:
                others.append(ref)
    return MunicipalityMatch(best, scores[best], tuple(others))


# The reference list of police areas (lokalpolisområden) and the municipalities
# each covers (columns lpo, polisomrade, region, kommunkod, source).
POLICE_AREAS_CSV = (
    Path(__file__).resolve().parents[2] / "geography" / "data" / "lokalpolisomraden.csv"
)


@lru_cache(maxsize=4)
def police_areas(path: Path = POLICE_AREAS_CSV) -> dict[str, tuple[str, ...]]:
    """{police area name: the codes of the municipalities it covers}, read from
    the reference list; empty when the list is missing."""
    areas: dict[str, list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name, code = (row.get("lpo") or "").strip(), row.get("kommunkod")
                if name and code and code.strip() not in areas.setdefault(name, []):
                    areas[name].append(code.strip())
    except OSError:
        return {}
    return {name: tuple(codes) for name, codes in areas.items()}


@lru_cache(maxsize=4)
def _police_area_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(
        re.escape(name) for name in sorted(names, key=len, reverse=True)
    )
    # "Lokalpolisområde Göteborg Centrum", "LPO Södra Vätterbygden", "i norra
    # Lappland": the name as words of its own, in any case.
    return re.compile(rf"(?<![\w-])(?P<name>{alternatives})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PoliceAreaMatch:
    """A police area named in a document and the municipalities it covers."""

    name: str
    text: str
    refs: tuple[MunicipalityRef, ...]


def find_police_area(
    texts: Iterable[str],
    refs: Sequence[MunicipalityRef],
    areas: dict[str, tuple[str, ...]] | None = None,
) -> PoliceAreaMatch | None:
    """The first police area of the reference list that the texts name (its
    name as written and the municipalities it covers), or None."""
    areas = police_areas() if areas is None else areas
    pattern = _police_area_pattern(tuple(areas))
    if pattern is None:
        return None
    by_lower = {name.lower(): name for name in areas}
    by_code = {ref.code: ref for ref in refs}
    for text in texts:
        match = pattern.search(text)
        if match is None:
            continue
        name = by_lower[match.group("name").lower()]
        covered = tuple(by_code[code] for code in areas[name] if code in by_code)
        if covered:
            return PoliceAreaMatch(name, match.group("name"), covered)
    return None
