"""Test data of the events app: an organizer, its event, and confirmed registrants."""

from datetime import timedelta

from django.utils import timezone

from demands.tests.test_demands import make_demand
from marketplace.testing import make_organization, make_user
from tech_transfer.tests.test_results import make_result

from .. import services
from ..models import Event

__all__ = ["Party", "make_demand", "make_event", "make_result", "party", "registered"]


def make_event(organizer, **fields):
    start = (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    defaults = {
        "kind": "matchmaking",
        "title": "余姚模具产业需求对接会",
        "start": start,
        "end": start + timedelta(hours=4),
        "place": "余姚科技大市场 3 楼报告厅",
        "capacity": 10,
        "agenda": "09:00 签到\n09:30 需求发布\n10:30 一对一洽谈",
        "status": "published",
        "published_at": timezone.now(),
    }
    return Event.objects.create(organizer=organizer, **{**defaults, **fields})


class Party:
    def __init__(self, kind):
        self.organization = make_organization(kind)
        self.user = make_user(organization=self.organization)


def party(kind="enterprise") -> Party:
    return Party(kind)


def registered(event, who: Party, organizer: Party, confirm=True):
    registration = services.register(event, organization=who.organization, actor=who.user)
    if confirm:
        registration = services.confirm_registration(registration, actor=organizer.user,
                                                     organization=organizer.organization)  # fmt: skip
    return registration
