"""The compiled loops (`govreport.readers.pdf._pdfium`) give exactly
the characters, lines and rectangles of the pure-Python loops they stand in for.

Both ask PDFium the same questions and do the same arithmetic in the same
order; the characters must match to the last bit (text, box, size, font,
colour, upright), and so must the lines and rectangles (kind, box, paint,
colours) and the count of images, on every corpus PDF, every hard page
(rotated, cropped, offset, Type3, fake bold, a CID font with no ToUnicode
map), on text printed turned, slanted and mirrored, and on paths drawn in
nested form XObjects: curves, open and closed rectangles, on turned pages.
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.readers import ReadContext
from govreport.readers.pdf import source_pdfium
from govreport.readers.pdf.source import SourceChar, SourcePage, SourcePath

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "data" / "pdf"
sys.path.insert(0, str(ROOT / "corpus"))
sys.path.insert(0, str(HARD))

from make_hard_pdfs import DASH_FONT, H, W, _text, _Writer, dash_ops, make_pdf, page_ops  # noqa: E402
from score import iter_corpus  # noqa: E402


def _pdfs() -> list[Path]:
    corpus = {path for _, path, _ in iter_corpus(ROOT / "corpus", "pdf")}
    real = set((ROOT / "corpus" / "real").glob("*.pdf"))
    hard = {p for p in HARD.glob("*.pdf") if "user-password" not in p.name}
    return sorted(corpus | real | hard)


def _pages_of(data: bytes, compiled: bool, monkeypatch: pytest.MonkeyPatch) -> list[SourcePage]:
    """Every page's facts, read by the compiled loops or by the Python ones."""
    if not compiled:
        monkeypatch.setattr(source_pdfium, "_read_chars", None)
        monkeypatch.setattr(source_pdfium, "_read_paths", None)
    source = source_pdfium.PdfiumSource(data, ReadContext(name="x.pdf"))
    try:
        pages = []
        for i in range(len(source)):
            page = source._doc[i]
            try:
                pages.append(source_pdfium._page_facts(source._api, page, i + 1))
            finally:
                page.close()
        return pages
    finally:
        source.close()
        monkeypatch.undo()


def _bits(items: list[SourceChar] | list[SourcePath]) -> list[str]:
    """Each item's fields to the last bit (repr tells -0.0 from 0.0, and shows a NaN)."""
    return [repr(tuple(item)) for item in items]


def _same_facts(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[SourcePage]:
    fast = _pages_of(data, True, monkeypatch)
    slow = _pages_of(data, False, monkeypatch)
    assert [_bits(p.chars) for p in fast] == [_bits(p.chars) for p in slow]
    assert [_bits(p.paths) for p in fast] == [_bits(p.paths) for p in slow]
    assert [p.n_images for p in fast] == [p.n_images for p in slow]
    assert all(type(c) is SourceChar for p in fast for c in p.chars)
    assert all(type(c) is SourcePath for p in fast for c in p.paths)
    return fast


def test_the_compiled_loops_are_built_here() -> None:
    """`make test` installs the package with its compiled part: were the build
    to fail silently, only the Python loops would be tested and measured."""
    from govreport.readers.pdf import _pdfium

    assert source_pdfium._read_chars is _pdfium.read_chars
    assert source_pdfium._read_paths is _pdfium.read_paths


@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_both_loops_give_the_same_page_facts(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _same_facts(path.read_bytes(), monkeypatch)
    assert sum(len(p.chars) for p in pages) > 0


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
    (page,) = _same_facts(path.read_bytes(), monkeypatch)
    assert any(not c.upright for c in page.chars)
    assert any(c.upright for c in page.chars)


def test_a_glyph_that_prints_two_characters_is_one_character(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium gives each character of such a glyph with the glyph's box, one after
    the other in one text object: both loops join them into one character."""
    path = tmp_path / "dashes.pdf"
    make_pdf(path, page_ops() + dash_ops(), fonts={"F5": DASH_FONT})
    (page,) = _same_facts(path.read_bytes(), monkeypatch)
    assert [c.text for c in page.chars if "—" in c.text] == ["——", "—", "—"]


def test_bad_calls_are_refused_not_followed() -> None:
    """The compiled loop takes PDFium addresses from Python: a null one or a
    wrong shape is refused before anything is called."""
    from govreport.readers.pdf._pdfium import read_chars

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


# every kind of subpath the path rules tell apart, stroked in the colour `{rgb}`
SHAPES = """0.6 w {rgb} RG 1 0.5 0 rg
10 10 m 200 10 l S
10 20 m 200 20 l h S
10 30 m 200 30 l 10 30 l h S
10.3 40.7 180.1 20.9 re f
10 70 m 190 70 l 190 90 l 10 90 l h B
10 100 m 190 100 l 190 120 l 10 120 l 10 100 l S
10 100 m 190 100 l 190 120 l 10 120 l 10 100.0004 l h S
10 130 m 190 130 l 190 150 l 10 150 l S
10 160 m 100 200 150 120 190 160 c S
10 170 m 190 170 l 100 230 190 200 v h f
10 240 m 100 250 l 190 240 l h S
20 260 m 180 280 l 30 270 m 170 270 l S
10 290 m 190 290 l 190 310 l 10 310 l h 20 295 m 180 300 y S
10 320 180 0.5 re n
0 0 1 rg 10 330 m 190 335 l 185 355 l 5 350 l h f
0.5 g 10 360 180 10 re f*
10 380 m 190 380 l 10 380.0005 l h S
"""
PAGE_RGB, OUTER_RGB, INNER_RGB, CHAIN_RGB = "0 0 0", "1 0 0", "0 0 1", "0 1 0"


def _forms_pdf(path: Path) -> None:
    """Four pages (turned 0, 90, 180, 270, one cropped) drawing SHAPES on the
    page, in a form XObject and in a form within it (each with its own
    matrix, the inner one turned a quarter), an image on the page and one in
    the inner form, and a chain of nested forms deeper than MAX_FORM_DEPTH
    each turned and drawing one line."""
    w = _Writer()
    image = w.stream("\x80", " /Type /XObject /Subtype /Image /Width 1 /Height 1 "
                             "/ColorSpace /DeviceGray /BitsPerComponent 8")

    def form(ops: str, matrix: str, xobjects: str = "") -> int:
        return w.stream(ops, f" /Type /XObject /Subtype /Form /BBox [-1000 -1000 2000 2000]"
                             f" /Matrix [{matrix}] /Resources << /XObject << {xobjects} >> >>")

    inner = form(SHAPES.format(rgb=INNER_RGB) + "q 30 0 0 20 40 50 cm /Im Do Q\n", "0 1 -1 0 400.25 -3.3",
                 f"/Im {image} 0 R")
    outer = form(SHAPES.format(rgb=OUTER_RGB) + "q 1.5 0 0 0.75 3.1 7.7 cm /In Do Q\n",
                 "0.8 -0.6 0.6 0.8 10.1 20.3", f"/In {inner} 0 R")
    link = 0
    for _ in range(source_pdfium.MAX_FORM_DEPTH + 2):
        xobjects = f"/Ch {link} 0 R" if link else ""
        ops = f"q 1.1 0.2 -0.3 0.9 3.3 4.4 cm {CHAIN_RGB} RG 5 5 m 60 5 l S Q\n"
        link = form(ops + ("/Ch Do\n" if link else ""), "0.8 0.6 -0.6 0.8 0.1 0.2", xobjects)
    content = w.stream(SHAPES.format(rgb=PAGE_RGB) + "q 0.48 0.42 -0.36 0.56 30.5 40.25 cm /Fo Do Q\n"
                       "q 20 0 0 10 500 700 cm /Im Do Q\n/Ch Do\n")
    resources = f"<< /XObject << /Fo {outer} 0 R /Im {image} 0 R /Ch {link} 0 R >> >>"
    pages_ref = len(w.objects) + 5
    kids = []
    for rotate, crop in ((0, ""), (90, " /CropBox [20 30 500 800]"), (180, ""), (270, "")):
        kids.append(w.add(f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {W:g} {H:g}]{crop} "
                          f"/Rotate {rotate} /Resources {resources} /Contents {content} 0 R >>"))
    w.add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count 4 >>")
    w.write(path, w.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R >>"))


def test_paths_in_nested_forms_on_turned_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines and rectangles drawn on the page and in forms within forms, each
    with its own matrix, come out the same from both loops; so do images."""
    path = tmp_path / "forms.pdf"
    _forms_pdf(path)
    pages = _same_facts(path.read_bytes(), monkeypatch)
    assert [p.rotation for p in pages] == [0, 90, 180, 270]
    for page in pages:
        assert page.n_images == 2
        for rgb in (PAGE_RGB, OUTER_RGB, INNER_RGB):
            color = tuple(float(v) for v in rgb.split())
            drawn = [p for p in page.paths if p.stroke_color == color]
            assert {p.rect for p in drawn} == {True, False}
        chain = tuple(float(v) for v in CHAIN_RGB.split())
        assert sum(p.stroke_color == chain for p in page.paths) == source_pdfium.MAX_FORM_DEPTH


def test_bad_path_calls_are_refused_not_followed() -> None:
    """The compiled path loop takes PDFium addresses from Python: a null page
    or function, or arguments of the wrong shape, are refused before
    anything is called."""
    from govreport.readers.pdf._pdfium import read_paths

    calls = source_pdfium._Api().path_calls
    t = (1.0, 0.0, 0.0, -1.0, 0.0, 842.0)
    with pytest.raises(ValueError, match="null page"):
        read_paths(0, calls, t, SourcePath, 12)
    with pytest.raises(TypeError, match="14 PDFium function addresses"):
        read_paths(1, calls[:13], t, SourcePath, 12)
    with pytest.raises(ValueError, match="null PDFium function"):
        read_paths(1, (0,) * 14, t, SourcePath, 12)
    with pytest.raises(TypeError, match="tuple type"):
        read_paths(1, calls, t, dict, 12)
    with pytest.raises(TypeError):
        read_paths(1, calls, t[:5], SourcePath, 12)
    with pytest.raises(TypeError):
        read_paths(None, calls, t, SourcePath, 12)


def test_a_whole_report_reads_the_same_without_the_compiled_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the module could not be built, a report converts to the same document."""
    import govreport
    from govreport.writers.json import dumps

    path = ROOT / "corpus" / "real" / "hongze-district-2023.pdf"
    compiled = dumps(govreport.read(path))
    monkeypatch.setattr(source_pdfium, "_read_chars", None)
    monkeypatch.setattr(source_pdfium, "_read_paths", None)
    assert dumps(govreport.read(path)) == compiled


_UNITS = st.lists(
    st.one_of(st.integers(0xD800, 0xDFFF), st.integers(0, 0xFFFF), st.sampled_from([0xD842, 0xDFB7])),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_UNITS)
def test_a_page_text_with_characters_outside_the_bmp_is_split_like_its_units(units: list[int]) -> None:
    """The quick split of a page's decoded text (pairs joined by the codec, lone
    halves kept) gives each character index the text the unit-by-unit rule gives."""
    text = bytes(memoryview(array("H", units)).cast("B")).decode("utf-16-le", "surrogatepass")
    quick = source_pdfium._astral_texts(text, len(units))
    assert quick == source_pdfium._unit_texts(units)
    assert quick is not None and len(quick) == len(units)


def test_a_page_text_split_that_does_not_come_out_even_is_refused() -> None:
    assert source_pdfium._astral_texts("\U00020bb7", 3) is None
