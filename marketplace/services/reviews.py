"""Helpers shared by moderated objects (results, demands): who reviews, and the submit → approve / reject steps."""

from django.db import transaction
from django.utils import timezone

from ..exceptions import RuleViolation
from ..models import User
from .notifications import notify, organization_recipients
from .transitions import apply_transition


def platform_admins():
    return User.objects.filter(is_platform_admin=True, is_active=True)


def submit_for_review(obj, *, pipeline, actor, organization, kind: str, title: str):
    """Owner sends ``obj`` (draft) to review; administrators are told."""
    with transaction.atomic():
        obj = apply_transition(obj, "pending_review", pipeline=pipeline, actor=actor, organization=organization)
        notify(platform_admins(), kind=kind, title=title, target=obj, email=False)
    return obj


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


def reject(obj, *, pipeline, actor, owner, kind: str, title: str, reason: str):
    """An administrator returns ``obj`` to draft with a reason the owner sees."""
    if not reason.strip():
        raise RuleViolation("请填写退回原因 (a reason is required).", field="note")
    with transaction.atomic():
        obj = apply_transition(
            obj, "draft", pipeline=pipeline, actor=actor, note=reason, update={"review_note": reason}
        )
        notify(organization_recipients(owner), kind=kind, title=title, body=reason, target=obj, organization=owner)
    return obj
