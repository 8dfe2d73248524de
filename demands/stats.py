"""Demand figures for the market dashboard (市场监测: 企业出题 · 揭榜挂帅 · 院所解题 · 市场阅题).

The demands counted are those that reached the market (published: open, in cooperation, solved, closed, expired),
in the period by their publication time and in the region by the posting firm's region. The figures never name a
firm (anonymous demands stay anonymous); they name the institutes that solved demands, which is public.

Two queries: demands grouped by risk class, status and challenge flag; solved demands grouped by the institute of
their accepted proposal, with the average rating of their evaluation (市场阅题).
"""

from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import Coalesce

from marketplace.dashboard import DashboardFilters, rate
from marketplace.money import ZERO, money

from .choices import DemandStatus, ProposalStatus, RiskClass
from .models import Demand, Proposal

#: The statuses of a demand that has been published (drafts and those waiting for review are not on the market).
PUBLISHED_STATUSES = (
    DemandStatus.OPEN,
    DemandStatus.IN_COOPERATION,
    DemandStatus.SOLVED,
    DemandStatus.CLOSED,
    DemandStatus.EXPIRED,
)


def _demands(filters: DashboardFilters):
    return Demand.objects.annotate(since=Coalesce("published_at", "created_at")).filter(
        status__in=PUBLISHED_STATUSES,
        since__gte=filters.start_at,
        since__lt=filters.end_at,
        **filters.in_region("firm__region_id"),
    )


def collect(filters: DashboardFilters | None = None, *, detail: bool = False, user=None) -> dict:
    filters = filters or DashboardFilters.default()
    rows = list(
        _demands(filters)
        .values("risk_class", "status", "is_challenge")
        .annotate(count=Count("id"), bounty=Sum("bounty"))
        .order_by()
    )
    by_risk = {risk: {"count": 0, "solved": 0, "challenges": 0} for risk in RiskClass.values}
    by_status = dict.fromkeys(PUBLISHED_STATUSES, 0)
    challenges = {"count": 0, "solved": 0, "bounty": ZERO}
    for row in rows:
        solved = row["status"] == DemandStatus.SOLVED
        risk = by_risk[row["risk_class"]]
        risk["count"] += row["count"]
        risk["solved"] += row["count"] if solved else 0
        by_status[row["status"]] += row["count"]
        if row["is_challenge"]:
            risk["challenges"] += row["count"]
            challenges["count"] += row["count"]
            challenges["solved"] += row["count"] if solved else 0
            challenges["bounty"] += row["bounty"] or ZERO
    total = sum(by_status.values())
    solved_total = by_status[DemandStatus.SOLVED]

    limit = None if detail else filters.top
    solvers = (
        Proposal.objects.filter(
            status=ProposalStatus.ACCEPTED,
            demand__in=_demands(filters).filter(status=DemandStatus.SOLVED).values("pk"),
        )
        .values("institute_id", "institute__name", "institute__name_en")
        .annotate(
            solved=Count("id"),
            rated=Count("demand__evaluation"),
            rating=Avg("demand__evaluation__rating"),
            challenges=Count("id", filter=Q(demand__is_challenge=True)),
        )
        .order_by("-solved", F("rating").desc(nulls_last=True), "institute__name")
    )
    return {
        "demands": {
            "total": total,
            "solved": solved_total,
            "solved_rate": rate(solved_total, total),
            "by_risk_class": [
                {
                    "risk_class": risk,
                    "label": str(RiskClass(risk).label),
                    **figures,
                    "solved_rate": rate(figures["solved"], figures["count"]),
                }
                for risk, figures in by_risk.items()
            ],
            "by_status": [
                {"status": status, "label": str(DemandStatus(status).label), "count": count}
                for status, count in by_status.items()
            ],
            "challenges": {
                "count": challenges["count"],
                "solved": challenges["solved"],
                "solved_rate": rate(challenges["solved"], challenges["count"]),
                "bounty": str(money(challenges["bounty"])),
            },
            "top_institutes": [
                {
                    "organization": row["institute_id"],
                    "name": row["institute__name"],
                    "name_en": row["institute__name_en"],
                    "solved": row["solved"],
                    "challenges": row["challenges"],
                    "rated": row["rated"],
                    "rating": round(row["rating"], 2) if row["rating"] is not None else None,
                }
                for row in (solvers if limit is None else solvers[:limit])
            ],
        }
    }
