"""What becomes searchable in a snapshot: pure, plain inputs."""

from loften.search.documents import (
    ACTIVITY,
    COMMITMENT,
    FOLLOWUP,
    INDICATOR,
    PROMISE,
    SIGNATORIES,
    SITUATION,
    documents_from_snapshot,
    index_fields,
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
            "situation_sources": [
                {
                    "kind": "statistics",
                    "title": "Anmälda brott",
                    "year": 2025,
                    "url": "",
                    "note": "Narkotikabrott och skadegörelse ökar.",
                }
            ],
            "signatories": [
                {"name": "Per Holm", "title": "KSO", "organisation": "Ort kommun"}
            ],
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
        "indicators": [
            {
                "id": 41,
                "name": "Anmälda skadegörelsebrott",
                "description": "Brott per 1 000 invånare.",
                "source": "Brå",
                "unit": "brott",
                "focus_area_id": 3,
                "values": [{"year": 2025, "value": "12", "note": "Ny metod"}],
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


def test_a_snapshot_gives_every_published_text_one_document():
    documents = documents_from_snapshot(_snapshot())
    assert [(d.kind, d.object_id) for d in documents] == [
        (PROMISE, 7),
        (SITUATION, 7),
        (COMMITMENT, 1),
        (ACTIVITY, 11),
        (INDICATOR, 41),
        (SIGNATORIES, 7),
        (FOLLOWUP, 31),
    ]


def _document(kind):
    return next(d for d in documents_from_snapshot(_snapshot()) if d.kind == kind)


def test_the_promise_document_holds_the_places_and_the_followup_plan():
    promise = _document(PROMISE)
    assert "Lokalpolisområde Ort" in promise.body
    assert "Följs upp per tertial." in promise.body
    assert (promise.first_year, promise.last_year) == (2026, 2027)


def test_the_situational_picture_holds_the_summary_and_every_source():
    situation = _document(SITUATION)
    assert situation.body == (
        "Otrygghet i centrum. · Anmälda brott (2025) · "
        "Narkotikabrott och skadegörelse ökar."
    )


def test_effect_measures_and_signatories_are_documents():
    indicator = _document(INDICATOR)
    assert indicator.title == "Anmälda skadegörelsebrott"
    assert indicator.body == "Brott per 1 000 invånare. · Brå · brott · 2025: Ny metod"
    assert indicator.focus_area_id == 3
    assert _document(SIGNATORIES).body == "Per Holm, KSO, Ort kommun"
    assert _document(COMMITMENT).title == "Vi ska öka tryggheten."


def test_every_document_carries_the_promise_and_its_places_as_context():
    for document in documents_from_snapshot(_snapshot()):
        assert document.context == (
            "Medborgarlöfte Ort 2026 · Ort · Lokalpolisområde Ort"
        )
    fields = index_fields(7, _document(ACTIVITY))
    assert fields["context_stems"] == "medborgarloft ort 2026 ort lokalpolisomr ort"
    assert fields["title_stems"] == "trafikkontroll skolan"


def test_a_followup_indexes_its_own_text_not_its_activitys_again():
    fields = index_fields(7, _document(FOLLOWUP))
    assert fields["title"] == "Trafikkontroller vid skolan"
    assert fields["title_stems"] == ""
    assert fields["body_stems"] == "genomfort fem kontroll"


def test_a_followup_is_filtered_like_its_activity_and_dated_by_its_period():
    followup = _document(FOLLOWUP)
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
