"""Matchmaking events (推介会 / 对接会): an organizer's event with featured results and demands, registrations by
firms and institutes (with what they bring), check-in, one-to-one meetings (一对一洽谈) and the leads (意向 or 解题方案)
that came out of them.

Other apps' models are not changed: an ``EventLead`` records that an inquiry or a proposal started at a meeting.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.models import Organization

from .choices import EventKind, EventStatus, MeetingStatus, RegistrationStatus

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CLOSED, EventStatus.CANCELLED)


def _is_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_platform_admin)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published, closed and cancelled events are public; drafts only to their organizer and administrators."""
        if _is_admin(user):
            return self
        public = Q(status__in=PUBLIC_STATUSES)
        if user is not None and user.is_authenticated:
            public |= Q(organizer_id__in=user.organization_ids())
        return self.filter(public)


class Event(models.Model):
    """A matchmaking event (成果推介会 / 需求对接会 / 揭榜发布) organized by an organization."""

    organizer = models.ForeignKey(Organization, models.PROTECT, related_name="organized_events",
                                  verbose_name=_("主办机构"))  # fmt: skip
    kind = models.CharField(_("活动类型"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    online_url = models.URLField(_("线上链接"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("名额"))
    agenda = models.TextField(_("议程"), max_length=5000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    featured_results = models.ManyToManyField("tech_transfer.Result", blank=True, related_name="events",
                                              verbose_name=_("推介成果"))  # fmt: skip
    featured_demands = models.ManyToManyField("demands.Demand", blank=True, related_name="events",
                                              verbose_name=_("对接需求"))  # fmt: skip
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("对接活动")
        verbose_name_plural = _("对接活动")
        indexes = [models.Index(fields=["status", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="event_end_after_start",
                violation_error_message=_("结束时间须晚于开始时间。"),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="event_capacity_positive",
                violation_error_message=_("名额至少为1。"),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="event_place_or_link",
                violation_error_message=_("请填写地点或线上链接。"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("frontend:event_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("结束时间须晚于开始时间。")
        if not self.place and not self.online_url:
            errors["place"] = _("请填写地点或线上链接。")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("名额至少为1。")
        if errors:
            raise ValidationError(errors)


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A registration is seen by the registering organization, the event's organizer and administrators."""
        if _is_admin(user):
            return self
        if user is None or not user.is_authenticated:
            return self.none()
        ids = user.organization_ids()
        return self.filter(Q(organization_id__in=ids) | Q(event__organizer_id__in=ids))


class Registration(models.Model):
    """An organization's registration (报名) for an event, with the results and demands it brings. One per
    organization and event (database)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="event_registrations",
                                     verbose_name=_("报名机构"))  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("报名人"))
    status = models.CharField(
        _("状态"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    note = models.TextField(_("备注"), max_length=2000, blank=True)
    results = models.ManyToManyField("tech_transfer.Result", blank=True, related_name="+", verbose_name=_("携带成果"))
    demands = models.ManyToManyField("demands.Demand", blank=True, related_name="+", verbose_name=_("携带需求"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                      related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="registration_once_per_organization",
                violation_error_message=_("该机构已报名此活动。"),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"), name="registration_checkin_confirmed",
                violation_error_message=_("只有已确认的报名可以签到。"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.organization} @ {self.event}"

    def get_absolute_url(self):
        return reverse("frontend:my_registration", args=[self.pk])


def _meeting_parties(queryset, user, meeting: str):
    """``queryset`` narrowed to the rows whose meeting (reached through the ``meeting`` lookup prefix) has one of the
    user's organizations as a party, or whose event it organizes; everything for administrators."""
    if _is_admin(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    ids = user.organization_ids()
    return queryset.filter(
        Q(**{f"{meeting}requester__organization_id__in": ids})
        | Q(**{f"{meeting}counterpart__organization_id__in": ids})
        | Q(event__organizer_id__in=ids)
    )


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A meeting is seen by its two parties, the event's organizer and administrators."""
        return _meeting_parties(self, user, "")


class Meeting(models.Model):
    """A one-to-one meeting (一对一洽谈) requested by one registered party of another, in a slot of the event. A
    party is never in two live meetings whose slots overlap (``services.request_meeting`` under the event's lock)."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="meetings")
    requester = models.ForeignKey(Registration, models.CASCADE, related_name="meetings_requested",
                                  verbose_name=_("发起方"))  # fmt: skip
    counterpart = models.ForeignKey(Registration, models.CASCADE, related_name="meetings_received",
                                    verbose_name=_("洽谈对象"))  # fmt: skip
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    table = models.CharField(_("桌号/会议室"), max_length=60, blank=True)
    message = models.TextField(_("洽谈事项"), max_length=2000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("一对一洽谈")
        verbose_name_plural = _("一对一洽谈")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="meeting_end_after_start",
                violation_error_message=_("结束时间须晚于开始时间。"),
            ),
            models.CheckConstraint(
                condition=~Q(requester=F("counterpart")), name="meeting_two_parties",
                violation_error_message=_("不能与本机构洽谈。"),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.requester.organization} ↔ {self.counterpart.organization}"

    def get_absolute_url(self):
        return reverse("frontend:my_events")


class EventLeadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A lead is seen by the parties of its meeting, the event's organizer and administrators."""
        return _meeting_parties(self, user, "meeting__")


class EventLead(models.Model):
    """A follow-up that started at an event's meeting: an inquiry on a result (意向) or a proposal for a demand
    (解题方案). Exactly one of the two is set (database); each inquiry or proposal has at most one origin."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="leads")
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="leads")
    inquiry = models.OneToOneField("tech_transfer.Inquiry", models.CASCADE, null=True, blank=True,
                                   related_name="event_lead")  # fmt: skip
    proposal = models.OneToOneField("demands.Proposal", models.CASCADE, null=True, blank=True,
                                    related_name="event_lead")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventLeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("活动线索")
        verbose_name_plural = _("活动线索")
        constraints = [
            models.CheckConstraint(
                condition=Q(inquiry__isnull=False, proposal__isnull=True)
                | Q(inquiry__isnull=True, proposal__isnull=False),
                name="event_lead_one_target",
                violation_error_message=_("线索须对应一个意向或一个解题方案。"),
            )
        ]

    def __str__(self):
        return str(self.inquiry or self.proposal)

    @property
    def target(self):
        return self.inquiry or self.proposal


# Technology brokers (技术经理人) live in their own module; imported here so Django finds their models.
from .brokers import (  # noqa: E402
    BrokerAssignment,
    BrokerMeeting,
    BrokerNote,
    BrokerProfile,
    BrokerRating,
    BrokerSuggestion,
)

__all__ = [
    "BrokerAssignment",
    "BrokerMeeting",
    "BrokerNote",
    "BrokerProfile",
    "BrokerRating",
    "BrokerSuggestion",
    "Event",
    "EventLead",
    "Meeting",
    "Registration",
]
