"""Reading rules of the column-aligned text reader, each on a small hand-written snippet."""

from __future__ import annotations

import govreport
from govreport.model import Table

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
