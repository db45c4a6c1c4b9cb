"""A published snapshot turned into the promise page: pure, plain inputs."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from loften.followups.progress import Verdict
from loften.public.presentation import Progress, Target, promise_page


def _snapshot(**changes):
    snapshot = {
        "promise": {
            "id": 1,
            "title": "Medborgarlöfte Ort 2026",
            "slug": "ort-2026",
            "status": "published",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "cadence": "tertial",
            "municipalities": [{"name": "Ort", "slug": "ort", "county": "Län"}],
            "police_area": {"name": "LPO Ort", "police_region": "Öst"},
            "situation_summary": "Otryggt i centrum.",
            "situation_sources": [],
            "followup_plan": "",
            "signing_date": "2025-12-10",
            "signatories": [{"name": "A B", "title": "Chef", "organisation": "Ort"}],
            "previous_id": None,
        },
        "commitments": [{"id": 5, "text": "Vi lovar", "order": 1}],
        "focus_areas": [{"id": 9, "name": "Trafik", "slug": "trafik"}],
        "activities": [
            {
                "id": 11,
                "text": "Trygghetsvandringar",
                "order": 1,
                "commitment_id": 5,
                "focus_area_id": None,
                "responsible_police": True,
                "responsible_municipality": True,
                "partners": ["Skolan"],
                "target": {
                    "comparator": "at_least",
                    "value": 4,
                    "unit": "trygghetsvandringar",
                    "scope": "per_year",
                },
                "place": "",
            },
            {
                "id": 12,
                "text": "Trafikkontroller",
                "order": 0,
                "commitment_id": None,
                "focus_area_id": 9,
                "responsible_police": True,
                "responsible_municipality": False,
                "partners": [],
                "target": None,
                "place": "Riksväg 32",
            },
        ],
        "indicators": [
            {
                "id": 21,
                "name": "Otrygghet",
                "description": "",
                "source": "NTU",
                "unit": "%",
                "direction": "decrease",
                "focus_area_id": None,
                "order": 0,
                "values": [
                    {"id": 2, "year": 2025, "value": "28", "note": ""},
                    {"id": 1, "year": 2024, "value": "31.5", "note": ""},
                ],
            }
        ],
        "periods": [
            _period(31, 1, published=True),
            _period(32, 2, published=True),
            _period(33, 3, published=False),
            {**_period(34, 0, published=False), "kind": "year"},
        ],
        "followups": [
            _followup(41, 11, 31, quantity=1),
            _followup(42, 11, 32, quantity=2),
            _followup(43, 12, 31, quantity=None),
        ],
    }
    snapshot.update(changes)
    return snapshot


def _period(pk, number, *, published):
    months = {0: ("01", "12"), 1: ("01", "04"), 2: ("05", "08"), 3: ("09", "12")}
    start, end = months[number]
    return {
        "id": pk,
        "kind": "tertial",
        "year": 2026,
        "number": number,
        "start_date": f"2026-{start}-01",
        "end_date": f"2026-{end}-28",
        "published": published,
    }


def _followup(pk, activity, period, *, quantity):
    return {
        "id": pk,
        "activity_id": activity,
        "period_id": period,
        "status": {"name": "Pågår", "category": "ongoing"},
        "text": f"Uppföljning {pk}",
        "quantity": quantity,
        "hours": "2.5",
    }


def test_only_published_periods_are_shown():
    page = promise_page(_snapshot())
    assert [p.id for p in page.published_periods] == [31, 32]
    activity = page.focus_areas[1].activities[0]
    assert [e.period.id for e in activity.entries] == [31, 32]


def test_a_per_year_target_counts_the_year_so_far():
    activity = promise_page(_snapshot()).focus_areas[1].activities[0]
    first, second = (entry.progress for entry in activity.entries)
    assert (first.achieved, second.achieved) == (1, 3)
    assert second.met is False
    assert second.percent == 75
    assert not second.final  # tertial 3 can still add to the year


def test_the_latest_progress_is_the_latest_published_figure():
    activity = promise_page(_snapshot()).focus_areas[1].activities[0]
    assert activity.latest_progress.achieved == 3


def test_focus_areas_come_in_activity_order_and_unfiled_activities_last():
    page = promise_page(_snapshot())
    assert [area.name for area in page.focus_areas] == ["Trafik", "Övriga aktiviteter"]
    assert page.focus_areas[0].activities[0].text == "Trafikkontroller"


def test_a_period_without_a_followup_is_shown_as_not_reported():
    activity = promise_page(_snapshot()).focus_areas[0].activities[0]
    assert activity.entries[0].reported
    assert not activity.entries[1].reported
    assert activity.latest.period.id == 31


def test_the_summary_counts_targets_met_by_the_latest_figure():
    followups = [
        _followup(41, 11, 31, quantity=2),
        _followup(42, 11, 32, quantity=2),
    ]
    summary = promise_page(_snapshot(followups=followups)).summary
    assert (summary.activities, summary.with_target) == (2, 1)
    assert (summary.measured, summary.met) == (1, 1)


def test_indicator_values_are_in_year_order_with_a_chart():
    indicator = promise_page(_snapshot()).indicators[0]
    assert [v.year for v in indicator.values] == [2024, 2025]
    assert [bar.label for bar in indicator.chart.bars] == ["2024", "2025"]


def test_responsible_parties_are_named_with_partners_last():
    activity = promise_page(_snapshot()).focus_areas[1].activities[0]
    assert activity.responsible == ["polisen", "kommunen", "Skolan"]


def _with_target(comparator, value, *, published=(31, 32), quantities=(1, 2)):
    """The snapshot with activity 11's target changed and T1, T2 (and T3) given."""
    snapshot = _snapshot()
    snapshot["activities"][0]["target"] = {
        "comparator": comparator,
        "value": value,
        "unit": "möten",
        "scope": "per_year",
    }
    for period in snapshot["periods"]:
        period["published"] = period["id"] in published
    snapshot["followups"] = [
        _followup(40 + number, 11, 30 + number, quantity=quantity)
        for number, quantity in enumerate(quantities, start=1)
    ]
    return snapshot


def _latest(snapshot):
    return promise_page(snapshot).focus_areas[1].activities[0].latest_progress


def test_at_most_is_within_the_target_until_the_year_is_followed_up():
    # At most 4 per year: 1 + 2 = 3 after T2, T3 still to come.
    progress = _latest(_with_target("at_most", 4))
    assert progress.met is True  # the plain comparison
    assert progress.verdict == Verdict.WITHIN_SO_FAR
    assert not progress.is_met
    summary = promise_page(_with_target("at_most", 4)).summary
    assert (summary.measured, summary.met) == (1, 0)
    # After T3 (1 more) the year's figure is final: 4 is within at most 4.
    final = _with_target("at_most", 4, published=(31, 32, 33), quantities=(1, 2, 1))
    assert _latest(final).verdict == Verdict.MET
    assert promise_page(final).summary.met == 1


def test_exactly_overshot_mid_year_is_exceeded_not_not_yet():
    progress = _latest(_with_target("exactly", 2))  # 3 after T2
    assert progress.verdict == Verdict.EXCEEDED
    assert not progress.is_met


def test_exactly_equal_mid_year_is_only_reached_so_far():
    progress = _latest(_with_target("exactly", 3))  # 3 after T2
    assert progress.verdict == Verdict.REACHED_SO_FAR
    final = _with_target("exactly", 3, published=(31, 32, 33), quantities=(1, 2, 0))
    assert _latest(final).verdict == Verdict.MET


def test_a_whole_year_figure_of_a_whole_promise_target_is_not_final_before_its_end():
    snapshot = _with_target("at_most", 10, published=(34,), quantities=())
    snapshot["activities"][0]["target"]["scope"] = "whole_promise"
    snapshot["periods"].append(
        {**_period(35, 1, published=False), "year": 2027, "start_date": "2027-01-01"}
    )
    snapshot["periods"][-1]["end_date"] = "2027-04-30"
    snapshot["followups"] = [_followup(44, 11, 34, quantity=3)]
    progress = _latest(snapshot)
    assert progress.verdict == Verdict.WITHIN_SO_FAR


@pytest.mark.parametrize(
    ("comparator", "achieved", "final", "words"),
    [
        ("at_least", 4, False, "Målet är nått"),
        ("at_most", 2, False, "Inom målet hittills"),
        ("at_most", 3, True, "Målet nåddes inte"),
        ("exactly", 3, False, "Inte nått ännu"),
        ("exactly", 4, False, "Nått hittills; senare perioder räknas också"),
        ("exactly", 5, False, "Mer än målet"),
    ],
)
def test_the_progress_figure_says_the_verdict_in_words(
    comparator, achieved, final, words
):
    target = Target(
        comparator=comparator,
        value=4 if comparator != "at_most" else 2,
        unit="möten",
        scope="per_year",
    )
    progress = Progress(
        achieved=achieved, target=target, met=True, share=None, final=final
    )
    with translation.override("sv"):
        html = render_to_string(
            "public/components/progress.html", {"progress": progress}
        )
    assert words in html
    assert '<span lang="sv">möten</span>' in html


def test_a_count_word_is_not_written_after_a_figure():
    from loften.core.text import unit_after

    assert unit_after("antal") == ""
    assert unit_after(" Antal ") == ""
    assert unit_after("%") == "%"
    assert unit_after("anmälda brott") == "anmälda brott"
