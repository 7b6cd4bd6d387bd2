"""Characters to text: glyphs, lines and the joining rules of printed Chinese.

A PDF gives positioned characters, not words. Reports are mostly CJK, where no
space separates words, so pdfplumber's ``extract_text`` (which inserts spaces
from gaps) is not used: lines are built here from the characters themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govreport.readers.pdf.source import SourceChar


@dataclass(frozen=True, slots=True)
class Glyph:
    """One printed character: text, box in points from the page's top-left, font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def shifted(self, dy: float) -> Glyph:
        return Glyph(self.text, self.x0, self.x1, self.top + dy, self.bottom + dy, self.size, self.bold)


@dataclass(frozen=True, slots=True)
class TextLine:
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


def page_glyphs(chars: Iterable[SourceChar]) -> list[Glyph]:
    """Glyphs of a page without whitespace and without fake-bold doubles.

    Fake bold draws the same character twice (or more) a fraction of a point
    apart; only the first drawing is kept.
    """
    out: list[Glyph] = []
    recent: dict[str, list[Glyph]] = {}
    for ch in chars:
        text = ch.text
        if not text or text.isspace():
            continue
        x0, top = ch.x0, ch.top
        size = ch.size or (ch.bottom - top) or 1.0
        font = ch.font
        g = Glyph(text, x0, ch.x1, top, ch.bottom, size, "Bold" in font or "黑体" in font)
        tol = max(0.35 * size, 0.8)
        same = recent.setdefault(text, [])
        if any(abs(o.x0 - x0) < tol and abs(o.top - top) < tol for o in same[-8:]):
            continue
        same.append(g)
        out.append(g)
    return out


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
    rows: list[list[Glyph]] = []
    spans: list[tuple[float, float]] = []
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        h = max(g.bottom - g.top, 0.1)
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = spans[i]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap > 0.5 * min(h, bottom - top):
                rows[i].append(g)
                spans[i] = (min(top, g.top), max(bottom, g.bottom))
                break
        else:
            rows.append([g])
            spans.append((g.top, g.bottom))
    lines = [_make_line(sorted(r, key=lambda g: g.x0)) for r in rows]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _make_line(gs: list[Glyph]) -> TextLine:
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
    sizes = sorted(g.size for g in gs)
    return TextLine(
        tuple(gs),
        "".join(parts),
        min(g.x0 for g in gs),
        max(g.x1 for g in gs),
        min(g.top for g in gs),
        max(g.bottom for g in gs),
        sizes[len(sizes) // 2],
    )


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
