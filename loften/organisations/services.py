"""Writes for organisations and memberships."""

from django.db import transaction

from loften.core.models import User
from loften.core.services import audit_log
from loften.geography.models import Municipality, PoliceArea

from .models import Membership, Organisation


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    municipality: Municipality | None = None,
    police_area: PoliceArea | None = None,
    website: str = "",
    contact_email: str = "",
    feedback_url: str = "",
) -> Organisation:
    organisation = Organisation(
        name=name,
        kind=kind,
        municipality=municipality,
        police_area=police_area,
        website=website,
        contact_email=contact_email,
        feedback_url=feedback_url,
    )
    organisation.full_clean()
    organisation.save()
    audit_log(actor=actor, action="organisation.create", obj=organisation)
    return organisation


@transaction.atomic
def membership_set(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give `user` the `role` in `organisation`, creating or changing the membership."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    old_role = membership.role
    if not created and old_role != role:
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
    if created or old_role != role:
        audit_log(
            actor=actor,
            action="membership.set",
            obj=membership,
            changes={"role": [None if created else old_role, role]},
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: User | None, membership: Membership) -> None:
    audit_log(actor=actor, action="membership.remove", obj=membership)
    membership.delete()
