"""The payment seam: signals sent inside the booking's transaction, so a receiver (the vouchers app) can hold,
release or redeem atomically with the booking — or raise a DomainError to refuse it.

- ``booking_requested(booking, payment, actor)``: a booking was created with its frozen quote; ``payment`` holds the
  requester's payment choices (``{"use_voucher": True}``).
- ``booking_released(booking, actor)``: the slot was given up (cancelled, rejected, no-show); a ``booking.fee``
  may be due.
- ``booking_completed(booking, actor)``: usage is final; ``booking.final_amount`` is what is billed.

How a booking shows what paid for it: ``extensions.register_payment_block``.
"""

from django.dispatch import Signal

booking_requested = Signal()
booking_released = Signal()
booking_completed = Signal()
