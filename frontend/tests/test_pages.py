"""The server-rendered pages: both languages, visibility, the acting-organization switch, notifications, the
directory's filters and query count, and no external assets."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.models import IndustryChain, Membership, Notification, Organization, Region, TechField
from marketplace.validators import make_credit_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LANGUAGES = ["zh-hans", "en"]
# Text that only the page in that language shows (header navigation).
LANGUAGE_MARKERS = {"zh-hans": ("机构名录", 'lang="zh-Hans"'), "en": ("Directory", 'lang="en"')}

_serial = iter(range(1, 10_000))


def make_org(name="余姚测试企业", *, kind="enterprise", verified=True, chains=(), **fields):
    """An organization in 余姚市 with a valid, unique credit code."""
    serial = f"MA2H{next(_serial):04d}"
    organization = Organization.objects.create(
        name=name,
        credit_code=make_credit_code("91" if kind == "enterprise" else "12", "330281", serial),
        kind=kind,
        region=Region.objects.get(code="330281"),
        verified=verified,
        verified_at=timezone.now() if verified else None,
        **fields,
    )
    if chains:
        organization.industry_chains.set(chains)
    return organization


@pytest.fixture
def institute():
    organization = make_org(
        "宁波测试机器人研究院",
        kind="institute",
        name_en="Ningbo Test Robotics Institute",
        description="聚焦工业机器人与伺服驱动。",
        expertise=["多轴运动控制", "伺服驱动器设计"],
        contact_name="章立辰",
        contact_phone="0574-62958810",
    )
    organization.industry_chains.set(["robotics"])
    organization.tech_fields.set(["advanced_manufacturing"])
    return organization


@pytest.fixture
def hidden_org():
    return make_org("未认证的隐藏企业", verified=False)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("tester", password=PASSWORD, display_name="测试用户")


@pytest.fixture
def member(user, institute):
    """A user who belongs to two organizations (so the header offers the switch)."""
    Membership.objects.create(user=user, organization=institute, role="admin")
    Membership.objects.create(user=user, organization=make_org("第二家成员企业"), role="member")
    return user


def get(client, url, language="zh-hans"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url)


def assert_language(response, language):
    html = response.content.decode()
    for marker in LANGUAGE_MARKERS[language]:
        assert marker in html, f"{marker!r} missing from the {language} page"


# ----------------------------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_render_in_both_languages(client, institute, language):
    urls = [
        reverse("frontend:home"),
        reverse("frontend:organization_list"),
        reverse("frontend:organization_list") + "?kind=institute&industry_chain=robotics&q=机器人",
        reverse("frontend:organization_detail", args=[institute.pk]),
        reverse("frontend:login"),
    ]
    for url in urls:
        response = get(client, url, language)
        assert response.status_code == 200, url
        assert_language(response, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_in_pages_render_in_both_languages(client, member, institute, language):
    Notification.objects.create(recipient=member, kind="test", title="测试通知", url="/organizations/")
    client.force_login(member)
    for url in [
        reverse("frontend:home"),
        reverse("frontend:organization_list"),
        reverse("frontend:organization_detail", args=[institute.pk]),
        reverse("frontend:notifications"),
    ]:
        response = get(client, url, language)
        assert response.status_code == 200, url
        assert_language(response, language)


def test_english_pages_show_english_names_and_labels(client, institute):
    html = get(client, reverse("frontend:organization_detail", args=[institute.pk]), "en").content.decode()
    assert "Ningbo Test Robotics Institute" in html
    assert "Research institute" in html  # OrganizationKind label from marketplace, translated
    assert "Robotics and intelligent equipment" in html  # IndustryChain.name_en
    assert "Contact person" in html
    html = get(client, reverse("frontend:home"), "en").content.decode()
    assert "Verified research institutes" in html
    assert "一站式" not in html  # the Chinese intro is translated, not shown beside the English one


def test_chinese_page_uses_chinese_names(client, institute):
    html = get(client, reverse("frontend:organization_detail", args=[institute.pk])).content.decode()
    assert "<h1>宁波测试机器人研究院</h1>" in html
    assert "机器人及智能装备" in html and "联系人" in html


def test_language_switch_posts_to_set_language(client):
    html = get(client, reverse("frontend:home")).content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in html
    response = client.post(reverse("set_language"), {"language": "en", "next": "/organizations/"})
    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert "Directory" in client.get("/organizations/").content.decode()


def test_home_shows_counts_chains_and_latest_institutes(client, institute, hidden_org):
    make_org("已认证服务机构甲", kind="service_provider")
    response = get(client, reverse("frontend:home"))
    counts = response.context["counts"]
    assert counts == {"institutes": 1, "enterprises": 0, "service_providers": 1}  # the unverified firm is not counted
    html = response.content.decode()
    assert IndustryChain.objects.get(code="robotics").name in html
    assert institute.name in html
    assert hidden_org.name not in html


# ----------------------------------------------------------------------------------------------- visibility


def test_hidden_organization_is_404_for_anonymous_and_non_members(client, user, hidden_org):
    url = reverse("frontend:organization_detail", args=[hidden_org.pk])
    assert client.get(url).status_code == 404
    client.force_login(user)
    assert client.get(url).status_code == 404
    assert hidden_org.name not in client.get(reverse("frontend:organization_list")).content.decode()


def test_hidden_organization_is_visible_to_its_members_and_platform_admins(client, user, hidden_org, django_user_model):
    Membership.objects.create(user=user, organization=hidden_org)
    client.force_login(user)
    response = client.get(reverse("frontend:organization_detail", args=[hidden_org.pk]))
    assert response.status_code == 200
    assert "待认证" in response.content.decode()
    assert hidden_org.name in client.get(reverse("frontend:organization_list")).content.decode()

    admin = django_user_model.objects.create_user("platform", password=PASSWORD, is_platform_admin=True)
    client.force_login(admin)
    assert client.get(reverse("frontend:organization_detail", args=[hidden_org.pk])).status_code == 200


def test_unknown_organization_is_404(client):
    assert client.get(reverse("frontend:organization_detail", args=[999_999])).status_code == 404


# ----------------------------------------------------------------------------------------------- acting organization


def test_switching_to_a_foreign_organization_is_forbidden(client, member):
    foreign = make_org("别人的企业")
    client.force_login(member)
    response = client.post(reverse("frontend:switch_organization"), {"organization": foreign.pk})
    assert response.status_code == 403
    assert "acting_organization_id" not in client.session


def test_switching_to_an_own_organization_is_stored_in_the_session(client, member, institute):
    client.force_login(member)
    response = client.post(
        reverse("frontend:switch_organization"), {"organization": institute.pk, "next": "/organizations/"}
    )
    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert client.session["acting_organization_id"] == institute.pk
    # The header now shows it as the selected option.
    html = client.get(reverse("frontend:home")).content.decode()
    assert f'<option value="{institute.pk}" selected>' in html


def test_switch_rejects_bad_input_unsafe_next_get_and_anonymous(client, member, institute):
    url = reverse("frontend:switch_organization")
    assert client.post(url, {"organization": institute.pk}).status_code == 302  # anonymous → login
    assert "acting_organization_id" not in client.session
    client.force_login(member)
    assert client.get(url).status_code == 405
    assert client.post(url, {"organization": "abc"}).status_code == 400
    response = client.post(url, {"next": "/organizations/"}, follow=True)  # nothing chosen: back, with a message
    assert response.redirect_chain == [("/organizations/", 302)]
    assert "请选择一个机构。" in response.content.decode()
    response = client.post(url, {"organization": institute.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("frontend:home")


def test_header_offers_the_switch_only_with_several_memberships(client, user, institute):
    Membership.objects.create(user=user, organization=institute)
    client.force_login(user)
    html = client.get(reverse("frontend:home")).content.decode()
    assert reverse("frontend:switch_organization") not in html
    assert institute.name in html  # the single organization is named instead
    Membership.objects.create(user=user, organization=make_org("另一家企业"))
    html = client.get(reverse("frontend:home")).content.decode()
    assert reverse("frontend:switch_organization") in html


# ----------------------------------------------------------------------------------------------- sign-in, notifications


def test_login_and_logout(client, user):
    response = client.post(reverse("frontend:login"), {"username": "tester", "password": PASSWORD})
    assert response.status_code == 302
    html = client.get(reverse("frontend:home")).content.decode()
    assert "测试用户" in html and reverse("frontend:logout") in html
    assert client.get(reverse("frontend:logout")).status_code == 405  # logout is POST only
    assert client.post(reverse("frontend:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_shows_an_error_for_a_wrong_password(client, user):
    response = client.post(reverse("frontend:login"), {"username": "tester", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()


def test_notifications_page_requires_login(client):
    url = reverse("frontend:notifications")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('frontend:login')}?next={url}"
    assert client.post(reverse("frontend:notifications_mark_all_read")).status_code == 302


def test_notifications_list_count_and_mark_all_read(client, user, django_user_model):
    other = django_user_model.objects.create_user("other", password=PASSWORD)
    for i in range(3):
        Notification.objects.create(recipient=user, kind="test", title=f"我的通知{i}")
    earlier = timezone.now() - timezone.timedelta(days=1)
    already_read = Notification.objects.create(recipient=user, kind="test", title="已读通知", read_at=earlier)
    foreign = Notification.objects.create(recipient=other, kind="test", title="别人的通知")
    client.force_login(user)

    response = client.get(reverse("frontend:notifications"))
    html = response.content.decode()
    assert "我的通知0" in html and "别人的通知" not in html
    assert response.context["unread_count"] == 3
    assert '<span class="badge"' in html  # unread count in the header

    response = client.post(reverse("frontend:notifications_mark_all_read"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("frontend:notifications")
    assert not user.notifications.filter(read_at__isnull=True).exists()
    already_read.refresh_from_db()
    foreign.refresh_from_db()
    assert already_read.read_at == earlier  # read times already set are kept
    assert foreign.read_at is None  # other users' notifications are untouched
    assert '<span class="badge"' not in response.content.decode()


# ----------------------------------------------------------------------------------------------- directory


def test_directory_filters_by_kind_chain_and_text(client, institute):
    firm = make_org("余姚注塑机械有限公司", chains=["rubber_plastics"], expertise=["注塑机械手"])
    url = reverse("frontend:organization_list")

    def names(query):
        return {o.name for o in client.get(url + query).context["organizations"]}

    assert names("") == {institute.name, firm.name}
    assert names("?kind=institute") == {institute.name}
    assert names("?industry_chain=rubber_plastics") == {firm.name}
    assert names("?q=伺服驱动器") == {institute.name}  # Chinese expertise keyword (escaped JSON on SQLite)
    assert names("?q=工业机器人") == {institute.name}  # description
    assert names("?q=robotics institute") == {institute.name}  # English name, case-insensitive
    assert names("?q=注塑机械") == {firm.name}
    assert names("?industry_chain=unknown-chain") == {institute.name, firm.name}  # an invalid filter is ignored


def test_directory_paginates_20_per_page_and_keeps_filters(client):
    for i in range(25):
        make_org(f"分页测试企业{i:02d}")
    url = reverse("frontend:organization_list")
    first = client.get(url + "?kind=enterprise")
    assert len(first.context["organizations"]) == 20
    assert "?kind=enterprise&amp;page=2" in first.content.decode()
    second = client.get(url + "?kind=enterprise&page=2")
    assert len(second.context["organizations"]) == 5
    assert client.get(url + "?page=99").status_code == 200  # out of range → last page


def _directory_queries(client, count):
    chains = list(IndustryChain.objects.values_list("code", flat=True)[:3])
    fields = list(TechField.objects.all()[:2])
    for _ in range(count):
        organization = make_org(f"查询计数企业{Organization.objects.count():03d}", chains=chains, expertise=["a", "b"])
        organization.tech_fields.set(fields)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("frontend:organization_list"))
    assert response.status_code == 200
    return len(queries)


def test_directory_query_count_does_not_grow_with_organizations(client, member):
    client.force_login(member)
    client.get(reverse("frontend:organization_list"))  # warm the session and the content-type cache
    few = _directory_queries(client, 3)
    many = _directory_queries(client, 27)  # 30 organizations (plus the member's own two)
    assert Organization.objects.count() > 30
    assert few == many
    assert many <= 15


# ----------------------------------------------------------------------------------------------- no external assets

EXTERNAL_ASSET = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE
)


def test_no_page_loads_css_js_or_fonts_from_another_host(client, member, institute, hidden_org):
    urls = [
        reverse("frontend:home"),
        reverse("frontend:organization_list"),
        reverse("frontend:organization_detail", args=[institute.pk]),
        reverse("frontend:login"),
        reverse("frontend:organization_detail", args=[hidden_org.pk]),  # the 404 page
    ]
    pages = [client.get(url).content.decode() for url in urls]
    client.force_login(member)
    pages += [client.get(url).content.decode() for url in [*urls[:3], reverse("frontend:notifications")]]
    for html in pages:
        assert not EXTERNAL_ASSET.search(html)
        assert '<script src="http' not in html and '<link href="http' not in html
        assert "@import" not in html and "fonts.googleapis" not in html

    css_dir = Path(__file__).resolve().parent.parent / "static" / "frontend"
    for path in css_dir.rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", text), path
        assert "@import" not in text, path
