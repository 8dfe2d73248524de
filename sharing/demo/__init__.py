"""Demo data of the sharing app (called by ``seed_demo`` after the instruments app): ratings of the demo firms'
completed bookings (some answered), a year of runtime records for the demo instruments, and national records for a
few instruments (the others stay incomplete, so the national report shows what is missing). Idempotent: bookings
already rated, instruments that have runtime records and existing national records are left alone."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from instruments.models import Booking, Instrument
from marketplace.choices import OrganizationKind
from marketplace.exceptions import DomainError

from ..models import NationalRecord, RuntimeRecord
from ..services import ratings

COMMENTS = [
    "预约响应快，检测报告数据完整，老师讲解很耐心。",
    "样品当天完成测试，出具报告及时，推荐。",
    "仪器状态良好，操作规范，但排队时间略长。",
    "技术人员专业，帮助我们优化了测试方案。",
    "整体满意，希望能增加周末开放时段。",
    "",
]
ANSWERS = [
    "感谢您的肯定，欢迎继续使用本平台预约。",
    "感谢反馈，我们将在下季度增加周末开放时段。",
]
USERS = {"own_use": ["张老师课题组", "李博士", "王工"], "teaching": ["研究生实验课", "仪器培训班"]}

NATIONAL = [
    {"internal_number": "YY-2019-0012", "category_code": "030101", "funding_source": "central",
     "sharing_mode": "external", "customs_status": "none"},
    {"internal_number": "YY-2020-0031", "category_code": "030402", "funding_source": "local",
     "sharing_mode": "external", "customs_status": "released"},
    {"internal_number": "YY-2021-0007", "category_code": "040201", "funding_source": "self",
     "sharing_mode": "external", "customs_status": "none"},
    {"internal_number": "YY-2018-0044", "category_code": "031801", "funding_source": "central",
     "sharing_mode": "internal", "customs_status": "supervised"},
]  # fmt: skip

OPENING_RULES = "工作日 8:30–17:00 通过平台预约，经培训考核取得上机资格后可自主上机；送样检测随到随测。"
FEE_STANDARD = "按平台公布的服务项目收费：企业价、院所价、内部价三档，可使用创新券抵扣。"


def seed_ratings(context) -> None:
    bookings = (
        Booking.objects.filter(status="completed", requester_org__kind=OrganizationKind.ENTERPRISE)
        .select_related("instrument__owner", "requester", "requester_org", "service_rating")
        .order_by("pk")[:60]
    )  # the same first 60 every time, so a second run finds them rated
    for n, booking in enumerate(bookings):
        if booking.pk % 5 == 0 or hasattr(booking, "service_rating"):  # some completed bookings stay unrated
            continue
        scores = {"timeliness": 5 - (booking.pk % 3 == 0), "quality": 5 - (booking.pk % 4 == 0),
                  "attitude": 5 - (booking.pk % 7 == 0)}  # fmt: skip
        try:
            rating = ratings.rate_booking(
                booking, actor=booking.requester, organization=booking.requester_org,
                comment=COMMENTS[n % len(COMMENTS)], **scores,
            )  # fmt: skip
        except DomainError:
            continue
        context.count("service ratings", True)
        owner = booking.instrument.owner
        member = owner.memberships.select_related("user").first()
        if member is not None and n % 3 == 0:
            ratings.answer_rating(rating, actor=member.user, organization=owner, answer=ANSWERS[n % len(ANSWERS)])


def seed_runtime(context, instruments) -> None:
    today = timezone.localdate()
    for index, instrument in enumerate(instruments):
        if instrument.runtime_records.exists():
            continue
        records = []
        for offset in range(1, 120):
            day = today - timedelta(days=offset)
            if day.weekday() >= 5 or (offset + index) % 3 == 0:
                continue
            kind = "teaching" if (offset + index) % 7 == 0 else "own_use"
            hours = Decimal(2 + (offset + index) % 5)
            start = time(9 if kind == "own_use" else 14, 0)
            end = time(start.hour + int(hours), 0)
            names = USERS[kind]
            records.append(
                RuntimeRecord(
                    instrument=instrument, date=day, start_time=start, end_time=end, hours=hours, kind=kind,
                    user_name=names[(offset + index) % len(names)], source="csv" if offset % 2 else "manual",
                )
            )  # fmt: skip
        RuntimeRecord.objects.bulk_create(records)
        context.count("runtime records", bool(records))


def seed_national(context, instruments) -> None:
    for instrument, row in zip(instruments, NATIONAL, strict=False):
        _record, created = NationalRecord.objects.get_or_create(
            instrument=instrument,
            defaults={
                **row,
                "acquisition_date": instrument.purchase_date or date(2019, 6, 1),
                "opening_rules": OPENING_RULES,
                "fee_standard": FEE_STANDARD,
            },
        )
        context.count("national records", created)


def seed(context) -> None:
    instruments = list(Instrument.objects.exclude(status="retired").order_by("pk")[:8])
    seed_ratings(context)
    seed_runtime(context, instruments)
    seed_national(context, instruments[: len(NATIONAL)])
