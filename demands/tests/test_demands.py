"""Demands, challenges, proposals, acceptance, evaluation and the track record through the API."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demands.models import Demand, Proposal
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from tech_transfer.models import TechContract


def make_demand(firm, **fields):
    defaults = {
        "title": "注塑件翘曲变形控制",
        "problem": "薄壁长条形注塑件翘曲超差，需要优化模具冷却与工艺。",
        "target_indicators": "翘曲量 ≤ 0.3 mm",
        "tech_field_id": "advanced_manufacturing",
        "industry_chain_id": "molds",
        "cooperation_mode": "commissioned",
        "deadline": timezone.localdate() + timedelta(days=60),
        "status": "open",
        "published_at": timezone.now(),
    }
    return Demand.objects.create(firm=firm, **{**defaults, **fields})


class DemandAPITest(APIResourceTests.Everything):
    basename = "demand"
    owner_kind = "enterprise"
    long_text_field, long_text_limit = "problem", 5000

    def make_object(self, owner, **kwargs):
        return make_demand(owner, **kwargs)

    def make_hidden_object(self, owner):
        return make_demand(owner, status="draft", published_at=None)

    def create_payload(self):
        return {
            "title": "车载镜头高低温离焦",
            "problem": "镜头在 -40~85℃ 下焦点漂移，成像模糊。",
            "tech_field": "electronic_information",
            "industry_chain": "optoelectronics",
            "risk_class": "yellow",
            "cooperation_mode": "joint_development",
            "budget_min": "200000",
            "budget_max": "500000",
            "deadline": str(timezone.localdate() + timedelta(days=90)),
        }

    def update_payload(self):
        return {"target_indicators": "MTF@60lp/mm ≥ 0.5（全温区）"}

    def test_challenge_needs_a_bounty_and_budget_order(self):
        client = api_client(self.owner_user, self.owner)
        response = client.post(self.list_url(), {**self.create_payload(), "is_challenge": True}, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("bounty", response.json()["errors"])
        response = client.post(self.list_url(), {**self.create_payload(), "budget_min": "600000"}, format="json")
        self.assert_error(response, 400, "invalid")
        ok = client.post(
            self.list_url(),
            {
                **self.create_payload(),
                "is_challenge": True,
                "bounty": "1000000",
                "ip_terms": "成果知识产权归发榜企业所有",
            },
            format="json",
        )
        self.assertEqual(ok.status_code, 201, ok.content)

    def test_institutes_cannot_post_demands(self):
        institute = make_organization("institute")
        response = api_client(make_user(organization=institute), institute).post(self.list_url(), self.create_payload())
        self.assert_error(response, 403, "wrong_organization_kind")

    def test_lifecycle_and_expiry(self):
        client = api_client(self.owner_user, self.owner)
        demand_id = client.post(self.list_url(), self.create_payload(), format="json").json()["id"]
        act = lambda name, c=client, **data: c.post(reverse(f"api:demand-{name}", args=[demand_id]), data)  # noqa: E731
        self.assertEqual(act("submit").json()["status"], "pending_review")
        admin = api_client(self.platform_admin)
        self.assertEqual(act("reject", admin, note="请补充目标指标").json()["status"], "draft")
        act("submit")
        self.assertEqual(act("approve", admin).json()["status"], "open")
        self.assert_error(act("solve"), 409, "illegal_transition")
        Demand.objects.filter(pk=demand_id).update(deadline=timezone.localdate() - timedelta(days=1))
        call_command("expire_demands", stdout=__import__("io").StringIO())
        self.assertEqual(Demand.objects.get(pk=demand_id).status, "expired")


class ProposalFlowTest(APIResourceTests.Base):
    owner_kind = "enterprise"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.demand = make_demand(cls.owner)
        cls.institutes = [make_organization("institute") for _ in range(2)]
        cls.institute_users = [make_user(organization=i) for i in cls.institutes]

    def propose(self, n, **extra):
        payload = {
            "demand": self.demand.pk,
            "approach": "随形冷却+CAE优化",
            "budget": "300000",
            "duration_days": 90,
            **extra,
        }
        return api_client(self.institute_users[n], self.institutes[n]).post(reverse("api:proposal-list"), payload)

    def test_propose_shortlist_accept_contract_solve_evaluate(self):
        first = self.propose(0).json()["id"]
        second = self.propose(1).json()["id"]
        self.assert_error(self.propose(0), 409, "already_proposed")
        firm = api_client(self.owner_user, self.owner)
        self.assert_error(
            api_client(self.institute_users[0], self.institutes[0]).post(reverse("api:proposal-accept", args=[first])),
            403,
            "not_a_party",
        )
        self.assertEqual(firm.post(reverse("api:proposal-shortlist", args=[first])).json()["status"], "shortlisted")
        self.assertEqual(firm.post(reverse("api:proposal-accept", args=[first])).json()["status"], "accepted")
        self.assertEqual(Proposal.objects.get(pk=second).status, "declined")
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "in_cooperation")
        contract = TechContract.objects.get(proposal_id=first)
        self.assertEqual(
            (contract.seller, contract.buyer, contract.kind, contract.amount),
            (self.institutes[0], self.owner, "development", 300000),
        )
        self.assert_error(firm.post(reverse("api:proposal-accept", args=[second])), 409)
        self.assert_error(self.propose(1), 409, "demand_not_open")
        # the other institute cannot see the accepted proposal
        self.assert_error(
            api_client(self.institute_users[1], self.institutes[1]).get(reverse("api:proposal-detail", args=[first])),
            404,
        )
        url = lambda name: reverse(f"api:demand-{name}", args=[self.demand.pk])  # noqa: E731
        self.assert_error(firm.post(url("evaluate"), {"rating": 5}), 409, "not_solved")
        self.assertEqual(firm.post(url("solve")).json()["status"], "solved")
        self.assert_error(firm.post(url("evaluate"), {"rating": 6}), 400, "invalid")
        self.assertEqual(firm.post(url("evaluate"), {"rating": 4, "comment": "翘曲降到0.2mm"}).status_code, 201)
        self.assert_error(firm.post(url("evaluate"), {"rating": 5}), 409, "already_evaluated")
        self.assert_error(firm.post(url("expert-review"), {"review": "x"}), 403)
        review = api_client(self.platform_admin).post(url("expert-review"), {"review": "方案先进，效果显著"})
        self.assertEqual(review.json()["expert_review"], "方案先进，效果显著")
        record = api_client().get(reverse("api:track-record", args=[self.institutes[0].pk])).json()
        self.assertEqual((record["demands_solved"], record["average_rating"]), (1, 4.0))
        self.assertEqual(record["evaluations"][0]["expert_review"], "方案先进，效果显著")

    def test_only_institutes_and_providers_propose(self):
        other_firm = make_organization("enterprise")
        payload = {"demand": self.demand.pk, "approach": "x", "budget": "1", "duration_days": 1}
        response = api_client(make_user(organization=other_firm), other_firm).post(
            reverse("api:proposal-list"), payload
        )
        self.assert_error(response, 403, "wrong_organization_kind")
