"""Pure target-against-actual rules."""

import pytest

from loften.followups import progress
from loften.followups.progress import (
    PeriodRef,
    Verdict,
    achieved_towards_target,
    behind_schedule,
    progress_share,
    target_met,
    target_verdict,
    verdict,
)

T1, T2, T3 = (
    PeriodRef(1, 2026, "tertial", 1),
    PeriodRef(2, 2026, "tertial", 2),
    PeriodRef(3, 2026, "tertial", 3),
)
YEAR = PeriodRef(4, 2026, "year", 0)
NEXT_T1 = PeriodRef(5, 2027, "tertial", 1)
PERIODS = [T1, T2, T3, YEAR, NEXT_T1]


@pytest.mark.parametrize(
    ("comparator", "target", "achieved", "expected"),
    [
        ("at_least", 4, 4, True),
        ("at_least", 4, 3, False),
        ("at_most", 2, 3, False),
        ("at_most", 2, 0, True),
        ("exactly", 5, 5, True),
        ("exactly", 5, 6, False),
        ("at_least", 4, None, None),
        ("at_least", None, 4, None),
        ("", 4, 4, None),
    ],
)
def test_target_met(comparator, target, achieved, expected):
    assert target_met(comparator, target, achieved) is expected


def test_unknown_comparator_is_an_error():
    with pytest.raises(ValueError, match="unknown comparator"):
        target_met("about", 4, 4)


def test_per_period_targets_compare_each_period_alone():
    quantities = {1: 8, 2: 5}
    assert (
        achieved_towards_target(
            scope="per_period", period=T2, periods=PERIODS, quantities=quantities
        )
        == 5
    )


def test_per_year_targets_accumulate_within_the_year():
    quantities = {1: 1, 2: 2, 3: 1, 5: 3}
    assert (
        achieved_towards_target(
            scope="per_year", period=T2, periods=PERIODS, quantities=quantities
        )
        == 3
    )
    assert (
        achieved_towards_target(
            scope="per_year", period=NEXT_T1, periods=PERIODS, quantities=quantities
        )
        == 3
    )


def test_the_whole_year_uses_its_own_figure_or_else_the_sum():
    quantities = {1: 1, 2: 2, 3: 1}
    assert (
        achieved_towards_target(
            scope="per_year", period=YEAR, periods=PERIODS, quantities=quantities
        )
        == 4
    )
    quantities[4] = 10
    assert (
        achieved_towards_target(
            scope="per_year", period=YEAR, periods=PERIODS, quantities=quantities
        )
        == 10
    )


def test_whole_promise_targets_accumulate_across_years():
    quantities = {1: 1, 2: 2, 3: 1, 5: 3}
    assert (
        achieved_towards_target(
            scope="whole_promise",
            period=NEXT_T1,
            periods=PERIODS,
            quantities=quantities,
        )
        == 7
    )


def test_nothing_reported_for_the_period_gives_none():
    assert (
        achieved_towards_target(
            scope="per_year", period=T3, periods=PERIODS, quantities={1: 2}
        )
        is None
    )


@pytest.mark.parametrize(
    ("target", "achieved", "share"),
    [(4, 3, 0.75), (4, 9, 1.0), (0, 0, 1.0), (4, None, None), (None, 3, None)],
)
def test_progress_share_is_capped(target, achieved, share):
    assert progress_share(target, achieved) == share


@pytest.mark.parametrize(
    ("comparator", "target", "achieved", "share", "behind"),
    [
        ("at_least", 12, 3, 0.5, True),  # 6 expected by half time
        ("at_least", 12, 6, 0.5, False),
        ("at_least", 4, 0, 0.2, False),  # 0.8 expected: rounded down, not behind
        ("at_least", 4, 0, 0.3, True),
        ("exactly", 10, 9, 1.0, True),
        ("at_most", 2, 0, 1.0, False),  # a limit is never behind
        ("at_least", None, 0, 1.0, False),
        ("at_least", 4, 3, 1.5, True),  # the share is capped at the whole
    ],
)
def test_behind_schedule(comparator, target, achieved, share, behind):
    assert (
        behind_schedule(
            comparator=comparator, target=target, achieved=achieved, elapsed_share=share
        )
        is behind
    )


def _tertials(year=2026, with_year=True):
    refs = [progress.PeriodRef(n, year, "tertial", n) for n in (1, 2, 3)]
    if with_year:
        refs.append(progress.PeriodRef(4, year, "year", 0))
    return refs


def test_a_per_period_figure_is_always_final():
    periods = _tertials()
    assert progress.figure_is_final(
        scope="per_period", period=periods[0], periods=periods
    )


def test_a_yearly_figure_is_final_at_the_years_last_period_or_summary():
    t1, t2, t3, year = _tertials()
    periods = [t1, t2, t3, year]
    assert not progress.figure_is_final(scope="per_year", period=t2, periods=periods)
    assert progress.figure_is_final(scope="per_year", period=t3, periods=periods)
    assert progress.figure_is_final(scope="per_year", period=year, periods=periods)


def test_a_whole_promise_figure_is_final_only_at_its_last_period():
    first = _tertials(2026)
    second = [progress.PeriodRef(10 + p.id, 2027, p.kind, p.number) for p in first]
    periods = first + second
    assert not progress.figure_is_final(
        scope="whole_promise", period=first[3], periods=periods
    )
    assert progress.figure_is_final(
        scope="whole_promise", period=second[2], periods=periods
    )


@pytest.mark.parametrize(
    ("comparator", "met", "final", "expected"),
    [
        ("at_least", True, False, True),
        ("at_least", False, True, False),
        ("at_most", True, False, False),
        ("at_most", True, True, True),
        ("exactly", True, False, False),
        ("exactly", True, True, True),
        ("exactly", None, True, False),
    ],
)
def test_met_for_good(comparator, met, final, expected):
    assert progress.met_for_good(comparator, met, final) is expected


@pytest.mark.parametrize(
    ("comparator", "achieved", "final", "expected"),
    [
        ("at_least", 4, False, Verdict.MET),  # reached: later periods only add
        ("at_least", 3, False, Verdict.NOT_YET),
        ("at_least", 3, True, Verdict.NOT_MET),
        ("at_most", 1, False, Verdict.WITHIN_SO_FAR),
        ("at_most", 4, False, Verdict.WITHIN_SO_FAR),
        ("at_most", 4, True, Verdict.MET),
        ("at_most", 5, False, Verdict.NOT_MET),  # over the limit for good
        ("exactly", 3, False, Verdict.NOT_YET),
        ("exactly", 3, True, Verdict.NOT_MET),
        ("exactly", 4, False, Verdict.REACHED_SO_FAR),
        ("exactly", 4, True, Verdict.MET),
        ("exactly", 5, False, Verdict.EXCEEDED),  # a running sum cannot come back
        ("exactly", 5, True, Verdict.EXCEEDED),
    ],
)
def test_the_verdict_follows_the_comparator_and_whether_the_figure_is_final(
    comparator, achieved, final, expected
):
    assert verdict(comparator, 4, achieved, final=final) == expected


def test_an_unknown_target_or_figure_has_no_verdict():
    assert (
        target_verdict(comparator="at_most", target=4, achieved=None, final=True)
        is None
    )
    assert target_verdict(comparator="", target=None, achieved=3, final=True) is None
    assert (
        target_verdict(comparator="at_most", target=4, achieved=3, final=False)
        == Verdict.WITHIN_SO_FAR
    )
