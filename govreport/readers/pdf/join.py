"""Tables continued on the next page become one raw table (which pieces
continue each other, and how their seam reads, is decided in `seam`).

The pieces of a ruled table are stacked into one coordinate space (each
piece shifted to sit right under the one before), so that the seam between
pages is an ordinary row boundary: present where either page printed a
ruling along it, absent where a cell runs on (a vertically merged label, a
row cut by the page break). A header row repeated at the top of the next page
is dropped first.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from govreport.model import Location, positional_constructor
from govreport.readers.pdf.cells import CellBox, cells_to_text, grid_to_cells, texts_where
from govreport.readers.pdf.pages import TablePart
from govreport.readers.pdf.parts import is_edge
from govreport.readers.pdf.rulings import SNAP, Grid, Rulings, Segment, cluster, make_segment, snap_and_join
from govreport.readers.pdf.seam import cut_cells, repeated_header_rows, row_cut, values_meet
from govreport.readers.pdf.text import Glyph, shift_glyphs
from govreport.tables.raw import RawCell, RawTable

# a raw cell and its place per grid cell: see positional_constructor
_make_raw_cell = positional_constructor(RawCell)
_make_location = positional_constructor(Location)


def _cut_top(part: TablePart, n: int) -> tuple[Grid, list[Glyph]]:
    """The piece without its first `n` rows."""
    assert part.grid is not None
    g = part.grid
    y = g.ys[n]
    hs = tuple(s for s in g.rulings.horizontal if s.pos >= y - SNAP)
    vs = tuple(
        Segment(False, s.pos, max(s.start, y), s.end) for s in g.rulings.vertical if s.end > y + SNAP
    )
    grid = Grid(g.page, g.xs, g.ys[n:], Rulings(g.page, hs, vs))
    return grid, [gl for gl in part.glyphs if gl.cy >= y]


def _has_rule(segs: Sequence[Segment], y: float) -> bool:
    return any(abs(s.pos - y) <= SNAP for s in segs)


def _near(sorted_pos: Sequence[float], y: float) -> bool:
    i = bisect.bisect_left(sorted_pos, y - SNAP)
    return i < len(sorted_pos) and sorted_pos[i] <= y + SNAP


@dataclass(frozen=True, slots=True)
class _Origin:
    page: int
    offset: float
    start: float
    end: float


def ruled_chain_to_raw(chain: Sequence[TablePart]) -> tuple[RawTable, list[int]]:
    """One raw table (spans known) from the pieces of a ruled table, and the
    numbers of header rows dropped on continuation pages."""
    first = chain[0]
    assert first.grid is not None
    origins = [_Origin(first.page, 0.0, first.grid.ys[0], first.grid.ys[-1])]
    if len(chain) == 1:
        return _raw_table(first, first.grid, first.cells, _all_texts(first), origins), []
    done: list[Segment] = []  # horizontal rulings above the last seam, settled
    tail = list(first.grid.rulings.horizontal)  # those of the last piece stacked so far
    vs = list(first.grid.rulings.vertical)
    xs = list(first.grid.xs)
    ys = list(first.grid.ys)
    glyphs = list(first.glyphs)
    dropped: list[int] = []
    for prev, b in itertools.pairwise(chain):
        n = repeated_header_rows(first, b)
        dropped.append(n)
        grid, gl = _cut_top(b, n) if n else (b.grid, list(b.glyphs))
        assert grid is not None
        seam = ys[-1]
        off = seam - grid.ys[0]
        b_hs = [make_segment(True, s.pos + off, s.start, s.end) for s in grid.rulings.horizontal]
        whole = (min(xs[0], grid.xs[0]), max(xs[-1], grid.xs[-1]))
        if not _has_rule(tail, seam) and not _has_rule(b_hs, seam):
            if values_meet(prev, b, n):
                tail.append(Segment(True, seam, *whole))
        else:
            opened = [whole] if row_cut(prev, b, n) else cut_cells(prev, b, n)
            if opened:
                tail = _open_seam(tail, seam, opened)
                b_hs = _open_seam(b_hs, seam, opened)
        done += tail
        tail = b_hs
        vs += [make_segment(False, s.pos, s.start + off, s.end + off) for s in grid.rulings.vertical]
        glyphs += shift_glyphs(gl, off)
        xs += list(grid.xs)
        origins.append(_Origin(b.page, off, seam, grid.ys[-1] + off))
        ys += [y + off for y in grid.ys[1:]]
    rulings = Rulings(first.page, tuple(snap_and_join(done + tail)), tuple(snap_and_join(vs)))
    # a seam left without any ruling is no row boundary: the row runs on
    ruled = [s.pos for s in rulings.horizontal]  # sorted by snap_and_join
    ys = [y for k, y in enumerate(ys) if k in (0, len(ys) - 1) or _near(ruled, y)]
    grid = Grid(first.page, tuple(cluster(xs)), tuple(ys), rulings)
    cells = grid_to_cells(grid)
    texts, _ = cells_to_text(grid, cells, glyphs)
    return _raw_table(first, grid, cells, texts, origins), dropped


def _all_texts(part: TablePart) -> list[str]:
    """Every cell's text of a piece that is a whole table: the page stage took
    those of its edge rows; the inner cells' are taken now, from the same glyphs."""
    assert part.grid is not None
    n = part.grid.n_rows
    return texts_where(part.grid, part.cells, part.glyphs, lambda cb: not is_edge(cb, n), part.texts)


def _raw_table(first: TablePart, grid: Grid, cells: Sequence[CellBox], texts: Sequence[str],
               origins: Sequence[_Origin]) -> RawTable:
    """The raw table of a grid's cells; each cell's box given on the page it is printed on."""
    starts = [o.start - 0.01 for o in origins]
    rows: list[list[RawCell]] = [[] for _ in range(grid.n_rows)]
    ys, right = grid.ys, bisect.bisect_right
    one = origins[0] if len(origins) == 1 else None
    # A table's boxes share a few dozen edges: each is rounded once. A zero
    # found (or a value rounding to zero) is rounded again, so that 0.0 and
    # -0.0, one key, keep their own sign: hence `get(v) or r2(v)`.
    rounded = {v: round(v, 2) for v in (*grid.xs, *ys)}
    get = rounded.get

    def r2(v: float) -> float:
        got = rounded[v] = round(v, 2)
        return got

    for cb, text in zip(cells, texts, strict=True):
        o = one or origins[max(0, right(starts, ys[cb.row]) - 1)]
        x0, top, x1, bottom = cb.bbox
        off = o.offset
        top -= off
        bottom = (o.end if o.end < bottom else bottom) - off
        bbox = (get(x0) or r2(x0), get(top) or r2(top), get(x1) or r2(x1), get(bottom) or r2(bottom))
        # line, page, bbox, table, row, col, ref; then text, col, row_span, col_span, nested, source
        where = _make_location(None, o.page, bbox, None, None, None, None)
        rows[cb.row].append(_make_raw_cell(text, cb.col, cb.row_span, cb.col_span, (), where))
    return RawTable(
        tuple(tuple(sorted(r, key=_col_or_0)) for r in rows),
        spans_known=True,
        n_cols=grid.n_cols,
        strategy="ruled",
        source=Location(page=first.page, bbox=_round(first.bbox)),
    )


def _col_or_0(cell: RawCell) -> int:
    return cell.col or 0


def _open_seam(segs: list[Segment], y: float, opened: list[tuple[float, float]]) -> list[Segment]:
    """Remove the ruling at `y` over the `opened` x ranges."""
    out: list[Segment] = []
    for s in segs:
        if abs(s.pos - y) > SNAP:
            out.append(s)
            continue
        pieces = [(s.start, s.end)]
        for x0, x1 in opened:
            nxt = []
            for a0, a1 in pieces:
                if x1 <= a0 + SNAP or x0 >= a1 - SNAP:
                    nxt.append((a0, a1))
                    continue
                if x0 - a0 > SNAP:
                    nxt.append((a0, x0))
                if a1 - x1 > SNAP:
                    nxt.append((x1, a1))
            pieces = nxt
        out += [Segment(True, s.pos, a0, a1) for a0, a1 in pieces]
    return out


def text_chain_to_raw(chain: Sequence[TablePart]) -> tuple[RawTable, list[int]]:
    """One raw table (spans unknown) from the pieces of an unruled table."""
    first = chain[0]
    rows = [(first.page, r) for r in first.rows]
    dropped: list[int] = []
    for b in chain[1:]:
        n = 0
        limit = min(len(b.rows) - 1, len(first.rows), 4)
        while n < limit and [t for t, _ in b.rows[n]] == [t for t, _ in first.rows[n]]:
            n += 1
        dropped.append(n)
        rows += [(b.page, r) for r in b.rows[n:]]
    raw_rows = tuple(
        tuple(RawCell(t, source=Location(page=page, bbox=_round(bb))) for t, bb in r)
        for page, r in rows
    )
    raw = RawTable(
        raw_rows,
        spans_known=False,
        n_cols=max((len(r) for r in raw_rows), default=0),
        strategy=first.strategy,
        source=Location(page=first.page, bbox=_round(first.bbox)),
    )
    return raw, dropped


def _round(bb: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(bb[0], 2), round(bb[1], 2), round(bb[2], 2), round(bb[3], 2))
