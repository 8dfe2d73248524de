"""Memberships: organization administrators manage them; an organization always keeps an administrator."""

from django.urls import reverse

from marketplace.models import AuditEntry, Membership, Notification
from marketplace.testing import APIResourceTests, api_client, make_user


class MembershipAPITest(APIResourceTests.Base):
    def test_admin_adds_a_member_who_is_notified(self):
        newcomer = make_user("newbie")
        response = api_client(self.owner_user, self.owner).post(
            reverse("api:membership-list"), {"user": "newbie", "role": "member"}
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["organization"]["id"], self.owner.pk)
        self.assertTrue(Membership.objects.filter(user=newcomer, organization=self.owner, role="member").exists())
        self.assertTrue(Notification.objects.filter(recipient=newcomer, kind="membership.added").exists())
        self.assertTrue(AuditEntry.objects.filter(organization=self.owner, action="create").exists())

    def test_adding_twice_is_a_conflict(self):
        response = api_client(self.owner_user, self.owner).post(
            reverse("api:membership-list"), {"user": self.owner_user.username}
        )
        self.assert_error(response, 409, "already_member")

    def test_plain_members_cannot_add(self):
        member = make_user(organization=self.owner, role="member")
        make_user("someone")
        response = api_client(member, self.owner).post(reverse("api:membership-list"), {"user": "someone"})
        self.assert_error(response, 403, "not_organization_admin")

    def test_unknown_user_is_a_field_error(self):
        response = api_client(self.owner_user, self.owner).post(reverse("api:membership-list"), {"user": "ghost"})
        self.assert_error(response, 400, "invalid")
        self.assertIn("user", response.json()["errors"])

    def test_the_last_admin_cannot_leave_or_be_demoted(self):
        membership = Membership.objects.get(user=self.owner_user, organization=self.owner)
        url = reverse("api:membership-detail", args=[membership.pk])
        client = api_client(self.owner_user, self.owner)
        self.assert_error(client.patch(url, {"role": "member"}), 409, "last_admin")
        self.assert_error(client.delete(url), 409, "last_admin")
        second = make_user(organization=self.owner, role="admin")
        self.assertEqual(client.patch(url, {"role": "member"}).status_code, 200)
        self.assertEqual(Membership.objects.get(pk=membership.pk).role, "member")
        self.assertEqual(api_client(self.owner_user, self.owner).delete(url).status_code, 204)  # a member may leave
        self.assertTrue(Membership.objects.filter(user=second, organization=self.owner).exists())

    def test_memberships_of_other_organizations_are_invisible(self):
        foreign = Membership.objects.get(user=self.outsider)
        client = api_client(self.owner_user, self.owner)
        self.assert_error(client.get(reverse("api:membership-detail", args=[foreign.pk])), 404)
        ids = [m["id"] for m in client.get(reverse("api:membership-list")).json()["results"]]
        self.assertNotIn(foreign.pk, ids)
        self.assert_error(client.delete(reverse("api:membership-detail", args=[foreign.pk])), 404)
