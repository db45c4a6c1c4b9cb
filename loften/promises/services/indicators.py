"""Effect measures (indicators) of a plan and their yearly values. Deleting and
moving an indicator, and deleting a value, is `plan.plan_part_delete` and
`plan.plan_part_move`."""

from django.db import transaction

from loften.core.models import User
from loften.core.services import field_changes

from ..models import FocusArea, Indicator, IndicatorValue, Promise
from .plan import next_order, part_save, part_update, require_edit


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
    require_edit(actor, promise)
    indicator = Indicator(
        promise=promise,
        name=name.strip(),
        source=source.strip(),
        unit=unit.strip(),
        direction=direction,
        description=description,
        focus_area=focus_area,
        order=next_order(promise.indicators),
    )
    return part_save(
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
    return part_update(
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
    require_edit(actor, promise)
    item = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if item is None:
        item = IndicatorValue(indicator=indicator, year=year, value=value, note=note)
        changes = {"value": [None, str(value)]}
    else:
        changes = field_changes(item, {"value": value, "note": note})
        if not changes:
            return item
    return part_save(
        actor=actor,
        promise=promise,
        instance=item,
        action="indicator_value.set",
        changes=changes,
    )
