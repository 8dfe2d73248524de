"""院所解题 in the browser's pages, for institutes and service providers: 匹配需求 (reverse matching with why, and the
demands they were invited to), the proposal form on a demand's page through ``submit_proposal``, 我的方案 with
withdrawal, the proposal's own page, 登记付款 on a contract they sold, and their dashboard items — every form's
validation, permissions (sign-in / 403 / 404), conflicts shown as messages, an anonymous demand's firm never named,
and query counts that do not grow with the rows."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

from django.contrib.messages import get_messages
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demands import services
from demands.models import Proposal
from demands.tests.test_demands import make_demand
from instruments.testing import make_instrument
from marketplace.models import AuditEntry, Notification
from marketplace.testing import make_organization, make_user
from tech_transfer.models import TechContract
from tech_transfer.services import draft_contract
from tech_transfer.tests.test_results import make_result

ANONYMOUS_FIRM = "余姚匿名解题测试电器有限公司"
NO_MATCHES = {"institutes": [], "results": [], "instruments": []}


def proposal_data(**overrides) -> dict:
    data = {
        "approach": "随形冷却水路设计 + 模流分析验证，三轮试模。",
        "budget": "300000",
        "duration_days": "90",
        "team": "王工等 5 人",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_proposal(demand, institute, **fields):
    author = fields.pop("author", None) or make_user(organization=institute)
    defaults = {"approach": "模流分析", "budget": Decimal("300000"), "duration_days": 90, "team": "李工等 3 人"}
    return Proposal.objects.create(demand=demand, institute=institute, author=author, **{**defaults, **fields})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def signed(contract):
    """The contract as both parties' signatures leave it (set directly: the signing rule is not what is tested)."""
    TechContract.objects.filter(pk=contract.pk).update(
        status="signed", signed_on=timezone.localdate(), seller_signed_at=timezone.now(), buyer_signed_at=timezone.now()
    )
    contract.refresh_from_db()
    return contract


class SolvingWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise", name="余姚解题测试模具有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.hidden_firm = make_organization("enterprise", name=ANONYMOUS_FIRM)
        cls.institute = make_organization("institute", name="余姚解题测试高分子研究院")
        cls.institute_user = make_user(organization=cls.institute)
        cls.provider = make_organization("service_provider", name="余姚解题测试检测服务中心")
        cls.provider_user = make_user(organization=cls.provider)
        cls.other = make_organization("institute", name="宁波解题测试另一研究院")
        cls.other_user = make_user(organization=cls.other)

    def setUp(self):
        self.demand = make_demand(self.firm, title="薄壁件翘曲控制", budget_min=Decimal("200000"),
                                  budget_max=Decimal("500000"))  # fmt: skip
        self.anonymous = make_demand(
            self.hidden_firm, title="匿名揭榜：低温密封", anonymous=True, is_challenge=True, bounty=Decimal("1000000"),
            risk_class="red",
        )  # fmt: skip
        self.client.force_login(self.institute_user)
        patcher = mock.patch("frontend.views.demands._matches", return_value=[])
        patcher.start()
        self.addCleanup(patcher.stop)


class SolverPagePermissionTest(SolvingWebTestCase):
    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        proposal = make_proposal(self.demand, self.institute)
        for name, args, method in (
            ("matching_demands", [], "get"),
            ("my_proposals", [], "get"),
            ("demand_propose", [self.demand.pk], "post"),
            ("proposal_withdraw", [proposal.pk], "post"),
        ):
            url = reverse(f"frontend:{name}", args=args)
            response = getattr(self.client, method)(url)
            self.assertRedirects(response, reverse("frontend:login") + "?next=" + url, fetch_redirect_response=False)

    def test_a_firm_cannot_open_the_solver_pages_or_propose(self):
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:matching_demands")).status_code, 403)
        self.assertEqual(self.client.get(reverse("frontend:my_proposals")).status_code, 403)
        response = self.client.post(reverse("frontend:demand_propose", args=[self.demand.pk]), proposal_data())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Proposal.objects.exists())
        page = self.client.get(self.demand.get_absolute_url())
        self.assertNotContains(page, 'name="approach"')  # no proposal form for the firm

    def test_only_the_proposals_institute_may_withdraw_it(self):
        proposal = make_proposal(self.demand, self.institute)
        url = reverse("frontend:proposal_withdraw", args=[proposal.pk])
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.post(url).status_code, 403)  # the demand's firm: a party, but not this one
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(url).status_code, 404)  # another institute may not even see it
        proposal.refresh_from_db()
        self.assertEqual(proposal.status, "submitted")

    def test_a_demand_the_user_may_not_see_cannot_be_answered(self):
        draft = make_demand(self.firm, status="draft", published_at=None)
        response = self.client.post(reverse("frontend:demand_propose", args=[draft.pk]), proposal_data())
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Proposal.objects.exists())


class ProposalFormTest(SolvingWebTestCase):
    def url(self, demand=None):
        return reverse("frontend:demand_propose", args=[(demand or self.demand).pk])

    def test_the_demand_page_offers_the_form_instead_of_the_api(self):
        response = self.client.get(self.demand.get_absolute_url())
        self.assertContains(response, 'name="approach"')
        self.assertContains(response, 'name="duration_days"')
        self.assertContains(response, self.url())
        self.assertNotContains(response, "即将上线")
        self.assertNotContains(response, "API 提交")

    def test_a_proposal_is_submitted_as_the_acting_organization(self):
        response = self.client.post(self.url(), proposal_data())
        proposal = Proposal.objects.get()
        self.assertRedirects(
            response, f"{self.demand.get_absolute_url()}#proposal-{proposal.pk}", fetch_redirect_response=False
        )
        self.assertEqual(
            (proposal.institute, proposal.author, proposal.status, proposal.budget, proposal.duration_days),
            (self.institute, self.institute_user, "submitted", Decimal("300000"), 90),
        )
        self.assertEqual(proposal.team, "王工等 5 人")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(proposal.pk), action="create").exists())
        self.assertTrue(Notification.objects.filter(organization=self.firm, kind="proposal.submitted").exists())
        self.assertIn("解题方案已提交，企业答复后会通知您。", messages_of(response))
        page = self.client.get(self.demand.get_absolute_url())
        self.assertContains(page, f'id="proposal-{proposal.pk}"')  # the institute sees its proposal on the page
        self.assertContains(page, "撤回")
        self.assertNotContains(page, 'name="approach"')  # and no second form

    def test_service_providers_propose_too(self):
        self.client.force_login(self.provider_user)
        self.client.post(self.url(), proposal_data())
        self.assertEqual(Proposal.objects.get().institute, self.provider)

    def assert_refused(self, data, field):
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 200)
        form = response.context["proposal_form"]
        self.assertTrue(form.errors.get(field), form.errors)
        self.assertContains(response, 'class="field-error"')
        self.assertFalse(Proposal.objects.exists())

    def test_bad_input_comes_back_on_the_field_and_nothing_is_saved(self):
        self.assert_refused(proposal_data(budget="-5"), "budget")
        self.assert_refused(proposal_data(budget="三十万"), "budget")
        self.assert_refused(proposal_data(budget=""), "budget")
        self.assert_refused(proposal_data(budget="1.234"), "budget")
        self.assert_refused(proposal_data(duration_days="0"), "duration_days")
        self.assert_refused(proposal_data(duration_days="半年"), "duration_days")
        self.assert_refused(proposal_data(approach=""), "approach")

    def test_a_second_proposal_in_play_is_refused_with_a_message(self):
        make_proposal(self.demand, self.institute, author=self.institute_user)
        response = self.client.post(self.url(), proposal_data())
        self.assertRedirects(response, self.demand.get_absolute_url() + "#propose", fetch_redirect_response=False)
        self.assertIn("已提交过方案。", messages_of(response))
        self.assertEqual(Proposal.objects.count(), 1)

    def test_after_withdrawing_the_institute_may_propose_again(self):
        make_proposal(self.demand, self.institute, author=self.institute_user, status="withdrawn")
        self.assertContains(self.client.get(self.demand.get_absolute_url()), 'name="approach"')
        self.client.post(self.url(), proposal_data())
        self.assertEqual(Proposal.objects.filter(status="submitted").count(), 1)

    def test_a_demand_no_longer_collecting_proposals_is_refused_with_a_message(self):
        cooperating = make_demand(self.firm, status="in_cooperation")
        page = self.client.get(cooperating.get_absolute_url())
        self.assertNotContains(page, 'name="approach"')
        self.assertContains(page, "该需求已不在征集期")
        response = self.client.post(self.url(cooperating), proposal_data())
        self.assertRedirects(response, cooperating.get_absolute_url() + "#propose", fetch_redirect_response=False)
        self.assertIn("该需求不在征集期。", messages_of(response))
        response = self.client.post(self.url(cooperating), proposal_data(budget="-1"))  # bad input on a closed call
        self.assertIn("该需求不在征集期。", messages_of(response))
        self.assertFalse(Proposal.objects.exists())

    def test_an_invited_institute_is_told_on_the_page(self):
        services.invite_institute(self.demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        self.assertContains(self.client.get(self.demand.get_absolute_url()), "企业已邀请贵机构")

    def test_the_anonymous_demands_page_never_names_the_firm_to_the_institute(self):
        proposal = make_proposal(self.anonymous, self.institute, author=self.institute_user)
        response = self.client.get(self.anonymous.get_absolute_url())
        self.assertContains(response, "匿名企业")
        self.assertContains(response, f'id="proposal-{proposal.pk}"')
        self.assertNotContains(response, ANONYMOUS_FIRM)


class MyProposalsTest(SolvingWebTestCase):
    url = reverse("frontend:my_proposals")

    def test_lists_the_organizations_proposals_with_tabs_and_the_firm_hidden_when_anonymous(self):
        mine = make_proposal(self.demand, self.institute, author=self.institute_user)
        hidden = make_proposal(self.anonymous, self.institute, author=self.institute_user, status="shortlisted")
        make_proposal(self.demand, self.other)
        response = self.client.get(self.url)
        self.assertEqual({p.pk for p in response.context["proposals"]}, {mine.pk, hidden.pk})
        self.assertContains(response, self.firm.name)
        self.assertContains(response, "匿名企业")
        self.assertNotContains(response, ANONYMOUS_FIRM)
        self.assertContains(response, "入围")
        shortlisted = self.client.get(self.url + "?status=shortlisted")
        self.assertEqual([p.pk for p in shortlisted.context["proposals"]], [hidden.pk])
        self.client.get(self.url + "?status=bogus&demand=x&page=abc")  # a bad parameter is dropped, not fatal
        tabs = {tab["label"]: tab["count"] for tab in response.context["tabs"]}
        self.assertEqual((tabs["全部"], tabs["已提交"], tabs["入围"], tabs["已撤回"]), (2, 1, 1, 0))

    def test_withdrawing_asks_for_confirmation_and_goes_through_the_service(self):
        proposal = make_proposal(self.demand, self.institute, author=self.institute_user)
        page = self.client.get(self.url)
        self.assertContains(page, "确认撤回")
        self.assertContains(page, reverse("frontend:proposal_withdraw", args=[proposal.pk]))
        response = self.client.post(reverse("frontend:proposal_withdraw", args=[proposal.pk]), {"next": self.url})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertIn("方案已撤回。", messages_of(response))
        proposal.refresh_from_db()
        self.assertEqual(proposal.status, "withdrawn")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(proposal.pk), transition="submitted→withdrawn"))

    def test_an_accepted_proposal_links_its_contract_and_cannot_be_withdrawn(self):
        proposal = make_proposal(self.demand, self.institute, author=self.institute_user)
        services.accept_proposal(proposal, actor=self.firm_user, organization=self.firm)
        contract = TechContract.objects.get(proposal=proposal)
        page = self.client.get(self.url)
        self.assertContains(page, reverse("frontend:contract_detail", args=[contract.pk]))
        self.assertNotContains(page, reverse("frontend:proposal_withdraw", args=[proposal.pk]))
        response = self.client.post(reverse("frontend:proposal_withdraw", args=[proposal.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(messages_of(response))  # the illegal transition, as a message
        proposal.refresh_from_db()
        self.assertEqual(proposal.status, "accepted")

    def test_the_proposal_page_leads_to_the_demand_or_shows_the_proposal_of_a_closed_one(self):
        proposal = make_proposal(self.anonymous, self.institute, author=self.institute_user)
        url = proposal.get_absolute_url()
        self.assertRedirects(
            self.client.get(url), f"{self.anonymous.get_absolute_url()}#proposal-{proposal.pk}",
            fetch_redirect_response=False,
        )  # fmt: skip
        self.anonymous.status = "closed"
        self.anonymous.save(update_fields=["status"])
        response = self.client.get(url)  # the demand is no longer public: the proposal's own page
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, proposal.approach)
        self.assertContains(response, "匿名企业")
        self.assertNotContains(response, ANONYMOUS_FIRM)
        self.assertContains(response, "确认撤回")

    def test_query_count_does_not_grow_with_proposals(self):
        def add(n):
            for _ in range(n):
                demand = make_demand(self.firm)
                proposal = make_proposal(demand, self.institute, author=self.institute_user)
                services.accept_proposal(proposal, actor=self.firm_user, organization=self.firm)

        add(2)
        self.client.get(self.url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url)
        add(5)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.url)
        self.assertEqual(len(response.context["proposals"]), 7)
        self.assertEqual(len(few), len(many))


class MatchingDemandsTest(SolvingWebTestCase):
    url = reverse("frontend:matching_demands")

    def found(self, *demands, terms=("翘曲", "冷却")):
        return [
            {"type": "demand", "id": d.pk, "title": d.title, "score": 1.0, "matched_terms": list(terms)}
            for d in demands
        ]

    def get(self, found):
        with mock.patch("frontend.views.demands.demands_matching", return_value=found):
            return self.client.get(self.url)

    def test_matches_show_why_terms_and_the_institutes_own_results_and_instruments(self):
        result = make_result(self.institute, title="注塑件随形冷却设计技术", keywords=["随形冷却", "翘曲"])
        instrument = make_instrument(self.institute, name="模流分析工作站", capabilities="翘曲 冷却 分析")
        make_result(self.institute, title="无关的电池管理技术", keywords=["电池"], abstract="电池均衡")
        response = self.get(self.found(self.demand, self.anonymous))
        self.assertEqual(response.status_code, 200)
        matches = response.context["matches"]
        self.assertEqual([m["demand"].pk for m in matches], [self.demand.pk, self.anonymous.pk])
        self.assertEqual([r["title"] for r in matches[0]["results"]], [result.title])
        self.assertEqual([i["instrument"].pk for i in matches[0]["instruments"]], [instrument.pk])
        for text in ("薄壁件翘曲控制", "翘曲", result.title, instrument.name, "¥200,000 – ¥500,000", "揭榜挂帅",
                     "¥1,000,000", "断供断链风险", "匿名企业", self.firm.name):  # fmt: skip
            self.assertContains(response, text)
        self.assertNotContains(response, ANONYMOUS_FIRM)
        self.assertContains(response, self.demand.get_absolute_url() + "#propose")

    def test_names_and_single_characters_are_not_offered_as_why(self):
        response = self.get(self.found(self.demand, terms=("余姚", "研究院", "无", "翘曲")))
        self.assertEqual(response.context["matches"][0]["matched_terms"], ["翘曲"])

    def test_what_the_index_still_lists_but_is_no_longer_open_is_left_out(self):
        closed = make_demand(self.firm, status="closed")
        response = self.get(self.found(closed, self.demand))
        self.assertEqual([m["demand"].pk for m in response.context["matches"]], [self.demand.pk])

    def test_a_proposal_already_in_play_is_shown_instead_of_the_button(self):
        proposal = make_proposal(self.demand, self.institute, author=self.institute_user, status="shortlisted")
        match = self.get(self.found(self.demand)).context["matches"][0]
        self.assertEqual((match["proposal"], match["can_propose"]), (proposal, False))

    def test_a_failing_search_engine_shows_a_notice_not_an_error(self):
        with mock.patch("frontend.views.demands.demands_matching", side_effect=RuntimeError("engine down")):
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["matches"])
        self.assertContains(response, "匹配服务暂时不可用")

    def test_the_real_reverse_match_finds_a_fitting_demand(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_result(self.institute, title="注塑件翘曲随形冷却控制技术", keywords=["翘曲", "随形冷却"],
                        abstract="薄壁注塑件翘曲控制，冷却时间缩短30%。")  # fmt: skip
            fitting = make_demand(self.firm, title="注塑件翘曲变形控制", problem="薄壁长条件翘曲超差，需要优化冷却")
        response = self.client.get(self.url)
        self.assertIn(fitting.pk, [m["demand"].pk for m in response.context["matches"] or []])

    def test_invitations_are_listed_answered_or_not_and_the_firm_hidden_when_anonymous(self):
        services.invite_institute(self.demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        hidden_user = make_user(organization=self.hidden_firm)
        services.invite_institute(self.anonymous, institute=self.institute, actor=hidden_user,
                                  organization=self.hidden_firm)  # fmt: skip
        make_proposal(self.anonymous, self.institute, author=self.institute_user)
        response = self.get([])
        invitations = {i.demand_id: i for i in response.context["invitations"]}
        self.assertEqual(set(invitations), {self.demand.pk, self.anonymous.pk})
        self.assertTrue(invitations[self.demand.pk].can_propose)
        self.assertIsNotNone(invitations[self.anonymous.pk].proposal)
        self.assertContains(response, "待答复")
        self.assertContains(response, "匿名企业")
        self.assertNotContains(response, ANONYMOUS_FIRM)

    def test_query_count_does_not_grow_with_matches_or_invitations(self):
        make_result(self.institute, title="注塑件随形冷却设计技术", keywords=["翘曲"])

        def add(n):
            demands = [make_demand(self.firm) for _ in range(n)]
            for demand in demands:
                services.invite_institute(demand, institute=self.institute, actor=self.firm_user,
                                          organization=self.firm)  # fmt: skip
            make_proposal(demands[0], self.institute, author=self.institute_user)
            return demands

        few_demands = add(2)
        self.get(self.found(*few_demands))
        with CaptureQueriesContext(connection) as few:
            self.get(self.found(*few_demands))
        many_demands = few_demands + add(5)
        with CaptureQueriesContext(connection) as many:
            response = self.get(self.found(*many_demands))
        self.assertEqual(len(response.context["matches"]), 7)
        self.assertEqual(len(response.context["invitations"]), 7)
        self.assertEqual(len(few), len(many))


class SolverDashboardTest(SolvingWebTestCase):
    def items(self):
        response = self.client.get(reverse("frontend:dashboard"))
        return {item.label: item.count for item in [*response.context["todo"], *response.context["info"]]}, response

    def test_invitations_shortlisted_proposals_new_demands_and_payments_to_record(self):
        self.institute.tech_fields.set(["advanced_manufacturing"])
        services.invite_institute(self.demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        other = make_demand(self.firm)
        make_proposal(other, self.institute, author=self.institute_user, status="shortlisted")
        contract = signed(draft_contract(kind="development", title="合同", seller=self.institute, buyer=self.firm,
                                         amount=Decimal("1000")))  # fmt: skip
        items, response = self.items()
        self.assertEqual(items["待答复的解题邀请"], 1)
        self.assertEqual(items["入围的解题方案"], 1)
        self.assertEqual(items["本领域新需求（近 30 天）"], 2)  # the two open demands it has not answered
        self.assertEqual(items["待登记付款的合同"], 1)
        self.assertContains(response, reverse("frontend:matching_demands"))
        self.assertContains(response, reverse("frontend:my_proposals"))
        make_proposal(self.demand, self.institute, author=self.institute_user)  # answering the invitation
        TechContract.objects.filter(pk=contract.pk).update(paid_at=timezone.now(), payment_reference="X")
        items, _response = self.items()
        self.assertEqual((items["待答复的解题邀请"], items["待登记付款的合同"]), (0, 0))

    def test_firms_have_no_solver_items_or_links(self):
        self.client.force_login(self.firm_user)
        items, response = self.items()
        self.assertNotIn("待答复的解题邀请", items)
        self.assertNotIn("待登记付款的合同", items)
        self.assertNotContains(response, reverse("frontend:matching_demands"))

    def test_an_expired_invitation_is_no_longer_a_to_do(self):
        services.invite_institute(self.demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        self.demand.deadline = timezone.localdate() - timedelta(days=1)
        self.demand.save(update_fields=["deadline"])
        items, _response = self.items()
        self.assertEqual(items["待答复的解题邀请"], 0)


class RecordPaymentTest(SolvingWebTestCase):
    def setUp(self):
        super().setUp()
        self.contract = signed(
            draft_contract(
                kind="development",
                title="翘曲控制 技术合同",
                seller=self.institute,
                buyer=self.firm,
                amount=Decimal("300000"),
                demand=self.demand,
            )
        )
        self.url = reverse("frontend:contract_record_payment", args=[self.contract.pk])
        self.page = self.contract.get_absolute_url()

    def test_the_seller_records_the_payment_once(self):
        self.assertContains(self.client.get(self.page), 'name="reference"')
        response = self.client.post(self.url, {"reference": " HD20261201-0087 "})
        self.assertRedirects(response, self.page + "#payment", fetch_redirect_response=False)
        self.assertIn("付款已登记。", messages_of(response))
        self.contract.refresh_from_db()
        self.assertEqual(self.contract.payment_reference, "HD20261201-0087")
        self.assertIsNotNone(self.contract.paid_at)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(self.contract.pk), action="update").exists())
        page = self.client.get(self.page)
        self.assertContains(page, "HD20261201-0087")
        self.assertNotContains(page, 'name="reference"')
        again = self.client.post(self.url, {"reference": "SECOND"})
        self.assertIn("该合同已登记付款。", messages_of(again))
        self.contract.refresh_from_db()
        self.assertEqual(self.contract.payment_reference, "HD20261201-0087")

    def test_a_missing_or_too_long_reference_is_a_message_and_nothing_is_saved(self):
        for reference in ("", "   ", "X" * 65):
            response = self.client.post(self.url, {"reference": reference})
            self.assertRedirects(response, self.page + "#payment", fetch_redirect_response=False)
            self.assertTrue(any(m.startswith("付款凭证号") for m in messages_of(response)), messages_of(response))
        self.contract.refresh_from_db()
        self.assertIsNone(self.contract.paid_at)

    def test_an_unsigned_contract_cannot_be_paid(self):
        TechContract.objects.filter(pk=self.contract.pk).update(status="draft")
        self.assertNotContains(self.client.get(self.page), 'name="reference"')
        response = self.client.post(self.url, {"reference": "HD1"})
        self.assertIn("合同签订后才能登记付款。", messages_of(response))
        self.contract.refresh_from_db()
        self.assertIsNone(self.contract.paid_at)

    def test_only_the_seller_records_it(self):
        self.client.force_login(self.firm_user)
        page = self.client.get(self.page)
        self.assertNotContains(page, 'name="reference"')
        self.assertContains(page, "等待技术提供方确认收款")
        self.assertEqual(self.client.post(self.url, {"reference": "HD1"}).status_code, 403)
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(self.url, {"reference": "HD1"}).status_code, 404)
        self.contract.refresh_from_db()
        self.assertIsNone(self.contract.paid_at)

    def test_the_payment_to_do_lists_only_unpaid_signed_sales(self):
        draft_contract(kind="development", title="未签合同", seller=self.institute, buyer=self.firm, amount=1)
        response = self.client.get(reverse("frontend:contract_list") + "?payment=due")
        self.assertEqual([c.pk for c in response.context["contracts"]], [self.contract.pk])
        self.assertContains(response, "待登记付款")
