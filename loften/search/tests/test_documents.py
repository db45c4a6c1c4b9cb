"""What becomes searchable in a snapshot: pure, plain inputs."""

from loften.search.documents import (
    ACTIVITY,
    FOLLOWUP,
    PROMISE,
    documents_from_snapshot,
)


def _snapshot():
    return {
        "promise": {
            "id": 7,
            "title": "Medborgarlöfte Ort 2026",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "situation_summary": "Otrygghet i centrum.",
            "followup_plan": "Följs upp per tertial.",
            "municipalities": [{"name": "Ort"}],
            "police_area": {"name": "Lokalpolisområde Ort"},
        },
        "commitments": [{"id": 1, "text": "Vi ska öka tryggheten."}],
        "focus_areas": [{"id": 3, "name": "Trafik", "slug": "trafik"}],
        "activities": [
            {
                "id": 11,
                "text": "Trafikkontroller vid skolan",
                "focus_area_id": 3,
                "responsible_police": True,
                "responsible_municipality": False,
                "partners": ["Skolan"],
                "target": {"comparator": "at_least", "value": 4, "unit": "kontroller"},
                "place": "Skolan",
            }
        ],
        "periods": [
            {"id": 21, "year": 2026, "published": True},
            {"id": 22, "year": 2026, "published": False},
        ],
        "followups": [
            {
                "id": 31,
                "activity_id": 11,
                "period_id": 21,
                "text": "Fem kontroller.",
                "status": {"name": "Genomfört"},
            },
            {
                "id": 32,
                "activity_id": 11,
                "period_id": 22,
                "text": "Ej publicerad text.",
                "status": None,
            },
        ],
    }


def test_a_snapshot_gives_the_promise_its_activities_and_published_followups():
    documents = documents_from_snapshot(_snapshot())
    assert [(d.kind, d.object_id) for d in documents] == [
        (PROMISE, 7),
        (ACTIVITY, 11),
        (FOLLOWUP, 31),
    ]


def test_the_promise_document_holds_the_picture_commitments_and_places():
    promise = documents_from_snapshot(_snapshot())[0]
    assert "Otrygghet i centrum." in promise.body
    assert "Vi ska öka tryggheten." in promise.body
    assert "Lokalpolisområde Ort" in promise.body
    assert (promise.first_year, promise.last_year) == (2026, 2027)


def test_a_followup_is_filtered_like_its_activity_and_dated_by_its_period():
    followup = documents_from_snapshot(_snapshot())[2]
    assert followup.title == "Trafikkontroller vid skolan"
    assert followup.body == "Genomfört · Fem kontroller."
    assert (followup.first_year, followup.last_year, followup.period_id) == (
        2026,
        2026,
        21,
    )
    assert followup.focus_area_id == 3
    assert followup.responsible_police and followup.responsible_partner
    assert not followup.responsible_municipality


def test_followups_of_unpublished_periods_are_never_searchable():
    bodies = " ".join(d.body for d in documents_from_snapshot(_snapshot()))
    assert "Ej publicerad" not in bodies
