"""Demo instruments (``data.py``) and their seeder (``seed.py``)."""

from .seed import seed

__all__ = ["seed"]
