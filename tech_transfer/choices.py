"""Choice sets of the tech-transfer app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING_REVIEW = "pending_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    TRANSFERRED = "transferred", _("已转化")
    WITHDRAWN = "withdrawn", _("已撤回")


RESULT_PIPELINE = {
    ResultStatus.DRAFT: {ResultStatus.PENDING_REVIEW},
    ResultStatus.PENDING_REVIEW: {ResultStatus.PUBLISHED, ResultStatus.DRAFT},  # rejection returns to draft
    ResultStatus.PUBLISHED: {ResultStatus.TRANSFERRED, ResultStatus.WITHDRAWN},
}


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", _("转让")
    LICENSE = "license", _("许可")
    EQUITY = "equity", _("作价入股")
    CO_DEVELOPMENT = "co_development", _("合作开发")
    TECH_SERVICE = "tech_service", _("技术服务")


class PatentType(models.TextChoices):
    INVENTION = "invention", _("发明专利")
    UTILITY_MODEL = "utility_model", _("实用新型")
    DESIGN = "design", _("外观设计")


class LegalStatus(models.TextChoices):
    PENDING = "pending", _("审中")
    GRANTED = "granted", _("有效")
    EXPIRED = "expired", _("失效")


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("待回复")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已关闭")


INQUIRY_PIPELINE = {
    InquiryStatus.OPEN: {InquiryStatus.REPLIED, InquiryStatus.CLOSED},
    InquiryStatus.REPLIED: {InquiryStatus.REPLIED, InquiryStatus.CLOSED},
}


class FeedbackTopic(models.TextChoices):
    """What a firm's structured feedback on a listing is about (Inpart / yet2 style)."""

    PRICE = "price", _("价格")
    MATURITY = "maturity", _("成熟度")
    FIT = "fit", _("匹配度")
    IP = "ip", _("知识产权")
    OTHER = "other", _("其他")


class AuctionStatus(models.TextChoices):
    OPEN = "open", _("竞价中")
    CLOSED = "closed", _("已结束")


class DepositStatus(models.TextChoices):
    """An auction deposit (竞拍保证金), paid offline and recorded here: the market operator confirms the proof; at
    the close the winner's is applied to the price and the others' are refunded (recorded when the money is back)."""

    SUBMITTED = "submitted", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("未通过")
    REFUND_DUE = "refund_due", _("待退还")
    REFUNDED = "refunded", _("已退还")
    APPLIED = "applied", _("已转成交价款")


DEPOSIT_PIPELINE = {
    DepositStatus.SUBMITTED: {DepositStatus.CONFIRMED, DepositStatus.REJECTED, DepositStatus.REFUND_DUE},
    DepositStatus.REJECTED: {DepositStatus.SUBMITTED},  # a corrected proof is submitted again
    DepositStatus.CONFIRMED: {DepositStatus.REFUND_DUE, DepositStatus.APPLIED},
    DepositStatus.REFUND_DUE: {DepositStatus.REFUNDED},
}


class ContractKind(models.TextChoices):
    """The five registered kinds of 技术合同."""

    DEVELOPMENT = "development", _("技术开发")
    TRANSFER = "transfer", _("技术转让")
    LICENSE = "license", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")
    SERVICE = "service", _("技术服务")


#: The kinds two parties may draft between themselves, from an answered inquiry or directly (技术服务 / 技术咨询).
DIRECT_CONTRACT_KINDS = [(kind.value, kind.label) for kind in (ContractKind.SERVICE, ContractKind.CONSULTING)]


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SIGNED = "signed", _("已签订")
    REGISTERED = "registered", _("已登记")


CONTRACT_PIPELINE = {
    ContractStatus.DRAFT: {ContractStatus.SIGNED},
    ContractStatus.SIGNED: {ContractStatus.REGISTERED},
}
