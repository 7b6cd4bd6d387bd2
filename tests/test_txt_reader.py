"""The text reader: headings, paragraphs, page furniture and both flattened table styles."""

from __future__ import annotations

import govreport
from govreport.readers import ReadContext
from govreport.readers.txt import read_txt
from govreport.tables.raw import RawTable


def _read(text: str) -> govreport.Document:
    return govreport.read(text.encode("utf-8"), name="t.txt")


def test_headings_take_levels_from_the_outline() -> None:
    doc = _read(
        "XX区人民政府2021年政府信息公开工作年度报告\n"
        "一、总体情况\n（一）主动公开情况\n1.平台建设\n正文一段。\n"
        "（二）依申请公开情况\n二、主动公开政府信息情况\n"
    )
    heads = [(b.level, b.text) for b in doc.blocks if isinstance(b, govreport.Heading)]
    assert heads == [
        (0, "XX区人民政府2021年政府信息公开工作年度报告"),
        (1, "一、总体情况"),
        (2, "（一）主动公开情况"),
        (3, "1.平台建设"),
        (2, "（二）依申请公开情况"),
        (1, "二、主动公开政府信息情况"),
    ]


def test_a_long_numbered_sentence_is_a_paragraph() -> None:
    doc = _read("（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批等各类政府信息。\n")
    assert isinstance(doc.blocks[0], govreport.Paragraph)


def test_page_number_lines_are_dropped_everywhere() -> None:
    doc = _read("一、总体情况\n- 1 -\n正文。\n\t规章\n\t0\n\n- 2 -\n\n\t规范性文件\n\t3\n\n\n第3页\n无。\n")
    texts = [b.text for b in doc.blocks if not isinstance(b, govreport.Table)]
    assert texts == ["一、总体情况", "正文。", "无。"]
    assert len(doc.tables) == 1 and doc.tables[0].n_rows == 2
    assert any(d.code == "txt.page_numbers_dropped" for d in doc.diagnostics)


def test_cell_per_line_table_with_multi_line_cells() -> None:
    out = read_txt(
        "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t1\n\t2\n".encode(),
        ReadContext("t.txt"),
    )
    table = out.blocks[0]
    assert isinstance(table, RawTable)
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年新\n制作数量", "对外公开总数量"],
        ["规章", "1", "2"],
    ]


def test_two_blank_lines_end_a_cell_per_line_table() -> None:
    doc = _read("\t规章\n\t1\n\n\n\t行政许可\n\t2\n")
    assert len(doc.tables) == 2


def test_row_per_line_table_survives_a_single_blank_line() -> None:
    doc = _read("信息内容\t本年制发件数\t本年废止件数\n规章\t1\t0\n\n行政规范性文件\t2\t1\n")
    assert len(doc.tables) == 1
    recs = govreport.records(doc.tables[0])
    assert [(r.row, r.col, r.text) for r in recs][-1] == (
        ("行政规范性文件",), ("本年废止件数",), "1"
    )


def test_a_caption_line_without_tabs_belongs_to_the_row_table() -> None:
    doc = _read("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t550\n")
    recs = govreport.records(doc.tables[0])
    assert [(r.row, r.col, r.text) for r in recs] == [
        (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",), "550")
    ]
    assert isinstance(doc.blocks[0], govreport.Heading)


def test_tab_indented_lines_as_in_a_page_script_end_in_finite_time() -> None:
    # A lone TAB line before a row of TABs once made the reader loop forever,
    # appending empty tables (the indentation of a saved web page's script).
    doc = _read("\t\ta\n\t\t\t\n  b\n\t\n\t\t\t\t\n")
    assert [t.n_rows for t in doc.tables] == [2, 2]
    assert [b.text for b in doc.blocks if isinstance(b, govreport.Paragraph)] == ["b"]


def test_a_spaced_out_note_line_stays_inside_a_row_per_line_table() -> None:
    note = "注 ： 本 表 数 据 统 计 时 间 为 1 月 1 日 至 1 2 月 3 1 日 。"
    doc = _read(f"信息内容\t本年制发件数\n规章\t2\n{note}\n行政规范性文件\t0\n")
    assert len(doc.tables) == 1 and doc.tables[0].n_rows == 4
