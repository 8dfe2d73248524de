"""Seed the demo events (idempotent: an event is found by organizer and title). Past events are history: their
rows are written directly (the services refuse registering for an event that has ended); the inquiries of their
leads go through ``tech_transfer.services.create_inquiry`` so they exist as in production."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from demands.models import PUBLIC_STATUSES, Demand
from tech_transfer.models import Result
from tech_transfer.services import create_inquiry

from .. import services
from ..models import Event, EventLead, Meeting, Registration
from . import data


def _admin(context, organization):
    return next(u for u in context.users.values() if organization.pk in u.organization_ids("admin"))


def _at(day, hour, minutes=0):
    moment = datetime.combine(day, time(hour)) + timedelta(minutes=minutes)
    return timezone.make_aware(moment)


def seed(context) -> None:
    today = timezone.localdate()
    with transaction.atomic():
        for row in data.EVENTS:
            organizer = context.organizations[row["organizer"]]
            if Event.objects.filter(organizer=organizer, title=row["title"]).exists():
                continue
            day = today + timedelta(days=row["days"])
            past = row["days"] < 0
            event = Event(
                organizer=organizer, kind=row["kind"], title=row["title"], start=_at(day, row["hours"][0]),
                end=_at(day, row["hours"][1]), place=row["place"], online_url=row.get("online_url", ""),
                capacity=row["capacity"], agenda=row["agenda"], status="closed" if past else "published",
                published_at=timezone.now() - timedelta(days=45 if past else 3),
            )  # fmt: skip
            event.full_clean()
            event.save()
            context.count("events", True)
            owners = [context.organizations[k] for k in row.get("featured_owners", [])]
            if owners:
                event.featured_results.set(Result.objects.filter(owner__in=owners, status="published")[:6])
            firms = [context.organizations[k] for k in row.get("featured_demand_firms", [])]
            demands = Demand.objects.filter(status__in=PUBLIC_STATUSES)
            if firms:
                event.featured_demands.set(demands.filter(firm__in=firms)[:4])
            if row.get("featured_challenges"):
                event.featured_demands.set(demands.filter(is_challenge=True, status="open")[:4])
            organizer_user = _admin(context, organizer)
            registrations = {}
            for key, checked_in in row["registrations"]:
                organization = context.organizations[key]
                user = _admin(context, organization)
                if past:
                    registration = Registration.objects.create(
                        event=event, organization=organization, user=user, status="confirmed",
                        checked_in_at=event.start + timedelta(minutes=10) if checked_in else None,
                        checked_in_by=organizer_user if checked_in else None,
                    )  # fmt: skip
                else:
                    registration = services.register(event, organization=organization, actor=user)
                registration.results.set(Result.objects.filter(owner=organization, status="published")[:2])
                registrations[key] = registration
            if not past and registrations:
                services.confirm_registration(next(iter(registrations.values())), actor=organizer_user,
                                              organization=organizer)  # fmt: skip
            base = _at(day, 13, 30) if row["hours"][0] < 13 else _at(day, row["hours"][0])
            for requester, counterpart, offset, table, accepted, lead in row["meetings"]:
                start = base + timedelta(minutes=offset)
                meeting = Meeting.objects.create(
                    event=event, requester=registrations[requester], counterpart=registrations[counterpart],
                    start=start, end=start + timedelta(minutes=30), table=table,
                    message="了解成果的技术成熟度与许可条件", status="accepted" if accepted else "declined",
                    requested_by=registrations[requester].user,
                )  # fmt: skip
                result = Result.objects.filter(owner=context.organizations[counterpart], status="published").first()
                if lead and result is not None:
                    inquiry = create_inquiry(result=result, organization=context.organizations[requester],
                                             actor=registrations[requester].user,
                                             message="在对接会上洽谈后，希望进一步了解许可条件和报价。")  # fmt: skip
                    EventLead.objects.create(event=event, meeting=meeting, inquiry=inquiry,
                                             created_by=registrations[requester].user)  # fmt: skip
