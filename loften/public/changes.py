"""What changed between two published versions, in words for the version pages."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loften.publication.snapshot import Change
from loften.publication.summary import shorten

from .presentation import activity_change

_SENTENCES = {
    ("promise", "changed"): _("The promise was changed"),
    ("commitment", "added"): _("A commitment was added"),
    ("commitment", "changed"): _("A commitment was changed"),
    ("commitment", "removed"): _("A commitment was removed"),
    ("commitment", "moved"): _("A commitment was moved in the list"),
    ("activity", "added"): _("An activity was added"),
    ("activity", "changed"): _("An activity was changed"),
    ("activity", "removed"): _("An activity was removed"),
    ("activity", "moved"): _("An activity was moved in the list"),
    ("indicator", "added"): _("An indicator was added"),
    ("indicator", "changed"): _("An indicator was changed"),
    ("indicator", "removed"): _("An indicator was removed"),
    ("indicator", "moved"): _("An indicator was moved in the list"),
    ("followup", "added"): _("A follow-up was added"),
    ("followup", "changed"): _("A follow-up was changed"),
    ("followup", "removed"): _("A follow-up was removed"),
    ("period", "added"): _("The follow-up of a period was published"),
}

# For a change the sentences above do not name: never show the raw kind.
_FALLBACK = {
    "added": _("Something was added"),
    "changed": _("Something was changed"),
    "removed": _("Something was removed"),
    "moved": _("Something was moved in a list"),
}

_FIELDS = {
    "title": _("title"),
    "start_date": _("start date"),
    "end_date": _("end date"),
    "status": pgettext_lazy("changed field", "status"),
    "situation_summary": _("situational picture"),
    "followup_plan": _("follow-up plan"),
    "signing_date": _("signing date"),
    "municipalities": _("municipalities"),
    "police_area": _("police area"),
    "situation_sources": _("sources of the situational picture"),
    "signatories": _("signatories"),
    "contacts": _("contact persons"),
    "text": _("text"),
    "focus_area_id": _("focus area"),
    "commitment_id": _("commitment"),
    "responsible_police": _("responsibility of the police"),
    "responsible_municipality": _("responsibility of the municipality"),
    "partners": _("partners"),
    "target": _("target"),
    "place": _("place"),
    "quantity": _("quantity"),
    "hours": _("hours"),
    "name": _("name"),
    "source": _("source"),
    "unit": _("unit"),
    "direction": _("desired direction"),
    "values": _("values"),
}


def change_sentence(change: Change) -> str:
    """ "An activity was changed (target)" and the like."""
    sentence = str(
        _SENTENCES.get((change.section, change.kind))
        or _FALLBACK.get(change.kind, _FALLBACK["changed"])
    )
    if change.field and change.field in _FIELDS:
        return f"{sentence} ({_FIELDS[change.field]})"
    return sentence


def full_stop(text: str) -> str:
    """`text` ending in one full stop: none is added after ".", "!", "?" or "…"
    (joined texts must not end in doubled punctuation)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def summary_sentences(summary: dict, *, period_label: str = "") -> list[str]:
    """A feed reader's summary of one publication, sentence by sentence, from
    what was stored when it was published (`publication/summary.py`): which
    period was followed up and which activities, or what changed in the plan
    (target changes with their reasons first)."""
    lines: list[str] = []
    if summary["kind"] == "period":
        lines.append(
            str(
                _("The follow-up of %(period)s was published.")
                % {"period": period_label}
            )
        )
        if summary["activities"]:
            names = list(summary["activities"])
            if summary["more"]:
                names.append("…")
            lines.append(
                full_stop(
                    str(_("Activities followed up: %(list)s"))
                    % {"list": "; ".join(names)}
                )
            )
        return lines
    if summary["kind"] == "first":
        lines.append(
            str(_("The promise was published with %(count)s activities."))
            % {"count": summary["activities"]}
        )
        return lines
    for data in summary["activity_changes"]:
        change = activity_change(data)
        what = shorten(change.activity, 70)
        if change.subject == "target":
            sentence = _("The target of “%(what)s” changed from %(old)s to %(new)s") % {
                "what": what,
                "old": change.old,
                "new": change.new,
            }
        elif change.subject == "removed":
            sentence = _("“%(what)s” was removed") % {"what": what}
        elif change.subject == "text":
            sentence = _("The text of “%(what)s” changed") % {"what": what}
        else:
            sentence = _("Who is responsible for “%(what)s” changed") % {"what": what}
        reason = change.reason.strip()
        lines.append(full_stop(f"{sentence}: {reason}" if reason else str(sentence)))
    for data in summary["changes"]:
        sentence = change_sentence(
            Change(data["section"], data["kind"], data["item"] or "", data["field"])
        )
        item = "" if data["item"] is None else f": {data['item']}"
        lines.append(full_stop(f"{sentence}{item}"))
    if summary["more"]:
        lines.append(str(_("And %(count)s more changes.")) % {"count": summary["more"]})
    if not lines:
        lines.append(str(_("The content is the same as in the version before.")))
    return lines
