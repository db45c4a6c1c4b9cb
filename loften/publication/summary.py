"""What a feed reader is told of one publication, worked out once when the
version is published. Pure; no database.

The summary holds no words, only what the sentences are made of, so that each
language's feed says it in its own words (`loften/public/changes.py`): which
activities a period's follow-up covered, how many activities a first
publication has, or which changes a new plan made, with their reasons. It is
stored beside the version (`PublishedVersionSummary`), so a feed reads one
small row per entry instead of comparing two snapshots.
"""

from typing import Any

from .snapshot import snapshot_diff

# How many followed-up activities and other changes a summary names.
FOLLOWED_SHOWN = 8
CHANGES_SHOWN = 6

# Changes of a published activity's target, text or responsible parties, and
# its removal, are told with their reasons (`activity_changes`), not again.
_TOLD_WITH_REASONS = {
    "target",
    "text",
    "responsible_police",
    "responsible_municipality",
    "partners",
}


def shorten(text: str, length: int = 90) -> str:
    """`text` on one line, cut to `length` characters with "…"."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def version_summary(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    *,
    number: int,
    is_period: bool,
) -> dict[str, Any]:
    """The summary of version `number` (snapshot `new`) after `old`, the
    snapshot before it (None for the first). `is_period`: the version publishes
    a period's follow-up.

    One of:
    - {"kind": "period", "activities": [name, …], "more": bool}: the activities
      followed up (at most FOLLOWED_SHOWN, shortened), and whether there are more;
    - {"kind": "first", "activities": count}: the promise published with count
      activities;
    - {"kind": "changes", "activity_changes": [entry, …], "changes": [change, …],
      "more": count}: the snapshot's `activity_changes` entries this version
      published, then at most CHANGES_SHOWN other changes of the plan
      ({"section", "kind", "field", "item"}, the item shortened or None) and how many
      more there are.
    """
    if is_period:
        followed = [
            change.item.split(": ", 1)[-1]
            for change in snapshot_diff(old, new)
            if change.section == "followup" and change.kind in {"added", "changed"}
        ]
        return {
            "kind": "period",
            "activities": [
                shorten(text, 60).rstrip(" .;") for text in followed[:FOLLOWED_SHOWN]
            ],
            "more": len(followed) > FOLLOWED_SHOWN,
        }
    if old is None:
        return {"kind": "first", "activities": len(new.get("activities", []))}
    other = [
        change
        for change in snapshot_diff(old, new)
        if change.section in {"promise", "commitment", "activity", "indicator"}
        and not (
            change.section == "activity"
            and (change.field in _TOLD_WITH_REASONS or change.kind == "removed")
        )
    ]
    return {
        "kind": "changes",
        "activity_changes": [
            data
            for data in new.get("activity_changes", [])
            if data.get("version") == number
        ],
        "changes": [
            {
                "section": change.section,
                "kind": change.kind,
                "field": change.field,
                # What it is about, unless it is the promise itself.
                "item": shorten(change.item, 70)
                if change.item and change.section != "promise"
                else None,
            }
            for change in other[:CHANGES_SHOWN]
        ],
        "more": max(0, len(other) - CHANGES_SHOWN),
    }
