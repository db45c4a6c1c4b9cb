"""Pure snapshot merging and comparison."""

from loften.publication import snapshot


def _live(activities=("A",), followups=()):
    return {
        "promise": {"id": 1, "title": "Löftet", "status": "draft"},
        "commitments": [{"id": 1, "text": "Vi lovar", "order": 10}],
        "focus_areas": [],
        "activities": [
            {"id": index, "text": text, "target": None}
            for index, text in enumerate(activities, start=1)
        ],
        "indicators": [],
        "periods": [
            {
                "id": 11,
                "year": 2026,
                "kind": "tertial",
                "number": 1,
                "label": "Tertial 1 2026",
                "published": False,
            },
            {
                "id": 12,
                "year": 2026,
                "kind": "tertial",
                "number": 2,
                "label": "Tertial 2 2026",
                "published": False,
            },
        ],
        "followups": [
            {
                "id": 100 + n,
                "activity_id": activity_id,
                "period_id": period_id,
                "text": text,
                "status": None,
                "quantity": None,
                "hours": None,
            }
            for n, (activity_id, period_id, text) in enumerate(followups)
        ],
    }


def test_first_plan_publication_has_no_followups():
    live = _live(followups=[(1, 11, "draft text")])
    merged = snapshot.merge_plan(None, live)
    assert merged["followups"] == []
    assert not any(p["published"] for p in merged["periods"])


def test_publishing_a_period_takes_only_that_periods_followups():
    first = snapshot.merge_plan(None, _live())
    live = _live(followups=[(1, 11, "T1 text"), (1, 12, "T2 draft")])
    merged = snapshot.merge_period(first, live, 11)
    assert [f["text"] for f in merged["followups"]] == ["T1 text"]
    assert [p["published"] for p in merged["periods"]] == [True, False]


def test_publishing_a_period_keeps_the_published_plan_not_the_draft_plan():
    first = snapshot.merge_plan(None, _live(activities=("Published",)))
    live = _live(activities=("Draft edit",), followups=[(1, 11, "T1")])
    merged = snapshot.merge_period(first, live, 11)
    assert merged["activities"][0]["text"] == "Published"


def test_publishing_the_plan_keeps_published_followups_not_draft_ones():
    first = snapshot.merge_plan(None, _live())
    second = snapshot.merge_period(
        first, _live(followups=[(1, 11, "Published T1")]), 11
    )
    live = _live(activities=("New text",), followups=[(1, 11, "Edited T1 draft")])
    merged = snapshot.merge_plan(second, live)
    assert merged["activities"][0]["text"] == "New text"
    assert [f["text"] for f in merged["followups"]] == ["Published T1"]
    assert merged["periods"][0]["published"] is True


def test_followups_of_removed_activities_leave_with_them():
    first = snapshot.merge_plan(None, _live(activities=("A", "B")))
    second = snapshot.merge_period(
        first, _live(activities=("A", "B"), followups=[(2, 11, "B in T1")]), 11
    )
    merged = snapshot.merge_plan(second, _live(activities=("A",)))
    assert merged["followups"] == []


def test_diff_names_added_changed_and_removed_items():
    old = snapshot.merge_plan(None, _live(activities=("Kept", "Removed")))
    new_live = _live(activities=("Kept but changed",))
    new_live["activities"].append({"id": 3, "text": "Added", "target": None})
    new = snapshot.merge_plan(old, new_live)
    changes = {(c.section, c.kind, c.item) for c in snapshot.snapshot_diff(old, new)}
    assert ("activity", "changed", "Kept but changed") in changes
    assert ("activity", "removed", "Removed") in changes
    assert ("activity", "added", "Added") in changes


def test_diff_reports_a_newly_published_period():
    first = snapshot.merge_plan(None, _live())
    second = snapshot.merge_period(first, _live(followups=[(1, 11, "T1")]), 11)
    changes = snapshot.snapshot_diff(first, second)
    assert ("period", "added", "Tertial 1 2026") in {
        (c.section, c.kind, c.item) for c in changes
    }
    assert any(c.section == "followup" and c.kind == "added" for c in changes)


def test_diff_of_identical_snapshots_is_empty():
    first = snapshot.merge_plan(None, _live())
    assert snapshot.snapshot_diff(first, first) == []


def test_diff_names_moved_items_but_not_those_that_only_shifted():
    first = snapshot.merge_plan(None, _live(activities=("A", "B", "C", "D")))
    live = _live(activities=("A", "B", "C", "D"))
    for activity, order in zip(live["activities"], (20, 30, 40, 10), strict=True):
        activity["order"] = order  # D moved to the top
    second = snapshot.merge_plan(first, live)
    moved = [c.item for c in snapshot.snapshot_diff(first, second) if c.kind == "moved"]
    assert moved == ["D"]


def test_diff_reports_a_changed_cadence():
    first = snapshot.merge_plan(None, _live())
    live = _live()
    live["promise"]["cadence"] = "quarter"
    changes = snapshot.snapshot_diff(first, snapshot.merge_plan(first, live))
    assert [(c.field, c.new) for c in changes] == [("cadence", "quarter")]


def test_diff_reports_every_published_field_of_an_effect_measure():
    def live(**changed):
        data = _live()
        data["indicators"] = [
            {
                "id": 5,
                "name": "Andel otrygga",
                "description": "Mäts varje år.",
                "source": "Trygghetsmätningen",
                "unit": "%",
                "direction": "decrease",
                "focus_area_id": None,
                "values": [{"id": 1, "year": 2025, "value": "23", "note": ""}],
                **changed,
            }
        ]
        return data

    first = snapshot.merge_plan(None, live())
    second = snapshot.merge_plan(
        first, live(description="Mäts vartannat år.", focus_area_id=3)
    )
    fields = {c.field for c in snapshot.snapshot_diff(first, second)}
    assert fields == {"description", "focus_area_id"}


TARGET_40 = {
    "comparator": "at_least",
    "value": 40,
    "unit": "kontroller",
    "scope": "per_year",
}
TARGET_50 = dict(TARGET_40, value=50)


def _with_target(live, target):
    live["activities"][0]["target"] = target
    return live


def test_a_published_followup_keeps_the_target_then_in_force():
    first = snapshot.merge_plan(None, _with_target(_live(), TARGET_40))
    second = snapshot.merge_period(
        first, _with_target(_live(followups=[(1, 11, "T1")]), TARGET_50), 11
    )
    assert second["followups"][0]["target"] == TARGET_40  # the published plan's
    third = snapshot.merge_plan(second, _with_target(_live(), TARGET_50))
    assert third["activities"][0]["target"] == TARGET_50
    assert third["followups"][0]["target"] == TARGET_40


def test_a_followup_published_before_targets_were_kept_gets_the_plans_target():
    first = snapshot.merge_plan(None, _with_target(_live(), TARGET_40))
    second = snapshot.merge_period(first, _live(followups=[(1, 11, "T1")]), 11)
    del second["followups"][0]["target"]  # as an older snapshot has it
    third = snapshot.merge_plan(second, _with_target(_live(), TARGET_50))
    assert third["followups"][0]["target"] == TARGET_40


def test_changes_of_published_activities_are_recorded_with_their_reasons():
    first = snapshot.merge_plan(None, _with_target(_live(("A", "B")), TARGET_40))
    live = _with_target(_live(("A",)), TARGET_50)
    second = snapshot.merge_plan(first, live)
    added = snapshot.record_activity_changes(
        first,
        second,
        reasons={(1, "target"): "Fler kontroller", (2, "removed"): "Klart"},
        version=2,
        date="2026-10-12",
    )
    assert [(c["activity_id"], c["subject"], c["reason"]) for c in added] == [
        (1, "target", "Fler kontroller"),
        (2, "removed", "Klart"),
    ]
    assert added[0]["old"] == TARGET_40 and added[0]["new"] == TARGET_50
    # The record is kept by later publications of periods and of the plan.
    third = snapshot.merge_period(second, live, 11)
    fourth = snapshot.merge_plan(third, live)
    assert fourth["activity_changes"] == second["activity_changes"]


def test_only_target_text_and_responsibility_need_a_reason():
    old = {"text": "A", "target": None, "place": "", "responsible_police": True}
    assert snapshot.activity_subject_changes(old, dict(old, place="Torget")) == []
    changes = snapshot.activity_subject_changes(
        old, dict(old, text="B", responsible_police=False)
    )
    assert [subject for subject, _old, _new in changes] == ["text", "responsible"]
