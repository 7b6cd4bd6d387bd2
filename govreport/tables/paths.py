"""Derived views of a built table: the dense grid, header paths and records.

Nothing here is stored in the tree; every function recomputes from the cells.
A data cell's column path is the header cells above it in the nearest header
block (outermost first); its row path is the block caption above it (table 2's
第二十条第（X）项), then the row labels to its left. Labels are printed with all
whitespace removed, nothing else changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from govreport.model import Cell, Table, positional_constructor
from govreport.textutil import squash


@dataclass(frozen=True, slots=True)
class Record:
    """One data cell with its header paths (the unit of every accuracy measurement).

    `row` is the cell's row header path, outermost label first (a table-2
    block caption, then the row labels: ``("三、本年度办理结果", "（三）不予公开",
    "1.属于国家秘密")``; empty for table 4); `col` its column header path
    (``("申请人情况", "法人或其他组织", "商业企业")``). Labels are printed text
    with whitespace removed. `text` is the cell as printed, `cell` its
    (row, col) anchor in the grid, `key` its canonical key once the table is
    recognised (None for cells the format does not have, such as a subtotal).
    """

    row: tuple[str, ...]
    col: tuple[str, ...]
    text: str
    cell: tuple[int, int]
    key: str | None = None


_make_record = positional_constructor(Record)  # a record per data cell: see positional_constructor


def dense_grid(table: Table) -> list[list[Cell | None]]:
    """The n_rows x n_cols grid of the cell covering each slot."""
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        if cell.row_span == 1 and cell.col_span == 1:  # most cells: no ranges for them
            if cell.row < table.n_rows and cell.col < table.n_cols:
                grid[cell.row][cell.col] = cell
            continue
        for r in range(cell.row, min(cell.row + cell.row_span, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                grid[r][c] = cell
    return grid


# Tables whose records were derived lately, by identity: hashing a whole table on
# every lookup (as a functools cache would) costs more than most derivations.
# Enough for the tables of a document (read, analysed, then written), and no
# more: each entry keeps its table and records alive, and 256 entries kept tens
# of thousands of objects for the cyclic collector to walk again and again.
_RECENT: dict[int, tuple[Table, tuple[Record, ...]]] = {}
_RECENT_MAX = 32


def records(table: Table) -> tuple[Record, ...]:
    """Every data cell of the table, empty ones included, in row-major order."""
    hit = _RECENT.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    out = _records(table)
    if len(_RECENT) >= _RECENT_MAX:
        _RECENT.pop(next(iter(_RECENT)))
    _RECENT[id(table)] = (table, out)
    return out


_HEADER_ROLES = frozenset({"header", "corner"})


def _records(table: Table) -> tuple[Record, ...]:
    grid = dense_grid(table)
    out = []
    header_block: list[int] = []
    in_header = False
    cols_of: list[int] | None = None  # the header rows `col_paths` was made for
    col_paths: dict[int, tuple[str, ...]] = {}
    head: tuple[str, ...] = ()  # the row path's start: the caption above, squashed
    for r in range(table.n_rows):
        anchored = [c for c in grid[r] if c is not None and c.row == r]
        roles = {c.role for c in anchored}
        if roles == {"caption"}:
            label = squash(anchored[0].text)
            head = (label,) if label else ()
            header_block = []  # a block's header rows stand below its caption
            in_header = False
            continue
        if roles and roles <= _HEADER_ROLES:
            if not in_header:
                header_block = []
            header_block.append(r)
            in_header = True
            continue
        in_header = False
        if header_block is not cols_of:
            cols_of, col_paths = header_block, {}
        stubs: set[int] = set()  # the stub cells met so far in this row
        row_path: tuple[str, ...] = head
        prev: Cell | None = None
        for cell in grid[r]:
            if cell is None or cell is prev:
                continue
            prev = cell
            if cell.role == "stub":
                if id(cell) not in stubs:
                    stubs.add(id(cell))
                    label = squash(cell.text)
                    if label:
                        row_path = (*row_path, label)
                continue
            if cell.role != "data" or cell.row != r:
                continue
            col_path = col_paths.get(cell.col)
            if col_path is None:
                col_path = col_paths[cell.col] = _col_path(grid, header_block, cell)
            out.append(_make_record(row_path, col_path, cell.text, (cell.row, cell.col), cell.key))
    return tuple(out)


def _labels(cells: list[Cell | None], role: str) -> list[str]:
    """The squashed texts of the distinct cells of one role, in order, empty ones skipped."""
    out: list[str] = []
    seen: set[int] = set()
    for cell in cells:
        if cell is None or cell.role != role or id(cell) in seen:
            continue
        seen.add(id(cell))
        label = squash(cell.text)
        if label:
            out.append(label)
    return out


def _col_path(grid: list[list[Cell | None]], block: list[int], cell: Cell) -> tuple[str, ...]:
    return tuple(_labels([grid[h][cell.col] for h in block], "header"))


def grid_picture(table: Table) -> str:
    """One character per slot: a letter per role at anchors, ``>`` / ``v`` / ``+``
    for slots covered by a span (right, down, both). Used by golden files."""
    letters = {"header": "H", "stub": "S", "data": "D", "caption": "C", "corner": "K"}
    grid = dense_grid(table)
    lines = []
    for r, row in enumerate(grid):
        chars = []
        for c, cell in enumerate(row):
            if cell is None:
                chars.append("?")
            elif cell.row == r and cell.col == c:
                chars.append(letters[cell.role] if cell.text else letters[cell.role].lower())
            elif cell.row == r:
                chars.append(">")
            elif cell.col == c:
                chars.append("v")
            else:
                chars.append("+")
        lines.append("".join(chars))
    return "\n".join(lines)
