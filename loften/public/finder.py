"""Finding a municipality by what someone typed. Pure; no database.

Matching ignores case and diacritics, so "nassjo" and "NÄSSJÖ" both find Nässjö
on a keyboard without Swedish letters, and it works the same on every database.
"""

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MAX_QUERY_LENGTH = 80


def normalise(text: str) -> str:
    """Lower case without diacritics or extra spaces ("Sälen" → "salen")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def matches(query: str, items: Sequence[T], *, name=lambda item: item.name) -> list[T]:
    """The items whose name contains the query: names that start with it first,
    then names with a word that starts with it, then the rest; each group in the
    given order."""
    wanted = normalise(query)[:MAX_QUERY_LENGTH]
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
    """The one item whose name is exactly the query, ignoring case; failing that,
    also ignoring diacritics (Håbo and Habo are different municipalities)."""
    typed = " ".join(query.casefold().split())
    for key, wanted in ((str.casefold, typed), (normalise, normalise(query))):
        found = [item for item in items if key(name(item)) == wanted]
        if found:
            return found[0] if len(found) == 1 else None
    return None
