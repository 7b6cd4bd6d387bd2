"""What the page image shows besides text: its tilt and its printed lines.

A scanner returns pages tilted by a fraction of a degree. The tilt is
measured (up to ±`MAX_SKEW` degrees) as the rotation that makes the rows of
ink sharpest, and undone before anything else, so that table rulings become
horizontal and vertical again. Rulings are then found by morphology: an
opening with a long thin kernel keeps only ink that runs straight for longer
than any character stroke, which removes the text and keeps the lines (specks
and JPEG noise are too short to survive it). The rulings are given in page
points, the coordinates every PDF stage works in, and erased from the image
the OCR reads, so that a border touching a digit is never read as a ``1``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from govreport.readers.pdf.rulings import Rulings, Segment, rulings_to_regions, snap_and_join

MAX_SKEW = 3.0  # degrees
MIN_RULE_PT = 14.0  # a straight run of ink longer than this (points) is a ruling, not a stroke
MAX_RULE_WIDTH_PT = 2.5  # thicker straight ink is a filled shape, not a line
GAP_PT = 1.0  # gaps in a printed line this small are noise (specks, JPEG blocks)
LONE_RULE_PT = 60.0  # a ruling meeting no other one must be at least this long
SIDE_INK = 0.25  # share of ink beside a straight run above which it is text, not a line


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Ink pixels (True) by Otsu's threshold on the grey page."""
    import cv2

    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(binary > 0)


def estimate_skew(ink: np.ndarray) -> float:
    """The page's tilt in degrees (positive: the content is rotated clockwise in
    the image), searched within ±`MAX_SKEW`, 0.0 for an empty page."""
    import cv2

    h, w = ink.shape
    factor = max(1, round(max(h, w) / 1000))
    small = cv2.resize(ink.astype(np.uint8) * 255, (max(1, w // factor), max(1, h // factor)),
                       interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    center = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rotated = cv2.warpAffine(small, m, (small.shape[1], small.shape[0]), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025), key=sharpness)
    return float(round(fine, 3))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """The grey page rotated by `angle` degrees about its centre, paper-white corners."""
    import cv2

    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return np.asarray(cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255))


@dataclass(frozen=True, slots=True)
class RuledImage:
    """The rulings of a page (points) and the page image with them erased."""

    rulings: Rulings
    erased: np.ndarray


Box = tuple[int, int, int, int]  # x, y, width, height in pixels


def _segments(mask: np.ndarray, ink: np.ndarray, horizontal: bool,
              px_per_pt: float) -> list[tuple[Segment, Box]]:
    """Straight runs of ink as segments. A printed line has paper on both sides
    along its length; a run through a line of bold text (strokes of neighbouring
    characters bridged) has ink all around it and is dropped."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    out: list[tuple[Segment, Box]] = []
    thick = MAX_RULE_WIDTH_PT * px_per_pt * 2
    near = max(2, round(0.8 * px_per_pt))
    depth = max(2, round(1.5 * px_per_pt))
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        if horizontal:
            if h > thick:
                continue
            sides = [ink[max(0, y - near - depth):max(0, y - near), x:x + w],
                     ink[y + h + near:y + h + near + depth, x:x + w]]
        else:
            if w > thick:
                continue
            sides = [ink[y:y + h, max(0, x - near - depth):max(0, x - near)],
                     ink[y:y + h, x + w + near:x + w + near + depth]]
        cover = max((float(side.mean()) for side in sides if side.size), default=0.0)
        if cover > SIDE_INK:
            continue
        if horizontal:
            seg = Segment(True, (y + h / 2) / px_per_pt, x / px_per_pt, (x + w) / px_per_pt)
        else:
            seg = Segment(False, (x + w / 2) / px_per_pt, y / px_per_pt, (y + h) / px_per_pt)
        out.append((seg, (x, y, w, h)))
    return out


def _touches(a: Segment, b: Segment, tol: float) -> bool:
    """Does `a` meet the perpendicular segment `b` (within `tol` points)?"""
    return a.start - tol <= b.pos <= a.end + tol and b.start - tol <= a.pos <= b.end + tol


Found = tuple[Segment, Box]  # a segment and where its ink lies in the image


def _without_small_grids(hs: list[Found], vs: list[Found], tol: float) -> tuple[list[Found], list[Found]]:
    """The segments without the sets of crossing ones that span less than
    `LONE_RULE_PT` both ways: the straight strokes of large bold characters (a
    title's 江 and 望 meet like a grid's lines), never a table."""
    regions = rulings_to_regions(Rulings(0, tuple(s for s, _ in hs), tuple(s for s, _ in vs)), tol)
    small = {id(s) for r in regions
             if r.bbox[2] - r.bbox[0] < LONE_RULE_PT and r.bbox[3] - r.bbox[1] < LONE_RULE_PT
             for s in (*r.horizontal, *r.vertical)}
    return [f for f in hs if id(f[0]) not in small], [f for f in vs if id(f[0]) not in small]


def find_rulings(grey: np.ndarray, ink: np.ndarray, page: int, px_per_pt: float) -> RuledImage:
    """Horizontal and vertical rulings of a deskewed page, and the page without them.

    A straight run is a ruling when it meets a perpendicular one (a table's
    lines always do) or is long (`LONE_RULE_PT`: the rules of a table drawn
    with horizontal rules only); a short lone dash (``——`` in a cell) is text.
    """
    import cv2

    length = max(5, round(MIN_RULE_PT * px_per_pt))
    gap = max(1, round(GAP_PT * px_per_pt))
    ink8 = ink.astype(np.uint8)
    h_closed = cv2.morphologyEx(ink8, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    v_closed = cv2.morphologyEx(ink8, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    h_mask = cv2.morphologyEx(h_closed, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    v_mask = cv2.morphologyEx(v_closed, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    hs = _segments(h_mask, ink, True, px_per_pt)
    vs = _segments(v_mask, ink, False, px_per_pt)
    tol = 2 * GAP_PT
    keep_h = [(s, b) for s, b in hs
              if s.end - s.start >= LONE_RULE_PT or any(_touches(s, v, tol) for v, _ in vs)]
    keep_v = [(s, b) for s, b in vs
              if s.end - s.start >= LONE_RULE_PT or any(_touches(s, h, tol) for h, _ in hs)]
    keep_h, keep_v = _without_small_grids(keep_h, keep_v, tol)
    rulings = Rulings(page, tuple(snap_and_join([s for s, _ in keep_h])),
                      tuple(snap_and_join([s for s, _ in keep_v])))
    erased = grey.copy()
    pad = 2
    for _, (x, y, w, h) in keep_h + keep_v:
        erased[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad] = 255
    return RuledImage(rulings, erased)


SPECK_PT = 1.6  # ink smaller than this (points, both ways) may be a speck of dirt
SPECK_ROOM_PT = 3.5  # ... and is one when no other ink is this close


def remove_specks(grey: np.ndarray, ink: np.ndarray, px_per_pt: float) -> tuple[np.ndarray, np.ndarray]:
    """The page without specks of dirt: tiny blots with nothing printed near them.

    A full stop or the dot of a colon is as small as a speck but sits beside
    the characters it follows; a speck in a margin or a blank cell stands alone.
    """
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    limit = max(2, round(SPECK_PT * px_per_pt))
    small = np.zeros(n, bool)
    small[1:] = (stats[1:, cv2.CC_STAT_WIDTH] <= limit) & (stats[1:, cv2.CC_STAT_HEIGHT] <= limit)
    if not small.any():
        return grey, ink
    big = ink & ~small[labels]
    room = max(1, round(SPECK_ROOM_PT * px_per_pt))
    near = cv2.dilate(big.astype(np.uint8), np.ones((2 * room + 1, 2 * room + 1), np.uint8)) > 0
    lone = small[labels] & ~near
    if not lone.any():
        return grey, ink
    cleaned = grey.copy()
    cleaned[lone] = 255
    return cleaned, ink & ~lone
