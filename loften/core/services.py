"""Writes shared by every app: the audit log."""

from typing import Any

from django.db import models

from .models import AuditEntry, User


def audit_log(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    promise_id: int | None = None,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Record one change. Call it inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        promise_id=promise_id,
        changes=changes or {},
        message=message,
    )


def field_changes(
    instance: models.Model, values: dict[str, Any]
) -> dict[str, list[Any]]:
    """Set `values` on `instance` and return {field: [old, new]} for those that differ.

    Values are stored in the audit log as JSON, so they are turned into text.
    """
    changes: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
            setattr(instance, name, new)
    return changes


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
