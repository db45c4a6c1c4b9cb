"""Writes the editors' screens make that span several apps."""

from django.db import transaction
from django.db.models import Q

from loften.core.models import User
from loften.imports import mapping
from loften.organisations.models import Organisation
from loften.organisations.services import organisation_create
from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services


@transaction.atomic
def activity_new_parts_create(
    *, actor: User, promise: Promise, focus_area_name: str, partner_names: list[str]
) -> tuple[FocusArea | None, list[Organisation]]:
    """The focus area and partners an editor typed in beside an activity, added
    to the shared lists unless they are registered already (same name, case and
    spacing aside; a partner in the promise's municipality or tied to no place)."""
    area = None
    if focus_area_name.strip():
        area = activity_services.focus_area_create(actor=actor, name=focus_area_name)
    municipality = promise.municipalities.order_by("name").first()
    place = municipality.name if municipality else ""
    scope = Q(municipality__isnull=True)
    if municipality is not None:
        scope |= Q(municipality=municipality)
    known = {
        mapping.normalise(organisation.name): organisation
        for organisation in Organisation.objects.filter(
            scope, kind=Organisation.Kind.PARTNER
        )
    }
    partners = []
    for name in partner_names:
        scoped = mapping.new_partner_name(name, place) if place else name
        organisation = known.get(mapping.normalise(name)) or known.get(
            mapping.normalise(scoped)
        )
        if organisation is None:
            organisation = organisation_create(
                actor=actor,
                name=scoped,
                kind=Organisation.Kind.PARTNER,
                municipality=municipality,
            )
            known[mapping.normalise(scoped)] = organisation
        partners.append(organisation)
    return area, partners
