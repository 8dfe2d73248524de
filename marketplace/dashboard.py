"""市场监测 (market monitoring, seed clauses 12 / 18 / 24): the filters every market figure is computed under, and the
small helpers the apps' ``stats`` modules share.

One computation serves both the API (``GET /api/v1/stats/``) and the pages (``/dashboard/``): ``marketplace.stats``
parses the query into a :class:`DashboardFilters` and asks each app's ``stats.collect(filters)`` for its section.
Every section is a fixed number of aggregate queries (GROUP BY month / kind / region), so the cost does not grow with
the number of bookings or contracts, only with the size of the catalogue (instruments, regions) it reports on.

Filters: a period of whole months (``from`` / ``to`` as ``YYYY-MM``, default the last 12 months up to this one) and
a region (行政区划 code): an organization counts in a region when its own region is that region or lies inside it
(余姚市 is inside 宁波市, which is inside 浙江省).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django import forms
from django.db.models import Case, FloatField, Func, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OrganizationKind
from .models import Organization, Region
from .permissions import can_moderate

#: The longest period one request may ask for: the month series stays short whatever is asked.
MAX_MONTHS = 60
DEFAULT_MONTHS = 12
DEFAULT_TOP = 10
MAX_TOP = 50
#: The provincial-level units of the Yangtze River Delta (长三角: 上海, 江苏, 浙江, 安徽).
YANGTZE_DELTA_PROVINCES = frozenset({"310000", "320000", "330000", "340000"})


def _month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class DashboardFilters:
    """What the figures are computed under. ``start`` is the first day of the first month, ``end`` the first day
    after the last month (exclusive). ``region_codes`` is the region and everything inside it (None: everywhere)."""

    start: dt.date
    end: dt.date
    region: Region | None = None
    region_codes: frozenset[str] | None = None
    top: int = DEFAULT_TOP
    regions: dict = field(default_factory=dict, compare=False, repr=False)  # code -> Region, when loaded

    @classmethod
    def default(cls, today: dt.date | None = None) -> "DashboardFilters":
        today = today or timezone.localdate()
        end = _add_months(_month_start(today), 1)
        return cls(start=_add_months(end, -DEFAULT_MONTHS), end=end)

    # ---------------------------------------------------------------------------------------------------- months

    @cached_property
    def months(self) -> list[str]:
        """The period's months as ``YYYY-MM``, oldest first."""
        out, month = [], self.start
        while month < self.end:
            out.append(f"{month:%Y-%m}")
            month = _add_months(month, 1)
        return out

    @property
    def start_at(self) -> dt.datetime:
        """The period's start as an aware datetime (local midnight)."""
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.end, dt.time.min))

    @property
    def from_month(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def to_month(self) -> str:
        return f"{_add_months(self.end, -1):%Y-%m}"

    # ---------------------------------------------------------------------------------------------------- region

    def month_of(self, field: str, *, dates: bool = False) -> Case:
        """An SQL expression giving the index in ``months`` of the month ``field`` falls in (for GROUP BY). Native
        comparisons with month bounds computed here in local time: correct in any time zone, and no per-row Python
        function as SQLite's date truncation would be."""
        bounds, month = [], _add_months(self.start, 1)
        while month <= self.end:
            bounds.append(month if dates else timezone.make_aware(dt.datetime.combine(month, dt.time.min)))
            month = _add_months(month, 1)
        whens = [When(**{f"{field}__lt": bound}, then=Value(i)) for i, bound in enumerate(bounds)]
        return Case(*whens, default=Value(None), output_field=IntegerField())

    def in_region(self, path: str) -> dict:
        """Filter keyword arguments keeping rows whose ``path`` (a path to a region code, e.g.
        ``"firm__region_id"``) lies in the selected region; empty when no region is selected."""
        if self.region_codes is None:
            return {}
        return {f"{path}__in": sorted(self.region_codes)}

    def as_dict(self) -> dict:
        return {
            "from": self.from_month,
            "to": self.to_month,
            "region": self.region.code if self.region else None,
            "region_name": self.region.name if self.region else None,
            "top": self.top,
            "months": self.months,
        }


def region_tree() -> dict[str, Region]:
    """Every region by code (one query; the taxonomy is a few hundred rows at most)."""
    return {region.code: region for region in Region.objects.all()}


def descendant_codes(code: str, regions: dict[str, Region]) -> frozenset[str]:
    """``code`` and the codes of every region inside it."""
    children: dict[str, list[str]] = {}
    for region in regions.values():
        if region.parent_id:
            children.setdefault(region.parent_id, []).append(region.code)
    found, todo = set(), [code]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    return frozenset(found)


def city_of(code: str | None, regions: dict[str, Region]) -> str | None:
    """The prefecture-level unit (地级市) a region belongs to — a province-level unit counts as its own — used to tell
    a voucher spent with a provider in another city (跨区域) from one spent at home."""
    region = regions.get(code) if code else None
    while region is not None and region.level == "county" and region.parent_id:
        region = regions.get(region.parent_id)
    return region.code if region is not None else None


def province_of(code: str | None, regions: dict[str, Region]) -> str | None:
    region = regions.get(code) if code else None
    while region is not None and region.parent_id:
        region = regions.get(region.parent_id)
    return region.code if region is not None else None


# ------------------------------------------------------------------------------------------------------- parsing


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (what ``<input type="month">`` sends)."""

    default_error_messages = {"invalid": _("请输入年月，格式如 2026-01。")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            parsed = dt.datetime.strptime(value.strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 2000 <= parsed.year <= 2100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, for the API (errors → 400 with field messages) and the pages (the form again)."""

    region = forms.ModelChoiceField(
        Region.objects.all(),
        required=False,
        to_field_name="code",
        label=_("地区"),
        empty_label=_("全部地区"),
        error_messages={"invalid_choice": _("没有这个行政区划代码。")},
    )
    top = forms.IntegerField(label=_("排行数"), required=False, min_value=1, max_value=MAX_TOP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ``from`` is a Python keyword, so the period's fields are added here rather than declared.
        fields = {
            "from": MonthField(label=_("起始月份"), required=False, widget=forms.TextInput(attrs={"type": "month"})),
            "to": MonthField(label=_("截止月份"), required=False, widget=forms.TextInput(attrs={"type": "month"})),
        }
        self.fields = {**fields, **self.fields}
        # Cities and counties indented under their province (the list is in code order, parents first).
        indent = {"province": "", "city": "\u3000", "county": "\u3000\u3000"}
        self.fields["region"].label_from_instance = lambda region: indent.get(region.level, "") + _region_name(region)

    def clean(self):
        data = super().clean()
        start, last = data.get("from"), data.get("to")
        if "from" in self.errors or "to" in self.errors:
            return data
        default = DashboardFilters.default()
        if start is None and last is None:
            start, last = default.start, _add_months(default.end, -1)
        elif start is None:
            start = _add_months(last, 1 - DEFAULT_MONTHS)
        elif last is None:
            last = max(start, _add_months(default.end, -1))
            if _months_between(start, last) > MAX_MONTHS:
                last = _add_months(start, MAX_MONTHS - 1)
        if start > last:
            self.add_error("to", _("截止月份不能早于起始月份。"))
        elif _months_between(start, last) > MAX_MONTHS:
            self.add_error("to", _("统计期间最长 %(months)s 个月。") % {"months": MAX_MONTHS})
        data["from"], data["to"] = start, last
        return data

    def filters(self) -> DashboardFilters:
        """The filters of a valid form."""
        data = self.cleaned_data
        region = data.get("region")
        regions, codes = {}, None
        if region is not None:
            regions = region_tree()
            codes = descendant_codes(region.code, regions)
        return DashboardFilters(
            start=data["from"],
            end=_add_months(data["to"], 1),
            region=region,
            region_codes=codes,
            top=data.get("top") or DEFAULT_TOP,
            regions=regions,
        )


def _months_between(first: dt.date, last: dt.date) -> int:
    """How many months ``first`` … ``last`` spans, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def weekday_counts(start: dt.date, end: dt.date) -> list[int]:
    """How many Mondays … Sundays (index 0 … 6) the days ``start`` ≤ d < ``end`` contain."""
    days = max((end - start).days, 0)
    weeks, rest = divmod(days, 7)
    counts = [weeks] * 7
    for offset in range(rest):
        counts[(start.weekday() + offset) % 7] += 1
    return counts


class HoursBetween(Func):
    """``end - start`` in hours, computed natively by the database (Django's duration arithmetic on SQLite runs a
    Python function per row, which dominates an aggregate over 100,000 bookings)."""

    arg_joiner = " - "
    # date_part() is double precision; EXTRACT() is numeric since PostgreSQL 14, several times slower to sum.
    template = "(date_part('epoch', %(expressions)s) / 3600.0)"
    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s)) * 24.0)", arg_joiner=") - julianday(", **extra
        )


def hours(value) -> float:
    """Hours (a number, a timedelta or None) with one decimal."""
    if not value:
        return 0.0
    if isinstance(value, dt.timedelta):
        value = value.total_seconds() / 3600
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def rate(part, whole) -> float | None:
    """``part / whole`` as a fraction with four decimals; None when ``whole`` is zero (nothing to compare with)."""
    if not whole:
        return None
    return float((Decimal(str(part)) / Decimal(str(whole))).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def can_view_detail(user) -> bool:
    """Whether ``user`` may see the administrators' dashboard (and ``stats/?detail=true``): platform administrators,
    the market operator's members (``can_moderate``) and the members of an authority (科技局). One query at most."""
    if can_moderate(user):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Organization.objects.filter(pk__in=user.organization_ids(), kind=OrganizationKind.AUTHORITY).exists()


def _region_name(region) -> str:
    """The region's name in the page's language (the English name where there is one)."""
    from django.utils.translation import get_language

    english = (get_language() or "").startswith("en")
    return (region.name_en or region.name) if english and getattr(region, "name_en", "") else region.name
