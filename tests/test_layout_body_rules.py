"""Reading rules of the column-aligned text reader for table bodies, captions and pages, each on a small
hand-written snippet."""

from __future__ import annotations

from collections import Counter

import govreport
from govreport.readers import ReadContext
from govreport.readers.layout import read_layout
from govreport.readers.layout.lines import fragments_of, to_lines
from govreport.readers.layout.table import _boundary, _drop_corner_notes
from govreport.tables.raw import RawTable


def table_rows(text: str) -> list[list[str]]:
    """The cell texts of the one raw table the layout reader finds in `text`."""
    out = read_layout(text.encode(), ReadContext("t.txt"))
    (table,) = [b for b in out.blocks if isinstance(b, RawTable)]
    return [[c.text for c in row] for row in table.rows]

T3_REPEATED_MERGE = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
三、本年度办理结果
     （四）无法
             1.本机关不掌握相关政府信息    1        0        0          0            0        0      1
     提供

             2.没有现成信息需要另行制作    2        0        0          0            0        0      2
     （四）无法
     提供
             3.补正后申请内容仍不明确      3        0        0          0            0        0      3

             1.信访举报投诉类申请          4        0        0          0            0        0      4
     （五）不予
     处理
             2.重复申请                    5        0        0          0            0        0      5

四、政府信息公开行政复议、行政诉讼情况
"""  # (四) printed again in a slot of its split merge, between its second and third rows


def test_a_merged_label_printed_again_is_not_the_next_label() -> None:
    rows = table_rows(T3_REPEATED_MERGE)
    labels = {row[-1]: row[1:3] for row in rows if row[-1].isdigit()}
    # the merged label goes into the first row it covers, as in a padded grid
    assert labels["1"] == ["（四）无法\n提供", "1.本机关不掌握相关政府信息"]
    assert labels["3"] == ["", "3.补正后申请内容仍不明确"]
    assert labels["4"] == ["（五）不予\n处理", "1.信访举报投诉类申请"]
    assert labels["5"] == ["", "2.重复申请"]


T3_SUBTOTAL_BEFORE_MERGE = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
三、本年度办理结果
     （三）不予
             5.属于三类内部事务信息        7        0        0          0            0        0      7
     公开

             6.属于四类过程性信息          8        0        0          0            0        0      8

             7.属于行政执法案卷            1        0        0          0            0        0      1

             小计                          2        0        0          0            0        0      2

             8.属于行政查询事项            3        0        0          0            0        0      3

             1.本机关不掌握相关政府信息    4        0        0          0            0        0      4
     （四）无法
             2.没有现成信息需要另行制作    5        0        0          0            0        0      5
     提供
             3.补正后申请内容仍不明确      6        0        0          0            0        0      6

四、政府信息公开行政复议、行政诉讼情况
"""  # a 小计 row, then the merged label's last row, then the next merged label centred on its rows


def test_an_unnumbered_row_among_numbered_ones_stays_under_the_label_before_it() -> None:
    rows = table_rows(T3_SUBTOTAL_BEFORE_MERGE)
    labels = {row[-1]: row[1:3] for row in rows if row[-1].isdigit()}
    assert labels["7"] == ["（三）不予\n公开", "5.属于三类内部事务信息"]
    assert labels["1"] == ["", "7.属于行政执法案卷"]
    assert labels["2"] == ["", "小计"]
    assert labels["3"] == ["", "8.属于行政查询事项"]
    assert labels["4"] == ["（四）无法\n提供", "1.本机关不掌握相关政府信息"]


T2_WRAPPED_CAPTIONS = """二、主动公开政府信息情况

第二十条
第（一）
项
            本年新           本年新
信息内容                                  对外公开总数量
            制作数量          公开数量

规章            3            2             24

规范性文
             14            13            38
件
第二十条
第（五）   第二十条第（五）项    第二十条第（五）项
项
信息内容     本年处理决定数量                 本年处理决定数量
行政许可           7
第二十条
                       第二十条第（六）项
第（六）项
信息内容     本年处理决定数量
行政处罚           9

三、收到和处理政府信息公开申请情况
"""  # captions wrapped in a narrow first column, repeated whole in their merge's other slots


def test_a_caption_wrapped_in_a_narrow_column_is_read_whole() -> None:
    doc = govreport.read(T2_WRAPPED_CAPTIONS.encode(), name="t.txt", options={"format": "layout"})
    rows = {r.text: r.row for t in doc.tables if t.kind == "proactive_disclosure"
            for r in govreport.records(t)}
    assert rows["24"] == ("第二十条第（一）项", "规章")
    assert rows["13"] == ("第二十条第（一）项", "规范性文件")
    assert rows["7"] == ("第二十条第（五）项", "行政许可")
    assert rows["9"] == ("第二十条第（六）项", "行政处罚")


def test_a_number_inside_a_sentence_does_not_split_it_into_cells() -> None:
    note = "注：本表数据统计时间为 1 月 1 日至 12 月 31 日。"
    assert [f.text for f in fragments_of(0, note, False)] == [note]
    # a value printed one space after its label is still a cell of its own
    assert [f.text for f in fragments_of(0, "行政事业性收费 266", False)] == ["行政事业性收费", "266"]
    amount = fragments_of(0, "政府集中采购 2799349 元", False)
    assert [f.text for f in amount] == ["政府集中采购", "2799349 元"]


T2_STACKED_CAPTIONS = """二、主动公开政府信息情况

第二十条第                                          第二十条第
（五）项                                           （五）项
         本年处理     本年处理     本年处理
信息内容
         决定数量     决定数量     决定数量

行政许可       76

第二十条第                           第二十条第    第二十条第     第二十条第        第二十条第
（八）项                            （八）项     （八）项      （八）项         （八）项
                 本年收费金额                  本年收费金额                 本年收费金额
信息内容     信息内容     （单位：万                   （单位：万                  （单位：万
                    元）                      元）                     元）
行政事业
                       5
性收费

三、收到和处理政府信息公开申请情况
"""  # captions wrapped in every slot of their merge; a header label closing its bracket on a line of its own


def test_a_caption_wrapped_in_every_slot_of_its_merge_is_read_whole() -> None:
    doc = govreport.read(T2_STACKED_CAPTIONS.encode(), name="t.txt", options={"format": "layout"})
    found = {r.text: (r.row, r.col) for t in doc.tables if t.kind == "proactive_disclosure"
             for r in govreport.records(t) if r.text}
    assert found["76"] == (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",))
    assert found["5"] == (("第二十条第（八）项", "行政事业性收费"), ("本年收费金额（单位：万元）",))


def test_a_corner_note_printed_again_down_a_label_column_is_dropped() -> None:
    text = ["           7、属于行",
            "           政执法案     1     0     0",
            "           卷",
            "           （本列数",
            "           据的勾稽",
            "           关系为：第",
            "           一项加第二",
            "           项之和，等",
            "           于第三项加",
            "           第四项之和）",
            "           8、属于行",
            "           政查询事     2     0     0",
            "           项"]
    lines = to_lines([(i + 1, 1, t) for i, t in enumerate(text)], False)
    kept = [f.text for ln in _drop_corner_notes(lines, 20.0) for f in ln.fragments if f.x0 < 20]
    assert kept == ["7、属于行", "政执法案", "卷", "8、属于行", "政查询事", "项"]


T3_DEEPER_LEVEL_ON_NEXT_PAGE = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "                                       自然人     商业企业      总计\n"
    "一、本年新收政府信息公开申请数量                        5        1        6\n\n"
    "二、上年结转政府信息公开申请数量                        0        0        0\n"
    "\f三、本年度办理结果\n"
    "      （一）予以公开                           3        1        4\n\n"
    "      （三）不予公开       1.属于国家秘密            2        0        2\n\n"
    "                    2.其他法律法规            0        0        0\n\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
)  # the first page holds rows of level 1 only: its label columns are not all the table's


def test_label_columns_first_seen_on_a_later_page_are_columns_of_the_table() -> None:
    rows = table_rows(T3_DEEPER_LEVEL_ON_NEXT_PAGE)
    assert ["", "（三）不予公开", "1.属于国家秘密", "2", "0", "2"] in rows
    assert ["", "", "2.其他法律法规", "0", "0", "0"] in rows
    assert ["一、本年新收政府信息公开申请数量", "", "", "5", "1", "6"] in rows


T3_SUBTOTAL_UNDER_A_WRAPPED_LABEL = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
三、本年度办理结果
           4.保护第三方合法权益         4        0        0          0            0        0      4

           5.属于三
    （三     类内部事                1        0        0          0            0        0      1
    ）不     务信息
    予公
    开      小计                  9        0        0          0            0        0      9

           6.属于四类过程性信息         6        0        0          0            0        0      6

四、政府信息公开行政复议、行政诉讼情况
"""  # a 小计 row printed two lines under the wrapped label before it


def test_a_subtotal_word_starts_a_label_of_its_own() -> None:
    labels = {row[-1]: row[-8] for row in table_rows(T3_SUBTOTAL_UNDER_A_WRAPPED_LABEL) if row[-1].isdigit()}
    assert labels["1"] == "5.属于三\n类内部事\n务信息"
    assert labels["9"] == "小计"
    assert labels["6"] == "6.属于四类过程性信息"


T3_SIBLING_NUMBERS = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
一        一、本年
、        新收政府                  17       0        0          0            0        0      17
本        信息公开
年        申请数量
二   二、
、   上年     二、上年
上   结转     结转政府                5        0        0          0            0        0      5
年   政府     信息公开
结   信息     申请数量
转   公开
政   申请
府   数量

四、政府信息公开行政复议、行政诉讼情况
"""  # level-1 labels printed in every slot of their merge, down narrow columns


def test_a_merged_label_does_not_go_to_a_row_numbered_as_its_sibling() -> None:
    rows = {row[-1]: row for row in table_rows(T3_SIBLING_NUMBERS) if row[-1].isdigit()}
    assert rows["17"][1:3] == ["", "一、本年\n新收政府\n信息公开\n申请数量"]
    assert rows["5"][1].startswith("二、\n上年")


T2_CORNER_UNDER_HEADER = """二、主动公开政府信息情况

第二十条第（一）项
  信息
          本年制发件数       本年废止件数      现行有效件数
  内容
规章           2           1              141
行政规范
性文件
             3           3              57
(单位：
件)

三、收到和处理政府信息公开申请情况
"""  # the corner label 信息内容 wrapped around the column labels' line


def test_a_corner_label_ending_under_the_column_labels_is_header() -> None:
    doc = govreport.read(T2_CORNER_UNDER_HEADER.encode(), name="t.txt", options={"format": "layout"})
    rows = {r.text: r.row for t in doc.tables if t.kind == "proactive_disclosure"
            for r in govreport.records(t)}
    assert rows["141"] == ("第二十条第（一）项", "规章")
    assert rows["57"] == ("第二十条第（一）项", "行政规范性文件(单位：件)")


T3_LAST_ROW_BLANK = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
一、本年新收政府信息公开申请数量               8        0        0          0            0        0      8

     （七）总计                     8        0        0          0            0        0      8

四、结转下年度继续办理


四、政府信息公开行政复议、行政诉讼情况
"""  # the last row's values all blank: its label stands alone, like a heading


def test_a_table_3_row_label_standing_alone_is_a_row_not_a_heading() -> None:
    out = read_layout(T3_LAST_ROW_BLANK.encode(), ReadContext("t.txt"))
    (table,) = [b for b in out.blocks if isinstance(b, RawTable)]
    assert ["四、结转下年度继续办理"] + [""] * 8 in [[c.text for c in r] for r in table.rows]
    assert "四、结转下年度继续办理" not in [getattr(b, "text", None) for b in out.blocks]


T2_LABEL_CUT_BY_A_PAGE = """二、主动公开政府信息情况

第二十条第（五）项

信息内容        上一年项目数量       本年增/减          处理决定数量

行政
              125               -7          14
许可
其他对外          244              +11          34


                         -1-
\f管理服务
事项

第二十条第（六）项

信息内容     上一年项目数量       本年增/减                 处理决定数量

行政处罚           266          -1                  11

三、收到和处理政府信息公开申请情况
"""  # pdftotext prints the rest of the cut label, without values, at the top of the next page


def test_a_row_label_cut_by_a_page_break_is_joined_back() -> None:
    doc = govreport.read(T2_LABEL_CUT_BY_A_PAGE.encode(), name="t.txt", options={"format": "layout"})
    rows = {r.text: r.row for t in doc.tables if t.kind == "proactive_disclosure"
            for r in govreport.records(t)}
    assert rows["244"] == ("第二十条第（五）项", "其他对外管理服务事项")
    assert rows["125"] == ("第二十条第（五）项", "行政许可")
    assert "" not in rows  # no row of blank values made of the label's rest


T2_LONE_VALUE_BETWEEN_COLUMNS = """二、主动公开政府信息情况

第二十条第（六）项
信息内容     本年处理决定数量
行政处罚           43
行政强制           16

第二十条第（五）项

                  上一年
     信息内容                   本年增/减      处理决定数量
                 项目数量
行政许可                    0

三、收到和处理政府信息公开申请情况
"""  # the only value of its block, packed left, about as near 上一年项目数量 as 本年增/减


def test_a_lone_value_about_as_near_two_columns_is_left_out_with_a_diagnostic() -> None:
    doc = govreport.read(T2_LONE_VALUE_BETWEEN_COLUMNS.encode(), name="t.txt", options={"format": "layout"})
    texts = [r.text for t in doc.tables if t.kind == "proactive_disclosure" for r in govreport.records(t)]
    assert texts.count("0") == 0 and "43" in texts and "16" in texts
    (diag,) = [d for d in doc.diagnostics if d.code == "layout.value_unplaced"]
    assert "'0'" in diag.message and diag.location is not None and diag.location.line == 13


T3_BLANK_ROWS_NARROW = """度    只计             1   2   3
    (三)不
           1.属于国
    予公
           家秘密
    开

           2.其他法
           律行政法
           规禁止公
           开

           3.危及“三
           安全一稳
           定”       4   5   6
"""  # rows whose values are blank: numbered labels reaching near the first value column


def test_numbered_labels_anywhere_keep_the_value_area_right_of_them() -> None:
    lines = to_lines([(i + 1, 1, t) for i, t in enumerate(T3_BLANK_ROWS_NARROW.split("\n"))], False)
    boundary = _boundary(lines)
    label_ends = [f.x1 for ln in lines for f in ln.fragments if not f.is_value]
    assert max(label_ends) < boundary < 20


T3_LABELS_ALONE_ON_LAST_PAGE = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "                                          自然人     商业企业      总计\n"
    "一、本年新收政府信息公开申请数量                           5        1        6\n\n"
    "三、本年度  （三）不予公开  1.属于国家秘密                 2        0        2\n"
    "\f四、结转    四、结转下年度  四、结转下年度继续办理\n\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议                                                                            行政诉讼\n"
)  # the last row's values blank, its labels alone on a page that table 4 makes wider


def test_a_page_of_labels_alone_keeps_the_label_columns_of_the_page_before() -> None:
    out = read_layout(T3_LABELS_ALONE_ON_LAST_PAGE.encode(), ReadContext("t.txt"))
    table = next(b for b in out.blocks if isinstance(b, RawTable))
    labels = ["四、结转", "四、结转下年度", "四、结转下年度继续办理"]
    assert [c.text for c in table.rows[-1]] == [*labels, "", "", ""]


T3_WRAPPED_LINE_INDENTED_ON_NEXT_PAGE = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "                                       自然人     商业企业      总计\n"
    "一、本年新收政府信息公开申请数量                        5        1        6\n\n"
    "      （一）予以公开                                    3        1        4\n"
    "\f      （六）其他处理                                    2        0        2\n\n"
    "      （七）要求行政机关确认或重新出具\n"
    "            已获取信息                                  0        0        0\n\n"
    "四、结转下年度继续办理                                  1        0        1\n\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
)  # a wrapped line indented on the second page opens no label column of its own


def test_a_later_page_adds_label_columns_only_where_numbered_labels_start() -> None:
    out = read_layout(T3_WRAPPED_LINE_INDENTED_ON_NEXT_PAGE.encode(), ReadContext("t.txt"))
    (table,) = [b for b in out.blocks if isinstance(b, RawTable)]
    assert {len(r) for r in table.rows} == {5}


T3_LABEL_ABOVE_ITS_VALUES = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
三、本年度办理结果
     （一）予以公开                   1        0        0          0            0        0      1
     （二）部分公开（区分处理的，只计这一情 形，不
     计其他情形）
                               2        0        0          0            0        0      2
     （六）其他处理                   3        0        0          0            0        0      3

四、政府信息公开行政复议、行政诉讼情况
"""  # a wrapped label printed above its values (cells aligned to the top), as real PDFs do


def test_a_label_right_above_unlabelled_values_is_theirs() -> None:
    rows = table_rows(T3_LABEL_ABOVE_ITS_VALUES)
    labels = {row[-1]: row[1] for row in rows if row[-1].isdigit()}
    assert labels["2"].startswith("（二）部分公开") and labels["2"].endswith("计其他情形）")
    assert labels["3"] == "（六）其他处理"
    assert len(rows) == 4  # the header and three rows: no row of the label alone



T2_COLUMN_LABEL_LEFT_OF_ITS_VALUES = """二、主动公开政府信息情况

第二十条第（六）项
信息内容     本年处理决定数量
行政处罚           43
行政强制           16

第二十条第（八）项

              上一年
  信息内容                       本年增/减
             项目数量
行政事业
                                 5
性收费

三、收到和处理政府信息公开申请情况
"""  # the column 上一年项目数量 is blank: its label sits far left of the only value


def test_a_column_label_under_a_corner_label_is_not_a_row_label() -> None:
    text = T2_COLUMN_LABEL_LEFT_OF_ITS_VALUES.encode()
    doc = govreport.read(text, name="t.txt", options={"format": "layout"})
    found = {r.col: r.text for t in doc.tables if t.kind == "proactive_disclosure"
             for r in govreport.records(t) if r.row == ("第二十条第（八）项", "行政事业性收费")}
    assert found == {("上一年项目数量",): "", ("本年增/减",): "5"}


T3_LOCAL = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
三、本年度办理结果
     （四）无法
             1.本机关不掌握相关政府信息    1        0        0          0            0        0      1
     提供

             2.没有现成信息需要另行制作    2        0        0          0            0        0      2

             3.补正后申请内容仍不明确     3        0        0          0            0        0      3

             1.信访举报投诉类申请       4        0        0          0            0        0      4
     （五）不予
     处理
             2.重复申请            5        0        0          0            0        0      5

四、政府信息公开行政复议、行政诉讼情况
"""


def _cells(text: str) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:
    doc = govreport.read(text.encode(), name="t.txt", options={"format": "layout"})
    return {(r.row, r.col): r.text for t in doc.tables for r in govreport.records(t)}


def test_a_change_to_one_row_changes_that_rows_records_only() -> None:
    base = _cells(T3_LOCAL)
    assert sum(v != "" for v in base.values()) == 35  # five rows of seven values
    # a value printed as a dash: that cell alone
    dashed = _cells(T3_LOCAL.replace("制作    2        0", "制作    2        —"))
    assert {k for k in base if base[k] != dashed.get(k)} == {
        (("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"), ("商业企业",))}
    # an inserted 小计 row: its own records, the others as they were
    subtotal = "             小计                6        0        0          0            0  " \
               "      0      6\n"
    inserted = _cells(T3_LOCAL.replace("\n             1.信访", "\n" + subtotal + "\n             1.信访"))
    assert {k: v for k, v in inserted.items() if k in base} == base
    assert {k[0][-1] for k in inserted if k not in base} == {"小计"}


def _t3_row(label: str, n: int, indent: int = 13) -> str:
    """A table-3 body line: `label` then the values n, 0, 0, 0, 0, 0, n under T3_HEAD's columns."""
    return (" " * indent + label).ljust(31) + T3_VALUES.format(n, n)


T3_HEAD = """三、收到和处理政府信息公开申请情况

                              自然人     商业企业     科研机构      社会公益组织       法律服务机构\
     其他     总计
"""
T3_VALUES = "{}        0        0          0            0        0      {}"
T3_END = "\n\n四、政府信息公开行政复议、行政诉讼情况\n"
NOTE = "             注：本表数据统计时间为 1 月 1 日至 12 月 31 日。"


def _records(text: str) -> Counter[tuple[tuple[str, ...], tuple[str, ...], str]]:
    doc = govreport.read(text.encode(), name="t.txt", options={"format": "layout"})
    return Counter((r.row, r.col, r.text) for t in doc.tables for r in govreport.records(t))


def test_a_note_right_under_a_wrapped_label_is_no_part_of_it() -> None:
    body = ["三、本年度办理结果", "     （三）不予", _t3_row("1.属于国家秘密", 1), "     公开",
            "             2.其他法律行政法", _t3_row("规禁止公开", 2), NOTE, "",
            _t3_row("3.危及“三安全一稳定”", 3)]
    with_note = _records(T3_HEAD + "\n".join(body) + T3_END)
    body.remove(NOTE)
    assert with_note == _records(T3_HEAD + "\n".join(body) + T3_END)  # the note adds and changes nothing
    path = ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开")
    assert (path, ("自然人",), "2") in with_note


def test_a_subtotal_opening_a_page_is_a_row_not_the_rest_of_the_label_before() -> None:
    body = ["三、本年度办理结果", "     （三）不予", _t3_row("1.属于国家秘密", 1), "     公开",
            _t3_row("2.其他法律行政法规禁止公开", 2), "", "                                   -2-",
            "\f" + _t3_row("小计", 3, indent=5), "", "     （四）无法",
            _t3_row("1.本机关不掌握相关政府信息", 4), "     提供"]
    rows = {row for row, _, _ in _records(T3_HEAD + "\n".join(body) + T3_END)}
    assert ("三、本年度办理结果", "小计") in rows
    assert ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开") in rows
    assert not any("（三）不予公开小计" in row for row in rows)


def test_a_label_a_line_above_its_values_in_a_tall_row_is_theirs() -> None:
    # level 1 printed down a narrow column beside each row; the second row's cells are
    # aligned to the top: its label's three lines, a line of the tall row, then the values
    first = ["三", "、", "本        7.属于行", "年        政执法案     " + T3_VALUES.format(5, 5),
             "度        卷", "办", "理", "结", "果"]
    second = ["三        8.属于行", "、        政查询事", "本        项", "年",
              "度                 " + T3_VALUES.format(6, 6), "办", "理", "结", "果"]
    got = _records(T3_HEAD + "\n".join(first + second) + T3_END)
    assert (("三、本年度办理结果", "8.属于行政查询事项"), ("自然人",), "6") in got
    assert not any(text == "" for _, _, text in got)  # no row of blank values made of the label alone


def test_a_remark_standing_alone_in_a_merged_label_column_heads_no_rows() -> None:
    body = ["三、本年度办理结果", "     （四）无法", _t3_row("1.本机关不掌握相关政府信息", 1), "     提供",
            "", "     （续表）", "", _t3_row("1.信访举报投诉类申请", 2), "     （五）不予",
            _t3_row("2.重复申请", 3), "     处理"]
    rows = {row for row, _, _ in _records(T3_HEAD + "\n".join(body) + T3_END)}
    assert ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请") in rows
    assert not any("（续表）" in row for row in rows)


def test_a_subtotal_word_with_more_after_it_right_under_a_wrapped_label_is_a_row() -> None:
    body = ["三、本年度办理结果", "     （六）其他", _t3_row("1.申请人无正当理由逾期不补正", 1),
            "     处理", "             2.申请人逾期未按收费通知要", _t3_row("求缴纳费用", 2),
            _t3_row("小计数", 3), "", _t3_row("3.其他", 4)]
    rows = {row for row, _, _ in _records(T3_HEAD + "\n".join(body) + T3_END)}
    assert ("三、本年度办理结果", "（六）其他处理", "小计数") in rows
    assert ("三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用") in rows
