"""The real hongze sample: its three tables must match the hand-checked golden file."""

from __future__ import annotations

import pytest
from helpers import CORPUS, check_golden

import govreport
from govreport.model import Heading, Paragraph

SAMPLE = CORPUS / "real/hongze-district-2023.pdf"
GOLDEN = CORPUS / "real/hongze-district-2023.expected.json"


@pytest.fixture(scope="module")
def doc() -> govreport.Document:
    return govreport.read(SAMPLE)


def test_hongze_tables_match_the_hand_checked_golden_file(doc: govreport.Document) -> None:
    check_golden(doc, GOLDEN)


def test_hongze_continued_tables_are_reported_with_their_pages(doc: govreport.Document) -> None:
    msgs = [d.message for d in doc.diagnostics if d.code == "pdf.table_continued"]
    assert any("pages 2, 3" in m for m in msgs)
    assert any("pages 3, 4" in m for m in msgs)
    strategies = [d for d in doc.diagnostics if d.code == "pdf.table_strategy"]
    assert len(strategies) == 3 and all("ruled" in d.message for d in strategies)


def test_hongze_text_has_title_headings_and_no_page_numbers(doc: govreport.Document) -> None:
    heads = [b for b in doc.blocks if isinstance(b, Heading)]
    assert heads[0].level == 0 and "年度报告" in heads[0].text
    level1 = [h.text for h in heads if h.level == 1]
    assert level1[:6] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    texts = [b.text for b in doc.blocks if isinstance(b, (Heading, Paragraph))]
    assert not any(t.strip().startswith("-") for t in texts)
    # a paragraph running from page 1 onto page 2 is one paragraph, CJK joined without spaces
    assert any("执行信息审核发布制度。严格执行“分级审核、先审后发”程序" in t for t in texts)
    assert all(b.source is not None and b.source.page for b in doc.blocks if isinstance(b, Paragraph))


def test_hongze_cells_carry_page_and_box(doc: govreport.Document) -> None:
    t3 = doc.tables[1]
    pages = {c.source.page for c in t3.cells if c.source is not None}
    assert pages == {3, 4}
    assert all(c.source is not None and c.source.bbox is not None for c in t3.cells)
