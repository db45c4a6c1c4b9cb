import pytest
from hypothesis import given
from hypothesis import strategies as st

from loften.imports.parsing.numbers import parse_number_word, read_number, read_numbers


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("noll", 0),
        ("ett", 1),
        ("tre", 3),
        ("tio", 10),
        ("tretton", 13),
        ("sjutton", 17),
        ("tjugo", 20),
        ("trettiosju", 37),
        ("Trettiosju", 37),
        ("nittionio", 99),
        ("hundra", 100),
        ("etthundra", 100),
        ("tvåhundrafemtio", 250),
        ("tusen", 1000),
        ("ettusen", 1000),
        ("tretusenfemhundra", 3500),
    ],
)
def test_reads_number_words_and_compounds(word, value):
    assert parse_number_word(word) == value


@pytest.mark.parametrize(
    "word", ["sexa", "tiotal", "enhet", "trettiosjuan", "tjugonio9"]
)
def test_words_that_only_start_like_numbers_are_not_numbers(word):
    assert parse_number_word(word) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45", 45),
        ("1 200 timmar", 1200),
        ("1,5 timmar", 1.5),
        ("ett tusen besök", 1000),
        ("två hundra timmar", 200),
    ],
)
def test_reads_digits_grouped_thousands_decimals_and_two_word_numbers(text, value):
    number = read_number(text)
    assert number is not None
    assert number.value == value


@pytest.mark.parametrize(
    "text", ["Trettiosju (37) besök", "37 (trettiosju) besök", "trettiosju (37)"]
)
def test_counts_a_number_written_in_words_and_digits_once(text):
    numbers = read_numbers(text)
    assert [n.value for n in numbers] == [37]


def test_a_parenthesis_with_a_different_value_trusts_the_digits():
    assert [n.value for n in read_numbers("tre (4) möten")] == [4]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2–3 kvällar", 2, 3),
        ("2-3 kvällar", 2, 3),
        ("2 - 3 kvällar", 2, 3),
        ("två till tre träffar", 2, 3),
        ("mellan 4 och 6 möten", 4, 6),
    ],
)
def test_reads_ranges_as_low_and_high(text, low, high):
    (number,) = read_numbers(text)
    assert (number.value, number.high) == (low, high)


@pytest.mark.parametrize(
    "text", ["ca 30", "ca. 30", "c:a 30", "cirka 30", "drygt 30", "omkring 30"]
)
def test_flags_approximate_numbers(text):
    (number,) = read_numbers(text)
    assert number.value == 30
    assert number.approximate


def test_a_plain_number_is_not_approximate():
    (number,) = read_numbers("30 tillfällen")
    assert not number.approximate


@pytest.mark.parametrize(
    ("text", "comparator"),
    [("minst 45", "at_least"), ("högst 3", "at_most"), ("max 5", "at_most")],
)
def test_notes_the_comparator_in_front_of_a_number(text, comparator):
    (number,) = read_numbers(text)
    assert number.comparator == comparator


def test_marks_en_and_ett_as_weak_because_they_are_usually_articles():
    (number,) = read_numbers("en gemensam lägesbild")
    assert number.value == 1
    assert number.weak


@pytest.mark.parametrize(
    "text",
    [
        "Genomfördes 17-05-22",
        "2018-03-01",
        "år 2018",
        "Medborgarlöften 2017",
        "2018-2019",
        "kl 18.00",
        "18:30",
        "14 januari 2020",
        "februari 2018",
        "15 % av de svarande",
        "15 procent",
        "Storgatan 12",
        "Kungsvägen 4 B",
        "åk 9",
        "årskurs 9",
        "klass 8",
        "tertial 3",
        "T3",
        "Q1",
        "vecka 12",
        "lag 2023:196",
        "HV71s matcher",
        "010-114 14 14",
        "123 45 Mullsjö",
        "3:e tertialet",
        "SFS 2023:196",
        "enligt 2023:196",
        "efter covid-19",
        "under 90-talet",
    ],
)
def test_leaves_out_dates_years_times_percentages_addresses_and_labels(text):
    assert read_numbers(text) == []


def test_finds_every_number_in_running_text_in_order():
    text = "På plats vid minst 45 tillfällen sammanlagt 116 timmar"
    assert [n.value for n in read_numbers(text)] == [45, 116]


def test_inom_reads_as_a_deadline_but_keeps_en_weak():
    (hours,) = read_numbers("inom 48 timmar")
    assert (hours.value, hours.comparator, hours.weak) == (48, "at_most", False)
    (week,) = read_numbers("inom en vecka")
    assert (week.comparator, week.weak) == ("at_most", True)


def test_a_deadline_is_marked_also_with_a_bound_inside_it():
    (days,) = read_numbers("inom högst fem arbetsdagar")
    assert (days.value, days.comparator, days.deadline) == (5, "at_most", True)
    assert not read_numbers("högst fem ärenden")[0].deadline


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ett tiotal trygghetsvandringar", 10),
        ("ett tjugotal besök", 20),
        ("ett 30-tal deltagare", 30),
        ("ett par trygghetsvandringar", 2),
    ],
)
def test_round_estimates_are_approximate_numbers(text, value):
    (number,) = read_numbers(text)
    assert (number.value, number.approximate) == (value, True)


def test_digits_in_parentheses_before_the_words_count_once():
    (number,) = read_numbers("(5) fem möten")
    assert number.value == 5


def test_a_range_with_a_is_read():
    (number,) = read_numbers("3 à 4 kvällar")
    assert (number.value, number.high) == (3, 4)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 miljoner kronor", 5_000_000),
        ("1,5 miljoner kronor", 1_500_000),
        ("två miljoner kronor", 2_000_000),
        ("5 tusen kronor", 5000),
    ],
)
def test_millions_and_thousands_after_a_number_multiply_it(text, value):
    (number,) = read_numbers(text)
    assert number.value == value


@pytest.mark.parametrize(
    ("text", "comparator", "strict"),
    [
        ("fler än 15", "at_least", True),
        ("mer än 15", "at_least", True),
        ("färre än 3", "at_most", True),
        ("inte fler än 3", "at_most", False),
        ("inte mindre än 3", "at_least", False),
    ],
)
def test_strict_bounds_are_marked(text, comparator, strict):
    (number,) = read_numbers(text)
    assert (number.comparator, number.strict) == (comparator, strict)


_PIECES = [
    "Storgatan 12",
    "14 januari 2020",
    "kl. 18.00",
    "070-123 45 67",
    "2018-2019",
    "5 %",
    "T3",
    "åk 9",
    "§ 3",
    "minst 4 trygghetsvandringar",
    "vid 23 tillfällen",
    "februari 2018",
    "SFS 2023:196",
    "90-talet",
    "x" * 70,
]


@given(
    st.lists(
        st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)),
        max_size=12,
    )
)
def test_the_mask_near_digits_finds_what_a_full_search_finds(pieces):
    from loften.imports.parsing import numbers

    text = " ".join(pieces)
    full = [match.span() for match in numbers._MASK.finditer(text)]
    assert numbers._masked_spans(text) == full
