"""Tests of the reportlab renderers (vouchers.pdf): content as extracted by pypdf, fonts, markup escaping."""

import logging
import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Paragraph

from vouchers.pdf import (
    FALLBACK_FONT,
    InvoicePdf,
    MonthlyStatementPdf,
    PdfDocument,
    SettlementStatementPdf,
    cjk_font_name,
)

WQY_ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
needs_wqy = pytest.mark.skipif(not Path(WQY_ZENHEI).is_file(), reason="fonts-wqy-zenhei is not installed")

ISSUER = {
    "name": "余姚市科学技术局",
    "credit_code": "11330281002956703X",
    "address": "浙江省余姚市阳明西路1号",
    "contact": "0574-62712345",
}
PROVIDER = {
    "name": "宁波阳明工业技术研究院",
    "credit_code": "12330281MB1234567K",
    "address": "浙江省余姚市凤山街道科创大厦A座12楼",
    "contact": "0574-62789012 陈工",
}
FIRM = {
    "name": "宁波沐川模具有限公司",
    "credit_code": "91330281MA2H7X9Q1B",
    "address": "浙江省余姚市经济开发区城东北路88号",
    "contact": "13805741234 张经理",
}


def settlement_snapshot(line_count=1, paid=None, **overrides):
    lines = [
        {
            "reference": f"CLM-{index}",
            "firm": FIRM["name"],
            "description": "工业CT断层扫描 3小时",
            "date": "2026-10-12",
            "service_amount": "2400.00",
            "voucher_amount": "1200.00",
        }
        for index in range(1, line_count + 1)
    ]
    snapshot = {
        "number": "YYKJ-JS-2026-0001",
        "title": "创新券兑付结算单",
        "issuer": ISSUER,
        "provider": PROVIDER,
        "program": {"name": "2026年度余姚市科技创新券", "year": 2026},
        "period": {"start": "2026-10-01", "end": "2026-10-31"},
        "lines": lines,
        "total": f"{1200 * line_count}.00",
        "approved_at": "2026-11-05 10:00",
        "approved_by": "林晓燕",
        "paid": paid,
    }
    snapshot.update(overrides)
    return snapshot


def invoice_snapshot(**overrides):
    snapshot = {
        "number": "FP0003-2026-00001",
        "kind": "invoice",
        "cancels": None,
        "issued_at": "2026-11-27",
        "provider": PROVIDER,
        "customer": FIRM,
        "lines": [
            {
                "description": "工业CT断层扫描",
                "quantity": "3.00",
                "unit": "小时",
                "unit_price": "800.00",
                "amount": "2400.00",
            }
        ],
        "total": "2400.00",
        "fees": "0.00",
        "voucher_paid": "1200.00",
        "amount_owed": "1200.00",
        "notes": "检测报告编号 R-2026-118",
    }
    snapshot.update(overrides)
    return snapshot


def credit_note_snapshot():
    return invoice_snapshot(
        number="FP0003-2026-00002",
        kind="credit_note",
        cancels="FP0003-2026-00001",
        lines=[
            {
                "description": "工业CT断层扫描",
                "quantity": "-3.00",
                "unit": "小时",
                "unit_price": "800.00",
                "amount": "-2400.00",
            }
        ],
        total="-2400.00",
        voucher_paid="-1200.00",
        amount_owed="-1200.00",
        notes="",
    )


def statement_snapshot():
    invoices = [
        {
            "number": f"FP0003-2026-{index:05d}",
            "date": f"2026-10-{index + 3:02d}",
            "total": "2400.00",
            "fees": "24.00",
            "voucher_paid": "1200.00",
            "amount_owed": "1224.00",
        }
        for index in range(1, 4)
    ]
    return {
        "provider": PROVIDER,
        "customer": FIRM,
        "month": "2026-10",
        "invoices": invoices,
        "totals": {"total": "7200.00", "fees": "72.00", "voucher_paid": "3600.00", "amount_owed": "3672.00"},
    }


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def compact(text: str) -> str:
    """Text without whitespace: a Paragraph may wrap a long phrase onto two lines."""
    return re.sub(r"\s+", "", text)


def fonts(pdf: bytes) -> list[dict]:
    """Every font dictionary used by any page, Type0 descendants included."""
    found = []
    for page in read(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found.append(font)
            found += [descendant.get_object() for descendant in font.get("/DescendantFonts", [])]
    return found


def embedded_files(font: dict) -> set[str]:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return set()
    return {key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor.get_object()}


# -- settlement statements -----------------------------------------------------------------------------------------


def test_settlement_statement_of_the_brief():
    filename, mimetype, pdf = SettlementStatementPdf(settlement_snapshot()).render()

    assert filename == "YYKJ-JS-2026-0001.pdf"
    assert mimetype == "application/pdf"
    (text,) = page_texts(pdf)
    for expected in ["创新券兑付结算单", "YYKJ-JS-2026-0001", ISSUER["name"], PROVIDER["name"], FIRM["name"]]:
        assert expected in text
    for expected in ["2026年度余姚市科技创新券", "2026-10-01", "2026-10-31", "2026-11-05 10:00", "林晓燕", "CLM-1"]:
        assert expected in text
    assert "1200.00" in text
    assert "合计（大写）：人民币壹仟贰佰元整" in compact(text)
    assert "未支付" in text
    assert "第 1 页" in text
    for box in ["经办人", "审核人", "单位盖章"]:
        assert box in text


def test_paid_settlement_shows_payment():
    paid = {"at": "2026-11-20", "reference": "BANK-88123"}
    _, _, pdf = SettlementStatementPdf(settlement_snapshot(paid=paid)).render()

    text = page_texts(pdf)[0]
    assert "已支付" in text
    assert "未支付" not in text
    assert "2026-11-20" in text
    assert "BANK-88123" in text


def test_long_settlement_spans_pages_with_header_number_and_page_on_each():
    snapshot = settlement_snapshot(line_count=60)
    snapshot["lines"][-1]["firm"] = "余姚市最后一家企业有限公司"

    _, _, pdf = SettlementStatementPdf(snapshot).render()

    texts = page_texts(pdf)
    assert len(texts) >= 2
    for page_number, text in enumerate(texts, start=1):
        assert f"第 {page_number} 页 / 共 {len(texts)} 页" in text
        assert "YYKJ-JS-2026-0001" in text
        if "CLM-" in text:  # the table header repeats on every page with line items
            assert "序号" in text and "创新券金额" in text
    assert "第 2 页" in texts[1]
    everything = "\n".join(texts)
    assert "余姚市最后一家企业有限公司" in compact(everything)
    assert "72000.00" in texts[-1]
    assert "合计（大写）：人民币柒万贰仟元整" in compact(texts[-1])
    assert "合计（共60项）" in compact(everything)
    assert sum("CLM-" in text for text in texts) >= 2


# -- invoices and credit notes -------------------------------------------------------------------------------------


def test_a_thousand_line_statement_has_every_line_once_and_each_firms_credit_code():
    snapshot = settlement_snapshot(line_count=1000)
    for index, line in enumerate(snapshot["lines"]):
        line["firm_credit_code"] = f"91330281MA{index:07d}X"[:18]
    snapshot["lines"][500]["description"] = "工业CT断层扫描 3小时，含三维重建与缺陷统计分析报告（加急）以及复测"

    texts = page_texts(SettlementStatementPdf(snapshot).render()[2])

    everything = compact("\n".join(texts))
    assert all(f"CLM-{n}2026-10-12" in everything for n in (1, 999, 1000))
    assert everything.count("CLM-") == 1000
    assert everything.count("91330281MA") == 1000
    assert "含三维重建与缺陷统计分析报告（加急）以及复测" in everything
    for page_number, text in enumerate(texts, start=1):
        assert f"第 {page_number} 页 / 共 {len(texts)} 页" in text


def test_payee_bank_account_is_printed():
    provider = {**PROVIDER, "bank_name": "中国工商银行余姚支行", "bank_account": "3901 0281 0000 1234 567"}

    text = page_texts(SettlementStatementPdf(settlement_snapshot(provider=provider)).render()[2])[0]

    assert "开户银行：中国工商银行余姚支行" in text
    assert "银行账号：3901 0281 0000 1234 567" in text
    assert "开户银行" not in page_texts(SettlementStatementPdf(settlement_snapshot()).render()[2])[0]


def test_invoice():
    filename, mimetype, pdf = InvoicePdf(invoice_snapshot()).render()

    assert (filename, mimetype) == ("FP0003-2026-00001.pdf", "application/pdf")
    (text,) = page_texts(pdf)
    flat = compact(text)
    for expected in ["服务费用确认单", "FP0003-2026-00001", "2026-11-27", PROVIDER["name"], FIRM["name"]]:
        assert expected in text
    assert FIRM["credit_code"] in text
    assert "红字冲销单" not in text
    assert "不作为税务发票" in flat  # the platform issues no fapiao of its own
    assert "发票号码" not in flat  # none recorded in this snapshot
    assert "工业CT断层扫描" in text and "800.00" in text and "小时" in text
    # total, fees, voucher part and amount owed, each in figures and capitals
    assert "服务金额合计¥2400.00人民币贰仟肆佰元整" in flat
    assert "违约金/爽约费¥0.00人民币零元整" in flat
    assert "手续费" not in flat
    assert "创新券抵扣¥1200.00人民币壹仟贰佰元整" in flat
    assert "应付金额¥1200.00人民币壹仟贰佰元整" in flat
    assert "R-2026-118" in text


def test_credit_note_is_titled_names_the_cancelled_invoice_and_prints_negative_amounts():
    filename, _, pdf = InvoicePdf(credit_note_snapshot()).render()

    assert filename == "FP0003-2026-00002.pdf"
    (text,) = page_texts(pdf)
    flat = compact(text)
    assert "红字冲销单" in text
    assert "FP0003-2026-00002" in text
    assert "冲销确认单：FP0003-2026-00001" in flat
    assert "-3.00" in text
    assert "服务金额合计¥-2400.00人民币负贰仟肆佰元整" in flat
    assert "应付金额¥-1200.00人民币负壹仟贰佰元整" in flat


# -- monthly statements --------------------------------------------------------------------------------------------


def test_monthly_statement():
    filename, mimetype, pdf = MonthlyStatementPdf(statement_snapshot()).render()

    assert (filename, mimetype) == ("statement-91330281MA2H7X9Q1B-2026-10.pdf", "application/pdf")
    (text,) = page_texts(pdf)
    flat = compact(text)
    assert "月度对账单" in text and "2026-10" in text
    assert PROVIDER["name"] in text and FIRM["name"] in text
    for number in ["FP0003-2026-00001", "FP0003-2026-00002", "FP0003-2026-00003"]:
        assert number in text
    assert "合计7200.0072.003600.003672.00" in flat
    assert "服务金额合计¥7200.00人民币柒仟贰佰元整" in flat
    assert "应付金额¥3672.00人民币叁仟陆佰柒拾贰元整" in flat
    assert "第 1 页" in text


# -- text is data, not markup --------------------------------------------------------------------------------------


def test_markup_characters_are_printed_literally():
    snapshot = settlement_snapshot(line_count=1)
    snapshot["lines"][0]["description"] = "扫描电镜 <b>& 能谱 </para>"
    snapshot["provider"] = {**PROVIDER, "name": "A&B <检测> 中心"}
    invoice = invoice_snapshot(notes="<i>加急</i> & 复测\n第二行")

    settlement_text = page_texts(SettlementStatementPdf(snapshot).render()[2])[0]
    invoice_text = page_texts(InvoicePdf(invoice).render()[2])[0]

    assert "<b>&" in settlement_text
    assert "</para>" in settlement_text
    assert "A&B <检测> 中心" in settlement_text
    assert "<i>加急</i> & 复测" in invoice_text
    assert "第二行" in invoice_text


def test_filenames_cannot_escape_a_directory():
    snapshot = invoice_snapshot(number="../FP/2026 01")

    assert InvoicePdf(snapshot).render()[0] == ".._FP_2026_01.pdf"


# -- fonts ---------------------------------------------------------------------------------------------------------


@needs_wqy
def test_truetype_font_is_embedded_as_a_subset(settings):
    settings.PDF_FONT_PATH = WQY_ZENHEI

    _, _, pdf = SettlementStatementPdf(settlement_snapshot(line_count=60)).render()

    used = fonts(pdf)
    assert used
    for font in used:  # nothing falls back to a base-14 font such as Helvetica
        assert "WenQuanYiZenHei" in font["/BaseFont"]
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # subset tag
        assert "/FontFile2" in embedded_files(font)


@needs_wqy
def test_default_font_is_the_first_installed_candidate(settings):
    del settings.PDF_FONT_PATH

    assert cjk_font_name() == "CJK-wqy-zenhei"
    assert cjk_font_name(path=WQY_ZENHEI) == "CJK-wqy-zenhei"


def test_fallback_to_stsong_light_when_the_configured_font_is_missing(settings, tmp_path, caplog):
    settings.PDF_FONT_PATH = str(tmp_path / "missing.ttf")

    with caplog.at_level(logging.WARNING, logger="vouchers.pdf"):
        _, _, pdf = InvoicePdf(invoice_snapshot()).render()

    used = fonts(pdf)
    assert {font["/BaseFont"] for font in used} == {f"/{FALLBACK_FONT}"}
    assert not any(embedded_files(font) for font in used)
    assert "missing.ttf" in caplog.text
    text = page_texts(pdf)[0]
    assert "FP0003-2026-00001" in text
    assert FIRM["name"] in text  # pypdf maps the UniGB-UCS2-H CID font back to Unicode


def test_fallback_warns_once_per_configuration(tmp_path, caplog):
    missing = str(tmp_path / "nope.ttc")

    with caplog.at_level(logging.WARNING, logger="vouchers.pdf"):
        assert cjk_font_name(path=missing) == FALLBACK_FONT
        assert cjk_font_name(path=missing) == FALLBACK_FONT

    assert [record.levelno for record in caplog.records] == [logging.WARNING]


def test_unreadable_font_file_falls_back(tmp_path, caplog):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"this is not a font")

    with caplog.at_level(logging.WARNING, logger="vouchers.pdf"):
        assert cjk_font_name(path=str(broken)) == FALLBACK_FONT

    assert "broken.ttf" in caplog.text


# -- the base class ------------------------------------------------------------------------------------------------


def test_subclasses_override_geometry_and_hooks():
    class Memo(PdfDocument):
        pagesize = landscape(A4)
        title = "备忘"

        def get_filename(self):
            return "memo.pdf"

        def _get_story(self, doc):
            return [Paragraph(self.snapshot["body"], self.styles["normal"])]

        def _on_first_page(self, canvas, doc):
            super()._on_first_page(canvas, doc)
            canvas.setFont(self.font, 12)
            canvas.drawString(40, 40, "首页标记")

    filename, mimetype, pdf = Memo({"number": "M-1", "body": "正文"}).render()

    assert (filename, mimetype) == ("memo.pdf", "application/pdf")
    page = read(pdf).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(landscape(A4))
    text = page.extract_text()
    assert "正文" in text and "首页标记" in text and "第 1 页" in text and "M-1" in text
