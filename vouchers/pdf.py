"""PDF documents of the voucher programme: settlement statements (创新券兑付结算单), charge confirmations and their
credit notes (收费确认单 / 红字冲销单 — the platform issues no fapiao 发票; the provider's own fapiao number is printed
when there is one) and firms' monthly statements (月度对账单).

Renderers follow pretix's reportlab invoice renderer: a class with the page geometry as attributes and overridable
hooks (``_get_story``, ``_on_first_page``, ``_on_later_pages``) whose ``render()`` returns
``(filename, mimetype, bytes)``. Each document takes a plain snapshot dict taken when the document was issued and
prints it exactly as given — amounts are the snapshot's strings ("1200.00", "-2400.00"); the only derived text is the
amount in capitals (人民币大写, :func:`vouchers.amounts.rmb_upper`).

Every page is numbered "第 i 页 / 共 N 页" (:class:`NumberedCanvas` holds the pages back until the total is known).
A settlement statement's line items are a :class:`RowsTable`: plain-string cells wrapped once by :func:`wrap_text`,
split between pages by precomputed row heights and drawn with one text object per page. A platypus Table of Paragraph
cells re-wraps every remaining row at each page break and draws cell by cell, which made a 1,000-line statement take
seconds.

Chinese text needs a CJK font. :func:`cjk_font_name` registers a TrueType font (embedded as a subset, so the PDF
looks the same everywhere) and falls back to reportlab's built-in CID font STSong-Light, which is not embedded: the
viewer supplies the glyphs, which every Chinese-capable viewer can but not every printer driver does.
"""

import functools
import logging
import re
import threading
from decimal import Decimal
from html import escape
from io import BytesIO
from pathlib import Path

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from vouchers.amounts import rmb_upper

logger = logging.getLogger(__name__)

#: TrueType CJK fonts tried in order when ``settings.PDF_FONT_PATH`` is not set (Debian/Ubuntu package paths:
#: fonts-wqy-zenhei, fonts-wqy-microhei, fonts-noto-cjk, fonts-arphic-uming).
DEFAULT_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
#: reportlab's built-in Adobe CID font for simplified Chinese; never embedded.
FALLBACK_FONT = "STSong-Light"
MIMETYPE = "application/pdf"
#: reportlab collapses runs of spaces (including U+3000) in Paragraphs; gaps that must stay are no-break spaces.
NBSP = "\u00a0"

_font_cache: dict[tuple[str, ...], str] = {}
_font_lock = threading.Lock()


def cjk_font_name(path: str | None = None) -> str:
    """Register a CJK font with reportlab (once per configuration) and return its registered name.

    ``path`` if given, else ``settings.PDF_FONT_PATH`` if set, is the only font tried — a configured font that cannot
    be loaded is a deployment error to be noticed, not papered over by another font. Without either, the first
    usable font of :data:`DEFAULT_FONT_PATHS`. ``.ttc`` collections use their first face. If no TrueType font can be
    loaded (missing, or PostScript outlines, which reportlab cannot embed), a warning is logged and the non-embedded
    :data:`FALLBACK_FONT` is returned; tests force this with a path to a missing file.
    """
    if path is None and settings.configured:
        path = getattr(settings, "PDF_FONT_PATH", None)
    candidates = (str(path),) if path else DEFAULT_FONT_PATHS
    with _font_lock:
        if candidates not in _font_cache:
            _font_cache[candidates] = _register_font(candidates)
        return _font_cache[candidates]


def clear_font_cache() -> None:
    """Forget which font each configuration resolved to (tests that change ``PDF_FONT_PATH``)."""
    with _font_lock:
        _font_cache.clear()


def _register_font(candidates: tuple[str, ...]) -> str:
    for candidate in candidates:
        file = Path(candidate)
        if not file.is_file():
            continue
        name = f"CJK-{file.stem}"
        try:
            font = TTFont(name, str(file), subfontIndex=0)
        except Exception:  # reportlab raises TTFError, OSError, struct.error… for fonts it cannot use.
            logger.warning("PDF font %s cannot be used", file, exc_info=True)
            continue
        pdfmetrics.registerFont(font)
        return name
    logger.warning(
        "No usable TrueType CJK font (tried %s); PDFs use the non-embedded %s. Install fonts-wqy-zenhei or set "
        "PDF_FONT_PATH.",
        ", ".join(candidates),
        FALLBACK_FONT,
    )
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


def _text(value) -> str:
    """Snapshot value → Paragraph markup: escaped (reportlab parses ``<`` and ``&``), newlines kept."""
    if value is None:
        return ""
    return escape(str(value), quote=False).replace("\n", "<br/>")


def _capitals(amount) -> str:
    """人民币大写 of a snapshot amount string; '人民币' prefix as printed on Chinese forms."""
    return "人民币" + rmb_upper(Decimal(str(amount)))


def _yuan(amount) -> str:
    """A snapshot amount as printed in running text: ¥ and the string exactly as snapshotted."""
    return f"¥{amount}"


def document_filename(number) -> str:
    """The download name of a numbered document (a statement, a confirmation): its number, made filesystem-safe."""
    return f"{_safe_filename(str(number or ''))}.pdf"


@functools.lru_cache(maxsize=20000)
def _char_width(char: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(char, font, size)


def wrap_text(value, width: float, font: str, size: float) -> str:
    """``value`` broken into lines no wider than ``width`` points, for a plain-string table cell: between any two CJK
    characters, at the last space of a line of Latin words where there is one. Existing newlines are kept."""
    lines = []
    for paragraph in str(value if value is not None else "").split("\n"):
        line, used = "", 0.0
        for char in paragraph:
            char_width = _char_width(char, font, size)
            if line and used + char_width > width:
                cut = line.rfind(" ") if char.isascii() and char != " " and line[-1:].isascii() else -1
                if cut > 0:
                    lines.append(line[:cut])
                    line = line[cut + 1 :]
                else:
                    lines.append(line)
                    line = ""
                line = line.lstrip()
                used = sum(_char_width(c, font, size) for c in line)
                if not line and char == " ":
                    continue
            line += char
            used += char_width
        lines.append(line)
    return "\n".join(lines)


class RowsTable(Flowable):
    """A grid of plain-string cells (``\\n`` separates lines) with a header row repeated on every page: row heights
    are known up front, so wrapping and splitting cost nothing per row, and drawing is one path for the rules and one
    text object for all the text. ``aligns`` is "LEFT", "CENTER" or "RIGHT" per column."""

    def __init__(self, header, rows, *, col_widths, aligns, font, size, leading, padding, line_width, line_colour,
                 header_background):  # fmt: skip
        super().__init__()
        self.header, self.rows = header, rows
        self.col_widths, self.aligns = list(col_widths), aligns
        self.font, self.size, self.leading, self.padding = font, size, leading, padding
        self.line_width, self.line_colour, self.header_background = line_width, line_colour, header_background
        self.header_height = self._height(header)
        self.heights = [self._height(row) for row in rows]
        self.width = sum(self.col_widths)

    def _height(self, row) -> float:
        return max(str(cell).count("\n") + 1 for cell in row) * self.leading + 2 * self.padding

    def _copy(self, rows, heights):
        part = RowsTable.__new__(RowsTable)
        # Not the layout state platypus keeps on a flowable (``_postponed`` marks one already moved to a new page).
        part.__dict__.update({k: v for k, v in self.__dict__.items() if k not in ("_postponed", "canv", "_frame")})
        part.rows, part.heights = rows, heights
        return part

    def wrap(self, available_width, available_height):
        self.height = self.header_height + sum(self.heights)
        return self.width, self.height

    def split(self, available_width, available_height):
        room = available_height - self.header_height
        count = 0
        for height in self.heights:
            if room < height:
                break
            room -= height
            count += 1
        if count == 0 or count == len(self.rows):
            return [] if count == 0 else [self]
        return [
            self._copy(self.rows[:count], self.heights[:count]),
            self._copy(self.rows[count:], self.heights[count:]),
        ]

    def draw(self):
        canvas = self.canv
        edges = [0.0]
        for width in self.col_widths:
            edges.append(edges[-1] + width)
        top = self.header_height + sum(self.heights)
        canvas.saveState()
        canvas.setFillColor(self.header_background)
        canvas.rect(0, top - self.header_height, self.width, self.header_height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        rules = []
        y = top
        for row, height, aligns in [(self.header, self.header_height, ["CENTER"] * len(self.header))] + [
            (row, height, self.aligns) for row, height in zip(self.rows, self.heights, strict=True)
        ]:
            rules.append((0, y, self.width, y))
            for column, cell in enumerate(row):
                lines = str(cell).split("\n")
                baseline = y - (height - len(lines) * self.leading) / 2 - self.size
                for line in lines:
                    if line:
                        align = aligns[column]
                        if align == "LEFT":
                            x = edges[column] + self.padding
                        else:
                            width = pdfmetrics.stringWidth(line, self.font, self.size)
                            if align == "RIGHT":
                                x = edges[column + 1] - self.padding - width
                            else:
                                x = (edges[column] + edges[column + 1] - width) / 2
                        text.setTextOrigin(x, baseline)
                        text.textOut(line)
                    baseline -= self.leading
            y -= height
        rules.append((0, y, self.width, y))
        rules += [(x, y, x, top) for x in edges]
        canvas.drawText(text)
        canvas.setStrokeColor(self.line_colour)
        canvas.setLineWidth(self.line_width)
        canvas.lines(rules)
        canvas.restoreState()


class NumberedCanvas(Canvas):
    """A canvas that keeps every finished page until the document is complete, then draws "第 i 页 / 共 N 页" on
    each with ``draw_page_number(canvas, page, total)`` (the reportlab recipe for a page total)."""

    def __init__(self, *args, draw_page_number, **kwargs):
        super().__init__(*args, **kwargs)
        self._draw_page_number = draw_page_number
        self._saved_pages: list[dict] = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._draw_page_number(self, number, total)
            super().showPage()
        super().save()


class PdfDocument:
    """Base reportlab renderer. Subclasses set ``title`` and implement ``get_filename`` and ``_get_story``.

    Page geometry and font size are class attributes so a subclass (or a test) can change them; ``font_path``
    overrides the font lookup of :func:`cjk_font_name` for this document class.
    """

    pagesize = A4
    left_margin = 18 * mm
    right_margin = 18 * mm
    top_margin = 18 * mm
    bottom_margin = 20 * mm
    font_size = 9
    font_path: str | None = None
    title = ""
    #: Line width and colours shared by all tables.
    line_width = 0.5
    line_colour = colors.HexColor("#555555")
    header_background = colors.HexColor("#e8edf3")
    muted_colour = colors.HexColor("#666666")

    def __init__(self, snapshot: dict):
        self.snapshot = snapshot
        self.font = FALLBACK_FONT
        self.styles: dict[str, ParagraphStyle] = {}

    # -- what subclasses provide ---------------------------------------------------------------------------------

    def get_filename(self) -> str:
        raise NotImplementedError

    def get_number(self) -> str:
        """The document's number as printed in the page footer."""
        return str(self.snapshot.get("number") or "")

    def get_title(self) -> str:
        return self.title

    def get_author(self) -> str:
        return str((self.snapshot.get("provider") or {}).get("name") or "")

    def _get_story(self, doc) -> list:
        raise NotImplementedError

    # -- rendering -----------------------------------------------------------------------------------------------

    def render(self) -> tuple[str, str, bytes]:
        """Render the document: ``(filename, "application/pdf", pdf_bytes)``."""
        self.font = cjk_font_name(self.font_path)
        self.styles = self._get_styles()
        buffer = BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=f"{self.get_title()} {self.get_number()}".strip(),
            author=self.get_author(),
            subject=self.get_title(),
            creator="科技大市场",
            lang="zh-CN",
            initialFontName=self.font,
        )
        doc.build(
            self._get_story(doc),
            onFirstPage=self._on_first_page,
            onLaterPages=self._on_later_pages,
            canvasmaker=functools.partial(NumberedCanvas, draw_page_number=self._draw_page_number),
        )
        return self.get_filename(), MIMETYPE, buffer.getvalue()

    def _on_first_page(self, canvas, doc) -> None:
        self._draw_footer(canvas, doc)

    def _on_later_pages(self, canvas, doc) -> None:
        self._draw_header(canvas, doc)
        self._draw_footer(canvas, doc)

    def _draw_header(self, canvas, doc) -> None:
        """A running head on continuation pages: which document this page belongs to."""
        canvas.saveState()
        y = self.pagesize[1] - self.top_margin + 5 * mm
        canvas.setFont(self.font, 8)
        canvas.setFillColor(self.muted_colour)
        canvas.drawString(self.left_margin, y, f"{self.get_title()}（续）")
        canvas.drawRightString(self.pagesize[0] - self.right_margin, y, self.get_number())
        canvas.setStrokeColor(self.line_colour)
        canvas.setLineWidth(self.line_width)
        canvas.line(self.left_margin, y - 2 * mm, self.pagesize[0] - self.right_margin, y - 2 * mm)
        canvas.restoreState()

    def _draw_footer(self, canvas, doc) -> None:
        canvas.saveState()
        y = self.bottom_margin - 10 * mm
        canvas.setStrokeColor(self.line_colour)
        canvas.setLineWidth(self.line_width)
        canvas.line(self.left_margin, y + 4 * mm, self.pagesize[0] - self.right_margin, y + 4 * mm)
        canvas.setFont(self.font, 8)
        canvas.setFillColor(self.muted_colour)
        canvas.drawString(self.left_margin, y, f"{self.get_title()}  {self.get_number()}".strip())
        canvas.restoreState()

    def _draw_page_number(self, canvas, page: int, total: int) -> None:
        """ "第 i 页 / 共 N 页" at the right of the footer, drawn once the page total is known."""
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(self.muted_colour)
        canvas.drawRightString(
            self.pagesize[0] - self.right_margin, self.bottom_margin - 10 * mm, f"第 {page} 页 / 共 {total} 页"
        )
        canvas.restoreState()

    # -- building blocks -----------------------------------------------------------------------------------------

    def _get_styles(self) -> dict[str, ParagraphStyle]:
        size = self.font_size
        normal = ParagraphStyle(
            "normal", fontName=self.font, fontSize=size, leading=size * 1.4, wordWrap="CJK", splitLongWords=True
        )
        return {
            "normal": normal,
            "small": ParagraphStyle("small", parent=normal, fontSize=size - 1.5, leading=(size - 1.5) * 1.35,
                                    textColor=self.muted_colour),
            "cell": ParagraphStyle("cell", parent=normal, leading=size * 1.3),
            "cell_right": ParagraphStyle("cell_right", parent=normal, leading=size * 1.3, alignment=TA_RIGHT),
            "head": ParagraphStyle("head", parent=normal, leading=size * 1.3, alignment=TA_CENTER),
            "heading": ParagraphStyle("heading", parent=normal, fontSize=size + 1.5, leading=(size + 1.5) * 1.4,
                                      spaceAfter=1 * mm),
            "title": ParagraphStyle("title", parent=normal, fontSize=20, leading=26, alignment=TA_CENTER,
                                    spaceAfter=2 * mm),
            "subtitle": ParagraphStyle("subtitle", parent=normal, alignment=TA_CENTER, textColor=self.muted_colour),
            "emphasis": ParagraphStyle("emphasis", parent=normal, fontSize=size + 1.5, leading=(size + 1.5) * 1.45),
        }  # fmt: skip

    def _p(self, text, style: str = "normal") -> Paragraph:
        """A Paragraph of snapshot text, escaped."""
        return Paragraph(_text(text), self.styles[style])

    def _head(self, *labels: str) -> list[Paragraph]:
        """A table's header row; Paragraphs so that long labels wrap instead of overflowing narrow columns."""
        return [self._p(label, "head") for label in labels]

    def _labelled(self, label: str, value, style: str = "normal") -> Paragraph:
        """'label：value' with the label muted; only the value comes from the snapshot and is escaped."""
        colour = self.muted_colour.hexval()[2:]
        return Paragraph(f'<font color="#{colour}">{_text(label)}：</font>{_text(value)}', self.styles[style])

    def _table_style(self, *commands) -> TableStyle:
        """Grid, CJK font in every cell (plain-string cells use FONTNAME, not the Paragraph styles), header row."""
        return TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("FONTSIZE", (0, 0), (-1, -1), self.font_size),
                ("LEADING", (0, 0), (-1, -1), self.font_size * 1.3),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), self.line_width, self.line_colour),
                ("BACKGROUND", (0, 0), (-1, 0), self.header_background),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                *commands,
            ]
        )

    def _title_block(self, title: str, meta: list[tuple[str, object]]) -> list:
        """Centred title and a row of 'label：value' facts (number, dates) under it."""
        facts = (NBSP * 6).join(
            f'<font color="#{self.muted_colour.hexval()[2:]}">{_text(label)}：</font>{_text(value)}'
            for label, value in meta
        )
        return [
            Paragraph(_text(title), self.styles["title"]),
            Paragraph(facts, self.styles["subtitle"]),
            Spacer(0, 5 * mm),
        ]

    def _party_cell(self, heading: str, party: dict | None) -> list:
        """A party's name, credit code, address and contact; its bank account too when the snapshot has one (the
        payee of a settlement statement)."""
        party = party or {}
        cell = [
            self._p(heading, "heading"),
            self._labelled("名称", party.get("name")),
            self._labelled("统一社会信用代码", party.get("credit_code")),
            self._labelled("地址", party.get("address")),
            self._labelled("联系方式", party.get("contact")),
        ]
        if "bank_account" in party:
            cell.append(self._labelled("开户银行", party.get("bank_name") or "—"))
            cell.append(self._labelled("银行账号", party.get("bank_account") or "—"))
        return cell

    def _cell(self, value, width: float) -> str:
        """A plain-string table cell wrapped to a column ``width`` (less the cell padding)."""
        return wrap_text(value, width - 8, self.font, self.font_size)

    def _parties(self, doc, left: tuple[str, dict | None], right: tuple[str, dict | None]) -> Table:
        """Two parties side by side, each in its own box."""
        gap = 4 * mm
        width = (doc.width - gap) / 2
        table = Table(
            [[self._party_cell(*left), "", self._party_cell(*right)]], colWidths=[width, gap, width], hAlign="LEFT"
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (0, 0), self.line_width, self.line_colour),
                    ("BOX", (2, 0), (2, 0), self.line_width, self.line_colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table

    def _amounts_summary(self, doc, rows: list[tuple[str, object]]) -> Table:
        """项目 | 小写 | 大写 for each (label, amount): the figures as snapshotted and their capitals."""
        data: list[list] = [self._head("项目", "金额（小写）", "金额（大写）")]
        data += [[self._p(label, "cell"), _yuan(amount), self._p(_capitals(amount), "cell")] for label, amount in rows]
        table = Table(data, colWidths=[doc.width * 0.22, doc.width * 0.22, doc.width * 0.56], hAlign="LEFT")
        table.setStyle(self._table_style(("ALIGN", (1, 0), (1, -1), "RIGHT")))
        return table

    def _signature_boxes(self, doc, labels: list[str]) -> Table:
        """Boxes for handwritten signatures and the seal (盖章), side by side."""
        gap = 4 * mm
        width = (doc.width - gap * (len(labels) - 1)) / len(labels)
        header, space, date = [], [], []
        widths, commands = [], []
        for index, label in enumerate(labels):
            if index:
                header.append("")
                space.append("")
                date.append("")
                widths.append(gap)
            column = len(widths)
            header.append(self._p(label))
            space.append("")
            date.append(self._p(f"日期：{NBSP * 12}年{NBSP * 6}月{NBSP * 6}日", "small"))
            widths.append(width)
            commands.append(("BOX", (column, 0), (column, -1), self.line_width, self.line_colour))
        table = Table([header, space, date], colWidths=widths, rowHeights=[None, 20 * mm, None], hAlign="LEFT")
        table.setStyle(
            TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font), ("VALIGN", (0, 0), (-1, -1), "TOP"), *commands])
        )
        return table


class SettlementStatementPdf(PdfDocument):
    """创新券兑付结算单: what the issuing bureau (兑付单位) pays a service provider for redeemed vouchers."""

    title = "创新券兑付结算单"

    def get_title(self) -> str:
        return str(self.snapshot.get("title") or self.title)

    def get_author(self) -> str:
        return str((self.snapshot.get("issuer") or {}).get("name") or "")

    def get_filename(self) -> str:
        return document_filename(self.get_number())

    def _get_story(self, doc) -> list:
        s = self.snapshot
        program = s.get("program") or {}
        period = s.get("period") or {}
        story = self._title_block(
            self.get_title(),
            [("编号", s["number"]), ("审批时间", s.get("approved_at")), ("审批人", s.get("approved_by"))],
        )
        story.append(self._parties(doc, ("兑付单位", s.get("issuer")), ("服务机构（收款方）", s.get("provider"))))
        story.append(Spacer(0, 3 * mm))
        story.append(self._labelled("创新券项目", f"{program.get('name', '')}（{program.get('year', '')}年度）"))
        story.append(self._labelled("结算期间", f"{period.get('start', '')} 至 {period.get('end', '')}"))
        story.append(Spacer(0, 3 * mm))
        story += self._lines_table(doc)
        story.append(Spacer(0, 3 * mm))
        story.append(
            KeepTogether(
                [
                    self._total_box(doc, s["total"]),
                    Spacer(0, 3 * mm),
                    self._payment_status(),
                    Spacer(0, 5 * mm),
                    self._signature_boxes(doc, ["经办人", "审核人", "单位盖章"]),
                ]
            )
        )
        return story

    def _lines_table(self, doc) -> list:
        """One row per redemption: the firm with its 统一社会信用代码, the service and the claim it came with, the
        amounts. Plain-string cells in a LongTable (see the module docstring)."""
        lines = self.snapshot.get("lines") or []
        w = doc.width
        widths = [w * 0.06, w * 0.27, w * 0.29, w * 0.12, w * 0.13, w * 0.13]
        header = ["序号", "企业 /\n统一社会信用代码", "服务内容", "日期", "服务金额\n（元）", "创新券金额\n（元）"]
        data: list[list] = []
        for index, line in enumerate(lines, start=1):
            firm = self._cell(line.get("firm"), widths[1])
            if line.get("firm_credit_code"):
                firm += "\n" + line["firm_credit_code"]
            service = self._cell(line.get("description"), widths[2])
            if line.get("reference"):
                service += "\n" + self._cell(f"申请单号 {line['reference']}", widths[2])
            data.append(
                [
                    str(index),
                    firm,
                    service,
                    line.get("date") or "",
                    line.get("service_amount") or "",
                    line.get("voucher_amount") or "",
                ]
            )
        table = RowsTable(
            header, data, col_widths=widths, aligns=["CENTER", "LEFT", "LEFT", "CENTER", "RIGHT", "RIGHT"],
            font=self.font, size=self.font_size, leading=self.font_size * 1.3, padding=3, line_width=self.line_width,
            line_colour=self.line_colour, header_background=self.header_background,
        )  # fmt: skip
        total = Table(
            [[f"合计（共 {len(lines)} 项）", self.snapshot["total"]]],
            colWidths=[sum(widths[:5]), widths[5]],
            hAlign="LEFT",
        )
        total.setStyle(
            self._table_style(("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("LINEABOVE", (0, 0), (-1, 0), 0, colors.white))
        )
        return [table, total]

    def _total_box(self, doc, total) -> Table:
        data = [
            [self._labelled("合计（小写）", _yuan(total), "emphasis")],
            [self._labelled("合计（大写）", _capitals(total), "emphasis")],
        ]
        table = Table(data, colWidths=[doc.width], hAlign="LEFT")
        table.setStyle(self._table_style(("BACKGROUND", (0, 0), (-1, 0), colors.white)))
        return table

    def _payment_status(self) -> Paragraph:
        paid = self.snapshot.get("paid")
        if not paid:
            return self._labelled("支付状态", "未支付（待拨付）")
        return self._labelled(
            "支付状态",
            f"已支付{NBSP * 4}支付日期：{paid.get('at', '')}{NBSP * 4}银行流水号：{paid.get('reference', '')}",
        )


class InvoicePdf(PdfDocument):
    """服务费用确认单 from a service provider to a firm, or its cancellation, a 红字冲销单 with negative amounts. Not a
    fapiao (发票): the provider issues that itself, and its number is printed when the snapshot has one."""

    title = "服务费用确认单"
    credit_note_title = "红字冲销单"

    @property
    def is_credit_note(self) -> bool:
        return self.snapshot.get("kind") == "credit_note"

    def get_title(self) -> str:
        return self.credit_note_title if self.is_credit_note else self.title

    def get_filename(self) -> str:
        return f"{_safe_filename(self.get_number())}.pdf"

    def _get_story(self, doc) -> list:
        s = self.snapshot
        meta: list[tuple[str, object]] = [("编号", s["number"]), ("开具日期", s.get("issued_at"))]
        if self.is_credit_note:
            meta.append(("冲销确认单", s.get("cancels")))
        if s.get("fapiao_number"):
            meta.append(("发票号码", s["fapiao_number"]))
        story = self._title_block(self.get_title(), meta)
        if self.is_credit_note:
            story.append(
                self._p(f"本单冲销收费确认单 {s.get('cancels') or ''}，金额以负数表示，原确认单同时作废。", "emphasis")
            )
            story.append(Spacer(0, 3 * mm))
        story.append(
            self._parties(doc, ("服务机构（销售方）", s.get("provider")), ("企业（购买方）", s.get("customer")))
        )
        story.append(Spacer(0, 4 * mm))
        story.append(self._lines_table(doc))
        story.append(Spacer(0, 4 * mm))
        summary = self._amounts_summary(
            doc,
            [
                ("服务金额合计", s["total"]),
                (s.get("fees_label") or "违约金/爽约费", s.get("fees") or "0.00"),
                ("创新券抵扣", s.get("voucher_paid") or "0.00"),
                ("应付金额", s["amount_owed"]),
            ],
        )
        tail: list = [summary, Spacer(0, 3 * mm)]
        if s.get("notes"):
            tail += [self._labelled("备注", s["notes"]), Spacer(0, 3 * mm)]
        tail.append(self._p("本单为服务费用确认单，不作为税务发票；发票由服务机构另行开具。", "small"))
        tail.append(Spacer(0, 2 * mm))
        tail.append(self._signature_boxes(doc, ["经办人", "服务机构盖章"]))
        story.append(KeepTogether(tail))
        return story

    def _lines_table(self, doc) -> Table:
        data: list[list] = [self._head("序号", "服务内容", "数量", "单位", "单价（元）", "金额（元）")]
        for index, line in enumerate(self.snapshot.get("lines") or [], start=1):
            data.append(
                [
                    str(index),
                    self._p(line.get("description"), "cell"),
                    line.get("quantity") or "",
                    self._p(line.get("unit"), "cell"),
                    line.get("unit_price") or "",
                    line.get("amount") or "",
                ]
            )
        data.append(["合计", "", "", "", "", self.snapshot["total"]])
        w = doc.width
        table = Table(
            data, colWidths=[w * 0.07, w * 0.41, w * 0.1, w * 0.1, w * 0.15, w * 0.17], repeatRows=1, hAlign="LEFT"
        )
        table.setStyle(
            self._table_style(
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                ("ALIGN", (4, 1), (5, -1), "RIGHT"),
                ("SPAN", (0, -1), (4, -1)),
                ("ALIGN", (0, -1), (4, -1), "RIGHT"),
                ("BACKGROUND", (0, -1), (-1, -1), self.header_background),
            )
        )
        return table


class MonthlyStatementPdf(PdfDocument):
    """月度对账单: a firm's invoices from one provider in one month, with the voucher part and what it owes."""

    title = "月度对账单"

    def get_number(self) -> str:
        customer = self.snapshot.get("customer") or {}
        return f"{customer.get('name') or ''} {self.snapshot.get('month') or ''}".strip()

    def get_filename(self) -> str:
        customer = self.snapshot.get("customer") or {}
        code = _safe_filename(str(customer.get("credit_code") or ""))
        return f"statement-{code}-{_safe_filename(str(self.snapshot['month']))}.pdf"

    def _get_story(self, doc) -> list:
        s = self.snapshot
        totals = s.get("totals") or {}
        story = self._title_block(self.get_title(), [("对账月份", s["month"])])
        story.append(self._parties(doc, ("服务机构", s.get("provider")), ("企业", s.get("customer"))))
        story.append(Spacer(0, 4 * mm))
        story.append(self._invoices_table(doc))
        story.append(Spacer(0, 4 * mm))
        story.append(
            KeepTogether(
                [
                    self._amounts_summary(
                        doc,
                        [
                            ("服务金额合计", totals.get("total") or "0.00"),
                            ("违约金/爽约费", totals.get("fees") or "0.00"),
                            ("创新券抵扣", totals.get("voucher_paid") or "0.00"),
                            ("应付金额", totals.get("amount_owed") or "0.00"),
                        ],
                    ),
                    Spacer(0, 3 * mm),
                    self._p("如对本对账单有异议，请于收到后十五日内与服务机构联系；逾期视为无异议。", "small"),
                ]
            )
        )
        return story

    def _invoices_table(self, doc) -> Table:
        totals = self.snapshot.get("totals") or {}
        invoices = self.snapshot.get("invoices") or []
        data: list[list] = [
            self._head("序号", "确认单编号", "开具日期", "服务金额", "违约金/爽约费", "创新券抵扣", "应付金额")
        ]
        for index, invoice in enumerate(invoices, start=1):
            data.append(
                [
                    str(index),
                    self._p(invoice.get("number"), "cell"),
                    invoice.get("date") or "",
                    invoice.get("total") or "",
                    invoice.get("fees") or "",
                    invoice.get("voucher_paid") or "",
                    invoice.get("amount_owed") or "",
                ]
            )
        data.append(
            [
                "合计",
                "",
                "",
                totals.get("total") or "",
                totals.get("fees") or "",
                totals.get("voucher_paid") or "",
                totals.get("amount_owed") or "",
            ]
        )
        w = doc.width
        table = Table(
            data,
            colWidths=[w * 0.07, w * 0.23, w * 0.13, w * 0.15, w * 0.12, w * 0.15, w * 0.15],
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(
            self._table_style(
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
                ("SPAN", (0, -1), (2, -1)),
                ("ALIGN", (0, -1), (2, -1), "CENTER"),
                ("BACKGROUND", (0, -1), (-1, -1), self.header_background),
            )
        )
        return table


def _safe_filename(value: str) -> str:
    """Keep numbers and credit codes as they are; replace anything a filesystem or header could trip over."""
    return re.sub(r"[^0-9A-Za-z._-]", "_", value) or "document"
