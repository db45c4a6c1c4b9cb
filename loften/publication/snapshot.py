"""The published snapshot of a promise: merging and comparing. Pure; no database.

A snapshot is a JSON object with the plan (`promise`, `commitments`, `focus_areas`,
`activities`, `indicators`) and the follow-ups of the periods published so far
(`periods`, `followups`). Publishing the plan replaces the plan and keeps the
published follow-ups; publishing a period replaces only that period's follow-ups
and keeps the published plan, so a draft edit to one never leaks with the other.
"""

import copy
import difflib
from dataclasses import dataclass
from typing import Any

FORMAT = 1
PLAN_KEYS = ("promise", "commitments", "focus_areas", "activities", "indicators")


def merge_plan(previous: dict[str, Any] | None, live: dict[str, Any]) -> dict[str, Any]:
    """The next snapshot when the plan is published."""
    merged = {"format": FORMAT}
    for key in PLAN_KEYS:
        merged[key] = copy.deepcopy(live[key])
    activity_ids = {activity["id"] for activity in merged["activities"]}
    if previous is None:
        merged["periods"] = copy.deepcopy(live["periods"])
        for period in merged["periods"]:
            period["published"] = False
        merged["followups"] = []
        return merged
    published = {p["id"] for p in previous["periods"] if p["published"]}
    merged["periods"] = copy.deepcopy(live["periods"])
    known = {p["id"] for p in merged["periods"]}
    for period in merged["periods"]:
        period["published"] = period["id"] in published
    # A period published earlier stays listed even if the dates changed since.
    merged["periods"] += [
        copy.deepcopy(p)
        for p in previous["periods"]
        if p["published"] and p["id"] not in known
    ]
    merged["periods"].sort(key=_period_order)
    # A follow-up published before follow-ups kept their own target was judged
    # against the plan then in force: keep that target with it.
    targets = {a["id"]: a.get("target") for a in previous["activities"]}
    merged["followups"] = [
        dict(
            copy.deepcopy(f),
            target=copy.deepcopy(
                f["target"] if "target" in f else targets.get(f["activity_id"])
            ),
        )
        for f in previous["followups"]
        if f["activity_id"] in activity_ids
    ]
    # The record of changes to what was promised is kept from version to version.
    merged["activity_changes"] = copy.deepcopy(previous.get("activity_changes", []))
    return merged


def merge_period(
    previous: dict[str, Any], live: dict[str, Any], period_id: int
) -> dict[str, Any]:
    """The next snapshot when the follow-up of one period is published."""
    merged = copy.deepcopy(previous)
    activity_ids = {activity["id"] for activity in merged["activities"]}
    merged["followups"] = [
        f for f in merged["followups"] if f["period_id"] != period_id
    ]
    targets = {activity["id"]: activity["target"] for activity in merged["activities"]}
    # Each follow-up keeps the target in force when its period was published, so
    # a later change of the target does not judge it again.
    merged["followups"] += [
        dict(copy.deepcopy(f), target=copy.deepcopy(targets[f["activity_id"]]))
        for f in live["followups"]
        if f["period_id"] == period_id and f["activity_id"] in activity_ids
    ]
    merged["followups"].sort(key=lambda f: (f["period_id"], f["activity_id"]))
    periods = {p["id"]: p for p in merged["periods"]}
    if period_id not in periods:
        live_period = next(p for p in live["periods"] if p["id"] == period_id)
        merged["periods"].append(copy.deepcopy(live_period))
        merged["periods"].sort(key=_period_order)
        periods = {p["id"]: p for p in merged["periods"]}
    periods[period_id]["published"] = True
    return merged


# What a change of a published activity is about, for the public record: the
# changes that must give a reason ("Varför ändras detta?").
REASON_SUBJECTS = ("target", "text", "responsible", "removed")
_SUBJECT_FIELDS = {
    "target": ("target",),
    "text": ("text",),
    "responsible": ("responsible_police", "responsible_municipality", "partners"),
}


def activity_subject_changes(
    old: dict[str, Any] | None, new: dict[str, Any] | None
) -> list[tuple[str, Any, Any]]:
    """[(subject, old value, new value)] of a published activity's target, text
    or responsible parties that differ in `new`; [("removed", old, None)] when
    `new` is None. The responsible parties are compared as one value."""
    if old is None:
        return []
    if new is None:
        return [("removed", old.get("text", ""), None)]
    found = []
    for subject, fields in _SUBJECT_FIELDS.items():
        before = [old.get(field) for field in fields]
        after = [new.get(field) for field in fields]
        if before != after:
            if subject == "responsible":
                before = dict(zip(fields, before, strict=True))
                after = dict(zip(fields, after, strict=True))
            else:
                before, after = before[0], after[0]
            found.append((subject, before, after))
    return found


def record_activity_changes(
    previous: dict[str, Any] | None,
    merged: dict[str, Any],
    *,
    reasons: dict[tuple[int, str], str],
    version: int,
    date: str,
) -> list[dict[str, Any]]:
    """Add to `merged["activity_changes"]` each change of a published activity's
    target, text or responsible parties, and each removal, since `previous`,
    with the reason given for it (`reasons`, by activity id and subject), the
    version that published it and the date. Returns the entries added."""
    merged.setdefault("activity_changes", [])
    if previous is None:
        return []
    now = {activity["id"]: activity for activity in merged["activities"]}
    added = []
    for old in previous["activities"]:
        new = now.get(old["id"])
        for subject, before, after in activity_subject_changes(old, new):
            added.append(
                {
                    "activity_id": old["id"],
                    "activity": (new or old).get("text", ""),
                    "subject": subject,
                    "old": before,
                    "new": after,
                    "reason": reasons.get((old["id"], subject), ""),
                    "version": version,
                    "date": date,
                }
            )
    merged["activity_changes"] += added
    return added


def with_status(previous: dict[str, Any], status: str) -> dict[str, Any]:
    merged = copy.deepcopy(previous)
    merged["promise"]["status"] = status
    return merged


def _period_order(period: dict[str, Any]) -> tuple:
    return (period["year"], period["kind"] == "year", period["number"])


# --- Comparing two snapshots ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots, for the version history."""

    section: str  # promise, commitment, activity, indicator, followup, period, …
    kind: str  # added, removed, changed, moved
    item: str  # what it is about, in the content's own words
    field: str | None = None
    # The field's values; for an added or removed item, the whole item.
    old: Any = None
    new: Any = None


PROMISE_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "status",
    "situation_summary",
    "followup_plan",
    "signing_date",
    "municipalities",
    "police_area",
    "situation_sources",
    "signatories",
    "contacts",
    "cadence",
)
ACTIVITY_FIELDS = (
    "text",
    "focus_area_id",
    "commitment_id",
    "responsible_police",
    "responsible_municipality",
    "partners",
    "target",
    "place",
)
FOLLOWUP_FIELDS = ("status", "text", "quantity", "hours")
INDICATOR_FIELDS = (
    "name",
    "description",
    "source",
    "unit",
    "direction",
    "focus_area_id",
    "values",
)


def snapshot_diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """What changed from `old` to `new`, section by section, in a stable order."""
    old = old or {
        "promise": {},
        "commitments": [],
        "activities": [],
        "indicators": [],
        "followups": [],
        "periods": [],
    }
    changes: list[Change] = []
    title = new["promise"].get("title", "")
    for field in PROMISE_FIELDS:
        before, after = old["promise"].get(field), new["promise"].get(field)
        if before != after:
            changes.append(Change("promise", "changed", title, field, before, after))
    changes += _diff_items(
        "commitment",
        old["commitments"],
        new["commitments"],
        ("text",),
        "text",
        ordered=True,
    )
    changes += _diff_items(
        "activity",
        old["activities"],
        new["activities"],
        ACTIVITY_FIELDS,
        "text",
        ordered=True,
    )
    changes += _diff_items(
        "indicator",
        old["indicators"],
        new["indicators"],
        INDICATOR_FIELDS,
        "name",
        ordered=True,
    )
    activity_text = {a["id"]: a["text"] for a in old["activities"] + new["activities"]}
    period_label = {p["id"]: p["label"] for p in old["periods"] + new["periods"]}

    def describe(followup: dict[str, Any]) -> str:
        period = period_label.get(followup["period_id"], "")
        return f"{period}: {activity_text.get(followup['activity_id'], '')}"

    changes += _diff_items(
        "followup", old["followups"], new["followups"], FOLLOWUP_FIELDS, describe
    )
    was_published = {p["id"] for p in old["periods"] if p.get("published")}
    for period in new["periods"]:
        if period.get("published") and period["id"] not in was_published:
            changes.append(Change("period", "added", period["label"]))
    return changes


def _diff_items(
    section, old_items, new_items, fields, describe, ordered=False
) -> list[Change]:
    if isinstance(describe, str):
        key = describe

        def describe(item):
            return item.get(key, "")

    old_by_id = {item["id"]: item for item in old_items}
    new_by_id = {item["id"]: item for item in new_items}
    changes = []
    for item in new_items:
        before = old_by_id.get(item["id"])
        if before is None:
            changes.append(Change(section, "added", describe(item), new=item))
            continue
        for field in fields:
            if before.get(field) != item.get(field):
                changes.append(
                    Change(
                        section,
                        "changed",
                        describe(item),
                        field,
                        before.get(field),
                        item.get(field),
                    )
                )
    for item in old_items:
        if item["id"] not in new_by_id:
            changes.append(Change(section, "removed", describe(item), old=item))
    if ordered:
        changes += [
            Change(section, "moved", describe(new_by_id[item_id]))
            for item_id in _moved_ids(old_items, new_items)
        ]
    return changes


def _moved_ids(old_items, new_items) -> list:
    """Ids of items kept in both lists whose place among the kept items changed:
    those outside the longest run of items that kept their relative order."""
    kept = {item["id"] for item in old_items} & {item["id"] for item in new_items}
    before = [item["id"] for item in _by_order(old_items) if item["id"] in kept]
    after = [item["id"] for item in _by_order(new_items) if item["id"] in kept]
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    stayed = {
        item_id
        for block in matcher.get_matching_blocks()
        for item_id in after[block.b : block.b + block.size]
    }
    return [item_id for item_id in after if item_id not in stayed]


def _by_order(items):
    return sorted(items, key=lambda item: (item.get("order", 0), item["id"]))
