"""Money: Decimal yuan with two places; rounding happens here and nowhere else (ROUND_HALF_UP, as 财务 expects)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value) -> Decimal:
    """Round to fen (0.01 yuan), half up. Refuses floats: they cannot represent yuan amounts exactly."""
    if isinstance(value, float):
        raise TypeError("money() takes Decimal, int or str, never float")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: int | Decimal) -> Decimal:
    return money(Decimal(amount) * Decimal(percent) / Decimal(100))
