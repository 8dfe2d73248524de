"""Seed the demo results, patents and auctions (idempotent: results are found by owner and title), then the demo
contracts (``contracts.py``), the evaluation body and its reports (``evaluations.py``)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace.models import IndustryChain

from ..models import Auction, Patent, Result
from . import data
from .contracts import seed_contracts
from .evaluations import seed_evaluations


def seed(context) -> None:
    chains = {c.code: c for c in IndustryChain.objects.all()}
    now = timezone.now()
    with transaction.atomic():
        for n, row in enumerate(data.RESULTS):
            owner = context.organizations[row["owner"]]
            defaults = {
                "abstract": row["abstract"],
                "confidential_details": row["confidential_details"],
                "keywords": row["keywords"],
                "tech_field_id": row["tech_field"],
                "trl": row["trl"],
                "transfer_modes": row["transfer_modes"],
                "price": Decimal(row["price"]) if row["price"] else None,
                "status": row["status"],
                "published_at": now - timedelta(days=n) if row["status"] in ("published", "transferred") else None,
            }
            result, created = Result.objects.get_or_create(owner=owner, title=row["title"], defaults=defaults)
            context.count("results", created)
            if not created:
                continue
            result.full_clean()
            result.industry_chains.set([chains[c] for c in row["industry_chains"]])
            for patent in row["patents"]:
                Patent.objects.create(
                    result=result,
                    number=patent["number"],
                    patent_type=patent["type"],
                    legal_status=patent["legal_status"],
                    ipc_codes=patent["ipc"],
                )
            auction = row.get("auction")
            if auction and result.status == "published":
                Auction.objects.create(
                    result=result,
                    starting_price=Decimal(auction["starting_price"]),
                    deposit=Decimal(auction["deposit"]) if auction["deposit"] else None,
                    closes_at=now + timedelta(days=auction["days_open"]),
                )
            context.results = getattr(context, "results", {})
            context.results[row["key"]] = result
        seed_contracts(context)
        seed_evaluations(context)
