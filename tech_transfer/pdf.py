"""The evaluation report PDF (科技成果评价报告), rendered with the settlement statements' renderer
(:class:`vouchers.pdf.PdfDocument`: CJK font embedding, page numbers, running heads) from the snapshot frozen when
the report was issued — never from the live rows."""

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from vouchers.pdf import PdfDocument, document_filename


class EvaluationReportPdf(PdfDocument):
    """科技成果评价报告: the result, the requesting owner and the evaluation body, the expert panel, the scores per
    GB/T 44731-2024 dimension with their weights, the maturity level, the grades and the conclusion."""

    title = "科技成果评价报告"

    def get_filename(self) -> str:
        return document_filename(self.get_number())

    def get_author(self) -> str:
        return str((self.snapshot.get("body") or {}).get("name") or "")

    def _get_story(self, doc) -> list:
        s = self.snapshot
        story = self._title_block(self.title, [("报告编号", s["number"]), ("出具日期", s["issued_at"])])
        result = s["result"]
        story += [
            self._p(result["title"], "emphasis"),
            self._labelled("技术领域", result.get("tech_field")),
            self._labelled("关键词", "、".join(result.get("keywords") or []) or "—"),
            self._labelled("知识产权", "；".join(result.get("patents") or []) or "—"),
            Spacer(0, 2 * mm),
            self._labelled("成果简介", result.get("abstract")),
            Spacer(0, 4 * mm),
            self._parties(doc, ("委托方（成果所有方）", s.get("owner")), ("评价机构", s.get("body"))),
            Spacer(0, 4 * mm),
        ]
        if s.get("purpose"):
            story += [self._labelled("评价目的", s["purpose"]), Spacer(0, 3 * mm)]
        story += [self._p("评价专家组", "heading"), self._experts_table(doc), Spacer(0, 4 * mm)]
        story += [self._p(f"评价维度与得分（依据 {s.get('standard')}）", "heading"), self._scores_table(doc)]
        story.append(Spacer(0, 4 * mm))
        tail = [
            self._p("评价意见", "heading"),
            self._labelled(
                "技术成熟度", f"TRL {s['trl']} 级：{s.get('trl_name') or ''}（{s.get('maturity_standard')}）"
            ),
            self._labelled("创新性", s.get("novelty") or "—"),
            self._labelled("先进性", s.get("grade")),
            self._labelled("综合得分", s.get("total_score")),
            Spacer(0, 2 * mm),
            self._labelled("评价结论", s.get("conclusion")),
            Spacer(0, 4 * mm),
            self._p("本报告由评价机构依据专家组意见出具，报告编号唯一，出具后不作修改。", "small"),
            Spacer(0, 2 * mm),
            self._signature_boxes(doc, ["专家组组长", "评价机构盖章"]),
        ]
        story.append(KeepTogether(tail))
        return story

    def _experts_table(self, doc) -> Table:
        data: list[list] = [self._head("序号", "姓名", "职称", "工作单位", "专业领域", "组内职务")]
        for index, expert in enumerate(self.snapshot.get("experts") or [], start=1):
            data.append([
                str(index), self._p(expert.get("name"), "cell"), self._p(expert.get("title"), "cell"),
                self._p(expert.get("affiliation"), "cell"), self._p(expert.get("field"), "cell"),
                self._p("组长" if expert.get("chair") else "成员", "cell"),
            ])  # fmt: skip
        w = doc.width
        table = Table(data, colWidths=[w * 0.07, w * 0.13, w * 0.15, w * 0.33, w * 0.2, w * 0.12], repeatRows=1,
                      hAlign="LEFT")  # fmt: skip
        table.setStyle(self._table_style(("ALIGN", (0, 1), (0, -1), "CENTER")))
        return table

    def _scores_table(self, doc) -> Table:
        data: list[list] = [self._head("评价维度", "权重", "得分（0–100）")]
        for row in self.snapshot.get("scores") or []:
            data.append([self._p(row["name"], "cell"), str(row["weight"]), str(row["score"])])
        data.append(["加权综合得分", "", str(self.snapshot.get("total_score"))])
        w = doc.width
        table = Table(data, colWidths=[w * 0.5, w * 0.2, w * 0.3], hAlign="LEFT")
        table.setStyle(
            self._table_style(
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("SPAN", (0, -1), (1, -1)),
                ("BACKGROUND", (0, -1), (-1, -1), self.header_background),
            )
        )
        return table
