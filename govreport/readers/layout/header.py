"""A column-aligned table's header block, rebuilt as grid rows.

Header labels are centred in their cells, horizontally and vertically, and
wrap over several lines. So:

1. fragments stacked on nearby lines around the same centre, with no blank
   line between, are one cell (``本年新`` over ``制作数量``); a stack that
   splits line by line into header labels of the official tables is those
   labels, and any other is cut where its line lengths say a label ended
   (wrapped lines are as long as each other, the last no longer); a label's
   last characters that pdftotext moved aside rejoin it when together they
   make an official label;
2. each value column's *leaf* is the lowest cell over it; the other cells
   are group labels (``申请人情况``, ``法人或其他组织``), and group labels on
   the same line form one header row (a level);
3. a leaf whose text sits higher than the other leaves spans rows: it starts
   at the level its vertical centre is symmetric to (``自然人`` covers the
   two lower rows), unless it sits on the line of an inner level's labels
   (then it is a cell of that row);
4. at each level, a group label printing a leaf's own text stands over that
   leaf (a vertical merge printed as two cells); the other columns not taken
   by a tall leaf are shared among that level's group labels, each centred
   over its share.

The result is the header as a padded grid (every slot a field, a label in
the first slot it covers), which the table builder reads like any other
flattened header. Labels over the row-label columns (the 勾稽关系 note,
``信息内容``) make one corner cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govreport.readers.layout.lines import Fragment, Line
from govreport.report.labels import core
from govreport.tables.template import header_words
from govreport.textutil import clean, squash

CENTRE_TOLERANCE = 1.6  # how far apart the centres of two lines of one cell may be
LEVEL_TOLERANCE = 1.0  # group labels whose vertical centres are this close share a level


@dataclass(slots=True)
class HeaderCell:
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.fragments[0].line

    @property
    def bottom(self) -> int:
        return self.fragments[-1].line

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return sum(f.center for f in self.fragments) / len(self.fragments)

    @property
    def x0(self) -> float:
        return min(f.x0 for f in self.fragments)

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.fragments)

    @property
    def text(self) -> str:
        return "\n".join(f.text for f in self.fragments)


_WORD = re.compile(r"[\u3400-\u9fff]+")


def split_cells(frags: list[Fragment]) -> list[Fragment]:
    """Header labels of neighbouring cells that pdftotext set one space apart (``社会 法律``,
    ``公益 服务 其他``, ``总 计 结果``): words of two or more Chinese characters each are
    cells of their own, single characters in a row one label spaced out (``总 计``). A
    label spaced out character by character (``法 人 或 其``) stays whole."""
    out: list[Fragment] = []
    for f in frags:
        words = f.text.split(" ")
        if len(words) < 2 or not all(_WORD.fullmatch(w) for w in words) or all(len(w) == 1 for w in words):
            out.append(f)
            continue
        unit = (f.x1 - f.x0) / len(f.text)
        pieces: list[tuple[int, list[str]]] = []  # where each cell starts, its words
        start = 0
        for w in words:
            if len(w) == 1 and pieces and all(len(p) == 1 for p in pieces[-1][1]):
                pieces[-1][1].append(w)
            else:
                pieces.append((start, [w]))
            start += len(w) + 1
        for begin, piece in pieces:
            text = " ".join(piece)
            out.append(Fragment(f.line, f.x0 + unit * begin, f.x0 + unit * (begin + len(text)), text))
    return out


def _has_neighbours(f: Fragment, by_line: dict[int, list[Fragment]], reach: float) -> bool:
    return any(g is not f and (g.x0 - f.x1 < reach and f.x0 - g.x1 < reach) for g in by_line[f.line])


def group_cells(frags: list[Fragment], blank_lines: set[int], spacing: float = 8.0) -> list[HeaderCell]:
    """Fragments into cells: each joins the cell whose last line is one or two lines up,
    around the same centre, with no blank line between. A label wider than a column
    does not go on with one that fits a column, and a fragment printed among sibling
    labels does not continue a label of two or more lines printed alone (both are a
    group label over its middle leaf)."""
    reach = 1.5 * spacing
    by_line: dict[int, list[Fragment]] = {}
    for f in frags:
        by_line.setdefault(f.line, []).append(f)
    cells: list[HeaderCell] = []
    for f in sorted(frags, key=lambda f: (f.line, f.x0)):
        best: HeaderCell | None = None
        for cell in cells:
            last = cell.fragments[-1]
            gap = f.line - last.line
            if not 1 <= gap <= 2 or any(b in blank_lines for b in range(last.line + 1, f.line)):
                continue
            if last.x1 - last.x0 > spacing >= f.x1 - f.x0:
                continue
            if abs(last.center - f.center) <= CENTRE_TOLERANCE and (
                best is None or abs(last.center - f.center) < abs(best.fragments[-1].center - f.center)
            ):
                best = cell
        if best is None:
            cells.append(HeaderCell([f]))
        else:
            best.fragments.append(f)
    cells = [part for cell in cells for piece in _split_doubled(cell)
             for part in (_split_by_words(piece) or _unwrap(piece))]
    return _join_cut_words(_split_lone_tops(cells, by_line, reach), blank_lines, spacing)


@lru_cache(maxsize=1)
def _template_words() -> frozenset[str]:
    return frozenset(w for kind in ("proactive_disclosure", "applications", "review_litigation")
                     for w in header_words(kind))


def _split_by_words(cell: HeaderCell) -> list[HeaderCell] | None:
    """A stack that is a header label of the official tables, or splits line by line into
    a few that are: those labels (``未经复议`` ``直接起诉`` over ``结果维持``, lines of one
    length, is a group label over a leaf); None for any other stack."""
    frags = cell.fragments
    words = _template_words()
    if core(cell.text) in words:
        return [cell]
    n = len(frags)
    # count[i]: fewest labels that frags[:i] splits into (n + 1: it does not); cut[i]: the last cut
    count, cut = [0] + [n + 1] * n, [0] * (n + 1)
    for i in range(1, n + 1):
        for j in range(i):
            if count[j] + 1 < count[i] and core("".join(f.text for f in frags[j:i])) in words:
                count[i], cut[i] = count[j] + 1, j
    if count[n] > n:
        return None
    parts: list[HeaderCell] = []
    i = n
    while i > 0:
        parts.append(HeaderCell(frags[cut[i] : i]))
        i = cut[i]
    return parts[::-1]


def _join_cut_words(cells: list[HeaderCell], blank_lines: set[int], spacing: float) -> list[HeaderCell]:
    """A label's last characters printed alone on the next line, moved aside by pdftotext
    (``法人或其他组`` then ``织`` a column to the left), join it when together, and only
    together, they make a header label of the official tables."""
    words = _template_words()
    out = list(cells)
    for c in cells:
        if len(c.fragments) != 1 or len(clean(c.text)) > 2:
            continue
        above = [d for d in out if d is not c and 1 <= c.top - d.bottom <= 2
                 and not any(b in blank_lines for b in range(d.bottom + 1, c.top))
                 and abs(d.centre - c.centre) <= spacing
                 and core(d.text) not in words and core(d.text + c.text) in words]
        if len(above) == 1:
            above[0].fragments.append(c.fragments[0])
            out.remove(c)
    return out


def _split_lone_tops(cells: list[HeaderCell], by_line: dict[int, list[Fragment]],
                     reach: float) -> list[HeaderCell]:
    """A label printed alone over a line of one-line sibling labels is a group label over
    one of them, not one cell with it (``复议后起诉`` over ``其他结果``)."""
    single = {id(c.fragments[0]) for c in cells if len(c.fragments) == 1}
    out: list[HeaderCell] = []
    for cell in cells:
        last = cell.fragments[-1]
        siblings = [g for g in by_line[last.line] if g is not last and g.x0 - last.x1 < reach
                    and last.x0 - g.x1 < reach]
        lone_top = not _has_neighbours(cell.fragments[0], by_line, reach)
        if len(cell.fragments) >= 2 and lone_top and siblings and all(id(g) in single for g in siblings):
            out.extend([HeaderCell(cell.fragments[:-1]), HeaderCell([last])])
        else:
            out.append(cell)
    return out


def _split_doubled(cell: HeaderCell) -> list[HeaderCell]:
    """A tall cell printed as two cells with the same text, stacked (``自然`` ``人``
    ``自然`` ``人``): two cells."""
    frags = cell.fragments
    half = len(frags) // 2
    if len(frags) >= 2 and len(frags) % 2 == 0 and \
            [squash(f.text) for f in frags[:half]] == [squash(f.text) for f in frags[half:]]:
        return [HeaderCell(frags[:half]), HeaderCell(frags[half:])]
    return [cell]


def _unwrap(cell: HeaderCell) -> list[HeaderCell]:
    """Split a chain that cannot be one wrapped cell: lines wrapped to one width are about
    as long as each other, and the last is not longer (``法人或其他组织`` over ``社会公益``
    over ``组织`` is a group label over a leaf; ``申请人情况`` over ``法人或其他组织``
    two group labels); a line shorter than the one above ends its label, so a line
    under it starts another (``法人或其`` ``他组织`` over ``商业`` ``企业``)."""
    frags = cell.fragments
    for k in range(len(frags) - 1):
        a, b = len(frags[k].text), len(frags[k + 1].text)
        last = k + 1 == len(frags) - 1
        # a line shorter than the one above is the last, unless a bracket is left open
        # (``本年收费金额`` ``（单位：万`` ``元）``: the closing bracket takes a character along)
        upper = "".join(f.text for f in frags[: k + 1])
        open_bracket = upper.count("（") + upper.count("(") > upper.count("）") + upper.count(")")
        ended = k >= 1 and a < len(frags[k - 1].text) and not open_bracket
        if not last and b < a - 1 and len(frags[k + 2].text) > b + 1:
            # a short line between two longer ones: the last line of the upper label
            return [HeaderCell(frags[: k + 2]), *_unwrap(HeaderCell(frags[k + 2 :]))]
        if (not last and abs(a - b) > 1) or (last and b > a + 1) or ended:
            return [HeaderCell(frags[: k + 1]), *_unwrap(HeaderCell(frags[k + 1 :]))]
    return [cell]


def _bottom_cells(cells: list[HeaderCell]) -> list[HeaderCell]:
    """Cells with no other cell printed under them: the labels of single columns (a
    label printed again under itself, a tall cell printed as two, counts as under it
    even where pdftotext shifted it aside)."""
    def under(d: HeaderCell, c: HeaderCell) -> bool:
        if d is c or d.top <= c.bottom:
            return False
        if d.x0 < c.x1 + 0.5 and d.x1 > c.x0 - 0.5:
            return True
        return squash(d.text) == squash(c.text) and abs(d.centre - c.centre) < 8

    return [c for c in cells if not any(under(d, c) for d in cells)]


def leaf_centres(lines: list[Line], value_left: float, spacing: float) -> list[float]:
    """Centres of the header's bottom labels, left to right: the value columns, also
    those whose values are all blank."""
    blank = {ln.index for ln in lines if ln.blank}
    cells = group_cells(split_cells([f for ln in lines for f in ln.fragments if f.center >= value_left]),
                        blank, spacing)
    return sorted(c.centre for c in _bottom_cells(cells))


def _spacing(centres: tuple[float, ...]) -> float:
    """The usual distance between value columns; a table of one value column has the
    whole width for its label (本年收费金额（单位： over 万元）)."""
    gaps = sorted(b - a for a, b in zip(centres, centres[1:]))
    return gaps[len(gaps) // 2] if gaps else 1000.0


def _edges(centres: tuple[float, ...]) -> list[tuple[float, float]]:
    """Each value column's extent: halfway to its neighbours."""
    if len(centres) == 1:
        return [(centres[0] - 4, centres[0] + 4)]
    out = []
    for i, c in enumerate(centres):
        left = (centres[i - 1] + c) / 2 if i else c - (centres[1] - centres[0]) / 2
        right = (c + centres[i + 1]) / 2 if i + 1 < len(centres) else c + (c - centres[i - 1]) / 2
        out.append((left, right))
    return out


def _share(
    columns: list[int], parents: list[HeaderCell], edges: list[tuple[float, float]]
) -> list[list[int]]:
    """Split consecutive columns among group labels (left to right): each label centred
    over its share, then each column near its label (dynamic programming over the
    cut points, so any number of labels is cheap)."""
    parents = sorted(parents, key=lambda p: p.centre)
    n, m = len(columns), min(len(parents), len(columns))
    if m <= 1:
        return [columns]

    def cost(i: int, j: int, parent: HeaderCell) -> float:
        # columns[i:j] under `parent`: how well it is centred, then how far its columns
        # lie from it (pdftotext packs text to the left: two shares can centre it equally)
        group = columns[i:j]
        mid = (edges[group[0]][0] + edges[group[-1]][1]) / 2
        far = sum(max(0.0, parent.x0 - c, c - parent.x1)
                  for c in ((edges[k][0] + edges[k][1]) / 2 for k in group))
        return abs(mid - parent.centre) + 0.1 * far

    inf = float("inf")
    # best[k][i]: least cost of giving columns[:i] to the first k labels
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    cut = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k in range(1, m + 1):
        for i in range(k, n - (m - k) + 1):
            for start in range(k - 1, i):
                total = best[k - 1][start] + cost(start, i, parents[k - 1])
                if total < best[k][i]:
                    best[k][i], cut[k][i] = total, start
    groups: list[list[int]] = []
    i = n
    for k in range(m, 0, -1):
        start = cut[k][i]
        groups.append(columns[start:i])
        i = start
    return groups[::-1]


def _place_echoes(level: list[HeaderCell], leaf: list[HeaderCell | None], free: list[int],
                  row: list[str], n_labels: int) -> list[HeaderCell]:
    """Group labels that print a leaf's own text (a vertical merge printed as separate
    cells, each repeating it: ``自然人`` over ``自然人``) stand over that leaf's column,
    wherever pdftotext moved them, when one leaf alone prints that text (table 4 prints
    结果维持 under three groups); the other group labels are returned. The columns
    taken leave `free`."""
    rest = []
    for p in level:
        same = [j for j, x in enumerate(leaf) if x is not None and squash(x.text) == squash(p.text)]
        if len({id(leaf[j]) for j in same}) != 1:  # none, or several leaves print it
            rest.append(p)
            continue
        j = same[0]
        if j in free:
            row[n_labels + j] = p.text
            free.remove(j)
    return rest


def header_rows(lines: list[Line], value_left: float, centres: tuple[float, ...],
                n_labels: int) -> list[list[str]]:
    """The header block as padded rows: `n_labels` label slots, then one slot per value column."""
    blank = {ln.index for ln in lines if ln.blank}
    value_frags = split_cells([f for ln in lines for f in ln.fragments if f.center >= value_left])
    corner = [f for ln in lines for f in ln.fragments if f.center < value_left]
    spacing = _spacing(centres)
    cells = group_cells(value_frags, blank, spacing)
    edges = _edges(centres)
    n = len(centres)
    leaf: list[HeaderCell | None] = [None] * n
    bottoms = _bottom_cells(cells)
    if len(bottoms) == n:
        # as many bottom labels as value columns: they are the columns' labels, in order
        # (pdftotext packs text left, so a label need not sit over its values)
        leaf = [*sorted(bottoms, key=lambda c: c.centre)]
    for cell in cells if len(bottoms) != n else []:
        for j, (left, right) in enumerate(edges):
            if cell.x1 > left + 0.5 and cell.x0 < right - 0.5:
                current = leaf[j]
                if current is None or cell.bottom > current.bottom or (
                    cell.bottom == current.bottom and abs(cell.centre - centres[j]) <
                    abs(current.centre - centres[j])
                ):
                    leaf[j] = cell
    leaves = {id(c) for c in leaf if c is not None}
    parents = [c for c in cells if id(c) not in leaves]
    levels: list[list[HeaderCell]] = []
    for p in sorted(parents, key=lambda p: p.middle):
        if levels and abs(levels[-1][0].middle - p.middle) <= LEVEL_TOLERANCE:
            levels[-1].append(p)
        else:
            levels.append([p])
    depth = len(levels)
    level_mid = [sum(p.middle for p in lv) / len(lv) for lv in levels]
    bottom = max((c.middle for c in leaf if c is not None), default=0.0)
    first_level: dict[int, int] = {}
    for c in {id(x): x for x in leaf if x is not None}.values():
        target = 2 * c.middle - bottom
        if depth == 0 or c.middle >= bottom - 0.75:
            first_level[id(c)] = depth
            continue
        # on a tie the leaf spans fewer rows (it sits under the group label above it)
        k = min(range(depth), key=lambda i: abs(level_mid[i] - target) - 0.01 * i)
        beside = [i for i in range(1, depth) if abs(level_mid[i] - c.middle) <= 0.5]
        if beside:
            # printed on the line of an inner level's group labels: a cell of that row
            # (its slot below left blank), not one spanning up beside the level above
            k = max(k, beside[0])
        above = [i for i, lv in enumerate(levels) if any(p.x0 < c.x1 and p.x1 > c.x0 for p in lv)]
        first_level[id(c)] = max([k, *(i + 1 for i in above if i < depth)])
    # tall leaves printed at about the same height span the same rows (自然人 and 总计)
    tall = [c for c in {id(x): x for x in leaf if x is not None}.values() if first_level[id(c)] < depth]
    for c in tall:
        peers = [d for d in tall if abs(d.middle - c.middle) <= 1.5]
        first_level[id(c)] = max(first_level[id(d)] for d in peers)
    grid: list[list[str]] = [[""] * (n_labels + n) for _ in range(depth + 1)]
    if corner:
        grid[0][0] = "\n".join(f.text for f in sorted(corner, key=lambda f: (f.line, f.x0)))
    for j, top in enumerate(leaf):
        if top is not None and (j == 0 or leaf[j - 1] is not top):
            grid[first_level[id(top)]][n_labels + j] = top.text
    for k, lv in enumerate(levels):
        free = [j for j, x in enumerate(leaf) if x is None or first_level[id(x)] > k]
        lv = _place_echoes(lv, leaf, free, grid[k], n_labels)
        runs: list[list[int]] = []
        for j in free:
            if runs and runs[-1][-1] == j - 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            left, right = edges[run[0]][0], edges[run[-1]][1]
            over = [p for p in lv if left - 1 <= p.centre <= right + 1]
            if not over:
                continue
            for group, parent in zip(_share(run, over, edges), sorted(over, key=lambda p: p.centre)):
                grid[k][n_labels + group[0]] = parent.text
    return grid
