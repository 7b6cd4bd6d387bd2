"""The docx reader on real and generated reports: exact spans, then records through the builder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport.model import Heading
from govreport.readers import ReadContext
from govreport.readers.docx import read_docx
from govreport.tables.raw import RawTable
from govreport.textutil import squash

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "corpus" / "real" / "template-2021-blank.docx"
GENERATED = sorted((ROOT / "corpus" / "generated" / "cases").glob("*/*.docx"))

Slot = tuple[int, int | None, int | None, int | None, str]


def raw_tables(path: Path) -> list[RawTable]:
    out = read_docx(path.read_bytes(), ReadContext(path.name))
    return [b for b in out.blocks if isinstance(b, RawTable)]


def anchors(table: RawTable) -> set[Slot]:
    return {
        (r, c.col, c.row_span, c.col_span, squash(c.text)) for r, row in enumerate(table.rows) for c in row
    }


def test_template_tables_have_the_grid_sizes_their_xml_declares() -> None:
    tables = raw_tables(TEMPLATE)
    assert [(t.n_cols, len(t.rows)) for t in tables] == [(4, 14), (10, 28), (15, 4)]
    assert all(t.spans_known for t in tables)


def test_template_table_2_block_captions_span_the_full_width() -> None:
    t2 = raw_tables(TEMPLATE)[0]
    captions = [(r, row[0].text) for r, row in enumerate(t2.rows) if row[0].col_span == 4]
    assert captions == [
        (0, "第二十条第（一）项"),
        (4, "第二十条第（五）项"),
        (7, "第二十条第（六）项"),
        (11, "第二十条第（八）项"),
    ]
    assert (t2.rows[5][1].col, t2.rows[5][1].col_span, t2.rows[5][1].text) == (1, 3, "本年处理决定数量")


def test_template_table_3_header_and_label_merges() -> None:
    t3 = raw_tables(TEMPLATE)[1]
    got = anchors(t3)
    assert (0, 0, 3, 3, squash(t3.rows[0][0].text)) in got  # the 3x3 corner note
    assert "勾稽关系" in t3.rows[0][0].text
    for slot in [
        (0, 3, 1, 7, "申请人情况"),
        (1, 3, 2, 1, "自然人"),
        (1, 4, 1, 5, "法人或其他组织"),
        (1, 9, 2, 1, "总计"),
        (2, 4, 1, 1, "商业企业"),
        (3, 0, 1, 3, "一、本年新收政府信息公开申请数量"),
        (5, 0, 22, 1, "三、本年度办理结果"),
        (5, 1, 1, 2, "（一）予以公开"),
        (7, 1, 8, 1, "（三）不予公开"),
        (7, 2, 1, 1, "1.属于国家秘密"),
        (15, 1, 3, 1, "（四）无法提供"),
        (18, 1, 5, 1, "（五）不予处理"),
        (23, 1, 3, 1, "（六）其他处理"),
        (26, 1, 1, 2, "（七）总计"),
        (27, 0, 1, 3, "四、结转下年度继续办理"),
    ]:
        assert slot in got, slot
    # every data row holds its 7 value cells in columns 3..9
    for row in t3.rows[3:]:
        assert [c.col for c in row if c.col is not None and c.col >= 3] == list(range(3, 10))


def test_template_table_4_has_three_header_rows_over_15_value_columns() -> None:
    t4 = raw_tables(TEMPLATE)[2]
    assert [(c.col, c.row_span, c.col_span) for c in t4.rows[0]] == [(0, 1, 5), (5, 1, 10)]
    assert [(c.col, c.row_span, c.col_span) for c in t4.rows[1]] == [
        (0, 2, 1),
        (1, 2, 1),
        (2, 2, 1),
        (3, 2, 1),
        (4, 2, 1),
        (5, 1, 5),
        (10, 1, 5),
    ]
    assert [c.col for c in t4.rows[2]] == list(range(5, 15))
    assert [c.col for c in t4.rows[3]] == list(range(15))


def test_template_headings_and_title() -> None:
    out = read_docx(TEMPLATE.read_bytes(), ReadContext(TEMPLATE.name))
    headings = [(b.level, b.text) for b in out.blocks if isinstance(b, Heading)]
    assert headings[0] == (0, "政府信息公开工作年度报告格式模板")
    assert [h for h in headings if h[0] == 1] == [
        (1, "一、总体情况"),
        (1, "二、主动公开政府信息情况"),
        (1, "三、收到和处理政府信息公开申请情况"),
        (1, "四、政府信息公开行政复议、行政诉讼情况"),
        (1, "五、存在的主要问题及改进情况"),
        (1, "六、其他需要报告的事项"),
    ]


def test_template_header_paths_through_the_builder() -> None:
    from govreport.api import read
    from govreport.tables.paths import records

    doc = read(TEMPLATE)
    t3 = doc.tables[1]
    assert (t3.header_rows, t3.header_cols) == (3, 3)
    paths = {r.cell: (r.row, r.col) for r in records(t3)}
    assert paths[(7, 4)] == (
        ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
        ("申请人情况", "法人或其他组织", "商业企业"),
    )


def _truth(docx: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((docx.parent / "truth.json").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def _truth_cells(table: dict) -> set[Slot]:  # type: ignore[type-arg]
    out: set[Slot] = set()
    for c in table["cells"]:
        if isinstance(c, dict):
            out.add((c["row"], c["col"], c["row_span"], c["col_span"], squash(c["text"])))
        else:
            out.add((c[0], c[1], c[2], c[3], squash(c[5])))
    return out


@pytest.mark.skipif(not GENERATED, reason="corpus/generated has no docx cases yet")
@pytest.mark.parametrize("docx", GENERATED, ids=lambda p: p.parent.name)
def test_generated_docx_cells_match_their_truth(docx: Path) -> None:
    truth = _truth(docx)
    tables = raw_tables(docx)
    assert len(tables) == len(truth["tables"])
    for raw, expected in zip(tables, truth["tables"]):
        assert (len(raw.rows), raw.n_cols) == (expected["n_rows"], expected["n_cols"])
        assert anchors(raw) == _truth_cells(expected)


@pytest.mark.skipif(not GENERATED, reason="corpus/generated has no docx cases yet")
@pytest.mark.parametrize("docx", GENERATED, ids=lambda p: p.parent.name)
def test_generated_docx_records_match_their_truth(docx: Path) -> None:
    """Through the whole pipeline: every data cell's header paths and text."""
    from govreport.api import read
    from govreport.tables.paths import records

    truth = _truth(docx)
    doc = read(docx)
    got = [sorted((r.row, r.col, r.text) for r in records(t)) for t in doc.tables]
    expected = [
        sorted((tuple(r["row"]), tuple(r["col"]), r["text"]) for r in t["records"]) for t in truth["tables"]
    ]
    assert got == expected
