"""Demo events (对接活动): two past events with registrations, check-ins, meetings and leads, one upcoming;
technology brokers (技术经理人) with certificates, assignments and ratings (``brokers``)."""

from . import brokers
from .seed import seed as seed_events

__all__ = ["seed"]


def seed(context) -> None:
    seed_events(context)
    brokers.seed(context)
