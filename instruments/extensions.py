"""How other apps add what paid for a booking to its API representation without this app knowing them.

The vouchers app registers a block renderer (and the relation it reads, so lists stay one query) at start-up::

    register_payment_block("voucher", related="voucher_hold", render=lambda booking: {...} or None)
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PaymentBlock:
    related: str
    render: Callable


PAYMENT_BLOCKS: dict[str, PaymentBlock] = {}


def register_payment_block(name: str, *, related: str, render: Callable) -> None:
    PAYMENT_BLOCKS[name] = PaymentBlock(related=related, render=render)


def render_payment_block(name: str, booking) -> dict | None:
    block = PAYMENT_BLOCKS.get(name)
    return block.render(booking) if block else None


def payment_relations() -> list[str]:
    return [block.related for block in PAYMENT_BLOCKS.values()]


def no_payment_yet(booking) -> None:
    """Record on a booking just created that no payment block's relation exists yet, so rendering it reads none
    (as ``select_related`` of a missing row would). A ``booking_requested`` receiver that creates one with
    ``booking=booking`` (e.g. a voucher hold) replaces the empty value on the booking, as Django does for one-to-one
    relations."""
    for block in PAYMENT_BLOCKS.values():
        booking._meta.get_field(block.related).set_cached_value(booking, None)
