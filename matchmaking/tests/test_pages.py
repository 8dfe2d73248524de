"""The event pages: public list and detail, the organizer's workspace, a registrant's meetings; validation errors
re-render the form with messages; others' drafts are 404; lists make a bounded number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .. import services
from ..models import EventLead, Registration
from .factories import make_demand, make_event, make_result, party, registered

pytestmark = pytest.mark.django_db


def browser(who=None):
    client = Client()
    if who is not None:
        client.force_login(who.user)
    return client


@pytest.fixture
def organizer():
    return party("service_provider")


@pytest.fixture
def event(organizer):
    return make_event(organizer.organization)


def test_list_shows_published_and_bounded_queries(organizer):
    draft = make_event(organizer.organization, title="内部草稿会", status="draft", published_at=None)
    make_event(organizer.organization, title="公开对接会")

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = browser().get(reverse("frontend:event_list"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, html = count()
    assert "公开对接会" in html and draft.title not in html
    for n in range(6):
        make_event(organizer.organization, title=f"对接会{n}")
    many, _html = count()
    assert many == few


def test_detail_404_for_others_drafts(organizer):
    draft = make_event(organizer.organization, status="draft", published_at=None)
    url = reverse("frontend:event_detail", args=[draft.pk])
    assert browser().get(url).status_code == 404
    assert browser(party()).get(url).status_code == 404
    assert browser(organizer).get(url).status_code == 200
    assert browser(party("institute")).get(reverse("frontend:event_manage", args=[draft.pk])).status_code == 404


def test_detail_hides_anonymous_firm_and_offers_register(organizer, event):
    secret = party()
    event.featured_demands.add(make_demand(secret.organization, anonymous=True, title="保密的翘曲需求"))
    firm = party()
    html = browser(firm).get(reverse("frontend:event_detail", args=[event.pk])).content.decode()
    assert "保密的翘曲需求" in html and secret.organization.name not in html and "匿名企业" in html
    assert 'data-role="register-form"' in html
    response = browser(firm).post(reverse("frontend:event_register", args=[event.pk]), {"note": "参会 2 人"})
    registration = Registration.objects.get(event=event, organization=firm.organization)
    assert response.status_code == 302 and response["Location"] == reverse(
        "frontend:my_registration", args=[registration.pk]
    )


def test_register_refusal_re_renders_with_message(organizer):
    event = make_event(organizer.organization, capacity=1)
    registered(event, party(), organizer, confirm=False)
    firm = party()
    response = browser(firm).post(reverse("frontend:event_register", args=[event.pk]), {})
    assert response.status_code == 400 and "名额已满" in response.content.decode()
    assert not Registration.objects.filter(organization=firm.organization).exists()


def test_create_form_validation_re_renders(organizer):
    start = timezone.localtime() + timedelta(days=3)
    data = {"kind": "roadshow", "title": "推介会", "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "capacity": "10", "place": ""}  # fmt: skip
    response = browser(organizer).post(reverse("frontend:event_create"), data)
    html = response.content.decode()
    assert response.status_code == 400 and "结束时间须晚于开始时间" in html
    data["end"] = (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    data["place"] = "余姚"
    response = browser(organizer).post(reverse("frontend:event_create"), data)
    assert response.status_code == 302
    assert browser(party()).get(reverse("frontend:event_create")).status_code == 403  # a firm does not organize


def test_manage_confirm_checkin_list_and_report(organizer, event):
    firm = party()
    registration = registered(event, firm, organizer, confirm=False)
    client = browser(organizer)
    action = reverse("frontend:registration_action", args=[registration.pk, "confirm"])
    assert browser(firm).post(action).status_code == 403  # a firm is not an organizer kind
    assert client.post(action).status_code == 302
    client.post(reverse("frontend:registration_action", args=[registration.pk, "check-in"]))
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.checked_in_at is not None
    html = client.get(reverse("frontend:event_checkin_list", args=[event.pk])).content.decode()
    assert "<svg" in html and firm.organization.name in html and "events.css" in html
    scan = client.get(reverse("frontend:event_checkin_scan", args=[registration.token]))
    assert scan.status_code == 200 and 'data-role="checked-in"' in scan.content.decode()
    report = client.get(reverse("frontend:event_report", args=[event.pk])).content.decode()
    assert 'data-stat="checked_in">1<' in report


def test_manage_page_queries_bounded(organizer, event):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert browser(organizer).get(reverse("frontend:event_manage", args=[event.pk])).status_code == 200
        return len(queries)

    registered(event, party(), organizer)
    few = count()
    for _n in range(5):
        registered(event, party("institute"), organizer)
    assert count() == few


def test_meeting_request_refused_re_renders_and_lead(organizer, event):
    firm, institute, other = party(), party("institute"), party("institute")
    mine = registered(event, firm, organizer)
    theirs = registered(event, institute, organizer)
    registered(event, other, organizer)
    result = make_result(institute.organization)
    start = timezone.localtime(event.start)
    data = {"counterpart": theirs.pk, "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"), "table": "A1"}  # fmt: skip
    url = reverse("frontend:meeting_request", args=[mine.pk])
    assert browser(firm).post(url, data).status_code == 302
    clash = browser(firm).post(url, data)
    assert clash.status_code == 400 and "该时段已有洽谈安排" in clash.content.decode()
    assert browser(other).post(url, data).status_code == 404  # not its registration
    meeting = mine.meetings_requested.get()
    browser(institute).post(reverse("frontend:meeting_action", args=[meeting.pk, "accept"]))
    meeting.refresh_from_db()
    assert meeting.status == "accepted"
    lead_url = reverse("frontend:meeting_lead", args=[meeting.pk])
    empty = browser(firm).post(lead_url, {"target": f"result:{result.pk}", "message": ""})
    assert empty.status_code == 400
    assert browser(firm).post(lead_url, {"target": f"result:{result.pk}", "message": "希望许可"}).status_code == 302
    assert EventLead.objects.get(meeting=meeting).inquiry.result == result
    page = browser(firm).get(reverse("frontend:my_registration", args=[mine.pk])).content.decode()
    assert 'data-role="lead"' in page


def test_my_events_and_dashboard_items(organizer, event):
    firm, institute = party(), party("institute")
    mine = registered(event, firm, organizer)
    theirs = registered(event, institute, organizer)
    services.request_meeting(requester=theirs, counterpart=mine, start=event.start,
                             end=event.start + timedelta(minutes=20), actor=institute.user,
                             organization=institute.organization)  # fmt: skip
    html = browser(firm).get(reverse("frontend:my_events")).content.decode()
    assert event.title in html
    dashboard = browser(firm).get(reverse("frontend:dashboard")).content.decode()
    assert "待答复的洽谈邀请" in dashboard


def test_ics_download(event):
    response = browser().get(reverse("frontend:event_ics", args=[event.pk]))
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content
