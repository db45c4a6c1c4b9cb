"""Who may do what with a promise: one policy for views, services, the API and the CLI.

A user's rights on a promise come from their memberships in the organisations that
are party to it (its municipalities' and its police area's). Roles are ordered:
viewer < editor < approver < administrator; each includes the ones before it.
Site administrators (superusers) may read and edit everything, but approving is
always done by a member of the party on whose behalf it is given.
"""

from loften.core.models import User
from loften.organisations.models import Membership, Organisation

from .models import Promise
from .selectors import promise_party_condition, promise_party_organisations


def promise_role(*, user: User | None, promise: Promise) -> str | None:
    """The highest role `user` holds in any party to `promise`, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = set(
        Membership.objects.filter(
            promise_party_condition(promise=promise, path="organisation__"),
            user=user,
        ).values_list("role", flat=True)
    )
    for role in reversed(Membership.ROLE_ORDER):
        if role in roles:
            return role
    return None


def _has_role(user: User | None, promise: Promise, role: str) -> bool:
    if user is not None and user.is_active and user.is_superuser:
        return True
    held = promise_role(user=user, promise=promise)
    if held is None:
        return False
    return Membership.ROLE_ORDER.index(held) >= Membership.ROLE_ORDER.index(role)


def can_view_promise(*, user: User | None, promise: Promise) -> bool:
    """May see the working copy, drafts included (the public sees only what
    was published)."""
    return _has_role(user, promise, Membership.Role.VIEWER)


def can_edit_promise(*, user: User | None, promise: Promise) -> bool:
    if promise.status == Promise.Status.CONCLUDED:
        return False
    return _has_role(user, promise, Membership.Role.EDITOR)


def can_approve_promise(
    *, user: User | None, promise: Promise, organisation: Organisation
) -> bool:
    """May approve on behalf of `organisation`, which must be party to the promise."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if organisation not in promise_party_organisations(promise=promise):
        return False
    return Membership.objects.filter(
        user=user,
        organisation=organisation,
        role__in=[Membership.Role.APPROVER, Membership.Role.ADMINISTRATOR],
    ).exists()


def can_create_promise_for(
    *, user: User | None, organisations: list[Organisation]
) -> bool:
    """May start a promise where these organisations are parties."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        organisation__in=organisations,
        role__in=Membership.ROLE_ORDER[1:],
    ).exists()
