"""Broker services (技术经理人): a broker's profile and its verification by the market operator, assigning a broker
to a deal and the broker's answer, the firm's consent to disclose an anonymous identity, commission terms on a
contract, notes, suggestions, meetings and ratings. Every change is transactional, row-locked and audited; the API
and the pages call these functions and nothing else."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from demands.choices import DemandStatus
from demands.services import SOLVERS
from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.permissions import can_moderate, moderators
from marketplace.services import audit
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock
from tech_transfer.choices import ResultStatus

from .brokers import SIGNED_CONTRACT
from .choices import (
    ASSIGNMENT_PIPELINE,
    BROKER_ORGANIZATION_KINDS,
    BROKER_PIPELINE,
    LIVE_ASSIGNMENTS,
    WORKED_ASSIGNMENTS,
    AssignmentStatus,
    BrokerStatus,
    CommissionKind,
    DealKind,
)
from .models import BrokerAssignment, BrokerMeeting, BrokerNote, BrokerProfile, BrokerRating, BrokerSuggestion

PROFILE_FIELDS = ("level", "certificate_number", "certificate_issuer", "certificate_expires", "languages", "bio")
CERTIFICATE_FIELDS = ("level", "certificate_number", "certificate_issuer", "certificate_expires")
M2M_FIELDS = ("tech_fields", "industry_chains", "regions")
#: The model of each kind of deal.
DEAL_MODELS = {
    "demands.Demand": "demand",
    "tech_transfer.Inquiry": "inquiry",
    "tech_transfer.Auction": "auction",
    "tech_transfer.TechContract": "contract",
}
#: Demands a broker can be assigned to (a draft too: a broker may help write it).
ASSIGNABLE_DEMAND_STATUSES = (
    DemandStatus.DRAFT,
    DemandStatus.PENDING_REVIEW,
    DemandStatus.OPEN,
    DemandStatus.IN_COOPERATION,
)


# ---------------------------------------------------------------------------------------------------------- profile


def _set_m2m(profile, data) -> dict:
    changes = {}
    for name in M2M_FIELDS:
        if name in data and data[name] is not None:
            getattr(profile, name).set(data[name])
            changes[name] = [None, sorted(audit.jsonable(list(data[name])), key=str)]
    return changes


def create_profile(*, actor, organization, **data) -> BrokerProfile:
    """申请成为技术经理人: a member of a service provider or an institute files a profile with the certificate; it
    waits for the market operator's check (the moderators are told). One profile per person (409)."""
    if organization is None or organization.kind not in BROKER_ORGANIZATION_KINDS:
        raise DomainError(_("技术经理人须代表服务机构或科研院所。"), code="wrong_organization_kind")
    if organization.pk not in actor.organization_ids():
        raise DomainError(_("只能以本人所在机构的名义申请。"), code="not_a_member")
    with transaction.atomic():
        if BrokerProfile.objects.filter(user=actor).exists():
            raise DomainError(_("您已提交过技术经理人档案。"), code="already_registered")
        profile = BrokerProfile(
            user=actor, organization=organization, **{k: data[k] for k in PROFILE_FIELDS if k in data}
        )
        profile.full_clean()
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError as exc:
            raise DomainError(_("您已提交过技术经理人档案。"), code="already_registered") from exc
        changes = _set_m2m(profile, data)
        audit.record(actor=actor, organization=organization, target=profile, action=AuditAction.CREATE, changes=changes)
        notify(
            moderators(),
            kind="broker.submitted",
            title=_("技术经理人“%(n)s”待认证") % {"n": str(actor)},
            target=profile,
            url=profile.get_absolute_url(),
        )
    return profile


def update_profile(profile, *, actor, **data) -> BrokerProfile:
    """The broker edits the profile. A changed certificate goes back to the operator's check (认证状态 待认证)."""
    if profile.user_id != actor.pk:
        raise DomainError(_("只能修改本人的技术经理人档案。"), code="not_a_party")
    with transaction.atomic():
        current = lock(profile)
        before = audit.snapshot(current)
        for name in PROFILE_FIELDS:
            if name in data:
                setattr(current, name, data[name])
        current.full_clean()
        recheck = current.status != BrokerStatus.PENDING and any(
            before.get(f) != audit.jsonable(getattr(current, f)) for f in CERTIFICATE_FIELDS
        )
        if recheck:
            current.status, current.verified_at, current.verified_by = BrokerStatus.PENDING, None, None
        current.save()
        changes = {**audit.diff(before, audit.snapshot(current)), **_set_m2m(current, data)}
        audit.record(
            actor=actor, organization=current.organization, target=current, action=AuditAction.UPDATE, changes=changes
        )
        if recheck:
            notify(
                moderators(),
                kind="broker.submitted",
                title=_("技术经理人“%(n)s”证书变更待认证") % {"n": str(actor)},
                target=current,
                url=current.get_absolute_url(),
            )
    return current


def _require_moderator(actor):
    if not can_moderate(actor):
        raise DomainError(_("只有平台运营人员可以认证技术经理人。"), code="not_a_moderator")


def verify_profile(profile, *, actor, note="") -> BrokerProfile:
    """认证: the operator has checked the certificate; the profile becomes public and assignable."""
    _require_moderator(actor)
    with transaction.atomic():
        profile = apply_transition(
            profile,
            BrokerStatus.VERIFIED,
            pipeline=BROKER_PIPELINE,
            actor=actor,
            note=note,
            update={"verified_at": timezone.now(), "verified_by": actor, "review_note": note},
        )
        notify(
            [profile.user],
            kind="broker.verified",
            title=_("您的技术经理人档案已通过认证"),
            target=profile,
            url=profile.get_absolute_url(),
        )
    return profile


def reject_profile(profile, *, actor, note) -> BrokerProfile:
    _require_moderator(actor)
    if not (note or "").strip():
        raise RuleViolation(_("请填写未通过的原因。"), field="note")
    with transaction.atomic():
        profile = apply_transition(
            profile,
            BrokerStatus.REJECTED,
            pipeline=BROKER_PIPELINE,
            actor=actor,
            note=note,
            update={"review_note": note},
        )
        notify(
            [profile.user],
            kind="broker.rejected",
            title=_("您的技术经理人档案未通过认证"),
            body=note,
            target=profile,
            url=profile.get_absolute_url(),
        )
    return profile


def resubmit_profile(profile, *, actor) -> BrokerProfile:
    if profile.user_id != actor.pk:
        raise DomainError(_("只能修改本人的技术经理人档案。"), code="not_a_party")
    return apply_transition(profile, BrokerStatus.PENDING, pipeline=BROKER_PIPELINE, actor=actor)


# ------------------------------------------------------------------------------------------------------ assignment


def _check_deal(kind, deal) -> None:
    if kind == DealKind.DEMAND and deal.status not in ASSIGNABLE_DEMAND_STATUSES:
        raise DomainError(_("该需求已结束，不能再委托技术经理人。"), code="deal_closed")
    if kind == DealKind.INQUIRY and deal.status == "closed":
        raise DomainError(_("该意向已关闭，不能再委托技术经理人。"), code="deal_closed")
    if kind == DealKind.AUCTION and deal.status != "open":
        raise DomainError(_("该拍卖已结束，不能再委托技术经理人。"), code="deal_closed")


def _deal_title(assignment) -> str:
    deal = assignment.deal
    return str(getattr(deal, "title", None) or getattr(getattr(deal, "result", None), "title", "") or deal)


def assign_broker(*, broker, deal, actor, organization, message="", commission=None) -> BrokerAssignment:
    """委托技术经理人: a party of the deal (acting for it) or the market operator assigns a verified broker with a
    current certificate to a demand, an inquiry, an auction or a contract. One live assignment per broker and
    deal (409 ``already_assigned``, also from the database). ``commission`` (on a contract) sets its terms at once.
    The broker is told — without the firm's name when the demand is anonymous."""
    kind = DealKind(DEAL_MODELS[deal._meta.label])
    probe = BrokerAssignment(**{kind.value: deal}, broker=broker)
    parties = probe.party_ids()
    moderator = can_moderate(actor)
    if not moderator and (organization is None or organization.pk not in parties):
        raise DomainError(_("只有交易的当事机构或平台运营方可以委托技术经理人。"), code="not_a_party")
    if not broker.assignable:
        raise RuleViolation(_("该技术经理人尚未认证或证书已过期。"), field="broker", code="broker_not_verified")
    _check_deal(kind, deal)
    if commission and deal.status != "draft":
        raise DomainError(_("合同已签订，佣金条款不能再修改。"), code="contract_signed")
    with transaction.atomic():
        lock(broker)  # assignments of one broker are made one at a time: the live-once check below holds
        if BrokerAssignment.objects.filter(broker=broker, status__in=LIVE_ASSIGNMENTS, **{kind.value: deal}).exists():
            raise DomainError(_("该技术经理人已受托服务此项目。"), code="already_assigned")
        assignment = BrokerAssignment(
            broker=broker,
            assigned_by=actor,
            message=message,
            **{kind.value: deal},
            assigned_by_organization=organization,
        )
        if commission:
            _apply_commission(assignment, **commission)
        assignment.full_clean()
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError as exc:
            raise DomainError(_("该技术经理人已受托服务此项目。"), code="already_assigned") from exc
        audit.record(
            actor=actor,
            organization=organization,
            target=assignment,
            action=AuditAction.CREATE,
            changes={"broker": [None, broker.pk], kind.value: [None, deal.pk]},
        )
        hidden = assignment.anonymous_firm_id() is not None
        body = "" if hidden or organization is None else _("委托方：%(o)s") % {"o": organization.name}
        notify(
            [broker.user],
            kind="broker.assigned",
            title=_("新的经纪委托：%(k)s“%(t)s”") % {"k": kind.label, "t": _deal_title(assignment)},
            body=body,
            target=assignment,
            organization=broker.organization,
            url=assignment.get_absolute_url(),
        )
    return assignment


def _tell_parties(assignment, *, kind, title, body="") -> None:
    from marketplace.models import Organization

    for organization in Organization.objects.filter(pk__in=assignment.party_ids()):
        notify(
            organization_recipients(organization),
            kind=kind,
            title=title,
            body=body,
            target=assignment,
            organization=organization,
            url=assignment.get_absolute_url(),
        )


def _require_broker(assignment, actor) -> None:
    if assignment.broker.user_id != getattr(actor, "pk", None):
        raise DomainError(_("只有受托的技术经理人可以执行此操作。"), code="not_the_broker")


def _require_serving(assignment) -> None:
    """The assignment (re-read: a page or a client may hold an old copy) is being served."""
    status = BrokerAssignment.objects.filter(pk=assignment.pk).values_list("status", flat=True).first()
    if status != AssignmentStatus.ACCEPTED:
        raise DomainError(_("请先接受委托。"), code="assignment_not_accepted")


def _answer(assignment, to_state, *, actor, note=""):
    _require_broker(assignment, actor)
    with transaction.atomic():
        assignment = apply_transition(
            assignment,
            to_state,
            pipeline=ASSIGNMENT_PIPELINE,
            actor=actor,
            note=note,
            organization=assignment.broker.organization,
            update={"responded_at": timezone.now()},
        )
        assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)
        _tell_parties(
            assignment,
            kind=f"broker.{to_state}",
            body=note,
            title=_("技术经理人 %(b)s %(s)s：%(t)s")
            % {"b": str(assignment.broker), "s": assignment.get_status_display(), "t": _deal_title(assignment)},
        )
    return assignment


def accept_assignment(assignment, *, actor) -> BrokerAssignment:
    """The broker takes the deal on (服务中): from now on the broker sees the deal as its parties do."""
    return _answer(assignment, AssignmentStatus.ACCEPTED, actor=actor)


def decline_assignment(assignment, *, actor, note="") -> BrokerAssignment:
    return _answer(assignment, AssignmentStatus.DECLINED, actor=actor, note=note)


def _require_party_or_moderator(assignment, actor, organization) -> None:
    if can_moderate(actor):
        return
    if organization is None or organization.pk not in assignment.party_ids() | {assignment.assigned_by_organization_id}:
        raise DomainError(_("只有交易的当事机构或平台运营方可以执行此操作。"), code="not_a_party")


def cancel_assignment(assignment, *, actor, organization, note="") -> BrokerAssignment:
    """撤销委托 by a party (or the operator); the broker is told."""
    _require_party_or_moderator(assignment, actor, organization)
    with transaction.atomic():
        assignment = apply_transition(
            assignment,
            AssignmentStatus.CANCELLED,
            pipeline=ASSIGNMENT_PIPELINE,
            actor=actor,
            organization=organization,
            note=note,
            update={"closed_at": timezone.now()},
        )
        notify(
            [assignment.broker.user],
            kind="broker.cancelled",
            title=_("经纪委托已撤销"),
            body=note,
            target=assignment,
            url=assignment.get_absolute_url(),
        )
    return assignment


def close_assignment(assignment, *, actor, organization=None, note="") -> BrokerAssignment:
    """结束服务: the broker or a party closes a served assignment; the parties may then rate the broker."""
    if assignment.broker.user_id != actor.pk:
        _require_party_or_moderator(assignment, actor, organization)
    with transaction.atomic():
        assignment = apply_transition(
            assignment,
            AssignmentStatus.CLOSED,
            pipeline=ASSIGNMENT_PIPELINE,
            actor=actor,
            organization=organization or assignment.broker.organization,
            note=note,
            update={"closed_at": timezone.now()},
        )
        assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)
        _tell_parties(
            assignment,
            kind="broker.closed",
            title=_("经纪服务已结束，欢迎评价：%(t)s") % {"t": _deal_title(assignment)},
        )
    return assignment


def set_consent(assignment, *, actor, organization, consent: bool) -> BrokerAssignment:
    """The anonymous firm discloses (or withdraws) its identity to the broker on this assignment only."""
    firm = assignment.anonymous_firm_id() or assignment.firm_id()
    if organization is None or firm is None or organization.pk != firm:
        raise DomainError(_("只有需求企业可以决定是否向技术经理人披露身份。"), code="not_the_firm")
    with transaction.atomic():
        current = lock(assignment)
        if current.firm_consent == consent:
            return current
        current.firm_consent, current.consent_at = consent, timezone.now() if consent else None
        current.save(update_fields=["firm_consent", "consent_at"])
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.UPDATE,
            changes={"firm_consent": [not consent, consent]},
        )
    return current


# ----------------------------------------------------------------------------------------------------- commission


def _apply_commission(assignment, *, kind, payer, rate=None, amount=None) -> None:
    if not assignment.contract_id:
        raise RuleViolation(_("佣金只能在技术合同的委托上填写。"), field="commission_kind", code="not_a_contract")
    if kind not in CommissionKind.values:
        raise RuleViolation(_("请选择佣金方式。"), field="commission_kind")
    if kind == CommissionKind.RATE:
        if rate is None or not (Decimal("0") < Decimal(rate) <= Decimal("100")):
            raise RuleViolation(_("佣金比例须大于0且不超过100%。"), field="commission_rate")
        amount = None
    else:
        if amount is None or Decimal(amount) <= 0:
            raise RuleViolation(_("佣金金额须大于0。"), field="commission_amount")
        rate = None
    assignment.commission_kind, assignment.commission_payer = kind, payer
    assignment.commission_rate, assignment.commission_amount = rate, amount


def set_commission(assignment, *, actor, organization, kind, payer, rate=None, amount=None) -> BrokerAssignment:
    """佣金约定 on a contract assignment: a rate of the contract amount or a fixed amount, and who pays; set by a
    party of the contract while the contract is a draft (once signed, the terms are what was signed)."""
    if not assignment.contract_id:
        raise RuleViolation(_("佣金只能在技术合同的委托上填写。"), field="commission_kind", code="not_a_contract")
    if organization is None or organization.pk not in assignment.party_ids():
        raise DomainError(_("只有合同双方可以约定佣金。"), code="not_a_party")
    with transaction.atomic():
        current = lock(assignment)
        if current.status not in LIVE_ASSIGNMENTS:
            raise DomainError(_("该委托已结束。"), code="assignment_closed")
        if current.contract.status != "draft":
            raise DomainError(_("合同已签订，佣金条款不能再修改。"), code="contract_signed")
        before = audit.snapshot(current)
        _apply_commission(current, kind=kind, payer=payer, rate=rate, amount=amount)
        current.full_clean()
        current.save()
        audit.record(
            actor=actor,
            organization=organization,
            target=current,
            action=AuditAction.UPDATE,
            changes=audit.diff(before, audit.snapshot(current)),
        )
        notify(
            [current.broker.user],
            kind="broker.commission",
            title=_("合同“%(t)s”的佣金条款已更新") % {"t": current.contract.title},
            target=current,
            url=current.get_absolute_url(),
        )
    return current


# ------------------------------------------------------------------------------------------- the broker's work


def add_note(assignment, *, actor, body) -> BrokerNote:
    """跟进记录 by the serving broker."""
    _require_broker(assignment, actor)
    _require_serving(assignment)
    if not (body or "").strip():
        raise RuleViolation(_("请填写记录内容。"), field="body")
    with transaction.atomic():
        note = BrokerNote.objects.create(assignment=assignment, author=actor, body=body.strip())
        audit.record(actor=actor, organization=assignment.broker.organization, target=note, action=AuditAction.CREATE)
    return note


def suggest(assignment, *, actor, institute=None, result=None, note="") -> BrokerSuggestion:
    """推荐: the serving broker suggests an institute or service provider (to invite) or a published result to the
    demand's firm; the firm is told and sees it on its demand page."""
    _require_broker(assignment, actor)
    _require_serving(assignment)
    if not assignment.demand_id:
        raise DomainError(_("只能在企业需求的委托中推荐机构或成果。"), code="not_a_demand")
    if (institute is None) == (result is None):
        raise RuleViolation(_("请推荐一个机构或一项成果。"), field="institute")
    if institute is not None and (institute.kind not in SOLVERS or not institute.verified):
        raise RuleViolation(
            _("只能推荐已认证的科研院所或服务机构。"), field="institute", code="wrong_organization_kind"
        )
    if institute is not None and institute.pk == assignment.demand.firm_id:
        raise RuleViolation(_("不能推荐需求企业本身。"), field="institute")
    if result is not None and result.status != ResultStatus.PUBLISHED:
        raise RuleViolation(_("只能推荐已发布的成果。"), field="result", code="not_published")
    demand = assignment.demand
    with transaction.atomic():
        if BrokerSuggestion.objects.filter(assignment=assignment, institute=institute, result=result).exists():
            raise DomainError(_("已推荐过。"), code="already_suggested")
        try:
            with transaction.atomic():
                suggestion = BrokerSuggestion.objects.create(
                    assignment=assignment, institute=institute, result=result, note=note, created_by=actor
                )
        except IntegrityError as exc:
            raise DomainError(_("已推荐过。"), code="already_suggested") from exc
        audit.record(
            actor=actor,
            organization=assignment.broker.organization,
            target=suggestion,
            action=AuditAction.CREATE,
            changes={"target": [None, str(institute or result)]},
        )
        notify(
            organization_recipients(demand.firm),
            kind="broker.suggested",
            title=_("技术经理人为需求“%(t)s”推荐了：%(s)s") % {"t": demand.title, "s": str(institute or result)},
            body=note[:200],
            target=demand,
            organization=demand.firm,
            url=reverse("frontend:my_demand", args=[demand.pk]),
        )
    return suggestion


def schedule_meeting(assignment, *, actor, start, end, place, topic) -> BrokerMeeting:
    """洽谈安排 by the serving broker, in the future; the parties are told."""
    _require_broker(assignment, actor)
    _require_serving(assignment)
    if start is None or end is None or end <= start:
        raise RuleViolation(_("结束时间须晚于开始时间。"), field="end", code="bad_slot")
    if start < timezone.now():
        raise RuleViolation(_("开始时间须晚于现在。"), field="start", code="in_the_past")
    if not (place or "").strip() or not (topic or "").strip():
        raise RuleViolation(_("请填写地点和洽谈事项。"), field="place")
    with transaction.atomic():
        meeting = BrokerMeeting.objects.create(
            assignment=assignment, start=start, end=end, place=place.strip(), topic=topic.strip(), created_by=actor
        )
        audit.record(
            actor=actor,
            organization=assignment.broker.organization,
            target=meeting,
            action=AuditAction.CREATE,
            changes={"start": [None, start.isoformat()]},
        )
        when = timezone.localtime(start).strftime("%Y-%m-%d %H:%M")
        _tell_parties(
            assignment,
            kind="broker.meeting",
            body=f"{when} · {meeting.place}",
            title=_("技术经理人安排了洽谈：%(t)s") % {"t": meeting.topic},
        )
    return meeting


def may_rate(assignment) -> bool:
    """Ratings open once the assignment is closed, or once its contract is signed."""
    if assignment.status == AssignmentStatus.CLOSED:
        return True
    return (
        assignment.status in WORKED_ASSIGNMENTS
        and assignment.contract_id is not None
        and assignment.contract.status in SIGNED_CONTRACT
    )


def rate_broker(assignment, *, actor, organization, score, comment="") -> BrokerRating:
    """评价技术经理人: each party of the deal rates the broker once per assignment (409 ``already_rated``)."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    with transaction.atomic():
        lock(assignment)
        assignment = BrokerAssignment.objects.with_deal().get(pk=assignment.pk)  # the deal's current state
        if organization is None or organization.pk not in assignment.party_ids():
            raise DomainError(_("只有交易的当事机构可以评价。"), code="not_a_party")
        if not may_rate(assignment):
            raise DomainError(_("合同签订或服务结束后才能评价。"), code="not_rateable")
        if not 1 <= score <= 5:
            raise RuleViolation(_("评分应为1至5分。"), field="score")
        if BrokerRating.objects.filter(assignment=assignment, organization=organization).exists():
            raise DomainError(_("本机构已评价过该委托。"), code="already_rated")
        try:
            with transaction.atomic():
                rating = BrokerRating.objects.create(
                    assignment=assignment, organization=organization, rated_by=actor, score=score, comment=comment
                )
        except IntegrityError as exc:
            raise DomainError(_("本机构已评价过该委托。"), code="already_rated") from exc
        audit.record(
            actor=actor,
            organization=organization,
            target=rating,
            action=AuditAction.CREATE,
            changes={"score": [None, score]},
        )
        notify(
            [assignment.broker.user],
            kind="broker.rated",
            title=_("您收到一条新的评价（%(s)s 分）") % {"s": score},
            target=assignment,
            url=assignment.get_absolute_url(),
        )
    return rating
