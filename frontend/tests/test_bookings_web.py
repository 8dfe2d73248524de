"""Booking from the web: the form calls the booking service (rules, price, vouchers) as the acting organization."""

from datetime import timedelta
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from instruments.models import Booking
from instruments.testing import local, make_instrument
from marketplace.models import Membership
from marketplace.testing import make_organization, make_user
from vouchers.testing import make_grant, make_program, register_provider


class WebBookingTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.institute = make_organization("institute", name="余姚测试研究院")
        cls.instrument = make_instrument(cls.institute, approval_mode="auto")
        cls.item = cls.instrument.service_items.get()
        cls.firm = make_organization("enterprise", name="余姚测试电器有限公司")
        cls.user = make_user(organization=cls.firm)
        program = make_program(make_organization("authority"))
        register_provider(program, cls.institute)
        cls.grant = make_grant(program, cls.firm, Decimal("10000.00"))

    def setUp(self):
        self.client.force_login(self.user)
        self.url = reverse("frontend:book_instrument", args=[self.instrument.pk])

    def post(self, start, hours=2, **extra):
        data = {
            "service_item": self.item.pk,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"),
            "purpose": "断口形貌观察",
            **extra,
        }
        return self.client.post(self.url, data)

    def test_book_with_vouchers_and_see_it_listed(self):
        self.assertContains(self.client.get(self.url), "使用创新券抵扣")
        response = self.post(local(2, 10), use_voucher="on")
        self.assertRedirects(response, reverse("frontend:booking_list"))
        booking = Booking.objects.get()
        self.assertEqual(
            (booking.status, booking.amount, booking.voucher_hold.amount),
            ("confirmed", Decimal("1200.00"), Decimal("600.00")),
        )
        listing = self.client.get(reverse("frontend:booking_list"))
        self.assertContains(listing, self.instrument.name)
        self.assertContains(listing, "600.00")

    def test_rule_breaks_and_conflicts_are_form_errors(self):
        self.post(local(2, 10))
        conflict = self.post(local(2, 11))
        self.assertEqual(conflict.status_code, 200)
        self.assertContains(conflict, "该时段已被预约")
        off_grid = self.post(local(3, 10, 10))
        self.assertContains(off_grid, "分钟对齐")
        self.assertEqual(Booking.objects.count(), 1)

    def test_login_and_an_acting_organization_are_required(self):
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)
        two = make_user()
        Membership.objects.create(user=two, organization=self.firm, role="member")
        Membership.objects.create(user=two, organization=make_organization("enterprise"), role="member")
        self.client.force_login(two)
        response = self.post(local(2, 10))
        self.assertContains(response, "请先在页面顶部选择您代表的机构")
        self.assertFalse(Booking.objects.exists())

    def test_english_page(self):
        response = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)
