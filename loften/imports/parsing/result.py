"""The parse result and its JSON form (one object per document).

The form is described by `loften/imports/schema/import-result.schema.json`.
Optional keys are written only when they carry something.
"""

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .periods import PeriodCode
from .quantities import Quantity
from .status import Status
from .targets import Target

DocumentKind = Literal["promise", "followup"]
NoteKind = Literal[
    "intro",
    "situation",
    "summary",
    "time_frame",
    "followup_plan",
    "communication",
    "contact",
    "renewal",
    "effect",
]


@dataclass(slots=True)
class Municipality:
    """The municipality a document is about, as found in the reference list."""

    name: str
    code: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code}


@dataclass(slots=True)
class FollowUp:
    """What a document reports for one activity in one period."""

    period: PeriodCode
    status: Status | None
    text: str
    quantities: list[Quantity] = field(default_factory=list)
    label: str | None = None
    year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "period": self.period,
            "status": self.status,
            "text": self.text,
            "quantities": [_quantity_dict(q) for q in self.quantities],
        }
        if self.label:
            data["label"] = self.label
        if self.year is not None:
            data["year"] = self.year
        return data


@dataclass(slots=True)
class Activity:
    """One activity with its responsible parties, target and follow-ups."""

    text: str
    focus_area: str | None = None
    commitment: int | None = None
    responsible: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    target: Target | None = None
    followups: list[FollowUp] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "focus_area": self.focus_area,
            "commitment": self.commitment,
            "responsible": list(self.responsible),
            "partners": list(self.partners),
            "target": _target_dict(self.target) if self.target else None,
            "followups": [followup.to_dict() for followup in self.followups],
        }
        if self.notes:
            data["notes"] = list(self.notes)
        return data


@dataclass(slots=True)
class Note:
    """Text the parser recognised but that is not a commitment or an activity:
    the lägesbild, a focus-area summary, the time frame, the follow-up plan …"""

    kind: NoteKind
    text: str
    focus_area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.focus_area:
            data["focus_area"] = self.focus_area
        return data


@dataclass(slots=True)
class ParseResult:
    """Everything the parser found in one document, ready for review."""

    source: str
    kind: DocumentKind = "promise"
    municipality: Municipality | None = None
    years: list[int] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    focus_areas: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    periods: list[PeriodCode] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    other_municipalities: list[Municipality] = field(default_factory=list)
    # Who makes the promise as the document names them (polisen, kommunen, then
    # named others), beside the parties of each activity.
    parties: list[str] = field(default_factory=list)
    # The address the document was published at, when the importer was told it.
    source_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data in the documented JSON form."""
        data: dict[str, Any] = {
            "source": self.source,
            "kind": self.kind,
            "municipality": self.municipality.to_dict() if self.municipality else None,
            "years": list(self.years),
            "commitments": list(self.commitments),
            "focus_areas": list(self.focus_areas),
            "activities": [activity.to_dict() for activity in self.activities],
            "warnings": list(self.warnings),
        }
        if self.title:
            data["title"] = self.title
        if self.periods:
            data["periods"] = list(self.periods)
        if self.notes:
            data["notes"] = [note.to_dict() for note in self.notes]
        if self.other_municipalities:
            data["other_municipalities"] = [
                m.to_dict() for m in self.other_municipalities
            ]
        if self.parties:
            data["parties"] = list(self.parties)
        if self.source_url:
            data["source_url"] = self.source_url
        return data

    def to_json(self) -> str:
        """The result as one line of JSON (UTF-8 text, not ASCII-escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _quantity_dict(quantity: Quantity) -> dict[str, Any]:
    data: dict[str, Any] = {"value": quantity.value, "unit": quantity.unit}
    if quantity.high is not None:
        data["high"] = quantity.high
    if quantity.approximate:
        data["approximate"] = True
    if quantity.comparator:
        data["comparator"] = quantity.comparator
    if quantity.per:
        data["per"] = quantity.per
    return data


def _target_dict(target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {
        "comparator": target.comparator,
        "value": target.value,
        "unit": target.unit,
    }
    if target.high is not None:
        data["high"] = target.high
    if target.per:
        data["per"] = target.per
    if target.condition:
        data["condition"] = target.condition
    if target.approximate:
        data["approximate"] = True
    if target.whole_promise:
        data["whole_promise"] = True
    if target.text and target.per:
        # The wording of a rate is what a reviewer needs to judge it.
        data["text"] = target.text
    if target.parts:
        data["parts"] = [
            {**_target_dict(part), "text": part.text} for part in target.parts
        ]
    return data
