"""What is searchable in a published snapshot: every public text of the promise, one
document per thing a reader would be pointed to. Pure; no database.

- the promise itself (title, follow-up plan, places, police area);
- its lägesbild (the summary and every source's title, year and note);
- each commitment;
- each activity (text, place, unit of the target, partners, focus area);
- each effect measure (name, description, source, unit, and the notes of its
  yearly values);
- the signatories (name, role, organisation);
- each follow-up of a published period (status and text).

Every document also carries the promise's `context` (its title, places and police
area), which is matched but never shown, so "hundsök nässjö" finds the activity of
the Nässjö promise that speaks of hundsök.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from .text import stemmed

PROMISE = "promise"
SITUATION = "situation"
COMMITMENT = "commitment"
ACTIVITY = "activity"
INDICATOR = "indicator"
SIGNATORIES = "signatory"
FOLLOWUP = "followup"

# The kinds whose title is their own text (the others carry the promise's title).
OWN_TITLE = frozenset({COMMITMENT, ACTIVITY, INDICATOR, FOLLOWUP})
# The order in which a promise's hits are shown when they match equally well.
KIND_ORDER = (
    PROMISE,
    SITUATION,
    COMMITMENT,
    ACTIVITY,
    INDICATOR,
    FOLLOWUP,
    SIGNATORIES,
)


@dataclass(frozen=True)
class Document:
    """One piece of published text and what it can be filtered by."""

    kind: str
    object_id: int
    title: str
    body: str
    first_year: int
    last_year: int
    context: str = ""
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
    only when they have text or a status. Texts that are empty give no document.
    """
    promise = snapshot["promise"]
    first_year = datetime.date.fromisoformat(promise["start_date"]).year
    last_year = datetime.date.fromisoformat(promise["end_date"]).year
    police_area = promise.get("police_area") or {}
    places = ", ".join(m["name"] for m in promise["municipalities"])
    common = {
        "first_year": first_year,
        "last_year": last_year,
        "context": _join(promise["title"], places, police_area.get("name", "")),
    }
    documents = [
        Document(
            kind=PROMISE,
            object_id=promise["id"],
            title=promise["title"],
            body=_join(
                places, police_area.get("name", ""), promise.get("followup_plan", "")
            ),
            **common,
        )
    ]
    situation = _join(
        promise.get("situation_summary", ""),
        *(_source(source) for source in promise.get("situation_sources", [])),
    )
    if situation:
        documents.append(
            Document(
                kind=SITUATION,
                object_id=promise["id"],
                title=promise["title"],
                body=situation,
                **common,
            )
        )
    documents += [
        Document(
            kind=COMMITMENT,
            object_id=commitment["id"],
            title=commitment["text"],
            body="",
            **common,
        )
        for commitment in snapshot["commitments"]
        if commitment["text"].strip()
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
                focus_area_id=activity.get("focus_area_id"),
                **_responsibility(activity),
                **common,
            )
        )
    for indicator in snapshot.get("indicators", []):
        documents.append(
            Document(
                kind=INDICATOR,
                object_id=indicator["id"],
                title=indicator["name"],
                body=_join(
                    indicator.get("description", ""),
                    indicator.get("source", ""),
                    indicator.get("unit", ""),
                    *(
                        f"{value['year']}: {value['note']}"
                        for value in indicator.get("values", [])
                        if value.get("note", "").strip()
                    ),
                ),
                focus_area_id=indicator.get("focus_area_id"),
                **common,
            )
        )
    signed = "; ".join(
        ", ".join(
            part
            for part in (s["name"], s.get("title", ""), s.get("organisation", ""))
            if part.strip()
        )
        for s in promise.get("signatories", [])
    )
    if signed:
        documents.append(
            Document(
                kind=SIGNATORIES,
                object_id=promise["id"],
                title=promise["title"],
                body=signed,
                **common,
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
                context=common["context"],
                period_id=period["id"],
                focus_area_id=activity.get("focus_area_id"),
                **_responsibility(activity),
            )
        )
    return documents


def _source(source: dict[str, Any]) -> str:
    title = source.get("title", "").strip()
    if title and source.get("year"):
        title = f"{title} ({source['year']})"
    return _join(title, source.get("note", ""))


def _responsibility(activity: dict[str, Any]) -> dict[str, bool]:
    return {
        "responsible_police": bool(activity.get("responsible_police")),
        "responsible_municipality": bool(activity.get("responsible_municipality")),
        "responsible_partner": bool(activity.get("partners")),
    }


def index_fields(promise_id: int, document: Document) -> dict[str, Any]:
    """The columns of a `SearchEntry` for `document`, stems included."""
    return {
        "promise_id": promise_id,
        "kind": document.kind,
        "object_id": document.object_id,
        "period_id": document.period_id,
        "focus_area_id": document.focus_area_id,
        "first_year": document.first_year,
        "last_year": document.last_year,
        "responsible_police": document.responsible_police,
        "responsible_municipality": document.responsible_municipality,
        "responsible_partner": document.responsible_partner,
        "title": document.title,
        "body": document.body,
        # A follow-up shows its activity's text as its title, but only its own
        # text is indexed: the activity's entry already holds those words, and
        # not repeating them per period keeps a common word's matches few.
        "title_stems": "" if document.kind == FOLLOWUP else stemmed(document.title),
        "body_stems": stemmed(document.body),
        "context_stems": stemmed(document.context),
    }
