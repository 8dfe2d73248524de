"""Background tasks of the participants app (django-tasks)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from .models import Notification

logger = logging.getLogger(__name__)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail notifications that have not been e-mailed yet. Idempotent: a retried task sends nothing twice."""
    sent = 0
    pending = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("recipient")
        .prefetch_related("target")
    )
    for notification in pending:
        address = notification.recipient.email
        if not address:
            continue
        body = notification.body
        if link := notification.link:  # always the configured public address, never the host of a request
            body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}/{link.lstrip('/')}"
        try:
            send_mail(f"[{settings.MARKET_NAME}] {notification.title}", body, None, [address])
        except OSError:
            logger.exception("e-mail for notification %s failed; it stays unsent", notification.pk)
            continue
        # Mark only rows still unsent, so two workers racing on the same id cannot both count it.
        sent += Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    return sent
