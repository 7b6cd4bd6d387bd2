"""The grid while a table is being built: placed cells, slot owners, diagnostics.

Mutable on purpose and private to the builder; the result is the frozen `Table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.model import Diagnostic, Location, Severity


@dataclass(slots=True)
class PlacedCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    source: Location | None = None
    ref: tuple[int, int] | None = None
    cont: bool = False
    region: str = ""  # "label" | "value" | "caption" while placing flattened rows


@dataclass(slots=True)
class Grid:
    n_rows: int
    n_cols: int
    owner: list[list[PlacedCell | None]] = field(default_factory=list)
    placed: dict[int, PlacedCell] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.owner = [[None] * self.n_cols for _ in range(self.n_rows)]

    def free(self, r: int, c: int, rs: int, cs: int) -> bool:
        if r + rs > self.n_rows or c + cs > self.n_cols:
            return False
        if rs == 1 and cs == 1:  # most cells: no generator for them
            return self.owner[r][c] is None
        # A placed cell is always true, so any() over a slice finds an owner in C.
        end = c + cs
        return not any([any(line[c:end]) for line in self.owner[r : r + rs]])

    def put(self, cell: PlacedCell) -> None:
        if cell.row_span == 1 and cell.col_span == 1:
            self.owner[cell.row][cell.col] = cell
        else:
            for i in range(cell.row, cell.row + cell.row_span):
                for j in range(cell.col, cell.col + cell.col_span):
                    self.owner[i][j] = cell
        self.placed[id(cell)] = cell

    def remove(self, cell: PlacedCell) -> None:
        for i in range(cell.row, cell.row + cell.row_span):
            for j in range(cell.col, cell.col + cell.col_span):
                if self.owner[i][j] is cell:
                    self.owner[i][j] = None
        del self.placed[id(cell)]

    @property
    def cells(self) -> list[PlacedCell]:
        return list(self.placed.values())


class TableDiags:
    def __init__(self, sink: list[Diagnostic], index: int) -> None:
        self.sink = sink
        self.index = index

    def add(self, code: str, severity: Severity, message: str, row: int | None = None) -> None:
        self.sink.append(
            Diagnostic(code, severity, message, Location(table=self.index, row=row))
        )
