"""The audit log: one function that every service calls inside its transaction."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..choices import AuditAction
from ..models import AuditEntry


def jsonable(value):
    """A JSON-safe copy of a field value (Decimal as string, model as pk)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields=None) -> dict:
    """The concrete field values of an instance (foreign keys as ids), for computing what a change touched."""
    # auto_now timestamps change on every save and the entry has its own time: they are not "changes".
    names = fields or [f.attname for f in instance._meta.concrete_fields if not getattr(f, "auto_now", False)]
    return {name: jsonable(getattr(instance, name)) for name in names}


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for the fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    *,
    actor,
    target: models.Model,
    action: str,
    organization=None,
    transition: str = "",
    changes: dict | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction so the entry commits with the change."""
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_repr=str(actor)[:150] if actor else "system",
        organization=organization,
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        action=action,
        transition=transition,
        changes=jsonable(changes or {}),
        note=note,
    )
