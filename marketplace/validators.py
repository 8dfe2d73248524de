"""Validators for Chinese identifiers.

统一社会信用代码 (unified social credit identifier) is defined by GB 32100-2015: 18 characters from a 31-character
alphabet (digits and upper-case letters without I, O, Z, S, V):

    1      registration authority (登记管理部门)        e.g. 9 = 工商 (market regulation), 1 = 机构编制, 5 = 民政
    2      organization category (机构类别)             e.g. 91 = 企业, 11 = 机关, 12 = 事业单位, 52 = 民办非企业单位
    3-8    administrative division code (GB/T 2260)
    9-17   organization code (GB 11714)
    18     check character: 31 - (Σ value(cᵢ)·wᵢ mod 31), with 31 mapped to 0
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Registration authority → organization categories it may issue (GB 32100-2015 appendix A; "9" = 工商/市场监管).
CREDIT_CODE_CATEGORIES = {
    "1": "1239",
    "2": "19",
    "3": "12345679",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """The GB 11714 check character of a 9-character organization code (positions 9-17 of a credit code)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in first8]
    check = 11 - sum(v * w for v, w in zip(values, weights, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    """Reject anything that is not a well-formed GB 32100 统一社会信用代码 with the right check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="credit_code_length")
    bad = sorted({c for c in code if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有非法字符 %(chars)s（代码中不使用 I、O、Z、S、V）。") % {"chars": "".join(bad)},
            code="credit_code_charset",
        )
    if code[1] not in CREDIT_CODE_CATEGORIES.get(code[0], ""):
        raise ValidationError(
            _("统一社会信用代码的登记管理部门或机构类别代码 %(p)s 无效。") % {"p": code[:2]},
            code="credit_code_category",
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("统一社会信用代码第3-8位应为行政区划代码。"),
            code="credit_code_region",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位错误。"),
            code="credit_code_checksum",
        )


def make_credit_code(prefix: str, region: str, serial8: str) -> str:
    """Build a valid credit code from a 2-char prefix, 6-digit division code and an 8-char organization serial.

    Used by demo data and tests; real organizations type their own code.
    """
    org_code = serial8 + organization_code_check_char(serial8)
    first17 = f"{prefix}{region}{org_code}"
    return first17 + credit_code_check_char(first17)
