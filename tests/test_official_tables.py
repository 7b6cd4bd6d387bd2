"""The official tables read against their template: the departures that used to flip
the reading of a whole table, each in a small table written out by hand."""

from __future__ import annotations

from govreport.model import Diagnostic
from govreport.tables.builder import build_table
from govreport.tables.paths import records
from govreport.tables.raw import RawCell, RawTable

T3_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["", "自然人", "法人或其他组织", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
APPLICANT = ("申请人情况", "自然人")
TOTAL = ("申请人情况", "总计")


def flat(rows: list[list[str]]) -> RawTable:
    return RawTable(tuple(tuple(RawCell(t) for t in row) for row in rows))


def seven(n: int) -> list[str]:
    return [str(n)] * 6 + [str(6 * n)]


def paths_by_text(table: RawTable, col: tuple[str, ...] = APPLICANT) -> dict[str, tuple[str, ...]]:
    """Row path of each row, keyed by the 自然人 value printed in it."""
    return {r.text: r.row for r in records(build_table(table, 0, [])) if r.col == col}


def test_a_top_label_repeated_on_every_row_keeps_the_blank_level_below_it() -> None:
    # Flattened text: 三、 printed on every row, （三） left blank under itself.
    rows = [
        *T3_HEADER,
        ["三、本年度办理结果", "（一）予以公开", *seven(1)],
        ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", *seven(2)],
        ["三、本年度办理结果", "", "2.其他法律行政法规禁止公开", *seven(3)],
        ["三、本年度办理结果", "", "3.危及“三安全一稳定”", *seven(4)],
        ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", *seven(5)],
    ]
    got = paths_by_text(flat(rows))
    assert got["1"] == ("三、本年度办理结果", "（一）予以公开")
    assert got["3"] == ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开")
    assert got["4"] == ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”")
    assert got["5"] == ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息")


def test_an_empty_third_label_cell_beside_six_and_seven_changes_nothing_else() -> None:
    # A 2021 PDF prints （六）其他处理 and （七）总计 with an empty third label cell.
    rows = [
        *T3_HEADER,
        ["一、本年新收政府信息公开申请数量", *seven(1)],
        ["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", *seven(2)],
        ["", "（六）其他处理", "", *seven(3)],
        ["", "（七）总计", "", *seven(4)],
        ["四、结转下年度继续办理", *seven(5)],
    ]
    table = build_table(flat(rows), 0, [])
    assert (table.header_rows, table.header_cols) == (3, 3)
    got = paths_by_text(flat(rows))
    assert got["3"] == ("三、本年度办理结果", "（六）其他处理")
    assert got["4"] == ("三、本年度办理结果", "（七）总计")
    assert got["5"] == ("四、结转下年度继续办理",)
    assert len(records(table)) == 5 * 7


def test_merges_typed_as_separate_cells_in_a_source_that_knows_its_cells() -> None:
    # A hand-typed docx: every merge written as separate cells, empty or repeated.
    c = RawCell

    def corner() -> tuple[RawCell, ...]:
        return (c("", col=0), c("", col=1), c("", col=2))

    rows = (
        (*corner(), c("申请人情况", col=3), c("申请人情况", col=4), c("", col=5)),
        (*corner(), c("自然人", col=3), c("法人或其他组织", col=4), c("", col=5)),
        (*corner(), c("", col=3), c("商业企业", col=4), c("科研机构", col=5)),
        (c("三、本年度办理结果", col=0), c("（一）予以公开", col=1), c("（一）予以公开", col=2),
         c("1", col=3), c("2", col=4), c("3", col=5)),
        (c("", col=0), c("（三）不予公开", col=1), c("1.属于国家秘密", col=2),
         c("4", col=3), c("5", col=4), c("6", col=5)),
        (c("三、本年度办理结果", col=0), c("", col=1), c("2.其他法律行政法规禁止公开", col=2),
         c("7", col=3), c("8", col=4), c("9", col=5)),
    )
    got = {(r.row, r.col, r.text) for r in records(build_table(RawTable(rows, spans_known=True), 0, []))}
    assert (("三、本年度办理结果", "（一）予以公开"), APPLICANT, "1") in got
    research = ("申请人情况", "法人或其他组织", "科研机构")
    assert (("三、本年度办理结果", "（一）予以公开"), research, "3") in got
    assert (("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
            ("申请人情况", "法人或其他组织", "商业企业"), "8") in got
    assert len(got) == 9


def test_a_2019_block_with_its_label_over_two_columns_keeps_its_values() -> None:
    # 第二十条第（八）项 of 2019: the label over two grid columns, its two values in the
    # last two; the values used to vanish from the records with no diagnostic.
    c = RawCell
    rows = (
        (c("第二十条第（五）项", col=0, col_span=4),),
        (c("信息内容", col=0), c("上一年项目数量", col=1), c("本年增/减", col=2), c("处理决定数量", col=3)),
        (c("行政许可", col=0), c("9", col=1), c("+1", col=2), c("0", col=3)),
        (c("第二十条第（八）项", col=0, col_span=4),),
        (c("信息内容", col=0, col_span=2), c("上一年项目数量", col=2), c("本年增/减", col=3)),
        (c("行政事业性收费", col=0, col_span=2), c("5", col=2), c("-2", col=3)),
    )
    got = {(r.row, r.col, r.text) for r in records(build_table(RawTable(rows, spans_known=True), 0, []))}
    assert got == {
        (("第二十条第（五）项", "行政许可"), ("上一年项目数量",), "9"),
        (("第二十条第（五）项", "行政许可"), ("本年增/减",), "+1"),
        (("第二十条第（五）项", "行政许可"), ("处理决定数量",), "0"),
        (("第二十条第（八）项", "行政事业性收费"), ("上一年项目数量",), "5"),
        (("第二十条第（八）项", "行政事业性收费"), ("本年增/减",), "-2"),
    }


def test_an_item_whose_values_are_all_dashes_is_not_read_as_label_columns() -> None:
    rows = [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "—", "—", "—"],
        ["行政规范性文件", "3", "0", "12"],
    ]
    got = {(r.row, r.col, r.text) for r in records(build_table(flat(rows), 0, []))}
    assert (("第二十条第（一）项", "规章"), ("本年制发件数",), "—") in got
    assert (("第二十条第（一）项", "行政规范性文件"), ("现行有效件数",), "12") in got
    assert len(got) == 6


def test_a_note_printed_in_every_slot_of_its_row_is_a_note() -> None:
    rows = [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "5"],
        ["注：本表数据统计至12月31日。", "注：本表数据统计至12月31日。", "", ""],
        ["行政规范性文件", "3", "0", "12"],
    ]
    got = [(r.row, r.text) for r in records(build_table(flat(rows), 0, []))]
    assert got == [(("规章",), "1"), (("规章",), "0"), (("规章",), "5"),
                   (("行政规范性文件",), "3"), (("行政规范性文件",), "0"), (("行政规范性文件",), "12")]


def test_a_header_printed_again_mid_table_heads_the_rows_below_it() -> None:
    rows = [
        *T3_HEADER,
        ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", *seven(1)],
        *T3_HEADER,
        ["", "", "2.其他法律行政法规禁止公开", *seven(2)],
    ]
    got = {(r.row, r.col, r.text) for r in records(build_table(flat(rows), 0, []))}
    assert (("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"), TOTAL, "12") in got
    assert len(got) == 14


def test_a_subtotal_row_under_a_group_is_an_extra_row_of_that_group() -> None:
    diags: list[Diagnostic] = []
    rows = [
        *T3_HEADER,
        ["三、本年度办理结果", "（三）不予公开", "小计", *seven(9)],
        ["", "", "1.属于国家秘密", *seven(1)],
        ["", "（四）无法提供", "1.本机关不掌握相关政府信息", *seven(2)],
    ]
    got = paths_by_text(RawTable(tuple(tuple(RawCell(t) for t in row) for row in rows)))
    build_table(flat(rows), 0, diags)
    assert got["9"] == ("三、本年度办理结果", "（三）不予公开", "小计")
    assert got["1"] == ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    assert any(d.code == "table.row_unmatched" and "小计" in d.message for d in diags)


def test_label_matches_with_tolerance_are_diagnosed_with_both_texts() -> None:
    diags: list[Diagnostic] = []
    rows = [*T3_HEADER, ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政止公开", *seven(1)]]
    build_table(flat(rows), 0, diags)
    matched = [d.message for d in diags if d.code == "table.label_matched"]
    assert any("其他法律行政止公开" in m and "其他法律行政法规禁止公开" in m for m in matched), matched


def test_a_note_spaced_out_is_still_a_note() -> None:
    rows = [
        *T3_HEADER,
        ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", *seven(1)],
        ["", "", "其　中　：　网　上　申　请"],
        ["", "", "2.没有现成信息需要另行制作", *seven(2)],
    ]
    got = paths_by_text(flat(rows))
    assert got == {"1": ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
                   "2": ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作")}


def test_a_note_repeating_the_labels_over_it_and_itself_in_every_slot_is_a_note() -> None:
    note = "说明：“—”表示无此项。"
    rows = [
        *T3_HEADER,
        ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", *seven(1)],
        ["三、本年度办理结果", "（三）不予公开", note, "", note, note, note, note, note, note],
        ["", "", "2.其他法律行政法规禁止公开", *seven(2)],
    ]
    got = paths_by_text(flat(rows))
    assert got == {"1": ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
                   "2": ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开")}


# --- table 2 merges typed out as separate slots (web editors, Markdown) -------------


def slots(rows: list[list[str]]) -> RawTable:
    """A web page whose editor wrote every merged slot as an empty cell: every cell
    one column wide at its place, as the HTML reader hands them over."""
    return RawTable(tuple(tuple(RawCell(t, col=c, row_span=1, col_span=1) for c, t in enumerate(row))
                          for row in rows), spans_known=True, n_cols=max(len(r) for r in rows))


def t2(table: RawTable, diags: list[Diagnostic] | None = None) -> list[tuple[tuple[str, ...], str]]:
    return [(r.row, r.text) for r in records(build_table(table, 0, [] if diags is None else diags))]


FIVE = "第二十条第（五）项"


def test_a_value_written_as_one_cell_and_empty_cells_is_one_value() -> None:
    # 行政许可 over two grid columns, its value over the five others; no header row.
    diags: list[Diagnostic] = []
    rows = [["第二十条 第（五）项", "", "", "", "", "", ""], ["行政许可", "", "22", "", "", "", ""]]
    assert t2(slots(rows), diags) == [((FIVE, "行政许可"), "22")]
    merged = [d for d in diags if d.code == "table.values_merged"]
    assert merged and "2021" in merged[0].message and merged[0].location.row == 1


def test_a_value_printed_again_in_every_slot_is_one_value() -> None:
    # A Markdown pipe table: every merge, the caption's too, printed in each slot.
    caption = ["第二十条第（六）项"] * 4
    rows = [caption, ["行政 处罚", "5", "5", "5"], ["行政强制", "行政强制", "32", "32"]]
    assert t2(flat(rows)) == [(("第二十条第（六）项", "行政处罚"), "5"),
                              (("第二十条第（六）项", "行政强制"), "32")]


def test_typed_out_merges_of_three_values_give_three_values() -> None:
    one = "第二十条第（一）项"
    empty = slots([[one, "", "", "", "", "", ""], ["规章", "1", "", "1", "", "21", ""]])
    assert t2(empty) == [((one, "规章"), "1"), ((one, "规章"), "1"), ((one, "规章"), "21")]
    # Repeated, the first two values equal: three values still, one per column.
    repeated = flat([[one] * 7, ["规章", "1", "1", "1", "1", "21", "21"]])
    assert t2(repeated) == [((one, "规章"), "1"), ((one, "规章"), "1"), ((one, "规章"), "21")]
    # Uneven merges (two slots, two slots, one): the repeats tell the values apart.
    uneven = flat([[one] * 6, ["规章", "3", "3", "5", "5", "7"]])
    assert t2(uneven) == [((one, "规章"), "3"), ((one, "规章"), "5"), ((one, "规章"), "7")]


def test_equal_neighbouring_values_stay_apart_where_the_caption_is_printed_once() -> None:
    # Flattened text prints a merged cell once: 0 0 0 are the 2019 block's three values.
    diags: list[Diagnostic] = []
    got = t2(flat([[FIVE], ["行政许可", "0", "0", "0"]]), diags)
    assert got == [((FIVE, "行政许可"), "0")] * 3
    assert not any(d.code == "table.values_merged" for d in diags)


def test_two_values_under_one_column_are_both_kept_with_a_warning() -> None:
    # The header gives the block one column (over two grid columns); the row prints
    # two different values under it: neither is dropped nor moved.
    diags: list[Diagnostic] = []
    rows = [[FIVE, "", ""], ["信息内容", "本年处理决定数量", ""], ["行政许可", "5", "7"]]
    assert sorted(text for _, text in t2(slots(rows), diags)) == ["5", "7"]
    assert any(d.code == "table.values_side_by_side" and "'5', '7'" in d.message for d in diags)


def test_one_row_typing_out_its_merges_changes_no_other_row() -> None:
    c = RawCell

    def table(first: tuple[RawCell, ...]) -> list[tuple[tuple[str, ...], str]]:
        rows = (
            (c("第二十条第（六）项", col=0, col_span=4),),
            first,
            (c("行政强制", col=0), c("32", col=1, col_span=3)),
        )
        return t2(RawTable(rows, spans_known=True))

    spanned = table((c("行政处罚", col=0), c("5", col=1, col_span=3)))
    typed = table((c("行政处罚", col=0, col_span=2), c("5", col=2), c("", col=3)))
    repeated = table((c("行政处罚", col=0), c("行政处罚", col=1), c("5", col=2), c("5", col=3)))
    assert spanned == typed == repeated == [(("第二十条第（六）项", "行政处罚"), "5"),
                                            (("第二十条第（六）项", "行政强制"), "32")]
