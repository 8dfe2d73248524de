"""Generic create / update / delete services for plain records edited through the API or forms.

Objects with a lifecycle change state through their own app's services; these three cover the field edits around
them, so even a plain edit runs in a transaction and leaves an audit entry.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from ..choices import AuditAction
from . import audit
from .transitions import lock


@dataclass(frozen=True)
class EditPolicy:
    """What an app adds to a plain edit of one of its models. ``check(current, validated_data)`` runs on the locked,
    fresh row before the save: it raises a DomainError to refuse the edit (409) and returns whatever ``after`` needs.
    ``after(instance, context, actor=, organization=)`` runs after the save, in the same transaction (e.g. a published
    listing whose public content changed goes back to review)."""

    check: Callable
    after: Callable | None = None


_EDIT_POLICIES: dict[type, EditPolicy] = {}


def register_edit_policy(model, policy: EditPolicy) -> None:
    """Make every ``update_record`` of ``model`` (API and pages alike) obey ``policy``; apps call it in ``ready()``."""
    _EDIT_POLICIES[model] = policy


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
    changed. Only the fields the request validated change; everything else keeps its current stored value. A model's
    registered ``EditPolicy`` may refuse the edit or act after it (see ``register_edit_policy``)."""
    model = type(serializer.instance)
    policy = _EDIT_POLICIES.get(model)
    written = set(serializer.validated_data)
    m2m = [f.name for f in model._meta.many_to_many if f.name in written]
    concrete = {f.name for f in model._meta.concrete_fields}
    nested = written - concrete - set(m2m)  # e.g. an instrument's opening hours, replaced as a whole
    with transaction.atomic():
        current = lock(serializer.instance)
        context = policy.check(current, serializer.validated_data) if policy else None
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
        if policy and policy.after:
            policy.after(instance, context, actor=actor, organization=organization)
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
