"""Tables without a full ruling: horizontal rules only, or no rules at all.

Columns come from the x positions of printed text (the gaps no data line
crosses), rows from the rules (``horizontal_rules``) or from text lines
(``text_alignment``). Spans are lost: the result is rows of cell texts for the
table builder, a merged cell appearing once and a vertical continuation as
an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govreport.readers.pdf.rulings import Rulings, Segment, cluster
from govreport.readers.pdf.text import Glyph, TextLine, glyphs_to_lines, join_pieces

if TYPE_CHECKING:
    from govreport.readers.pdf.pages import TablePart

BBox = tuple[float, float, float, float]
Piece = tuple[str, BBox]
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
GAP = 1.5  # a gap wider than this many character sizes separates two cells


def line_to_pieces(line: TextLine) -> list[Piece]:
    """Split a line into cell texts at wide gaps."""
    pieces: list[list[Glyph]] = [[line.glyphs[0]]]
    for g in line.glyphs[1:]:
        prev = pieces[-1][-1]
        if g.x0 - prev.x1 > GAP * min(g.size, prev.size):
            pieces.append([g])
        else:
            pieces[-1].append(g)
    out: list[Piece] = []
    for gs in pieces:
        ln = glyphs_to_lines(gs)[0]
        out.append((ln.text, (ln.x0, ln.top, ln.x1, ln.bottom)))
    return out


def columns_from(rows: Sequence[Sequence[Piece]]) -> list[tuple[float, float]]:
    """Column extents: the x intervals covered by the pieces of the rows with the
    most pieces (header pieces spanning columns would hide the gaps)."""
    counts = sorted((len(r) for r in rows), reverse=True)
    if not counts or counts[0] < 2:
        return []
    top = counts[0]
    use = [r for r in rows if len(r) >= max(2, top - 1)]
    spans = sorted((p[1][0], p[1][2]) for r in use for p in r)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(c[0], c[1]) for c in cols]


def rows_to_texts(
    rows: Sequence[Sequence[Piece]], cols: Sequence[tuple[float, float]]
) -> list[list[Piece]]:
    """Place each row's pieces on the columns: a piece spanning columns appears
    once, an uncovered column becomes an empty cell."""
    bounds = [(cols[i][0] + cols[i - 1][1]) / 2 for i in range(1, len(cols))]
    out: list[list[Piece]] = []
    for row in rows:
        cells: list[Piece | None] = [None] * len(cols)
        covered = [False] * len(cols)
        for text, bb in row:
            first = sum(1 for b in bounds if bb[0] >= b)
            last = sum(1 for b in bounds if bb[2] > b + 2.0)
            last = max(first, last)
            if cells[first] is not None:
                old = cells[first]
                assert old is not None
                text = join_pieces(old[0], text)
                bb = (min(old[1][0], bb[0]), min(old[1][1], bb[1]),
                      max(old[1][2], bb[2]), max(old[1][3], bb[3]))
            cells[first] = (text, bb)
            for k in range(first, last + 1):
                covered[k] = True
        res: list[Piece] = []
        for k, c in enumerate(cells):
            if c is not None:
                res.append(c)
            elif not covered[k]:
                res.append(("", (cols[k][0], row[0][1][1], cols[k][1], row[0][1][3])))
        out.append(res)
    return out


def merge_wrapped(lines: Sequence[list[Piece]], n_cols: int) -> list[list[Piece]]:
    """Rows from text lines: a line continues the row above when that row has
    no values yet, or when it holds only label text that does not start a new
    numbered item (a wrapped label whose values sit on its middle line)."""
    rows: list[list[Piece]] = []
    for pieces in lines:
        has_values = len(pieces) > 1
        label = pieces[0][0] if pieces else ""
        if rows:
            cur = rows[-1]
            cur_values = len(cur) > 1
            if (not has_values and not NUMBERED.match(label)) or (has_values and not cur_values
                                                                   and not NUMBERED.match(label)):
                rows[-1] = _merge_row(cur, pieces)
                continue
        rows.append(list(pieces))
    return rows


def _merge_row(a: list[Piece], b: list[Piece]) -> list[Piece]:
    if len(b) == 1 and len(a) >= 1:
        t, bb = a[0]
        return [(join_pieces(t, b[0][0]), _union(bb, b[0][1])), *a[1:]]
    if len(a) == 1:
        t, bb = b[0]
        return [(join_pieces(a[0][0], t), _union(a[0][1], bb)), *b[1:]]
    return a + b


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def text_tables(
    lines: list[TextLine], page: int, width: float
) -> tuple[list[TablePart], list[TextLine]]:
    """Find unruled tables: runs of at least three lines split into several cells
    by wide gaps (single-piece wrapped label lines may sit between them)."""
    from govreport.readers.pdf.pages import TablePart

    pieces = [line_to_pieces(ln) for ln in lines]
    tables: list[TablePart] = []
    keep: list[TextLine] = []
    i = 0
    while i < len(lines):
        if len(pieces[i]) < 2:
            keep.append(lines[i])
            i += 1
            continue
        j, multi, singles = i, 0, 0
        end = i
        while j < len(lines):
            if len(pieces[j]) >= 2:
                multi += 1
                singles = 0
                end = j
            else:
                singles += 1
                if singles > 2:
                    break
            j += 1
        if multi < 3:
            keep.append(lines[i])
            i += 1
            continue
        block = pieces[i : end + 1]
        cols = columns_from(block)
        if len(cols) < 2:
            keep.extend(lines[i : end + 1])
            i = end + 1
            continue
        placed = rows_to_texts(block, cols)
        rows = merge_wrapped(placed, len(cols))
        bbox = (min(ln.x0 for ln in lines[i : end + 1]), lines[i].top,
                max(ln.x1 for ln in lines[i : end + 1]), lines[end].bottom)
        tables.append(TablePart(page, bbox, "text_alignment", rows=rows))
        i = end + 1
    return tables, keep


def rules_table(
    groups: Sequence[Rulings], glyphs: list[Glyph], page: int, width: float
) -> tuple[list[TablePart], list[Glyph]]:
    """Tables drawn with horizontal rules only: at least three long, aligned
    horizontal rules; each band between two rules is one row."""
    from govreport.readers.pdf.pages import TablePart

    hs = sorted(
        (s for g in groups for s in g.horizontal if s.end - s.start >= 0.3 * width),
        key=lambda s: s.pos,
    )
    runs: list[list[Segment]] = []
    for s in hs:
        if runs and abs(runs[-1][-1].start - s.start) < 10 and abs(runs[-1][-1].end - s.end) < 10 \
                and s.pos - runs[-1][-1].pos < 120:
            runs[-1].append(s)
        else:
            runs.append([s])
    parts: list[TablePart] = []
    for run in runs:
        if len(run) < 3:
            continue
        ys = cluster([s.pos for s in run])
        x0, x1 = min(s.start for s in run), max(s.end for s in run)
        bands: list[list[Piece]] = []
        used: set[int] = set()
        for top, bottom in zip(ys, ys[1:], strict=False):
            mine = [g for g in glyphs if x0 <= g.cx <= x1 and top <= g.cy < bottom]
            used.update(id(g) for g in mine)
            row: list[Piece] = []
            for ln in glyphs_to_lines(mine):
                row.extend(line_to_pieces(ln))
            bands.append(row)
        rows_in = [b for b in bands if b]
        cols = columns_from(rows_in)
        if len(cols) < 2:
            continue
        placed = rows_to_texts(rows_in, cols)
        glyphs = [g for g in glyphs if id(g) not in used]
        parts.append(TablePart(page, (x0, ys[0], x1, ys[-1]), "horizontal_rules", rows=placed))
    return parts, glyphs

