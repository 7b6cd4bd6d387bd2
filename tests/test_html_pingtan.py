"""A real saved government page (平潭综合实验区 2024, tables from a web editor): all three tables exact."""

from __future__ import annotations

import pytest
from helpers import CORPUS, check_golden

import govreport

SAMPLE = CORPUS / "real" / "pingtan-2024.html"
GOLDEN = CORPUS / "real" / "pingtan-2024.expected.json"


@pytest.fixture(scope="module")
def doc() -> govreport.Document:
    return govreport.read(SAMPLE)


def test_pingtan_tables_and_text_match_the_hand_checked_golden_file(doc: govreport.Document) -> None:
    check_golden(doc, GOLDEN)


def test_pingtan_is_read_as_a_report_among_its_site_chrome(doc: govreport.Document) -> None:
    assert doc.source.format == "html"
    assert doc.source.charset == "utf-8"
    assert doc.metadata.title == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert doc.metadata.year == 2024 and doc.metadata.edition == "2021"
    assert [t.kind for t in doc.tables] == ["proactive_disclosure", "applications", "review_litigation"]
    texts = [b.text for b in doc.blocks if isinstance(b, (govreport.Heading, govreport.Paragraph))]
    assert texts[0] == "平潭综合实验区2024年度政府信息公开工作年度报告"
    assert not any(t == "国务院" or "省政府" in t or "ICP" in t for t in texts)  # site chrome left out


def test_pingtan_values_hold_every_identity(doc: govreport.Document) -> None:
    assert doc.report is not None
    assert all(v is not None for v in doc.report.values.values())
    assert [c.rule for c in doc.report.checks if c.status == "fail"] == []
    assert doc.report.values["applications.new_received@total"] == 218
    assert doc.report.values["review_litigation.litigation.after_review.total"] == 19
