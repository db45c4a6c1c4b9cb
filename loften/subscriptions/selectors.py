"""Reads of subscriptions: who is told of a publication."""

from loften.publication.models import PromiseVersion

from .models import Subscription


def subscribers_for_version(*, version: PromiseVersion) -> list[Subscription]:
    """The confirmed subscriptions to the version's promise or to any of its
    municipalities, one per address (the promise's own first)."""
    promise = version.promise
    rows = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .filter(promise=promise)
        .order_by("pk")
    )
    by_municipality = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .filter(municipality__in=promise.municipalities.all())
        .order_by("pk")
    )
    chosen: dict[str, Subscription] = {}
    for subscription in [*rows, *by_municipality]:
        chosen.setdefault(subscription.email.casefold(), subscription)
    return list(chosen.values())
