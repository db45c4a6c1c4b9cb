import datetime

import pytest

from loften.imports.selectors import (
    import_draft_defaults,
    import_job_list_for_user,
    import_organisations_for_user,
    municipality_choices,
    municipality_refs,
    police_area_choices,
)
from loften.testing import factories
from loften.testing.imports import ready_job

pytestmark = pytest.mark.django_db


def result(**values):
    data = {
        "source": "x.txt",
        "kind": "followup",
        "municipality": {"name": "Nässjö", "code": "0682"},
        "years": [2026],
        "commitments": ["Vi ska öka tryggheten."],
        "focus_areas": [],
        "activities": [],
        "warnings": [],
    }
    data.update(values)
    return data


def activity(**values):
    data = {
        "text": "Polisen genomför trafikkontroller.",
        "focus_area": None,
        "commitment": 0,
        "responsible": ["polisen"],
        "partners": [],
        "target": None,
        "followups": [],
    }
    data.update(values)
    return data


def test_the_reference_municipalities_come_from_the_database():
    refs = municipality_refs()
    assert len(refs) == 290
    assert any(ref.code == "0642" and ref.name == "Mullsjö" for ref in refs)


def test_the_promise_is_proposed_for_the_municipality_the_document_names(people):
    draft = import_draft_defaults(
        result=result(
            title="Medborgarlöfte Nässjö 2026",
            periods=["T1", "T2"],
            notes=[
                {"kind": "situation", "text": "Otrygghet vid resecentrum."},
                {"kind": "followup_plan", "text": "Uppföljning per tertial."},
                {"kind": "contact", "text": "Ring 112."},
            ],
        ),
        organisation=people.municipality,
    )
    assert draft.municipality.code == "0682"
    assert draft.police_area == people.police_area  # Nässjö's only police area
    assert draft.title == "Medborgarlöfte Nässjö 2026"
    assert (draft.start_date, draft.end_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert draft.cadence == "tertial"
    assert draft.situation_summary == "Otrygghet vid resecentrum."
    assert draft.followup_plan == "Uppföljning per tertial."
    assert draft.commitments == ["Vi ska öka tryggheten."]
    assert draft.hints == []


def test_a_municipality_with_two_police_areas_leaves_the_choice_open(people):
    factories.PoliceAreaFactory(
        name="Lokalpolisområde Extra", municipalities=[factories.municipality("0682")]
    )
    draft = import_draft_defaults(result=result(), organisation=people.municipality)
    assert draft.police_area is None


def test_a_document_about_another_municipality_is_not_pre_selected(people):
    draft = import_draft_defaults(
        result=result(municipality={"name": "Mullsjö", "code": "0642"}),
        organisation=people.municipality,
    )
    assert draft.municipality is None
    assert any("Mullsjö" in hint for hint in draft.hints)


def test_without_a_municipality_in_the_document_the_only_choice_is_proposed(people):
    draft = import_draft_defaults(
        result=result(municipality=None, years=[]), organisation=people.municipality
    )
    assert draft.municipality.code == "0682"
    assert draft.start_date is None
    assert len(draft.hints) == 2  # no municipality, no year


def test_a_police_area_imports_for_the_municipalities_it_covers(people):
    choices = municipality_choices(organisation=people.police)
    assert sorted(m.code for m in choices) == ["0604", "0682"]
    assert list(police_area_choices(organisation=people.police)) == [people.police_area]
    draft = import_draft_defaults(result=result(), organisation=people.police)
    assert draft.police_area == people.police_area
    assert draft.municipality.code == "0682"


def test_activities_get_focus_areas_targets_statuses_and_quantities(people):
    draft = import_draft_defaults(
        result=result(
            periods=["T1"],
            activities=[
                activity(
                    focus_area="trafik",
                    target={
                        "comparator": "at_least",
                        "value": 10,
                        "unit": "trafikkontroller",
                        "per": "tertial",
                    },
                    followups=[
                        {
                            "period": "T1",
                            "status": "partly_done",
                            "text": "Åtta kontroller, 12 timmar.",
                            "quantities": [
                                {"value": 12, "unit": "timmar"},
                                {"value": 8, "unit": "trafikkontroller"},
                            ],
                            "label": "Tertial 1",
                        }
                    ],
                ),
                activity(
                    focus_area="Trygghet i centrum",
                    responsible=[],
                    target={"comparator": "at_least", "value": 1.5, "unit": "timmar"},
                ),
            ],
        ),
        organisation=people.municipality,
    )
    first, second = draft.activities
    assert first.focus_area.name == "Trafik"
    assert first.responsible_police and not first.responsible_municipality
    assert (first.target_comparator, first.target_value, first.target_unit) == (
        "at_least",
        10,
        "trafikkontroller",
    )
    assert first.target_scope == "per_period"
    (followup,) = first.followups
    assert followup.period == "T1" and followup.year == 2026
    assert followup.status.category == "partly_done"
    assert followup.quantity == 8
    assert followup.other_quantities == ["12 timmar"]
    assert followup.label == "Tertial 1"
    assert first.hints == []

    assert second.focus_area is None
    assert second.document_focus_area == "Trygghet i centrum"
    assert second.target_value is None
    assert len(second.hints) == 3  # focus area, no party, target not whole


def target_draft(people, target, periods=("T1",)):
    draft = import_draft_defaults(
        result=result(periods=list(periods), activities=[activity(target=target)]),
        organisation=people.municipality,
    )
    (found,) = draft.activities
    return found


@pytest.mark.parametrize(
    ("target", "per"),
    [
        (
            {
                "comparator": "at_least",
                "value": 1,
                "unit": "kontakt",
                "per": "vecka",
                "text": "minst 1 kontakt/vecka",
            },
            "vecka",
        ),
        (
            {
                "comparator": "at_least",
                "value": 30,
                "unit": "timmar",
                "per": "månad",
                "text": "minst 30 timmar riktad närvaro per månad",
            },
            "månad",
        ),
        (
            {"comparator": "at_least", "value": 2, "unit": "kvällar", "per": "vecka"},
            "vecka",
        ),
    ],
)
def test_a_rate_per_week_or_month_sets_no_target_and_says_why(people, target, per):
    found = target_draft(people, target)
    assert (found.target_comparator, found.target_value, found.target_unit) == (
        "",
        None,
        "",
    )
    (hint,) = found.hints
    assert f"per {per}" in hint
    assert "inget mål" in hint.lower()
    if "text" in target:
        assert f"”{target['text']}”" in hint


def test_a_rate_per_tertial_in_a_promise_followed_up_per_quarter_sets_no_target(
    people,
):
    found = target_draft(
        people,
        {"comparator": "at_least", "value": 2, "unit": "möten", "per": "tertial"},
        periods=("Q1", "Q2"),
    )
    assert found.target_value is None
    assert len(found.hints) == 1


def test_a_rate_per_year_applies_per_year(people):
    found = target_draft(
        people,
        {"comparator": "at_least", "value": 20, "unit": "kontroller", "per": "år"},
    )
    assert (found.target_value, found.target_scope) == (20, "per_year")
    assert found.hints == []


def test_a_total_for_two_years_applies_to_the_whole_promise(people):
    found = target_draft(
        people,
        {
            "comparator": "at_least",
            "value": 8,
            "unit": "trygghetsvandringar",
            "whole_promise": True,
        },
    )
    assert (found.target_value, found.target_scope) == (8, "whole_promise")


def test_a_condition_on_a_target_is_kept_as_a_hint(people):
    found = target_draft(
        people,
        {
            "comparator": "at_least",
            "value": 20,
            "unit": "trafikkontroller",
            "condition": "om läget medger",
        },
    )
    assert found.target_value == 20
    (hint,) = found.hints
    assert "”om läget medger”" in hint


def test_reports_on_a_period_the_cadence_lacks_go_to_the_year_once(people):
    draft = import_draft_defaults(
        result=result(
            periods=["T1", "T2", "Q3"],
            activities=[
                activity(
                    followups=[
                        {
                            "period": "T1",
                            "status": "done",
                            "text": "A",
                            "quantities": [],
                        },
                        {"period": "Q3", "status": None, "text": "B", "quantities": []},
                        {
                            "period": "year",
                            "status": None,
                            "text": "C",
                            "quantities": [],
                        },
                    ]
                )
            ],
        ),
        organisation=people.municipality,
    )
    (item,) = draft.activities
    assert [(f.period, f.text) for f in item.followups] == [
        ("T1", "A"),
        ("year", "Q3: B\n\nC"),
    ]
    assert len(item.hints) == 1


def test_half_year_reports_share_the_years_follow_up_under_their_headings(people):
    draft = import_draft_defaults(
        result=result(
            periods=["year"],
            activities=[
                activity(
                    followups=[
                        {
                            "period": "year",
                            "status": "done",
                            "text": "Genomfört 6 kontroller.",
                            "quantities": [{"value": 6, "unit": "kontroller"}],
                            "label": "Första halvåret",
                        },
                        {
                            "period": "year",
                            "status": "done",
                            "text": "Genomfört 8 kontroller.",
                            "quantities": [{"value": 8, "unit": "kontroller"}],
                            "label": "Andra halvåret",
                        },
                    ]
                )
            ],
        ),
        organisation=people.municipality,
    )
    (item,) = draft.activities
    (followup,) = item.followups
    assert followup.text == (
        "Första halvåret: Genomfört 6 kontroller.\n\n"
        "Andra halvåret: Genomfört 8 kontroller."
    )
    assert followup.quantity == 6
    assert followup.other_quantities == ["8 kontroller"]
    (hint,) = item.hints
    assert "”Första halvåret” och ”Andra halvåret”" in hint


def test_import_organisations_are_those_the_user_edits_for(people):
    assert list(import_organisations_for_user(user=people.editor)) == [
        people.municipality
    ]
    assert not import_organisations_for_user(user=people.viewer).exists()
    admin = factories.UserFactory(is_superuser=True)
    partner = factories.OrganisationFactory(name="Föreningen")
    organisations = set(import_organisations_for_user(user=admin))
    assert {people.municipality, people.police} <= organisations
    assert partner not in organisations


def test_users_see_the_imports_of_their_organisations_only(people):
    job = ready_job(people)
    assert list(import_job_list_for_user(user=people.viewer)) == [job]
    assert list(import_job_list_for_user(user=people.editor)) == [job]
    assert not import_job_list_for_user(user=people.other_editor).exists()
    assert not import_job_list_for_user(user=people.police_editor).exists()
    admin = factories.UserFactory(is_superuser=True)
    assert list(import_job_list_for_user(user=admin)) == [job]


def test_other_municipalities_sharing_the_promise_are_mentioned(people):
    draft = import_draft_defaults(
        result=result(other_municipalities=[{"name": "Aneby", "code": "0604"}]),
        organisation=people.municipality,
    )
    assert draft.municipality.code == "0682"
    assert any("Aneby" in hint for hint in draft.hints)
