"""One column-aligned table: its page segments, columns, header and body, as a raw table.

A table that runs over a page break continues on the next page, perhaps
under a repeat of its header, and ``pdftotext -layout`` lays each page out
on its own scale. So columns are found per page segment and mapped onto the
first segment's: value columns in order (or, when some are missing, by the
scale and shift that lays them best onto the first one's), label columns by
their place within the label area (which ``pdftotext`` stretches on its own).
A repeated header is dropped; only the first
segment's header is kept.

The raw table is padded (every grid slot a field, spans unknown): the
header rows, then one row per body row with a slot per label column and per
value column, a merged label in the first row it covers.
"""

from __future__ import annotations

import re

from govreport.model import Location
from govreport.readers.layout.body import Placed, Row, body_rows
from govreport.readers.layout.columns import Columns, assign_in_order, label_columns, value_columns
from govreport.readers.layout.header import header_rows, leaf_centres
from govreport.readers.layout.lines import Fragment, Line
from govreport.tables.raw import RawCell, RawTable
from govreport.tables.template import is_corner_text
from govreport.textutil import clean, squash

CAPTION = re.compile(
    r"^第[一二三四五六七八九十百\d]+条\s*第?\s*[（(]?[一二三四五六七八九十\d]+[）)]?\s*[项款]?$"
)


def is_value_line(line: Line) -> bool:
    vals = line.values
    return len(vals) >= 2 or (len(vals) == 1 and (vals[0].x0 > 4 or len(line.fragments) > 1))


def is_caption(line: Line) -> bool:
    """A table-2 block caption: the line holds it alone, or repeated in every cell of its
    row (a merge printed as separate cells)."""
    texts = {squash(f.text) for f in line.fragments}
    return len(texts) == 1 and bool(CAPTION.match(texts.pop()))


def _pages(lines: list[Line]) -> list[list[Line]]:
    segments: list[list[Line]] = []
    for ln in lines:
        if not segments or segments[-1][-1].page != ln.page:
            segments.append([])
        segments[-1].append(ln)
    return segments


def _split_header(seg: list[Line], value_left: float) -> tuple[list[Line], list[Line]]:
    """Header lines (before the first body line) and body lines of a page segment."""
    first_body = next((i for i, ln in enumerate(seg) if is_value_line(ln) or any(
        f.numbered and f.center < value_left for f in ln.fragments)), len(seg))
    last_head = -1
    for i in range(first_body):
        if any(f.center >= value_left and not f.is_value for f in seg[i].fragments):
            last_head = i
    while 0 <= last_head < first_body - 1 and \
            _ends_corner(seg[: last_head + 1], seg[last_head + 1], value_left):
        last_head += 1
    return seg[: last_head + 1], seg[last_head + 1 :]


def _ends_corner(head: list[Line], line: Line, value_left: float) -> bool:
    """The line under the header is the rest of its corner label (``信息`` over the column
    labels, ``内容`` under them; a note whose bracket is still open)."""
    if line.blank or any(f.center >= value_left for f in line.fragments):
        return False
    x0 = line.fragments[0].x0
    stack = "".join(clean(f.text) for ln in head for f in ln.fragments
                    if f.center < value_left and abs(f.x0 - x0) <= 1.5)
    text = "".join(clean(f.text) for f in line.fragments)
    return bool(stack) and (_opened(stack) or (not is_corner_text(stack) and is_corner_text(stack + text)))


def _match_values(local: Columns, ref: Columns, filled: list[int]) -> list[int]:
    """The reference value column of each of a segment's value columns: in order when
    there are as many; else, in order, the reference columns the table fills most
    (`filled`: values printed in each column so far; a column blank on one page is
    blank on the next), nearest by place where that leaves a choice."""
    n, m = len(local.values), len(ref.values)
    if n == m:
        return list(range(m))
    if n == 0:
        return []
    lo, hi = local.values[0], local.values[-1]
    span = (hi - lo) or 1.0
    place = [ref.values[0] + (x - lo) / span * (ref.values[-1] - ref.values[0]) for x in local.values]
    scale = (ref.values[-1] - ref.values[0]) or 1.0
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def choose(i: int, j: int) -> tuple[float, list[int]]:
        """Best score placing local columns i.. on reference columns j.."""
        if i == n:
            return 0.0, []
        if m - j < n - i:
            return float("-inf"), []
        if (i, j) not in best:
            gain = filled[j] - abs(place[i] - ref.values[j]) / scale
            take_score, take_rest = choose(i + 1, j + 1)
            skip_score, skip_rest = choose(i, j + 1)
            best[(i, j)] = (gain + take_score, [j, *take_rest]) if gain + take_score >= skip_score \
                else (skip_score, skip_rest)
        return best[(i, j)]

    return choose(0, 0)[1]


def _boundary(seg: list[Line]) -> float:
    """Where the value area starts: halfway between the labels' ends and the values'
    starts on the value lines (labels anywhere when no value line has one; numbered
    labels anywhere), and not past the first column label under a corner label or the
    gap after the row-label header (``信息内容``) on a header line. Without row labels
    (text at the margin only above the values: table 4) the value area is the line."""
    value_lines = [ln for ln in seg if is_value_line(ln)]
    if not value_lines:
        return 0.0
    first_value = min(f.x0 for ln in value_lines for f in ln.values)
    beside = [f.x1 for ln in value_lines for f in ln.fragments if not f.is_value and f.x1 <= first_value]
    anywhere = [f.x1 for ln in seg for f in ln.fragments
                if not f.is_value and f.x0 <= 2 and f.x1 <= first_value]  # row labels at the margin
    top = seg.index(value_lines[0])
    if not beside and not any(not f.is_value and f.x0 <= 2 for ln in seg[top:] for f in ln.fragments):
        return -1.0  # text at the margin above the values only: header labels (table 4 has no row labels)
    # numbered labels (1.属于国 of a row whose values are blank) are row labels wherever they are
    numbered = [f.x1 for ln in seg for f in ln.fragments if f.numbered and f.x1 <= first_value]
    labels = beside + numbered if beside else anywhere + numbered
    if not labels:
        return first_value - 1
    boundary = (max(labels) + first_value) / 2
    if any(is_corner_text(f.text) for ln in seg[:top] for f in ln.fragments if f.x0 <= 2):
        # under a corner label (信息内容), a column label printed right of every row label
        # starts the value area, however far right the values under it were packed
        margin_end = max(f.x1 for ln in seg for f in ln.fragments if not f.is_value and f.x0 <= 2)
        heads = [f.x0 for ln in seg[:top] for f in ln.fragments if not f.is_value and f.x0 > margin_end + 2]
        if heads and min(heads) < boundary:
            boundary = (margin_end + min(heads)) / 2
    for ln in seg[:top]:
        if len(ln.fragments) < 2:
            continue
        a, b = ln.fragments[0], ln.fragments[1]
        # a row-label header (信息内容) beside a column header; not a first row's label
        # printed above its values (一 … 一、 of a label wrapped in two columns)
        if a.x0 <= 2 and b.x0 < boundary and len(clean(a.text)) >= 2 and not b.numbered:
            boundary = min(boundary, (a.x1 + b.x0) / 2)
    return boundary


def _median_gap(centres: list[float]) -> float:
    gaps = sorted(b - a for a, b in zip(centres, centres[1:]))
    return gaps[len(gaps) // 2] if gaps else 8.0


DOUBT = 1.3  # a value this much nearer one column than another is not surely under it


def _with_blank_columns(centres: list[float], leaves: list[float]) -> tuple[list[float], list[float]]:
    """More header leaves than value columns: the rest are columns whose values are all
    blank. Each value column takes the place of the leaf it matches (in order); a leaf
    left over keeps its own place, shifted like its nearest matched neighbour.

    Also returns the value columns that sit about as near another leaf they could
    match (pdftotext packs a lone value left of its column): which column they belong
    to is a guess, so their values are not placed."""
    if len(leaves) <= len(centres) or not centres:
        return centres, []
    match = assign_in_order(centres, leaves)
    doubtful = []
    for i, (x, j) in enumerate(zip(centres, match)):
        lo = match[i - 1] + 1 if i else 0
        hi = match[i + 1] - 1 if i + 1 < len(match) else len(leaves) - 1
        near = abs(x - leaves[j])
        other = min((abs(x - leaves[k]) for k in range(lo, hi + 1) if k != j), default=None)
        if other is not None and near > 1.0 and other <= DOUBT * near:
            doubtful.append(x)
    shift = {j: centres[i] - leaves[j] for i, j in enumerate(match)}
    out = []
    for j, x in enumerate(leaves):
        if j in shift:
            out.append(x + shift[j])
        else:
            nearest = min(shift, key=lambda k: abs(k - j))
            out.append(x + shift[nearest])
    return sorted(out), doubtful


def _segment_columns(seg: list[Line], ref: Columns | None) -> tuple[Columns, list[Line], list[Line]]:
    """A page segment's columns in its own positions, with its header and body lines."""
    boundary = _boundary(seg)
    value_rows = [[f for f in ln.values if f.x0 >= boundary] for ln in seg if is_value_line(ln)]
    head, body = _split_header(seg, boundary)
    header_frags = [f for ln in head for f in ln.fragments if f.center >= boundary]
    centres = value_columns(value_rows, header_frags)
    doubtful: list[float] = []
    if head:
        centres, doubtful = _with_blank_columns(centres, leaf_centres(head, boundary, _median_gap(centres)))
    if not centres:
        centres = sorted({round(f.center) for f in header_frags}) or [0.0]
    labels = label_columns([f for ln in body for f in ln.fragments if f.center < boundary
                            and not f.is_value])
    label_xs = tuple(labels) if boundary > 0 else ()
    return Columns(tuple(centres), label_xs, boundary, tuple(doubtful)), head, body


def _drop_repeated_headers(body: list[Line], value_left: float) -> list[Line]:
    """A header printed again inside the body (labels, not values, over the value
    columns) is dropped, with the lines between its first and last line (the corner
    note printed again beside it)."""
    header_like = [i for i, ln in enumerate(body)
                   if not is_value_line(ln) and any(f.center >= value_left and not f.is_value
                                                    for f in ln.fragments)]
    if not header_like:
        return body
    drop: set[int] = set()
    run = [header_like[0]]
    for i in [*header_like[1:], None]:
        if i is not None and i - run[-1] <= 2:
            run.append(i)
            continue
        if len(run) >= 2:
            drop.update(range(run[0], run[-1] + 1))
        if i is not None:
            run = [i]
    return [ln for i, ln in enumerate(body) if i not in drop]


def _drop_corner_notes(body: list[Line], value_left: float) -> list[Line]:
    """The corner note printed again inside the body (a header repeated mid-table), wrapped
    down a narrow label column (``（本列数`` / ``据的勾稽`` / … / ``和）``), is dropped:
    it is not a row label. A note starts with an opening bracket and ends where the
    brackets balance; its lines follow each other at one left edge."""
    drop: set[int] = set()
    for i, ln in enumerate(body):
        for f in ln.fragments:
            if id(f) in drop or f.center >= value_left or not clean(f.text).startswith(("（", "(")):
                continue
            note, text, j, x0 = [f], clean(f.text), i, f.x0
            while _opened(text) and j + 1 < len(body):
                nxt = next((g for g in body[j + 1].fragments if abs(g.x0 - x0) <= 1.5), None)
                if nxt is None:
                    break
                note.append(nxt)
                text += clean(nxt.text)
                j += 1
            if not _opened(text) and is_corner_text(text):
                drop.update(id(g) for g in note)
    if not drop:
        return body
    return [Line(ln.index, ln.number, ln.page, ln.text, [f for f in ln.fragments if id(f) not in drop],
                 ln.page_width) for ln in body]


def _opened(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _place(seg_body: list[Line], cols: Columns, ref: Columns, filled: list[int],
           unplaced: list[Fragment]) -> list[Placed]:
    """Body fragments placed in the reference (first segment's) columns; values whose
    column is a guess go to `unplaced` instead."""
    seg_body = _drop_corner_notes(_drop_repeated_headers(seg_body, cols.value_left), cols.value_left)
    match = _match_values(cols, ref, filled)
    scale = ref.value_left / cols.value_left if cols.value_left > 0 else 1.0
    if len(cols.labels) == len(ref.labels):
        label_map = list(range(len(ref.labels)))
    else:
        label_map = assign_in_order([x * scale for x in cols.labels], list(ref.labels))
    out: list[Placed] = []
    for ln in seg_body:
        values = [f for f in ln.fragments
                  if f.center >= cols.value_left and (f.is_value or is_value_line(ln))]
        for f, local in zip(values, assign_in_order([f.center for f in values], list(cols.values))):
            if any(abs(f.center - x) < 0.5 for x in cols.doubtful):
                unplaced.append(f)
                continue
            out.append(Placed(_unit_joined(f), match[local] if local < len(match) else local, True))
        for f in ln.fragments:
            if f in values:
                continue
            if ref.labels and cols.labels:
                out.append(Placed(f, label_map[min(cols.label_index(f), len(label_map) - 1)], False))
    return out


_NUMBER_UNIT = re.compile(r"^([+\-－]?\d[\d,.]*) +(万元|亿元|元|件|个|%|％)$")


def _unit_joined(f: Fragment) -> Fragment:
    """``342454 元`` as printed, ``342454元``: the space is the gap between two glyph runs."""
    m = _NUMBER_UNIT.match(f.text)
    return Fragment(f.line, f.x0, f.x1, m.group(1) + m.group(2)) if m else f


def _stacked_caption(part: list[Line]) -> str | None:
    """The caption that consecutive lines print wrapped in one or more slots (the first
    line's fragments, each continued by the fragments starting under it), any other
    fragment printing it whole; None when they do not."""
    if any(ln.blank for ln in part) or any(b.index != a.index + 1 for a, b in zip(part, part[1:])):
        return None
    stacks = [[f] for f in part[0].fragments]
    whole: list[Fragment] = []
    for ln in part[1:]:
        for f in ln.fragments:
            stack = next((st for st in stacks if st[-1].line < f.line and abs(st[-1].x0 - f.x0) <= 2), None)
            if stack is None:
                whole.append(f)
            else:
                stack.append(f)
    if not any(len(st) >= 2 for st in stacks):
        return None
    texts = {"".join(clean(f.text) for f in st) for st in stacks} | {clean(f.text) for f in whole}
    if len(texts) != 1:
        return None
    text = texts.pop()
    return text if CAPTION.match(text) else None


def _join_wrapped_captions(lines: list[Line]) -> list[Line]:
    """A caption wrapped over lines in narrow slots (``第二十条`` / ``第（一）`` / ``项``,
    or ``第二十条第`` / ``（一）项`` in every slot of its merge, some slots perhaps printing
    it whole) as one caption line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        joined, text = 0, ""
        opens = bool(lines[i].fragments) and clean(lines[i].fragments[0].text).startswith("第")
        for k in range(2, 5) if opens else ():
            found = _stacked_caption(lines[i : i + k]) if i + k <= len(lines) else None
            if found is not None:
                joined, text = k, found  # the longest reading (第（一） then 项)
        if not joined:
            out.append(lines[i])
            i += 1
            continue
        first = lines[i]
        frag = Fragment(first.index, 0.0, float(len(text)), text)
        out.append(Line(first.index, first.number, first.page, text, [frag], first.page_width))
        i += joined
    return out


def lines_to_tables(lines: list[Line], unplaced: list[Fragment] | None = None) -> list[RawTable]:
    """The raw tables of one table region (split at table-2 block captions); values left
    out because their column is a guess are added to `unplaced`."""
    unplaced = [] if unplaced is None else unplaced
    lines = _join_wrapped_captions(lines)
    tables: list[list[Line]] = []
    for ln in lines:
        if is_caption(ln) or not tables:
            tables.append([])
        tables[-1].append(ln)
    out = []
    for part in tables:
        table = _one_table(part, unplaced)
        if table is not None:
            out.append(table)
    return out


def _rescaled(lines: list[Line], width: float) -> list[Line]:
    """Lines of one page on the horizontal scale of a page `width` wide."""
    out = []
    for ln in lines:
        k = width / ln.page_width if ln.page_width and width else 1.0
        frags = [Fragment(f.line, f.x0 * k, f.x0 * k + (f.x1 - f.x0), f.text) for f in ln.fragments]
        out.append(Line(ln.index, ln.number, ln.page, ln.text, frags, width or ln.page_width))
    return out


def _with_all_label_columns(ref: Columns, segments: list[tuple[Columns, list[Line], list[Line]]]) -> Columns:
    """The first segment's columns with the label columns of the segment that has the
    most columns opened by a numbered label (on the first one's scale): a level whose
    labels first appear on a later page (the first page holds only rows of level 1)
    is a column of its own there too. A column of wrapped lines alone does not count."""
    def numbered_columns(cols: Columns, body: list[Line]) -> int:
        return len({cols.label_index(f) for ln in body for f in ln.fragments
                    if f.numbered and f.center < cols.value_left}) if cols.labels else 0

    counts = [numbered_columns(cols, body) for cols, _, body in segments]
    k = max(range(len(segments)), key=lambda i: counts[i])
    best = segments[k][0]
    if counts[k] <= counts[0] or len(best.labels) <= len(ref.labels) or best.value_left <= 0:
        return ref
    scale = ref.value_left / best.value_left
    return Columns(ref.values, tuple(x * scale for x in best.labels), ref.value_left)


def _one_table(lines: list[Line], unplaced: list[Fragment]) -> RawTable | None:
    caption = None
    if lines and is_caption(lines[0]):
        caption = clean(lines[0].fragments[0].text)
        lines = lines[1:]
    segments = [s for s in _pages(lines) if any(not ln.blank for ln in s)]
    while len(segments) > 1 and not any(is_value_line(ln) for ln in segments[0]):
        # a header row left at the foot of a page: the table goes on on the next one,
        # whose columns pdftotext lays out on that page's scale
        segments[:2] = [_rescaled(segments[0], segments[1][0].page_width) + segments[1]]
    if not segments or (not any(is_value_line(ln) for ln in lines) and caption is None):
        return None
    columns = [_segment_columns(segments[0], None)]
    for seg in segments[1:]:
        if any(is_value_line(ln) for ln in seg):
            columns.append(_segment_columns(seg, None))
        else:
            # labels without values opening a page (the rest of a label cut by the break,
            # rows whose values are blank): on the columns of the page before, as printed
            # (pdftotext sets label columns at the same places on each page)
            columns.append((columns[-1][0], [], seg))
    ref, head, body = columns[0]
    ref = _with_all_label_columns(ref, columns)
    filled = [0] * len(ref.values)
    placed = _place(body, columns[0][0], ref, filled, unplaced)
    page_starts: set[int] = set()
    for cols, _, seg_body in columns[1:]:
        for p in placed:
            if p.is_value and p.frag.text.strip() and p.col < len(filled):
                filled[p.col] += 1
        if seg_body:
            page_starts.add(seg_body[0].index)
        placed.extend(_place(seg_body, cols, ref, list(filled), unplaced))
        filled = [0] * len(ref.values)
    n_labels, n_values = len(ref.labels), len(ref.values)
    breaks = {ln.index for ln in lines if ln.blank} | page_starts
    rows = body_rows(placed, n_labels, breaks, page_starts)
    grid = header_rows(head, ref.value_left, ref.values, n_labels) if head else []
    if caption is not None:
        grid.insert(0, [caption] + [""] * (n_labels + n_values - 1))
    grid.extend(_padded(r, n_labels, n_values) for r in rows)
    where = Location(line=lines[0].number) if lines else None
    return RawTable(tuple(tuple(RawCell(t, source=where) for t in row) for row in grid),
                    spans_known=False, strategy="text", source=where)


def _padded(row: Row, n_labels: int, n_values: int) -> list[str]:
    labels = [row.labels[c].text if c in row.labels else "" for c in range(n_labels)]
    values = [row.values.get(j, "") for j in range(n_values)]
    return labels + values
