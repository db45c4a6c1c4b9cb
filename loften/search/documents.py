"""What is searchable in a published snapshot: the promise, its activities and its
follow-ups, one document each. Pure; no database."""

import datetime
from dataclasses import dataclass
from typing import Any

PROMISE = "promise"
ACTIVITY = "activity"
FOLLOWUP = "followup"


@dataclass(frozen=True)
class Document:
    """One search hit's worth of published text and what it can be filtered by."""

    kind: str
    object_id: int
    title: str
    body: str
    first_year: int
    last_year: int
    period_id: int | None = None
    focus_area_id: int | None = None
    responsible_police: bool = False
    responsible_municipality: bool = False
    responsible_partner: bool = False


def _join(*parts: str) -> str:
    # Shown as the hit's excerpt, so the parts read as one line.
    return " · ".join(part.strip() for part in parts if part and part.strip())


def documents_from_snapshot(snapshot: dict[str, Any]) -> list[Document]:
    """The documents of a published snapshot.

    Follow-ups are taken only from periods the snapshot marks as published, and
    only when they have text or a status.
    """
    promise = snapshot["promise"]
    first_year = datetime.date.fromisoformat(promise["start_date"]).year
    last_year = datetime.date.fromisoformat(promise["end_date"]).year
    police_area = promise.get("police_area") or {}
    documents = [
        Document(
            kind=PROMISE,
            object_id=promise["id"],
            title=promise["title"],
            body=_join(
                promise["situation_summary"],
                *(c["text"] for c in snapshot["commitments"]),
                promise["followup_plan"],
                ", ".join(m["name"] for m in promise["municipalities"]),
                police_area.get("name", ""),
            ),
            first_year=first_year,
            last_year=last_year,
        )
    ]
    focus_names = {f["id"]: f["name"] for f in snapshot.get("focus_areas", [])}
    activities = {}
    for activity in snapshot["activities"]:
        activities[activity["id"]] = activity
        target = activity.get("target") or {}
        documents.append(
            Document(
                kind=ACTIVITY,
                object_id=activity["id"],
                title=activity["text"],
                body=_join(
                    activity.get("place", ""),
                    target.get("unit", ""),
                    ", ".join(activity.get("partners", [])),
                    focus_names.get(activity.get("focus_area_id"), ""),
                ),
                first_year=first_year,
                last_year=last_year,
                focus_area_id=activity.get("focus_area_id"),
                **_responsibility(activity),
            )
        )
    periods = {p["id"]: p for p in snapshot["periods"] if p.get("published")}
    for followup in snapshot["followups"]:
        activity = activities.get(followup["activity_id"])
        period = periods.get(followup["period_id"])
        status = (followup.get("status") or {}).get("name", "")
        if activity is None or period is None or not (followup["text"] or status):
            continue
        documents.append(
            Document(
                kind=FOLLOWUP,
                object_id=followup["id"],
                title=activity["text"],
                body=_join(status, followup["text"]),
                first_year=period["year"],
                last_year=period["year"],
                period_id=period["id"],
                focus_area_id=activity.get("focus_area_id"),
                **_responsibility(activity),
            )
        )
    return documents


def _responsibility(activity: dict[str, Any]) -> dict[str, bool]:
    return {
        "responsible_police": bool(activity.get("responsible_police")),
        "responsible_municipality": bool(activity.get("responsible_municipality")),
        "responsible_partner": bool(activity.get("partners")),
    }
