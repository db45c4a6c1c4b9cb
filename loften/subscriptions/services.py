"""Writes of e-mail subscriptions: asking (double opt-in), confirming,
unsubscribing, and telling confirmed subscribers of a publication."""

import datetime
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from loften.geography.models import Municipality
from loften.promises.models import Promise

from .models import Subscription
from .tasks import subscribers_notify, subscription_confirmation_send

# An address that is not confirmed within this many days is deleted.
UNCONFIRMED_DAYS = 7


def subscriptions_unconfirmed_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the unconfirmed subscriptions older than UNCONFIRMED_DAYS."""
    limit = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    deleted, _detail = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=limit
    ).delete()
    return deleted


@transaction.atomic
def subscription_request(
    *,
    email: str,
    language: str,
    municipality: Municipality | None = None,
    promise: Promise | None = None,
) -> Subscription:
    """Ask to follow a municipality or a promise: a confirmation e-mail with a
    link is sent (again, while unconfirmed); nothing else is sent before it is
    followed. Asking again for a confirmed subscription sends nothing, so the
    form does not tell a stranger who subscribes."""
    subscriptions_unconfirmed_purge()
    email = email.strip()
    found = Subscription.objects.filter(
        email__iexact=email, municipality=municipality, promise=promise
    ).first()
    if found is not None and found.is_confirmed:
        return found
    if found is None:
        found = Subscription(
            email=email,
            municipality=municipality,
            promise=promise,
            token=secrets.token_urlsafe(32),
            language=language,
        )
        found.full_clean()
        found.save()
    transaction.on_commit(
        lambda pk=found.pk: subscription_confirmation_send.enqueue(pk)
    )
    return found


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription | None:
    """Confirm the subscription with `token` (the link in the confirmation
    e-mail); None when there is none."""
    found = Subscription.objects.select_for_update().filter(token=token).first()
    if found is not None and found.confirmed_at is None:
        found.confirmed_at = timezone.now()
        found.save(update_fields=["confirmed_at"])
    return found


@transaction.atomic
def subscription_delete(*, token: str) -> bool:
    """Unsubscribe: the row, address included, is deleted. Whether one was."""
    deleted, _detail = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def subscribers_on_published(*, promise_id: int, version_id: int, **kwargs: Any):
    """Receiver of `promise_published` (after commit): e-mail the subscribers in
    the background."""
    subscribers_notify.enqueue(version_id)
