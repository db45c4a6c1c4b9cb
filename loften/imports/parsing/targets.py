"""Targets in plan text: comparator, number and unit ("minst tio trafikkontroller").

The unit is the head noun after the number: adjectives are skipped, so "minst
tio underrättelsebaserade trafikkontroller" gives the unit "trafikkontroller".
A number in a clause that reports what was done ("minst 43 trafikkontroller
genomfördes") is an outcome, never a target.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from .numbers import read_numbers
from .party_words import classify_party
from .quantities import (
    DETERMINER_BEFORE,
    TIMES,
    head_noun,
    is_event_unit,
    is_time_span,
    rate_after,
    unit_after,
)
from .text import one_line

TargetComparator = Literal["at_least", "at_most", "exactly"]

_OUTCOME = re.compile(
    r"\b(?:genomfördes|genomförts|genomförde|genomfört|utfördes|utförts|"
    r"utförde|gjordes|gjorts|hölls|hållits|skedde|skett|"
    r"ägde\s+rum|deltog|besökte|blev|anordnades|arrangerades|"
    r"kontrollerades|rapporterades|uppgick|landade|nåddes|"
    # Statistics: "Under 2017 anmäldes 450 brott", "mätningen visar att 28 %".
    r"anmäldes|anmälts|polisanmäldes|registrerades|registrerats|visar|visade|"
    r"utfärdats|utfärdades|rapporterats|påträffats|upptäckts|stoppats|"
    r"kontrollerats|beslagtagits|lagförts"
    # "har genomfört", also "har under året varit på plats".
    r"|har\s+(?:(?!att\b)\w+\s+){0,2}?(?:genomfört|utfört|gjort|deltagit|besökt|"
    r"varit|haft|anordnat|arrangerat|nått|rapporterat|skrivit|utfärdat|påträffat|"
    r"kontrollerat|stoppat|lagfört|beslagtagit|närvarat|jobbat))\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:om\s+(?:läget|situationen|resurserna|resurser|tiden)\s+(?:så\s+)?"
    r"(?:medger|tillåter|finns)|om\s+möjligt|om\s+det\s+är\s+möjligt|"
    r"när\s+det\s+är\s+möjligt|vid\s+behov|i\s+mån\s+av\s+(?:tid|resurser)|"
    r"om\s+behov\s+finns|när\s+behov\s+finns|så\s+långt\s+(?:det\s+är\s+)?möjligt|"
    r"beroende\s+på\s+\w+)\b",
    re.IGNORECASE,
)
# "drygt 1 500 timmar av de 4 000 utlovade": done so far, of the number promised.
_OF_PROMISED = re.compile(
    r"\b\d[\d \u00a0]*\s+(?P<unit>[a-zåäö]+)\s+av\s+(?:de\s+)?(?:totalt\s+)?"
    r"(?P<goal>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s+(?:utlovade|lovade|planerade)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.;!?]+[.;!?]?")
# A total for the whole promise rather than a yearly figure: "under 2020–2021
# minst 8", "totalt under perioden", "under löftets två år".
_WHOLE_PROMISE = re.compile(
    r"\b(?:under|för)\s+(?:hela\s+)?(?:löftes|avtals|medborgarlöftes)?perioden\b"
    r"|\b(?:under|för)\s+hela\s+(?:medborgar)?löftet\b"
    r"|\b(?:totalt|sammanlagt|sammantaget)\s+under\b"
    r"|\bunder\s+(?:(?:de|löftets|dessa)\s+)?(?:två|tre|fyra|2|3|4)\s+(?:\(\w+\)\s+)?år(?:en)?\b"
    r"|\b(?:under|för)\s+(?:åren\s+)?(?:19|20)\d{2}\s*(?:[-–/]|till)\s*(?:19|20)?\d{2}\b",
    re.IGNORECASE,
)
# "varje vecka", "minst varje termin", "varje onsdag": once per that span.
_EVERY_SPAN = re.compile(
    r"(?:\b(?P<least>minst)\s+)?\bvarje\s+(?P<span>vecka|månad|år|termin|skoltermin|"
    r"tertial|kvartal|halvår|läsår|kväll|helg|måndag|tisdag|onsdag|torsdag|fredag|"
    r"lördag|söndag)\b",
    re.IGNORECASE,
)
_EVERY_SPAN_BASE = {"skoltermin": "termin", "lördag": "vecka", "söndag": "vecka"}
# Rates a target can be kept with: per reporting period or per year.
PERIOD_RATES = frozenset({"tertial", "kvartal", "år"})
# A target is stated with its activity, not thousands of characters into it;
# reading no further bounds the work on a runaway paragraph.
MAX_TARGET_TEXT = 4000
# "… varav fyra i anslutning till skolområden": a share of the target before it.
_OF_WHICH = re.compile(r"\bvarav\s+$", re.IGNORECASE)
_PART_END = re.compile(r"[.;,]|$")


@dataclass(slots=True)
class Target:
    """A numeric target: comparator, value and unit, with optional extras.

    `high` is the upper end of a range target ("2–3 träffar", read as at least
    2); `per` a rate ("per vecka"); `condition` a proviso kept as written
    ("om läget medger"); `whole_promise` a total for the promise's whole period
    ("under 2020–2021 minst 8"); `text` the target as written ("minst 1
    kontakt/vecka").
    """

    comparator: TargetComparator
    value: int | float
    unit: str
    high: int | float | None = None
    per: str | None = None
    condition: str | None = None
    approximate: bool = False
    whole_promise: bool = False
    text: str = ""
    # Shares of the target: "minst tolv trafikinsatser, varav fyra vid skolor".
    parts: list["Target"] = field(default_factory=list)

    @property
    def has_period_rate(self) -> bool:
        """Whether the rate, if any, is per tertial, quarter or year."""
        return self.per is None or self.per in PERIOD_RATES


class _Clauses:
    """The clauses of a text, found once, with whether each reports an outcome
    worked out at most once: a long paragraph with many numbers stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [match.span() for match in _CLAUSE.finditer(text)]
        self.starts = [start for start, _ in self.spans]
        self.outcome: dict[int, bool] = {}

    def index_at(self, position: int) -> int | None:
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.spans[index][1]:
            return index
        return None

    def clause_at(self, position: int) -> str:
        index = self.index_at(position)
        if index is None:
            return self.text
        start, end = self.spans[index]
        return self.text[start:end]

    def is_outcome_at(self, position: int) -> bool:
        index = self.index_at(position)
        if index not in self.outcome:
            self.outcome[index] = is_outcome(self.clause_at(position))  # type: ignore[index]
        return self.outcome[index]  # type: ignore[index]


def is_outcome(text: str) -> bool:
    """Whether the text reports something done rather than planning it."""
    return bool(_OUTCOME.search(text))


def read_targets(text: str, *, default_unit: str | None = None) -> list[Target]:
    """All targets in a plan text, in order; outcomes and non-counts are left out.

    "Gånger" (times) counts what the activity does ("genomför kontroller 2–3
    gånger per månad" → kontroller); `default_unit` is the unit of a number with
    none ("Minst två per år" in a target column). Only the first
    `MAX_TARGET_TEXT` characters are read.
    """
    if len(text) > MAX_TARGET_TEXT:
        text = text[:MAX_TARGET_TEXT].rsplit(None, 1)[0]
    targets: list[Target] = []
    clauses: _Clauses | None = None
    condition: str | None = None
    promised = _OF_PROMISED.search(text)
    if promised is not None:
        # "1 500 timmar av de 4 000 utlovade": the promised number is the target,
        # the first one what was done so far.
        targets.append(
            Target(
                comparator="exactly",
                value=int(re.sub(r"\D", "", promised.group("goal"))),
                unit=promised.group("unit"),
                condition=read_condition(text),
                text=one_line(promised.group(0)),
            )
        )
    for number in read_numbers(text):
        if promised is not None and promised.start() <= number.start < promised.end():
            continue
        if number.deadline:
            continue  # "inom 24 timmar" is a time limit, not a count of work
        if DETERMINER_BEFORE.search(text[max(0, number.start - 12) : number.start]):
            continue  # "de 10 mest brottsutsatta adresserna" says which, not how many
        phrase = unit_after(text, number.end)
        unit = phrase.unit if phrase else None
        window = max(0, number.lead - 12)
        of_which = _OF_WHICH.search(text[window : number.lead]) if targets else None
        if of_which is not None:
            # "Minst tolv trafikinsatser … varav fyra i anslutning till
            # skolområden": how many of the target go to one place or kind; the
            # unit is the target's unless the share names its own.
            part_of = targets[-1]
            end = _PART_END.search(text, number.end)
            part_of.parts.append(
                Target(
                    comparator=number.comparator or "exactly",
                    value=number.value,
                    unit=unit or part_of.unit,
                    approximate=number.approximate,
                    text=one_line(
                        text[window + of_which.start() : end.start() if end else None]
                    ),
                )
            )
            continue
        if phrase is None and default_unit and not number.weak:
            phrase = rate_after(text, number.end)
            unit = default_unit
        elif unit is not None and unit.lower() in TIMES:
            unit = head_noun(text[: number.lead]) or default_unit or "gånger"
        if phrase is None or not unit:
            continue
        comparator: TargetComparator = number.comparator or "exactly"
        if is_time_span(phrase, number):
            continue
        if number.weak and not is_event_unit(phrase.unit):
            continue
        if number.high is not None and comparator == "exactly":
            comparator = "at_least"
        if clauses is None:
            clauses = _Clauses(text)
            condition = read_condition(text)
        if clauses.is_outcome_at(number.start):
            continue
        value = number.value
        if number.strict and isinstance(value, int):
            # "fler än 15" is at least 16; "färre än 3" at most 2.
            value = value + 1 if comparator == "at_least" else max(value - 1, 0)
        whole = phrase.per is None and bool(
            _WHOLE_PROMISE.search(clauses.clause_at(number.start))
        )
        targets.append(
            Target(
                comparator=comparator,
                value=value,
                unit=unit,
                high=number.high,
                per=phrase.per,
                condition=condition,
                approximate=number.approximate,
                whole_promise=whole,
                text=one_line(text[number.lead : phrase.text_end]),
            )
        )
    if not targets:
        every = _every_span_target(text[:MAX_TARGET_TEXT])
        if every is not None:
            targets.append(every)
    return targets


def _every_span_target(text: str) -> Target | None:
    """A frequency without a number: "varje vecka", "minst varje termin",
    "varje onsdag" (once a week), as one per that span."""
    match = _EVERY_SPAN.search(text)
    if match is None or is_outcome(text):
        return None
    unit = head_noun(text[: match.start()])
    if unit is None or classify_party(unit) is not None:
        unit = "tillfällen"  # "Polisen ska patrullera varje vecka": times it is done
    span = match.group("span").lower()
    per = _EVERY_SPAN_BASE.get(span, "vecka" if span.endswith("dag") else span)
    return Target(
        comparator="at_least" if match.group("least") else "exactly",
        value=1,
        unit=unit,
        per=per,
        condition=read_condition(text),
        text=one_line(match.group(0)),
    )


def read_target(text: str, *, default_unit: str | None = None) -> Target | None:
    """The first target in a plan text ("minst fyra samverkansmöten" → at least 4
    samverkansmöten), or None."""
    targets = read_targets(text, default_unit=default_unit)
    return targets[0] if targets else None


def read_condition(text: str) -> str | None:
    """A proviso such as "om läget medger" or "vid behov", as written, or None."""
    match = _CONDITION.search(text)
    return match.group(0) if match else None
