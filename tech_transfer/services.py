"""Tech-transfer services: result moderation, confidentiality acceptance, inquiries, auctions and contracts."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.money import money
from marketplace.permissions import can_moderate
from marketplace.services import audit, reviews
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.transitions import apply_transition, lock

from .choices import (
    CONTRACT_PIPELINE,
    INQUIRY_PIPELINE,
    RESULT_PIPELINE,
    AuctionStatus,
    ContractKind,
    ContractStatus,
    InquiryStatus,
    ResultStatus,
)
from .models import Auction, Bid, ConfidentialityAcceptance, Inquiry, TechContract
from .signals import contract_paid

# --- results ------------------------------------------------------------------------------------------------------


def submit_result(result, *, actor, organization):
    return reviews.submit_for_review(
        result, pipeline=RESULT_PIPELINE, actor=actor, organization=organization,
        kind="result.submitted", title=_("新成果待审核：%(t)s") % {"t": result.title},
        url=reverse("frontend:review_result", args=[result.pk]),
    )  # fmt: skip


def approve_result(result, *, actor, note=""):
    return reviews.approve(
        result, to_state=ResultStatus.PUBLISHED, pipeline=RESULT_PIPELINE, actor=actor, owner=result.owner,
        kind="result.published", title=_("成果已发布：%(t)s") % {"t": result.title}, note=note,
    )  # fmt: skip


def reject_result(result, *, actor, note):
    return reviews.reject(
        result, pipeline=RESULT_PIPELINE, actor=actor, owner=result.owner,
        kind="result.rejected", title=_("成果未通过审核：%(t)s") % {"t": result.title}, reason=note,
        url=reverse("frontend:my_result", args=[result.pk]),  # the owner's workspace page, which shows the reason
    )  # fmt: skip


def withdraw_result(result, *, actor, organization):
    if Auction.objects.filter(result=result, status=AuctionStatus.OPEN).exists():
        raise DomainError(_("拍卖进行中，不能撤回。"), code="auction_running")
    return apply_transition(
        result, ResultStatus.WITHDRAWN, pipeline=RESULT_PIPELINE, actor=actor, organization=organization
    )


def can_see_confidential(result, user) -> bool:
    """The owner, administrators, the market operator's members (who review the listing) and members of organizations
    that accepted the terms see the confidential details."""
    if not user.is_authenticated:
        return False
    if can_moderate(user) or result.owner_id in user.organization_ids():
        return True
    return any(a.organization_id in user.organization_ids() for a in result.acceptances.all())


def accept_terms(result, *, actor, organization) -> ConfidentialityAcceptance:
    """Record that ``organization`` accepts the result's confidentiality terms (once; later calls return it)."""
    with transaction.atomic():
        existing = ConfidentialityAcceptance.objects.filter(result=result, organization=organization).first()
        if existing:
            return existing
        acceptance = ConfidentialityAcceptance.objects.create(
            result=result, organization=organization, user=actor, terms=result.confidentiality_terms
        )
        audit.record(actor=actor, organization=organization, target=acceptance, action=AuditAction.CREATE)
    return acceptance


# --- inquiries ----------------------------------------------------------------------------------------------------


def create_inquiry(*, result, organization, actor, message) -> Inquiry:
    if result.status != ResultStatus.PUBLISHED:
        raise DomainError(_("只能对已发布的成果表达意向。"), code="not_published")
    if result.owner_id == organization.pk:
        raise DomainError(_("不能对本机构的成果表达意向。"), code="own_result")
    with transaction.atomic():
        inquiry = Inquiry.objects.create(result=result, organization=organization, user=actor, message=message)
        audit.record(actor=actor, organization=organization, target=inquiry, action=AuditAction.CREATE)
        notify(
            organization_recipients(result.owner),
            kind="inquiry.created",
            title=_("成果“%(t)s”收到新的合作意向") % {"t": result.title},
            body=message[:200],
            target=inquiry,
            organization=result.owner,
        )
    return inquiry


def reply_inquiry(inquiry, *, actor, organization, reply: str) -> Inquiry:
    if not reply.strip():
        raise RuleViolation(_("请填写回复内容。"), field="reply")
    with transaction.atomic():
        inquiry = apply_transition(
            inquiry, InquiryStatus.REPLIED, pipeline=INQUIRY_PIPELINE, actor=actor, organization=organization,
            update={"reply": reply, "replied_at": timezone.now()},
        )  # fmt: skip
        notify(
            organization_recipients(inquiry.organization),
            kind="inquiry.replied",
            title=_("成果“%(t)s”的所有方回复了您的意向") % {"t": inquiry.result.title},
            body=reply[:200],
            target=inquiry,
            organization=inquiry.organization,
        )
    return inquiry


def close_inquiry(inquiry, *, actor, organization) -> Inquiry:
    return apply_transition(
        inquiry, InquiryStatus.CLOSED, pipeline=INQUIRY_PIPELINE, actor=actor, organization=organization
    )


def leave_feedback(inquiry, *, actor, organization, topic: str, comment: str) -> Inquiry:
    """The firm's structured feedback on the listing (price / maturity / fit / IP / other); the owner sees it."""
    with transaction.atomic():
        inquiry = lock(inquiry)
        before = {"feedback_topic": inquiry.feedback_topic, "feedback_comment": inquiry.feedback_comment}
        inquiry.feedback_topic, inquiry.feedback_comment = topic, comment
        inquiry.save(update_fields=["feedback_topic", "feedback_comment"])
        audit.record(
            actor=actor,
            organization=organization,
            target=inquiry,
            action=AuditAction.UPDATE,
            changes={k: [v, getattr(inquiry, k)] for k, v in before.items()},
        )
        notify(
            organization_recipients(inquiry.result.owner),
            kind="inquiry.feedback",
            title=_("成果“%(t)s”收到反馈") % {"t": inquiry.result.title},
            body=comment[:200],
            target=inquiry,
            organization=inquiry.result.owner,
        )
    return inquiry


# --- auctions -----------------------------------------------------------------------------------------------------


def create_auction(*, result, actor, organization, starting_price, closes_at, deposit=None, min_increment=None):
    if result.status != ResultStatus.PUBLISHED:
        raise DomainError(_("只能拍卖已发布的成果。"), code="not_published")
    if closes_at <= timezone.now():
        raise RuleViolation(_("截止时间须晚于现在。"), field="closes_at")
    with transaction.atomic():
        auction = Auction.objects.create(
            result=result,
            starting_price=money(starting_price),
            deposit=deposit,
            min_increment=min_increment or Decimal("1000.00"),
            closes_at=closes_at,
        )
        audit.record(actor=actor, organization=organization, target=auction, action=AuditAction.CREATE)
    return auction


def place_bid(auction, *, actor, organization, amount: Decimal, deposit_paid: bool = False, now=None) -> Bid:
    """A bid strictly above the current price (by at least the increment), before the close, by someone other than
    the owner. The auction row is locked, so concurrent bids are ordered and each sees the one before."""
    now = now or timezone.now()
    amount = money(amount)
    with transaction.atomic():
        auction = lock(auction)
        if auction.status != AuctionStatus.OPEN or now >= auction.closes_at:
            raise DomainError(_("拍卖已结束。"), code="auction_closed")
        if organization.pk == auction.result.owner_id:
            raise DomainError(_("成果所有方不能出价。"), code="own_result")
        if auction.deposit and not deposit_paid:
            raise RuleViolation(_("请先缴纳保证金 %(d)s 元。") % {"d": auction.deposit}, field="deposit_paid")
        minimum = auction.current_price + auction.min_increment if auction.current_price else auction.starting_price
        if amount < minimum:
            raise DomainError(
                _("出价须不低于 %(m)s 元。") % {"m": minimum},
                code="bid_too_low",
                minimum=str(minimum),
            )
        try:
            with transaction.atomic():
                bid = Bid.objects.create(auction=auction, organization=organization, user=actor, amount=amount)
        except IntegrityError as exc:
            raise DomainError(_("该价格已有人出价。"), code="bid_too_low") from exc
        auction.current_price = amount
        auction.save(update_fields=["current_price"])
        audit.record(actor=actor, organization=organization, target=bid, action=AuditAction.CREATE,
                     changes={"amount": [None, str(amount)]})  # fmt: skip
    return bid


def close_auction(auction, *, actor=None, now=None) -> Auction:
    """After the closing time: the highest bid wins and gets a draft transfer contract."""
    now = now or timezone.now()
    with transaction.atomic():
        auction = lock(auction)
        if auction.status == AuctionStatus.CLOSED:
            return auction
        if now < auction.closes_at:
            raise DomainError(_("拍卖尚未到截止时间。"), code="auction_running")
        winner = auction.bids.order_by("-amount").first()
        auction.status, auction.winning_bid = AuctionStatus.CLOSED, winner
        auction.save(update_fields=["status", "winning_bid"])
        audit.record(actor=actor, target=auction, action=AuditAction.TRANSITION, transition="open→closed",
                     changes={"winning_bid": [None, winner.pk if winner else None]})  # fmt: skip
        if winner:
            result = auction.result
            draft_contract(
                kind=ContractKind.TRANSFER, title=_("%(t)s 技术转让合同") % {"t": result.title},
                seller=result.owner, buyer=winner.organization, amount=winner.amount, result=result,
                auction=auction, actor=actor,
            )  # fmt: skip
            notify(
                organization_recipients(winner.organization),
                kind="auction.won",
                title=_("您已竞得成果“%(t)s”") % {"t": result.title},
                body=_("成交价 %(a)s 元，合同草稿已生成。") % {"a": winner.amount},
                target=auction,
                organization=winner.organization,
            )
    return auction


def close_due_auctions(now=None) -> int:
    now = now or timezone.now()
    due = Auction.objects.filter(status=AuctionStatus.OPEN, closes_at__lte=now)
    return sum(1 for auction in due if close_auction(auction, now=now))


# --- contracts ----------------------------------------------------------------------------------------------------


def draft_contract(*, kind, title, seller, buyer, amount, actor=None, **links) -> TechContract:
    with transaction.atomic():
        contract = TechContract.objects.create(
            kind=kind, title=title[:200], seller=seller, buyer=buyer, amount=money(amount), **links
        )
        audit.record(actor=actor, target=contract, action=AuditAction.CREATE,
                     changes={"amount": [None, str(contract.amount)]})  # fmt: skip
    return contract


def sign_contract(contract, *, actor, organization, signed_on) -> TechContract:
    return apply_transition(
        contract, ContractStatus.SIGNED, pipeline=CONTRACT_PIPELINE, actor=actor, organization=organization,
        update={"signed_on": signed_on},
    )  # fmt: skip


def register_contract(contract, *, actor, registration_number: str) -> TechContract:
    """技术合同登记 by an administrator. A transfer or licence of a result marks the result transferred."""
    if not registration_number.strip():
        raise RuleViolation(_("请填写登记编号。"), field="registration_number")
    with transaction.atomic():
        if TechContract.objects.filter(registration_number=registration_number).exists():
            raise RuleViolation(_("登记编号已被使用。"), field="registration_number")
        contract = apply_transition(
            contract, ContractStatus.REGISTERED, pipeline=CONTRACT_PIPELINE, actor=actor,
            update={"registration_number": registration_number, "registered_at": timezone.now()},
        )  # fmt: skip
        result = contract.result
        transfers = contract.kind in (ContractKind.TRANSFER, ContractKind.LICENSE, ContractKind.DEVELOPMENT)
        if result and transfers and result.status == ResultStatus.PUBLISHED:
            apply_transition(
                result, ResultStatus.TRANSFERRED, pipeline=RESULT_PIPELINE, actor=actor, note=registration_number
            )
    return contract


def record_contract_payment(contract, *, actor, organization, reference: str) -> TechContract:
    """The seller records that the buyer paid (no payment processor: payment is recorded, not taken). Once only."""
    if not reference.strip():
        raise RuleViolation(_("请填写付款凭证号。"), field="reference")
    with transaction.atomic():
        contract = lock(contract)
        if contract.status == ContractStatus.DRAFT:
            raise DomainError(_("合同签订后才能登记付款。"), code="not_signed")
        if contract.paid_at:
            raise DomainError(_("该合同已登记付款。"), code="already_paid")
        contract.paid_at, contract.payment_reference = timezone.now(), reference
        contract.save(update_fields=["paid_at", "payment_reference"])
        audit.record(actor=actor, organization=organization, target=contract, action=AuditAction.UPDATE,
                     changes={"payment_reference": ["", reference]})  # fmt: skip
        contract_paid.send(type(contract), contract=contract, actor=actor)
    return contract
