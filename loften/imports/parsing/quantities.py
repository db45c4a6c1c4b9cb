"""Counts with their units in follow-up text: "vid ca 23 tillfällen" → 23 tillfällen."""

import re
from dataclasses import dataclass

from .numbers import Comparator, NumberMatch, read_numbers
from .party_words import classify_party
from .text import word_set

_TOKEN = re.compile(r"\s*([A-Za-zÅÄÖåäöÉéÜü][\wÅÄÖåäöÉéÜü]*(?:-[\wÅÄÖåäö]+)*-?)")
_COUNT_WORD = re.compile(r"\s*(?:st\b\.?|stycken\b|styck\b)", re.IGNORECASE)
_COORDINATION = re.compile(
    r"\s+(?P<conj>och|eller|samt)\s+(?P<word>[A-Za-zÅÄÖåäöÉé][\wÅÄÖåäöÉé-]*)",
    re.IGNORECASE,
)
_PER = re.compile(
    r"\s*(?:/\s*|per\s+|varje\s+|i\s+(?=\w+(?:n|en|et)\b)|om\s+(?=året\b))"
    r"(vecka|veckan|månad|månaden|år|året|termin|terminen|tertial|tertialet|"
    r"kvartal|kvartalet|dag|dagen|kväll|helg|helgen|halvår|halvåret|läsår)\b",
    re.IGNORECASE,
)
# A rate a few words after the unit: "30 timmar riktad närvaro per månad".
_LATER_PER = re.compile(
    r"(?:\s+[\wÅÄÖåäö-]+){1,3}?\s+(?:per|varje)\s+"
    r"(vecka|månad|år|termin|tertial|kvartal|dag|kväll|helg|halvår|läsår)\b"
    r"|(?:\s+[\wÅÄÖåäö-]+){1,3}?\s+i\s+(veckan|månaden|terminen)\b",
    re.IGNORECASE,
)
_PER_BASE = {
    "veckan": "vecka",
    "månaden": "månad",
    "året": "år",
    "terminen": "termin",
    "tertialet": "tertial",
    "kvartalet": "kvartal",
    "dagen": "dag",
    "helgen": "helg",
    "halvåret": "halvår",
}

# Words that end a noun phrase before it starts: after them there is no unit.
_STOP_WORDS = word_set(
    """
    och eller samt men att som i på av för med till från vid under över mot
    om per inom utan hos efter före mellan bland där då när så den det de en
    ett är var har hade ska skall kan kommer blev blir
    """
)
# "2–3 gånger per månad": times, counted in whatever the activity does.
TIMES = frozenset({"gång", "gånger", "ggr", "gg"})
_ADJECTIVES = word_set(
    """
    nya ny nytt olika andra annan annat egna egen eget fler flera stora stor
    stort större små liten litet mindre gemensamma gemensam extra sista
    första hela enskilda särskilda öppna digitala fysiska fasta tydliga
    kortare längre vanliga lokala regionala nationella sociala polisiära
    civila uniformerade kommunala mobila synliga trygghetsskapande
    brottsförebyggande förebyggande uppsökande återkommande kontinuerliga
    regelbundna ytterligare totalt sammanlagt mest flest mer mycket utsatta
    brottsutsatta otrygga
    """
)
_ADJECTIVE_SUFFIXES = ("ande", "ende", "ade", "iga", "liga", "ella", "ära", "iska")
# Units that measure time spans or ages: never a count of work done.
# Days and weeks count work only with a bound or a rate ("Sommarkul 8 veckor").
_SPAN_UNITS = word_set("dag dagar dagarna vecka veckor veckorna")
_DURATION_UNITS = word_set(
    """
    år års åren åring åringar åriga månad månader månaderna dygn
    """
)
# Countable events a follow-up reports; "en"/"ett" are read as 1 only before these.
_EVENT_STEMS = (
    "tillfäll",
    "sök",
    "möte",
    "möten",
    "träff",
    "besök",
    "insats",
    "kontroll",
    "vandring",
    "samtal",
    "kampanj",
    "utbildning",
    "aktivitet",
    "patrull",
    "pass",
    "kväll",
    "helg",
    "dag",
    "timme",
    "timmar",
    "dialog",
    "informationsmöte",
    "föreläsning",
    "workshop",
    "razzia",
    "tillsyn",
    "övning",
    "event",
    "evenemang",
    "gång",
)
_COMPLETION_BEFORE = re.compile(
    r"(?:genomfört|genomförts|genomfördes|genomförde|utfört|utförts|utfördes|"
    r"gjort|gjorts|gjordes|hållit|hållits|hölls|totalt|sammanlagt|antal|antalet)"
    r"(?:\s*:)?\s*(?:minst|ca\.?|cirka|drygt|omkring|totalt|sammanlagt)?\s*$",
    re.IGNORECASE,
)
DETERMINER_BEFORE = re.compile(
    r"\b(?:de|dessa|alla|båda|våra|sina|deras|dess|varje|var|vart)\s+$", re.IGNORECASE
)


@dataclass(slots=True)
class Quantity:
    """A count from a follow-up: value, unit (None when the text gives none), extras."""

    value: int | float
    unit: str | None
    high: int | float | None = None
    approximate: bool = False
    comparator: Comparator | None = None
    per: str | None = None


@dataclass(frozen=True, slots=True)
class UnitPhrase:
    """The unit after a number, where it ends, and a rate (`per`) with the end
    of the words that state it (`rate_end`, past `end` for "timmar riktad
    närvaro per månad")."""

    unit: str
    end: int
    per: str | None
    rate_end: int = -1

    @property
    def text_end(self) -> int:
        return max(self.end, self.rate_end)


def _is_adjective(word: str) -> bool:
    lower = word.lower()
    return lower in _ADJECTIVES or (
        len(lower) > 5 and lower.endswith(_ADJECTIVE_SUFFIXES)
    )


def _normalise_unit(word: str) -> str:
    if len(word) > 1 and word[0].isupper() and word[1:2].islower():
        return word[0].lower() + word[1:]
    return word


def unit_after(text: str, position: int) -> UnitPhrase | None:
    """The unit noun that follows a number ending at `position`, skipping "st" and
    adjectives ("riktade insatser" → "insatser"), or None when no noun follows."""
    count = _COUNT_WORD.match(text, position)
    if count:
        position = count.end()
    for _ in range(4):
        token = _TOKEN.match(text, position)
        if not token:
            return None
        word = token.group(1)
        lower = word.lower()
        if lower in _STOP_WORDS:
            return None
        if word.endswith("-"):
            # "fritids- och kulturaktiviteter": a coordinated compound.
            joined = _COORDINATION.match(text, token.end())
            if not joined:
                return None
            conjunction = joined.group("conj").lower()
            unit = f"{_normalise_unit(word)} {conjunction} {joined.group('word')}"
            end = joined.end()
        elif _is_adjective(word):
            position = token.end()
            continue
        else:
            unit, end = _normalise_unit(word), token.end()
        per = _PER.match(text, end)
        if per:
            base = per.group(1).lower()
            return UnitPhrase(unit=unit, end=per.end(), per=_PER_BASE.get(base, base))
        later = _LATER_PER.match(text, end)
        if later:
            base = (later.group(1) or later.group(2)).lower()
            return UnitPhrase(
                unit=unit,
                end=end,
                per=_PER_BASE.get(base, base),
                rate_end=later.end(),
            )
        return UnitPhrase(unit=unit, end=end, per=None)
    return None


def rate_after(text: str, position: int) -> UnitPhrase | None:
    """A bare rate right after a number ("Minst två per år"), with no unit, or
    None; the unit is left empty for the caller to fill in."""
    per = _PER.match(text, position)
    if per:
        base = per.group(1).lower()
        return UnitPhrase(unit="", end=per.end(), per=_PER_BASE.get(base, base))
    if not text[position:].strip(" .;:"):
        return UnitPhrase(unit="", end=position, per=None)
    return None


# Verbs that introduce what an activity does; the noun after them is its unit.
_DOING = re.compile(
    r"\b(?:genomför|genomföra|genomförs|anordna|anordnar|arrangera|arrangerar|"
    r"hålla|håller|ordna|ordnar|göra|gör|bjuda\s+in\s+till|erbjuda|erbjuder|"
    r"utföra|utför|delta\s+i|deltar\s+i)\s+",
    re.IGNORECASE,
)


# "Polis: …", "Kommunen: …": the party a line belongs to, as a label.
_OWNER_LABEL = re.compile(r"^\s*(\w+)\s*:\s*")


def head_noun(text: str) -> str | None:
    """The noun an activity counts: after its verb ("genomför riktade kontroller"
    → "kontroller"), or its first word when it starts with one
    ("Trygghetsvandringar i Vrigstad" → "trygghetsvandringar"); None if unclear."""
    label = _OWNER_LABEL.match(text)
    if label is not None and classify_party(label.group(1)) is not None:
        text = text[label.end() :]  # "Polis: Hundsök i skolan två gånger per år"
    doing = _DOING.search(text)
    position = doing.end() if doing else 0
    first = _TOKEN.match(text, position)
    if first and classify_party(first.group(1)) in ("polisen", "kommunen"):
        return None  # "Polis och kommun … tre gånger per vecka": who, not what
    for _ in range(3):
        token = _TOKEN.match(text, position)
        if not token:
            return None
        word = token.group(1)
        lower = word.lower()
        if lower in _STOP_WORDS or lower in TIMES or word.endswith("-"):
            return None
        if _is_adjective(word):
            position = token.end()
            continue
        if doing is None and lower.endswith(("a", "as", "es", "ts", "ds")):
            return None  # "Utreda …", "Träffas …": a verb, not a noun
        return _normalise_unit(word) if len(word) > 3 else None
    return None


def is_time_span(phrase: UnitPhrase, number: NumberMatch) -> bool:
    """Whether a number counts time rather than work: always for years and
    months, and for days and weeks unless bounded ("minst 2 dagar") or a rate."""
    unit = phrase.unit.lower()
    if unit in _DURATION_UNITS:
        return True
    return unit in _SPAN_UNITS and number.comparator is None and phrase.per is None


def is_event_unit(unit: str) -> bool:
    """Whether the unit names something that happens and is counted (a visit, a
    meeting, an hour)."""
    lower = unit.lower()
    return any(stem in lower for stem in _EVENT_STEMS)


def quantity_from(
    text: str, number: NumberMatch, *, default_unit: str | None = None
) -> Quantity | None:
    """The quantity one number expresses, or None when it is not a count."""
    if DETERMINER_BEFORE.search(text[max(0, number.start - 12) : number.start]):
        return None
    phrase = unit_after(text, number.end)
    if phrase is None:
        if number.weak:
            return None
        before = text[max(0, number.start - 40) : number.start]
        rest = text[number.end : number.end + 2].strip()
        if not _COMPLETION_BEFORE.search(before) or (rest and rest[0].isalnum()):
            return None
        return Quantity(
            value=number.value,
            unit=default_unit,
            high=number.high,
            approximate=number.approximate,
            comparator=number.comparator,
        )
    if is_time_span(phrase, number):
        return None
    if number.weak and not is_event_unit(phrase.unit):
        return None
    unit = phrase.unit
    if unit.lower() in TIMES:
        unit = default_unit or "gånger"
    return Quantity(
        value=number.value,
        unit=unit,
        high=number.high,
        approximate=number.approximate,
        comparator=number.comparator,
        per=phrase.per,
    )


def read_quantities(text: str, *, default_unit: str | None = None) -> list[Quantity]:
    """Every count with its unit in a follow-up text, in order.

    A bare number after "genomfört" ("Genomfört minst åtta") takes `default_unit`,
    normally the unit of the activity's target.
    """
    quantities = []
    for number in read_numbers(text):
        quantity = quantity_from(text, number, default_unit=default_unit)
        if quantity is not None:
            quantities.append(quantity)
    return quantities
