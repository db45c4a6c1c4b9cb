"""What a feed reader is told of a publication, worked out from two snapshots
(plain inputs, no database)."""

from loften.publication.summary import version_summary


def _snapshot(activities, followups=(), commitments=(), title="Löftet", changes=()):
    """`activities`: a list of texts (ids by place) or {id: text}."""
    if not isinstance(activities, dict):
        activities = dict(enumerate(activities))
    return {
        "promise": {"title": title},
        "commitments": [
            {"id": n, "text": text, "order": n} for n, text in enumerate(commitments)
        ],
        "activities": [
            {"id": n, "text": text, "order": n, "target": None}
            for n, text in activities.items()
        ],
        "indicators": [],
        "followups": [
            {"id": n, "activity_id": n, "period_id": 1, "text": text}
            for n, text in enumerate(followups)
        ],
        "periods": [{"id": 1, "label": "Tertial 1 2026", "published": bool(followups)}],
        "activity_changes": list(changes),
    }


def test_a_first_publication_is_told_with_its_number_of_activities():
    new = _snapshot(["Trafikkontroller", "Trygghetsvandringar"])
    assert version_summary(None, new, number=1, is_period=False) == {
        "kind": "first",
        "activities": 2,
    }


def test_a_period_names_at_most_eight_activities_shortened():
    texts = [f"Aktivitet {n}; " + "lång text " * 10 for n in range(10)]
    old = _snapshot(texts)
    new = _snapshot(texts, followups=["Gjort."] * 10)
    summary = version_summary(old, new, number=2, is_period=True)
    assert summary["kind"] == "period"
    assert summary["more"] is True
    assert len(summary["activities"]) == 8
    assert all(len(name) <= 60 for name in summary["activities"])
    assert summary["activities"][0].startswith("Aktivitet 0;")
    assert not summary["activities"][0].endswith((" ", ".", ";"))


def test_a_changed_plan_keeps_its_own_reasons_and_six_other_changes():
    reasons = [
        {"activity_id": 0, "subject": "target", "version": 3, "reason": "Fler"},
        {"activity_id": 0, "subject": "text", "version": 2, "reason": "Tidigare"},
    ]
    old = _snapshot({0: "A", 1: "B", 2: "C"}, commitments=["Kort"])
    new = _snapshot(
        {0: "A", 2: "C"} | {10 + n: f"Ny {n}" for n in range(6)},
        commitments=["Kort", "x" * 100],
        title="Nytt namn",
        changes=reasons,
    )
    summary = version_summary(old, new, number=3, is_period=False)
    assert summary["kind"] == "changes"
    # Only this version's entries; the removal of B is told there, not again.
    assert summary["activity_changes"] == [reasons[0]]
    changes = summary["changes"]
    assert len(changes) == 6
    assert changes[0] == {
        "section": "promise",
        "kind": "changed",
        "field": "title",
        "item": None,
    }
    assert changes[1]["item"] == "x" * 69 + "…"
    assert {c["section"] for c in changes} == {"promise", "commitment", "activity"}
    # The title, a commitment and six activities added: two more than shown.
    assert summary["more"] == 2
