"""Generic create / update / delete services for plain records edited through the API or forms.

Objects with a lifecycle change state through their own app's services; these three cover the field edits around
them, so even a plain edit runs in a transaction and leaves an audit entry.
"""

from django.db import transaction

from ..choices import AuditAction
from . import audit
from .transitions import lock


def create_record(serializer, *, actor, organization=None, save: dict | None = None):
    """Save a validated serializer as a new object and audit it. ``organization`` is whom the actor acts for (the
    audit entry's); ``save`` holds values the caller sets on the object (e.g. its owner), passed to ``save()``."""
    with transaction.atomic():
        instance = serializer.save(**(save or {}))
        audit.record(
            actor=actor,
            organization=organization,
            target=instance,
            action=AuditAction.CREATE,
            changes={k: [None, v] for k, v in audit.snapshot(instance).items() if v not in (None, "", [], {})},
        )
    return instance


def update_record(serializer, *, actor, organization=None, save: dict | None = None):
    """Save a validated serializer over its instance (row locked, re-read under the lock) and audit the fields that
    changed. Only the fields the request validated change; everything else keeps its current stored value."""
    model = type(serializer.instance)
    written = set(serializer.validated_data)
    m2m = [f.name for f in model._meta.many_to_many if f.name in written]
    concrete = {f.name for f in model._meta.concrete_fields}
    nested = written - concrete - set(m2m)  # e.g. an instrument's opening hours, replaced as a whole
    with transaction.atomic():
        current = lock(serializer.instance)
        before = {**audit.snapshot(current), **_related_ids(current, m2m)}
        # The serializer's instance was read before the lock: bring every stored field up to the locked row, so the
        # save writes the validated fields over current values instead of writing stale ones back (a concurrent
        # approval or budget update in between would otherwise be undone). Annotations on it are kept.
        for field in model._meta.concrete_fields:
            setattr(serializer.instance, field.attname, getattr(current, field.attname))
        instance = serializer.save(**(save or {}))
        changes = audit.diff(before, {**audit.snapshot(instance), **_related_ids(instance, m2m)})
        changes.update({k: [None, audit.jsonable(serializer.validated_data[k])] for k in sorted(nested)})
        if changes:
            audit.record(
                actor=actor, organization=organization, target=instance, action=AuditAction.UPDATE, changes=changes
            )
    return instance


def _related_ids(instance, names) -> dict:
    return {name: sorted(getattr(instance, name).values_list("pk", flat=True)) for name in names}


def delete_record(instance, *, actor, organization=None):
    """Delete an object and audit it (the entry keeps the object's last values)."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            organization=organization,
            target=instance,
            action=AuditAction.DELETE,
            changes={k: [v, None] for k, v in audit.snapshot(instance).items()},
        )
        instance.delete()
