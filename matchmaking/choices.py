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


# ------------------------------------------------------------------------------------- technology brokers (技术经理人)


class BrokerLevel(models.TextChoices):
    """The level of a broker's certificate (技术经理人 初级 / 中级 / 高级)."""

    JUNIOR = "junior", _("初级")
    INTERMEDIATE = "intermediate", _("中级")
    SENIOR = "senior", _("高级")


class BrokerStatus(models.TextChoices):
    PENDING = "pending", _("待认证")
    VERIFIED = "verified", _("已认证")
    REJECTED = "rejected", _("未通过")


BROKER_PIPELINE = {
    BrokerStatus.PENDING: {BrokerStatus.VERIFIED, BrokerStatus.REJECTED},
    BrokerStatus.REJECTED: {BrokerStatus.PENDING},
    BrokerStatus.VERIFIED: {BrokerStatus.PENDING},  # a changed certificate is checked again
}

#: Who a broker works for: a service provider (技术转移机构) or an institute's transfer office.
BROKER_ORGANIZATION_KINDS = (OrganizationKind.SERVICE_PROVIDER, OrganizationKind.INSTITUTE)


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("待接受")
    ACCEPTED = "accepted", _("服务中")
    DECLINED = "declined", _("已婉拒")
    CANCELLED = "cancelled", _("已撤销")
    CLOSED = "closed", _("已结束")


ASSIGNMENT_PIPELINE = {
    AssignmentStatus.PENDING: {AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED, AssignmentStatus.CANCELLED},
    AssignmentStatus.ACCEPTED: {AssignmentStatus.CLOSED, AssignmentStatus.CANCELLED},
}
#: Assignments that hold the broker on the deal (one live assignment per broker and deal).
LIVE_ASSIGNMENTS = (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED)
#: Assignments the broker worked on (counted in the track record; the broker sees the deal's details).
WORKED_ASSIGNMENTS = (AssignmentStatus.ACCEPTED, AssignmentStatus.CLOSED)


class DealKind(models.TextChoices):
    """What a broker is assigned to (the field of ``BrokerAssignment`` that is set)."""

    DEMAND = "demand", _("企业需求")
    INQUIRY = "inquiry", _("成果意向")
    AUCTION = "auction", _("成果拍卖")
    CONTRACT = "contract", _("技术合同")


class CommissionKind(models.TextChoices):
    RATE = "rate", _("按合同金额比例")
    FIXED = "fixed", _("固定金额")


class CommissionPayer(models.TextChoices):
    BUYER = "buyer", _("技术需求方支付")
    SELLER = "seller", _("技术提供方支付")
    BOTH = "both", _("双方各半")
