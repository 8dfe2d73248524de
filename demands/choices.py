"""Choice sets of the demands app (企业出题 · 院所解题 · 市场阅题)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskClass(models.TextChoices):
    """Supply-chain risk of the technology a demand asks for (seed policy clause 11)."""

    GREEN = "green", _("自主掌握")
    YELLOW = "yellow", _("有望进口替代")
    RED = "red", _("断供断链风险")


class CooperationMode(models.TextChoices):
    JOINT_DEVELOPMENT = "joint_development", _("合作开发")
    COMMISSIONED = "commissioned", _("委托开发")
    TRANSFER = "transfer", _("技术转让")
    LICENSE = "license", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")


class DemandStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING_REVIEW = "pending_review", _("待审核")
    OPEN = "open", _("征集中")
    IN_COOPERATION = "in_cooperation", _("合作中")
    SOLVED = "solved", _("已解决")
    CLOSED = "closed", _("已关闭")
    EXPIRED = "expired", _("已过期")


DEMAND_PIPELINE = {
    DemandStatus.DRAFT: {DemandStatus.PENDING_REVIEW},
    DemandStatus.PENDING_REVIEW: {DemandStatus.OPEN, DemandStatus.DRAFT},  # rejection returns to draft
    DemandStatus.OPEN: {DemandStatus.IN_COOPERATION, DemandStatus.CLOSED, DemandStatus.EXPIRED},
    DemandStatus.IN_COOPERATION: {DemandStatus.SOLVED},
}


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    SHORTLISTED = "shortlisted", _("入围")
    ACCEPTED = "accepted", _("已采纳")
    DECLINED = "declined", _("未采纳")
    WITHDRAWN = "withdrawn", _("已撤回")


PROPOSAL_PIPELINE = {
    ProposalStatus.SUBMITTED: {ProposalStatus.SHORTLISTED, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED,
                               ProposalStatus.WITHDRAWN},
    ProposalStatus.SHORTLISTED: {ProposalStatus.ACCEPTED, ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN},
}  # fmt: skip
