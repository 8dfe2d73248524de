"""Helpers shared by moderated objects (results, demands): who reviews, and the submit → approve / reject steps."""

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import RuleViolation
from ..permissions import moderators
from .notifications import notify, organization_recipients
from .transitions import apply_transition


def submit_for_review(obj, *, pipeline, actor, organization, kind: str, title: str, url: str = ""):
    """Owner sends ``obj`` (draft) to review; the moderators (administrators and the market operator's members) are
    told, with a link to ``url`` (the review page) if given."""
    with transaction.atomic():
        obj = apply_transition(obj, "pending_review", pipeline=pipeline, actor=actor, organization=organization)
        notify(moderators(), kind=kind, title=title, url=url, target=obj, email=False)
    return obj


def edited_fields(current, validated_data: dict, fields) -> set[str]:
    """The names among ``fields`` whose validated value differs from what the locked row ``current`` stores: foreign
    keys compared by id, many-to-many fields as sets of ids. Names that are not model fields (nested rows such as a
    result's patents) are left to the caller."""
    changed = set()
    for name in set(fields) & set(validated_data):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.auto_created and not field.concrete:
            continue  # a reverse relation written as nested rows (a result's patents): the caller compares it
        value = validated_data[name]
        if field.many_to_many:
            if {item.pk for item in value} != set(getattr(current, name).values_list("pk", flat=True)):
                changed.add(name)
        elif field.is_relation:
            if (value.pk if value is not None else None) != getattr(current, field.attname):
                changed.add(name)
        elif value != getattr(current, name):
            changed.add(name)
    return changed


def return_to_review(obj, *, from_state: str, actor, organization, kind: str, title: str, url: str = ""):
    """The owner changed what the public reads of a published ``obj`` (still in the edit's transaction): it goes
    back to ``pending_review`` — out of the public catalogue and, through the save signals, out of the search index —
    until a moderator approves it again. The transition is audited and the moderators are told. ``obj`` (the edited
    instance the caller answers with) gets the new status; the fresh row is returned."""
    with transaction.atomic():
        fresh = apply_transition(
            obj, "pending_review", pipeline={from_state: {"pending_review"}}, actor=actor, organization=organization,
            note=_("发布后修改，重新审核"),
        )  # fmt: skip
        notify(moderators(), kind=kind, title=title, url=url, target=fresh, email=False)
    obj.status = fresh.status
    obj.updated_at = getattr(fresh, "updated_at", None)
    return fresh


def approve(obj, *, to_state: str, pipeline, actor, owner, kind: str, title: str, note: str = ""):
    """An administrator publishes ``obj``; its owner is told."""
    with transaction.atomic():
        obj = apply_transition(
            obj,
            to_state,
            pipeline=pipeline,
            actor=actor,
            note=note,
            update={"published_at": timezone.now(), "review_note": note},
        )
        notify(organization_recipients(owner), kind=kind, title=title, target=obj, organization=owner)
    return obj


def reject(obj, *, pipeline, actor, owner, kind: str, title: str, reason: str, url: str = ""):
    """An administrator returns ``obj`` to draft with a reason the owner sees (on its page ``url``, if given)."""
    if not reason.strip():
        raise RuleViolation(_("请填写退回原因。"), field="note")
    with transaction.atomic():
        obj = apply_transition(
            obj, "draft", pipeline=pipeline, actor=actor, note=reason, update={"review_note": reason}
        )
        notify(
            organization_recipients(owner), kind=kind, title=title, body=reason, url=url, target=obj, organization=owner
        )
    return obj
