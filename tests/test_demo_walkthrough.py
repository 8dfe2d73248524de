"""The demo market walked through as its users would (one seeding, several checks):

- every notification leads to a page that exists and its recipient may open (acting for the organization it was
  sent to) — no debug 404 behind a notification link;
- each role's workspace pages, reached by following the links a user can click from the dashboard, answer 200;
  every POST form carries its CSRF token; no page shows a mixed "中文 (English)" message.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from frontend.crawl import crawl
from marketplace.api.acting import SESSION_KEY
from marketplace.models import Notification, User

pytestmark = pytest.mark.django_db

ROLES = ("yy_appliance", "yy_mold_eng", "zju_robot", "yy_testing", "kjj", "xu_broker")
MIXED = re.compile(r"[\u4e00-\u9fff][^<>\n]{0,80}\((?:the|you|a|an|this|that|please|invalid)\b[^)]*\)")


def _client(user, organization_id=None):
    client = Client()
    client.force_login(user)
    if organization_id:
        session = client.session
        session[SESSION_KEY] = organization_id
        session.save()
    return client


def _notification_problems():
    notifications = list(Notification.objects.select_related("recipient").prefetch_related("target"))
    assert len(notifications) >= 20
    problems = []
    for notification in notifications:
        link = notification.link
        if not link:
            problems.append((notification.kind, "no link"))
            continue
        status = _client(notification.recipient, notification.organization_id).get(link, follow=True).status_code
        if status != 200:
            problems.append((notification.kind, link, status))
    return problems


def _workspace_problems(username):
    pages = crawl(_client(User.objects.get(username=username)))
    problems = [] if pages else [(username, "no pages")]
    for path, response, links in pages:
        if response.status_code != 200:
            problems.append((username, path, response.status_code))
            continue
        problems += [(username, path, "POST form without CSRF token", a) for a, ok in links.post_forms if not ok]
        if match := MIXED.search(response.content.decode()):
            problems.append((username, path, "mixed message", match.group(0)))
    return problems


def test_the_demo_market_walkthrough(subtests):
    call_command("seed_demo", stdout=StringIO())
    with subtests.test("notification links"):
        problems = _notification_problems()
        assert not problems, problems
    for username in ROLES:
        with subtests.test("workspace", user=username):
            problems = _workspace_problems(username)
            assert not problems, problems
