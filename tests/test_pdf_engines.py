"""Both PDF engines give the same document: PDFium (default) and pdfminer (pdfplumber).

Every PDF the corpus manifest lists, and every real PDF beside it, is read
with both engines; records, blocks and diagnostics (but the one naming the
engine) must be identical.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "corpus"))

from score import iter_corpus  # noqa: E402


def _corpus_pdfs() -> list[Path]:
    return sorted({path for _, path, _ in iter_corpus(ROOT / "corpus", "pdf")}
                  | set((ROOT / "corpus" / "real").glob("*.pdf")))


def summary(doc: govreport.Document) -> dict[str, Any]:
    """What a reader's user sees: every record, every block's text, every diagnostic."""
    return {
        "pages": doc.source.pages,
        "blocks": [(type(b).__name__, getattr(b, "level", None), getattr(b, "text", None),
                    b.source.page if b.source else None) for b in doc.blocks],
        "tables": [[(r.row, r.col, r.text, r.key, r.cell) for r in govreport.records(t)]
                   for t in doc.tables],
        "values": dict(doc.report.values) if doc.report else None,
        "cells": [[(c.row, c.col, c.row_span, c.col_span, c.text, c.role,
                    c.source.page if c.source else None) for c in t.cells] for t in doc.tables],
        "diagnostics": [(d.code, d.severity, d.message) for d in doc.diagnostics if d.code != "pdf.engine"],
    }


def test_the_corpus_lists_pdfs_including_the_real_hongze_report() -> None:
    names = [p.name for p in _corpus_pdfs()]
    assert "hongze-district-2023.pdf" in names
    assert len(names) >= 37  # the generated PDFs (a few left out by the generator) and the real one


@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_both_engines_give_identical_records_on_every_corpus_pdf(path: Path) -> None:
    fast = govreport.read(path)
    slow = govreport.read(path, options={"pdf_engine": "pdfplumber"})
    assert any(t for t in summary(fast)["tables"])
    assert summary(fast) == summary(slow)


def test_a_diagnostic_names_the_engine_that_read_the_pdf() -> None:
    sample = ROOT / "corpus/real/hongze-district-2023.pdf"
    for engine in ("pypdfium2", "pdfplumber"):
        doc = govreport.read(sample, options={"pdf_engine": engine})
        named = [d.message for d in doc.diagnostics if d.code == "pdf.engine"]
        assert named == [f"read with {engine}"]
    default = govreport.read(sample)
    assert [d.message for d in default.diagnostics if d.code == "pdf.engine"] == ["read with pypdfium2"]


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="pdf_engine"):
        govreport.read(ROOT / "corpus/real/hongze-district-2023.pdf", options={"pdf_engine": "mupdf"})


def test_the_command_line_chooses_the_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = ROOT / "corpus/real/hongze-district-2023.pdf"
    out = tmp_path / "h.json"
    assert main(["convert", str(sample), "--pdf-engine", "pdfplumber", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [d["message"] for d in doc["diagnostics"] if d["code"] == "pdf.engine"] == ["read with pdfplumber"]
    assert main(["convert", str(sample), "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [d["message"] for d in doc["diagnostics"] if d["code"] == "pdf.engine"] == ["read with pypdfium2"]
    with pytest.raises(SystemExit):
        main(["show", str(sample), "--pdf-engine", "mupdf"])
    capsys.readouterr()
