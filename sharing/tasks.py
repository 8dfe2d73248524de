"""Background tasks of the sharing app (django-tasks)."""

from datetime import datetime

from django_tasks import task


@task()
def send_reminders_task(now: str | None = None) -> int:
    """Send the reminders due at ``now`` (ISO 8601; default the current time). Returns how many were sent. Safe to
    run while another run is going: each reminder is sent once (see ``sharing.services.reminders``)."""
    from .services.reminders import send_reminders

    return send_reminders(now=datetime.fromisoformat(now) if now else None).total
