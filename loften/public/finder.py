"""Finding a municipality by what someone typed. Pure; no database.

Matching ignores case and diacritics, so "nassjo" and "NÄSSJÖ" both find Nässjö
on a keyboard without Swedish letters, and it works the same on every database.
The official forms of a name are understood too: "Nässjö kommun", "Falu kommun",
"Malmö stad" and "Region Gotland" find Nässjö, Falun, Malmö and Gotland. A name
with a small typo ("nasjo") finds nothing itself, but `nearest` suggests the
names it is closest to.
"""

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MAX_QUERY_LENGTH = 80
# Words of a municipality's official name that SCB's short names leave out.
OFFICIAL_WORDS = frozenset({"kommun", "kommuns", "stad", "stads", "region"})
MAX_SUGGESTIONS = 3


def normalise(text: str) -> str:
    """Lower case without diacritics or extra spaces ("Sälen" → "salen")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def _core(typed: str) -> str:
    """The query without the words of an official name ("Malmö stad" → "Malmö");
    unchanged when nothing else is left."""
    words = typed.split()
    kept = [w for w in words if normalise(w) not in OFFICIAL_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else typed


def _forms(typed: str) -> list[str]:
    """What the query may mean, the likeliest first: as typed, or the name
    without its official words, also without the genitive s that "kommun" takes
    ("Gotlands kommun" → "Gotland")."""
    core = _core(typed)
    if core == typed:
        return [typed]
    forms = [core]
    if core.endswith("s"):
        forms.append(core[:-1])
    return forms


def matches(query: str, items: Sequence[T], *, name=lambda item: item.name) -> list[T]:
    """The items whose name contains the query: names that start with it first,
    then names with a word that starts with it, then the rest; each group in the
    given order."""
    for form in _forms(query[:MAX_QUERY_LENGTH]):
        found = _matches(normalise(form), items, name)
        if found:
            return found
    return []


def _matches(wanted: str, items: Sequence[T], name) -> list[T]:
    if not wanted:
        return []
    starts, word_starts, contains = [], [], []
    for item in items:
        candidate = normalise(name(item))
        if candidate.startswith(wanted):
            starts.append(item)
        elif any(
            word.startswith(wanted) for word in candidate.replace("-", " ").split()
        ):
            word_starts.append(item)
        elif wanted in candidate:
            contains.append(item)
    return starts + word_starts + contains


def exact_match(query: str, items: Sequence[T], *, name=lambda item: item.name):
    """The one item whose name is exactly the query (or its official form),
    ignoring case; failing that, also ignoring diacritics (Håbo and Habo are
    different municipalities)."""
    for form in _forms(query):
        typed = " ".join(form.casefold().split())
        for key, wanted in ((str.casefold, typed), (normalise, normalise(form))):
            found = [item for item in items if key(name(item)) == wanted]
            if found:
                return found[0] if len(found) == 1 else None
    return None


def nearest(query: str, items: Sequence[T], *, name=lambda item: item.name) -> list[T]:
    """The items whose name is within a small typo of the query: one letter
    wrong, missing, extra or two swapped (two for names of eight letters or
    more); the closest first, at most MAX_SUGGESTIONS."""
    scored = []
    for form in _forms(query[:MAX_QUERY_LENGTH]):
        wanted = normalise(form)
        if len(wanted) < 3:
            continue
        allowed = 1 if len(wanted) < 8 else 2
        for item in items:
            distance = edit_distance(wanted, normalise(name(item)), limit=allowed)
            if distance <= allowed:
                scored.append((distance, name(item), item))
        if scored:
            break
    scored.sort(key=lambda row: (row[0], row[1]))
    return [item for _distance, _name, item in scored[:MAX_SUGGESTIONS]]


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """The optimal-string-alignment distance between `a` and `b` (insertions,
    deletions, substitutions and swaps of neighbours), or `limit` + 1 once it is
    certain to be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_row: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous_row = previous_row, row
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(
                previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost
            )
            if (
                before is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
    return row[-1]
