"""The PDF reader on the generated corpus: records against the truth, and against the docx.

Every generated PDF (LibreOffice's rendering of the case's docx: tables cut by
page breaks, rows split across pages, repeated header rows, landscape
sections, narrow label columns) is scored the way `corpus/score.py` scores
it: each data cell a triple (row header path, column header path, printed
text), compared as multisets per document.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus"))

from score import Triple, doc_tables, iter_corpus, truth_tables  # noqa: E402

TARGET = 0.995


def _triples(doc: govreport.Document) -> Counter[Triple]:
    return sum(doc_tables(doc), Counter())


def _f1(tp: int, pred: int, gold: int) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 1.0


def _pdf_cases() -> Iterator[tuple[dict, Path, dict]]:
    return iter_corpus(ROOT / "corpus", "pdf")


@pytest.fixture(scope="module")
def pdf_reads() -> dict[Path, tuple[dict, dict, Counter[Triple]]]:
    """Each corpus PDF read once: its manifest entry, truth and predicted triples."""
    return {path: (entry, truth, _triples(govreport.read(path)))
            for entry, path, truth in _pdf_cases()}


def test_the_corpus_has_its_generated_pdfs(pdf_reads) -> None:  # type: ignore[no-untyped-def]
    # 40 cases are planned as PDFs; the generator leaves out the few whose PDF
    # LibreOffice printed with text missing (they cannot be scored against truth).
    generated = [p for p, (entry, _, _) in pdf_reads.items() if "real" not in entry.get("tags", [])]
    assert len(generated) >= 36


def test_pdf_records_match_the_truth_with_f1_at_least_0_995(pdf_reads) -> None:  # type: ignore[no-untyped-def]
    tp = pred = gold = 0
    worst: list[tuple[float, str]] = []
    for path, (_, truth, got) in pdf_reads.items():
        want = sum(truth_tables(truth), Counter())
        hit = sum((got & want).values())
        n_pred, n_gold = sum(got.values()), sum(want.values())
        tp, pred, gold = tp + hit, pred + n_pred, gold + n_gold
        worst.append((_f1(hit, n_pred, n_gold), path.name))
    f1 = _f1(tp, pred, gold)
    assert f1 >= TARGET, f"PDF F1 {f1:.4f}; worst: {sorted(worst)[:5]}"


def test_every_pdf_variant_reaches_the_target(pdf_reads) -> None:  # type: ignore[no-untyped-def]
    by_tag: dict[str, list[int]] = {}
    for _, (entry, truth, got) in pdf_reads.items():
        want = sum(truth_tables(truth), Counter())
        counts = (sum((got & want).values()), sum(got.values()), sum(want.values()))
        for tag in entry.get("tags", []):
            acc = by_tag.setdefault(tag, [0, 0, 0])
            for k in range(3):
                acc[k] += counts[k]
    low = {tag: round(_f1(*acc), 4) for tag, acc in by_tag.items() if _f1(*acc) < TARGET}
    assert not low, f"variants under {TARGET}: {low}"


def test_the_same_report_as_docx_and_as_pdf_gives_the_same_records(pdf_reads) -> None:  # type: ignore[no-untyped-def]
    tp = pred = gold = 0
    differ: list[str] = []
    for path, (entry, _, from_pdf) in pdf_reads.items():
        if entry["origin"] == "real":
            continue  # a real PDF has no docx twin
        docx = path.with_suffix(".docx")
        assert docx.is_file(), f"{path.name}: the generated PDF's docx is missing"
        from_docx = _triples(govreport.read(docx))
        hit = sum((from_pdf & from_docx).values())
        tp, pred, gold = tp + hit, pred + sum(from_pdf.values()), gold + sum(from_docx.values())
        if from_pdf != from_docx:
            differ.append(path.name)
    assert gold > 0
    f1 = _f1(tp, pred, gold)
    assert f1 >= TARGET, f"docx/PDF agreement F1 {f1:.4f}; differing: {differ}"


def _row_labels(path: Path, kind: str) -> list[tuple[str, ...]]:
    doc = govreport.read(path)
    table = next(t for t in doc.tables if t.kind == kind)
    seen: list[tuple[str, ...]] = []
    for rec in govreport.records(table):
        if not seen or seen[-1] != rec.row:
            seen.append(rec.row)
    return seen


PAGEBREAKS = ROOT / "tests" / "data" / "pdf" / "pagebreaks"


def test_a_row_cut_by_a_page_break_is_one_row_with_its_label_joined() -> None:
    # LibreOffice splits "5.属于三|类内部事务信息" and "3.要求提|供公开出版物"
    # over two pages, the values staying on the first.
    labels = [row[-1] for row in _row_labels(PAGEBREAKS / "row-cut-by-page-break.pdf", "applications")]
    assert labels[labels.index("5.属于三类内部事务信息") + 1] == "6.属于四类过程性信息"
    assert labels[labels.index("3.要求提供公开出版物") + 1] == "4.无正当理由大量反复申请"
    assert len(labels) == len(set(labels))


def test_a_caption_row_left_alone_at_the_foot_of_a_page_heads_the_table_it_begins() -> None:
    # The 第二十条第（六）项 caption row ends page 1, its table goes on on page 2.
    doc = govreport.read(PAGEBREAKS / "caption-alone-at-page-foot.pdf")
    rows = [{rec.row for rec in govreport.records(t)} for t in doc.tables]
    assert {("第二十条第（六）项", "行政处罚"), ("第二十条第（六）项", "行政强制")} in rows


def test_a_repeated_header_is_dropped_although_the_next_page_lacks_a_column_boundary() -> None:
    # The last page of table 3 holds only (七)合计 and 四、结转…, so its grid has
    # no boundary between the second and third label columns.
    doc = govreport.read(PAGEBREAKS / "repeated-header-on-narrower-grid.pdf")
    table = next(t for t in doc.tables if t.kind == "applications")
    assert table.header_rows == 3
    assert sum(1 for c in table.cells if c.text == "申请人情况") == 1
