"""National reporting (重大科研基础设施和大型科研仪器国家网络管理平台): the yearly export of an institute's
instruments and of their service records in the platform's field layout, as CSV or XLSX.

The column lists are data (``INSTRUMENT_COLUMNS``, ``SERVICE_COLUMNS``: Chinese header → how the value is read), and
``REQUIRED_FIELDS`` names what the platform needs of every instrument. ``check`` lists, per instrument, what is
missing; ``export`` refuses (409 ``national_report_incomplete`` with that list) while anything is missing, unless
``force`` is given, in which case the gaps stay empty in the file.

Country, manufacturer, model and original value come from ``Instrument``; the rest from its ``NationalRecord``.
Service records are the completed bookings of other organizations whose session began in the year (对外服务);
"agreement signed" (是否签订服务协议) is 是 for every one of them: a platform booking is accepted online by both
parties (the requester submits the platform's terms, the owner confirms), which is the service agreement.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instruments.choices import BookingStatus, InstrumentStatus
from instruments.models import Booking, Instrument
from marketplace.exceptions import DomainError

from ..models import NationalRecord
from .runtime import day_bounds

WAN = Decimal("10000")


def _record(instrument):
    return getattr(instrument, "_national", None)


def _nat(attr, display=False):
    def read(instrument):
        record = _record(instrument)
        if record is None:
            return ""
        if display:
            return getattr(record, f"get_{attr}_display")() if getattr(record, attr) else ""
        value = getattr(record, attr)
        return "" if value is None else value

    return read


def _acquired(instrument):
    record = _record(instrument)
    day = (record.acquisition_date if record else None) or instrument.purchase_date
    return day.isoformat() if day else ""


def _value_wan(instrument):
    return (instrument.original_value / WAN).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _location(instrument):
    return " ".join(part for part in (instrument.address, instrument.building, instrument.room) if part)


@dataclass(frozen=True)
class Column:
    header: str
    read: object  # callable(row) -> value


#: 仪器信息: the instrument table of the national platform, in its order.
INSTRUMENT_COLUMNS = [
    Column("所属单位", lambda i: i.owner.name),
    Column("统一社会信用代码", lambda i: i.owner.credit_code),
    Column("内部编号", _nat("internal_number")),
    Column("仪器名称", lambda i: i.name),
    Column("英文名称", lambda i: i.name_en),
    Column("国家分类编码", _nat("category_code")),
    Column("仪器分类", lambda i: i.get_category_display()),
    Column("规格型号", lambda i: i.model_number),
    Column("生产制造商", lambda i: i.manufacturer),
    Column("产地国别", lambda i: i.country),
    Column("原值（万元）", _value_wan),
    Column("资金来源", _nat("funding_source", display=True)),
    Column("购置日期", _acquired),
    Column("安放地址", _location),
    Column("主要功能", lambda i: i.capabilities),
    Column("共享模式", _nat("sharing_mode", display=True)),
    Column("开放机制", _nat("opening_rules")),
    Column("收费标准", _nat("fee_standard")),
    Column("海关监管状态", _nat("customs_status", display=True)),
    Column("运行状态", lambda i: i.get_status_display()),
    Column("联系人", lambda i: i.contact_name),
    Column("联系电话", lambda i: i.contact_phone),
]


def _local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def _volume(booking):
    quantity = booking.final_quantity if booking.final_quantity is not None else booking.quantity
    return f"{quantity.normalize():f} {booking.get_unit_display()}"


#: 服务记录: one row per external service (a completed booking of another organization).
SERVICE_COLUMNS = [
    Column("仪器名称", lambda b: b.instrument.name),
    Column("内部编号", lambda b: _nat("internal_number")(b.instrument)),
    Column("服务开始时间", lambda b: _local(b.actual_start or b.start)),
    Column("服务结束时间", lambda b: _local(b.actual_end or b.end)),
    Column("服务方式", lambda b: b.instrument.get_booking_mode_display()),
    Column("服务量", _volume),
    Column("服务金额（元）", lambda b: b.final_amount if b.final_amount is not None else b.amount),
    Column("申请人", lambda b: b.requester.get_full_name() or b.requester.username),
    Column("申请单位", lambda b: b.requester_org.name),
    Column("项目名称/用途", lambda b: b.purpose),
    Column("服务评价", lambda b: "" if b.rating_avg is None else Decimal(str(b.rating_avg)).quantize(Decimal("0.1"))),
    Column("是否签订服务协议", lambda b: _("是")),
]

#: What the national platform needs of every instrument: (label, test on the instrument → True when present).
REQUIRED_FIELDS = [
    (gettext_lazy("内部编号"), lambda i: bool(_nat("internal_number")(i))),
    (gettext_lazy("国家分类编码"), lambda i: bool(_nat("category_code")(i))),
    (gettext_lazy("规格型号"), lambda i: bool(i.model_number)),
    (gettext_lazy("生产制造商"), lambda i: bool(i.manufacturer)),
    (gettext_lazy("产地国别"), lambda i: bool(i.country)),
    (gettext_lazy("原值"), lambda i: i.original_value > 0),
    (gettext_lazy("资金来源"), lambda i: bool(_nat("funding_source")(i))),
    (gettext_lazy("购置日期"), lambda i: bool(_acquired(i))),
    (gettext_lazy("共享模式"), lambda i: bool(_nat("sharing_mode")(i))),
    (gettext_lazy("开放机制"), lambda i: bool(_nat("opening_rules")(i))),
    (gettext_lazy("收费标准"), lambda i: bool(_nat("fee_standard")(i))),
    (gettext_lazy("海关监管状态"), lambda i: bool(_nat("customs_status")(i))),
    (gettext_lazy("联系人"), lambda i: bool(i.contact_name)),
]

KINDS = ("instruments", "services")
FORMATS = ("csv", "xlsx")


class ReportIncomplete(DomainError):
    status_code = 409
    default_code = "national_report_incomplete"


def reported_instruments(organization):
    """The instruments the institute reports (not retired), each with ``_national`` (its record or None)."""
    instruments = list(
        Instrument.objects.filter(owner=organization)
        .exclude(status=InstrumentStatus.RETIRED)
        .select_related("owner")
        .order_by("name", "id")
    )
    records = {r.instrument_id: r for r in NationalRecord.objects.filter(instrument__in=instruments)}
    for instrument in instruments:
        instrument._national = records.get(instrument.pk)
    return instruments


def missing_fields(instrument) -> list[str]:
    return [str(label) for label, present in REQUIRED_FIELDS if not present(instrument)]


def check(organization) -> list[dict]:
    """Per instrument with gaps: ``{"instrument": id, "name", "missing": [labels]}`` (empty list: complete)."""
    out = []
    for instrument in reported_instruments(organization):
        missing = missing_fields(instrument)
        if missing:
            out.append({"instrument": instrument.pk, "name": instrument.name, "missing": missing})
    return out


def service_records(organization, year: int, instruments):
    start, end = day_bounds(date(year, 1, 1), date(year, 12, 31))
    by_id = {i.pk: i for i in instruments}
    bookings = list(
        Booking.objects.filter(
            instrument__owner=organization,
            status=BookingStatus.COMPLETED,
            actual_start__gte=start,
            actual_start__lt=end,
        )
        .exclude(requester_org_id=F("instrument__owner_id"))
        .select_related("requester", "requester_org", "instrument")
        .annotate(
            rating_avg=(
                Avg("service_rating__timeliness") + Avg("service_rating__quality") + Avg("service_rating__attitude")
            )
            / 3.0
        )
        .order_by("actual_start", "pk")
    )
    for booking in bookings:
        booking.instrument._national = (
            _record(by_id.get(booking.instrument_id)) if booking.instrument_id in by_id else None
        )
    return bookings


def table(organization, year: int, kind: str) -> tuple[list[str], list[list]]:
    """Headers and rows of one export."""
    instruments = reported_instruments(organization)
    if kind == "instruments":
        columns, rows = INSTRUMENT_COLUMNS, instruments
    else:
        columns, rows = SERVICE_COLUMNS, service_records(organization, year, instruments)
    return [c.header for c in columns], [[c.read(row) for c in columns] for row in rows]


def export(organization, year: int, kind: str, fmt: str, *, force: bool = False) -> tuple[str, str, bytes]:
    """``(filename, content type, bytes)`` of the year's instruments or service records as CSV or XLSX. Refused
    (409 with ``missing``) while an instrument lacks a required field, unless ``force``."""
    if kind not in KINDS:
        raise DomainError(_("导出类型应为 instruments 或 services。"), code="invalid_kind")
    if fmt not in FORMATS:
        raise DomainError(_("格式应为 csv 或 xlsx。"), code="invalid_format")
    if not force:
        missing = check(organization)
        if missing:
            raise ReportIncomplete(
                _("有 %(n)d 台仪器的国家平台信息不完整，请补全后再导出（或强制导出）。") % {"n": len(missing)},
                missing=missing,
            )
    headers, rows = table(organization, year, kind)
    name = f"national-{kind}-{year}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([_csv(v) for v in row] for row in rows)
        return f"{name}.csv", "text/csv; charset=utf-8", ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return f"{name}.xlsx", XLSX, _xlsx(headers, rows, _("仪器信息") if kind == "instruments" else _("服务记录"))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv(value):
    return "" if value is None else value


def _xlsx(headers, rows, title) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(10, len(header) * 2 + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
