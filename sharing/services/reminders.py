"""Reminders (提醒), sent through ``notify`` by ``manage.py send_reminders`` (or its task), which cron runs every few
minutes:

- before a session, at each offset of ``BOOKING_REMINDER_HOURS`` (default "24,1"), to the requester of a confirmed
  booking: the reminder of the *smallest* offset the session has entered is sent (a booking made 30 minutes ahead
  gets the 1 h reminder only; the 24 h one is recorded as skipped so that it never arrives after the 1 h one);
- to the owner's members, for a request still waiting for approval ``BOOKING_APPROVAL_REMINDER_HOURS`` (default 24)
  after it was made, while its start is still ahead.

Each reminder is sent exactly once: the row ``SentReminder(booking, kind)`` (unique) is inserted before the
notification, in the same transaction. A second, concurrent run blocks on the unique index until the first commits
and then skips the reminder (insert-or-skip), so overlapping cron runs never send twice.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from instruments.choices import BookingStatus
from instruments.models import Booking
from marketplace.services.notifications import notify, organization_recipients

from ..models import SentReminder

logger = logging.getLogger(__name__)

APPROVAL = "approval"


def reminder_offsets(value=None) -> list[Decimal]:
    """The session offsets in hours, largest first, from ``BOOKING_REMINDER_HOURS`` ("24,1", a list also works).
    Entries that are not positive numbers are ignored (and logged), so a typo never stops the other reminders."""
    raw = settings.BOOKING_REMINDER_HOURS if value is None else value
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    offsets = set()
    for part in parts:
        try:
            hours = Decimal(str(part).strip())
        except InvalidOperation:
            logger.warning("BOOKING_REMINDER_HOURS: ignoring %r", part)
            continue
        if hours > 0:
            offsets.add(hours.normalize())
        else:
            logger.warning("BOOKING_REMINDER_HOURS: ignoring %r", part)
    return sorted(offsets, reverse=True)


def session_kind(hours: Decimal) -> str:
    return f"session_{format(hours.normalize(), 'f')}h"


@dataclass
class ReminderRun:
    """What one run did: reminders sent per kind, and how many were found already sent (by this or another run)."""

    sent: dict = field(default_factory=dict)
    skipped: int = 0

    @property
    def total(self) -> int:
        return sum(self.sent.values())

    def count(self, kind):
        self.sent[kind] = self.sent.get(kind, 0) + 1


def _claim(booking, kind, now, recipients: int, *, skipped=False) -> bool:
    """Insert the reminder's row; False if it exists (sent by an earlier or a concurrent run)."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(booking=booking, kind=kind, sent_at=now, recipients=recipients, skipped=skipped)
    except IntegrityError:
        return False
    return True


def _when(booking) -> str:
    return f"{timezone.localtime(booking.start):%Y-%m-%d %H:%M} – {timezone.localtime(booking.end):%H:%M}"


def send_session_reminders(now, run: ReminderRun, offsets) -> None:
    if not offsets:
        return
    horizon = now + timedelta(hours=float(offsets[0]))
    bookings = list(
        Booking.objects.filter(status=BookingStatus.CONFIRMED, start__gt=now, start__lte=horizon)
        .select_related("instrument", "requester", "requester_org")
        .order_by("start", "pk")
    )
    done = set(SentReminder.objects.filter(booking__in=[b.pk for b in bookings]).values_list("booking_id", "kind"))
    for booking in bookings:
        ahead = booking.start - now
        entered = [h for h in offsets if ahead <= timedelta(hours=float(h))]  # largest first
        kind = session_kind(entered[-1])
        if (booking.pk, kind) in done:
            continue
        with transaction.atomic():
            if not _claim(booking, kind, now, 1):
                run.skipped += 1
                continue
            for larger in entered[:-1]:  # never send a 24 h reminder after the 1 h one
                if (booking.pk, session_kind(larger)) not in done:
                    _claim(booking, session_kind(larger), now, 0, skipped=True)
            hours = format(entered[-1].normalize(), "f")
            notify(
                [booking.requester],
                kind="booking.reminder",
                title=_("预约提醒：%(i)s 将于 %(t)s 开始")
                % {"i": booking.instrument.name, "t": f"{timezone.localtime(booking.start):%m-%d %H:%M}"},
                body=_("您预约的仪器使用时段：%(when)s（距开始不到 %(h)s 小时）。")
                % {"when": _when(booking), "h": hours},
                url=booking.get_absolute_url(),
                target=booking,
                organization=booking.requester_org,
            )
        run.count(kind)


def send_approval_reminders(now, run: ReminderRun, hours: int) -> None:
    if hours <= 0:
        return
    bookings = list(
        Booking.objects.filter(
            status=BookingStatus.REQUESTED, start__gt=now, created_at__lte=now - timedelta(hours=hours)
        )
        .exclude(sent_reminders__kind=APPROVAL)
        .select_related("instrument__owner", "requester_org")
        .order_by("created_at", "pk")
    )
    for booking in bookings:
        owner = booking.instrument.owner
        recipients = list(organization_recipients(owner))
        with transaction.atomic():
            if not _claim(booking, APPROVAL, now, len(recipients)):
                run.skipped += 1
                continue
            notify(
                recipients,
                kind="booking.approval_reminder",
                title=_("预约等待审批：%(i)s") % {"i": booking.instrument.name},
                body=_("%(org)s 于 %(at)s 提交的预约（%(when)s）已等待审批超过 %(h)d 小时。")
                % {
                    "org": booking.requester_org.name,
                    "at": f"{timezone.localtime(booking.created_at):%Y-%m-%d %H:%M}",
                    "when": _when(booking),
                    "h": hours,
                },
                url=booking.get_absolute_url(),
                target=booking,
                organization=owner,
            )
        run.count(APPROVAL)


def send_reminders(*, now=None) -> ReminderRun:
    """Send every reminder that is due at ``now`` (default: the current time) and not sent yet."""
    now = now or timezone.now()
    run = ReminderRun()
    send_session_reminders(now, run, reminder_offsets())
    send_approval_reminders(now, run, int(settings.BOOKING_APPROVAL_REMINDER_HOURS))
    return run
