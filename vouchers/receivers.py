"""The vouchers app's side of the instruments payment seam (connected in VouchersConfig.ready)."""

from instruments import signals
from instruments.extensions import register_payment_block

from .services import payments


def on_booking_requested(sender, booking, payment, actor, **kwargs):
    if payment.get("use_voucher"):
        payments.hold_for_booking(booking, actor=actor)


def on_booking_released(sender, booking, actor, **kwargs):
    payments.release_for_booking(booking, actor=actor)
    payments.invoice_booking(booking, actor=actor)  # only when a fee is due


def on_booking_completed(sender, booking, actor, **kwargs):
    voucher_paid = payments.redeem_for_booking(booking, actor=actor)
    payments.invoice_booking(booking, voucher_paid=voucher_paid, actor=actor)


def on_contract_paid(sender, contract, actor, **kwargs):
    payments.settle_contract_payment(contract, actor=actor)


def voucher_block(booking) -> dict | None:
    hold = getattr(booking, "voucher_hold", None)
    if hold is None:
        return None
    return {
        "grant": hold.grant_id,
        "status": hold.status,
        "held": str(hold.amount),
        "redeemed": str(hold.redeemed_amount),
    }


def connect():
    signals.booking_requested.connect(on_booking_requested, dispatch_uid="vouchers.booking_requested")
    signals.booking_released.connect(on_booking_released, dispatch_uid="vouchers.booking_released")
    signals.booking_completed.connect(on_booking_completed, dispatch_uid="vouchers.booking_completed")
    register_payment_block("voucher", related="voucher_hold", render=voucher_block)

    from tech_transfer.signals import contract_paid

    contract_paid.connect(on_contract_paid, dispatch_uid="vouchers.contract_paid")
