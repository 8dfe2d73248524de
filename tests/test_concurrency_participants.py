"""Concurrent requests against PostgreSQL: a transition happens once however many clients race for it."""

from collections import Counter

import pytest
from django.urls import reverse

from marketplace.models import AuditEntry, Membership, Notification
from marketplace.testing import api_client, make_organization, make_user
from marketplace.testing_concurrency import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 20


def test_twenty_concurrent_verifications_verify_once():
    organization = make_organization("enterprise", verified=False)
    member = make_user(organization=organization)
    admins = [make_user(platform_admin=True) for _ in range(CLIENTS)]
    url = reverse("api:organization-verify", args=[organization.pk])

    responses = run_concurrently(lambda i: api_client(admins[i]).post(url, {}, format="json"), CLIENTS)

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert statuses == {200: 1, 409: CLIENTS - 1}, statuses
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"already_verified"}
    assert AuditEntry.objects.filter(object_id=str(organization.pk), action="transition").count() == 1
    assert Notification.objects.filter(recipient=member, kind="organization.verified").count() == 1


def test_concurrent_demotions_never_leave_an_organization_without_an_admin():
    organization = make_organization("institute")
    admins = [make_user(organization=organization, role="admin") for _ in range(CLIENTS)]
    memberships = {m.user_id: m.pk for m in Membership.objects.filter(organization=organization)}

    def demote_self(i):
        url = reverse("api:membership-detail", args=[memberships[admins[i].pk]])
        return api_client(admins[i], organization).patch(url, {"role": "member"}, format="json")

    responses = run_concurrently(demote_self, CLIENTS)

    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    assert statuses == {200: CLIENTS - 1, 409: 1}, statuses
    assert Membership.objects.filter(organization=organization, role="admin").count() == 1
