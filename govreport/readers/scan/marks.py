"""Marks the text detector misses inside a table: a lone ``-`` or ``—`` left for
an empty value, a ``、`` or a ``/`` standing by itself in a cell; and marks that
are no text of the report: a seal stamped over it (`find_seals`), whose ring of
characters would otherwise be read as text.

The detector looks for lines of text; a single short stroke in a wide cell
is often below its threshold, and a missed ``-`` would make a printed dash
read as a blank cell. Inside the ruled area of a table, every blot of ink
that no detected line covers and that is no larger than a character is
handed to the recogniser as a character of its own (specks standing alone
were removed before).

A seal's ink (its ring, star and characters) is a mid grey on a scan, red
ink being lighter than the black of print; what lies inside the ring and is
as light as the ring is the seal's, and is not read. Text printed under the
seal stays: it is darker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from govreport.readers.pdf.rulings import Rulings, rulings_to_grid, rulings_to_regions

Box = tuple[float, float, float, float]
CHAR_PT = 16.0  # a blot larger than this (points) is no character (a seal's ring, a star)
JOIN_PT = 3.0  # blots closer than this on one line are one mark
STACK_OVERLAP = 0.6  # strokes stacked in one character overlap this much of their length
STACK_GAP = 0.8  # ... and are closer than this share of their length
RULING_PT = 2.5  # blots this close to a ruling are what erasing it left


def _tables(rulings: Rulings, px_per_pt: float) -> list[Box]:
    out = []
    for region in rulings_to_regions(rulings):
        grid = rulings_to_grid(region)
        if grid is not None:
            x0, top, x1, bottom = grid.bbox
            out.append((x0 * px_per_pt, top * px_per_pt, x1 * px_per_pt, bottom * px_per_pt))
    return out


def _on_ruling(x: float, y: float, rulings: Rulings, px_per_pt: float) -> bool:
    near = RULING_PT * px_per_pt
    return any(abs(s.pos * px_per_pt - y) <= near and s.start * px_per_pt <= x <= s.end * px_per_pt
               for s in rulings.horizontal) or any(
        abs(s.pos * px_per_pt - x) <= near and s.start * px_per_pt <= y <= s.end * px_per_pt
        for s in rulings.vertical)


def missed_marks(ink: np.ndarray, boxes: list[Box], rulings: Rulings, px_per_pt: float) -> list[Box]:
    """Boxes around the ink inside tables that none of `boxes` covers."""
    import cv2

    tables = _tables(rulings, px_per_pt)
    if not tables:
        return []
    covered = np.zeros(ink.shape, bool)
    for x0, top, x1, bottom in boxes:
        covered[max(0, int(top) - 2):int(bottom) + 3, max(0, int(x0) - 2):int(x1) + 3] = True
    n, _, stats, centroids = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    limit = CHAR_PT * px_per_pt
    blots: list[Box] = []
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        cx, cy = float(centroids[i][0]), float(centroids[i][1])
        if w > limit or h > limit or covered[min(int(cy), ink.shape[0] - 1), min(int(cx), ink.shape[1] - 1)]:
            continue
        if not any(t[0] < cx < t[2] and t[1] < cy < t[3] for t in tables):
            continue
        if _on_ruling(cx, cy, rulings, px_per_pt):
            continue  # what erasing a ruling left of it
        blots.append((float(x), float(y), float(x + w), float(y + h)))
    marks = join_blots(blots, JOIN_PT * px_per_pt)
    return [m for m in marks if m[2] - m[0] <= limit and m[3] - m[1] <= limit]


def join_blots(blots: list[Box], gap: float) -> list[Box]:
    """Blots that are one mark: side by side on one line at most `gap` apart, or
    stacked strokes of one character (the two strokes of 二, as wide as each
    other and closer than their length), joined until no two more join."""

    def one(a: Box, b: Box) -> bool:
        dx = max(a[0], b[0]) - min(a[2], b[2])  # blank between them (negative: overlap)
        dy = max(a[1], b[1]) - min(a[3], b[3])
        if dx <= gap and dy <= gap:
            return True
        narrow = min(a[2] - a[0], b[2] - b[0])
        wide = max(a[2] - a[0], b[2] - b[0])
        return -dx >= STACK_OVERLAP * wide and narrow >= STACK_OVERLAP * wide and dy <= STACK_GAP * wide

    marks = list(blots)
    joined = True
    while joined:
        joined = False
        for i in range(len(marks)):
            for j in range(i + 1, len(marks)):
                a, b = marks[i], marks[j]
                if one(a, b):
                    marks[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del marks[j]
                    joined = True
                    break
            if joined:
                break
    return sorted(marks)


SEAL_PT = (40.0, 160.0)  # the diameter of an official seal (points): 4–5 cm, with room
SEAL_FILL = 0.3  # a seal's ring covers at most this share of its square
SEAL_TONE = 30  # grey levels: ink inside the ring this close to the ring's tone is the seal's


@dataclass(frozen=True, slots=True)
class Seal:
    """A round seal stamped on the page: its centre and radius (pixels) and the grey
    its ink scans to (red ink is a mid grey, the printed text near black)."""

    cx: float
    cy: float
    r: float
    tone: float

    def owns(self, box: Box, grey: np.ndarray, ink: np.ndarray) -> bool:
        """Is the ink in `box` the seal's own (its characters, star or bar), not text
        printed under it: inside the ring and as light as the ring?"""
        x0, top, x1, bottom = (round(v) for v in box)
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        if (cx - self.cx) ** 2 + (cy - self.cy) ** 2 > self.r ** 2:
            return False
        mine = grey[max(0, top):bottom, max(0, x0):x1][ink[max(0, top):bottom, max(0, x0):x1]]
        return bool(mine.size) and float(np.median(mine)) >= self.tone - SEAL_TONE


def find_seals(grey: np.ndarray, ink: np.ndarray, px_per_pt: float) -> list[Seal]:
    """Round seals: a blot of ink about as wide as high, of a seal's size, whose ink
    (a ring) covers little of its square."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    low, high = SEAL_PT[0] * px_per_pt, SEAL_PT[1] * px_per_pt
    seals: list[Seal] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not (low <= w <= high and low <= h <= high and abs(w - h) <= 0.15 * max(w, h)):
            continue
        if area > SEAL_FILL * w * h:
            continue
        ring = grey[y:y + h, x:x + w][labels[y:y + h, x:x + w] == i]
        seals.append(Seal(x + w / 2, y + h / 2, max(w, h) / 2, float(np.median(ring))))
    return seals
