"""Where a page break meets a table: does the table go on, and how.

A table piece first on a page continues the last piece of the page before
when nothing is printed between them, the columns agree and the piece stands
at the very top of the text area (`pages_to_chains`). Header rows repeated
at the head of the continuation are recognised by their cells' x extents and
texts (`repeated_header_rows`), compared without their punctuation and, when
long, allowing a slip of about one character in ten: a scanned page's OCR may
read one mark or character of the repeated header differently.

Then the seam between two pieces: one row boundary, a cut cell or a cut row.
The seam is the last row of a table's piece on page N against the first body
row of its continuation on page N+1 (repeated header rows already skipped).
Cells of the two rows are paired by their x extent. LibreOffice lets a row
break across pages and draws a border on both sides of the break, so the
rulings alone cannot tell a cut row from two rows; the texts and the
geometry of the continued text can:

- a row cut in two leaves the next page's part with no values and with label
  texts that run on (no new numbering), printed from the very top of the cell;
- a label cell merged down over several rows leaves an empty part under a
  label, while the cells beside it start a new row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from govreport.readers.pdf.cells import CellBox, row_signature, same_signature
from govreport.readers.pdf.pages import PageFacts, TablePart
from govreport.readers.pdf.text import Glyph
from govreport.tables.template import is_official_label
from govreport.textutil import is_number, is_value_like, nfkc

EDGE_TOL = 6.0  # points: cell edges on two pages that agree
CJK_TEXT = re.compile(r"[\u4e00-\u9fff]")
DIGITS = re.compile(r"\d")
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．](?!\d))"
)
TOP_GAP = 0.4  # font sizes: continued text starts at most this far below its cell's top
LONG_HEADER = 8  # characters: a header this long may differ by an OCR slip and still repeat
HEADER_RATIO = 0.9


def same_columns(a: TablePart, b: TablePart) -> bool:
    """Do two pieces have the same column layout (one's boundaries a subset of the other's)?"""
    if (a.grid is None) != (b.grid is None):
        return False
    if a.grid is None or b.grid is None:  # text fallbacks: as many columns, side by side
        if not a.rows or not b.rows:
            return False
        overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
        return (max(map(len, a.rows)) == max(map(len, b.rows))
                and overlap >= 0.5 * min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0]))
    ax, bx = a.grid.xs, b.grid.xs
    if abs(ax[0] - bx[0]) > EDGE_TOL or abs(ax[-1] - bx[-1]) > EDGE_TOL:
        return False
    small, large = (ax, bx) if len(ax) <= len(bx) else (bx, ax)
    if all(min(abs(x - y) for y in large) <= EDGE_TOL for x in small):
        return True
    # Rows of one table may draw different inner boundaries (table 2's blocks span
    # their columns differently): sharing one is enough beside the same outer edges.
    return any(min(abs(x - y) for y in large[1:-1]) <= EDGE_TOL for x in small[1:-1])


TOP_TOL = 8.0  # points: a continued table starts this close to the top of the text area


def body_tops(pages: Sequence[PageFacts]) -> dict[int, float]:
    """The top of the text area for each page height (portrait and landscape
    pages differ): the highest thing the pages print, page furniture already
    removed. Page 1 counts only when no other page has its height (a
    letterhead may stand above its text area)."""
    tops: dict[int, list[tuple[int, float]]] = {}
    for p in pages:
        ys = [ln.top for ln in p.lines] + [t.bbox[1] for t in p.tables]
        if ys:
            tops.setdefault(round(p.height), []).append((p.number, min(ys)))
    return {key: min((y for n, y in found if n != 1), default=min(y for _, y in found))
            for key, found in tops.items()}


def continues(prev: PageFacts, a: TablePart, page: PageFacts, b: TablePart, tops: dict[int, float]) -> bool:
    """Is `b`, first on `page`, the rest of `a`, last on the page before?

    Nothing printed between them, the same columns, and `b` at the very top of
    the text area (lower down, something unprinted stands before it, such as
    the empty paragraph between two tables). The room left under `a` says
    nothing: producers keep rows with the next one or leave widows.
    """
    if prev.number != page.number - 1:
        return False
    if any(ln.bottom <= b.bbox[1] + 1 for ln in page.lines):
        return False
    if any(ln.top >= a.bbox[3] - 1 for ln in prev.lines):
        return False
    if not same_columns(a, b):
        return False
    return b.bbox[1] - tops.get(round(page.height), b.bbox[1]) <= TOP_TOL


def pages_to_chains(pages: Sequence[PageFacts]) -> list[list[TablePart]]:
    """Group table pieces: a table ending a page and its continuation starting
    the next page are one table."""
    tops = body_tops(pages)
    chains: list[list[TablePart]] = []
    prev: PageFacts | None = None
    for p in pages:
        for k, part in enumerate(p.tables):
            if (
                k == 0
                and prev is not None
                and prev.tables
                and chains
                and chains[-1][-1] is prev.tables[-1]
                and continues(prev, prev.tables[-1], p, part, tops)
            ):
                chains[-1].append(part)
            else:
                chains.append([part])
        prev = p
    return chains


def repeated_header_rows(first: TablePart, b: TablePart) -> int:
    """How many leading rows of `b` repeat the leading rows of the table's first piece."""
    assert first.grid is not None and b.grid is not None
    n = 0
    limit = min(first.grid.n_rows, b.grid.n_rows - 1, 4)
    while n < limit:
        sa = row_signature(first.cells, first.texts, n)
        sb = row_signature(b.cells, b.texts, n)
        if not sa or not same_signature(sa, sb, EDGE_TOL, same_header_text) or not any(t for _, _, t in sa):
            break
        if any(is_number(t) for _, _, t in sa):
            break  # a row of values is data, even when the next page repeats it
        n += 1
    return n


def _folded(text: str) -> str:
    """A header text without its punctuation and with full-width forms folded: what
    two printings of one header share however a scan's OCR read their marks."""
    return "".join(c for c in nfkc(text) if c.isalnum())


def same_header_text(a: str, b: str) -> bool:
    """Do two cell texts print the same header? The same words once punctuation is
    left aside, or (a long header, read by OCR) all but about one character in ten."""
    if a == b:
        return True
    fa, fb = _folded(a), _folded(b)
    if fa == fb:
        return bool(fa)  # texts of punctuation alone (a dash, a slash) must be equal
    return min(len(fa), len(fb)) >= LONG_HEADER and SequenceMatcher(None, fa, fb).ratio() >= HEADER_RATIO



@dataclass(frozen=True, slots=True)
class SeamPair:
    """A cell ending the piece on page N above a cell starting the piece on page N+1."""

    x0: float
    x1: float
    above: CellBox | None
    above_text: str
    below: CellBox
    below_text: str


def seam_pairs(a: TablePart, b: TablePart, n: int) -> list[SeamPair]:
    """The cells of `b`'s row `n`, each with the cell of `a`'s last row at the same x extent."""
    if a.grid is None or b.grid is None:
        return []
    last = a.grid.n_rows - 1
    ends = [(cb, t) for cb, t in zip(a.cells, a.texts, strict=True)
            if cb.row + cb.row_span - 1 == last]
    out: list[SeamPair] = []
    for cb, t in zip(b.cells, b.texts, strict=True):
        if cb.row != n:
            continue
        match = next(((ca, ta) for ca, ta in ends
                      if abs(ca.bbox[0] - cb.bbox[0]) <= EDGE_TOL
                      and abs(ca.bbox[2] - cb.bbox[2]) <= EDGE_TOL), (None, ""))
        out.append(SeamPair(cb.bbox[0], cb.bbox[2], match[0], match[1].strip(), cb, t.strip()))
    return out


def _runs_on(p: SeamPair) -> bool:
    """Does the text below read as the rest of the label above (not a new item, not a
    value, not a label or caption of the official tables in its own right)?"""
    return (
        bool(p.below_text)
        and not is_value_like(p.below_text)
        and not NUMBERED.match(p.below_text)
        and bool(CJK_TEXT.search(p.above_text))
        and not is_value_like(p.above_text)
        and not is_official_label(p.below_text)
    )


def _glyphs_in(part: TablePart, cell: CellBox) -> list[Glyph]:
    x0, top, x1, bottom = cell.bbox
    return [g for g in part.glyphs if x0 <= g.cx < x1 and top <= g.cy < bottom]


def _starts_at_top(b: TablePart, cell: CellBox) -> bool:
    """Is the cell's first printed line at the very top of the cell (text carried over)?"""
    mine = _glyphs_in(b, cell)
    if not mine:
        return False
    first = min(mine, key=lambda g: g.top)
    return first.top - cell.bbox[1] <= max(2.5, TOP_GAP * first.size)


def _ends_at_bottom(a: TablePart, cell: CellBox) -> bool:
    """Is the cell's last printed line at the very bottom of the cell (text cut off)?"""
    mine = _glyphs_in(a, cell)
    if not mine:
        return False
    last = max(mine, key=lambda g: g.bottom)
    return cell.bbox[3] - last.bottom <= max(2.5, TOP_GAP * last.size)


def _cut_text(a: TablePart, b: TablePart, p: SeamPair) -> bool:
    """A label whose text the break cut: it fills its cell down to the bottom on one
    page and goes on from the very top of the cell on the next, with no new numbering."""
    return p.above is not None and _runs_on(p) and _ends_at_bottom(a, p.above) and _starts_at_top(b, p.below)


def row_cut(a: TablePart, b: TablePart, n: int) -> bool:
    """Is `b`'s first body row the rest of `a`'s last row, cut by the page break?

    So when every cell of it is empty or runs on the label text above it (no
    value, no new numbering) and the run-on text is printed from the top of its
    cell; a wholly empty part is the cut-off bottom of the row above. A row cut
    with text on both sides also counts: no value above the break, and every
    label text cut by it (down to the bottom of its cell above, on from the top
    below) while the values are printed below.
    """
    pairs = seam_pairs(a, b, n)
    if not pairs or not any(p.above_text for p in pairs):
        return False
    running = []
    for p in pairs:
        if not p.below_text:
            continue
        if not _runs_on(p):
            return _values_below_cut_row(a, b, pairs)
        running.append(p)
    if not running:
        return True
    return any(_starts_at_top(b, p.below) for p in running)


def _values_below_cut_row(a: TablePart, b: TablePart, pairs: list[SeamPair]) -> bool:
    above_labels = [p for p in pairs if p.above_text]
    if not above_labels or any(is_value_like(p.above_text) for p in above_labels):
        return False  # the part above prints a value (or a placeholder): a row of its own
    labels_below = [p for p in pairs if p.below_text and not is_value_like(p.below_text)]
    return bool(labels_below) and all(_cut_text(a, b, p) for p in labels_below)


def cut_cells(a: TablePart, b: TablePart, n: int) -> list[tuple[float, float]]:
    """x ranges of cells that a page break cut in two although both pages drew
    a border there.

    A label cell whose part on the next page is empty runs on; so does an
    empty outer label cell left of the next page's first label (its text was
    printed on an earlier page: an outer label cannot end where the label
    inside it goes on). Once one cell runs on, label texts split mid-way
    (no new numbering) are rejoined too. Only the cells left of the next
    page's first printed cell can run on: right of it, an empty cell is a
    blank value (or blank label) of the new row.
    """
    pairs = sorted(seam_pairs(a, b, n), key=lambda p: p.x0)
    first_label = next((p.x0 for p in pairs
                        if p.below_text and not is_value_like(p.below_text)), None)
    first_text = next((p.x0 for p in pairs if p.below_text), None)
    runs_on: list[tuple[float, float]] = []
    for p in pairs:
        if p.below_text or p.above is None:
            continue
        if first_text is not None and p.x1 > first_text + EDGE_TOL:
            continue
        label_above = bool(CJK_TEXT.search(p.above_text)) and not is_value_like(p.above_text)
        outer_empty = not p.above_text and first_label is not None and p.x1 <= first_label + EDGE_TOL
        if label_above or outer_empty:
            runs_on.append((p.x0, p.x1))
    cut = [(p.x0, p.x1) for p in pairs if p.below_text and _cut_text(a, b, p)]
    if not runs_on:
        return cut  # a merged label whose text the break cut, beside a new row
    return runs_on + [(p.x0, p.x1) for p in pairs if _runs_on(p)]


def values_meet(a: TablePart, b: TablePart, n: int) -> bool:
    """With no ruling on either side of the seam, do both sides hold numbers in
    one column (two rows, not one row cut in two)?"""
    if a.grid is None or b.grid is None:
        return True
    return any(DIGITS.search(p.above_text) and DIGITS.search(p.below_text)
               for p in seam_pairs(a, b, n))
