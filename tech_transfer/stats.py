"""Technology-contract figures for the market dashboard (市场监测: 技术合同成交额).

技术合同成交额 (turnover) is the sum of the amounts of signed and registered contracts (drafts are not deals yet), by
signing month (``signed_on``) and by the five registered kinds. A contract counts in a region when either party —
the seller (技术输出方) or the buyer (技术吸纳方) — is in it. One query: contracts grouped by kind and month.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from marketplace.dashboard import DashboardFilters
from marketplace.money import ZERO, money

from .choices import ContractKind, ContractStatus
from .models import TechContract

#: The contracts that count as deals (成交): signed by both parties, registered or not yet.
DEAL_STATUSES = (ContractStatus.SIGNED, ContractStatus.REGISTERED)


def _in_region(filters: DashboardFilters) -> Q:
    if filters.region_codes is None:
        return Q()
    return Q(**filters.in_region("seller__region_id")) | Q(**filters.in_region("buyer__region_id"))


def collect(filters: DashboardFilters | None = None, *, detail: bool = False, user=None) -> dict:
    filters = filters or DashboardFilters.default()
    rows = (
        TechContract.objects.filter(
            _in_region(filters),
            status__in=DEAL_STATUSES,
            signed_on__gte=filters.start,
            signed_on__lt=filters.end,
        )
        .annotate(month=filters.month_of("signed_on", dates=True))
        .values("kind", "month")
        .annotate(count=Count("id"), amount=Sum("amount"), registered=Count("id", filter=Q(status="registered")))
        .order_by()
    )
    by_kind = {kind: {"count": 0, "registered": 0, "amount": ZERO} for kind in ContractKind.values}
    by_month = {month: {"count": 0, "amount": ZERO, "by_kind": defaultdict(Decimal)} for month in filters.months}
    for row in rows:
        kind, month = by_kind[row["kind"]], by_month[filters.months[row["month"]]]
        kind["count"] += row["count"]
        kind["registered"] += row["registered"]
        kind["amount"] += row["amount"] or ZERO
        month["count"] += row["count"]
        month["amount"] += row["amount"] or ZERO
        month["by_kind"][row["kind"]] += row["amount"] or ZERO
    total = sum((k["amount"] for k in by_kind.values()), ZERO)
    return {
        "contracts": {
            "count": sum(k["count"] for k in by_kind.values()),
            "registered": sum(k["registered"] for k in by_kind.values()),
            "amount": str(money(total)),
            "by_kind": [
                {
                    "kind": kind,
                    "label": str(ContractKind(kind).label),
                    "count": figures["count"],
                    "registered": figures["registered"],
                    "amount": str(money(figures["amount"])),
                }
                for kind, figures in by_kind.items()
            ],
            "by_month": [
                {
                    "month": month,
                    "count": figures["count"],
                    "amount": str(money(figures["amount"])),
                    "by_kind": {kind: str(money(figures["by_kind"][kind])) for kind in ContractKind.values},
                }
                for month, figures in by_month.items()
            ],
        }
    }
