import pytest

from loften.imports.parsing.parties import (
    Parties,
    find_partners,
    read_group_heading,
    read_parties,
    split_party_suffix,
)


def responsible(text, group=None):
    return read_parties(text, group=group)[1].ordered_responsible()


@pytest.mark.parametrize(
    ("heading", "expected", "kind"),
    [
        ("Polisen lovar att:", ["polisen"], "promise"),
        ("Kommunen lovar att:", ["kommunen"], "promise"),
        ("Polisen och kommunen lovar att:", ["polisen", "kommunen"], "promise"),
        ("Detta har polisen gjort:", ["polisen"], "done"),
        ("Detta har kommunen gjort:", ["kommunen"], "done"),
        ("Polisens åtaganden", ["polisen"], "promise"),
        ("Gemensamma aktiviteter", ["polisen", "kommunen"], "promise"),
    ],
)
def test_reads_group_headings(heading, expected, kind):
    group = read_group_heading(heading)
    assert group is not None
    assert group.parties.ordered_responsible() == expected
    assert group.kind == kind


@pytest.mark.parametrize(
    "heading", ["Trafik", "Lägesbild", "Narkotika:", "Medborgarlöften Mullsjö kommun"]
)
def test_ordinary_headings_are_not_group_headings(heading):
    assert read_group_heading(heading) is None


def test_a_partner_heading_makes_another_party_responsible():
    group = read_group_heading("Fastighetsägarna lovar att:")
    assert group.parties.ordered_responsible() == ["annan"]
    assert group.parties.partners == ["fastighetsägare"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fotpatrullering i centrum/ ansvarig polisen", ["polisen"]),
        (
            "ANDT-förebyggande arbete/ ansvariga polisen och kommunen",
            ["polisen", "kommunen"],
        ),
        ("Trygghetsvandring med olika aktörer/ ansvarig kommunen", ["kommunen"]),
        ("Trygghetsvandringar i centrum (Polis och kommun).", ["polisen", "kommunen"]),
    ],
)
def test_reads_slash_and_parenthesis_suffixes(text, expected):
    assert responsible(text) == expected


def test_strips_the_suffix_from_the_activity_text():
    text, parties = split_party_suffix("Fotpatrullering i centrum/ ansvarig polisen")
    assert text == "Fotpatrullering i centrum"
    assert parties.ordered_responsible() == ["polisen"]


def test_a_suffix_with_a_partner_after_och_names_the_partner_as_responsible():
    text, parties = read_parties(
        "Belysningen vid gångtunneln förbättras (kommun och fastighetsägarna)"
    )
    assert text == "Belysningen vid gångtunneln förbättras"
    assert parties.ordered_responsible() == ["kommunen", "annan"]
    assert parties.partners == ["fastighetsägare"]


def test_an_unknown_party_after_och_in_a_suffix_becomes_a_partner():
    _, parties = read_parties(
        "Läxhjälp på biblioteket (kommun och Hyresgästföreningen)"
    )
    assert parties.partners == ["Hyresgästföreningen"]
    assert "annan" in parties.responsible


def test_a_parenthesis_without_a_party_is_not_a_suffix():
    text = "Arbetet med ANDT (alkohol, narkotika, doping och tobak)."
    assert split_party_suffix(text) == (text, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Polisen skall genomföra hundsök i grundskolan.", ["polisen"]),
        ("Kommunen genomför minst två trygghetsvandringar.", ["kommunen"]),
        ("Områdespoliserna ska fortsätta sina täta kontakter.", ["polisen"]),
        ("Mullsjö kommun och Polisen skall samverka.", ["polisen", "kommunen"]),
        ("Mullsjös kommun ska fortsätta sitt arbete.", ["kommunen"]),
        ("Mullsjökommun har påbörjat arbetet.", ["kommunen"]),
        ("Polis och kommun skall träffas kontinuerligt.", ["polisen", "kommunen"]),
        ("Polismyndigheten har utfört två hundsök.", ["polisen"]),
        (
            "Kommunens säkerhetsgrupp, inkluderande kommunpolisen, kommer att träffas.",
            ["kommunen"],
        ),
        ("Fältarbetare finns alltid ute bland ungdomarna.", ["annan"]),
    ],
)
def test_reads_the_sentence_subject(text, expected):
    assert responsible(text) == expected


def test_a_sentence_without_a_party_subject_has_no_responsible_party():
    assert responsible("Utveckla sociala insatsgrupper i kommunen.") == []


def test_the_group_heading_applies_when_the_item_names_no_party():
    group = Parties({"kommunen"})
    assert responsible("Drogtester.", group=group) == ["kommunen"]


def test_the_items_own_subject_wins_over_the_group_heading():
    group = Parties({"kommunen"})
    assert responsible("Polisen genomför hundsök.", group=group) == ["polisen"]


def test_a_meeting_between_police_and_municipality_involves_both():
    text = "Under året hålla fyra samverkansmöten mellan Polisen och Eksjö kommun."
    assert responsible(text) == ["polisen", "kommunen"]


def test_finds_partners_named_after_samverkan_med():
    text = (
        "Polisen ska ha täta kontakter med skola, fritid, socialtjänst för att upptäcka"
    )
    assert find_partners(text) == ["skolan", "fritid", "socialtjänsten"]


def test_a_school_as_a_place_is_not_a_partner():
    assert find_partners("Polisen genomför hundsök i skolor.") == []


def test_organisations_are_partners_wherever_they_are_named():
    assert find_partners("Informationsmöte i samverkan mellan polis och tull.") == [
        "tull"
    ]
    assert find_partners("Deltar i länsstyrelsens nätverk.") == ["länsstyrelsen"]


def test_an_association_with_a_known_kind_counts_once():
    text = "Kommunen ska stötta föreningen ”Mullsjö Nattvandrare” med utrustning."
    assert find_partners(text) == ["nattvandrare"]


def test_responsible_lists_only_the_three_party_words():
    _, parties = read_parties(
        "Bostadsbolaget och kommunen genomför trygghetsvandringar."
    )
    assert parties.ordered_responsible() == ["kommunen", "annan"]
    assert parties.partners == ["bostadsbolag"]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Polisen", ["polisen"]),
        ("Kommunen:", ["kommunen"]),
        ("Kommunen och fastighetsägarna", ["kommunen", "annan"]),
    ],
)
def test_a_heading_that_only_names_parties_is_a_group_heading(heading, expected):
    assert read_group_heading(heading).parties.ordered_responsible() == expected


@pytest.mark.parametrize("heading", ["Skolan", "Föreningar"])
def test_a_partner_alone_as_a_heading_may_be_a_focus_area(heading):
    assert read_group_heading(heading) is None


@pytest.mark.parametrize(
    ("text", "expected", "partners"),
    [
        (
            "Polisen och Ljusdalshem gör kontroller i trapphusen.",
            ["polisen", "annan"],
            ["Ljusdalshem"],
        ),
        (
            "X-trafik och polisen gör kontroller på bussarna.",
            ["polisen", "annan"],
            ["X-trafik"],
        ),
        (
            "Polisen tillsammans med Ljusdalshem genomför trygghetsvandringar.",
            ["polisen", "annan"],
            ["Ljusdalshem"],
        ),
        (
            "Kommunen, polisen och Ljusdalshem genomför två trygghetsvandringar.",
            ["polisen", "kommunen", "annan"],
            ["Ljusdalshem"],
        ),
        (
            "Kommunen och KBAB (bostadsbolaget) sätter upp bättre belysning.",
            ["kommunen", "annan"],
            ["KBAB"],
        ),
    ],
)
def test_an_unknown_named_partner_beside_a_known_party_adds_to_it(
    text, expected, partners
):
    _, parties = read_parties(text)
    assert parties.ordered_responsible() == expected
    assert parties.partners == partners


def test_a_capitalised_first_word_is_not_taken_for_a_partner_name():
    assert responsible("Trygghetsvandringar och polisen i centrum.") == []


@pytest.mark.parametrize(
    ("text", "expected", "partners"),
    [
        ("Trygghetsvandring vid skolan (LPO Mullsjö)", ["polisen"], []),
        (
            "Rusta upp lekplatsen (Bostadsbolaget Mullsjöhem)",
            ["annan"],
            ["bostadsbolag"],
        ),
        ("Information om vård (Region Jönköpings län)", ["annan"], ["regionen"]),
    ],
)
def test_a_suffix_with_a_party_word_and_its_name_is_read(text, expected, partners):
    clean, parties = read_parties(text)
    assert "(" not in clean
    assert parties.ordered_responsible() == expected
    assert parties.partners == partners


def test_a_name_after_a_party_word_is_part_of_the_subject():
    _, parties = read_parties("Räddningstjänsten Norra Hälsingland informerar.")
    assert (parties.ordered_responsible(), parties.partners) == (
        ["annan"],
        ["räddningstjänsten"],
    )
    assert responsible("Fritidsgården Ungdomens hus har öppet fredagar.") == ["annan"]


def test_a_fronted_partner_shares_the_work_with_the_subject():
    text = "Tillsammans med polisen genomför kommunen trygghetsvandringar."
    assert responsible(text) == ["polisen", "kommunen"]


@pytest.mark.parametrize(
    "text",
    [
        "Fritidsförvaltningen anordnar sommaraktiviteter.",
        "Kultur- och fritidsnämnden bjuder in till läxhjälp.",
        "Kommunstyrelsen beslutar om kameror.",
    ],
)
def test_a_department_of_the_municipality_is_the_municipality(text):
    assert responsible(text) == ["kommunen"]


def test_a_name_explained_in_a_parenthesis_is_a_partner_not_a_suffix():
    text = "Anordna två trygghetsvandringar med Stubo (bostadsbolaget)."
    clean, parties = read_parties(text, group=Parties({"kommunen"}))
    assert clean == text
    assert parties.ordered_responsible() == ["kommunen"]
    assert parties.partners == ["Stubo"]


def test_a_group_headings_party_stays_when_the_item_names_only_a_partner():
    group = Parties({"kommunen"})
    _, parties = read_parties("Rusta upp gångstråket (fastighetsägarna)", group=group)
    assert parties.ordered_responsible() == ["kommunen", "annan"]
    assert parties.partners == ["fastighetsägare"]


def test_vehicle_inspectors_worked_with_are_partners():
    text = "Polisen skall arbeta med trafikkontroller i samverkan med bilinspektörer."
    assert find_partners(text) == ["bilinspektörer"]


def test_a_partner_written_with_a_capital_inside_a_sentence_takes_part():
    from loften.imports.parsing.party_words import find_partners

    assert find_partners("Fältning av funktion på Socialtjänsten har gjorts.") == [
        "socialtjänsten"
    ]
    assert find_partners("Fältning av funktion på socialtjänsten har gjorts.") == []
