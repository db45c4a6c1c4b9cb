"""Targets in plan text: comparator, number and unit ("minst tio trafikkontroller").

The unit is the head noun after the number: adjectives are skipped, so "minst
tio underrättelsebaserade trafikkontroller" gives the unit "trafikkontroller".
A number in a clause that reports what was done ("minst 43 trafikkontroller
genomfördes") is an outcome, never a target.
"""

import re
from dataclasses import dataclass
from typing import Literal

from .numbers import read_numbers
from .quantities import is_event_unit, is_time_span, unit_after

TargetComparator = Literal["at_least", "at_most", "exactly"]

_OUTCOME = re.compile(
    r"\b(?:genomfördes|genomförts|genomförde|har\s+genomfört|genomfört|utfördes|utförts|"
    r"utförde|har\s+utfört|gjordes|gjorts|har\s+gjort|hölls|hållits|skedde|skett|"
    r"ägde\s+rum|deltog|har\s+deltagit|besökte|har\s+besökt|blev|har\s+varit|"
    r"har\s+haft|anordnades|arrangerades|har\s+anordnat|har\s+arrangerat|"
    r"kontrollerades|rapporterades|uppgick|landade|nåddes|har\s+nått)\b",
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
_CLAUSE = re.compile(r"[^.;!?]+[.;!?]?")


@dataclass(slots=True)
class Target:
    """A numeric target: comparator, value and unit, with optional extras.

    `high` is the upper end of a range target ("2–3 träffar", read as at least
    2); `per` a rate ("per vecka"); `condition` a proviso kept as written
    ("om läget medger").
    """

    comparator: TargetComparator
    value: int | float
    unit: str
    high: int | float | None = None
    per: str | None = None
    condition: str | None = None
    approximate: bool = False


def _clauses(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _CLAUSE.finditer(text)]


def is_outcome(text: str) -> bool:
    """Whether the text reports something done rather than planning it."""
    return bool(_OUTCOME.search(text))


def read_targets(text: str) -> list[Target]:
    """All targets in a plan text, in order; outcomes and non-counts are left out."""
    targets: list[Target] = []
    clauses = _clauses(text)
    condition_match = _CONDITION.search(text)
    condition = condition_match.group(0) if condition_match else None
    for number in read_numbers(text):
        phrase = unit_after(text, number.end)
        if phrase is None:
            continue
        comparator: TargetComparator = number.comparator or "exactly"
        if is_time_span(phrase, number):
            continue
        if number.weak and not is_event_unit(phrase.unit):
            continue
        if number.high is not None and comparator == "exactly":
            comparator = "at_least"
        clause = next(
            (text[start:end] for start, end in clauses if start <= number.start < end),
            text,
        )
        if is_outcome(clause):
            continue
        targets.append(
            Target(
                comparator=comparator,
                value=number.value,
                unit=phrase.unit,
                high=number.high,
                per=phrase.per,
                condition=condition,
                approximate=number.approximate,
            )
        )
    return targets


def read_target(text: str) -> Target | None:
    """The first target in a plan text ("minst fyra samverkansmöten" → at least 4
    samverkansmöten), or None."""
    targets = read_targets(text)
    return targets[0] if targets else None


def read_condition(text: str) -> str | None:
    """A proviso such as "om läget medger" or "vid behov", as written, or None."""
    match = _CONDITION.search(text)
    return match.group(0) if match else None
