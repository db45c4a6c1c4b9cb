"""Promises and follow-ups told in running text, and the source address: each
rule from a small made-up example (never from the corpus of real documents)."""

import pytest

from loften.imports.parsing.periods import year_of_address
from loften.imports.parsing.prose import named_work, speaker_party, without_attribution
from loften.imports.parsing.structure import parse_document
from loften.imports.parsing.targets import read_targets


@pytest.fixture(scope="module")
def parse(refs):
    def run(text: str, source_url: str | None = None):
        return parse_document(
            text.encode(),
            filename="lofte.txt",
            municipalities=refs,
            source_url=source_url,
        )

    return run


# --- The year from the source address --------------------------------------------

NEWS_WITHOUT_YEAR = """\
Nytt medborgarlöfte för tryggare skolvägar
Polisen och Alingsås kommun har tecknat ett medborgarlöfte om tryggare skolvägar.
Polisen ska genomföra trafikkontroller vid skolorna.
"""


@pytest.mark.parametrize(
    ("address", "year"),
    [
        ("https://www.example.se/nyheter/arkiv/2021-03-15-nytt-lofte.html", 2021),
        ("https://www.example.se/2019/05/03/medborgarlofte/", 2019),
        ("https://www.example.se/nyheter/20220412-medborgarlofte", 2022),
        ("https://www.example.se/medborgarlofte-2024/", 2024),
    ],
)
def test_a_date_or_year_in_the_address_gives_its_year(address, year):
    assert year_of_address(address) == year


@pytest.mark.parametrize(
    "address",
    [
        "https://polisen.se/om-polisen/medborgarloften/alingsas/",
        # Two years and no date: which one is meant cannot be told.
        "https://www.example.se/lofte-2021-2022/",
        # The host name never dates a page.
        "https://www2020.example.se/lofte/",
        "https://www.example.se/lofte?id=202155",
    ],
)
def test_an_address_without_one_clear_year_gives_none(address):
    assert year_of_address(address) is None


def test_without_a_year_in_the_text_the_address_gives_it_with_a_warning(parse):
    address = "https://www.example.se/nyheter/arkiv/2021-03-15-nytt-lofte.html"
    result = parse(NEWS_WITHOUT_YEAR, source_url=address)
    assert result.years == [2021]
    assert result.source_url == address
    assert any(
        "2021" in warning and address in warning and "källadressen" in warning
        for warning in result.warnings
    )
    assert result.to_dict()["source_url"] == address


def test_a_year_in_the_text_wins_over_the_address(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2023\n" + NEWS_WITHOUT_YEAR,
        source_url="https://www.example.se/nyheter/2021-03-15-nytt-lofte.html",
    )
    assert result.years == [2023]
    assert not any("källadressen" in warning for warning in result.warnings)


def test_without_an_address_no_year_is_guessed(parse):
    result = parse(NEWS_WITHOUT_YEAR)
    assert result.years == []
    assert "source_url" not in result.to_dict()


# --- Who makes the promise ---------------------------------------------------------


def test_the_parties_of_a_promise_statement_are_the_promises_parties(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2019\n"
        "Alingsås kommun och Polisen lämnar följande löften till invånarna för 2019\n"
        " • Polisen ska genomföra minst sex trafikkontroller.\n"
        " • Polisen ska besöka skolorna.\n"
    )
    # Each listed promise names the police; the promise is made by both.
    assert [a.responsible for a in result.activities] == [["polisen"], ["polisen"]]
    assert result.parties == ["polisen", "kommunen"]
    assert result.to_dict()["parties"] == ["polisen", "kommunen"]


def test_police_and_municipality_named_together_about_the_promise_make_it(parse):
    result = parse(
        "Alingsås – Så uppfyllde polisen sitt löfte 2019\n\n"
        "För att uppfylla medborgarlöftet 2019 genomförde både polisen och "
        "kommunen olika insatser.\n\n"
        "I medborgarlöftet 2019 lovade vi från polisens sida att:\n"
        " • Genomföra trygghetsskapande patrullering i centrum.\n"
        " • Genomföra riktade insatser mot narkotika.\n"
    )
    assert [a.responsible for a in result.activities] == [["polisen"], ["polisen"]]
    assert result.parties == ["polisen", "kommunen"]


def test_a_sentence_that_does_not_speak_of_the_promise_names_no_makers(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2019\n"
        "Polisen lovar att:\n"
        " • Genomföra trafikkontroller vid skolorna.\n\n"
        "Lägesbild\n"
        "Polisen och kommunen ser att inbrotten har ökat.\n"
    )
    # "Polisen lovar att:" is a group heading, not a statement of the promise.
    assert "kommunen" not in result.parties


# --- Quotations --------------------------------------------------------------------


def test_a_quotation_speaks_for_the_speakers_side():
    said = "- Vi har ökat närvaron, säger Eva Ek, kommunpolis i Alingsås."
    assert speaker_party(said).responsible == {"polisen"}
    said = "Vi satsar på belysning, säger Per Berg Kommunstyrelsens ordförande."
    assert speaker_party(said).responsible == {"kommunen"}
    assert speaker_party("Vi är nöjda, säger Eva Ek.") is None
    assert without_attribution("Vi är nöjda, säger Eva Ek.") == "Vi är nöjda"


def test_a_promise_told_in_a_dash_quotation_is_the_speakers_activity(parse):
    result = parse(
        "Polisen följer upp medborgarlöftet\n\n"
        "Polisen har släppt sin uppföljning av medborgarlöftet i Alingsås kommun.\n\n"
        "- Ett av löftena handlar om att fånga upp unga i riskzon tidigt. Vi ser "
        "färre klagomål nu, säger Eva Ek, kommunpolis i Alingsås.\n"
    )
    assert [a.text for a in result.activities] == [
        "Ett av löftena handlar om att fånga upp unga i riskzon tidigt."
    ]
    assert result.activities[0].responsible == ["polisen"]


# --- Pieces of work named in one sentence ------------------------------------------


def test_the_pieces_a_sentence_names_after_var_bland_annat_are_split():
    sentence = (
        "De aktiviteter som polisen och kommunen lovade att genomföra var bland "
        "annat en ökad närvaro av polis i kombination med fler nattvandrare."
    )
    assert named_work(sentence) == [
        "En ökad närvaro av polis",
        "Fler nattvandrare",
    ]
    assert named_work(
        "Insatserna som kommunen lovade var trygghetsvandringar, ny belysning "
        "och klotterborttagning i centrum."
    ) == ["Trygghetsvandringar", "Ny belysning", "Klotterborttagning i centrum"]
    # "och" inside one piece does not split it.
    assert (
        named_work(
            "De aktiviteter som polisen lovade var ökad synlighet och närvaro "
            "i centrum."
        )
        == []
    )


FOLLOWUP_OF_PROSE = (
    "Alingsås - medborgarlöften\n\n"
    "Polisen och kommunen gick samman om ett medborgarlöfte för 2021. Nu har det "
    "följts upp.\n\n"
    "De aktiviteter som polisen och kommunen lovade att genomföra gemensamt var "
    "bland annat en ökad närvaro av polis vid stationen i kombination med fler "
    "nattvandrare.\n\n"
    "Närvaron av polis vid stationen har ökat under kvällarna. Nattvandrare har "
    "funnits på plats varje helg. Det har också genomförts trygghetsvandringar "
    "kring stationen. De ledde till ny belysning. Kommunen arbetar också med "
    "kameraövervakning vid stationen.\n"
)


def test_a_follow_up_of_named_pieces_reports_on_each_and_adds_more_work(parse):
    result = parse(FOLLOWUP_OF_PROSE)
    texts = [a.text for a in result.activities]
    assert texts == [
        "En ökad närvaro av polis vid stationen",
        "Fler nattvandrare",
        "Det har också genomförts trygghetsvandringar kring stationen.",
        "Kommunen arbetar också med kameraövervakning vid stationen.",
    ]
    assert [a.responsible for a in result.activities] == [
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
        ["kommunen"],
    ]
    presence, walkers, walks, _cameras = result.activities
    assert "har ökat under kvällarna" in presence.followups[0].text
    assert "varje helg" in walkers.followups[0].text
    # "De ledde till …" goes on with the work told just before it.
    assert "De ledde till ny belysning." in walks.followups[0].text


def test_without_bland_annat_more_work_in_the_report_is_its_follow_up(parse):
    result = parse(FOLLOWUP_OF_PROSE.replace("bland annat ", ""))
    assert len(result.activities) == 2


# --- Work a party reports in a news item -------------------------------------------


def test_work_a_party_reports_in_a_news_item_is_its_activity(parse):
    result = parse(
        "Medborgarlöfte 2024 mellan Alingsås kommun och Polisen undertecknat\n\n"
        "Löftet 2024\n\n"
        "Under 2024 kommer Polisen och Alingsås kommun att fokusera på narkotika.\n\n"
        "Sammanfattning för 2023\n\n"
        "Polisen har 2023 arbetat aktivt med besök i skolor och "
        "fordonspatrullering.\n\n"
        "Ett stort arbete har gjorts från både kommun och polis med ökad närvaro på "
        "stan, säger Eva Ek, kommunpolis.\n\n"
        "Skadegörelsen har ökat under sommaren.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen", "kommunen"],
        ["polisen"],
        ["polisen", "kommunen"],
    ]
    reported = result.activities[1]
    assert reported.followups[0].year == 2023
    assert result.activities[2].text.endswith("med ökad närvaro på stan")
    # The year followed up is one of the document's years, beside the promise's.
    assert result.years == [2023, 2024]


def test_background_on_the_cooperation_is_not_reported_work(parse):
    result = parse(
        "Polisen och kommunen följer upp medborgarlöftet 2023\n\n"
        "Polisen och kommunen har sedan 2016 arbetat med medborgarlöften.\n\n"
        "Kommunen har arbetat med medborgarlöftet i flera år.\n\n"
        "För att minska klottret har kommunen påbörjat snabbare sanering.\n"
    )
    assert [a.text for a in result.activities] == [
        "För att minska klottret har kommunen påbörjat snabbare sanering."
    ]
    assert result.years == [2023]


def test_reports_on_listed_promises_add_no_activities(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2023\n"
        "Polisen lovar att:\n"
        " • Genomföra trafikkontroller vid skolorna.\n\n"
        "Polisen har under året arbetat med kontroller vid tre skolor.\n"
    )
    assert len(result.activities) == 1


def test_work_reported_in_the_lagesbild_is_not_an_activity(parse):
    result = parse(
        "Alingsås – medborgarlöften\n\n"
        "Medborgarlöftet för 2023 var att polisen och kommunen skulle arbeta mot "
        "droger bland unga.\n\n"
        "Lägesbild 2024\n\n"
        "Kommunen har nu påbörjat arbetet med en gemensam lägesbild.\n"
    )
    assert not any("påbörjat" in a.text for a in result.activities)


# --- Shares of a target ------------------------------------------------------------


def test_a_share_of_a_target_after_varav_is_kept_with_it():
    (target,) = read_targets(
        "Minst tolv trafikinsatser med fokus på hastighet varav fyra i anslutning "
        "till skolområden."
    )
    assert (target.comparator, target.value, target.unit) == (
        "at_least",
        12,
        "trafikinsatser",
    )
    (part,) = target.parts
    assert (part.value, part.unit) == (4, "trafikinsatser")
    assert part.text == "varav fyra i anslutning till skolområden"


def test_a_share_with_its_own_unit_keeps_it():
    (target,) = read_targets("Minst tio kontroller, varav tre nykterhetskontroller.")
    assert [(p.value, p.unit) for p in target.parts] == [(3, "nykterhetskontroller")]


def test_the_review_is_warned_of_a_share_a_target_cannot_hold(parse, assert_valid):
    result = parse(
        "Medborgarlöfte Alingsås 2023\n"
        "Polisen lovar att:\n"
        " • Genomföra minst tolv trafikinsatser varav fyra vid skolor.\n"
    )
    assert result.activities[0].target.value == 12
    assert any("varav fyra vid skolor" in warning for warning in result.warnings)
    data = result.to_dict()
    assert_valid(data)
    assert data["activities"][0]["target"]["parts"][0]["value"] == 4
