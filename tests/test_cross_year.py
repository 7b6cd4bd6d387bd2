"""Cross-year checks on pairs of reports whose outcome is worked out by hand.

Each pair is one agency's reports for two years, written as text with the
numbers chosen here; the expected statuses and numbers beside each pair are
computed by hand from format-spec.md §7:

- X_CARRY: carried_over@total of year Y equals carried_forward@total of Y−1;
- X_IN_FORCE (2021 edition): in_force[Y] = in_force[Y−1] + issued[Y] − repealed[Y],
  for 规章 (regulations) and 行政规范性文件 (normative_documents).
"""

from __future__ import annotations

import govreport
from govreport.report import compare_years

Pair = tuple[str, str, str]


def report(year: int, *, regulations: Pair, normative: Pair, carried_over: str,
           carried_forward: str) -> govreport.Document:
    """A 2021-edition report of 某县财政局: table 2's 第二十条第（一）项 block
    (issued, repealed, in force) and table 3's carry rows, as printed (the
    second header row ends in the empty slot under 总计)."""
    text = f"""某县财政局{year}年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容	本年制发件数	本年废止件数	现行有效件数
规章	{"	".join(regulations)}
行政规范性文件	{"	".join(normative)}

三、收到和处理政府信息公开申请情况
	申请人情况
	自然人	法人或其他组织					总计
		商业企业	科研机构	社会公益组织	法律服务机构	其他\t
一、本年新收政府信息公开申请数量	5	0	0	0	0	0	5
二、上年结转政府信息公开申请数量	{carried_over}	0	0	0	0	0	{carried_over}
四、结转下年度继续办理	{carried_forward}	0	0	0	0	0	{carried_forward}
"""
    return govreport.read(text.encode("utf-8"), name=f"czj-{year}.txt")


def outcomes(earlier: govreport.Document, later: govreport.Document) -> dict[tuple[str, str | None], tuple]:
    return {(c.rule, c.scope): (c.status, c.expected, c.actual) for c in compare_years(earlier, later)}


# 2022: regulations 1 issued, 0 repealed, 5 in force; normative 2, 1, 20; 3 carried forward.
Y2022 = {"regulations": ("1", "0", "5"), "normative": ("2", "1", "20"),
         "carried_over": "0", "carried_forward": "3"}


def test_a_consistent_pair_passes_both_checks() -> None:
    # 2023: regulations 5 + 2 − 1 = 6 printed 6; normative 20 + 1 − 0 = 21 printed 21; carried over 3.
    later = report(2023, regulations=("2", "1", "6"), normative=("1", "0", "21"),
                   carried_over="3", carried_forward="1")
    assert outcomes(report(2022, **Y2022), later) == {
        ("X_CARRY", "total"): ("pass", 3.0, 3.0),
        ("X_IN_FORCE", "regulations"): ("pass", 6.0, 6.0),
        ("X_IN_FORCE", "normative_documents"): ("pass", 21.0, 21.0),
    }


def test_a_carry_that_does_not_match_last_years_fails() -> None:
    # 2022 carried 3 forward; 2023 says it carried over 2.
    later = report(2023, regulations=("2", "1", "6"), normative=("1", "0", "21"),
                   carried_over="2", carried_forward="1")
    assert outcomes(report(2022, **Y2022), later)[("X_CARRY", "total")] == ("fail", 3.0, 2.0)


def test_an_in_force_count_that_does_not_add_up_fails_for_that_row_only() -> None:
    # regulations: 5 + 2 − 1 = 6, but 7 printed; normative: 20 + 0 − 3 = 17, printed 17.
    later = report(2023, regulations=("2", "1", "7"), normative=("0", "3", "17"),
                   carried_over="3", carried_forward="0")
    got = outcomes(report(2022, **Y2022), later)
    assert got[("X_IN_FORCE", "regulations")] == ("fail", 6.0, 7.0)
    assert got[("X_IN_FORCE", "normative_documents")] == ("pass", 17.0, 17.0)
    assert got[("X_CARRY", "total")] == ("pass", 3.0, 3.0)


def test_the_order_of_the_pair_matters() -> None:
    # Read backwards, 2023's numbers are taken as last year's: 2022 carried over 0, not 2023's 1.
    later = report(2023, regulations=("2", "1", "6"), normative=("1", "0", "21"),
                   carried_over="3", carried_forward="1")
    backwards = {c.rule: c.status for c in compare_years(later, report(2022, **Y2022))}
    assert backwards == {"X_CARRY": "not_assessable"}  # 2023 then 2022 are not consecutive


def test_years_that_are_not_consecutive_are_not_assessable() -> None:
    later = report(2024, regulations=("2", "1", "6"), normative=("1", "0", "21"),
                   carried_over="3", carried_forward="1")
    [result] = compare_years(report(2022, **Y2022), later)
    assert (result.rule, result.status) == ("X_CARRY", "not_assessable")
    assert "2022 and 2024 are not consecutive" in result.message


def test_a_blank_carry_is_not_assessable_never_read_as_zero() -> None:
    later = report(2023, regulations=("2", "1", "6"), normative=("1", "0", "21"),
                   carried_over="", carried_forward="1")
    got = outcomes(report(2022, **Y2022), later)
    assert got[("X_CARRY", None)] == ("not_assessable", None, None)


def test_a_blank_in_force_cell_is_not_assessable_for_its_row() -> None:
    # normative_documents repealed left blank in 2023: that row cannot be checked.
    later = report(2023, regulations=("2", "1", "6"), normative=("1", "", "21"),
                   carried_over="3", carried_forward="1")
    got = outcomes(report(2022, **Y2022), later)
    assert got[("X_IN_FORCE", "regulations")] == ("pass", 6.0, 6.0)
    assert got[("X_IN_FORCE", "normative_documents")] == ("not_assessable", None, None)
