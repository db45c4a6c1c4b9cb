"""Notification e-mail, in the recipient's language, with a link that needs a
login and no draft text."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from loften.core.models import User

from .models import Notification
from .selectors import notification_language
from .wording import notification_sentence, notification_subject


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _footer() -> str:
    return _(
        "You get this e-mail because you are an editor or an approver in Löften. "
        "Choose what you are sent and how often: %(url)s"
    ) % {"url": _link(reverse("editor:notification_preferences"))}


def _item(notification: Notification) -> list[str]:
    lines = [notification_sentence(notification)]
    if notification.comment:
        lines.append(_("Comment: %(comment)s") % {"comment": notification.comment})
    lines.append(
        _("Open it in Löften (you will be asked to log in): %(url)s")
        % {"url": _link(notification.path)}
    )
    return lines


def notification_email_send(*, notification: Notification) -> None:
    user = notification.recipient
    with translation.override(notification_language(user=user)):
        body = "\n\n".join([*_item(notification), _footer()])
        EmailMessage(
            subject=notification_subject(notification),
            body=body,
            to=[user.email],
        ).send()


def digest_email_send(*, user: User, notifications: list[Notification]) -> None:
    with translation.override(notification_language(user=user)):
        parts = [_("What happened in Löften since your last digest:")]
        parts += ["\n".join(_item(n)) for n in notifications]
        parts.append(_footer())
        EmailMessage(
            subject=_("Löften: your daily digest (%(count)d)")
            % {"count": len(notifications)},
            body="\n\n".join(parts),
            to=[user.email],
        ).send()
