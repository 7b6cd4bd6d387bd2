"""Characters to text: glyphs, lines and the joining rules of printed Chinese.

A PDF gives positioned characters, not words. Reports are mostly CJK, where no
space separates words, so pdfplumber's ``extract_text`` (which inserts spaces
from gaps) is not used: lines are built here from the characters themselves.

Every character of a page passes through `page_glyphs`, `glyphs_to_text` and
`glyphs_to_lines`, so they also exist compiled (`_glyphs.c`, built by setup.py
where a C compiler is at hand): the same operations in the same order, giving
the same glyphs, texts and lines to the last bit. The Python here is the
reference, and runs where the compiled module is not built, when `native` is
set to None, and on input the compiled code declines (anything but exact
glyphs of str and floats, or a NaN where an order is sorted).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from operator import attrgetter, itemgetter
from types import ModuleType
from typing import NamedTuple

from govreport.readers.pdf.source import SourceChar

native: ModuleType | None  # the compiled stages, None where not built (or set so by tests)
try:  # setup.py builds them where a C compiler is at hand
    from govreport.readers.pdf import _glyphs as native
except ImportError:  # pragma: no cover - exercised where the build had no compiler
    native = None

LISTS = (list, tuple)  # the containers the compiled stages take


class Glyph(NamedTuple):
    """One printed character: text, box in points from the page's top-left,
    font size, bold or not, and the box's centre (what decides its cell)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    cx: float
    cy: float

    def shifted(self, dy: float) -> Glyph:
        text, x0, x1, top, bottom, size, bold, cx, _ = self
        top, bottom = top + dy, bottom + dy
        return tuple.__new__(Glyph, (text, x0, x1, top, bottom, size, bold, cx, (top + bottom) / 2))


class TextLine(NamedTuple):
    """A printed line: its glyphs left to right, joined text and box."""

    glyphs: tuple[Glyph, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def bold(self) -> bool:
        return sum(g.bold for g in self.glyphs) * 2 > len(self.glyphs)


def page_glyphs(chars: Iterable[SourceChar], frame: tuple[float, float] | None = None) -> list[Glyph]:
    """Glyphs of a page without whitespace and without fake-bold doubles.

    Fake bold draws the same character twice (or more) a fraction of a point
    apart; only the first drawing is kept. `frame` is the displayed page's
    (width, height): glyphs whose centre lies outside it are cut off by the
    crop box, so not printed, and left out (after the doubles are found).
    """
    if native is not None and type(chars) in LISTS:
        got: list[Glyph] | None = native.page_glyphs(chars, Glyph, frame)
        if got is not None:
            return got
    return _page_glyphs(chars, frame)


def _page_glyphs(chars: Iterable[SourceChar], frame: tuple[float, float] | None) -> list[Glyph]:
    out: list[Glyph] = []
    recent: dict[str, list[Glyph]] = {}
    bold_font: dict[str, bool] = {}
    new = tuple.__new__  # a named tuple made without its Python-level constructor
    for text, x0, x1, top, bottom, size, font, _, _ in chars:  # unpacked: cheaper than attributes
        if not text or text.isspace():
            continue
        size = size or (bottom - top) or 1.0
        bold = bold_font.get(font)
        if bold is None:
            bold = bold_font[font] = "Bold" in font or "黑体" in font
        tol = 0.35 * size
        if tol < 0.8:
            tol = 0.8
        same = recent.get(text)
        if same is None:
            same = recent[text] = []
        else:
            double = False
            for j in range(len(same) - 1, len(same) - 9 if len(same) > 8 else -1, -1):
                o = same[j]
                if -tol < o.x0 - x0 < tol and -tol < o.top - top < tol:
                    double = True
                    break
            if double:
                continue
        g = new(Glyph, (text, x0, x1, top, bottom, size, bold, (x0 + x1) / 2, (top + bottom) / 2))
        same.append(g)
        out.append(g)
    if frame is not None:
        width, height = frame
        out = [g for g in out if 0 <= g.cx <= width and 0 <= g.cy <= height]
    return out


def glyphs_in_box(
    glyphs: Sequence[Glyph], box: tuple[float, float, float, float]
) -> tuple[list[Glyph], list[Glyph]]:
    """The glyphs whose centre lies in `box` (x0, top, x1, bottom; edges
    included) and the others, each in their order."""
    if native is not None and type(glyphs) in LISTS:
        got: tuple[list[Glyph], list[Glyph]] | None = native.glyphs_in_box(glyphs, box, Glyph)
        if got is not None:
            return got
    return _glyphs_in_box(glyphs, box)


def _glyphs_in_box(
    glyphs: Sequence[Glyph], box: tuple[float, float, float, float]
) -> tuple[list[Glyph], list[Glyph]]:
    x0, top, x1, bottom = box
    inside: list[Glyph] = []
    outside: list[Glyph] = []
    for g in glyphs:
        (inside if x0 <= g.cx <= x1 and top <= g.cy <= bottom else outside).append(g)
    return inside, outside


def shift_glyphs(glyphs: Sequence[Glyph], dy: float) -> list[Glyph]:
    """The glyphs moved down by `dy` (`Glyph.shifted`)."""
    if native is not None and type(glyphs) in LISTS:
        got: list[Glyph] | None = native.shift_glyphs(glyphs, dy, Glyph)
        if got is not None:
            return got
    return [g.shifted(dy) for g in glyphs]


def is_cjk(ch: str) -> bool:
    """True for characters printed without spaces around them (CJK, fullwidth punctuation)."""
    if not ch:
        return False
    o = ord(ch[0])
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x3000 <= o <= 0x303F
        or 0x2000 <= o <= 0x206F  # general punctuation: “” — …
        or 0x20000 <= o <= 0x2FFFF
    )


def join_pieces(left: str, right: str) -> str:
    """Join two pieces of one logical text: CJK or digits meet without a space, words with one."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if is_cjk(a) or is_cjk(b):
        return left + right
    if a.isdigit() and b.isdigit():
        return left + right
    if a.isalnum() and b.isalnum():
        return left + " " + right
    return left + right


def glyphs_to_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    """Group glyphs into lines (vertical overlap), each line ordered left to right."""
    if native is not None and type(glyphs) in LISTS:
        got: list[TextLine] | None = native.glyphs_to_lines(glyphs, Glyph, TextLine)
        if got is not None:
            return got
    return _glyphs_to_lines(glyphs)


def _glyphs_to_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    if not glyphs:
        return []
    if len(glyphs) == 1 or _one_row(glyphs):
        return [_make_line(sorted(glyphs, key=_X0))]
    lines = [_make_line(sorted(r, key=_X0) if len(r) > 1 else r) for r in _rows(glyphs)]
    if len(lines) > 1:
        lines.sort(key=_TOP_X0)
    return lines


def glyphs_to_text(glyphs: Sequence[Glyph]) -> str:
    """The text of a block of glyphs (a cell): ``lines_to_text(glyphs_to_lines(glyphs))``,
    without building the lines."""
    if native is not None and type(glyphs) in LISTS:
        got: str | None = native.glyphs_to_text(glyphs, Glyph)
        if got is not None:
            return got
    return _glyphs_to_text(glyphs)


def _glyphs_to_text(glyphs: Sequence[Glyph]) -> str:
    if not glyphs:
        return ""
    if len(glyphs) == 1:
        return glyphs[0].text.strip()
    if _one_row(glyphs):
        return _line_text(sorted(glyphs, key=_X0)).strip()
    keyed: list[tuple[float, float, str]] = []
    for r in _rows(glyphs):
        if len(r) > 1:
            r.sort(key=_X0)
        keyed.append((min(g.top for g in r), r[0].x0, _line_text(r)))
    if len(keyed) == 1:
        return keyed[0][2].strip()
    keyed.sort(key=_FIRST_TWO)
    text = ""
    for _, _, line in keyed:
        text = join_pieces(text, line.strip())
    return text


def _one_row(glyphs: Sequence[Glyph]) -> bool:
    """Do the glyphs share one top and bottom (so form one line whatever their order)?"""
    top, bottom = glyphs[0].top, glyphs[0].bottom
    return bottom - top > 0 and all(g.top == top and g.bottom == bottom for g in glyphs)


def _rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by vertical overlap with one of the last three rows, top to bottom."""
    rows: list[list[Glyph]] = []
    spans: list[list[float]] = []
    for g in sorted(glyphs, key=_TOP_X0):
        gtop, gbottom = g.top, g.bottom
        h = gbottom - gtop
        if h < 0.1:
            h = 0.1
        n = len(rows)
        for i in range(n - 1, n - 4 if n > 3 else -1, -1):
            span = spans[i]
            top, bottom = span
            overlap = (bottom if bottom < gbottom else gbottom) - (top if top > gtop else gtop)
            height = bottom - top
            if overlap > 0.5 * (h if h < height else height):
                rows[i].append(g)
                if gtop < top:
                    span[0] = gtop
                if gbottom > bottom:
                    span[1] = gbottom
                break
        else:
            rows.append([g])
            spans.append([gtop, gbottom])
    return rows


_TOP_X0 = attrgetter("top", "x0")
_X0 = attrgetter("x0")
_FIRST_TWO = itemgetter(0, 1)


def _line_text(gs: Sequence[Glyph]) -> str:
    """A line's glyphs (left to right) as text: a space only between two
    non-CJK glyphs set apart (digits of one number closer than 0.6 em stay together)."""
    if len(gs) == 1:
        return gs[0].text
    parts: list[str] = []
    prev: Glyph | None = None
    for g in gs:
        if prev is not None:
            gap = g.x0 - prev.x1
            if (
                gap > 0.25 * min(g.size, prev.size)
                and not is_cjk(prev.text)
                and not is_cjk(g.text)
                and not (prev.text.isdigit() and g.text.isdigit() and gap < 0.6 * g.size)
            ):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


def _make_line(gs: list[Glyph]) -> TextLine:
    x0, x1, top, bottom = gs[0].x0, gs[0].x1, gs[0].top, gs[0].bottom
    for g in gs:
        if g.x0 < x0:
            x0 = g.x0
        if g.x1 > x1:
            x1 = g.x1
        if g.top < top:
            top = g.top
        if g.bottom > bottom:
            bottom = g.bottom
    if len(gs) == 1:
        size = gs[0].size
    else:
        sizes = sorted([g.size for g in gs])
        size = sizes[len(sizes) // 2]
    return TextLine(tuple(gs), _line_text(gs), x0, x1, top, bottom, size)


def lines_to_text(lines: Sequence[TextLine]) -> str:
    """The text of a wrapped block: lines joined by `join_pieces`."""
    text = ""
    for ln in lines:
        text = join_pieces(text, ln.text.strip())
    return text


PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—－–_~]\s*\d{1,4}\s*[-—－–_~]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)


def is_page_number(text: str) -> bool:
    """True for page-number lines: ``- 4 -``, ``-4-``, ``第4页``, ``4/12``, ``4``."""
    return bool(PAGE_NUMBER_RE.match(unicodedata.normalize("NFKC", text).strip()))


def margin_key(text: str) -> str:
    """A running header/footer compared across pages: digits and spaces ignored."""
    return re.sub(r"[\d\s]+", "#", text.strip())
