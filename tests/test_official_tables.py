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
