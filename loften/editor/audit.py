"""The audit log's action codes in words, for the history. Pure."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "promise.create": _("Created the promise"),
    "promise.update": _("Changed the promise's details"),
    "promise.delete": _("Deleted the promise"),
    "promise.renew": _("Renewed the promise from the previous one"),
    "promise.submit": _("Sent the promise for approval"),
    "promise.approve": _("Approved the promise"),
    "promise.publish": _("Published the promise"),
    "promise.conclude": _("Concluded the promise"),
    "commitment.create": _("Added a commitment"),
    "commitment.update": _("Changed a commitment"),
    "commitment.delete": _("Removed a commitment"),
    "commitment.move": _("Moved a commitment"),
    "signatory.create": _("Added a signatory"),
    "signatory.update": _("Changed a signatory"),
    "signatory.delete": _("Removed a signatory"),
    "signatory.move": _("Moved a signatory"),
    "situation_source.create": _("Added a source of the situational picture"),
    "situation_source.update": _("Changed a source of the situational picture"),
    "situation_source.delete": _("Removed a source of the situational picture"),
    "situation_source.move": _("Moved a source of the situational picture"),
    "activity.create": _("Added an activity"),
    "activity.update": _("Changed an activity"),
    "activity.delete": _("Removed an activity"),
    "activity.move": _("Moved an activity"),
    "focus_area.move": _("Moved a focus area"),
    "indicator.create": _("Added an effect measure"),
    "indicator.update": _("Changed an effect measure"),
    "indicator.delete": _("Removed an effect measure"),
    "indicator.move": _("Moved an effect measure"),
    "indicator_value.set": _("Recorded a value of an effect measure"),
    "indicator_value.delete": _("Removed a value of an effect measure"),
    "activity_event.create": _("Logged an occurrence"),
    "activity_event.update": _("Changed a logged occurrence"),
    "activity_event.delete": _("Removed a logged occurrence"),
    "followup.create": _("Wrote a follow-up"),
    "followup.update": _("Changed a follow-up"),
    "followup.delete": _("Removed a follow-up"),
    "period_report.submit": _("Sent a follow-up for approval"),
    "period_report.approve": _("Approved a follow-up"),
    "period_report.publish": _("Published a follow-up"),
    "period_report.due_date": _("Changed when a follow-up is due"),
    "promise.send_back": _("Sent the promise back to the editors"),
    "period_report.send_back": _("Sent a follow-up back to the editors"),
    "comment.create": _("Wrote a comment to the other party"),
    "admin.create": _("Added in the administration"),
    "admin.update": _("Changed in the administration"),
    "admin.delete": _("Deleted in the administration"),
}


def action_label(action: str) -> str:
    """The action in words; unknown codes are shown as they are."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action
