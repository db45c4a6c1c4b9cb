"""Swedish words for search: folding, stemming, query terms, highlighting. Pure; no
database.

Every word is folded (lower case, diacritics removed: "hundsök" → "hundsok") and
then stemmed with the Snowball Swedish stemmer (the `snowballstemmer` package),
stop words left out. Both databases index these stems, and the query goes through
the same steps, so SQLite and PostgreSQL find the same words: inflected forms
("trygghetsvandring" finds "trygghetsvandringar") and words typed without å, ä
and ö ("hundsok" finds "hundsök"). Every query word matches as a prefix of a
stem, which also finds compounds ("narkotika" finds "narkotikabrott").
Highlighting uses this module on both databases. See
docs/decisions/0004-search-folded-stems.md.
"""

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# PostgreSQL's tsearch_data/swedish.stop (from Snowball), compared folded like
# every other word.
_STOP_WORDS = """
    och det att i en jag hon som han på den med var sig för så till är men ett om
    hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min
    man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina
    här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan
    varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken
    er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket
    sitta sådana vart dina vars vårt våra ert era vilkas
"""


def fold(word: str) -> str:
    """Lower case without diacritics ("Hundsök" → "hundsok")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


STOP_WORDS = frozenset(fold(word) for word in _STOP_WORDS.split())

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
    """The Snowball Swedish stem of one word, folded first."""
    return _stemmer().stemWord(fold(word))


@lru_cache(maxsize=50_000)
def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def words(text: str) -> list[str]:
    """The words of `text`, in lower case."""
    return [match.group().lower() for match in WORD.finditer(text)]


def stemmed(text: str) -> str:
    """`text` as space-separated stems, stop words left out (the SQLite index)."""
    return " ".join(stem(word) for word in words(text) if not is_stop_word(word))


def query_terms(query: str) -> list[str]:
    """The words of a search query that count: no stop words, no repeats, at most
    MAX_QUERY_TERMS."""
    terms: list[str] = []
    stems: set[str] = set()
    for word in words(query):
        if not is_stop_word(word) and stem(word) not in stems:
            terms.append(word)
            stems.add(stem(word))
    return terms[:MAX_QUERY_TERMS]


def fts5_match(terms: Sequence[str]) -> str:
    """An SQLite FTS5 query: every term's stem as a quoted prefix, all required."""
    # Terms are letters and digits only, so quoting cannot be broken out of.
    return " ".join(f'"{stem(term)}"*' for term in terms)


def tsquery(terms: Sequence[str]) -> str:
    """A PostgreSQL to_tsquery('simple', …) text: every term's stem as a prefix,
    all required."""
    return " & ".join(f"'{stem(term)}':*" for term in terms)


# --- Highlighting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A piece of text, marked when it is a word the query matched."""

    text: str
    match: bool = False


def is_match(word: str, prefixes: Sequence[str]) -> bool:
    """Whether a lower-case word is one the query finds (its stem starts with a
    query term's stem)."""
    if is_stop_word(word):
        return False
    word_stem = stem(word)
    return any(word_stem.startswith(prefix) for prefix in prefixes)


def matched_terms(text: str, terms: Sequence[str]) -> set[int]:
    """The positions in `terms` of the query words that `text` matches."""
    prefixes = [stem(term) for term in terms]
    found: set[int] = set()
    if not prefixes:
        return found
    for word in words(text):
        if is_stop_word(word):
            continue
        word_stem = stem(word)
        found.update(i for i, p in enumerate(prefixes) if word_stem.startswith(p))
    return found


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
