"""Demo vouchers: the city's programme, registered providers, grants, a voucher-paid booking, a claim."""

from .seed import seed

__all__ = ["seed"]
