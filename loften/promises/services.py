"""Writes for promises and their parts.

Every function checks the actor's rights (an actor of None is the system itself:
migrations, the example data and command-line imports), validates, changes the
data and writes the audit entry in one transaction. Any change to the plan bumps
the promise's revision, so approvals given earlier no longer count.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loften.core.exceptions import StaleVersionError
from loften.core.models import User
from loften.core.services import audit_log, field_changes
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.models import Organisation
from loften.organisations.selectors import (
    organisation_list_for_user,
    organisations_for_places,
)

from .models import (
    Activity,
    Cadence,
    Commitment,
    FocusArea,
    Indicator,
    IndicatorValue,
    Promise,
    Signatory,
    SituationSource,
    TargetScope,
)
from .permissions import can_create_promise_for, can_edit_promise, can_view_promise
from .selectors import activity_groups, promise_fingerprint, promise_renewal_defaults
from .signals import activity_deleting

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
ACTIVITY_FIELDS = {
    "text",
    "focus_area",
    "commitment",
    "responsible_police",
    "responsible_municipality",
    "target_comparator",
    "target_value",
    "target_unit",
    "target_scope",
    "place",
}


def _require_edit(actor: User | None, promise: Promise) -> None:
    if actor is not None and not can_edit_promise(user=actor, promise=promise):
        raise PermissionDenied(_("You may not change this promise."))


def promise_plan_changed(*, promise: Promise) -> None:
    """Note a change to the plan: a new revision, and back to draft if it was out."""
    # In SQL, not from the instance: the caller's copy of the status may be stale.
    Promise.objects.filter(pk=promise.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    Promise.objects.filter(
        pk=promise.pk,
        status__in=[Promise.Status.IN_REVIEW, Promise.Status.PUBLISHED],
    ).update(status=Promise.Status.DRAFT)
    promise.refresh_from_db(fields=["revision", "status", "updated_at"])


def _unique_slug(title: str, start_date: datetime.date) -> str:
    if str(start_date.year) not in title:
        title = f"{title} {start_date.year}"
    base = slugify(title, allow_unicode=True)[:100] or "lofte"
    slug, suffix = base, 2
    while Promise.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


# --- Focus areas ----------------------------------------------------------------------


@transaction.atomic
def focus_area_create(*, actor: User | None, name: str) -> FocusArea:
    """Add a focus area to the shared taxonomy, or return the one already called
    `name` (case does not matter). Editors add one only by choosing to."""
    name = " ".join(name.split())
    existing = FocusArea.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    if actor is not None and not (
        actor.is_superuser
        or organisation_list_for_user(user=actor, min_role="editor").exists()
    ):
        raise PermissionDenied(_("Only editors may add focus areas."))
    base = slugify(name)[:110] or "fokusomrade"
    slug, suffix = base, 2
    while FocusArea.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    area = FocusArea(name=name, slug=slug, order=_next_order(FocusArea.objects))
    area.full_clean()
    area.save()
    audit_log(actor=actor, action="focus_area.create", obj=area)
    return area


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
    _require_edit(actor, promise)
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
    _require_edit(actor, promise)
    if promise.versions.exists():
        raise ValidationError(
            _("A published promise is an official record and cannot be deleted.")
        )
    audit_log(actor=actor, action="promise.delete", obj=promise, promise_id=promise.pk)
    promise.delete()


# --- Parts of the plan ----------------------------------------------------------------


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 10


def _save_part(
    *,
    actor: User | None,
    promise: Promise,
    instance,
    action: str,
    changes: dict | None = None,
):
    instance.full_clean()
    instance.save()
    promise_plan_changed(promise=promise)
    audit_log(
        actor=actor,
        action=action,
        obj=instance,
        promise_id=promise.pk,
        changes=changes,
    )
    return instance


def _delete_part(
    *, actor: User | None, promise: Promise, instance, action: str
) -> None:
    _require_edit(actor, promise)
    audit_log(actor=actor, action=action, obj=instance, promise_id=promise.pk)
    instance.delete()
    promise_plan_changed(promise=promise)


def _update_part(*, actor: User | None, instance, values: dict[str, Any], action: str):
    """Change some fields of a part of the plan, if any really change."""
    promise = instance.promise
    _require_edit(actor, promise)
    changes = field_changes(instance, values)
    if not changes:
        return instance
    return _save_part(
        actor=actor, promise=promise, instance=instance, action=action, changes=changes
    )


@transaction.atomic
def commitment_create(*, promise: Promise, actor: User | None, text: str) -> Commitment:
    _require_edit(actor, promise)
    commitment = Commitment(
        promise=promise, text=text.strip(), order=_next_order(promise.commitments)
    )
    return _save_part(
        actor=actor, promise=promise, instance=commitment, action="commitment.create"
    )


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, actor: User | None, text: str
) -> Commitment:
    return _update_part(
        actor=actor,
        instance=commitment,
        values={"text": text.strip()},
        action="commitment.update",
    )


@transaction.atomic
def commitment_delete(*, commitment: Commitment, actor: User | None) -> None:
    _delete_part(
        actor=actor,
        promise=commitment.promise,
        instance=commitment,
        action="commitment.delete",
    )


@transaction.atomic
def signatory_create(
    *, promise: Promise, actor: User | None, name: str, title: str, organisation: str
) -> Signatory:
    _require_edit(actor, promise)
    signatory = Signatory(
        promise=promise,
        name=name.strip(),
        title=title.strip(),
        organisation=organisation.strip(),
        order=_next_order(promise.signatories),
    )
    return _save_part(
        actor=actor, promise=promise, instance=signatory, action="signatory.create"
    )


@transaction.atomic
def signatory_update(
    *,
    signatory: Signatory,
    actor: User | None,
    name: str,
    title: str,
    organisation: str,
) -> Signatory:
    return _update_part(
        actor=actor,
        instance=signatory,
        values={
            "name": name.strip(),
            "title": title.strip(),
            "organisation": organisation.strip(),
        },
        action="signatory.update",
    )


@transaction.atomic
def signatory_delete(*, signatory: Signatory, actor: User | None) -> None:
    _delete_part(
        actor=actor,
        promise=signatory.promise,
        instance=signatory,
        action="signatory.delete",
    )


@transaction.atomic
def situation_source_create(
    *,
    promise: Promise,
    actor: User | None,
    kind: str,
    title: str,
    year: int | None = None,
    url: str = "",
    note: str = "",
) -> SituationSource:
    _require_edit(actor, promise)
    source = SituationSource(
        promise=promise,
        kind=kind,
        title=title.strip(),
        year=year,
        url=url,
        note=note,
        order=_next_order(promise.situation_sources),
    )
    return _save_part(
        actor=actor, promise=promise, instance=source, action="situation_source.create"
    )


@transaction.atomic
def situation_source_update(
    *,
    source: SituationSource,
    actor: User | None,
    kind: str,
    title: str,
    year: int | None = None,
    url: str = "",
    note: str = "",
) -> SituationSource:
    return _update_part(
        actor=actor,
        instance=source,
        values={
            "kind": kind,
            "title": title.strip(),
            "year": year,
            "url": url.strip(),
            "note": note.strip(),
        },
        action="situation_source.update",
    )


@transaction.atomic
def situation_source_delete(*, source: SituationSource, actor: User | None) -> None:
    _delete_part(
        actor=actor,
        promise=source.promise,
        instance=source,
        action="situation_source.delete",
    )


# --- Activities -----------------------------------------------------------------------


def _check_activity(activity: Activity, partners: list[Organisation]) -> None:
    if not (
        activity.responsible_police or activity.responsible_municipality or partners
    ):
        raise ValidationError(
            _("Name who is responsible: the police, the municipality or a partner.")
        )
    if activity.commitment_id and activity.commitment.promise_id != activity.promise_id:
        raise ValidationError(
            {"commitment": _("The commitment belongs to another promise.")}
        )
    if activity.target_value is None:
        activity.target_comparator = ""
        activity.target_unit = activity.target_unit.strip()
    elif not activity.target_comparator:
        raise ValidationError(
            {
                "target_comparator": _(
                    "Say whether the target is at least, at most or exactly."
                )
            }
        )
    if any(p.kind != Organisation.Kind.PARTNER for p in partners):
        raise ValidationError(
            {
                "partners": _(
                    "Only other partners can be named here; use the checkboxes "
                    "for the police and the municipality."
                )
            }
        )


@transaction.atomic
def activity_create(
    *,
    promise: Promise,
    actor: User | None,
    text: str,
    focus_area: FocusArea | None = None,
    commitment: Commitment | None = None,
    responsible_police: bool = False,
    responsible_municipality: bool = False,
    partners: Iterable[Organisation] = (),
    target_comparator: str = "",
    target_value: int | None = None,
    target_unit: str = "",
    target_scope: str = TargetScope.PER_YEAR,
    place: str = "",
) -> Activity:
    """Add an activity to the plan."""
    _require_edit(actor, promise)
    partners = list(partners)
    activity = Activity(
        promise=promise,
        text=text.strip(),
        focus_area=focus_area,
        commitment=commitment,
        responsible_police=responsible_police,
        responsible_municipality=responsible_municipality,
        target_comparator=target_comparator,
        target_value=target_value,
        target_unit=target_unit.strip(),
        target_scope=target_scope,
        place=place.strip(),
        order=_next_order(promise.activities),
    )
    _check_activity(activity, partners)
    _save_part(
        actor=actor, promise=promise, instance=activity, action="activity.create"
    )
    activity.partners.set(partners)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor: User | None,
    expected_version: int | None = None,
    partners: Iterable[Organisation] | None = None,
    **values: Any,
) -> Activity:
    """Change an activity. With `expected_version`, a stale form is refused."""
    promise = activity.promise
    _require_edit(actor, promise)
    unknown = set(values) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"activity_update got unknown fields: {sorted(unknown)}")
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersionError(
            _(
                "Someone else saved this activity while you were editing it. "
                "Compare the two versions below and save again."
            ),
            current=current,
            submitted=dict(values, partners=list(partners or [])),
        )
    activity = current
    changes = field_changes(activity, values)
    if partners is not None:
        partners = list(partners)
        old = sorted(p.name for p in activity.partners.all())
        new = sorted(p.name for p in partners)
        if old != new:
            changes["partners"] = [old, new]
    else:
        partners = list(activity.partners.all())
    if not changes:
        return activity
    _check_activity(activity, partners)
    activity.version += 1
    _save_part(
        actor=actor,
        promise=promise,
        instance=activity,
        action="activity.update",
        changes=changes,
    )
    activity.partners.set(partners)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor: User | None) -> None:
    """Remove an activity from the plan, with its log and follow-ups.

    The follow-ups app hears of it first (`activity_deleting`): a period's
    follow-up that loses a row goes back to draft.
    """
    activity_deleting.send(sender=Activity, activity=activity)
    _delete_part(
        actor=actor,
        promise=activity.promise,
        instance=activity,
        action="activity.delete",
    )


def _reorder(model, ordered: list) -> None:
    """Renumber `ordered` 10, 20, 30, … writing only the rows that change."""
    for position, item in enumerate(ordered, start=1):
        if item.order != position * 10:
            model.objects.filter(pk=item.pk).update(order=position * 10)
            item.order = position * 10


def _move_part(
    *,
    actor: User | None,
    promise: Promise,
    instance,
    ordered: list,
    offset: int,
    action: str,
    bounds: tuple[int, int] | None = None,
) -> bool:
    """Move `instance` by `offset` places in `ordered` (within `bounds`, the first
    and last index it may take), renumber and audit. False when it cannot move."""
    _require_edit(actor, promise)
    index = next(i for i, item in enumerate(ordered) if item.pk == instance.pk)
    low, high = bounds if bounds is not None else (0, len(ordered) - 1)
    target = max(low, min(high, index + offset))
    if target == index:
        return False
    ordered.insert(target, ordered.pop(index))
    _reorder(type(instance), ordered)
    promise_plan_changed(promise=promise)
    audit_log(
        actor=actor,
        action=action,
        obj=instance,
        promise_id=promise.pk,
        changes={"position": [index + 1, target + 1]},
    )
    return True


def _activities_as_shown(promise: Promise) -> list[tuple[FocusArea | None, list]]:
    return activity_groups(activities=promise.activities.select_related("focus_area"))


@transaction.atomic
def activity_move(*, activity: Activity, actor: User | None, offset: int) -> bool:
    """Move an activity up (negative offset) or down within its focus area.

    The plan shows activities grouped by focus area, so an activity moves among
    the activities of its own focus area; `focus_area_move` moves a whole group.
    Returns False when it is already first or last.
    """
    groups = _activities_as_shown(activity.promise)
    ordered = [item for _area, items in groups for item in items]
    start = 0
    for _area, items in groups:
        if any(item.pk == activity.pk for item in items):
            bounds = (start, start + len(items) - 1)
            break
        start += len(items)
    return _move_part(
        actor=actor,
        promise=activity.promise,
        instance=activity,
        ordered=ordered,
        offset=offset,
        action="activity.move",
        bounds=bounds,
    )


@transaction.atomic
def focus_area_move(
    *,
    promise: Promise,
    focus_area: FocusArea | None,
    actor: User | None,
    offset: int,
) -> bool:
    """Move the group of activities under `focus_area` up or down in the plan.

    Returns False when the group is already first or last (or not in the plan).
    """
    _require_edit(actor, promise)
    groups = _activities_as_shown(promise)
    keys = [area.pk if area else None for area, _items in groups]
    key = focus_area.pk if focus_area else None
    if key not in keys:
        return False
    index = keys.index(key)
    target = max(0, min(len(groups) - 1, index + offset))
    if target == index:
        return False
    groups.insert(target, groups.pop(index))
    _reorder(Activity, [item for _area, items in groups for item in items])
    promise_plan_changed(promise=promise)
    audit_log(
        actor=actor,
        action="focus_area.move",
        obj=focus_area or promise,
        promise_id=promise.pk,
        changes={"position": [index + 1, target + 1]},
    )
    return True


@transaction.atomic
def commitment_move(*, commitment: Commitment, actor: User | None, offset: int) -> bool:
    promise = commitment.promise
    return _move_part(
        actor=actor,
        promise=promise,
        instance=commitment,
        ordered=list(promise.commitments.order_by("order", "id")),
        offset=offset,
        action="commitment.move",
    )


@transaction.atomic
def situation_source_move(
    *, source: SituationSource, actor: User | None, offset: int
) -> bool:
    promise = source.promise
    return _move_part(
        actor=actor,
        promise=promise,
        instance=source,
        ordered=list(promise.situation_sources.order_by("order", "id")),
        offset=offset,
        action="situation_source.move",
    )


@transaction.atomic
def signatory_move(*, signatory: Signatory, actor: User | None, offset: int) -> bool:
    promise = signatory.promise
    return _move_part(
        actor=actor,
        promise=promise,
        instance=signatory,
        ordered=list(promise.signatories.order_by("order", "id")),
        offset=offset,
        action="signatory.move",
    )


# --- Renewing a promise ---------------------------------------------------------------


@transaction.atomic
def promise_renew(
    *,
    promise: Promise,
    actor: User | None,
    title: str | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Promise:
    """Start next period's promise as a draft that renews `promise`.

    Copies the parties, cadence, lägesbild text, follow-up plan, commitments,
    activities (focus areas, responsible parties, targets and places) and
    indicators with their values. Sources, signatories, the signing date, the log
    and follow-ups belong to the old period and are not copied. By default the new
    period follows on from the old one with the same length.
    """
    if actor is not None and not can_view_promise(user=actor, promise=promise):
        raise PermissionDenied(_("You may not renew this promise."))
    renewal = promise.renewals.order_by("start_date").first()
    if renewal is not None:
        raise ValidationError(
            _("This promise has already been renewed as “%(title)s”.")
            % {"title": renewal.title}
        )
    defaults = promise_renewal_defaults(promise=promise)
    start_date = start_date or defaults["start_date"]
    end_date = end_date or defaults["end_date"]
    title = (title or "").strip() or defaults["title"]
    renewed = promise_create(
        actor=actor,
        title=title,
        municipalities=promise.municipalities.all(),
        police_area=promise.police_area,
        start_date=start_date,
        end_date=end_date,
        cadence=promise.cadence,
        situation_summary=promise.situation_summary,
        followup_plan=promise.followup_plan,
        previous=promise,
    )
    commitments = {}
    for commitment in promise.commitments.order_by("order", "id"):
        commitments[commitment.pk] = Commitment.objects.create(
            promise=renewed, text=commitment.text, order=commitment.order
        )
    activities = promise.activities.select_related("focus_area").prefetch_related(
        "partners"
    )
    for activity in activities.order_by("order", "id"):
        duplicate = Activity.objects.create(
            promise=renewed,
            commitment=commitments.get(activity.commitment_id),
            focus_area=activity.focus_area
            if activity.focus_area and activity.focus_area.is_active
            else None,
            text=activity.text,
            responsible_police=activity.responsible_police,
            responsible_municipality=activity.responsible_municipality,
            target_comparator=activity.target_comparator,
            target_value=activity.target_value,
            target_unit=activity.target_unit,
            target_scope=activity.target_scope,
            place=activity.place,
            order=activity.order,
        )
        duplicate.partners.set(activity.partners.all())
    for indicator in promise.indicators.prefetch_related("values").order_by(
        "order", "id"
    ):
        values = list(indicator.values.all())
        indicator.pk = None
        indicator.promise = renewed
        indicator.save()
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, year=v.year, value=v.value, note=v.note)
            for v in values
        )
    audit_log(
        actor=actor,
        action="promise.renew",
        obj=renewed,
        promise_id=renewed.pk,
        changes={
            "previous": [None, promise.title],
            "commitments": [None, len(commitments)],
            "activities": [None, activities.count()],
        },
    )
    return renewed


# --- Indicators -----------------------------------------------------------------------


@transaction.atomic
def indicator_create(
    *,
    promise: Promise,
    actor: User | None,
    name: str,
    source: str,
    unit: str,
    direction: str,
    description: str = "",
    focus_area: FocusArea | None = None,
) -> Indicator:
    _require_edit(actor, promise)
    indicator = Indicator(
        promise=promise,
        name=name.strip(),
        source=source.strip(),
        unit=unit.strip(),
        direction=direction,
        description=description,
        focus_area=focus_area,
        order=_next_order(promise.indicators),
    )
    return _save_part(
        actor=actor, promise=promise, instance=indicator, action="indicator.create"
    )


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    actor: User | None,
    name: str,
    source: str,
    unit: str,
    direction: str,
    description: str = "",
    focus_area: FocusArea | None = None,
) -> Indicator:
    return _update_part(
        actor=actor,
        instance=indicator,
        values={
            "name": name.strip(),
            "source": source.strip(),
            "unit": unit.strip(),
            "direction": direction,
            "description": description,
            "focus_area": focus_area,
        },
        action="indicator.update",
    )


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor: User | None) -> None:
    """Remove an indicator and its values."""
    _delete_part(
        actor=actor,
        promise=indicator.promise,
        instance=indicator,
        action="indicator.delete",
    )


@transaction.atomic
def indicator_move(*, indicator: Indicator, actor: User | None, offset: int) -> bool:
    promise = indicator.promise
    return _move_part(
        actor=actor,
        promise=promise,
        instance=indicator,
        ordered=list(promise.indicators.order_by("order", "id")),
        offset=offset,
        action="indicator.move",
    )


@transaction.atomic
def indicator_value_set(
    *,
    indicator: Indicator,
    actor: User | None,
    year: int,
    value,
    note: str = "",
) -> IndicatorValue:
    """Record (or correct) the indicator's value for a year."""
    promise = indicator.promise
    _require_edit(actor, promise)
    item = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if item is None:
        item = IndicatorValue(indicator=indicator, year=year, value=value, note=note)
        changes = {"value": [None, str(value)]}
    else:
        changes = field_changes(item, {"value": value, "note": note})
        if not changes:
            return item
    return _save_part(
        actor=actor,
        promise=promise,
        instance=item,
        action="indicator_value.set",
        changes=changes,
    )


@transaction.atomic
def indicator_value_delete(*, value: IndicatorValue, actor: User | None) -> None:
    """Remove the value of one year (a wrong year, or a figure withdrawn)."""
    _delete_part(
        actor=actor,
        promise=value.indicator.promise,
        instance=value,
        action="indicator_value.delete",
    )
