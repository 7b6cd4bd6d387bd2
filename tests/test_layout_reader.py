"""The column-aligned text reader: pdftotext -layout output and text aligned by display width."""

from __future__ import annotations

import govreport
from govreport.readers import ReadContext
from govreport.readers.layout import read_layout
from govreport.readers.layout.lines import choose_metric
from govreport.tables.raw import RawTable

T4 = """四、政府信息公开行政复议、行政诉讼情况

            行政复议                                      行政诉讼

                                    未经复议直接起诉                           复议后起诉
结果    结果     其他    尚未
                         总计
维持    纠正     结果    审结         结果    结果   其他    尚未          结果     结果     其他   尚未
                                                     总计                             总计
                              维持    纠正   结果    审结          维持     纠正     结果   审结

0      1     2     0      3   101    5   56     1    163    0      0     0     7     7

五、存在的主要问题及改进情况
"""


def t4_values(doc: govreport.Document) -> list[str]:
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    return [r.text for r in govreport.records(table)]


def test_table_4_with_its_three_header_rows_reads_every_value_under_its_path() -> None:
    doc = govreport.read(T4.encode(), name="report.txt")
    assert doc.source.format == "layout"
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    records = govreport.records(table)
    assert " ".join(r.text for r in records) == "0 1 2 0 3 101 5 56 1 163 0 0 0 7 7"
    assert records[0].col == ("行政复议", "结果维持")
    assert records[9].col == ("行政诉讼", "未经复议直接起诉", "总计")
    assert records[14].col == ("行政诉讼", "复议后起诉", "总计")
    assert doc.report is not None
    assert doc.report.values["review_litigation.litigation.direct.total"] == 163


T3_WRAPPED = """三、收到和处理政府信息公开申请情况


                                                       申请人情况

                                                  法人或其他组织
（本列数据的勾稽关系为：第一项加第二项之和，等于第三
                                                         社
项加第四项之和）                             自然                  会               总计
                                      人                        法律
                                           商业    科研      公
                                                               服务   其他
                                           企业    机构      益
                                                               机构
                                                         组
                                                         织
                                     296                                 332
一、本年新收政府信息公开申请数量                           168   120     0     0    70
                                      7                                   5

二、上年结转政府信息公开申请数量                     0     0     0       0     0    0    0

四、政府信息公开行政复议、行政诉讼情况
"""  # pdftotext -layout of a generated report (narrow columns)


def test_a_number_wrapped_in_a_narrow_column_is_joined_back() -> None:
    out = read_layout(T3_WRAPPED.encode(), ReadContext("t.txt"))
    (table,) = [b for b in out.blocks if isinstance(b, RawTable)]
    rows = [[c.text for c in row] for row in table.rows]
    assert rows[0][0].startswith("（本列数据的勾稽关系为：")
    assert rows[-2][-7:] == ["2967", "168", "120", "0", "0", "70", "3325"]
    assert rows[-1][-7:] == ["0"] * 7
    doc = govreport.read(T3_WRAPPED.encode(), name="t.txt")
    (table,) = doc.tables
    first = govreport.records(table)[0]
    assert (first.row, first.col, first.text) == (
        ("一、本年新收政府信息公开申请数量",), ("申请人情况", "自然人"), "2967")
    assert govreport.records(table)[4].col == ("申请人情况", "法人或其他组织", "法律服务机构")


def test_the_alignment_metric_is_chosen_by_how_the_values_line_up() -> None:
    by_chars = ["规章            3     2    148", "行政规范性文件   13     9     41", "其他  8  7  20"]
    by_display = ["规章              3     2    148", "行政规范性文件    13     9     41",
                  "其他主动公开文件  8      7     20"]
    assert choose_metric(by_chars) is False
    assert choose_metric(by_display) is True


def test_page_numbers_and_form_feeds_are_not_text() -> None:
    text = "一、总体情况\n\n  本机关全年收到申请12件。\n\n                 -1-\n\f二、主动公开政府信息情况\n"
    out = read_layout(text.encode(), ReadContext("t.txt"))
    assert [getattr(b, "text", "") for b in out.blocks] == ["一、总体情况", "本机关全年收到申请12件。",
                                                            "二、主动公开政府信息情况"]
    assert out.pages == 2
