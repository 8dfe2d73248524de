"""Test helpers the apps reuse: factories for participants and a declarative API test base (NetBox style).

An app's API test declares its data, not boilerplate::

    class InstrumentAPITest(APIResourceTests.Everything):
        basename = "instrument"
        owner_kind = "institute"

        def make_object(self, owner, **kwargs): ...        # an object everyone may see
        def make_hidden_object(self, owner): ...           # one only its owner sees (or return None)
        def create_payload(self): ...
        def update_payload(self): ...
"""

import itertools

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from .choices import MembershipRole
from .models import AuditEntry, Membership, Organization, User
from .validators import make_credit_code

_serial = itertools.count(1)


def make_organization(kind="enterprise", *, verified=True, name=None, region="330281", **fields) -> Organization:
    """An organization with a valid, unique credit code."""
    n = next(_serial)
    prefix = {"authority": "11", "institute": "12"}.get(kind, "91")
    organization = Organization(
        name=name or f"测试机构{n:04d}",
        credit_code=fields.pop("credit_code", None) or make_credit_code(prefix, region, f"MA{n:06d}"),
        kind=kind,
        region_id=region,
        **fields,
    )
    if verified:
        organization.verified, organization.verified_at = True, timezone.now()
    organization.full_clean()
    organization.save()
    return organization


def make_user(username=None, *, organization=None, role=MembershipRole.ADMIN, platform_admin=False, **fields) -> User:
    """A user, optionally a member of ``organization`` with ``role``."""
    user = User.objects.create_user(
        username=username or f"user{next(_serial):04d}",
        password="pw-for-tests-1",
        is_platform_admin=platform_admin,
        **fields,
    )
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


def api_client(user=None, organization=None) -> APIClient:
    """An API client authenticated as ``user`` (force_authenticate) acting for ``organization``."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if organization is not None:
        client.credentials(HTTP_X_ORGANIZATION=str(organization.pk))
    return client


class APIResourceTests:
    """Generic API behaviour tests. Mix the parts you need into a ``django.test.TestCase`` subclass through
    ``Everything`` or the individual mixins; declare ``basename``, ``owner_kind`` and the data hooks."""

    class Base(TestCase):
        basename: str = ""
        owner_kind: str = "enterprise"
        #: An organization of the owner kind creates objects; other kinds get 403 when this is True.
        other_kinds_forbidden = True
        #: Upper bound on queries for a list page, whatever the number of rows.
        max_list_queries = 12

        @classmethod
        def setUpTestData(cls):
            cls.owner = make_organization(cls.owner_kind)
            cls.owner_user = make_user(organization=cls.owner)
            cls.outsider_org = make_organization(cls.owner_kind)
            cls.outsider = make_user(organization=cls.outsider_org)
            cls.platform_admin = make_user(platform_admin=True)

        # hooks -----------------------------------------------------------------------------------------------------
        def make_object(self, owner, **kwargs):
            raise NotImplementedError

        def make_hidden_object(self, owner):
            return None

        def create_payload(self) -> dict:
            raise NotImplementedError

        def acting_for(self, obj):
            """The organization the owner acts for when editing ``obj`` (its owner, by default ``self.owner``)."""
            return self.owner

        def update_payload(self) -> dict:
            raise NotImplementedError

        # helpers ---------------------------------------------------------------------------------------------------
        def list_url(self):
            return reverse(f"api:{self.basename}-list")

        def detail_url(self, obj):
            return reverse(f"api:{self.basename}-detail", args=[obj.pk])

        def assert_error(self, response, status, code=None):
            self.assertEqual(response.status_code, status, response.content[:500])
            if code:
                self.assertEqual(response.json()["code"], code)

    class List(Base):
        def test_anonymous_list_is_paginated(self):
            self.make_object(self.owner)
            response = api_client().get(self.list_url())
            self.assertEqual(response.status_code, 200)
            body = response.json()
            self.assertEqual(set(body), {"count", "next", "previous", "results"})
            self.assertGreaterEqual(body["count"], 1)

        def test_list_query_count_does_not_grow_with_rows(self):
            client = api_client(self.owner_user, self.owner)
            self.make_object(self.owner)
            with CaptureQueriesContext(connection) as few:
                self.assertEqual(client.get(self.list_url()).status_code, 200)
            for _ in range(6):
                self.make_object(self.owner)
            with CaptureQueriesContext(connection) as many:
                self.assertEqual(client.get(self.list_url()).status_code, 200)
            self.assertEqual(len(few), len(many), [q["sql"] for q in many.captured_queries])
            self.assertLessEqual(len(many), self.max_list_queries)

    class Get(Base):
        def test_anonymous_get_visible_object(self):
            obj = self.make_object(self.owner)
            self.assertEqual(api_client().get(self.detail_url(obj)).status_code, 200)

        def test_hidden_object_is_404_for_others_and_visible_to_owner(self):
            obj = self.make_hidden_object(self.owner)
            if obj is None:
                self.skipTest("this resource has no hidden objects")
            self.assert_error(api_client().get(self.detail_url(obj)), 404, "not_found")
            self.assert_error(api_client(self.outsider, self.outsider_org).get(self.detail_url(obj)), 404)
            self.assertEqual(api_client(self.owner_user, self.owner).get(self.detail_url(obj)).status_code, 200)
            self.assertEqual(api_client(self.platform_admin).get(self.detail_url(obj)).status_code, 200)

    class Create(Base):
        def test_anonymous_create_is_401(self):
            self.assert_error(api_client().post(self.list_url(), self.create_payload()), 401, "not_authenticated")

        def test_owner_creates_and_is_audited(self):
            response = api_client(self.owner_user, self.owner).post(self.list_url(), self.create_payload())
            self.assertEqual(response.status_code, 201, response.content[:800])
            pk = response.json()["id"]
            self.assertTrue(
                AuditEntry.objects.filter(object_id=str(pk), action="create", actor=self.owner_user).exists()
            )

        def test_cannot_act_for_a_foreign_organization(self):
            response = api_client(self.outsider, self.owner).post(self.list_url(), self.create_payload())
            self.assert_error(response, 403, "not_a_member")

        def test_invalid_payload_is_400_with_field_errors(self):
            response = api_client(self.owner_user, self.owner).post(self.list_url(), {"id": "x"}, format="json")
            self.assert_error(response, 400, "invalid")
            self.assertIsInstance(response.json()["errors"], dict)

        #: A free-text field of ``create_payload`` and its length limit: one character more is a 400 naming the field.
        long_text_field: str | None = None
        long_text_limit: int = 0

        def test_over_long_text_is_400_and_nothing_is_saved(self):
            if not self.long_text_field:
                self.skipTest("no free-text field declared")
            model = resolve(self.list_url()).func.cls.queryset.model
            client = api_client(self.owner_user, self.owner)
            before = model.objects.count()
            payload = {**self.create_payload(), self.long_text_field: "长" * (self.long_text_limit + 1)}
            response = client.post(self.list_url(), payload, format="json")
            self.assert_error(response, 400, "invalid")
            message = " ".join(response.json()["errors"][self.long_text_field])
            self.assertIn(f"不能超过 {self.long_text_limit} 个字符", message)
            self.assertEqual(model.objects.count(), before)
            self.assertFalse(AuditEntry.objects.filter(action="create").exists())
            # The limit is the one stated, not lower: exactly that many characters are accepted.
            payload[self.long_text_field] = "长" * self.long_text_limit
            self.assertEqual(client.post(self.list_url(), payload, format="json").status_code, 201)

    class Update(Base):
        def test_owner_updates_and_is_audited(self):
            obj = self.make_object(self.owner)
            response = api_client(self.owner_user, self.acting_for(obj)).patch(
                self.detail_url(obj), self.update_payload()
            )
            self.assertEqual(response.status_code, 200, response.content[:800])
            self.assertTrue(AuditEntry.objects.filter(object_id=str(obj.pk), action="update").exists())

        def test_outsider_cannot_update(self):
            obj = self.make_object(self.owner)
            response = api_client(self.outsider, self.outsider_org).patch(self.detail_url(obj), self.update_payload())
            self.assertIn(response.status_code, (403, 404))

        def test_anonymous_cannot_update(self):
            obj = self.make_object(self.owner)
            self.assert_error(api_client().patch(self.detail_url(obj), self.update_payload()), 401)

    class Everything(List, Get, Create, Update):
        pass


# --- uploads --------------------------------------------------------------------------------------------------------
def image_bytes(image_format="PNG", size=(4, 3), exif: dict | None = None) -> bytes:
    """A real picture (Pillow), optionally with EXIF tags such as ``{0x8825: ...}`` (GPS) or ``{0x010F: "maker"}``."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    image = Image.new("RGB", size, (29, 79, 145))
    options = {}
    if exif:
        tags = Image.Exif()
        for tag, value in exif.items():
            tags[tag] = value
        options["exif"] = tags.tobytes()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def pdf_bytes(pages=1) -> bytes:
    """A real PDF with ``pages`` pages (reportlab)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    for number in range(pages):
        document.drawString(72, 720, f"payment proof {number + 1}")
        document.showPage()
    document.save()
    return buffer.getvalue()
