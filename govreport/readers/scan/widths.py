"""Full-width or half-width punctuation, read from the spacing printed around it.

The recogniser confuses ``（`` with ``(`` and ``．`` with ``.``: at one size
the two shapes are alike, and reports print both (``（一）``
in most, ``(一)`` in some, ``1．`` beside ``1.``). What differs on paper is
the room a mark takes. A full-width mark sits in a whole em: an opening
bracket has the blank half of its em before it, a closing bracket, stop or
comma has it after. So the gap on a mark's open side, measured in the line
image between its ink and its neighbour's, tells which one is printed (or,
for a stop between two characters, whose dot a full-width one may print
anywhere in its em, and for a mark whose own ink is too faint to measure, the
room between its two neighbours: a whole em and more for a full-width mark). A
mark with no neighbour on that side (at the start or the end of a line)
takes the width measured for its partner in the same line (the other
bracket of the pair), or else, for a bracket, the width most brackets of the
page were measured at (a report keeps to one), or else the one the model read. Double quotes are
told apart the same way: an opening one hugs the text after it, a closing
one the text before it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# (half-width, full-width, side): the side on which a full-width mark leaves its blank half
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("(", "（", "before"),
    (")", "）", "after"),
    (".", "．", "after"),
)
HALF = {h: (f, side) for h, f, side in PAIRS}
FULL = {f: (h, side) for h, f, side in PAIRS}
WIDE_GAP = 0.33  # em: a blank wider than this on the open side makes the mark full-width
ROOM_FULL = 0.8  # em: neighbours this far apart leave a full-width mark between them
QUOTES = ("“", "”", '"', "＂")
BRACKET_MARKS = "(（)）"
STOPS = ".．"
QUOTE_MARGIN = 0.15  # em: closer gaps on both sides say nothing (a narrow Latin quote)


def ink_runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """Runs [start, end) of True in a row or column of ink flags."""
    values: list[bool] = [bool(v) for v in np.asarray(flags, dtype=bool).ravel()]
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, f in enumerate([*values, False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _gap(extents: list[tuple[int, int] | None], i: int, j: int) -> int | None:
    """Blank pixels between character `i`'s ink and its neighbour `j`'s (None when unknown)."""
    if not 0 <= j < len(extents):
        return None
    a, b = extents[i], extents[j]
    if a is None or b is None:
        return None
    return a[0] - b[1] if j < i else b[0] - a[1]


def _room(extents: list[tuple[int, int] | None], i: int) -> int | None:
    """Blank pixels between the inks of character `i`'s two neighbours (None when
    unknown). A stop's own ink is a dot that a blot of the scan may widen, and a
    full-width stop may sit anywhere in its em (``3 · 要``); the room it leaves
    between its neighbours is what its width changes."""
    if not 0 < i < len(extents) - 1:
        return None
    a, b = extents[i - 1], extents[i + 1]
    return None if a is None or b is None else b[0] - a[1]


def _extents(runs: Sequence[tuple[int, int]], centres: list[float]) -> list[tuple[int, int] | None]:
    """Each character's ink: the runs of inked columns nearest its centre."""
    mine: list[list[tuple[int, int]]] = [[] for _ in centres]
    for a, b in runs:
        mid = (a + b) / 2
        k = min(range(len(centres)), key=lambda c: abs(centres[c] - mid))
        mine[k].append((a, b))
    return [(min(a for a, _ in m), max(b for _, b in m)) if m else None for m in mine]


def _quotes(texts: list[str], centres: list[float], extents: list[tuple[int, int] | None],
            em: float) -> list[str]:
    out = list(texts)
    for i, t in enumerate(texts):
        if t not in QUOTES:
            continue
        before, after = _gap(extents, i, i - 1), _gap(extents, i, i + 1)
        if (before is None or after is None) and 0 < i < len(texts) - 1:
            # the mark's ink touches a neighbour's: compare the distances between centres
            before, after = round(centres[i] - centres[i - 1]), round(centres[i + 1] - centres[i])
        if before is not None and after is not None:
            if abs(before - after) > QUOTE_MARGIN * em:
                out[i] = "“" if before > after else "”"
            continue
        if i == 0 and len(texts) > 1:
            out[i] = "“"
        elif i == len(texts) - 1 and i > 0:
            out[i] = "”"
    return out


def decide_widths(texts: list[str], centres: list[float], line_ink: np.ndarray, em: float,
                  default: bool | None = None) -> tuple[list[str], list[bool]]:
    """The characters of one line with each width-ambiguous mark set from the gap
    printed on its open side, and the widths measured (True: full). `centres` are
    the characters' x positions in the line image, `line_ink` that image's ink
    mask, `em` the font size in pixels; `default` is the width of a bracket whose
    own and whose partner's gaps cannot be measured (the page's usual one)."""
    texts, measured, _ = line_widths(texts, centres, line_ink, em, default)
    return texts, measured


def line_widths(texts: list[str], centres: list[float], line_ink: np.ndarray, em: float,
                default: bool | None = None) -> tuple[list[str], list[bool], set[int]]:
    """`decide_widths`, and the indices of the brackets whose width nothing in the
    line measured (neither their own gap nor their partner's): the page's usual
    width or the model's reading stands for them, which a partner printed on
    another line of the same cell may yet decide."""
    if not any(t in HALF or t in FULL or t in QUOTES for t in texts) or em <= 0:
        return texts, [], set()
    extents = _extents(ink_runs(np.asarray(line_ink.any(axis=0))), centres)
    texts = _quotes(texts, centres, extents, em)
    out = list(texts)
    decided: dict[int, bool] = {}
    for i, t in enumerate(texts):
        if t not in HALF and t not in FULL:
            continue
        side = (HALF.get(t) or FULL[t])[1]
        gap = _gap(extents, i, i - 1 if side == "before" else i + 1)
        # a stop, and a mark whose own ink is too faint to measure: the room between
        # its neighbours
        room = _room(extents, i) if t in STOPS or (gap is None and extents[i] is None) else None
        if room is not None:
            decided[i] = room > ROOM_FULL * em
        elif gap is not None:
            decided[i] = gap > WIDE_GAP * em
    guessed: set[int] = set()
    for i, t in enumerate(texts):
        if t not in HALF and t not in FULL:
            continue
        full = decided.get(i)
        if full is None:
            full = _partner(texts, decided, i)
        if full is None and t in BRACKET_MARKS:
            guessed.add(i)
            full = default
        if full is None:
            continue
        out[i] = _at_width(t, full)
    return out, [v for k, v in decided.items() if texts[k] in BRACKET_MARKS], guessed


def _at_width(mark: str, full: bool) -> str:
    """The mark printed full-width (`full`) or half-width."""
    if full and mark in HALF:
        return HALF[mark][0]
    if not full and mark in FULL:
        return FULL[mark][0]
    return mark


def _partner(texts: list[str], decided: dict[int, bool], i: int) -> bool | None:
    """The width decided for the other bracket of the pair `i` belongs to."""
    t = texts[i]
    if t in ("(", "（"):
        for j in range(i + 1, len(texts)):
            if texts[j] in (")", "）"):
                return decided.get(j)
    if t in (")", "）"):
        for j in range(i - 1, -1, -1):
            if texts[j] in ("(", "（"):
                return decided.get(j)
    return None


def cell_widths(marks: Sequence[tuple[str, bool]]) -> list[str]:
    """A cell's characters in reading order (each with whether its width was guessed,
    `line_widths`), with a guessed bracket given the width its partner was measured
    at where the pair is printed on two lines of the cell (``（含依申请`` over
    ``公开）``): a report prints a pair of brackets at one width."""
    out = [t for t, _ in marks]
    opened: list[int] = []
    for k, (t, _) in enumerate(marks):
        if t in ("(", "（"):
            opened.append(k)
        elif t in (")", "）") and opened:
            a = opened.pop()
            for this, other in ((a, k), (k, a)):
                if marks[this][1] and not marks[other][1]:
                    out[this] = _at_width(marks[this][0], marks[other][0] in FULL)
    return out
