"""Table-level departures from the template, and noise applied row by row.

Real reports drop rows, swap them, print a header again in the middle of a
table or leave one out, and differ from the template in one row here and
another there (see `perturb`). These functions make generated reports do
the same, so the corpus tries to break the reader instead of flattering it.
Every change is made on the table model; the truth follows from it.
"""

from __future__ import annotations

import random
from dataclasses import replace

from . import perturb
from .model import Cell, Table

# Row changes the noise draws from, with weights (typos are rarer than disguises).
NOISE_WEIGHTS = {"split_merges": 5, "space_out": 2, "wrap": 2, "dash_value": 2, "renumber": 2,
                 "annotate": 1, "typo": 1, "insert_subtotal": 1, "insert_note": 1}


def _zero(text: str) -> bool:
    t = text.strip().replace("\u3000", "").replace("\u00a0", "")
    return t in ("", "0", "/", "—", "-", "无", "0.0", "0.00")


def dash_zero(table: Table, r: int, rng: random.Random) -> Table | None:
    """A zero of row r printed as a dash (dashes stand for none, so no identity moves)."""
    cells = [c for c in table.cells if c.row == r and c.role == "data" and _zero(c.text)]
    if not cells:
        return None
    cell = rng.choice(cells)
    new = replace(cell, text=rng.choice(perturb.DASHES))
    return replace(table, cells=tuple(new if c is cell else c for c in table.cells))


def add_noise(table: Table, rng: random.Random, share: float) -> tuple[Table, dict[str, int]]:
    """Apply a random row change to about `share` of the table's rows, several
    kinds mixed in one table; returns the table and how many of each were made."""
    made: dict[str, int] = {}
    names = list(NOISE_WEIGHTS)
    weights = [NOISE_WEIGHTS[n] for n in names]
    r = 0
    while r < table.n_rows:
        if rng.random() < share:
            name = rng.choices(names, weights=weights)[0]
            fn = dash_zero if name == "dash_value" else perturb.ALL[name]
            changed = fn(table, r, rng)
            if changed is not None:
                made[name] = made.get(name, 0) + 1
                if changed.n_rows > table.n_rows:
                    r += changed.n_rows - table.n_rows  # skip the row just added
                table = changed
        r += 1
    return table, made


def drop_row(table: Table, r: int) -> Table:
    """Remove row r; merges over it shrink (used for rows a report leaves out)."""
    cells: list[Cell] = []
    for c in table.cells:
        if c.row == r and c.row_span == 1:
            continue
        if c.row > r:
            cells.append(replace(c, row=c.row - 1))
        elif c.row <= r < c.row + c.row_span:
            marks = perturb._marks(c)
            if c.disguise:
                at = (r - c.row) * c.col_span - (1 if r > c.row else 0)
                del marks[max(at, 0): max(at, 0) + c.col_span]
            cells.append(replace(c, row_span=c.row_span - 1, disguise="".join(marks) if c.disguise else ""))
        else:
            cells.append(c)
    return replace(table, n_rows=table.n_rows - 1, cells=tuple(cells))


def leaf_rows(table: Table) -> list[int]:
    """Body rows whose row label is their own (not a group label over other rows)."""
    out = []
    for r in range(table.n_rows):
        stubs = [c for c in table.cells if c.row == r and c.role == "stub"]
        data = [c for c in table.cells if c.row == r and c.role == "data"]
        if data and stubs and all(c.row_span == 1 for c in stubs):
            out.append(r)
    return out


def drop_zero_rows(table: Table, rng: random.Random, n: int) -> tuple[Table, int]:
    """Leave out up to n leaf rows whose values are all zero or blank."""
    dropped = 0
    for _ in range(n):
        rows = [r for r in leaf_rows(table)
                if all(_zero(c.text) for c in table.cells if c.row == r and c.role == "data")]
        rows = [r for r in rows if _siblings_left(table, r) and _block_keeps_rows(table, r)]
        if not rows:
            break
        table = drop_row(table, rng.choice(rows))
        dropped += 1
    return table, dropped


def _block_keeps_rows(table: Table, r: int) -> bool:
    """A table-2 block keeps at least one item row when row r goes."""
    block = next((c.block for c in table.cells if c.row == r), None)
    if block is None:
        return True
    return any(other != r and any(c.block == block for c in table.cells if c.row == other)
               for other in leaf_rows(table))


def _siblings_left(table: Table, r: int) -> bool:
    """Row r is not the last row under its group label (a group keeps one row)."""
    groups = [c for c in table.cells if c.role == "stub" and c.row <= r < c.row + c.row_span
              and c.row_span > 1]
    return all(g.row_span > 2 for g in groups)


def swap_siblings(table: Table, rng: random.Random) -> tuple[Table, bool]:
    """Swap two adjacent leaf rows under the same labels (items printed in another order)."""
    rows = leaf_rows(table)
    pairs = []
    for a, b in zip(rows, rows[1:]):
        if b != a + 1:
            continue
        sa = [c for c in table.cells if c.row == a and c.role == "stub"]
        sb = [c for c in table.cells if c.row == b and c.role == "stub"]
        over = {id(c) for c in table.cells if c.row < a and c.row + c.row_span > b}
        under_a = {id(c) for c in table.cells if c.row < a < c.row + c.row_span}
        if [(c.col, c.col_span) for c in sa] == [(c.col, c.col_span) for c in sb] and over == under_a:
            pairs.append((a, b))
    if not pairs:
        return table, False
    a, b = rng.choice(pairs)
    cells = []
    for c in table.cells:
        if c.row == a and c.row_span == 1:
            cells.append(replace(c, row=b))
        elif c.row == b and c.row_span == 1:
            cells.append(replace(c, row=a))
        else:
            cells.append(c)
    return replace(table, cells=tuple(cells)), True


def repeat_header(table: Table, rng: random.Random) -> Table | None:
    """Print the header rows again in the middle of the table (a page break copied from
    a PDF); labels merged over the rows around them stand over the repeat too."""
    h = table.header_rows
    body = [r for r in leaf_rows(table) if h + 2 < r < table.n_rows - 2]
    if not h or not body:
        return None
    k = rng.choice(body)
    header = [c for c in table.cells if c.row < h]
    through: list[Cell] = []

    def keep(cells: list[Cell]) -> list[Cell]:
        through[:] = cells
        return []

    out = table
    for i in range(h):
        out = perturb.insert_row(out, k + i, keep)
    free = perturb._free_from(out, through)
    cells = list(out.cells)
    for c in header:
        if c.role == "corner":
            if free < c.col + c.col_span:
                start = max(free, c.col)
                cells.append(replace(c, row=k, col=start, col_span=c.col + c.col_span - start,
                                     row_span=h, disguise=""))
        else:
            cells.append(replace(c, row=k + c.row, disguise=""))
    return replace(out, cells=tuple(cells))


def drop_header(table: Table, first: int, count: int) -> Table:
    """Leave out `count` header rows starting at row `first` (their cells go with them)."""
    for _ in range(count):
        table = drop_row(table, first)
    return replace(table, header_rows=max(0, table.header_rows - count) if first < table.header_rows
                   else table.header_rows)
