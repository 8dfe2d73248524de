"""Signals of the demands app. ``demand_opened(demand)`` is sent inside the transaction that opens a demand, so the
search app can alert matching institutes once it commits."""

from django.dispatch import Signal

demand_opened = Signal()
