"""One page at a time: a page's facts reduced to lines and table parts.

The engine's page is already released (`source`); what is kept of a page is
`PageFacts`: its text lines outside tables and its table parts with their
grid and glyphs, so memory stays flat however long the report is.
"""

from __future__ import annotations

from dataclasses import dataclass

from govreport.readers.pdf.cells import CellBox, grid_to_cells, texts_where
from govreport.readers.pdf.fallback import rules_table, text_tables
from govreport.readers.pdf.parts import TablePart, is_edge
from govreport.readers.pdf.rulings import (
    Grid,
    Rulings,
    page_to_rulings,
    rulings_to_box,
    rulings_to_grid,
    rulings_to_regions,
)
from govreport.readers.pdf.source import SourcePage
from govreport.readers.pdf.text import Glyph, TextLine, glyphs_in_box, glyphs_to_lines, page_glyphs

__all__ = ["PageFacts", "TablePart", "page_to_facts"]


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
    n_unmapped: int = 0  # characters whose font maps them to no Unicode (printed as U+FFFD)


def _edge_texts(grid: Grid, cells: tuple[CellBox, ...], glyphs: list[Glyph]) -> list[str]:
    n = grid.n_rows
    return texts_where(grid, cells, glyphs, lambda cb: is_edge(cb, n), [""] * len(cells))


def page_to_facts(page: SourcePage) -> PageFacts:
    """Reduce one page's facts: rulings → grids → cells → text, then the fallbacks.

    Characters whose centre lies outside the displayed page (cut off by the
    crop box) are not printed, so not read.
    """
    width, height = page.width, page.height
    glyphs = page_glyphs(page.chars, (width, height))
    number = page.number
    rulings = page_to_rulings(page)
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
        x0, top, x1, bottom = bbox[0] - 1.0, bbox[1] - 1.0, bbox[2] + 1.0, bbox[3] + 1.0
        mine, rest = glyphs_in_box(leftover, (x0, top, x1, bottom))
        if not mine:
            continue  # an empty box or a frame drawn around nothing
        cells = grid_to_cells(grid)
        texts = _edge_texts(grid, cells, mine)
        if len(cells) < 2 and not box:
            rule_groups.append(region)
            continue
        leftover = rest
        tables.append(
            TablePart(number, bbox, "ruled", grid, tuple(mine), cells, tuple(texts), box=box)
        )
    found_rules, leftover = rules_table(rule_groups, leftover, number, width)
    tables += found_rules
    lines = glyphs_to_lines(leftover)
    found, lines = text_tables(lines, number, width, rulings.shades)
    tables += found
    tables.sort(key=lambda t: t.bbox[1])
    return PageFacts(number, width, height, lines, tables, len(glyphs), page.n_images, page.n_unmapped)
