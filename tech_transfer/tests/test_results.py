"""Results, patents, confidentiality, inquiries, auctions and contracts through the API."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Auction, Result, TechContract
from tech_transfer.testing import confirmed_deposit
from tech_transfer.validators import patent_check_char, validate_patent_number


def patent(year="2021", kind="1", serial="0123456"):
    """A well-formed number for the fixtures of other tests (any year, type and serial). The validator itself is
    tested against published numbers (``REAL_PATENT_NUMBERS``), never against this function's output."""
    digits = f"{year}{kind}{serial}"
    return f"{digits}.{patent_check_char(digits)}"


# Published application numbers of granted Chinese patents (专利号 = "ZL" + 申请号), copied from public patent lists —
# not computed with the validator's own check-digit function, so a wrong weight or modulus makes these tests fail.
INVENTION = "201410839325.9"  # 发明: 双模板法制备二氧化铈用于铅锌冶炼含氟废水处理方法
REAL_PATENT_NUMBERS = [
    INVENTION,
    "ZL201310688322.5",  # 发明
    "ZL 201410476456.5",  # 发明
    "201410345816.8",  # 发明
    "CN201420327464.9",  # 实用新型
    "ZL201630470916.3",  # 外观设计
    "95115608.X",  # pre-2004 8-digit form, check character X
    "97101765.4",  # pre-2004 8-digit form
]


@pytest.mark.parametrize("number", REAL_PATENT_NUMBERS)
def test_valid_patent_numbers(number):
    validate_patent_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("201410839325.8", "patent_checksum"),  # the real number with its check digit changed
        ("201410839352.9", "patent_checksum"),  # two serial digits swapped
        ("95115608.0", "patent_checksum"),
        ("201310688322.X", "patent_checksum"),
        ("20211012345.6", "patent_format"),
        ("abc", "patent_format"),
        ("180010123456.1", "patent_year"),
    ],
)
def test_invalid_patent_numbers(number, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_patent_number(number)
    assert excinfo.value.code == code


def make_result(owner, **fields):
    defaults = {
        "title": "注塑模具随形冷却设计技术",
        "abstract": "基于金属3D打印的随形冷却水路设计，冷却时间缩短30%。",
        "confidential_details": "水路直径4mm，距型腔表面8mm，工艺参数见附件。",
        "tech_field_id": "advanced_manufacturing",
        "trl": 6,
        "transfer_modes": ["license"],
        "status": "published",
        "published_at": timezone.now(),
    }
    return Result.objects.create(owner=owner, **{**defaults, **fields})


class ResultAPITest(APIResourceTests.Everything):
    basename = "result"
    owner_kind = "institute"
    long_text_field, long_text_limit = "abstract", 3000

    def make_object(self, owner, **kwargs):
        return make_result(owner, **kwargs)

    def make_hidden_object(self, owner):
        return make_result(owner, status="draft", published_at=None)

    def create_payload(self):
        return {
            "title": "碳化硅逆变器驱动技术",
            "abstract": "1200V SiC MOSFET 驱动，效率 99%。",
            "confidential_details": "栅极电阻取值与布局细节。",
            "keywords": ["SiC", " 逆变器 "],
            "tech_field": "new_energy",
            "industry_chains": ["nev_parts"],
            "trl": 7,
            "transfer_modes": ["license", "co_development"],
            "patents": [
                {
                    "number": INVENTION,
                    "patent_type": "invention",
                    "legal_status": "granted",
                    "ipc_codes": ["H02M7/5387"],
                }
            ],
        }

    def update_payload(self):
        return {"price": "500000.00"}

    def test_lifecycle_with_moderation(self):
        owner = api_client(self.owner_user, self.owner)
        body = owner.post(self.list_url(), self.create_payload(), format="json").json()
        self.assertEqual((body["status"], body["keywords"], body["negotiable"]), ("draft", ["SiC", "逆变器"], True))
        self.assertEqual(body["patents"][0]["number"], INVENTION)
        url = lambda name: reverse(f"api:result-{name}", args=[body["id"]])  # noqa: E731
        self.assert_error(api_client().get(reverse("api:result-detail", args=[body["id"]])), 404)
        self.assertEqual(owner.post(url("submit")).json()["status"], "pending_review")
        self.assert_error(owner.post(url("approve")), 403)
        admin = api_client(self.platform_admin)
        self.assert_error(admin.post(url("reject"), {"note": ""}), 400)
        rejected = admin.post(url("reject"), {"note": "摘要缺少性能指标"}).json()
        self.assertEqual((rejected["status"], rejected["review_note"]), ("draft", "摘要缺少性能指标"))
        owner.post(url("submit"))
        self.assertEqual(admin.post(url("approve")).json()["status"], "published")
        self.assertEqual(api_client().get(reverse("api:result-detail", args=[body["id"]])).status_code, 200)
        self.assertEqual(owner.post(url("withdraw")).json()["status"], "withdrawn")
        self.assert_error(owner.post(url("submit")), 409, "illegal_transition")

    def test_patent_type_must_match_the_number(self):
        payload = self.create_payload()
        payload["patents"][0]["patent_type"] = "design"
        response = api_client(self.owner_user, self.owner).post(self.list_url(), payload, format="json")
        self.assert_error(response, 400, "invalid")
        payload["patents"][0].update(patent_type="invention", number="201410839325.X")
        self.assert_error(api_client(self.owner_user, self.owner).post(self.list_url(), payload, format="json"), 400)

    def test_confidential_details_after_accepting_terms(self):
        result = make_result(self.owner)
        url = reverse("api:result-detail", args=[result.pk])
        firm = make_organization("enterprise")
        firm_user = make_user(organization=firm)
        client = api_client(firm_user, firm)
        self.assertIsNone(client.get(url).json()["confidential_details"])
        self.assertIsNone(api_client().get(url).json()["confidential_details"])
        accepted = client.post(reverse("api:result-accept-terms", args=[result.pk])).json()
        self.assertEqual(accepted["confidential_details"], result.confidential_details)
        acceptance = result.acceptances.get()
        self.assertEqual((acceptance.user, acceptance.terms), (firm_user, result.confidentiality_terms))
        self.assertIsNone(api_client(self.outsider, self.outsider_org).get(url).json()["confidential_details"])
        self.assertEqual(
            api_client(self.owner_user, self.owner).get(url).json()["confidential_details"], result.confidential_details
        )


class InquiryTest(APIResourceTests.Base):
    owner_kind = "institute"

    def test_inquiry_reply_feedback_close(self):
        result = make_result(self.owner)
        firm = make_organization("enterprise")
        firm_user = make_user(organization=firm)
        firm_client = api_client(firm_user, firm)
        response = firm_client.post(reverse("api:inquiry-list"), {"result": result.pk, "message": "希望许可使用"})
        self.assertEqual(response.status_code, 201, response.content)
        inquiry = response.json()["id"]
        owner = api_client(self.owner_user, self.owner)
        self.assert_error(firm_client.post(reverse("api:inquiry-reply", args=[inquiry]), {"reply": "x"}), 403)
        self.assertEqual(
            owner.post(reverse("api:inquiry-reply", args=[inquiry]), {"reply": "欢迎洽谈"}).json()["status"], "replied"
        )
        feedback = firm_client.post(
            reverse("api:inquiry-feedback", args=[inquiry]), {"topic": "price", "comment": "许可费偏高"}
        ).json()
        self.assertEqual(feedback["feedback_topic"], "price")
        self.assertEqual(
            owner.get(reverse("api:inquiry-detail", args=[inquiry])).json()["feedback_comment"], "许可费偏高"
        )
        self.assert_error(
            api_client(self.outsider, self.outsider_org).get(reverse("api:inquiry-detail", args=[inquiry])), 404
        )
        self.assertEqual(firm_client.post(reverse("api:inquiry-close", args=[inquiry])).json()["status"], "closed")
        draft = make_result(self.owner, status="draft")
        self.assert_error(firm_client.post(reverse("api:inquiry-list"), {"result": draft.pk, "message": "x"}), 400)


class AuctionTest(APIResourceTests.Base):
    owner_kind = "institute"

    def test_bids_strictly_increase_close_and_contract(self):
        result = make_result(self.owner)
        owner = api_client(self.owner_user, self.owner)
        closes = timezone.now() + timedelta(days=7)
        response = owner.post(
            reverse("api:auction-list"),
            {"result": result.pk, "starting_price": "300000", "deposit": "30000", "closes_at": closes.isoformat()},
        )
        self.assertEqual(response.status_code, 201, response.content)
        auction = response.json()["id"]
        bid_url = reverse("api:auction-bid", args=[auction])
        firms = [make_organization("enterprise") for _ in range(2)]
        clients = [api_client(make_user(organization=f), f) for f in firms]
        # a declared deposit is not enough: it must be recorded and confirmed by the market operator
        self.assert_error(clients[0].post(bid_url, {"amount": "300000", "deposit_paid": True}), 409, "deposit_required")
        for firm in firms:
            confirmed_deposit(Auction.objects.get(pk=auction), firm, make_user(organization=firm))
        self.assert_error(clients[0].post(bid_url, {"amount": "299999"}), 409, "bid_too_low")
        self.assertEqual(clients[0].post(bid_url, {"amount": "300000"}).status_code, 201)
        low = clients[1].post(bid_url, {"amount": "300500"})
        self.assert_error(low, 409, "bid_too_low")
        self.assertEqual(low.json()["minimum"], "301000.00")
        self.assertEqual(clients[1].post(bid_url, {"amount": "320000"}).status_code, 201)
        self.assert_error(owner.post(bid_url, {"amount": "400000"}), 409, "own_result")
        self.assert_error(owner.post(reverse("api:auction-close", args=[auction])), 409, "auction_running")
        Auction.objects.filter(pk=auction).update(closes_at=timezone.now() - timedelta(seconds=1))
        self.assert_error(clients[0].post(bid_url, {"amount": "500000"}), 409, "auction_closed")
        closed = owner.post(reverse("api:auction-close", args=[auction])).json()
        self.assertEqual((closed["status"], closed["current_price"]), ("closed", "320000.00"))
        contract = TechContract.objects.get(auction_id=auction)
        self.assertEqual(
            (contract.buyer, contract.kind, contract.amount, contract.status), (firms[1], "transfer", 320000, "draft")
        )
        # sign and register → the result is transferred
        sign = reverse("api:techcontract-sign", args=[contract.pk])
        register = reverse("api:techcontract-register", args=[contract.pk])
        first = clients[1].post(sign, {"signed_on": "2026-11-20"}).json()
        self.assertEqual((first["status"], first["seller_signed_at"]), ("draft", None))  # one side is not enough
        self.assertIsNotNone(first["buyer_signed_at"])
        self.assert_error(clients[1].post(sign, {}), 409, "already_signed")
        self.assert_error(
            api_client(self.platform_admin).post(register, {"registration_number": "3302812026000122"}), 409
        )
        both = owner.post(sign, {"signed_on": "2026-11-20"}).json()
        self.assertEqual((both["status"], both["signed_on"]), ("signed", "2026-11-20"))
        self.assertIsNotNone(both["seller_signed_at"])
        self.assert_error(owner.post(sign, {}), 409, "illegal_transition")
        self.assert_error(clients[1].post(register, {"registration_number": "x"}), 403)
        registered = api_client(self.platform_admin).post(register, {"registration_number": "3302812026000123"})
        self.assertEqual(registered.json()["status"], "registered")
        result.refresh_from_db()
        self.assertEqual(result.status, "transferred")
        self.assert_error(
            api_client(self.outsider, self.outsider_org).get(reverse("api:techcontract-detail", args=[contract.pk])),
            404,
        )

    def test_service_refuses_bids_after_close(self):
        result = make_result(self.owner)
        auction = services.create_auction(
            result=result,
            actor=self.owner_user,
            organization=self.owner,
            starting_price=100,
            closes_at=timezone.now() + timedelta(hours=1),
        )
        firm = make_organization("enterprise")
        with pytest.raises(services.DomainError):
            services.place_bid(
                auction, actor=self.outsider, organization=firm, amount=200, now=timezone.now() + timedelta(hours=2)
            )
