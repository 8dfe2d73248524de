"""The server-rendered pages, one module per area: ``public`` (home, directory, sign-in, notifications),
``workspace`` (each organization's dashboard), ``search``, ``instruments``, ``bookings``, ``results`` (and
inquiries, auctions), ``contracts``, ``demands`` (and proposals, evaluations) and ``vouchers`` (grants, ledger,
invoices). ``base`` holds what they share."""

from .public import healthz

__all__ = ["healthz"]
