"""Demo events (对接活动): two past events with registrations, check-ins, meetings and leads, one upcoming."""

from .seed import seed

__all__ = ["seed"]
