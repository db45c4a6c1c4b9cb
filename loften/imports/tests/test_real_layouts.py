"""Layouts seen in real published promises and follow-ups, each from a small
made-up example of the pattern (not from the corpus of real documents)."""

import pytest

from loften.imports.parsing import ReadError
from loften.imports.parsing.periods import find_years, years_of_dates
from loften.imports.parsing.structure import parse_document


@pytest.fixture(scope="module")
def parse(refs):
    def run(text: str):
        return parse_document(text.encode(), filename="lofte.txt", municipalities=refs)

    return run


# --- "lovar polisen, X kommun, HSB …:" and "Att polisen ska …" bullets ------------

POLICE_PAGE = """\
Åmål – medborgarlöften
Medborgarlöfte för 2024
I Åmål lovar polisen, Åmåls kommun, HSB, Åmålshem och Stadsparken AB:
 • Att polisen ska genomföra trafikkontroller vid skolorna.
 • Att Åmåls kommun vid behov genomför trygghetsvandringar i centrum.
 • Att polisen, Åmåls kommun, HSB och Åmålshem tillsammans ska ordna en trygghetsdag.
"""


def test_att_bullets_under_a_lovar_list_are_activities_with_their_subjects(parse):
    result = parse(POLICE_PAGE)
    assert result.municipality.name == "Åmål"
    assert result.years == [2024]
    assert result.commitments == [
        "I Åmål lovar polisen, Åmåls kommun, HSB, Åmålshem och Stadsparken AB:"
    ]
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["kommunen"],
        ["polisen", "kommunen", "annan"],
    ]
    assert result.activities[2].partners == ["HSB", "Åmålshem"]


# --- parties inherited from the sentence that introduces the list ---------------


def test_items_without_a_party_take_the_parties_of_the_introducing_statement(parse):
    result = parse(
        "Medborgarlöfte Bengtsfors 2023\n"
        "Lokalpolisområde Dalsland och Bengtsfors kommun lovar att gemensamt arbeta "
        "för ökad trygghet i centrum genom aktiviteter som anges nedan.\n"
        " • Genomföra trygghetsvandringar i centrum.\n"
        " • Besöka skolornas föräldramöten.\n"
        " • Polisen ska hålla öppet hus på stationen.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
        ["polisen"],
    ]


def test_a_third_party_of_the_promise_is_kept_on_items_that_name_no_party(parse):
    result = parse(
        "Medborgarlöfte Kumla 2025\n"
        "Kumla kommun, Kumlabostäder och lokalpolisområde Kumla lovar att:\n"
        " • Genomföra trygghetsvandringar i bostadsområdena.\n"
    )
    (activity,) = result.activities
    assert activity.responsible == ["polisen", "kommunen", "annan"]
    assert "Kumlabostäder" in activity.partners or "bostadsbolag" in activity.partners


def test_an_activity_takes_the_parties_of_a_promise_signed_by_both(parse):
    result = parse(
        "Medborgarlöfte Mora 2024\n\n"
        "Polisen och Mora kommun lovar att öka tryggheten i centrum under 2024.\n\n"
        "Trafik\n\n"
        " • Hastighetskontroller vid skolorna.\n"
    )
    assert result.activities[0].responsible == ["polisen", "kommunen"]


# --- no refusal of a real promise -----------------------------------------------


def test_a_promise_page_without_activities_is_a_draft_with_a_warning(parse):
    result = parse(
        "Medborgarlöfte Leksand 2022\n\n"
        "Polisen och kommunen har tagit fram en gemensam lägesbild. Arbetet med "
        "medborgarlöftet fortsätter under hösten med fokus på trafiken.\n"
    )
    assert result.activities == []
    assert result.municipality.name == "Leksand"
    assert result.years == [2022]
    assert any(
        "Inga aktiviteter hittades" in w and "Medborgarlöfte Leksand 2022" in w
        for w in result.warnings
    )


def test_a_text_that_is_no_promise_is_still_refused(parse):
    with pytest.raises(ReadError) as caught:
        parse("Veckans meny\n\nFisk på tisdag och soppa på torsdag.\n")
    assert caught.value.code == "no_structure"


# --- years from dates and ranges anywhere ---------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Löftet gäller från 1 januari 2018 till 31 december 2019.", [2018, 2019]),
        ("Giltigt 2018-07-01—2020-06-30", [2018, 2019, 2020]),
        ("Undertecknat 22 januari 2018", [2018]),
        ("2018-01-01--2019-12-31", [2018, 2019]),
    ],
)
def test_years_of_dates_and_date_ranges(text, years):
    assert years_of_dates(text) == years


def test_a_range_with_till_och_med_is_read():
    assert find_years("under perioden 2023 till och med 2025") == [2023, 2024, 2025]


def test_the_validity_sentence_gives_the_years_when_no_heading_does(parse):
    result = parse(
        "Gnosjö – medborgarlöften\n"
        "Trygghetsmätningen 2016 visar att många är oroliga i centrum.\n"
        "Polisen ska genomföra trafikkontroller vid skolorna.\n"
        "Medborgarlöftet gäller från 1 januari 2019 - 31 december 2020.\n"
    )
    assert result.years == [2019, 2020]


def test_a_data_year_is_not_the_promise_year(parse):
    result = parse(
        "Gnosjö – medborgarlöften\n"
        "Grunden är en lägesbild som gjordes under hösten 2018.\n"
        " • Polisen lovar att delta vid kommunens dialoger under 2019.\n"
    )
    assert result.years == [2019]


# --- a list of promises with no activities: the listed promises are the work ------


def test_listed_promises_without_activities_become_activities(parse):
    result = parse(
        "Tranås – medborgarlöften\n"
        "Tranås kommun, Tranåsbostäder och lokalpolisområde Tranås har kommit "
        "överens om ett medborgarlöfte för 2025.\n"
        "MEDBORGARLÖFTET\n"
        " • Ökad närvaro i stadsdelen\n"
        " • Insatser för trafiksäkerhet vid skolorna\n"
        " • Trafik\n"
    )
    assert [a.text for a in result.activities] == [
        "Ökad närvaro i stadsdelen",
        "Insatser för trafiksäkerhet vid skolorna",
    ]
    assert all(
        a.responsible == ["polisen", "kommunen", "annan"] for a in result.activities
    )


def test_places_in_a_promise_list_are_not_activities(parse):
    result = parse(
        "Tranås – medborgarlöften\n"
        "Polis och kommun lovar att tillsammans höja tryggheten på följande platser.\n"
        " • Centrala Tranås (kring torget och biblioteket)\n"
        " • Stationsområdet vid resecentrum\n"
    )
    assert result.activities == []


def test_we_promise_statements_take_the_parties_named_in_the_introduction(parse):
    result = parse(
        "Vimmerby – medborgarlöften\n"
        "Tillsammans har polisen och Vimmerby kommun utsett följande områden för "
        "2024:\n"
        " • Vi ska tillsammans arbeta för ett tryggare centrum.\n"
        " • Vi ska tillsammans arbeta mot trafikbrott.\n"
    )
    assert len(result.activities) == 2
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)


def test_what_the_promise_is_to_achieve_is_not_an_activity(parse):
    result = parse(
        "Medborgarlöfte Tranås 2025\n\n"
        "Polisen ska:\n\n"
        " • Patrullera i centrum på kvällarna.\n\n"
        "Det här ska vi åstadkomma tillsammans\n\n"
        "Vi ska utveckla samarbetet kring lägesbilden.\n"
    )
    assert [a.text for a in result.activities] == ["Patrullera i centrum på kvällarna."]


# --- titles and police-area names -----------------------------------------------

PROMISE_BODY = (
    "\n\nPolisen och kommunen lovar att:\n\n- Polisen ska genomföra trafikkontroller.\n"
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Ödeshög – medborgarlöften", "Ödeshög"),
        ("Medborgarlöfte Ödeshög 2021", "Ödeshög"),
        ("MEDBORGARLÖFTE ÖDESHÖG 2021", "Ödeshög"),
        ("Lokalpolisområde Södra Vätterbygden – medborgarlöfte 2021", "Jönköping"),
        ("LOKALPOLISOMRÅDE SÖDRA VÄTTERBYGDEN MEDBORGARLÖFTE 2021", "Jönköping"),
    ],
)
def test_the_municipality_from_the_title(parse, title, name):
    result = parse(title + PROMISE_BODY)
    assert result.municipality.name == name


def test_a_police_area_of_several_municipalities_is_named_in_a_warning(parse):
    result = parse("Medborgarlöfte i norra Lappland 2022" + PROMISE_BODY)
    assert result.municipality is None
    assert any("norra Lappland" in w and "Kiruna" in w for w in result.warnings)


def test_police_areas_are_read_from_the_reference_list():
    from loften.imports.parsing.municipalities import police_areas

    areas = police_areas()
    assert areas["Södra Vätterbygden"] == ("0680",)
    assert set(areas["Norra Lappland"]) == {"2510", "2523", "2584"}


# --- targets as rates and frequencies; numbers that are not targets -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Polisen ska genomföra trafikkontroller en gång i månaden.",
            ("exactly", 1, "trafikkontroller", "månad"),
        ),
        (
            "Polisen ska patrullera i centrum varje vecka.",
            ("exactly", 1, "tillfällen", "vecka"),
        ),
        (
            "Kommunen ska ordna trygghetsvandringar minst en gång per termin.",
            ("at_least", 1, "trygghetsvandringar", "termin"),
        ),
        (
            "Fältgruppen ska ha 1 kontakt/vecka med skolan.",
            ("exactly", 1, "kontakt", "vecka"),
        ),
        (
            "Polisen ska finnas på plats vid skolan varje onsdag.",
            ("exactly", 1, "tillfällen", "vecka"),
        ),
        (
            "Kommunen ska anordna föräldramöten varje skoltermin.",
            ("exactly", 1, "föräldramöten", "termin"),
        ),
    ],
)
def test_rates_and_frequencies_are_targets(text, expected):
    from loften.imports.parsing.targets import read_target

    target = read_target(text)
    assert (target.comparator, target.value, target.unit, target.per) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Polisen ska hålla öppet hus på Storgatan 12.",
        "Ring kommunpolisen på telefon 0510-123 45 om du vill veta mer.",
        "Trygghetsmätningen visar att 28 % känner sig otrygga.",
        "Polisen ska delta i mötet den 14 mars 2024.",
        "Polisen genomförde 43 trafikkontroller under 2023.",
        "Under 2017 anmäldes cirka 450 brott i kommunen.",
    ],
)
def test_numbers_that_are_not_targets(text):
    from loften.imports.parsing.targets import read_target

    assert read_target(text) is None


# --- follow-ups ---------------------------------------------------------------


def test_a_yearly_follow_up_reports_on_the_restated_activities(parse):
    result = parse(
        "Uppföljning av medborgarlöfte i Tidaholm\n\n"
        "Följande aktiviteter utlovades 2021:\n\n"
        " • Att genomföra fyra krogtillsyner under året.\n"
        " • Att fotpatrullera i centrum på fredagskvällar.\n\n"
        "POLISENS UPPFÖLJNING\n\n"
        " • Polisen har genomfört fyra krogtillsyner under året.\n"
        " • Polisen har genomfört ett trettiotal fotpatrulleringar i centrum.\n"
    )
    assert result.kind == "followup"
    assert len(result.activities) == 2
    assert [len(a.followups) for a in result.activities] == [1, 1]
    assert "fyra krogtillsyner" in result.activities[0].followups[0].text


def test_a_news_style_follow_up_keeps_the_promise_and_its_verdict(parse):
    result = parse(
        "Så gick det med medborgarlöftet i Tidaholm 2021\n\n"
        "Polisen och Tidaholms kommun lovade att öka tryggheten vid "
        "busstationen under 2021.\n\n"
        "Löftet är genomfört. Polisen har varit på plats vid busstationen vid "
        "34 tillfällen.\n"
    )
    assert result.kind == "followup"
    assert result.years == [2021]
    (activity,) = result.activities
    assert activity.responsible == ["polisen", "kommunen"]
    assert activity.followups[0].status == "done"


def test_a_follow_up_restating_each_promise_as_a_paragraph(parse):
    result = parse(
        "Uppföljning medborgarlöfte 2023\n\n"
        "Polisen ska genomföra riktad trafikövervakning i Herrljunga kommun.\n\n"
        "Under året har polisen utfört minst 40 trafikkontroller.\n\n"
        " • 30 ordningsförelägganden har utfärdats.\n"
        " • Vid 9 tillfällen har polisen rapporterat olovlig körning.\n\n"
        "Polisen ska öka närvaron i centrum.\n\n"
        "Polisen har varit på plats i centrum vid ett 40-tal tillfällen.\n"
    )
    assert [a.text for a in result.activities] == [
        "Polisen ska genomföra riktad trafikövervakning i Herrljunga kommun.",
        "Polisen ska öka närvaron i centrum.",
    ]
    report = result.activities[0].followups[0].text
    assert "30 ordningsförelägganden" in report and "olovlig körning" in report


def test_a_police_page_speaking_as_we_from_the_police_side(parse):
    result = parse(
        "Vara – Så uppfyllde polisen sitt löfte 2021\n\n"
        "I medborgarlöftet 2021 lovade vi från polisens sida att:\n\n"
        " • Genomföra trygghetsskapande patrullering i centrum.\n\n"
        "Tillsammans med kommunen lovade vi även:\n\n"
        " • Genomföra två trygghetsvandringar i Vara kommun.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["polisen", "kommunen"],
    ]


# --- focus-area and purpose lists are not activities ------------------------------


def test_a_focus_area_list_with_rubrik_and_description_bullets(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2024\n\n"
        "Polisen tillsammans med Alingsås kommun kommer att arbeta med följande "
        "fokusområden:\n\n"
        " • Trafik – fler kontroller vid skolorna och i centrum\n"
        " • Narkotika – unga som börjar använda droger\n\n"
        "Polisen ska:\n\n"
        " • Genomföra trafikkontroller vid skolorna.\n"
    )
    assert result.focus_areas[:2] == ["Trafik", "Narkotika"]
    assert [a.text for a in result.activities] == [
        "Genomföra trafikkontroller vid skolorna."
    ]
    assert any(
        n.text == "fler kontroller vid skolorna och i centrum" for n in result.notes
    )


@pytest.mark.parametrize(
    "intro", ["Syftet med medborgarlöften är att;", "Medborgarlöften ska:"]
)
def test_other_purpose_introductions(parse, intro):
    result = parse(
        f"Medborgarlöfte Alingsås 2024\n\n{intro}\n\n • öka tryggheten\n"
        " • förebygga brott\n\nLöften\n\n"
        " • Polisen ska genomföra trafikkontroller vid skolorna.\n"
    )
    assert [a.text for a in result.activities] == [
        "Polisen ska genomföra trafikkontroller vid skolorna."
    ]


def test_a_purpose_list_is_not_activities(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2024\n\n"
        "Medborgarlöften ges till medborgarna för att:\n\n"
        " • öka tryggheten\n"
        " • minska brottsligheten i centrum\n\n"
        "Löften\n\n"
        " • Polisen och kommunen ska genomföra minst en trygghetsvandring per år.\n"
    )
    assert len(result.activities) == 1
    assert result.activities[0].responsible == ["polisen", "kommunen"]


def test_a_problem_list_in_the_lagesbild_is_not_activities(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2024\n\n"
        "Lägesbild\n\n"
        " • Nedskräpning – kommunen, fastighetsägare\n"
        " • Buskörning med mopeder – polisen, skolan\n\n"
        "Polisen lovar att:\n\n"
        " • Genomföra kontroller av mopeder i centrum.\n"
    )
    assert [a.text for a in result.activities] == [
        "Genomföra kontroller av mopeder i centrum."
    ]
    assert sum(n.kind == "situation" for n in result.notes) == 2


def test_a_party_together_with_another_after_the_verb(parse):
    result = parse(
        "Medborgarlöfte Alingsås 2024\n\n"
        "Aktiviteter\n\n"
        " • Alingsås kommun ska tillsammans med Polismyndigheten arbeta mot "
        "langning.\n"
    )
    assert result.activities[0].responsible == ["polisen", "kommunen"]


def test_a_press_release_evaluating_last_years_promise(parse):
    result = parse(
        "Skip to main content\n\n"
        "Utvärdering medborgarlöfte 2021\n\n"
        "Pressmeddelande   •   Feb 03, 2022 08:00 CET\n\n"
        "Under 2021 avsåg lokalpolisområde Ronneby att patrullera i centrum på "
        "kvällarna. Detta har uppfyllts genom fotpatrullering runt torget.\n\n"
        "Ronneby kommun skulle under 2021 genomföra två trygghetsvandringar. Båda "
        "genomfördes under hösten.\n"
    )
    assert result.title == "Utvärdering medborgarlöfte 2021"
    assert result.kind == "followup"
    assert [a.responsible for a in result.activities] == [["polisen"], ["kommunen"]]
    assert "fotpatrullering" in result.activities[0].followups[0].text


def test_paragraphs_where_a_party_commits_itself_are_activities(parse):
    result = parse(
        "Medborgarlöften i Ronneby 2019\n\n"
        "Medborgarlöfte\n\n"
        "Polisen förbinder sig att under året genomföra minst 30 trafikkontroller.\n\n"
        "Polisen förbinder sig att arbeta aktivt mot brott på väg.\n\n"
        "Ronneby kommun och polisen förbinder sig att gemensamt stödja "
        "grannsamverkan.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["polisen"],
        ["polisen", "kommunen"],
    ]


def test_counted_work_under_a_lagesbild_is_an_activity(parse):
    result = parse(
        "Kalix – medborgarlöften 2022\n\n"
        "Problembild\n\n"
        " • Drogmissbruk\n"
        " • Mängdbrott\n\n"
        "Av lägesbilden framkommer att medborgare vill se polisen.\n\n"
        " • Genomföra minst tre medborgarkontakter per vecka på utvalda platser.\n"
    )
    assert [a.text for a in result.activities] == [
        "Genomföra minst tre medborgarkontakter per vecka på utvalda platser."
    ]
    assert [n.text for n in result.notes if n.kind == "situation"][:2] == [
        "Drogmissbruk",
        "Mängdbrott",
    ]


# --- tables whose columns are periods --------------------------------------------


def test_a_table_whose_columns_are_years_gives_each_year_its_follow_up(parse):
    result = parse(
        "Uppföljning medborgarlöfte Vara 2022–2023\n\n"
        "Aktivitet\t2022\t2023\n"
        "Polisen genomför trafikkontroller vid skolorna.\tGenomfört vid 12 "
        "tillfällen.\tPågår.\n"
    )
    (activity,) = result.activities
    assert [(f.period, f.year, f.status) for f in activity.followups] == [
        ("year", 2022, "done"),
        ("year", 2023, "ongoing"),
    ]


def test_a_table_whose_columns_are_month_spans_gives_tertials(parse):
    result = parse(
        "Uppföljning medborgarlöfte Vara 2023\n\n"
        "Aktivitet\tJan–apr\tMaj–aug\tSep–dec\n"
        "Polisen genomför trafikkontroller vid skolorna.\tGenomfört.\tPågår.\t"
        "Planerad.\n"
    )
    (activity,) = result.activities
    assert [f.period for f in activity.followups] == ["T1", "T2", "T3"]


def test_a_news_date_is_not_the_promise_year(parse):
    result = parse(
        "Nytt medborgarlöfte i Vara\n\n"
        "Den 13 februari 2023 undertecknades medborgarlöftet för 2024 av polisen "
        "och Vara kommun.\n\n"
        "Polisen ska genomföra trafikkontroller vid skolorna.\n"
    )
    assert result.years == [2024]


# --- a page with no activities still records who makes the promise --------------


def test_a_page_without_activities_keeps_the_sentences_naming_the_promise_makers(
    parse,
):
    result = parse(
        "Vara – medborgarlöften\n\n"
        "Gäller från 1 maj 2024 till 30 april 2025.\n\n"
        "Trygghetsmätningen visar att många känner oro i centrum.\n\n"
        "Polisen och Vara kommun ska samverka för att öka tryggheten. "
        "Medborgarlöftet har undertecknats mellan lokalpolisområdet och Vara kommun "
        "samt Varabostäder.\n"
    )
    assert result.activities == []
    assert result.commitments == [
        "Polisen och Vara kommun ska samverka för att öka tryggheten.",
        "Medborgarlöftet har undertecknats mellan lokalpolisområdet och Vara kommun "
        "samt Varabostäder.",
    ]
    assert any("Inga aktiviteter hittades" in w for w in result.warnings)


def test_group_headings_with_kommer_att_and_tillsammans(parse):
    result = parse(
        "Medborgarlöfte Vara 2024\n\n"
        "Polisen kommer att genomföra\n\n"
        " • Trafikkontroller vid skolorna.\n\n"
        "Polisen och kommunen kommer tillsammans att:\n\n"
        " • Utöka samverkan mellan polis och socialtjänst kring unga.\n"
    )
    assert [(a.responsible, a.partners) for a in result.activities] == [
        (["polisen"], []),
        (["polisen", "kommunen"], ["socialtjänsten"]),
    ]


# --- promises told only in prose ---------------------------------------------------


def test_a_follow_up_telling_the_promises_in_prose(parse):
    result = parse(
        "Uppföljning av medborgarlöftet 2023 i Vara\n\n"
        "Löftet är att minst två möten om grannsamverkan ska hållas under året. "
        "Medborgarlöftet är en del av samverkan.\n\n"
        "Ett av löftena handlar om att fånga upp unga i riskzon.\n\n"
        "Om polisens och kommunens medborgarlöfte\n"
    )
    assert [(a.text, a.responsible) for a in result.activities] == [
        (
            "Löftet är att minst två möten om grannsamverkan ska hållas under året.",
            ["polisen", "kommunen"],
        ),
        (
            "Ett av löftena handlar om att fånga upp unga i riskzon.",
            ["polisen", "kommunen"],
        ),
    ]
    assert result.activities[0].target.value == 2


def test_what_a_party_promised_told_in_prose(parse):
    result = parse(
        "Medborgarlöftet 2023 i VARA\n\n"
        "I medborgarlöftet har polisen och Vara kommun lovat att minska buskörningen "
        "i centrum. Många har hört av sig.\n\n"
        "Polisen lovade även att öka närvaron vid skolorna, något som många "
        "välkomnar.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen", "kommunen"],
        ["polisen"],
    ]


def test_a_news_item_whose_promise_names_its_parties_after_att(parse):
    result = parse(
        "Nytt medborgarlöfte i Vara\n\n"
        "De löften som skrevs in är att kommunen och polisen ska genomföra "
        "trygghetsvandringar i centrum.\n"
    )
    (activity,) = result.activities
    assert activity.responsible == ["polisen", "kommunen"]


def test_the_whole_medborgarlofte_is_not_one_prose_promise(parse):
    result = parse(
        "Vara – medborgarlöften\n\n"
        "Medborgarlöftet för 2023 var att polisen och kommunen skulle arbeta mot "
        "narkotika.\n"
    )
    assert result.activities == []


def test_the_number_promised_is_the_target_not_the_number_done(parse):
    result = parse(
        "Kvartalsrapport medborgarlöfte Vara 2024\n\n"
        "Polisen har lagt 300 timmar av de 1 200 utlovade på förebyggande arbete.\n"
    )
    (activity,) = result.activities
    assert (activity.target.value, activity.target.unit) == (1200, "timmar")


def test_the_municipality_named_through_its_residents_in_the_first_paragraph(parse):
    result = parse(
        "Fram till mars har du som Ödeshögsbo kunnat tycka till om medborgarlöftet.\n\n"
        "Medborgarlöfte 2024\n\n"
        "Polisen ska genomföra trafikkontroller vid skolorna.\n"
    )
    assert result.municipality.name == "Ödeshög"


def test_a_statement_giving_the_following_promises_without_a_colon(parse):
    result = parse(
        "Medborgarlöfte Vara 2024\n\n"
        "Vara kommun och polisen lämnar följande löften till invånarna för 2024\n\n"
        " • Genomföra trygghetsvandringar i centrum.\n"
    )
    assert result.commitments == [
        "Vara kommun och polisen lämnar följande löften till invånarna för 2024"
    ]
    assert result.activities[0].responsible == ["polisen", "kommunen"]


def test_the_promise_makers_named_in_a_relative_clause(parse):
    result = parse(
        "Vara – medborgarlöften\n\n"
        "Löftet gäller de områden som kommun och polis tillsammans kommit överens "
        "om för 2024.\n"
    )
    assert result.activities == []
    assert result.commitments == [
        "Löftet gäller de områden som kommun och polis tillsammans kommit överens "
        "om för 2024."
    ]


def test_a_statement_introducing_a_list_cut_off_is_not_an_activity(parse):
    result = parse(
        "Vara – medborgarlöften\n\n"
        "Lokalpolisområde Skaraborg och Vara kommun lovar att gemensamt arbeta för "
        "ökad trygghet genom följande aktiviteter:\n\n"
        "Polisen har genomfört dialoger med skolan och föreningarna i höstas.\n"
    )
    assert result.activities == []
    assert any("Inga aktiviteter hittades" in w for w in result.warnings)


def test_a_promise_statement_over_focus_area_headings_is_not_an_activity(parse):
    result = parse(
        "Ödeshög – medborgarlöften\n\n"
        "Det här ska vi göra\n\n"
        "Polisen och kommunen lovar att under tiden 1 maj 2024 – 30 april 2025:\n\n"
        "Otrygga platser\n\n"
        " • Genomföra trygghetsvandringar i centrum.\n"
        "   Ansvarig: kommunen och p\n"
    )
    assert result.commitments == [
        "Polisen och kommunen lovar att under tiden 1 maj 2024 – 30 april 2025:"
    ]
    (activity,) = result.activities
    assert activity.text == "Genomföra trygghetsvandringar i centrum."
    assert (activity.responsible, activity.partners) == (["kommunen"], [])


def test_a_second_promise_statement_after_the_first_ones_list(parse):
    result = parse(
        "Ödeshög – medborgarlöften\n\n"
        "Polisen och kommunen lovar att arbeta för ett tryggt centrum.\n\n"
        "Det ska åstadkommas genom följande aktiviteter:\n\n"
        " • Polisen ska patrullera i centrum på kvällarna.\n\n"
        "Polisen och kommunen lovar att arbeta mot droger bland unga.\n\n"
        "Det ska åstadkommas genom följande aktiviteter:\n\n"
        " • Kommunen ska ordna föräldramöten om droger.\n"
    )
    assert result.commitments == [
        "Polisen och kommunen lovar att arbeta för ett tryggt centrum.",
        "Polisen och kommunen lovar att arbeta mot droger bland unga.",
    ]
    assert [a.text for a in result.activities] == [
        "Polisen ska patrullera i centrum på kvällarna.",
        "Kommunen ska ordna föräldramöten om droger.",
    ]


def test_a_list_introduced_as_the_following_promises_without_lovar(parse):
    result = parse(
        "Ödeshög – medborgarlöften\n\n"
        "Ödeshögs kommun och lokalpolisområdet lovar att arbeta för ett tryggt "
        "Ödeshög.\n\n"
        "Utifrån den målsättningen har följande medborgarlöften tagits fram:\n\n"
        " • Synligt polisiärt arbete i centrum ska bedrivas.\n"
        " • Riktade insatser vid skolorna ska genomföras.\n"
    )
    assert [(a.text, a.responsible) for a in result.activities] == [
        ("Synligt polisiärt arbete i centrum ska bedrivas.", ["polisen", "kommunen"]),
        ("Riktade insatser vid skolorna ska genomföras.", ["polisen", "kommunen"]),
    ]


def test_an_item_opening_with_its_purpose_names_its_party_after_ska(parse):
    result = parse(
        "Ödeshög – medborgarlöften\n\n"
        "Medborgarlöfte Ödeshögs kommun 2024\n\n"
        " • För att skapa trygghet och förebygga brott i centrum ska polisen "
        "patrullera vid krogstängning.\n"
        " • Polisen ska starta grannsamverkan efter önskemål.\n"
    )
    assert [a.responsible for a in result.activities] == [["polisen"], ["polisen"]]
    assert result.commitments == []


def test_a_longer_fronted_phrase_before_the_verb_and_its_subject(parse):
    result = parse(
        "Medborgarlöfte Ödeshög 2024\n\n"
        "Det här ska göras\n\n"
        "Polisen ska arbeta med trafikkontroller vid skolorna.\n\n"
        "Utifrån förra årets problem med otrygghet på offentliga platser skall kommun "
        "och polis genomföra trygghetsvandringar i centrum.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["polisen", "kommunen"],
    ]


# --- the work of a statement announced below it, and its parties -----------------


def test_a_means_line_below_a_statement_lists_that_statements_activities(parse):
    result = parse(
        "Mullsjö – medborgarlöften\n"
        "\n"
        "Utifrån lägesbilden lovar Mullsjö lokalpolisområde och Mullsjö kommun att "
        "arbeta mot otrygghet i centrum under 2025.\n"
        "\n"
        "Detta ska ske genom att:\n"
        "\n"
        "  • Ingripa mot ordningsstörningar och kontakta vårdnadshavare.\n"
        "  • Ha en hög vuxennärvaro vid evenemang.\n"
        "  • Genomföra minst tio trygghetsvandringar.\n"
    )
    assert [a.text for a in result.activities] == [
        "Ingripa mot ordningsstörningar och kontakta vårdnadshavare.",
        "Ha en hög vuxennärvaro vid evenemang.",
        "Genomföra minst tio trygghetsvandringar.",
    ]
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)
    assert all(a.commitment == 0 for a in result.activities)


def test_the_police_of_a_place_and_a_single_following_promise(parse):
    result = parse(
        "Medborgarlöfte 2025\n"
        "Polisen i Mullsjö och Mullsjö kommun ska öka stödet till brottsutsatta. "
        "I linje med detta utgår följande medborgarlöfte:\n"
        "1. Under 2025 ska tre informationsinsatser genomföras.\n"
        "2. Under 2025 ska fyra dialogmöten hållas med föräldrar.\n"
    )
    assert len(result.commitments) == 1
    assert [a.text for a in result.activities] == [
        "Under 2025 ska tre informationsinsatser genomföras.",
        "Under 2025 ska fyra dialogmöten hållas med föräldrar.",
    ]
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)


def test_a_list_indented_as_a_whole_is_not_a_list_of_sub_points(parse):
    result = parse(
        "Medborgarlöfte för ökad trygghet i Mullsjö 2025\n"
        "\n"
        "Mullsjö lokalpolisområde och Mullsjö kommun lovar i medborgarlöftet att:\n"
        "\n"
        "  1. Ingripa mot ungdomar som stör ordningen\n"
        "  2. Ha en hög vuxennärvaro vid festivaler\n"
        "  3. Öka vuxennärvaron i centrum\n"
    )
    assert [a.text for a in result.activities] == [
        "Ingripa mot ungdomar som stör ordningen",
        "Ha en hög vuxennärvaro vid festivaler",
        "Öka vuxennärvaron i centrum",
    ]


def test_sentence_items_below_a_statement_are_its_activities(parse):
    result = parse(
        "Mullsjö – medborgarlöften\n"
        "Lokalpolisområde Södra Vätterbygden och Mullsjö kommun lovar att i "
        "samverkan arbeta för invånarnas inflytande genom medborgardialoger och "
        "trygghetsvandringar.\n"
        "  • Medborgardialoger genomförs under våren 2025.\n"
        "  • Arbetet med trygghetsvandringar påbörjas under hösten 2025.\n"
        "Samverkan mellan kommunen och polisen är en förutsättning för arbetet.\n"
    )
    assert [a.text for a in result.activities] == [
        "Medborgardialoger genomförs under våren 2025.",
        "Arbetet med trygghetsvandringar påbörjas under hösten 2025.",
    ]
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)
    assert len(result.commitments) == 1


def test_a_fronted_paragraph_with_its_subject_between_kommer_and_att(parse):
    result = parse(
        "Medborgarlöfte 2025\n"
        "Det här ska göras\n"
        "Under 2025 ska polisen genomföra trafikkontroller vid skolorna.\n"
        "I linje med samverkansavtalet kommer områdespolisen, tillsammans med skola "
        "och socialförvaltning, att fokusera på ungdomar i riskzon.\n"
    )
    assert len(result.activities) == 2
    assert result.activities[1].responsible == ["polisen"]
    assert "skolan" in result.activities[1].partners


def test_focus_area_paragraphs_that_say_what_they_mean_in_practice(parse):
    result = parse(
        "Medborgarlöften Mullsjö 2025\n"
        "Trafiksäkerhet, innebär att polis och kommun minst en gång per månad ska "
        "kontrollera hastigheten vid skolorna. Minst fyra trafikinsatser ska också "
        "genomföras under året.\n"
        "Narkotika, innebär att minst två riktade insatser genomförs under året. "
        "Detta i samverkan med socialtjänsten.\n"
        "Mängdbrott, innebär att löpande utveckla grannsamverkan i kommunen.\n"
    )
    assert [(a.focus_area, a.text) for a in result.activities] == [
        (
            "Trafiksäkerhet",
            "Polis och kommun minst en gång per månad ska kontrollera hastigheten "
            "vid skolorna.",
        ),
        (
            "Trafiksäkerhet",
            "Minst fyra trafikinsatser ska också genomföras under året.",
        ),
        ("Narkotika", "Minst två riktade insatser genomförs under året."),
        ("Mängdbrott", "Löpande utveckla grannsamverkan i kommunen."),
    ]
    assert result.activities[0].responsible == ["polisen", "kommunen"]
    assert result.activities[2].notes == ["Detta i samverkan med socialtjänsten."]
    assert "socialtjänsten" in result.activities[2].partners


def test_prose_promises_joined_in_one_sentence_and_added_to_after_it(parse):
    result = parse(
        "Mullsjö kommun och polisen har skrivit ett medborgarlöfte\n"
        "Idag signerades medborgarlöftet av Mullsjö kommun och polisen.\n"
        "De löften som finns är att kommunen och polisen ska genomföra "
        "trygghetsvandringar i centrum och verka för att langningen till unga "
        "minskar. Man ska också verka för en säkrare trafikmiljö kring skolorna.\n"
    )
    assert [a.text for a in result.activities] == [
        "De löften som finns är att kommunen och polisen ska genomföra "
        "trygghetsvandringar i centrum",
        "Verka för att langningen till unga minskar.",
        "Man ska också verka för en säkrare trafikmiljö kring skolorna.",
    ]
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)


def test_a_promise_to_work_for_an_aim_beside_concrete_promises_is_a_statement(parse):
    result = parse(
        "Uppföljning av medborgarlöftet 2024 i Mullsjö\n"
        "I medborgarlöftet för 2024 lovade polisen att arbeta aktivt och i samverkan "
        "för att förebygga brott och öka tryggheten i Mullsjö.\n"
        "Polisen lovade att genomföra riktade trafikinsatser mot buskörning samt öka "
        "närvaron runt skolorna i Mullsjö kommun.\n"
    )
    assert [a.text for a in result.activities] == [
        "Polisen lovade att genomföra riktade trafikinsatser mot buskörning",
        "Öka närvaron runt skolorna i Mullsjö kommun.",
    ]
    assert result.commitments[0].startswith("I medborgarlöftet för 2024 lovade")


def test_a_done_list_announced_for_the_year_over_a_focus_area_heading(parse):
    result = parse(
        "Uppföljning av medborgarlöfte 2024\n"
        "Under 2024 har Mullsjö kommun och polisen bland annat genomfört följande:\n"
        "Ungdomsproblematik\n"
        " • Under året genomfördes narkotikasök med hund på två skolor.\n"
        " • Kommunpolisen och RTMD har genomfört fyra informationsträffar.\n"
        " • Fältning av funktion på Socialtjänsten har gjorts vid 11 tillfällen.\n"
    )
    assert [a.focus_area for a in result.activities] == ["Ungdomsproblematik"] * 3
    assert result.activities[0].responsible == ["polisen", "kommunen"]
    assert result.activities[1].partners == ["RTMD"]
    assert "socialtjänsten" in result.activities[2].partners
    assert all(a.followups[0].status == "done" for a in result.activities)


def test_owner_labelled_lines_under_an_item_are_its_parties_activities(parse):
    result = parse(
        "Mullsjö – medborgarlöften\n"
        "Lokalpolisområde Södra Vätterbygden och Mullsjö kommun lovar att gemensamt "
        "arbeta för ökad trygghet genom nedan aktiviteter.\n"
        "Narkotika\n"
        " • Förebyggande arbete i skolan\n"
        "  Polis: Hundsök i skolan två gånger per år.\n"
        "  Kommun: Drogvaneundersökning genomförs och följs upp.\n"
        " • Polis: Kontroll minst en gång per år.\n"
    )
    assert [(a.text, a.responsible) for a in result.activities] == [
        ("Polis: Hundsök i skolan två gånger per år.", ["polisen"]),
        ("Kommun: Drogvaneundersökning genomförs och följs upp.", ["kommunen"]),
        ("Polis: Kontroll minst en gång per år.", ["polisen"]),
    ]
    assert result.activities[0].notes == ["Förebyggande arbete i skolan"]
    assert result.activities[0].target.value == 2


def test_a_report_of_the_year_below_the_restated_promises_is_not_an_activity(parse):
    result = parse(
        "Uppföljning 2024 medborgarlöfte Mullsjö\n"
        "\n"
        "I medborgarlöftet 2024 lovade vi från polisens sida att:\n"
        "\n"
        "  • Genomföra trygghetsskapande patrullering i centrum.\n"
        "  • Genomföra riktade insatser mot narkotika.\n"
        "\n"
        "Trygghetsskapande insatser\n"
        "\n"
        "Telefonmöten hålls varannan vecka där lägesbilden delas.\n"
        "\n"
        "  • Under 2024 har ungefär 16\n"
    )
    assert [a.text for a in result.activities] == [
        "Genomföra trygghetsskapande patrullering i centrum.",
        "Genomföra riktade insatser mot narkotika.",
    ]
    assert any(n.text == "Under 2024 har ungefär 16" for n in result.notes)


def test_contact_lines_open_the_contact_block_and_hold_no_activity(parse):
    result = parse(
        "Mullsjö - medborgarlöften\n"
        "\n"
        "De aktiviteter som polisen och kommunen lovade att genomföra var bland "
        "annat en ökad närvaro av polis vid stationen. Nu har löftet följts upp.\n"
        "\n"
        "Det har varit fler poliser som fotpatrullerat kring stationen.\n"
        "\n"
        "Har du synpunkter är du välkommen att höra av dig till:\n"
        "\n"
        "anna.andersson@polisen.se\n"
        "\n"
        "Telefon: 010-123 45 67\n"
        "\n"
        "  • Anna Andersson\n"
    )
    assert [a.text for a in result.activities] == [
        "De aktiviteter som polisen och kommunen lovade att genomföra var bland "
        "annat en ökad närvaro av polis vid stationen."
    ]
    assert any(n.kind == "contact" for n in result.notes)


def test_a_paragraph_under_a_means_heading_lists_several_pieces_of_work(parse):
    result = parse(
        "Mullsjö kommun och polisen undertecknade idag ett medborgarlöfte\n"
        "\n"
        "Mullsjö kommun och polisen lovar att tillsammans arbeta för att öka "
        "tryggheten i Mullsjö centrum.\n"
        "\n"
        "Detta gör vi genom att:\n"
        "Polis och kommun arbetar för att förbättra miljön vid resecentrum, ha ökad "
        "polisiär närvaro på utvalda platser och fortsätta samverkan kring "
        "drogfrågorna.\n"
        "\n"
        "- Vi tar invånarnas oro på allvar och ska samverka för ett tryggare "
        "Mullsjö, säger Anna Andersson, lokalpolisområdeschef.\n"
    )
    assert [a.text for a in result.activities] == [
        "Polis och kommun arbetar för att förbättra miljön vid resecentrum",
        "Ha ökad polisiär närvaro på utvalda platser",
        "Fortsätta samverkan kring drogfrågorna.",
    ]
    assert all(a.responsible == ["polisen", "kommunen"] for a in result.activities)
    assert any("säger Anna Andersson" in n.text for n in result.notes)


def test_headings_that_announce_the_promise_or_its_work_name_no_focus_area(parse):
    result = parse(
        "Medborgarlöfte Mullsjö\n"
        "\n"
        "För åren 2025-2026 lyder löftet:\n"
        "\n"
        "  • Polisen ska öka närvaron i Mullsjö centrum.\n"
        "\n"
        "Det här ska göras\n"
        "Under 2025 ska kommunen genomföra trygghetsvandringar i Mullsjö.\n"
    )
    assert [a.text for a in result.activities] == [
        "Polisen ska öka närvaron i Mullsjö centrum.",
        "Under 2025 ska kommunen genomföra trygghetsvandringar i Mullsjö.",
    ]
    assert result.focus_areas == []
    assert result.commitments == ["För åren 2025-2026 lyder löftet:"]


def test_each_partys_part_of_the_promise_as_group_headings(parse):
    result = parse(
        "Medborgarlöfte Mullsjö 2025\n"
        "\n"
        "Polisens del i löftet för 2025\n"
        "\n"
        "  • Att genomföra fyra krogtillsyner under året.\n"
        "\n"
        "Polis och kommun i samverkan\n"
        "\n"
        "  • Tillsammans lovar vi att utföra två trygghetsvandringar.\n"
        "\n"
        "Kommunens del i löftet\n"
        "\n"
        "  • Att bjuda in medborgarna till en dialog om belysningen.\n"
    )
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["polisen", "kommunen"],
        ["kommunen"],
    ]
    assert result.focus_areas == []


def test_a_heading_naming_the_promise_itself_is_no_focus_area(parse):
    result = parse(
        "Mullsjö kommun och polisen undertecknade idag ett medborgarlöfte\n"
        "\n"
        "Mullsjö medborgarlöfte\n"
        "Mullsjö kommun och polisen lovar att öka tryggheten i centrum.\n"
        "\n"
        "Detta gör vi genom att:\n"
        "\n"
        "  • Genomföra trygghetsvandringar i centrum.\n"
    )
    assert [a.text for a in result.activities] == [
        "Genomföra trygghetsvandringar i centrum."
    ]
    assert result.focus_areas == []
