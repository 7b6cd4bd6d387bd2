"""Labels read again against the format's own wording.

A row label or column header read by OCR may come out one mark short or with
one character misread: the ``（`` of ``（四）`` lost at the start of a wrapped
line, ``年`` read as ``车``, the opening ``“`` read as a closing ``”``. The
template matches such a label anyway, but its header path then carries the
misreading. The page image is the printed source and the OCR text only a
fallible reading of it, so where the characters the model doubted, or saw as
runner-up, turn the reading into a label the format prints, the label is read
as that one (the text as read is named in a ``scan.label_reread`` diagnostic).

Only evidenced edits count, at most `MAX_EDITS` of them:

- a character replaced by its runner-up reading, or replacing one the model
  doubted (probability below `DOUBT`);
- a doubted character dropped;
- a missing bracket put in at the start or end of a printed line, or beside a
  doubted character (where the recogniser loses half-blank marks).

A digit is never changed, added or dropped this way (numbers are checked by
the format's identities only), and a label the page prints with a character
missing (a typo, read confidently) stays as printed: no edit adds a word's
character. Text-layer sources never come here: a misprint there stays as printed.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from govreport.report.labels import norm
from govreport.report.spec import raw_spec

DOUBT = 0.75  # a character read with less probability than this may be another one
MAX_EDITS = 2
BRACKETS = frozenset("（）()")
NUMBERING_MARKS = frozenset("、.．")  # 2、 2. 2． are the same numbering printed three ways
INF = 1 << 20


@dataclass(frozen=True, slots=True)
class ReadChar:
    """One character of a cell as read: its text, probability, runner-up, and
    whether it begins or ends a printed line of the cell."""

    text: str
    prob: float
    alt: str | None = None
    line_start: bool = False
    line_end: bool = False

    @property
    def doubted(self) -> bool:
        return self.prob < DOUBT and not self.text.isdigit()


def _labels(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "label" and isinstance(v, str):
                out.add(v)
            else:
                _labels(v, out)
    elif isinstance(node, list):
        for v in node:
            _labels(v, out)


@cache
def official_labels() -> tuple[str, ...]:
    """Every label the format prints in its tables (row labels, column headers, table
    2's block captions), over both editions, without whitespace."""
    found: set[str] = set()
    for ed in raw_spec()["editions"].values():
        _labels(ed["tables"], found)
    return tuple(sorted(label for label in found if not any(c.isspace() for c in label)))


def _same(a: str, b: str) -> bool:
    """The same printed character up to width (``(`` and ``（``), or the same stop
    after a numbering printed another way (``2、`` for the format's ``2.``): what a
    report prints there is its own style, never a misreading to undo."""
    if a == b or (a in NUMBERING_MARKS and b in NUMBERING_MARKS):
        return True
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


def _align(chars: Sequence[ReadChar], target: str) -> tuple[int, tuple[str, ...]] | None:
    """The fewest evidenced edits that turn `chars` into `target`, and what each
    character read becomes (`Reread.pieces`; a character read is kept where it
    matches up to width), or None when more than `MAX_EDITS` would be needed."""
    n, m = len(chars), len(target)
    if abs(n - m) > MAX_EDITS:
        return None
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0
    for i in range(n + 1):
        for j in range(max(0, i - MAX_EDITS), min(m, i + MAX_EDITS) + 1):
            here = cost[i][j]
            if here > MAX_EDITS:
                continue
            if i < n and j < m:
                c, t = chars[i], target[j]
                if _same(c.text, t):
                    _relax(cost, back, i + 1, j + 1, here, (i, j, c.text))
                elif not c.text.isdigit() and not t.isdigit() and (c.alt == t or c.doubted):
                    _relax(cost, back, i + 1, j + 1, here + 1, (i, j, t))
            if i < n and chars[i].doubted:
                _relax(cost, back, i + 1, j, here + 1, (i, j, ""))
            if j < m and target[j] in BRACKETS and _may_insert(chars, i):
                _relax(cost, back, i, j + 1, here + 1, (i, j, target[j]))
    if cost[n][m] > MAX_EDITS:
        return None
    pieces = [""] * (n + 1)
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        i, j, text = step
        # a match or a substitution stands for character i, an insertion goes before
        # it (at the end when i == n); walking back, what comes first is put first
        pieces[i] = text + pieces[i]
    return cost[n][m], tuple(pieces)


def _relax(cost: list[list[int]], back: list[list[tuple[int, int, str] | None]], i: int, j: int,
           value: int, step: tuple[int, int, str]) -> None:
    if value < cost[i][j]:
        cost[i][j] = value
        back[i][j] = step


def _may_insert(chars: Sequence[ReadChar], i: int) -> bool:
    """A mark may be missing before character i: at a printed line's start or end,
    or beside a doubted character."""
    if i == 0 or i == len(chars):
        return True
    before, after = chars[i - 1], chars[i]
    return before.line_end or after.line_start or before.doubted or after.doubted


def _candidates(chars: Sequence[ReadChar]) -> Iterator[str]:
    """Official labels close enough in length and characters to be worth aligning."""
    have = Counter(c.text for c in chars)
    n = len(chars)
    for label in official_labels():
        if abs(len(label) - n) > MAX_EDITS:
            continue
        shared = sum((Counter(label) & have).values())
        if shared >= len(label) - MAX_EDITS and shared >= n - MAX_EDITS:
            yield label


@dataclass(frozen=True, slots=True)
class Reread:
    """A label read again: `label` the official label reached, `edits` how many
    evidenced edits it took, and `pieces` what each character read becomes
    (``pieces[k]`` replaces character k, with any mark put in before it;
    ``pieces[-1]`` is what is put in after the last one)."""

    label: str
    edits: int
    pieces: tuple[str, ...]

    def apply(self, text: str) -> str:
        """`text` (the characters read, with the whitespace between them) reread,
        its whitespace kept."""
        return respell(text, self.pieces)


def respell(text: str, pieces: Sequence[str]) -> str:
    """`text` with its k-th character that is not whitespace replaced by pieces[k]
    (and pieces[n], when given, put after the last), its whitespace kept."""
    out: list[str] = []
    k = 0
    for ch in text:
        if ch.isspace():
            out.append(ch)
        else:
            out.append(pieces[k])
            k += 1
    out.extend(pieces[k:])
    return "".join(out)


def reread_label(chars: Sequence[ReadChar]) -> Reread | None:
    """The official label the characters read stand for, when evidenced edits make
    them one and no other label is as near; None when the reading already is a
    label, or no label (or more than one) is reached."""
    if len(chars) < 2 or all(c.text.isdigit() for c in chars):
        return None
    best: dict[tuple[str, ...], Reread] = {}
    for label in _candidates(chars):
        found = _align(chars, label)
        if found is None:
            continue
        edits, pieces = found
        if edits == 0:
            return None
        if pieces not in best or edits < best[pieces].edits:
            best[pieces] = Reread(label, edits, pieces)
    if not best:
        return None
    least = min(r.edits for r in best.values())
    chosen = [r for r in best.values() if r.edits == least]
    return chosen[0] if len(chosen) == 1 else None


@cache
def _official_norms() -> frozenset[str]:
    return frozenset(norm(label) for label in official_labels())


def is_official(text: str) -> bool:
    """`text` is a label the format prints (up to whitespace, widths, quotes and
    合计 for 总计)."""
    return norm(text) in _official_norms()


def fragment_of(part: str, whole: str) -> bool:
    """`part` is what OCR kept of a copy of `whole`: a label printed again in the cell
    beside it (a merged cell printed as separate cells, its text repeated), read
    with some of its lines or characters lost. `whole` must be a label of the
    format and `part` none, and `part` (two characters at least) must be `whole`
    with characters left out, in order."""
    a, b = "".join(part.split()), "".join(whole.split())
    if len(a) < 2 or len(a) >= len(b) or is_official(a) or not is_official(b):
        return False
    it = iter(b)
    return all(ch in it for ch in a)
