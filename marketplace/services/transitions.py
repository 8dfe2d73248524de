"""State machines as data (django-oscar style) and the one helper that applies a transition.

An app declares its lifecycle as ``{from_state: {to_state, ...}}`` and changes state only through
``apply_transition``, which locks the row, refuses transitions the pipeline does not allow (409
``illegal_transition``), saves, and audits ``from→to``.
"""

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from ..choices import AuditAction
from ..exceptions import Busy, IllegalTransition
from . import audit


def lock(instance):
    """Re-read ``instance`` with a row lock (SELECT … FOR UPDATE; a no-op on SQLite, whose IMMEDIATE transactions
    already serialize writers) and return the fresh copy. Must run inside a transaction."""
    try:
        return type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    except OperationalError as exc:  # lock timeout / deadlock victim
        raise Busy() from exc


def apply_transition(
    instance,
    to_state: str,
    *,
    pipeline: dict[str, set[str]],
    actor,
    organization=None,
    field: str = "status",
    note: str = "",
    update: dict | None = None,
):
    """Move ``instance`` to ``to_state`` if ``pipeline`` allows it from its current (locked, fresh) state.

    ``update`` holds other fields to set in the same save (e.g. a rejection reason). Returns the fresh instance.
    """
    with transaction.atomic():
        current = lock(instance)
        from_state = getattr(current, field)
        if to_state not in pipeline.get(from_state, set()):
            raise IllegalTransition(
                _("不能从“%(from)s”变更为“%(to)s”。") % {"from": from_state, "to": to_state},
                from_state=from_state,
                to_state=to_state,
            )
        before = audit.snapshot(current)
        setattr(current, field, to_state)
        for key, value in (update or {}).items():
            setattr(current, key, value)
        current.save()
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.TRANSITION,
            transition=f"{from_state}→{to_state}",
            changes=audit.diff(before, audit.snapshot(current)),
            note=note,
        )
    return current
