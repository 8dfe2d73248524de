"""Demo technology contracts (技术合同) of the five registered kinds, signed by both parties and mostly registered,
dated over the last twelve months relative to today so the market dashboard's turnover (技术合同成交额) by kind and
month always has figures. Idempotent: a contract is found by its seller, buyer and title and left alone once there.

Everything goes through the services (``draft_contract``, ``sign_contract`` for each side, ``register_contract``),
with the signing moments in the past; only the registration time, which ``register_contract`` stamps as now, is set
back to a few days after signing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .. import services
from ..choices import ContractKind
from ..models import Result, TechContract
from ..registration import update_contract_terms
from .data import RESULTS

#: (kind, title, seller key, buyer key, amount, days before today it was signed, registered?, linked result key).
#: ``days_ago`` None: a draft the seller has signed and the buyer has not (awaiting the other signature).
CONTRACTS = [
    (ContractKind.LICENSE, "模具企业多项目APS排程系统技术许可合同", "nbim", "muchuan_mold", "260000.00", 330, True,
     "nbim_aps_mold"),
    (ContractKind.CONSULTING, "专利布局与技术秘密保护技术咨询合同", "zhiqiao_tt", "jingche_optics", "60000.00", 300,
     True, None),
    (ContractKind.LICENSE, "激光打标字符OCR识别系统技术许可合同", "shunan_ai", "chipeng_auto", "150000.00", 270, True,
     "sa_ocr_marking"),
    (ContractKind.DEVELOPMENT, "码垛机器人视觉定位系统委托开发合同", "zju_robot", "qingke_equip", "680000.00", 240,
     True, None),
    (ContractKind.TRANSFER, "微特电机绕组自动排线工艺技术转让合同", "unnc_elec", "hongdu_motor", "380000.00", 210,
     True, None),
    (ContractKind.SERVICE, "电吹风整机EMC整改技术服务合同", "hengzhun_test", "lanhe_elec", "48000.00", 180, True,
     None),
    (ContractKind.LICENSE, "机器人关节伺服控制软件技术许可合同", "zju_robot", "qingke_equip", "320000.00", 150, True,
     None),
    (ContractKind.SERVICE, "铝压铸件工业CT检测与缺陷分析技术服务合同", "yangming", "chipeng_auto", "86000.00", 120,
     True, None),
    (ContractKind.TRANSFER, "光电传感器窗口片镀膜工艺技术转让合同", "yy_oe_inst", "ruigan_sensor", "460000.00", 85,
     True, None),
    (ContractKind.CONSULTING, "橡塑车间数字化改造规划技术咨询合同", "nbim", "hengren_rubber", "95000.00", 60, True,
     None),
    (ContractKind.DEVELOPMENT, "家电变频控制板联合开发合同", "unnc_elec", "chenghong_elec", "520000.00", 45, False,
     None),
    (ContractKind.SERVICE, "电热水壶系列CMF设计技术服务合同", "yy_design", "chenghong_elec", "75000.00", 20, False,
     None),
    (ContractKind.CONSULTING, "模具车间视觉检测方案论证技术咨询合同", "shunan_ai", "muchuan_mold", "40000.00", 1,
     False, None),
    (ContractKind.SERVICE, "注塑件模流分析与工艺优化技术服务合同", "yy_polymer", "muchuan_mold", "36000.00", None,
     False, None),
]  # fmt: skip

#: The registration terms (技术合同认定登记要素) the parties filled before signing, by kind: what the technical content
#: covers, who owns the IP and how the price is paid; ``NON_TECHNICAL`` adds the equipment, materials and
#: subcontracted parts some contracts record (deducted from the technology-transaction amount / income).
KIND_TERMS = {
    ContractKind.DEVELOPMENT: ("受托方按委托方提出的技术指标完成{t}所约定的研究开发工作，交付设计文件、样机和测试报告，"
                               "并负责现场调试和技术培训。", "buyer", "instalments"),
    ContractKind.TRANSFER: ("让与方将{t}所涉专利权及配套技术秘密转让给受让方，提供工艺文件并指导受让方实现稳定量产。",
                            "buyer", "instalments"),
    ContractKind.LICENSE: ("许可方以普通许可方式许可被许可方在余姚市范围内实施{t}所涉专利和软件著作权，"
                           "提供安装部署、技术资料和一年技术支持。", "seller", "fee_and_royalty"),
    ContractKind.CONSULTING: ("受托方就{t}所涉技术问题开展调研、分析和论证，提交可行性论证报告并进行成果讲解。",
                              "buyer", "lump_sum"),
    ContractKind.SERVICE: ("受托方运用专业技术知识和检测手段解决{t}所涉的特定技术问题，提交服务报告并复测确认。",
                           "as_agreed", "lump_sum"),
}  # fmt: skip
NON_TECHNICAL = {
    "码垛机器人视觉定位系统委托开发合同": {"equipment_amount": "120000.00", "materials_amount": "30000.00",
                                          "subcontract_amount": "50000.00"},
    "微特电机绕组自动排线工艺技术转让合同": {"equipment_amount": "60000.00"},
    "家电变频控制板联合开发合同": {"materials_amount": "40000.00", "subcontract_amount": "30000.00"},
    "电吹风整机EMC整改技术服务合同": {"materials_amount": "5000.00"},
}  # fmt: skip


def registration_terms(kind, title) -> dict:
    content, ip_ownership, payment = KIND_TERMS[kind]
    return {"technical_content": content.format(t=f"“{title}”"), "ip_ownership": ip_ownership,
            "payment_method": payment, **NON_TECHNICAL.get(title, {})}  # fmt: skip


#: Registration numbers of the demo contracts: year + 余姚 region code + a serial far from real ones.
REGISTRATION_PREFIX = "330281"
SERIAL_BASE = 900000


def admin_of(context, organization):
    """The demo user who administers ``organization``."""
    return next(u for u in context.users.values() if organization.pk in u.organization_ids("admin"))


def registration_number(signed_on, serial: int) -> str:
    return f"{signed_on.year}{REGISTRATION_PREFIX}{SERIAL_BASE + serial:06d}"


def sign_and_register(context, contract, *, days_ago: int, register: bool, serial: int) -> TechContract:
    """Both parties sign ``contract`` (a draft) ``days_ago`` days before today — the seller in the morning, the
    buyer in the afternoon — and, when ``register``, the market registers it three days later (or today)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    morning = timezone.make_aware(datetime.combine(day, time(9, 30)))
    seller, buyer = contract.seller, contract.buyer
    if contract.seller_signed_at is None:
        contract = services.sign_contract(contract, actor=admin_of(context, seller), organization=seller, now=morning)
    contract = services.sign_contract(
        contract, actor=admin_of(context, buyer), organization=buyer, signed_on=day, now=morning + timedelta(hours=6)
    )
    if register:
        number = registration_number(day, serial)
        while TechContract.objects.filter(registration_number=number).exists():
            serial += 1000
            number = registration_number(day, serial)
        contract = services.register_contract(contract, actor=context.users["admin"], registration_number=number)
        registered_at = min(morning + timedelta(days=3, hours=1), timezone.now())
        TechContract.objects.filter(pk=contract.pk).update(registered_at=registered_at)
        contract.registered_at = registered_at
    return contract


def seed_contracts(context) -> None:
    organizations = context.organizations
    result_rows = {row["key"]: row for row in RESULTS}
    for n, (kind, title, seller_key, buyer_key, amount, days_ago, register, result_key) in enumerate(CONTRACTS):
        seller, buyer = organizations[seller_key], organizations[buyer_key]
        if TechContract.objects.filter(seller=seller, buyer=buyer, title=title).exists():
            continue
        links = {}
        if result_key:
            row = result_rows[result_key]
            links["result"] = Result.objects.filter(owner=organizations[row["owner"]], title=row["title"]).first()
        seller_user = admin_of(context, seller)
        contract = services.draft_contract(
            kind=kind, title=title, seller=seller, buyer=buyer, amount=amount, actor=seller_user, **links
        )
        context.count("contracts", True)
        if days_ago is None:  # awaiting the buyer's signature; its registration terms are still to be filled
            services.sign_contract(contract, actor=seller_user, organization=seller)
            continue
        terms = registration_terms(kind, title)
        contract = update_contract_terms(contract, actor=seller_user, organization=seller, **terms)
        sign_and_register(context, contract, days_ago=days_ago, register=register, serial=n + 1)
