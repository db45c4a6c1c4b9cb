import pytest

from loften.imports.parsing.quantities import read_quantities


def counts(text, **options):
    return [(q.value, q.unit) for q in read_quantities(text, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vid ca 23 tillfällen", [(23, "tillfällen")]),
        ("sammanlagt 116 timmar", [(116, "timmar")]),
        ("två hundsök på skolor", [(2, "hundsök")]),
        ("Trettiosju (37) trygghetsskapande besök", [(37, "besök")]),
        ("2 st dansfester", [(2, "dansfester")]),
        ("1st ungdom", [(1, "ungdom")]),
        ("Sex (6) riktade insatser", [(6, "insatser")]),
    ],
)
def test_reads_counts_with_the_head_noun_as_unit(text, expected):
    assert counts(text) == expected


def test_flags_estimates_ranges_bounds_and_rates():
    (estimate,) = read_quantities("vid ca 23 tillfällen")
    assert estimate.approximate
    (evenings,) = read_quantities("ute 2 - 3 kvällar i veckan")
    assert (evenings.value, evenings.high, evenings.per) == (2, 3, "vecka")
    (bounded,) = read_quantities("på plats vid minst 45 tillfällen")
    assert bounded.comparator == "at_least"


def test_a_bare_number_after_genomfort_takes_the_target_unit():
    assert counts("Genomfört minst åtta", default_unit="trafikkontroller") == [
        (8, "trafikkontroller")
    ]
    assert counts("Genomfört tre") == [(3, None)]


def test_a_bare_number_elsewhere_is_not_a_count():
    assert counts("målet var 50.", default_unit="ungdomar") == []


def test_en_and_ett_count_only_events():
    assert counts("Ett hundsök har genomförts.") == [(1, "hundsök")]
    assert counts("vid ett tillfälle") == [(1, "tillfälle")]
    assert counts("en gemensam lägesbild") == []


@pytest.mark.parametrize(
    "text",
    [
        "Sommarkul 8 veckor i hela kommunen",
        "under två (2) år",
        "ungdomar 13–17 år",
        "de två sista veckorna",
        "Genomfördes 17-05-22",
        "18 procent känner sig otrygga",
    ],
)
def test_time_spans_ages_dates_and_percentages_are_not_counts(text):
    assert counts(text) == []


def test_days_and_weeks_count_with_a_bound_or_a_rate():
    assert counts("ute minst 2 dagar per vecka") == [(2, "dagar")]


def test_millions_of_kronor_are_kronor():
    assert counts("Beslut om 5 miljoner kronor") == [(5_000_000, "kronor")]


def test_times_take_the_unit_of_the_target():
    assert counts("Genomfört 5 gånger", default_unit="hundsök") == [(5, "hundsök")]
    assert counts("På plats 45 gånger") == [(45, "gånger")]


def test_round_estimates_are_approximate_counts():
    (evenings,) = read_quantities("Ute ett 30-tal kvällar")
    assert (evenings.value, evenings.unit, evenings.approximate) == (
        30,
        "kvällar",
        True,
    )
