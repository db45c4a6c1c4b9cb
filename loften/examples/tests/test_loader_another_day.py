"""The example loaded on another day than the one the other loader tests share
(test_loader.py): a module of its own, so that its database holds only what
this load makes."""

import datetime

import pytest

from loften.examples.loader import example_data_load
from loften.testing.examples import indicator_values as _values

pytestmark = pytest.mark.django_db


def test_indicator_values_are_for_the_years_before_the_promise_and_labelled():
    example_data_load(today=datetime.date(2025, 3, 10))
    label = "Exempeldata"
    # The safety survey of 2025 is not out in March, so this year has none yet.
    assert _values("exempel-nassjo-2025", "Andel boende") == [
        (2022, label),
        (2023, label),
        (2024, label),
    ]
    # Last year's promise also has its own year's survey result.
    assert _values("exempel-nassjo-2024", "Andel boende") == [
        (2021, label),
        (2022, label),
        (2023, label),
        (2024, label),
    ]
    # Reported crime is counted for whole years; the drug survey every other year.
    assert [y for y, _ in _values("exempel-nassjo-2025", "Anmälda")] == [
        2022,
        2023,
        2024,
    ]
    assert [y for y, _ in _values("exempel-nassjo-2025", "Andel elever")] == [
        2022,
        2024,
    ]
