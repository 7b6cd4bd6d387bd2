"""The text of one line read by OCR, cleaned of what specks and the model's habits
put in it, from the line's own ink (never from what the report is expected to say).

A speck beside the text or in a blank cell is read as a stop, a colon or a
quote; it is dropped when nothing but such marks stands alone, and a colon at
a line's end whose ink is one blot is a speck. A short hyphen left for an
empty value may be read as a stop, or dropped as a speck: a lone thin bar is a
dash, ``-`` or ``—`` by its length. Where a label is numbered (``一、``, ``（二）``)
the model reads the numeral's strokes as dashes: they are counted instead. A
numbering stop read as a middle dot (``1·属于``) is a stop. A lone stroke read
as ``1`` that leans like a slash is ``/``. Every character
changed keeps what the model read as its runner-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from govreport.readers.pdf.text import is_cjk
from govreport.readers.scan.engine import SPECK_MARKS, VALUE_CHARS, CharReading, LineReading
from govreport.readers.scan.widths import ink_runs

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (pixels)
NOISE = SPECK_MARKS  # marks a speck of dirt is read as; reports do not print them
FAINT_NOISE = frozenset("'‘’.,:：;；")  # read from specks too, and dropped when the model doubts them
FAINT = 0.85
LONE_WORD_PROB = 0.2  # a blot read alone as a word character below this is a speck
LONE_NOISE = frozenset(":：;；。.,，'‘’\"“”·")  # marks no cell prints alone: read from a speck
BAR_LENGTH = 0.2  # em: a lone mark this long, twice as long as thick, and thin is a dash
BAR_THICK = 0.25  # em (the model may read a short hyphen as a stop or a speck's mark)
COLONS = frozenset(":：;；")
NUMERAL_DASHES = frozenset("-—－一‐–―ー_")  # what 一, 二 and 三 are read as where labels are numbered
STROKE_EM = 0.4  # em: a horizontal stroke of a numeral is at least this long
NEIGHBOUR_EM = 0.5  # em: the ink this far right of a character's centre is still its own
UPRIGHT = frozenset("1lI|")  # what a lone slash is read as
SLANT = 0.12  # heights: a stroke whose top stands this far right of its bottom leans as / does
SPECK_EM = 0.15  # em: a blot no larger than this beside a lone mark is a speck
DASHES = frozenset("-—－一‐–_~")  # a cell printing only a dash: hyphen or em dash by its length


@dataclass(slots=True)
class Line:
    """A line read, before its glyphs are placed: what `_line_glyphs` needs."""

    chars: list[CharReading]
    box: Box
    ink_top: float
    ink_bottom: float
    ink: np.ndarray
    kind: str = "line"  # or "column": a character of a label printed one per line; "mark"

    @property
    def em(self) -> float:
        em = max(self.ink_bottom - self.ink_top, 1.0)
        if not any(is_cjk(c.text) for c in self.chars):
            em /= 0.75  # digits and Latin letters fill about three quarters of the font size
        return em


def clean(reading: LineReading) -> list[CharReading]:
    """The characters of a line without the marks specks are read as; a middle dot
    between a number and a word is the numbering's stop (its width is decided
    later, from the room it takes). A number does not end with a separator, nor
    with a dash the model doubts (a speck after ``0`` read as ``-``; a sign goes
    before a number), unless it is framed by dashes (a page number, ``- 2 -``)."""
    raw = [c for c in reading.chars if not c.text.isspace()]
    for k in range(1, len(raw) - 1):  # 1．属于…: a numbering stop is read as a middle dot
        if raw[k].text in "·•" and raw[k - 1].text.isdigit() and is_cjk(raw[k + 1].text):
            c = raw[k]
            raw[k] = CharReading(".", c.x, c.prob, c.text, c.prob)
    chars = [c for c in raw if c.text not in NOISE]
    while chars and chars[-1].text in FAINT_NOISE and chars[-1].prob < FAINT:
        chars.pop()
    while chars and chars[0].text in FAINT_NOISE and chars[0].prob < FAINT:
        chars.pop(0)
    if any(c.text.isdigit() for c in chars) and all(c.text in VALUE_CHARS for c in chars):
        # a number neither starts nor ends with a separator: a speck beside it was read
        while chars and chars[0].text in ".,":
            chars.pop(0)
        framed = chars[0].text == "-"  # - 2 -: a page number between dashes
        while chars and (chars[-1].text in ".," or (chars[-1].text == "-" and not framed
                                                     and chars[-1].prob < FAINT and len(chars) > 1)):
            chars.pop()
    while len(chars) > 1 and chars[0].text in "+＋" and not chars[1].text.isdigit():
        chars.pop(0)  # a sign belongs to a number; before a word it is a speck
    return chars


def ink_blots(ink: np.ndarray, page_em: float) -> list[tuple[int, int, int]]:
    """The blots of ink in a piece that are larger than a speck: (left, width, height)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    speck = SPECK_EM * page_em
    return [(int(stats[i][cv2.CC_STAT_LEFT]), int(stats[i][cv2.CC_STAT_WIDTH]),
             int(stats[i][cv2.CC_STAT_HEIGHT])) for i in range(1, n)
            if stats[i][cv2.CC_STAT_WIDTH] > speck or stats[i][cv2.CC_STAT_HEIGHT] > speck]


def bar_blot(ink: np.ndarray, page_em: float) -> tuple[int, int] | None:
    """(left, length) of the one thin bar a piece's ink shows apart from specks, if so:
    besides the bar there may be dots, blots shorter every way than a bar may be
    (a speck of the scan larger than `SPECK_EM` beside a hyphen)."""
    blots = ink_blots(ink, page_em)
    bars = [b for b in blots if b[1] >= BAR_LENGTH * page_em and b[1] >= 2 * b[2]
            and b[2] <= BAR_THICK * page_em]
    if len(bars) != 1:
        return None
    if any(b is not bars[0] and max(b[1], b[2]) >= BAR_LENGTH * page_em for b in blots):
        return None
    x, length, _ = bars[0]
    return x, length


def bar_reading(reading: LineReading, box: Box, ink: np.ndarray, kind: str,
                page_em: float) -> list[CharReading]:
    """A lone thin bar (a short hyphen left for an empty value, which the model may
    read as a stop or a speck's mark) read as a dash, its runner-up what the model
    read; `dash` then tells ``-`` from ``—`` by its length. Empty when the piece
    is no lone bar: apart from specks, its ink is one blot at least `BAR_LENGTH`
    em long, twice as long as it is thick and no thicker than `BAR_THICK` em."""
    if kind == "column" or page_em <= 0 or len(reading.chars) > 2 or not ink.any():
        return []
    if any(c.text.isalnum() for c in reading.chars):
        return []
    bar = bar_blot(ink, page_em)
    if bar is None:
        return []
    x, length = bar
    read = reading.text or None
    prob = min((c.prob for c in reading.chars), default=0.0)
    side = (box[2] - box[0] - ink.shape[1]) / 2  # the blank added around a lone mark's ink
    return [CharReading("-", side + x + length / 2, prob, read, prob if read else 0.0)]


def _two_dots(chars: list[CharReading], k: int, ink: np.ndarray) -> bool:
    """May the ink of the mark `chars[k]` at an end of its line be a colon's two dots
    (or a semicolon's dot and comma)? A speck beside the text is one blot, which
    the model reads as a colon as readily as as a stop."""
    import cv2

    em = float(ink.shape[0])
    if k == len(chars) - 1:
        left, right = (chars[k - 1].x + NEIGHBOUR_EM * em if k else 0.0), float(ink.shape[1])
    else:
        left, right = 0.0, chars[k + 1].x - NEIGHBOUR_EM * em
    part = ink[:, max(0, int(left)):max(0, int(np.ceil(right)))]
    if not part.any():
        return False
    n, _, _, _ = cv2.connectedComponentsWithStats(part.astype(np.uint8), connectivity=8)
    return n - 1 != 1  # one blot is a speck; more (or a neighbour's ink) is no proof of one


def end_colons(chars: list[CharReading], ink: np.ndarray) -> list[CharReading]:
    """A line's characters without a colon or semicolon read at its start or end where
    its ink is no two stacked dots (a speck beside the text)."""
    while chars and chars[-1].text in COLONS and not _two_dots(chars, len(chars) - 1, ink):
        chars = chars[:-1]
    while chars and chars[0].text in COLONS and not _two_dots(chars, 0, ink):
        chars = chars[1:]
    return chars


def numerals(chars: list[CharReading], ink: np.ndarray) -> list[CharReading]:
    """Dashes where a label is numbered (``—、`` at the start of a line, ``（—）``)
    read as the numeral they are: the model takes 一 for a dash and 二 for two
    dashes. Which numeral is counted from the strokes printed there (一 one, 二
    two, 三 three); a count outside those leaves the reading as it is."""
    texts = [c.text for c in chars]
    k = 1 if texts[:1] and texts[0] in "（(" else 0
    end = k
    while end < len(texts) and texts[end] in NUMERAL_DASHES:
        end += 1
    if end == k or end >= len(texts):
        return chars
    if not ((texts[end] == "、" and k == 0) or (texts[end] in "）)" and k == 1)):
        return chars
    em = float(ink.shape[0])
    left = max(0, int(chars[k].x - 0.5 * em))
    right = min(ink.shape[1], int(np.ceil(chars[end - 1].x + 0.5 * em)))
    part = ink[:, left:right]
    strokes = [(a, b) for a, b in ink_runs(np.asarray(part.any(axis=1)))
               if np.flatnonzero(part[a:b].any(axis=0)).size >= STROKE_EM * em]
    if not 1 <= len(strokes) <= 3:
        return chars
    first = chars[k]
    numeral = CharReading("一二三"[len(strokes) - 1], first.x if end - k == 1 else
                          (first.x + chars[end - 1].x) / 2, min(c.prob for c in chars[k:end]),
                          "".join(texts[k:end]), min(c.prob for c in chars[k:end]))
    return [*chars[:k], numeral, *chars[end:]]


def dash(line: Line, page_em: float) -> Line:
    """A line that is one dash (a value left empty, ``-`` or ``—``) read by its printed
    length: the model cannot tell a hyphen from an em dash or from 一 alone. In a
    label printed one character per line, a bar is 一 and a small mark after it 、.
    A blot found alone (a speck or two) that the model reads as a dash but is no
    thin bar comes back without characters."""
    if len(line.chars) != 1 or page_em <= 0:
        return line
    c = line.chars[0]
    if line.kind == "column":
        text = "一" if c.text in DASHES else ("、" if c.text in "，,'’丶" else c.text)
        if text == c.text:
            return line
        return replace(line, chars=[CharReading(text, c.x, c.prob, c.text, c.prob)])
    if c.text not in DASHES:
        return line
    bar = bar_blot(line.ink, page_em)
    if bar is None:
        if line.kind == "mark":  # a blot the detector left alone, read as a dash, is no bar
            return replace(line, chars=[])
        return line
    length = float(bar[1])
    text = "—" if length >= 0.6 * page_em else "-"
    if text == c.text:
        return line
    return replace(line, chars=[CharReading(text, c.x, c.prob, c.text, c.prob)])


def lone_noise(line: Line) -> bool:
    """A line of nothing but stops, commas, colons or quotes: what a speck, or a few,
    left in a cell or beside a value is read as; no cell prints such marks alone (a
    label printed one character per line keeps its 、, set by `dash`). Or a blot the
    detector did not take for text read as one word character the model all but
    rules out (``福`` at 5% beside a value): a word printed there would be read."""
    if not line.chars:
        return True
    if line.kind == "mark" and len(line.chars) == 1:
        c = line.chars[0]
        if is_cjk(c.text) and c.prob < LONE_WORD_PROB:
            return True
    return line.kind != "column" and all(c.text in LONE_NOISE for c in line.chars)


def slash(line: Line, page_em: float) -> Line:
    """A line that is one upright stroke read as ``1`` (or ``l``, ``I``, ``|``) told
    from a ``/`` by its slant: a slash leans right, its top half inked right of its
    bottom half, where a 1's flag leans its top to the left. A cell printing ``/``
    (nothing to report) is no value of 1; the model's reading stays its runner-up."""
    if len(line.chars) != 1 or line.chars[0].text not in UPRIGHT or page_em <= 0:
        return line
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(line.ink.astype(np.uint8), connectivity=8)
    if n < 2:
        return line
    main = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))  # the stroke; a speck beside it aside
    stroke = labels == main
    top, height = int(stats[main][cv2.CC_STAT_TOP]), int(stats[main][cv2.CC_STAT_HEIGHT])
    bottom = top + height
    if height < 0.5 * page_em:
        return line
    quarter = max(1, height // 4)

    def centre(part: np.ndarray) -> float:
        cols = np.flatnonzero(part.any(axis=0))
        return float(cols.mean()) if cols.size else 0.0

    lean = centre(stroke[top:top + quarter]) - centre(stroke[bottom - quarter:bottom])
    if lean < SLANT * height:
        return line
    c = line.chars[0]
    return replace(line, chars=[CharReading("/", c.x, c.prob, c.text, c.prob)])


VALUE_SPECKS = FAINT_NOISE | frozenset("、，")  # what a speck above or below a value is read as


def value_specks(texts: Sequence[str], probs: Sequence[float]) -> list[str]:
    """A cell's characters (in reading order, with the model's probabilities) with
    the marks a speck left at the start or end of a number dropped (``""``): in a
    cell holding a number and nothing else, a mark the model doubts before or after
    it (a speck on a line of its own above the value, read as ``、``) is no part of
    it, as `clean` drops a trailing stop on the value's own line."""
    out = list(texts)
    core = [t for t in texts if t not in VALUE_SPECKS]
    if not any(t.isdigit() for t in core) or not all(t in VALUE_CHARS for t in core):
        return out
    k = 0
    while k < len(out) and out[k] in VALUE_SPECKS and probs[k] < FAINT:
        out[k] = ""
        k += 1
    k = len(out) - 1
    while k >= 0 and out[k] in VALUE_SPECKS and probs[k] < FAINT:
        out[k] = ""
        k -= 1
    return out
