"""What the scan reader does with a line once the model has read it: specks, dashes,
numerals, stops and seals, decided from the line's own ink (small synthetic inputs,
no model)."""

from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from govreport.readers.pdf.rulings import Rulings, Segment  # noqa: E402
from govreport.readers.scan.engine import CharReading, LineReading  # noqa: E402
from govreport.readers.scan.lines import (  # noqa: E402
    Line,
    bar_reading,
    clean,
    dash,
    end_colons,
    lone_noise,
    numerals,
    slash,
    value_specks,
)
from govreport.readers.scan.marks import find_seals, join_blots  # noqa: E402
from govreport.readers.scan.page import _attach_marks, _fill_gaps, _mark_kinds, _split_column  # noqa: E402
from govreport.readers.scan.widths import decide_widths  # noqa: E402

EM = 24.0  # the page's font size in pixels


def _reading(*chars: tuple[str, float]) -> LineReading:
    return LineReading(tuple(CharReading(t, x, 0.9) for t, x in chars))


def _chars(*chars: tuple[str, float]) -> list[CharReading]:
    return list(_reading(*chars).chars)


def _line(chars: list[CharReading], ink: np.ndarray, kind: str = "line") -> Line:
    h, w = ink.shape
    return Line(chars, (0.0, 0.0, float(w), float(h)), 0.0, float(h), ink, kind)


def _text(chars: list[CharReading]) -> str:
    return "".join(c.text for c in chars)


def test_marks_read_alone_from_specks_are_dropped_but_a_label_column_keeps_its_comma() -> None:
    ink = np.zeros((10, 10), bool)
    ink[4:7, 4:7] = True
    assert lone_noise(_line(_chars((":", 5.0)), ink))
    assert lone_noise(_line(_chars(("。", 5.0), ("：", 8.0)), ink))
    assert not lone_noise(_line(_chars(("、", 5.0)), ink, "column"))
    assert not lone_noise(_line(_chars(("-", 5.0)), ink))
    assert not lone_noise(_line(_chars(("0", 5.0)), ink))


def test_a_blot_read_alone_as_a_word_the_model_all_but_rules_out_is_a_speck() -> None:
    ink = np.zeros((10, 10), bool)
    ink[3:8, 3:8] = True
    doubted = [CharReading("福", 5.0, 0.05)]
    assert lone_noise(_line(doubted, ink, "mark"))
    assert not lone_noise(_line([CharReading("福", 5.0, 0.6)], ink, "mark"))  # read with some confidence
    assert not lone_noise(_line(doubted, ink, "column"))  # a label printed one character per line
    assert not lone_noise(_line(doubted, ink, "line"))  # found as text by the detector
    assert not lone_noise(_line([CharReading("1", 5.0, 0.05)], ink, "mark"))  # digits: the identities judge


def _label_ink(after: str) -> np.ndarray:
    """A 24-pixel line: one character's block, then a colon's two dots or one speck."""
    ink = np.zeros((24, 60), bool)
    ink[2:22, 2:22] = True
    if after == "colon":
        ink[6:9, 32:35] = True
        ink[15:18, 32:35] = True
    else:
        ink[10:13, 32:35] = True
    return ink


def test_a_colon_at_the_end_of_a_line_is_kept_only_where_its_ink_may_be_two_dots() -> None:
    chars = _chars(("项", 12.0), ("：", 34.0))
    assert _text(end_colons(chars, _label_ink("colon"))) == "项："
    assert _text(end_colons(chars, _label_ink("speck"))) == "项"
    leading = _chars(("：", 4.0), ("0", 40.0))
    ink = np.zeros((24, 60), bool)
    ink[10:13, 3:6] = True
    ink[2:22, 34:46] = True
    assert _text(end_colons(leading, ink)) == "0"


def _mark_ink(width: int, height: int) -> np.ndarray:
    ink = np.zeros((20, 30), bool)
    top = 10 - height // 2
    ink[top:top + height, 5:5 + width] = True
    return ink


def test_a_lone_thin_bar_is_a_dash_whatever_the_model_read_and_keeps_that_reading() -> None:
    box = (0.0, 0.0, 30.0, 20.0)
    got = bar_reading(_reading(("。", 8.0)), box, _mark_ink(7, 3), "mark", EM)
    assert [(c.text, c.alt) for c in got] == [("-", "。")]
    got = bar_reading(_reading(), box, _mark_ink(7, 3), "mark", EM)  # read as nothing at all
    assert _text(got) == "-"
    assert bar_reading(_reading(("。", 8.0)), box, _mark_ink(4, 4), "mark", EM) == []  # a blot
    assert bar_reading(_reading(("0", 8.0)), box, _mark_ink(7, 3), "mark", EM) == []  # a digit
    assert bar_reading(_reading(("、", 8.0)), box, _mark_ink(7, 3), "column", EM) == []


def test_a_speck_beside_a_bar_does_not_stop_it_being_a_dash_nor_make_it_longer() -> None:
    ink = _mark_ink(7, 3)
    ink[15:17, 14:16] = True  # a speck under the hyphen
    read = bar_reading(_reading(("。", 8.0)), (0.0, 0.0, 30.0, 20.0), ink, "mark", EM)
    assert _text(read) == "-"
    assert _text(dash(_line(read, ink, "mark"), EM).chars) == "-"
    long_bar = _mark_ink(20, 3)
    assert _text(dash(_line(_chars(("-", 15.0)), long_bar, "mark"), EM).chars) == "—"


def test_a_dot_of_the_scan_beside_a_bar_leaves_it_a_dash_but_a_second_bar_does_not() -> None:
    ink = _mark_ink(9, 2)
    ink[14:18, 20:24] = True  # a dot larger than a speck, shorter every way than a bar
    read = bar_reading(_reading((".", 8.0)), (0.0, 0.0, 30.0, 20.0), ink, "mark", EM)
    assert _text(read) == "-" and read[0].alt == "."
    ink[14:16, 16:25] = True  # a second bar: 二 or a stroke of a word, no dash
    assert bar_reading(_reading((".", 8.0)), (0.0, 0.0, 30.0, 20.0), ink, "mark", EM) == []


def test_a_blot_found_alone_and_read_as_a_dash_is_dropped_when_it_is_no_bar() -> None:
    ink = np.zeros((20, 30), bool)
    ink[8:11, 8:11] = True
    ink[11:14, 11:14] = True  # two specks touching: a blot as high as wide
    assert lone_noise(dash(_line(_chars(("-", 12.0)), ink, "mark"), EM))
    assert _text(dash(_line(_chars(("-", 12.0)), ink, "line"), EM).chars) == "-"


def _numeral_ink(strokes: int, bracket: bool = False) -> np.ndarray:
    """A line: an optional bracket, a numeral of `strokes` horizontal strokes, then 、."""
    ink = np.zeros((24, 80), bool)
    x = 0
    if bracket:
        ink[2:22, 8:10] = True
        x = 24
    for k in range(strokes):
        y = 3 + k * 8 if strokes > 1 else 11
        ink[y:y + 2, x + 2:x + 22] = True
    ink[18:21, x + 26:x + 29] = True
    return ink


@pytest.mark.parametrize(("strokes", "numeral"), [(1, "一"), (2, "二"), (3, "三")])
def test_a_numbering_read_as_dashes_is_the_numeral_its_strokes_count(strokes: int, numeral: str) -> None:
    read = _chars(*(("—", 12.0 + k) for k in range(min(strokes, 2))), ("、", 30.0), ("上", 60.0))
    got = numerals(read, _numeral_ink(strokes))
    assert _text(got) == numeral + "、上"
    assert got[0].alt == "—" * min(strokes, 2)
    bracketed = _chars(("（", 8.0), ("—", 36.0), ("）", 54.0))
    assert _text(numerals(bracketed, _numeral_ink(strokes, bracket=True))) == f"（{numeral}）"


def test_dashes_outside_a_numbering_stay_as_read() -> None:
    ink = _numeral_ink(1)
    assert _text(numerals(_chars(("“", 2.0), ("—", 12.0), ("”", 30.0)), ink)) == "“—”"
    assert _text(numerals(_chars(("—", 12.0), ("本", 40.0)), ink)) == "—本"
    assert _text(numerals(_chars(("上", 2.0), ("—", 12.0), ("、", 30.0)), ink)) == "上—、"
    blank = np.zeros((24, 80), bool)  # no stroke to count: left as read
    assert _text(numerals(_chars(("—", 12.0), ("、", 30.0)), blank)) == "—、"


def test_a_middle_dot_between_a_number_and_a_word_is_a_stop_elsewhere_a_speck() -> None:
    got = clean(_reading(("1", 4.0), ("·", 20.0), ("属", 40.0)))
    assert [(c.text, c.alt) for c in got] == [("1", None), (".", "·"), ("属", None)]
    assert _text(clean(_reading(("属", 4.0), ("·", 20.0), ("于", 40.0)))) == "属于"


def test_a_doubted_dash_after_a_number_is_a_speck_but_a_lone_dash_or_a_sure_one_stays() -> None:
    def read(*chars: tuple[str, float]) -> str:
        return _text(clean(LineReading(tuple(CharReading(t, 8.0 * k, p) for k, (t, p) in enumerate(chars)))))

    assert read(("0", 0.77), ("-", 0.25)) == "0"
    assert read(("1", 0.99), ("2", 0.99), ("-", 0.4)) == "12"
    assert read(("-", 0.25)) == "-"  # a value printed as a dash
    assert read(("0", 0.9), ("-", 0.95)) == "0-"  # read with confidence: left to the identities
    assert read(("-", 0.3), ("5", 0.99)) == "-5"  # before the number: a sign
    assert read(("-", 0.86), ("2", 0.99), ("-", 0.67)) == "-2-"  # a page number between dashes


def test_a_stop_too_faint_to_measure_takes_its_width_from_the_room_between_its_neighbours() -> None:
    ink = np.zeros((24, 150), bool)
    ink[4:22, 2:14] = True  # the digit
    ink[2:22, 44:66] = True  # the next character, a whole em further on
    texts, _ = decide_widths(["5", ".", "属"], [8.0, 30.0, 55.0], ink, EM)
    assert texts[1] == "．"
    near = np.zeros((24, 150), bool)
    near[4:22, 2:14] = True
    near[2:22, 22:44] = True  # right after it: a half-width stop
    texts, _ = decide_widths(["5", ".", "属"], [8.0, 17.0, 33.0], near, EM)
    assert texts[1] == "."


def test_a_seal_is_found_and_owns_its_own_grey_marks_not_the_black_text_under_it() -> None:
    page = np.full((600, 600), 240, np.uint8)
    cv2.circle(page, (300, 300), 120, 120, 6)
    cv2.rectangle(page, (220, 230), (236, 246), 120, 2)  # one of the seal's characters
    cv2.rectangle(page, (250, 330), (350, 350), 20, -1)  # printed text under the seal
    ink = page < 200
    seals = find_seals(page, ink, 2.0)  # 144 dpi: the ring is 4.3 cm across
    assert len(seals) == 1 and abs(seals[0].r - 123) < 6
    assert seals[0].owns((218.0, 228.0, 238.0, 248.0), page, ink)
    assert not seals[0].owns((248.0, 328.0, 352.0, 352.0), page, ink)
    assert not seals[0].owns((20.0, 20.0, 40.0, 40.0), page, ink)  # outside the ring


def _rulings(horizontal: tuple[Segment, ...] = (), vertical: tuple[Segment, ...] = ()) -> Rulings:
    return Rulings(1, horizontal, vertical)


def test_a_stroke_just_before_a_line_is_taken_into_it_but_not_a_speck_nor_across_a_ruling() -> None:
    line = ((100.0, 50.0, 300.0, 74.0), "line")
    stroke = (82.0, 60.0, 98.0, 63.0)
    boxes, left = _attach_marks([line], [stroke], _rulings(), 1.0)
    assert boxes[0][0] == (82.0, 50.0, 300.0, 74.0) and left == []
    speck = (94.0, 60.0, 97.0, 63.0)
    assert _attach_marks([line], [speck], _rulings(), 1.0) == ([line], [speck])
    ruled = _rulings(vertical=(Segment(False, 99.0, 0.0, 200.0),))
    assert _attach_marks([line], [stroke], ruled, 1.0) == ([line], [stroke])


def test_marks_stacked_on_a_label_printed_one_character_per_line_are_its_characters() -> None:
    column = [((60.0, 100.0, 80.0, 120.0), "column"), ((60.0, 124.0, 80.0, 144.0), "column")]
    comma = (66.0, 90.0, 70.0, 94.0)  # 、 just above the first character
    numeral = (61.0, 78.0, 79.0, 80.0)  # 一 above the 、
    value = (200.0, 100.0, 210.0, 102.0)  # a dash in a value cell
    assert _mark_kinds([numeral, comma, value], column, _rulings(), 1.0) == ["column", "column", "mark"]
    ruled = _rulings(horizontal=(Segment(True, 96.0, 0.0, 300.0),))
    assert _mark_kinds([numeral, comma], column, ruled, 1.0) == ["mark", "mark"]


def test_a_narrow_label_printed_two_characters_a_line_is_cut_line_by_line() -> None:
    ink = np.zeros((120, 60), bool)
    for k in range(4):  # four lines of two 20-pixel characters, 6 blank rows apart
        top = 5 + 26 * k
        ink[top:top + 20, 5:25] = True
        ink[top:top + 20, 29:49] = True
    pieces = _split_column((0.0, 0.0, 60.0, 120.0), ink)
    assert [(round(b[1]), round(b[3])) for b in pieces] == [(5, 25), (31, 51), (57, 77), (83, 103)]
    one = np.zeros((120, 40), bool)
    for k in range(4):  # one character a line, the second with a blank band inside (三)
        top = 5 + 26 * k
        one[top:top + 20, 5:25] = True
    one[40:43, 5:25] = False
    pieces = _split_column((0.0, 0.0, 40.0, 120.0), one)
    assert [(round(b[1]), round(b[3])) for b in pieces] == [(5, 25), (31, 51), (57, 77), (83, 103)]


def test_the_stacked_strokes_of_one_character_are_one_mark_but_a_speck_under_a_dash_is_not() -> None:
    upper, lower = (10.0, 10.0, 30.0, 13.0), (9.0, 22.0, 31.0, 25.0)  # 二: strokes 9 px apart
    comma = (33.0, 21.0, 37.0, 26.0)  # its 、, right beside it
    assert join_blots([upper, lower, comma], 3.0) == [(9.0, 10.0, 37.0, 26.0)]
    dash_, speck = (100.0, 50.0, 108.0, 53.0), (103.0, 60.0, 105.0, 62.0)
    assert join_blots([dash_, speck], 3.0) == [dash_, speck]  # no stroke: a speck, kept apart
    far = (9.0, 40.0, 31.0, 43.0)  # a stroke further down than its length: another mark
    assert join_blots([upper, far], 3.0) == sorted([upper, far])


class _OneReading:
    """A stand-in recogniser that reads every crop as the same line."""

    def __init__(self, *chars: tuple[str, float]) -> None:
        self.reading = LineReading(tuple(CharReading(t, 10.0, p) for t, p in chars))
        self.seen = 0

    def recognise(self, crops: list[np.ndarray]) -> list[LineReading]:
        self.seen += len(crops)
        return [self.reading] * len(crops)


def _skipped_line(left: str, right: str, blot: int = 6) -> tuple[Line, np.ndarray, np.ndarray]:
    """A line of three 23-pixel characters read as `left`, 用, `right` with the ink of a
    mark between the last two that the model skipped; the page it lies on."""
    page_ink = np.zeros((100, 200), bool)
    for a in (4, 29, 78):
        page_ink[20:43, 10 + a:10 + a + 23] = True
    page_ink[36:36 + blot, 10 + 63:10 + 63 + blot] = True
    erased = np.where(page_ink, 30, 240).astype(np.uint8)
    chars = _chars((left, 16.0), ("用", 40.0), (right, 89.0))
    line = Line(chars, (10.0, 17.0, 115.0, 46.0), 20.0, 43.0, page_ink[20:43, 10:115], "line")
    return line, erased, page_ink


def test_a_mark_the_model_skipped_between_two_words_is_read_alone_and_put_in_its_place() -> None:
    line, erased, ink = _skipped_line("费", "行")
    engine = _OneReading(("、", 0.49))
    got = _fill_gaps(engine, [line], erased, ink, 1.0)  # type: ignore[arg-type]
    assert _text(got[0].chars) == "费用、行" and engine.seen == 1


def test_nothing_is_put_in_a_gap_beside_a_number_nor_for_a_speck_nor_a_digit_or_a_doubtful_word() -> None:
    line, erased, ink = _skipped_line("1", "2")
    engine = _OneReading(("、", 0.9))
    assert _text(_fill_gaps(engine, [line], erased, ink, 1.0)[0].chars) == "1用2"  # type: ignore[arg-type]
    assert engine.seen == 0
    line, erased, ink = _skipped_line("费", "行", blot=2)
    assert _text(_fill_gaps(engine, [line], erased, ink, 1.0)[0].chars) == "费用行"  # type: ignore[arg-type]
    line, erased, ink = _skipped_line("费", "行")
    for reading in (("3", 0.99), ("合", 0.6)):
        assert _text(_fill_gaps(_OneReading(reading), [line], erased, ink, 1.0)[0].chars) == "费用行"  # type: ignore[arg-type]


def _stroke(slanted: bool) -> np.ndarray:
    """A 24-pixel stroke: a slash leaning right, or a 1 with its flag and foot."""
    ink = np.zeros((26, 14), bool)
    for y in range(1, 25):
        x = (12 - y // 2) if slanted else 6
        ink[y, x:x + 2] = True
    if not slanted:
        ink[1:4, 3:7] = True  # the flag
        ink[23:25, 3:11] = True  # the foot
    return ink


def test_a_lone_stroke_read_as_1_that_leans_like_a_slash_is_a_slash() -> None:
    got = slash(_line(_chars(("1", 7.0)), _stroke(True), "mark"), EM)
    assert [(c.text, c.alt) for c in got.chars] == [("/", "1")]
    assert _text(slash(_line(_chars(("1", 7.0)), _stroke(False), "mark"), EM).chars) == "1"
    specked = _stroke(True)
    specked[1:4, 0:3] = True  # a speck at the top left, apart from the stroke
    assert _text(slash(_line(_chars(("l", 7.0)), specked, "line"), EM).chars) == "/"
    assert _text(slash(_line(_chars(("7", 7.0)), _stroke(True), "mark"), EM).chars) == "7"
    assert _text(slash(_line(_chars(("1", 3.0), ("2", 9.0)), _stroke(True)), EM).chars) == "12"


def test_a_doubted_mark_above_or_below_a_value_is_a_speck_but_not_in_a_label() -> None:
    assert value_specks(["、", "0"], [0.69, 0.99]) == ["", "0"]
    assert value_specks(["1", "2", "，"], [0.99, 0.99, 0.5]) == ["1", "2", ""]
    assert value_specks(["、", "0"], [0.95, 0.99]) == ["、", "0"]  # read with confidence
    assert value_specks(["三", "、", "0"], [0.99, 0.6, 0.99]) == ["三", "、", "0"]  # no number alone
    assert value_specks(["、", "-"], [0.5, 0.9]) == ["、", "-"]  # a dash, no number
