"""Notifications: one function creates the in-app messages and, once the transaction commits, e-mails them."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ..models import Membership, Notification, Organization, User


def organization_recipients(organization: Organization, role: str | None = None):
    """The users who act for an organization (optionally only its administrators)."""
    memberships = Membership.objects.filter(organization=organization)
    if role:
        memberships = memberships.filter(role=role)
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True)


def notify(
    recipients,
    *,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target=None,
    organization: Organization | None = None,
    email: bool = True,
) -> list[Notification]:
    """Create one notification per recipient; e-mail them after commit through a background task.

    Rows are written in the caller's transaction, so a rolled-back change leaves no message behind, and no e-mail is
    ever sent for a change that did not commit. ``recipients`` are users; an ``int`` stands for the id of a user
    known to be active (e.g. read with ``organization_recipients(...).values("pk")`` in a query the caller made).
    """
    return notify_each(
        [
            {
                "recipients": recipients,
                "kind": kind,
                "title": title,
                "body": body,
                "url": url,
                "target": target,
                "organization": organization,
            }
        ],
        email=email,
    )


def notify_each(messages: list[dict], *, email: bool = True) -> list[Notification]:
    """Several ``notify`` calls (each a dict of its arguments but ``email``) in one INSERT and one after-commit
    e-mail task."""
    rows = []
    for message in messages:
        target = message.get("target")
        recipient_ids = dict.fromkeys(  # in the given order, once each
            user if isinstance(user, int) else user.pk
            for user in message["recipients"]
            if isinstance(user, int) or (user is not None and user.is_active)
        )
        if not recipient_ids:
            continue
        content_type = ContentType.objects.get_for_model(target) if target is not None else None
        rows.extend(
            Notification(
                recipient_id=user_id,
                organization=message.get("organization"),
                kind=message["kind"],
                title=message["title"][:200],
                body=message.get("body", ""),
                url=message.get("url", ""),
                content_type=content_type,
                object_id=str(target.pk) if target is not None else "",
            )
            for user_id in recipient_ids
        )
    if not rows:
        return []
    notifications = Notification.objects.bulk_create(rows)
    if email:
        ids = [n.pk for n in notifications]  # SQLite and PostgreSQL both return ids from bulk_create
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return notifications


def _enqueue_emails(ids):
    from ..tasks import send_notification_emails

    send_notification_emails.enqueue(ids)


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` as read; returns how many. One UPDATE, so concurrent calls cannot
    double-mark and read times already set are kept."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def mark_read(notification: Notification) -> Notification:
    """Mark one notification as read (keeps the first read time)."""
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification
