"""Who administers a voucher programme, through the API: actors × objects × actions, one expected status per cell.

Actors: a platform administrator, a member of the programme's issuing authority (科技局), a member of another
authority, the firm of the grant, the provider of the registration / claims / settlements. A programme's
administrators (the first two) review its grants, registrations and claims and run its settlements; the other
authority finds none of it (404, empty lists) — only what is public (the programme, its approved providers); the
firm and the provider may read their own objects but not decide on them (403).

Each cell runs in a savepoint that is rolled back, so every action meets the same fresh objects.
"""

from decimal import Decimal

from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from marketplace.testing import api_client, make_organization, make_user
from vouchers.invariants import check_invariants
from vouchers.models import VoucherProgram
from vouchers.services import programs
from vouchers.testing import make_claim, make_grant, make_program, make_settlement, register_provider

ACTORS = ("admin", "own", "other", "firm", "provider")


def statuses(admin, own, other, firm, provider) -> dict:
    return dict(zip(ACTORS, (admin, own, other, firm, provider), strict=True))


class AuthorityMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = make_organization("authority", name="余姚市科学技术局")
        cls.other_authority = make_organization("authority", name="慈溪市科学技术局", region="330282")
        cls.program = make_program(cls.authority)
        cls.other_program = make_program(cls.other_authority, name="慈溪市科技创新券")
        cls.firm = make_organization("enterprise", name="余姚矩阵模具有限公司")
        cls.provider = make_organization("institute", name="余姚矩阵检测研究院")
        cls.pending_provider = make_organization("institute", name="余姚矩阵待备案研究院")
        cls.users = {
            "admin": (make_user(platform_admin=True), None),
            "own": (make_user(organization=cls.authority), cls.authority),
            "other": (make_user(organization=cls.other_authority), cls.other_authority),
            "firm": (make_user(organization=cls.firm), cls.firm),
            "provider": (make_user(organization=cls.provider), cls.provider),
        }
        register_provider(cls.program, cls.provider)
        cls.registration = programs.register_provider(
            program=cls.program, provider=cls.pending_provider, services="检验检测", actor=None
        )
        cls.active_grant = make_grant(cls.program, cls.firm, Decimal("50000"))
        other_firm = make_organization("enterprise", name="余姚矩阵电器有限公司")
        cls.grant = programs.apply_for_grant(
            program=cls.program, firm=other_firm, requested_amount=Decimal("20000"), actor=None
        )
        cls.grant_firm_user = make_user(organization=other_firm)
        cls.paid_settlement = make_settlement(cls.program, cls.provider, cls.active_grant, approve=True)
        cls.approved_settlement = make_settlement(cls.program, cls.provider, cls.active_grant, approve=True)
        cls.draft_settlement = make_settlement(cls.program, cls.provider, cls.active_grant)
        cls.settleable = make_claim(cls.program, cls.provider, cls.active_grant, approve=True, past_notice=True)
        cls.claim = make_claim(cls.program, cls.provider, cls.active_grant)
        # the firm of the pending grant is the "firm" actor for grants
        cls.users["firm"] = (cls.grant_firm_user, other_firm)
        cls.grant_firm = other_firm

    def client_for(self, actor):
        user, organization = self.users[actor]
        return api_client(user, organization)

    def run_cell(self, actor, method, url, data=None):
        with transaction.atomic():
            client = self.client_for(actor)
            response = getattr(client, method)(url, data or {}, format="json")
            transaction.set_rollback(True)
        return response

    def check(self, label, method, url, expected, data=None):
        for actor, status in expected.items():
            with self.subTest(label, actor=actor):
                response = self.run_cell(actor, method, url, data)
                self.assertEqual(response.status_code, status, response.content[:300])

    # ---------------------------------------------------------------------------------------------------- grants

    def test_grants(self):
        detail = reverse("api:vouchergrant-detail", args=[self.grant.pk])
        self.check("grant: read", "get", detail, statuses(200, 200, 404, 200, 404))
        approve = reverse("api:vouchergrant-approve", args=[self.grant.pk])
        self.check("grant: approve", "post", approve, statuses(200, 200, 404, 403, 403), {"amount": "15000.00"})
        reject = reverse("api:vouchergrant-reject", args=[self.grant.pk])
        self.check("grant: reject", "post", reject, statuses(200, 200, 404, 403, 403), {"note": "材料不全"})

    def test_the_authority_approves_within_cap_and_budget(self):
        approve = reverse("api:vouchergrant-approve", args=[self.grant.pk])
        response = self.client_for("own").post(approve, {"amount": "100001"})
        self.assertEqual((response.status_code, response.json()["code"]), (400, "over_firm_cap"))
        response = self.client_for("own").post(approve, {"amount": "15000"})
        self.assertEqual(response.status_code, 200, response.content)
        self.grant.refresh_from_db()
        self.assertEqual((self.grant.status, self.grant.amount), ("approved", Decimal("15000.00")))

    # ---------------------------------------------------------------------------------------------- registrations

    def test_provider_registrations(self):
        detail = reverse("api:providerregistration-detail", args=[self.registration.pk])
        self.check("registration: read", "get", detail, statuses(200, 200, 404, 404, 404))
        approve = reverse("api:providerregistration-approve", args=[self.registration.pk])
        self.check("registration: approve", "post", approve, statuses(200, 200, 404, 403, 403))
        reject = reverse("api:providerregistration-reject", args=[self.registration.pk])
        self.check("registration: reject", "post", reject, statuses(200, 200, 404, 403, 403), {"note": "资质不符"})

    # ------------------------------------------------------------------------------------------------------ claims

    def test_claims(self):
        detail = reverse("api:claim-detail", args=[self.claim.pk])
        self.check("claim: read", "get", detail, statuses(200, 200, 404, 404, 200))
        approve = reverse("api:claim-approve", args=[self.claim.pk])
        self.check("claim: approve", "post", approve, statuses(200, 200, 404, 403, 403))
        reject = reverse("api:claim-reject", args=[self.claim.pk])
        self.check("claim: reject", "post", reject, statuses(200, 200, 404, 403, 403), {"note": "发票号有误"})

    # ------------------------------------------------------------------------------------------------- settlements

    def test_settlements(self):
        today = str(timezone.localdate())
        period = {"program": self.program.pk, "provider": self.provider.pk, "period_start": today, "period_end": today}
        create = reverse("api:settlement-list")
        self.check("settlement: create", "post", create, statuses(201, 201, 403, 403, 403), period)
        draft = self.draft_settlement.pk
        self.check(
            "settlement: read", "get", reverse("api:settlement-detail", args=[draft]), statuses(200, 200, 404, 404, 200)
        )
        approve = reverse("api:settlement-approve", args=[draft])
        self.check("settlement: approve", "post", approve, statuses(200, 200, 404, 403, 403))
        paid = reverse("api:settlement-mark-paid", args=[self.approved_settlement.pk])
        self.check("settlement: mark paid", "post", paid, statuses(200, 200, 404, 403, 403), {"reference": "B-1"})
        statement = reverse("api:settlement-statement", args=[self.approved_settlement.pk])
        self.check("settlement: statement", "get", statement, statuses(200, 200, 404, 404, 200))
        export = reverse("api:settlement-export")
        self.check("settlement: export", "get", export, statuses(200, 200, 200, 403, 403))

    def test_the_export_holds_only_the_administered_programmes(self):
        number = self.approved_settlement.number
        export = reverse("api:settlement-export")
        self.assertIn(number, self.client_for("own").get(export).content.decode("utf-8-sig"))
        self.assertNotIn(number, self.client_for("other").get(export).content.decode("utf-8-sig"))

    # -------------------------------------------------------------------------------------------------- programmes

    def programme_payload(self, issuer):
        year = timezone.localdate().year
        return {
            "issuer": issuer.pk,
            "name": "长三角通用创新券",
            "year": year,
            "total_budget": "500000",
            "coverage_ratio": "0.3",
            "per_firm_cap": "300000",
            "service_kinds": ["tech_service"],
            "valid_from": f"{year}-01-01",
            "valid_until": f"{year}-12-31",
            "accepted_regions": ["310000", "320000", "330000", "340000"],
        }

    def test_programmes(self):
        create = reverse("api:voucherprogram-list")
        own = self.programme_payload(self.authority)
        self.check("programme: create own", "post", create, statuses(201, 201, 403, 403, 403), own)
        foreign = self.programme_payload(self.other_authority)
        self.check("programme: create another's", "post", create, statuses(201, 403, 201, 403, 403), foreign)
        detail = reverse("api:voucherprogram-detail", args=[self.program.pk])
        self.check("programme: read", "get", detail, statuses(200, 200, 200, 200, 200))
        self.check("programme: edit", "patch", detail, statuses(200, 200, 403, 403, 403), {"publicity_days": 5})
        move = {"issuer": self.other_authority.pk}
        self.check("programme: give away", "patch", detail, statuses(200, 403, 403, 403, 403), move)
        stats = reverse("api:voucherprogram-stats", args=[self.program.pk])
        self.check("programme: stats", "get", stats, statuses(200, 200, 200, 200, 200))

    def test_an_authority_member_creates_its_own_programme(self):
        response = self.client_for("own").post(
            reverse("api:voucherprogram-list"), self.programme_payload(self.authority), format="json"
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(VoucherProgram.objects.get(pk=response.json()["id"]).issuer, self.authority)

    # ------------------------------------------------------------------------------------------------------- lists

    def test_lists_show_an_authority_its_programmes_only(self):
        lists = {
            "api:vouchergrant-list": {self.grant.pk, self.active_grant.pk},
            "api:claim-list": {
                self.claim.pk,
                self.settleable.pk,
                *self.draft_settlement.claims.values_list("pk", flat=True),
                *self.approved_settlement.claims.values_list("pk", flat=True),
                *self.paid_settlement.claims.values_list("pk", flat=True),
            },
            "api:settlement-list": {self.draft_settlement.pk, self.approved_settlement.pk, self.paid_settlement.pk},
        }
        for name, expected in lists.items():
            for actor in ("admin", "own"):
                with self.subTest(name, actor=actor):
                    rows = self.client_for(actor).get(reverse(name), {"page_size": 100}).json()["results"]
                    self.assertEqual({row["id"] for row in rows}, expected)
            with self.subTest(name, actor="other"):
                self.assertEqual(self.client_for("other").get(reverse(name)).json()["count"], 0)
        registrations = reverse("api:providerregistration-list")
        own = {row["id"] for row in self.client_for("own").get(registrations).json()["results"]}
        self.assertIn(self.registration.pk, own)  # pending: its administrators see it
        other = {row["id"] for row in self.client_for("other").get(registrations).json()["results"]}
        self.assertNotIn(self.registration.pk, other)  # only approved (public) registrations
        self.assertEqual(len(other), 1)
        entries = self.client_for("own").get(reverse("api:ledgerentry-list")).json()["count"]
        self.assertGreater(entries, 0)
        self.assertEqual(self.client_for("other").get(reverse("api:ledgerentry-list")).json()["count"], 0)

    def tearDown(self):
        self.assertEqual(check_invariants(), [])
