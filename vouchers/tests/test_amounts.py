"""Tests of 人民币大写 (vouchers.amounts.rmb_upper)."""

from decimal import Decimal

import pytest

from vouchers.amounts import rmb_upper


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # Zero and amounts below one yuan: no 零元 prefix; 整 after 角, never after 分.
        ("0", "零元整"),
        ("0.00", "零元整"),
        ("0.05", "伍分"),
        ("0.50", "伍角整"),
        ("0.15", "壹角伍分"),
        # Whole yuan: 整 after 元; a leading ten keeps its 壹.
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15.00", "壹拾伍元整"),
        ("20", "贰拾元整"),
        ("1200.00", "壹仟贰佰元整"),
        ("2400.00", "贰仟肆佰元整"),
        ("1000000", "壹佰万元整"),
        ("1100000", "壹佰壹拾万元整"),
        # Zeros in the middle: one 零 for a run of zeros.
        ("1001", "壹仟零壹元整"),
        ("1000100", "壹佰万零壹佰元整"),
        ("1010101.01", "壹佰零壹万零壹佰零壹元零壹分"),
        # 角 zero, 分 not: 零 after 元 (mandatory; PBOC examples 16409.02 and 325.04).
        ("10000.01", "壹万元零壹分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("10.05", "壹拾元零伍分"),
        # Jiao without fen takes 整 (the chosen convention).
        ("100.10", "壹佰元壹角整"),
        ("200000.10", "贰拾万元壹角整"),
        ("100010.50", "壹拾万零壹拾元伍角整"),
        # Zero at 万位/元位 before a non-zero 仟/角: the optional 零 is not written (chosen convention).
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("101000", "壹拾万壹仟元整"),
        # 亿 sections; a skipped 万 section needs a 零.
        ("100000000", "壹亿元整"),
        ("100000001", "壹亿零壹元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("101000000", "壹亿零壹佰万元整"),
        ("110000000", "壹亿壹仟万元整"),
        ("200000000000", "贰仟亿元整"),
        ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        # Trailing zero decimals are not "more than two places".
        ("1.000", "壹元整"),
        ("1E+3", "壹仟元整"),
        # Negative amounts (credit notes).
        ("-2400.00", "负贰仟肆佰元整"),
        ("-0.05", "负伍分"),
        ("-1010101.01", "负壹佰零壹万零壹佰零壹元零壹分"),
        ("-0.00", "零元整"),
    ],
)
def test_rmb_upper(amount, expected):
    assert rmb_upper(Decimal(amount)) == expected


@pytest.mark.parametrize("value", [1200.0, 0.1, 1200, "1200.00", None, True])
def test_rmb_upper_refuses_non_decimals(value):
    with pytest.raises(TypeError):
        rmb_upper(value)


@pytest.mark.parametrize(
    "value",
    ["0.001", "1200.005", "-3.141", "1000000000000", "-1000000000000", "1E+12", "NaN", "Infinity", "-Infinity"],
)
def test_rmb_upper_refuses_out_of_range_or_sub_fen(value):
    with pytest.raises(ValueError):
        rmb_upper(Decimal(value))


def test_every_digit_and_unit():
    """Each capital digit appears at each position of each section exactly where expected."""
    assert rmb_upper(Decimal("123456789012.34")) == "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"
