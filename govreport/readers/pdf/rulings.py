"""Stages 1 and 2 of the ruled-table pipeline: page → rulings → grid.

Rulings are the printed lines of a page: line objects and the edges of
stroked or shaded rectangles (WPS and Word draw table borders either way).
They are snapped (segments a hair apart become one) and joined (collinear
pieces that touch become one). Connected rulings form a table region; its
grid is the set of column and row boundaries. Every intermediate result is a
small dataclass so that `govreport.readers.pdf.debug` can draw it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govreport.model import positional_constructor
from govreport.readers.pdf.source import RGB, SourcePage

SNAP = 3.0  # points: rulings closer than this are one ruling
JOIN = 3.0  # points: collinear pieces with a smaller gap are one segment
MIN_CELL = 2.0  # points: narrower column/row slots are artefacts


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (`pos` = y, from `start` to `end` in x) or vertical ruling."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Rulings:
    """The snapped and joined rulings of one page (or of one table region)."""

    page: int
    horizontal: tuple[Segment, ...]
    vertical: tuple[Segment, ...]
    shades: tuple[tuple[float, float, float, float], ...] = ()  # filled, unstroked boxes

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [s.pos for s in self.vertical] + [e for s in self.horizontal for e in (s.start, s.end)]
        ys = [s.pos for s in self.horizontal] + [e for s in self.vertical for e in (s.start, s.end)]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True, slots=True)
class Grid:
    """Column boundaries `xs` and row boundaries `ys` of a table region, with the
    rulings that say where a slot boundary is actually printed."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    rulings: Rulings

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1


make_segment = positional_constructor(Segment)  # Segment(horizontal, pos, start, end), made per ruling


def _is_white(color: RGB | None) -> bool:
    return color is None or all(v >= 0.98 for v in color)


def page_to_rulings(page: SourcePage) -> Rulings:
    """The printed lines of a page, snapped and joined.

    Invisible rectangles (white fill, no stroke: WPS cell backgrounds) give no
    rulings; thin filled rectangles are lines; stroked rectangles give their
    four edges. Shaded rectangles without a stroke are no rulings (a shaded
    header row without lines would read as a one-row table): they are kept
    as `shades`, which the text fallbacks read as rows.
    """
    raw: list[Segment] = []
    shades: list[tuple[float, float, float, float]] = []
    width, height = page.width, page.height
    for p in page.paths:
        x0, top, x1, bottom = p.x0, p.top, p.x1, p.bottom
        if not p.rect:
            if bottom - top <= x1 - x0:
                raw.append(make_segment(True, (top + bottom) / 2, x0, x1))
            else:
                raw.append(make_segment(False, (x0 + x1) / 2, top, bottom))
            continue
        w, h = x1 - x0, bottom - top
        stroked = p.stroke and not _is_white(p.stroke_color)
        filled = p.fill and not _is_white(p.fill_color)
        if not (stroked or filled):
            continue
        if w >= width * 0.95 and h >= height * 0.95:
            continue  # a page background
        if h <= MIN_CELL and w > h:
            raw.append(make_segment(True, (top + bottom) / 2, x0, x1))
        elif w <= MIN_CELL:
            raw.append(make_segment(False, (x0 + x1) / 2, top, bottom))
        elif not stroked:
            shades.append((x0, top, x1, bottom))
        else:
            raw += [
                make_segment(True, top, x0, x1),
                make_segment(True, bottom, x0, x1),
                make_segment(False, x0, top, bottom),
                make_segment(False, x1, top, bottom),
            ]
    raw = [s for s in raw if s.end - s.start > 0.5]
    return Rulings(
        page.number,
        tuple(snap_and_join([s for s in raw if s.horizontal])),
        tuple(snap_and_join([s for s in raw if not s.horizontal])),
        tuple(shades),
    )


def cluster(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Cluster sorted positions closer than `tol` (chained) and return their means."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _nearest(v: float, centers: Sequence[float]) -> float:
    """The center closest to `v` (`centers` sorted; the lower one on a tie)."""
    i = bisect.bisect_left(centers, v)
    if i == 0:
        return centers[0]
    if i == len(centers):
        return centers[-1]
    lo, hi = centers[i - 1], centers[i]
    return lo if v - lo <= hi - v else hi


def snap_and_join(segs: list[Segment], snap: float = SNAP, join: float = JOIN) -> list[Segment]:
    """Collinear segments within `snap` get one position; overlapping or nearly
    touching pieces (gap ≤ `join`) become one segment."""
    if not segs:
        return []
    centers = cluster([s.pos for s in segs], snap)
    by_pos: dict[float, list[Segment]] = {}
    for s in segs:
        by_pos.setdefault(_nearest(s.pos, centers), []).append(s)
    out: list[Segment] = []
    for pos, group in sorted(by_pos.items()):
        group.sort(key=lambda s: s.start)
        horizontal = group[0].horizontal
        start, end = group[0].start, group[0].end
        for s in group[1:]:
            if s.start <= end + join:
                if s.end > end:
                    end = s.end
            else:
                out.append(make_segment(horizontal, pos, start, end))
                start, end = s.start, s.end
        out.append(make_segment(horizontal, pos, start, end))
    return out


def rulings_to_regions(rulings: Rulings, tol: float = SNAP) -> list[Rulings]:
    """Split a page's rulings into connected groups (one per table or box),
    top to bottom. Parallel rulings are connected only through crossing ones
    (meeting within `tol`)."""
    hs, vs = list(rulings.horizontal), list(rulings.vertical)
    n_h = len(hs)  # the verticals follow the horizontals in `parent`
    parent = list(range(n_h + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # A horizontal and a vertical ruling meet when each reaches the other's
    # position (within `tol`). The verticals by position: a horizontal ruling
    # looks only at those within its reach, then at whether they reach its height.
    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    at = [vs[j].pos for j in order]
    reach = [(v.start - tol, v.end + tol) for v in vs]
    for i, h in enumerate(hs):
        y = h.pos
        for j in order[bisect.bisect_left(at, h.start - tol):bisect.bisect_right(at, h.end + tol)]:
            lo, hi = reach[j]
            if lo <= y <= hi:
                parent[find(i)] = find(n_h + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    regions = [Rulings(rulings.page, tuple(h), tuple(v)) for h, v in groups.values()]
    regions.sort(key=_top_left)
    return regions


def _top_left(region: Rulings) -> tuple[float, float]:
    x0, top, _, _ = region.bbox
    return (top, x0)


def rulings_to_grid(region: Rulings) -> Grid | None:
    """Column and row boundaries of a ruled region, or None when it is not a
    table (fewer than two columns or two rows: a box, an underline, a frame)."""
    x0, top, x1, bottom = region.bbox
    xs = cluster([s.pos for s in region.vertical] + [x0, x1])
    ys = cluster([s.pos for s in region.horizontal] + [top, bottom])
    xs = _drop_thin(xs)
    ys = _drop_thin(ys)
    if len(xs) < 2 or len(ys) < 2:
        return None
    if len(region.vertical) < 2 or len(region.horizontal) < 1:
        return None
    if (len(xs) - 1) * (len(ys) - 1) < 2:
        return None
    return Grid(region.page, tuple(xs), tuple(ys), region)


def rulings_to_box(region: Rulings) -> Grid | None:
    """A single closed box (one cell) as a one-slot grid, or None.

    Not a table by itself, but it can be the part of a table that a page
    break left alone: a caption row at the foot of a page, a note row at the
    head of the next.
    """
    x0, top, x1, bottom = region.bbox
    if x1 - x0 < 4 * MIN_CELL or bottom - top < 4 * MIN_CELL:
        return None
    closed = (
        covered(region.vertical, x0, top, bottom) and covered(region.vertical, x1, top, bottom)
        and covered(region.horizontal, top, x0, x1) and covered(region.horizontal, bottom, x0, x1)
    )
    if not closed or len(cluster([s.pos for s in region.vertical])) != 2:
        return None
    if len(cluster([s.pos for s in region.horizontal])) != 2:
        return None
    return Grid(region.page, (x0, x1), (top, bottom), region)


def _drop_thin(vals: list[float]) -> list[float]:
    out: list[float] = []
    for v in vals:
        if out and v - out[-1] < MIN_CELL:
            continue
        out.append(v)
    return out


class EdgeIndex:
    """Rulings of one direction sorted by position, so that asking whether a
    slot edge is printed looks only at the rulings near it (a table stacked
    from hundreds of pages has thousands of rulings)."""

    __slots__ = ("_pos", "_segs")

    def __init__(self, segs: Iterable[Segment]) -> None:
        self._segs = sorted(segs, key=lambda s: (s.pos, s.start))
        self._pos = [s.pos for s in self._segs]

    def near(self, pos: float, tol: float = SNAP) -> list[Segment]:
        """The rulings within `tol` of `pos`."""
        lo = bisect.bisect_left(self._pos, pos - tol)
        hi = bisect.bisect_right(self._pos, pos + tol)
        return [s for s in self._segs[lo:hi] if abs(s.pos - pos) <= tol]

    def covered(self, pos: float, start: float, end: float, tol: float = SNAP) -> bool:
        """True when rulings at `pos` run along most of the slot edge [start, end]."""
        lo = bisect.bisect_left(self._pos, pos - tol)
        hi = bisect.bisect_right(self._pos, pos + tol)
        return covered(self._segs[lo:hi], pos, start, end, tol)


def covered(segs: Sequence[Segment], pos: float, start: float, end: float, tol: float = SNAP) -> bool:
    """True when rulings at `pos` run along most of the slot edge [start, end]."""
    need = end - start
    if need <= 0:
        return True
    got = 0.0
    for s in segs:
        if abs(s.pos - pos) <= tol:
            got += max(0.0, min(s.end, end) - max(s.start, start))
    return got >= 0.6 * need - tol
