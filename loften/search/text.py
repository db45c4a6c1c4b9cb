"""Swedish words for search: stemming, query terms, highlighting. Pure; no database.

PostgreSQL stems with its `swedish` text-search configuration, which is the
Snowball Swedish stemmer with Snowball's stop-word list. On SQLite the same
stemmer (the `snowballstemmer` package) and the same stop words turn the text
into stems before it goes into the FTS5 index, and the query before it is
matched, so both databases find the same inflected forms. Every query word
matches as a prefix of a stem, which also finds compounds ("trygghet" finds
"trygghetsvandringar"). Highlighting uses this module on both databases.
"""

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# PostgreSQL's tsearch_data/swedish.stop (from Snowball); kept identical so that
# a query word ignored on one database is ignored on the other.
_STOP_WORDS = """
    och det att i en jag hon som han på den med var sig för så till är men ett om
    hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min
    man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina
    här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan
    varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken
    er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket
    sitta sådana vart dina vars vårt våra ert era vilkas
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# A word is a run of letters and digits (no underscore), as PostgreSQL's parser
# and SQLite's unicode61 tokenizer see it.
WORD = re.compile(r"[^\W_]+")

MAX_QUERY_TERMS = 8

_local = threading.local()


def _stemmer():
    # Snowball stemmer objects keep state between calls: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball Swedish stem of one lower-case word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The words of `text`, in lower case."""
    return [match.group().lower() for match in WORD.finditer(text)]


def stemmed(text: str) -> str:
    """`text` as space-separated stems, stop words left out (the SQLite index)."""
    return " ".join(stem(word) for word in words(text) if word not in STOP_WORDS)


def query_terms(query: str) -> list[str]:
    """The words of a search query that count: no stop words, no repeats, at most
    MAX_QUERY_TERMS."""
    terms: list[str] = []
    for word in words(query):
        if word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return terms[:MAX_QUERY_TERMS]


def fts5_match(terms: Sequence[str]) -> str:
    """An SQLite FTS5 query: every term's stem as a quoted prefix, all required."""
    # Terms are letters and digits only, so quoting cannot be broken out of.
    return " ".join(f'"{stem(term)}"*' for term in terms)


def tsquery(terms: Sequence[str]) -> str:
    """A PostgreSQL to_tsquery() text: every term as a prefix, all required.

    PostgreSQL stems each term itself with the `swedish` configuration.
    """
    return " & ".join(f"'{term}':*" for term in terms)


# --- Highlighting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A piece of text, marked when it is a word the query matched."""

    text: str
    match: bool = False


def is_match(word: str, prefixes: Sequence[str]) -> bool:
    """Whether a lower-case word is one the query finds (its stem starts with a
    query term's stem)."""
    if word in STOP_WORDS:
        return False
    word_stem = stem(word)
    return any(word_stem.startswith(prefix) for prefix in prefixes)


def highlight(text: str, terms: Sequence[str]) -> list[Fragment]:
    """`text` split into fragments with the matching words marked."""
    prefixes = [stem(term) for term in terms]
    fragments: list[Fragment] = []
    position = 0
    for found in WORD.finditer(text):
        if not is_match(found.group().lower(), prefixes):
            continue
        if found.start() > position:
            fragments.append(Fragment(text[position : found.start()]))
        fragments.append(Fragment(found.group(), match=True))
        position = found.end()
    if position < len(text):
        fragments.append(Fragment(text[position:]))
    return fragments


def snippet(text: str, terms: Sequence[str], *, length: int = 220) -> list[Fragment]:
    """About `length` characters of `text` around its first match, highlighted.

    Cut at word boundaries, with an ellipsis where text was left out.
    """
    text = " ".join(text.split())
    if len(text) <= length:
        return highlight(text, terms)
    prefixes = [stem(term) for term in terms]
    first = next(
        (
            m.start()
            for m in WORD.finditer(text)
            if is_match(m.group().lower(), prefixes)
        ),
        0,
    )
    start = max(0, first - length // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    fragments = highlight(text[start:end], terms)
    if start > 0:
        fragments.insert(0, Fragment("… "))
    if end < len(text):
        fragments.append(Fragment(" …"))
    return fragments
