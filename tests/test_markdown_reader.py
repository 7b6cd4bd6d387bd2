"""The Markdown reader: pipe tables with the headers converters invent, HTML tables, prose."""

from __future__ import annotations

import govreport
from govreport.readers import ReadContext
from govreport.readers.markdown import read_markdown, split_row
from govreport.tables.raw import RawTable

T4_HEADER = ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9
T4_ROW2 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
           "复议后起诉", "", "", "", ""]
T4_ROW3 = [""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
T4_VALUES = ["1", "2", "1", "1", "5", "2", "2", "1", "2", "7", "0", "1", "2", "0", "3"]


def pipe(row: list[str]) -> str:
    return "| " + " | ".join(row) + " |"


def t4_markdown(header: list[str] | None) -> str:
    rows = [T4_HEADER, T4_ROW2, T4_ROW3, T4_VALUES]
    if header is None:
        header, rows = rows[0], rows[1:]
    return "\n".join([pipe(header), pipe(["---"] * 15), *(pipe(r) for r in rows)]) + "\n"


def read(text: str) -> tuple[list[RawTable], set[str], list[object]]:
    out = read_markdown(text.encode("utf-8"), ReadContext("r.md"))
    tables = [b for b in out.blocks if isinstance(b, RawTable)]
    return tables, {d.code for d in out.diagnostics}, [b for b in out.blocks if not isinstance(b, RawTable)]


def t4_values(text: str) -> dict[str, float | None]:
    doc = govreport.read(text.encode("utf-8"), name="r.md")
    assert doc.source.format == "md"
    assert doc.report is not None
    return {k: v for k, v in doc.report.values.items() if k.startswith("review_litigation.")}


EXPECTED_T4 = {
    "review_litigation.admin_review.maintained": 1, "review_litigation.admin_review.total": 5,
    "review_litigation.litigation.direct.total": 7, "review_litigation.litigation.after_review.maintained": 0,
    "review_litigation.litigation.after_review.total": 3,
}


def test_a_header_row_holding_the_first_grid_row_is_read_as_a_row() -> None:
    (table,) = read(t4_markdown(None))[0]
    assert not table.spans_known
    assert [[c.text for c in row] for row in table.rows] == [T4_HEADER, T4_ROW2, T4_ROW3, T4_VALUES]
    values = t4_values(t4_markdown(None))
    assert {k: values[k] for k in EXPECTED_T4} == EXPECTED_T4


def test_a_made_up_header_row_is_dropped_and_the_values_still_found() -> None:
    for header in ([f"列{i + 1}" for i in range(15)], [f"Column{i + 1}" for i in range(15)],
                   [str(i) for i in range(15)], [""] * 15):
        tables, codes, _ = read(t4_markdown(header))
        assert [c.text for c in tables[0].rows[0]] == T4_HEADER, header[0]
        assert "md.placeholder_header" in codes
        values = t4_values(t4_markdown(header))
        assert {k: values[k] for k in EXPECTED_T4} == EXPECTED_T4


def test_pandas_unnamed_columns_read_as_empty_header_cells() -> None:
    header = [t or f"Unnamed: {i}" for i, t in enumerate(T4_HEADER)]
    tables, codes, _ = read(t4_markdown(header)[: t4_markdown(header).index("\n")] + "\n"
                            + "\n".join(t4_markdown(None).split("\n")[1:]))
    assert [c.text for c in tables[0].rows[0]] == T4_HEADER
    assert "md.placeholder_cells" in codes


def test_a_header_row_of_real_numbers_is_kept() -> None:
    tables, codes, _ = read("| 3 | 7 | 9 |\n|---|---|---|\n| 1 | 2 | 3 |\n")
    assert [[c.text for c in row] for row in tables[0].rows] == [["3", "7", "9"], ["1", "2", "3"]]
    assert "md.placeholder_header" not in codes


def test_cells_unescape_pipes_turn_br_into_line_breaks_and_drop_inline_markup() -> None:
    assert split_row(r"| **商业**<br>企业 | a \| b | `12` | [链接](http://x) | &nbsp; |") == [
        "商业\n企业", "a | b", "12", "链接", ""]
    tables, _, _ = read("a|b|c\n:--|:-:|--:\n1|2\n")  # no outer pipes, aligned delimiter, short row
    assert [[c.text for c in row] for row in tables[0].rows] == [["a", "b", "c"], ["1", "2", ""]]


def test_an_embedded_html_table_keeps_its_spans() -> None:
    text = ("# 报告\n\n<table><tr><td colspan=\"2\">第二十条第（五）项</td></tr>\n"
            "<tr><td>信息内容</td><td>本年处理决定数量</td></tr>\n<tr><td>行政许可</td><td>12</td></tr></table>\n\n正文。\n")
    tables, _, prose = read(text)
    (table,) = tables
    assert table.spans_known
    assert [(c.text, c.col, c.col_span) for c in table.rows[0]] == [("第二十条第（五）项", 0, 2)]
    assert [getattr(b, "text", None) for b in prose] == ["报告", "正文。"]


def test_headings_and_paragraphs() -> None:
    text = ("# 某县统计局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"
            "本机关全年\n收到申请12件，\nof which\nsome online。\n\n"
            "**（一）主动公开情况**\n\n- 公开信息5条。\n\n### 附件\n")
    _, _, blocks = read(text)
    assert [(type(b).__name__, getattr(b, "level", None), getattr(b, "text", "")) for b in blocks] == [
        ("Heading", 0, "某县统计局2024年政府信息公开工作年度报告"),
        ("Heading", 1, "一、总体情况"),
        ("Paragraph", None, "本机关全年收到申请12件， of which some online。"),
        ("Heading", 2, "（一）主动公开情况"),
        ("Paragraph", None, "公开信息5条。"),
        ("Heading", 3, "附件"),
    ]
