"""Demo transferable research results (科技成果): the data (``data.py``) and its seeder (``seed.py``)."""

from .seed import seed

__all__ = ["seed"]
