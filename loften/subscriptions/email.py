"""The e-mail subscribers get: plain text, in their language, with a one-click
unsubscribe link in the text and in the List-Unsubscribe header (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from loften.public.presentation import promise_page
from loften.publication.models import PromiseVersion

from .models import Subscription


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _followed(subscription: Subscription) -> str:
    if subscription.municipality_id is not None:
        return _("the citizen promises of %(place)s") % {
            "place": subscription.municipality
        }
    return _("the citizen promise “%(title)s”") % {"title": subscription.promise}


def _send(subscription: Subscription, subject: str, lines: list[str]) -> None:
    unsubscribe = _url("subscriptions:unsubscribe", token=subscription.token)
    lines = [
        *lines,
        _("Stop these e-mails with one click: %(url)s") % {"url": unsubscribe},
    ]
    EmailMessage(
        subject=subject,
        body="\n\n".join(lines),
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


def confirmation_email_send(*, subscription: Subscription) -> None:
    with translation.override(subscription.language):
        confirm = _url("subscriptions:confirm", token=subscription.token)
        _send(
            subscription,
            _("Confirm that you want e-mail from Löften"),
            [
                _(
                    "Someone, probably you, asked to be e-mailed when %(what)s "
                    "are published or followed up."
                )
                % {"what": _followed(subscription)},
                _("Confirm with this link: %(url)s") % {"url": confirm},
                _(
                    "If it was not you, do nothing: without confirmation you get "
                    "no more e-mail, and the address is deleted within a week."
                ),
                _("What we store and why: %(url)s")
                % {"url": _url("subscriptions:about")},
            ],
        )


def version_summary(version: PromiseVersion) -> list[str]:
    """A plain-text summary of a published version: what was published and the
    key figures, all from the published snapshot."""
    page = promise_page(version.snapshot)
    if version.period is not None:
        what = _("The follow-up for %(period)s was published.") % {
            "period": version.period.label
        }
    elif page.is_concluded:
        what = _("The promise was concluded: its period is over.")
    else:
        what = _("The promise was published.")
    figures = _(
        "Activities: %(activities)d. With a numeric target: %(with_target)d."
    ) % {"activities": page.summary.activities, "with_target": page.summary.with_target}
    if page.summary.measured:
        figures += " " + _("Target met in the latest follow-up: %(met)d of %(n)d.") % {
            "met": page.summary.met,
            "n": page.summary.measured,
        }
    periods = ", ".join(p.label for p in page.published_periods)
    return [
        page.title,
        _("%(places)s · %(period)s")
        % {
            "places": page.municipality_names,
            "period": page.period_label,
        },
        f"{what} "
        + _("Version %(number)d, %(date)s.")
        % {
            "number": version.number,
            "date": formats.date_format(version.published_at, "DATE_FORMAT"),
        },
        figures,
        _("Published follow-ups: %(periods)s.") % {"periods": periods}
        if periods
        else _("No follow-up has been published yet."),
    ]


def publication_email_send(
    *, subscription: Subscription, version: PromiseVersion
) -> None:
    with translation.override(subscription.language):
        slug = version.snapshot["promise"].get("slug") or ""
        link = (
            _url("public:promise", slug=slug)
            if slug
            else settings.SITE_URL + reverse("public:home")
        )
        _send(
            subscription,
            _("Published: %(title)s") % {"title": version.snapshot["promise"]["title"]},
            [
                *version_summary(version),
                _("Read it: %(url)s") % {"url": link},
                _("You get this e-mail because you follow %(what)s.")
                % {"what": _followed(subscription)},
            ],
        )
