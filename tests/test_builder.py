"""The table builder: exact placement when spans are known, inference when they are not,
and never a dropped cell or a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.model import Diagnostic
from govreport.tables.builder import build_table
from govreport.tables.paths import dense_grid, records
from govreport.tables.raw import RawCell, RawTable


def flat(rows: list[list[str]]) -> RawTable:
    return RawTable(tuple(tuple(RawCell(t) for t in row) for row in rows))


def paths(rows: list[list[str]]) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    diags: list[Diagnostic] = []
    table = build_table(flat(rows), 0, diags)
    return [(r.row, r.col, r.text) for r in records(table)]


def assert_covered_once(table) -> None:
    seen: dict[tuple[int, int], int] = {}
    for i, cell in enumerate(table.cells):
        assert cell.row_span >= 1 and cell.col_span >= 1
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                assert (r, c) not in seen, f"slot {(r, c)} covered twice"
                seen[(r, c)] = i
    assert len(seen) == table.n_rows * table.n_cols


def test_compact_header_spans_follow_the_children_and_the_total_column() -> None:
    rows = [
        ["行政复议", "行政诉讼"],
        ["结果维持", "结果纠正", "总计", "未经复议直接起诉", "复议后起诉"],
        ["", "", "", "结果维持", "总计", "结果维持", "总计"],
        ["1", "2", "3", "4", "5", "6", "7"],
    ]
    got = paths(rows)
    assert [c for _, c, _ in got] == [
        ("行政复议", "结果维持"),
        ("行政复议", "结果纠正"),
        ("行政复议", "总计"),
        ("行政诉讼", "未经复议直接起诉", "结果维持"),
        ("行政诉讼", "未经复议直接起诉", "总计"),
        ("行政诉讼", "复议后起诉", "结果维持"),
        ("行政诉讼", "复议后起诉", "总计"),
    ]


def test_empty_label_cells_continue_the_label_above() -> None:
    rows = [
        ["", "甲", "乙"],
        ["一、合计", "1", "2"],
        ["二、分类", "（一）A", "3", "4"],
        ["", "（二）B", "5", "6"],
    ]
    got = paths(rows)
    assert got[-1] == (("二、分类", "（二）B"), ("乙",), "6")
    assert got[0] == (("一、合计",), ("甲",), "1")


def test_padded_rows_merge_their_empty_fields() -> None:
    rows = [
        ["", "", "申请人情况", "", ""],
        ["", "", "自然人", "法人或其他组织", ""],
        ["", "", "", "商业企业", "其他"],
        ["一、新收", "", "1", "2", "3"],
        ["二、结果", "（一）公开", "4", "5", "6"],
    ]
    got = paths(rows)
    assert got[0] == (("一、新收",), ("申请人情况", "自然人"), "1")
    assert got[2] == (("一、新收",), ("申请人情况", "法人或其他组织", "其他"), "3")
    assert got[4] == (("二、结果", "（一）公开"), ("申请人情况", "法人或其他组织", "商业企业"), "5")


def test_block_captions_start_the_row_paths_below_them() -> None:
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "2", "3"],
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "550"],
    ]
    got = paths(rows)
    assert got[0] == (("第二十条第（一）项", "规章"), ("本年制发件数",), "1")
    assert got[-1] == (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",), "550")


def test_blank_values_are_data_cells_not_labels() -> None:
    rows = [["信息内容", "本年处理决定数量"], ["行政处罚", ""], ["行政强制", "/"]]
    assert paths(rows) == [
        (("行政处罚",), ("本年处理决定数量",), ""),
        (("行政强制",), ("本年处理决定数量",), "/"),
    ]


def test_a_ragged_row_is_padded_with_a_diagnostic() -> None:
    diags: list[Diagnostic] = []
    table = build_table(flat([["项目", "甲", "乙", "丙"], ["A", "1", "2", "3"], ["B", "4"]]), 3, diags)
    assert_covered_once(table)
    assert any(d.code == "table.row_padded" and d.location.table == 3 for d in diags)
    texts = [c.text for c in table.cells]
    assert "4" in texts and "B" in texts


def test_known_spans_are_placed_exactly_and_overlaps_are_repaired() -> None:
    raw = RawTable(
        (
            (RawCell("A", col=0, row_span=2, col_span=2), RawCell("B", col=2)),
            (RawCell("C", col=2),),
            (RawCell("D", col=0, col_span=3), RawCell("X", col=1)),
        ),
        spans_known=True,
        n_cols=3,
    )
    diags: list[Diagnostic] = []
    table = build_table(raw, 0, diags)
    assert_covered_once(table)
    anchors = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    assert anchors[(0, 0)] == (2, 2, "A")
    assert any(d.code == "table.span_clipped" for d in diags)
    assert "X" in [c.text for c in table.cells]


cell_text = st.sampled_from(["", "0", "12", "+3", "—", "/", "无", "规章", "合计", "申请人情况", "1.属于"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cell_text, min_size=0, max_size=9), min_size=0, max_size=12))
def test_any_flattened_rows_cover_every_slot_once_and_keep_every_text(rows: list[list[str]]) -> None:
    diags: list[Diagnostic] = []
    table = build_table(flat(rows), 0, diags)
    assert_covered_once(table)
    placed = sorted(c.text for c in table.cells if c.text)
    given_texts = sorted(t for row in rows for t in row if t)
    assert placed == given_texts


@st.composite
def span_layouts(draw: st.DrawFn) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """Random tables whose cells tile the grid exactly."""
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 6))
    free = [[True] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if not free[r][c]:
                continue
            max_cs = 1
            while c + max_cs < n_cols and free[r][c + max_cs]:
                max_cs += 1
            cs = draw(st.integers(1, max_cs))
            rs = draw(st.integers(1, n_rows - r))
            while rs > 1 and not all(free[r + k][c + j] for k in range(rs) for j in range(cs)):
                rs -= 1
            for k in range(rs):
                for j in range(cs):
                    free[r + k][c + j] = False
            cells.append((r, c, rs, cs))
    return n_rows, n_cols, cells


@settings(max_examples=200, deadline=None)
@given(span_layouts())
def test_known_span_layouts_are_placed_as_given(layout) -> None:
    n_rows, n_cols, cells = layout
    rows: list[list[RawCell]] = [[] for _ in range(n_rows)]
    for i, (r, c, rs, cs) in enumerate(cells):
        rows[r].append(RawCell(f"t{i}", col=c, row_span=rs, col_span=cs))
    raw = RawTable(tuple(tuple(row) for row in rows), spans_known=True, n_cols=n_cols)
    diags: list[Diagnostic] = []
    table = build_table(raw, 0, diags)
    assert_covered_once(table)
    got = sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells)
    assert got == sorted(cells)
    assert not [d for d in diags if d.severity != "info"]
    grid = dense_grid(table)
    assert all(slot is not None for line in grid for slot in line)


def test_a_blank_last_row_before_the_next_caption_is_a_body_row() -> None:
    rows = [
        ["第二十条第（一）项", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "", ""],
        ["行政规范性文件", "", ""],
        ["第二十条第（五）项", "", ""],
        ["信息内容", "本年处理决定数量", ""],
        ["行政许可", "", ""],
    ]
    got = paths(rows)
    assert (("第二十条第（一）项", "行政规范性文件"), ("本年废止件数",), "") in got
    assert got[-1] == (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",), "")


def test_with_known_spans_a_value_column_blank_in_every_row_stays_a_value_column() -> None:
    c = RawCell
    rows = (
        (c("", col=0, row_span=2, col_span=2), c("申请人情况", col=2, col_span=3)),
        (c("自然人", col=2), c("商业企业", col=3), c("总计", col=4)),
        (c("一、本年新收", col=0, col_span=2), c("", col=2), c("", col=3), c("1", col=4)),
        (c("二、上年结转", col=0, col_span=2), c("", col=2), c("", col=3), c("", col=4)),
        (c("三、办理结果", col=0, row_span=2), c("（一）予以公开", col=1), c("", col=2), c("", col=3),
         c("1", col=4)),
        (c("（二）部分公开", col=1), c("", col=2), c("", col=3), c("", col=4)),
    )
    table = build_table(RawTable(rows, spans_known=True, n_cols=5), 0, [])
    assert (table.header_rows, table.header_cols) == (2, 2)
    first = records(table)[0]
    assert (first.row, first.col) == (("一、本年新收",), ("申请人情况", "自然人"))


def test_labels_left_out_under_merged_labels_are_restored_from_their_numbering() -> None:
    """A table copied from a web page drops the cells a rowspan covers."""
    rows = [
        ["", "甲", "乙"],
        ["一、新收", "1", "2"],
        ["三、办理结果", "（一）予以公开", "3", "4"],
        ["（二）部分公开", "5", "6"],
        ["（三）不予公开", "1.属于国家秘密", "7", "8"],
        ["2.其他法律行政法规禁止公开", "9", "10"],
        ["四、结转", "11", "12"],
    ]
    diags: list[Diagnostic] = []
    table = build_table(flat(rows), 0, diags)
    got = [(r.row, r.text) for r in records(table)]
    assert got[5] == (("三、办理结果", "（二）部分公开"), "6")
    assert got[9] == (("三、办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"), "10")
    assert got[11] == (("四、结转",), "12")
    assert (table.n_cols, table.header_cols) == (5, 3)
    merged = {d.message for d in diags if d.code == "table.merge_inferred"}
    assert any("三、办理结果" in m and "2–5" in m for m in merged), merged


def test_numbered_labels_of_one_level_are_not_nested() -> None:
    rows = [["项目", "甲"], ["1.规章", "1"], ["2.规范性文件", "2"], ["3.其他", "3"]]
    assert [r for r, _, _ in paths(rows)] == [("1.规章",), ("2.规范性文件",), ("3.其他",)]
