"""Generic create / update / delete services for plain records edited through the API or forms.

Objects with a lifecycle change state through their own app's services; these three cover the field edits around
them, so even a plain edit runs in a transaction and leaves an audit entry.
"""

from django.db import transaction

from ..choices import AuditAction
from . import audit
from .transitions import lock


def create_record(serializer, *, actor, organization=None, **extra):
    """Save a validated serializer as a new object and audit it."""
    with transaction.atomic():
        instance = serializer.save(**extra)
        audit.record(
            actor=actor,
            organization=organization,
            target=instance,
            action=AuditAction.CREATE,
            changes={k: [None, v] for k, v in audit.snapshot(instance).items() if v not in (None, "", [], {})},
        )
    return instance


def update_record(serializer, *, actor, organization=None, **extra):
    """Save a validated serializer over its instance (row locked) and audit the fields that changed."""
    with transaction.atomic():
        before = audit.snapshot(lock(serializer.instance))
        instance = serializer.save(**extra)
        changes = audit.diff(before, audit.snapshot(instance))
        m2m = {k: v for k, v in serializer.validated_data.items() if isinstance(v, list)}
        changes.update({k: [None, audit._jsonable(v)] for k, v in m2m.items()})
        if changes:
            audit.record(
                actor=actor, organization=organization, target=instance, action=AuditAction.UPDATE, changes=changes
            )
    return instance


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
