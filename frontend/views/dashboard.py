"""市场监测: the market dashboard (seed clauses 12, 18, 24) — the public page ``/dashboard/`` and the administrators'
page ``/workspace/monitoring/`` (platform administrators, the market operator's members, authorities' members).

Both read the one computation the API's ``stats/`` returns (``marketplace.stats.collect`` under the same
``DashboardFilterForm``), so page and API always show the same figures. Every chart is drawn by our
``js/dashboard.js`` with the vendored ECharts from the table printed under it (``json_script``); every table can be
downloaded as CSV (``?format=csv&table=<name>``, UTF-8 with a BOM so that Excel reads the Chinese).
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from frontend.templatetags.frontend_tags import is_english, money
from marketplace import stats
from marketplace.api.acting import forget_memberships
from marketplace.choices import OrganizationKind
from marketplace.dashboard import DashboardFilterForm, can_view_detail
from marketplace.permissions import can_moderate
from tech_transfer.choices import ContractKind

from .base import acting_organization

# ---------------------------------------------------------------------------------------------------------- tables


@dataclass
class Column:
    """A column: ``kind`` says how a value is shown (text, int, hours, money, rate, rating) and written to CSV."""

    key: str
    label: str
    kind: str = "text"

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Table:
    """A table of the dashboard and, when ``chart`` is set, the chart drawn from it: ``chart`` is ``{"type": "bar" |
    "line" | "pie", "x": <key of the category column>, "series": [<keys>], "stack": bool, "horizontal": bool,
    "tones": [<CSS token names>]}``."""

    name: str
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: dict | None = None
    note: str = ""
    cells: list[list] = field(default_factory=list)

    def __post_init__(self):
        self.cells = [[(column, row.get(column.key)) for column in self.columns] for row in self.rows]

    def chart_data(self) -> dict:
        """What ``dashboard.js`` draws: the category labels and one series per charted column."""
        chart = self.chart or {}
        labels = {c.key: c.label for c in self.columns}
        kinds = {c.key: c.kind for c in self.columns}
        return {
            "type": chart.get("type", "bar"),
            "title": self.title,
            "stack": chart.get("stack", False),
            "horizontal": chart.get("horizontal", False),
            "tones": chart.get("tones", []),
            "categories": [str(row.get(chart["x"], "")) for row in self.rows],
            "series": [
                {
                    "name": labels[key],
                    "kind": kinds[key],
                    "data": [_chart_value(row.get(key), kinds[key]) for row in self.rows],
                }
                for key in chart.get("series", [])
            ],
        }


def _chart_value(value, kind):
    if value is None or value == "":
        return None
    if kind == "rate":
        return round(float(value) * 100, 2)
    return float(value)


def _name(row: dict, key: str = "name") -> str:
    return (is_english() and row.get(f"{key}_en")) or row.get(key) or ""


def _tables(figures: dict, *, detail: bool) -> list[Table]:
    """The dashboard's tables, in page order, from ``stats.collect``'s figures."""
    contracts = figures["tech_transfer"]["contracts"]
    demands = figures["demands"]["demands"]
    sharing = figures["instruments"]["sharing"]
    vouchers = figures["vouchers"]["period"]
    kinds = [(kind.value, kind.label) for kind in ContractKind]

    contract_months = [
        {"month": m["month"], "count": m["count"], "amount": m["amount"], **{k: m["by_kind"][k] for k, _l in kinds}}
        for m in contracts["by_month"]
    ]
    tables = [
        Table(
            "contracts_by_month",
            _("技术合同成交额（按月）"),
            [
                Column("month", _("月份")),
                Column("count", _("合同数"), "int"),
                Column("amount", _("成交额（元）"), "money"),
            ]
            + [Column(k, str(label), "money") for k, label in kinds],
            contract_months,
            {"type": "bar", "x": "month", "series": [k for k, _l in kinds], "stack": True},
            _("已签订和已登记的技术合同，按签订日期计；地区按买卖任一方所在地区。"),
        ),
        Table(
            "contracts_by_kind",
            _("技术合同成交额（按类型）"),
            [
                Column("label", _("合同类型")),
                Column("count", _("合同数"), "int"),
                Column("registered", _("已登记"), "int"),
                Column("amount", _("成交额（元）"), "money"),
            ],
            contracts["by_kind"],
            {"type": "pie", "x": "label", "series": ["amount"]},
        ),
        Table(
            "demands_by_risk",
            _("企业需求（按风险等级）"),
            [
                Column("label", _("风险等级")),
                Column("count", _("需求数"), "int"),
                Column("challenges", _("揭榜挂帅"), "int"),
                Column("solved", _("已解决"), "int"),
                Column("solved_rate", _("解决率"), "rate"),
            ],
            demands["by_risk_class"],
            {
                "type": "bar",
                "x": "label",
                "series": ["count", "solved"],
                "tones": ["--accent", "--ok-strong"],
            },
            _("期间内发布的需求，地区按发布企业所在地区。"),
        ),
        Table(
            "demands_by_status",
            _("企业需求（按状态）"),
            [Column("label", _("状态")), Column("count", _("需求数"), "int")],
            demands["by_status"],
            {"type": "pie", "x": "label", "series": ["count"]},
        ),
        Table(
            "top_solvers",
            _("解题院所排行"),
            [
                Column("name", _("院所")),
                Column("solved", _("解决需求数"), "int"),
                Column("challenges", _("其中揭榜挂帅"), "int"),
                Column("rating", _("平均评分"), "rating"),
                Column("rated", _("评价数"), "int"),
            ],
            [{**row, "name": _name(row)} for row in demands["top_institutes"]],
            {"type": "bar", "x": "name", "series": ["solved"], "horizontal": True},
            _("按解决需求数和市场阅题平均评分（1–5 分）排序。"),
        ),
        Table(
            "sharing_by_month",
            _("仪器共享机时（按月）"),
            [
                Column("month", _("月份")),
                Column("bookings", _("预约数"), "int"),
                Column("booked_hours", _("预约机时"), "hours"),
                Column("used_hours", _("使用机时"), "hours"),
                Column("external_hours", _("对外服务机时"), "hours"),
            ],
            sharing["by_month"],
            {"type": "line", "x": "month", "series": ["booked_hours", "used_hours", "external_hours"]},
            _("使用机时按实际上机记录计（无记录时按预约时段）；对外服务机时为非仪器所属机构的使用机时。"),
        ),
        Table(
            "instrument_use",
            _("仪器利用率") if detail else _("仪器利用率排行"),
            [
                Column("name", _("仪器")),
                Column("owner_name", _("所属机构")),
                Column("used_hours", _("使用机时"), "hours"),
                Column("external_hours", _("对外服务机时"), "hours"),
                Column("open_hours", _("开放机时"), "hours"),
                Column("utilisation", _("利用率"), "rate"),
            ],
            [{**row, "name": _name(row), "owner_name": _name(row, "owner_name")} for row in sharing["instruments"]],
            None if detail else {"type": "bar", "x": "name", "series": ["utilisation"], "horizontal": True},
            _("利用率 = 使用机时 ÷ 开放机时（期间内自仪器上线起至今日的每周开放时间）。"),
        ),
        Table(
            "institute_use",
            _("院所仪器利用率") if detail else _("院所仪器利用率排行"),
            [
                Column("name", _("机构")),
                Column("instruments", _("仪器数"), "int"),
                Column("bookings", _("预约数"), "int"),
                Column("used_hours", _("使用机时"), "hours"),
                Column("external_hours", _("对外服务机时"), "hours"),
                Column("open_hours", _("开放机时"), "hours"),
                Column("utilisation", _("利用率"), "rate"),
            ],
            [{**row, "name": _name(row)} for row in sharing["institutes"]],
            {"type": "bar", "x": "name", "series": ["utilisation"], "horizontal": True},
        ),
        Table(
            "vouchers_by_month",
            _("创新券发放、兑用和结算（按月）"),
            [
                Column("month", _("月份")),
                Column("granted", _("发放（元）"), "money"),
                Column("redeemed", _("兑用（元）"), "money"),
                Column("cross_region", _("其中跨区域兑用（元）"), "money"),
                Column("settled", _("结算支付（元）"), "money"),
            ],
            vouchers["by_month"],
            {"type": "line", "x": "month", "series": ["granted", "redeemed", "settled"]},
        ),
        Table(
            "vouchers_by_region",
            _("创新券使用（按企业所在地区）"),
            [
                Column("name", _("企业所在地区")),
                Column("granted", _("发放（元）"), "money"),
                Column("redeemed", _("兑用（元）"), "money"),
                Column("cross_region", _("跨区域兑用（元）"), "money"),
                Column("cross_region_share", _("跨区域占比"), "rate"),
                Column("settled", _("结算支付（元）"), "money"),
            ],
            [{**row, "name": _name(row)} for row in vouchers["by_region"]],
            {"type": "bar", "x": "name", "series": ["redeemed", "cross_region"]},
            _("跨区域兑用：企业在所在城市以外的长三角服务机构使用创新券（长三角通用通兑）。"),
        ),
    ]
    if detail:
        tables.append(
            Table(
                "budget_use",
                _("创新券项目预算使用"),
                [
                    Column("name", _("项目")),
                    Column("year", _("年度"), "int"),
                    Column("budget", _("总预算（元）"), "money"),
                    Column("granted", _("已发放（元）"), "money"),
                    Column("remaining", _("剩余预算（元）"), "money"),
                    Column("held", _("冻结中（元）"), "money"),
                    Column("redeemed", _("已兑用（元）"), "money"),
                    Column("settled", _("已结算支付（元）"), "money"),
                    Column("granted_rate", _("发放率"), "rate"),
                    Column("redeemed_rate", _("兑用率"), "rate"),
                    Column("firms_served", _("服务企业数"), "int"),
                ],
                figures["vouchers"].get("budget", []),
                {"type": "bar", "x": "name", "series": ["granted_rate", "redeemed_rate"]},
                _("累计数，不受统计期间和地区筛选影响。"),
            )
        )
    return tables


def _summary(figures: dict) -> list[dict]:
    """The headline figures above the charts."""
    contracts = figures["tech_transfer"]["contracts"]
    demands = figures["demands"]["demands"]
    sharing = figures["instruments"]["sharing"]
    vouchers = figures["vouchers"]["period"]
    return [
        {"key": "contract_amount", "label": _("技术合同成交额"), "value": money(contracts["amount"]),
         "meta": _("%(count)s 项合同") % {"count": contracts["count"]}},
        {"key": "demands", "label": _("发布需求"), "value": demands["total"],
         "meta": _("解决率 %(rate)s") % {"rate": percent(demands["solved_rate"])}},
        {"key": "challenges", "label": _("揭榜挂帅"), "value": demands["challenges"]["count"],
         "meta": _("解决率 %(rate)s") % {"rate": percent(demands["challenges"]["solved_rate"])}},
        {"key": "used_hours", "label": _("仪器使用机时"), "value": f'{sharing["used_hours"]:,.1f}',
         "meta": _("对外服务 %(hours)s 小时") % {"hours": f'{sharing["external_hours"]:,.1f}'}},
        {"key": "utilisation", "label": _("仪器利用率"), "value": percent(sharing["utilisation"]),
         "meta": _("开放 %(hours)s 小时") % {"hours": f'{sharing["open_hours"]:,.1f}'}},
        {"key": "vouchers", "label": _("创新券兑用"), "value": money(vouchers["redeemed"]),
         "meta": _("发放 %(granted)s · 结算 %(settled)s") % {"granted": money(vouchers["granted"]),
                                                           "settled": money(vouchers["settled"])}},
    ]  # fmt: skip


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def show(value, kind: str) -> str:
    """A cell as the page shows it."""
    if value is None or value == "":
        return "—"
    if kind == "money":
        return money(value)
    if kind == "rate":
        return percent(value)
    if kind == "hours":
        return f"{value:,.1f}"
    if kind == "rating":
        return f"{value:.2f}"
    return str(value)


def _row_html(cells) -> str:
    """A table row's cells (the first a row header), escaped; built here rather than in the template, whose per-cell
    variable lookups cost more than the figures themselves on a long table (and with ``escape`` on plain strings:
    ``format_html`` per cell costs as much again on the administrators' 200-instrument table)."""
    first, *rest = cells
    tds = "".join(
        f'<td class="{"num" if c.numeric else ""}" data-key="{escape(c.key)}">{escape(show(v, c.kind))}</td>'
        for c, v in rest
    )
    return mark_safe(f'<th scope="row">{escape(show(first[1], first[0].kind))}</th>{tds}')  # every part escaped


def _csv_value(value, kind: str):
    if value is None:
        return ""
    if kind == "rate":
        return f"{value * 100:.2f}"
    return value


def csv_response(table: Table, filters) -> HttpResponse:
    """``table`` as CSV: UTF-8 with a BOM (Excel), the column labels as the header, plain numbers (rates in %)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("%(label)s（%%）") % {"label": c.label} if c.kind == "rate" else c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(row.get(c.key), c.kind) for c in table.columns])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    region = f"-{filters.region.code}" if filters.region else ""
    filename = f"dashboard-{table.name}-{filters.from_month}-{filters.to_month}{region}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ----------------------------------------------------------------------------------------------------------- views


def _render(request, *, detail: bool):
    form = DashboardFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        if request.GET.get("format") == "csv":
            return HttpResponse(
                "; ".join(str(m) for messages in form.errors.values() for m in messages),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return render(
            request,
            "frontend/dashboard/page.html",
            {"form": form, "detail": detail, "tables": [], "summary": []},
            status=400,
        )
    if not request.GET:
        form = DashboardFilterForm({})
        form.is_valid()
    filters = form.filters()
    # The form shown again holds the period actually used (the default one when nothing was asked).
    form = DashboardFilterForm(
        initial={"from": filters.from_month, "to": filters.to_month, "region": filters.region, "top": filters.top}
    )
    figures = stats.collect(filters, detail=detail, user=request.user)
    tables = _tables(figures, detail=detail)
    if request.GET.get("format") == "csv":
        wanted = request.GET.get("table", "")
        for table in tables:
            if table.name == wanted:
                return csv_response(table, filters)
        raise Http404(_("没有这个统计表。"))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    for table in tables:
        csv_query = query.copy()
        csv_query["format"], csv_query["table"] = "csv", table.name
        table.csv_url = f"?{csv_query.urlencode()}"
        table.html_rows = [_row_html(cells) for cells in table.cells]
    return render(
        request,
        "frontend/dashboard/page.html",
        {
            "form": form,
            "filters": filters,
            "detail": detail,
            "tables": tables,
            "charts": {t.name: t.chart_data() for t in tables if t.chart},
            "summary": _summary(figures),
            "organizations": figures["organizations"],
        },
    )


def market_dashboard(request):
    """市场监测 (public): contract turnover, demands and challenges, instrument sharing, vouchers."""
    return _render(request, detail=False)


@login_required
def market_dashboard_admin(request):
    """市场监测（管理）: the public figures plus every instrument and institute and the programmes' budget use; for
    platform administrators, the market operator's members and authorities' members (403 for everyone else)."""
    forget_memberships(request.user)
    if not can_view_detail(request.user):
        raise PermissionDenied(_("仅平台管理员、市场运营机构和主管部门可以查看监测明细。"))
    request.organization = acting_organization(request)
    return _render(request, detail=True)


def nav_links(request, organization):
    """The administrators' dashboard in the workspace navigation (no query: the moderator check is cached and the
    acting organization's kind is known)."""
    is_authority = organization is not None and organization.kind == OrganizationKind.AUTHORITY
    if not (can_moderate(request.user) or is_authority):
        return []
    return [
        {"label": _("市场监测"), "url": reverse("frontend:market_dashboard_admin"), "name": "market_dashboard_admin"}
    ]


urlpatterns = [
    path("dashboard/", market_dashboard, name="market_dashboard"),
    path("workspace/monitoring/", market_dashboard_admin, name="market_dashboard_admin"),
]
