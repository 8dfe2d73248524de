"""Event services: the event's lifecycle, registration (capacity under the event's row lock), confirmation and
check-in by the organizer, one-to-one meetings (no party double-booked, checked under the event's row lock) and the
leads (an inquiry or a proposal) that a meeting turns into. Every change is transactional and audited."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from demands import services as demand_services
from demands.models import PUBLIC_STATUSES as PUBLIC_DEMAND_STATUSES
from marketplace.choices import AuditAction, OrganizationKind
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock
from tech_transfer import services as transfer_services
from tech_transfer.choices import ResultStatus

from .choices import (
    EVENT_PIPELINE,
    LIVE_MEETINGS,
    MEETING_PIPELINE,
    REGISTRANT_KINDS,
    REGISTRATION_PIPELINE,
    SEATED,
    EventStatus,
    MeetingStatus,
    RegistrationStatus,
)
from .models import Event, EventLead, Meeting, Registration


def _require_organizer(event, organization) -> None:
    if organization is None or organization.pk != event.organizer_id:
        raise DomainError(_("只有主办机构可以执行此操作。"), code="not_a_party")


# ---------------------------------------------------------------------------------------------------------- event


def publish_event(event, *, actor, organization):
    """Publish a draft: it becomes public and open for registration."""
    _require_organizer(event, organization)
    return apply_transition(event, EventStatus.PUBLISHED, pipeline=EVENT_PIPELINE, actor=actor,
                            organization=organization, update={"published_at": timezone.now()})  # fmt: skip


def close_event(event, *, actor, organization):
    _require_organizer(event, organization)
    return apply_transition(event, EventStatus.CLOSED, pipeline=EVENT_PIPELINE, actor=actor, organization=organization)


def cancel_event(event, *, actor, organization, note=""):
    """Cancel the event; everyone who holds a seat is told."""
    _require_organizer(event, organization)
    with transaction.atomic():
        event = apply_transition(event, EventStatus.CANCELLED, pipeline=EVENT_PIPELINE, actor=actor,
                                 organization=organization, note=note)  # fmt: skip
        for registration in event.registrations.filter(status__in=SEATED).select_related("organization"):
            notify(organization_recipients(registration.organization), kind="event.cancelled",
                   title=_("活动“%(t)s”已取消") % {"t": event.title}, body=note, target=event,
                   organization=registration.organization, url=event.get_absolute_url())  # fmt: skip
    return event


def set_featured(event, *, actor, organization, results=None, demands=None):
    """Choose the results and demands the event features: only published results and public demands."""
    _require_organizer(event, organization)
    with transaction.atomic():
        event = lock(event)
        changes = {}
        if results is not None:
            if any(r.status != ResultStatus.PUBLISHED for r in results):
                raise RuleViolation(_("只能推介已发布的成果。"), field="featured_results", code="not_published")
            changes["featured_results"] = [None, sorted(r.pk for r in results)]
            event.featured_results.set(results)
        if demands is not None:
            if any(d.status not in PUBLIC_DEMAND_STATUSES for d in demands):
                raise RuleViolation(_("只能对接已公开的需求。"), field="featured_demands", code="not_published")
            changes["featured_demands"] = [None, sorted(d.pk for d in demands)]
            event.featured_demands.set(demands)
        audit.record(actor=actor, organization=organization, target=event, action=AuditAction.UPDATE, changes=changes)
    return event


# --------------------------------------------------------------------------------------------------- registration


def _check_brought(organization, results, demands) -> None:
    if any(r.owner_id != organization.pk or r.status != ResultStatus.PUBLISHED for r in results):
        raise RuleViolation(_("只能携带本机构已发布的成果。"), field="results", code="not_own")
    if any(d.firm_id != organization.pk or d.status not in PUBLIC_DEMAND_STATUSES for d in demands):
        raise RuleViolation(_("只能携带本机构已公开的需求。"), field="demands", code="not_own")


def register(event, *, organization, actor, results=(), demands=(), note="") -> Registration:
    """报名: a firm, institute or service provider registers for a published event that has not ended. Capacity is
    counted under the event's row lock (409 ``event_full``); one registration per organization (409
    ``already_registered``, also from the database's unique constraint)."""
    if organization is None or organization.kind not in REGISTRANT_KINDS:
        raise DomainError(_("只有企业、科研院所和服务机构可以报名。"), code="wrong_organization_kind")
    if organization.pk == event.organizer_id:
        raise DomainError(_("主办机构无需报名。"), code="own_event")
    _check_brought(organization, results, demands)
    with transaction.atomic():
        event = lock(event)
        if event.status != EventStatus.PUBLISHED or event.end <= timezone.now():
            raise DomainError(_("该活动不在报名期。"), code="event_not_open")
        if Registration.objects.filter(event=event, organization=organization).exists():
            raise DomainError(_("该机构已报名此活动。"), code="already_registered")
        if Registration.objects.filter(event=event, status__in=SEATED).count() >= event.capacity:
            raise DomainError(_("名额已满。"), code="event_full")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, organization=organization, user=actor,
                                                           note=note)  # fmt: skip
        except IntegrityError as exc:
            raise DomainError(_("该机构已报名此活动。"), code="already_registered") from exc
        registration.results.set(results)
        registration.demands.set(demands)
        audit.record(actor=actor, organization=organization, target=registration, action=AuditAction.CREATE,
                     changes={"event": [None, event.pk]})  # fmt: skip
        notify(organization_recipients(event.organizer), kind="event.registered",
               title=_("“%(t)s”收到新的报名") % {"t": event.title}, body=organization.name, target=registration,
               organization=event.organizer, url=reverse("frontend:event_manage", args=[event.pk]))  # fmt: skip
    return registration


def confirm_registration(registration, *, actor, organization) -> Registration:
    """The organizer confirms a registration; the registrant is told."""
    _require_organizer(registration.event, organization)
    with transaction.atomic():
        registration = apply_transition(registration, RegistrationStatus.CONFIRMED, pipeline=REGISTRATION_PIPELINE,
                                        actor=actor, organization=organization)  # fmt: skip
        event = registration.event
        notify(organization_recipients(registration.organization), kind="event.confirmed",
               title=_("您报名的“%(t)s”已确认") % {"t": event.title}, target=registration,
               organization=registration.organization, url=registration.get_absolute_url())  # fmt: skip
    return registration


def decline_registration(registration, *, actor, organization, note="") -> Registration:
    _require_organizer(registration.event, organization)
    if registration.checked_in_at is not None:
        raise DomainError(_("已签到的报名不能拒绝。"), code="checked_in")
    with transaction.atomic():
        registration = apply_transition(registration, RegistrationStatus.DECLINED, pipeline=REGISTRATION_PIPELINE,
                                        actor=actor, organization=organization, note=note)  # fmt: skip
        notify(organization_recipients(registration.organization), kind="event.declined",
               title=_("您报名的“%(t)s”未通过") % {"t": registration.event.title}, body=note, target=registration,
               organization=registration.organization, url=registration.get_absolute_url())  # fmt: skip
    return registration


def check_in(registration, *, actor, organization) -> Registration:
    """签到 by the organizer: only a confirmed registration; a second check-in returns the first one unchanged."""
    _require_organizer(registration.event, organization)
    with transaction.atomic():
        registration = lock(registration)
        if registration.checked_in_at is not None:
            return registration
        if registration.status != RegistrationStatus.CONFIRMED:
            raise DomainError(_("只有已确认的报名可以签到。"), code="not_confirmed")
        registration.checked_in_at, registration.checked_in_by = timezone.now(), actor
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        audit.record(actor=actor, organization=organization, target=registration, action=AuditAction.UPDATE,
                     changes={"checked_in_at": [None, audit.jsonable(registration.checked_in_at)]})  # fmt: skip
    return registration


# ------------------------------------------------------------------------------------------------------- meetings


def _overlapping(event, registrations, start, end, exclude=None):
    parties = [r.pk for r in registrations]
    qs = Meeting.objects.filter(event=event, status__in=LIVE_MEETINGS, start__lt=end, end__gt=start).filter(
        Q(requester_id__in=parties) | Q(counterpart_id__in=parties)
    )
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def request_meeting(*, requester, counterpart, start, end, actor, organization, table="", message="") -> Meeting:
    """一对一洽谈: a confirmed registrant asks another confirmed registrant of the same event for a slot within the
    event. Under the event's row lock (all meetings of an event are booked one at a time) the slot is refused (409
    ``double_booked``) when either party already has a live meeting overlapping it. The counterpart is told."""
    if organization is None or organization.pk != requester.organization_id:
        raise DomainError(_("只能以本机构的报名发起洽谈。"), code="not_a_party")
    if requester.event_id != counterpart.event_id:
        raise RuleViolation(_("洽谈双方须报名同一活动。"), field="counterpart", code="not_registered")
    if requester.pk == counterpart.pk:
        raise RuleViolation(_("不能与本机构洽谈。"), field="counterpart", code="same_party")
    if start is None or end is None or end <= start:
        raise RuleViolation(_("结束时间须晚于开始时间。"), field="end", code="bad_slot")
    with transaction.atomic():
        event = lock(requester.event)
        if event.status != EventStatus.PUBLISHED:
            raise DomainError(_("该活动不在进行中。"), code="event_not_open")
        if start < event.start or end > event.end:
            raise RuleViolation(_("洽谈时段须在活动时间内。"), field="start", code="outside_event")
        parties = list(Registration.objects.filter(pk__in=[requester.pk, counterpart.pk]))
        if len(parties) != 2 or any(p.status != RegistrationStatus.CONFIRMED for p in parties):
            raise DomainError(_("洽谈双方都须是已确认的报名机构。"), code="not_registered")
        if _overlapping(event, parties, start, end).exists():
            raise DomainError(_("该时段已有洽谈安排，请另选时段。"), code="double_booked")
        meeting = Meeting.objects.create(event=event, requester=requester, counterpart=counterpart, start=start,
                                         end=end, table=table, message=message, requested_by=actor)  # fmt: skip
        audit.record(actor=actor, organization=organization, target=meeting, action=AuditAction.CREATE,
                     changes={"counterpart": [None, counterpart.pk]})  # fmt: skip
        notify(organization_recipients(counterpart.organization), kind="event.meeting_requested",
               title=_("%(o)s 邀请您在“%(t)s”洽谈") % {"o": requester.organization.name, "t": event.title},
               body=message[:200], target=meeting, organization=counterpart.organization,
               url=counterpart.get_absolute_url())  # fmt: skip
    return meeting


def _answer_meeting(meeting, to_state, *, actor, organization):
    if organization is None or organization.pk != meeting.counterpart.organization_id:
        raise DomainError(_("只有洽谈对象可以答复。"), code="not_a_party")
    with transaction.atomic():
        lock(meeting.event)
        meeting = apply_transition(meeting, to_state, pipeline=MEETING_PIPELINE, actor=actor,
                                   organization=organization)  # fmt: skip
        notify(organization_recipients(meeting.requester.organization), kind=f"event.meeting_{to_state}",
               title=_("洽谈邀请已答复：%(s)s") % {"s": meeting.get_status_display()}, target=meeting,
               organization=meeting.requester.organization, url=meeting.requester.get_absolute_url())  # fmt: skip
    return meeting


def accept_meeting(meeting, *, actor, organization) -> Meeting:
    return _answer_meeting(meeting, MeetingStatus.ACCEPTED, actor=actor, organization=organization)


def decline_meeting(meeting, *, actor, organization) -> Meeting:
    return _answer_meeting(meeting, MeetingStatus.DECLINED, actor=actor, organization=organization)


# ----------------------------------------------------------------------------------------------------------- leads


def create_lead(
    meeting, *, actor, organization, result=None, demand=None, message="", budget=None, duration_days=None
) -> EventLead:
    """Turn an accepted meeting into a follow-up: an inquiry on the other party's result (意向) or a proposal for
    the other party's demand (解题方案), made through the owning app's service, with the meeting as its origin."""
    parties = {meeting.requester.organization_id, meeting.counterpart.organization_id}
    if organization is None or organization.pk not in parties:
        raise DomainError(_("只有洽谈双方可以登记后续合作。"), code="not_a_party")
    if meeting.status != MeetingStatus.ACCEPTED:
        raise DomainError(_("只有已接受的洽谈可以转为后续合作。"), code="meeting_not_accepted")
    if (result is None) == (demand is None):
        raise RuleViolation(_("请选择一项成果或一项需求。"), code="one_target")
    other = (parties - {organization.pk}).pop()
    with transaction.atomic():
        if result is not None:
            if result.owner_id != other:
                raise RuleViolation(_("只能对洽谈对象的成果表达意向。"), field="result", code="not_counterpart")
            if not message.strip():
                raise RuleViolation(_("请填写意向说明。"), field="message")
            inquiry = transfer_services.create_inquiry(result=result, organization=organization, actor=actor,
                                                       message=message)  # fmt: skip
            lead = EventLead.objects.create(event_id=meeting.event_id, meeting=meeting, inquiry=inquiry,
                                            created_by=actor)  # fmt: skip
        else:
            if demand.firm_id != other:
                raise RuleViolation(_("只能为洽谈对象的需求提交方案。"), field="demand", code="not_counterpart")
            if organization.kind == OrganizationKind.ENTERPRISE:
                raise DomainError(_("只有科研院所和服务机构可以解题。"), code="wrong_organization_kind")
            if budget is None or not duration_days:
                raise RuleViolation(_("请填写报价和周期。"), field="budget")
            proposal = demand_services.submit_proposal(demand=demand, organization=organization, actor=actor,
                                                       approach=message, budget=budget,
                                                       duration_days=duration_days)  # fmt: skip
            lead = EventLead.objects.create(event_id=meeting.event_id, meeting=meeting, proposal=proposal,
                                            created_by=actor)  # fmt: skip
        audit.record(actor=actor, organization=organization, target=lead, action=AuditAction.CREATE,
                     changes={"meeting": [None, meeting.pk]})  # fmt: skip
    return lead


# ---------------------------------------------------------------------------------------------------------- report


def lead_contracts(event):
    """The contracts that came from the event's leads: drafted from a lead's inquiry or proposal, or on the inquired
    result with the inquiring organization as buyer."""
    from tech_transfer.models import TechContract

    leads = EventLead.objects.filter(event=event)
    by_result = Q()
    for result_id, buyer_id in leads.filter(inquiry__isnull=False).values_list(
        "inquiry__result_id", "inquiry__organization_id"
    ):
        by_result |= Q(result_id=result_id, buyer_id=buyer_id)
    condition = Q(inquiry__event_lead__event=event) | Q(proposal__event_lead__event=event)
    if by_result:
        condition |= by_result
    return TechContract.objects.filter(condition).distinct()


def event_report(event) -> dict:
    """The organizer's figures: registrations by status, attendance, meetings by status, leads by kind, contracts."""
    from django.db.models import Count

    registrations = dict(event.registrations.order_by().values_list("status").annotate(n=Count("id")))
    meetings = dict(event.meetings.order_by().values_list("status").annotate(n=Count("id")))
    leads = EventLead.objects.filter(event=event).aggregate(
        inquiries=Count("id", filter=Q(inquiry__isnull=False)), proposals=Count("id", filter=Q(proposal__isnull=False))
    )
    contracts = list(lead_contracts(event).select_related("seller", "buyer"))
    return {
        "registrations": sum(registrations.values()),
        "registrations_by_status": {s: registrations.get(s, 0) for s in RegistrationStatus.values},
        "confirmed": registrations.get(RegistrationStatus.CONFIRMED, 0),
        "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
        "meetings": sum(meetings.values()),
        "meetings_by_status": {s: meetings.get(s, 0) for s in MeetingStatus.values},
        "leads": leads["inquiries"] + leads["proposals"],
        "inquiries": leads["inquiries"],
        "proposals": leads["proposals"],
        "contracts": len(contracts),
        "contract_list": contracts,
    }


__all__ = [
    "Event",
    "accept_meeting",
    "cancel_event",
    "check_in",
    "close_event",
    "confirm_registration",
    "create_lead",
    "decline_meeting",
    "decline_registration",
    "event_report",
    "lead_contracts",
    "publish_event",
    "register",
    "request_meeting",
    "set_featured",
]
