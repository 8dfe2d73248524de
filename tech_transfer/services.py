"""Tech-transfer services: result moderation, confidentiality acceptance, inquiries, auctions and contracts."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, IllegalTransition, RuleViolation
from marketplace.money import money
from marketplace.permissions import can_moderate, moderators
from marketplace.services import audit, reviews
from marketplace.services.notifications import notify, organization_recipients
from marketplace.services.records import EditPolicy
from marketplace.services.transitions import apply_transition, lock

from .choices import (
    CONTRACT_PIPELINE,
    DEPOSIT_PIPELINE,
    INQUIRY_PIPELINE,
    RESULT_PIPELINE,
    AuctionStatus,
    ContractKind,
    ContractStatus,
    DepositStatus,
    InquiryStatus,
    ResultStatus,
)
from .models import Auction, AuctionDeposit, Bid, ConfidentialityAcceptance, Inquiry, TechContract
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


# --- edits of a result -------------------------------------------------------------------------------------------

#: The result fields that change what the market reads — the public summary, or what a buyer reads under the
#: confidentiality terms — and so send a published result back to review when the owner changes them. Every field
#: the owner can write is one: a result has no contact or bookkeeping field of its own (the owner's contacts live on
#: its organization), so any real change of a published result goes back to review. A field added later that the
#: reviewers need not see again (say, an internal reference) is simply left out of this set.
RESULT_REVIEWED_FIELDS = frozenset({
    "title", "abstract", "confidential_details", "confidentiality_terms", "keywords", "tech_field", "industry_chains",
    "trl", "transfer_modes", "price", "patents",
})  # fmt: skip


def ensure_result_editable(result) -> None:
    """Refuse (409) an edit of a result whose terms are being or have been dealt on: a transferred result
    (``not_editable``: the contract records what was sold), one under auction (``auction_running``: bidders bid on
    what they read) or whose auction was won (``auction_won``: the draft contract refers to it). Drafts, results in
    review, published and withdrawn ones are editable; a published one goes back to review (``result_edit_after``)."""
    if result.status == ResultStatus.TRANSFERRED:
        raise DomainError(_("已完成转化的成果不能修改。"), code="not_editable")
    auction = Auction.objects.filter(result=result).only("status", "winning_bid_id").first()
    if auction is not None and auction.status == AuctionStatus.OPEN:
        raise DomainError(_("拍卖进行中，成果不能修改。"), code="auction_running")
    if auction is not None and auction.winning_bid_id is not None:
        raise DomainError(_("成果已拍卖成交，不能修改。"), code="auction_won")


def _patent_rows(rows) -> list:
    keys = ("number", "patent_type", "legal_status", "ipc_codes")
    return sorted(tuple(str(row[k]) if k != "ipc_codes" else tuple(row[k]) for k in keys) for row in rows)


def result_edit_check(result, validated_data) -> bool:
    """``update_record``'s check for a result (the locked row): refuse what ``ensure_result_editable`` refuses;
    return whether the edit changes reviewed content of a published result (it then goes back to review)."""
    ensure_result_editable(result)
    if result.status != ResultStatus.PUBLISHED:
        return False
    changed = reviews.edited_fields(result, validated_data, RESULT_REVIEWED_FIELDS)
    if "patents" in validated_data and _patent_rows(validated_data["patents"]) != _patent_rows(
        result.patents.values("number", "patent_type", "legal_status", "ipc_codes")
    ):
        changed.add("patents")
    return bool(changed)


def result_edit_after(result, needs_review, *, actor, organization):
    """After the save: a published result whose content changed returns to the moderation queue (and so leaves the
    catalogue and the search index until approved again)."""
    if needs_review:
        reviews.return_to_review(
            result, from_state=ResultStatus.PUBLISHED, actor=actor, organization=organization,
            kind="result.submitted", title=_("已发布成果修改后待重新审核：%(t)s") % {"t": result.title},
            url=reverse("frontend:review_result", args=[result.pk]),
        )  # fmt: skip


RESULT_EDIT_POLICY = EditPolicy(check=result_edit_check, after=result_edit_after)


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


def submit_deposit(auction, *, actor, organization, amount, proof, now=None) -> AuctionDeposit:
    """A bidder records the deposit (竞拍保证金) it paid offline: the amount (at least the auction's) and the proof
    of payment; the market operator then confirms it. A rejected deposit may be submitted again with a new proof."""
    now = now or timezone.now()
    amount = money(amount)
    with transaction.atomic():
        auction = lock(auction)
        if not auction.deposit:
            raise DomainError(_("该拍卖无需缴纳保证金。"), code="deposit_not_required")
        if auction.status != AuctionStatus.OPEN or now >= auction.closes_at:
            raise DomainError(_("拍卖已结束。"), code="auction_closed")
        if organization.pk == auction.result.owner_id:
            raise DomainError(_("成果所有方不能出价。"), code="own_result")
        if amount < auction.deposit:
            raise RuleViolation(_("保证金不能少于 %(d)s 元。") % {"d": auction.deposit}, field="amount")
        deposit = AuctionDeposit.objects.select_for_update().filter(auction=auction, organization=organization).first()
        if deposit is not None and deposit.status != DepositStatus.REJECTED:
            raise DomainError(_("本机构已提交该拍卖的保证金。"), code="deposit_exists")
        fields = {"user": actor, "amount": amount, "proof": proof, "review_note": ""}
        if deposit is None:
            deposit = AuctionDeposit(auction=auction, organization=organization, **fields)
            deposit.full_clean()
            deposit.save()
            audit.record(actor=actor, organization=organization, target=deposit, action=AuditAction.CREATE,
                         changes={"amount": [None, str(amount)]})  # fmt: skip
        else:
            for key, value in fields.items():
                setattr(deposit, key, value)
            deposit.full_clean()
            deposit = apply_transition(
                deposit, DepositStatus.SUBMITTED, pipeline=DEPOSIT_PIPELINE, actor=actor, organization=organization,
                update=fields,
            )  # fmt: skip
        notify(
            moderators(),
            kind="auction.deposit_submitted",
            title=_("“%(t)s”的竞拍保证金待确认") % {"t": auction.result.title},
            body=_("%(o)s 提交了保证金 %(a)s 元的缴纳凭证。") % {"o": organization.name, "a": amount},
            target=auction,
        )
    return deposit


def _require_moderator(actor):
    if not can_moderate(actor):
        raise PermissionDenied(_("只有平台运营方可以确认保证金。"))


def confirm_deposit(deposit, *, actor, note: str = "") -> AuctionDeposit:
    """The market operator (or a platform administrator) confirms that the deposit arrived; the bidder may bid."""
    _require_moderator(actor)
    with transaction.atomic():
        deposit = apply_transition(
            deposit, DepositStatus.CONFIRMED, pipeline=DEPOSIT_PIPELINE, actor=actor, note=note,
            update={"confirmed_by": actor, "confirmed_at": timezone.now(), "review_note": note},
        )  # fmt: skip
        notify(
            organization_recipients(deposit.organization),
            kind="auction.deposit_confirmed",
            title=_("您的竞拍保证金已确认，可以出价"),
            body=str(deposit.auction.result.title),
            target=deposit.auction,
            organization=deposit.organization,
        )
    return deposit


def reject_deposit(deposit, *, actor, note: str) -> AuctionDeposit:
    """The proof does not show the payment: back to the bidder with the reason (it may submit again)."""
    _require_moderator(actor)
    if not note.strip():
        raise RuleViolation(_("请填写不通过的原因。"), field="note")
    with transaction.atomic():
        deposit = apply_transition(
            deposit, DepositStatus.REJECTED, pipeline=DEPOSIT_PIPELINE, actor=actor, note=note,
            update={"review_note": note},
        )  # fmt: skip
        notify(
            organization_recipients(deposit.organization),
            kind="auction.deposit_rejected",
            title=_("您的竞拍保证金凭证未通过"),
            body=note[:200],
            target=deposit.auction,
            organization=deposit.organization,
        )
    return deposit


def record_deposit_refund(deposit, *, actor, reference: str) -> AuctionDeposit:
    """The operator records that a losing bidder's deposit was paid back (退还), with the bank reference. Once."""
    _require_moderator(actor)
    if not reference.strip():
        raise RuleViolation(_("请填写退款凭证号。"), field="reference")
    return apply_transition(
        deposit, DepositStatus.REFUNDED, pipeline=DEPOSIT_PIPELINE, actor=actor, note=reference,
        update={"refund_reference": reference, "refunded_at": timezone.now()},
    )  # fmt: skip


def _settle_deposits(auction, winner, *, actor):
    """At the close: the winner's confirmed deposit is applied to the price; every other deposit still held
    (confirmed or awaiting confirmation) is due for refund, and its bidder is told."""
    for deposit in auction.deposits.select_for_update().filter(
        status__in=(DepositStatus.CONFIRMED, DepositStatus.SUBMITTED)
    ):
        won = winner is not None and deposit.organization_id == winner.organization_id
        if won and deposit.status == DepositStatus.CONFIRMED:
            apply_transition(deposit, DepositStatus.APPLIED, pipeline=DEPOSIT_PIPELINE, actor=actor)
            continue
        apply_transition(deposit, DepositStatus.REFUND_DUE, pipeline=DEPOSIT_PIPELINE, actor=actor)
        notify(
            organization_recipients(deposit.organization),
            kind="auction.deposit_refund_due",
            title=_("拍卖已结束，您的保证金将予退还"),
            body=_("“%(t)s”保证金 %(a)s 元") % {"t": auction.result.title, "a": deposit.amount},
            target=auction,
            organization=deposit.organization,
        )


def place_bid(auction, *, actor, organization, amount: Decimal, now=None) -> Bid:
    """A bid strictly above the current price (by at least the increment), before the close, by someone other than
    the owner and — when the auction asks for a deposit — with a deposit the market operator confirmed. The auction
    row is locked, so concurrent bids are ordered and each sees the one before."""
    now = now or timezone.now()
    amount = money(amount)
    with transaction.atomic():
        auction = lock(auction)
        if auction.status != AuctionStatus.OPEN or now >= auction.closes_at:
            raise DomainError(_("拍卖已结束。"), code="auction_closed")
        if organization.pk == auction.result.owner_id:
            raise DomainError(_("成果所有方不能出价。"), code="own_result")
        if (
            auction.deposit
            and not auction.deposits.filter(organization=organization, status=DepositStatus.CONFIRMED).exists()
        ):
            raise DomainError(
                _("请先缴纳保证金 %(d)s 元并等待平台确认。") % {"d": auction.deposit}, code="deposit_required"
            )
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
        _settle_deposits(auction, winner, actor=actor)
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


#: The kinds a contract may be drafted from an inquiry or directly between two parties (技术服务 / 技术咨询); the
#: others come from where their technology is listed (results, auctions, accepted proposals).
DIRECT_KINDS = (ContractKind.SERVICE, ContractKind.CONSULTING)


def _check_direct_terms(kind, title, amount):
    if kind not in DIRECT_KINDS:
        raise RuleViolation(_("只能直接发起技术服务或技术咨询合同。"), field="kind")
    if not (title or "").strip():
        raise RuleViolation(_("请填写合同名称。"), field="title")
    if amount is None or money(amount) < 0:
        raise RuleViolation(_("合同金额不能为负数。"), field="amount")


def _tell_counterparty(contract, initiator, counterparty):
    notify(
        organization_recipients(counterparty),
        kind="contract.drafted",
        title=_("%(o)s 向您发起了合同“%(t)s”") % {"o": initiator.name, "t": contract.title},
        body=_("%(k)s · 合同金额 %(a)s 元；请核对后签署。") % {"k": contract.get_kind_display(), "a": contract.amount},
        target=contract,
        organization=counterparty,
    )


def contract_from_inquiry(inquiry, *, actor, organization, kind, title, amount) -> TechContract:
    """A 技术服务 / 技术咨询 contract drafted from an answered inquiry, by either side of it: the result's owner
    provides (seller), the inquiring organization acquires (buyer). One contract per inquiry; both parties then sign."""
    _check_direct_terms(kind, title, amount)
    with transaction.atomic():
        inquiry = lock(inquiry)
        result = inquiry.result
        if organization.pk not in (result.owner_id, inquiry.organization_id):
            raise DomainError(_("只有意向双方可以发起合同。"), code="not_a_party")
        if inquiry.status != InquiryStatus.REPLIED:
            raise DomainError(_("成果所有方回复意向后才能发起合同。"), code="inquiry_not_answered")
        if TechContract.objects.filter(inquiry=inquiry).exists():
            raise DomainError(_("该意向已发起过合同。"), code="contract_exists")
        contract = draft_contract(
            kind=kind, title=title.strip(), seller=result.owner, buyer=inquiry.organization, amount=amount,
            actor=actor, result=result, inquiry=inquiry,
        )  # fmt: skip
        counterparty = inquiry.organization if organization.pk == result.owner_id else result.owner
        _tell_counterparty(contract, organization, counterparty)
    return contract


def create_direct_contract(*, actor, organization, counterparty, side, kind, title, amount) -> TechContract:
    """A 技术服务 / 技术咨询 contract drafted directly: ``organization`` names the counterparty (a verified
    organization) and its own ``side`` ("seller" = 受托方, providing the service; "buyer" = 委托方). Nothing binds
    until both have signed, so the counterparty's signature is its consent."""
    _check_direct_terms(kind, title, amount)
    if side not in ("seller", "buyer"):
        raise RuleViolation(_("请选择本方在合同中的角色。"), field="side")
    if counterparty is None or counterparty.pk == organization.pk:
        raise RuleViolation(_("请选择另一家机构作为合同相对方。"), field="counterparty")
    if not counterparty.verified:
        raise RuleViolation(_("合同相对方须为已认证机构。"), field="counterparty")
    seller, buyer = (organization, counterparty) if side == "seller" else (counterparty, organization)
    with transaction.atomic():
        contract = draft_contract(
            kind=kind, title=title.strip(), seller=seller, buyer=buyer, amount=amount, actor=actor
        )
        audit.record(actor=actor, organization=organization, target=contract, action=AuditAction.UPDATE,
                     note=_("直接发起，相对方：%(o)s") % {"o": counterparty.name})  # fmt: skip
        _tell_counterparty(contract, organization, counterparty)
    return contract


def sign_contract(contract, *, actor, organization, signed_on=None, now=None) -> TechContract:
    """``organization`` signs for its side (双方签署). The first signature is recorded and the other party is told;
    the second one moves the contract to signed, dated ``signed_on`` (default today). Under the contract's row lock,
    so two parties signing at the same moment end signed exactly once, with both signatures."""
    now = now or timezone.now()
    with transaction.atomic():
        current = lock(contract)
        side = current.side_of(organization)
        if side is None:
            raise DomainError(_("只有合同双方可以签署。"), code="not_a_party")
        if current.status != ContractStatus.DRAFT:
            raise IllegalTransition(
                _("合同已签订，不能重复签署。"), from_state=current.status, to_state=ContractStatus.SIGNED
            )
        if current.signed_by_side(side):
            raise DomainError(_("本方已签署该合同，等待对方签署。"), code="already_signed")
        signature = {f"{side}_signed_at": now, f"{side}_signed_by": actor if actor.is_authenticated else None}
        other = "buyer" if side == "seller" else "seller"
        if current.signed_by_side(other):
            update = {**signature, "signed_on": signed_on or timezone.localdate(now)}
            return apply_transition(
                current, ContractStatus.SIGNED, pipeline=CONTRACT_PIPELINE, actor=actor, organization=organization,
                update=update, note=_("双方均已签署"),
            )  # fmt: skip
        for key, value in signature.items():
            setattr(current, key, value)
        current.save(update_fields=list(signature))
        audit.record(actor=actor, organization=organization, target=current, action=AuditAction.UPDATE,
                     changes={f"{side}_signed_at": [None, now.isoformat()]}, note=_("一方签署"))  # fmt: skip
        counterparty = getattr(current, other)
        notify(
            organization_recipients(counterparty),
            kind="contract.awaiting_signature",
            title=_("合同“%(t)s”等待您签署") % {"t": current.title},
            body=_("%(o)s 已签署，合同须经双方签署后生效。") % {"o": organization.name},
            target=current,
            organization=counterparty,
        )
    return current


def register_contract(contract, *, actor, registration_number: str) -> TechContract:
    """技术合同登记 by an administrator. A transfer or licence of a result marks the result transferred."""
    if not registration_number.strip():
        raise RuleViolation(_("请填写登记编号。"), field="registration_number")
    with transaction.atomic():
        if TechContract.objects.filter(registration_number=registration_number).exists():
            raise RuleViolation(_("登记编号已被使用。"), field="registration_number")
        contract = lock(contract)
        if contract.status == ContractStatus.DRAFT or not (contract.seller_signed_at and contract.buyer_signed_at):
            raise DomainError(_("合同须经双方签署后才能登记。"), code="not_signed")
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
