"""Activities of a plan and the shared focus areas they are grouped by."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loften.core.exceptions import StaleVersionError
from loften.core.models import User
from loften.core.services import audit_log, field_changes
from loften.organisations.models import Organisation
from loften.organisations.selectors import organisation_list_for_user

from ..models import Activity, Commitment, FocusArea, Promise, TargetScope
from ..rules import activity_problems
from ..selectors import activity_groups
from ..signals import activity_deleting
from .plan import (
    next_order,
    part_delete,
    part_move,
    part_save,
    promise_plan_changed,
    reorder,
    require_edit,
)

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


# --- Focus areas ----------------------------------------------------------------------


@transaction.atomic
def focus_area_create(
    *, actor: User | None, name: str, promise: Promise | None = None
) -> FocusArea:
    """Add a focus area, or return the one already called `name` (case does not
    matter). Editors add one only by choosing to. One typed in for a `promise`
    is that promise's own until a promise that uses it is published
    (`focus_areas_share`); without a promise it is shared at once."""
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
    area = FocusArea(
        name=name,
        slug=slug,
        order=next_order(FocusArea.objects),
        private_to=promise,
    )
    area.full_clean()
    area.save()
    audit_log(actor=actor, action="focus_area.create", obj=area)
    return area


def focus_areas_share(*, promise: Promise) -> list[FocusArea]:
    """Share the focus areas typed in for drafts that `promise`'s plan uses, now
    that it is published (called by the publication, in its transaction)."""
    used = Q(activities__promise=promise) | Q(indicators__promise=promise)
    areas = list(FocusArea.objects.filter(used, private_to__isnull=False).distinct())
    for area in areas:
        FocusArea.objects.filter(pk=area.pk).update(private_to=None)
        audit_log(
            actor=None,
            action="focus_area.share",
            obj=area,
            promise_id=promise.pk,
            changes={"private_to": [area.private_to_id, None]},
        )
        area.private_to = None
    return areas


def focus_areas_release(*, promise: Promise) -> None:
    """Before `promise` is deleted: its unshared focus areas go to another draft
    that uses them, or are deleted with it."""
    for area in FocusArea.objects.filter(private_to=promise):
        other = (
            Promise.objects.filter(
                Q(activities__focus_area=area) | Q(indicators__focus_area=area)
            )
            .exclude(pk=promise.pk)
            .order_by("pk")
            .first()
        )
        if other is not None:
            FocusArea.objects.filter(pk=area.pk).update(private_to=other)
        else:
            promise.activities.filter(focus_area=area).update(focus_area=None)
            promise.indicators.filter(focus_area=area).update(focus_area=None)
            area.delete()


# --- Activities -----------------------------------------------------------------------


def _check_activity(activity: Activity, partners: list[Organisation]) -> None:
    """The rules of `promises.rules.activity_problems`, and those that need the
    database: the commitment is the promise's own, the partners are partners."""
    if activity.target_value is None:
        # A comparison without a number is no target: it is dropped.
        activity.target_comparator = ""
        activity.target_unit = activity.target_unit.strip()
    problems = activity_problems(
        responsible_police=activity.responsible_police,
        responsible_municipality=activity.responsible_municipality,
        partner_count=len(partners),
        target_comparator=activity.target_comparator,
        target_value=activity.target_value,
        target_unit=activity.target_unit,
    )
    if problems:
        raise ValidationError(problems)
    if activity.commitment_id and activity.commitment.promise_id != activity.promise_id:
        raise ValidationError(
            {"commitment": _("The commitment belongs to another promise.")}
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
    require_edit(actor, promise)
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
        order=next_order(promise.activities),
    )
    _check_activity(activity, partners)
    part_save(actor=actor, promise=promise, instance=activity, action="activity.create")
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
    require_edit(actor, promise)
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
    part_save(
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
    part_delete(
        actor=actor,
        promise=activity.promise,
        instance=activity,
        action="activity.delete",
    )


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
    return part_move(
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
    require_edit(actor, promise)
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
    reorder(Activity, [item for _area, items in groups for item in items])
    promise_plan_changed(promise=promise)
    audit_log(
        actor=actor,
        action="focus_area.move",
        obj=focus_area or promise,
        promise_id=promise.pk,
        changes={"position": [index + 1, target + 1]},
    )
    return True
