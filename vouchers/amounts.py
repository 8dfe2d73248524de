"""Amounts in Chinese financial capitals (人民币大写), as printed on settlement statements and invoices.

The rules are those of the People's Bank of China for filling in bills and settlement vouchers (《支付结算办法》附件
《正确填写票据和结算凭证的基本规定》). Where those rules allow a choice, this module takes the variant most widely
used by accounting software and bank forms:

* Digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 inside a four-digit section, section units 万 and 亿, money units
  元角分. A leading ten keeps its digit: 10 → 壹拾元整 (never 拾元整, which could be altered).
* "整" follows an amount that ends at 元 (1200 → 壹仟贰佰元整) *and* one that ends at 角 (100.10 → 壹佰元壹角整):
  the rules make "整" optional after 角 and common practice writes it, so nothing can be appended. An amount with
  分 never takes "整" (10000.01 → 壹万元零壹分).
* Zeros between non-zero digits are written as a single 零 however many there are (1001 → 壹仟零壹元整,
  1010101.01 → 壹佰零壹万零壹佰零壹元零壹分); trailing zeros of the amount are not written (1000000 → 壹佰万元整).
* A zero at the 万 or 元 position followed by a non-zero 仟 or 角 digit is *not* written — the rules allow either, and
  the shorter form is the one people say: 107000.53 → 壹拾万柒仟元伍角叁分, 100010.50 → 壹拾万零壹拾元伍角整
  (the 零 there stands for the zero 仟 and 佰 digits, which must be written), 1680.32 → 壹仟陆佰捌拾元叁角贰分.
* A 零 is written when a whole section is skipped (100001000 → 壹亿零壹仟元整) and when 角 is zero but 分 is not
  (325.04 → 叁佰贰拾伍元零肆分) — both mandatory.
* Amounts below one yuan start at the first non-zero unit: 0.05 → 伍分, 0.50 → 伍角整; zero is 零元整.
* Negative amounts (credit notes, 红字冲销) are prefixed 负: -2400 → 负贰仟肆佰元整. Negative zero is 零元整.
"""

from decimal import Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: Units of the positions inside one four-digit section, from the lowest: 个, 拾, 佰, 仟.
SECTION_UNITS = ("", "拾", "佰", "仟")
#: Units of the sections, from the lowest: 元 section, 万 section, 亿 section.
SECTION_NAMES = ("", "万", "亿")
#: 9999亿 9999万 9999元 9角 9分 is the largest amount; 1万亿 would need a fourth section unit.
LIMIT = Decimal(10) ** 12
CENT = Decimal("0.01")


def rmb_upper(amount: Decimal) -> str:
    """Return ``amount`` (yuan) in Chinese financial capitals, e.g. ``Decimal("1200.00")`` → ``"壹仟贰佰元整"``.

    Only :class:`~decimal.Decimal` is accepted (``TypeError`` otherwise — a float cannot hold a yuan amount exactly).
    ``ValueError`` for NaN/infinity, for more than two decimal places that are not zero (``Decimal("1.001")``;
    ``Decimal("1.000")`` is fine) and for amounts of 1万亿 or more. See the module docstring for the conventions.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"rmb_upper() takes a Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"rmb_upper() needs a finite amount, got {amount}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"rmb_upper() takes at most two decimal places (fen), got {amount}")
    if abs(amount) >= LIMIT:
        raise ValueError(f"rmb_upper() handles amounts below 1万亿 (10^12 yuan), got {amount}")

    fen_total = int(abs(amount).quantize(CENT) * 100)
    if fen_total == 0:
        return "零元整"
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)

    parts: list[str] = []
    if yuan:
        parts.append(_integer_upper(yuan))
        parts.append("元")
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")  # 角位是 0 而分位不是 0：元后面应写"零"字.
        parts.append(DIGITS[fen] + "分")
    else:
        parts.append("整")
    return ("负" if amount < 0 else "") + "".join(parts)


def _integer_upper(number: int) -> str:
    """Capitals of a positive whole number of yuan below 10^12, without the 元 unit."""
    out: list[str] = []
    pending_zero = False  # a run of zero digits was seen since the last written digit
    sections = [(number // 10**8) % 10**4, (number // 10**4) % 10**4, number % 10**4]
    for section_index, section in zip((2, 1, 0), sections, strict=True):
        if section == 0:
            # A whole skipped section needs a 零 if anything non-zero follows (壹亿零壹仟元).
            pending_zero = pending_zero or bool(out)
            continue
        for position in (3, 2, 1, 0):
            digit = (section // 10**position) % 10
            if digit == 0:
                pending_zero = pending_zero or bool(out)
                continue
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(DIGITS[digit] + SECTION_UNITS[position])
        out.append(SECTION_NAMES[section_index])
        # Zeros at the end of a section are closed off by its unit (壹拾万柒仟, not 壹拾万零柒仟); a zero 仟 digit in
        # the next section sets the flag again (壹拾万零壹拾).
        pending_zero = False
    return "".join(out)
