"""The events API: the permission matrix (organizer, registrant, stranger, anonymous), conflicts as 409 with a
machine code, bad input as 400, and bounded queries."""

from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.testing import api_client

from ..models import Registration
from .factories import make_demand, make_event, make_result, party, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return party("service_provider")


@pytest.fixture
def event(organizer):
    return make_event(organizer.organization)


def client(who=None):
    return api_client(who.user, who.organization) if who else api_client()


def test_anonymous_reads_published_events_only(organizer, event):
    draft = make_event(organizer.organization, title="草稿活动", status="draft", published_at=None)
    anonymous = client()
    ids = [row["id"] for row in anonymous.get("/api/v1/events/").json()["results"]]
    assert event.pk in ids and draft.pk not in ids
    assert anonymous.get(f"/api/v1/events/{draft.pk}/").status_code == 404
    assert client(party("institute")).get(f"/api/v1/events/{draft.pk}/").status_code == 404
    assert client(organizer).get(f"/api/v1/events/{draft.pk}/").status_code == 200
    assert anonymous.post("/api/v1/events/", {}).status_code == 401
    assert anonymous.get("/api/v1/event-registrations/").json()["results"] == []


def _payload(**fields):
    return {"kind": "roadshow", "title": "成果推介会", "start": "2031-05-01T09:00:00+08:00",
            "end": "2031-05-01T12:00:00+08:00", "place": "余姚", "capacity": 20, **fields}  # fmt: skip


def test_create_validates_and_checks_kind(organizer):
    response = client(organizer).post("/api/v1/events/", _payload(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft" and response.json()["organizer"]["id"] == organizer.organization.pk
    bad = client(organizer).post("/api/v1/events/", _payload(end="2031-05-01T08:00:00+08:00", place=""))
    assert bad.status_code == 400 and {"end", "place"} <= set(bad.json()["errors"])
    firm = party()
    assert client(firm).post("/api/v1/events/", _payload(), format="json").status_code == 403


def test_featured_must_be_public_and_anonymous_firm_hidden(organizer):
    firm = party()
    secret = make_demand(firm.organization, anonymous=True)
    draft_result = make_result(party("institute").organization, status="draft")
    response = client(organizer).post("/api/v1/events/", _payload(featured_results=[draft_result.pk]), format="json")
    assert response.status_code == 400 and "featured_results" in response.json()["errors"]
    response = client(organizer).post("/api/v1/events/", _payload(featured_demands=[secret.pk]), format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    client(organizer).post(f"/api/v1/events/{pk}/publish/")
    shown = client().get(f"/api/v1/events/{pk}/").json()["featured_demand_summaries"]
    assert shown[0]["id"] == secret.pk and shown[0]["firm"] is None
    suggestions = client().get(f"/api/v1/events/{pk}/suggestions/")
    assert suggestions.status_code == 200 and suggestions.json()[0]["demand"] == secret.pk


def test_organizer_actions_refused_to_others(organizer, event):
    draft = make_event(organizer.organization, status="draft", published_at=None)
    stranger = party("institute")
    stranger_client = client(stranger)
    assert stranger_client.post(f"/api/v1/events/{event.pk}/close/").status_code == 403
    assert stranger_client.patch(f"/api/v1/events/{event.pk}/", {"title": "x"}).status_code == 403
    assert stranger_client.get(f"/api/v1/events/{event.pk}/report/").status_code == 403
    assert client().get(f"/api/v1/events/{event.pk}/report/").status_code in (401, 403)
    assert client(organizer).post(f"/api/v1/events/{draft.pk}/publish/").json()["status"] == "published"
    again = client(organizer).post(f"/api/v1/events/{draft.pk}/publish/")
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_registration_matrix(organizer, event):
    firm, stranger = party(), party()
    response = client(firm).post(f"/api/v1/events/{event.pk}/register/", {"note": "带两项需求"})
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    duplicate = client(firm).post(f"/api/v1/events/{event.pk}/register/", {})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "already_registered"
    assert client(stranger).get(f"/api/v1/event-registrations/{pk}/").status_code == 404
    assert client(firm).get(f"/api/v1/event-registrations/{pk}/").status_code == 200
    assert client(firm).post(f"/api/v1/event-registrations/{pk}/confirm/").status_code == 403
    early = client(organizer).post(f"/api/v1/event-registrations/{pk}/check-in/")
    assert early.status_code == 409 and early.json()["code"] == "not_confirmed"
    assert client(organizer).post(f"/api/v1/event-registrations/{pk}/confirm/").json()["status"] == "confirmed"
    checked = client(organizer).post(f"/api/v1/event-registrations/{pk}/check-in/").json()
    assert checked["checked_in"] is True
    ids = [r["id"] for r in client(organizer).get(f"/api/v1/event-registrations/?event={event.pk}").json()["results"]]
    assert ids == [pk]


def test_capacity_409(organizer):
    event = make_event(organizer.organization, capacity=1)
    assert client(party()).post(f"/api/v1/events/{event.pk}/register/", {}).status_code == 201
    full = client(party()).post(f"/api/v1/events/{event.pk}/register/", {})
    assert full.status_code == 409 and full.json()["code"] == "event_full"


def test_meetings_and_lead(organizer, event):
    firm, institute, stranger = party(), party("institute"), party()
    registered(event, firm, organizer)
    counterpart = registered(event, institute, organizer)
    result = make_result(institute.organization)
    body = {"counterpart": counterpart.pk, "start": event.start.isoformat(),
            "end": (event.start + timedelta(minutes=30)).isoformat(), "table": "A1"}  # fmt: skip
    refused = client(stranger).post("/api/v1/event-meetings/", body)
    assert refused.status_code == 403
    response = client(firm).post("/api/v1/event-meetings/", body)
    assert response.status_code == 201, response.json()
    meeting = response.json()["id"]
    clash = client(firm).post("/api/v1/event-meetings/", body)
    assert clash.status_code == 409 and clash.json()["code"] == "double_booked"
    bad = client(firm).post("/api/v1/event-meetings/", {**body, "end": body["start"]})
    assert bad.status_code == 400 and "end" in bad.json()["errors"]
    assert client(stranger).get(f"/api/v1/event-meetings/{meeting}/").status_code == 404
    assert client(firm).post(f"/api/v1/event-meetings/{meeting}/accept/").status_code == 403
    assert client(institute).post(f"/api/v1/event-meetings/{meeting}/accept/").json()["status"] == "accepted"
    lead = client(firm).post(f"/api/v1/event-meetings/{meeting}/lead/", {"result": result.pk, "message": "许可"})
    assert lead.status_code == 201 and lead.json()["kind"] == "inquiry"
    report = client(organizer).get(f"/api/v1/events/{event.pk}/report/").json()
    assert report["meetings"] == 1 and report["leads"] == 1 and report["confirmed"] == 2


def test_calendar(event):
    response = client().get(reverse("api:event-calendar", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == event.title


def test_event_list_query_count_is_bounded(organizer):
    institute = party("institute")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client().get("/api/v1/events/").status_code == 200
        return len(queries)

    def add(title):
        event = make_event(organizer.organization, title=title)
        event.featured_results.add(make_result(institute.organization))
        event.featured_demands.add(make_demand(party().organization))
        registered(event, party(), organizer)

    add("一")
    few = count()
    for n in range(5):
        add(f"活动{n}")
    assert count() == few
    assert Registration.objects.count() == 6
