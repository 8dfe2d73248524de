"""Demo result evaluation (科技成果评价) and contract registration terms (技术合同认定登记).

宁波知桥技术转移服务有限公司 is registered by the market operator as an evaluation body; it has issued reports on a few
published results (experts from outside the owning institutes), has one request in review and one waiting for its
acceptance. Everything goes through ``tech_transfer.evaluations``, so the reports are numbered and their PDFs stored
exactly as a real issue does. Idempotent: a result with an evaluation by the body is left alone."""

from .. import evaluations
from ..choices import EvaluationStatus
from ..models import EvaluationBody, Result, ResultEvaluation
from .data import RESULTS

BODY = "zhiqiao_tt"
SCOPE = "科技成果评价（GB/T 44731-2024）、专利价值评估、技术合同认定登记咨询"

#: (name, title, workplace, field) per panel; the first of each is the chair (专家组组长).
PANEL_ROWS = {
    "robotics": [
        ("周建国", "教授", "上海交通大学机械与动力工程学院", "机器人学"),
        ("何文静", "正高级工程师", "宁波市智能制造产业研究院", "工业自动化"),
        ("孙立明", "研究员", "中国科学院沈阳自动化研究所", "运动控制"),
    ],
    "materials": [
        ("陈思远", "研究员", "中国科学院宁波材料技术与工程研究所", "高分子材料"),
        ("王立群", "教授", "浙江大学高分子科学与工程学系", "注塑成型"),
        ("刘海峰", "正高级工程师", "宁波市模具行业协会", "模具设计"),
    ],
    "electrical": [
        ("赵德明", "教授", "浙江大学电气工程学院", "电机与控制"),
        ("钱晓燕", "高级工程师", "余姚市家用电器行业协会", "家电电控"),
        ("吴志强", "研究员", "中国电器科学研究院", "电磁兼容"),
    ],
}
PANELS = {
    panel: [
        {"name": n, "title": t, "affiliation_name": a, "field": f, "is_chair": i == 0}
        for i, (n, t, a, f) in enumerate(rows)
    ]
    for panel, rows in PANEL_ROWS.items()
}

#: (result key, panel, grade, novelty, TRL, scores, conclusion, state to leave it in).
EVALUATIONS = [
    ("zr_harmonic_joint", "robotics", "domestic_leading", "integrated", 7,
     {"scientific": 80, "technical": 90, "economic": 86, "social": 75, "transfer": 88},
     "该成果将谐波减速器、力矩电机与编码器一体化集成，关节功率密度和重复定位精度达到国内同类产品领先水平，"
     "已完成工程样机在典型工况下的验证，知识产权清晰，具备在协作机器人整机企业转化的条件。", "issued"),
    ("pm_conformal_cooling", "materials", "international_advanced", "integrated", 8,
     {"scientific": 82, "technical": 92, "economic": 90, "social": 78, "transfer": 91},
     "该成果的随形冷却水路设计与SLM制造工艺已在多套家电注塑模具上应用，冷却时间缩短30%以上，"
     "总体达到国际先进水平，产业化前景好，建议以许可方式向本地模具企业推广。", "issued"),
    ("unnc_hs_bldc", "electrical", "domestic_advanced", "reinnovation", 7,
     {"scientific": 74, "technical": 84, "economic": 85, "social": 72, "transfer": 80},
     "该成果的高速无刷电机与无感驱动方案效率和噪声指标达到国内先进水平，已形成工程样机，"
     "建议结合整机企业需求完成可靠性验证后转化。", "issued"),
    ("oe_hydrophobic_ar", "materials", "", "", 0, {}, "", "in_review"),
    ("sa_3d_picking", "robotics", "", "", 0, {}, "", "requested"),
]  # fmt: skip


def _admin(context, organization):
    return next(u for u in context.users.values() if organization.pk in u.organization_ids("admin"))


def seed_evaluations(context) -> None:
    organizations = context.organizations
    center = organizations[BODY]
    body = EvaluationBody.objects.filter(organization=center).first() or evaluations.grant_evaluation_body(
        center, actor=context.users["admin"], scope=SCOPE
    )
    body_user = _admin(context, center)
    rows = {row["key"]: row for row in RESULTS}
    for key, panel, grade, novelty, trl, scores, conclusion, state in EVALUATIONS:
        row = rows[key]
        owner = organizations[row["owner"]]
        result = Result.objects.filter(owner=owner, title=row["title"]).first()
        if result is None or ResultEvaluation.objects.filter(result=result, body=body).exists():
            continue
        evaluation = evaluations.request_evaluation(
            result, actor=_admin(context, owner), organization=owner, body=body, purpose="成果转化定价参考与推介"
        )
        context.count("evaluations", True)
        if state == EvaluationStatus.REQUESTED:
            continue
        evaluation = evaluations.accept_evaluation(evaluation, actor=body_user, organization=center)
        for expert in PANELS[panel]:
            evaluations.add_expert(evaluation, actor=body_user, organization=center, **expert)
        evaluation = evaluations.start_review(evaluation, actor=body_user, organization=center)
        if state == EvaluationStatus.ISSUED:
            evaluations.issue_evaluation(evaluation, actor=body_user, organization=center, scores=scores, trl=trl,
                                         grade=grade, novelty=novelty, conclusion=conclusion)  # fmt: skip
