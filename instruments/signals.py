"""The payment seam: signals sent inside the booking's transaction, so a receiver (the vouchers app) can hold,
release or redeem atomically with the booking — or raise a DomainError to refuse it.

- ``booking_requested(booking)``: a booking was created with its frozen quote.
- ``booking_released(booking)``: the slot was given up (cancelled, rejected, no-show); ``booking.fee`` may be due.
- ``booking_completed(booking)``: usage is final; ``booking.final_amount`` is what is billed.
"""

from django.dispatch import Signal

booking_requested = Signal()
booking_released = Signal()
booking_completed = Signal()
