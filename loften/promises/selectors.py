"""Reads of promises and their parts."""

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from loften.core.models import User
from loften.organisations.models import Membership, Organisation
from loften.organisations.selectors import organisation_list_for_user, places_condition

from .models import Activity, FocusArea, Promise


def promise_party_condition(*, promise: Promise, path: str = "") -> Q:
    """The organisations that are party to the promise (its municipalities' and
    its police area's) as a condition on `path`, an organisation or a relation to
    one ("organisation__"), so that a read of them or of their members is one
    query."""
    return places_condition(
        municipality_ids=Promise.municipalities.through.objects.filter(
            promise_id=promise.pk
        ).values("municipality_id"),
        police_area_id=promise.police_area_id,
        path=path,
    )


def promise_party_organisations(*, promise: Promise) -> list[Organisation]:
    """The organisations that are party to the promise: its municipalities' and its
    police area's. Their approvers approve it jointly."""
    return list(
        Organisation.objects.filter(promise_party_condition(promise=promise)).order_by(
            "kind", "name"
        )
    )


def promise_list_for_user(
    *, user: User, min_role: str = Membership.Role.VIEWER
) -> QuerySet[Promise]:
    """Promises that an organisation where `user` holds `min_role` or a higher role
    is party to (all, for site admins)."""
    queryset = Promise.objects.select_related("police_area").prefetch_related(
        "municipalities"
    )
    if user.is_superuser and user.is_active:
        return queryset
    if not user.is_active:
        return queryset.none()
    organisations = organisation_list_for_user(user=user, min_role=min_role)
    municipality_ids = organisations.filter(kind=Organisation.Kind.MUNICIPALITY).values(
        "municipality_id"
    )
    police_area_ids = organisations.filter(kind=Organisation.Kind.POLICE_AREA).values(
        "police_area_id"
    )
    promise_ids = Promise.objects.filter(
        Q(municipalities__in=municipality_ids) | Q(police_area__in=police_area_ids)
    ).values("pk")
    return queryset.filter(pk__in=promise_ids)


def activity_list_for_promise(*, promise: Promise) -> QuerySet[Activity]:
    return (
        promise.activities.select_related("focus_area", "commitment")
        .prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("order", "id")
    )


def focus_area_choices(*, promise: Promise | None = None) -> QuerySet[FocusArea]:
    """The focus areas an editor may choose: the shared ones in use, and those
    typed in for `promise` that are not shared yet."""
    visible = Q(private_to__isnull=True)
    if promise is not None:
        visible |= Q(private_to=promise)
    return FocusArea.objects.filter(visible, is_active=True).order_by("order", "name")


def activity_groups(
    *, activities: Iterable[Activity]
) -> list[tuple[FocusArea | None, list[Activity]]]:
    """Activities grouped by focus area, as the plan shows them.

    Groups come in the order of their first activity; within a group, activities
    keep their order. Activities without a focus area form a group of their own.
    """
    groups: dict[int | None, tuple[FocusArea | None, list[Activity]]] = {}
    for activity in sorted(activities, key=lambda a: (a.order, a.id)):
        key = activity.focus_area_id
        if key not in groups:
            groups[key] = (activity.focus_area, [])
        groups[key][1].append(activity)
    return list(groups.values())


def promise_fingerprint(*, promise: Promise, fields: Iterable[str]) -> str:
    """A short digest of the promise's `fields`, to notice changes by someone else
    between showing a form and saving it."""
    values = {}
    for name in sorted(fields):
        field = Promise._meta.get_field(name)
        value = getattr(promise, field.attname)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip()
        values[name] = value
    digest = hashlib.sha256(
        json.dumps(values, sort_keys=True, default=str).encode()
    ).hexdigest()
    return digest[:16]


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def promise_renewal_defaults(*, promise: Promise) -> dict[str, Any]:
    """Title and dates for the promise that renews `promise`: the next period of
    the same length, and the title with its years moved on ("Nässjö 2025" →
    "Nässjö 2026")."""
    first, last = promise.start_date.year, promise.end_date.year
    years = last - first + 1

    def shift(match: re.Match) -> str:
        year = int(match.group(0))
        return str(year + years) if first <= year <= last else match.group(0)

    return {
        "title": re.sub(r"(?<!\d)(?:19|20)\d{2}(?!\d)", shift, promise.title),
        "start_date": _shift_years(promise.start_date, years),
        "end_date": _shift_years(promise.end_date, years),
    }
