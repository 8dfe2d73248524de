"""The firm's demands in the browser's pages: 我的需求, drafting and editing a demand through the API's serializer,
submitting it for review (and resubmitting after a rejection), closing, the firm's demand page with matches and
invitations, proposals (shortlist / accept / decline), solving and 市场阅题 — every form's validation, permissions
(404 / 403 / sign-in), conflicts shown as messages, and query counts that do not grow with the rows."""

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
from demands.models import Demand, DemandInvitation, Evaluation, Proposal
from demands.tests.test_demands import make_demand
from marketplace.api.acting import SESSION_KEY
from marketplace.models import AuditEntry, Membership, Notification
from marketplace.testing import make_organization, make_user
from tech_transfer.models import TechContract

NO_MATCHES = {"institutes": [], "results": [], "instruments": []}


def form_data(**overrides) -> dict:
    data = {
        "title": "薄壁注塑件翘曲控制",
        "problem": "长条形薄壁件翘曲超差，需要优化模具冷却与工艺参数。",
        "target_indicators": "翘曲量 ≤ 0.3 mm",
        "industry_chain": "molds",
        "tech_field": "advanced_manufacturing",
        "risk_class": "yellow",
        "cooperation_mode": "commissioned",
        "budget_min": "200000",
        "budget_max": "500000",
        "deadline": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "ip_terms": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_proposal(demand, institute, **fields):
    author = fields.pop("author", None) or make_user(organization=institute)
    defaults = {
        "approach": "随形冷却水路 + 模流分析",
        "budget": Decimal("300000"),
        "duration_days": 90,
        "team": "王工等 5 人",
    }
    return Proposal.objects.create(demand=demand, institute=institute, author=author, **{**defaults, **fields})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def patch_matches(**found):
    """Stand in for the engine's matches of each target (``institutes``, ``results``, ``instruments``): the list it
    returns, or the exception it raises."""

    def fake(target, demand, limit=10, now=None, area=None):
        value = found.get(target, [])
        if isinstance(value, Exception):
            raise value
        return value

    return mock.patch("frontend.views.demands.matches", side_effect=fake)


class DemandWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.firm = make_organization("enterprise", name="余姚需求测试电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.other_firm = make_organization("enterprise", name="余姚另一需求企业有限公司")
        cls.other_user = make_user(organization=cls.other_firm)
        cls.institute = make_organization("institute", name="余姚需求测试研究院")
        cls.institute_user = make_user(organization=cls.institute)
        cls.institute_b = make_organization("institute", name="宁波解题测试大学")
        cls.admin = make_user(platform_admin=True)

    def setUp(self):
        self.client.force_login(self.firm_user)
        self.patcher = mock.patch("frontend.views.demands._workspace_matches", return_value=NO_MATCHES)
        self.patcher.start()
        self.addCleanup(self.real_matches)

    def real_matches(self):
        """Use the real matching code (its three search functions are then patched by the test)."""
        if self.patcher is not None:
            self.patcher.stop()
            self.patcher = None

    def act_for(self, organization):
        session = self.client.session
        session[SESSION_KEY] = organization.pk
        session.save()


class MyDemandsTest(DemandWebTestCase):
    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        for name, args in (("my_demands", []), ("demand_create", []), ("my_demand", [1]), ("demand_submit", [1])):
            url = reverse(f"frontend:{name}", args=args)
            response = self.client.get(url) if name != "demand_submit" else self.client.post(url)
            self.assertRedirects(response, reverse("frontend:login") + "?next=" + url, fetch_redirect_response=False)

    def test_institutes_are_told_the_page_is_for_firms(self):
        self.client.force_login(self.institute_user)
        self.assertEqual(self.client.get(reverse("frontend:my_demands")).status_code, 403)
        self.assertEqual(self.client.get(reverse("frontend:demand_create")).status_code, 403)

    def test_lists_every_state_of_the_firm_only_with_status_tabs_and_filters(self):
        make_demand(self.firm, title="草稿需求", status="draft", published_at=None)
        make_demand(self.firm, title="征集中需求", risk_class="red")
        make_demand(self.other_firm, title="别家的需求")
        url = reverse("frontend:my_demands")
        response = self.client.get(url)
        titles = {d.title for d in response.context["demands"]}
        self.assertEqual(titles, {"草稿需求", "征集中需求"})
        self.assertContains(response, "发布需求")
        self.assertContains(response, reverse("frontend:demand_create"))
        self.assertEqual({d.title for d in self.client.get(url + "?status=draft").context["demands"]}, {"草稿需求"})
        self.assertEqual({d.title for d in self.client.get(url + "?risk_class=red").context["demands"]}, {"征集中需求"})
        self.assertEqual({d.title for d in self.client.get(url + "?q=草稿").context["demands"]}, {"草稿需求"})
        self.client.get(url + "?status=bogus&page=abc")  # a bad parameter is dropped, not fatal
        tabs = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
        self.assertEqual((tabs[""], tabs["draft"], tabs["open"]), (2, 1, 1))

    def test_query_count_does_not_grow_with_demands(self):
        url = reverse("frontend:my_demands")

        def add(n):
            for _ in range(n):
                demand = make_demand(self.firm)
                make_proposal(demand, self.institute, author=self.institute_user)

        add(2)
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        add(5)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["demands"]), 7)
        self.assertEqual(len(few), len(many))

    def test_dashboard_lists_the_firms_demand_to_dos(self):
        make_demand(self.firm, status="draft", published_at=None)
        demand = make_demand(self.firm)
        make_proposal(demand, self.institute, author=self.institute_user)
        response = self.client.get(reverse("frontend:dashboard"))
        items = {item.label: item.count for item in response.context["todo"]}
        self.assertEqual(items["待答复的解题方案"], 1)
        self.assertEqual(items["待完善或退回修改的需求"], 1)
        self.assertEqual(items["待评价的需求（市场阅题）"], 0)
        self.assertContains(response, reverse("frontend:my_demands"))
        self.assertContains(response, "我的需求")  # the workspace link


class DemandFormTest(DemandWebTestCase):
    def test_a_draft_is_created_with_every_field_through_the_api_rules(self):
        data = form_data(is_challenge="on", bounty="1000000", ip_terms="成果归发榜企业所有", anonymous="on")
        response = self.client.post(reverse("frontend:demand_create"), data)
        demand = Demand.objects.get(title="薄壁注塑件翘曲控制")
        self.assertRedirects(response, reverse("frontend:my_demand", args=[demand.pk]), fetch_redirect_response=False)
        self.assertEqual(demand.firm, self.firm)
        self.assertEqual(demand.status, "draft")
        self.assertEqual(
            (demand.risk_class, demand.cooperation_mode, demand.industry_chain_id, demand.tech_field_id),
            ("yellow", "commissioned", "molds", "advanced_manufacturing"),
        )
        self.assertEqual((demand.budget_min, demand.budget_max), (Decimal("200000"), Decimal("500000")))
        self.assertTrue(demand.is_challenge and demand.anonymous)
        self.assertEqual(demand.bounty, Decimal("1000000"))
        self.assertEqual(demand.ip_terms, "成果归发榜企业所有")
        self.assertTrue(AuditEntry.objects.filter(object_id=str(demand.pk), action="create").exists())

    def test_negotiable_budget_when_both_bounds_are_empty(self):
        self.client.post(reverse("frontend:demand_create"), form_data(budget_min="", budget_max=""))
        demand = Demand.objects.get()
        self.assertIsNone(demand.budget_min)
        self.assertIsNone(demand.budget_max)
        self.assertContains(self.client.get(reverse("frontend:my_demand", args=[demand.pk])), "面议")

    def assert_refused(self, data, field):
        response = self.client.post(reverse("frontend:demand_create"), data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors.get(field), response.context["form"].errors)
        self.assertContains(response, 'class="field-error"')
        self.assertFalse(Demand.objects.exists())

    def test_bad_input_comes_back_on_the_field_and_nothing_is_saved(self):
        self.assert_refused(form_data(budget_min="600000"), "budget_max")
        self.assert_refused(form_data(deadline=(timezone.localdate() - timedelta(days=1)).isoformat()), "deadline")
        self.assert_refused(form_data(is_challenge="on"), "bounty")
        self.assert_refused(form_data(title=""), "title")
        self.assert_refused(form_data(budget_min="-5"), "budget_min")
        self.assert_refused(form_data(tech_field="no_such_field"), "tech_field")
        self.assert_refused(form_data(deadline="明天"), "deadline")

    def test_a_bounty_without_the_challenge_flag_is_dropped(self):
        self.client.post(reverse("frontend:demand_create"), form_data(bounty="5000"))
        self.assertIsNone(Demand.objects.get().bounty)

    def test_a_draft_is_edited_and_a_demand_in_cooperation_is_not(self):
        draft = make_demand(self.firm, status="draft", published_at=None)
        url = reverse("frontend:demand_edit", args=[draft.pk])
        self.assertContains(self.client.get(url), draft.title)
        response = self.client.post(url, form_data(title="改过的需求", risk_class="red"))
        self.assertRedirects(response, reverse("frontend:my_demand", args=[draft.pk]), fetch_redirect_response=False)
        draft.refresh_from_db()
        self.assertEqual((draft.title, draft.risk_class), ("改过的需求", "red"))
        self.assertTrue(AuditEntry.objects.filter(object_id=str(draft.pk), action="update").exists())

        # An open demand is editable but goes back to review (frontend/tests/test_republish_web.py); one in
        # cooperation is refused.
        opened = make_demand(self.firm, title="已发布的需求", status="in_cooperation")
        url = reverse("frontend:demand_edit", args=[opened.pk])
        response = self.client.post(url, form_data(title="偷偷改"))
        self.assertRedirects(response, reverse("frontend:my_demand", args=[opened.pk]), fetch_redirect_response=False)
        self.assertIn("需求已进入合作，不能修改。", messages_of(response))
        opened.refresh_from_db()
        self.assertEqual(opened.title, "已发布的需求")

    def test_an_edit_with_bad_input_keeps_the_draft(self):
        draft = make_demand(self.firm, status="draft", published_at=None, title="原标题")
        response = self.client.post(reverse("frontend:demand_edit", args=[draft.pk]), form_data(budget_min="900000"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["budget_max"])
        draft.refresh_from_db()
        self.assertEqual(draft.title, "原标题")

    def test_another_firms_demand_is_404(self):
        theirs = make_demand(self.other_firm, status="draft", published_at=None)
        public = make_demand(self.other_firm)
        self.assertEqual(self.client.get(reverse("frontend:demand_edit", args=[theirs.pk])).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("frontend:demand_edit", args=[theirs.pk]), form_data()).status_code, 404
        )
        self.assertEqual(self.client.get(reverse("frontend:my_demand", args=[public.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("frontend:demand_submit", args=[theirs.pk])).status_code, 404)


class ReviewTest(DemandWebTestCase):
    def test_submit_then_rejection_shows_the_reason_and_resubmit(self):
        draft = make_demand(self.firm, status="draft", published_at=None)
        page = reverse("frontend:my_demand", args=[draft.pk])
        self.assertContains(self.client.get(page), "提交审核")
        response = self.client.post(reverse("frontend:demand_submit", args=[draft.pk]))
        self.assertRedirects(response, page, fetch_redirect_response=False)
        draft.refresh_from_db()
        self.assertEqual(draft.status, "pending_review")
        html = self.client.get(page).content.decode()
        self.assertIn("待审核", html)
        self.assertNotIn(reverse("frontend:demand_edit", args=[draft.pk]), html)

        services.reject_demand(draft, actor=self.admin, note="请补充目标指标的测量方法")
        response = self.client.get(page)
        self.assertContains(response, "审核未通过")
        self.assertContains(response, "请补充目标指标的测量方法")
        self.assertContains(response, "重新提交审核")
        self.assertContains(response, reverse("frontend:demand_edit", args=[draft.pk]))
        self.assertContains(
            self.client.get(reverse("frontend:demand_edit", args=[draft.pk])), "请补充目标指标的测量方法"
        )
        self.client.post(reverse("frontend:demand_submit", args=[draft.pk]))
        draft.refresh_from_db()
        self.assertEqual(draft.status, "pending_review")

    def test_submitting_twice_is_a_message_not_an_error(self):
        demand = make_demand(self.firm, status="pending_review", published_at=None)
        response = self.client.post(reverse("frontend:demand_submit", args=[demand.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(messages_of(response))
        demand.refresh_from_db()
        self.assertEqual(demand.status, "pending_review")

    def test_close_an_open_demand_and_permissions(self):
        demand = make_demand(self.firm)
        url = reverse("frontend:demand_close", args=[demand.pk])
        self.assertContains(self.client.get(reverse("frontend:my_demand", args=[demand.pk])), "确认关闭")
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(url).status_code, 403)  # it sees the public demand, but is not its firm
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url, {"note": "已自行解决"})
        demand.refresh_from_db()
        self.assertEqual(demand.status, "closed")
        response = self.client.post(url)
        self.assertTrue(messages_of(response))  # closing again: the illegal transition is a message

    def test_a_member_of_two_organizations_acting_for_the_wrong_one_is_refused(self):
        demand = make_demand(self.firm)
        Membership.objects.create(user=self.firm_user, organization=self.other_firm, role="admin")
        self.act_for(self.other_firm)
        self.assertEqual(self.client.post(reverse("frontend:demand_close", args=[demand.pk])).status_code, 403)
        demand.refresh_from_db()
        self.assertEqual(demand.status, "open")


class MatchesAndInvitationsTest(DemandWebTestCase):
    def matches_with(self, institute):
        match = {
            "id": institute.pk, "title": institute.name, "score": 3.2, "matched_terms": ["注塑", "翘曲"],
            "because_of": {"results": [{"id": 7, "title": "随形冷却模具技术", "score": 2.0}], "instruments": []},
        }  # fmt: skip
        return [match]

    def test_matches_invite_once_and_the_notification_hides_an_anonymous_firm(self):
        self.real_matches()
        demand = make_demand(self.firm, anonymous=True)
        with (
            patch_matches(institutes=self.matches_with(self.institute), results=[], instruments=[]),
        ):
            html = self.client.get(reverse("frontend:my_demand", args=[demand.pk])).content.decode()
        self.assertIn("推荐解题院所", html)
        self.assertIn(self.institute.name, html)
        self.assertIn("随形冷却模具技术", html)
        self.assertIn("邀请提交方案", html)
        url = reverse("frontend:demand_invite", args=[demand.pk])
        response = self.client.post(url, {"institute": self.institute.pk})
        self.assertIn("已邀请", messages_of(response)[0])
        invitation = DemandInvitation.objects.get()
        self.assertEqual((invitation.demand, invitation.institute), (demand, self.institute))
        note = Notification.objects.get(recipient=self.institute_user, kind="demand.invited")
        self.assertEqual(note.link, reverse("frontend:demand_detail", args=[demand.pk]))
        self.assertNotIn(self.firm.name, note.title + note.body)
        self.assertTrue(AuditEntry.objects.filter(object_repr__contains=str(self.institute), action="create").exists())

        response = self.client.post(url, {"institute": self.institute.pk})
        self.assertEqual(messages_of(response)[-1], "已邀请该机构。")
        self.assertEqual(DemandInvitation.objects.count(), 1)

    def test_invitations_only_on_open_demands_for_institutes_and_by_the_firm(self):
        draft = make_demand(self.firm, status="draft", published_at=None)
        response = self.client.post(
            reverse("frontend:demand_invite", args=[draft.pk]), {"institute": self.institute.pk}
        )
        self.assertEqual(messages_of(response), ["该需求不在征集期。"])
        demand = make_demand(self.firm)
        url = reverse("frontend:demand_invite", args=[demand.pk])
        self.assertEqual(self.client.post(url, {"institute": self.other_firm.pk}).status_code, 404)
        self.assertEqual(self.client.post(url, {"institute": "x"}).status_code, 404)
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(url, {"institute": self.institute.pk}).status_code, 403)
        self.assertFalse(DemandInvitation.objects.exists())

    def test_the_service_refuses_a_repeat_with_a_409_error(self):
        demand = make_demand(self.firm)
        services.invite_institute(demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        with self.assertRaises(services.DomainError) as caught:
            services.invite_institute(demand, institute=self.institute, actor=self.firm_user, organization=self.firm)
        self.assertEqual((caught.exception.code, caught.exception.status_code), ("already_invited", 409))
        note = Notification.objects.get(recipient=self.institute_user)
        self.assertIn(self.firm.name, note.body)  # a named demand may name its firm

    def test_a_search_outage_leaves_the_boxes_out_with_a_notice(self):
        self.real_matches()
        demand = make_demand(self.firm)
        with (
            patch_matches(
                institutes=ConnectionError("down"), results=ConnectionError("down"), instruments=ConnectionError("down")
            ),
        ):
            response = self.client.get(reverse("frontend:my_demand", args=[demand.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "匹配服务暂时不可用")
        self.assertContains(response, demand.title)

    def test_first_free_slot_of_a_matched_instrument_is_shown(self):
        self.real_matches()
        demand = make_demand(self.firm)
        slot = (timezone.now() + timedelta(days=2)).replace(hour=1, minute=0, second=0, microsecond=0)
        instrument = {"id": 3, "title": "三坐标测量机", "score": 1.0, "first_free_slot": slot.isoformat()}
        with (
            patch_matches(institutes=[], results=[], instruments=[instrument]),
        ):
            response = self.client.get(reverse("frontend:my_demand", args=[demand.pk]))
        self.assertContains(response, "三坐标测量机")
        self.assertContains(response, "最早可约 " + timezone.localtime(slot).strftime("%Y-%m-%d %H:%M"))

    def test_the_public_page_leads_the_firm_to_its_workspace(self):
        demand = make_demand(self.firm)
        workspace = reverse("frontend:my_demand", args=[demand.pk])
        with patch_matches(institutes=[]):
            self.assertContains(self.client.get(reverse("frontend:demand_detail", args=[demand.pk])), workspace)
            self.client.force_login(self.other_user)
            self.assertNotContains(self.client.get(reverse("frontend:demand_detail", args=[demand.pk])), workspace)


class ProposalsTest(DemandWebTestCase):
    def setUp(self):
        super().setUp()
        self.demand = make_demand(self.firm)
        self.first = make_proposal(self.demand, self.institute, author=self.institute_user)
        self.second = make_proposal(self.demand, self.institute_b, budget=Decimal("450000"))
        self.page = reverse("frontend:my_demand", args=[self.demand.pk])

    def act(self, proposal, action):
        return self.client.post(reverse("frontend:proposal_action", args=[proposal.pk, action]))

    def test_the_page_shows_each_proposal_with_its_buttons(self):
        html = self.client.get(self.page).content.decode()
        for text in (self.institute.name, self.institute_b.name, "随形冷却水路", "¥300,000", "¥450,000", "90 天",
                     "王工等 5 人", "入围", "确认接受", "不采纳", f'id="proposal-{self.first.pk}"'):  # fmt: skip
            self.assertIn(text, html)

    def test_shortlist_accept_declines_the_other_and_links_the_contract(self):
        response = self.act(self.first, "shortlist")
        self.assertRedirects(response, f"{self.page}#proposal-{self.first.pk}", fetch_redirect_response=False)
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, "shortlisted")
        self.act(self.first, "accept")
        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.demand.refresh_from_db()
        self.assertEqual((self.first.status, self.second.status, self.demand.status),
                         ("accepted", "declined", "in_cooperation"))  # fmt: skip
        contract = TechContract.objects.get(demand=self.demand)
        self.assertEqual(
            (contract.seller, contract.buyer, contract.amount), (self.institute, self.firm, Decimal("300000"))
        )
        html = self.client.get(self.page).content.decode()
        self.assertIn(reverse("frontend:contract_detail", args=[contract.pk]), html)
        self.assertIn("标记为已解决", html)
        self.assertNotIn("确认接受", html)

    def test_decline_and_conflicts_are_messages(self):
        self.act(self.second, "decline")
        self.second.refresh_from_db()
        self.assertEqual(self.second.status, "declined")
        response = self.act(self.second, "accept")  # a declined proposal cannot be accepted
        self.assertTrue(messages_of(response))
        self.second.refresh_from_db()
        self.assertEqual(self.second.status, "declined")
        self.assertEqual(self.act(self.first, "bogus").status_code, 404)

    def test_only_the_firm_acts_on_proposals(self):
        self.client.force_login(self.institute_user)
        self.assertEqual(self.act(self.first, "accept").status_code, 403)  # an institute's workspace: wrong kind
        Membership.objects.create(user=self.other_user, organization=self.institute, role="admin")
        self.client.force_login(self.other_user)
        self.act_for(self.other_firm)
        self.assertEqual(self.act(self.first, "accept").status_code, 403)  # sees the proposal, is not the firm
        self.client.force_login(make_user(organization=make_organization("enterprise")))
        self.assertEqual(self.act(self.first, "accept").status_code, 404)  # may not see it
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, "submitted")

    def test_a_proposal_link_leads_each_party_to_its_page(self):
        url = self.first.get_absolute_url()
        self.assertRedirects(
            self.client.get(url), f"{self.page}#proposal-{self.first.pk}", fetch_redirect_response=False
        )
        self.client.force_login(self.institute_user)
        public = reverse("frontend:demand_detail", args=[self.demand.pk])
        self.assertRedirects(self.client.get(url), f"{public}#proposal-{self.first.pk}", fetch_redirect_response=False)
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_query_count_does_not_grow_with_proposals(self):
        self.client.get(self.page)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.page)
        for _ in range(5):
            make_proposal(self.demand, make_organization("institute"))
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(self.page)
        self.assertEqual(len(response.context["proposals"]), 7)
        self.assertEqual(len(few), len(many))


class SolveAndEvaluateTest(DemandWebTestCase):
    def setUp(self):
        super().setUp()
        self.demand = make_demand(self.firm)
        proposal = make_proposal(self.demand, self.institute, author=self.institute_user)
        services.accept_proposal(proposal, actor=self.firm_user, organization=self.firm)
        self.page = reverse("frontend:my_demand", args=[self.demand.pk])

    def test_solve_then_rate_once(self):
        self.client.post(reverse("frontend:demand_solve", args=[self.demand.pk]))
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "solved")
        self.assertContains(self.client.get(self.page), "提交评价")
        items = {i.label: i.count for i in self.client.get(reverse("frontend:dashboard")).context["todo"]}
        self.assertEqual(items["待评价的需求（市场阅题）"], 1)

        url = reverse("frontend:demand_evaluate", args=[self.demand.pk])
        response = self.client.post(url, {"rating": "6", "comment": "x"})
        self.assertEqual(response.status_code, 200)  # the form again, with the field's message
        self.assertTrue(response.context["evaluation_form"].errors["rating"])
        self.assertContains(response, 'class="field-error"')
        self.assertFalse(Evaluation.objects.exists())
        self.client.post(url, {"rating": "4", "comment": "翘曲量降到 0.25 mm"})
        evaluation = Evaluation.objects.get(demand=self.demand)
        self.assertEqual((evaluation.rating, evaluation.comment), (4, "翘曲量降到 0.25 mm"))
        html = self.client.get(self.page).content.decode()
        self.assertIn("4 / 5", html)
        self.assertIn("翘曲量降到 0.25 mm", html)
        self.assertNotIn("提交评价", html)
        response = self.client.post(url, {"rating": "5"})
        self.assertEqual(messages_of(response), ["已评价。"])
        self.assertEqual(Evaluation.objects.get().rating, 4)

    def test_rating_before_solving_is_refused(self):
        response = self.client.post(reverse("frontend:demand_evaluate", args=[self.demand.pk]), {"rating": "5"})
        self.assertTrue(messages_of(response))
        self.assertFalse(Evaluation.objects.exists())

    def test_only_the_firm_solves(self):
        self.client.force_login(self.other_user)
        self.assertEqual(self.client.post(reverse("frontend:demand_solve", args=[self.demand.pk])).status_code, 403)
        self.demand.refresh_from_db()
        self.assertEqual(self.demand.status, "in_cooperation")
