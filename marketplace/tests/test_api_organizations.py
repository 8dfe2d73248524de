"""The organizations API, acting for an organization, verification and the error format."""

from django.core import mail
from django.urls import reverse

from marketplace.choices import MembershipRole
from marketplace.models import AuditEntry, Membership, Notification, Organization
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user
from marketplace.validators import make_credit_code


class OrganizationAPITest(APIResourceTests.Everything):
    basename = "organization"
    owner_kind = "enterprise"
    long_text_field, long_text_limit = "description", 5000  # the API's default cap on free text

    def make_object(self, owner, **kwargs):
        organization = make_organization("institute", **kwargs)
        Membership.objects.create(user=self.owner_user, organization=organization, role=MembershipRole.ADMIN)
        return organization

    def make_hidden_object(self, owner):
        organization = make_organization("enterprise", verified=False)
        Membership.objects.create(user=self.owner_user, organization=organization, role=MembershipRole.ADMIN)
        return organization

    def acting_for(self, obj):
        return obj

    def create_payload(self):
        return {
            "name": "余姚市新注册电器有限公司",
            "credit_code": make_credit_code("91", "330281", "MA7X0001").lower(),
            "kind": "enterprise",
            "region": "330281",
            "expertise": ["小家电", " 注塑 "],
            "industry_chains": ["home_appliances"],
        }

    def update_payload(self):
        return {"description": "专注小家电电机控制。", "tech_fields": ["advanced_manufacturing"]}

    def detail_url(self, obj):
        return reverse("api:organization-detail", args=[obj.pk])

    def test_registering_makes_the_creator_admin_of_an_unverified_organization(self):
        user = make_user()
        response = api_client(user).post(self.list_url(), self.create_payload(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertFalse(body["verified"])
        self.assertEqual(body["credit_code"], body["credit_code"].upper())
        self.assertEqual(body["expertise"], ["小家电", "注塑"])
        self.assertTrue(Membership.objects.filter(user=user, organization_id=body["id"], role="admin").exists())

    def test_wrong_credit_code_is_a_field_error(self):
        payload = {**self.create_payload(), "credit_code": "9144030071526726XH"}
        response = api_client(make_user()).post(self.list_url(), payload, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("校验位", response.json()["errors"]["credit_code"][0])

    def test_duplicate_credit_code_is_a_field_error(self):
        payload = {**self.create_payload(), "credit_code": self.owner.credit_code}
        response = api_client(make_user()).post(self.list_url(), payload, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("credit_code", response.json()["errors"])

    def test_unknown_region_and_chain_are_field_errors(self):
        payload = {**self.create_payload(), "region": "999999", "industry_chains": ["nope"]}
        response = api_client(make_user()).post(self.list_url(), payload, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertEqual(set(response.json()["errors"]), {"region", "industry_chains"})

    def test_credit_code_and_kind_cannot_change(self):
        url = self.detail_url(self.owner)
        client = api_client(self.owner_user, self.owner)
        response = client.patch(url, {"kind": "institute"}, format="json")
        self.assert_error(response, 400, "invalid")
        self.assertIn("kind", response.json()["errors"])

    def test_members_without_admin_role_cannot_edit_the_profile(self):
        member = make_user(organization=self.owner, role=MembershipRole.MEMBER)
        response = api_client(member, self.owner).patch(self.detail_url(self.owner), {"description": "x"})
        self.assert_error(response, 403)

    def test_no_delete(self):
        response = api_client(self.owner_user, self.owner).delete(self.detail_url(self.owner))
        self.assert_error(response, 405)

    def test_filters(self):
        make_organization("institute", name="余姚光电研究院", expertise=["光学镀膜"])
        client = api_client()
        by_kind = client.get(self.list_url(), {"kind": "institute"}).json()
        self.assertTrue(by_kind["results"])
        self.assertTrue(all(o["kind"] == "institute" for o in by_kind["results"]))
        by_q = client.get(self.list_url(), {"q": "光学镀膜"}).json()
        self.assertEqual([o["name"] for o in by_q["results"]], ["余姚光电研究院"])
        in_ningbo = client.get(self.list_url(), {"region": "330200"}).json()["count"]
        in_shanghai = client.get(self.list_url(), {"region": "310000"}).json()["count"]
        self.assertGreater(in_ningbo, 0)
        self.assertEqual(in_shanghai, 0)


class VerifyOrganizationTest(APIResourceTests.Base):
    def url(self, organization):
        return reverse("api:organization-verify", args=[organization.pk])

    def test_platform_admin_verifies_once_with_audit_and_notification(self):
        organization = make_organization("enterprise", verified=False)
        member = make_user(organization=organization, email="boss@example.cn")
        with self.captureOnCommitCallbacks(execute=True):
            response = api_client(self.platform_admin).post(self.url(organization), {"note": "营业执照已核验"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(response.json()["verified"])
        entry = AuditEntry.objects.get(object_id=str(organization.pk), action="transition")
        self.assertEqual(entry.transition, "unverified→verified")
        self.assertEqual(entry.actor, self.platform_admin)
        self.assertEqual(entry.note, "营业执照已核验")
        notification = Notification.objects.get(recipient=member, kind="organization.verified")
        self.assertIsNotNone(notification.emailed_at)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["boss@example.cn"])

        again = api_client(self.platform_admin).post(self.url(organization))
        self.assert_error(again, 409, "already_verified")
        self.assertEqual(AuditEntry.objects.filter(object_id=str(organization.pk), action="transition").count(), 1)

    def test_only_platform_admins_verify(self):
        organization = make_organization("enterprise", verified=False)
        member = make_user(organization=organization)
        self.assert_error(api_client(member, organization).post(self.url(organization)), 403, "permission_denied")
        self.assert_error(api_client().post(self.url(organization)), 401)
        self.assertFalse(Organization.objects.get(pk=organization.pk).verified)

    def test_outsiders_get_404_for_unverified_organizations(self):
        organization = make_organization("enterprise", verified=False)
        self.assert_error(api_client(self.outsider).post(self.url(organization)), 403)
        detail = reverse("api:organization-detail", args=[organization.pk])
        self.assert_error(api_client(self.outsider).get(detail), 404)


class ActingForTest(APIResourceTests.Base):
    """A member of A can never act for B; the acting organization is explicit when a user has several."""

    def test_member_of_a_cannot_act_for_b_with_any_method(self):
        url = reverse("api:organization-detail", args=[self.owner.pk])
        client = api_client(self.outsider, self.owner)
        for method in ("get", "patch", "put"):
            response = getattr(client, method)(url, {}, format="json")
            self.assert_error(response, 403, "not_a_member")
        self.assert_error(client.get(reverse("api:user-me")), 403, "not_a_member")

    def test_header_must_be_an_id(self):
        client = api_client(self.owner_user)
        client.credentials(HTTP_X_ORGANIZATION="余姚")
        self.assert_error(client.get(reverse("api:organization-list")), 400, "invalid_organization_header")

    def test_single_membership_is_the_default_and_several_need_a_choice(self):
        me = reverse("api:user-me")
        self.assertEqual(api_client(self.owner_user).get(me).json()["acting_organization"], self.owner.pk)
        second = make_organization("service_provider")
        Membership.objects.create(user=self.owner_user, organization=second, role="member")
        self.assertIsNone(api_client(self.owner_user).get(me).json()["acting_organization"])
        self.assertEqual(api_client(self.owner_user, second).get(me).json()["acting_organization"], second.pk)
        # editing the first organization while acting for the second is refused
        response = api_client(self.owner_user, second).patch(
            reverse("api:organization-detail", args=[self.owner.pk]), {"description": "x"}
        )
        self.assert_error(response, 403)
        response = api_client(self.owner_user).patch(
            reverse("api:organization-detail", args=[self.owner.pk]), {"description": "x"}
        )
        self.assert_error(response, 400, "organization_required")

    def test_platform_admin_is_not_a_member_of_everything(self):
        client = api_client(self.platform_admin, self.owner)
        self.assert_error(client.get(reverse("api:user-me")), 403, "not_a_member")
