"""What every change to a promise's plan shares: the edit right, the new revision,
and saving, deleting and moving an ordered part of the plan, written once for
every kind of part (sources, commitments, signatories, activities, indicators)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.core.services import audit_log, field_changes

from ..models import (
    Commitment,
    Contact,
    Indicator,
    IndicatorValue,
    Promise,
    Signatory,
    SituationSource,
)
from ..permissions import can_edit_promise

# The audit name of each kind of part that `plan_part_delete` and
# `plan_part_move` take, and the promise's ordered list it moves within (None:
# not moved on its own). Activities have their own delete and move (their
# follow-ups, and the grouping by focus area).
ORDERED_PARTS: dict[type[models.Model], tuple[str, str | None]] = {
    SituationSource: ("situation_source", "situation_sources"),
    Commitment: ("commitment", "commitments"),
    Signatory: ("signatory", "signatories"),
    Contact: ("contact", "contacts"),
    Indicator: ("indicator", "indicators"),
    IndicatorValue: ("indicator_value", None),
}


def require_edit(actor: User | None, promise: Promise) -> None:
    """Refuse an actor who may not change `promise` (None is the system)."""
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


def next_order(queryset: models.QuerySet) -> int:
    """The `order` that puts a new row after every row of `queryset`."""
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 10


def part_save(
    *,
    actor: User | None,
    promise: Promise,
    instance: models.Model,
    action: str,
    changes: dict | None = None,
) -> Any:
    """Validate and save a part of the plan, note the new revision and audit it."""
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


def part_update(
    *, actor: User | None, instance: Any, values: dict[str, Any], action: str
) -> Any:
    """Change some fields of a part of the plan, if any really change."""
    promise = instance.promise
    require_edit(actor, promise)
    changes = field_changes(instance, values)
    if not changes:
        return instance
    return part_save(
        actor=actor, promise=promise, instance=instance, action=action, changes=changes
    )


def part_delete(
    *, actor: User | None, promise: Promise, instance: models.Model, action: str
) -> None:
    """Delete a part of the plan, audited, and note the new revision."""
    require_edit(actor, promise)
    audit_log(actor=actor, action=action, obj=instance, promise_id=promise.pk)
    instance.delete()
    promise_plan_changed(promise=promise)


def _promise_of(part: models.Model) -> Promise:
    if isinstance(part, IndicatorValue):
        return part.indicator.promise
    return part.promise  # type: ignore[attr-defined]


@transaction.atomic
def plan_part_delete(*, part: models.Model, actor: User | None) -> None:
    """Remove a source, commitment, signatory, indicator (with its values) or an
    indicator's value from the plan."""
    name, _ordered = ORDERED_PARTS[type(part)]
    part_delete(
        actor=actor, promise=_promise_of(part), instance=part, action=f"{name}.delete"
    )


def reorder(model: type[models.Model], ordered: list) -> None:
    """Renumber `ordered` 10, 20, 30, … writing only the rows that change."""
    for position, item in enumerate(ordered, start=1):
        if item.order != position * 10:
            model.objects.filter(pk=item.pk).update(order=position * 10)
            item.order = position * 10


def part_move(
    *,
    actor: User | None,
    promise: Promise,
    instance: Any,
    ordered: list,
    offset: int,
    action: str,
    bounds: tuple[int, int] | None = None,
) -> bool:
    """Move `instance` by `offset` places in `ordered` (within `bounds`, the first
    and last index it may take), renumber and audit. False when it cannot move."""
    require_edit(actor, promise)
    index = next(i for i, item in enumerate(ordered) if item.pk == instance.pk)
    low, high = bounds if bounds is not None else (0, len(ordered) - 1)
    target = max(low, min(high, index + offset))
    if target == index:
        return False
    ordered.insert(target, ordered.pop(index))
    reorder(type(instance), ordered)
    promise_plan_changed(promise=promise)
    audit_log(
        actor=actor,
        action=action,
        obj=instance,
        promise_id=promise.pk,
        changes={"position": [index + 1, target + 1]},
    )
    return True


@transaction.atomic
def plan_part_move(*, part: models.Model, actor: User | None, offset: int) -> bool:
    """Move a source, commitment, signatory or indicator up (negative offset) or
    down among its kind. Returns False when it is already first or last."""
    name, related = ORDERED_PARTS[type(part)]
    if related is None:
        raise TypeError(f"{type(part).__name__} is not moved on its own")
    promise = _promise_of(part)
    return part_move(
        actor=actor,
        promise=promise,
        instance=part,
        ordered=list(getattr(promise, related).order_by("order", "id")),
        offset=offset,
        action=f"{name}.move",
    )
