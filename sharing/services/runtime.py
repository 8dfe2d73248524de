"""机时记录: an instrument's running hours split into own use (自用), external service (对外服务) and teaching (教学).

The owner enters records (API / page, through the audited record services) or imports the CSV the instrument's PC
exports (``import_runtime_csv``: columns date, start, end, user, kind, with English or Chinese headers). An import is
all or nothing: any bad row rejects the file with every bad row listed by line number.

Completed platform bookings of other organizations are external service automatically: ``platform_external_hours``
computes them from ``Booking.actual_start`` / ``actual_end`` (never copied into records), and an imported external
row that overlaps such a session is skipped, so the same hours are not counted twice.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from instruments.choices import BookingStatus
from instruments.models import Booking
from marketplace.choices import AuditAction
from marketplace.exceptions import DomainError, RuleViolation
from marketplace.services import audit

from ..choices import RuntimeKind, RuntimeSource
from ..models import RuntimeRecord

MAX_CSV_BYTES = 1024 * 1024
MAX_CSV_ROWS = 5000
HOURS = Decimal("0.01")

#: Accepted column headers (lower-cased, spaces removed) → column.
HEADERS = {
    "date": "date", "日期": "date", "使用日期": "date",
    "start": "start", "starttime": "start", "开始": "start", "开始时间": "start",
    "end": "end", "endtime": "end", "结束": "end", "结束时间": "end",
    "user": "user", "username": "user", "operator": "user", "使用人": "user", "用户": "user", "操作人": "user",
    "kind": "kind", "type": "kind", "类型": "kind", "用途": "kind", "机时类型": "kind", "使用类型": "kind",
}  # fmt: skip
REQUIRED = ("date", "start", "end", "kind")

#: Accepted values of the kind column → RuntimeKind.
KINDS = {
    "自用": RuntimeKind.OWN_USE, "own_use": RuntimeKind.OWN_USE, "own": RuntimeKind.OWN_USE,
    "internal": RuntimeKind.OWN_USE, "科研": RuntimeKind.OWN_USE, "自主科研": RuntimeKind.OWN_USE,
    "对外服务": RuntimeKind.EXTERNAL, "对外": RuntimeKind.EXTERNAL, "external": RuntimeKind.EXTERNAL,
    "service": RuntimeKind.EXTERNAL, "社会服务": RuntimeKind.EXTERNAL,
    "教学": RuntimeKind.TEACHING, "teaching": RuntimeKind.TEACHING, "培训": RuntimeKind.TEACHING,
}  # fmt: skip

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")
TIME_FORMATS = ("%H:%M", "%H:%M:%S")


def hours_between(start: time, end: time) -> Decimal | None:
    """Hours from ``start`` to ``end`` on one day; an end before the start runs past midnight (an overnight run);
    None when they are equal."""
    if start == end:
        return None
    minutes = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % (24 * 60)
    seconds = minutes * 60 + end.second - start.second
    return (Decimal(seconds) / Decimal(3600)).quantize(HOURS, ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------------------ CSV import


class ImportRejected(DomainError):
    """The file was refused; ``rows`` lists ``{"line", "message"}`` for every bad row (nothing was saved)."""

    status_code = 400
    default_code = "csv_invalid"

    def __init__(self, message, rows=()):
        rows = list(rows)
        texts = [_("第 %(line)d 行：%(message)s") % r if r["line"] else r["message"] for r in rows] or [str(message)]
        super().__init__(message, errors={"file": texts}, rows=rows)


@dataclass
class ImportResult:
    created: int = 0
    duplicates: int = 0
    platform_overlaps: int = 0
    records: list = field(default_factory=list)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Chinese Windows PCs export GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。"))


def _parse(value: str, formats, kind):
    value = value.strip()
    for fmt in formats:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.date() if kind == "date" else parsed.time()
    return None


def parse_runtime_csv(raw: bytes) -> tuple[list[dict], list[dict]]:
    """The rows of an instrument PC's CSV as ``{"line", "date", "start_time", "end_time", "hours", "user_name",
    "kind"}`` dicts, and the errors found (``{"line", "message"}``). Raises ImportRejected for a file that cannot be
    read at all (too large, wrong encoding, missing columns, too many rows)."""
    if len(raw) > MAX_CSV_BYTES:
        raise ImportRejected(_("文件不能超过 1 MB。"))
    text = _decode(raw)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRejected(_("文件是空的。")) from None
    columns = {}
    for index, name in enumerate(header):
        key = HEADERS.get(name.strip().lower().replace(" ", "").replace("_", ""))
        if key and key not in columns:
            columns[key] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportRejected(
            _("缺少列：%(cols)s。需要日期、开始时间、结束时间、类型（可选使用人），中文或英文表头均可。")
            % {"cols": ", ".join(missing)}
        )
    rows, errors = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(errors) >= MAX_CSV_ROWS:
            raise ImportRejected(_("一次最多导入 %(n)d 行。") % {"n": MAX_CSV_ROWS})

        def cell(name, cells=cells):
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems = []
        day = _parse(cell("date"), DATE_FORMATS, "date")
        if day is None:
            problems.append(_("日期“%(v)s”无法识别（应为 2026-03-01）") % {"v": cell("date")})
        start = _parse(cell("start"), TIME_FORMATS, "time")
        end = _parse(cell("end"), TIME_FORMATS, "time")
        if start is None:
            problems.append(_("开始时间“%(v)s”无法识别（应为 09:30）") % {"v": cell("start")})
        if end is None:
            problems.append(_("结束时间“%(v)s”无法识别（应为 17:00）") % {"v": cell("end")})
        hours = hours_between(start, end) if start and end else None
        if start and end and hours is None:
            problems.append(_("结束时间不能等于开始时间"))
        kind = KINDS.get(cell("kind").lower())
        if kind is None:
            problems.append(_("类型“%(v)s”应为 自用、对外服务 或 教学") % {"v": cell("kind")})
        user = cell("user")
        if len(user) > 64:
            problems.append(_("使用人不能超过 64 个字符"))
        if day and day > timezone.localdate():
            problems.append(_("日期不能晚于今天"))
        if problems:
            errors.append({"line": line, "message": "；".join(problems)})
            continue
        rows.append(
            {"line": line, "date": day, "start_time": start, "end_time": end, "hours": hours, "user_name": user,
             "kind": kind}
        )  # fmt: skip
    if not rows and not errors:
        raise ImportRejected(_("文件中没有数据行。"))
    return rows, errors


def _interval(row) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(row["date"], row["start_time"]))
    return start, start + timedelta(hours=float(row["hours"]))


def import_runtime_csv(instrument, raw: bytes, *, actor, organization) -> ImportResult:
    """Import an instrument PC's CSV into runtime records, all or nothing (ImportRejected lists the bad rows by line).
    Rows already recorded (same day, times and kind) are skipped, so importing a file twice adds nothing; external
    rows overlapping a completed platform booking are skipped (those hours are counted from the booking)."""
    if organization is None or instrument.owner_id != organization.pk:
        raise DomainError(_("只能为本机构的仪器导入机时。"), code="not_a_party")
    rows, errors = parse_runtime_csv(raw)
    if errors:
        raise ImportRejected(_("有 %(n)d 行数据有误，未导入任何记录。") % {"n": len(errors)}, errors)
    first, last = min(r["date"] for r in rows), max(r["date"] for r in rows)
    result = ImportResult()
    with transaction.atomic():
        existing = set(
            RuntimeRecord.objects.filter(instrument=instrument, date__range=(first, last)).values_list(
                "date", "start_time", "end_time", "kind"
            )
        )
        sessions = list(
            _external_bookings(instrument.owner_id)
            .filter(
                instrument=instrument,
                actual_start__lt=timezone.make_aware(datetime.combine(last + timedelta(days=2), time.min)),
                actual_end__gt=timezone.make_aware(datetime.combine(first, time.min)),
            )
            .values_list("actual_start", "actual_end")
        )
        new = []
        for row in rows:
            key = (row["date"], row["start_time"], row["end_time"], row["kind"])
            if key in existing:
                result.duplicates += 1
                continue
            if row["kind"] == RuntimeKind.EXTERNAL:
                start, end = _interval(row)
                if any(s < end and e > start for s, e in sessions):
                    result.platform_overlaps += 1
                    continue
            existing.add(key)
            new.append(
                RuntimeRecord(
                    instrument=instrument, source=RuntimeSource.CSV, created_by=actor,
                    **{k: row[k] for k in ("date", "start_time", "end_time", "hours", "user_name", "kind")},
                )
            )  # fmt: skip
        for record in new:
            record.full_clean()
        result.records = RuntimeRecord.objects.bulk_create(new)
        result.created = len(result.records)
        audit.record(
            actor=actor,
            organization=organization,
            target=instrument,
            action=AuditAction.CREATE,
            changes={"runtime_records": [None, result.created]},
            note=_("CSV 导入机时记录 %(n)d 条（重复 %(d)d 条、与平台预约重叠 %(p)d 条未导入）")
            % {"n": result.created, "d": result.duplicates, "p": result.platform_overlaps},
        )
    return result


def read_upload(upload) -> bytes:
    """The bytes of an uploaded CSV, refusing a file over the cap before reading it all."""
    if upload is None:
        raise RuleViolation(_("请选择 CSV 文件。"), field="file")
    if upload.size > MAX_CSV_BYTES:
        raise ImportRejected(_("文件不能超过 1 MB。"))
    return upload.read(MAX_CSV_BYTES + 1)


# ----------------------------------------------------------------------------------------------------- computing


def _external_bookings(owner_id=None):
    """Completed bookings by organizations other than the instrument's owner, with their actual use recorded."""
    queryset = Booking.objects.filter(
        status=BookingStatus.COMPLETED, actual_start__isnull=False, actual_end__isnull=False
    ).exclude(requester_org_id=F("instrument__owner_id"))
    return queryset


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """Aware local datetimes from the start of ``first`` to the end of ``last``."""
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min)),
    )


def platform_external_hours(instrument_ids, first: date, last: date) -> dict[int, Decimal]:
    """Hours of completed external platform bookings per instrument whose session began in [first, last] (one
    query), from their actual start and end."""
    start, end = day_bounds(first, last)
    totals: dict[int, timedelta] = defaultdict(timedelta)
    rows = (
        _external_bookings()
        .filter(instrument_id__in=instrument_ids, actual_start__gte=start, actual_start__lt=end)
        .values_list("instrument_id", "actual_start", "actual_end")
    )
    for instrument_id, actual_start, actual_end in rows:
        totals[instrument_id] += max(actual_end - actual_start, timedelta(0))
    return {
        pk: (Decimal(total.total_seconds()) / Decimal(3600)).quantize(HOURS, ROUND_HALF_UP)
        for pk, total in totals.items()
    }


def platform_sessions(instrument, first: date, last: date):
    """The completed external platform bookings of ``instrument`` that began in [first, last]."""
    start, end = day_bounds(first, last)
    return _external_bookings().filter(instrument=instrument, actual_start__gte=start, actual_start__lt=end)


def recorded_hours(instrument_ids, first: date, last: date) -> dict[int, dict[str, Decimal]]:
    """Entered / imported hours per instrument and kind in [first, last] (one query)."""
    out: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = (
        RuntimeRecord.objects.filter(instrument_id__in=instrument_ids, date__range=(first, last))
        .values("instrument_id", "kind")
        .annotate(hours=Sum("hours"))
    )
    for row in rows:
        out[row["instrument_id"]][row["kind"]] = row["hours"]
    return out


def runtime_totals(instrument_ids, first: date, last: date) -> dict[int, dict[str, Decimal]]:
    """Per instrument: ``own_use``, ``teaching``, ``external`` (entered), ``platform`` (computed from bookings),
    ``external_total`` and ``total`` hours in [first, last]. Two queries for any number of instruments."""
    ids = list(instrument_ids)
    recorded = recorded_hours(ids, first, last)
    platform = platform_external_hours(ids, first, last)
    zero = Decimal("0.00")
    out = {}
    for pk in ids:
        kinds = recorded.get(pk, {})
        row = {kind: kinds.get(kind, zero) for kind in RuntimeKind.values}
        row["platform"] = platform.get(pk, zero)
        row["external_total"] = row[RuntimeKind.EXTERNAL] + row["platform"]
        row["total"] = row[RuntimeKind.OWN_USE] + row[RuntimeKind.TEACHING] + row["external_total"]
        out[pk] = row
    return out
