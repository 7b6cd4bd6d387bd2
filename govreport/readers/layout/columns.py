"""Columns of a column-aligned table, from where its values and labels line up.

Value columns are the clusters of the centres of the values printed in the
table's value lines (values are centred in their cells, so a narrow ``7``
and a wide ``1859950.00`` share a centre, not an edge); header labels that
sit over no cluster add the columns whose values are all blank. Label
columns are the clusters of the left edges of the label fragments (labels
are left-aligned). Positions are normalised per page (the left margin is 0,
the last value column 1), because ``pdftotext -layout`` scales each page
differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from govreport.readers.layout.lines import Fragment

VALUE_GAP = 2.5  # value centres closer than this (in columns) are one column
LABEL_GAP = 2.0  # label left edges closer than this are one column


@dataclass(frozen=True, slots=True)
class Columns:
    """One page segment's columns: value-column centres and label-column left edges."""

    values: tuple[float, ...]
    labels: tuple[float, ...]
    value_left: float  # where the value area starts (labels end before it)
    doubtful: tuple[float, ...] = ()  # centres of values that sit about as near two columns

    def value_index(self, frag: Fragment) -> int:
        """The value column whose centre is nearest the fragment's centre."""
        return min(range(len(self.values)), key=lambda i: abs(self.values[i] - frag.center))

    def label_index(self, frag: Fragment) -> int:
        """The label column whose left edge is the last at or before the fragment's start."""
        best = 0
        for i, x in enumerate(self.labels):
            if frag.x0 >= x - LABEL_GAP / 2:
                best = i
        return best

    def covered(self, frag: Fragment) -> list[int]:
        """Value columns whose centre lies within the fragment (at least the nearest)."""
        inside = [i for i, c in enumerate(self.values) if frag.x0 - 0.5 <= c <= frag.x1 + 0.5]
        return inside or [self.value_index(frag)]


def cluster(points: list[float], gap: float) -> list[list[float]]:
    """Single-linkage clusters of sorted points."""
    groups: list[list[float]] = []
    for p in sorted(points):
        if groups and p - groups[-1][-1] <= gap:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def value_columns(rows: list[list[Fragment]], header_frags: list[Fragment]) -> list[float]:
    """Value-column centres from the value lines' values (each list one line's, left to right).

    ``pdftotext`` packs each line on its own, so a column's values do not share one
    position; but a line that prints every column's value gives their order. With
    such lines, the k-th column is where their k-th values sit. Without (blank cells
    everywhere), the columns are clusters of value centres, plus header labels over
    none of them (columns all of whose values are blank)."""
    rows = [r for r in rows if r]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    full = [r for r in rows if len(r) == width]
    if len(full) >= 2 or (full and len(rows) == 1):
        return [median([r[k].center for r in full]) for k in range(width)]
    value_frags = [f for r in rows for f in r]
    centres = [median(g) for g in cluster([f.center for f in value_frags], VALUE_GAP)]
    spacing = min((b - a for a, b in zip(centres, centres[1:])), default=8.0)
    extra: list[float] = []
    for f in header_frags:
        if f.x1 - f.x0 >= spacing:
            continue  # a label spanning several columns
        if all(abs(f.center - c) > max(VALUE_GAP, spacing / 2.5) for c in centres + extra) and \
                f.center > centres[0] - spacing:
            extra.append(f.center)
    return [median(g) for g in cluster(centres + extra, VALUE_GAP)]


def assign_in_order(xs: list[float], centres: list[float]) -> list[int]:
    """Columns for values at `xs` (left to right): strictly increasing, as near as possible."""
    m, n = len(xs), len(centres)
    if m == 0:
        return []
    if m >= n:
        return list(range(m))[:n] + [n - 1] * (m - n) if m > n else list(range(n))
    inf = float("inf")
    cost = [[inf] * n for _ in range(m)]
    back = [[-1] * n for _ in range(m)]
    for j in range(n):
        cost[0][j] = abs(xs[0] - centres[j])
    for i in range(1, m):
        best, arg = inf, -1
        for j in range(n):
            if j >= 1 and cost[i - 1][j - 1] < best:
                best, arg = cost[i - 1][j - 1], j - 1
            if best < inf:
                cost[i][j] = best + abs(xs[i] - centres[j])
                back[i][j] = arg
    j = min(range(n), key=lambda k: cost[m - 1][k])
    out = [j]
    for i in range(m - 1, 0, -1):
        j = back[i][j]
        out.append(j)
    return out[::-1]


def label_columns(label_frags: list[Fragment]) -> list[float]:
    """Label-column left edges: clusters of the left edges of label fragments."""
    groups = cluster([f.x0 for f in label_frags], LABEL_GAP)
    return [min(g) for g in groups] or [0.0]
