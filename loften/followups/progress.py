"""Target against actual: pure rules shared by the editors' screens, the public
pages, reports and open data. The one place that decides whether a target is
met, within so far, behind or missed (`target_verdict`)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

AT_LEAST = "at_least"
AT_MOST = "at_most"
EXACTLY = "exactly"

PER_PERIOD = "per_period"
PER_YEAR = "per_year"
WHOLE_PROMISE = "whole_promise"


def target_met(
    comparator: str, target: int | None, achieved: int | None
) -> bool | None:
    """Whether `achieved` satisfies the target; None when either is unknown."""
    if target is None or achieved is None or not comparator:
        return None
    if comparator == AT_LEAST:
        return achieved >= target
    if comparator == AT_MOST:
        return achieved <= target
    if comparator == EXACTLY:
        return achieved == target
    raise ValueError(f"unknown comparator {comparator!r}")


@dataclass(frozen=True)
class PeriodRef:
    """What progress needs to know of a period: which year, kind and number."""

    id: int
    year: int
    kind: str
    number: int


def achieved_towards_target(
    *,
    scope: str,
    period: PeriodRef,
    periods: Sequence[PeriodRef],
    quantities: Mapping[int, int | None],
) -> int | None:
    """The quantity to compare with the target at `period`.

    Per period: that period's quantity. Per year: the sum over the year's periods up
    to and including this one (a whole-year period uses its own figure when given,
    otherwise the sum of the year). For the whole promise: the running sum so far.
    None when nothing has been reported for `period`.
    """
    own = quantities.get(period.id)
    if scope == PER_PERIOD:
        return own
    if period.kind == "year" and own is not None and scope == PER_YEAR:
        return own
    sub_periods = [
        p
        for p in periods
        if p.kind != "year"
        and (p.year, p.number) <= (period.year, period.number or 99)
        and (scope == WHOLE_PROMISE or p.year == period.year)
    ]
    if period.kind == "year":
        reported = [quantities.get(p.id) for p in sub_periods]
        if all(value is None for value in reported):
            return own
        return sum(value or 0 for value in reported)
    if own is None:
        return None
    return sum(quantities.get(p.id) or 0 for p in sub_periods)


def figure_is_final(
    *, scope: str, period: PeriodRef, periods: Sequence[PeriodRef]
) -> bool:
    """Whether nothing after `period` adds to the figure compared with the target:
    the target's span (the period, its year or the whole promise) has no reporting
    period after it. `periods` are all the periods the promise reports on."""
    if scope == PER_PERIOD:
        return True

    def position(p: PeriodRef) -> tuple[int, int]:
        # A whole year sums up the year, so it comes after the year's last period.
        return (p.year, 99 if p.kind == "year" else p.number)

    later = [p for p in periods if p.kind != "year" and position(p) > position(period)]
    if scope == PER_YEAR:
        return not any(p.year == period.year for p in later)
    return not later


class Verdict:
    """What a figure says about its target, honestly for a running sum.

    A figure that later periods still add to is not final: an "at least" target
    reached is met for good, but "at most" is only kept so far, and "exactly"
    only reached so far, until the last period the target counts over.
    """

    MET = "met"
    NOT_MET = "not_met"  # final: short of it, or over an "at most" limit
    NOT_YET = "not_yet"  # short of an "at least" or "exactly" target, not final
    WITHIN_SO_FAR = "within_so_far"  # "at most", kept so far, not final
    REACHED_SO_FAR = "reached_so_far"  # "exactly", equal so far, not final
    EXCEEDED = "exceeded"  # "exactly", over it: a running sum cannot come back


def verdict(comparator: str, target: int, achieved: int, *, final: bool) -> str:
    """The Verdict of `achieved` against the target; `final` when nothing later
    adds to the figure. Quantities are never negative, so a sum only grows."""
    if comparator == AT_LEAST:
        if achieved >= target:
            return Verdict.MET
        return Verdict.NOT_MET if final else Verdict.NOT_YET
    if comparator == AT_MOST:
        if achieved > target:
            return Verdict.NOT_MET
        return Verdict.MET if final else Verdict.WITHIN_SO_FAR
    if comparator == EXACTLY:
        if achieved > target:
            return Verdict.EXCEEDED
        if achieved == target:
            return Verdict.MET if final else Verdict.REACHED_SO_FAR
        return Verdict.NOT_MET if final else Verdict.NOT_YET
    raise ValueError(f"unknown comparator {comparator!r}")


def target_verdict(
    *, comparator: str, target: int | None, achieved: int | None, final: bool
) -> str | None:
    """The Verdict of a figure against a target, or None when the target or the
    figure is unknown. The public pages, reports and the editors' screens all
    say this; open data gives its two facts, `target_met` and `target_final`."""
    if target is None or achieved is None or not comparator:
        return None
    return verdict(comparator, target, achieved, final=final)


def met_for_good(comparator: str, met: bool | None, final: bool) -> bool:
    """Whether a figure counts as a target met: an "at least" target reached is
    met whatever comes later; "at most" and "exactly" only when the figure is final
    (a running sum can still pass them)."""
    return bool(met) and (final or comparator == AT_LEAST)


def progress_share(target: int | None, achieved: int | None) -> float | None:
    """How much of the target is reached, from 0.0 to 1.0, for progress bars."""
    if target is None or achieved is None:
        return None
    if target == 0:
        return 1.0
    return max(0.0, min(1.0, achieved / target))


def behind_schedule(
    *, comparator: str, target: int | None, achieved: int, elapsed_share: float
) -> bool:
    """Whether `achieved` is short of where an at-least or exactly target should
    be after `elapsed_share` (0.0–1.0) of the time the target applies to.

    At-most targets are limits, never behind. The expected figure is rounded down,
    so one occurrence early in a period is not yet "behind".
    """
    if target is None or comparator not in {AT_LEAST, EXACTLY}:
        return False
    share = max(0.0, min(1.0, elapsed_share))
    return achieved < int(target * share)


def implausibly_large(
    *,
    quantity: int | None,
    target: int | None,
    scope: str,
    periods_per_year: int,
    times: int,
) -> int | None:
    """The year's target when one entry's `quantity` is more than `times` the
    whole year's target (a likely typing mistake), else None. A per-period
    target counts once per period of the year; a target for the whole
    promise is compared as it is."""
    if quantity is None or not target:
        return None
    yearly = target * periods_per_year if scope == PER_PERIOD else target
    return yearly if quantity > yearly * times else None
