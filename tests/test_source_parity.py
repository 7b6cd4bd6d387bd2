"""One report, every form it comes in, the same canonical values.

Each generated case is one report rendered as docx, PDF, flattened text, three
kinds of web page, Markdown and the PDF's ``pdftotext -layout`` text. Read
from any of them, the report layer must find the same value for every
canonical key as from the docx. Every fifth case with a PDF is checked (the
whole corpus is scored by ``corpus/score.py``). Scans are left to the scorer:
OCR is not exact, and a scan takes a minute to read.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import govreport

GENERATED = Path(__file__).resolve().parent.parent / "corpus" / "generated"
MANIFEST = json.loads((GENERATED / "manifest.json").read_text(encoding="utf-8"))
CASES = [f"g{i:04d}" for i in range(1, 41, 5)]
FORMS = [e for e in MANIFEST if e["case"] in CASES and e["format"] not in ("docx", "scan")
         and (e["format"] != "txt" or e["style"] == "seed")]
# Known gaps (strict: a fix makes these tests fail until the entry goes).
KNOWN: dict[str, str] = {}


@cache
def values(rel: str) -> dict[str, float | None]:
    doc = govreport.read(GENERATED / rel)
    assert doc.report is not None
    return dict(doc.report.values)


def _param(entry: dict[str, object]) -> object:
    name = Path(str(entry["file"])).name
    marks = [pytest.mark.xfail(reason=KNOWN[name], strict=True)] if name in KNOWN else []
    return pytest.param(entry["case"], entry["file"], marks=marks, id=name)


@pytest.mark.parametrize(("case", "rel"), [_param(e) for e in FORMS])
def test_every_form_of_a_report_gives_the_docx_values(case: str, rel: str) -> None:
    expected = values(f"cases/{case}/{case}.docx")
    got = values(rel)
    assert got.keys() == expected.keys()
    wrong = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert not wrong, f"{len(wrong)} value(s) differ from the docx, e.g. {next(iter(wrong.items()))}"


def test_every_checked_case_comes_in_every_form() -> None:
    forms = {(e["case"], e["format"], e["style"]) for e in FORMS}
    for case in CASES:
        kinds = {(f, s) for c, f, s in forms if c == case}
        assert {("pdf", None), ("layout", "pdftotext"), ("html", "editor"), ("html", "word"),
                ("html", "libreoffice"), ("txt", "seed")} <= kinds
        assert any(f == "md" for f, _ in kinds)
