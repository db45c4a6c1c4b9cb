"""A log entry far above the whole year's target is flagged (pure rules)."""

import pytest

from loften.followups.periods import periods_per_year
from loften.followups.progress import implausibly_large


@pytest.mark.parametrize(
    ("cadence", "count"), [("tertial", 3), ("quarter", 4), ("year", 1)]
)
def test_periods_per_year(cadence, count):
    assert periods_per_year(cadence) == count


@pytest.mark.parametrize(
    ("quantity", "target", "scope", "flagged"),
    [
        (41, 4, "per_year", 4),  # more than ten years' worth in one entry
        (40, 4, "per_year", None),
        (121, 4, "per_period", 12),  # three tertials of 4
        (120, 4, "per_period", None),
        (5000, None, "per_year", None),  # no target to compare with
        (5000, 0, "per_year", None),
        (None, 4, "per_year", None),
        (41, 4, "whole_promise", 4),
    ],
)
def test_an_entry_far_above_the_years_target_is_flagged(
    quantity, target, scope, flagged
):
    assert (
        implausibly_large(
            quantity=quantity,
            target=target,
            scope=scope,
            periods_per_year=3,
            times=10,
        )
        == flagged
    )
