"""A column-aligned table's header block, rebuilt as grid rows.

Header labels are centred in their cells, horizontally and vertically, and
wrap over several lines. So:

1. fragments are joined into cells (`cells`: wrapped labels, labels set one
   space apart, narrow labels wrapped a few characters a line);
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

from govreport.readers.layout.cells import HeaderCell, bottom_cells, group_cells, split_cells
from govreport.readers.layout.lines import Line
from govreport.textutil import squash

LEVEL_TOLERANCE = 1.0  # group labels whose vertical centres are this close share a level


def leaf_centres(lines: list[Line], value_left: float, spacing: float) -> list[float]:
    """Centres of the header's bottom labels, left to right: the value columns, also
    those whose values are all blank."""
    blank = {ln.index for ln in lines if ln.blank}
    cells = group_cells(split_cells([f for ln in lines for f in ln.fragments if f.center >= value_left]),
                        blank, spacing)
    return sorted(c.centre for c in bottom_cells(cells))


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
    bottoms = bottom_cells(cells)
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
    # the bottom row's height: that of the leaves reaching lowest (a one-line leaf printed
    # between the two lines of its wrapped neighbours sits no lower than they do)
    lowest = max((c.bottom for c in leaf if c is not None), default=0)
    bottom = max((c.middle for c in leaf if c is not None and c.bottom == lowest), default=0.0)
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
