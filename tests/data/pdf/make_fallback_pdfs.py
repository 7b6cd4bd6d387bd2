"""Write the small PDFs of the PDF reader's fallback tests (run by hand).

Each is a short report page whose table lacks a full ruling, written as a docx
with python-docx and converted by LibreOffice:

- ``rules-between-rows.pdf``: a horizontal rule above, between and below the
  rows, no vertical rule;
- ``three-rules.pdf``: only the rules above and below the header row and
  under the last row (a "three-line table");
- ``shaded-header.pdf``: no rule at all, the header row shaded;
- ``no-rules.pdf``: no rule and no shading, columns only by alignment;
- ``framed-paragraph.pdf``: a paragraph in a box (one ruled cell) that is no
  table;
- ``no-rules-two-pages.pdf``: an unruled table of `LONG_ROWS` rows running
  from page 1 onto page 2.

    python tests/data/pdf/make_fallback_pdfs.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
# Header cells broken over two lines, labels that wrap in the narrow first
# column (in the middle of the table and in its last row).
ROWS = [
    ["信息内容", "本年新\n制作数量", "本年新\n公开数量", "对外公开\n总数量"],
    ["规章", "5", "0", "32"],
    ["其他对外管理服务事项", "0", "1", "26"],
    ["规范性文件", "12", "3", "87"],
    ["行政事业性收费项目数量", "/", "—", "140"],
]
WIDTHS = [Cm(2.6), Cm(3.5), Cm(3.5), Cm(3.5)]
LONG_ROWS = 45


def long_rows() -> list[list[str]]:
    """The rows of the two-page table: header, then numbered items."""
    return [["事项", "申请数量", "办理数量", "公开数量"]] + [
        [f"第{k}项", str(k * 3 % 17), str(k * 5 % 13), str(k % 7)] for k in range(1, LONG_ROWS + 1)
    ]


def _border(tag: str, size: int = 8) -> OxmlElement:
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), "single" if size else "nil")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")
    return el


def _table_borders(table: object, sides: dict[str, int]) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(side, sides.get(side, 0)))
    tbl_pr.append(borders)


def _cell_border(cell: object, side: str, size: int = 8) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    borders.append(_border(side, size))


def _shade(cell: object, fill: str = "D9D9D9") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)  # type: ignore[attr-defined]


def _report(kind: str) -> docx.Document:
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    title = d.add_paragraph("某县某局2023年政府信息公开工作年度报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.size = Pt(16)
    d.add_paragraph("二、主动公开政府信息情况")
    if kind == "framed-paragraph":
        box = d.add_table(rows=1, cols=1)
        _table_borders(box, {"top": 8, "left": 8, "bottom": 8, "right": 8})
        box.cell(0, 0).text = "说明：本表数据截至2023年12月31日，由本局办公室统计汇总。"
        d.add_paragraph("三、收到和处理政府信息公开申请情况")
        d.add_paragraph("本年度共收到政府信息公开申请12件，均已按期答复。")
        return d
    rows = long_rows() if kind == "no-rules-two-pages" else ROWS
    if kind == "no-rules-two-pages":
        for _ in range(22):
            d.add_paragraph("本机关严格按照条例要求做好政府信息公开工作，及时回应社会关切。")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            cell.width = WIDTHS[c]
            cell.text = text
            if c:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if kind == "rules-between-rows":
        _table_borders(table, {"top": 8, "bottom": 8, "insideH": 4})
    elif kind == "three-rules":
        _table_borders(table, {"top": 12, "bottom": 12})
        for cell in table.rows[0].cells:
            _cell_border(cell, "bottom", 8)
    elif kind == "shaded-header":
        _table_borders(table, {})
        for cell in table.rows[0].cells:
            _shade(cell)
    else:
        _table_borders(table, {})
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    d.add_paragraph("本年度共收到政府信息公开申请12件，均已按期答复。")
    return d


def main() -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    kinds = ["rules-between-rows", "three-rules", "shaded-header", "no-rules", "framed-paragraph",
             "no-rules-two-pages"]
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for kind in kinds:
            path = Path(tmp, f"{kind}.docx")
            _report(kind).save(str(path))
            sources.append(str(path))
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(HERE), *sources],
                       check=True, capture_output=True, timeout=600)
    for kind in kinds:
        print(HERE / f"{kind}.pdf")


if __name__ == "__main__":
    main()
