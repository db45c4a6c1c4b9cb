"""The one rule set for an activity's values, with plain inputs."""

import pytest
from django.utils import translation

from loften.promises.rules import activity_problems


def problems(**values):
    given = {
        "responsible_police": True,
        "responsible_municipality": False,
        "partner_count": 0,
        "target_comparator": "",
        "target_value": None,
        "target_unit": "",
    }
    with translation.override("en"):
        return activity_problems(**(given | values))


def test_complete_values_have_no_problem():
    assert problems() == {}
    assert (
        problems(target_comparator="at_least", target_value=4, target_unit="st") == {}
    )


@pytest.mark.parametrize(
    "responsible",
    [
        {"responsible_police": True},
        {"responsible_police": False, "responsible_municipality": True},
        {"responsible_police": False, "partner_count": 1},
    ],
)
def test_any_party_may_be_responsible(responsible):
    assert "responsible_police" not in problems(**responsible)


def test_someone_must_be_responsible():
    assert problems(responsible_police=False) == {
        "responsible_police": [
            "Name who is responsible: the police, the municipality or a partner."
        ]
    }


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"target_comparator": "at_most"},
            "target_value",
            "Give the number the target counts.",
        ),
        (
            {"target_value": 4},
            "target_comparator",
            "Say whether the target is at least, at most or exactly.",
        ),
        (
            {"target_unit": "kontroller"},
            "target_value",
            "Give the number and the comparison, or no unit.",
        ),
    ],
)
def test_a_target_has_a_comparison_and_a_number_or_neither(values, field, message):
    assert problems(**values) == {field: [message]}


def test_the_messages_are_swedish_by_default():
    found = activity_problems(
        responsible_police=False,
        responsible_municipality=False,
        partner_count=0,
        target_comparator="",
        target_value=None,
    )
    assert found["responsible_police"][0].startswith("Ange vem som är ansvarig")
