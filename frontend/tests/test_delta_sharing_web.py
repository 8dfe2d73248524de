"""长三角 sharing before booking: when the firm's vouchers cannot pay because the programme does not accept the
owner's region, the booking form and its quote say so (the rule is ``VoucherProgram.accepts_region``, the same one
that picks usable grants and admits providers)."""

from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments.testing import local, make_instrument
from marketplace.models import Region
from marketplace.testing import make_organization, make_user
from vouchers.services import payments
from vouchers.testing import make_grant, make_program, register_provider


class VoucherRegionNoticeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = make_organization("authority")
        cls.program = make_program(cls.authority, name="宁波市科技创新券（浙江省内通用）")
        cls.program.accepted_regions.set(Region.objects.filter(code="330000"))  # 浙江 only, not the whole delta
        cls.shanghai = make_organization("institute", region="310000", name="上海测试研究院")
        cls.far = make_instrument(cls.shanghai, name="上海的电镜")
        cls.cixi = make_organization("institute", region="330282", name="慈溪测试研究院")
        register_provider(cls.program, cls.cixi)
        cls.near = make_instrument(cls.cixi, name="慈溪的电镜")
        cls.firm = make_organization("enterprise")
        cls.user = make_user(organization=cls.firm)
        cls.grant = make_grant(cls.program, cls.firm, Decimal("10000.00"))

    def setUp(self):
        self.client.force_login(self.user)

    def data(self, instrument, **extra):
        start = timezone.localtime(local(3, 10))
        item = instrument.service_items.get()
        return {"service_item": item.pk, "day": start.date().isoformat(), "time": start.strftime("%H:%M"),
                "duration": 60, "purpose": "测试", **extra}  # fmt: skip

    def test_the_rule_is_accepts_region(self):
        start = local(3, 10)
        self.assertEqual(payments.region_refused_grants(self.firm, self.far, start), [self.grant])
        self.assertEqual(payments.booking_grants(self.firm, self.far, start), [])
        self.assertEqual(payments.region_refused_grants(self.firm, self.near, start), [])
        self.assertEqual(payments.booking_grants(self.firm, self.near, start), [self.grant])
        self.far.voucher_eligible = False  # the instrument takes no vouchers at all: nothing to explain
        self.assertEqual(payments.region_refused_grants(self.firm, self.far, start), [])

    def test_booking_form_and_quote_say_the_voucher_does_not_apply_to_the_region(self):
        message = "您的创新券（宁波市科技创新券（浙江省内通用））不适用于该地区（上海市）的服务机构。"
        page = self.client.get(reverse("frontend:book_instrument", args=[self.far.pk]))
        self.assertContains(page, message)
        quote = self.client.get(reverse("frontend:booking_quote", args=[self.far.pk]), self.data(self.far))
        self.assertContains(quote, message)
        ticked = self.client.get(
            reverse("frontend:booking_quote", args=[self.far.pk]), self.data(self.far, use_voucher="on")
        )
        self.assertEqual(ticked.context["preview"]["problem"], message)  # the refusal says why
        self.assertContains(ticked, message, count=1)
        # A provider the programme accepts: the voucher applies, no notice.
        near = self.client.get(reverse("frontend:booking_quote", args=[self.near.pk]), self.data(self.near))
        self.assertNotContains(near, "不适用于该地区")
        self.assertTrue(near.context["preview"]["voucher"])

    def test_a_county_is_named_with_its_city(self):
        self.program.accepted_regions.set(Region.objects.filter(code="310000"))  # now 上海 only
        quote = self.client.get(reverse("frontend:booking_quote", args=[self.near.pk]), self.data(self.near))
        self.assertContains(quote, "不适用于该地区（宁波市慈溪市）的服务机构")
        self.assertIsNone(quote.context["preview"]["voucher"])

    def test_queries_do_not_grow_with_refused_grants(self):
        url = reverse("frontend:booking_quote", args=[self.far.pk])

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url, self.data(self.far)).status_code, 200)
            return len(queries)

        few = count()
        for n in range(3):
            other = make_program(self.authority, name=f"其他创新券{n}")
            other.accepted_regions.set(Region.objects.filter(code="320000"))
            make_grant(other, self.firm, Decimal("5000.00"))
        self.assertEqual(count(), few)
        self.assertContains(self.client.get(url, self.data(self.far)), "其他创新券2")
