"""统一社会信用代码 (GB 32100-2015) validation against real codes and typical mistakes."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.validators import make_credit_code, organization_code_check_char, validate_credit_code

# Published codes of well-known organizations (business licences are public information).
REAL_CODES = [
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "12100000400000624D",  # a central public institution (事业单位)
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    validate_credit_code(code)
    validate_credit_code(code.lower())  # case-insensitive input


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("9144030071526726XH", "credit_code_checksum"),  # last character mistyped
        ("9144030071526762XG", "credit_code_checksum"),  # two digits swapped
        ("914403001922038217", "credit_code_checksum"),
        ("9144030071526726X", "credit_code_length"),
        ("9144030071526726XGG", "credit_code_length"),
        ("9144030071526726XO", "credit_code_charset"),  # O is never used
        ("91440300715267I6XG", "credit_code_charset"),  # neither is I
        ("9X4403007152672600", "credit_code_category"),
        ("0144030071526726XG", "credit_code_category"),
        ("91ABCDEF71526726XG", "credit_code_region"),
        ("", "credit_code_length"),
    ],
)
def test_invalid_codes_are_rejected_with_a_clear_reason(code, error):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert excinfo.value.code == error
    assert "统一社会信用代码" in str(excinfo.value.message)


def test_every_single_character_typo_is_caught():
    """The check character detects any single substituted character."""
    code = REAL_CODES[0]
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for position in range(17):
        for char in alphabet:
            if char == code[position]:
                continue
            mutated = code[:position] + char + code[position + 1 :]
            if mutated[1] not in "123" or not mutated[2:8].isdigit():
                continue
            with pytest.raises(ValidationError):
                validate_credit_code(mutated)


def test_make_credit_code_builds_valid_codes():
    code = make_credit_code("91", "330281", "MA2H0001")
    validate_credit_code(code)
    assert code.startswith("91330281MA2H0001")
    assert organization_code_check_char(code[8:16]) == code[16]
