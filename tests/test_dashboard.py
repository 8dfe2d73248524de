"""市场监测: the figures of ``stats/`` and ``/dashboard/`` on a small constructed market — contract turnover by month
and kind, demands by risk class and status, instrument hours and utilisation, vouchers by firm region with
cross-region use — and that filters change them, page and API agree, CSV downloads carry the same table, the number
of queries does not grow with the data, and only administrators, the operator and authorities see the detail page."""

import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demands.models import Demand, Evaluation, Proposal
from instruments import rollup
from instruments.models import Booking, Instrument
from instruments.testing import make_instrument
from marketplace.dashboard import weekday_counts
from marketplace.testing import api_client, make_organization, make_user
from tech_transfer.models import TechContract
from vouchers.services import claims as claim_services
from vouchers.testing import make_grant, make_program, make_redemption, make_settlement, register_provider


def month_start(months_back: int) -> date:
    """The first day of the month ``months_back`` months before this one."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


M0, M1, M2 = month_start(0), month_start(1), month_start(2)
K0, K1, K2 = (f"{m:%Y-%m}" for m in (M0, M1, M2))


def signed(status: str) -> dict:
    """Signature times for a signed contract (both parties sign before it is signed), where the model records them."""
    names = {f.name for f in TechContract._meta.get_fields()}
    if status == "draft" or "seller_signed_at" not in names:
        return {}
    return {"seller_signed_at": timezone.now(), "buyer_signed_at": timezone.now()}


def booking(instrument, org, user, day, start_hour, hours, status, *, used=None):
    start = at(day, start_hour)
    end = start + timedelta(hours=hours)
    fields = {}
    if used is not None:
        fields = {"actual_start": start, "actual_end": start + timedelta(hours=used)}
    return Booking.objects.create(
        instrument=instrument,
        service_item=instrument.service_items.first(),
        requester_org=org,
        requester=user,
        start=start,
        end=end,
        blocked_until=end,
        status=status,
        price_tier="enterprise",
        unit="hour",
        unit_price=Decimal("100.00"),
        quantity=Decimal(hours),
        amount=Decimal("100.00") * hours,
        final_amount=Decimal("100.00") * hours if status == "completed" else None,
        **fields,
    )


def demand(firm, risk, status, *, challenge=False, published=None):
    return Demand.objects.create(
        firm=firm,
        title="注塑件翘曲变形控制",
        problem="薄壁长条形注塑件翘曲超差。",
        tech_field_id="advanced_manufacturing",
        cooperation_mode="commissioned",
        deadline=timezone.localdate() + timedelta(days=60),
        risk_class=risk,
        status=status,
        is_challenge=challenge,
        bounty=Decimal("500000.00") if challenge else None,
        published_at=published,
    )


class DashboardData:
    """The small market every test reads (see the module docstring for what it adds up to)."""

    @classmethod
    def setUpTestData(cls):
        cls.firm_yy = make_organization("enterprise", region="330281")  # 余姚
        cls.firm_sh = make_organization("enterprise", region="310000")  # 上海
        cls.inst = make_organization("institute", region="330281", name="余姚测试研究院")
        cls.inst_sz = make_organization("institute", region="320500", name="苏州测试研究院")  # 苏州
        cls.firm_user = make_user(organization=cls.firm_yy)
        cls.inst_user = make_user(organization=cls.inst)

        # Technology contracts: registered 100,000 (M2, Yuyao parties), signed 50,000 (M1, Suzhou / Shanghai);
        # a draft is not a deal.
        TechContract.objects.create(
            kind="development", title="开发", seller=cls.inst, buyer=cls.firm_yy, amount=Decimal("100000.00"),
            signed_on=M2 + timedelta(days=4), status="registered", registration_number="DASH-0001",
            **signed("registered"),
        )  # fmt: skip
        TechContract.objects.create(
            kind="transfer", title="转让", seller=cls.inst_sz, buyer=cls.firm_sh, amount=Decimal("50000.00"),
            signed_on=M1 + timedelta(days=9), status="signed", **signed("signed"),
        )  # fmt: skip
        TechContract.objects.create(
            kind="license", title="草稿", seller=cls.inst, buyer=cls.firm_sh, amount=Decimal("999.00"),
            signed_on=None, status="draft",
        )  # fmt: skip

        # Instrument sharing: open 08:00–20:00 every day, listed three months ago.
        cls.instrument = make_instrument(cls.inst, name="扫描电镜")
        Instrument.objects.filter(pk=cls.instrument.pk).update(created_at=at(month_start(3), 0))
        booking(cls.instrument, cls.firm_yy, cls.firm_user, M1 + timedelta(days=9), 9, 2, "completed", used=1.5)
        booking(cls.instrument, cls.inst, cls.inst_user, M1 + timedelta(days=10), 9, 2, "completed")  # internal
        booking(cls.instrument, cls.firm_yy, cls.firm_user, M1 + timedelta(days=11), 9, 3, "cancelled")
        booking(cls.instrument, cls.firm_yy, cls.firm_user, M2 + timedelta(days=3), 9, 1, "confirmed")

        # Demands published in M1: two of the Yuyao firm's solved (one a challenge), one open, one draft; one open
        # red demand of the Shanghai firm.
        published = at(M1 + timedelta(days=2), 10)
        solved_red = demand(cls.firm_yy, "red", "solved", challenge=True, published=published)
        solved_green = demand(cls.firm_yy, "green", "solved", published=published)
        demand(cls.firm_yy, "yellow", "open", published=published)
        demand(cls.firm_yy, "green", "draft")
        demand(cls.firm_sh, "red", "open", published=published)
        for solved, institute, rating in ((solved_red, cls.inst, 4), (solved_green, cls.inst_sz, 5)):
            Proposal.objects.create(
                demand=solved, institute=institute, author=cls.inst_user, approach="方案", budget=Decimal("1.00"),
                duration_days=30, status="accepted",
            )  # fmt: skip
            Evaluation.objects.create(demand=solved, rating=rating)

        # Vouchers (this month): grants 10,000 (Yuyao) and 5,000 (Shanghai); redemptions 400 at home and 600 in
        # Suzhou for the Yuyao firm, 300 in Yuyao for the Shanghai firm, 200 more at home; the Yuyao institute's
        # claim (400 + 300 + 200) is settled and paid.
        cls.authority = make_organization("authority", region="330281")
        cls.authority_user = make_user(organization=cls.authority)
        cls.program = make_program(cls.authority)
        register_provider(cls.program, cls.inst)
        register_provider(cls.program, cls.inst_sz)
        grant_yy = make_grant(cls.program, cls.firm_yy, Decimal("10000.00"))
        grant_sh = make_grant(cls.program, cls.firm_sh, Decimal("5000.00"))
        make_redemption(grant_yy, cls.inst, Decimal("400.00"))
        make_redemption(grant_yy, cls.inst_sz, Decimal("600.00"))
        make_redemption(grant_sh, cls.inst, Decimal("300.00"))
        settlement = make_settlement(cls.program, cls.inst, grant_yy, Decimal("200.00"), approve=True)
        claim_services.mark_settlement_paid(settlement, actor=None, reference="PAY-1")

        # Another authority's programme: its members must not see it in the budget table of the first one's.
        cls.other_authority = make_organization("authority", region="330200")
        make_program(cls.other_authority, name="宁波市创新券")

    def stats(self, **params):
        response = api_client().get(reverse("api:stats"), params)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()


class ContractTurnoverTest(DashboardData, TestCase):
    def test_two_contracts_in_two_months_give_the_monthly_turnover(self):
        contracts = self.stats(**{"from": K2, "to": K1})["tech_transfer"]["contracts"]
        months = {m["month"]: m for m in contracts["by_month"]}
        self.assertEqual(list(months), [K2, K1])
        self.assertEqual((months[K2]["amount"], months[K1]["amount"]), ("100000.00", "50000.00"))
        self.assertEqual(months[K2]["by_kind"]["development"], "100000.00")
        self.assertEqual(months[K1]["by_kind"]["transfer"], "50000.00")
        self.assertEqual((contracts["amount"], contracts["count"], contracts["registered"]), ("150000.00", 2, 1))
        kinds = {k["kind"]: k["amount"] for k in contracts["by_kind"]}
        self.assertEqual((kinds["development"], kinds["transfer"], kinds["license"]), ("100000.00", "50000.00", "0.00"))

    def test_period_and_region_change_the_result(self):
        self.assertEqual(self.stats(**{"from": K1, "to": K1})["tech_transfer"]["contracts"]["amount"], "50000.00")
        by_region = {
            region: self.stats(**{"from": K2, "to": K1, "region": region})["tech_transfer"]["contracts"]["amount"]
            for region in ("330281", "330200", "320000", "310000", "340000")
        }
        # 余姚 is inside 宁波; the Suzhou seller is in 江苏 and its Shanghai buyer in 上海.
        self.assertEqual(
            by_region,
            {"330281": "100000.00", "330200": "100000.00", "320000": "50000.00", "310000": "50000.00",
             "340000": "0.00"},
        )  # fmt: skip


class DemandFiguresTest(DashboardData, TestCase):
    def test_risk_classes_statuses_challenges_and_solvers(self):
        demands = self.stats(**{"from": K1, "to": K1})["demands"]["demands"]
        self.assertEqual((demands["total"], demands["solved"], demands["solved_rate"]), (4, 2, 0.5))
        risk = {r["risk_class"]: (r["count"], r["solved"], r["challenges"]) for r in demands["by_risk_class"]}
        self.assertEqual(risk, {"green": (1, 1, 0), "yellow": (1, 0, 0), "red": (2, 1, 1)})
        status = {s["status"]: s["count"] for s in demands["by_status"]}
        self.assertEqual((status["open"], status["solved"], status["closed"]), (2, 2, 0))
        self.assertEqual(demands["challenges"], {"count": 1, "solved": 1, "solved_rate": 1.0, "bounty": "500000.00"})
        top = [(t["name"], t["solved"], t["rating"]) for t in demands["top_institutes"]]
        self.assertEqual(top, [("苏州测试研究院", 1, 5.0), ("余姚测试研究院", 1, 4.0)])

    def test_region_and_period_filter_demands(self):
        self.assertEqual(self.stats(**{"from": K1, "to": K1, "region": "330281"})["demands"]["demands"]["total"], 3)
        self.assertEqual(self.stats(**{"from": K2, "to": K2})["demands"]["demands"]["total"], 0)


class InstrumentSharingTest(DashboardData, TestCase):
    def test_booked_used_external_hours_and_utilisation(self):
        sharing = self.stats(**{"from": K2, "to": K1})["instruments"]["sharing"]
        # Booked: 2 + 2 + 1 (the cancelled 3 hours do not count); used: 1.5 by the firm (actual) + 2 internal.
        self.assertEqual((sharing["booked_hours"], sharing["used_hours"], sharing["external_hours"]), (5.0, 3.5, 1.5))
        months = {m["month"]: m for m in sharing["by_month"]}
        self.assertEqual((months[K2]["booked_hours"], months[K2]["used_hours"]), (1.0, 0.0))
        self.assertEqual((months[K1]["booked_hours"], months[K1]["used_hours"]), (4.0, 3.5))
        open_hours = 12.0 * sum(weekday_counts(M2, M0))
        row = sharing["instruments"][0]
        self.assertEqual((row["name"], row["open_hours"]), ("扫描电镜", open_hours))
        self.assertAlmostEqual(row["utilisation"], 3.5 / open_hours, places=4)
        institute = sharing["institutes"][0]
        self.assertEqual(
            (institute["name"], institute["instruments"], institute["used_hours"]), ("余姚测试研究院", 1, 3.5)
        )

    def test_other_regions_see_no_hours(self):
        sharing = self.stats(**{"from": K2, "to": K1, "region": "320000"})["instruments"]["sharing"]
        self.assertEqual((sharing["booked_hours"], sharing["instruments"]), (0.0, []))

    def test_existing_keys_keep_working(self):
        figures = self.stats()
        self.assertEqual(figures["instruments"]["instruments"], 1)
        self.assertEqual(figures["instruments"]["bookings_by_status"]["completed"], 2)
        program = next(p for p in figures["vouchers"]["programs"] if p["program"] == self.program.pk)
        self.assertEqual(
            (program["granted"], program["redeemed"], program["settled"]), ("15000.00", "1500.00", "900.00")
        )
        self.assertEqual(program["firms_served"], 2)


class VoucherFiguresTest(DashboardData, TestCase):
    def test_granted_redeemed_settled_and_cross_region_use(self):
        period = self.stats(**{"from": K0, "to": K0})["vouchers"]["period"]
        self.assertEqual(
            (period["granted"], period["redeemed"], period["cross_region"], period["settled"]),
            ("15000.00", "1500.00", "900.00", "900.00"),
        )
        regions = {r["region"]: r for r in period["by_region"]}
        yuyao, shanghai = regions["330281"], regions["310000"]
        self.assertEqual(
            (yuyao["granted"], yuyao["redeemed"], yuyao["cross_region"]), ("10000.00", "1200.00", "600.00")
        )
        self.assertEqual((yuyao["settled"], yuyao["cross_region_share"]), ("600.00", 0.5))
        self.assertEqual((shanghai["redeemed"], shanghai["cross_region"]), ("300.00", "300.00"))

    def test_region_filter(self):
        period = self.stats(**{"from": K0, "to": K0, "region": "310000"})["vouchers"]["period"]
        self.assertEqual((period["granted"], period["redeemed"], period["settled"]), ("5000.00", "300.00", "300.00"))
        self.assertEqual(self.stats(**{"from": K1, "to": K1})["vouchers"]["period"]["granted"], "0.00")


class FiltersTest(DashboardData, TestCase):
    def test_bad_filters_are_400_with_field_messages(self):
        client = api_client()
        for params, field in (
            ({"from": "2026-13"}, "from"),
            ({"from": K0, "to": K1}, "to"),
            ({"from": "2001-01", "to": "2026-01"}, "to"),
            ({"region": "999999"}, "region"),
            ({"top": "0"}, "top"),
        ):
            response = client.get(reverse("api:stats"), params)
            self.assertEqual(response.status_code, 400, params)
            self.assertIn(field, response.json()["errors"], params)
        page = self.client.get(reverse("frontend:market_dashboard"), {"from": "x"})
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "请输入年月", status_code=400)

    def test_default_period_is_the_last_twelve_months(self):
        filters = self.stats()["filters"]
        self.assertEqual((filters["to"], len(filters["months"])), (K0, 12))

    def test_top_limits_the_rankings(self):
        self.assertEqual(len(self.stats(**{"from": K1, "to": K1, "top": 1})["demands"]["demands"]["top_institutes"]), 1)


class PageTest(DashboardData, TestCase):
    def test_page_and_api_give_the_same_figures(self):
        params = {"from": K2, "to": K0}
        api = self.stats(**params)
        response = self.client.get(reverse("frontend:market_dashboard"), params)
        self.assertEqual(response.status_code, 200)
        tables = {t.name: t for t in response.context["tables"]}
        self.assertEqual(
            tables["contracts_by_month"].rows[0]["amount"], api["tech_transfer"]["contracts"]["by_month"][0]["amount"]
        )
        self.assertEqual(tables["demands_by_risk"].rows, api["demands"]["demands"]["by_risk_class"])
        self.assertEqual(tables["sharing_by_month"].rows, api["instruments"]["sharing"]["by_month"])
        self.assertEqual(
            tables["vouchers_by_region"].rows[0]["redeemed"], api["vouchers"]["period"]["by_region"][0]["redeemed"]
        )
        # The chart data the page embeds is the table's.
        charts = json.loads(json.dumps(response.context["charts"]))  # what json_script embeds
        self.assertEqual(charts["contracts_by_month"]["categories"], [K2, K1, K0])
        self.assertEqual(charts["contracts_by_month"]["series"][0]["data"], [100000.0, 0.0, 0.0])
        self.assertContains(response, 'id="dashboard-charts"')
        self.assertContains(response, "vendor/echarts/echarts.common.min.js")
        self.assertContains(response, "¥150,000")
        self.assertContains(response, f'<th scope="row">{K2}</th><td class="num" data-key="count">1</td>', html=False)
        self.assertContains(response, '<td class="num" data-key="amount">¥100,000</td>')
        self.assertNotContains(response, "budget_use")

    def test_csv_download(self):
        response = self.client.get(
            reverse("frontend:market_dashboard"), {"from": K2, "to": K1, "format": "csv", "table": "contracts_by_month"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn(f"dashboard-contracts_by_month-{K2}-{K1}.csv", response["Content-Disposition"])
        body = response.content.decode("utf-8")
        self.assertTrue(body.startswith("\ufeff月份,合同数,成交额（元）,技术开发,技术转让"))
        lines = body.lstrip("\ufeff").splitlines()
        self.assertEqual(
            lines[1:],
            [f"{K2},1,100000.00,100000.00,0.00,0.00,0.00,0.00", f"{K1},1,50000.00,0.00,50000.00,0.00,0.00,0.00"],
        )

    def test_csv_rates_and_unknown_table(self):
        response = self.client.get(
            reverse("frontend:market_dashboard"), {"from": K1, "to": K1, "format": "csv", "table": "demands_by_risk"}
        )
        self.assertIn("断供断链风险,2,1,1,50.00", response.content.decode("utf-8"))
        missing = self.client.get(reverse("frontend:market_dashboard"), {"format": "csv", "table": "nope"})
        self.assertEqual(missing.status_code, 404)

    def test_the_english_page_renders(self):
        response = self.client.get(reverse("frontend:market_dashboard"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)

    def test_header_links_to_the_dashboard(self):
        response = self.client.get(reverse("frontend:home"))
        self.assertContains(response, f'href="{reverse("frontend:market_dashboard")}"')


class QueryCountTest(DashboardData, TestCase):
    def count(self, url, client):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"from": K2, "to": K0, "region": "330000"})
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_query_count_does_not_grow_with_the_data(self):
        api_url, page_url = reverse("api:stats"), reverse("frontend:market_dashboard")
        rollup.refresh()  # the roll-up's first build; from then on each read refreshes what changed
        before = (self.count(api_url, api_client()), self.count(page_url, self.client))
        # More of everything: bookings, contracts, demands, ledger entries, another instrument and institute.
        other = make_organization("institute", region="330281")
        second = make_instrument(other, name="X射线衍射仪")
        for day in range(20):
            booking(second, self.firm_yy, self.firm_user, M1 + timedelta(days=day % 27), 8 + day % 10, 1, "completed")
        for n in range(10):
            TechContract.objects.create(
                kind=("service", "consulting")[n % 2], title="更多", seller=other, buyer=self.firm_yy,
                amount=Decimal("1000.00"), signed_on=M0, status="signed", **signed("signed"),
            )  # fmt: skip
            demand(self.firm_yy, "yellow", "open", published=timezone.now())
        make_redemption(make_grant(self.program, make_organization("enterprise", region="330281")), other)
        after = (self.count(api_url, api_client()), self.count(page_url, self.client))
        self.assertEqual(before, after)
        self.assertLessEqual(after[0], 26)


class AdminPageTest(DashboardData, TestCase):
    url = reverse("frontend:market_dashboard_admin")

    def test_a_firm_is_refused(self):
        self.client.force_login(self.firm_user)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        detail = api_client(self.firm_user, self.firm_yy).get(reverse("api:stats"), {"detail": "true"})
        self.assertEqual(detail.status_code, 403)

    def test_anonymous_is_sent_to_sign_in(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])

    def test_an_authority_sees_its_programmes_budget_use_and_every_institute(self):
        self.client.force_login(self.authority_user)
        response = self.client.get(self.url, {"from": K2, "to": K0})
        self.assertEqual(response.status_code, 200)
        tables = {t.name: t for t in response.context["tables"]}
        budget = tables["budget_use"].rows
        self.assertEqual([row["program"] for row in budget], [self.program.pk])
        self.assertEqual((budget[0]["remaining"], budget[0]["granted_rate"]), ("985000.00", 0.015))
        self.assertContains(response, "宁波市创新券", count=0)
        self.assertContains(response, f'href="{self.url}" aria-current="page"')  # the workspace tab
        self.assertContains(response, f'href="{reverse("frontend:sharing_assessment_admin")}"')  # 开放共享评价考核
        self.assertEqual(self.client.get(reverse("frontend:sharing_assessment_admin")).status_code, 200)
        api = api_client(self.authority_user, self.authority).get(reverse("api:stats"), {"detail": "true"})
        self.assertEqual([row["program"] for row in api.json()["vouchers"]["budget"]], [self.program.pk])

    def test_operator_and_platform_admin_see_every_programme(self):
        operator = make_organization("service_provider", is_market_operator=True)
        for user in (make_user(organization=operator), make_user(platform_admin=True)):
            self.client.force_login(user)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(len({t.name: t for t in response.context["tables"]}["budget_use"].rows), 2)

    def test_the_workspace_tab_only_for_those_who_may(self):
        self.client.force_login(self.firm_user)
        self.assertNotContains(self.client.get(reverse("frontend:dashboard")), self.url)
        self.client.force_login(self.authority_user)
        self.assertContains(self.client.get(reverse("frontend:dashboard")), self.url)


class CacheTest(DashboardData, TestCase):
    def test_figures_are_fresh_unless_a_cache_time_is_set(self):
        from django.core.cache import cache
        from django.test import override_settings

        params = {"from": K1, "to": K1}
        self.assertEqual(self.stats(**params)["demands"]["demands"]["total"], 4)
        demand(self.firm_yy, "green", "open", published=at(M1 + timedelta(days=3), 9))
        self.assertEqual(self.stats(**params)["demands"]["demands"]["total"], 5)  # no cache by default
        with override_settings(MARKET_STATS_CACHE_SECONDS=60):
            cache.clear()
            self.assertEqual(self.stats(**params)["demands"]["demands"]["total"], 5)
            demand(self.firm_yy, "green", "open", published=at(M1 + timedelta(days=3), 9))
            self.assertEqual(self.stats(**params)["demands"]["demands"]["total"], 5)  # from the cache
            self.assertEqual(self.stats(**{**params, "region": "330281"})["demands"]["demands"]["total"], 5)
            cache.clear()
