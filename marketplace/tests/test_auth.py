"""Token and session authentication, users/me."""

from django.urls import reverse

from marketplace.models import User
from marketplace.testing import APIResourceTests, api_client, make_user


class TokenAuthTest(APIResourceTests.Base):
    def test_password_for_token_then_token_works_and_can_be_revoked(self):
        user = make_user("liming", organization=self.owner)
        client = api_client()
        response = client.post(reverse("api:auth-token"), {"username": "liming", "password": "pw-for-tests-1"})
        self.assertEqual(response.status_code, 200, response.content)
        token = response.json()["token"]
        self.assertEqual(len(token), 40)
        # the same token again, not a new one per login
        again = client.post(reverse("api:auth-token"), {"username": "liming", "password": "pw-for-tests-1"})
        self.assertEqual(again.json()["token"], token)

        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        me = client.get(reverse("api:user-me"))
        self.assertEqual(me.status_code, 200)
        self.assertEqual(me.json()["username"], "liming")
        self.assertEqual(me.json()["memberships"][0]["organization"]["id"], self.owner.pk)

        self.assertEqual(client.delete(reverse("api:auth-token")).status_code, 204)
        self.assert_error(client.get(reverse("api:user-me")), 401, "authentication_failed")
        self.assertTrue(User.objects.filter(pk=user.pk).exists())

    def test_wrong_password_is_400_without_saying_which_part_was_wrong(self):
        make_user("wangfang")
        response = api_client().post(reverse("api:auth-token"), {"username": "wangfang", "password": "nope"})
        self.assert_error(response, 400, "invalid")
        self.assertIn("用户名或密码错误", str(response.json()["errors"]))

    def test_missing_fields_are_field_errors(self):
        response = api_client().post(reverse("api:auth-token"), {}, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertEqual(set(response.json()["errors"]), {"username", "password"})

    def test_anonymous_me_is_401(self):
        self.assert_error(api_client().get(reverse("api:user-me")), 401, "not_authenticated")

    def test_session_login_works_for_the_api(self):
        make_user("zhaolei")
        client = api_client()
        self.assertTrue(client.login(username="zhaolei", password="pw-for-tests-1"))
        self.assertEqual(client.get(reverse("api:user-me")).json()["username"], "zhaolei")

    def test_me_can_be_edited_but_not_promoted(self):
        user = make_user("sunli")
        response = api_client(user).patch(
            reverse("api:user-me"), {"display_name": "孙丽", "is_platform_admin": True}, format="json"
        )
        self.assertEqual(response.status_code, 200, response.content)
        user.refresh_from_db()
        self.assertEqual(user.display_name, "孙丽")
        self.assertFalse(user.is_platform_admin)
