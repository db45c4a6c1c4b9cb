"""Reads of organisations and memberships."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from loften.core.models import User
from loften.geography.models import Municipality

from . import names as names_rules
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


def places_condition(
    *,
    municipality_ids: Iterable[int] | QuerySet,
    police_area_id: int | None,
    path: str = "",
) -> Q:
    """The municipality and police-area organisations for these places, as a
    condition on `path`: an organisation, or a relation to one
    ("organisation__"). `municipality_ids` may be a subquery."""
    condition = Q(
        **{
            f"{path}kind": Organisation.Kind.MUNICIPALITY,
            f"{path}municipality_id__in": municipality_ids,
        }
    )
    if police_area_id is not None:
        condition |= Q(
            **{
                f"{path}kind": Organisation.Kind.POLICE_AREA,
                f"{path}police_area_id": police_area_id,
            }
        )
    return condition


def organisations_for_places(
    *, municipality_ids: list[int], police_area_id: int | None
) -> QuerySet[Organisation]:
    """The municipality and police-area organisations for these places."""
    return Organisation.objects.filter(
        places_condition(
            municipality_ids=municipality_ids, police_area_id=police_area_id
        )
    ).order_by("kind", "name")


# --- Partners named in a plan ---------------------------------------------------------


@dataclass
class PartnerChoice:
    """A typed partner name: the registered organisation it means, or the name it
    will be registered under."""

    name: str
    organisation: Organisation | None
    new_name: str

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation else self.new_name


def partner_resolve(
    *, names: Sequence[str], municipality: Municipality | None
) -> list[PartnerChoice]:
    """What each typed partner name means for a promise in `municipality`: the
    registered partner it matches (`names.match_partner`: exactly, without the
    place after it, or by the stem of its first word), or the name it would be
    registered under. The editor's activity form and the importer use this."""
    if not names:
        return []
    scope = Q(municipality__isnull=True)
    if municipality is not None:
        scope |= Q(municipality=municipality)
    candidates = list(
        Organisation.objects.filter(scope, kind=Organisation.Kind.PARTNER)
        .order_by("name")
        .values_list("pk", "name")
    )
    place = municipality.name if municipality else ""
    new_names = {name: names_rules.new_partner_name(name, place) for name in names}
    taken = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            kind=Organisation.Kind.PARTNER, name__in=new_names.values()
        )
    }
    by_pk = {
        organisation.pk: organisation
        for organisation in Organisation.objects.filter(
            pk__in=[pk for pk, _name in candidates]
        )
    }
    choices = []
    for name in names:
        pk = names_rules.match_partner(name, candidates, place)
        organisation = by_pk.get(pk) if pk else taken.get(new_names[name])
        choices.append(PartnerChoice(name, organisation, new_names[name]))
    return choices
