"""Changes confined to one row of a table, the way real reports differ from the template.

Each function takes a table and a row and returns the changed table (or None
when the change does not apply to that row). Some changes only disguise the
print and leave the meaning alone (a merge printed as separate cells, a label
spaced out or wrapped); the others change what the row says (a value printed
as a dash, a typo, other numbering) or add a row (a 小计, a note). Either way
the truth of the changed table is derived from it as always, so a reader that
respects locality gives, for every other row, the records it gave before.

The corpus generator applies these at random, several per table, to make
reports that try to break the reader; the tests apply one at a time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

from .model import Cell, Table

DASHES = ("—", "-", "/", "－", "——", "无")
NOTES = ("注：本表数据统计时间为1月1日至12月31日。", "说明：“—”表示无此项。", "备注",
         "（续表）", "其中：网上申请")
_CN = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"^([{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|\d{{1,2}}[.、．])")

Perturbation = Callable[[Table, int, random.Random], "Table | None"]


def cells_in_row(table: Table, r: int) -> list[Cell]:
    """The cells that cover row r, anchored there or above."""
    return [c for c in table.cells if c.row <= r < c.row + c.row_span]


def _with(table: Table, old: Cell, new: Cell) -> Table:
    return replace(table, cells=tuple(new if c is old else c for c in table.cells))


def _marks(cell: Cell) -> list[str]:
    n = cell.row_span * cell.col_span - 1
    return list(cell.disguise.ljust(n, "m")[:n])


def split_merges(table: Table, r: int, rng: random.Random) -> Table | None:
    """Print the merges that cover row r as separate cells in that row: empty cells,
    or the text repeated (values only ever as empty cells, as a padded export does)."""
    changed = table
    done = False
    for cell in cells_in_row(table, r):
        if cell.row_span == 1 and cell.col_span == 1:
            continue
        if cell.row_span > 1 and cell.col_span > 1:
            continue  # block merges (the corner) are split as a whole by `split_block`
        marks = _marks(cell)
        choices = ("e",) if cell.role == "data" else ("e", "r")
        k = 0
        for rr in range(cell.row, cell.row + cell.row_span):
            for cc in range(cell.col, cell.col + cell.col_span):
                if (rr, cc) == (cell.row, cell.col):
                    continue
                if rr == r:
                    marks[k] = rng.choice(choices)
                    done = True
                k += 1
        if done:
            current = next(c for c in changed.cells if (c.row, c.col) == (cell.row, cell.col))
            changed = _with(changed, current, replace(current, disguise="".join(marks)))
    return changed if done else None


def _label_anchored(table: Table, r: int, single_row: bool = True) -> list[Cell]:
    return [c for c in table.cells if c.row == r and c.role in ("stub", "header") and c.text.strip()
            and (c.row_span == 1 or not single_row)]


def _split_numbering(text: str) -> tuple[str, str]:
    m = _NUMBERING.match(text)
    return (m.group(0), text[m.end():]) if m else ("", text)


def space_out(table: Table, r: int, rng: random.Random) -> Table | None:
    """A label of row r printed with spaces between its characters (行　政　许　可)."""
    cells = [c for c in _label_anchored(table, r, single_row=False) if len(c.text.replace("\n", "")) >= 2]
    if not cells:
        return None
    cell = rng.choice(cells)
    num, rest = _split_numbering(cell.text)
    sep = rng.choice(("\u3000", " ", "  "))
    return _with(table, cell, replace(cell, text=num + sep.join(rest.replace("\n", ""))))


def wrap(table: Table, r: int, rng: random.Random) -> Table | None:
    """A label of row r wrapped over two lines."""
    cells = [c for c in _label_anchored(table, r, single_row=False)
             if len(c.text) >= 4 and "\n" not in c.text]
    if not cells:
        return None
    cell = rng.choice(cells)
    cut = rng.randrange(2, len(cell.text) - 1)
    return _with(table, cell, replace(cell, text=cell.text[:cut] + "\n" + cell.text[cut:]))


def dash_value(table: Table, r: int, rng: random.Random) -> Table | None:
    """A value of row r printed as a dash (or 无, or /)."""
    cells = [c for c in table.cells if c.row == r and c.role == "data"]
    if not cells:
        return None
    cell = rng.choice(cells)
    return _with(table, cell, replace(cell, text=rng.choice(DASHES)))


def typo(table: Table, r: int, rng: random.Random) -> Table | None:
    """A row label of row r with one character dropped (其他法律行政止公开)."""
    cells = [c for c in _label_anchored(table, r)
             if c.role == "stub" and len(_split_numbering(c.text)[1]) >= 5]
    if not cells:
        return None
    cell = rng.choice(cells)
    num, rest = _split_numbering(cell.text)
    i = rng.randrange(1, len(rest) - 1)
    return _with(table, cell, replace(cell, text=num + rest[:i] + rest[i + 1:]))


def renumber(table: Table, r: int, rng: random.Random) -> Table | None:
    """A row label of row r numbered in another style (1. → 1、 → （1）; （一） → (一))."""
    cells = [c for c in _label_anchored(table, r, single_row=False)
             if c.role == "stub" and _NUMBERING.match(c.text)]
    if not cells:
        return None
    cell = rng.choice(cells)
    num, rest = _split_numbering(cell.text)
    core = num.strip("（()）、.．")
    if core.isdigit():
        options = [f"{core}.", f"{core}、", f"{core}．", f"（{core}）", f"({core})"]
    elif num.endswith("、"):
        options = [f"{core}．", f"{core}."]
    else:
        options = [f"（{core}）", f"({core})", f"（{core})"]
    options = [o for o in options if o != num]
    return _with(table, cell, replace(cell, text=rng.choice(options) + rest))


def annotate(table: Table, r: int, rng: random.Random) -> Table | None:
    """A row label of row r with a bracketed note appended (Hubei's template)."""
    cells = [c for c in _label_anchored(table, r) if c.role == "stub"]
    if not cells:
        return None
    cell = rng.choice(cells)
    note = rng.choice(("（含依申请公开）", "(单位：件)", "（按件统计）"))
    return _with(table, cell, replace(cell, text=cell.text + note))


def insert_row(table: Table, k: int, make: Callable[[list[Cell]], list[Cell]]) -> Table:
    """Insert a row before row k. Cells covering rows k-1 and k grow over it (a label
    merged over the rows around it stands over the new row too); `make` gets those
    cells and returns the new row's own cells (anchored at row k)."""
    cells: list[Cell] = []
    through: list[Cell] = []
    for c in table.cells:
        if c.row >= k:
            cells.append(replace(c, row=c.row + 1))
        elif c.row + c.row_span > k and c.row < k:
            marks = _marks(c)
            if c.disguise:
                # the new slots join whatever the slot above them printed
                at = (k - c.row) * c.col_span - 1
                marks[at:at] = ["m"] * c.col_span
            grown = replace(c, row_span=c.row_span + 1, disguise="".join(marks) if c.disguise else "")
            cells.append(grown)
            through.append(grown)
        else:
            cells.append(c)
    new = make(through)
    return replace(table, n_rows=table.n_rows + 1, cells=tuple(cells + new))


def _free_from(table: Table, through: list[Cell]) -> int:
    """The first column the cells standing over a new row leave free on its left."""
    col = 0
    for c in sorted(through, key=lambda c: c.col):
        if c.col == col:
            col = c.col + c.col_span
    return col


def _body_row(table: Table, r: int) -> bool:
    return 0 <= r < table.n_rows and any(c.row == r and c.role == "data" for c in table.cells)


def insert_subtotal(table: Table, r: int, rng: random.Random) -> Table | None:
    """A 小计 row after body row r (as third-party templates add), with its own numbers."""
    if not _body_row(table, r) or table.kind == "review_litigation":
        return None
    # the row's own label width (a table-2 block may put its label over two columns)
    labels = min(c.col for c in table.cells if c.row == r and c.role == "data")
    block = next((c.block for c in table.cells if c.row == r), None)

    def make(through: list[Cell]) -> list[Cell]:
        start = _free_from(table, through)
        if start >= labels:
            return []
        row = r + 1
        out = [Cell(row, start, 1, labels - start, rng.choice(("小计", "小计", "小 计", "小计数")), "stub",
                    block=block)]
        for c in table.cells:
            if c.row == r and c.role == "data":
                out.append(Cell(row, c.col, 1, c.col_span, str(rng.randint(0, 9)), "data", None, block))
        return out

    out = insert_row(table, r + 1, make)
    return out if any(c.row == r + 1 and c.role == "stub" and "计" in c.text for c in out.cells) else None


def insert_note(table: Table, r: int, rng: random.Random) -> Table | None:
    """A note row (注：…) after row r, in the columns the labels around it leave free."""
    if not _body_row(table, r):
        return None
    block = next((c.block for c in table.cells if c.row == r), None)

    def make(through: list[Cell]) -> list[Cell]:
        start = _free_from(table, through)
        if start >= table.n_cols:
            return []
        return [Cell(r + 1, start, 1, table.n_cols - start, rng.choice(NOTES), "stub", block=block)]

    out = insert_row(table, r + 1, make)
    return out if any(c.row == r + 1 for c in out.cells) else None


# Changes that only disguise how a row is printed: the records stay the same.
DISGUISES: dict[str, Perturbation] = {"split_merges": split_merges, "space_out": space_out, "wrap": wrap}
# Changes to what a row says, or an added row: only that row's records change.
CHANGES: dict[str, Perturbation] = {"dash_value": dash_value, "typo": typo, "renumber": renumber,
                                    "annotate": annotate, "insert_subtotal": insert_subtotal,
                                    "insert_note": insert_note}
ALL: dict[str, Perturbation] = {**DISGUISES, **CHANGES}
