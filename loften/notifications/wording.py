"""A notification in words, the same in the app and in e-mail."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Kind, Notification


def _what(notification: Notification) -> str:
    if notification.period is None:
        return _("the promise “%(promise)s”") % {"promise": notification.promise}
    return _("the follow-up for %(period)s of “%(promise)s”") % {
        "period": notification.period.label,
        "promise": notification.promise,
    }


def notification_sentence(notification: Notification) -> str:
    """One sentence saying what happened, in the active language."""
    what = _what(notification)
    who = notification.actor_name or _("Löften")
    kind = notification.kind
    if kind == Kind.SUBMITTED:
        return _("%(who)s sent %(what)s for approval.") % {"who": who, "what": what}
    if kind == Kind.APPROVED:
        return _("%(who)s approved %(what)s on behalf of %(party)s.") % {
            "who": who,
            "what": what,
            "party": notification.detail,
        }
    if kind == Kind.SENT_BACK:
        return _("%(who)s sent %(what)s back on behalf of %(party)s.") % {
            "who": who,
            "what": what,
            "party": notification.detail,
        }
    if kind == Kind.PUBLISHED:
        return _("%(what)s was published.") % {"what": what[:1].upper() + what[1:]}
    if kind == Kind.COMMENT:
        return _("%(who)s wrote a comment on %(what)s.") % {"who": who, "what": what}
    # A reminder's detail: the due date and the day it was sent for.
    due_text, _space, day_text = notification.detail.partition(" ")
    due = datetime.date.fromisoformat(due_text)
    day = (
        datetime.date.fromisoformat(day_text)
        if day_text
        else timezone.localtime(notification.created_at).date()
    )
    when = formats.date_format(due, "DATE_FORMAT")
    late = (day - due).days
    if late > 0:
        return ngettext(
            "%(what)s was due on %(date)s and is %(days)d day overdue.",
            "%(what)s was due on %(date)s and is %(days)d days overdue.",
            late,
        ) % {"what": what[:1].upper() + what[1:], "date": when, "days": late}
    return ngettext(
        "%(what)s is due on %(date)s, in %(days)d day.",
        "%(what)s is due on %(date)s, in %(days)d days.",
        -late,
    ) % {"what": what[:1].upper() + what[1:], "date": when, "days": -late}


def notification_subject(notification: Notification) -> str:
    """The e-mail's subject: the kind and the promise, never its content."""
    return f"{notification.get_kind_display()}: {notification.promise}"
