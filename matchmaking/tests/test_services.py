"""Event services: capacity, duplicates, meetings without double booking, leads and the report."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from marketplace.exceptions import DomainError, RuleViolation
from marketplace.models import AuditEntry, Notification
from tech_transfer.models import Inquiry, TechContract

from .. import services
from ..models import EventLead, Registration
from .factories import make_demand, make_event, make_result, party, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return party("service_provider")


@pytest.fixture
def event(organizer):
    return make_event(organizer.organization, capacity=2)


def test_register_then_confirm_notifies_and_audits(event, organizer):
    firm = party()
    registration = services.register(event, organization=firm.organization, actor=firm.user, note="带两项需求")
    assert registration.status == "pending"
    services.confirm_registration(registration, actor=organizer.user, organization=organizer.organization)
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert Notification.objects.filter(recipient=firm.user, kind="event.confirmed").count() == 1
    assert Notification.objects.filter(recipient=organizer.user, kind="event.registered").count() == 1
    assert AuditEntry.objects.filter(object_id=str(registration.pk), transition="pending→confirmed").exists()


def test_capacity_is_enforced(event):
    services.register(event, organization=party().organization, actor=party().user)
    services.register(event, organization=party("institute").organization, actor=party().user)
    third = party()
    with pytest.raises(DomainError) as excinfo:
        services.register(event, organization=third.organization, actor=third.user)
    assert excinfo.value.code == "event_full"


def test_declined_registration_frees_its_seat(event, organizer):
    first = services.register(event, organization=party().organization, actor=party().user)
    services.register(event, organization=party().organization, actor=party().user)
    services.decline_registration(first, actor=organizer.user, organization=organizer.organization)
    late = party()
    assert services.register(event, organization=late.organization, actor=late.user).status == "pending"


def test_duplicate_registration_refused_by_service_and_database(event):
    firm = party()
    registration = services.register(event, organization=firm.organization, actor=firm.user)
    with pytest.raises(DomainError) as excinfo:
        services.register(event, organization=firm.organization, actor=firm.user)
    assert excinfo.value.code == "already_registered"
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, organization=firm.organization, user=registration.user)


@pytest.mark.parametrize(
    ("fields", "code"),
    [({"status": "draft"}, "event_not_open"), ({"status": "closed"}, "event_not_open")],
)
def test_only_published_events_take_registrations(organizer, fields, code):
    event = make_event(organizer.organization, **fields)
    firm = party()
    with pytest.raises(DomainError) as excinfo:
        services.register(event, organization=firm.organization, actor=firm.user)
    assert excinfo.value.code == code


def test_organizer_and_authority_cannot_register(event, organizer):
    with pytest.raises(DomainError) as excinfo:
        services.register(event, organization=organizer.organization, actor=organizer.user)
    assert excinfo.value.code == "own_event"
    authority = party("authority")
    with pytest.raises(DomainError) as excinfo:
        services.register(event, organization=authority.organization, actor=authority.user)
    assert excinfo.value.code == "wrong_organization_kind"


def test_registrant_brings_only_its_own_published_results(event):
    institute, other = party("institute"), party("institute")
    own = make_result(institute.organization)
    foreign = make_result(other.organization)
    with pytest.raises(RuleViolation):
        services.register(event, organization=institute.organization, actor=institute.user, results=[foreign])
    registration = services.register(event, organization=institute.organization, actor=institute.user, results=[own])
    assert list(registration.results.all()) == [own]


def test_check_in_needs_confirmation_and_is_idempotent(event, organizer):
    firm = party()
    registration = registered(event, firm, organizer, confirm=False)
    with pytest.raises(DomainError) as excinfo:
        services.check_in(registration, actor=organizer.user, organization=organizer.organization)
    assert excinfo.value.code == "not_confirmed"
    services.confirm_registration(registration, actor=organizer.user, organization=organizer.organization)
    first = services.check_in(registration, actor=organizer.user, organization=organizer.organization)
    again = services.check_in(registration, actor=organizer.user, organization=organizer.organization)
    assert first.checked_in_at is not None and again.checked_in_at == first.checked_in_at
    with pytest.raises(DomainError):
        services.check_in(registration, actor=firm.user, organization=firm.organization)


@pytest.fixture
def trio(organizer):
    event = make_event(organizer.organization)
    a, b, c = party(), party("institute"), party("institute")
    return event, [(p, registered(event, p, organizer)) for p in (a, b, c)]


def test_meeting_request_notifies_counterpart(trio):
    event, [(a, ra), (b, rb), _c] = trio
    meeting = services.request_meeting(
        requester=ra,
        counterpart=rb,
        start=event.start,
        actor=a.user,
        end=event.start + timedelta(minutes=30),
        organization=a.organization,
    )
    assert meeting.status == "requested"
    assert Notification.objects.filter(recipient=b.user, kind="event.meeting_requested").count() == 1
    services.accept_meeting(meeting, actor=b.user, organization=b.organization)
    meeting.refresh_from_db()
    assert meeting.status == "accepted"


def test_double_booked_meeting_refused_for_either_party(trio):
    event, [(a, ra), (_b, rb), (c, rc)] = trio
    start = event.start
    services.request_meeting(
        requester=ra,
        counterpart=rb,
        start=start,
        end=start + timedelta(minutes=30),
        actor=a.user,
        organization=a.organization,
    )
    # c asks b for an overlapping slot: b is busy
    with pytest.raises(DomainError) as excinfo:
        services.request_meeting(
            requester=rc,
            counterpart=rb,
            start=start + timedelta(minutes=15),
            end=start + timedelta(minutes=45),
            actor=c.user,
            organization=c.organization,
        )
    assert excinfo.value.code == "double_booked"
    # c asks a (the first requester) for an overlapping slot: a is busy too
    with pytest.raises(DomainError):
        services.request_meeting(
            requester=rc,
            counterpart=ra,
            start=start,
            end=start + timedelta(minutes=10),
            actor=c.user,
            organization=c.organization,
        )
    # back to back is fine
    after = services.request_meeting(
        requester=rc,
        counterpart=rb,
        start=start + timedelta(minutes=30),
        end=start + timedelta(minutes=60),
        actor=c.user,
        organization=c.organization,
    )
    assert after.pk


def test_declined_meeting_frees_the_slot(trio):
    event, [(a, ra), (b, rb), (c, rc)] = trio
    start, end = event.start, event.start + timedelta(minutes=30)
    first = services.request_meeting(
        requester=ra, counterpart=rb, start=start, end=end, actor=a.user, organization=a.organization
    )
    services.decline_meeting(first, actor=b.user, organization=b.organization)
    assert services.request_meeting(
        requester=rc, counterpart=rb, start=start, end=end, actor=c.user, organization=c.organization
    ).pk


def test_meeting_refused_for_non_registrant_and_outside_event(trio, organizer):
    event, [(a, ra), (b, rb), _c] = trio
    pending = registered(event, party(), organizer, confirm=False)
    with pytest.raises(DomainError) as excinfo:
        services.request_meeting(
            requester=ra,
            counterpart=pending,
            start=event.start,
            end=event.start + timedelta(minutes=30),
            actor=a.user,
            organization=a.organization,
        )
    assert excinfo.value.code == "not_registered"
    with pytest.raises(DomainError) as excinfo:  # b cannot speak for a's registration
        services.request_meeting(
            requester=ra,
            counterpart=rb,
            start=event.start,
            end=event.start + timedelta(minutes=30),
            actor=b.user,
            organization=b.organization,
        )
    assert excinfo.value.code == "not_a_party"
    with pytest.raises(RuleViolation) as excinfo:
        services.request_meeting(
            requester=ra,
            counterpart=rb,
            start=event.end,
            end=event.end + timedelta(minutes=30),
            actor=a.user,
            organization=a.organization,
        )
    assert excinfo.value.code == "outside_event"
    with pytest.raises(DomainError):  # only the counterpart answers
        meeting = services.request_meeting(
            requester=ra,
            counterpart=rb,
            start=event.start,
            end=event.start + timedelta(minutes=30),
            actor=a.user,
            organization=a.organization,
        )
        services.accept_meeting(meeting, actor=a.user, organization=a.organization)


def test_lead_creation_inquiry_and_proposal_and_report(trio, organizer):
    event, [(firm, rf), (institute, ri), _c] = trio
    result = make_result(institute.organization)
    demand = make_demand(firm.organization)
    meeting = services.request_meeting(
        requester=rf,
        counterpart=ri,
        start=event.start,
        end=event.start + timedelta(minutes=30),
        actor=firm.user,
        organization=firm.organization,
    )
    with pytest.raises(DomainError) as excinfo:
        services.create_lead(meeting, actor=firm.user, organization=firm.organization, result=result, message="x")
    assert excinfo.value.code == "meeting_not_accepted"
    services.accept_meeting(meeting, actor=institute.user, organization=institute.organization)
    meeting.refresh_from_db()
    with pytest.raises(RuleViolation):  # its own demand is not the counterpart's
        services.create_lead(
            meeting,
            actor=institute.user,
            organization=institute.organization,
            result=make_result(institute.organization),
            message="x",
        )
    lead = services.create_lead(
        meeting, actor=firm.user, organization=firm.organization, result=result, message="希望获得许可"
    )
    assert lead.inquiry.result == result and lead.inquiry.organization == firm.organization
    proposal_lead = services.create_lead(
        meeting,
        actor=institute.user,
        organization=institute.organization,
        demand=demand,
        message="随形冷却方案",
        budget=Decimal("80000"),
        duration_days=60,
    )
    assert proposal_lead.proposal.demand == demand
    stranger = party()
    with pytest.raises(DomainError):
        services.create_lead(
            meeting, actor=stranger.user, organization=stranger.organization, result=result, message="x"
        )
    TechContract.objects.create(
        kind="license",
        title="许可合同",
        seller=institute.organization,
        buyer=firm.organization,
        amount=Decimal("50000"),
        result=result,
        inquiry=Inquiry.objects.get(pk=lead.inquiry_id),
    )
    services.check_in(rf, actor=organizer.user, organization=organizer.organization)
    report = services.event_report(event)
    assert report["registrations"] == 3 and report["confirmed"] == 3 and report["checked_in"] == 1
    assert report["meetings"] == 1 and report["leads"] == 2
    assert report["inquiries"] == 1 and report["proposals"] == 1 and report["contracts"] == 1
    assert EventLead.objects.filter(event=event).count() == 2


def test_featured_only_public(event, organizer):
    institute = party("institute")
    draft = make_result(institute.organization, status="draft")
    with pytest.raises(RuleViolation):
        services.set_featured(event, actor=organizer.user, organization=organizer.organization, results=[draft])
    published = make_result(institute.organization)
    services.set_featured(event, actor=organizer.user, organization=organizer.organization, results=[published])
    assert list(event.featured_results.all()) == [published]


def test_lifecycle(organizer):
    event = make_event(organizer.organization, status="draft", published_at=None)
    event = services.publish_event(event, actor=organizer.user, organization=organizer.organization)
    assert event.status == "published" and event.published_at
    firm = party()
    registered(event, firm, organizer)
    services.cancel_event(event, actor=organizer.user, organization=organizer.organization)
    assert Notification.objects.filter(recipient=firm.user, kind="event.cancelled").exists()
    with pytest.raises(DomainError) as excinfo:
        services.publish_event(event, actor=organizer.user, organization=organizer.organization)
    assert excinfo.value.code == "illegal_transition"
