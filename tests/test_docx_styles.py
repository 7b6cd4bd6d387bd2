"""Paragraph styles: read lazily from the styles part, resolved through basedOn,
and turned into heading levels, titles and numbering labels."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_docx_reader import NUMBERING, docx_bytes, p

from govreport.errors import ReadError
from govreport.model import Heading
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.docx import read_docx
from govreport.readers.docx.package import transitional
from govreport.readers.docx.styles import StyleIndex, Styles

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    ROOT / "corpus" / "real" / "template-2021-blank.docx",
    *sorted((ROOT / "corpus" / "generated" / "cases").glob("*/*.docx"))[:5],
]

STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val='21'/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
    "<w:style w:type='character' w:styleId='H2'><w:name w:val='not a paragraph style'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='H2'><w:name w:val='heading 2'/>"
    "<w:basedOn w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Sub'><w:name w:val='报告小节'/>"
    "<w:basedOn w:val='Lvl1'/><w:rPr><w:sz w:val='28'/></w:rPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Lvl1'><w:name w:val='大纲一级'/>"
    "<w:pPr><w:outlineLvl w:val='0'/><w:jc w:val='center'/></w:pPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='a&amp;b'><w:name w:val='amp'/>"
    "<w:pPr><w:outlineLvl w:val='2'/></w:pPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Loop1'><w:name w:val='loop'/><w:basedOn w:val='Loop2'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Loop2'><w:name w:val='loop'/><w:basedOn w:val='Loop1'/></w:style>"
)


def styles_part(inner: str = STYLES, root: str = f"<w:styles xmlns:w='{W_NS}'>") -> bytes:
    name = root[1:].split()[0].rstrip(">")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{root}{inner}</{name}>'.encode()


def facts_table(styles: Styles, ids: list[str]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for sid in ids:
        f = styles.facts(sid)
        out.append((sid, f.name, f.num_id, f.ilvl, f.outline, f.centered, f.size))
    return out


IDS = ["Normal", "H2", "Sub", "Lvl1", "a&b", "Loop1", "missing"]


def test_the_byte_scan_finds_paragraph_styles_only_and_the_default() -> None:
    index = StyleIndex.scan(styles_part())
    assert index is not None
    assert set(index.spans) == {"Normal", "H2", "Sub", "Lvl1", "a&b", "Loop1", "Loop2"}
    assert index.default_id == "Normal"


def test_styles_resolve_through_basedOn_and_survive_cycles() -> None:
    styles = Styles(styles_part())
    assert facts_table(styles, IDS) == [
        ("Normal", "Normal", None, None, None, False, None),
        ("H2", "heading 2", None, None, None, False, None),
        ("Sub", "报告小节", None, None, 0, True, 28),
        ("Lvl1", "大纲一级", None, None, 0, True, None),
        ("a&b", "amp", None, None, 2, False, None),
        ("Loop1", "loop", None, None, None, False, None),
        ("missing", "", None, None, None, False, None),
    ]
    assert styles.facts(None).name == "Normal"


def _with_comment(part: bytes) -> bytes:
    return part.replace(
        b"<w:style w:type='paragraph' w:styleId='Sub'>",
        b"<!-- c --><w:style w:type='paragraph' w:styleId='Sub'>",
    )


def _other_prefix(part: bytes) -> bytes:
    return part.replace(b"w:", b"x:").replace(b"xmlns:w=", b"xmlns:x=")


def _double_quotes(part: bytes) -> bytes:
    return part.replace(b"'", b'"')


def _gbk(part: bytes) -> bytes:
    return part.decode().replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk")


@pytest.mark.parametrize(
    ("variant", "scanned"),
    [(_other_prefix, True), (_double_quotes, True), (_with_comment, False), (_gbk, False)],
    ids=lambda v: getattr(v, "__name__", str(v)).strip("_"),
)
def test_every_way_of_reading_the_part_gives_the_same_styles(
    variant: Callable[[bytes], bytes], scanned: bool
) -> None:
    """Parts the scan can vouch for are scanned, the others parsed whole; same answers."""
    part = variant(styles_part())
    assert (StyleIndex.scan(part) is not None) is scanned
    assert facts_table(Styles(part), IDS) == facts_table(Styles(styles_part()), IDS)


def test_a_default_namespace_part_is_parsed_whole() -> None:
    part = styles_part(STYLES.replace("w:", ""), f"<styles xmlns='{W_NS}'>")
    assert StyleIndex.scan(part) is None
    assert Styles(part).default_id is None  # its attributes are in no namespace: not Word's


@pytest.mark.parametrize("docx", SAMPLES, ids=lambda p: p.stem)
def test_lazy_styles_equal_the_whole_parse_on_real_and_generated_reports(docx: Path) -> None:
    raw = transitional(zipfile.ZipFile(docx).read("word/styles.xml"))
    lazy = Styles(raw)
    whole = Styles(raw)
    whole._parse_whole(raw)
    assert lazy._index is not None
    ids = sorted(lazy._index.spans)
    assert ids == sorted(whole._elements)
    assert lazy.default_id == whole.default_id
    assert facts_table(lazy, ids) == facts_table(whole, ids)


def test_a_style_that_does_not_parse_is_an_error_only_when_used() -> None:
    broken = STYLES.replace("<w:name w:val='amp'/>", "<w:name w:val='amp'>")
    assert Styles(styles_part(broken)).facts("Lvl1").outline == 0
    with pytest.raises(ReadError, match=r"styles\.xml is not well-formed"):
        Styles(styles_part(broken)).facts("a&b")


def read_with_styles(body: str, **parts: str) -> ReaderOutput:
    return read_docx(docx_bytes(body, styles=STYLES, **parts), ReadContext("styles.docx"))


def headings(out: ReaderOutput) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in out.blocks if isinstance(b, Heading)]


def test_headings_from_style_names_style_outline_levels_and_their_bases() -> None:
    body = (
        p("工作要点", "<w:pStyle w:val='H2'/>")
        + p("大纲标题", "<w:pStyle w:val='Lvl1'/>")
        + p("继承的大纲标题", "<w:pStyle w:val='Sub'/>")
        + p("第三级", "<w:pStyle w:val='a&amp;b'/>")
        + p("普通段落，很长的文字。")
        + p("段落自己的大纲级别", "<w:pStyle w:val='H2'/><w:outlineLvl w:val='3'/>")
    )
    assert headings(read_with_styles(body)) == [
        (2, "工作要点"),
        (1, "大纲标题"),
        (1, "继承的大纲标题"),
        (3, "第三级"),
        (4, "段落自己的大纲级别"),
    ]


def test_a_centered_style_makes_a_title_before_the_first_section() -> None:
    title = p("某某县2023年政府信息公开工作年度报告", "<w:pStyle w:val='Lvl1'/>")
    out = read_with_styles(title + p("一、总体情况"))
    assert headings(out) == [(0, "某某县2023年政府信息公开工作年度报告"), (1, "一、总体情况")]


def test_numbering_given_by_a_style_labels_its_paragraphs() -> None:
    numbered_style = (
        "<w:style w:type='paragraph' w:styleId='Item'><w:name w:val='item'/><w:basedOn w:val='Normal'/>"
        "<w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
    )
    body = p("予以公开", "<w:pStyle w:val='Item'/>") + p("部分公开", "<w:pStyle w:val='Item'/>")
    out = read_docx(
        docx_bytes(body, styles=STYLES + numbered_style, numbering=NUMBERING), ReadContext("n.docx")
    )
    assert headings(out) == [(2, "（一）予以公开"), (2, "（二）部分公开")]
