"""Expected results for the example documents in fixtures/ and built in documents.py."""

import json

import pytest

from loften.imports.parsing.blocks import Block
from loften.imports.parsing.errors import ReadError
from loften.imports.parsing.structure import (
    parse_blocks,
    parse_document,
    read_and_parse,
)

from . import documents
from .conftest import fixture_bytes


@pytest.fixture
def parse(refs, assert_valid):
    def run(name, data=None):
        result = parse_document(
            data if data is not None else fixture_bytes(name),
            filename=name,
            municipalities=refs,
        )
        assert_valid(json.loads(result.to_json()))
        return result

    return run


def activity(result, start):
    """The one activity whose text starts with `start`."""
    (found,) = [a for a in result.activities if a.text.startswith(start)]
    return found


def target_of(found):
    target = found.target
    return target and (target.comparator, target.value, target.unit)


def followup(found, period):
    (match,) = [f for f in found.followups if f.period == period]
    return match


def quantities(found_followup):
    return [(q.value, q.unit) for q in found_followup.quantities]


# --- tab-separated tertial tables


def test_tertial_table_document(parse):
    result = parse("habo_2021_tertialer.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Habo", "0643")
    assert result.years == [2021]
    assert result.commitments == [
        "Vi ska minska skadegörelsen i Habo centrum.",
        "Vi ska öka tryggheten för äldre i Brandstorp och Furusand.",
    ]
    assert len(result.activities) == 5
    assert [a.commitment for a in result.activities] == [0, 0, 0, 1, 1]
    assert result.periods == ["T1", "T2", "T3"]


def test_tertial_table_reads_targets_counts_and_statuses(parse):
    result = parse("habo_2021_tertialer.txt")
    patrols = activity(result, "Polisen genomför minst sex")
    assert patrols.responsible == ["polisen"]
    assert target_of(patrols) == ("at_least", 6, "kvällspatrulleringar")
    assert patrols.target.per == "tertial"
    assert followup(patrols, "T1").status == "done"
    assert quantities(followup(patrols, "T1"))[:2] == [
        (7, "tillfällen"),
        (21, "timmar"),
    ]
    assert followup(patrols, "T3").status == "partly_done"
    graffiti = activity(result, "Kommunen sanerar klotter")
    assert target_of(graffiti) is None  # "inom 24 timmar" is a deadline
    assert [f.status for f in graffiti.followups] == ["ongoing"] * 3


def test_a_row_with_an_empty_first_cell_continues_the_row_above(parse):
    patrols = activity(parse("habo_2021_tertialer.txt"), "Polisen genomför minst sex")
    assert followup(patrols, "T1").text == (
        "Genomfört vid sju tillfällen, sammanlagt 21 timmar.\n"
        "Två ungdomar har lagförts för skadegörelse på busstationen."
    )


def test_a_row_split_across_lines_is_put_back_together(parse):
    meetings = activity(parse("habo_2021_tertialer.txt"), "Fältgruppen och polisen")
    assert meetings.text.endswith(
        "vid skateparken för att skapa trivsel och ansvar i centrum."
    )
    assert (
        followup(meetings, "T1").text
        == "Tre träffar har genomförts med ca 15 ungdomar per gång."
    )
    assert followup(meetings, "T2").status == "not_done"
    assert meetings.responsible == ["polisen", "annan"]
    assert meetings.partners == ["fältarbetare"]


def test_suffix_parties_and_dates_in_table_cells(parse):
    result = parse("habo_2021_tertialer.txt")
    info = activity(result, "Informationsmöte om bedrägerier")
    assert info.text == "Informationsmöte om bedrägerier mot äldre tillsammans med PRO"
    assert info.responsible == ["polisen", "kommunen"]
    assert [f.status for f in info.followups] == ["planned", "done", "not_applicable"]
    assert quantities(followup(info, "T2")) == [(40, "deltagare")]
    walk = activity(result, "Trygghetsvandring i Brandstorp")
    assert walk.partners == ["bostadsbolag"]
    assert [f.status for f in walk.followups] == ["not_done", "planned", "done"]


# --- HTML tables and noise


def test_html_table_follow_up(parse):
    result = parse("vetlanda_2022_uppfoljning.html")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Vetlanda", "0685")
    assert result.years == [2022]
    assert result.commitments == [
        "Polisen och Vetlanda kommun lovade inför 2022 att arbeta för en tryggare "
        "stadskärna och minska langningen av alkohol till unga."
    ]
    assert len(result.activities) == 3
    walks = activity(result, "Minst två trygghetsvandringar")
    assert target_of(walks) == ("at_least", 2, "trygghetsvandringar")
    assert walks.target.per == "år"
    assert walks.responsible == ["polisen", "kommunen"]
    assert [f.status for f in walks.followups] == ["planned", "done", "done"]
    assert quantities(followup(walks, "T2")) == [(23, "deltagare")]
    assert quantities(followup(walks, "T3")) == []  # "Storgatan 12" is an address.


def test_a_responsible_column_names_partners(parse):
    parents = activity(parse("vetlanda_2022_uppfoljning.html"), "Föräldravandringar")
    assert parents.responsible == ["kommunen", "annan"]
    assert parents.partners == ["föreningar"]


def test_contact_tables_and_effect_measures_become_notes_not_activities(parse):
    result = parse("vetlanda_2022_uppfoljning.html")
    kinds = [note.kind for note in result.notes]
    assert kinds.count("contact") == 2
    assert "effect" in kinds
    assert not any("Anna Svensson" in a.text for a in result.activities)
    assert result.warnings == []


def test_noise_and_problem_lists_do_not_become_activities(parse):
    result = parse("boden_2020_brus.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.years) == ("Boden", [2020])
    assert [a.text for a in result.activities] == [
        "Polisen genomför minst 24 kvällspatrulleringar i Södra Svartbyn under året.",
        "Kommunen sätter upp kameror och bättre belysning vid resecentrum.",
        "Informationsträffar om inbrottsskydd i samverkan med hyresvärdarna.",
    ]
    assert [n.text for n in result.notes if n.kind == "situation"] == [
        "Inbrott i förråd och källare i Södra Svartbyn.",
        "Ungdomar som samlas och dricker alkohol vid Kvarnängen.",
        "Nedskräpning och skadegörelse vid resecentrum.",
    ]
    everything = result.to_json()
    for noise in ("kakor", "Startsida", "Foto", "Dela sidan", "Stäng meny"):
        assert noise not in everything
    assert result.warnings == []


def test_parenthesis_suffixes_name_the_responsible_parties(parse):
    result = parse("boden_2020_brus.txt")
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["kommunen", "annan"],
        ["polisen", "kommunen"],
    ]
    assert result.activities[1].partners == ["Trafikverket"]
    assert result.activities[2].partners == ["bostadsbolag"]


# --- bullet lists with "/ ansvarig", a promise with targets and no follow-up


def test_promise_with_targets_and_no_follow_up(parse):
    result = parse("hagfors_2020_lofte.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.municipality.code) == ("Hagfors", "1783")
    assert result.years == [2020, 2021]
    assert result.focus_areas == ["Trygghet i centrum", "Skadegörelse", "Trafik"]
    assert len(result.activities) == 7
    assert all(not a.followups for a in result.activities)
    assert [target_of(a) for a in result.activities] == [
        ("at_least", 40, "fotpatrulleringar"),
        None,
        ("at_least", 2, "trygghetsvandringar"),
        None,  # "inom 48 timmar" is a deadline, not a count
        ("at_most", 3, "kvällar"),
        ("at_least", 1, "kväll"),
        ("at_least", 10, "hastighetskontroller"),
    ]
    # Rates per month and per week fit no target scope; the reviewer decides.
    assert result.warnings == [
        "Målet ”högst 3 kvällar per månad” i ”Polisen genomför riktade insatser vid "
        "skolorna om läget medger, högst 3 kvällar per månad” kan inte uttryckas per "
        "tertial, kvartal eller år; kontrollera det.",
        "Målet ”minst 1 kväll/vecka” i ”Fältarbetarna är ute minst 1 kväll/vecka "
        "under sommarlovet” kan inte uttryckas per tertial, kvartal eller år; "
        "kontrollera det.",
    ]


def test_slash_suffixes_give_the_responsible_party(parse):
    result = parse("hagfors_2020_lofte.txt")
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["kommunen"],
        ["polisen", "kommunen"],
        ["kommunen"],
        ["polisen"],
        ["kommunen"],
        ["polisen"],
    ]
    assert (
        result.activities[1].text
        == "Belysningen i gångtunneln vid Dalavägen förbättras"
    )


def test_a_target_keeps_its_condition_and_rate(parse):
    result = parse("hagfors_2020_lofte.txt")
    raids = activity(result, "Polisen genomför riktade insatser")
    assert (raids.target.per, raids.target.condition) == ("månad", "om läget medger")
    walkers = activity(result, "Fältarbetarna är ute")
    assert walkers.target.per == "vecka"


def test_lagesbild_findings_are_notes_not_activities(parse):
    result = parse("hagfors_2020_lofte.txt")
    situation = [n.text for n in result.notes if n.kind == "situation"]
    assert len(situation) == 4
    assert not any("busstationen på kvällar" in a.text for a in result.activities)
    assert [n.kind for n in result.notes].count("followup_plan") == 1


# --- focus-area sections with follow-up text under each bullet


def test_focus_area_sections_with_follow_up_under_each_bullet(parse):
    result = parse("tranas_2023_fokusomraden.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.years) == ("Tranås", [2023])
    assert result.focus_areas == ["Ungdomar i riskzon", "Narkotika"]
    assert [a.focus_area for a in result.activities] == ["Ungdomar i riskzon"] * 3 + [
        "Narkotika"
    ] * 2
    assert result.periods == ["T2"]
    assert [f.status for a in result.activities for f in a.followups] == [
        "done",
        "partly_done",
        "ongoing",
        "planned",
        "not_done",
    ]


def test_follow_up_text_under_a_bullet_is_joined_and_counted(parse):
    result = parse("tranas_2023_fokusomraden.txt")
    checks = activity(result, "Polisen ska genomföra riktade narkotikakontroller")
    assert target_of(checks) == ("at_least", 4, "tillfällen")
    (report,) = checks.followups
    assert "Ytterligare kontroller är planerade under hösten" in report.text
    assert quantities(report) == [(2, "tillfällen")]
    talks = activity(result, "Polisen och socialtjänsten ska")
    assert talks.responsible == ["polisen", "annan"]
    assert talks.partners == ["socialtjänsten"]
    assert talks.target is None  # "inom en vecka" is a deadline, not a count.


# --- "Detta har polisen/kommunen gjort" lists (Windows-1252)


def test_done_lists_give_activities_with_their_party_and_a_year_follow_up(parse):
    result = parse("lysekil_2019_gjort_cp1252.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.years) == ("Lysekil", [2019])
    assert [a.responsible for a in result.activities] == [["polisen"]] * 4 + [
        ["kommunen"],
        ["kommunen"],
        ["kommunen", "annan"],
    ]
    assert all(
        [(f.period, f.status) for f in a.followups] == [("year", "done")]
        for a in result.activities
    )
    assert [quantities(a.followups[0]) for a in result.activities[:3]] == [
        [(22, "kontroller")],
        [(9, "narkotikasök")],
        [(15, "besök")],
    ]
    assert result.activities[1].partners == ["tull"]
    assert all(a.target is None for a in result.activities)


def test_a_promise_for_next_year_is_a_renewal_not_a_commitment(parse):
    result = parse("lysekil_2019_gjort_cp1252.txt")
    assert len(result.commitments) == 1
    assert [n.text for n in result.notes if n.kind == "renewal"] == [
        "Vi lovar inför 2020 att fortsätta arbetet i hamnområdet."
    ]


# --- group headings


def test_group_headings_give_responsible_parties(parse):
    result = parse("kil_2024_lovar.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.municipality.code) == ("Kil", "1715")
    assert result.years == [2024, 2025]
    assert [a.responsible for a in result.activities] == [["polisen"]] * 3 + [
        ["kommunen"],
        ["kommunen", "annan"],
        ["kommunen"],
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
    ]
    upgrade = activity(result, "Rusta upp gångstråket")
    assert upgrade.text == "Rusta upp gångstråket mellan stationen och Ängenområdet"
    assert upgrade.partners == ["fastighetsägare"]
    assert activity(result, "Erbjuda sommaraktiviteter").partners == ["föreningar"]


def test_rates_conditions_and_at_most_targets(parse):
    result = parse("kil_2024_lovar.txt")
    presence = activity(result, "Vara synlig")
    assert target_of(presence) == ("exactly", 900, "timmar")
    assert presence.target.per == "år"
    traffic = activity(result, "Genomföra minst 12 trafikkontroller")
    assert target_of(traffic) == ("at_least", 12, "trafikkontroller")
    assert traffic.target.condition == "om läget medger"
    contact = activity(result, "Ha minst 1 kontakt")
    assert (target_of(contact), contact.target.per) == (
        ("at_least", 1, "kontakt"),
        "vecka",
    )
    assert contact.target.text == "minst 1 kontakt/vecka"
    assert any("”minst 1 kontakt/vecka”" in warning for warning in result.warnings)
    # "inom högst fem arbetsdagar": a deadline, not a count of work.
    assert target_of(activity(result, "Åtgärda trasig belysning")) is None


# --- "Resultat:" blocks and "utlovades / utfallet blev"


def test_result_blocks_after_each_promise(parse):
    result = parse("gnosjo_2019_resultat.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.years) == ("Gnosjö", [2019])
    assert len(result.activities) == 3
    assert [target_of(a) for a in result.activities] == [
        ("at_least", 20, "trafikkontroller"),
        ("exactly", 4, "föräldraträffar"),
        ("exactly", 1, "trygghetsvandring"),
    ]
    assert [a.followups[0].status for a in result.activities] == [
        "done",
        "partly_done",
        "not_done",
    ]
    assert quantities(result.activities[0].followups[0]) == [(26, "trafikkontroller")]
    assert (
        result.activities[2]
        .followups[0]
        .text.startswith(
            "Trygghetsvandringen har inte genomförts eftersom bostadsområdet byggs om."
        )
    )


def test_a_publication_date_is_not_the_promise_year(parse):
    result = parse("gnosjo_2019_resultat.txt")
    assert 2020 not in result.years


def test_promised_and_outcome_lists_are_paired(parse):
    result = parse("tidaholm_2022_utlovades.html")
    assert result.kind == "followup"
    assert (result.municipality.name, result.years) == ("Tidaholm", [2022])
    assert len(result.activities) == 3
    presence, walks, field_workers = result.activities
    assert (target_of(presence), presence.target.per) == (
        ("at_least", 30, "timmar"),
        "månad",
    )
    assert presence.followups[0].status == "done"
    assert quantities(presence.followups[0]) == [(34, "timmar")]
    assert walks.followups[0].status == "partly_done"
    assert field_workers.responsible == ["annan"]
    assert quantities(field_workers.followups[0]) == [(3, "kvällar")]


def test_an_extra_outcome_without_a_promise_is_a_warning(parse):
    result = parse("tidaholm_2022_utlovades.html")
    assert any("extra insats vid Tidaholms marknad" in w for w in result.warnings)


# --- several periods on one page, and a news article with a verdict


def test_several_periods_on_one_page_newest_first(parse):
    result = parse("vaggeryd_2020_perioder.txt")
    assert (result.municipality.name, result.years) == ("Vaggeryd", [2020])
    assert len(result.activities) == 2
    walks, lights = result.activities
    assert [(f.period, f.year, f.status) for f in walks.followups] == [
        ("T2", 2020, "done"),
        ("T1", 2020, "done"),
    ]
    assert [quantities(f) for f in walks.followups] == [
        [(2, "vandringar")],
        [(1, "vandring")],
    ]
    assert [(f.period, f.status) for f in lights.followups] == [
        ("T2", "ongoing"),
        ("T1", "planned"),
    ]
    assert result.periods == ["T1", "T2"]


def test_a_news_article_with_a_verdict(parse):
    result = parse("ockero_2019_nyhet.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Öckerö", "1407")
    assert result.years == [2019]  # not 2020, the publication date
    (promise,) = result.activities
    assert promise.commitment == 0
    assert promise.responsible == ["polisen", "kommunen"]
    assert target_of(promise) == ("at_least", 8, "trygghetsvandringar")
    (report,) = promise.followups
    assert (report.period, report.status) == ("year", "done")
    assert quantities(report) == [(11, "trygghetsvandringar")]


def test_year_sections_party_headings_and_reports_after_a_dash(parse):
    result = parse("varnamo_2020_2021_arsvis.txt")
    assert (result.municipality.name, result.years) == ("Värnamo", [2020, 2021])
    walk, dogs, lights = result.activities
    assert (walk.text, walk.responsible) == ("Trygghetsvandring i centrum", ["polisen"])
    assert [(f.year, f.status, f.text) for f in walk.followups] == [
        (2021, "done", "genomförd i maj"),
        (2020, "done", "genomförd i oktober"),
    ]
    assert (dogs.text, dogs.followups[0].status) == ("Hundsök på gymnasiet", "ongoing")
    assert lights.responsible == ["kommunen"]
    assert lights.followups[0].status == "not_done"


def test_labelled_lines_give_activity_party_target_and_focus_area(parse):
    result = parse("nassjo_2024_etiketter.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.years) == ("Nässjö", [2024])
    assert result.focus_areas == ["Trygghet i centrum", "Narkotika"]
    patrol, walk, dogs = result.activities
    assert patrol.text == "Fotpatrullering i centrum fredag och lördag kväll"
    assert (patrol.responsible, target_of(patrol)) == (
        ["polisen"],
        ("at_least", 40, "pass"),
    )
    assert (walk.responsible, walk.partners) == (
        ["kommunen", "annan"],
        ["Nässjö Affärsverk"],
    )
    assert (dogs.responsible, dogs.partners) == (["polisen", "annan"], ["skolan"])
    assert dogs.target.per == "läsår"
    assert [n.kind for n in result.notes] == ["followup_plan"]
    assert all(not a.followups for a in result.activities)


# --- Word and PDF with real tables


def test_docx_with_a_real_table(parse, ljungby_docx):
    result = parse("ljungby.docx", ljungby_docx)
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Ljungby", "0781")
    assert result.years == [2021]
    assert result.periods == ["Q1", "Q2"]
    assert [a.text for a in result.activities] == [
        "Genomföra minst åtta trygghetsvandringar under året",
        "Utreda kameraövervakning vid resecentrum",
        "Riktade insatser mot narkotikaförsäljning i centrum",
    ]
    walks, cameras, drugs = result.activities
    assert walks.responsible == ["polisen", "kommunen"]
    assert target_of(walks) == ("at_least", 8, "trygghetsvandringar")
    assert (
        followup(cameras, "Q2").text
        == "Ansökan är inlämnad.\nBeslut väntas under hösten."
    )
    assert [f.status for f in drugs.followups] == ["not_done", "done"]
    assert quantities(followup(drugs, "Q2")) == [(5, "tillfällen")]
    assert [n.kind for n in result.notes].count("situation") == 2


def test_pdf_with_a_real_table(parse, sala_pdf):
    result = parse("sala.pdf", sala_pdf)
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Sala", "1981")
    assert [(m.name, m.code) for m in result.other_municipalities] == [("Heby", "0331")]
    assert result.years == [2022]
    checks, parents = result.activities
    assert target_of(checks) == ("at_least", 15, "narkotikakontroller")
    assert [(f.period, f.status) for f in checks.followups] == [
        ("T1", "done"),
        ("T2", "done"),
        ("T3", "ongoing"),
    ]
    assert quantities(followup(checks, "T1")) == [(6, "tillfällen")]
    assert parents.partners == ["skolan"]
    # "Uppföljningen redovisas för det brottsförebyggande rådet." after the table.
    assert [n.kind for n in result.notes if "rådet" in n.text] == ["followup_plan"]


def test_pdf_table_without_ruling_lines(parse):
    result = parse("tranemo.pdf", documents.tranemo_text_table_pdf())
    assert result.periods == ["T1", "T2"]
    checks, parents = result.activities
    assert [(f.period, f.status) for f in checks.followups] == [
        ("T1", "done"),
        ("T2", "ongoing"),
    ]
    assert quantities(followup(checks, "T1")) == [(12, "tillfällen")]
    assert [(f.period, f.status) for f in parents.followups] == [
        ("T1", "planned"),
        ("T2", "done"),
    ]


def test_pdf_table_split_by_a_page_break_keeps_each_rows_reports(parse, heby_pdf):
    result = parse("heby.pdf", heby_pdf)
    assert len(result.activities) == documents.HEBY_ROWS
    for number, found in enumerate(result.activities, start=1):
        assert [(f.period, f.text) for f in found.followups] == [
            ("T1", f"Genomfört vid {number} tillfällen"),
            ("T2", "Pågår"),
        ]


def test_a_heading_that_holds_a_whole_table_is_not_dropped(refs):
    blocks = [
        Block("heading", "Medborgarlöfte Tranemo kommun 2023", level=1),
        Block("paragraph", "Polisen genomför minst 30 narkotikakontroller."),
        Block(
            "heading",
            "Aktivitet Tertial 1 Tertial 2 NarkotikakontrollerGenomfört vid 12 "
            "tillfällenPågår",
            level=2,
        ),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    assert result.warnings[0] == (
        "Texten kunde inte placeras: ”Aktivitet Tertial 1 Tertial 2 "
        "NarkotikakontrollerGenomfört vid 12 tillfällenPågår”"
    )
    assert result.warnings[1:] == [
        "Inga aktiviteter hittades i ”Medborgarlöfte Tranemo kommun 2023”; "
        "utkastet innehåller den kommun, de år och den text som hittades. Lägg "
        "till aktiviteterna för hand."
    ]


# --- the parser on its own


def test_parse_blocks_works_on_blocks_from_any_source(refs):
    blocks = [
        Block("heading", "Medborgarlöfte Eksjö 2025", level=1),
        Block("heading", "Polisen lovar att:", level=3),
        Block("list_item", "Genomföra minst fem trafikkontroller.", level=1),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    assert (result.municipality.name, result.years) == ("Eksjö", [2025])
    assert result.activities[0].responsible == ["polisen"]


def test_an_unknown_municipality_is_a_warning_not_a_guess(refs):
    blocks = [
        Block("heading", "Medborgarlöfte 2025", level=1),
        Block(
            "list_item", "Polisen ska genomföra minst fem trafikkontroller.", level=1
        ),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    assert result.municipality is None
    assert result.warnings == [
        "Ingen kommun från referenslistan hittades; välj den för hand."
    ]


def test_a_municipality_name_inside_another_word_is_not_a_match(refs):
    blocks = [
        Block("heading", "Medborgarlöfte Vara 2025", level=1),
        Block(
            "paragraph", "Det ska vara tryggt i Kilsbyn och på Malungsvägen.", level=0
        ),
        Block(
            "list_item", "Polisen ska genomföra minst fem trafikkontroller.", level=1
        ),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    assert result.municipality.name == "Vara"


def test_text_without_promise_structure_is_a_read_error(refs):
    with pytest.raises(ReadError) as caught:
        parse_document(
            "Veckans meny: fisk på tisdag och soppa på torsdag.".encode(),
            filename="meny.txt",
            municipalities=refs,
        )
    assert caught.value.code == "no_structure"


def test_result_json_has_exactly_the_documented_keys(parse):
    data = json.loads(parse("hagfors_2020_lofte.txt").to_json())
    assert list(data)[:8] == [
        "source",
        "kind",
        "municipality",
        "years",
        "commitments",
        "focus_areas",
        "activities",
        "warnings",
    ]
    assert data["municipality"] == {"name": "Hagfors", "code": "1783"}
    assert list(data["activities"][0]) == [
        "text",
        "focus_area",
        "commitment",
        "responsible",
        "partners",
        "target",
        "followups",
    ]


# --- documents that cannot be read, in Swedish

BAD_INPUT = [
    (
        b"x" * (3 * 1024 * 1024 // 2),
        "stor.txt",
        {"max_bytes": 1024 * 1024},
        "too_large",
        "Filen är 1,5 MB; filer större än 1 MB kan inte importeras.",
    ),
    (b"", "tom.txt", {}, "empty", "Filen är tom."),
    (b"  \n\t\n", "blank.txt", {}, "empty", "Filen är tom."),
    (
        documents.encrypted_pdf(),
        "hemlig.pdf",
        {},
        "encrypted_pdf",
        "PDF-filen är lösenordsskyddad; spara en kopia utan skydd och importera den.",
    ),
    (
        b"%PDF-1.7\n1 0 obj <<",
        "trasig.pdf",
        {},
        "corrupt_pdf",
        "PDF-filen är skadad och kan inte läsas.",
    ),
    (
        b"PK\x03\x04\x14\x00 inte en zip",
        "trasig.docx",
        {},
        "corrupt_docx",
        "Word-filen är skadad eller är inte en riktig .docx-fil.",
    ),
    (
        bytes(range(256)) * 8,
        "skräp.txt",
        {},
        "binary",
        "Filen innehåller ingen läsbar text; den ser ut att vara binärdata.",
    ),
    (
        b"PK\x03\x04",
        "kalkyl.xlsx",
        {},
        "unsupported_type",
        "Filer av typen ”.xlsx” kan inte importeras; använd .txt, .html, .pdf "
        "eller .docx.",
    ),
    (
        "Lunchmeny vecka 12: soppa och bröd.".encode(),
        "meny.txt",
        {},
        "no_structure",
        "Inga löften eller aktiviteter hittades; texten ser inte ut som ett "
        "medborgarlöfte eller en uppföljning av ett.",
    ),
]


@pytest.mark.parametrize(("data", "filename", "options", "code", "message"), BAD_INPUT)
def test_bad_input_gives_a_read_error_with_a_swedish_message(
    refs, assert_valid, data, filename, options, code, message
):
    with pytest.raises(ReadError) as caught:
        parse_document(data, filename=filename, municipalities=refs, **options)
    assert (caught.value.code, caught.value.message) == (code, message)
    assert_valid(caught.value.to_dict(filename))


def test_the_size_limit_is_twenty_megabytes_by_default(refs):
    with pytest.raises(ReadError) as caught:
        parse_document(
            b"a" * (20 * 1024 * 1024 + 1), filename="x.txt", municipalities=refs
        )
    assert caught.value.message == (
        "Filen är 20,1 MB; filer större än 20 MB kan inte importeras."
    )


def test_paragraph_activities_with_named_partners(parse):
    result = parse("orsa_2024_stycken.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.years) == ("Orsa", [2024])
    assert result.warnings == []
    assert [n.kind for n in result.notes] == []
    parties = [(a.text[:30], a.responsible, a.partners) for a in result.activities]
    assert parties == [
        ("Polisen genomför hastighetskon", ["polisen"], []),
        (
            "Kommunen, polisen och Orsahem ",
            ["polisen", "kommunen", "annan"],
            ["Orsahem"],
        ),
        ("Fritidsgården Tallkotten har ö", ["annan"], ["fritid"]),
        ("Siljan-Trafik och polisen gör ", ["polisen", "annan"], ["Siljan-Trafik"]),
        ("Polisen tillsammans med Orsahe", ["polisen", "annan"], ["Orsahem"]),
        ("Tillsammans med polisen genomf", ["polisen", "kommunen"], []),
        ("Fritidsförvaltningen anordnar ", ["kommunen"], []),
        ("Trygghetsvandring vid Kyrkbyns", ["polisen"], []),
        ("Rusta upp lekplatsen i Stackmo", ["annan"], ["bostadsbolag"]),
        ("Samtal om psykisk hälsa på hög", ["annan"], ["regionen"]),
        ("Anordna en kväll om nätsäkerhe", ["kommunen"], ["Orsahem"]),
        ("Sätta upp belysning vid badpla", ["kommunen"], ["fastighetsägare"]),
    ]
    walks = activity(result, "Kommunen, polisen och Orsahem")
    assert target_of(walks) == ("exactly", 2, "trygghetsvandringar")
    assert activity(result, "Anordna en kväll").text.endswith("(bostadsbolaget).")


def test_target_columns_borrow_the_activitys_noun_and_dashes_are_empty(parse):
    result = parse("tierp_2025_mal.txt")
    walks = activity(result, "Trygghetsvandringar i Karlholm")
    assert target_of(walks) == ("at_least", 2, "trygghetsvandringar")
    assert walks.target.per == "år"
    assert [f.period for f in walks.followups] == ["T1"]  # "-" is no report
    dogs = activity(result, "Hundsök på högstadiet")
    assert (target_of(dogs), dogs.target.per) == (("at_least", 2, "hundsök"), "termin")
    assert "Mål: Minst 2 gånger per termin" in dogs.notes
    assert [f.period for f in dogs.followups] == ["T1"]  # nor is "–"
    assert quantities(followup(dogs, "T1")) == [(3, "tillfällen")]  # "(3) tre"
    field = activity(result, "Fältarbete i centrum")
    assert (target_of(field), field.target.approximate) == (
        ("exactly", 10, "kvällar"),
        True,
    )
    t2 = followup(field, "T2").quantities[0]
    assert (t2.value, t2.high, t2.per) == (3, 4, "vecka")  # "3 à 4 kvällar i veckan"
    cameras = activity(result, "Kameror vid resecentrum")
    assert cameras.target is None  # "Inom 6 månader" is a deadline
    assert quantities(followup(cameras, "T1")) == [(5_000_000, "kronor")]
    assert result.warnings == [
        "Målet ”Minst 2 gånger per termin” i ”Hundsök på högstadiet” kan inte "
        "uttryckas per tertial, kvartal eller år; kontrollera det."
    ]


def test_plan_targets_with_times_estimates_and_totals(parse):
    result = parse("tierp_2025_lofte.txt")
    assert result.years == [2025, 2026]
    found = [
        (a.text[:25], a.target and (a.target.value, a.target.unit))
        for a in result.activities
    ]
    assert found == [
        ("Genomföra riktade kontrol", (2, "kontroller")),
        ("Genomföra insatser mot de", None),
        ("Genomföra fler än 15 traf", (16, "trafikkontroller")),
        ("Genomföra hundsök på gymn", (2, "hundsök")),
        ("Ordna ett par trygghetsva", (2, "trygghetsvandringar")),
        ("Under 2025–2026 genomföra", (8, "föräldraträffar")),
        ("Bjuda in till ett tjugota", (20, "kvällsaktiviteter")),
    ]
    checks, _, _, dogs, walks, meetings, evenings = result.activities
    assert (checks.target.high, checks.target.per) == (3, "månad")
    assert dogs.target.per == "år"
    assert walks.target.approximate and evenings.target.approximate
    assert meetings.target.whole_promise
    assert len(result.warnings) == 1  # the rate per month


def test_a_report_table_under_a_period_heading_reports_on_the_listed_activities(
    parse,
):
    result = parse("alingsas_2023_tabell_under_rubrik.txt")
    assert result.periods == ["T1"]
    # Each row is the activity listed above it, not a second one.
    checks, lighting = result.activities
    assert checks.responsible == ["polisen"]  # "Kommunen lovar att:" ends there
    assert [(f.period, f.status, f.text, f.label) for f in checks.followups] == [
        ("T1", "done", "5 kontroller genomförda", "Uppföljning tertial 1")
    ]
    assert lighting.responsible == ["kommunen"]
    assert [(f.period, f.status) for f in lighting.followups] == [("T1", "ongoing")]
    # Sub-points under a planned activity describe it; they are no report.
    assert checks.notes == ["Särskilt vid skolorna.", "Kvällstid under hösten."]
    assert result.warnings == []


def test_focus_area_headings_group_headings_and_headings_of_no_known_kind(parse):
    result = parse("herrljunga_2024_rubriker.txt")
    assert result.focus_areas == ["Narkotika", "Trafik"]
    assert result.years == [2024, 2025]
    assert [(a.focus_area, a.responsible) for a in result.activities] == [
        ("Narkotika", ["polisen"]),
        ("Narkotika", ["kommunen"]),
        ("Trafik", ["polisen"]),
    ]
    assert [(n.kind, n.text) for n in result.notes] == [
        ("summary", "Slutord från styrgruppen"),
        ("summary", "Vi tackar alla som svarade på enkäten i våras."),
        (
            "followup_plan",
            "Uppföljning sker varje tertial i det brottsförebyggande rådet.",
        ),
    ]
    assert result.warnings == []


def test_half_year_reports_stay_apart_with_their_headings_and_a_warning(parse):
    result = parse("svenljunga_2022_halvar.txt")
    (checks,) = result.activities
    assert [(f.period, f.label, f.status) for f in checks.followups] == [
        ("year", "Första halvåret 2022", "done"),
        ("year", "Andra halvåret 2022", "partly_done"),
    ]
    assert result.warnings == [
        "Dokumentet redovisar per halvår, som inte har någon egen "
        "uppföljningsperiod; varje halvårs rapport behålls, med sin rubrik, som en "
        "del av årets uppföljning."
    ]


def test_prose_follow_up_keeps_its_main_paragraph(parse):
    result = parse("hallsberg_2021_nyhet.txt")
    (found,) = result.activities
    (report,) = found.followups
    assert report.text.splitlines() == [
        "Polisen har under året varit på plats vid stationen vid 41 tillfällen, "
        "främst på fredagskvällar.",
        "Kommunen har satt upp kameror på perrongen.",
        "Löftet bedöms som uppfyllt.",
    ]
    assert (report.period, report.status) == ("year", "done")
    assert quantities(report) == [(41, "tillfällen")]
    assert result.notes == []


def test_a_follow_up_plan_after_a_nested_list_is_the_follow_up_plan(refs):
    blocks = [
        Block("heading", "Medborgarlöfte Kristinehamn 2019", level=1),
        Block("heading", "Vi lovar att", level=2),
        Block("list_item", "Kommunen sätter upp belysning i gångtunneln.", level=1),
        Block("list_item", "Belysningen vid stationen", level=2),
        Block("paragraph", "Uppföljning sker varje halvår i Brottsförebyggande rådet."),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    (lighting,) = result.activities
    assert lighting.notes == ["Belysningen vid stationen"]
    assert [(n.kind, n.text) for n in result.notes] == [
        ("followup_plan", "Uppföljning sker varje halvår i Brottsförebyggande rådet.")
    ]


def test_sub_points_under_a_reported_activity_belong_to_the_periods_report(refs):
    blocks = [
        Block("heading", "Uppföljning medborgarlöfte Habo 2022", level=1),
        Block("heading", "Tertial 2", level=2),
        Block("list_item", "Polisen genomför trafikkontroller.", level=1),
        Block("list_item", "Genomfört vid 4 tillfällen", level=2),
    ]
    (checks,) = parse_blocks(blocks, filename="x", municipalities=refs).activities
    assert [(f.period, f.text, f.status) for f in checks.followups] == [
        ("T2", "- Genomfört vid 4 tillfällen", "done")
    ]


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (20 * 1024 * 1024 + 1, "20,1 MB"),  # just over: never "20 MB"
        (int(25.4 * 1024 * 1024), "25,4 MB"),
        (21 * 1024 * 1024, "21 MB"),
    ],
)
def test_a_file_over_the_limit_is_shown_as_larger_than_the_limit(size, shown):
    from loften.imports.parsing import errors

    message = errors.too_large(size, 20 * 1024 * 1024).message
    assert message == f"Filen är {shown}; filer större än 20 MB kan inte importeras."


def test_a_500_kb_paragraph_with_many_numbers_is_parsed(refs):
    # Once quadratic (53 s for 46 kB); bench/import_bench.py times this case.
    text = (
        "Medborgarlöfte Mullsjö kommun 2021\n\nPolisen lovar att:\n- Polisen genomför "
        + "minst 3 kontroller och 2 möten, " * 16_000
        + "i centrum.\n"
    )
    assert len(text.encode()) > 500_000
    (found,) = parse_document(
        text.encode(), filename="lang.txt", municipalities=refs
    ).activities
    assert (found.target.comparator, found.target.value, found.target.unit) == (
        "at_least",
        3,
        "kontroller",
    )


def test_a_parse_that_passes_its_time_limit_is_a_read_error(refs):
    ticks = iter(range(0, 1000, 10))  # each look at the clock is 10 s later
    with pytest.raises(ReadError) as caught:
        read_and_parse(
            fixture_bytes("habo_2021_tertialer.txt"),
            filename="habo.txt",
            municipalities=refs,
            time_limit=30,
            clock=lambda: next(ticks),
        )
    assert caught.value.code == "too_slow"
    assert "30 sekunder" in caught.value.message


def test_a_parse_within_its_time_limit_is_not_stopped(refs):
    parsed = read_and_parse(
        fixture_bytes("habo_2021_tertialer.txt"),
        filename="habo.txt",
        municipalities=refs,
        time_limit=30,
        clock=lambda: 0.0,
    )
    assert len(parsed.result.activities) == 5


def test_warnings_about_plain_text_cite_the_line(refs):
    text = (
        "Medborgarlöfte Habo 2022\n\nAktiviteter\n\n"
        "• Polisen genomför minst fem trafikkontroller.\n\n"
        "Aktivitet\tTertial 1\n\tFortsättning utan rad ovanför\n"
    )
    result = parse_document(text.encode(), filename="habo.txt", municipalities=refs)
    assert result.warnings == [
        "Texten kunde inte placeras (rad 8): ”Fortsättning utan rad ovanför”"
    ]


def test_half_year_headings_keep_their_label_on_year_follow_ups(refs):
    blocks = [
        Block("heading", "Uppföljning medborgarlöfte Ulricehamn 2022", level=1),
        Block("heading", "Första halvåret", level=2),
        Block("list_item", "Polisen genomför trafikkontroller – genomfört", level=1),
        Block("heading", "Andra halvåret", level=2),
        Block("list_item", "Polisen genomför trafikkontroller – pågår", level=1),
    ]
    (checks,) = parse_blocks(blocks, filename="x", municipalities=refs).activities
    assert [(f.period, f.label, f.status) for f in checks.followups] == [
        ("year", "Första halvåret", "done"),
        ("year", "Andra halvåret", "ongoing"),
    ]


def test_a_flood_of_unplaced_rows_is_counted_not_listed(refs):
    rows = "".join(f"Rad {n}\tutan rubrik\n" for n in range(150))
    text = f"Medborgarlöfte Habo 2022\n\n• Polisen ska hålla fem möten.\n\n{rows}"
    result = parse_document(text.encode(), filename="habo.txt", municipalities=refs)
    assert len(result.warnings) == 101
    assert result.warnings[-1] == "Ytterligare 50 varningar utelämnades."


def test_a_numbered_promise_over_a_list_is_a_commitment_with_its_activities(refs):
    blocks = [
        Block("heading", "Medborgarlöfte Skövde 2022", level=1),
        Block("heading", "Löfte 1: Ökad trygghet i Ekedal", level=2),
        Block(
            "list_item", "Polisen genomför fotpatruller två kvällar i veckan.", level=1
        ),
        Block("heading", "Löfte 2: Minskad narkotikaförsäljning", level=2),
        Block("list_item", "Polisen och socialtjänsten genomför insatser.", level=1),
    ]
    result = parse_blocks(blocks, filename="x", municipalities=refs)
    assert result.commitments == [
        "Ökad trygghet i Ekedal",
        "Minskad narkotikaförsäljning",
    ]
    assert [a.commitment for a in result.activities] == [0, 1]


def test_read_and_parse_keeps_the_blocks_it_parsed(refs):
    from loften.imports.parsing import read_and_parse

    data = fixture_bytes("nassjo_2024_etiketter.txt")
    parsed = read_and_parse(data, filename="nassjo.txt", municipalities=refs)
    assert parsed.file_type == "txt"
    assert parsed.blocks[0].text == "Medborgarlöfte Nässjö 2024"
    assert (
        parsed.result.to_dict()
        == parse_document(data, filename="nassjo.txt", municipalities=refs).to_dict()
    )
