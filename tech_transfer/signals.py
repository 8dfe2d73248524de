"""Signals of the tech-transfer app. ``contract_paid(contract, actor)`` is sent inside the transaction that records
a contract's payment, so the vouchers app can redeem a voucher hold and invoice atomically with it."""

from django.dispatch import Signal

contract_paid = Signal()
