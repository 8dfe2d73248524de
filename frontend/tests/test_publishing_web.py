"""成果发布 in the browser pages: an institute's results (every state, tabs, inquiries count), the result form with
its patents (validated by the API's serializer: a bad check digit is an error on its patent row, nothing saved),
submitting, the reviewers' rejection and resubmitting, withdrawing, putting a result up for auction, and the inbox
of inquiries received. Permissions equal the API's (404 for another owner's result, 403 for a POST as the wrong
party or a firm, login for anonymous visitors); query counts do not grow with the rows shown."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontend.views.publishing import dashboard_items, nav_links
from marketplace.models import AuditEntry
from marketplace.testing import make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Auction, Inquiry, Patent, Result
from tech_transfer.tests.test_results import make_result, patent

GOOD = patent("2021", "1", "0123456")
SECOND = patent("2022", "2", "0654321")
BAD = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")  # the right digits with a wrong check character


def form_data(patents=(), **fields) -> dict:
    """A full POST of the result form: ``patents`` are (number, type, legal status, ipc) rows."""
    data = {
        "title": "注塑模具随形冷却水路设计技术",
        "abstract": "基于金属3D打印的随形冷却水路，冷却时间缩短30%。",
        "keywords": "随形冷却、3D打印，注塑模具",
        "tech_field": "advanced_manufacturing",
        "trl": "6",
        "industry_chains": ["molds"],
        "transfer_modes": ["license", "transfer"],
        "price_mode": "negotiable",
        "price": "",
        "confidential_details": "水路直径4mm，距型腔表面8mm。",
        "confidentiality_terms": "查看方承诺保密。",
        "patents-TOTAL_FORMS": str(max(len(patents), 1)),
        "patents-INITIAL_FORMS": "0",
        "patents-MIN_NUM_FORMS": "0",
        "patents-MAX_NUM_FORMS": "1000",
    }
    for i, (number, kind, status, ipc) in enumerate(patents):
        data.update(
            {
                f"patents-{i}-number": number,
                f"patents-{i}-patent_type": kind,
                f"patents-{i}-legal_status": status,
                f"patents-{i}-ipc_codes": ipc,
            }
        )
    data.update(fields)
    return data


class PublishingWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试高分子研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.other_institute = make_organization("institute", name="余姚另一家研究院")
        cls.other_user = make_user(organization=cls.other_institute)
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.admin = make_user(platform_admin=True)

    def setUp(self):
        self.client.force_login(self.owner_user)

    def queries(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)

    def draft(self, **fields):
        return make_result(self.institute, **{"status": "draft", "published_at": None, **fields})


class ResultFormTest(PublishingWebTestCase):
    create_url = reverse("frontend:result_create")

    def test_create_a_draft_with_every_field_and_a_patent(self):
        self.assertContains(self.client.get(self.create_url), "保存草稿")
        data = form_data([(" cn " + GOOD, "invention", "granted", "b29c 45/73, B33Y80/00")])
        response = self.client.post(self.create_url, data)
        result = Result.objects.get()
        self.assertRedirects(response, reverse("frontend:my_result", args=[result.pk]))
        self.assertEqual(
            (result.owner, result.status, result.trl, result.price, result.tech_field_id),
            (self.institute, "draft", 6, None, "advanced_manufacturing"),
        )
        self.assertEqual(result.keywords, ["随形冷却", "3D打印", "注塑模具"])
        self.assertEqual(result.transfer_modes, ["license", "transfer"])
        self.assertEqual([c.code for c in result.industry_chains.all()], ["molds"])
        self.assertEqual(result.confidential_details, "水路直径4mm，距型腔表面8mm。")
        self.assertEqual(result.confidentiality_terms, "查看方承诺保密。")
        saved = result.patents.get()
        self.assertEqual(
            (saved.number, saved.patent_type, saved.legal_status, saved.ipc_codes),
            (GOOD, "invention", "granted", ["B29C45/73", "B33Y80/00"]),
        )
        self.assertTrue(AuditEntry.objects.filter(action="create", object_id=str(result.pk)).exists())
        page = self.client.get(reverse("frontend:my_result", args=[result.pk]))
        self.assertContains(page, "提交审核")
        self.assertContains(page, GOOD)

    def test_fixed_price(self):
        self.client.post(self.create_url, form_data(price_mode="fixed", price="350000"))
        self.assertEqual(Result.objects.get().price, Decimal("350000.00"))

    def test_bad_check_digit_is_an_error_on_its_patent_row_and_nothing_is_saved(self):
        data = form_data([(SECOND, "utility_model", "granted", ""), (BAD, "invention", "pending", "B29C45/73")])
        data["patents-TOTAL_FORMS"] = "2"
        response = self.client.post(self.create_url, data)
        self.assertEqual(response.status_code, 200)
        rows = response.context["formset"].forms
        self.assertFalse(rows[0].errors)
        self.assertEqual(rows[1].errors["number"], ["专利申请号校验位错误。"])
        self.assertContains(response, '<p class="field-error">专利申请号校验位错误。</p>', html=True)
        self.assertFalse(Result.objects.exists())
        self.assertFalse(Patent.objects.exists())

    def test_other_patent_errors_land_on_their_row(self):
        cases = [
            ((GOOD, "design", "granted", ""), "patent_type"),  # the 5th digit says invention
            ((GOOD, "invention", "granted", "not-an-ipc"), "ipc_codes"),
            (("12345", "invention", "granted", ""), "number"),
            ((GOOD, "", "granted", ""), "patent_type"),
            (("", "invention", "", ""), "number"),
        ]
        for row, field in cases:
            response = self.client.post(self.create_url, form_data([row]))
            self.assertEqual(response.status_code, 200, row)
            self.assertTrue(response.context["formset"].forms[0].errors.get(field), (row, field))
        self.assertFalse(Result.objects.exists())

    def test_duplicate_patents_are_refused_above_the_table(self):
        data = form_data([(GOOD, "invention", "granted", ""), (GOOD, "invention", "pending", "")])
        response = self.client.post(self.create_url, data)
        self.assertEqual(response.context["formset"].patent_errors, ["专利申请号重复。"])
        self.assertContains(response, "专利申请号重复。")
        self.assertFalse(Result.objects.exists())

    def test_bad_result_fields_are_field_errors(self):
        cases = [
            ({"title": ""}, "title"),
            ({"abstract": ""}, "abstract"),
            ({"transfer_modes": []}, "transfer_modes"),
            ({"transfer_modes": ["barter"]}, "transfer_modes"),
            ({"trl": "10"}, "trl"),
            ({"tech_field": "nope"}, "tech_field"),
            ({"price_mode": "fixed", "price": ""}, "price"),
            ({"price_mode": "fixed", "price": "-5"}, "price"),
            ({"keywords": "长" * 41}, "keywords"),  # the serializer's 40-character limit per keyword
        ]
        for fields, field in cases:
            response = self.client.post(self.create_url, form_data(**fields))
            self.assertEqual(response.status_code, 200, fields)
            self.assertTrue(response.context["form"].errors.get(field), (fields, response.context["form"].errors))
            self.assertContains(response, 'class="field-error"')
        self.assertFalse(Result.objects.exists())

    def test_edit_replaces_the_patents(self):
        result = self.draft(price=Decimal("100000"))
        Patent.objects.create(result=result, number=GOOD, patent_type="invention", legal_status="pending")
        url = reverse("frontend:result_edit", args=[result.pk])
        page = self.client.get(url)
        self.assertContains(page, GOOD)
        self.assertEqual(page.context["form"]["price_mode"].value(), "fixed")
        data = form_data(
            [(GOOD, "invention", "granted", "B29C45/73"), (SECOND, "utility_model", "pending", "")],
            title="新的成果名称",
        )
        data.update({"patents-INITIAL_FORMS": "1", "patents-TOTAL_FORMS": "2"})
        self.assertRedirects(self.client.post(url, data), reverse("frontend:my_result", args=[result.pk]))
        result.refresh_from_db()
        self.assertEqual((result.title, result.price), ("新的成果名称", None))
        self.assertEqual(
            sorted(result.patents.values_list("number", "legal_status")),
            sorted([(GOOD, "granted"), (SECOND, "pending")]),
        )
        data.update({"patents-INITIAL_FORMS": "2", "patents-0-DELETE": "on"})  # the page now has two rows; remove one
        self.client.post(url, data)
        self.assertEqual(list(result.patents.values_list("number", flat=True)), [SECOND])

    def test_a_bad_edit_changes_nothing(self):
        result = self.draft()
        Patent.objects.create(result=result, number=GOOD, patent_type="invention", legal_status="pending")
        url = reverse("frontend:result_edit", args=[result.pk])
        data = form_data([(BAD, "invention", "granted", "")], title="不应保存的名称")
        data["patents-INITIAL_FORMS"] = "1"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["formset"].forms[0].errors["number"])
        result.refresh_from_db()
        self.assertNotEqual(result.title, "不应保存的名称")
        self.assertEqual(list(result.patents.values_list("number", flat=True)), [GOOD])

    def test_edit_query_count_does_not_grow_with_patents(self):
        result = self.draft()
        url = reverse("frontend:result_edit", args=[result.pk])
        Patent.objects.create(result=result, number=GOOD, patent_type="invention", legal_status="pending")
        Patent.objects.create(result=result, number=SECOND, patent_type="utility_model", legal_status="pending")
        few = self.queries(url)
        for serial in range(4):
            Patent.objects.create(
                result=result,
                number=patent("2020", "1", f"000000{serial}"),
                patent_type="invention",
                legal_status="granted",
            )
        self.assertEqual(self.queries(url), few)


class LifecycleTest(PublishingWebTestCase):
    def page(self, result):
        return self.client.get(reverse("frontend:my_result", args=[result.pk]))

    def test_submit_rejection_fix_and_resubmit(self):
        result = self.draft()
        response = self.client.post(reverse("frontend:result_submit", args=[result.pk]), follow=True)
        self.assertContains(response, "已提交审核")
        result.refresh_from_db()
        self.assertEqual(result.status, "pending_review")
        services.reject_result(result, actor=self.admin, note="摘要缺少冷却效率的测试条件")
        page = self.page(result)
        self.assertContains(page, "摘要缺少冷却效率的测试条件")
        self.assertContains(page, "重新提交")
        self.assertContains(page, reverse("frontend:result_edit", args=[result.pk]))
        self.assertContains(
            self.client.get(reverse("frontend:result_edit", args=[result.pk])), "摘要缺少冷却效率的测试条件"
        )
        listing = self.client.get(reverse("frontend:my_results"))
        self.assertContains(listing, "审核未通过，请修改后重新提交。")
        self.assertEqual(
            [(i.label, i.count) for i in dashboard_items(None, self.institute)][1], ("审核退回待修改的成果", 1)
        )
        response = self.client.post(reverse("frontend:result_submit", args=[result.pk]), follow=True)
        self.assertContains(response, "已重新提交审核。")
        result.refresh_from_db()
        self.assertEqual(result.status, "pending_review")

    def test_submitting_twice_is_a_message_not_an_error(self):
        result = self.draft(status="pending_review")
        response = self.client.post(reverse("frontend:result_submit", args=[result.pk]), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(list(response.context["messages"])), 1)
        result.refresh_from_db()
        self.assertEqual(result.status, "pending_review")

    def test_withdraw_a_published_result(self):
        result = make_result(self.institute)
        self.assertContains(self.page(result), "确认撤回")
        response = self.client.post(reverse("frontend:result_withdraw", args=[result.pk]), follow=True)
        self.assertContains(response, "成果已撤回")
        result.refresh_from_db()
        self.assertEqual(result.status, "withdrawn")
        self.assertEqual(self.client.get(reverse("frontend:result_withdraw", args=[result.pk])).status_code, 405)

    def test_withdraw_is_refused_while_the_auction_runs(self):
        result = make_result(self.institute)
        services.create_auction(
            result=result, actor=self.owner_user, organization=self.institute, starting_price=Decimal("1000"),
            closes_at=timezone.now() + timedelta(days=2),
        )  # fmt: skip
        self.assertNotContains(self.page(result), "确认撤回")
        response = self.client.post(reverse("frontend:result_withdraw", args=[result.pk]), follow=True)
        self.assertContains(response, "拍卖进行中，不能撤回。")
        result.refresh_from_db()
        self.assertEqual(result.status, "published")


class AuctionFormTest(PublishingWebTestCase):
    def setUp(self):
        super().setUp()
        self.result = make_result(self.institute)
        self.url = reverse("frontend:result_auction", args=[self.result.pk])

    def post(self, **fields):
        closes = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        data = {"starting_price": "300000", "deposit": "30000", "min_increment": "5000", "closes_at": closes}
        return self.client.post(self.url, {**data, **fields})

    def test_put_a_result_up_for_auction(self):
        self.assertContains(self.client.get(self.url), "起拍价")
        response = self.post()
        self.assertRedirects(response, reverse("frontend:my_result", args=[self.result.pk]) + "#auction")
        auction = Auction.objects.get()
        self.assertEqual(
            (auction.result, auction.starting_price, auction.deposit, auction.min_increment, auction.status),
            (self.result, Decimal("300000"), Decimal("30000"), Decimal("5000"), "open"),
        )
        page = self.client.get(reverse("frontend:my_result", args=[self.result.pk]))
        self.assertContains(page, "竞价中")
        again = self.client.get(self.url, follow=True)  # once per result
        self.assertContains(again, "该成果已发起过竞价。")
        self.post()
        self.assertEqual(Auction.objects.count(), 1)

    def test_bad_values_are_field_errors(self):
        past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        for fields, field in [
            ({"closes_at": past}, "closes_at"),
            ({"closes_at": ""}, "closes_at"),
            ({"starting_price": "0"}, "starting_price"),
            ({"starting_price": "abc"}, "starting_price"),
            ({"min_increment": "0"}, "min_increment"),
            ({"deposit": "-1"}, "deposit"),
        ]:
            response = self.post(**fields)
            self.assertEqual(response.status_code, 200, fields)
            self.assertTrue(response.context["form"].errors.get(field), (fields, response.context["form"].errors))
        self.assertFalse(Auction.objects.exists())

    def test_a_draft_cannot_be_auctioned(self):
        draft = self.draft()
        url = reverse("frontend:result_auction", args=[draft.pk])
        self.assertContains(self.client.get(url), "只有已发布的成果可以发起竞价。")
        closes = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(url, {"starting_price": "1000", "min_increment": "100", "closes_at": closes})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "只有已发布的成果可以发起竞价。")
        self.assertFalse(Auction.objects.exists())


class PermissionTest(PublishingWebTestCase):
    def test_another_owners_result_is_404(self):
        theirs = make_result(self.other_institute)  # published: visible in the catalogue, not in our workspace
        their_draft = make_result(self.other_institute, status="draft", published_at=None)
        for result in (theirs, their_draft):
            for name in ("my_result", "result_edit", "result_auction"):
                self.assertEqual(self.client.get(reverse(f"frontend:{name}", args=[result.pk])).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("frontend:result_edit", args=[theirs.pk]), form_data()).status_code, 404
        )
        for name in ("result_submit", "result_withdraw", "result_auction"):
            self.assertEqual(self.client.post(reverse(f"frontend:{name}", args=[their_draft.pk])).status_code, 404)

    def test_a_post_as_the_wrong_party_is_403(self):
        theirs = make_result(self.other_institute)
        for name in ("result_submit", "result_withdraw", "result_auction"):
            self.assertEqual(self.client.post(reverse(f"frontend:{name}", args=[theirs.pk])).status_code, 403, name)
        theirs.refresh_from_db()
        self.assertEqual(theirs.status, "published")
        self.assertFalse(Auction.objects.exists())

    def test_a_firm_is_refused(self):
        result = make_result(self.institute)
        self.client.force_login(self.firm_user)
        for url in (
            reverse("frontend:my_results"),
            reverse("frontend:result_create"),
            reverse("frontend:received_inquiries"),
            reverse("frontend:my_result", args=[result.pk]),
        ):
            self.assertEqual(self.client.get(url).status_code, 403, url)
        self.assertEqual(self.client.post(reverse("frontend:result_create"), form_data()).status_code, 403)
        self.assertEqual(self.client.post(reverse("frontend:result_withdraw", args=[result.pk])).status_code, 403)
        self.assertEqual(Result.objects.count(), 1)
        self.assertEqual(nav_links(None, self.firm), [])
        self.assertEqual(dashboard_items(None, self.firm), [])

    def test_anonymous_visitors_sign_in(self):
        self.client.logout()
        for url in (reverse("frontend:my_results"), reverse("frontend:result_create")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("frontend:login"), response["Location"])
        self.client.post(reverse("frontend:result_create"), form_data())
        self.assertFalse(Result.objects.exists())


class MyResultsListTest(PublishingWebTestCase):
    url = reverse("frontend:my_results")

    def test_every_state_with_tabs_and_inquiries(self):
        published = make_result(self.institute, title="已发布的成果")
        self.draft(title="草稿成果")
        make_result(self.institute, title="已撤回的成果", status="withdrawn")
        make_result(self.other_institute, title="别人的成果")
        services.create_inquiry(result=published, organization=self.firm, actor=self.firm_user, message="请报价")
        response = self.client.get(self.url)
        html = response.content.decode()
        for title in ("已发布的成果", "草稿成果", "已撤回的成果"):
            self.assertIn(title, html)
        self.assertNotIn("别人的成果", html)
        self.assertContains(response, "1 待回复")
        self.assertContains(response, "发布成果")
        self.assertEqual({tab["label"]: tab["count"] for tab in response.context["tabs"]}["全部"], 3)
        drafts = self.client.get(self.url, {"status": "draft"}).content.decode()
        self.assertIn("草稿成果", drafts)
        self.assertNotIn("已发布的成果", drafts)
        searched = self.client.get(self.url, {"q": "撤回"}).content.decode()
        self.assertIn("已撤回的成果", searched)
        self.assertNotIn("草稿成果", searched)

    def test_query_count_does_not_grow_with_rows(self):
        def add(n):
            for _ in range(n):
                result = make_result(self.institute, title=f"成果{Result.objects.count()}")
                services.create_inquiry(result=result, organization=self.firm, actor=self.firm_user, message="意向")

        add(2)
        few = self.queries(self.url)
        add(5)
        self.assertEqual(self.queries(self.url), few)

    def test_result_page_query_count_does_not_grow(self):
        result = make_result(self.institute)
        url = reverse("frontend:my_result", args=[result.pk])
        for n in range(2):
            services.create_inquiry(result=result, organization=self.firm, actor=self.firm_user, message=f"意向{n}")
        Patent.objects.create(result=result, number=GOOD, patent_type="invention", legal_status="pending")
        few = self.queries(url)
        for n in range(5):
            services.create_inquiry(result=result, organization=self.firm, actor=self.firm_user, message=f"更多{n}")
        Patent.objects.create(result=result, number=SECOND, patent_type="utility_model", legal_status="pending")
        self.assertEqual(self.queries(url), few)


class ReceivedInquiriesTest(PublishingWebTestCase):
    url = reverse("frontend:received_inquiries")

    def setUp(self):
        super().setUp()
        self.result = make_result(self.institute, title="随形冷却模具设计技术")

    def inquire(self, message, result=None):
        return services.create_inquiry(
            result=result or self.result, organization=self.firm, actor=self.firm_user, message=message
        )

    def test_unanswered_first_and_reply_on_the_inquiry_page(self):
        answered = self.inquire("第一条意向")
        services.reply_inquiry(answered, actor=self.owner_user, organization=self.institute, reply="欢迎洽谈")
        waiting = self.inquire("第二条意向")
        theirs = make_result(self.other_institute, title="别人的成果")
        self.inquire("给别人的意向", result=theirs)
        response = self.client.get(self.url)
        self.assertEqual([i.pk for i in response.context["inquiries"]], [waiting.pk, answered.pk])
        self.assertNotContains(response, "给别人的意向")
        self.assertContains(response, reverse("frontend:inquiry_detail", args=[waiting.pk]))
        self.assertEqual(
            [i.pk for i in self.client.get(self.url, {"status": "replied"}).context["inquiries"]], [answered.pk]
        )
        items = {i.label: i.count for i in dashboard_items(None, self.institute)}
        self.assertEqual(items["待回复的意向"], 1)
        detail = self.client.get(reverse("frontend:inquiry_detail", args=[waiting.pk]))
        self.assertContains(detail, "发送回复")
        self.client.post(reverse("frontend:inquiry_reply", args=[waiting.pk]), {"reply": "可以许可，费用面议。"})
        waiting.refresh_from_db()
        self.assertEqual((waiting.status, waiting.reply), ("replied", "可以许可，费用面议。"))
        self.assertEqual({i.label: i.count for i in dashboard_items(None, self.institute)}["待回复的意向"], 0)

    def test_filter_by_result(self):
        other = make_result(self.institute, title="另一项成果")
        self.inquire("对第一项")
        mine = self.inquire("对另一项", result=other)
        response = self.client.get(self.url, {"result": other.pk})
        self.assertEqual([i.pk for i in response.context["inquiries"]], [mine.pk])
        self.assertEqual(response.context["only_result"], other)

    def test_query_count_does_not_grow_with_rows(self):
        for n in range(2):
            self.inquire(f"意向{n}")
        few = self.queries(self.url)
        for n in range(5):
            self.inquire(f"更多{n}")
        self.assertEqual(self.queries(self.url), few)

    def test_navigation(self):
        links = nav_links(None, self.institute)
        self.assertEqual([link["name"] for link in links], ["my_results", "received_inquiries"])
        self.assertEqual(Inquiry.objects.count(), 0)


class OwnerLinksAndAPITest(PublishingWebTestCase):
    def test_the_public_page_leads_the_owner_to_the_workspace(self):
        result = make_result(self.institute)
        page = self.client.get(reverse("frontend:result_detail", args=[result.pk]))
        self.assertContains(page, reverse("frontend:my_result", args=[result.pk]))
        self.assertContains(page, "在工作台管理")
        self.client.force_login(self.firm_user)
        page = self.client.get(reverse("frontend:result_detail", args=[result.pk]))
        self.assertNotContains(page, "在工作台管理")

    def test_the_api_validates_ipc_codes_as_the_page_does(self):
        from marketplace.testing import api_client

        client = api_client(self.owner_user, self.institute)
        payload = {
            "title": "碳化硅逆变器驱动技术",
            "abstract": "1200V SiC MOSFET 驱动。",
            "tech_field": "new_energy",
            "trl": 7,
            "transfer_modes": ["license"],
            "patents": [{"number": GOOD, "patent_type": "invention", "legal_status": "granted", "ipc_codes": ["H02"]}],
        }
        response = client.post(reverse("api:result-list"), payload, format="json")
        self.assertEqual(response.status_code, 400, response.content)
        self.assertFalse(Result.objects.exists())
        payload["patents"][0]["ipc_codes"] = [" h02m 7/5387 "]
        response = client.post(reverse("api:result-list"), payload, format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["patents"][0]["ipc_codes"], ["H02M7/5387"])
