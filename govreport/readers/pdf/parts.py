"""A table, or the piece of a table on one page: what the page stage hands on.

Both the ruled pipeline (`pages`) and the fallback strategies (`fallback`)
produce these; joining pages (`seam`, `join`) reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.readers.pdf.cells import CellBox
from govreport.readers.pdf.rulings import Grid
from govreport.readers.pdf.text import Glyph

EDGE_ROWS = 6  # leading rows of a ruled piece whose text joining pages may compare


def is_edge(cell: CellBox, n_rows: int) -> bool:
    """Is the cell in one of a piece's first `EDGE_ROWS` rows or in its last row
    (the cells whose text the page stage takes for joining pages)?"""
    return cell.row < EDGE_ROWS or cell.row + cell.row_span == n_rows


@dataclass(slots=True)
class TablePart:
    """A table, or the piece of a table printed on one page.

    Ruled parts carry their `grid` (and glyphs, so that a piece continued on
    the next page can be rebuilt together with it) and the texts of the cells
    at their edges (the first `EDGE_ROWS` rows and the last row: what joining
    pages looks at; inner cells have "" until the whole table's text is taken
    once); the fallbacks carry rows of cell texts (`rows`, spans unknown).
    """

    page: int
    bbox: tuple[float, float, float, float]
    strategy: str
    grid: Grid | None = None
    glyphs: tuple[Glyph, ...] = ()
    cells: tuple[CellBox, ...] = ()
    texts: tuple[str, ...] = ()
    rows: list[list[tuple[str, tuple[float, float, float, float]]]] = field(default_factory=list)
    box: bool = False  # a lone ruled box: a table only when it continues one across a page
