"""Targets in plan text: comparator, number and unit ("minst tio trafikkontroller").

The unit is the head noun after the number: adjectives are skipped, so "minst
tio underrättelsebaserade trafikkontroller" gives the unit "trafikkontroller".
A number in a clause that reports what was done ("minst 43 trafikkontroller
genomfördes") is an outcome, never a target.
"""

import re
from bisect import bisect_right
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
# A target is stated with its activity, not thousands of characters into it;
# reading no further bounds the work on a runaway paragraph.
MAX_TARGET_TEXT = 4000


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

    def is_outcome_at(self, position: int) -> bool:
        index = self.index_at(position)
        if index not in self.outcome:
            if index is None:
                clause = self.text
            else:
                start, end = self.spans[index]
                clause = self.text[start:end]
            self.outcome[index] = is_outcome(clause)  # type: ignore[index]
        return self.outcome[index]  # type: ignore[index]


def is_outcome(text: str) -> bool:
    """Whether the text reports something done rather than planning it."""
    return bool(_OUTCOME.search(text))


def read_targets(text: str) -> list[Target]:
    """All targets in a plan text, in order; outcomes and non-counts are left out.

    Only the first `MAX_TARGET_TEXT` characters are read.
    """
    if len(text) > MAX_TARGET_TEXT:
        text = text[:MAX_TARGET_TEXT].rsplit(None, 1)[0]
    targets: list[Target] = []
    clauses: _Clauses | None = None
    condition: str | None = None
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
        if clauses is None:
            clauses = _Clauses(text)
            condition = read_condition(text)
        if clauses.is_outcome_at(number.start):
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
