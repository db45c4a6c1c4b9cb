"""Readable differences between two versions of a promise, for the history. Pure.

`loften.publication.snapshot.snapshot_diff` says what changed; this module says
it in words: Swedish labels for sections and fields, values as people write them
("minst 4 trygghetsvandringar per år", "Ja", "Nässjö") and word-by-word marks in
long texts.
"""

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from loften.promises.models import (
    Cadence,
    Comparator,
    Indicator,
    Promise,
    TargetScope,
)
from loften.publication.snapshot import Change

# Sections and kinds make a sentence: "Changed activity: Target".
SECTIONS = {
    "promise": pgettext_lazy("version history", "the promise"),
    "commitment": pgettext_lazy("version history", "commitment"),
    "activity": pgettext_lazy("version history", "activity"),
    "indicator": pgettext_lazy("version history", "indicator"),
    "followup": pgettext_lazy("version history", "follow-up"),
    "period": pgettext_lazy("version history", "the follow-up for the period"),
}
KINDS = {
    "added": pgettext_lazy("version history", "Added"),
    "removed": pgettext_lazy("version history", "Removed"),
    "changed": pgettext_lazy("version history", "Changed"),
    "moved": pgettext_lazy("version history", "Moved"),
}
PUBLISHED = pgettext_lazy("version history", "Published")
FIELDS = {
    "title": gettext_lazy("Title"),
    "start_date": gettext_lazy("Start date"),
    "end_date": gettext_lazy("End date"),
    "status": gettext_lazy("Status"),
    "situation_summary": gettext_lazy("Situational picture (lägesbild)"),
    "followup_plan": gettext_lazy("Follow-up plan"),
    "signing_date": gettext_lazy("Signing date"),
    "municipalities": gettext_lazy("Municipalities"),
    "police_area": gettext_lazy("Police area"),
    "situation_sources": gettext_lazy("Sources of the situational picture"),
    "signatories": gettext_lazy("Signatories"),
    "contacts": gettext_lazy("Contact persons"),
    "cadence": gettext_lazy("Follow-up cadence"),
    "text": gettext_lazy("Text"),
    "focus_area_id": gettext_lazy("Focus area"),
    "commitment_id": gettext_lazy("Commitment"),
    "responsible_police": gettext_lazy("The police are responsible"),
    "responsible_municipality": gettext_lazy("The municipality is responsible"),
    "partners": gettext_lazy("Other responsible partners"),
    "target": gettext_lazy("Target"),
    "place": gettext_lazy("Place"),
    "quantity": gettext_lazy("Quantity"),
    "hours": gettext_lazy("Hours"),
    "name": gettext_lazy("Name"),
    "source": gettext_lazy("Source"),
    "unit": gettext_lazy("Unit"),
    "direction": gettext_lazy("Desired direction"),
    "values": gettext_lazy("Values"),
    "description": gettext_lazy("Description"),
}
# Texts longer than this, or with line breaks, are shown word by word.
LONG_TEXT = 80


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The label of `value` in `choices`, or the value itself if it is unknown
    (an old snapshot may hold a value that is no longer offered)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def target_text(
    comparator: str, value: int | None, unit: str = "", scope: str = ""
) -> str:
    """A target as people write it: "minst 4 trygghetsvandringar per år"."""
    if value is None:
        return ""
    words = [_label(Comparator, comparator), str(value)]
    if unit:
        words.append(unit)
    if scope:
        words.append(_label(TargetScope, scope))
    return " ".join(words)


@dataclass(frozen=True)
class Segment:
    """A piece of a compared text: kept ("equal"), removed or added."""

    op: str
    text: str


@dataclass(frozen=True)
class ReadableChange:
    code: str  # the section's code: promise, activity, followup, …
    section: str
    kind: str
    item: str
    field: str
    old: str
    new: str
    segments: tuple[Segment, ...] = ()

    @property
    def sentence(self) -> str:
        """E.g. "Added activity" or "Changed activity: Target"."""
        if self.field:
            return _("%(kind)s %(section)s: %(field)s") % {
                "section": self.section,
                "kind": self.kind,
                "field": self.field,
            }
        return _("%(kind)s %(section)s") % {"section": self.section, "kind": self.kind}


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """`old` and `new` compared word by word, keeping the spaces."""
    before = re.split(r"(\s+)", old or "")
    after = re.split(r"(\s+)", new or "")
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(before[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            segments.append(Segment("delete", "".join(before[a1:a2])))
        if op in {"insert", "replace"}:
            segments.append(Segment("insert", "".join(after[b1:b2])))
    return tuple(s for s in segments if s.text)


def _date(value: str) -> str:
    try:
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return str(value)


def _number(value: Any) -> str:
    """A figure as the language writes it: "4,5" in Swedish."""
    try:
        return number_format(Decimal(str(value)).normalize(), use_l10n=True)
    except (InvalidOperation, ValueError):
        return str(value)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def display_value(field: str, value: Any, lookup: Mapping[str, Mapping]) -> str:
    """One value of a snapshot field, as a person would write it."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _yes_no(value)
    if field in {"start_date", "end_date", "signing_date"}:
        return _date(value)
    if field in {"quantity", "hours"}:
        return _number(value)
    if field == "status":
        if isinstance(value, dict):
            return value.get("name", "")
        return _label(Promise.Status, value)
    if field == "cadence":
        return _label(Cadence, value)
    if field == "direction":
        return _label(Indicator.Direction, value)
    if field == "municipalities":
        return ", ".join(m["name"] for m in value)
    if field == "police_area":
        return value.get("name", "")
    if field == "situation_sources":
        return "; ".join(
            f"{s['title']} ({s['year']})" if s.get("year") else s["title"]
            for s in value
        )
    if field == "signatories":
        return "; ".join(
            ", ".join(
                part for part in (s["name"], s["title"], s["organisation"]) if part
            )
            for s in value
        )
    if field == "target":
        return target_text(
            value.get("comparator", ""),
            value.get("value"),
            value.get("unit", ""),
            value.get("scope", ""),
        )
    if field == "contacts":
        return "; ".join(
            ", ".join(part for part in (c["name"], c["role"], c["route"]) if part)
            for c in value
        )
    if field == "focus_area_id":
        return lookup.get("focus_areas", {}).get(value, str(value))
    if field == "commitment_id":
        return lookup.get("commitments", {}).get(value, str(value))
    if field == "partners":
        return ", ".join(value)
    if field == "values":
        return "; ".join(
            f"{v['year']}: {v['value']}" + (f" ({v['note']})" if v.get("note") else "")
            for v in value
        )
    return str(value)


def snapshot_lookup(*snapshots: Mapping[str, Any] | None) -> dict[str, dict]:
    """Names for the ids a snapshot refers to (focus areas, commitments)."""
    lookup: dict[str, dict] = {"focus_areas": {}, "commitments": {}}
    for snapshot in snapshots:
        if not snapshot:
            continue
        for area in snapshot.get("focus_areas", []):
            lookup["focus_areas"][area["id"]] = area["name"]
        for commitment in snapshot.get("commitments", []):
            lookup["commitments"][commitment["id"]] = commitment["text"]
        # An effect measure may name a focus area that no activity uses.
        for indicator in snapshot.get("indicators", []):
            if indicator.get("focus_area_id") and indicator.get("focus_area"):
                lookup["focus_areas"].setdefault(
                    indicator["focus_area_id"], indicator["focus_area"]
                )
    return lookup


def summary(section: str, item: Mapping[str, Any], lookup: Mapping) -> str:
    """The gist of an added or removed item beyond its name: a follow-up's status,
    quantity, hours and text; an activity's target and place."""
    parts: list[str] = []
    if section == "followup":
        if item.get("status"):
            parts.append(display_value("status", item["status"], lookup))
        if item.get("quantity") is not None:
            parts.append(f"{FIELDS['quantity']}: {_number(item['quantity'])}")
        if item.get("hours") is not None:
            parts.append(f"{FIELDS['hours']}: {_number(item['hours'])}")
        if item.get("text"):
            # Joined with " · ": a text's own closing full stop is enough.
            parts.append(item["text"].strip())
    elif section == "activity":
        if item.get("target"):
            parts.append(display_value("target", item["target"], lookup))
        if item.get("place"):
            parts.append(item["place"])
    return " · ".join(parts)


def readable(change: Change, lookup: Mapping[str, Mapping]) -> ReadableChange:
    field = change.field or ""
    old = display_value(field, change.old, lookup) if field else ""
    new = display_value(field, change.new, lookup) if field else ""
    whole = change.new if change.kind == "added" else change.old
    if not field and isinstance(whole, Mapping):
        new = summary(change.section, whole, lookup)
    segments: tuple[Segment, ...] = ()
    if (
        isinstance(change.old, str)
        and isinstance(change.new, str)
        and field not in {"start_date", "end_date", "signing_date", "status"}
        and (
            max(len(change.old), len(change.new)) > LONG_TEXT
            or "\n" in change.old + change.new
        )
    ):
        segments = word_diff(change.old, change.new)
    kind = PUBLISHED if change.section == "period" else KINDS.get(change.kind)
    return ReadableChange(
        code=change.section,
        section=str(SECTIONS.get(change.section, change.section)),
        kind=str(kind or change.kind),
        item=change.item,
        field=str(FIELDS.get(field, field)) if field else "",
        old=old,
        new=new,
        segments=segments,
    )


def readable_changes(
    changes: list[Change], lookup: Mapping[str, Mapping]
) -> list[ReadableChange]:
    return [readable(change, lookup) for change in changes]
