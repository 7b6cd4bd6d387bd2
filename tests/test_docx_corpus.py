"""The docx reader on real and generated reports: exact spans, then records through the builder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport.model import Document, Heading
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


# The official header trees, written out from the format spec (§3.2, §4, §5),
# labels as the 2021 template prints them.
_RESULTS = "三、本年度办理结果"
T3_COLS = [
    ("申请人情况", "自然人"),
    *[
        ("申请人情况", "法人或其他组织", leaf)
        for leaf in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    ],
    ("申请人情况", "总计"),
]
T3_ROWS = [
    ("一、本年新收政府信息公开申请数量",),
    ("二、上年结转政府信息公开申请数量",),
    (_RESULTS, "（一）予以公开"),
    (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *[
        (_RESULTS, "（三）不予公开", leaf)
        for leaf in (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        )
    ],
    *[
        (_RESULTS, "（四）无法提供", leaf)
        for leaf in ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")
    ],
    *[
        (_RESULTS, "（五）不予处理", leaf)
        for leaf in (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        )
    ],
    *[
        (_RESULTS, "（六）其他处理", leaf)
        for leaf in (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        )
    ],
    (_RESULTS, "（七）总计"),
    ("四、结转下年度继续办理",),
]
_RESULT_COLS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_COLS = [
    *[("行政复议", leaf) for leaf in _RESULT_COLS],
    *[("行政诉讼", "未经复议直接起诉", leaf) for leaf in _RESULT_COLS],
    *[("行政诉讼", "复议后起诉", leaf) for leaf in _RESULT_COLS],
]
T2_RECORDS = [
    *[
        (("第二十条第（一）项", row), (col,))
        for row in ("规章", "行政规范性文件")
        for col in ("本年制发件数", "本年废止件数", "现行有效件数")
    ],
    (("第二十条第（五）项", "行政许可"), ("本年处理决定数量",)),
    (("第二十条第（六）项", "行政处罚"), ("本年处理决定数量",)),
    (("第二十条第（六）项", "行政强制"), ("本年处理决定数量",)),
    (("第二十条第（八）项", "行政事业性收费"), ("本年收费金额（单位：万元）",)),
]


def _in_order(paths: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return list(dict.fromkeys(paths))


@pytest.fixture(scope="module")
def template_doc() -> Document:
    from govreport.api import read

    return read(TEMPLATE)


def test_template_table_3_has_the_official_column_and_row_trees(template_doc: Document) -> None:
    from govreport.tables.paths import records

    t3 = template_doc.tables[1]
    assert (t3.n_rows, t3.n_cols, t3.header_rows, t3.header_cols) == (28, 10, 3, 3)
    recs = list(records(t3))
    assert _in_order([r.col for r in recs]) == T3_COLS
    assert _in_order([r.row for r in recs]) == T3_ROWS
    assert len(T3_ROWS) == 25
    assert sorted((r.row, r.col) for r in recs) == sorted((row, col) for row in T3_ROWS for col in T3_COLS)
    paths = {r.cell: (r.row, r.col) for r in recs}
    assert paths[(7, 4)] == (T3_ROWS[4], T3_COLS[1])  # 1.属于国家秘密 × 商业企业


def test_template_table_4_has_the_official_column_tree_and_no_row_labels(template_doc: Document) -> None:
    from govreport.tables.paths import records

    t4 = template_doc.tables[2]
    assert (t4.n_rows, t4.n_cols, t4.header_rows, t4.header_cols) == (4, 15, 3, 0)
    recs = list(records(t4))
    assert [r.col for r in recs] == T4_COLS
    assert {r.row for r in recs} == {()}


def test_template_table_2_has_the_official_blocks(template_doc: Document) -> None:
    from govreport.tables.paths import records

    assert sorted((r.row, r.col) for r in records(template_doc.tables[0])) == sorted(T2_RECORDS)


def test_blank_template_records_have_empty_texts(template_doc: Document) -> None:
    from govreport.tables.paths import records

    texts = {r.text for t in template_doc.tables for r in records(t)}
    assert texts == {""}


def _truth(docx: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((docx.parent / "truth.json").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def _truth_cells(table: dict) -> set[Slot]:  # type: ignore[type-arg]
    out: set[Slot] = set()
    for c in table.get("printed", table["cells"]):
        if isinstance(c, dict):
            out.add((c["row"], c["col"], c["row_span"], c["col_span"], squash(c["text"])))
        else:
            out.add((c[0], c[1], c[2], c[3], squash(c[5])))
    return out


def test_the_generated_corpus_has_its_sixty_docx_cases() -> None:
    assert len(GENERATED) >= 60, f"corpus/generated holds {len(GENERATED)} docx cases, not 60"


@pytest.mark.parametrize("docx", GENERATED, ids=lambda p: p.parent.name)
def test_generated_docx_cells_match_their_truth(docx: Path) -> None:
    truth = _truth(docx)
    tables = raw_tables(docx)
    assert len(tables) == len(truth["tables"])
    for raw, expected in zip(tables, truth["tables"]):
        assert (len(raw.rows), raw.n_cols) == (expected["n_rows"], expected["n_cols"])
        assert anchors(raw) == _truth_cells(expected)


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
