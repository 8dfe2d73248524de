"""Factories for tech-transfer tests (this app's and the cross-app ones)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.testing import make_user

from . import services

#: The smallest file the proof validator accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_proof(name="回单.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def confirmed_deposit(auction, organization, user, *, moderator=None):
    """``organization``'s deposit for ``auction``, submitted with a PDF proof and confirmed by a platform
    administrator, so it may bid."""
    deposit = services.submit_deposit(
        auction, actor=user, organization=organization, amount=auction.deposit, proof=pdf_proof()
    )
    return services.confirm_deposit(deposit, actor=moderator or make_user(platform_admin=True))


#: Three experts from outside the owning institute (the method's minimum panel).
EXPERTS = [
    {
        "name": "王立群",
        "title": "教授",
        "affiliation_name": "浙江大学机械工程学院",
        "field": "模具设计",
        "is_chair": True,
    },
    {
        "name": "陈思远",
        "title": "研究员",
        "affiliation_name": "中国科学院宁波材料技术与工程研究所",
        "field": "增材制造",
    },
    {"name": "刘海峰", "title": "正高级工程师", "affiliation_name": "宁波市模具行业协会", "field": "注塑成型"},
]
SCORES = {"scientific": 78, "technical": 88, "economic": 84, "social": 72, "transfer": 86}


def evaluation_body(organization=None, *, operator=None):
    """``organization`` (a new verified service provider by default) registered as an evaluation body."""
    from marketplace.testing import make_organization

    from . import evaluations

    organization = organization or make_organization("service_provider", name="宁波科技成果评价中心")
    return evaluations.grant_evaluation_body(
        organization, actor=operator or make_user(platform_admin=True), scope="科技成果评价"
    )


def issued_evaluation(result, body, *, owner_user, body_user, grade="domestic_leading", scores=None):
    """Request, accept, staff (three outside experts), review and issue an evaluation of ``result`` by ``body``."""
    from . import evaluations

    evaluation = evaluations.request_evaluation(
        result, actor=owner_user, organization=result.owner, body=body, purpose="成果转化定价参考"
    )
    organization = body.organization
    evaluation = evaluations.accept_evaluation(evaluation, actor=body_user, organization=organization)
    for expert in EXPERTS:
        evaluations.add_expert(evaluation, actor=body_user, organization=organization, **expert)
    evaluation = evaluations.start_review(evaluation, actor=body_user, organization=organization)
    return evaluations.issue_evaluation(
        evaluation, actor=body_user, organization=organization, scores=scores or SCORES, trl=7, grade=grade,
        novelty="integrated", conclusion="该成果总体达到国内领先水平，具备产业化条件。",
    )  # fmt: skip
