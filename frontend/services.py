"""The few state changes the pages make themselves."""

from django.utils import timezone

from marketplace.models import Notification


def mark_all_notifications_read(user) -> int:
    """Mark every unread notification of ``user`` as read now; returns how many were marked.

    One UPDATE, so concurrent calls cannot double-mark and read times already set are kept.
    """
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
