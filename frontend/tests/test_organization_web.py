"""机构资料, 成员管理 and 登记新机构 on the web: the profile edited through the API's serializer, members added,
re-roled and removed through the organization services (never the last administrator), the organization's activity,
registering an organization — with the API's permissions: administrators change, members read, only the acting
organization is managed."""

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.api.acting import SESSION_KEY
from marketplace.models import AuditEntry, Membership, Notification, Organization
from marketplace.services.organizations import add_member
from marketplace.testing import make_organization, make_user
from marketplace.validators import make_credit_code

PROFILE = reverse("frontend:organization_profile")
MEMBERS = reverse("frontend:organization_members")
REGISTER = reverse("frontend:organization_register")


def role_url(membership):
    return reverse("frontend:organization_member_role", args=[membership.pk])


def remove_url(membership):
    return reverse("frontend:organization_member_remove", args=[membership.pk])


class OrganizationWebTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.org = make_organization("institute", name="余姚机构页测试研究院", contact_email="old@example.cn")
        cls.admin = make_user("org_admin", organization=cls.org, display_name="管理员甲")
        cls.member = make_user("org_member", organization=cls.org, role="member", display_name="成员乙")
        cls.other = make_organization("enterprise", name="余姚另一家测试有限公司")
        cls.other_admin = make_user("other_admin", organization=cls.other)
        cls.outsider = make_user("newcomer", display_name="新同事丙")

    def setUp(self):
        self.client.force_login(self.admin)

    def profile_data(self, **changes):
        data = {
            "name": "余姚机构页测试研究院",
            "name_en": "Yuyao Test Institute",
            "region": "330281",
            "description": "精密测量与材料分析。",
            "expertise": "三坐标测量、材料分析，失效分析",
            "industry_chains": ["molds"],
            "tech_fields": [],
            "contact_name": "王工",
            "contact_phone": "0574-62000000",
            "contact_email": "lab@example.cn",
            "website": "www.example.cn",
            "address": "余姚市阳明街道",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}


class ProfileTest(OrganizationWebTestCase):
    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        response = self.client.get(PROFILE)
        self.assertRedirects(response, reverse("frontend:login") + "?next=" + PROFILE)

    def test_the_admin_sees_the_profile_form_and_the_verification(self):
        response = self.client.get(PROFILE)
        self.assertContains(response, 'name="contact_email"')
        self.assertContains(response, "old@example.cn")
        self.assertContains(response, "已认证")
        self.assertContains(response, "保存机构资料")
        self.assertNotContains(response, 'name="credit_code"')
        self.assertContains(response, self.org.credit_code)  # shown, not editable

    def test_the_admin_saves_the_profile_through_the_api_serializer_with_an_audit_entry(self):
        response = self.client.post(PROFILE, self.profile_data(credit_code="91330281MA0000000X", verified="on"))
        self.assertRedirects(response, PROFILE)
        org = Organization.objects.get(pk=self.org.pk)
        self.assertEqual(org.contact_email, "lab@example.cn")
        self.assertEqual(org.website, "https://www.example.cn")
        self.assertEqual(org.expertise, ["三坐标测量", "材料分析", "失效分析"])
        self.assertEqual([c.code for c in org.industry_chains.all()], ["molds"])
        self.assertEqual(org.credit_code, self.org.credit_code)  # not a field of the page
        entry = AuditEntry.objects.get(object_id=str(org.pk), action="update")
        self.assertEqual(entry.actor, self.admin)
        self.assertEqual(entry.organization, org)
        self.assertIn("contact_email", entry.changes)
        self.assertIn("industry_chains", entry.changes)

    def test_a_bad_e_mail_or_website_comes_back_on_the_form_and_nothing_is_saved(self):
        for field, value in (("contact_email", "lab@"), ("website", "not a site")):
            with self.subTest(field=field):
                response = self.client.post(PROFILE, self.profile_data(name="改过的名称", **{field: value}))
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].errors.get(field), response.context["form"].errors)
                self.assertContains(response, 'class="field-error"')
        org = Organization.objects.get(pk=self.org.pk)
        self.assertEqual(org.name, "余姚机构页测试研究院")
        self.assertEqual(org.contact_email, "old@example.cn")
        self.assertFalse(AuditEntry.objects.filter(object_id=str(org.pk), action="update").exists())

    def test_keywords_follow_the_api_limits(self):
        response = self.client.post(PROFILE, self.profile_data(expertise="短词、" + "长" * 41))
        self.assertEqual(response.status_code, 200)
        self.assertIn("第2个关键词", " ".join(response.context["form"].errors["expertise"]))

    def test_a_required_field_and_an_unknown_region_are_field_errors(self):
        response = self.client.post(PROFILE, self.profile_data(name="", region="999999"))
        errors = response.context["form"].errors
        self.assertIn("name", errors)
        self.assertIn("region", errors)

    def test_a_member_sees_the_profile_read_only_and_may_not_post(self):
        self.client.force_login(self.member)
        response = self.client.get(PROFILE)
        self.assertContains(response, "只有本机构的管理员可以修改机构资料")
        self.assertNotContains(response, "保存机构资料")
        self.assertTrue(all(field.disabled for field in response.context["form"].fields.values()))
        response = self.client.post(PROFILE, self.profile_data(contact_email="member@example.cn"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Organization.objects.get(pk=self.org.pk).contact_email, "old@example.cn")

    def test_an_unverified_organization_is_explained_and_its_admins_see_it_on_the_dashboard(self):
        pending = make_organization("service_provider", verified=False, name="待认证服务机构")
        admin = make_user(organization=pending)
        member = make_user(organization=pending, role="member")
        self.client.force_login(admin)
        self.assertContains(self.client.get(PROFILE), "待认证")
        dashboard = self.client.get(reverse("frontend:dashboard"))
        self.assertContains(dashboard, "机构待认证")
        self.client.force_login(member)
        self.assertNotContains(self.client.get(reverse("frontend:dashboard")), "机构待认证")
        self.client.force_login(self.admin)  # verified: nothing to remind
        self.assertNotContains(self.client.get(reverse("frontend:dashboard")), "机构待认证")

    def test_every_kind_of_organization_has_the_pages(self):
        for kind in ("enterprise", "institute", "service_provider", "authority"):
            with self.subTest(kind=kind):
                self.client.force_login(make_user(organization=make_organization(kind)))
                self.assertEqual(self.client.get(PROFILE).status_code, 200)
                self.assertEqual(self.client.get(MEMBERS).status_code, 200)

    def test_the_workspace_links_name_the_pages_by_role(self):
        links = {
            link["name"]: link["label"] for link in self.client.get(PROFILE).context["market_header"].workspace_links
        }
        self.assertEqual(links["organization_members"], "成员管理")
        self.assertEqual(links["organization_profile"], "机构资料")
        self.client.force_login(self.member)
        links = {
            link["name"]: link["label"] for link in self.client.get(PROFILE).context["market_header"].workspace_links
        }
        self.assertEqual(links["organization_members"], "成员")


class MembersTest(OrganizationWebTestCase):
    def membership(self, user, org=None):
        return Membership.objects.get(user=user, organization=org or self.org)

    def test_the_list_shows_members_roles_and_dates(self):
        response = self.client.get(MEMBERS)
        self.assertContains(response, "管理员甲")
        self.assertContains(response, "成员乙")
        self.assertContains(response, 'data-role="admin"')
        self.assertContains(response, 'data-role="member"')
        self.assertContains(response, timezone.localtime(self.membership(self.member).created_at).strftime("%Y-%m-%d"))
        self.assertNotContains(response, "余姚另一家测试有限公司")  # not another organization's members
        self.assertNotContains(response, "other_admin")

    def test_the_admin_adds_a_user_by_username_who_is_notified(self):
        response = self.client.post(MEMBERS, {"user": " newcomer ", "role": "member"})
        self.assertRedirects(response, MEMBERS)
        self.assertTrue(Membership.objects.filter(user=self.outsider, organization=self.org, role="member").exists())
        self.assertTrue(Notification.objects.filter(recipient=self.outsider, kind="membership.added").exists())
        self.assertTrue(
            AuditEntry.objects.filter(
                organization=self.org, action="create", actor=self.admin, content_type__model="membership"
            ).exists()
        )
        self.assertContains(self.client.get(MEMBERS), "新同事丙")

    def test_an_unknown_username_is_a_field_error(self):
        response = self.client.post(MEMBERS, {"user": "ghost", "role": "member"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("没有用户名为“ghost”的用户", " ".join(response.context["invite_form"].errors["user"]))
        self.assertEqual(self.org.memberships.count(), 2)

    def test_an_inactive_user_cannot_be_added(self):
        self.outsider.is_active = False
        self.outsider.save()
        response = self.client.post(MEMBERS, {"user": "newcomer", "role": "member"})
        self.assertIn("user", response.context["invite_form"].errors)
        self.assertFalse(Membership.objects.filter(user=self.outsider).exists())

    def test_adding_someone_already_a_member_is_a_message(self):
        response = self.client.post(MEMBERS, {"user": "org_member", "role": "admin"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "该用户已是此机构成员")
        self.assertEqual(self.membership(self.member).role, "member")

    def test_a_bad_role_is_a_field_error(self):
        response = self.client.post(MEMBERS, {"user": "newcomer", "role": "owner"})
        self.assertIn("role", response.context["invite_form"].errors)
        self.assertFalse(Membership.objects.filter(user=self.outsider).exists())

    def test_the_admin_changes_a_role_with_an_audit_entry(self):
        membership = self.membership(self.member)
        response = self.client.post(role_url(membership), {"role": "admin"})
        self.assertRedirects(response, MEMBERS)
        self.assertEqual(self.membership(self.member).role, "admin")
        entry = AuditEntry.objects.get(object_id=str(membership.pk), action="update")
        self.assertEqual(entry.changes, {"role": ["member", "admin"]})
        response = self.client.post(role_url(membership), {"role": "nonsense"}, follow=True)
        self.assertContains(response, "请选择有效的角色")

    def test_the_last_admin_cannot_be_demoted_or_removed(self):
        mine = self.membership(self.admin)
        self.assertContains(self.client.get(remove_url(mine)), "这是本机构唯一的管理员")
        response = self.client.post(role_url(mine), {"role": "member"}, follow=True)
        self.assertContains(response, "机构至少需要一名管理员")
        response = self.client.post(remove_url(mine), follow=True)
        self.assertContains(response, "机构至少需要一名管理员")
        self.assertEqual(self.membership(self.admin).role, "admin")

    def test_an_admin_who_steps_down_then_sees_the_pages_read_only(self):
        second = make_user(organization=self.org)
        self.client.post(role_url(self.membership(self.admin)), {"role": "member"})
        self.assertEqual(self.membership(self.admin).role, "member")
        response = self.client.get(MEMBERS)
        self.assertIsNone(response.context["invite_form"])
        self.assertEqual(self.client.post(role_url(self.membership(second)), {"role": "member"}).status_code, 403)

    def test_a_membership_leads_to_the_members_page(self):
        self.assertEqual(self.membership(self.member).get_absolute_url(), MEMBERS)

    def test_removing_asks_first_then_removes_with_an_audit_entry(self):
        membership = self.membership(self.member)
        response = self.client.get(remove_url(membership))
        self.assertContains(response, "确认移除")
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())  # a GET changes nothing
        response = self.client.post(remove_url(membership))
        self.assertRedirects(response, MEMBERS)
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(membership.pk), action="delete", actor=self.admin).exists()
        )

    def test_an_admin_who_is_not_the_last_may_leave(self):
        second = make_user(organization=self.org)
        self.client.force_login(second)
        session = self.client.session
        session[SESSION_KEY] = self.org.pk
        session.save()
        response = self.client.post(remove_url(self.membership(second)))
        self.assertRedirects(response, reverse("frontend:dashboard"), fetch_redirect_response=False)
        self.assertFalse(Membership.objects.filter(user=second).exists())
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_a_member_sees_the_list_only_and_every_change_is_forbidden(self):
        self.client.force_login(self.member)
        response = self.client.get(MEMBERS)
        self.assertContains(response, "管理员甲")
        self.assertIsNone(response.context["invite_form"])
        self.assertIsNone(response.context["activity"])  # the API shows audit entries to administrators only
        self.assertNotContains(response, "设为管理员")
        admin_membership = self.membership(self.admin)
        self.assertEqual(self.client.post(MEMBERS, {"user": "newcomer", "role": "member"}).status_code, 403)
        self.assertEqual(self.client.post(role_url(self.membership(self.member)), {"role": "admin"}).status_code, 403)
        self.assertEqual(self.client.post(role_url(admin_membership), {"role": "member"}).status_code, 403)
        self.assertEqual(self.client.get(remove_url(admin_membership)).status_code, 403)
        self.assertEqual(self.client.post(remove_url(admin_membership)).status_code, 403)
        self.assertFalse(Membership.objects.filter(user=self.outsider).exists())
        self.assertEqual(self.membership(self.member).role, "member")
        self.assertTrue(Membership.objects.filter(pk=admin_membership.pk).exists())

    def test_a_member_may_leave_as_in_the_api(self):
        self.client.force_login(self.member)
        membership = self.membership(self.member)
        self.assertContains(self.client.get(remove_url(membership)), "确认退出")
        self.client.post(remove_url(membership))
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())

    def test_another_organizations_memberships_are_not_reachable(self):
        foreign = self.membership(self.other_admin, self.other)
        self.assertEqual(self.client.post(role_url(foreign), {"role": "member"}).status_code, 404)
        self.assertEqual(self.client.get(remove_url(foreign)).status_code, 404)
        self.assertEqual(self.client.post(remove_url(foreign)).status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=foreign.pk, role="admin").exists())

    def test_only_the_acting_organization_is_managed_even_for_an_admin_of_both(self):
        Membership.objects.create(user=self.admin, organization=self.other, role="admin")
        foreign = self.membership(self.other_admin, self.other)
        session = self.client.session
        session[SESSION_KEY] = self.org.pk
        session.save()
        self.assertEqual(self.client.post(remove_url(foreign)).status_code, 404)
        self.assertNotContains(self.client.get(MEMBERS), "other_admin")
        self.assertTrue(Membership.objects.filter(pk=foreign.pk).exists())

    def test_the_activity_lists_the_organizations_own_audit_entries(self):
        add_member(self.org, self.outsider, "member", actor=self.admin)
        foreign_user = make_user("foreign_newcomer")
        add_member(self.other, foreign_user, "member", actor=self.other_admin)
        response = self.client.get(MEMBERS)
        activity = response.context["activity"]
        self.assertTrue(activity)
        self.assertTrue(all(entry.organization_id == self.org.pk for entry in activity))
        self.assertContains(response, "新同事丙 @ 余姚机构页测试研究院")
        self.assertNotContains(response, "foreign_newcomer")

    def test_the_profile_page_makes_a_bounded_number_of_queries(self):
        def count(url):
            self.client.get(url)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            return queries

        # The header (every area's dashboard counts) is shared with the dashboard; the page adds only its own few
        # queries: the taxonomies, the regions and the organization's chains and fields.
        dashboard, profile = count(reverse("frontend:dashboard")), count(PROFILE)
        self.assertLessEqual(len(profile), len(dashboard) + 6, [q["sql"] for q in profile.captured_queries])

    def test_the_query_count_does_not_grow_with_members_and_activity(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(MEMBERS).status_code, 200)
            return len(queries)

        add_member(self.org, make_user(), "member", actor=self.admin)
        few = count()
        for _ in range(6):
            add_member(self.org, make_user(), "member", actor=self.admin)
        self.client.post(PROFILE, self.profile_data())  # an edit with changed fields in the activity
        many = count()
        self.assertEqual(few, many)


class EnglishTest(OrganizationWebTestCase):
    def test_the_pages_render_in_english(self):
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)  # the thread keeps the last request's language
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        for url in (PROFILE, MEMBERS, REGISTER, remove_url(Membership.objects.get(user=self.member))):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), 'lang="en"')


class RegisterTest(TestCase):
    def setUp(self):
        self.user = make_user("founder")
        self.client.force_login(self.user)

    def data(self, **changes):
        return {
            "credit_code": make_credit_code("91", "330281", "MA7W0001").lower(),
            "kind": "service_provider",
            "name": "余姚新登记检测服务有限公司",
            "region": "330281",
            "contact_email": "info@example.cn",
            **changes,
        }

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()
        self.assertRedirects(self.client.get(REGISTER), reverse("frontend:login") + "?next=" + REGISTER)

    def test_a_user_without_organization_registers_one_and_administers_it(self):
        self.assertContains(self.client.get(REGISTER), 'name="credit_code"')
        response = self.client.post(REGISTER, self.data())
        self.assertRedirects(response, PROFILE)
        org = Organization.objects.get(name="余姚新登记检测服务有限公司")
        self.assertFalse(org.verified)
        self.assertEqual(org.kind, "service_provider")
        self.assertEqual(org.credit_code, self.data()["credit_code"].upper())
        self.assertTrue(Membership.objects.filter(user=self.user, organization=org, role="admin").exists())
        self.assertEqual(self.client.session[SESSION_KEY], org.pk)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(org.pk), action="create", actor=self.user).exists())
        self.assertContains(self.client.get(PROFILE), "待认证")

    def test_a_bad_check_character_is_a_field_error_and_nothing_is_created(self):
        good = make_credit_code("91", "330281", "MA7W0002")
        bad = good[:-1] + ("1" if good[-1] != "1" else "2")
        response = self.client.post(REGISTER, self.data(credit_code=bad))
        self.assertEqual(response.status_code, 200)
        self.assertIn("校验位错误", " ".join(response.context["form"].errors["credit_code"]))
        self.assertFalse(Organization.objects.filter(name="余姚新登记检测服务有限公司").exists())
        self.assertFalse(Membership.objects.filter(user=self.user).exists())

    def test_a_registered_credit_code_and_missing_fields_are_field_errors(self):
        existing = make_organization("enterprise")
        response = self.client.post(REGISTER, self.data(credit_code=existing.credit_code))
        self.assertIn("该统一社会信用代码已注册", " ".join(response.context["form"].errors["credit_code"]))
        response = self.client.post(REGISTER, self.data(kind="", region=""))
        self.assertEqual(set(response.context["form"].errors), {"kind", "region"})
        self.assertEqual(Organization.objects.count(), 1)
        self.assertFalse(Membership.objects.filter(user=self.user).exists())
