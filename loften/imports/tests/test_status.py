import pytest

from loften.imports.parsing.status import read_status


@pytest.mark.parametrize(
    "text",
    [
        "Genomfört",
        "genomfört",
        "Genomfördes 17-05-22",
        "Ja, detta har genomförts under tertial 3.",
        "Löftet är genomfört.",
        "Löftet kan anses vara uppfyllt.",
        "Utförd",
        "Ett hundsök har genomförts, ingen narkotika anträffades.",
        "Ja",
    ],
)
def test_reads_done(text):
    assert read_status(text) == "done"


@pytest.mark.parametrize(
    "text",
    ["Delvis", "Delvis genomfört", "Löftet är delvis uppfyllt", "Inte helt klart"],
)
def test_reads_partly_done(text):
    assert read_status(text) == "partly_done"


@pytest.mark.parametrize(
    "text", ["Pågår", "Arbetet är pågående", "Arbetet fortsätter under hösten"]
)
def test_reads_ongoing(text):
    assert read_status(text) == "ongoing"


@pytest.mark.parametrize(
    "text", ["Inplanerat", "Planeras till februari 2018", "Planerad till mars"]
)
def test_reads_planned(text):
    assert read_status(text) == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Ej genomfört",
        "Aktiviteten har inte genomförts.",
        "Har inte genomförts på grund av sjukdom",
        "Genomfördes inte",
        "Ingen träff under första tertialet.",
        "Trygghetsvandringen ställdes in.",
        "Polisen har inte fått någon förfrågan om hundsök.",
        "Nej",
    ],
)
def test_reads_not_done(text):
    assert read_status(text) == "not_done"


@pytest.mark.parametrize(
    "text",
    [
        "Inget specifikt.",
        "Inget specifikt",
        "Ej behov",
        "Inget behov under perioden",
        "Ej aktuellt",
        "Behovet av trafikreglerade beslut har ej funnits under tertial 3.",
    ],
)
def test_reads_not_applicable(text):
    assert read_status(text) == "not_applicable"


@pytest.mark.parametrize(
    "text",
    ["har inte genomförts", "Ej genomförd", "Mötet har ännu inte hållits"],
)
def test_negation_wins_over_done(text):
    assert read_status(text) == "not_done"


def test_done_with_a_part_still_planned_reads_as_partly_done():
    text = "En vandring genomfördes i oktober. Den andra är inplanerad till mars."
    assert read_status(text) == "partly_done"


@pytest.mark.parametrize(
    "text", ["", "På plats 45 gånger", "Kommunen har tillsammans med skolan enats om"]
)
def test_reads_no_status_from_text_that_states_none(text):
    assert read_status(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ingen trygghetsvandring har genomförts",
        "Inga trygghetsvandringar har genomförts",
        "Inga möten har hållits.",
        "Inget har gjorts under perioden.",
        "Målet nåddes inte",
        "Trygghetsvandringen har ställts in på grund av covid",
        "Polisen har inte haft möjlighet att delta.",
    ],
)
def test_reads_no_x_was_done_and_cancelled_as_not_done(text):
    assert read_status(text) == "not_done"


def test_a_noun_that_only_contains_an_event_word_is_not_a_cancelled_event():
    # "anträffades" holds "träff", but "ingen narkotika" reports no find, not
    # a meeting that did not happen.
    text = "Ett hundsök har genomförts under tertial 3, ingen narkotika anträffades."
    assert read_status(text) == "done"


@pytest.mark.parametrize(
    "text",
    [
        "Genomfört två av fyra",
        "Till stor del genomfört",
        "Genomfört men inte alla",
        "Nästan klart",
        "Har inte genomförts fullt ut",
        "En trygghetsvandring genomfördes, den andra ställdes in",
    ],
)
def test_reads_part_done_and_part_not_as_partly_done(text):
    assert read_status(text) == "partly_done"


def test_all_of_them_done_is_done():
    assert read_status("Genomfört fyra av fyra") == "done"


@pytest.mark.parametrize(
    "text",
    [
        "Genomförs löpande",
        "Sker kontinuerligt",
        "Polisen har arbetat aktivt med trafiksäkerhet.",
        "Kommunen har jobbat kontinuerligt i våra verksamheter med kompetens.",
        "Polisen har arbetat aktivt med trafiksäkerhetsarbete under tertial 3.",
    ],
)
def test_reads_work_that_goes_on_as_ongoing(text):
    assert read_status(text) == "ongoing"


@pytest.mark.parametrize(
    "text",
    [
        "Lärarna har lyft ANDTS under lektionerna, och haft riktade insatser.",
        "På plats vid minst 45 tillfällen sammanlagt 116 timmar",
        "Genomfört 8 kontroller. Målet nått.",
    ],
)
def test_reads_things_done_in_the_period_and_reported_counts_as_done(text):
    assert read_status(text) == "done"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Tre träffar hölls. Den fjärde ställdes in. Löftet är delvis uppfyllt.",
            "partly_done",
        ),
        ("Två vandringar ställdes in, men löftet kan anses vara uppfyllt.", "done"),
        ("Löftet är inte uppfyllt.", "not_done"),
    ],
)
def test_a_verdict_on_the_whole_promise_outweighs_the_details(text, status):
    assert read_status(text) == status
