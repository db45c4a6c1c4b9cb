"""Writes for organisations and memberships.

Organisations and memberships are kept by site administrators (superusers), in
the admin; an editor may add a partner organisation (a school, an association)
when a promise names one that is not registered yet. See permissions.py.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.core.services import audit_log, field_changes
from loften.geography.models import Municipality, PoliceArea

from . import logos
from .models import Membership, Organisation
from .names import normalise
from .permissions import can_add_organisation, can_manage_organisations
from .selectors import partner_resolve

ORGANISATION_FIELDS = {
    "name",
    "kind",
    "municipality",
    "police_area",
    "website",
    "contact_email",
    "contact_phone",
    "feedback_url",
    "logo",
}


def _require_site_administrator(actor: User | None) -> None:
    if not can_manage_organisations(user=actor):
        raise PermissionDenied(
            _("Only a site administrator may change organisations and memberships.")
        )


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
    contact_phone: str = "",
    feedback_url: str = "",
    logo=None,
) -> Organisation:
    """Register an organisation. Partners may also be added by editors."""
    if not can_add_organisation(user=actor, kind=kind):
        raise PermissionDenied(
            _("Only a site administrator may add a municipality or a police area.")
            if kind != Organisation.Kind.PARTNER
            else _("Only editors may add partners.")
        )
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        municipality=municipality,
        police_area=police_area,
        website=website,
        contact_email=contact_email,
        contact_phone=contact_phone,
        feedback_url=feedback_url,
        logo=_logo_stage(logo),
    )
    organisation.full_clean()
    organisation.save()
    audit_log(actor=actor, action="organisation.create", obj=organisation)
    return organisation


def _logo_stage(value, current: str = "") -> str:
    """The stored name a logo will have: "" for none (or the admin's "clear"
    box), the current one when unchanged, or a new name for an upload, which
    is checked (`logos.logo_format`) and written to storage only once the change
    is committed, so that a change that is rolled back (the admin's checking
    run, a failed validation) leaves no file behind."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    if getattr(value, "_committed", False):  # the stored logo, unchanged
        return value.name or current
    extension = logos.logo_format(value)
    name = logos.logo_upload_to(None, f"logo.{extension}")
    value.seek(0)
    content = value.read()
    storage = Organisation._meta.get_field("logo").storage
    transaction.on_commit(lambda: storage.save(name, ContentFile(content)))
    return name


@transaction.atomic
def partners_get_or_create(
    *, actor: User | None, names: Sequence[str], municipality: Municipality | None
) -> list[tuple[Organisation, bool]]:
    """The partner organisation each typed name means (`partner_resolve`), in the
    order given, registering those not known yet under the municipality's name;
    each with True when it was registered now. Names that differ only in case
    and spacing are one partner."""
    registered: dict[str, Organisation] = {}
    result = []
    for choice in partner_resolve(names=names, municipality=municipality):
        organisation = choice.organisation or registered.get(normalise(choice.new_name))
        created = False
        if organisation is None:
            organisation = organisation_create(
                actor=actor,
                name=choice.new_name,
                kind=Organisation.Kind.PARTNER,
                municipality=municipality,
            )
            registered[normalise(choice.new_name)] = organisation
            created = True
        result.append((organisation, created))
    return result


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: User | None, **values: Any
) -> Organisation:
    """Change an organisation's name, kind, place or contact details."""
    _require_site_administrator(actor)
    unknown = set(values) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"organisation_update got unknown fields: {sorted(unknown)}")
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    old_logo = current.logo.name
    if "logo" in values:
        values["logo"] = _logo_stage(values["logo"], current=old_logo)
    changes = field_changes(current, values)
    if not changes:
        return current
    current.full_clean()
    current.save()
    if old_logo and current.logo.name != old_logo:
        # The replaced logo goes once the change is stored for good.
        storage = current.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    audit_log(actor=actor, action="organisation.update", obj=current, changes=changes)
    return current


@transaction.atomic
def membership_set(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give `user` the `role` in `organisation`, creating or changing the membership."""
    _require_site_administrator(actor)
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    created = membership is None
    if created:
        membership = Membership(user=user, organisation=organisation, role=role)
    old_role = membership.role
    if created or old_role != role:
        membership.role = role
        membership.full_clean()
        membership.save()
        audit_log(
            actor=actor,
            action="membership.set",
            obj=membership,
            changes={"role": [None if created else old_role, role]},
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: User | None, membership: Membership) -> None:
    _require_site_administrator(actor)
    audit_log(actor=actor, action="membership.remove", obj=membership)
    membership.delete()
