"""The HTML reader: encodings, the report among site chrome, table markup, Word's HTML, safety."""

from __future__ import annotations

import quopri
from pathlib import Path

import pytest

import govreport
from govreport.readers import ReadContext
from govreport.readers.html import read_html, read_mht
from govreport.tables.raw import RawTable

DATA = Path(__file__).parent / "data" / "html"


def raw_tables(data: bytes, name: str = "page.html") -> list[RawTable]:
    out = read_html(data, ReadContext(name))
    return [b for b in out.blocks if isinstance(b, RawTable)]


def texts(doc: govreport.Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, (govreport.Heading, govreport.Paragraph))]


def grid(table: RawTable) -> list[list[tuple[str, int | None, int | None, int | None]]]:
    return [[(c.text, c.col, c.row_span, c.col_span) for c in row] for row in table.rows]


REPORT = """<p style="text-align:center"><strong>某县统计局2024年政府信息公开工作年度报告</strong></p>
<p><strong>一、总体情况</strong></p><p>本机关全年收到申请12件。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr></table>
<p><strong>六、其他需要报告的事项</strong></p><p>无。</p>"""


# --- encodings ------------------------------------------------------------------------------


def test_gbk_page_is_decoded_by_its_meta_charset() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head>'
            f"<body>{REPORT}</body></html>")
    doc = govreport.read(page.encode("gbk"), name="report.htm")
    assert doc.source.format == "html"
    assert doc.source.charset == "gbk"
    assert "本机关全年收到申请12件。" in texts(doc)


def test_gb2312_declared_page_with_characters_beyond_gb2312_reads_them() -> None:
    page = f'<meta charset="gb2312"><p>一、总体情况</p><p>镕基𠮷祥</p>{REPORT}'
    doc = govreport.read(page.encode("gb18030"), name="report.html")
    assert "镕基𠮷祥" in texts(doc)
    assert doc.source.charset == "gb2312"


def test_a_declared_charset_the_bytes_contradict_is_overruled_with_a_diagnostic() -> None:
    page = f'<meta charset="utf-8">{REPORT}'
    doc = govreport.read(page.encode("gbk"), name="report.html")
    assert "本机关全年收到申请12件。" in texts(doc)
    assert "html.charset_mismatch" in {d.code for d in doc.diagnostics}


def test_a_bom_wins_over_the_declaration() -> None:
    page = f'<meta charset="gbk">{REPORT}'
    doc = govreport.read(b"\xef\xbb\xbf" + page.encode("utf-8"), name="report.html")
    assert "本机关全年收到申请12件。" in texts(doc)


def test_a_single_file_web_archive_is_unpacked_with_its_part_charset() -> None:
    body = quopri.encodestring(f"<html><body>{REPORT}</body></html>".encode("gb18030")).decode("ascii")
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
           "------=_NextPart_01\r\nContent-Location: file:///C:/report.htm\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "Content-Type: text/html; charset=\"gb2312\"\r\n\r\n"
           f"{body}\r\n------=_NextPart_01--\r\n")
    doc = govreport.read(mht.encode("ascii"), name="report.doc")  # Word's "single file web page" as .doc
    assert doc.source.format == "mht"
    assert "本机关全年收到申请12件。" in texts(doc)
    assert [t.kind for t in doc.tables] == ["proactive_disclosure"]
    out = read_mht(mht.encode("ascii"), ReadContext("report.mht"))
    assert "html.from_web_archive" in {d.code for d in out.diagnostics}


# --- the report among the chrome ---------------------------------------------------------------


CHROME = """<!DOCTYPE html><html><head><title>年报_某县</title><script>var s='<p>一、总体情况</p>';</script>
<style>p{{color:red}}</style></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a></div>
<div class="title"><h1>某县统计局2024年政府信息公开工作年度报告</h1>
<div>发布时间：2025-01-20 字号：大 中 小</div></div>
<div class="content">{body}</div>
<div class="related"><ul><li><a href="/x">一、总体情况</a></li>
<li><a href="/y">六、其他需要报告的事项</a></li></ul></div>
<div class="footer">主办单位：某县人民政府 ICP备案号：12345</div><noscript>请开启脚本</noscript>
</body></html>"""


def test_the_report_is_found_among_navigation_scripts_and_footer() -> None:
    body = REPORT.split("\n", 1)[1]  # the title is printed above the article, not in it
    doc = govreport.read(CHROME.format(body=body).encode(), name="page.shtml")
    found = texts(doc)
    assert found[0] == "某县统计局2024年政府信息公开工作年度报告"  # the title printed before the article
    assert found[1] == "一、总体情况"
    assert found[-1] == "无。"
    joined = "".join(found)
    for chrome in ("首页", "发布时间", "主办单位", "请开启脚本", "var s", "color"):
        assert chrome not in joined
    assert doc.metadata.year == 2024
    assert len(doc.tables) == 1


def test_a_layout_table_wrapping_the_page_is_read_through() -> None:
    page = (f"<table width='100%'><tr><td><a href='/'>首页</a></td></tr><tr><td width='200'>"
            f"<p><a href='/n'>通知公告</a></p></td><td>{REPORT}</td></tr></table>")
    doc = govreport.read(page.encode(), name="page.html")
    assert [t.kind for t in doc.tables] == ["proactive_disclosure"]
    assert "一、总体情况" in texts(doc)


def test_a_page_without_section_headings_gives_its_largest_block() -> None:
    page = ("<div><a href='/'>首页</a><a href='/b'>部门动态</a></div>"
            "<div class='main'><p>第一段正文，内容较长，讲述本年度的工作。</p><p>第二段正文。</p></div>"
            "<div><a href='/c'>联系我们</a></div>")
    out = read_html(page.encode(), ReadContext("p.html"))
    assert [b.text for b in out.blocks] == ["第一段正文，内容较长，讲述本年度的工作。", "第二段正文。"]  # type: ignore[union-attr]
    assert "html.no_sections" in {d.code for d in out.diagnostics}


# --- table markup -------------------------------------------------------------------------------


def test_rowspan_and_colspan_are_followed_exactly() -> None:
    page = ("<table><tr><td rowspan='3' colspan='3'>注</td><td colspan='2'>申请人情况</td></tr>"
            "<tr><td rowspan='2'>自然人</td><td>法人</td></tr><tr><td>商业企业</td></tr>"
            "<tr><td colspan='3'>一、本年新收</td><td>4</td><td>0</td></tr></table>")
    (table,) = raw_tables(page.encode())
    assert table.spans_known and table.n_cols == 5
    assert grid(table) == [
        [("注", 0, 3, 3), ("申请人情况", 3, 1, 2)],
        [("自然人", 3, 2, 1), ("法人", 4, 1, 1)],
        [("商业企业", 4, 1, 1)],
        [("一、本年新收", 0, 1, 3), ("4", 3, 1, 1), ("0", 4, 1, 1)],
    ]


def test_rowspan_zero_runs_to_the_end_of_its_group_and_overlong_spans_are_clipped() -> None:
    page = ("<table><tbody><tr><td rowspan='0'>甲</td><td>1</td></tr><tr><td>2</td></tr></tbody>"
            "<tbody><tr><td rowspan='9'>乙</td><td>3</td></tr></tbody></table>")
    out = read_html(page.encode(), ReadContext("t.html"))
    (table,) = [b for b in out.blocks if isinstance(b, RawTable)]
    assert grid(table) == [[("甲", 0, 2, 1), ("1", 1, 1, 1)], [("2", 1, 1, 1)],
                           [("乙", 0, 1, 1), ("3", 1, 1, 1)]]
    assert "html.span_clipped" in {d.code for d in out.diagnostics}


def test_empty_cells_written_instead_of_spans_are_handed_on_as_they_are() -> None:
    page = "<table><tr><td>行政复议</td><td>&nbsp;</td></tr><tr><td>结果维持</td><td>总计</td></tr></table>"
    (table,) = raw_tables(page.encode())
    assert grid(table) == [[("行政复议", 0, 1, 1), ("", 1, 1, 1)], [("结果维持", 0, 1, 1), ("总计", 1, 1, 1)]]


def test_cell_text_joins_paragraphs_spans_and_breaks_and_nbsp_only_cells_are_empty() -> None:
    page = ("<table><tr><td><p>商业</p><p>企业</p></td><td>法律<br/>服<span>务</span>\n &nbsp; &nbsp;</td>"
            "<td><span>2</span><span style='x'>51</span>\n<span>0</span></td><td>&nbsp;&nbsp;</td>"
            "<td><p>&nbsp;</p></td><td><span lang=EN-US>12</span> <span>件</span></td></tr></table>")
    (table,) = raw_tables(page.encode())
    assert [c.text for c in table.rows[0]] == ["商业\n企业", "法律\n服务", "2510", "", "", "12 件"]


def test_a_source_line_break_between_chinese_characters_is_no_space() -> None:
    page = "<p>一、总体情况</p><p>本机关收到\n申请 12\n件，其中 abc\ndef。</p><p>六、其他需要报告的事项</p>"
    doc = govreport.read(page.encode(), name="p.html")
    assert "本机关收到申请 12 件，其中 abc def。" in texts(doc)


def test_hidden_elements_and_form_controls_are_not_text() -> None:
    page = ("<p>一、总体情况</p><p>正文<span style='display:none'>隐藏</span></p><div hidden>也隐藏</div>"
            "<select><option>选项</option></select><p>六、其他需要报告的事项</p>")
    doc = govreport.read(page.encode(), name="p.html")
    assert texts(doc) == ["一、总体情况", "正文", "六、其他需要报告的事项"]


WORD = (DATA / "word-export.htm").read_bytes()  # Word 2013 "Web Page" markup, charset gb2312


def test_word_exported_html_reads_cleanly() -> None:
    doc = govreport.read(WORD, name="report.htm")
    assert texts(doc) == ["某县统计局2024年政府信息公开工作年度报告", "一、总体情况", "（一） 主动公开情况",
                          "全年主动公开信息12条，其中政策文件 3件。", "六、其他需要报告的事项"]
    assert [b.level for b in doc.blocks if isinstance(b, govreport.Heading)] == [0, 1, 2, 1]
    (table,) = raw_tables(WORD)
    assert grid(table) == [[("行政复议", 0, 1, 2)], [("结果\n维持", 0, 1, 1), ("", 1, 1, 1)]]


# --- safety and limits ---------------------------------------------------------------------------


def test_entities_declared_in_a_doctype_are_never_expanded() -> None:
    laughs = ('<!DOCTYPE html [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>一、总体情况</p><p>&c;</p>'
              "<p>六、其他需要报告的事项</p></body></html>")
    doc = govreport.read(laughs.encode(), name="p.html")
    assert texts(doc) == ["一、总体情况", "&c;", "六、其他需要报告的事项"]


def test_nothing_from_the_page_is_run_or_fetched() -> None:
    page = ("<p>一、总体情况</p><script src='http://example.invalid/x.js'>document.write('<p>注入</p>')</script>"
            "<img src='http://example.invalid/a.png' alt='图'><iframe src='http://example.invalid/'>框架</iframe>"
            "<link rel='stylesheet' href='http://example.invalid/s.css'><p>六、其他需要报告的事项</p>")
    doc = govreport.read(page.encode(), name="p.html")
    assert texts(doc) == ["一、总体情况", "六、其他需要报告的事项"]


def test_deep_nesting_is_cut_with_a_diagnostic() -> None:
    page = "<p>一、总体情况</p>" + "<div>" * 5000 + "深处" + "</div>" * 5000 + "<p>六、其他需要报告的事项</p>"
    doc = govreport.read(page.encode(), name="p.html")
    assert "html.nesting_cut" in {d.code for d in doc.diagnostics}


def test_deeply_nested_tables_are_bounded() -> None:
    page = "<table><tr><td>x</td><td>" * 300 + "y" + "</td></tr></table>" * 300
    doc = govreport.read(page.encode(), name="p.html")
    assert len(doc.tables) < 300


def test_a_table_too_large_to_be_a_report_table_is_skipped_with_a_diagnostic() -> None:
    page = "<table>" + "<tr><td colspan='1000'>x</td></tr>" * 400 + "</table>"
    out = read_html(page.encode(), ReadContext("p.html"))
    assert not [b for b in out.blocks if isinstance(b, RawTable)]
    assert "html.table_too_large" in {d.code for d in out.diagnostics}


def test_a_ten_megabyte_page_is_read() -> None:
    filler = "<div class='nav'>" + "<a href='/x'>栏目</a>" * 80 + "</div>"
    page = ("<html><body>" + filler * 3000 + f"<div class='content'>{REPORT}</div>" + filler * 3000
            + "</body></html>").encode()
    assert len(page) > 10_000_000
    doc = govreport.read(page, name="big.html")
    assert [t.kind for t in doc.tables] == ["proactive_disclosure"]


@pytest.mark.parametrize("fragment", ["<p></p>", "<html></html>", "<div>&nbsp;</div>"])
def test_a_page_without_text_reads_as_an_empty_document_with_a_warning(fragment: str) -> None:
    doc = govreport.read(fragment.encode(), name="p.html")
    assert not doc.blocks
    assert "html.no_text" in {d.code for d in doc.diagnostics}


def test_spans_written_with_other_digits_than_ascii_count_their_ascii_digits_only() -> None:
    (table,) = raw_tables("<table><tr><td rowspan='¹³' colspan='2x'>甲</td><td>1</td></tr></table>".encode())
    assert grid(table) == [[("甲", 0, 1, 2), ("1", 2, 1, 1)]]


def test_a_declared_charset_that_is_no_text_encoding_is_ignored_with_a_diagnostic() -> None:
    out = read_html(f'<meta charset="uu">{REPORT}'.encode(), ReadContext("p.html"))
    assert "html.unknown_charset" in {d.code for d in out.diagnostics}
    assert any(isinstance(b, RawTable) for b in out.blocks)
