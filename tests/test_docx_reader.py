"""The docx reader on tiny inline XML documents: merges, text, numbering, headings."""

from __future__ import annotations

import io
import zipfile

import pytest

from govreport.model import Heading, Paragraph
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.docx import heading_level, read_docx
from govreport.readers.docx.numbering import chinese_counting, format_number
from govreport.tables.raw import RawTable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes(body: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    """A minimal docx whose body is `body` (WordprocessingML, `w:` prefix bound)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        if numbering is not None:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles is not None:
            zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return buf.getvalue()


def read(body: str, **parts: str) -> ReaderOutput:
    return read_docx(docx_bytes(body, **parts), ReadContext("test.docx"))


def p(text: str, ppr: str = "") -> str:
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(text: str = "", tcpr: str = "") -> str:
    return f"<w:tc>{tcpr and f'<w:tcPr>{tcpr}</w:tcPr>'}{p(text)}</w:tc>"


def tbl(rows: list[str], grid: int, tblpr: str = "") -> str:
    cols = "".join("<w:gridCol w:w='100'/>" for _ in range(grid))
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr>{trpr and f'<w:trPr>{trpr}</w:trPr>'}{''.join(cells)}</w:tr>"


def only_table(out: ReaderOutput) -> RawTable:
    tables = [b for b in out.blocks if isinstance(b, RawTable)]
    assert len(tables) == 1
    return tables[0]


def layout(table: RawTable) -> list[list[tuple[int | None, int | None, int | None, str]]]:
    return [[(c.col, c.row_span, c.col_span, c.text) for c in row] for row in table.rows]


SPAN2 = "<w:gridSpan w:val='2'/>"
RESTART = "<w:vMerge w:val='restart'/>"
CONT = "<w:vMerge/>"


# -- merges -----------------------------------------------------------------


def test_grid_span_places_following_cells_after_the_merged_columns() -> None:
    out = read(tbl([tr(tc("a", SPAN2), tc("b")), tr(tc("c"), tc("d"), tc("e"))], 3))
    table = only_table(out)
    assert table.spans_known and table.n_cols == 3
    assert layout(table) == [
        [(0, 1, 2, "a"), (2, 1, 1, "b")],
        [(0, 1, 1, "c"), (1, 1, 1, "d"), (2, 1, 1, "e")],
    ]


def test_vertical_merge_is_one_anchor_and_continuations_are_not_emitted() -> None:
    rows = [
        tr(tc("label", RESTART), tc("x")),
        tr(tc("", CONT), tc("y")),
        tr(tc("", "<w:vMerge w:val='continue'/>"), tc("z")),
        tr(tc("next"), tc("w")),
    ]
    table = only_table(read(tbl(rows, 2)))
    assert layout(table) == [
        [(0, 3, 1, "label"), (1, 1, 1, "x")],
        [(1, 1, 1, "y")],
        [(1, 1, 1, "z")],
        [(0, 1, 1, "next"), (1, 1, 1, "w")],
    ]


def test_vertical_merge_of_a_horizontally_merged_cell_keeps_both_spans() -> None:
    rows = [
        tr(tc("corner", SPAN2 + RESTART), tc("h")),
        tr(tc("", SPAN2 + CONT), tc("h2")),
    ]
    assert layout(only_table(read(tbl(rows, 3)))) == [
        [(0, 2, 2, "corner"), (2, 1, 1, "h")],
        [(2, 1, 1, "h2")],
    ]


def test_grid_before_and_grid_after_shift_and_pad_the_row() -> None:
    rows = [
        tr(tc("a"), tc("b"), tc("c")),
        tr(tc("x"), trpr="<w:gridBefore w:val='1'/><w:gridAfter w:val='1'/>"),
    ]
    out = read(tbl(rows, 3))
    assert layout(only_table(out)) == [
        [(0, 1, 1, "a"), (1, 1, 1, "b"), (2, 1, 1, "c")],
        [(1, 1, 1, "x")],
    ]
    assert not out.diagnostics


def test_continuation_without_restart_becomes_its_own_cell_with_a_diagnostic() -> None:
    out = read(tbl([tr(tc("a"), tc("b")), tr(tc("orphan", CONT), tc("c"))], 2))
    assert layout(only_table(out)) == [
        [(0, 1, 1, "a"), (1, 1, 1, "b")],
        [(0, 1, 1, "orphan"), (1, 1, 1, "c")],
    ]
    assert [d.code for d in out.diagnostics] == ["docx.vmerge_without_start"]
    assert out.diagnostics[0].location is not None
    assert out.diagnostics[0].location.ref == "tbl[1]/tr[2]/tc[1]"


def test_row_wider_than_the_grid_widens_the_table_with_a_diagnostic() -> None:
    out = read(tbl([tr(tc("a"), tc("b"), tc("c"))], 2))
    assert only_table(out).n_cols == 3
    assert [d.code for d in out.diagnostics] == ["docx.row_wider_than_grid"]


def test_short_row_is_left_for_the_builder_to_pad() -> None:
    table = only_table(read(tbl([tr(tc("a"), tc("b"), tc("c")), tr(tc("x"))], 3)))
    assert layout(table)[1] == [(0, 1, 1, "x")]


def test_repeated_header_rows_become_the_header_hint() -> None:
    head = "<w:tblHeader/>"
    rows = [tr(tc("h1"), trpr=head), tr(tc("h2"), trpr=head), tr(tc("d")), tr(tc("e"), trpr=head)]
    assert only_table(read(tbl(rows, 1))).header_rows_hint == 2
    assert only_table(read(tbl([tr(tc("d"))], 1))).header_rows_hint is None


def test_nested_table_is_its_own_raw_table_and_not_in_the_cell_text() -> None:
    inner = tbl([tr(tc("in1"), tc("in2"))], 2)
    outer = tbl([tr(f"<w:tc>{p('outer text')}{inner}<w:p/></w:tc>", tc("b"))], 2)
    out = read(outer)
    table = only_table(out)
    cell = table.rows[0][0]
    assert cell.text == "outer text"
    assert len(cell.nested) == 1
    assert layout(cell.nested[0]) == [[(0, 1, 1, "in1"), (1, 1, 1, "in2")]]
    assert cell.nested[0].source is not None
    assert cell.nested[0].source.ref == "tbl[1]/tr[1]/tc[1]/tbl[1]"


def test_content_controls_around_tables_rows_and_cells_are_seen_through() -> None:
    sdt_cell = f"<w:sdt><w:sdtPr/><w:sdtContent>{tc('in sdt')}</w:sdtContent></w:sdt>"
    sdt_row = f"<w:sdt><w:sdtContent>{tr(tc('r2'), tc('r2b'))}</w:sdtContent></w:sdt>"
    body = f"<w:sdt><w:sdtContent>{tbl([tr(tc('a'), sdt_cell), sdt_row], 2)}</w:sdtContent></w:sdt>"
    assert layout(only_table(read(body))) == [
        [(0, 1, 1, "a"), (1, 1, 1, "in sdt")],
        [(0, 1, 1, "r2"), (1, 1, 1, "r2b")],
    ]


def test_provenance_names_table_row_and_cell() -> None:
    out = read(p("before") + tbl([tr(tc("a")), tr(tc("b"))], 1) + tbl([tr(tc("c"))], 1))
    tables = [b for b in out.blocks if isinstance(b, RawTable)]
    assert tables[1].source is not None and tables[1].source.ref == "tbl[2]"
    cell = tables[0].rows[1][0]
    assert cell.source is not None and cell.source.ref == "tbl[1]/tr[2]/tc[1]"


def test_tracked_row_deletion_drops_the_row() -> None:
    rows = [tr(tc("keep")), tr(tc("gone"), trpr="<w:del w:id='1' w:author='x'/>")]
    assert layout(only_table(read(tbl(rows, 1)))) == [[(0, 1, 1, "keep")]]


# -- text -------------------------------------------------------------------


def texts(out: ReaderOutput) -> list[str]:
    return [b.text for b in out.blocks if isinstance(b, (Paragraph, Heading))]


def test_tracked_changes_read_as_accepted() -> None:
    body = (
        "<w:p><w:r><w:t>本年</w:t></w:r>"
        "<w:ins w:id='1'><w:r><w:t>新收</w:t></w:r></w:ins>"
        "<w:del w:id='2'><w:r><w:delText>旧的</w:delText></w:r></w:del>"
        "<w:moveFrom w:id='3'><w:r><w:t>移走</w:t></w:r></w:moveFrom>"
        "<w:moveTo w:id='4'><w:r><w:t>申请</w:t></w:r></w:moveTo></w:p>"
    )
    assert texts(read(body)) == ["本年新收申请"]


def test_breaks_tabs_symbols_and_hyphens() -> None:
    body = (
        "<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t><w:tab/><w:t>a</w:t>"
        "<w:noBreakHyphen/><w:t>b</w:t><w:cr/><w:sym w:font='Symbol' w:char='F0B4'/>"
        "<w:softHyphen/></w:r></w:p>"
    )
    assert texts(read(body)) == ["商业\n企业\ta-b\n×"]


def test_fields_keep_their_result_and_drop_their_instruction() -> None:
    body = (
        "<w:p><w:r><w:t>共</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> = 2 + 3 </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        "<w:r><w:t>5</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:r><w:t>件，</w:t></w:r>"
        "<w:fldSimple w:instr='PAGE'><w:r><w:t>7</w:t></w:r></w:fldSimple>"
        "<w:hyperlink r:id='x' xmlns:r='urn:r'><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>"
    )
    assert texts(read(body)) == ["共5件，7链接"]


def test_cell_paragraphs_join_with_newlines() -> None:
    cell = f"<w:tc>{p('第一行')}{p('第二行')}<w:p/></w:tc>"
    assert only_table(read(tbl([tr(cell)], 1))).rows[0][0].text == "第一行\n第二行"


def test_footnotes_and_drawings_are_not_body_text() -> None:
    body = (
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
        "<w:r><w:drawing><w:t>图中文字</w:t></w:drawing></w:r></w:p>"
    )
    assert texts(read(body)) == ["正文"]


# -- numbering --------------------------------------------------------------

NUMBERING = (
    "<w:abstractNum w:abstractNumId='0'>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
    "<w:lvlText w:val='%1、'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='chineseCountingThousand'/>"
    "<w:lvlText w:val='（%2）'/></w:lvl>"
    "<w:lvl w:ilvl='2'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
    "<w:lvlText w:val='%3.'/></w:lvl></w:abstractNum>"
    "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
    "<w:num w:numId='2'><w:abstractNumId w:val='0'/>"
    "<w:lvlOverride w:ilvl='1'><w:startOverride w:val='3'/></w:lvlOverride></w:num>"
)


def numbered(text: str, num: int, ilvl: int) -> str:
    return p(text, f"<w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num}'/></w:numPr>")


def test_numbering_labels_are_rendered_and_deeper_levels_reset() -> None:
    body = (
        numbered("总体情况", 1, 0)
        + numbered("主动公开", 1, 0)
        + numbered("规章", 1, 1)
        + numbered("规范性文件", 1, 1)
        + numbered("属于国家秘密", 1, 2)
        + numbered("申请情况", 1, 0)
        + numbered("予以公开", 1, 1)
    )
    out = read(body, numbering=NUMBERING)
    assert texts(out) == [
        "一、总体情况",
        "二、主动公开",
        "（一）规章",
        "（二）规范性文件",
        "1.属于国家秘密",
        "三、申请情况",
        "（一）予以公开",
    ]
    assert [b.level for b in out.blocks if isinstance(b, Heading)] == [1, 1, 2, 2, 3, 1, 2]


def test_start_override_gives_a_num_its_own_counters() -> None:
    out = read(numbered("a", 2, 1) + numbered("b", 2, 1), numbering=NUMBERING)
    assert texts(out) == ["（三）a", "（四）b"]


def test_numbering_inside_table_cells_prefixes_row_labels() -> None:
    cells = [
        tr(f"<w:tc>{numbered('予以公开', 1, 1)}</w:tc>"),
        tr(f"<w:tc>{numbered('部分公开', 1, 1)}</w:tc>"),
    ]
    table = only_table(read(tbl(cells, 1), numbering=NUMBERING))
    assert [row[0].text for row in table.rows] == ["（一）予以公开", "（二）部分公开"]


def test_numbering_from_the_paragraph_style() -> None:
    styles = (
        "<w:style w:type='paragraph' w:styleId='sec'><w:name w:val='Section'/>"
        "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
    )
    out = read(p("总体情况", "<w:pStyle w:val='sec'/>"), numbering=NUMBERING, styles=styles)
    assert texts(out) == ["一、总体情况"]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (21, "chineseCounting", "二十一"),
        (105, "chineseCounting", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (28, "upperLetter", "BB"),
        (2, "lowerLetter", "b"),
        (9, "upperRoman", "IX"),
        (4, "lowerRoman", "iv"),
        (12, "decimal", "12"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_chinese_counting_round_numbers() -> None:
    assert [chinese_counting(n) for n in (30, 99, 100, 1000, 1010)] == [
        "三十",
        "九十九",
        "一百",
        "一千",
        "一千零一十",
    ]


# -- headings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、总体情况", 1),
        ("十、其他", 1),
        ("（一）予以公开", 2),
        ("(三) 不予公开", 2),
        ("2023年，我局认真贯彻落实条例", None),
        ("1.5万元", None),
        ("（文字描述）", None),
        ("一、本年度我局共收到政府信息公开申请一百二十件，均已在法定期限内答复。", None),
    ],
)
def test_heading_level_of_a_paragraph_on_its_own(text: str, level: int | None) -> None:
    assert heading_level(text) == level


def test_heading_levels_follow_the_outline_the_numbering_opens() -> None:
    body = "".join(
        p(t)
        for t in (
            "一、总体情况",
            "（一）主动公开",
            "1.规章",
            "（1）制发",
            "2.规范性文件",
            "（二）依申请公开",
            "二、主动公开政府信息情况",
        )
    )
    out = read(body)
    assert [b.level for b in out.blocks if isinstance(b, Heading)] == [1, 2, 3, 4, 3, 2, 1]


def test_heading_styles_and_outline_levels() -> None:
    styles = (
        "<w:style w:type='paragraph' w:styleId='H2'><w:name w:val='heading 2'/></w:style>"
        "<w:style w:type='paragraph' w:styleId='a3'><w:name w:val='标题 1'/></w:style>"
    )
    body = (
        p("总体情况", "<w:pStyle w:val='a3'/>")
        + p("工作要点", "<w:pStyle w:val='H2'/>")
        + p("大纲标题", "<w:outlineLvl w:val='0'/>")
        + p("普通段落，很长的文字。")
    )
    out = read(body, styles=styles)
    assert [(type(b).__name__, getattr(b, "level", None)) for b in out.blocks] == [
        ("Heading", 1),
        ("Heading", 2),
        ("Heading", 1),
        ("Paragraph", None),
    ]


def test_centered_large_title_before_the_first_section_is_level_0() -> None:
    title = (
        "<w:p><w:pPr><w:jc w:val='center'/></w:pPr><w:r><w:rPr><w:sz w:val='44'/></w:rPr>"
        "<w:t>某某区2023年政府信息公开工作年度报告</w:t></w:r></w:p>"
    )
    out = read(title + p("一、总体情况"))
    assert [(b.level, b.text) for b in out.blocks if isinstance(b, Heading)] == [
        (0, "某某区2023年政府信息公开工作年度报告"),
        (1, "一、总体情况"),
    ]
