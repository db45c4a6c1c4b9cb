"""Reads of organisations and memberships."""

from django.db.models import Q, QuerySet

from loften.core.models import User

from .models import Membership, Organisation


def organisation_list_for_user(
    *, user: User, min_role: str = Membership.Role.VIEWER
) -> QuerySet[Organisation]:
    """The organisations where `user` holds `min_role` or a higher role."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    roles = Membership.ROLE_ORDER[Membership.ROLE_ORDER.index(min_role) :]
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=roles
    ).distinct()


def organisations_for_places(
    *, municipality_ids: list[int], police_area_id: int | None
) -> QuerySet[Organisation]:
    """The municipality and police-area organisations for these places."""
    condition = Q(
        kind=Organisation.Kind.MUNICIPALITY, municipality_id__in=municipality_ids
    )
    if police_area_id is not None:
        condition |= Q(
            kind=Organisation.Kind.POLICE_AREA, police_area_id=police_area_id
        )
    return Organisation.objects.filter(condition).order_by("kind", "name")
