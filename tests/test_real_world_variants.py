"""Deviations seen in real reports (format-spec.md §9), reproduced by hand in corpus/handmade."""

from __future__ import annotations

import re

import pytest
from helpers import CORPUS

import govreport
from govreport.report import extras

HANDMADE = CORPUS / "handmade"


def read(name: str) -> govreport.Document:
    return govreport.read(HANDMADE / name)


def statuses(doc: govreport.Document) -> dict[tuple[str, str | None], str]:
    assert doc.report is not None
    return {(c.rule, c.scope): c.status for c in doc.report.checks}


def test_blank_total_column_gives_uncertain_checks_and_null_values() -> None:
    doc = read("shanghai-blank-totals.txt")
    st = statuses(doc)
    assert "fail" not in st.values()
    assert st[("T3_ROW_TOTAL", "new_received")] == "uncertain"
    assert st[("T3_RESULTS_SUM", "total")] == "uncertain"
    assert st[("T3_BALANCE", "total")] == "uncertain"
    assert st[("T3_BALANCE", "natural_person")] == "pass"
    assert st[("T3_RESULTS_SUM", "natural_person")] == "pass"
    assert st[("TXT_APPLICATIONS", "applications_received")] == "uncertain"
    assert doc.report is not None
    assert doc.report.values["applications.new_received@total"] is None
    assert doc.report.values["applications.results.total@total"] == 802


def test_typos_and_misplaced_signs_are_flagged_never_fixed() -> None:
    doc = read("tongzhou-typos.txt")
    assert doc.report is not None
    values = doc.report.values
    assert values["proactive_disclosure.art20_1.normative_documents.published_total"] is None
    assert values["proactive_disclosure.art20_5.other_external_services.prev_year_items"] == 22
    misplaced = "proactive_disclosure.art20_5.other_external_services.prev_year_items"
    assert statuses(doc)[("SIGNED_VALUE", misplaced)] == "fail"
    assert values["proactive_disclosure.art20_6.administrative_coercion.decisions"] is None
    assert values["proactive_disclosure.art20_9.centralized_procurement.procurement_amount"] == 103.3879
    amount = "proactive_disclosure.art20_9.centralized_procurement.procurement_amount"
    assert doc.report.units[amount] == "万元"
    recs = govreport.records(doc.tables[0])
    assert recs[5].text == "--253"
    # the first 第二十条 caption is missing: the block is known from its rows
    assert recs[0].row == ("规章",) and recs[0].key == "proactive_disclosure.art20_1.regulations.new_made"


def test_annotated_labels_match_and_an_added_row_is_an_extra() -> None:
    doc = read("hubei-annotated.txt")
    assert doc.report is not None
    assert doc.report.values["proactive_disclosure.art20_5.administrative_licensing.change"] == -8
    assert doc.report.values["proactive_disclosure.art20_1.normative_documents.published_total"] == 15
    assert [(r.row[-1], r.text) for _, r in extras(doc)] == [
        ("其他主动公开文件", "30"), ("其他主动公开文件", "30"), ("其他主动公开文件", "200")
    ]


def test_a_broken_header_is_read_in_the_format_order_with_a_diagnostic() -> None:
    doc = read("wuhai-broken-header.txt")
    assert doc.report is not None
    assert doc.report.values["proactive_disclosure.art20_1.normative_documents.new_made"] == 1
    assert doc.report.values["proactive_disclosure.art20_1.normative_documents.new_published"] == 2
    assert any(d.code == "report.column_by_order" for d in doc.diagnostics)


def test_an_unfilled_template_gives_empty_values_not_zeros() -> None:
    doc = read("xiongxian-unfilled.txt")
    assert doc.report is not None
    values = doc.report.values
    assert values["proactive_disclosure.art20_1.regulations.new_made"] == 0
    assert values["proactive_disclosure.art20_1.regulations.new_published"] is None
    assert values["proactive_disclosure.art20_1.normative_documents.published_total"] is None


def test_third_party_subtotals_and_heji_are_kept_apart_from_the_fields() -> None:
    doc = read("thirdparty-subtotals.txt")
    assert doc.report is not None and doc.metadata.edition == "2021"
    assert doc.report.values["applications.results.total@total"] == 5
    assert doc.report.values["applications.results.other_handling.other@natural_person"] == 0
    extra = extras(doc)
    assert len(extra) == 25 + 4 * 8
    assert {r.col[-1] for _, r in extra if r.row[-1] != "小计"} == {"小计"}
    assert "fail" not in statuses(doc).values()


def test_every_handmade_report_the_readme_lists_is_there() -> None:
    listed = set(re.findall(r"^\| `([\w-]+\.txt)` \|", (HANDMADE / "README.md").read_text("utf-8"), re.M))
    assert len(listed) >= 6
    assert {p.name for p in HANDMADE.glob("*.txt")} == listed


@pytest.mark.parametrize("name", sorted(p.name for p in HANDMADE.glob("*.txt")))
def test_every_handmade_report_reads_without_errors(name: str) -> None:
    doc = read(name)
    assert doc.status == "success"
    assert doc.tables and all(t.kind for t in doc.tables)
