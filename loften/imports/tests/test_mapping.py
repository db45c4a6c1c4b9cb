import pytest

from loften.imports import mapping

FOCUS_AREAS = [(1, "Narkotika"), (2, "Trafik"), (3, "Trygghet i offentlig miljö")]
STATUSES = [(10, "done"), (11, "done"), (12, "partly_done"), (13, "not_done")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Trafik", 2),
        ("TRAFIK", 2),
        ("  trygghet i  offentlig miljö ", 3),
        ("Trygghet i centrum", None),
        ("Trafiksäkerhet", None),
        (None, None),
        ("", None),
    ],
)
def test_a_focus_area_matches_by_name_whatever_the_case(name, expected):
    assert mapping.match_focus_area(name, FOCUS_AREAS) == expected


def test_a_status_category_becomes_the_first_configured_status_of_it():
    assert mapping.status_for_category("done", STATUSES) == 10
    assert mapping.status_for_category("not_done", STATUSES) == 13
    assert mapping.status_for_category("ongoing", STATUSES) is None
    assert mapping.status_for_category(None, STATUSES) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (3.0, 3), (0, 0), (1.5, None), (-2, None), (True, None), ("4", None)],
)
def test_only_whole_non_negative_numbers_are_counts(value, expected):
    assert mapping.whole_number(value) == expected


def test_the_quantity_in_the_targets_unit_is_chosen_over_the_first():
    quantities = [
        {"value": 116, "unit": "timmar"},
        {"value": 45, "unit": "tillfällen", "comparator": "at_least"},
    ]
    chosen, others = mapping.choose_quantity(quantities, "Tillfällen")
    assert chosen["value"] == 45
    assert others == [{"value": 116, "unit": "timmar"}]


def test_without_a_matching_unit_the_first_whole_quantity_is_chosen():
    quantities = [{"value": 1.5, "unit": "timmar"}, {"value": 2, "unit": "hundsök"}]
    chosen, others = mapping.choose_quantity(quantities, "trafikkontroller")
    assert chosen == {"value": 2, "unit": "hundsök"}
    assert others == [{"value": 1.5, "unit": "timmar"}]
    assert mapping.choose_quantity([], None) == (None, [])


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        ({"value": 23, "unit": "tillfällen", "approximate": True}, "ca 23 tillfällen"),
        ({"value": 2, "high": 3, "unit": "kvällar"}, "2–3 kvällar"),
        ({"value": 1.5, "unit": "timmar"}, "1,5 timmar"),
        ({"value": 7, "unit": None}, "7"),
    ],
)
def test_a_quantity_is_written_as_a_reader_would(quantity, text):
    assert mapping.format_quantity(quantity) == text


@pytest.mark.parametrize(
    ("codes", "cadence"),
    [
        (["T1", "T2", "year"], "tertial"),
        (["Q1", "Q2"], "quarter"),
        (["Q1", "Q2", "T3"], "quarter"),
        (["T1", "Q1"], "tertial"),
        (["year"], "year"),
        ([], "tertial"),
    ],
)
def test_the_cadence_follows_the_periods_found(codes, cadence):
    assert mapping.cadence_for_periods(codes) == cadence


def test_a_period_fits_a_cadence_of_its_kind_and_the_year_always_fits():
    assert mapping.period_fits_cadence("T2", "tertial")
    assert not mapping.period_fits_cadence("T2", "quarter")
    assert mapping.period_fits_cadence("Q4", "quarter")
    assert not mapping.period_fits_cadence("Q1", "year")
    assert mapping.period_fits_cadence("year", "quarter")


def test_period_codes_name_a_kind_and_a_number():
    assert mapping.period_key("T3") == ("tertial", 3)
    assert mapping.period_key("Q1") == ("quarter", 1)
    assert mapping.period_key("year") == ("year", 0)


def test_a_target_per_period_of_the_cadence_applies_per_period():
    assert mapping.target_scope_for("tertial", "tertial") == "per_period"
    assert mapping.target_scope_for("kvartal", "quarter") == "per_period"


def test_a_target_per_year_or_without_a_rate_applies_per_year():
    assert mapping.target_scope_for("år", "tertial") == "per_year"
    assert mapping.target_scope_for("år", "quarter") == "per_year"
    assert mapping.target_scope_for(None, "tertial") == "per_year"


def test_a_total_for_the_whole_promise_applies_to_the_whole_promise():
    assert (
        mapping.target_scope_for(None, "tertial", whole_promise=True) == "whole_promise"
    )


@pytest.mark.parametrize(
    ("per", "cadence"),
    [
        ("vecka", "tertial"),
        ("månad", "tertial"),
        ("dag", "year"),
        ("kväll", "quarter"),
        ("termin", "tertial"),
        ("halvår", "tertial"),
        ("tertial", "quarter"),
        ("kvartal", "tertial"),
        ("tertial", "year"),
    ],
)
def test_a_rate_no_scope_can_hold_has_no_scope(per, cadence):
    # "minst 1 kontakt/vecka" is not "at least 1 per year": never kept as that.
    assert mapping.target_scope_for(per, cadence) is None


def test_the_years_include_those_follow_ups_are_dated_to():
    result = {
        "years": [2019],
        "activities": [
            {"followups": [{"period": "T1", "year": 2018}, {"period": "T2"}]},
        ],
    }
    assert mapping.document_years(result) == [2018, 2019]
    assert mapping.document_years({"years": [], "activities": []}) == []


def test_blocks_quoted_by_a_warning_are_found():
    warnings = [
        "Texten kunde inte placeras (rad 16): ”Statistiken för hösten saknas ännu, "
        "men redovisas i nästa uppföljning.”"
    ]
    texts = [
        "Trafik",
        "Statistiken för hösten saknas ännu, men redovisas i nästa uppföljning.",
        "Polisen genomför minst tio trafikkontroller vid skolorna.",
    ]
    assert mapping.quoted_blocks(warnings, texts) == {1}
    assert mapping.quoted_blocks([], texts) == set()
