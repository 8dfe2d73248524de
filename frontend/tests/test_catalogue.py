"""The catalogue pages: search, instruments, results and demands — both languages, visibility (404 for what the
visitor may not see), the anonymity of anonymous demands, confidential details, query counts that do not grow with
the rows listed, no external assets, and search by synonym through the real index."""

import re
from datetime import timedelta
from decimal import Decimal
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demands.tests.test_demands import make_demand
from instruments.models import Closure
from instruments.testing import local, make_instrument
from marketplace.testing import make_organization, make_user
from search.backends import get_backend
from tech_transfer.models import ConfidentialityAcceptance, Patent
from tech_transfer.tests.test_results import make_result

EXTERNAL_ASSET = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE
)
LANGUAGE_MARKERS = {
    "zh-hans": ('lang="zh-Hans"', "仪器共享", "科技成果", "企业需求"),
    "en": ('lang="en"', "Shared instruments", "Research results", "Enterprise demands"),
}


class CatalogueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization(
            "institute", name="余姚测试光电研究院", name_en="Yuyao Test Photonics Institute"
        )
        cls.institute_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise", name="宁波秘密密封件有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.other_firm = make_organization("enterprise", name="余姚另一家企业有限公司")
        cls.other_user = make_user(organization=cls.other_firm)
        cls.admin = make_user(platform_admin=True)
        cls.instrument = make_instrument(cls.institute, name="场发射扫描电子显微镜", name_en="Field-emission SEM")
        cls.result = make_result(cls.institute, title="车载镜头无热化设计", keywords=["无热化", "车载镜头"], price=None)
        Patent.objects.create(
            result=cls.result, number="202310123456.9", patent_type="invention", legal_status="granted",
            ipc_codes=["G02B13/00"],
        )  # fmt: skip
        cls.demand = make_demand(cls.firm, title="高端密封件国产化替代", anonymous=True, risk_class="red")
        cls.open_demand = make_demand(
            cls.other_firm, title="精密注塑件翘曲控制", is_challenge=True, bounty=Decimal("800000"), risk_class="yellow"
        )

    def get(self, url, language="zh-hans"):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return self.client.get(url)

    def html(self, url, language="zh-hans"):
        response = self.get(url, language)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def page_urls(self):
        return [
            reverse("frontend:home"),
            reverse("frontend:search"),
            reverse("frontend:search") + "?q=电镜",
            reverse("frontend:search") + "?q=密封&type=demand&risk_class=red&price=0-500&region=330281",
            reverse("frontend:instrument_list"),
            reverse("frontend:instrument_list") + "?category=analytical&voucher_eligible=true&region=330200&q=电子",
            reverse("frontend:instrument_detail", args=[self.instrument.pk]),
            reverse("frontend:result_list"),
            reverse("frontend:result_list")
            + "?tech_field=advanced_manufacturing&transfer_mode=license&industry_chain=x&min_trl=3",
            reverse("frontend:result_detail", args=[self.result.pk]),
            reverse("frontend:demand_list"),
            reverse("frontend:demand_list") + "?risk_class=red&is_challenge=false&industry_chain=molds&q=密封",
            reverse("frontend:demand_detail", args=[self.demand.pk]),
            reverse("frontend:demand_detail", args=[self.open_demand.pk]),
        ]


class RenderingTest(CatalogueTestCase):
    def test_every_page_renders_in_both_languages(self):
        for user in (None, self.other_user):
            if user:
                self.client.force_login(user)
            for language, markers in LANGUAGE_MARKERS.items():
                for url in self.page_urls():
                    html = self.html(url, language)
                    for marker in markers:
                        self.assertIn(marker, html, f"{marker!r} missing from {url} ({language})")

    def test_english_pages_use_english_labels(self):
        html = self.html(reverse("frontend:instrument_detail", args=[self.instrument.pk]), "en")
        self.assertIn("Field-emission SEM", html)
        self.assertIn("Voucher eligible", html)
        self.assertIn("Enterprise price", html)
        self.assertNotIn("创新券可用", html)
        html = self.html(reverse("frontend:demand_detail", args=[self.demand.pk]), "en")
        self.assertIn("Anonymous enterprise", html)
        self.assertIn("Supply disruption risk", html)
        self.assertNotIn("匿名企业", html)
        html = self.html(reverse("frontend:result_detail", args=[self.result.pk]), "en")
        self.assertIn("Negotiable", html)
        self.assertIn("License", html)

    def test_nav_and_home_link_to_the_catalogue_with_counts(self):
        response = self.get(reverse("frontend:home"))
        self.assertEqual(response.context["catalogue"], {"instruments": 1, "results": 1, "demands": 2})
        html = response.content.decode()
        for name in ("instrument_list", "result_list", "demand_list", "search"):
            self.assertIn(f'href="{reverse("frontend:" + name)}"', html)
        self.assertIn("1 台仪器", html)
        self.assertIn("2 项需求征集中", html)

    def test_no_page_loads_assets_from_another_host(self):
        for url in [*self.page_urls(), reverse("frontend:instrument_detail", args=[999_999])]:
            html = self.get(url).content.decode()
            self.assertIsNone(EXTERNAL_ASSET.search(html), url)
            self.assertNotIn("@import", html)


class InstrumentPagesTest(CatalogueTestCase):
    def test_detail_shows_prices_hours_free_slots_owner_and_voucher_badge(self):
        Closure.objects.create(instrument=self.instrument, start=local(2, 8), end=local(2, 20), reason="维护")
        response = self.get(reverse("frontend:instrument_detail", args=[self.instrument.pk]))
        html = response.content.decode()
        for text in ("¥600", "¥450", "¥300", "形貌观察", "创新券可用", "JSM-7900F", self.institute.name, "08:00–20:00"):
            self.assertIn(text, html)
        week = response.context["week"]
        self.assertEqual(len(week), 7)
        self.assertEqual(week[0]["date"], timezone.localdate())
        self.assertEqual(week[2]["slots"], [])  # closed for maintenance all day
        self.assertEqual([(s["start"].hour, s["end"].hour) for s in week[3]["slots"]], [(8, 20)])
        self.assertIn(reverse("api:booking-list"), html)  # how to book

    def test_list_filters(self):
        make_instrument(self.institute, name="工业CT", category="special_inspection", voucher_eligible=False)
        url = reverse("frontend:instrument_list")

        def names(query):
            return {i.name for i in self.get(url + query).context["instruments"]}

        self.assertEqual(names(""), {"场发射扫描电子显微镜", "工业CT"})
        self.assertEqual(names("?category=special_inspection"), {"工业CT"})
        self.assertEqual(names("?voucher_eligible=true"), {"场发射扫描电子显微镜"})
        self.assertEqual(names("?voucher_eligible=false"), {"工业CT"})
        self.assertEqual(names("?region=330200"), {"场发射扫描电子显微镜", "工业CT"})  # 宁波市 includes 余姚市
        self.assertEqual(names("?region=310000"), {"场发射扫描电子显微镜", "工业CT"})  # not offered: ignored
        self.assertEqual(names("?category=nonsense"), {"场发射扫描电子显微镜", "工业CT"})

    def test_hidden_instruments_are_404(self):
        unverified = make_organization("institute", verified=False)
        hidden = make_instrument(unverified, name="未认证机构的仪器")
        retired = make_instrument(self.institute, name="已停用的仪器", status="retired")
        for instrument in (hidden, retired):
            url = reverse("frontend:instrument_detail", args=[instrument.pk])
            self.assertEqual(self.get(url).status_code, 404)
            self.assertNotIn(instrument.name, self.html(reverse("frontend:instrument_list")))
        self.client.force_login(self.institute_user)  # the owner sees its retired instrument
        self.assertEqual(self.get(reverse("frontend:instrument_detail", args=[retired.pk])).status_code, 200)
        self.assertEqual(self.get(reverse("frontend:instrument_detail", args=[999_999])).status_code, 404)


class ResultPagesTest(CatalogueTestCase):
    def test_detail_shows_summary_patents_price_and_owner(self):
        html = self.html(reverse("frontend:result_detail", args=[self.result.pk]))
        for text in (
            "车载镜头无热化设计",
            "无热化",
            "TRL 6",
            "许可",
            "面议",
            "202310123456.9",
            "发明专利",
            "G02B13/00",
        ):
            self.assertIn(text, html)
        self.assertIn(reverse("frontend:organization_detail", args=[self.institute.pk]), html)

    def test_confidential_details_only_after_acceptance(self):
        url = reverse("frontend:result_detail", args=[self.result.pk])
        secret = self.result.confidential_details
        html = self.html(url)
        self.assertNotIn(secret, html)
        self.assertIn("接受本成果的保密条款后显示", html)
        self.client.force_login(self.other_user)
        self.assertNotIn(secret, self.html(url))
        ConfidentialityAcceptance.objects.create(
            result=self.result,
            organization=self.other_firm,
            user=self.other_user,
            terms=self.result.confidentiality_terms,
        )
        html = self.html(url)
        self.assertIn(secret, html)
        self.assertNotIn("接受本成果的保密条款后显示", html)
        self.client.force_login(self.firm_user)  # another organization's acceptance does not count
        self.assertNotIn(secret, self.html(url))
        self.client.force_login(self.institute_user)  # the owner
        self.assertIn(secret, self.html(url))

    def test_hidden_results_are_404(self):
        draft = make_result(self.institute, title="未发布的草稿成果", status="draft", published_at=None)
        url = reverse("frontend:result_detail", args=[draft.pk])
        self.assertEqual(self.get(url).status_code, 404)
        self.assertNotIn(draft.title, self.html(reverse("frontend:result_list")))
        self.client.force_login(self.other_user)
        self.assertEqual(self.get(url).status_code, 404)
        self.client.force_login(self.institute_user)
        self.assertEqual(self.get(url).status_code, 200)

    def test_list_filters(self):
        make_result(self.institute, title="碳化硅驱动", tech_field_id="new_energy", transfer_modes=["transfer"])
        url = reverse("frontend:result_list")

        def titles(query):
            return {r.title for r in self.get(url + query).context["results"]}

        self.assertEqual(titles("?transfer_mode=transfer"), {"碳化硅驱动"})
        self.assertEqual(titles("?tech_field=advanced_manufacturing"), {"车载镜头无热化设计"})
        self.assertEqual(titles("?q=无热化"), {"车载镜头无热化设计"})
        self.result.industry_chains.set(["optoelectronics"])  # the API's ResultFilterSet parameter names
        self.assertEqual(titles("?industry_chain=optoelectronics"), {"车载镜头无热化设计"})
        self.assertEqual(titles("?chain=optoelectronics"), {"车载镜头无热化设计", "碳化硅驱动"})  # not a filter
        self.assertEqual(titles("?min_trl=7"), set())


class DemandPagesTest(CatalogueTestCase):
    def assert_firm_hidden(self, html):
        self.assertNotIn(self.firm.name, html)
        self.assertNotIn(self.firm.credit_code, html)

    def test_anonymous_demand_never_shows_the_firm_to_others(self):
        detail = reverse("frontend:demand_detail", args=[self.demand.pk])
        pages = [
            detail,
            reverse("frontend:demand_list"),
            reverse("frontend:demand_list") + "?risk_class=red",
            reverse("frontend:search") + "?q=密封件",
            reverse("frontend:search") + "?type=demand",
        ]
        with self.captureOnCommitCallbacks(execute=True):  # index the demand so that the search page lists it
            self.demand.save()
        for user in (None, self.other_user, self.institute_user):
            if user:
                self.client.force_login(user)
            for language in LANGUAGE_MARKERS:
                for url in pages:
                    self.assert_firm_hidden(self.html(url, language))
            self.assertIn("匿名企业", self.html(detail))
            self.assertIn(self.demand.title, self.html(reverse("frontend:search") + "?q=密封件"))

        for user in (self.firm_user, self.admin):  # the firm's own members and administrators know it
            self.client.force_login(user)
            html = self.html(detail)
            self.assertIn(self.firm.name, html)
            self.assertIn(self.firm.credit_code, html)
            self.assertIn(self.firm.name, self.html(reverse("frontend:demand_list")))

    def test_named_demand_shows_the_firm_badges_and_bounty(self):
        html = self.html(reverse("frontend:demand_detail", args=[self.open_demand.pk]))
        for text in (self.other_firm.name, "揭榜挂帅", "¥800,000", "risk-yellow", "有望进口替代", "翘曲量"):
            self.assertIn(text, html)
        html = self.html(reverse("frontend:demand_list"))
        for text in ("risk-red", "risk-yellow", "揭榜挂帅", "¥800,000", "匿名企业", self.other_firm.name):
            self.assertIn(text, html)

    def test_budget_or_negotiable(self):
        priced = make_demand(
            self.other_firm, title="有预算的需求", budget_min=Decimal("200000"), budget_max=Decimal("500000")
        )
        self.assertIn("¥200,000 – ¥500,000", self.html(reverse("frontend:demand_detail", args=[priced.pk])))
        self.assertIn("面议", self.html(reverse("frontend:demand_detail", args=[self.demand.pk])))

    def test_list_filters(self):
        url = reverse("frontend:demand_list")

        def titles(query):
            return {d.title for d in self.get(url + query).context["demands"]}

        self.assertEqual(titles("?risk_class=red"), {self.demand.title})
        self.assertEqual(titles("?is_challenge=true"), {self.open_demand.title})
        self.assertEqual(titles("?is_challenge=false"), {self.demand.title})
        make_demand(self.other_firm, title="光学需求", industry_chain_id="optoelectronics")
        self.assertEqual(titles("?industry_chain=optoelectronics"), {"光学需求"})

    def test_hidden_demands_are_404(self):
        draft = make_demand(self.firm, title="草稿需求", status="draft", published_at=None)
        url = reverse("frontend:demand_detail", args=[draft.pk])
        self.assertEqual(self.get(url).status_code, 404)
        self.client.force_login(self.other_user)
        self.assertEqual(self.get(url).status_code, 404)
        self.assertNotIn(draft.title, self.html(reverse("frontend:demand_list")))
        self.client.force_login(self.firm_user)
        self.assertEqual(self.get(url).status_code, 200)

    def test_matching_institutes_with_evidence(self):
        get_backend().clear()
        self.institute.expertise = ["密封件", "橡胶配方"]
        with self.captureOnCommitCallbacks(execute=True):
            self.institute.save()
            result = make_result(self.institute, title="氟橡胶密封件配方技术", keywords=["密封件", "氟橡胶"])
        response = self.get(reverse("frontend:demand_detail", args=[self.demand.pk]))
        matches = response.context["matches"]
        self.assertEqual(matches[0]["id"], self.institute.pk)
        html = response.content.decode()
        self.assertIn("推荐解题院所", html)
        self.assertIn(reverse("frontend:organization_detail", args=[self.institute.pk]), html)
        self.assertIn(reverse("frontend:result_detail", args=[result.pk]), html)
        self.assert_firm_hidden(html)

    def test_a_search_outage_only_hides_the_matching_box(self):
        with mock.patch("frontend.views.demands.matches", side_effect=ConnectionError("engine down")):
            response = self.get(reverse("frontend:demand_detail", args=[self.demand.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["matches"])
        self.assertNotIn("推荐解题院所", response.content.decode())
        self.assertIn(self.demand.title, response.content.decode())


class SearchPageTest(CatalogueTestCase):
    def setUp(self):
        get_backend().clear()  # an external engine keeps documents across tests; the database rolls back
        with self.captureOnCommitCallbacks(execute=True):
            self.sem = make_instrument(
                self.institute,
                name="场发射扫描电子显微镜",
                model_number="JSM-IT800",
                capabilities="高分辨形貌观察，断口分析",
            )
            self.ct = make_instrument(
                self.institute, name="工业CT检测系统", category="special_inspection", voucher_eligible=False,
                model_number="METROTOM", capabilities="铸件内部气孔无损检测",
            )  # fmt: skip
            self.result.save()
            self.demand.save()
            self.open_demand.save()

    def search(self, query="", language="zh-hans"):
        response = self.get(reverse("frontend:search") + query, language)
        self.assertEqual(response.status_code, 200)
        return response

    def test_finds_an_instrument_by_a_synonym(self):
        response = self.search("?q=电镜")
        html = response.content.decode()
        detail = reverse("frontend:instrument_detail", args=[self.sem.pk])
        self.assertIn(f'href="{detail}"', html)
        self.assertEqual(response.context["hits"][0]["url"], detail)
        self.assertIn("创新券可用", html)
        response = self.search("?q=断口")
        self.assertIn("<em>断口</em>", response.content.decode())  # the backend's highlight, rendered as HTML

    def test_type_tabs_facets_and_filters(self):
        response = self.search("?q=电镜 CT 密封 无热化")
        tabs = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
        self.assertGreaterEqual(tabs["instrument"], 2)
        self.assertGreaterEqual(tabs["result"], 1)
        response = self.search("?type=instrument")
        self.assertEqual({h["type"] for h in response.context["hits"]}, {"instrument"})
        tabs = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
        self.assertGreaterEqual(tabs["demand"], 2)  # the tabs count every type while one is open
        html = response.content.decode()
        for label in ("分析仪器", "特种检测仪器", "可用创新券", "余姚市", "宁波市", "500–2,000 元"):
            self.assertIn(label, html)
        response = self.search("?type=instrument&category=special_inspection")
        self.assertEqual([h["url"] for h in response.context["hits"]],
                         [reverse("frontend:instrument_detail", args=[self.ct.pk])])  # fmt: skip
        response = self.search("?type=instrument&voucher_eligible=true")
        self.assertNotIn(reverse("frontend:instrument_detail", args=[self.ct.pk]), response.content.decode())
        response = self.search("?type=demand&risk_class=yellow")
        self.assertEqual([h["title"] for h in response.context["hits"]], [self.open_demand.title])
        html = self.search("?type=demand", "en").content.decode()
        self.assertIn("Supply disruption risk", html)

    def test_pagination_and_bad_parameters(self):
        with self.captureOnCommitCallbacks(execute=True):
            for i in range(23):
                make_instrument(self.institute, name=f"分页测试光谱仪{i:02d}")
        first = self.search("?type=instrument")
        self.assertEqual(len(first.context["hits"]), 20)
        self.assertIn("page=2", first.content.decode())
        second = self.search("?type=instrument&page=2")
        self.assertEqual(len(second.context["hits"]), second.context["total"] - 20)
        self.assertEqual(self.search("?type=instrument&page=999").context["page_obj"].number, 2)
        bad = ("?type=bogus", "?page=abc", "?region=abc", "?price_range=cheap", "?sort=random", "?q=" + "长" * 900)
        for query in bad:
            self.search(query)

    def test_highlight_without_a_query_is_escaped(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_demand(self.other_firm, title="<script>alert(1)</script>", problem="<b>粗体</b>试探")
        html = self.search("?type=demand").content.decode()
        self.assertNotIn("<script>alert(1)</script>", html)
        self.assertNotIn("<b>粗体</b>", html)
        self.assertIn("&lt;script&gt;", html)

    def test_a_search_outage_shows_a_notice(self):
        with mock.patch("frontend.views.search.get_backend", side_effect=ConnectionError("engine down")):
            response = self.search("?q=电镜")
        self.assertTrue(response.context["search_error"])
        self.assertIn("搜索服务暂时不可用", response.content.decode())


#: Queries the page header of a signed-in user adds to every page (measured by WorkspaceHeaderTest below).
HEADER_QUERIES = 14


class QueryCountTest(CatalogueTestCase):
    """The list pages' query count is the same for 3 and for 15 rows."""

    def queries(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(context)

    def compare(self, url, make):
        self.client.force_login(self.other_user)
        self.client.get(url)  # warm caches (session, content types)
        for _ in range(3):
            make()
        few = self.queries(url)
        for _ in range(12):
            make()
        many = self.queries(url)
        self.assertEqual(few, many, url)
        # The page's own queries plus the signed-in header's fixed ones (acting organization, memberships, unread
        # notifications and the dashboard's pending count of each area).
        self.assertLessEqual(many, 15 + HEADER_QUERIES, url)

    def test_instrument_list(self):
        def make():
            owner = make_organization("institute", region="330282")
            owner.industry_chains.set(["molds"])
            make_instrument(owner, name="计数测试仪器")

        self.compare(reverse("frontend:instrument_list"), make)

    def test_result_list(self):
        def make():
            result = make_result(make_organization("institute"), keywords=["a", "b"])
            result.industry_chains.set(["molds", "optoelectronics"])

        self.compare(reverse("frontend:result_list"), make)

    def test_demand_list(self):
        def make():
            firm = make_organization("enterprise")
            make_demand(firm, anonymous=True)
            make_demand(firm, is_challenge=True, bounty=Decimal("1000"), deadline=timezone.localdate() + timedelta(3))

        self.compare(reverse("frontend:demand_list"), make)
