"""Test data of the technology brokers: a broker (verified, with a current certificate) of a service provider, a
firm with a demand, an institute with a proposal, and a contract drafted from the accepted proposal."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from demands import services as demand_services
from demands.tests.test_demands import make_demand
from marketplace.testing import make_organization, make_user
from tech_transfer.models import TechContract

from ..models import BrokerProfile
from .factories import party

__all__ = ["make_broker", "make_demand", "market", "party"]
_serial = itertools.count(1)


def make_broker(
    organization=None,
    *,
    status="verified",
    fields=("advanced_manufacturing",),
    chains=("molds",),
    regions=("330281",),
    level="intermediate",
    expires_in=365,
    name=None,
):
    organization = organization or make_organization("service_provider")
    n = next(_serial)
    user = make_user(organization=organization, display_name=name or f"经理人{n}")
    profile = BrokerProfile.objects.create(
        user=user,
        organization=organization,
        level=level,
        certificate_number=f"JSJL-2025-{n:05d}",
        certificate_issuer="浙江省科学技术厅",
        certificate_expires=timezone.localdate() + timedelta(days=expires_in),
        languages=["中文"],
        bio="长期服务余姚模具企业。",
        status=status,
        verified_at=timezone.now() if status == "verified" else None,
    )
    profile.tech_fields.set(fields)
    profile.industry_chains.set(chains)
    profile.regions.set(regions)
    return profile


class Market:
    """A firm with an open demand, an institute, a broker; ``contract()`` accepts a proposal and returns the
    contract drafted from it."""

    def __init__(self, anonymous=False):
        self.firm = party("enterprise")
        self.institute = party("institute")
        self.outsider = party("enterprise")
        self.operator = party("service_provider")
        self.operator.organization.is_market_operator = True
        self.operator.organization.save()
        self.broker = make_broker()
        self.demand = make_demand(self.firm.organization, anonymous=anonymous)

    def contract(self, amount=Decimal("200000")) -> TechContract:
        proposal = demand_services.submit_proposal(
            demand=self.demand,
            organization=self.institute.organization,
            actor=self.institute.user,
            approach="随形冷却水路 + 模流分析",
            budget=amount,
            duration_days=90,
        )
        demand_services.accept_proposal(proposal, actor=self.firm.user, organization=self.firm.organization)
        return TechContract.objects.get(proposal=proposal)


def market(anonymous=False) -> Market:
    return Market(anonymous)
