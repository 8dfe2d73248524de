"""The audit log (immutable, readable by administrators) and notifications (in-app + e-mail after commit)."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from marketplace.models import AuditEntry, Notification
from marketplace.services import audit
from marketplace.services.notifications import notify
from marketplace.testing import APIResourceTests, api_client, make_organization, make_user


class AuditLogTest(APIResourceTests.Base):
    def test_record_keeps_actor_organization_object_and_changes(self):
        entry = audit.record(
            actor=self.owner_user,
            organization=self.owner,
            target=self.owner,
            action="update",
            changes={"description": ["", "新简介"]},
        )
        self.assertEqual(entry.actor_repr, str(self.owner_user))
        self.assertEqual(entry.object_id, str(self.owner.pk))
        self.assertEqual(entry.content_type.model, "organization")
        self.assertEqual(entry.changes, {"description": ["", "新简介"]})

    def test_entries_are_immutable(self):
        entry = audit.record(actor=None, target=self.owner, action="create")
        self.assertEqual(entry.actor_repr, "system")
        entry.note = "tampered"
        with pytest.raises(TypeError):
            entry.save()
        with pytest.raises(TypeError):
            entry.delete()
        with pytest.raises(TypeError):
            AuditEntry.objects.all().update(note="x")
        with pytest.raises(TypeError):
            AuditEntry.objects.all().delete()

    def test_unknown_action_is_a_programming_error(self):
        with pytest.raises(ValueError):
            audit.record(actor=None, target=self.owner, action="teleport")

    def test_api_platform_admin_reads_all_org_admin_reads_own(self):
        other = make_organization()
        audit.record(actor=None, organization=self.owner, target=self.owner, action="update")
        audit.record(actor=None, organization=other, target=other, action="update")
        url = reverse("api:auditentry-list")
        everything = api_client(self.platform_admin).get(url, {"object_type": "marketplace.organization"}).json()
        self.assertEqual(everything["count"], 2)
        own = api_client(self.owner_user, self.owner).get(url).json()
        self.assertEqual({e["organization"] for e in own["results"]}, {self.owner.pk})
        member = make_user(organization=self.owner, role="member")
        self.assertEqual(api_client(member, self.owner).get(url).json()["count"], 0)
        self.assert_error(api_client().get(url), 401)
        self.assert_error(api_client(self.platform_admin).post(url, {}), 405)

    def test_profile_edit_is_audited_with_changed_fields(self):
        client = api_client(self.owner_user, self.owner)
        client.patch(reverse("api:organization-detail", args=[self.owner.pk]), {"contact_name": "王工"})
        entry = AuditEntry.objects.filter(object_id=str(self.owner.pk), action="update").latest("id")
        self.assertEqual(entry.changes["contact_name"], ["", "王工"])
        self.assertEqual(entry.organization, self.owner)
        self.assertNotIn("name", entry.changes)

    def test_many_to_many_edits_are_audited_and_unchanged_lists_are_not(self):
        self.owner.expertise = ["注塑"]
        self.owner.save()
        client = api_client(self.owner_user, self.owner)
        url = reverse("api:organization-detail", args=[self.owner.pk])
        response = client.patch(url, {"expertise": ["注塑"], "industry_chains": ["molds"]}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        entry = AuditEntry.objects.filter(object_id=str(self.owner.pk), action="update").latest("id")
        self.assertEqual(entry.changes, {"industry_chains": [[], ["molds"]]})
        before = AuditEntry.objects.count()
        client.patch(url, {"expertise": ["注塑"], "industry_chains": ["molds"]}, format="json")
        self.assertEqual(AuditEntry.objects.count(), before)  # nothing changed, nothing audited


class NotificationTest(APIResourceTests.Base):
    def test_notify_writes_rows_and_emails_after_commit_only(self):
        user = make_user(email="a@example.cn")
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            notify([user], kind="test.hello", title="你好", body="正文", url="/x/")
            self.assertEqual(len(mail.outbox), 0)  # nothing before commit
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("你好", mail.outbox[0].subject)
        self.assertIn("/x/", mail.outbox[0].body)
        self.assertIsNotNone(Notification.objects.get(recipient=user).emailed_at)

    def test_rolled_back_change_leaves_no_notification_and_no_mail(self):
        user = make_user(email="b@example.cn")
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    notify([user], kind="test.hello", title="回滚")
                    raise RuntimeError("boom")
            except RuntimeError:
                pass
        self.assertFalse(Notification.objects.filter(recipient=user).exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_inactive_users_and_duplicates_are_skipped(self):
        user = make_user()
        inactive = make_user(is_active=False)
        self.assertEqual(len(notify([user, user, inactive], kind="k", title="t", email=False)), 1)

    def test_api_lists_own_and_marks_read(self):
        user = make_user()
        notify([user], kind="k", title="一", email=False)
        notify([user], kind="k", title="二", email=False)
        notify([self.outsider], kind="k", title="别人的", email=False)
        client = api_client(user)
        url = reverse("api:notification-list")
        self.assertEqual(client.get(url, {"unread": "true"}).json()["count"], 2)
        first = client.get(url).json()["results"][0]
        self.assertIsNotNone(client.post(reverse("api:notification-read", args=[first["id"]])).json()["read_at"])
        self.assertEqual(client.get(url, {"unread": "true"}).json()["count"], 1)
        self.assertEqual(client.post(reverse("api:notification-read-all")).json()["updated"], 1)
        foreign = Notification.objects.get(recipient=self.outsider)
        self.assert_error(client.post(reverse("api:notification-read", args=[foreign.pk])), 404)
