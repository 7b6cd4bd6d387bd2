"""Stages 3 and 4 of the ruled-table pipeline: grid → cells → text.

A cell is a rectangle of grid slots: two neighbouring slots belong to one
cell unless a ruling actually runs along their common edge. That is where a
ruled PDF table's row_span and col_span come from. Text is then given to the
cell containing each character's centre, so a number is never split between
cells nor glued to its neighbour.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from govreport.model import positional_constructor
from govreport.readers.pdf import text
from govreport.readers.pdf.rulings import SNAP, EdgeIndex, Grid, Segment
from govreport.readers.pdf.text import Glyph, glyphs_to_text


@dataclass(frozen=True, slots=True)
class CellBox:
    """A cell of a grid: anchor slot, spans and box (points, page coordinates)."""

    row: int
    col: int
    row_span: int
    col_span: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TextCell:
    """A cell with its text, and where it is printed (page and box on that page)."""

    box: CellBox
    text: str
    page: int
    bbox: tuple[float, float, float, float]


_make_cell_box = positional_constructor(CellBox)  # one per cell: see positional_constructor


def grid_to_cells(grid: Grid) -> tuple[CellBox, ...]:
    """Cover the grid's slots with rectangles bounded by printed rulings.

    Slots are taken in reading order; a cell grows right while no ruling
    separates the next slot, then down while no ruling runs under any of its
    columns. Every slot ends up in exactly one cell. The compiled stages do
    this where built (`text.native`), with the same results.
    """
    native, lists = text.native, text.LISTS
    xs, ys = grid.xs, grid.ys
    if native is not None and type(xs) in lists and type(ys) in lists:
        v_index, h_index = EdgeIndex(grid.rulings.vertical), EdgeIndex(grid.rulings.horizontal)
        got: tuple[CellBox, ...] | None = native.grid_to_cells(
            xs, ys, [v_index.near(x) for x in xs], [h_index.near(y) for y in ys], SNAP, _make_cell_box
        )
        if got is not None:
            return got
    return _grid_to_cells(grid)


def _grid_to_cells(grid: Grid) -> tuple[CellBox, ...]:
    n_rows, n_cols = grid.n_rows, grid.n_cols
    xs, ys = grid.xs, grid.ys
    # v[r][c]: a ruling between slot (r, c-1) and (r, c); h[r][c]: between (r-1, c) and (r, c)
    v = edges_printed(grid.rulings.vertical, xs, ys)
    h = edges_printed(grid.rulings.horizontal, ys, xs)
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells: list[CellBox] = []
    for r in range(n_rows):
        taken_r, v_r = taken[r], v[r]
        for c in range(n_cols):
            if taken_r[c]:
                continue
            cs = 1
            while c + cs < n_cols and not taken_r[c + cs] and not v_r[c + cs]:
                cs += 1
            rs = 1
            if cs == 1:  # most cells: one column to look under
                h_c = h[c]
                while r + rs < n_rows and not taken[r + rs][c] and not h_c[r + rs]:
                    taken[r + rs][c] = True
                    rs += 1
                taken_r[c] = True
            else:
                while r + rs < n_rows:
                    below, taken_below = r + rs, taken[r + rs]
                    if any(taken_below[k] or h[k][below] for k in range(c, c + cs)):
                        break
                    rs += 1
                for rr in range(r, r + rs):
                    row = taken[rr]
                    for cc in range(c, c + cs):
                        row[cc] = True
            cells.append(_make_cell_box(r, c, rs, cs, (xs[c], ys[r], xs[c + cs], ys[r + rs])))
    return tuple(cells)


def edges_printed(
    segs: Sequence[Segment], bounds: Sequence[float], cross: Sequence[float]
) -> list[list[bool]]:
    """For rulings of one direction: out[i][k] tells whether a ruling runs along
    most of the slot edge at boundary `bounds[k]` between `cross[i]` and
    `cross[i + 1]` (the test of `covered`, for every edge at once)."""
    index = EdgeIndex(segs)
    out = [[False] * len(bounds) for _ in range(len(cross) - 1)]
    if not cross:
        return out
    first, last = cross[0], cross[-1]
    for k, pos in enumerate(bounds):
        near = index.near(pos)
        if not near:
            continue
        if any(s.start <= first and s.end >= last for s in near):
            # one ruling runs the whole way: every edge along it has all it needs
            for row in out:
                row[k] = True
            continue
        for i in range(len(cross) - 1):
            start, end = cross[i], cross[i + 1]
            need = end - start
            if need <= 0:
                out[i][k] = True
                continue
            got = 0.0
            for s in near:
                overlap = (s.end if s.end < end else end) - (s.start if s.start > start else start)
                if overlap > 0:
                    got += overlap
            out[i][k] = got >= 0.6 * need - SNAP
    return out


def slot_of(grid: Grid, x: float, y: float) -> tuple[int, int] | None:
    """The grid slot containing a point, or None outside the grid."""
    if not (grid.xs[0] <= x < grid.xs[-1] and grid.ys[0] <= y < grid.ys[-1]):
        return None
    return bisect.bisect_right(grid.ys, y) - 1, bisect.bisect_right(grid.xs, x) - 1


def cells_to_text(
    grid: Grid, cells: Sequence[CellBox], glyphs: Sequence[Glyph]
) -> tuple[list[str], list[Glyph]]:
    """Each cell's text from the glyphs whose centre it contains, lines joined.

    Returns the texts (parallel to `cells`) and the glyphs outside the grid.
    The compiled stages do this where built (`text.native`), with the same results.
    """
    native, lists = text.native, text.LISTS
    xs, ys = grid.xs, grid.ys
    if native is not None and type(xs) in lists and type(ys) in lists and type(cells) in lists and (
        type(glyphs) in lists
    ):
        got: tuple[list[str], list[Glyph]] | None = native.cells_to_text(xs, ys, cells, glyphs, Glyph)
        if got is not None:
            return got
    return _cells_to_text(grid, cells, glyphs)


def _cells_to_text(
    grid: Grid, cells: Sequence[CellBox], glyphs: Sequence[Glyph]
) -> tuple[list[str], list[Glyph]]:
    xs, ys = grid.xs, grid.ys
    owner = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]  # slot → index of its cell
    for i, cb in enumerate(cells):
        for r in range(cb.row, cb.row + cb.row_span):
            row = owner[r]
            for c in range(cb.col, cb.col + cb.col_span):
                row[c] = i
    inside: list[list[Glyph]] = [[] for _ in cells]
    outside: list[Glyph] = []
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    right = bisect.bisect_right
    for g in glyphs:
        x, y = g.cx, g.cy
        if not (x_lo <= x < x_hi and y_lo <= y < y_hi):
            outside.append(g)
            continue
        k = owner[right(ys, y) - 1][right(xs, x) - 1]
        if k < 0:
            outside.append(g)
        else:
            inside[k].append(g)
    return [glyphs_to_text(gs) for gs in inside], outside


def texts_where(
    grid: Grid, cells: Sequence[CellBox], glyphs: Sequence[Glyph], pick: Callable[[CellBox], bool],
    texts: Sequence[str],
) -> list[str]:
    """`texts` (parallel to `cells`) with the text of each cell `pick` chooses taken
    from `glyphs` (`cells_to_text` over those cells only)."""
    chosen = [i for i, cb in enumerate(cells) if pick(cb)]
    got, _ = cells_to_text(grid, [cells[i] for i in chosen], glyphs)
    out = list(texts)
    for i, t in zip(chosen, got, strict=True):
        out[i] = t
    return out


def row_signature(
    cells: Sequence[CellBox], texts: Sequence[str], row: int
) -> tuple[tuple[float, float, str], ...]:
    """What a row shows, for recognising a header row repeated on the next page:
    each cell anchored in the row as its x extent and its text without spaces.
    (x, not grid columns: the next page's grid may lack a column boundary that
    no row on it uses.)"""
    return tuple(
        sorted(
            (cb.bbox[0], cb.bbox[2], "".join(t.split()))
            for cb, t in zip(cells, texts, strict=True)
            if cb.row == row
        )
    )


def same_signature(
    a: Sequence[tuple[float, float, str]],
    b: Sequence[tuple[float, float, str]],
    tol: float,
    same_text: Callable[[str, str], bool] = operator.eq,
) -> bool:
    """Two row signatures that show the same cells (x extents within `tol`, texts
    equal by `same_text`)."""
    return len(a) == len(b) and all(
        abs(a0 - b0) <= tol and abs(a1 - b1) <= tol and same_text(ta, tb)
        for (a0, a1, ta), (b0, b1, tb) in zip(a, b, strict=True)
    )
