"""The firm's side of tech transfer in the browser pages: accepting a result's confidentiality terms, inquiries (意向)
with the owner's reply, closing and structured feedback, and auctions (bids, deposit, history). Every change goes
through the tech_transfer services; permissions equal the API's (404 for what one may not see, 403 for the wrong
party, login for anonymous visitors); query counts do not grow with the rows shown."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontend.views.results import dashboard_items, nav_links
from marketplace.models import Notification
from marketplace.testing import make_organization, make_user
from tech_transfer import services
from tech_transfer.models import Auction, Bid, ConfidentialityAcceptance, Inquiry
from tech_transfer.testing import confirmed_deposit
from tech_transfer.tests.test_results import make_result


class ResultsWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试模具研究院")
        cls.owner_user = make_user(organization=cls.institute)
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.firm_user = make_user(organization=cls.firm)
        cls.other_firm = make_organization("enterprise", name="余姚另一家电器有限公司")
        cls.other_user = make_user(organization=cls.other_firm)
        cls.result = make_result(cls.institute, title="随形冷却模具设计技术")

    def login(self, user):
        self.client.force_login(user)

    def inquire(self, message="希望以许可方式用于家电外壳模具，请报价。", result=None):
        return self.client.post(
            reverse("frontend:result_inquire", args=[(result or self.result).pk]), {"message": message}
        )

    def make_inquiry(self, organization=None, user=None, message="希望了解许可条件"):
        return services.create_inquiry(
            result=self.result,
            organization=organization or self.firm,
            actor=user or self.firm_user,
            message=message,
        )

    def reply(self, inquiry, text="欢迎洽谈，许可费20万元/年。"):
        return services.reply_inquiry(inquiry, actor=self.owner_user, organization=self.institute, reply=text)

    def queries(self, url):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context)


class ConfidentialityTest(ResultsWebTestCase):
    def url(self):
        return reverse("frontend:result_detail", args=[self.result.pk])

    def test_anonymous_visitors_are_asked_to_sign_in(self):
        html = self.client.get(self.url()).content.decode()
        self.assertIn("登录</a>后可接受保密条款并查看", html)
        self.assertIn(self.result.confidentiality_terms, html)
        self.assertNotIn(self.result.confidential_details, html)
        for wording in ("即将上线", "API 接受", "/api/"):
            self.assertNotIn(wording, html.split("<main")[1].split("</main>")[0])
        accept = reverse("frontend:result_accept_terms", args=[self.result.pk])
        response = self.client.post(accept)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])
        self.assertFalse(ConfidentialityAcceptance.objects.exists())

    def test_firm_accepts_the_terms_and_then_sees_the_details(self):
        self.login(self.firm_user)
        response = self.client.get(self.url())
        self.assertContains(response, "接受保密条款")
        self.assertNotContains(response, self.result.confidential_details)
        accept = reverse("frontend:result_accept_terms", args=[self.result.pk])
        self.assertEqual(self.client.get(accept).status_code, 405)  # a POST only
        response = self.client.post(accept, follow=True)
        self.assertContains(response, self.result.confidential_details)
        self.assertContains(response, "已接受保密条款")
        acceptance = ConfidentialityAcceptance.objects.get()
        self.assertEqual(
            (acceptance.organization, acceptance.user, acceptance.terms),
            (self.firm, self.firm_user, self.result.confidentiality_terms),
        )
        self.client.post(accept)  # once per organization
        self.assertEqual(ConfidentialityAcceptance.objects.count(), 1)
        self.login(self.other_user)  # another organization still does not see them
        self.assertNotContains(self.client.get(self.url()), self.result.confidential_details)

    def test_hidden_result_is_404(self):
        draft = make_result(self.institute, status="draft", published_at=None)
        self.login(self.firm_user)
        self.assertEqual(self.client.post(reverse("frontend:result_accept_terms", args=[draft.pk])).status_code, 404)
        self.assertEqual(self.inquire(result=draft).status_code, 404)
        self.assertFalse(ConfidentialityAcceptance.objects.exists())


class InquiryTest(ResultsWebTestCase):
    def test_blank_or_overlong_message_is_a_field_error(self):
        self.login(self.firm_user)
        for message in ("", "   ", "长" * 2001):
            response = self.inquire(message)
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.context["inquiry_form"].errors["message"], message[:5])
            self.assertContains(response, 'class="field-error"')
        self.assertFalse(Inquiry.objects.exists())

    def test_send_an_inquiry_and_find_it_in_my_inquiries(self):
        self.login(self.firm_user)
        self.assertContains(self.client.get(reverse("frontend:result_detail", args=[self.result.pk])), "发送意向")
        response = self.inquire()
        inquiry = Inquiry.objects.get()
        self.assertRedirects(response, reverse("frontend:inquiry_detail", args=[inquiry.pk]) + "#conversation-title")
        self.assertEqual((inquiry.organization, inquiry.user, inquiry.status), (self.firm, self.firm_user, "open"))
        self.assertTrue(Notification.objects.filter(recipient=self.owner_user, kind="inquiry.created").exists())
        listing = self.client.get(reverse("frontend:inquiry_list"))
        self.assertContains(listing, self.result.title)
        self.assertContains(listing, "待回复")
        detail = self.client.get(reverse("frontend:result_detail", args=[self.result.pk]))
        self.assertContains(detail, reverse("frontend:inquiry_detail", args=[inquiry.pk]))

    def test_the_owner_cannot_inquire_about_its_own_result(self):
        self.login(self.owner_user)
        page = self.client.get(reverse("frontend:result_detail", args=[self.result.pk]))
        self.assertNotContains(page, "发送意向")
        response = self.inquire()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不能对本机构的成果表达意向")
        self.assertFalse(Inquiry.objects.exists())

    def test_list_shows_only_my_organizations_inquiries_and_filters_by_status(self):
        mine = self.make_inquiry()
        theirs = self.make_inquiry(self.other_firm, self.other_user, message="另一家企业的意向")
        self.reply(theirs)
        self.login(self.firm_user)
        response = self.client.get(reverse("frontend:inquiry_list"))
        self.assertEqual(list(response.context["inquiries"]), [mine])
        self.assertEqual(
            list(self.client.get(reverse("frontend:inquiry_list") + "?status=replied").context["inquiries"]), []
        )
        self.assertEqual(self.client.get(reverse("frontend:inquiry_detail", args=[theirs.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("frontend:inquiry_close", args=[theirs.pk])).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("frontend:inquiry_feedback", args=[theirs.pk]), {"topic": "price"}).status_code,
            404,
        )
        self.client.logout()
        response = self.client.get(reverse("frontend:inquiry_list"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])

    def test_read_the_reply_and_leave_feedback(self):
        inquiry = self.make_inquiry()
        self.reply(inquiry)
        self.login(self.firm_user)
        url = reverse("frontend:inquiry_detail", args=[inquiry.pk])
        page = self.client.get(url)
        self.assertContains(page, "欢迎洽谈，许可费20万元/年。")
        self.assertContains(page, 'data-status="replied"')
        feedback = reverse("frontend:inquiry_feedback", args=[inquiry.pk])
        bad = self.client.post(feedback, {"topic": "cheap", "comment": "x"})
        self.assertEqual(bad.status_code, 200)
        self.assertIn("topic", bad.context["feedback_form"].errors)
        inquiry.refresh_from_db()
        self.assertEqual(inquiry.feedback_topic, "")
        response = self.client.post(feedback, {"topic": "price", "comment": "许可费偏高"})
        self.assertRedirects(response, url)
        inquiry.refresh_from_db()
        self.assertEqual((inquiry.feedback_topic, inquiry.feedback_comment), ("price", "许可费偏高"))
        page = self.client.get(url)
        self.assertContains(page, "许可费偏高")
        self.assertContains(page, "修改反馈")
        self.assertTrue(Notification.objects.filter(recipient=self.owner_user, kind="inquiry.feedback").exists())

    def test_only_the_inquirer_leaves_feedback_and_only_the_owner_replies(self):
        inquiry = self.make_inquiry()
        self.login(self.owner_user)
        page = self.client.get(reverse("frontend:inquiry_detail", args=[inquiry.pk]))  # the owner sees it too
        self.assertContains(page, "回复企业")
        response = self.client.post(reverse("frontend:inquiry_feedback", args=[inquiry.pk]), {"topic": "price"})
        self.assertEqual(response.status_code, 403)
        blank = self.client.post(reverse("frontend:inquiry_reply", args=[inquiry.pk]), {"reply": ""})
        self.assertEqual(blank.status_code, 200)
        self.assertIn("reply", blank.context["reply_form"].errors)
        self.client.post(reverse("frontend:inquiry_reply", args=[inquiry.pk]), {"reply": "可以安排面谈"})
        inquiry.refresh_from_db()
        self.assertEqual((inquiry.status, inquiry.reply), ("replied", "可以安排面谈"))
        self.login(self.firm_user)
        response = self.client.post(reverse("frontend:inquiry_reply", args=[inquiry.pk]), {"reply": "x"})
        self.assertEqual(response.status_code, 403)
        inquiry.refresh_from_db()
        self.assertEqual(inquiry.reply, "可以安排面谈")

    def test_close_and_a_second_close_is_a_message(self):
        inquiry = self.make_inquiry()
        self.login(self.firm_user)
        close = reverse("frontend:inquiry_close", args=[inquiry.pk])
        response = self.client.post(close, follow=True)
        self.assertContains(response, "意向已关闭")
        inquiry.refresh_from_db()
        self.assertEqual(inquiry.status, "closed")
        response = self.client.post(close, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "message-error")
        self.assertNotContains(response, 'action="' + close + '"')

    def test_dashboard_counts_replies_without_feedback(self):
        inquiry = self.make_inquiry()
        self.login(self.firm_user)

        def answered():
            items = {i.label: i for i in dashboard_items(None, self.firm)}
            return items["成果方已回复的意向"].count

        self.assertEqual(answered(), 0)
        self.reply(inquiry)
        self.assertEqual(answered(), 1)
        services.leave_feedback(inquiry, actor=self.firm_user, organization=self.firm, topic="fit", comment="")
        self.assertEqual(answered(), 0)
        self.assertEqual([link["name"] for link in nav_links(None, self.firm)], ["inquiry_list", "auction_list"])
        self.assertEqual(nav_links(None, self.institute), [])
        self.assertContains(self.client.get(reverse("frontend:dashboard")), "成果方已回复的意向")

    def test_notification_leads_to_the_inquiry_page(self):
        inquiry = self.make_inquiry()
        self.reply(inquiry)
        notification = Notification.objects.get(recipient=self.firm_user, kind="inquiry.replied")
        self.assertEqual(notification.link, reverse("frontend:inquiry_detail", args=[inquiry.pk]))
        self.assertEqual(self.result.get_absolute_url(), reverse("frontend:result_detail", args=[self.result.pk]))

    def test_inquiry_list_query_count_does_not_grow(self):
        self.login(self.firm_user)
        url = reverse("frontend:inquiry_list")
        self.client.get(url)
        for _ in range(2):
            self.make_inquiry()
        few = self.queries(url)
        for _ in range(5):
            self.reply(self.make_inquiry())
        self.assertEqual(self.queries(url), few)


class AuctionTest(ResultsWebTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.auction = services.create_auction(
            result=cls.result,
            actor=cls.owner_user,
            organization=cls.institute,
            starting_price=Decimal("300000"),
            deposit=Decimal("30000"),
            min_increment=Decimal("5000"),
            closes_at=timezone.now() + timedelta(days=3),
        )
        # the two bidding firms paid the deposit and the market operator confirmed it
        confirmed_deposit(cls.auction, cls.firm, cls.firm_user)
        confirmed_deposit(cls.auction, cls.other_firm, cls.other_user)

    def bid(self, amount, **extra):
        return self.client.post(reverse("frontend:auction_bid", args=[self.auction.pk]), {"amount": amount, **extra})

    def test_the_page_shows_prices_deposit_and_a_prefilled_form(self):
        newcomer = make_organization("enterprise")
        self.login(make_user(organization=newcomer))
        for url in (
            reverse("frontend:auction_detail", args=[self.auction.pk]),
            reverse("frontend:result_detail", args=[self.result.pk]),
        ):
            response = self.client.get(url)
            self.assertContains(response, "¥300,000")  # starting price = the next minimum
            self.assertContains(response, "¥5,000")
            self.assertContains(response, "¥30,000")
            self.assertContains(response, "贵机构尚未缴纳")
            self.assertContains(response, 'name="proof"')  # the deposit is recorded with its proof, not declared
            self.assertIsNone(response.context["bid_form"])
        self.login(self.firm_user)
        for url in (
            reverse("frontend:auction_detail", args=[self.auction.pk]),
            reverse("frontend:result_detail", args=[self.result.pk]),
        ):
            response = self.client.get(url)
            self.assertContains(response, "已经平台确认")
            self.assertEqual(response.context["bid_form"]["amount"].value(), Decimal("300000"))
        self.assertContains(self.client.get(reverse("frontend:auction_list")), self.result.title)

    def test_bid_errors_then_success(self):
        newcomer = make_organization("enterprise")
        self.login(make_user(organization=newcomer))
        no_deposit = self.bid("300000")  # no confirmed deposit: refused with a message
        self.assertEqual(no_deposit.status_code, 302)
        self.assertContains(self.client.get(no_deposit["Location"]), "并等待平台确认")
        self.login(self.firm_user)
        low = self.bid("299999")
        self.assertEqual(low.status_code, 200)
        self.assertIn("amount", low.context["bid_form"].errors)
        self.assertContains(low, "出价须不低于")
        bad = self.bid("abc")
        self.assertIn("amount", bad.context["bid_form"].errors)
        self.assertFalse(Bid.objects.exists())
        response = self.bid("300000")
        self.assertRedirects(response, reverse("frontend:auction_detail", args=[self.auction.pk]))
        self.auction.refresh_from_db()
        self.assertEqual(self.auction.current_price, Decimal("300000.00"))
        page = self.client.get(reverse("frontend:auction_detail", args=[self.auction.pk]))
        self.assertContains(page, "已经平台确认")
        self.assertContains(page, "贵机构目前出价最高")
        self.assertEqual(page.context["bid_form"]["amount"].value(), Decimal("305000.00"))
        self.login(self.other_user)
        low = self.bid("304999", **{"from": "result"})  # from the result's page: the errors come back there
        self.assertTemplateUsed(low, "frontend/result_detail.html")
        self.assertIn("amount", low.context["bid_form"].errors)
        self.assertRedirects(
            self.bid("305000", **{"from": "result"}),
            reverse("frontend:result_detail", args=[self.result.pk]) + "#auction-title",
            fetch_redirect_response=False,
        )
        self.assertEqual(list(Bid.objects.values_list("organization", flat=True)), [self.other_firm.pk, self.firm.pk])
        history = self.client.get(reverse("frontend:auction_detail", args=[self.auction.pk]))
        self.assertContains(history, self.firm.name)  # the bidding organizations, as the API's bid list shows them
        self.assertNotContains(history, self.firm_user.username)

    def test_owner_and_closed_auction_are_messages(self):
        self.login(self.owner_user)
        page = self.client.get(reverse("frontend:auction_detail", args=[self.auction.pk]))
        self.assertIsNone(page.context["bid_form"])
        self.assertContains(page, "成果所有方不能出价")
        response = self.bid("400000")
        self.assertRedirects(response, reverse("frontend:auction_detail", args=[self.auction.pk]))
        self.assertContains(self.client.get(response["Location"]), "成果所有方不能出价")
        Auction.objects.filter(pk=self.auction.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
        self.login(self.firm_user)
        response = self.bid("400000")
        self.assertEqual(response.status_code, 302)
        follow = self.client.get(response["Location"])
        self.assertContains(follow, "拍卖已结束")
        self.assertIsNone(follow.context["bid_form"])
        self.assertFalse(Bid.objects.exists())

    def test_permissions(self):
        self.assertEqual(self.client.get(reverse("frontend:auction_detail", args=[self.auction.pk])).status_code, 200)
        response = self.bid("300000")
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("frontend:login"), response["Location"])
        hidden = make_result(self.institute, status="withdrawn")
        hidden_auction = Auction.objects.create(
            result=hidden, starting_price=Decimal("1000"), closes_at=timezone.now() + timedelta(days=1)
        )
        self.login(self.firm_user)
        self.assertEqual(self.client.get(reverse("frontend:auction_detail", args=[hidden_auction.pk])).status_code, 404)
        response = self.client.post(reverse("frontend:auction_bid", args=[hidden_auction.pk]), {"amount": "1000"})
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(self.client.get(reverse("frontend:auction_list") + "?status="), hidden.title)
        self.assertFalse(Bid.objects.exists())

    def test_dashboard_shows_open_auctions_i_bid_in(self):
        def bidding():
            return {i.label: i for i in dashboard_items(None, self.firm)}["参与中的竞价"].count

        self.assertEqual(bidding(), 0)
        for amount in ("300000", "310000"):
            services.place_bid(self.auction, actor=self.firm_user, organization=self.firm, amount=Decimal(amount))
        self.assertEqual(bidding(), 1)
        self.assertEqual(self.auction.get_absolute_url(), reverse("frontend:auction_detail", args=[self.auction.pk]))

    def test_query_counts_do_not_grow_with_bids_or_auctions(self):
        self.login(self.firm_user)
        detail = reverse("frontend:auction_detail", args=[self.auction.pk])
        result_page = reverse("frontend:result_detail", args=[self.result.pk])
        listing = reverse("frontend:auction_list")
        for url in (detail, result_page, listing):
            self.client.get(url)
        bidders = [(make_organization("enterprise"),) for _ in range(6)]
        moderator = make_user(platform_admin=True)
        amount = Decimal("300000")

        def add_bids(n):
            nonlocal amount
            for _ in range(n):
                org = bidders.pop()[0]
                confirmed_deposit(self.auction, org, self.other_user, moderator=moderator)
                services.place_bid(self.auction, actor=self.other_user, organization=org, amount=amount)
                amount += 5000
                other = make_result(make_organization("institute"))
                Auction.objects.create(result=other, starting_price=Decimal("1000"),
                                       closes_at=timezone.now() + timedelta(days=2))  # fmt: skip

        add_bids(2)
        few = [self.queries(url) for url in (detail, result_page, listing)]
        add_bids(4)
        self.assertEqual([self.queries(url) for url in (detail, result_page, listing)], few)


class ResultListFilterTest(ResultsWebTestCase):
    def test_filters_are_the_filtersets(self):
        make_result(self.institute, title="碳化硅驱动", tech_field_id="new_energy", transfer_modes=["transfer"], trl=8,
                    price=Decimal("500000"))  # fmt: skip
        self.result.industry_chains.set(["molds"])
        url = reverse("frontend:result_list")

        def titles(query):
            return {r.title for r in self.client.get(url + query).context["results"]}

        self.assertEqual(titles("?industry_chain=molds"), {"随形冷却模具设计技术"})
        self.assertEqual(titles("?min_trl=7"), {"碳化硅驱动"})
        self.assertEqual(titles("?negotiable=true"), {"随形冷却模具设计技术"})
        self.assertEqual(titles("?tech_field=new_energy&transfer_mode=transfer"), {"碳化硅驱动"})
        self.assertEqual(titles("?industry_chain=nope&min_trl=7"), {"碳化硅驱动"})  # a bad code is dropped
        response = self.client.get(url + "?industry_chain=molds")
        self.assertContains(response, 'value="molds" selected')


class EnglishPagesTest(ResultsWebTestCase):
    def test_every_page_renders_in_english(self):
        inquiry = self.make_inquiry()
        self.reply(inquiry)
        auction = Auction.objects.create(
            result=self.result, starting_price=Decimal("1000"), closes_at=timezone.now() + timedelta(days=1)
        )
        self.login(self.firm_user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        for url in (
            reverse("frontend:result_list"),
            reverse("frontend:result_detail", args=[self.result.pk]),
            reverse("frontend:inquiry_list"),
            reverse("frontend:inquiry_detail", args=[inquiry.pk]),
            reverse("frontend:auction_list"),
            reverse("frontend:auction_detail", args=[auction.pk]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertContains(response, 'lang="en"')
