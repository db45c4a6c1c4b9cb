"""A published snapshot turned into the promise page: pure, plain inputs."""

from loften.public.presentation import promise_page


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
