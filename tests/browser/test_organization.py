"""An organization's administrator in a real browser: editing the profile (a bad value first) and seeing it on the
public profile page; adding a colleague by username, making them an administrator, removing them; and being refused
when trying to leave as the last administrator. The members page on a phone."""

import pytest

from marketplace.models import Membership, Organization
from marketplace.services.organizations import add_member
from marketplace.testing import make_organization, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def member_row(page, username):
    return page.locator(f"tr[data-username='{username}']")


def test_an_admin_edits_the_profile_and_it_shows_on_the_public_page(page, url, login):
    org = make_organization("institute", name="余姚浏览器资料测试研究院", contact_email="old@example.cn")
    login(page, make_user("profile_admin", organization=org))
    page.goto(url("frontend:dashboard"))
    page.click(".workspace-nav a:has-text('机构资料')")
    page.wait_for_url("**/workspace/organization/")
    assert page.inner_text("main h1") == "机构资料"
    assert "已认证" in page.inner_text(".org-verification")

    page.fill("input[name=contact_email]", "lab@")
    page.fill("input[name=website]", "www.yy-lab.example.cn")
    page.click("button:has-text('保存机构资料')")
    page.wait_for_load_state()
    error = page.locator(".field.has-error").filter(has=page.locator("input[name=contact_email]"))
    assert error.locator(".field-error").count() == 1
    assert Organization.objects.get(pk=org.pk).contact_email == "old@example.cn"  # nothing saved

    page.fill("input[name=contact_email]", "lab@yy-lab.example.cn")
    page.fill("textarea[name=description]", "专注精密测量与材料失效分析。")
    page.fill("textarea[name=expertise]", "三坐标测量、失效分析")
    page.check("input[name=industry_chains][value=molds]")
    page.click("button:has-text('保存机构资料')")
    page.wait_for_load_state()
    assert "机构资料已保存" in page.inner_text(".messages")
    org.refresh_from_db()
    assert org.contact_email == "lab@yy-lab.example.cn"
    assert org.website == "https://www.yy-lab.example.cn"
    assert org.expertise == ["三坐标测量", "失效分析"]
    assert list(org.industry_chains.values_list("code", flat=True)) == ["molds"]

    page.click("a:has-text('查看机构主页')")
    page.wait_for_url(f"**/organizations/{org.pk}/")
    main = page.inner_text("main")
    assert "lab@yy-lab.example.cn" in main
    assert "https://www.yy-lab.example.cn" in main
    assert "专注精密测量与材料失效分析" in main
    assert "失效分析" in main
    assert not page.js_errors


def test_an_admin_adds_promotes_and_removes_a_member_but_cannot_leave_as_the_last_admin(page, url, login):
    org = make_organization("service_provider", name="余姚浏览器成员测试服务有限公司")
    admin = make_user("members_admin", organization=org, display_name="赵管理")
    colleague = make_user("new_colleague", display_name="钱同事")
    login(page, admin)
    page.goto(url("frontend:dashboard"))
    page.click(".workspace-nav a:has-text('成员管理')")
    page.wait_for_url("**/workspace/organization/members/")

    page.fill("input[name=user]", "nobody_here")
    page.click("button:has-text('添加成员')")
    page.wait_for_load_state()
    assert "没有用户名为“nobody_here”的用户" in page.inner_text(".invite-form")

    page.fill("input[name=user]", "new_colleague")
    page.select_option("select[name=role]", "member")
    page.click("button:has-text('添加成员')")
    page.wait_for_load_state()
    assert "钱同事" in page.inner_text(".messages")
    row = member_row(page, "new_colleague")
    assert row.locator("[data-role]").inner_text() == "成员"
    assert Membership.objects.get(user=colleague, organization=org).role == "member"

    row.locator("button:has-text('设为管理员')").click()
    page.wait_for_load_state()
    assert member_row(page, "new_colleague").locator("[data-role]").inner_text() == "管理员"
    assert Membership.objects.get(user=colleague, organization=org).role == "admin"

    member_row(page, "new_colleague").locator("a:has-text('移除')").click()
    page.wait_for_url("**/remove/")
    assert "钱同事" in page.inner_text("main")
    page.click("button:has-text('确认移除')")
    page.wait_for_url("**/workspace/organization/members/")
    assert member_row(page, "new_colleague").count() == 0
    assert not Membership.objects.filter(user=colleague, organization=org).exists()
    assert "删除" in page.inner_text(".activity")  # the removal is in the organization's activity

    member_row(page, "members_admin").locator("a:has-text('退出机构')").click()
    page.wait_for_url("**/remove/")
    page.click("button:has-text('确认退出')")
    page.wait_for_url("**/workspace/organization/members/")
    assert "机构至少需要一名管理员" in page.inner_text(".messages")
    assert Membership.objects.get(user=admin, organization=org).role == "admin"
    assert not page.js_errors


def test_the_members_page_fits_a_phone(phone, url, login):
    org = make_organization("enterprise", name="余姚手机成员测试有限公司")
    admin = make_user("phone_admin", organization=org)
    for n in range(3):
        add_member(org, make_user(f"phone_member_with_a_long_name_{n}", email=f"member{n}@example.cn"), "member",
                   actor=admin)  # fmt: skip
    login(phone, admin)
    phone.goto(url("frontend:organization_members"))
    assert phone.inner_text("main h1") == "成员管理"
    assert member_row(phone, "phone_member_with_a_long_name_2").is_visible()
    assert phone.locator("button:has-text('添加成员')").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
