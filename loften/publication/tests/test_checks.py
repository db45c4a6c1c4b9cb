"""The checks before publishing: personal data, readability and completeness."""

import pytest
from django.utils import translation

from loften.publication import checks

VALID = "880320-0016"  # a valid personnummer from python-stdnum's documentation


@pytest.mark.parametrize(
    "text",
    [
        "Kontakt: 880320-0016.",
        "Kontakt: 8803200016.",
        "Kontakt: 19880320-0016.",
        "Kontakt: 198803200016.",
        "Född 880320+0016 (över hundra år).",
        "Samordningsnummer 880380-0013 i texten.",
    ],
)
def test_a_valid_personnummer_is_found_with_or_without_century_and_separator(text):
    found = checks.find_personal_numbers(text)
    assert len(found) == 1
    assert checks.check_text(text).blocks


@pytest.mark.parametrize(
    "text",
    [
        "Ärende 880320-0018 är avslutat.",  # wrong check digit (Luhn)
        "Order 8803200018.",
        "Datum 2026-04-15 och kommunkod 0682.",
        "Ordernummer 123456789012345.",  # a longer run of digits
        "Dag 881320-0016 finns inte.",  # month 13
        "Samordningsnummer 880380-0016 med fel kontrollsiffra.",
    ],
)
def test_numbers_that_are_not_personnummer_do_not_block(text):
    assert checks.find_personal_numbers(text) == []
    assert not checks.check_text(text).blocks


def test_phone_numbers_warn_but_do_not_block():
    result = checks.check_text("Ring 070-123 45 67 eller +46 380 51 80 00.")
    assert [f.code for f in result.findings] == ["phone", "phone"]
    assert [f.match for f in result.findings] == ["070-123 45 67", "+46 380 51 80 00"]
    assert not result.blocks


def test_a_personnummer_is_not_also_reported_as_a_phone_number():
    result = checks.check_text("Personen 0101011237 kontaktades.")
    assert [f.code for f in result.findings] == ["personnummer"]


def test_email_addresses_warn():
    result = checks.check_text("Mejla karin.lund@nassjo.se för frågor.")
    assert [(f.code, f.match) for f in result.findings] == [
        ("email", "karin.lund@nassjo.se")
    ]
    assert not result.blocks


def test_lix_of_a_known_sentence():
    # 11 words, 1 sentence, 2 words longer than six letters (drogfri, ungdomar):
    # 11 / 1 + 100 × 2 / 11 = 29.2
    result = checks.lix("Vi ska arbeta för en drogfri miljö för barn och ungdomar.")
    assert (result.score, result.words, result.sentences, result.long_words) == (
        29,
        11,
        1,
        2,
    )


def test_lix_counts_sentences_and_rounds_half_up():
    # 5 words, 2 sentences, 3 long (Polisen, patrullerar, Kommunen): 2.5 + 60 = 62.5
    assert checks.lix("Polisen patrullerar. Kommunen lagar lampor.").score == 63


def test_abbreviations_do_not_end_sentences():
    text = "Vi ses t.ex. på torget, bl.a. med skolan, ca. tio gånger om året."
    assert checks.lix(text).sentences == 1


def test_blank_lines_and_bullets_end_sentences():
    text = "Trygghet i centrum\n\nVi gör detta\n- vandringar\n- möten"
    assert checks.lix(text).sentences == 4


def test_a_text_without_words_has_no_lix():
    assert checks.lix("  — 12 ") is not None  # digits are words
    assert checks.lix(" … ") is None


def test_a_hard_long_text_warns_above_fifty():
    text = (
        "Genomföra riktade trafikkontroller mot bilburen ungdom i centrum under "
        "helgkvällar, t.ex. vid resecentrum, bl.a. tillsammans med kommunens "
        "fältarbetare och föreningslivet."
    )
    result = checks.check_text(text)
    assert result.lix.score > 50
    assert [f.code for f in result.findings] == ["lix"]
    assert not result.blocks


def test_a_short_hard_text_shows_its_lix_without_warning():
    result = checks.check_text("Genomföra trafikkontroller.")
    assert result.lix.score > 50
    assert not result.lix.reliable
    assert result.findings == ()


def test_an_easy_text_does_not_warn():
    text = "Vi går runt i stan på kvällen. Vi ser var det är mörkt. Sen fixar vi det."
    result = checks.check_text(text)
    assert result.lix.score < 30
    assert result.findings == ()


def test_names_and_titles_get_no_lix():
    assert checks.check_text("Kommunstyrelsens ordförande", prose=False).lix is None


def _snapshot(**overrides):
    snapshot = {
        "promise": {
            "title": "Löftet",
            "situation_summary": f"Lägesbild med {VALID}.",
            "followup_plan": "",
            "situation_sources": [
                {"title": "Enkät", "note": "Ring 070-123 45 67", "year": 2025}
            ],
            "signatories": [
                {"name": "Per Holm", "title": "Ordförande", "organisation": "Kommunen"}
            ],
        },
        "commitments": [{"id": 1, "text": "Vi lovar."}],
        "activities": [
            {
                "id": 5,
                "text": "Trygghetsvandringar",
                "place": "Torget",
                "target": {"unit": "vandringar"},
            }
        ],
        "indicators": [],
        "followups": [
            {"activity_id": 5, "period_id": 11, "text": f"Med {VALID}."},
            {"activity_id": 5, "period_id": 12, "text": "Inget särskilt."},
        ],
    }
    snapshot.update(overrides)
    return snapshot


def test_plan_texts_name_where_each_text_is():
    with translation.override("en"):
        texts = checks.plan_texts(_snapshot())
    where = {t.text: t.where for t in texts}
    assert where[f"Lägesbild med {VALID}."] == "Situational picture (lägesbild)"
    assert where["Trygghetsvandringar"] == "Activity: Trygghetsvandringar"
    assert where["Ring 070-123 45 67"] == "Source: Enkät"
    assert where["Vi lovar."] == "Commitment: Vi lovar."


def test_blocking_findings_point_at_the_text():
    found = checks.blocking_findings(checks.plan_texts(_snapshot()))
    assert len(found) == 1
    text, finding = found[0]
    assert finding.match == VALID
    assert VALID in text.text


def test_period_texts_are_only_that_periods_followups():
    texts = checks.period_texts(_snapshot(), 12)
    assert [t.text for t in texts] == ["Inget särskilt."]
    assert checks.blocking_findings(texts) == []


def test_targets_without_quantity_warn_per_activity():
    activities = [
        checks.ActivityFacts(1, "Med mål", True),
        checks.ActivityFacts(2, "Utan mål", False),
        checks.ActivityFacts(3, "Med mål och antal", True),
    ]
    period = checks.PeriodFacts(11, "Tertial 1 2026", True)
    findings = checks.targets_without_quantity(
        activities=activities, period=period, quantities={1: None, 2: None, 3: 4}
    )
    assert len(findings) == 1
    assert "Med mål" in findings[0].message
    assert findings[0].severity == checks.WARN


def test_missing_followups_warn_only_for_ended_periods():
    activities = [
        checks.ActivityFacts(1, "A", False),
        checks.ActivityFacts(2, "B", True),
    ]
    periods = [
        checks.PeriodFacts(11, "T1", ended=True),
        checks.PeriodFacts(12, "T2", ended=True),
        checks.PeriodFacts(13, "T3", ended=False),
    ]
    findings = checks.missing_followups(
        activities=activities, periods=periods, followed={(1, 11), (2, 11), (1, 12)}
    )
    assert len(findings) == 1
    assert "T2" in findings[0].message
    assert "1" in findings[0].message
