"""Demo demands (企业出题), proposals and evaluations: the data (``data.py``) and its seeder (``seed.py``)."""

from .seed import seed

__all__ = ["seed"]
