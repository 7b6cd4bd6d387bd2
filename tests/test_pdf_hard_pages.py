"""Hard pages, on both PDF engines: the page looks the same, the PDF says it differently.

The PDFs are written by `tests/data/pdf/make_hard_pdfs.py` (see there): a
short report page with a ruled table, stored turned with a /Rotate, on an
offset media box, under a crop box, with Type3 digits, with fake-bold
labels, and with a paragraph in a CID font that maps to no Unicode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import govreport

DATA = Path(__file__).resolve().parent / "data" / "pdf"
sys.path.insert(0, str(Path(__file__).resolve().parent))

sys.path.insert(0, str(DATA))

from make_hard_pdfs import DASH_FONT, dash_ops, make_pdf, page_ops  # noqa: E402
from test_pdf_engines import summary  # noqa: E402

ENGINES = ("pypdfium2", "pdfplumber")
SAME_AS_PLAIN = ["rotated-90", "rotated-180", "rotated-270", "offset-mediabox", "cropped",
                 "type3-digits", "fake-bold"]


def _read(name: str, engine: str) -> govreport.Document:
    return govreport.read(DATA / f"{name}.pdf", options={"pdf_engine": engine})


@pytest.mark.parametrize("engine", ENGINES)
def test_the_plain_page_reads_its_title_paragraphs_and_table(engine: str) -> None:
    doc = _read("plain", engine)
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert texts[0] == "测试区2023年政府信息公开工作年度报告"
    assert "本年度共收到政府信息公开申请十二件，均已按期答复。" in texts
    (table,) = doc.tables
    got = {(r.row, r.col, r.text) for r in govreport.records(table)}
    assert got == {
        (("规章",), ("本年新制作数量",), "5"), (("规章",), ("本年新公开数量",), "0"),
        (("规范性文件",), ("本年新制作数量",), "12"), (("规范性文件",), ("本年新公开数量",), "3"),
    }


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SAME_AS_PLAIN)
def test_a_page_that_looks_like_the_plain_one_reads_like_it(name: str, engine: str) -> None:
    plain = summary(_read("plain", engine))
    got = summary(_read(name, engine))
    assert got["blocks"] == plain["blocks"]
    assert got["tables"] == plain["tables"]
    assert [d for d in got["diagnostics"] if d[0].startswith("pdf.")] == \
        [d for d in plain["diagnostics"] if d[0].startswith("pdf.")]


@pytest.mark.parametrize("engine", ENGINES)
def test_text_outside_the_crop_box_is_not_read(engine: str) -> None:
    doc = _read("cropped", engine)
    assert not any("裁剪框" in getattr(b, "text", "") for b in doc.blocks)


@pytest.mark.parametrize("engine", ENGINES)
def test_fake_bold_labels_are_read_once(engine: str) -> None:
    doc = _read("fake-bold", engine)
    labels = [c.text for c in doc.tables[0].cells if c.col == 0]
    assert labels == ["信息内容", "规章", "规范性文件"]


def test_type3_digits_named_only_by_their_encoding_are_read_as_digits_and_say_how() -> None:
    doc = _read("type3-digits", "pypdfium2")
    assert [c.text for c in doc.tables[0].cells if c.row == 2] == ["规范性文件", "12", "3"]
    engine = [d.message for d in doc.diagnostics if d.code == "pdf.engine"]
    assert engine == ["read with pypdfium2; page(s) 1 with pdfplumber (glyphs PDFium maps to no Unicode)"]
    assert not [d for d in doc.diagnostics if d.code == "pdf.unmapped_glyphs"]


@pytest.mark.parametrize("engine", ENGINES)
def test_glyphs_of_a_cid_font_without_tounicode_are_flagged_never_passed_off_as_text(engine: str) -> None:
    doc = _read("cid-no-tounicode", engine)
    (warning,) = [d for d in doc.diagnostics if d.code == "pdf.unmapped_glyphs"]
    assert warning.severity == "warning" and warning.location is not None and warning.location.page == 1
    assert "4 character(s)" in warning.message
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert "\ufffd" * 4 in texts
    # the glyph codes 0x4E00… would read as 一丁七万: never
    assert not any(ch in t for t in texts for ch in "丁七万")
    # the rest of the page is read as usual
    assert summary(doc)["tables"] == summary(_read("plain", engine))["tables"]


def test_the_generator_writes_small_pdfs() -> None:
    sizes = [p.stat().st_size for p in DATA.glob("*.pdf")
             if p.stem in [*SAME_AS_PLAIN, "plain", "cid-no-tounicode"]]
    assert len(sizes) == 9 and max(sizes) < 8000


def test_a_long_pdf_is_read_whole_while_pdfium_is_opened_afresh_along_the_way(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from govreport.readers.pdf.source_pdfium import REOPEN_PAGES

    plain = pdfium.PdfDocument(str(DATA / "plain.pdf"))
    long_doc = pdfium.PdfDocument.new()
    for _ in range(2 * REOPEN_PAGES + 5):
        long_doc.import_pages(plain)
    long_doc.save(str(tmp_path / "long.pdf"))
    doc = govreport.read(tmp_path / "long.pdf")
    one = summary(_read("plain", "pypdfium2"))["tables"][0]
    got = summary(doc)["tables"]
    assert len(got) == 2 * REOPEN_PAGES + 5
    assert all(t == one for t in got)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_glyph_that_prints_two_characters_is_read_as_both(engine: str, tmp_path: Path) -> None:
    """LibreOffice prints ``——`` as one glyph whose Unicode is two dashes. PDFium
    lists the two with the glyph's one box, which read as the first dash
    printed twice (fake bold) and lost the second; pdfminer gives one character.
    Both engines now read the glyph's two dashes, and a fake-bold copy of it once."""
    path = tmp_path / "dashes.pdf"
    make_pdf(path, page_ops() + dash_ops(), fonts={"F5": DASH_FONT})
    doc = govreport.read(path, options={"pdf_engine": engine})
    dashes = [b.text for b in doc.blocks if "—" in getattr(b, "text", "")]
    assert dashes == ["————"]  # the glyph's two, then glyph 2 twice
