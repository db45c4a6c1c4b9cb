"""Reads of notifications: who is told, a user's list and unread count, choices."""

from django.db.models import QuerySet

from loften.core.models import User
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Promise
from loften.promises.selectors import promise_party_organisations

from .models import Delivery, Kind, Notification, NotificationPreference

EDITORS = [Membership.Role.EDITOR]
APPROVERS = [Membership.Role.APPROVER, Membership.Role.ADMINISTRATOR]
EVERYONE = list(Membership.ROLE_ORDER)


def members_of_parties(
    *,
    promise: Promise,
    roles: list[str],
    organisations: list[Organisation] | None = None,
) -> list[User]:
    """Active users holding one of `roles` in the promise's parties (or in
    `organisations`, which must be parties), each once."""
    parties = promise_party_organisations(promise=promise)
    if organisations is not None:
        parties = [o for o in parties if o in organisations]
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation__in=parties,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("pk")
    )


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related(
        "promise", "period"
    )


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_deliveries(*, user: User) -> dict[str, str]:
    """The user's choice for every kind (at once, when never chosen)."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
    )
    return {kind: chosen.get(kind, Delivery.IMMEDIATELY) for kind in Kind.values}


def notification_language(*, user: User) -> str:
    from django.conf import settings

    found = getattr(user, "notification_settings", None)
    return found.language if found is not None else settings.LANGUAGE_CODE
