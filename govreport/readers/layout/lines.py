"""Column-aligned text cut into positioned fragments.

A fragment is a run of text without two spaces in a row: cells of a table
line are set apart by two or more spaces, while a single space stays inside
a cell (``2799349 元``, ``商 业 企 业``). Where a fragment starts is measured
in one of two ways, whichever the text was aligned by: one column per
character (what ``pdftotext -layout`` does: it starts each run of text at its
place on a grid of average character widths), or two display columns per CJK
character (what editors and terminals do). The metric under which the values
of the table lines line up best wins.

``pdftotext`` does not keep distances: it packs each run of text as far left
as the runs printed left of it (on any line) allow. Positions keep the
order of the page, not its proportions: a line with blank cells is shorter,
and a centred label drifts left of its column's middle. The table code
relies on order first and on positions only to break ties.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import pstdev

from govreport.textutil import NUMBERING, clean, is_value_like

_GAP = re.compile(r"\S+(?: \S+)*")  # runs of text with single spaces inside
_CJK_END = re.compile("[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]$")
_UNITS = ("元", "万元", "亿元", "件", "个", "%", "％")


@dataclass(frozen=True, slots=True)
class Fragment:
    """One cell's piece of a line: `x0`/`x1` are its start and end columns."""

    line: int  # index of the line in the page-joined list (not the file's line number)
    x0: float
    x1: float
    text: str

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def is_value(self) -> bool:
        return is_value_like(self.text)

    @property
    def numbered(self) -> bool:
        t = clean(self.text)
        return any(p.match(t) for _, p in NUMBERING)


@dataclass(slots=True)
class Line:
    """A line of text: its number in the file (1-based), its page and its fragments."""

    index: int  # position in the page-joined list (what `Fragment.line` refers to)
    number: int
    page: int
    text: str
    fragments: list[Fragment]
    page_width: float = 0.0  # how far the page's longest line reaches

    @property
    def blank(self) -> bool:
        return not self.fragments

    @property
    def values(self) -> list[Fragment]:
        return [f for f in self.fragments if f.is_value]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pieces(run: str) -> list[tuple[int, str]]:
    """A run of text cut where one space parts two cells: before a numbered label
    (``(三)不 1.属于国``) or before a value that follows Chinese text (``行政事业性收费 266``),
    unless words go on after the number (``统计时间为 1 月 1 日``: a sentence)."""
    tokens = run.split(" ")
    out: list[tuple[int, str]] = []
    start, pos, current = 0, 0, ""
    for k, token in enumerate(tokens):
        numbered = any(p.match(token) for _, p in NUMBERING)
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        value_after_text = is_value_like(token) and bool(current) and _CJK_END.search(current) is not None \
            and (after is None or after in _UNITS or is_value_like(after))  # not 为 1 月 1 日
        if current and (numbered or value_after_text):
            out.append((start, current))
            start, current = pos, token
        else:
            current = f"{current} {token}" if current else token
            if len(current) == len(token):
                start = pos
        pos += len(token) + 1
    out.append((start, current))
    return out


def fragments_of(index: int, text: str, wide: bool) -> list[Fragment]:
    """The fragments of one line, positioned by characters or by display width."""
    out: list[Fragment] = []
    for m in _GAP.finditer(text):
        for offset, piece in _pieces(m.group(0)):
            begin = m.start() + offset
            x0 = display_width(text[:begin]) if wide else begin
            width = display_width(piece) if wide else len(piece)
            out.append(Fragment(index, float(x0), float(x0 + width), piece))
    return out


def _value_spread(lines: list[list[Fragment]]) -> float:
    """How badly the last values of value-heavy lines line up (lower is better)."""
    ends: dict[int, list[float]] = {}
    for frags in lines:
        tail = 0
        for f in reversed(frags):
            if not f.is_value:
                break
            tail += 1
        if tail >= 3:
            ends.setdefault(tail, []).append(frags[-1].x1)
    spreads = [pstdev(v) for v in ends.values() if len(v) >= 2]
    return sum(spreads) / len(spreads) if spreads else 0.0


def metric_and_fragments(texts: list[str], paged: bool = False) -> tuple[bool, list[list[Fragment]]]:
    """Whether the text is aligned by display width (CJK = two columns: the values line
    up clearly better that way; never for paged text, which pdftotext aligns by
    characters), and each line's fragments under the metric chosen."""
    narrow = [fragments_of(i, t, False) for i, t in enumerate(texts)]
    if paged or not any(display_width(t) != len(t) for t in texts):
        return False, narrow
    wide = [fragments_of(i, t, True) for i, t in enumerate(texts)]
    if _value_spread(wide) < 0.5 * _value_spread(narrow):
        return True, wide
    return False, narrow


def choose_metric(texts: list[str]) -> bool:
    """True when the text is aligned by display width (CJK = two columns): the values
    line up clearly better that way."""
    return metric_and_fragments(texts)[0]


def to_lines(raw: list[tuple[int, int, str]], wide: bool,
             fragments: list[list[Fragment]] | None = None) -> list[Line]:
    """(file line number, page, text) triples as positioned lines (`fragments`: each
    line's, when already cut under the metric `wide`)."""
    cut = fragments if fragments is not None else [
        fragments_of(i, t, wide) for i, (_, _, t) in enumerate(raw)]
    lines = [Line(i, no, page, text, cut[i]) for i, (no, page, text) in enumerate(raw)]
    widths: dict[int, float] = {}
    for ln in lines:
        if ln.fragments:
            widths[ln.page] = max(widths.get(ln.page, 0.0), ln.fragments[-1].x1)
    for ln in lines:
        ln.page_width = widths.get(ln.page, 0.0)
    return lines
