"""Column spans of flattened header rows.

A flattened header row lists its cells once each, without spans. Over the
value columns of one header block the spans must satisfy: every row covers
the width; every boundary of a row is also a boundary of the row below (a
header cell spans whole children); an empty cell below a header is that
header continuing downward, so it covers exactly the same columns; the leaf
row has a boundary wherever the body rows have one. Among the layouts that fit,
the official format breaks the ties: a group label covers its known number of
leaf columns (法人或其他组织 → 5), and a 总计/合计 child closes its group.
The search runs bottom-up, keeping a small beam of the best partial layouts.
"""

from __future__ import annotations

from itertools import combinations
from math import comb

from govreport.textutil import squash

# Leaf columns under each group header of the official tables (format-spec.json).
KNOWN_GROUPS = {
    "申请人情况": 7,
    "法人或其他组织": 5,
    "行政复议": 5,
    "行政诉讼": 10,
    "未经复议直接起诉": 5,
    "复议后起诉": 5,
}
TOTAL_LABELS = frozenset({"总计", "合计", "小计", "总数", "合计数"})
MAX_CANDIDATES = 20000
BEAM = 40

Spans = tuple[int, ...]


def _bounds(spans: Spans) -> list[int]:
    out, pos = [], 0
    for s in spans:
        out.append(pos)
        pos += s
    return out


def _interior(spans: Spans) -> set[int]:
    return set(_bounds(spans)[1:])


def _from_cuts(cuts: tuple[int, ...], width: int) -> Spans:
    edges = (0, *cuts, width)
    return tuple(b - a for a, b in zip(edges, edges[1:]))


def _compositions(k: int, width: int, allowed: list[int], required: set[int]) -> list[Spans]:
    """Layouts of k cells over `width` columns cutting only at allowed boundaries."""
    if k <= 0:
        return []
    if k == 1:
        return [(width,)] if not required else []
    if k > width:
        return []
    free = [b for b in allowed if b not in required]
    need = k - 1 - len(required)
    if need < 0 or need > len(free):
        return []
    if comb(len(free), need) > MAX_CANDIDATES:
        return []
    out = []
    for extra in combinations(free, need):
        cuts = tuple(sorted(required.union(extra)))
        out.append(_from_cuts(cuts, width))
    return out


def _fallback(k: int, width: int) -> Spans:
    # Too many layouts to weigh: one column per cell, the last takes the rest.
    if k <= 0:
        return ()
    if k >= width:
        return (1,) * width
    return (1,) * (k - 1) + (width - k + 1,)


def _extents(spans: Spans) -> list[tuple[int, int]]:
    return [(b, b + s) for b, s in zip(_bounds(spans), spans)]


def _group_score(
    upper: str, lower: list[str], ext: list[tuple[int, int]], i: int, k: int, mean: float
) -> float:
    """Score of one upper cell covering lower cells i..k-1 (the layout decomposes per cell)."""
    span = ext[k - 1][1] - ext[i][0]
    score = 0.0
    known = KNOWN_GROUPS.get(upper)
    if known is not None:
        score += 0.6 if span == known else -0.3
    for pos in range(i, k):
        label = lower[pos]
        if not label:
            # An empty cell below a header continues it: it must cover the same columns.
            score += 1.0 if k - i == 1 else -3.0
        elif label in TOTAL_LABELS:
            score += 1.0 if pos == k - 1 else -1.0
    if upper:
        score -= 0.05 * (span - mean) ** 2
    return score


def _best_uppers(
    upper: list[str], lower: list[str], low: Spans, keep: int
) -> list[tuple[float, Spans]]:
    """The `keep` best layouts of the upper row over a fixed lower row, by dynamic
    programming over (upper cells placed, lower cells covered)."""
    m, n = len(upper), len(lower)
    ext = _extents(low)
    width = sum(low)
    if m > n or m == 0:
        return [(-10.0, _fallback(max(m, 1), width))]
    mean = width / m
    # table[j][i]: best partial layouts placing j upper cells over the first i lower cells
    table: list[list[list[tuple[float, tuple[int, ...]]]]] = [
        [[] for _ in range(n + 1)] for _ in range(m + 1)
    ]
    table[0][0] = [(0.0, ())]
    for j in range(m):
        for i in range(j, n - (m - j) + 1):
            partial = table[j][i]
            if not partial:
                continue
            for k in range(i + 1, n - (m - j - 1) + 1):
                gain = _group_score(upper[j], lower, ext, i, k, mean)
                bucket = table[j + 1][k]
                for score, cuts in partial:
                    bucket.append((score + gain, (*cuts, k)))
                bucket.sort(key=lambda x: -x[0])
                del bucket[keep:]
    out = []
    for score, cuts in table[m][n]:
        edges = [0] + [ext[c - 1][1] for c in cuts]
        out.append((score, tuple(b - a for a, b in zip(edges, edges[1:]))))
    return out


def _leaf_score(texts: list[str], spans: Spans) -> float:
    score = 0.0
    for i, (text, s) in enumerate(zip(texts, spans)):
        if squash(text):
            score -= 0.2 * (s - 1)
        score += 0.001 * i * s  # ties: the later cell takes the extra columns
    return score


def solve_header_spans(rows: list[list[str]], width: int, required: set[int]) -> list[Spans]:
    """Spans for each header row's value-region cells (top row first).

    `rows` are the texts of one header block's cells over the value columns;
    `required` are the interior column boundaries the body rows prove exist.
    """
    if not any(rows):
        return [() for _ in rows]
    if not all(rows):
        # Rows without value cells take no part in the layout of the others.
        solved = iter(solve_header_spans([r for r in rows if r], width, required))
        return [next(solved) if r else () for r in rows]
    n = len(rows)
    all_cuts = list(range(1, width))
    last = rows[-1]
    if len(last) >= width:
        leaf_options: list[Spans] = [(1,) * width]
    else:
        leaf_options = _compositions(len(last), width, all_cuts, set(required))
        if not leaf_options:
            leaf_options = _compositions(len(last), width, all_cuts, set())
        if not leaf_options:
            leaf_options = [_fallback(len(last), width)]
    beam: list[tuple[float, list[Spans]]] = [
        (_leaf_score(last, s), [s]) for s in leaf_options
    ]
    beam.sort(key=lambda x: -x[0])
    beam = beam[:BEAM]
    labels = [[squash(t) for t in row] for row in rows]
    for i in range(n - 2, -1, -1):
        texts = labels[i]
        nxt: list[tuple[float, list[Spans]]] = []
        for score, layout in beam:
            below = layout[0]
            if len(texts) >= width:
                options: list[tuple[float, Spans]] = [(0.0, (1,) * width)]
            else:
                options = _best_uppers(texts, labels[i + 1], below, 8)
            for gain, opt in options:
                s = score + gain
                if i == 0:
                    s -= sum(1.0 for t in texts if not t)
                nxt.append((s, [opt, *layout]))
        nxt.sort(key=lambda x: -x[0])
        beam = nxt[:BEAM]
    return beam[0][1]
