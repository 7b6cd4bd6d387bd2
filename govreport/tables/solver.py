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
    if k >= width:
        return (1,) * width
    return (1,) * (k - 1) + (width - k + 1,)


def _extents(spans: Spans) -> list[tuple[int, int]]:
    return [(b, b + s) for b, s in zip(_bounds(spans), spans)]


def _pair_score(upper: list[str], up: Spans, lower: list[str], low: Spans) -> float:
    score = 0.0
    up_ext = _extents(up)
    up_set = set(up_ext)
    up_cuts = _interior(up) | {sum(up)}
    for text, ext in zip(lower, _extents(low)):
        label = squash(text)
        if not label:
            score += 1.0 if ext in up_set else -3.0
        elif label in TOTAL_LABELS:
            score += 1.0 if ext[1] in up_cuts else -1.0
    for text, (a, b) in zip(upper, up_ext):
        label = squash(text)
        known = KNOWN_GROUPS.get(label)
        if known is not None:
            score += 2.0 if b - a == known else -0.5
    widths = [b - a for (a, b), t in zip(up_ext, upper) if squash(t)]
    if len(widths) > 1:
        mean = sum(widths) / len(widths)
        score -= 0.05 * sum((w - mean) ** 2 for w in widths) / len(widths)
    return score


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
    if not rows:
        return []
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
    for i in range(n - 2, -1, -1):
        texts = rows[i]
        nxt: list[tuple[float, list[Spans]]] = []
        for score, layout in beam:
            below = layout[0]
            if len(texts) >= width:
                options: list[Spans] = [(1,) * width]
            else:
                options = _compositions(len(texts), width, sorted(_interior(below)), set())
                if not options:
                    options = [_fallback(len(texts), width)]
            for opt in options:
                s = score + _pair_score(texts, opt, rows[i + 1], below)
                if i == 0:
                    s -= sum(1.0 for t in texts if not squash(t))
                nxt.append((s, [opt, *layout]))
        nxt.sort(key=lambda x: -x[0])
        beam = nxt[:BEAM]
    return beam[0][1]
