"""The compiled character loop (`govreport.readers.pdf._pdfium_chars`) gives
exactly the characters of the pure-Python loop it stands in for.

Both loops ask PDFium the same questions and do the same arithmetic in the
same order; the characters must match to the last bit (text, box, size,
font, colour, upright) on every corpus PDF, every hard page (rotated,
cropped, offset, Type3, fake bold, a CID font with no ToUnicode map) and on
text printed turned, slanted and mirrored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govreport.readers import ReadContext
from govreport.readers.pdf import source_pdfium
from govreport.readers.pdf.source import SourceChar

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "data" / "pdf"
sys.path.insert(0, str(ROOT / "corpus"))
sys.path.insert(0, str(HARD))

from make_hard_pdfs import _text, make_pdf, page_ops  # noqa: E402
from score import iter_corpus  # noqa: E402


def _pdfs() -> list[Path]:
    corpus = {path for _, path, _ in iter_corpus(ROOT / "corpus", "pdf")}
    real = set((ROOT / "corpus" / "real").glob("*.pdf"))
    hard = {p for p in HARD.glob("*.pdf") if "user-password" not in p.name}
    return sorted(corpus | real | hard)


def _chars_of(data: bytes, compiled: bool, monkeypatch: pytest.MonkeyPatch) -> list[list[SourceChar]]:
    """Every page's characters, read by the compiled loop or by the Python one."""
    if not compiled:
        monkeypatch.setattr(source_pdfium, "_read_chars", None)
    source = source_pdfium.PdfiumSource(data, ReadContext(name="x.pdf"))
    try:
        pages = []
        for i in range(len(source)):
            page = source._doc[i]
            try:
                pages.append(source_pdfium._page_facts(source._api, page, i + 1).chars)
            finally:
                page.close()
        return pages
    finally:
        source.close()
        monkeypatch.undo()


def _same_chars(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[list[SourceChar]]:
    fast = _chars_of(data, True, monkeypatch)
    slow = _chars_of(data, False, monkeypatch)
    assert [[tuple(c) for c in p] for p in fast] == [[tuple(c) for c in p] for p in slow]
    assert all(type(c) is SourceChar for p in fast for c in p)
    return fast


def test_the_compiled_loop_is_built_here() -> None:
    """`make test` installs the package with its compiled part: were the build
    to fail silently, only the Python loop would be tested and measured."""
    from govreport.readers.pdf import _pdfium_chars

    assert source_pdfium._read_chars is _pdfium_chars.read_chars


@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_both_loops_give_the_same_characters(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _same_chars(path.read_bytes(), monkeypatch)
    assert sum(map(len, pages)) > 0


def test_turned_slanted_and_mirrored_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Characters that are not upright go through the Python callback from the
    compiled loop; upright ones beside them are made in C."""
    turned = [
        "BT /F1 12 Tf 0 1 -1 0 300 300 Tm <6D4B8BD5> Tj ET\n",  # turned a quarter
        "BT /F1 12 Tf 1 0 0.3 1 100 200 Tm <659C4F53> Tj ET\n",  # slanted
        "BT /F2 12 Tf -1 0 0 1 400 150 Tm (12) Tj ET\n",  # mirrored
        _text("F2", 9, 72, 120, "3 4", False),  # upright, with a space PDFium keeps
    ]
    path = tmp_path / "turned.pdf"
    make_pdf(path, page_ops() + "".join(turned))
    (page,) = _same_chars(path.read_bytes(), monkeypatch)
    assert any(not c.upright for c in page)
    assert any(c.upright for c in page)


def test_bad_calls_are_refused_not_followed() -> None:
    """The compiled loop takes PDFium addresses from Python: a null one or a
    wrong shape is refused before anything is called."""
    from govreport.readers.pdf._pdfium_chars import read_chars

    api = source_pdfium._Api()
    t = (1.0, 0.0, 0.0, -1.0, 0.0, 842.0)
    args = (api.char_calls, t, {}, print, print, SourceChar, "\ufffd")
    with pytest.raises(ValueError, match="null text page"):
        read_chars(0, "一", *args)
    with pytest.raises(TypeError, match="7 PDFium function addresses"):
        read_chars(1, "一", api.char_calls[:3], *args[1:])
    with pytest.raises(ValueError, match="null PDFium function"):
        read_chars(1, "一", (0,) * 7, *args[1:])
    with pytest.raises(TypeError, match="tuple type"):
        read_chars(1, "一", *args[:5], dict, "\ufffd")
