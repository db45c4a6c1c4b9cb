"""Writes the editors' screens make that span several apps."""

from django.db import transaction

from loften.core.models import User
from loften.organisations.models import Organisation
from loften.organisations.services import partners_get_or_create
from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services


@transaction.atomic
def activity_new_parts_create(
    *, actor: User, promise: Promise, focus_area_name: str, partner_names: list[str]
) -> tuple[FocusArea | None, list[Organisation]]:
    """The focus area and partners an editor typed in beside an activity, added
    to the shared lists unless they are registered already. A partner name is
    resolved as the importer resolves it (`organisations.partner_resolve`)."""
    area = None
    if focus_area_name.strip():
        area = activity_services.focus_area_create(
            actor=actor, name=focus_area_name, promise=promise
        )
    municipality = promise.municipalities.order_by("name").first()
    found = partners_get_or_create(
        actor=actor, names=partner_names, municipality=municipality
    )
    return area, list(dict.fromkeys(organisation for organisation, _new in found))
