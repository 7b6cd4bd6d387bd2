"""One report, two formats, the same records: each generated docx against its seed-style text.

The generated corpus renders every case as a docx (real merges) and as flattened
seed-style text (`manifest.json` entries with ``"style": "seed"``, two encodings
per case). Whatever route a table takes (exact spans from the docx, spans
rebuilt from the text), every data cell must come out with the same row path,
column path and printed text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import govreport
from govreport.tables.paths import records

GENERATED = Path(__file__).resolve().parent.parent / "corpus" / "generated"
Records = list[list[tuple[tuple[str, ...], tuple[str, ...], str]]]


def _manifest() -> list[dict[str, object]]:
    manifest: list[dict[str, object]] = json.loads((GENERATED / "manifest.json").read_text(encoding="utf-8"))
    return manifest


MANIFEST = _manifest()
DOCX = {str(e["case"]): str(e["file"]) for e in MANIFEST if e["format"] == "docx"}
SEEDS = [e for e in MANIFEST if e["style"] == "seed" and e["case"] in DOCX]
PAIRS = [(DOCX[str(e["case"])], str(e["file"])) for e in SEEDS]


@cache
def records_of(rel_path: str) -> Records:
    doc = govreport.read(GENERATED / rel_path)
    return [[(r.row, r.col, r.text) for r in records(t)] for t in doc.tables]


def test_every_generated_docx_has_two_seed_texts_to_compare_with() -> None:
    assert len(DOCX) >= 60
    seeds_per_docx = {docx: 0 for docx in DOCX.values()}
    for docx, _ in PAIRS:
        seeds_per_docx[docx] += 1
    assert set(seeds_per_docx.values()) == {2}


@pytest.mark.parametrize(("docx", "seed"), PAIRS, ids=[Path(s).name for _, s in PAIRS])
def test_docx_and_seed_text_of_one_report_give_the_same_records(docx: str, seed: str) -> None:
    from_docx = records_of(docx)
    from_text = records_of(seed)
    assert [len(t) for t in from_docx] == [len(t) for t in from_text]
    for index, (a, b) in enumerate(zip(from_docx, from_text)):
        first = next(((x, y) for x, y in zip(a, b) if x != y), None)
        assert a == b, f"table {index}: first difference (docx, text) {first}"
