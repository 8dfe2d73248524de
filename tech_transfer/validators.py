"""Chinese patent application numbers (专利申请号).

Since 2003 an application number is 12 digits and a check character: YYYY (filing year), one digit for the type
(1 invention 发明, 2 utility model 实用新型, 3 design 外观设计; 8/9 PCT national phase), a 7-digit serial, then
``.`` and the check character = Σ dᵢ·wᵢ mod 11 with weights 2,3,4,5,6,7,8,9,2,3,4,5 (10 is written X).
The older 8-digit form (e.g. 98123456.X) uses weights 2…9. A "CN" prefix and a "ZL" (granted) prefix are accepted.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
PATTERN = re.compile(r"^(?:CN|ZL)?\s*(\d{8}|\d{12})\.?([\dX])$")
TYPE_DIGITS = {"invention": "18", "utility_model": "29", "design": "3"}


def patent_check_char(digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_patent_number(value: str) -> str:
    """``CN 202110123456.7`` → ``202110123456.7``."""
    match = PATTERN.match((value or "").strip().upper().replace(" ", ""))
    if not match:
        return (value or "").strip().upper()
    return f"{match.group(1)}.{match.group(2)}"


def validate_patent_number(value: str) -> None:
    match = PATTERN.match((value or "").strip().upper().replace(" ", ""))
    if not match:
        raise ValidationError(
            _("专利申请号格式应为 12 位数字加校验位，如 202110123456.7。"),
            code="patent_format",
        )
    digits, check = match.groups()
    if len(digits) == 12 and not 1985 <= int(digits[:4]) <= 2100:
        raise ValidationError(_("专利申请号的年份无效。"), code="patent_year")
    if patent_check_char(digits) != check:
        raise ValidationError(_("专利申请号校验位错误。"), code="patent_checksum")


def patent_type_matches(number: str, patent_type: str) -> bool:
    digits = normalize_patent_number(number).split(".")[0]
    return len(digits) != 12 or digits[4] in TYPE_DIGITS.get(patent_type, "")


# IPC (国际专利分类) symbols: section A–H, a two-digit class, a subclass letter, then optionally the main group and
# subgroup, e.g. ``H02M7/5387`` (written with or without the space of ``H02M 7/5387``).
IPC_PATTERN = re.compile(r"^[A-H]\d{2}[A-Z](?:\d{1,4}/\d{2,6})?$")


def normalize_ipc_code(value: str) -> str:
    """`` h02m 7/5387 `` → ``H02M7/5387``."""
    return re.sub(r"\s+", "", value or "").upper()


def validate_ipc_code(value: str) -> None:
    if not IPC_PATTERN.match(normalize_ipc_code(value)):
        raise ValidationError(
            _("IPC分类号“%(code)s”格式有误，应如 H02M7/5387。"), code="ipc_format", params={"code": value}
        )


#: An auction deposit's proof of payment (保证金缴纳凭证): a bank slip scan or PDF of at most 5 MB.
MAX_PROOF_BYTES = 5 * 1024 * 1024
#: How PDF, JPEG and PNG files begin (their "magic" bytes).
PROOF_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def validate_proof_file(upload):
    """A new proof is a real PDF, JPEG or PNG (not another file renamed) of at most 5 MB. A stored one is not read
    again (its media file may be elsewhere after a restore)."""
    if getattr(upload, "_committed", False):
        return
    if upload.size > MAX_PROOF_BYTES:
        raise ValidationError(_("凭证文件不能超过 5 MB。"), code="proof_too_large")
    stream = getattr(upload, "file", upload)
    position = stream.tell()
    stream.seek(0)
    head = stream.read(8)
    stream.seek(position)
    if not head.startswith(PROOF_SIGNATURES):
        raise ValidationError(_("请上传 PDF、JPG 或 PNG 格式的凭证。"), code="proof_not_a_document")
