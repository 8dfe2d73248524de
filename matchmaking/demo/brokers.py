"""Demo technology brokers (技术经理人): certified brokers of the transfer agency and of an institute's transfer
office, one profile waiting for the operator's check, assignments on demo demands (one anonymous, without consent)
and on signed demo contracts with commission terms, notes, a suggestion, a meeting and ratings by both sides.

Idempotent: a profile is found by its user, an assignment by broker and deal. Assignments on contracts signed in the
past are history and written directly (the service refuses commission terms on a signed contract); the broker's
answers, notes, suggestions, meetings and ratings go through the services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from demands.models import Demand
from marketplace.demo import DEMO_PASSWORD
from marketplace.models import Membership, User
from tech_transfer.models import TechContract

from .. import broker_services as services
from ..models import BrokerAssignment, BrokerProfile

# username, name, organization key, level, certificate number, issuer, years valid, fields, chains, regions,
# languages, status, bio
BROKERS = [
    (
        "xu_broker",
        "徐佳敏",
        "zhiqiao_tt",
        "intermediate",
        "ZJJSJL-2023-0417",
        "浙江省技术市场促进会",
        2,
        ["advanced_manufacturing", "high_tech_services"],
        ["molds", "home_appliances"],
        ["330281", "330203"],
        ["中文", "英语"],
        "verified",
        "宁波知桥技术转移中级技术经理人，原企业研发主管，熟悉模具与小家电企业的技术难题，擅长把企业需求翻译成院所能接的课题。",
    ),
    (
        "nb_transfer",
        "王可欣",
        "zhiqiao_tt",
        "senior",
        "ZJJSJL-2021-0032",
        "浙江省科学技术厅",
        1,
        ["new_materials", "electronic_information", "high_tech_services"],
        ["new_materials", "optoelectronics"],
        ["330212", "330281", "330100"],
        ["中文", "英语", "日语"],
        "verified",
        "高级技术经理人，十年专利运营与技术转移经验，主导过多项光电、新材料专利许可与作价入股项目。",
    ),
    (
        "zju_broker",
        "李文博",
        "zju_robot",
        "junior",
        "ZJJSJL-2025-1186",
        "浙江省技术市场促进会",
        3,
        ["advanced_manufacturing", "electronic_information"],
        ["robotics", "nev_parts"],
        ["330281", "330100"],
        ["中文"],
        "verified",
        "浙江大学机器人研究院成果转化办公室技术经理人，负责研究院机器人与视觉成果的对接与许可。",
    ),
    (
        "yy_broker_new",
        "陈思远",
        "yy_polymer",
        "junior",
        "ZJJSJL-2026-0211",
        "浙江省技术市场促进会",
        3,
        ["new_materials"],
        ["rubber_plastics"],
        ["330281"],
        ["中文"],
        "pending",
        "高分子材料研究所成果转化专员，新取得初级技术经理人证书，待平台核验。",
    ),
]

#: (broker username, contract title, commission kind, rate or amount, payer, days ago closed or None, ratings)
CONTRACT_ASSIGNMENTS = [
    (
        "nb_transfer",
        "模具企业多项目APS排程系统技术许可合同",
        "rate",
        "3.00",
        "buyer",
        200,
        [("buyer", 5, "王老师对许可条款把关很细，谈判效率高。"), ("seller", 5, "协助完成合同登记，省心。")],
    ),
    (
        "nb_transfer",
        "光电传感器窗口片镀膜工艺技术转让合同",
        "fixed",
        "12000.00",
        "seller",
        None,
        [("buyer", 4, "帮助我们评估了镀膜工艺的成熟度。")],
    ),
    (
        "zju_broker",
        "码垛机器人视觉定位系统委托开发合同",
        "rate",
        "2.00",
        "both",
        90,
        [("buyer", 4, "需求梳理清楚，开发节点跟进及时。")],
    ),
]


def _user(context, username, name, organization):
    user, created = User.objects.get_or_create(
        username=username, defaults={"display_name": name, "email": f"{username}@example.cn"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organization=organization, defaults={"role": "member"})
    context.users.setdefault(username, user)
    return user


def _admin(context, organization):
    return next(u for u in context.users.values() if organization.pk in u.organization_ids("admin"))


def seed(context) -> None:
    today = timezone.localdate()
    operator = context.users.get("yy_market") or context.users["admin"]
    profiles = {}
    for username, name, org, level, number, issuer, years, fields, chains, regions, langs, status, bio in BROKERS:
        organization = context.organizations[org]
        user = _user(context, username, name, organization)
        profile = BrokerProfile.objects.filter(user=user).first()
        if profile is None:
            profile = services.create_profile(
                actor=user,
                organization=organization,
                level=level,
                certificate_number=number,
                certificate_issuer=issuer,
                certificate_expires=today + timedelta(days=365 * years),
                languages=langs,
                bio=bio,
                tech_fields=fields,
                industry_chains=chains,
                regions=regions,
            )
            if status == "verified":
                profile = services.verify_profile(profile, actor=operator, note="证书编号已在省技术市场促进会系统核对")
            context.count("brokers", True)
        profiles[username] = profile

    # Contracts signed in the past, with the broker who assisted and the commission agreed then.
    for username, title, kind, value, payer, closed_days, ratings in CONTRACT_ASSIGNMENTS:
        contract = TechContract.objects.filter(title=title).select_related("seller", "buyer").first()
        broker = profiles[username]
        if contract is None or BrokerAssignment.objects.filter(broker=broker, contract=contract).exists():
            continue
        buyer_admin = _admin(context, contract.buyer)
        assignment = BrokerAssignment(
            broker=broker,
            contract=contract,
            assigned_by=buyer_admin,
            assigned_by_organization=contract.buyer,
            message="请协助谈判许可条款并办理技术合同登记。",
            commission_kind=kind,
            commission_payer=payer,
            commission_rate=Decimal(value) if kind == "rate" else None,
            commission_amount=Decimal(value) if kind == "fixed" else None,
        )
        assignment.full_clean()
        assignment.save()
        assignment = services.accept_assignment(assignment, actor=broker.user)
        services.add_note(assignment, actor=broker.user, body="已与双方确认价款支付节点和知识产权归属条款。")
        if closed_days is not None:
            assignment = services.close_assignment(assignment, actor=broker.user, note="合同已登记，服务结束。")
        for side, score, comment in ratings:
            organization = getattr(contract, side)
            services.rate_broker(
                assignment, actor=_admin(context, organization), organization=organization, score=score, comment=comment
            )
        context.count("broker assignments", True)

    # Open demands: one served (notes, a suggestion, a meeting), one anonymous and waiting for the broker's answer.
    served = Demand.objects.filter(title="大型保险杠模具针阀热流道顺序控制国产化").select_related("firm").first()
    xu = profiles["xu_broker"]
    if served is not None and not BrokerAssignment.objects.filter(broker=xu, demand=served).exists():
        assignment = services.assign_broker(
            broker=xu,
            deal=served,
            actor=_admin(context, served.firm),
            organization=served.firm,
            message="希望找到做过热流道时序控制的院所，优先国产方案。",
        )
        assignment = services.accept_assignment(assignment, actor=xu.user)
        services.add_note(assignment, actor=xu.user, body="现场了解：8点针阀，目前用进口时序控制器，交期长。")
        institute = context.organizations.get("nbim")
        if institute is not None:
            services.suggest(
                assignment, actor=xu.user, institute=institute, note="该所做过注塑装备控制系统，可邀请其提交方案。"
            )
        start = (timezone.localtime() + timedelta(days=5)).replace(hour=14, minute=0, second=0, microsecond=0)
        services.schedule_meeting(
            assignment,
            actor=xu.user,
            start=start,
            end=start + timedelta(hours=1, minutes=30),
            place="余姚科技大市场 3 楼洽谈室",
            topic="热流道顺序控制国产化方案对接",
        )
        context.count("broker assignments", True)
    anonymous = Demand.objects.filter(title="车载玻璃非球面模压镜片模具型芯国产化").select_related("firm").first()
    wang = profiles["nb_transfer"]
    if anonymous is not None and not BrokerAssignment.objects.filter(broker=wang, demand=anonymous).exists():
        services.assign_broker(
            broker=wang,
            deal=anonymous,
            actor=_admin(context, anonymous.firm),
            organization=anonymous.firm,
            message="匿名需求，请先评估可对接的院所。",
        )
        context.count("broker assignments", True)
