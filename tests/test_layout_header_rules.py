"""Reading rules of the column-aligned text reader for header blocks, each on a small hand-written snippet."""

from __future__ import annotations

import govreport
from govreport.model import Table
from govreport.readers.layout.cells import group_cells, split_cells
from govreport.readers.layout.lines import fragments_of

T3_HEAD = """三、收到和处理政府信息公开申请情况

                                               申请人情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三                     法人或其
项加第四项之和）                                        他组织
                               自然人                                 总计
                                     商业   科研   社会公益    法律服务
                                                              其他
                                     企业   机构    组织      机构

一、本年新收政府信息公开申请数量               20     1      2      3       4       5    35

二、上年结转政府信息公开申请数量                0     0      0      0       0       0     0

四、政府信息公开行政复议、行政诉讼情况
"""


def _t3(text: str) -> Table:
    doc = govreport.read(text.encode(), name="t.txt")
    (table,) = [t for t in doc.tables if t.kind == "applications"]
    return table


def test_a_wrapped_group_label_ends_where_a_longer_line_follows_a_shorter_one() -> None:
    # 法人或其 / 他组织 is a group label; 社会公益 / 组织 under it a leaf, not its third line
    records = govreport.records(_t3(T3_HEAD))
    cols = {r.text: r.col for r in records if r.row == ("一、本年新收政府信息公开申请数量",)}
    assert cols["20"] == ("申请人情况", "自然人")
    assert cols["3"] == ("申请人情况", "法人或其他组织", "社会公益组织")
    assert cols["5"] == ("申请人情况", "法人或其他组织", "其他")
    assert cols["35"] == ("申请人情况", "总计")


T3_ALL_SPLIT_HEAD = """三、收到和处理政府信息公开申请情况

                 申请人情      申请人情                        申请人情   申请人情
                   况         况                           况      况
（本列数据的勾稽关系为：
                           法人或其                 法人或其
第一项加第二项之和，等于      自然人                                          合计
                            他组织                  他组织
第三项加第四项之和）
                                   科研    社会公益   法律服务
                           商业企业                         其他     合计
                                   机构     组织     机构
一、本年新收政府信息公开申请数量  17     34   0       1      12       2      66

二、上年结转政府信息公开申请数量   0      0   0       0       0       0       0

四、政府信息公开行政复议、行政诉讼情况
"""  # merges printed as separate cells, their text in some of them


def test_a_short_last_line_between_two_longer_ones_closes_the_label_above() -> None:
    # 申请人情 / 况 / 法人或其 / 他组织 stacked on one centre: 况 ends the first label
    lines = T3_ALL_SPLIT_HEAD.split("\n")[2:12]
    frags = [f for i, text in enumerate(lines) for f in fragments_of(i, text, False) if f.x0 > 15]
    cells = sorted((c.x0, c.text) for c in group_cells(frags, set(), 7.0))
    assert (27.0, "申请人情\n况") in cells
    assert (27.0, "法人或其\n他组织") in cells
    records = govreport.records(_t3(T3_ALL_SPLIT_HEAD))
    cols = {r.text: r.col for r in records if r.row == ("一、本年新收政府信息公开申请数量",)}
    assert cols["17"] == ("申请人情况", "自然人")
    assert cols["34"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert cols["12"] == ("申请人情况", "法人或其他组织", "法律服务机构")
    assert cols["66"] == ("申请人情况", "合计")


T3_ECHOED_LEAVES = """三、收到和处理政府信息公开申请情况

                                                    申请人情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三            自然
                                                 法人或其他组织                  总计
项加第四项之和）                               人
                                                     社会     法律
                                      自然   商业   科研
                                                     公益     服务    其他      总计
                                       人   企业   机构
                                                     组织     机构

一、本年新收政府信息公开申请数量                      21    2   无     无     无         7   30

二、上年结转政府信息公开申请数量                      无     无   无     无     无         无   无

四、政府信息公开行政复议、行政诉讼情况
"""  # 自然人 and 总计 printed in both header rows; pdftotext moved the upper 自然人 right


def test_a_group_label_printing_a_leafs_text_stands_over_that_leaf() -> None:
    records = govreport.records(_t3(T3_ECHOED_LEAVES))
    cols = {r.text: r.col for r in records if r.row == ("一、本年新收政府信息公开申请数量",)}
    assert cols["21"] == ("申请人情况", "自然人")
    assert cols["2"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert cols["7"] == ("申请人情况", "法人或其他组织", "其他")
    assert cols["30"] == ("申请人情况", "总计")


T3_LEAF_IN_MIDDLE_ROW = """三、收到和处理政府信息公开申请情况
                                     申请人情况
（本列数据的勾稽关系为：
第一项加第二项之和，等于    自然人                 法人或其他组织                 总计
第三项加第四项之和）
                      商业企业   科研机构   社会公益组织    法律服务机构   其他   总计

一、本年新收政府信息公开
                 5     1      —        3        —      —    9
申请数量
二、上年结转政府信息公开
                 —     —      —        —        —      —    —
申请数量

四、政府信息公开行政复议、行政诉讼情况
"""  # 自然人 printed in the middle header row, the slot under it blank


def test_a_leaf_on_the_line_of_inner_group_labels_sits_in_their_row() -> None:
    records = govreport.records(_t3(T3_LEAF_IN_MIDDLE_ROW))
    cols = {r.text: r.col for r in records if r.row == ("一、本年新收政府信息公开申请数量",)}
    assert cols["5"] == ("申请人情况", "自然人")
    assert cols["1"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert cols["9"] == ("申请人情况", "总计")


def test_a_line_shorter_than_the_one_above_ends_a_wrapped_header_label() -> None:
    lines = ["          法人或其", "          他组织", "           商业", "           企业"]
    frags = [f for i, text in enumerate(lines) for f in fragments_of(i, text, False)]
    assert sorted(c.text for c in group_cells(frags, set(), 7.0)) == ["商业\n企业", "法人或其\n他组织"]


def test_a_labels_last_character_moved_aside_joins_it_when_that_makes_a_header_label() -> None:
    lines = ["                         法人或其他组", "                      织",
             "                  商业企业   科研机构"]
    frags = [f for i, text in enumerate(lines) for f in fragments_of(i, text, False)]
    texts = sorted(c.text for c in group_cells(frags, set(), 7.0))
    assert texts == ["商业企业", "法人或其他组\n织", "科研机构"]
    # a lone character that makes no header label with the text above stays apart
    lines = ["                         法人或其他组", "                    甲"]
    frags = [f for i, text in enumerate(lines) for f in fragments_of(i, text, False)]
    assert sorted(c.text for c in group_cells(frags, set(), 7.0)) == ["法人或其他组", "甲"]


T4_REPEATED_GROUPS = """四、政府信息公开行政复议、行政诉讼情况

               行政复议                                                         行政诉讼

                                    未经复议    未经复议              未经复议    \
 未经复议   复议后起     复议后起
                                    直接起诉    直接起诉              直接起诉    \
 直接起诉     诉        诉
结果维持   结果纠正    其他结果   尚未审结     总计
                                    结果维持    结果纠正       其他结果   尚未审结    \
 总计     结果维持    \
 结果纠正   其他结果    尚未审结       总计

 1       2      3          4   10        5    6          7      8        26          9   \
 11         12    13         45

五、政府信息公开工作存在的主要问题及改进情况
"""  # group labels printed again over every column of their merge, in lines as long as the leaves'


def test_a_stack_of_header_labels_splits_into_the_labels_it_is_made_of() -> None:
    doc = govreport.read(T4_REPEATED_GROUPS.encode(), name="t.txt", options={"format": "layout"})
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    cols = {r.text: r.col for r in govreport.records(table)}
    assert cols["5"] == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert cols["8"] == ("行政诉讼", "未经复议直接起诉", "尚未审结")
    assert cols["26"] == ("行政诉讼", "未经复议直接起诉", "总计")
    assert cols["12"] == ("行政诉讼", "复议后起诉", "其他结果")


T4_LEAVES_AT_THE_MARGIN = """四、政府信息公开行政复议、行政诉讼情况

行政复议                          行政诉讼

                              未经复议直接起诉                      复议后起诉
结果    结果    其他    尚未    总计    结果    结果    其他    尚未    总计    结果   \
 结果    其他    尚未    总计
维持    纠正    结果    审结          维持    纠正    结果    审结          维持    纠正  \
  结果    审结

  1     7     4     2     14    3     5     6     8     22    9     11    12    13    45

五、存在的主要问题及改进情况
"""  # table 4 has no row labels: its leaves may start at the margin, left of its first value


def test_header_labels_at_the_margin_over_no_row_labels_are_not_row_labels() -> None:
    doc = govreport.read(T4_LEAVES_AT_THE_MARGIN.encode(), name="t.txt", options={"format": "layout"})
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    records = govreport.records(table)
    assert [(r.col, r.text) for r in records[:2]] == [
        (("行政复议", "结果维持"), "1"), (("行政复议", "结果纠正"), "7")]
    assert " ".join(r.text for r in records) == "1 7 4 2 14 3 5 6 8 22 9 11 12 13 45"


T2_ONE_COLUMN_WRAPPED_HEADER = """二、主动公开政府信息情况

第二十条第（六）项
信息内容     本年处理决定数量
行政处罚           43
行政强制           16
第二十条第（八）项   第二十条第（八）项    第二十条第（八）项
            本年收费金额（单位：
  信息内容
                万元）
行 政 事 业 性
                0
收 费
三、收到和处理政府信息公开申请情况
"""  # a block of one value column: its label is as wide as it likes


def test_the_label_of_a_single_value_column_wraps_at_any_width() -> None:
    doc = govreport.read(T2_ONE_COLUMN_WRAPPED_HEADER.encode(), name="t.txt", options={"format": "layout"})
    *_, record = [r for t in doc.tables if t.kind == "proactive_disclosure" for r in govreport.records(t)]
    assert (record.row, record.col, record.text) == (
        ("第二十条第（八）项", "行政事业性收费"), ("本年收费金额（单位：万元）",), "0")


def test_header_labels_one_space_apart_are_cells_of_their_own() -> None:
    frags = fragments_of(0, "          社会 法律                总计", False)
    frags += fragments_of(1, "          公益 服务 其他   法 人 或 其", False)
    frags += fragments_of(2, "          总 计 结果 结果", False)
    texts = [(f.x0, f.text) for f in split_cells(frags)]
    assert texts == [(10.0, "社会"), (13.0, "法律"), (31.0, "总计"),
                     (10.0, "公益"), (13.0, "服务"), (16.0, "其他"), (21.0, "法 人 或 其"),
                     (10.0, "总 计"), (14.0, "结果"), (17.0, "结果")]


T4_NARROW_LEAVES = """四、政府信息公开行政复议、行政诉讼情况
          行政复议                              行政诉讼

                              未经复议直接起诉                  复议后起诉

结果   结果     其他   尚未
                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未
维持   纠正     结果   审结                                               总计
                                          总 计
                        维持 纠正 结果       审结     维持 纠正 结果 审结

 1    2      3   4   10   5    6   7   8   26   9  11    12  13  45

五、存在的主要问题及改进情况
"""  # narrow leaves wrapped two characters a line; the second lines of 行政诉讼's printed three lines down


T4_VALUES = ["1", "2", "3", "4", "10", "5", "6", "7", "8", "26", "9", "11", "12", "13", "45"]
T4_COLUMNS = [("行政复议", "结果维持"), ("行政复议", "结果纠正"), ("行政复议", "其他结果"),
              ("行政复议", "尚未审结"), ("行政复议", "总计")] + [
    ("行政诉讼", group, leaf) for group in ("未经复议直接起诉", "复议后起诉")
    for leaf in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]


def _t4_records(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    doc = govreport.read(text.encode(), name="t.txt", options={"format": "layout"})
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    return [(r.row, r.col, r.text) for r in govreport.records(table)]


def test_narrow_leaves_wrapped_two_characters_a_line_join_the_line_that_completes_them() -> None:
    # 结果 over 维持 three lines apart is 结果维持, not a label over a data row 维持 纠正 …;
    # 复议后起诉's 总计, printed between its neighbours' two lines, is a leaf of their row
    assert _t4_records(T4_NARROW_LEAVES) == [((), col, v) for col, v in zip(T4_COLUMNS, T4_VALUES)]


T4_NARROW_LEAVES_PACKED = """四、政府信息公开行政复议、行政诉讼情况
         行政复议                               行政诉讼

                              未经复议直接起诉                   复议后起诉

结果   结果   其他   尚未
                    总计   结果   结果   其他   尚未        结果   结果   其他   尚未
维持   纠正   结果   审结
                                             总计                       总计
                       维持   纠正   结果   审结        维持   纠正   结果   审结

 1    2    3    4   10    5    6    7    8   26    9   11   12   13   45

五、存在的主要问题及改进情况
"""  # the second lines packed left of the first ones by pdftotext


def test_the_second_lines_of_narrow_leaves_join_them_in_order_though_packed_aside() -> None:
    assert _t4_records(T4_NARROW_LEAVES_PACKED) == [((), col, v) for col, v in zip(T4_COLUMNS, T4_VALUES)]


T3_NARROW_LEAVES = """三、收到和处理政府信息公开申请情况

                                    申请人情况

（本列数据的勾稽关系为：第一项加第二项之和，   自然人          法人或其他组织            总计
等于第三项加第四项之和）                   商业   科研   社会   法律
                                                   其他
                                         公益   服务
                               企业   机构   组织   机构

一、本年新收政府信息公开申请数量          20    1    2    3    4    5    35

二、上年结转政府信息公开申请数量           0    0    0    0    0    0     0

四、政府信息公开行政复议、行政诉讼情况
"""  # 商业 and 科研 printed three lines over 企业 and 机构, two labels of three lines between


def test_two_line_leaves_split_by_taller_neighbours_join_across_their_lines() -> None:
    records = govreport.records(_t3(T3_NARROW_LEAVES))
    cols = {r.text: r.col for r in records if r.row == ("一、本年新收政府信息公开申请数量",)}
    assert cols["1"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert cols["2"] == ("申请人情况", "法人或其他组织", "科研机构")
    assert cols["3"] == ("申请人情况", "法人或其他组织", "社会公益组织")
    assert cols["5"] == ("申请人情况", "法人或其他组织", "其他")
    assert cols["35"] == ("申请人情况", "总计")


def _cells(lines: list[str], blank: frozenset[int] = frozenset()) -> list[str]:
    frags = [f for i, text in enumerate(lines) for f in fragments_of(i, text, False)]
    return sorted(c.text for c in group_cells(split_cells(frags), set(blank), 4.0))


def test_a_line_joins_the_labels_above_only_when_each_of_its_words_completes_one() -> None:
    top, totals = "结果 结果 其他 尚未", ["                  总计", "                    总 计"]
    assert _cells([top, totals[0], totals[1], "维持 纠正 结果 审结"]) == [
        "其他\n结果", "尚未\n审结", "总 计", "总计", "结果\n纠正", "结果\n维持"]
    # one word that completes no official label: the line is not the rest of the labels above
    assert "甲乙" in _cells([top, totals[0], totals[1], "维持 纠正 结果 甲乙"])
    assert "维持" in _cells([top, totals[0], totals[1], "维持 纠正 结果 甲乙"])
    # words under no label they complete, or under a blank line, or too far down, stay apart
    assert "维持" in _cells([top, totals[0], totals[1], "          维持 纠正 结果 审结"])
    assert "维持" in _cells([top, totals[0], "", "维持 纠正 结果 审结"], frozenset({2}))
    assert "维持" in _cells([top, totals[0], totals[1], "x", "y", "维持 纠正 结果 审结"])
