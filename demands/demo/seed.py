"""Seed the demo demands, proposals, contracts and evaluations (idempotent: demands are found by firm and title).
Demands in cooperation or solved go through the real services, so their contracts exist as in production; the
contracts of solved demands are then signed by both parties and registered, and the first demand in cooperation's
is signed (the others stay drafts awaiting signatures)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tech_transfer.demo.contracts import sign_and_register
from tech_transfer.models import TechContract

from ..choices import DemandStatus
from ..models import Demand, Evaluation, Proposal
from ..services import accept_proposal, solve_demand
from . import data


def seed(context) -> None:
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        for n, row in enumerate(data.DEMANDS):
            firm = context.organizations[row["firm"]]
            if Demand.objects.filter(firm=firm, title=row["title"]).exists():
                continue
            final = row["status"]
            demand = Demand(
                firm=firm,
                title=row["title"],
                problem=row["problem"],
                target_indicators=row["target_indicators"],
                industry_chain_id=row["industry_chain"],
                tech_field_id=row["tech_field"],
                risk_class=row["risk_class"],
                cooperation_mode=row["cooperation_mode"],
                budget_min=Decimal(row["budget_min"]) if row["budget_min"] else None,
                budget_max=Decimal(row["budget_max"]) if row["budget_max"] else None,
                deadline=today + timedelta(days=row["deadline_days"]),
                is_challenge=row["challenge"],
                bounty=Decimal(row["bounty"]) if row["bounty"] else None,
                ip_terms=row["ip_terms"],
                anonymous=row["anonymous"],
                # in-cooperation and solved demands start open and get there through the services below
                status=DemandStatus.OPEN if final in ("in_cooperation", "solved") else final,
                published_at=now - timedelta(days=n) if final not in ("draft", "pending_review") else None,
            )
            demand.full_clean()
            demand.save()
            context.count("demands", True)
            firm_user = next(u for u in context.users.values() if firm.pk in u.organization_ids("admin"))
            accepted = None
            for proposal_row in row["proposals"]:
                institute = context.organizations[proposal_row["institute"]]
                author = next(u for u in context.users.values() if institute.pk in u.organization_ids("admin"))
                proposal = Proposal.objects.create(
                    demand=demand,
                    institute=institute,
                    author=author,
                    approach=proposal_row["approach"],
                    budget=Decimal(proposal_row["budget"]),
                    duration_days=proposal_row["duration_days"],
                    team=proposal_row["team"],
                    status="submitted" if proposal_row["status"] == "accepted" else proposal_row["status"],
                )
                if proposal_row["status"] == "accepted":
                    accepted = proposal
            if accepted is not None:
                accept_proposal(accepted, actor=firm_user, organization=firm)
                if final == "solved":
                    solve_demand(demand, actor=firm_user, organization=firm)
                    if row.get("evaluation"):
                        Evaluation.objects.create(demand=demand, **row["evaluation"])
        sign_demand_contracts(context)


#: Serials of the demand contracts' registration numbers (after those of ``tech_transfer.demo.contracts``).
DEMAND_SERIAL_BASE = 500


def sign_demand_contracts(context) -> None:
    """Sign the contracts of the solved demo demands (and register them) and of the first one in cooperation. Only
    untouched drafts (no signature yet) are signed, so running the seeder again changes nothing."""
    today = timezone.localdate()
    cooperating = 0
    for n, row in enumerate(data.DEMANDS):
        if row["status"] not in ("in_cooperation", "solved"):
            continue
        demand = Demand.objects.filter(firm=context.organizations[row["firm"]], title=row["title"]).first()
        contract = TechContract.objects.filter(proposal__demand=demand).first() if demand else None
        if row["status"] == "in_cooperation":
            cooperating += 1
        if contract is None or (row["status"] == "in_cooperation" and cooperating > 1):
            continue
        if contract.status != "draft" or contract.seller_signed_at or contract.buyer_signed_at:
            continue
        published = timezone.localdate(demand.published_at) if demand.published_at else today
        days_ago = max((today - published).days - 1, 0)
        sign_and_register(
            context, contract, days_ago=days_ago, register=row["status"] == "solved", serial=DEMAND_SERIAL_BASE + n
        )
