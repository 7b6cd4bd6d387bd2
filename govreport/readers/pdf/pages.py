"""One page at a time: what a page holds, reduced to small facts.

pdfplumber's page objects are large; a page is read, reduced to `PageFacts`
(text lines outside tables, table parts with their grid and glyphs) and
closed, so memory stays flat however long the report is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govreport.readers.pdf.cells import CellBox, cells_to_text, grid_to_cells
from govreport.readers.pdf.fallback import rules_table, text_tables
from govreport.readers.pdf.rulings import (
    Grid,
    Rulings,
    page_to_rulings,
    rulings_to_box,
    rulings_to_grid,
    rulings_to_regions,
)
from govreport.readers.pdf.text import Glyph, TextLine, glyphs_to_lines, page_glyphs

EDGE_ROWS = 6  # leading rows of a ruled piece whose text joining pages may compare


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


@dataclass(slots=True)
class PageFacts:
    """What one page contributes: lines outside tables and table parts, top to bottom."""

    number: int
    width: float
    height: float
    lines: list[TextLine]
    tables: list[TablePart]
    n_glyphs: int
    n_images: int


def _inside(g: Glyph, bbox: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    x0, top, x1, bottom = bbox
    return x0 - pad <= g.cx <= x1 + pad and top - pad <= g.cy <= bottom + pad


def _edge_texts(grid: Grid, cells: tuple[CellBox, ...], glyphs: list[Glyph]) -> list[str]:
    edge = [i for i, cb in enumerate(cells)
            if cb.row < EDGE_ROWS or cb.row + cb.row_span == grid.n_rows]
    got, _ = cells_to_text(grid, [cells[i] for i in edge], glyphs)
    texts = [""] * len(cells)
    for i, t in zip(edge, got, strict=True):
        texts[i] = t
    return texts


def page_to_facts(page: Any, number: int) -> PageFacts:
    """Read one pdfplumber page: rulings → grids → cells → text, then the fallbacks."""
    glyphs = page_glyphs(page.chars)
    rulings = page_to_rulings(page, number)
    tables: list[TablePart] = []
    leftover: list[Glyph] = glyphs
    rule_groups: list[Rulings] = []
    for region in rulings_to_regions(rulings):
        grid = rulings_to_grid(region)
        box = grid is None
        if grid is None:
            grid = rulings_to_box(region)
        if grid is None:
            rule_groups.append(region)
            continue
        bbox = grid.bbox
        inside = [_inside(g, bbox) for g in leftover]
        mine = [g for g, i in zip(leftover, inside, strict=True) if i]
        if not mine:
            continue  # an empty box or a frame drawn around nothing
        cells = grid_to_cells(grid)
        texts = _edge_texts(grid, cells, mine)
        if len(cells) < 2 and not box:
            rule_groups.append(region)
            continue
        leftover = [g for g, i in zip(leftover, inside, strict=True) if not i]
        tables.append(
            TablePart(number, bbox, "ruled", grid, tuple(mine), cells, tuple(texts), box=box)
        )
    found_rules, leftover = rules_table(rule_groups, leftover, number, float(page.width))
    tables += found_rules
    lines = glyphs_to_lines(leftover)
    found, lines = text_tables(lines, number, float(page.width), rulings.shades)
    tables += found
    tables.sort(key=lambda t: t.bbox[1])
    return PageFacts(
        number,
        float(page.width),
        float(page.height),
        lines,
        tables,
        len(glyphs),
        len(page.images),
    )
