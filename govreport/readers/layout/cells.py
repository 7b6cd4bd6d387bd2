"""Header cells of a column-aligned table: the fragments of its header block, joined
into the labels of the table's header cells.

Header labels are centred in their cells, horizontally and vertically, and
wrap over several lines. So:

* neighbouring labels that pdftotext set one space apart are cut into cells
  (``总 计 结果 结果`` is ``总 计``, ``结果``, ``结果``);
* fragments stacked on nearby lines around the same centre, with no blank
  line between, are one cell (``本年新`` over ``制作数量``); a stack that
  splits line by line into header labels of the official tables is those
  labels, and any other is cut where its line lengths say a label ended
  (wrapped lines are as long as each other, the last no longer); a label's
  last characters that pdftotext moved aside rejoin it when together they
  make an official label;
* narrow cells wrapped a few characters a line whose lines pdftotext printed
  further apart (``结果 结果 其他 尚未`` then, three lines below and another
  label's line between, ``维持 纠正 结果 审结``) are joined line to line: a
  line whose every word that is no header label by itself completes, in
  order and each under its start, an official header label started above it
  holds the rest of those labels, not cells of its own (nor data);
* the cells with no other cell under them are the columns' labels (leaves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govreport.readers.layout.lines import Fragment
from govreport.report.labels import core
from govreport.tables.template import header_words
from govreport.textutil import clean, squash

CENTRE_TOLERANCE = 1.6  # how far apart the centres of two lines of one cell may be
STACK_REACH = 4  # lines: how far below a wrapped label's last line its rest may be printed


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
    cells = _join_cut_words(_split_lone_tops(cells, by_line, reach), blank_lines, spacing)
    return _join_stacked_pairs(cells, blank_lines, spacing)


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


def _pairs_in_order(upper: list[HeaderCell], lower: list[HeaderCell], reach: float) -> list[int] | None:
    """For each lower cell (left to right), the upper cell it completes: strictly in order,
    each pair within `reach` columns and making an official header label, nearest first;
    None when some lower cell completes none."""
    words = _template_words()
    n, m = len(lower), len(upper)
    inf = float("inf")

    def fits(i: int, j: int) -> float:
        u, d = upper[j], lower[i]
        far = abs(u.fragments[-1].center - d.centre)
        return far if far <= reach and core(u.text + d.text) in words else inf

    # cost[i][j]: least distance pairing lower[:i + 1] with lower[i] on upper[j]
    cost = [[inf] * m for _ in range(n)]
    back = [[-1] * m for _ in range(n)]
    for i in range(n):
        best, arg = (0.0, -1) if i == 0 else (inf, -1)
        for j in range(m):
            if best < inf:
                cost[i][j] = best + fits(i, j)
                back[i][j] = arg
            if i >= 1 and cost[i - 1][j] < best:
                best, arg = cost[i - 1][j], j
    ends = [j for j in range(m) if n and cost[n - 1][j] < inf]
    if not ends:
        return None
    j = min(ends, key=lambda k: cost[n - 1][k])
    out = [j]
    for i in range(n - 1, 0, -1):
        j = back[i][j]
        out.append(j)
    return out[::-1]


def _join_stacked_pairs(cells: list[HeaderCell], blank_lines: set[int], spacing: float) -> list[HeaderCell]:
    """Narrow header cells wrapped a few characters a line, each line of the header set
    on a line of its own by pdftotext (``结果 结果 其他 尚未`` then, a line or more
    below, ``维持 纠正 结果 审结``): a line whose every word that is not a header
    label by itself completes, in order, one started above it (no blank line between,
    each under its start) joins those labels. Lines whose words do not all pair up so
    are left as they are."""
    words = _template_words()
    out = list(cells)
    for line in sorted({c.top for c in cells}):
        lower = sorted((c for c in out if c.top == line and len(c.fragments) == 1
                        and core(c.text) not in words), key=lambda c: c.centre)
        upper = sorted((c for c in out if line - STACK_REACH <= c.bottom < line
                        and not any(b in blank_lines for b in range(c.bottom + 1, line))),
                       key=lambda c: c.fragments[-1].center)
        if not lower or not upper:
            continue
        pairs = _pairs_in_order(upper, lower, spacing)
        if pairs is None:
            continue
        for d, j in zip(lower, pairs):
            upper[j].fragments.append(d.fragments[0])
            out.remove(d)
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


def bottom_cells(cells: list[HeaderCell]) -> list[HeaderCell]:
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

