"""The values of a row whose horizontal merges were typed out as separate slots.

A web editor that writes every merged slot as an empty cell (``<td>&nbsp;</td>``
after the value), a Markdown pipe table (which has no spans at all: a merged
value is followed by empty fields or printed again in each of them) and a
padded export give a row one slot per grid column. A value of table 2 that
spans the three grid columns of its block then reads ``22 | | `` or
``22 | 22 | 22``: one value, where a count of cells would find three.

Here a row's slots after its labels are grouped into the values they print:
a value, then the empty slots and the repeats of its text that follow it.
Empty slots before the first value continue the label (a label merged over
two columns, typed out). Whether a source types its merges out shows in the
caption of the block, which spans the table: printed in one cell, or in one
slot and empty slots (or again in every slot). The groups tell

* how many values a row of a block printed without its header holds, and so
  which edition's block it is (`printed_values`);
* which leaf each slot belongs to, when the groups are as many as the leaves
  (`spread_values`); otherwise the slots are shared out by position and a
  leaf that receives two different values keeps both, with a diagnostic.

These rules apply only to rows with a slot per grid column: in flattened text
a merged cell is printed once, so two equal neighbouring cells there are two
values.
"""

from __future__ import annotations

from govreport.tables.rowview import Item


def positional_row(items: list[Item]) -> bool:
    """The row gives one slot per grid column (a source that knows its grid, or a
    flattened row with a field for every column), so a merge may be typed out in it."""
    return bool(items) and all(it.col is not None or it.padded for it in items)


def value_slots(items: list[Item]) -> list[Item]:
    """The slots a row prints after its last label (its printed cells; a slot a merge
    from the row above covers is not one)."""
    cells = [it for it in items if not it.cont]
    last_label = max((i for i, it in enumerate(cells) if not it.value_like), default=-1)
    return cells[last_label + 1 :]


def value_groups(slots: list[Item]) -> tuple[list[Item], list[list[Item]]]:
    """The empty slots before the first value (the label's merge typed out), and the
    values the other slots print, each with the empty slots and repeats of its text
    after it."""
    k = 0
    while k < len(slots) and slots[k].blank:
        k += 1
    groups: list[list[Item]] = []
    for it in slots[k:]:
        if groups and (it.blank or it.label == groups[-1][0].label):
            groups[-1].append(it)
        else:
            groups.append([it])
    return slots[:k], groups


def merges_typed_out(items: list[Item]) -> bool:
    """The row (a caption, which spans its table) is printed once per grid slot: its
    text, then empty slots or the same text again. It shows that the source types
    its merges out, so the value rows of its block may do the same."""
    cells = [it for it in items if not it.cont]
    return (
        len(cells) >= 2
        and positional_row(cells)
        and not cells[0].blank
        and all(it.blank or it.label == cells[0].label for it in cells[1:])
    )


def printed_values(items: list[Item], typed: bool) -> int:
    """How many values a row prints after its labels.

    In a row with a slot per grid column, empty slots are no value (an empty value
    cannot be told from the slot of a merge), and where the source types its merges
    out (`typed`, or the row prints its label again in the next slot) a value
    printed again in the slots after it is one value. Elsewhere every cell counts
    but the empty cells after the last value (they may be that value's merge
    printed as separate cells)."""
    slots = value_slots(items)
    if positional_row(items):
        cells = [it for it in items if not it.cont]
        label_again = len(cells) >= 2 and not cells[0].blank and cells[1].label == cells[0].label
        if typed or label_again:
            return len(value_groups(slots)[1])
        return sum(not it.blank for it in slots)
    while slots and slots[-1].blank:
        slots.pop()
    return len(slots)


def spread(widths: list[int], total: int) -> list[int]:
    """Leaf widths grown to fill `total` columns, the extra columns going to the last leaves."""
    out = list(widths)
    extra = total - sum(out)
    i = len(out) - 1
    while extra > 0 and out:
        out[i] += 1
        extra -= 1
        i = i - 1 if i > 0 else len(out) - 1
    return out


def spread_values(items: list[Item], n: int, values: list[list[Item]]) -> bool:
    """Share the slots a row prints after its last label among the `n` leaves of a
    block whose columns the row cannot show (no header, or a header without grid
    columns); fills `values` and says whether the row has more slots than leaves.

    When the slots print exactly `n` values (merges typed out grouped as one), each
    goes under its leaf. Else the slots are shared by position: equal shares when
    they divide evenly, empty slots right after the label being the label's when
    they do not."""
    last_label = max((i for i, it in enumerate(items) if not it.value_like), default=-1)
    tail = items[last_label + 1 :]
    if not n or len(tail) <= n:
        return False
    _, groups = value_groups(tail)
    if len(groups) == n:
        for leaf, group in enumerate(groups):
            values[leaf].extend(group)
        return True
    while len(tail) > n and len(tail) % n and tail[0].blank:
        tail = tail[1:]
    col = 0
    for leaf, w in enumerate(spread([1] * n, len(tail))):
        values[leaf].extend(tail[col : col + w])
        col += w
    return True


def distinct_values(items: list[Item]) -> list[Item]:
    """The values printed under one leaf: its non-empty items, an item that prints the
    text of the one before it again being the same value (a merge printed in every slot)."""
    if len(items) == 1:  # most leaves: one slot, no loop for them
        return [] if items[0].blank else [items[0]]
    out: list[Item] = []
    for it in items:
        if not it.blank and not (out and out[-1].label == it.label):
            out.append(it)
    return out
