"""Whole docx documents through `govreport.read`, built inline part by part.

What a reader of the printed report sees is what comes out: nested tables as
tables of their own referenced from their cell, tables inside content controls,
tracked changes accepted, fields as their results, soft line breaks, numbering
labels in row labels; page headers, footers, footnotes and comments never in the body.
"""

from __future__ import annotations

import io
import zipfile

import govreport
from govreport.model import Document, Heading, Paragraph, Table
from govreport.tables.paths import records

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package(body: str, parts: dict[str, str] | None = None, rels: dict[str, str] | None = None) -> bytes:
    """A docx: `body` in word/document.xml (`w:` and `r:` bound), extra parts
    by name, and document relationships (id -> ``type:target``)."""
    buf = io.BytesIO()
    ns = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types xmlns='urn:ct'/>")
        zf.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        for name, xml in (parts or {}).items():
            zf.writestr(name, xml)
        if rels:
            entries = "".join(
                f'<Relationship Id="{rid}" Type="{REL_TYPE}{kind}" Target="{target}"/>'
                for rid, (kind, target) in ((rid, v.split(":", 1)) for rid, v in rels.items())
            )
            zf.writestr(
                "word/_rels/document.xml.rels", f'<Relationships xmlns="{REL_NS}">{entries}</Relationships>'
            )
    return buf.getvalue()


def part(root: str, content: str) -> str:
    return f'<w:{root} xmlns:w="{W_NS}">{content}</w:{root}>'


def read(body: str, **kwargs: dict[str, str]) -> Document:
    return govreport.read(package(body, **kwargs), name="test.docx")


def p(text: str, ppr: str = "") -> str:
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(content: str, tcpr: str = "") -> str:
    inner = content if content.startswith("<w:") else p(content)
    return f"<w:tc>{tcpr and f'<w:tcPr>{tcpr}</w:tcPr>'}{inner}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{trpr and f'<w:trPr>{trpr}</w:trPr>'}{''.join(cells)}</w:tr>"


def tbl(rows: list[str], grid: int) -> str:
    cols = "".join("<w:gridCol w:w='100'/>" for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def paths(table: Table) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(r.row, r.col, r.text) for r in records(table)]


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, (Heading, Paragraph))]


def all_text(doc: Document) -> str:
    return "\n".join(texts(doc) + [c.text for t in doc.tables for c in t.cells])


# A small statistics table: a header row over two value columns, two body rows.
HEAD = tr(tc("项目"), tc("自然人"), tc("总计"))


def test_nested_table_is_its_own_table_and_its_cell_references_it() -> None:
    inner = tbl([tr(tc("内表甲"), tc("内表乙")), tr(tc("1"), tc("2"))], 2)
    outer = tbl([HEAD, tr(tc(p("说明") + inner + "<w:p/>"), tc("3"), tc("4"))], 3)
    doc = read(p("前言") + outer + p("结语"))
    assert len(doc.tables) == 2
    holder = next(c for c in doc.tables[0].cells if c.nested)
    assert (holder.row, holder.col, holder.text, holder.nested) == (1, 0, "说明", (1,))
    nested = doc.tables[1]
    assert {c.text for c in nested.cells} == {"内表甲", "内表乙", "1", "2"}
    assert "内表甲" not in "".join(c.text for c in doc.tables[0].cells)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph"]
    assert doc.blocks[1] is doc.tables[0] and doc.blocks[2] is doc.tables[1]


def test_table_inside_content_controls_is_read_with_its_cells() -> None:
    sdt_cell = f"<w:sdt><w:sdtPr/><w:sdtContent>{tc('5')}</w:sdtContent></w:sdt>"
    sdt_row = f"<w:sdt><w:sdtContent>{tr(tc('法人'), tc('6'), tc('7'))}</w:sdtContent></w:sdt>"
    table = tbl([HEAD, tr(tc("自然人申请"), sdt_cell, tc("8")), sdt_row], 3)
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('控件中的段落')}{table}</w:sdtContent></w:sdt>"
    doc = read(body)
    assert texts(doc) == ["控件中的段落"]
    assert paths(doc.tables[0]) == [
        (("自然人申请",), ("自然人",), "5"),
        (("自然人申请",), ("总计",), "8"),
        (("法人",), ("自然人",), "6"),
        (("法人",), ("总计",), "7"),
    ]


def test_tracked_changes_in_a_table_read_as_accepted() -> None:
    changed = (
        "<w:tc><w:p><w:del w:id='1'><w:r><w:delText>9</w:delText></w:r></w:del>"
        "<w:ins w:id='2'><w:r><w:t>3</w:t></w:r></w:ins></w:p></w:tc>"
    )
    rows = [
        HEAD,
        tr(tc("保留"), changed, tc("3")),
        tr(tc("删除的行"), tc("1"), tc("1"), trpr="<w:del w:id='3' w:author='a'/>"),
        tr(tc("插入的行"), tc("2"), tc("2"), trpr="<w:ins w:id='4' w:author='a'/>"),
    ]
    doc = read(tbl(rows, 3))
    assert paths(doc.tables[0]) == [
        (("保留",), ("自然人",), "3"),
        (("保留",), ("总计",), "3"),
        (("插入的行",), ("自然人",), "2"),
        (("插入的行",), ("总计",), "2"),
    ]


def test_fields_in_cells_give_their_result_not_their_instruction() -> None:
    field = (
        "<w:tc><w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> =SUM(LEFT) </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>12</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p></w:tc>"
    )
    doc = read(tbl([HEAD, tr(tc("合计"), tc("12"), field)], 3))
    assert paths(doc.tables[0]) == [(("合计",), ("自然人",), "12"), (("合计",), ("总计",), "12")]


def test_soft_line_breaks_stay_in_cell_text_and_leave_header_paths() -> None:
    broken = "<w:tc><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc>"
    doc = read(tbl([tr(tc("项目"), broken, tc("总计")), tr(tc("本年新收"), tc("1"), tc("1"))], 3))
    header = next(c for c in doc.tables[0].cells if c.row == 0 and c.col == 1)
    assert header.text == "商业\n企业"
    assert paths(doc.tables[0])[0] == (("本年新收",), ("商业企业",), "1")


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
    "<w:lvlText w:val='%1、'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
    "<w:lvlText w:val='（%2）'/><w:suff w:val='nothing'/></w:lvl></w:abstractNum>"
    "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
)


def numbered(text: str, ilvl: int) -> str:
    return p(text, f"<w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='1'/></w:numPr>")


def test_numbering_labels_appear_in_headings_and_row_labels() -> None:
    rows = [
        HEAD,
        tr(tc(numbered("予以公开", 1)), tc("1"), tc("1")),
        tr(tc(numbered("部分公开", 1)), tc("2"), tc("2")),
    ]
    body = numbered("收到和处理政府信息公开申请情况", 0) + tbl(rows, 3)
    doc = read(body, parts={"word/numbering.xml": part("numbering", NUMBERING)})
    assert [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)] == [
        (1, "一、收到和处理政府信息公开申请情况")
    ]
    assert [r[0] for r in paths(doc.tables[0])] == [("（一）予以公开",)] * 2 + [("（二）部分公开",)] * 2


def test_page_headers_footers_footnotes_and_comments_are_not_body_text() -> None:
    sect = (
        "<w:sectPr><w:headerReference w:type='default' r:id='rH'/>"
        "<w:footerReference w:type='default' r:id='rF'/></w:sectPr>"
    )
    body = (
        "<w:p><w:r><w:t>正文第一段</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
        "<w:commentRangeStart w:id='0'/><w:r><w:t>。</w:t></w:r><w:commentRangeEnd w:id='0'/>"
        "<w:r><w:commentReference w:id='0'/></w:r></w:p>" + p("正文第二段") + sect
    )
    parts = {
        "word/header1.xml": part("hdr", p("页眉：某某区人民政府")),
        "word/footer1.xml": part("ftr", p("- 1 -") + tbl([tr(tc("页脚表格"))], 1)),
        "word/footnotes.xml": part("footnotes", f"<w:footnote w:id='1'>{p('脚注内容')}</w:footnote>"),
        "word/comments.xml": part("comments", f"<w:comment w:id='0'>{p('批注内容')}</w:comment>"),
    }
    rels = {
        "rH": "header:header1.xml",
        "rF": "footer:footer1.xml",
        "rN": "footnotes:footnotes.xml",
        "rC": "comments:comments.xml",
    }
    doc = read(body, parts=parts, rels=rels)
    assert texts(doc) == ["正文第一段。", "正文第二段"]
    assert doc.tables == ()
    for outside in ("页眉", "- 1 -", "页脚表格", "脚注内容", "批注内容"):
        assert outside not in all_text(doc)


def test_the_blank_template_matches_its_hand_checked_golden_file() -> None:
    from helpers import CORPUS, check_golden

    doc = govreport.read(CORPUS / "real" / "template-2021-blank.docx")
    check_golden(doc, CORPUS / "real" / "template-2021-blank.expected.json")
