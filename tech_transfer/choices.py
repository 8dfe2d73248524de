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


# --- result evaluation (科技成果评价) and contract registration (技术合同认定登记) ----------------------------


class EvaluationStatus(models.TextChoices):
    """An evaluation request's lifecycle: the owner asks an evaluation body; the body accepts (or declines), names its
    experts, reviews and issues a numbered report."""

    REQUESTED = "requested", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    IN_REVIEW = "in_review", _("评价中")
    ISSUED = "issued", _("已出具报告")
    DECLINED = "declined", _("未受理")


EVALUATION_PIPELINE = {
    EvaluationStatus.REQUESTED: {EvaluationStatus.ACCEPTED, EvaluationStatus.DECLINED},
    EvaluationStatus.ACCEPTED: {EvaluationStatus.IN_REVIEW, EvaluationStatus.DECLINED},
    EvaluationStatus.IN_REVIEW: {EvaluationStatus.ISSUED},
}

#: The states of a request still being worked on (one at a time per result and evaluation body).
LIVE_EVALUATION_STATES = (EvaluationStatus.REQUESTED, EvaluationStatus.ACCEPTED, EvaluationStatus.IN_REVIEW)


class EvaluationGrade(models.TextChoices):
    """Advancement (先进性) and novelty grades as printed in evaluation reports, best first."""

    INTERNATIONAL_LEADING = "international_leading", _("国际领先")
    INTERNATIONAL_ADVANCED = "international_advanced", _("国际先进")
    DOMESTIC_LEADING = "domestic_leading", _("国内领先")
    DOMESTIC_ADVANCED = "domestic_advanced", _("国内先进")
    REGIONAL_LEADING = "regional_leading", _("省内领先")
    GENERAL = "general", _("一般水平")


class NoveltyGrade(models.TextChoices):
    """Novelty (创新性 / 新颖性) of the result against the prior art."""

    ORIGINAL = "original", _("原始创新")
    INTEGRATED = "integrated", _("集成创新")
    REINNOVATION = "reinnovation", _("引进消化吸收再创新")
    INCREMENTAL = "incremental", _("改进创新")


class IpOwnership(models.TextChoices):
    """Who owns the IP the contract creates or moves (知识产权归属)."""

    BUYER = "buyer", _("归委托方/受让方")
    SELLER = "seller", _("归受托方/让与方")
    JOINT = "joint", _("双方共有")
    AS_AGREED = "as_agreed", _("按合同约定分享")


class PaymentMethod(models.TextChoices):
    """How the price is paid (价款支付方式)."""

    LUMP_SUM = "lump_sum", _("一次总付")
    INSTALMENTS = "instalments", _("分期支付")
    ROYALTY = "royalty", _("提成支付")
    FEE_AND_ROYALTY = "fee_and_royalty", _("入门费加提成")
