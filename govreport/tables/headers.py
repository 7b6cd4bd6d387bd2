"""Header rows of an official table read against the official column tree.

The printed header is aligned to the template row by row, top down. Below each
printed header cell the next row must print either its children (a group such
as 法人或其他组织) or nothing at all for it: an empty cell, the same text again,
or no cell (a web copy leaves out the cells a rowspan covers). A horizontal
merge may be printed once, as the text followed by empty cells, or as the
text repeated. A cell that matches nothing is an extra column (a 小计), kept
where it is printed; an empty cell where a column belongs keeps the column
with an empty label. Each row is a small alignment (dynamic programming over
printed cells and expected slots), so one odd cell costs that cell and never
moves its neighbours.

The result is the list of leaf columns in printed order, each with the chain
of header cells above it, which is all the builder needs to lay the header out
and to place the values under it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from govreport.tables.rowview import Item
from govreport.tables.template import ColumnNode, is_corner_text, is_header_word, label_similarity

# Costs of the alignment (lower is better).
_OMIT_CONT = 0.3  # a cell covered by a merge from above is not printed at all
_EXTEND = 0.05  # an empty cell (or the same text) continues the cell on its left
_EMPTY_CHILD = 1.2  # an empty cell where a column of the template belongs
_MISSING_CHILD = 1.0  # a column of the template is not printed
_GARBAGE = 0.5  # an empty cell that belongs nowhere
_EXTRA = 1.0  # a printed header cell that matches nothing in the template
_CORNER_TEXT = 0.8  # a text in the corner that is not a known corner text
_MATCH = 0.6  # the weakest similarity that still names a template column


@dataclass(eq=False, slots=True)
class HeaderCell:
    """A header cell as laid out: its text, the rows of the header block it
    covers, its template node (None for an extra) and the printed items it
    took (the first is the anchor)."""

    text: str
    row: int
    node: ColumnNode | None
    items: list[Item] = field(default_factory=list)
    last_row: int = -1
    parent: HeaderCell | None = None
    open: bool = False  # children are expected in the rows below

    def chain(self) -> list[HeaderCell]:
        out: list[HeaderCell] = []
        cell: HeaderCell | None = self
        while cell is not None:
            out.append(cell)
            cell = cell.parent
        return out[::-1]


@dataclass(slots=True)
class HeaderLayout:
    """Leaves in printed order (each the bottom header cell over a value column),
    the corner items, and how well the header matched the template (0–1)."""

    leaves: list[HeaderCell]
    cells: list[HeaderCell]
    corner: list[Item]
    rows: int
    score: float


@dataclass(slots=True)
class _Slot:
    kind: str  # "child" | "cont"
    owner: HeaderCell | None  # the cell above (None: the top)
    node: ColumnNode | None = None


def effective_roots(roots: tuple[ColumnNode, ...], texts: list[str]) -> tuple[ColumnNode, ...]:
    """The column tree without the groups the header does not print (a report that
    leaves out the 申请人情况 row): their children take their place."""
    out: list[ColumnNode] = []
    for node in roots:
        if node.children and not any(label_similarity(t, node.label) >= 0.9 for t in texts):
            out.extend(effective_roots(node.children, texts))
        elif node.children:
            out.append(ColumnNode(node.label, effective_roots(node.children, texts)))
        else:
            out.append(node)
    return tuple(out)


def align_header(
    rows: list[list[Item]],
    roots: tuple[ColumnNode, ...],
    kind: str,
    row_label: Callable[[Item], bool] = lambda it: False,
) -> HeaderLayout:
    """Read the header rows of one block against the column tree `roots`.

    `row_label` tells a row label of the table: a header printed again in the
    middle of a table may repeat, in its corner, the labels standing over it."""
    texts = [it.text for row in rows for it in row if not it.blank]
    tree = effective_roots(roots, texts)
    top = HeaderCell("", -1, ColumnNode("", tree), open=True)
    frontier: list[HeaderCell] = [top]
    cells: list[HeaderCell] = []
    corner: list[Item] = []
    matched = total = 0
    for r, row in enumerate(rows):
        slots: list[_Slot] = []
        for owner in frontier:
            if owner.open and owner.node is not None and owner.node.children:
                slots.extend(_Slot("child", owner, ch) for ch in owner.node.children)
            else:
                slots.append(_Slot("cont", owner))
        below = {it.col for lower in rows[r + 1 :] for it in lower if it.col is not None and not it.blank}
        plan = _align(row, slots, kind, r == 0, below, row_label)
        frontier, row_cells, row_corner, m, t = _apply(plan, row, slots, r)
        corner.extend(row_corner)
        cells.extend(row_cells)
        matched += m
        total += t
    for cell in cells:
        if cell.last_row < 0:
            cell.last_row = len(rows) - 1
    leaves = [c for c in frontier if c is not top]
    score = matched / total if total else 0.0
    return HeaderLayout(leaves, cells, corner, len(rows), score)


# --- one row --------------------------------------------------------------------

# A step of the alignment: (action, printed index or None, slot index or None).
Step = tuple[str, int | None, int | None]


def _align(
    row: list[Item],
    slots: list[_Slot],
    kind: str,
    first: bool,
    below: set[int],
    row_label: Callable[[Item], bool],
) -> list[Step]:
    """The cheapest reading of one printed row against the expected slots.

    The row and the slots are reduced to what the costs depend on, so that the
    alignment of a header row seen before (most reports print the same header)
    is looked up, not solved again."""
    items = tuple(
        _ItemFacts(
            it.label,
            it.blank,
            it.col is not None,
            it.blank or is_corner_text(it.text) or row_label(it),
            first and i == 0 and not it.blank and not is_header_word(it.text, kind),
            _same(it, row, i),
            it.blank and it.col in below,
        )
        for i, it in enumerate(row)
    )
    facts = tuple(
        (slot.kind, slot.node.label if slot.node is not None else "",
         _repeatable(slot.owner) if slot.kind == "cont" else "")
        for slot in slots
    )
    return list(_plan(items, facts))


class _ItemFacts(NamedTuple):
    # A named tuple, not a frozen dataclass: made for every header item, only to be
    # hashed as part of the `_plan` cache key, where a tuple is several times cheaper.
    label: str
    blank: bool
    positional: bool
    corner: bool  # may stand in the corner at no cost
    loose_corner: bool  # may stand in the corner at a cost (a first cell that is no header word)
    same: bool  # repeats the text printed before it in the row
    covered: bool  # empty, with a header cell printed below it


def _repeatable(owner: HeaderCell | None) -> str:
    """The label a cell below may print again to continue `owner` ("" for none)."""
    if owner is None or not owner.items or not owner.text.strip():
        return ""
    return owner.items[0].label


@lru_cache(maxsize=8192)
def _child_cost(label: str, blank: bool, covered: bool, node_label: str) -> float | None:
    if blank:
        # An empty cell is a column of its own only when nothing is printed under it.
        return None if covered else _EMPTY_CHILD
    sim = label_similarity(label, node_label)
    return None if sim < _MATCH else 1.0 - sim


@lru_cache(maxsize=4096)
def _plan(row: tuple[_ItemFacts, ...], slots: tuple[tuple[str, str, str], ...]) -> tuple[Step, ...]:
    n, m = len(row), len(slots)
    inf = float("inf")
    # best[(i, j, s, c)]: i items and j slots consumed; s = 1 when the last step placed
    # an item (so an empty item may extend it); c = the corner is still open.
    best: dict[tuple[int, int, int, int], tuple[float, tuple[int, int, int, int] | None, Step | None]] = {
        (0, 0, 0, 1): (0.0, None, None)
    }

    def relax(src: tuple[int, int, int, int], dst: tuple[int, int, int, int], add: float, step: Step) -> None:
        cost = best[src][0] + add
        if cost < best.get(dst, (inf, None, None))[0]:
            best[dst] = (cost, src, step)

    for total in range(n + m + 1):
        for i in range(max(0, total - m), min(n, total) + 1):
            j = total - i
            for s in (0, 1):
                for c in (0, 1):
                    state = (i, j, s, c)
                    if state not in best:
                        continue
                    if i < n:
                        item = row[i]
                        if c and j == 0:
                            if item.corner:
                                relax(state, (i + 1, 0, 0, 1), 0.0, ("corner", i, None))
                            elif item.loose_corner:
                                relax(state, (i + 1, 0, 0, 1), _CORNER_TEXT, ("corner", i, None))
                        # an empty field (in a row with a field per column) or a repeated
                        # text continues the cell placed before it
                        if s and j > 0 and ((item.blank and item.positional) or item.same):
                            relax(state, (i + 1, j, 1, 0), _EXTEND, ("extend", i, j - 1))
                        if item.blank:
                            relax(state, (i + 1, j, s, 0), _GARBAGE, ("garbage", i, None))
                        else:
                            relax(state, (i + 1, j, 1, 0), _EXTRA, ("extra", i, j))
                    if j < m:
                        kind, node_label, repeat = slots[j]
                        if i < n:
                            item = row[i]
                            if kind == "cont":
                                if item.blank or (repeat and item.label == repeat):
                                    relax(state, (i + 1, j + 1, 1, 0), 0.0, ("cont", i, j))
                            else:
                                cost = _child_cost(item.label, item.blank, item.covered, node_label)
                                if cost is not None:
                                    relax(state, (i + 1, j + 1, 1, 0), cost, ("child", i, j))
                        skip = _OMIT_CONT if kind == "cont" else _MISSING_CHILD
                        relax(state, (i, j + 1, 0, 0), skip, ("skip", None, j))
    end = min((k for k in best if k[0] == n and k[1] == m), key=lambda k: best[k][0])
    steps: list[Step] = []
    key: tuple[int, int, int, int] | None = end
    while key is not None:
        _, prev, step = best[key]
        if step is not None:
            steps.append(step)
        key = prev
    return tuple(steps[::-1])


def _same(item: Item, row: list[Item], i: int) -> bool:
    """The item repeats the text printed before it in the row (a merge printed in
    every slot, some slots perhaps left empty)."""
    if item.blank:
        return False
    for j in range(i - 1, -1, -1):
        if not row[j].blank:
            return item.label == row[j].label
    return False


def _apply(
    plan: list[Step], row: list[Item], slots: list[_Slot], r: int
) -> tuple[list[HeaderCell], list[HeaderCell], list[Item], int, int]:
    """Turn one row's alignment into header cells and the frontier for the next row."""
    placed: dict[int, HeaderCell] = {}  # slot index → the cell this row prints for it
    extras: dict[int, list[HeaderCell]] = {}  # slot index → extras printed before it
    corner: list[Item] = []
    new_cells: list[HeaderCell] = []
    matched = total = 0
    target: HeaderCell | None = None  # what an empty item extends
    last_child: HeaderCell | None = None
    for action, i, j in plan:
        item = row[i] if i is not None else None
        if action == "skip":
            total += j is not None and slots[j].kind == "child"
            target = None
            continue
        assert item is not None
        if action == "corner":
            corner.append(item)
        elif action == "child" and j is not None:
            slot = slots[j]
            cell = HeaderCell(item.text, r, slot.node, [item], parent=_parent(slot.owner))
            cell.open = bool(slot.node is not None and slot.node.children)
            placed[j] = cell
            new_cells.append(cell)
            target = last_child = cell
            total += 1
            matched += not item.blank
        elif action == "cont" and j is not None:
            owner = slots[j].owner
            assert owner is not None
            owner.items.append(item)
            target = owner
        elif action == "extend" and target is not None:
            target.items.append(item)
        elif action == "extra" and j is not None:
            if last_child is not None:
                parent = last_child.parent
            elif j < len(slots) and slots[j].kind == "child":
                parent = _parent(slots[j].owner)
            else:
                parent = None
            cell = HeaderCell(item.text, r, None, [item], parent=parent)
            extras.setdefault(j, []).append(cell)
            new_cells.append(cell)
            target = cell
            total += 1
    frontier: list[HeaderCell] = []
    j = 0
    while j < len(slots):
        slot = slots[j]
        if slot.kind == "cont":
            frontier.extend(extras.get(j, []))
            assert slot.owner is not None
            frontier.append(slot.owner)
            j += 1
            continue
        # the child slots of one group
        owner = slot.owner
        k = j
        while k < len(slots) and slots[k].kind == "child" and slots[k].owner is owner:
            k += 1
        got = [placed[x] for x in range(j, k) if x in placed]
        group_extras = [e for x in range(j, k) for e in extras.get(x, [])]
        if got or group_extras:
            for x in range(j, k):
                frontier.extend(extras.get(x, []))
                if x in placed:
                    frontier.append(placed[x])
            if owner is not None and owner.row >= 0:
                owner.last_row = r - 1
                owner.open = False
        elif owner is not None:
            frontier.append(owner)  # no child printed yet: the group continues down
        j = k
    frontier.extend(extras.get(len(slots), []))
    return frontier, new_cells, corner, matched, total


def _parent(owner: HeaderCell | None) -> HeaderCell | None:
    return owner if owner is not None and owner.row >= 0 else None
