"""Choices and lifecycles of the events app (transitions as data, see marketplace.services.transitions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.choices import OrganizationKind


class EventKind(models.TextChoices):
    ROADSHOW = "roadshow", _("成果推介会")
    MATCHMAKING = "matchmaking", _("需求对接会")
    CHALLENGE_LAUNCH = "challenge_launch", _("揭榜发布")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已取消")


EVENT_PIPELINE = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.CLOSED, EventStatus.CANCELLED},
}


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("未通过")
    CANCELLED = "cancelled", _("已取消")


REGISTRATION_PIPELINE = {
    RegistrationStatus.PENDING: {RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED,
                                 RegistrationStatus.CANCELLED},
    RegistrationStatus.CONFIRMED: {RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED},
}  # fmt: skip
#: Registrations that take a seat (capacity counts them).
SEATED = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("待答复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已拒绝")
    CANCELLED = "cancelled", _("已取消")


MEETING_PIPELINE = {
    MeetingStatus.REQUESTED: {MeetingStatus.ACCEPTED, MeetingStatus.DECLINED, MeetingStatus.CANCELLED},
    MeetingStatus.ACCEPTED: {MeetingStatus.CANCELLED},
}
#: Meetings that hold their slot (a party is never in two of these at once).
LIVE_MEETINGS = (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED)

#: Who may organize an event: the market operator (a service provider), the authority, institutes, service providers.
ORGANIZER_KINDS = (OrganizationKind.AUTHORITY, OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
#: Who may register: firms, institutes and service providers.
REGISTRANT_KINDS = (OrganizationKind.ENTERPRISE, OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
