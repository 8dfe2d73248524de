"""Choice sets of the vouchers app (创新券)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    """What a programme's vouchers may pay for."""

    INSTRUMENT_TESTING = "instrument_testing", _("仪器共享与检验检测")
    TECH_SERVICE = "tech_service", _("技术服务与咨询")
    CONTRACT_RND = "contract_rnd", _("委托研发")


class GrantStatus(models.TextChoices):
    APPLIED = "applied", _("待审核")
    APPROVED = "approved", _("已发放")
    REJECTED = "rejected", _("未通过")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已备案")
    REJECTED = "rejected", _("未通过")


class EntryKind(models.TextChoices):
    """Ledger movements and their effect on the three balances (available / held / redeemed):

    grant +available · hold −available +held · release −held +available · redeem −held +redeemed ·
    expire −available · reversal −redeemed +available
    """

    GRANT = "grant", _("发放")
    HOLD = "hold", _("冻结")
    RELEASE = "release", _("解冻")
    REDEEM = "redeem", _("兑用")
    EXPIRE = "expire", _("过期")
    REVERSAL = "reversal", _("冲正")


#: (Δavailable, Δheld, Δredeemed) per unit of an entry's amount.
ENTRY_EFFECTS = {
    EntryKind.GRANT: (1, 0, 0),
    EntryKind.HOLD: (-1, 1, 0),
    EntryKind.RELEASE: (1, -1, 0),
    EntryKind.REDEEM: (0, -1, 1),
    EntryKind.EXPIRE: (-1, 0, 0),
    EntryKind.REVERSAL: (1, 0, -1),
}


class HoldStatus(models.TextChoices):
    OPEN = "open", _("冻结中")
    RELEASED = "released", _("已解冻")
    REDEEMED = "redeemed", _("已兑用")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过（公示中）")
    REJECTED = "rejected", _("未通过")
    SETTLED = "settled", _("已结算")


CLAIM_PIPELINE = {
    ClaimStatus.SUBMITTED: {ClaimStatus.APPROVED, ClaimStatus.REJECTED},
    ClaimStatus.APPROVED: {ClaimStatus.SETTLED},
}


class SettlementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审批")
    PAID = "paid", _("已支付")


SETTLEMENT_PIPELINE = {
    SettlementStatus.DRAFT: {SettlementStatus.APPROVED},
    SettlementStatus.APPROVED: {SettlementStatus.PAID},
}


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("收费确认单")
    CREDIT_NOTE = "credit_note", _("红字冲销")
