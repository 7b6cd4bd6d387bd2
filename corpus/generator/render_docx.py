"""Word rendering of a report with real merges (gridSpan / vMerge via python-docx).

Knobs (variant["docx"]): headings as Heading styles or plain bold paragraphs;
body font and size; repeated header rows (`w:tblHeader`); a landscape
section around tables 3 and 4; narrow label columns so long labels wrap over
several lines; minimum row heights (so table 3 breaks across pages); page
numbers `- N -` in the footer.  Zip entries get a fixed timestamp and the core
properties fixed dates, so reruns produce identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from .model import Cell, Heading, Paragraph, Report, Table, printed, row_items

_FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _set_font(run_or_style: Any, font: str, size: float | None = None) -> None:
    """Set Latin and East Asian font of a run or style (Word needs both)."""
    run_or_style.font.name = font
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    if size:
        run_or_style.font.size = Pt(size)


def _column_widths(table: Table, usable_cm: float, narrow: bool) -> list[float]:
    """Grid column widths (cm): label columns first, the rest share what is left."""
    if table.kind == "applications":
        labels = [1.0, 1.3, 1.9] if narrow else [1.6, 2.2, 5.0]
    elif table.kind == "proactive_disclosure":
        labels = [2.0] if narrow else [4.0]
    else:
        labels = []
    rest = max(usable_cm - sum(labels), 1.0 * (table.n_cols - len(labels)))
    n_rest = table.n_cols - len(labels)
    return labels + [rest / n_rest] * n_rest


def _add_table(doc: Any, table: Table, opts: dict[str, Any], usable_cm: float) -> None:
    table = printed(table)
    widths = _column_widths(table, usable_cm, bool(opts["narrow_labels"]))
    t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    t.style = "Table Grid"
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        gc.set(qn("w:w"), str(int(w * 567)))
    height = float(opts["row_height_cm"])
    for r, row in enumerate(t.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if opts["repeat_header"] and r < table.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        if height:
            h = OxmlElement("w:trHeight")
            h.set(qn("w:val"), str(int(height * 567)))
            h.set(qn("w:hRule"), "atLeast")
            tr_pr.append(h)
    size = 9 if table.n_cols > 6 else 10.5
    for r, row in enumerate(t.rows):
        tr = row._tr
        for tc in tr.findall(qn("w:tc")):
            tr.remove(tc)
        for cell, cont in row_items(table, r):
            tr.append(_tc(t, cell, cont, widths, size))


def _tc(t: Any, cell: Cell, cont: bool, widths: list[float], size: float) -> Any:
    """One `w:tc`: gridSpan for horizontal merges, vMerge restart/continue for vertical ones."""
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_w = OxmlElement("w:tcW")
    tc_w.set(qn("w:w"), str(int(sum(widths[cell.col:cell.col + cell.col_span]) * 567)))
    tc_w.set(qn("w:type"), "dxa")
    tc_pr.append(tc_w)
    if cell.col_span > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(cell.col_span))
        tc_pr.append(span)
    if cell.row_span > 1:
        merge = OxmlElement("w:vMerge")
        if not cont:
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    tc_pr.append(valign)
    tc.append(tc_pr)
    wrapped = _Cell(tc, t)
    for line in ([""] if cont else cell.text.split("\n")):
        para = wrapped.add_paragraph()
        if cell.role in ("header", "data"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = para.add_run(line)
            run.font.size = Pt(size)
            run.bold = cell.role in ("header", "caption")
    return tc


def _footer_page_number(section: Any, fmt: str) -> None:
    """Footer `- N -` with a PAGE field between the dashes."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = fmt.split("{n}")
    para.add_run(before)
    run = para.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    para.add_run(after)


def _orient(section: Any, landscape: bool) -> float:
    """Set A4 orientation; return the usable text width in cm."""
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (
        Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.5)
    return (29.7 if landscape else 21.0) - 4.4


def render_docx(report: Report) -> bytes:
    """The report as .docx bytes (deterministic)."""
    opts = report.variant["docx"]
    doc = Document()
    _set_font(doc.styles["Normal"], opts["font"], opts["font_size"])
    props = doc.core_properties
    props.created = props.modified = props.last_printed = _FIXED
    props.author = props.last_modified_by = "govreport corpus"
    props.title = report.title
    props.revision = 1
    usable = _orient(doc.sections[0], False)
    fmt = str(report.variant["page_number_format"])
    if opts["footer_page_numbers"]:
        _footer_page_number(doc.sections[0], fmt)
    for block in report.blocks:
        if isinstance(block, Heading):
            if opts["landscape"] and block.level == 1 and block.text[0] in "三五":
                section = doc.add_section(WD_SECTION.NEW_PAGE)
                usable = _orient(section, block.text[0] == "三")
            if block.level == 0:
                para = doc.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = para.add_run(block.text)
                run.bold = True
                run.font.size = Pt(18)
            elif opts["heading_styles"]:
                doc.add_heading(block.text, level=block.level)
            else:
                para = doc.add_paragraph()
                run = para.add_run(block.text)
                run.bold = block.level == 1
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph(block.text)
            para.paragraph_format.first_line_indent = Pt(2 * float(opts["font_size"]))
        elif isinstance(block, Table):
            _add_table(doc, block, opts, usable)
            doc.add_paragraph()
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps so bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
