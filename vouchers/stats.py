"""Voucher figures for the market dashboard (市场监测: 创新券).

``programs`` (one row per programme, all-time: budget, granted, available, held, redeemed, settled, firms served) is
what ``stats/`` has always reported; it is now four grouped queries whatever the number of programmes.

``period`` follows the dashboard's filters, from the immutable ledger: granted (发放) and redeemed (兑用, net of
reversals) by the entry's time, settled (兑付) by the paid settlement's time; the region is the firm's. It is split by
the firm's region, with the part redeemed with providers in another city (跨区域, 长三角 通用通兑) — a county counts
in its prefecture-level city, so a 余姚 firm using a 宁波 provider is at home and one using a 上海 provider is not.
Three queries (ledger by kind, month and regions; settled lines by month and regions; the region names).

``budget`` (with ``detail``) is each programme's budget use for the administrators' page: the programmes ``user``
administers (platform administrators: all; an authority's members: its own; the market operator: all).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from marketplace.dashboard import (
    YANGTZE_DELTA_PROVINCES,
    DashboardFilters,
    city_of,
    province_of,
    rate,
    region_tree,
)
from marketplace.money import ZERO, money
from marketplace.permissions import can_moderate

from .choices import EntryKind, GrantStatus
from .models import ClaimLine, LedgerEntry, Settlement, VoucherGrant, VoucherProgram


def programs_statistics(programs) -> list[dict]:
    """``claims.program_statistics`` for many programmes at once (the same keys), in four queries."""
    programs = list(programs)
    ids = [p.pk for p in programs]
    grants = {
        row["program_id"]: row
        for row in VoucherGrant.objects.filter(program_id__in=ids, status=GrantStatus.APPROVED)
        .values("program_id")
        .annotate(granted=Sum("amount"), available=Sum("available"), held=Sum("held"), redeemed=Sum("redeemed"))
        .order_by()
    }
    settled = dict(
        Settlement.objects.filter(program_id__in=ids, status="paid")
        .values("program_id")
        .annotate(total=Sum("total"))
        .order_by()
        .values_list("program_id", "total")
    )
    served = dict(
        LedgerEntry.objects.filter(grant__program_id__in=ids, kind=EntryKind.REDEEM)
        .values("grant__program_id")
        .annotate(n=Count("grant__firm_id", distinct=True))
        .order_by()
        .values_list("grant__program_id", "n")
    )
    out = []
    for program in programs:
        totals = grants.get(program.pk, {})
        out.append(
            {
                "program": program.pk,
                "name": program.name,
                "year": program.year,
                "budget": str(program.total_budget),
                "granted": str(money(totals.get("granted") or ZERO)),
                "available": str(money(totals.get("available") or ZERO)),
                "held": str(money(totals.get("held") or ZERO)),
                "redeemed": str(money(totals.get("redeemed") or ZERO)),
                "settled": str(money(settled.get(program.pk) or ZERO)),
                "firms_served": served.get(program.pk, 0),
            }
        )
    return out


def collect(filters: DashboardFilters | None = None, *, detail: bool = False, user=None) -> dict:
    filters = filters or DashboardFilters.default()
    programs = programs_statistics(VoucherProgram.objects.order_by("-year", "id"))
    figures = {"programs": programs, "period": period(filters)}
    if detail:
        figures["budget"] = budget_use(programs, user)
    return figures


def _blank() -> dict:
    return {"granted": ZERO, "redeemed": ZERO, "cross_region": ZERO, "settled": ZERO}


def period(filters: DashboardFilters) -> dict:
    entries = (
        LedgerEntry.objects.filter(
            kind__in=(EntryKind.GRANT, EntryKind.REDEEM, EntryKind.REVERSAL),
            created_at__gte=filters.start_at,
            created_at__lt=filters.end_at,
            **filters.in_region("grant__firm__region_id"),
        )
        .annotate(
            month=filters.month_of("created_at"),
            provider_region=Coalesce("hold__provider__region_id", "reverses__hold__provider__region_id"),
        )
        .values("kind", "month", "grant__firm__region_id", "provider_region")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    lines = (
        ClaimLine.objects.filter(
            claim__settlement__status="paid",
            claim__settlement__paid_at__gte=filters.start_at,
            claim__settlement__paid_at__lt=filters.end_at,
            **filters.in_region("redemption__grant__firm__region_id"),
        )
        .annotate(month=filters.month_of("claim__settlement__paid_at"))
        .values("month", "redemption__grant__firm__region_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    regions = filters.regions or region_tree()
    by_month = {month: _blank() for month in filters.months}
    by_region: dict[str, dict] = defaultdict(_blank)
    total = _blank()
    for row in entries:
        amount = row["amount"] or ZERO
        firm_region = row["grant__firm__region_id"]
        if row["kind"] == EntryKind.GRANT:
            keys = ("granted",)
        else:
            amount = amount if row["kind"] == EntryKind.REDEEM else -amount
            away = city_of(row["provider_region"], regions) != city_of(firm_region, regions)
            keys = ("redeemed", "cross_region") if away and row["provider_region"] else ("redeemed",)
        for key in keys:
            for bucket in (by_month[filters.months[row["month"]]], by_region[firm_region], total):
                bucket[key] += amount
    for row in lines:
        amount = row["amount"] or ZERO
        firm_region = row["redemption__grant__firm__region_id"]
        for bucket in (by_month[filters.months[row["month"]]], by_region[firm_region], total):
            bucket["settled"] += amount

    def shown(figures: dict) -> dict:
        return {
            **{key: str(money(value)) for key, value in figures.items()},
            "cross_region_share": rate(figures["cross_region"], figures["redeemed"]),
        }

    return {
        **shown(total),
        "by_month": [{"month": month, **shown(figures)} for month, figures in by_month.items()],
        "by_region": [
            {
                "region": code,
                "name": regions[code].name if code in regions else code,
                "name_en": regions[code].name_en if code in regions else code,
                "in_yangtze_delta": province_of(code, regions) in YANGTZE_DELTA_PROVINCES,
                **shown(figures),
            }
            for code, figures in sorted(by_region.items(), key=lambda item: (-item[1]["redeemed"], item[0]))
        ],
    }


def budget_use(programs: list[dict], user) -> list[dict]:
    """Budget use of the programmes ``user`` administers (all of them for moderators), from ``programs``."""
    allowed = None
    if not can_moderate(user):
        allowed = set(VoucherProgram.objects.administered_by(user).values_list("pk", flat=True))
    rows = []
    for program in programs:
        if allowed is not None and program["program"] not in allowed:
            continue
        budget, granted = Decimal(program["budget"]), Decimal(program["granted"])
        rows.append(
            {
                **program,
                "remaining": str(money(budget - granted)),
                "granted_rate": rate(granted, budget),
                "redeemed_rate": rate(Decimal(program["redeemed"]), budget),
                "settled_rate": rate(Decimal(program["settled"]), budget),
            }
        )
    return rows
