"""How a typed partner name is read and matched. Pure; no database.

The editor's activity form and the importer's review both resolve a partner
name with these rules (through `selectors.partner_resolve` and
`services.partners_get_or_create`), so the same name always means the same
organisation.
"""

import re
from collections.abc import Sequence

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("swedish")
_WORD = re.compile(r"[\wÅÄÖåäöÉéÜü]+")
_NAME_SEPARATORS = re.compile(r"[,;\n]+")
# A stem shorter than this matches only itself ("is" is not "isbanan").
_MIN_PREFIX = 4


def normalise(name: str) -> str:
    """A name for comparison: case and runs of white space do not matter."""
    return " ".join(name.split()).casefold()


def _first_stem(name: str) -> str:
    words = _WORD.findall(name.casefold())
    return _STEMMER.stemWord(words[0]) if words else ""


def _stems_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= _MIN_PREFIX and longer.startswith(shorter)


def match_partner(
    name: str, candidates: Sequence[tuple[int, str]], municipality: str
) -> int | None:
    """The id of the registered partner that `name` means, or None.

    `candidates` are the partners of the municipality and those tied to no
    place. A name matches exactly (also without " (Municipality)" or
    " i Municipality" after it), else by the stem of its first word, so that
    "nattvandrare" finds "Nattvandrarna i Mullsjö" and "tull" finds "Tullverket".
    """
    key = normalise(name)
    if not key:
        return None
    place = normalise(municipality)
    suffixes = (f" ({place})", f" i {place}")

    def bare(label: str) -> str:
        label = normalise(label)
        for suffix in suffixes:
            label = label.removesuffix(suffix)
        return label

    for pk, label in candidates:
        if normalise(label) == key or bare(label) == key:
            return pk
    stem = _first_stem(key)
    for pk, label in candidates:
        if _stems_match(stem, _first_stem(bare(label))):
            return pk
    return None


def new_partner_name(name: str, municipality: str) -> str:
    """The name a partner not yet registered is created under: scoped to the
    municipality, since "Skolan" means a different school in each."""
    name = " ".join(name.split())
    name = f"{name[:1].upper()}{name[1:]}"
    return (f"{name} ({municipality})" if municipality else name)[:200]


def split_names(text: str) -> list[str]:
    """Names written one per line or separated by commas, each once."""
    names: list[str] = []
    seen: set[str] = set()
    for part in _NAME_SEPARATORS.split(text):
        name = " ".join(part.split())
        if name and normalise(name) not in seen:
            seen.add(normalise(name))
            names.append(name)
    return names
