"""Tables without a full ruling come out whole, and say how they were read.

The PDFs are LibreOffice renderings of one small report page
(`tests/data/pdf/make_fallback_pdfs.py`): a table whose header cells break
over two lines and whose labels wrap in the first column, once in the middle
of the table and once in its last row, drawn four ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport.model import Heading, Paragraph

DATA = Path(__file__).resolve().parent / "data" / "pdf"
HEADER = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
BODY = [
    ("规章", ("5", "0", "32")),
    ("其他对外管理服务事项", ("0", "1", "26")),
    ("规范性文件", ("12", "3", "87")),
    ("行政事业性收费项目数量", ("/", "—", "140")),
]
EXPECTED = [((label,), (col,), text) for label, texts in BODY for col, text in zip(HEADER, texts)]


def _strategies(doc: govreport.Document) -> list[str]:
    return [d.message for d in doc.diagnostics if d.code == "pdf.table_strategy"]


@pytest.mark.parametrize(
    ("name", "strategy"),
    [
        ("rules-between-rows", "horizontal_rules"),
        ("three-rules", "horizontal_rules"),
        ("shaded-header", "shaded_header"),
        ("no-rules", "text_alignment"),
    ],
)
def test_a_table_without_full_ruling_gives_every_record_and_names_its_strategy(
    name: str, strategy: str
) -> None:
    doc = govreport.read(DATA / f"{name}.pdf")
    assert len(doc.tables) == 1
    records = [(r.row, r.col, r.text) for r in govreport.records(doc.tables[0])]
    assert records == EXPECTED
    assert _strategies(doc) == [f"table 1 (page 1) read with the {strategy} strategy"]


@pytest.mark.parametrize("name", ["rules-between-rows", "three-rules", "shaded-header", "no-rules"])
def test_the_text_around_an_unruled_table_stays_text(name: str) -> None:
    doc = govreport.read(DATA / f"{name}.pdf")
    texts = [b.text for b in doc.blocks if isinstance(b, (Heading, Paragraph))]
    assert texts == [
        "某县某局2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "本年度共收到政府信息公开申请12件，均已按期答复。",
    ]


def test_a_shaded_header_row_is_the_header_of_the_table_below_not_a_table_of_its_own() -> None:
    doc = govreport.read(DATA / "shaded-header.pdf")
    table = doc.tables[0]
    assert table.header_rows == 1
    assert table.n_rows == 5


def test_a_framed_paragraph_is_a_paragraph_not_a_table() -> None:
    doc = govreport.read(DATA / "framed-paragraph.pdf")
    assert doc.tables == ()
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "说明：本表数据截至2023年12月31日，由本局办公室统计汇总。" in texts
    assert _strategies(doc) == []


def test_an_unruled_table_running_onto_the_next_page_is_one_table() -> None:
    doc = govreport.read(DATA / "no-rules-two-pages.pdf")
    assert len(doc.tables) == 1
    records = govreport.records(doc.tables[0])
    labels = [r.row[0] for r in records[::3]]
    assert labels == [f"第{k}项" for k in range(1, 46)]
    assert records[-1].text == str(45 % 7)
    continued = [d.message for d in doc.diagnostics if d.code == "pdf.table_continued"]
    assert len(continued) == 1 and "continues over pages" in continued[0]


def test_the_debug_drawing_shows_a_page_with_its_shading_and_cells(tmp_path: Path) -> None:
    from govreport.readers.pdf.debug import draw_debug

    out = tmp_path / "page.png"
    draw_debug(DATA / "shaded-header.pdf", 1, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="out of range"):
        draw_debug(DATA / "shaded-header.pdf", 2, out)
