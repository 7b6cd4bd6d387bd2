"""One scanned page to the facts every PDF page gives: characters with their
boxes, and rulings.

The page is deskewed, its rulings found and erased, its text lines detected
(a detected line crossing a ruling is cut there, so that two cells never
share one line) and read. Each recognised character becomes a glyph placed
where the model emitted it along its line, in page points; from there the
PDF reader's own stages take over (grids and spans from the rulings, text
to cells by glyph centres, tables continued across pages, the text-line
fallbacks where a page has no rulings). The confidence of every character
is kept beside it (`OcrGlyph`) for the cells it ends up in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from govreport.readers.pdf.pages import PageFacts, page_to_facts
from govreport.readers.pdf.rulings import Rulings
from govreport.readers.pdf.source import SourceChar, SourcePage, SourcePath
from govreport.readers.pdf.text import is_cjk
from govreport.readers.scan.engine import CharReading, OcrEngine
from govreport.readers.scan.geometry import estimate_skew, find_rulings, ink_mask, remove_specks, rotate
from govreport.readers.scan.images import PageImage
from govreport.readers.scan.lines import (
    NOISE,
    Line,
    bar_reading,
    clean,
    dash,
    end_colons,
    lone_noise,
    numerals,
    slash,
)
from govreport.readers.scan.marks import find_seals, missed_marks
from govreport.readers.scan.widths import decide_widths, ink_runs, line_widths

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (pixels)
SPLIT_MARGIN = 3.0  # pixels: a ruling this close to a line's end does not cut it
VERTICAL = 1.6  # a detected box this many times taller than wide is a column of characters
GAP_EM = 0.6  # em: ink this far from every character read in its line was skipped
GAP_MIN_EM = 0.2  # em: ... unless it is smaller than this (a speck)
GAP_PROB = 0.8  # what is read there alone counts from this confidence,
GAP_MARK_PROB = 0.3  # ... a mark of the running text from this one (the model doubts 、 and ，)
GAP_MARKS = frozenset("、，,。；：")
MARK_PT = 10.0  # a character read on its own is shown to the model in a box at least this big


@dataclass(frozen=True, slots=True)
class OcrGlyph:
    """A character as read: what, where (points, from the page's top-left corner),
    its font size, how sure the model is, and the runner-up reading;
    `width_guessed` for a bracket whose width nothing in its line measured."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    prob: float
    alt: str | None
    alt_prob: float
    width_guessed: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A page read by OCR: its facts for the PDF stages, every glyph's reading,
    the tilt that was undone and the number of lines read."""

    facts: PageFacts
    glyphs: tuple[OcrGlyph, ...]
    skew: float
    n_lines: int


def _cut_at_rulings(box: Box, rulings: Rulings, px_per_pt: float) -> list[Box]:
    """Split a detected line where a vertical ruling crosses it, and where a
    horizontal one runs through its middle."""
    x0, top, x1, bottom = box
    cy = (top + bottom) / 2
    cuts = sorted(
        s.pos * px_per_pt for s in rulings.vertical
        if x0 + SPLIT_MARGIN < s.pos * px_per_pt < x1 - SPLIT_MARGIN
        and s.start * px_per_pt <= cy <= s.end * px_per_pt
    )
    pieces: list[Box] = []
    edges = [x0, *cuts, x1]
    for a, b in zip(edges, edges[1:]):
        if b - a > SPLIT_MARGIN:
            pieces.append((a, top, b, bottom))
    out: list[Box] = []
    for a, t, b, btm in pieces:
        cx = (a + b) / 2
        ys = sorted(
            s.pos * px_per_pt for s in rulings.horizontal
            if t + 0.25 * (btm - t) < s.pos * px_per_pt < btm - 0.25 * (btm - t)
            and s.start * px_per_pt <= cx <= s.end * px_per_pt
        )
        bands = [t, *ys, btm]
        out += [(a, u, b, v) for u, v in zip(bands, bands[1:]) if v - u > SPLIT_MARGIN]
    return out


def _distinct(boxes: list[Box]) -> list[Box]:
    """Detected boxes without those mostly inside a larger one (the detector may
    find a column of characters and some of its characters on their own)."""
    kept: list[Box] = []
    for b in sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
        area = max((b[2] - b[0]) * (b[3] - b[1]), 1e-6)
        if any(max(0.0, min(b[2], k[2]) - max(b[0], k[0])) * max(0.0, min(b[3], k[3]) - max(b[1], k[1]))
               > 0.6 * area for k in kept):
            continue
        kept.append(b)
    return kept


def _join_lines(boxes: list[Box], rulings: Rulings, px_per_pt: float) -> list[Box]:
    """Pieces of one printed line that the detector cut apart (at the blank half of
    a full-width bracket, ``（六`` | ``）其他``) joined again, unless a ruling
    separates them: the recogniser reads a mark best beside its neighbours."""
    cuts = [(s.pos * px_per_pt, s.start * px_per_pt, s.end * px_per_pt) for s in rulings.vertical]
    out: list[Box] = []
    for b in sorted(boxes, key=lambda b: (b[0], b[1])):
        h = b[3] - b[1]
        for k, a in enumerate(out):
            ah = a[3] - a[1]
            overlap = min(a[3], b[3]) - max(a[1], b[1])
            gap = b[0] - a[2]
            if overlap < 0.6 * min(h, ah) or not -0.5 * h <= gap <= 0.8 * min(h, ah):
                continue
            cy = (max(a[1], b[1]) + min(a[3], b[3])) / 2
            if any(a[2] - 2 <= x <= b[0] + 2 and y0 <= cy <= y1 for x, y0, y1 in cuts):
                continue
            out[k] = (a[0], min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
            break
        else:
            out.append(b)
    return out


def _columns(boxes: list[Box], rulings: Rulings, px_per_pt: float) -> list[Box]:
    """Narrow boxes stacked one under another in one cell (a label printed one
    character per line, which the detector finds in pieces and may miss a 、
    between) joined into one column box, which `_split_column` then cuts
    character by character. Boxes with a ruling between them stay apart."""
    narrow = [b for b in boxes if (b[2] - b[0]) <= 1.4 * (b[3] - b[1])]
    rest = [b for b in boxes if (b[2] - b[0]) > 1.4 * (b[3] - b[1])]
    rules = [(s.pos * px_per_pt, s.start * px_per_pt, s.end * px_per_pt) for s in rulings.horizontal]

    def ruled_between(a: Box, b: Box) -> bool:
        cx = (max(a[0], b[0]) + min(a[2], b[2])) / 2
        return any(a[3] - 2 <= y <= b[1] + 2 and x0 <= cx <= x1 for y, x0, x1 in rules)

    groups: list[list[Box]] = []
    for b in sorted(narrow, key=lambda b: (b[1], b[0])):
        w = b[2] - b[0]
        for g in groups:
            last = g[-1]
            narrowest = min(w, last[2] - last[0])
            overlap = min(b[2], last[2]) - max(b[0], last[0])
            if (overlap >= 0.5 * narrowest and b[1] - last[3] <= 1.6 * narrowest
                    and not ruled_between(last, b)):
                g.append(b)
                break
        else:
            groups.append([b])
    for g in groups:
        rest.append((min(b[0] for b in g), min(b[1] for b in g), max(b[2] for b in g), max(b[3] for b in g)))
    return rest


def _attach_marks(boxes: list[tuple[Box, str]], marks: list[Box], rulings: Rulings,
                  px_per_pt: float) -> tuple[list[tuple[Box, str]], list[Box]]:
    """Marks the detector left out just before the start of a line, within its height
    and with no ruling between, taken into that line: the detector may begin a
    line after its numeral (``二、上年…`` found from ``、``), whose strokes alone
    would be read as dashes. Only lines of words (at least two line heights
    long) take marks: a value's line does not. The marks not taken are returned."""
    cuts = [(s.pos * px_per_pt, s.start * px_per_pt, s.end * px_per_pt) for s in rulings.vertical]
    out = list(boxes)
    left: list[Box] = []
    for m in marks:
        for k, (b, kind) in enumerate(out):
            h = b[3] - b[1]
            if kind != "line" or m[2] - m[0] < 0.5 * h or b[2] - b[0] < 2 * h:
                continue  # a speck or a mark too short for a stroke; or a value, not words
            if not (b[1] - 0.15 * h <= m[1] and m[3] <= b[3] + 0.15 * h):
                continue
            if not 0 <= b[0] - m[2] <= 0.5 * h or m[0] < b[0] - 2.5 * h:
                continue
            cy = (b[1] + b[3]) / 2
            if any(m[2] - 2 <= x <= b[0] + 2 and y0 <= cy <= y1 for x, y0, y1 in cuts):
                continue
            out[k] = ((min(b[0], m[0]), b[1], b[2], b[3]), kind)
            break
        else:
            left.append(m)
    return out, left


def _mark_kinds(marks: list[Box], boxes: list[tuple[Box, str]], rulings: Rulings,
                px_per_pt: float) -> list[str]:
    """For each mark, "column" when it stands just above or below a character of a
    label printed one character per line, or above or below such a mark (the 一
    and 、 of ``一、`` the detector left out, to be read as 一 and 、 and not as a
    dash and a comma), with no ruling between; else "mark"."""
    rules = [(s.pos * px_per_pt, s.start * px_per_pt, s.end * px_per_pt) for s in rulings.horizontal]
    column = [((b[0], b[2]), b[1], b[3]) for b, kind in boxes if kind == "column"]
    kinds = ["mark"] * len(marks)
    changed = True
    while changed:
        changed = False
        for k, m in enumerate(marks):
            if kinds[k] == "column":
                continue
            cx = (m[0] + m[2]) / 2
            for (x0, x1), top, bottom in column:
                if not x0 <= cx <= x1 or max(top - m[3], m[1] - bottom) > x1 - x0:
                    continue
                above, below = (m[3], top) if m[3] <= top else (bottom, m[1])
                if not any(above - 2 <= y <= below + 2 and a <= cx <= b for y, a, b in rules):
                    kinds[k] = "column"
                    column.append(((x0, x1), m[1], m[3]))
                    changed = True
                    break
    return kinds


def _ink_rows(crop_ink: np.ndarray, top: int, bottom: int) -> tuple[int, int] | None:
    """The rows of a line's ink inside a window around its detected box (rows
    `top`..`bottom` of the window): the runs of inked rows that reach the middle
    half of the box, kept within the box, so that the neighbouring lines of a
    wrapped label, which the box's margins may touch, stay out."""
    runs = ink_runs(np.asarray(crop_ink.any(axis=1)))
    quarter = (bottom - top) / 4
    core = (top + quarter, bottom - quarter)
    mine = [(a, b) for a, b in runs if a < core[1] and b > core[0]]
    if not mine:
        return None
    margin = 0.1 * (bottom - top)
    first, last = max(mine[0][0], int(top - margin)), min(mine[-1][1], int(bottom + margin) + 1)
    return (first, last) if last > first else None


def _split_column(box: Box, ink: np.ndarray) -> list[Box]:
    """A tall narrow box (characters printed one per line, 三、本年度办理结果) cut
    into its characters: runs of inked rows grouped into pieces no taller than
    a character is wide (a 、 or a character with a blank row inside stays whole).
    Where the lines hold two characters each, a piece is no taller than the
    tallest run of ink (a character's height), so that each line is read alone."""
    x0, top, x1, bottom = (round(v) for v in box)
    crop = ink[top:bottom, x0:x1]
    if crop.size == 0:
        return []
    cols = np.flatnonzero(crop.any(axis=0))
    if cols.size == 0:
        return []
    em = float(cols[-1] - cols[0] + 1)
    runs = ink_runs(np.asarray(crop.any(axis=1)))
    tall = [b - a for a, b in runs if b - a >= 0.3 * em]
    if tall:  # two characters a line (a narrow cell): a character is as high as half the width
        em = min(em, float(max(tall)))
    pieces: list[tuple[int, int]] = []
    for a, b in runs:
        if pieces and b - pieces[-1][0] <= 1.15 * em:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    return [(float(x0), float(top + a), float(x1), float(top + b)) for a, b in pieces if b - a >= 2]


def _line_glyphs(line: Line, default: bool | None, px_per_pt: float) -> list[OcrGlyph]:
    """Glyphs (points) for the characters of one line."""
    chars = line.chars
    em = line.em
    texts, _, guessed = line_widths([c.text for c in chars], [c.x for c in chars], line.ink, em, default)
    centres = [line.box[0] + c.x for c in chars]
    out: list[OcrGlyph] = []
    for i, (c, text, cx) in enumerate(zip(chars, texts, centres)):
        half = 0.5 * em if is_cjk(text) else 0.28 * em
        left = cx - half
        right = cx + half
        if i > 0:
            left = max(left, (centres[i - 1] + cx) / 2)
        if i + 1 < len(centres):
            right = min(right, (cx + centres[i + 1]) / 2)
        size = em / px_per_pt
        alt = c.alt if text == c.text else c.text
        out.append(OcrGlyph(text, left / px_per_pt, right / px_per_pt, line.ink_top / px_per_pt,
                            line.ink_bottom / px_per_pt, size, c.prob, alt,
                            c.alt_prob if text == c.text else c.prob, i in guessed))
    return out


def _usual_width(lines: list[Line]) -> bool | None:
    """Full-width (True) or half-width brackets, as most measured on the page."""
    votes: list[bool] = []
    for line in lines:
        _, measured = decide_widths([c.text for c in line.chars], [c.x for c in line.chars],
                                    line.ink, line.em)
        votes += measured
    if not votes:
        return None
    full = sum(votes)
    if full * 4 >= len(votes) * 3:
        return True
    if full * 4 <= len(votes):
        return False
    return None


def _source_page(image: PageImage, glyphs: list[OcrGlyph], rulings: Rulings) -> SourcePage:
    """The page as the PDF stages take it: the characters read and the rulings found."""
    chars = [SourceChar(g.text, g.x0, g.x1, g.top, g.bottom, g.size, "", None) for g in glyphs]
    ink = (0.0, 0.0, 0.0)
    paths = [SourcePath(False, s.start, s.pos, s.end, s.pos, True, False, ink, None)
             for s in rulings.horizontal]
    paths += [SourcePath(False, s.pos, s.start, s.pos, s.end, True, False, ink, None)
              for s in rulings.vertical]
    return SourcePage(image.number, image.width_pt, image.height_pt, 0,
                      (0.0, 0.0, image.width_pt, image.height_pt), chars, paths, 1)


Kept = tuple[Box, float, float, np.ndarray, str]  # crop box, ink top and bottom, ink, kind


def _crop(piece: Box, kind: str, erased: np.ndarray, text_ink: np.ndarray,
          ppt: float) -> tuple[np.ndarray, Kept] | None:
    """The image of one piece for the recogniser, and where it lies; None when it
    holds no ink. A line's crop reaches a little above and below its box; a lone
    character is shown in a box of a character's size, so that a 、 stays small."""
    x0, top, x1, bottom = piece
    height, width = erased.shape
    single = kind != "line"
    grow = 0.0 if single else 0.25 * (bottom - top)
    left, t = max(0, int(x0)), max(0, int(top - grow))
    r, b = min(width, int(np.ceil(x1))), min(height, int(np.ceil(bottom + grow)))
    if (r - left < 3 or b - t < 3) and not (single and r - left >= 2 and b - t >= 1):
        return None
    if single:  # the piece is exactly its character's ink
        filled = np.flatnonzero(text_ink[t:b, left:r].any(axis=1))
        rows = (int(filled[0]), int(filled[-1]) + 1) if filled.size else None
    else:
        rows = _ink_rows(text_ink[t:b, left:r], int(top) - t, int(np.ceil(bottom)) - t)
    if rows is None:
        return None
    core = erased[t + rows[0]:t + rows[1], left:r]
    pad = max(3, (rows[1] - rows[0]) // 6)
    side = 0
    if single:
        size = max(r - left, rows[1] - rows[0], round(MARK_PT * ppt))
        pad = max(pad, (size - (rows[1] - rows[0])) // 2)
        side = max(0, (size - (r - left)) // 2)
    paper = int(np.percentile(core, 90)) if core.size else 255
    crop = np.pad(core, ((pad, pad), (side, side)), constant_values=paper)
    box = (float(left - side), float(t + rows[0] - pad), float(r + side), float(t + rows[1] + pad))
    ink = text_ink[t + rows[0]:t + rows[1], left:r]
    return crop, (box, float(t + rows[0]), float(t + rows[1]), ink, kind)


def _gaps(line: Line) -> list[tuple[int, int]]:
    """Column ranges of ink inside a line of words that no character read covers
    (the model skipped a 、 or a character there): blots larger than a speck,
    more than `GAP_EM` from every character read, between two CJK characters."""
    chars = line.chars
    if len(chars) < 2 or line.kind != "line":
        return []
    em = line.em
    runs = [(a, b) for a, b in ink_runs(np.asarray(line.ink.any(axis=0)))
            if all(abs(c.x - (a + b) / 2) > GAP_EM * em for c in chars)]
    out: list[tuple[int, int]] = []
    for a, b in runs:
        if out and a - out[-1][1] < 0.2 * em:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    found = []
    for a, b in out:
        rows = np.flatnonzero(line.ink[:, a:b].any(axis=1))
        if max(b - a, rows[-1] - rows[0] + 1) < GAP_MIN_EM * em:
            continue  # a speck
        before = [c for c in chars if c.x < a]
        after = [c for c in chars if c.x > b]
        if before and after and is_cjk(before[-1].text) and is_cjk(after[0].text):
            found.append((a, b))
    return found


def _fill_gaps(engine: OcrEngine, lines: list[Line], erased: np.ndarray, text_ink: np.ndarray,
               ppt: float) -> list[Line]:
    """Lines with what the model skipped between two of their characters read on its
    own and put in its place: a mark or a character, never a digit."""
    wanted: list[tuple[int, int, Kept]] = []
    crops: list[np.ndarray] = []
    for k, line in enumerate(lines):
        for a, b in _gaps(line):
            piece = (line.box[0] + a, line.ink_top, line.box[0] + b, line.ink_bottom)
            made = _crop(piece, "mark", erased, text_ink, ppt)
            if made is not None:
                crops.append(made[0])
                wanted.append((k, (a + b) // 2, made[1]))
    if not crops:
        return lines
    out = list(lines)
    for (k, x, _), reading in zip(wanted, engine.recognise(crops)):
        chars = [c for c in reading.chars if not c.text.isspace() and c.text not in NOISE]
        if len(chars) != 1 or chars[0].text.isdigit():
            continue
        if chars[0].prob < (GAP_MARK_PROB if chars[0].text in GAP_MARKS else GAP_PROB):
            continue
        c = chars[0]
        text = "，" if c.text == "," else c.text  # between two CJK characters: the full-width comma
        line = out[k]
        merged = sorted([*line.chars, CharReading(text, float(x), c.prob, c.alt, c.alt_prob)],
                        key=lambda ch: ch.x)
        out[k] = replace(line, chars=merged)
    return out


def read_page(engine: OcrEngine, image: PageImage) -> ScannedPage:
    """OCR one page image into page facts (points) and glyph readings."""
    ppt = image.px_per_pt
    grey = image.pixels
    ink = ink_mask(grey)
    skew = estimate_skew(ink)
    if abs(skew) >= 0.05:
        grey = rotate(grey, skew)
        ink = ink_mask(grey)
    ruled = find_rulings(grey, ink, image.number, ppt)
    text_ink = ink_mask(ruled.erased)
    erased, text_ink = remove_specks(ruled.erased, text_ink, ppt)
    boxes: list[tuple[Box, str]] = []  # with its kind: a line, a column's character, a mark
    pieces = [p for det in _distinct(engine.detect(erased))
              for p in _cut_at_rulings(det, ruled.rulings, ppt)]
    for piece in _columns(_join_lines(pieces, ruled.rulings, ppt), ruled.rulings, ppt):
        w, h = piece[2] - piece[0], piece[3] - piece[1]
        if h >= VERTICAL * w:
            boxes += [(b, "column") for b in _split_column(piece, text_ink)]
        else:
            boxes.append((piece, "line"))
    marks = missed_marks(text_ink, [b for b, _ in boxes], ruled.rulings, ppt)
    boxes, marks = _attach_marks(boxes, marks, ruled.rulings, ppt)
    boxes += list(zip(marks, _mark_kinds(marks, boxes, ruled.rulings, ppt)))
    seals = find_seals(erased, text_ink, ppt)
    boxes = [(b, kind) for b, kind in boxes if not any(s.owns(b, erased, text_ink) for s in seals)]
    crops: list[np.ndarray] = []
    kept: list[Kept] = []
    for box, kind in boxes:
        made = _crop(box, kind, erased, text_ink, ppt)
        if made is not None:
            crops.append(made[0])
            kept.append(made[1])
    readings = engine.recognise(crops) if crops else []
    cleaned = [clean(reading) for reading in readings]
    # The page's em, from its CJK lines as cleaned, sets how the lines' marks are read.
    ems = sorted(line.em for line in (Line(chars, box, top, bottom, ink, kind)
                                      for (box, top, bottom, ink, kind), chars in zip(kept, cleaned)
                                      if chars)
                 if any(is_cjk(c.text) for c in line.chars))
    page_em = ems[len(ems) // 2] if ems else 0.0
    lines = [Line(chars, box, ink_top, ink_bottom, line_ink, kind)
             for (box, ink_top, ink_bottom, line_ink, kind), reading, first in zip(kept, readings, cleaned)
             if (chars := bar_reading(reading, box, line_ink, kind, page_em)
                 or numerals(end_colons(first, line_ink), line_ink))]
    lines = [line for line in (slash(dash(line, page_em), page_em) for line in lines)
             if not lone_noise(line)]
    lines = _fill_gaps(engine, lines, erased, text_ink, ppt)
    usual = _usual_width(lines)
    glyphs: list[OcrGlyph] = []
    for line in lines:
        glyphs += _line_glyphs(line, usual, ppt)
    facts = page_to_facts(_source_page(image, glyphs, ruled.rulings))
    return ScannedPage(facts, tuple(glyphs), skew, len(crops))


__all__ = ["CharReading", "OcrGlyph", "ScannedPage", "read_page"]
