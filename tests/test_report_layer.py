"""Recognition, canonical keys, values, metadata and cross-year checks."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS

import govreport
from govreport.report import extras
from govreport.report.labels import article_item, best_match, core
from govreport.report.values import parse_value

SEED_TEXT = (CORPUS / "real" / "town-2019.txt").read_text(encoding="utf-8")


def read_text(text: str, name: str = "report.txt") -> govreport.Document:
    return govreport.read(text.encode("utf-8"), name=name)


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit"),
    [
        ("12", "number", 12, None),
        ("\xa00\xa0\xa0", "number", 0, None),
        ("+3", "number", 3, None),
        ("-2", "number", -2, None),
        ("－2", "number", -2, None),
        ("１２", "number", 12, None),
        ("1,234", "number", 1234, None),
        ("7730.28", "number", 7730.28, None),
        ("251000元", "number", 251000, "元"),
        ("103.3879万元", "number", 103.3879, "万元"),
        ("", "empty", None, None),
        ("/", "not_applicable", None, None),
        ("—", "not_applicable", None, None),
        ("-", "not_applicable", None, None),
        ("无", "not_applicable", None, None),
        ("--253", "text", None, None),
        ("见说明", "text", None, None),
    ],
)
def test_values_keep_their_text_and_never_guess_a_zero(text, kind, number, unit) -> None:
    v = parse_value(text)
    assert (v.kind, v.number, v.unit, v.text) == (kind, number, unit, text)


def test_a_header_unit_applies_to_its_column() -> None:
    assert parse_value("96171.6", "万元").unit == "万元"


@pytest.mark.parametrize(
    ("printed", "official"),
    [
        ("(三) 不予公开", "（三）不予公开"),
        ("商 业 企 业", "商业企业"),
        ("2、其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
        ("上一年项目数量（指2019年事项数）", "上一年项目数量"),
        ("（七）合计", "（七）总计"),
    ],
)
def test_label_variants_reduce_to_the_official_core(printed: str, official: str) -> None:
    assert core(printed) == core(official)


def test_typos_match_by_similarity_in_context() -> None:
    rows = {core("2.其他法律行政法规禁止公开"): "a", core("1.属于国家秘密"): "b", core("3.其他"): "c"}
    assert best_match("2.其他法律行政止公开", rows) == "a"
    assert best_match("3.其他", rows) == "c"


def test_block_captions_give_the_article_item() -> None:
    captions = ("第二十条第（一）项", "第二十条 第(五)项", "第二十条第九项")
    assert [article_item(c) for c in captions] == [1, 5, 9]


def test_the_seed_gets_every_2019_key_and_the_agency_year_from_its_name() -> None:
    doc = govreport.read(CORPUS / "real" / "town-2019.txt")
    assert doc.report is not None and doc.report.edition == "2019"
    assert len(doc.report.values) == 22 + 161 + 15
    assert all(v is not None for v in doc.report.values.values())
    assert doc.report.values["proactive_disclosure.art20_9.centralized_procurement.procurement_amount"] == (
        1859950.0
    )
    assert [t.kind for t in doc.tables] == ["proactive_disclosure", "applications", "review_litigation"]
    rec = govreport.records(doc.tables[1])[4 * 7 + 1]
    assert rec.key == "applications.results.denied.state_secret@commercial_enterprise"
    assert doc.metadata.year == 2019


def test_a_missing_table_converts_with_a_diagnostic_and_null_values() -> None:
    text = SEED_TEXT[: SEED_TEXT.index("四、政府信息公开行政复议")]
    doc = read_text(text)
    assert doc.report is not None
    assert any(d.code == "report.table_missing" and "review_litigation" in d.message
               for d in doc.diagnostics)
    assert doc.report.values["review_litigation.admin_review.total"] is None


def test_a_report_without_any_edition_clue_converts() -> None:
    text = SEED_TEXT[SEED_TEXT.index("四、政府信息公开行政复议"):]
    doc = read_text(text, name="report.txt")
    assert doc.report is not None
    assert doc.metadata.edition is None
    assert doc.report.values["review_litigation.admin_review.total"] == 0


def test_an_extra_subtotal_column_is_kept_as_an_extra_not_a_field() -> None:
    header = (
        "（注）\t申请人情况\n\t自然人\t法人或其他组织\t总计\n"
        "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\t\n"
    )
    rows = (
        "一、本年新收政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t1\t3\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t0\n"
    )
    doc = read_text("三、收到和处理政府信息公开申请情况\n" + header + rows)
    table = doc.tables[0]
    assert table.kind == "applications"
    extra = extras(doc)
    assert [(r.row[-1], r.col[-1], r.text) for _, r in extra] == [
        ("一、本年新收政府信息公开申请数量", "小计", "1"),
        ("二、上年结转政府信息公开申请数量", "小计", "0"),
    ]
    assert doc.report is not None
    assert doc.report.values["applications.new_received@total"] == 3
    assert any(d.code == "report.extras" for d in doc.diagnostics)


def test_a_headerless_table4_is_read_in_the_format_order_with_a_diagnostic() -> None:
    values = "\t".join(str(i) for i in (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2))
    doc = read_text("四、政府信息公开行政复议、行政诉讼情况\n" + values + "\n")
    assert doc.report is not None
    assert doc.report.values["review_litigation.litigation.after_review.total"] == 2
    assert any(d.code == "report.t4_by_position" for d in doc.diagnostics)
    assert {c.status for c in doc.report.checks if c.rule.startswith("T4")} == {"pass"}


def test_title_agency_and_year_and_a_conflicting_file_name() -> None:
    doc = read_text("XX市XX区人民政府2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n",
                    name="xx-2020.txt")
    assert (doc.metadata.agency, doc.metadata.year) == ("XX市XX区人民政府", 2021)
    assert any(d.code == "report.metadata_conflict" for d in doc.diagnostics)


def test_the_overview_numbers_are_checked_against_the_tables() -> None:
    lines = SEED_TEXT.split("\n")
    lines.insert(1, "全年共受理政府信息公开申请3件。因政府信息公开被申请行政复议0件、提起行政诉讼0件。")
    doc = read_text("\n".join(lines), name="town-2019.txt")
    assert doc.report is not None
    txt = {(c.rule, c.scope): c.status for c in doc.report.checks if c.rule.startswith("TXT")}
    assert txt == {("TXT_APPLICATIONS", "applications_received"): "fail",
                   ("TXT_LITIGATION", "admin_review"): "pass",
                   ("TXT_LITIGATION", "litigation"): "pass"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_check_prints_failures_and_exits_1() -> None:
    proc = run_cli("check", str(CORPUS / "real" / "hongze-district-2023.pdf"),
                   str(CORPUS / "real" / "town-2019.txt"))
    assert proc.returncode == 1
    assert "FAIL T4_REVIEW_TOTAL [admin_review]" in proc.stdout
    assert "town-2019.txt" in proc.stdout and "0 failed of 43 checks" in proc.stdout
    ok = run_cli("check", str(CORPUS / "real" / "town-2019.txt"))
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_dataset_wide_and_long(tmp_path: Path) -> None:
    wide = tmp_path / "panel.csv"
    proc = run_cli("dataset", str(CORPUS / "real" / "town-2019.txt"),
                   str(CORPUS / "real" / "hongze-district-2023.pdf"), "-o", str(wide))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(wide.read_text(encoding="utf-8").splitlines()))
    assert [r["source"] for r in rows] == [str(CORPUS / "real" / "town-2019.txt"),
                                           str(CORPUS / "real" / "hongze-district-2023.pdf")]
    assert rows[1]["agency"] == "洪泽区人民政府" and rows[1]["year"] == "2023"
    assert rows[1]["review_litigation.admin_review.maintained"] == "10"
    assert rows[0]["proactive_disclosure.art20_5.other_external_services.prev_year_items"] == "85"
    long = tmp_path / "long.csv"
    assert run_cli("dataset", str(CORPUS / "real" / "town-2019.txt"), "--long", "-o",
                   str(long)).returncode == 0
    lines = list(csv.reader(long.read_text(encoding="utf-8").splitlines()))
    assert lines[0] == ["report", "key", "value", "text"]
    assert len(lines) == 1 + 198
