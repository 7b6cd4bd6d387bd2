"""A column-aligned table's body rows, rebuilt from value lines and label blocks.

A row's values share one line; its labels are centred on that line, so a
wrapped label starts above its values and ends below them (or, where cells
are aligned to the top, ends right above them). Per label column:

* fragments on nearby lines make one label *block*; a numbered fragment
  (一、 （一） 1.), a subtotal's word (小计) or a remark (注：…) starts a new one, as does a
  blank line; in a column without numbering, a block that reaches over two
  rows' value lines is cut between them, each part centred on its row;
* a block whose lines hold a row's value line labels that row; a block right
  above a value line that no label of its column or a deeper one stands
  beside or over labels that row (also a line apart, in the deepest column,
  when a parent label stands beside the values: a tall row); a
  block with no value line in the deepest label column is a row whose values
  are all blank;
* a row with no label of its own in a column, but a deeper one, is under a
  merged label: the column's blocks among those rows (``三、本年度办理结果``,
  ``（三）不予公开``) share them out, cut where the deeper labels start
  counting again at 1 or are numbered as the label's sibling (else each row
  goes to the nearest block); a label printed again right after itself (a
  merge printed in every slot) is the same label. The label goes to the
  first row of its share, as in a padded grid. A block that gets no row is a
  row of its own (a leaf whose values are all blank);
* a block without value lines at the top of a page is the rest of a label
  cut by the page break, and joins the label before: in a numbered column
  when it is not numbered, elsewhere when together they make a row label of
  table 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.readers.layout.lines import Fragment
from govreport.tables.official import starts_note
from govreport.tables.template import TOTAL_WORDS, t2_item_label
from govreport.textutil import NUMBERING, clean, numbering_style, outline_depth, squash

_FIRST_ORDINALS = ("一", "1", "１", "①")


@dataclass(frozen=True, slots=True)
class Placed:
    """A body fragment placed in a global label column or value column."""

    frag: Fragment
    col: int
    is_value: bool


@dataclass(slots=True)
class Block:
    col: int
    frags: list[Fragment] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.frags[0].line

    @property
    def bottom(self) -> int:
        return self.frags[-1].line

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return "\n".join(f.text for f in self.frags)

    @property
    def numbered(self) -> bool:
        return numbering_style("".join(clean(f.text) for f in self.frags)) is not None

    @property
    def first_ordinal(self) -> bool:
        t = "".join(clean(f.text) for f in self.frags).lstrip("（(")
        return self.numbered and t.startswith(_FIRST_ORDINALS) and not t[1:2].isdigit()


@dataclass(slots=True)
class Row:
    anchor: float
    values: dict[int, str] = field(default_factory=dict)
    labels: dict[int, Block] = field(default_factory=dict)
    continued: set[int] = field(default_factory=set)  # label columns under a merged label

    @property
    def deepest(self) -> int:
        return max(self.labels, default=-1)


def _opens_numbered(frags: list[Fragment], k: int) -> bool:
    """The fragment starts a numbered label, also when the number is cut over lines
    (``三`` over ``、``, ``（三`` over ``）不``)."""
    text = ""
    for f in frags[k : k + 3]:
        text += clean(f.text)
        if any(p.match(text) for _, p in NUMBERING):
            return True
    return False


def _own_row(text: str) -> bool:
    """A label that is a row of its own, never the rest of the label above it: a
    subtotal's word (小计, 小计数) or a remark (注：…, 说明：…)."""
    return squash(text).startswith(TOTAL_WORDS) or starts_note(text)


def make_blocks(frags: list[Fragment], breaks: set[int]) -> list[Block]:
    """One label column's fragments as blocks (see the module docstring)."""
    blocks: list[Block] = []
    ordered = sorted(frags, key=lambda f: f.line)
    for k, f in enumerate(ordered):
        if blocks:
            last = blocks[-1].frags[-1]
            crossed = any(b in breaks for b in range(last.line + 1, f.line + 1))
            if not crossed and f.line - last.line <= 2 and not _opens_numbered(ordered, k) \
                    and not _own_row(f.text):
                blocks[-1].frags.append(f)
                continue
        blocks.append(Block(col=-1, frags=[f]))
    return blocks


def _cut_by_rows(block: Block, anchors: list[int]) -> list[Block]:
    """Cut an unnumbered block that holds several rows' value lines, each part centred."""
    inside = [a for a in anchors if block.top <= a <= block.bottom]
    if len(inside) < 2:
        return [block]
    parts: list[Block] = []
    rest = list(block.frags)
    for k, anchor in enumerate(inside):
        if k == len(inside) - 1:
            parts.append(Block(block.col, rest))
            break
        above = [f for f in rest if f.line < anchor]
        on = [f for f in rest if f.line == anchor]
        nxt = inside[k + 1]
        between = [f for f in rest if anchor < f.line < nxt]
        below = between[: len(above)]
        mine = above + on + below
        parts.append(Block(block.col, mine))
        rest = [f for f in rest if f not in mine]
    return [p for p in parts if p.frags]


def body_rows(placed: list[Placed], n_labels: int, breaks: set[int], page_starts: set[int]) -> list[Row]:
    """The rows of a table body, top to bottom."""
    rows: dict[int, Row] = {}
    for p in placed:
        if p.is_value:
            row = rows.setdefault(p.frag.line, Row(anchor=p.frag.line))
            current = row.values.get(p.col)
            row.values[p.col] = p.frag.text if current is None else current + " " + p.frag.text
    _join_wrapped_values(rows, placed)
    anchors = sorted(rows)
    columns: list[list[Block]] = []
    for c in range(n_labels):
        frags = [p.frag for p in placed if not p.is_value and p.col == c]
        blocks = make_blocks(frags, breaks)
        for b in blocks:
            b.col = c
        numbered = sum(b.numbered for b in blocks) * 2 >= len(blocks) and len(blocks) >= 2
        if numbered:
            blocks = _join_page_cuts(blocks, page_starts)
        else:
            blocks = [part for b in blocks for part in _cut_by_rows(b, anchors)]
        blocks = _join_cut_items(blocks, page_starts, anchors)
        columns.append(blocks)
    direct: dict[int, list[Row]] = {}
    for c, blocks in enumerate(columns):
        for b in blocks:
            hit = [rows[a] for a in anchors if b.top <= a <= b.bottom]
            direct[id(b)] = hit
            if hit:
                hit[0].labels.setdefault(c, b)
                for r in hit[1:]:
                    if c not in r.labels:
                        r.continued.add(c)
    for c, blocks in enumerate(columns):
        for b in blocks:
            below = rows.get(b.bottom + 1)
            if below is None and c == n_labels - 1:
                # a line apart: only where a parent label printed beside both the block
                # and those values makes them one tall row
                apart = rows.get(b.bottom + 2)
                if apart is not None and any(p.top <= b.top and p.bottom >= apart.anchor
                                             for p in apart.labels.values()):
                    below = apart
            if not direct[id(b)] and below is not None and all(k < c for k in below.labels) \
                    and all(k < c for k in below.continued):
                # a label printed right above values that no label of its column or a
                # deeper one stands beside or over (cells aligned to the top): that row's
                direct[id(b)] = [below]
                below.labels[c] = b
    ordered = sorted(rows.values(), key=lambda r: r.anchor)
    for c in range(n_labels - 1, -1, -1):
        loose = [b for b in columns[c] if not direct[id(b)]]
        if c == n_labels - 1:
            for b in loose:
                ordered.append(Row(anchor=b.middle, labels={c: b}))
            ordered.sort(key=lambda r: r.anchor)
            continue
        ordered = _merged_labels(ordered, loose, c)
    return ordered


def _join_wrapped_values(rows: dict[int, Row], placed: list[Placed]) -> None:
    """Numbers wrapped in a narrow column (``296`` over the row's line, ``7`` under it): a
    value line next to a fuller one, holding only columns that one lacks, joins it."""
    numbered_lines = {p.frag.line for p in placed if not p.is_value and p.frag.numbered}
    columns = {line: set(row.values) for line, row in rows.items()}
    moves: list[tuple[int, int]] = []
    for line in sorted(rows):
        if line in numbered_lines:
            continue
        for other_line in (line + 1, line - 1):
            other = columns.get(other_line)
            if other is None or len(other) <= len(columns[line]) or other & columns[line]:
                continue
            moves.append((line, other_line))
            break
    for line, target in moves:
        if target in {m for m, _ in moves}:
            continue  # a piece never receives pieces
        row, other_row = rows[line], rows[target]
        for col, text in row.values.items():
            current = other_row.values.get(col)
            if current is None:
                other_row.values[col] = text
            else:
                other_row.values[col] = text + current if line < target else current + text
        del rows[line]


def _join_cut_items(blocks: list[Block], page_starts: set[int], anchors: list[int]) -> list[Block]:
    """A label cut by a page break: a block opening a page, with no value line of its own,
    continues the block before the break when together, and only together, they make a
    row label of table 2 (``其他对外`` / ``管理服务事项``)."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and any(prev.bottom < s <= b.top for s in page_starts) and \
                not any(b.top <= a <= b.bottom for a in anchors) and t2_item_label(_joined(prev)) is None \
                and t2_item_label(_joined(prev) + _joined(b)) is not None:
            prev.frags.extend(b.frags)
        else:
            out.append(b)
    return out


def _join_page_cuts(blocks: list[Block], page_starts: set[int]) -> list[Block]:
    """In a numbered column, an unnumbered block opening a page continues the block before
    (unless it is a row of its own: 小计, a remark)."""
    out: list[Block] = []
    for b in blocks:
        after_page = out and any(out[-1].bottom < s <= b.top for s in page_starts)
        first_on_page = after_page and not b.numbered and not _own_row(b.frags[0].text)
        if first_on_page:
            out[-1].frags.extend(b.frags)
        else:
            out.append(b)
    return out


def _merged_labels(rows: list[Row], loose: list[Block], c: int) -> list[Row]:
    """Give column c's merged labels the rows that need them; loose blocks left over are rows
    (the owners are found through the rows)."""
    used: set[int] = set()
    i = 0
    while i < len(rows):
        if (c in rows[i].labels and rows[i].deepest <= c) or (rows[i].deepest < c and rows[i].deepest != -1):
            i += 1
            continue
        j = i
        while j < len(rows) and not (
            (c in rows[j].labels and rows[j].deepest <= c) or (rows[j].deepest < c and rows[j].deepest != -1)
        ):
            j += 1
        run = rows[i:j]
        lo, hi = run[0].anchor - 1, run[-1].anchor + 1
        owners = [r.labels[c] for r in run if c in r.labels]
        floating = [b for b in loose if id(b) not in used and lo <= b.middle <= hi
                    and not _own_row(b.frags[0].text)]  # a remark or 小计 heads no rows
        candidates = sorted({id(b): b for b in owners + floating}.values(), key=lambda b: b.middle)
        used.update(id(b) for b in floating)
        if candidates:
            _share_rows(run, candidates, c)
        i = j
    for b in loose:
        if id(b) not in used:
            rows.append(Row(anchor=b.middle, labels={c: b}))
    rows.sort(key=lambda r: r.anchor)
    return rows


def _deeper_label(row: Row, c: int) -> Block | None:
    deeper = [k for k in row.labels if k > c]
    return row.labels[min(deeper)] if deeper else None


def _may_hold(parent: Block, child: Block | None) -> bool:
    """A label may stand over a row whose next label is `child`: not when both are numbered
    and the child's numbering is of the parent's level or above it, unless they are one
    label printed in two slots (a merge printed as separate cells, each its own wrap)."""
    if child is None:
        return True
    p, c = squash(_joined(parent)), squash(_joined(child))
    a, b = outline_depth(p), outline_depth(c)
    return a is None or b is None or b > a or p.startswith(c) or c.startswith(p)


def _joined(block: Block) -> str:
    return "".join(clean(f.text) for f in block.frags)


def _share_rows(run: list[Row], candidates: list[Block], c: int) -> None:
    """Assign the rows of a run to the candidate labels in order: a row keeps the label it
    holds; the others follow the label before them, moving on to the next label where
    the deeper labels start counting again at 1 or, where they are not numbered at
    all, where the next label is nearer (an unnumbered row among numbered ones, a
    小计, stays with the label before it). A label printed again right after itself (a merge printed as
    separate cells, each repeating its text) is the same label, not the next one. A
    label goes into the first row it gets (padded-grid style)."""
    groups: list[list[Block]] = []
    for b in candidates:
        if groups and squash(groups[-1][-1].text) == squash(b.text):
            groups[-1].append(b)
        else:
            groups.append([b])
    index = {id(b): k for k, g in enumerate(groups) for b in g}

    def distance(k: int, anchor: float) -> float:
        return min(abs(b.middle - anchor) for b in groups[k])

    fixed = [index[id(r.labels[c])] if c in r.labels else -1 for r in run]
    counted = any((d := _deeper_label(r, c)) is not None and d.numbered for r in run)
    owner: list[int] = []
    cur, has_rows = 0, False
    for idx, r in enumerate(run):
        if fixed[idx] >= 0:
            cur, has_rows = max(cur, fixed[idx]), True
            owner.append(cur)
            continue
        limit = next((fixed[k] for k in range(idx + 1, len(run)) if fixed[k] >= 0), len(groups) - 1)
        deeper = _deeper_label(r, c)
        if deeper is not None and deeper.numbered:
            ends = (deeper.first_ordinal and has_rows) or not _may_hold(groups[cur][0], deeper)
            if ends and cur < limit:
                cur += 1
        elif not counted:
            while cur < limit and distance(cur + 1, r.anchor) < distance(cur, r.anchor):
                cur += 1
        has_rows = True
        owner.append(cur)
    seen: set[int] = set()
    for idx, r in enumerate(run):
        k = owner[idx]
        if fixed[idx] < 0 and not _may_hold(groups[k][0], _deeper_label(r, c)):
            continue  # its own label is numbered as this one's sibling or parent (一、 beside 二、)
        if k not in seen:
            seen.add(k)
            r.labels[c] = groups[k][0]
            r.continued.discard(c)
        else:
            r.labels.pop(c, None)
            r.continued.add(c)
