"""The real seed report (a town's 2019 report flattened to text) must be read perfectly."""

from __future__ import annotations

import os

import pytest
from helpers import CORPUS, check_golden, regenerating, to_valid_json

import govreport

SEED = CORPUS / "real" / "town-2019.txt"
GOLDEN = CORPUS / "real" / "town-2019.expected.json"


@pytest.fixture(scope="module")
def doc() -> govreport.Document:
    return govreport.read(SEED)


def test_seed_matches_the_hand_checked_golden_file(doc: govreport.Document) -> None:
    check_golden(doc, GOLDEN)


def test_regenerate_flag_is_never_on_in_ci() -> None:
    assert not (regenerating() and os.environ.get("CI")), "GOVREPORT_REGENERATE=1 must not run in CI"


def test_seed_has_three_tables_with_every_data_cell(doc: govreport.Document) -> None:
    counts = [len(govreport.records(t)) for t in doc.tables]
    assert counts == [22, 161, 15]  # 2019 edition: table 2, 3, 4 numeric cells


def test_seed_table3_paths_follow_the_merged_headers(doc: govreport.Document) -> None:
    recs = {(r.row, r.col): r.text for r in govreport.records(doc.tables[1])}
    assert (
        ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
        ("申请人情况", "法人或其他组织", "商业企业"),
    ) in recs
    assert (("四、结转下年度继续办理",), ("申请人情况", "总计")) in recs
    assert (("三、本年度办理结果", "（六）其他处理"), ("申请人情况", "自然人")) in recs


def test_seed_table4_has_no_row_labels_and_three_header_levels(doc: govreport.Document) -> None:
    recs = govreport.records(doc.tables[2])
    assert all(r.row == () for r in recs)
    assert [r.col for r in recs][5] == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert [r.col for r in recs][14] == ("行政诉讼", "复议后起诉", "总计")


def test_seed_multi_line_header_cell_keeps_its_line_break(doc: govreport.Document) -> None:
    table2 = doc.tables[0]
    texts = [c.text for c in table2.cells if c.role == "header"]
    assert "本年新\n制作数量" in texts
    assert govreport.records(table2)[0].col == ("本年新制作数量",)


def test_seed_text_outside_tables_is_intact(doc: govreport.Document) -> None:
    headings = [(b.level, b.text) for b in doc.blocks if isinstance(b, govreport.Heading)]
    assert (1, "1、 总体情况") in headings
    assert (1, "六、其他需要报告的事项") in headings
    assert (2, "（一）存在的主要问题") in headings
    paragraphs = [b.text for b in doc.blocks if isinstance(b, govreport.Paragraph)]
    assert paragraphs[-1] == "无。"
    assert not any(p.strip() in ("- 1 -",) for p in paragraphs)


def test_seed_json_validates_against_the_schema(doc: govreport.Document) -> None:
    data = to_valid_json(doc)
    assert data["schema"] == "govreport/1.1"
    assert data["source"]["charset"] == "utf-8"
    assert [t["n_cols"] for t in data["tables"]] == [4, 10, 15]
