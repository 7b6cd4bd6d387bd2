"""Labels read by OCR read again against the format's wording: only where the model's
doubts or runner-ups (or a bracket lost at a line's edge) make them an official
label, never a digit, never a label the page prints with a character missing
(small synthetic readings, no model)."""

from __future__ import annotations

import pytest

pytest.importorskip("cv2")

from govreport.model import Location
from govreport.readers import ReaderOutput
from govreport.readers.scan import ScanResult, cell_reading, read_cell
from govreport.readers.scan.labels import ReadChar, fragment_of, official_labels, reread_label
from govreport.readers.scan.page import OcrGlyph, ScannedPage
from govreport.tables.raw import RawCell, RawTable

SURE = 0.99


def _chars(text: str, doubted: dict[int, float] | None = None,
           alts: dict[int, str] | None = None, breaks: tuple[int, ...] = ()) -> list[ReadChar]:
    """`text` as read: character k doubted at probability doubted[k], with runner-up
    alts[k]; a printed line starts at 0 and at each index in `breaks`."""
    doubted, alts = doubted or {}, alts or {}
    starts = {0, *breaks}
    return [ReadChar(c, doubted.get(k, SURE), alts.get(k), k in starts, k + 1 in starts or k + 1 == len(text))
            for k, c in enumerate(text)]


def _reread(chars: list[ReadChar], text: str) -> str | None:
    found = reread_label(chars)
    return None if found is None else found.apply(text)


def test_the_labels_compared_with_are_the_formats_own() -> None:
    labels = official_labels()
    assert "（四）无法提供" in labels and "3.危及“三安全一稳定”" in labels
    assert all(not any(c.isspace() for c in label) for label in labels)


def test_a_bracket_lost_at_the_start_of_a_wrapped_label_is_put_back() -> None:
    printed = "四）无\n法提供"
    assert _reread(_chars("四）无法提供", breaks=(3,)), printed) == "（四）无\n法提供"


def test_a_runner_up_that_makes_the_label_official_is_read() -> None:
    read = "3.危及”三安全一稳定”"
    assert _reread(_chars(read, doubted={4: 0.35}, alts={4: "“"}), read) == "3.危及“三安全一稳定”"
    read = "三、本车度办理结果"
    assert _reread(_chars(read, alts={3: "年"}), read) == "三、本年度办理结果"


def test_a_doubted_character_and_the_bracket_beside_it_are_read_as_the_format_prints() -> None:
    read = "（二）部分公开（区分处理的，只计这一情形，不计其他情开"
    assert _reread(_chars(read, doubted={len(read) - 1: 0.38}), read) == \
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def test_the_width_printed_is_kept_where_the_reading_is_only_short_of_a_mark() -> None:
    assert _reread(_chars("四)无法提供"), "四)无法提供") == "（四)无法提供"


def test_a_confident_reading_is_not_changed_nor_a_label_missing_a_word_character() -> None:
    assert reread_label(_chars("三、本车度办理结果")) is None  # no doubt, no runner-up
    assert reread_label(_chars("4.保护第三方法权益")) is None  # printed with 合 dropped
    assert reread_label(_chars("4.保护第三方法权益", doubted={6: 0.4})) is None
    assert reread_label(_chars("（四）无法提供")) is None  # already the format's


def test_a_bracket_is_not_put_in_the_middle_of_a_confident_line() -> None:
    read = "（二）部分公开区分处理的，只计这一情形，不计其他情形）"
    assert reread_label(_chars(read)) is None


def test_a_digit_is_never_changed_to_reach_a_label() -> None:
    assert reread_label(_chars("9.属于行政查询事项", doubted={0: 0.3}, alts={0: "8"})) is None
    assert reread_label(_chars("18.属于行政查询事项", doubted={0: 0.3})) is None


def _glyph(text: str, x0: float, top: float, size: float, prob: float = SURE,
           alt: str | None = None) -> OcrGlyph:
    return OcrGlyph(text, x0, x0 + size, top, top + size, size, prob, alt, 0.3 if alt else 0.0)


def _wrapped(lines: list[tuple[str, float, float]], x0: float = 100.0) -> list[OcrGlyph]:
    """Glyphs of a label wrapped over lines (text, top, size), each line from x0."""
    return [_glyph(c, x0 + k * size, top, size) for text, top, size in lines for k, c in enumerate(text)]


def test_a_wrapped_cell_is_read_line_by_line_whatever_the_size_each_line_was_read_at() -> None:
    # lines read at 7.9 and 8.6 points: their centres divided by the size come out in
    # the wrong order, so lines must be told apart by their positions
    glyphs = [*_wrapped([("3.危", 372.0, 7.9)]), *_wrapped([("安全", 383.0, 8.6)]),
              _glyph("1", 130.0, 383.0, 8.6, 0.6, "7")]
    bbox = (95.0, 368.0, 180.0, 400.0)
    chars = read_cell(glyphs, bbox, "3.危\n安全1")[1]
    assert "".join(c.text for c in chars) == "3.危安全1"
    assert [c.line_start for c in chars] == [True, False, False, True, False, False]
    reading = cell_reading(glyphs, bbox, "3.危\n安全1")
    assert reading is not None and reading.alternatives == ("3.危安全7",)


def _scanned(glyphs: list[OcrGlyph]) -> ScannedPage:
    return ScannedPage(None, tuple(glyphs), 0.0, 1)  # type: ignore[arg-type]  # facts unused here


def test_ocr_cells_are_reread_before_the_builder_and_the_reading_is_named() -> None:
    glyphs = _wrapped([("四）无", 120.0, 8.0), ("法提供", 131.0, 8.0)])
    glyphs += _wrapped([("7", 120.0, 8.0)], x0=200.0)
    label = RawCell("四）无\n法提供", col=0, source=Location(page=4, bbox=(95.0, 115.0, 130.0, 145.0)))
    value = RawCell("7", col=1, source=Location(page=4, bbox=(195.0, 115.0, 215.0, 145.0)))
    out = ReaderOutput(blocks=[RawTable(((label, value),), spans_known=True)])
    ScanResult({4: _scanned(glyphs)}).annotate(out)
    table = out.blocks[0]
    assert isinstance(table, RawTable)
    assert [c.text for c in table.rows[0]] == ["（四）无\n法提供", "7"]
    notes = [d for d in out.diagnostics if d.code == "scan.label_reread"]
    assert len(notes) == 1 and notes[0].location == label.source
    assert "四）无法提供" in notes[0].message and "（四）无法提供" in notes[0].message
    assert "page 4" in notes[0].message
    assert label.source in out.readings and value.source in out.readings


def test_a_numbering_printed_in_another_style_stays_as_printed() -> None:
    read = "2、其他法律行政法规禁止公开"
    assert reread_label(_chars(read, doubted={1: 0.6}, alts={1: "."})) is None
    read = "3、危及“三安全一稳定”"
    assert reread_label(_chars(read, doubted={1: 0.6}, alts={1: "."})) is None
    read = "3、危及”三安全一稳定”"  # the quote is reread, the numbering's stop kept
    assert _reread(_chars(read, alts={1: ".", 4: "“"}), read) == "3、危及“三安全一稳定”"


def test_a_bracket_pair_wrapped_over_two_lines_of_a_cell_is_printed_at_one_width() -> None:
    glyphs = _wrapped([("卷（含", 700.0, 8.0)])
    glyphs += [_glyph(c, 100.0 + 8.0 * k, 711.0, 8.0) for k, c in enumerate("公开")]
    glyphs.append(OcrGlyph(")", 116.0, 120.0, 711.0, 719.0, 8.0, 0.98, None, 0.0, True))
    cell = RawCell("卷（含\n公开)", col=0, source=Location(page=2, bbox=(95.0, 695.0, 140.0, 725.0)))
    out = ReaderOutput(blocks=[RawTable(((cell,),), spans_known=True)])
    ScanResult({2: _scanned(glyphs)}).annotate(out)
    table = out.blocks[0]
    assert isinstance(table, RawTable) and table.rows[0][0].text == "卷（含\n公开）"


def test_a_fragment_of_the_official_label_beside_it_is_read_as_its_repeat() -> None:
    assert fragment_of("）合", "（七）合计")
    assert fragment_of("（二）部分公开（区分处理的，只计这一情形，不计其他情",
                       "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert not fragment_of("（三）不予公开", "4.保护第三方合法权益")  # parent and child
    assert not fragment_of("3.其他", "（六）其他处理")  # a label of its own
    assert not fragment_of("合计", "（七）合计")  # a label of its own
    assert not fragment_of("）合", "（七）合并")  # beside no label of the format
    assert not fragment_of("计", "（七）合计")  # one character says nothing


def test_a_repeated_label_read_short_in_a_narrow_cell_is_made_the_repeat() -> None:
    page = 5
    short = RawCell("）合", col=1, source=Location(page=page, bbox=(80.0, 10.0, 100.0, 40.0)))
    whole = RawCell("（七）合计", col=2, source=Location(page=page, bbox=(100.0, 10.0, 160.0, 40.0)))
    value = RawCell("16", col=3, source=Location(page=page, bbox=(160.0, 10.0, 190.0, 40.0)))
    child = RawCell("（三）不予公开", col=1, source=Location(page=page, bbox=(80.0, 40.0, 100.0, 70.0)))
    leaf = RawCell("4.保护第三方合法权益", col=2, source=Location(page=page, bbox=(100.0, 40.0, 160.0, 70.0)))
    out = ReaderOutput(blocks=[RawTable(((short, whole, value), (child, leaf)), spans_known=True)])
    ScanResult({page: _scanned([])}).annotate(out)
    table = out.blocks[0]
    assert isinstance(table, RawTable)
    assert [c.text for c in table.rows[0]] == ["（七）合计", "（七）合计", "16"]
    assert [c.text for c in table.rows[1]] == ["（三）不予公开", "4.保护第三方合法权益"]
    notes = [d for d in out.diagnostics if d.code == "scan.label_reread"]
    assert len(notes) == 1 and "）合" in notes[0].message and notes[0].location == short.source


def test_a_repeat_read_short_past_the_empty_cells_of_a_split_caption_is_made_the_repeat() -> None:
    page = 2
    box = (10.0, 10.0, 20.0, 20.0)
    row = (RawCell("第二十条第（八）项", col=0, source=Location(page=page, bbox=box)),
           RawCell("", col=1, source=Location(page=page, bbox=box)),
           RawCell("", col=2, source=Location(page=page, bbox=box)),
           RawCell("第二十条第（）项", col=3, source=Location(page=page, bbox=box)))
    out = ReaderOutput(blocks=[RawTable((row,), spans_known=True)])
    ScanResult({page: _scanned([])}).annotate(out)
    table = out.blocks[0]
    assert isinstance(table, RawTable)
    assert [c.text for c in table.rows[0]] == ["第二十条第（八）项", "", "", "第二十条第（八）项"]
