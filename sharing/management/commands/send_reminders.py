"""``manage.py send_reminders``: send the booking reminders that are due (run it from cron every 5 minutes)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sharing.services.reminders import send_reminders
from sharing.tasks import send_reminders_task


class Command(BaseCommand):
    help = (
        "Send due reminders: before sessions (BOOKING_REMINDER_HOURS, default 24,1) to requesters, and to owners for "
        "requests waiting for approval longer than BOOKING_APPROVAL_REMINDER_HOURS (default 24). Each is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="act as if it were this time (ISO 8601, e.g. 2026-03-01T08:00+08:00)")
        parser.add_argument("--enqueue", action="store_true", help="enqueue the task for the worker instead")

    def handle(self, *args, now=None, enqueue=False, **options):
        moment = None
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: not an ISO 8601 time: {now!r}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        if enqueue:
            result = send_reminders_task.enqueue(moment.isoformat() if moment else None)
            self.stdout.write(f"enqueued send_reminders_task ({result.id})")
            return
        run = send_reminders(now=moment)
        detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(run.sent.items())) or "none due"
        self.stdout.write(f"sent {run.total} reminder(s) ({detail}); {run.skipped} already sent")
