"""Demo market data: the participants (``participants.py``) and their seeder (``seed.py``)."""

from .seed import DEMO_PASSWORD, SeedContext, seed

__all__ = ["DEMO_PASSWORD", "SeedContext", "seed"]
