"""Sign-in brute force: failures are counted per username and per address in the database, a key that reaches its
limit is locked (even the right password is refused) for the web login and the API token endpoint alike, the locks
are visible and can be lifted in the Django admin, and DRF throttle counts live in the shared (database) cache."""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from marketplace.models import LoginLock
from marketplace.services import login_guard
from marketplace.testing import api_client, make_user

PASSWORD = "pw-for-tests-1"
LIMITS = {"LOGIN_FAILURE_LIMIT": 3, "LOGIN_ADDRESS_FAILURE_LIMIT": 5}


@override_settings(**LIMITS)
class LockoutTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("lockout-user")
        cls.user.set_password(PASSWORD)
        cls.user.save()

    def web_login(self, username="lockout-user", password="wrong", address="10.0.0.1"):
        return self.client.post(
            reverse("frontend:login"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def token(self, username="lockout-user", password="wrong", address="10.0.0.1"):
        return api_client().post(
            reverse("api:auth-token"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def test_the_web_login_locks_a_username_after_the_limit(self):
        for _ in range(3):
            self.assertEqual(self.web_login().status_code, 200)  # the form again, wrong password
        response = self.web_login(password=PASSWORD, address="10.9.9.9")  # right password, other address
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录失败次数过多", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        lock = LoginLock.objects.get(kind="username", key="lockout-user")
        self.assertEqual(lock.failures, 3)
        self.assertGreater(lock.locked_until, timezone.now() + timedelta(minutes=14))
        # once the lock ends, the right password works and clears the count
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(minutes=16)):
            self.assertEqual(self.web_login(password=PASSWORD).status_code, 302)
        self.assertFalse(LoginLock.objects.filter(kind="username").exists())

    def test_the_api_token_endpoint_shares_the_lock(self):
        for _ in range(2):
            self.web_login()
        self.assertEqual(self.token().status_code, 400)  # the third failure, through the API
        response = self.token(password=PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["code"], "login_locked")
        self.assertGreater(int(response["Retry-After"]), 60)
        self.assertEqual(self.web_login(password=PASSWORD).status_code, 429)

    def test_an_address_is_locked_after_failures_with_many_usernames(self):
        for n in range(5):
            self.token(username=f"guess-{n}")
        self.assertEqual(self.token(password=PASSWORD).status_code, 429)  # a real user, from that address
        self.assertEqual(self.token(password=PASSWORD, address="10.0.0.2").status_code, 200)  # elsewhere: fine
        self.assertEqual(LoginLock.objects.get(kind="address").key, "10.0.0.1")

    def test_success_clears_the_usernames_count_and_old_failures_expire(self):
        for _ in range(2):
            self.web_login()
        self.assertEqual(self.token(password=PASSWORD).status_code, 200)
        self.assertFalse(LoginLock.objects.filter(kind="username").exists())
        self.assertEqual(LoginLock.objects.get(kind="address").failures, 2)  # not reset by one's own success
        later = timezone.now() + timedelta(minutes=20)
        for _ in range(2):
            self.web_login()
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.web_login()  # the window passed: a fresh count of one
        self.assertEqual(LoginLock.objects.get(kind="username").failures, 1)
        self.assertIsNone(login_guard.locked_until("lockout-user", "10.0.0.1"))

    def test_usernames_are_counted_case_insensitively(self):
        for name in ("Lockout-User", "LOCKOUT-USER", "lockout-user"):
            self.web_login(username=name)
        self.assertEqual(self.web_login(password=PASSWORD).status_code, 429)

    def test_administrators_see_and_lift_locks_in_the_admin(self):
        for _ in range(3):
            self.web_login()
        admin = make_user("lockout-admin", platform_admin=True, is_staff=True, is_superuser=True)
        self.client.force_login(admin)
        changelist = reverse("admin:marketplace_loginlock_changelist")
        response = self.client.get(changelist)
        self.assertContains(response, "lockout-user")
        self.assertContains(response, "10.0.0.1")
        locks = list(LoginLock.objects.values_list("pk", flat=True))
        response = self.client.post(changelist, {"action": "unlock", "_selected_action": locks}, follow=True)
        self.assertContains(response, "已解除")
        self.assertFalse(LoginLock.objects.exists())
        self.client.logout()
        self.assertEqual(self.web_login(password=PASSWORD).status_code, 302)


class SharedCacheTest(TestCase):
    def test_throttle_counts_live_in_the_database_cache(self):
        self.assertIsInstance(caches["default"], DatabaseCache)
        api_client().post(reverse("api:auth-token"), {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.1.1.1")
        # a fresh cache object (as another process would build) reads the same throttle history from the table
        other_process = DatabaseCache("kjdsc_cache", {})
        key = "throttle_auth_10.1.1.1"
        self.assertEqual(len(other_process.get(key)), 1)
        self.assertEqual(cache.get(key), other_process.get(key))

    def test_the_token_endpoint_is_throttled(self):
        from rest_framework.throttling import ScopedRateThrottle

        with mock.patch.object(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"}):
            codes = [
                api_client()
                .post(reverse("api:auth-token"), {"username": f"u{n}", "password": "x"}, REMOTE_ADDR="10.2.2.2")
                .status_code
                for n in range(3)
            ]
        self.assertEqual(codes, [400, 400, 429])
