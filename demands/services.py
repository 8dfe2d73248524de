"""Demand services: moderation, proposals and their review, acceptance (draft contract), solving, evaluation and
expiry. Notifications about an anonymous demand never name its firm."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction, OrganizationKind
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.models import AuditEntry
from marketplace.services import audit, reviews
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.records import EditPolicy
from marketplace.services.transitions import apply_transition, lock
from tech_transfer.choices import ContractKind
from tech_transfer.services import draft_contract

from .choices import DEMAND_PIPELINE, PROPOSAL_PIPELINE, CooperationMode, DemandStatus, ProposalStatus
from .models import Demand, DemandInvitation, Evaluation, Proposal
from .signals import demand_opened

CONTRACT_KIND = {
    CooperationMode.JOINT_DEVELOPMENT: ContractKind.DEVELOPMENT,
    CooperationMode.COMMISSIONED: ContractKind.DEVELOPMENT,
    CooperationMode.TRANSFER: ContractKind.TRANSFER,
    CooperationMode.LICENSE: ContractKind.LICENSE,
    CooperationMode.CONSULTING: ContractKind.CONSULTING,
}
SOLVERS = (OrganizationKind.INSTITUTE, OrganizationKind.SERVICE_PROVIDER)
#: A draft is edited freely (a rejected demand returns to draft); an open one too, but a change of its public content
#: sends it back to review. What is in review stays as the reviewers saw it, and a demand in cooperation, solved,
#: closed or expired is a record of what the institutes answered: those are refused.
EDITABLE_STATUSES = (DemandStatus.DRAFT, DemandStatus.OPEN)

#: The demand fields that change what the market reads, so an open demand goes back to review when the firm changes
#: them. Every field the firm can write is one: the problem, indicators, budget, bounty, deadline and IP terms are
#: what institutes answer, the taxonomy and risk class place it in the catalogue and matching, and ``anonymous``
#: decides whether the firm is named. A demand has no harmless field (such as a contact phone) of its own; one added
#: later is simply left out of this set.
DEMAND_REVIEWED_FIELDS = frozenset({
    "title", "problem", "target_indicators", "industry_chain", "tech_field", "risk_class", "cooperation_mode",
    "budget_min", "budget_max", "deadline", "is_challenge", "bounty", "ip_terms", "anonymous",
})  # fmt: skip


def ensure_editable(demand) -> None:
    """Refuse (409) to change the fields of a demand that is neither a draft nor open: one in review
    (``not_editable``: what the reviewers see must not change under them), one in cooperation or solved
    (``demand_in_cooperation``: a proposal was accepted and a contract drafted on these terms), closed or expired
    (``not_editable``)."""
    if demand.status in (DemandStatus.IN_COOPERATION, DemandStatus.SOLVED):
        raise DomainError(_("需求已进入合作，不能修改。"), code="demand_in_cooperation")
    if demand.status not in EDITABLE_STATUSES:
        raise DomainError(_("只有草稿或征集中的需求可以修改。"), code="not_editable")


def demand_edit_check(demand, validated_data) -> bool:
    """``update_record``'s check for a demand (the locked row): refuse what ``ensure_editable`` refuses; return
    whether the edit changes the public content of an open demand (it then goes back to review)."""
    ensure_editable(demand)
    return demand.status == DemandStatus.OPEN and bool(
        reviews.edited_fields(demand, validated_data, DEMAND_REVIEWED_FIELDS)
    )


def demand_edit_after(demand, needs_review, *, actor, organization):
    """After the save: an open demand whose content changed returns to the moderation queue, leaving the demand hall
    and the search index until approved again (the proposals already received stay with it)."""
    if needs_review:
        reviews.return_to_review(
            demand, from_state=DemandStatus.OPEN, actor=actor, organization=organization,
            kind="demand.submitted", title=_("已发布需求修改后待重新审核：%(t)s") % {"t": demand.title},
            url=reverse("frontend:review_demand", args=[demand.pk]),
        )  # fmt: skip


DEMAND_EDIT_POLICY = EditPolicy(check=demand_edit_check, after=demand_edit_after)


def submit_demand(demand, *, actor, organization):
    return reviews.submit_for_review(
        demand, pipeline=DEMAND_PIPELINE, actor=actor, organization=organization,
        kind="demand.submitted", title=_("新需求待审核：%(t)s") % {"t": demand.title},
        url=reverse("frontend:review_demand", args=[demand.pk]),
    )  # fmt: skip


def approve_demand(demand, *, actor, note=""):
    if demand.deadline < timezone.localdate():
        raise DomainError(_("需求已过截止日期。"), code="deadline_passed")
    with transaction.atomic():
        # A demand back in review after an edit of its open version was published before, and the matching
        # institutes were alerted then: approving it again does not alert them a second time.
        first_opening = not AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Demand), object_id=str(demand.pk),
            transition=f"{DemandStatus.OPEN}→{DemandStatus.PENDING_REVIEW}",
        ).exists()  # fmt: skip
        demand = reviews.approve(
            demand, to_state=DemandStatus.OPEN, pipeline=DEMAND_PIPELINE, actor=actor, owner=demand.firm,
            kind="demand.published", title=_("需求已发布：%(t)s") % {"t": demand.title}, note=note,
        )  # fmt: skip
        if first_opening:
            demand_opened.send(type(demand), demand=demand)
    return demand


def reject_demand(demand, *, actor, note):
    return reviews.reject(
        demand, pipeline=DEMAND_PIPELINE, actor=actor, owner=demand.firm,
        kind="demand.rejected", title=_("需求未通过审核：%(t)s") % {"t": demand.title}, reason=note,
        url=reverse("frontend:my_demand", args=[demand.pk]),  # the owner's workspace page, which shows the reason
    )  # fmt: skip


def close_demand(demand, *, actor, organization, note=""):
    return apply_transition(
        demand, DemandStatus.CLOSED, pipeline=DEMAND_PIPELINE, actor=actor, organization=organization, note=note
    )


def invite_institute(demand, *, institute, actor, organization) -> DemandInvitation:
    """邀请解题: the firm asks a (matched) institute or service provider to propose for its open demand. Once per
    demand and institute (409 ``already_invited``); the institute's members are told, without the firm's name when
    the demand is anonymous."""
    if organization is None or organization.pk != demand.firm_id:
        raise DomainError(_("只有发布企业可以邀请解题。"), code="not_a_party")
    if institute.kind not in SOLVERS:
        raise DomainError(_("只能邀请科研院所和服务机构。"),
                          code="wrong_organization_kind")  # fmt: skip
    with transaction.atomic():
        demand = lock(demand)
        if demand.status != DemandStatus.OPEN:
            raise DomainError(_("该需求不在征集期。"), code="demand_not_open")
        if DemandInvitation.objects.filter(demand=demand, institute=institute).exists():
            raise DomainError(_("已邀请该机构。"), code="already_invited")
        try:
            with transaction.atomic():
                invitation = DemandInvitation.objects.create(demand=demand, institute=institute, invited_by=actor)
        except IntegrityError as exc:  # a concurrent invitation won the race
            raise DomainError(_("已邀请该机构。"), code="already_invited") from exc
        audit.record(actor=actor, organization=organization, target=invitation, action=AuditAction.CREATE,
                     changes={"institute": [None, institute.pk]})  # fmt: skip
        body = "" if demand.anonymous else _("来自 %(o)s") % {"o": demand.firm.name}
        notify(
            organization_recipients(institute),
            kind="demand.invited",
            title=_("邀请您为需求“%(t)s”提交解题方案") % {"t": demand.title},
            body=body,
            target=demand,
            organization=institute,
        )
    return invitation


def expire_due_demands(today=None) -> int:
    """Open demands past their deadline become expired (scheduled: ``manage.py expire_demands``)."""
    from .models import Demand

    today = today or timezone.localdate()
    count = 0
    for demand in Demand.objects.filter(status=DemandStatus.OPEN, deadline__lt=today):
        apply_transition(demand, DemandStatus.EXPIRED, pipeline=DEMAND_PIPELINE, actor=None, note="deadline passed")
        count += 1
    return count


def submit_proposal(*, demand, organization, actor, approach, budget, duration_days, team="") -> Proposal:
    """An institute or service provider answers an open demand (one live proposal per organization)."""
    if organization.kind not in SOLVERS:
        raise DomainError(_("只有科研院所和服务机构可以解题。"),
                          code="wrong_organization_kind")  # fmt: skip
    with transaction.atomic():
        demand = lock(demand)
        if demand.status != DemandStatus.OPEN or demand.deadline < timezone.localdate():
            raise DomainError(_("该需求不在征集期。"), code="demand_not_open")
        live = Proposal.objects.filter(demand=demand, institute=organization).exclude(
            status__in=[ProposalStatus.WITHDRAWN, ProposalStatus.DECLINED]
        )
        if live.exists():
            raise DomainError(_("已提交过方案。"), code="already_proposed")
        proposal = Proposal.objects.create(
            demand=demand, institute=organization, author=actor, approach=approach, budget=budget,
            duration_days=duration_days, team=team,
        )  # fmt: skip
        audit.record(actor=actor, organization=organization, target=proposal, action=AuditAction.CREATE)
        notify(
            organization_recipients(demand.firm),
            kind="proposal.submitted",
            title=_("需求“%(t)s”收到新的解题方案") % {"t": demand.title},
            body=_("来自 %(o)s") % {"o": organization.name},
            target=proposal,
            organization=demand.firm,
        )
    return proposal


def _tell_institute(proposal, title):
    # Only the demand's title: an anonymous demand's firm is never named to the institute.
    notify(
        organization_recipients(proposal.institute),
        kind=f"proposal.{proposal.status}",
        title=title % {"t": proposal.demand.title},
        target=proposal,
        organization=proposal.institute,
    )


def shortlist_proposal(proposal, *, actor, organization):
    with transaction.atomic():
        proposal = apply_transition(proposal, ProposalStatus.SHORTLISTED, pipeline=PROPOSAL_PIPELINE, actor=actor,
                                    organization=organization)  # fmt: skip
        _tell_institute(proposal, _("您对“%(t)s”的方案已入围"))
    return proposal


def decline_proposal(proposal, *, actor, organization, note=""):
    with transaction.atomic():
        proposal = apply_transition(proposal, ProposalStatus.DECLINED, pipeline=PROPOSAL_PIPELINE, actor=actor,
                                    organization=organization, note=note)  # fmt: skip
        _tell_institute(proposal, _("您对“%(t)s”的方案未被采纳"))
    return proposal


def withdraw_proposal(proposal, *, actor, organization):
    return apply_transition(proposal, ProposalStatus.WITHDRAWN, pipeline=PROPOSAL_PIPELINE, actor=actor,
                            organization=organization)  # fmt: skip


def accept_proposal(proposal, *, actor, organization):
    """The firm accepts one proposal: the demand goes into cooperation, the other live proposals are declined and a
    technology contract is drafted between the institute and the firm. At most one proposal per demand is ever
    accepted (demand row lock; unique constraint as the backstop)."""
    with transaction.atomic():
        demand = lock(proposal.demand)
        if demand.status != DemandStatus.OPEN:
            raise DomainError(_("该需求已不在征集期。"), code="demand_not_open")
        try:
            with transaction.atomic():
                proposal = apply_transition(proposal, ProposalStatus.ACCEPTED, pipeline=PROPOSAL_PIPELINE,
                                            actor=actor, organization=organization)  # fmt: skip
        except IntegrityError as exc:
            raise DomainError(_("该需求已采纳其他方案。"), code="already_accepted") from exc
        apply_transition(demand, DemandStatus.IN_COOPERATION, pipeline=DEMAND_PIPELINE, actor=actor,
                         organization=organization)  # fmt: skip
        for other in demand.proposals.filter(status__in=[ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED]):
            decline_proposal(other, actor=actor, organization=organization, note="another proposal was accepted")
        draft_contract(
            kind=CONTRACT_KIND[demand.cooperation_mode], title=_("%(t)s 技术合同") % {"t": demand.title},
            seller=proposal.institute, buyer=demand.firm, amount=proposal.budget, demand=demand, proposal=proposal,
            actor=actor,
        )  # fmt: skip
        _tell_institute(proposal, _("您对“%(t)s”的方案已被采纳，合同草稿已生成"))
    return proposal


def solve_demand(demand, *, actor, organization):
    return apply_transition(demand, DemandStatus.SOLVED, pipeline=DEMAND_PIPELINE, actor=actor,
                            organization=organization)  # fmt: skip


def evaluate(demand, *, actor, organization, rating: int, comment: str = "") -> Evaluation:
    """市场阅题: the firm rates a solved demand's outcome, once."""
    if demand.status != DemandStatus.SOLVED:
        raise DomainError(_("需求解决后才能评价。"), code="not_solved")
    if not 1 <= rating <= 5:
        raise RuleViolation(_("评分为1–5。"), field="rating")
    with transaction.atomic():
        lock(demand)
        if Evaluation.objects.filter(demand=demand).exists():
            raise DomainError(_("已评价。"), code="already_evaluated")
        evaluation = Evaluation.objects.create(demand=demand, rating=rating, comment=comment)
        audit.record(actor=actor, organization=organization, target=evaluation, action=AuditAction.CREATE,
                     changes={"rating": [None, rating]})  # fmt: skip
    return evaluation


def expert_review(evaluation, *, actor, review: str) -> Evaluation:
    if not review.strip():
        raise RuleViolation(_("请填写评审意见。"), field="expert_review")
    with transaction.atomic():
        evaluation = lock(evaluation)
        evaluation.expert_review, evaluation.expert_reviewed_at = review, timezone.now()
        evaluation.save(update_fields=["expert_review", "expert_reviewed_at"])
        audit.record(actor=actor, target=evaluation, action=AuditAction.UPDATE,
                     changes={"expert_review": [None, review]})  # fmt: skip
    return evaluation
