"""From a parse result to the values of a draft promise. Pure; no database.

These rules decide what the review form offers first and what the command line
saves: which focus area a name means, which configured status a status category
becomes, which quantity counts against the target, the cadence
that fits the periods found, and which source blocks a warning quotes.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from loften.followups.periods import QUARTER, TERTIAL, YEAR
from loften.organisations.names import normalise

# Rates in a target ("per tertial") that match a reporting period of a cadence.
_PERIOD_RATES = {TERTIAL: "tertial", QUARTER: "kvartal"}


def match_focus_area(
    name: str | None, focus_areas: Sequence[tuple[int, str]]
) -> int | None:
    """The id of the focus area called `name` (case does not matter), or None."""
    if not name:
        return None
    key = normalise(name)
    return next((pk for pk, label in focus_areas if normalise(label) == key), None)


def status_for_category(
    category: str | None, statuses: Sequence[tuple[int, str]]
) -> int | None:
    """The first configured status (in their order) of `category`, or None."""
    if not category:
        return None
    return next((pk for pk, kind in statuses if kind == category), None)


def whole_number(value: Any) -> int | None:
    """A count as a whole, non-negative number; None for fractions and the like."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def format_quantity(quantity: dict[str, Any]) -> str:
    """A found quantity as a reader would write it: "ca 23 tillfällen"."""
    value = quantity.get("value")
    number = whole_number(value)
    text = str(number) if number is not None else str(value).replace(".", ",")
    if quantity.get("high") is not None:
        high = whole_number(quantity["high"])
        text += f"–{high if high is not None else quantity['high']}"
    if quantity.get("approximate"):
        text = f"ca {text}"
    if quantity.get("unit"):
        text += f" {quantity['unit']}"
    return text


def choose_quantity(
    quantities: Sequence[dict[str, Any]], target_unit: str | None
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The quantity that counts against the target, and the others.

    The first whose unit is the target's unit, else the first with a whole
    number; the rest are returned for showing beside it.
    """
    usable = [q for q in quantities if whole_number(q.get("value")) is not None]
    chosen = None
    if target_unit:
        unit = normalise(target_unit)
        chosen = next(
            (q for q in usable if normalise(q.get("unit") or "") == unit), None
        )
    if chosen is None and usable:
        chosen = usable[0]
    return chosen, [q for q in quantities if q is not chosen]


def cadence_for_periods(codes: Iterable[str]) -> str:
    """The follow-up cadence that the periods found fit: tertials when any tertial
    was found (or more tertials than quarters), quarters, else years. A document
    with no follow-ups gets the usual tertials."""
    codes = list(codes)
    tertials = sum(code.startswith("T") for code in codes)
    quarters = sum(code.startswith("Q") for code in codes)
    if tertials or quarters:
        return TERTIAL if tertials >= quarters else QUARTER
    return YEAR if codes else TERTIAL


def period_fits_cadence(code: str, cadence: str) -> bool:
    """Whether a promise followed up per `cadence` reports on period `code`."""
    if code == "year":
        return True
    return (code.startswith("T") and cadence == TERTIAL) or (
        code.startswith("Q") and cadence == QUARTER
    )


def period_key(code: str) -> tuple[str, int]:
    """(kind, number) of a period code: ("tertial", 2) for "T2", ("year", 0)."""
    if code == "year":
        return YEAR, 0
    return (TERTIAL if code.startswith("T") else QUARTER), int(code[1:])


def target_scope_for(
    per: str | None, cadence: str, *, whole_promise: bool = False
) -> str | None:
    """What a target applies to: per reporting period when its rate is the
    cadence's period ("minst två per tertial"), per year for a yearly rate or
    none, the whole promise for a total over it ("under 2020–2021 minst 8"),
    and None for a rate no scope can hold ("1 kontakt/vecka", "per tertial"
    in a promise followed up per quarter): its number would change meaning."""
    if per is None:
        return "whole_promise" if whole_promise else "per_year"
    if per == "år":
        return "per_year"
    if _PERIOD_RATES.get(cadence) == per:
        return "per_period"
    return None


def document_years(result: dict[str, Any]) -> list[int]:
    """The years a draft should cover: the promise's years and any year a
    follow-up is dated to, ascending."""
    years = set(result.get("years") or [])
    for activity in result.get("activities") or []:
        for followup in activity.get("followups") or []:
            if followup.get("year"):
                years.add(followup["year"])
    return sorted(years)


def quoted_blocks(warnings: Sequence[str], texts: Sequence[str]) -> set[int]:
    """Indexes of the source blocks that a warning quotes, for highlighting.

    Warnings quote the start of the text they could not place; a block counts
    when the first 40 characters of its text appear in a warning.
    """
    if not warnings:
        return set()
    haystack = "\n".join(" ".join(warning.split()) for warning in warnings)
    found = set()
    for index, text in enumerate(texts):
        key = " ".join(text.split())[:40]
        if len(key) >= 12 and key in haystack:
            found.add(index)
    return found
