"""Expected results for the five published documents in ../shared/corpus.

The documents are not part of the project; these tests skip when the folder is
absent (set LOFTEN_CORPUS_DIR to point elsewhere).
"""

import json
import os
from pathlib import Path

import pytest

from loften.imports.parsing.structure import parse_document

from .conftest import REPO_ROOT

CORPUS_DIR = Path(
    os.environ.get("LOFTEN_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus")
)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not CORPUS_DIR.is_dir(),
        reason=f"the sample documents are not in {CORPUS_DIR} (set LOFTEN_CORPUS_DIR)",
    ),
]


@pytest.fixture
def parse(refs, assert_valid):
    def run(name):
        path = CORPUS_DIR / name
        if not path.is_file():
            pytest.skip(f"{name} is not in {CORPUS_DIR}")
        result = parse_document(path.read_bytes(), filename=name, municipalities=refs)
        assert_valid(json.loads(result.to_json()))
        return result

    return run


def statuses(found):
    return [(f.period, f.status) for f in found.followups]


def quantities(followup):
    return [(q.value, q.unit) for q in followup.quantities]


def test_mullsjo_2018_tertial_table(parse):
    result = parse("000_c4f0240a59debda4.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Mullsjö", "0642")
    assert result.years == [2018]
    assert result.commitments == [
        "Vi ska arbeta för att skapa förutsättningar för en drogfri miljö för barn "
        "och ungdomar."
    ]
    assert len(result.activities) == 6
    assert all(a.commitment == 0 for a in result.activities)
    assert result.periods == ["T1", "T2"]  # Tertial 3 is empty.
    assert [a.responsible for a in result.activities] == [
        ["polisen"],
        ["kommunen"],
        [],
        ["polisen"],
        ["kommunen"],
        ["kommunen"],
    ]


def test_mullsjo_2018_row_split_across_lines(parse):
    result = parse("000_c4f0240a59debda4.txt")
    contacts = result.activities[3]
    assert contacts.text == (
        "Områdespoliserna ska fortsätta sina täta kontakter med skola, fritid, "
        "socialtjänst för att tidigt upptäcka tecken på ungdomar som är på väg in i "
        "kriminalitet."
    )
    assert contacts.partners == ["skolan", "fritid", "socialtjänsten"]
    first, second = contacts.followups
    assert first.text.startswith(
        "Områdespoliserna tillsammans med andra poliser från lokalpolisområdet har "
        "jobbat mot medborgarlöftet vid ca 23 tillfällen"
    )
    assert [(q.value, q.unit, q.approximate) for q in first.quantities] == [
        (23, "tillfällen", True)
    ]
    assert quantities(second) == [(30, "tillfällen")]
    # "har jobbat mot medborgarlöftet vid ca 23 tillfällen": continuing work.
    assert statuses(contacts) == [("T1", "ongoing"), ("T2", "ongoing")]


def test_mullsjo_2018_statuses_and_counts(parse):
    result = parse("000_c4f0240a59debda4.txt")
    dogs, group, sig, _, _, night_walkers = result.activities
    assert statuses(dogs) == [("T1", "done"), ("T2", "not_done")]
    assert quantities(dogs.followups[0]) == [(2, "hundsök")]
    assert statuses(group) == [("T1", "not_done"), ("T2", "done")]
    assert statuses(sig) == [("T1", "ongoing"), ("T2", "ongoing")]
    assert statuses(night_walkers) == [
        ("T1", "not_applicable"),
        ("T2", "not_applicable"),
    ]
    assert night_walkers.partners == ["nattvandrare"]


def test_mullsjo_2018_html_list_in_a_cell_becomes_text(parse):
    schools = parse("000_c4f0240a59debda4.txt").activities[4]
    assert schools.followups[0].text.splitlines()[:3] == [
        "Kommunen har tillsammans med skolan enats om att jobba med",
        "- Föräldramöten med tema Tobaksfri skoltid NU!",
        "- Ämnesorienterad integrerad undervisning",
    ]


def test_mullsjo_2023_focus_areas_with_follow_up_under_each_bullet(parse):
    result = parse("001_f9724299cf8562cc.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Mullsjö", "0642")
    assert result.years == [2023]
    assert result.commitments == []
    assert result.focus_areas == ["Narkotika", "Skadegörelse", "Trafik"]
    assert [a.focus_area for a in result.activities].count("Narkotika") == 8
    assert [a.focus_area for a in result.activities].count("Skadegörelse") == 1
    assert [a.focus_area for a in result.activities].count("Trafik") == 2
    assert result.periods == ["T3"]
    assert result.warnings == []


def test_mullsjo_2023_follow_ups_parties_and_statuses(parse):
    result = parse("001_f9724299cf8562cc.txt")
    by_start = {a.text[:30]: a for a in result.activities}
    dogs = by_start["Polisen skall genomföra hundsö"]
    assert dogs.responsible == ["polisen"]
    assert statuses(dogs) == [("T3", "done")]
    assert quantities(dogs.followups[0]) == [(1, "hundsök")]
    joint = by_start["Mullsjö kommun och Polisen ska"]
    assert joint.responsible == ["polisen", "kommunen"]
    assert joint.followups[0].text == "Ja, detta har genomförts under tertial 3."
    assert joint.followups[0].status == "done"
    first = result.activities[0]
    assert (
        first.followups[0]
        .text.splitlines()[1]
        .startswith("Tillfälliga polisiära kameror")
    )
    strategy = by_start["Mullsjö kommun skall jobba str"]
    assert (strategy.responsible, strategy.partners) == (["kommunen"], ["regionen"])
    traffic_rules = result.activities[-1]
    assert statuses(traffic_rules) == [("T3", "not_applicable")]
    summaries = [n for n in result.notes if n.kind == "summary"]
    assert [n.focus_area for n in summaries] == ["Narkotika", "Skadegörelse", "Trafik"]


def test_mullsjo_2023_statuses_read_from_the_wording_of_the_report(parse):
    result = parse("001_f9724299cf8562cc.txt")
    by_start = {a.text[:30]: a for a in result.activities}
    # "Kommunen har jobbat kontinuerligt …": work that goes on.
    assert statuses(by_start["Mullsjö kommun skall kontinuer"]) == [("T3", "ongoing")]
    # "Lärarna har lyft ANDTS …, och haft riktade insatser": done in the period.
    assert statuses(by_start["Mullsjö kommun skall jobba str"]) == [("T3", "done")]
    # "Polisen har arbetat aktivt med trafiksäkerhetsarbete under tertial 3".
    traffic = by_start["Polisen skall arbeta med rikta"]
    assert statuses(traffic) == [("T3", "ongoing")]
    # "… i samverkan med bilinspektörer".
    assert (traffic.responsible, traffic.partners) == (["polisen"], ["bilinspektörer"])


def test_eksjo_2017_two_tables_with_targets(parse):
    result = parse("002_e2f77156a516307a.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Eksjö", "0686")
    assert result.years == [2017]
    assert result.commitments == [
        "Att öka den upplevda tryggheten i de östra delarna av kommunen.",
        "Att minska risken för unga att hamna i drogberoende och kriminalitet.",
    ]
    assert len(result.activities) == 10
    assert [a.commitment for a in result.activities] == [0] * 6 + [1] * 4
    targets = [
        (a.target.comparator, a.target.value, a.target.unit) if a.target else None
        for a in result.activities
    ]
    assert targets[1] == ("at_least", 10, "trafikkontroller")
    assert targets[4] == ("at_least", 4, "fritids- och kulturaktiviteter")
    assert targets[5] == ("at_least", 2, "trygghetsvandringar")
    assert targets[7] == ("at_least", 4, "samverkansmöten")
    assert targets[2] is None


def test_eksjo_2017_counts_and_hours_per_tertial(parse):
    result = parse("002_e2f77156a516307a.txt")
    presence = result.activities[0]
    assert [quantities(f) for f in presence.followups] == [
        [(45, "tillfällen"), (116, "timmar")],
        [(15, "tillfällen"), (25, "timmar")],
        [(10, "tillfällen"), (20, "timmar")],
    ]
    # "På plats vid minst 45 tillfällen sammanlagt 116 timmar" reports work done.
    assert [f.status for f in presence.followups] == ["done"] * 3
    traffic = result.activities[1]
    assert [quantities(f) for f in traffic.followups] == [
        [(8, "trafikkontroller")],
        [(5, "trafikkontroller")],
        [(5, "trafikkontroller")],
    ]
    assert all(f.status == "done" for f in traffic.followups)
    walks = result.activities[5]
    assert walks.responsible == ["kommunen"]
    assert statuses(walks) == [("T1", "planned"), ("T2", "done"), ("T3", "planned")]


def test_eksjo_2017_row_with_an_empty_activity_cell_continues_the_row_above(parse):
    result = parse("002_e2f77156a516307a.txt")
    efforts = result.activities[6]
    assert efforts.text.startswith("Genomföra minst tio riktade insatser")
    t1 = efforts.followups[0]
    assert t1.period == "T1"
    assert t1.text.startswith("Genomfört minst åtta insatser")
    assert "En DROGPOLICY OCH HANDLINGSPLAN" in t1.text
    assert not any(a.text.startswith("En DROGPOLICY") for a in result.activities)


def test_eksjo_2017_dates_and_school_years_are_not_counts(parse):
    result = parse("002_e2f77156a516307a.txt")
    walks = result.activities[5]
    assert quantities(walks.followups[1]) == []  # "Genomfördes 17-05-22"
    efforts_t1 = result.activities[6].followups[0]
    assert all(q.unit != "åk" for q in efforts_t1.quantities)
    assert (5, "kuratorer") in quantities(efforts_t1)


def test_munkfors_2017_promise_with_slash_responsibilities(parse):
    result = parse("003_13fe437863f8acb1.txt")
    assert result.kind == "promise"
    assert (result.municipality.name, result.municipality.code) == ("Munkfors", "1762")
    assert result.years == [2017, 2018]
    assert len(result.commitments) == 1
    assert result.commitments[0].startswith("Polisen och Munkfors kommun lovar att")
    assert [(a.text, a.responsible) for a in result.activities] == [
        ("Fotpatrullering och kontaktskapande med allmänheten i centrum", ["polisen"]),
        ("ANDT-förebyggande arbete", ["polisen", "kommunen"]),
        ("Trygghetsvandring med olika aktörer", ["kommunen"]),
        (
            "Insatser mot ANDT(Alkohol, Narkotika, Doping och Tobak)-relaterad "
            "brottslighet",
            ["polisen"],
        ),
        ("Ökad samverkan kring ungdomar i riskzonen", ["polisen", "kommunen"]),
    ]
    assert all(not a.followups and a.target is None for a in result.activities)


def test_munkfors_2017_lagesbild_and_follow_up_plan_are_notes(parse):
    result = parse("003_13fe437863f8acb1.txt")
    kinds = [n.kind for n in result.notes]
    assert "situation" in kinds
    assert "time_frame" in kinds
    plan = next(n.text for n in result.notes if n.kind == "followup_plan")
    assert "drogvaneundersökning" in plan
    assert result.warnings == []


def test_mariestad_2018_done_lists_with_number_words(parse):
    result = parse("004_dc06c20593366a6f.txt")
    assert result.kind == "followup"
    assert (result.municipality.name, result.municipality.code) == ("Mariestad", "1493")
    assert result.years == [2018]
    assert len(result.commitments) == 1
    assert result.commitments[0].startswith("Inför 2018 lovade polisen och Mariestads")
    police = [a for a in result.activities if a.responsible == ["polisen"]]
    municipality = [a for a in result.activities if a.responsible == ["kommunen"]]
    assert (len(police), len(municipality)) == (6, 16)
    assert [quantities(a.followups[0]) for a in police[:3]] == [
        [(6, "insatser")],
        [(37, "besök")],
        [(13, "informationsmöten")],
    ]
    assert all(statuses(a) == [("year", "done")] for a in result.activities)
    assert police[4].partners == ["tull"]


def test_mariestad_2018_renewal_for_2019_and_information_efforts(parse):
    result = parse("004_dc06c20593366a6f.txt")
    assert 2019 not in result.years
    renewal = [n.text for n in result.notes if n.kind == "renewal"]
    assert renewal == [
        "Vi lovar därför inför 2019 fortsätta arbetet och insatserna för att förebygga "
        "att ungdomar hamnar i missbruk och kriminalitet."
    ]
    assert [n.kind for n in result.notes].count("communication") == 3
