import pytest

from loften.imports.parsing.municipalities import (
    MunicipalityRef,
    find_municipality,
    load_municipality_refs,
)

from .conftest import KOMMUNER_CSV


def found(refs, title, *texts, shared=()):
    match = find_municipality(title, list(texts), refs, shared_texts=list(shared))
    return match and match.ref.name


def test_loads_the_reference_list():
    refs = load_municipality_refs(KOMMUNER_CSV)
    assert len(refs) == 290
    assert MunicipalityRef("0642", "Mullsjö") in refs


@pytest.mark.parametrize(
    "text",
    [
        "Mullsjö kommun lovar",
        "Mullsjös kommun ska",
        "Mullsjökommun har påbörjat",
        "i Mullsjö kommuns lokaler",
    ],
)
def test_reads_the_forms_documents_use(refs, text):
    assert found(refs, "", text) == "Mullsjö"


def test_reads_falu_kommun_and_region_gotland(refs):
    assert found(refs, "", "Falu kommun och polisen") == "Falun"
    assert found(refs, "", "Region Gotland och polisen") == "Gotland"


def test_chooses_by_frequency_not_by_the_first_hit(refs):
    texts = [
        "Resan gick till matchen i Jönköping.",
        "Eksjö kommun och polisen.",
        "I Eksjö är det lugnt.",
    ]
    assert found(refs, "Medborgarlöfte", *texts) == "Eksjö"


def test_a_single_passing_mention_is_not_trusted(refs):
    assert found(refs, "Medborgarlöfte", "Resan gick till Jönköping.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Det ska vara tryggt.",
        "Vara med och påverka!",
        "Jönköpings län har flest.",
        "Region Jönköpings län bidrar.",
        "Lundbyskolan och Malungsvägen.",
    ],
)
def test_words_counties_regions_and_longer_names_are_not_matches(refs, text):
    assert found(refs, "", text, text) is None


def test_a_name_that_is_also_a_word_counts_with_kommun(refs):
    assert found(refs, "", "Vara kommun och polisen") == "Vara"


def test_other_municipalities_sharing_the_promise_are_listed(refs):
    promise = "Polisen, Habo kommun och Mullsjö kommun lovar att samverka."
    match = find_municipality(
        "Medborgarlöfte Habo 2024", [promise], refs, shared_texts=[promise]
    )
    assert match.ref.name == "Habo"
    assert [ref.name for ref in match.others] == ["Mullsjö"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("MEDBORGARLÖFTE MULLSJÖ KOMMUN 2021", "Mullsjö"),
        ("UPPFÖLJNING AV MEDBORGARLÖFTET I UPPLANDS VÄSBY KOMMUN", "Upplands Väsby"),
        ("MEDBORGARLÖFTE FALU KOMMUN 2019", "Falun"),
    ],
)
def test_reads_an_all_caps_title(refs, title, name):
    assert found(refs, title) == name


def test_an_all_caps_county_is_still_the_county(refs):
    assert found(refs, "BROTTSFÖREBYGGANDE ARBETE I JÖNKÖPINGS LÄN") is None


def test_a_municipality_seat_of_another_name_names_its_municipality(refs):
    assert (
        found(
            refs,
            "Uppföljning av medborgarlöftet",
            "Polisen har patrullerat i centrala Tanumshede.",
            "Ett sök med hund gjordes på Tanumshede skola.",
        )
        == "Tanum"
    )


def test_a_seat_counts_less_than_the_municipality_named_outright(refs):
    assert (
        found(
            refs,
            "Medborgarlöfte Strömstad kommun 2025",
            "Kontroller gjordes även i Tanumshede.",
        )
        == "Strömstad"
    )


def test_a_seat_that_is_an_ordinary_word_does_not_count_first_in_a_sentence(refs):
    text = "Handen på hjärtat."
    assert found(refs, "Uppföljning", text, text) is None


def test_the_seats_reference_list_names_existing_municipalities():
    from loften.imports.parsing.municipalities import municipality_seats

    codes = {ref.code for ref in load_municipality_refs(KOMMUNER_CSV)}
    seats = municipality_seats()
    assert seats["Nossebro"] == "1445"
    assert set(seats.values()) <= codes
