import pytest

from loften.imports.parsing import targets
from loften.imports.parsing.targets import (
    MAX_TARGET_TEXT,
    is_outcome,
    read_condition,
    read_target,
    read_targets,
)


def target_of(text):
    target = read_target(text)
    return target and (target.comparator, target.value, target.unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Genomföra minst tio underrättelsebaserade trafikkontroller i östra delen.",
            ("at_least", 10, "trafikkontroller"),
        ),
        (
            "Under året genomföra minst fyra samverkansmöten.",
            ("at_least", 4, "samverkansmöten"),
        ),
        (
            "Arrangera minst fyra fritids- och kulturaktiviteter för ungdomar.",
            ("at_least", 4, "fritids- och kulturaktiviteter"),
        ),
        ("Genomföra två trygghetsvandringar.", ("exactly", 2, "trygghetsvandringar")),
        ("Högst 3 ärenden ska vänta längre än en vecka.", ("at_most", 3, "ärenden")),
        ("max 5 ärenden i kö", ("at_most", 5, "ärenden")),
        ("Genomföra en trygghetsvandring per år.", ("exactly", 1, "trygghetsvandring")),
    ],
)
def test_reads_comparator_value_and_head_noun(text, expected):
    assert target_of(text) == expected


def test_reads_a_rate_with_a_slash():
    target = read_target("Fältarbetarna har minst 1 kontakt/vecka med skolan.")
    assert (target.comparator, target.value, target.unit, target.per) == (
        "at_least",
        1,
        "kontakt",
        "vecka",
    )


def test_reads_a_rate_per_year():
    target = read_target("Polisen lägger 900 timmar per år på synlig närvaro.")
    assert (target.value, target.unit, target.per) == (900, "timmar", "år")


def test_keeps_a_condition_as_a_note():
    target = read_target("Polisen genomför minst 20 trafikkontroller om läget medger.")
    assert target.condition == "om läget medger"
    assert read_condition("Vid behov kallas gruppen in.") == "Vid behov"


def test_a_range_target_reads_as_at_least_the_low_end():
    target = read_target("Fältarna är ute 2–3 kvällar i veckan.")
    assert (target.comparator, target.value, target.high) == ("at_least", 2, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Minst 43 trafikkontroller genomfördes under året.",
        "Polisen har genomfört 12 hundsök.",
    ],
)
def test_an_outcome_is_not_a_target(text):
    assert read_target(text) is None
    assert is_outcome(text)


@pytest.mark.parametrize(
    "text",
    [
        "Polisen och kommunen lovar att under två (2) år arbeta tillsammans.",
        "Samverkansgrupp för ungdomar 10 – 18 år.",
        "Bättre belysning på Storgatan 12.",
        "Minska andelen som känner sig otrygga med 10 %.",
        "Drogvaneundersökning i åk 9 vartannat år.",
        "Skapa en gemensam lägesbild.",
        "Ökad polisiär närvaro i de östra delarna av kommunen.",
    ],
)
def test_durations_ages_addresses_percentages_and_articles_are_not_targets(text):
    assert read_target(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Kommunen tar bort klotter inom 48 timmar.",
        "Ta bort klotter inom 24 timmar.",
        "Kommunen svarar inom högst fem arbetsdagar.",
        "Orosanmälningar följs upp inom max 2 veckor.",
    ],
)
def test_a_deadline_is_not_a_count_target(text):
    assert read_target(text) is None


def test_an_upper_bound_without_inom_is_still_a_target():
    assert target_of("Högst 3 ärenden ska vänta.") == ("at_most", 3, "ärenden")


def test_a_target_keeps_its_wording():
    target = read_target("Polisen lägger minst 30 timmar riktad närvaro per månad.")
    assert target.text == "minst 30 timmar riktad närvaro per månad"
    assert read_target("Fältarna har minst 1 kontakt/vecka.").text == (
        "minst 1 kontakt/vecka"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Under 2020–2021 genomföra minst 8 trygghetsvandringar.",
        "Genomföra totalt under perioden minst 8 trygghetsvandringar.",
        "Under löftets två år genomföra minst 8 trygghetsvandringar.",
    ],
)
def test_a_total_for_the_promise_period_applies_to_the_whole_promise(text):
    target = read_target(text)
    assert (target.value, target.whole_promise) == (8, True)


def test_a_yearly_target_is_not_a_total_for_the_whole_promise():
    target = read_target("Under 2020–2021 genomföra minst 8 kontroller per år.")
    assert (target.per, target.whole_promise) == ("år", False)
    assert not read_target("Genomföra minst 8 kontroller.").whole_promise


def test_a_deadline_with_en_is_not_a_target():
    assert read_target("Samtal med vårdnadshavare inom en vecka.") is None


def test_a_rate_a_few_words_after_the_unit_is_kept():
    target = read_target("Polisen lägger minst 30 timmar riktad närvaro per månad.")
    assert (target.unit, target.per) == ("timmar", "månad")


@pytest.fixture
def outcome_checks(monkeypatch):
    """The texts `is_outcome` is asked about while targets are read."""
    asked = []
    real = targets.is_outcome

    def counting(text):
        asked.append(text)
        return real(text)

    monkeypatch.setattr(targets, "is_outcome", counting)
    return asked


def test_each_clause_is_checked_for_an_outcome_once_however_many_numbers(
    outcome_checks,
):
    text = "Polisen genomför " + "minst 3 kontroller och 2 möten, " * 40 + "i år."
    found = read_targets(text)
    assert len(found) == 80
    assert len(outcome_checks) == 1  # one clause, 80 numbers


def test_outcomes_are_checked_once_per_clause_in_a_text_of_many_clauses(
    outcome_checks,
):
    text = "Genomföra minst 2 kontroller. Minst 4 möten hölls. " * 10
    found = read_targets(text)
    assert [(t.value, t.unit) for t in found] == [(2, "kontroller")] * 10
    assert len(outcome_checks) == 20
    assert len({clause.strip() for clause in outcome_checks}) == 2


def test_no_clause_is_checked_when_there_is_no_number(outcome_checks):
    assert read_targets("Genomföra trygghetsvandringar i centrum.") == []
    assert outcome_checks == []


def test_only_the_start_of_a_runaway_text_is_read_for_targets(outcome_checks):
    text = "Polisen genomför " + "minst 3 kontroller och 2 möten, " * 16_000
    assert len(text) > 500_000
    found = read_targets(text)
    assert found[0].value == 3
    assert len(found) < MAX_TARGET_TEXT // 10  # a few hundred, not 32 000
    assert sum(len(clause) for clause in outcome_checks) <= MAX_TARGET_TEXT


def full_target(text, **options):
    target = read_target(text, **options)
    return target and (
        target.comparator,
        target.value,
        target.high,
        target.unit,
        target.per,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Polisen genomför riktade kontroller i parken 2–3 gånger per månad.",
            ("at_least", 2, 3, "kontroller", "månad"),
        ),
        (
            "Genomföra hundsök minst 2 gånger per termin.",
            ("at_least", 2, None, "hundsök", "termin"),
        ),
        (
            "Trygghetsvandringar två gånger per år.",
            ("exactly", 2, None, "trygghetsvandringar", "år"),
        ),
        ("Träffas fyra gånger per år.", ("exactly", 4, None, "gånger", "år")),
    ],
)
def test_times_count_what_the_activity_does(text, expected):
    assert full_target(text) == expected


def test_a_target_cell_without_a_unit_borrows_the_activitys_noun():
    assert full_target("Minst två per år", default_unit="trygghetsvandringar") == (
        "at_least",
        2,
        None,
        "trygghetsvandringar",
        "år",
    )
    assert read_target("Minst två per år") is None


def test_a_definite_number_says_which_not_how_many():
    assert read_target("Insatser mot de 10 mest brottsutsatta adresserna.") is None


def test_more_than_a_number_is_at_least_the_next_one():
    assert target_of("Genomföra fler än 15 kontroller.") == (
        "at_least",
        16,
        "kontroller",
    )
    assert target_of("Färre än 3 ärenden i kö.") == ("at_most", 2, "ärenden")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ordna ett par trygghetsvandringar.", 2),
        ("Genomföra ett tiotal trygghetsvandringar.", 10),
    ],
)
def test_round_estimates_are_approximate_targets(text, value):
    target = read_target(text)
    assert (target.value, target.unit, target.approximate) == (
        value,
        "trygghetsvandringar",
        True,
    )


def test_a_rate_after_an_owner_label_or_a_party_subject_counts_no_party():
    from loften.imports.parsing.targets import read_targets

    labelled = read_targets("Polis: Hundsök i skolan två gånger per år.")[0]
    assert (labelled.value, labelled.unit, labelled.per) == (2, "hundsök", "år")
    subject = read_targets("Polis och kommun ska i snitt tre gånger per vecka synas.")
    assert subject[0].unit == "gånger"
