"""Tables without a full ruling: horizontal rules only, shading only, or nothing.

Columns come from the x positions of printed text (the gaps no data line
crosses). Rows come from *bands* where the page marks them, text lines
elsewhere: the space between two horizontal rules (``horizontal_rules``) or
a shaded row (``shaded_header`` when the header row is shaded) holds one row
however many lines its cells wrap to; outside bands (``text_alignment``, and
the body of a three-rule table) each text line is a row unless it reads as
the wrapped rest of the row above. Spans are lost: the result is rows of
cell texts for the table builder, a merged cell appearing once and a
vertical continuation as an empty cell.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from govreport.readers.pdf.parts import TablePart
from govreport.readers.pdf.rulings import Rulings, Segment, cluster
from govreport.readers.pdf.text import Glyph, TextLine, glyphs_to_lines, join_pieces
from govreport.textutil import is_value_like

BBox = tuple[float, float, float, float]
Piece = tuple[str, BBox]
NEW_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|第[一二三四五六七八九十百]+条)"
)
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


def _col(bb: BBox, bounds: Sequence[float]) -> int:
    return sum(1 for b in bounds if bb[0] >= b)


def _bounds(cols: Sequence[tuple[float, float]]) -> list[float]:
    return [(cols[i][0] + cols[i - 1][1]) / 2 for i in range(1, len(cols))]


def _shape(row: Sequence[Piece], bounds: Sequence[float]) -> tuple[str, bool, bool]:
    """A placed row's label text (column 0), whether it holds values, whether
    it holds nothing but its label."""
    filled = [(t, bb) for t, bb in row if t]
    label = next((t for t, bb in filled if _col(bb, bounds) == 0), "")
    values = any(is_value_like(t) for t, bb in filled if _col(bb, bounds) > 0)
    return label, values, bool(label) and len(filled) == 1


def _continues(cur: Sequence[Piece], line: Sequence[Piece], bounds: Sequence[float]) -> bool:
    """Is the placed text line `line` the wrapped rest of the row `cur`?

    So when it holds only label text that starts no new item; when `cur` is a
    label's first line and `line` carries the values printed beside the
    label's middle; or when neither holds values and `line` has no label of
    its own (header cells wrapped to a second line).
    """
    label, values, label_only = _shape(line, bounds)
    if not any(t for t, _ in line):
        return True
    if NEW_ITEM.match(label):
        return False
    _, cur_values, cur_label_only = _shape(cur, bounds)
    if label_only:
        return True
    if cur_label_only and values:
        return True
    return not values and not cur_values and not label


def _merge_row(a: Sequence[Piece], b: Sequence[Piece], bounds: Sequence[float]) -> list[Piece]:
    """Row `a` with the texts of `b` joined to the cells in the same columns."""
    out = list(a)
    for text, bb in b:
        if not text:
            continue
        k = next((i for i, (_, abb) in enumerate(out) if _col(abb, bounds) == _col(bb, bounds)), None)
        if k is None:
            out.append((text, bb))
            out.sort(key=lambda p: p[1][0])
        else:
            old_text, old_bb = out[k]
            out[k] = (join_pieces(old_text, text), _union(old_bb, bb) if old_text else bb)
    return out


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def lines_to_rows(
    lines: Sequence[TextLine], bands: Sequence[tuple[float, float]] = ()
) -> tuple[list[list[Piece]], list[bool]] | None:
    """Rows of cell texts from the lines of one table, or None when the lines
    show fewer than two columns; also which rows are `bands` (the lines whose
    middle lies in one band are one row)."""
    groups: list[list[Piece]] = []
    fixed: list[bool] = []
    band_of: list[int] = []
    for ln in lines:
        mid = (ln.top + ln.bottom) / 2
        band = next((k for k, (top, bottom) in enumerate(bands) if top <= mid < bottom), -1)
        if band >= 0 and band_of and band_of[-1] == band:
            groups[-1].extend(line_to_pieces(ln))
            continue
        groups.append(line_to_pieces(ln))
        fixed.append(band >= 0)
        band_of.append(band)
    cols = columns_from(groups)
    if len(cols) < 2:
        return None
    bounds = _bounds(cols)
    rows: list[list[Piece]] = []
    kinds: list[bool] = []
    for row, is_band in zip(rows_to_texts(groups, cols), fixed, strict=True):
        if rows and not is_band and not kinds[-1] and _continues(rows[-1], row, bounds):
            rows[-1] = _merge_row(rows[-1], row, bounds)
            continue
        rows.append(row)
        kinds.append(is_band)
    return rows, kinds


def text_tables(
    lines: list[TextLine], page: int, width: float, shades: Sequence[BBox] = ()
) -> tuple[list[TablePart], list[TextLine]]:
    """Find unruled tables: runs of at least three lines split into several cells
    by wide gaps (single-piece wrapped label lines may sit between them and
    after the last). A shaded band across the table is one row."""
    pieces = [line_to_pieces(ln) for ln in lines]
    tables: list[TablePart] = []
    keep: list[TextLine] = []
    i = 0
    while i < len(lines):
        end = _block_end(pieces, i)
        if end is None:
            keep.append(lines[i])
            i += 1
            continue
        end = _wrapped_tail(lines, pieces, i, end)
        block = lines[i : end + 1]
        x0, x1 = min(ln.x0 for ln in block), max(ln.x1 for ln in block)
        bands = _shade_bands(shades, x0, x1)
        found = lines_to_rows(block, bands)
        if found is None:
            keep.extend(block)
            i = end + 1
            continue
        rows, kinds = found
        strategy = "shaded_header" if kinds[0] else "text_alignment"
        tables.append(TablePart(page, (x0, block[0].top, x1, block[-1].bottom), strategy, rows=rows))
        i = end + 1
    return tables, keep


def _block_end(pieces: Sequence[Sequence[Piece]], i: int) -> int | None:
    """The last line of a table starting at line `i`: at least three lines of
    several cells, at most two single-cell lines in a row between them."""
    if len(pieces[i]) < 2:
        return None
    multi = singles = 0
    end = i
    for j in range(i, len(pieces)):
        if len(pieces[j]) >= 2:
            multi += 1
            singles = 0
            end = j
        else:
            singles += 1
            if singles > 2:
                break
    return end if multi >= 3 else None


def _wrapped_tail(lines: Sequence[TextLine], pieces: Sequence[Sequence[Piece]], i: int, end: int) -> int:
    """Extend a table over the lines that wrap its last row's label: single
    cells under the first column, at line spacing, starting no new item."""
    cols = columns_from(pieces[i : end + 1])
    if not cols:
        return end
    first_col, col_right = cols[0]
    while end + 1 < len(lines) and len(pieces[end + 1]) == 1:
        ln, prev = lines[end + 1], lines[end]
        if (ln.x0 < first_col - ln.size or ln.x1 > col_right + ln.size
                or ln.top - prev.bottom > 0.8 * ln.size or NEW_ITEM.match(ln.text)):
            break
        end += 1
    return end


def _shade_bands(shades: Sequence[BBox], x0: float, x1: float) -> list[tuple[float, float]]:
    """Shaded rows across most of a table's width (shaded cells of one row merged)."""
    rows: dict[tuple[int, int], list[float]] = {}
    for sx0, top, sx1, bottom in shades:
        if sx1 > x0 and sx0 < x1:
            span = rows.setdefault((round(top), round(bottom)), [sx0, sx1])
            span[0], span[1] = min(span[0], sx0), max(span[1], sx1)
    return sorted((float(t), float(b)) for (t, b), (a0, a1) in rows.items()
                  if min(a1, x1) - max(a0, x0) >= 0.8 * (x1 - x0))


def rules_table(
    groups: Sequence[Rulings], glyphs: list[Glyph], page: int, width: float
) -> tuple[list[TablePart], list[Glyph]]:
    """Tables drawn with horizontal rules only: at least three long, aligned
    horizontal rules. A band between two rules is one row unless it holds
    several lines of several cells (the body of a three-rule table)."""
    hs = sorted(
        (s for g in groups for s in g.horizontal if s.end - s.start >= 0.3 * width),
        key=lambda s: s.pos,
    )
    runs: list[list[Segment]] = []
    for s in hs:
        last = runs[-1][-1] if runs else None
        if last is not None and abs(last.start - s.start) < 10 and abs(last.end - s.end) < 10 \
                and not _breaks_run(glyphs, last, s):
            runs[-1].append(s)
        else:
            runs.append([s])
    parts: list[TablePart] = []
    for run in runs:
        if len(run) < 3:
            continue
        ys = cluster([s.pos for s in run])
        x0, x1 = min(s.start for s in run), max(s.end for s in run)
        mine = [g for g in glyphs if x0 <= g.cx <= x1 and ys[0] <= g.cy < ys[-1]]
        lines = glyphs_to_lines(mine)
        bands = []
        for top, bottom in itertools.pairwise(ys):
            inside = [ln for ln in lines if top <= (ln.top + ln.bottom) / 2 < bottom]
            if sum(1 for ln in inside if len(line_to_pieces(ln)) >= 2) <= 1:
                bands.append((top, bottom))
        found = lines_to_rows(lines, bands)
        if found is None:
            continue
        used = {id(g) for g in mine}
        glyphs = [g for g in glyphs if id(g) not in used]
        parts.append(TablePart(page, (x0, ys[0], x1, ys[-1]), "horizontal_rules", rows=found[0]))
    return parts, glyphs


def _breaks_run(glyphs: Sequence[Glyph], a: Segment, b: Segment) -> bool:
    """Two aligned rules belong to different tables when the text between them
    is prose (single-piece lines across most of the rules' length)."""
    mine = [g for g in glyphs if a.start <= g.cx <= a.end and a.pos <= g.cy < b.pos]
    lines = glyphs_to_lines(mine)
    if not lines:
        return b.pos - a.pos > 120
    return all(len(line_to_pieces(ln)) == 1 for ln in lines) and any(
        ln.x1 - ln.x0 >= 0.6 * (a.end - a.start) for ln in lines
    )
