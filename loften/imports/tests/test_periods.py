import pytest

from loften.imports.parsing.periods import (
    find_periods,
    find_years,
    is_half_year,
    read_duration,
    read_period_label,
    read_years,
)


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("Tertial 1", "T1"),
        ("Tertial 2", "T2"),
        ("T3", "T3"),
        ("första tertialet", "T1"),
        ("Uppföljning tertial 2 2019", "T2"),
        ("Kvartal 4", "Q4"),
        ("Q1", "Q1"),
        ("januari–april", "T1"),
        ("Helår", "year"),
        ("Utfall 2018", "year"),
        ("Utfallet blev", "year"),
        ("Resultat:", "year"),
        ("2018", "year"),
    ],
)
def test_reads_period_labels(label, period):
    assert read_period_label(label) == period


@pytest.mark.parametrize("label", ["Aktivitet", "Ansvarig", "T1–T3"])
def test_text_that_is_not_one_period_is_no_label(label):
    assert read_period_label(label) is None


def test_finds_period_ranges_and_mentions_in_running_text():
    assert find_periods("T1–T3") == ["T1", "T2", "T3"]
    assert find_periods("Ett hundsök har genomförts under tertial 3.") == ["T3"]
    assert find_periods("Ingen träff under första tertialet.") == ["T1"]
    assert find_periods("under tertialet") == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Medborgarlöfte 2018", [2018]),
        ("2018-2019", [2018, 2019]),
        ("2018–2019", [2018, 2019]),
        ("2020/2021", [2020, 2021]),
        ("2020/21", [2020, 2021]),
        ("oktober 2018 – oktober 2019", [2018, 2019]),
    ],
)
def test_reads_years_and_year_ranges(text, years):
    assert find_years(text) == years


@pytest.mark.parametrize(
    "text", ["Publicerad 14 januari 2020", "Genomfördes 2018-03-01", "17-05-22"]
)
def test_full_dates_are_not_promise_years(text):
    assert find_years(text) == []


def test_a_duration_extends_from_the_start_year():
    text = "Polisen och kommunen lovar att under två (2) år jobba för tryggheten."
    assert read_duration(text) == 2
    assert read_years(text, start=2017) == [2017, 2018]


def test_a_duration_extends_from_the_only_year_in_the_text():
    assert read_years("Löftet gäller från 2020 och två år framåt.") == [2020, 2021]


def test_past_years_are_not_a_duration():
    assert read_duration("de senaste två åren") is None


@pytest.mark.parametrize(
    "label", ["Första halvåret", "Andra halvåret 2021", "Halvår 2"]
)
def test_half_years_are_reported_as_the_year(label):
    assert is_half_year(label)
    assert read_period_label(label) == "year"
