"""How a typed partner name is read and matched, for the editor and the importer."""

import pytest

from loften.organisations import names

PARTNERS = [
    (1, "Nattvandrarna i Mullsjö"),
    (2, "Skolan (Mullsjö)"),
    (3, "Tullverket"),
    (4, "Räddningstjänsten Höglandet"),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Skolan (Mullsjö)", 2),
        ("skolan", 2),  # without the municipality it was created under
        ("nattvandrare", 1),  # by the stem of the first word
        ("tull", 3),  # "tull" is the start of "Tullverket"
        ("räddningstjänsten", 4),
        ("socialtjänsten", None),
        ("is", None),  # too short to match by its start
        ("", None),
    ],
)
def test_a_partner_matches_exactly_or_by_the_stem_of_its_first_word(name, expected):
    assert names.match_partner(name, PARTNERS, "Mullsjö") == expected


def test_an_exact_name_wins_over_a_stem_match():
    candidates = [(1, "Skolornas elevhälsa"), (2, "Skola")]
    assert names.match_partner("skola", candidates, "Mullsjö") == 2


def test_a_new_partner_is_named_for_its_municipality():
    assert names.new_partner_name("skolan", "Mullsjö") == "Skolan (Mullsjö)"
    assert names.new_partner_name("  fältarbetare ", "Eksjö") == (
        "Fältarbetare (Eksjö)"
    )


def test_names_are_split_on_commas_and_lines_and_kept_once():
    assert names.split_names("tull, skolan;\nTull ,, Skolan i Eksjö") == [
        "tull",
        "skolan",
        "Skolan i Eksjö",
    ]


def test_a_new_partner_without_a_place_keeps_its_name():
    assert names.new_partner_name("skolan", "") == "Skolan"


def test_names_compare_without_case_and_spacing():
    assert names.normalise("  Skolan   I Eksjö ") == "skolan i eksjö"
