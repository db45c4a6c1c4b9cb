"""Writes of notifications: telling users, marking read, their choices, digests."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from loften.core.models import User
from loften.core.services import audit_log
from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise

from .models import (
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from .selectors import notification_deliveries


def notification_path(*, promise: Promise, period: ReportingPeriod | None) -> str:
    """The editor's page of the plan's or the period's approval, which needs a
    login; never the draft's text itself."""
    if period is None:
        return reverse("editor:promise_approval", args=[promise.pk])
    return reverse("editor:period_approval", args=[promise.pk, period])


def notifications_create(
    *,
    recipients: Iterable[User],
    kind: str,
    promise: Promise,
    period: ReportingPeriod | None = None,
    actor: User | None = None,
    comment: str = "",
    detail: str = "",
) -> list[Notification]:
    """Tell each recipient (but never the actor) in the app, and by e-mail at
    once, on commit, for those who chose so; the daily digest takes the rest."""
    from .tasks import notification_email_send

    path = notification_path(promise=promise, period=period)
    created = []
    for user in recipients:
        if actor is not None and user.pk == actor.pk:
            continue
        notification = Notification.objects.create(
            recipient=user,
            kind=kind,
            promise=promise,
            period=period,
            actor_name=str(actor) if actor is not None else "",
            comment=comment,
            detail=detail[:300],
            path=path,
        )
        created.append(notification)
        if (
            user.email
            and notification_deliveries(user=user)[kind] == Delivery.IMMEDIATELY
        ):
            transaction.on_commit(
                lambda pk=notification.pk: notification_email_send.enqueue(pk)
            )
    return created


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or those in `ids`) read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(
    *, user: User, deliveries: dict[str, str], language: str
) -> None:
    """Store how the user wants to hear of each kind, and the language of e-mail."""
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValueError(f"unknown kind or delivery: {kind} {delivery}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
    found, _created = NotificationSettings.objects.get_or_create(user=user)
    found.language = language
    found.full_clean()
    found.save(update_fields=["language"])
    audit_log(
        actor=user,
        action="notification_preferences.update",
        obj=found,
        changes={"deliveries": [None, deliveries], "language": [None, language]},
    )


def digests_send(*, today: datetime.date) -> int:
    """Send each user their daily digest of what they chose to hear of daily and
    have not been e-mailed; once per day per user. The number of digests sent."""
    from .email import digest_email_send

    waiting = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user in User.objects.filter(pk__in=list(waiting)).order_by("pk"):
        found, _created = NotificationSettings.objects.get_or_create(user=user)
        if found.digest_sent_on == today:
            continue
        daily = [
            kind
            for kind, delivery in notification_deliveries(user=user).items()
            if delivery == Delivery.DAILY
        ]
        items = list(
            Notification.objects.filter(
                recipient=user, emailed_at__isnull=True, kind__in=daily
            )
            .select_related("promise", "period")
            .order_by("created_at", "pk")
        )
        if not items:
            continue
        with transaction.atomic():
            digest_email_send(user=user, notifications=items)
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                emailed_at=timezone.now()
            )
            found.digest_sent_on = today
            found.save(update_fields=["digest_sent_on"])
        sent += 1
    return sent
