"""Creating, changing and deleting a promise (its own fields, not its parts)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loften.core.exceptions import StaleVersionError
from loften.core.models import User
from loften.core.services import audit_log, field_changes
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.selectors import organisations_for_places

from ..models import Cadence, Promise
from ..permissions import can_create_promise_for
from ..selectors import promise_fingerprint
from ..signals import promise_schedule_changed
from .activities import focus_areas_release
from .plan import promise_plan_changed, require_edit

# The fields that decide which reporting periods a promise has.
SCHEDULE_FIELDS = {"start_date", "end_date", "cadence"}

PROMISE_FIELDS = {
    "title",
    "start_date",
    "end_date",
    "cadence",
    "situation_summary",
    "followup_plan",
    "signing_date",
    "police_area",
    "previous",
}


def _unique_slug(title: str, start_date: datetime.date) -> str:
    """A new promise's address, in plain ASCII ("medborgarlofte-nassjo-2027") so
    that it can be typed and shared anywhere; older addresses keep their letters."""
    if str(start_date.year) not in title:
        title = f"{title} {start_date.year}"
    base = slugify(title)[:100] or "lofte"
    slug, suffix = base, 2
    while Promise.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


# --- Promise --------------------------------------------------------------------------


@transaction.atomic
def promise_create(
    *,
    actor: User | None,
    title: str,
    municipalities: Iterable[Municipality],
    police_area: PoliceArea | None,
    start_date: datetime.date,
    end_date: datetime.date,
    cadence: str = Cadence.TERTIAL,
    situation_summary: str = "",
    followup_plan: str = "",
    signing_date: datetime.date | None = None,
    previous: Promise | None = None,
    slug: str | None = None,
) -> Promise:
    """Start a new draft promise for one or more municipalities and a police area."""
    municipalities = list(municipalities)
    if not municipalities:
        raise ValidationError(
            {"municipalities": _("Choose at least one municipality.")}
        )
    parties = list(
        organisations_for_places(
            municipality_ids=[m.pk for m in municipalities],
            police_area_id=police_area.pk if police_area else None,
        )
    )
    if actor is not None and not can_create_promise_for(
        user=actor, organisations=parties
    ):
        raise PermissionDenied(
            _("You may only start promises that your organisation is party to.")
        )
    promise = Promise(
        title=title.strip(),
        slug=slug or _unique_slug(title, start_date),
        police_area=police_area,
        start_date=start_date,
        end_date=end_date,
        cadence=cadence,
        situation_summary=situation_summary,
        followup_plan=followup_plan,
        signing_date=signing_date,
        previous=previous,
        created_by=actor,
    )
    promise.full_clean()
    promise.save()
    promise.municipalities.set(municipalities)
    promise_schedule_changed.send(sender=Promise, promise=promise)
    audit_log(actor=actor, action="promise.create", obj=promise, promise_id=promise.pk)
    return promise


@transaction.atomic
def promise_update(
    *,
    promise: Promise,
    actor: User | None,
    municipalities: Iterable[Municipality] | None = None,
    expected_fingerprint: str | None = None,
    **values: Any,
) -> Promise:
    """Change the promise's own fields (title, period, lägesbild, …).

    With `expected_fingerprint` (from `promise_fingerprint` over the changed
    fields, taken when the form was shown), a save is refused with
    StaleVersionError if someone else changed those fields in the meantime.
    """
    require_edit(actor, promise)
    unknown = set(values) - PROMISE_FIELDS
    if unknown:
        raise TypeError(f"promise_update got unknown fields: {sorted(unknown)}")
    # Work on the stored row, locked, so a stale copy never overwrites the
    # revision, the status or fields that someone else changed.
    current = Promise.objects.select_for_update().get(pk=promise.pk)
    if (
        expected_fingerprint is not None
        and promise_fingerprint(promise=current, fields=sorted(values))
        != expected_fingerprint
    ):
        raise StaleVersionError(
            _(
                "Someone else changed this while you were editing it. Your text "
                "is kept below beside theirs: merge them and save again."
            ),
            current=current,
            submitted=values,
        )
    changes = field_changes(current, values)
    if municipalities is not None:
        municipalities = list(municipalities)
        if not municipalities:
            raise ValidationError(
                {"municipalities": _("Choose at least one municipality.")}
            )
        old = sorted(m.name for m in current.municipalities.all())
        new = sorted(m.name for m in municipalities)
        if old != new:
            changes["municipalities"] = [old, new]
    if not changes:
        return current
    current.full_clean()
    current.save(update_fields=[*values, "updated_at"])
    if municipalities is not None:
        current.municipalities.set(municipalities)
    promise_plan_changed(promise=current)
    if SCHEDULE_FIELDS & set(changes):
        promise_schedule_changed.send(sender=Promise, promise=current)
    audit_log(
        actor=actor,
        action="promise.update",
        obj=current,
        promise_id=current.pk,
        changes=changes,
    )
    for name in [*values, "revision", "status", "updated_at"]:
        setattr(promise, name, getattr(current, name))
    return current


@transaction.atomic
def promise_delete(*, promise: Promise, actor: User | None) -> None:
    """Delete a promise that was never published (published ones are records)."""
    require_edit(actor, promise)
    if promise.versions.exists():
        raise ValidationError(
            _("A published promise is an official record and cannot be deleted.")
        )
    audit_log(actor=actor, action="promise.delete", obj=promise, promise_id=promise.pk)
    focus_areas_release(promise=promise)
    promise.delete()
