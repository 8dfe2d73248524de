"""Helpers shared by moderated objects (results, demands): who reviews, and the submit → approve / reject steps."""

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
