"""The one table builder: raw cells in, a grid with every slot covered once out.

Sources that know spans (docx, ruled PDF) are placed as they are; flattened
text, which lost them, is placed by inferring spans (see `classify` for the
row kinds and `solver` for header spans). Either way the builder then covers
every slot exactly once, marks each cell's role, and turns every repair into
a diagnostic. It never drops a cell and never raises on a malformed table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import attrgetter

from govreport.model import Cell, Diagnostic, Role, Table, positional_constructor
from govreport.tables.classify import Layout, ViewCell, classify
from govreport.tables.flat import place_flattened
from govreport.tables.grid import Grid, PlacedCell, TableDiags
from govreport.tables.official import Reading, read_official
from govreport.tables.raw import RawCell, RawTable
from govreport.tables.rowview import Item, flattened_views, make_item
from govreport.tables.template import recognise_texts
from govreport.textutil import clean

# The roles; an official reading's cells carry theirs as their region.
_REGION_ROLE: dict[str, Role] = {"header": "header", "stub": "stub", "data": "data", "caption": "caption",
                                 "corner": "corner"}
ROLES: frozenset[str] = frozenset(_REGION_ROLE)
_ANCHOR = attrgetter("row", "col")
_make_cell = positional_constructor(Cell)  # a cell per grid slot: see positional_constructor


def build_table(
    raw: RawTable,
    index: int,
    diagnostics: list[Diagnostic],
    nested_refs: dict[tuple[int, int], tuple[int, ...]] | None = None,
    section: str | None = None,
) -> Table:
    """Rebuild `raw` as table number `index` of its document.

    Repairs are appended to `diagnostics`; `nested_refs` maps (raw row, raw
    cell) to the document indices of tables nested in that cell; `section` is
    the official table the section the table sits in calls for, if any.
    A table recognised as one of the official tables is read against its
    template (`official`); any other table, or one whose rows do not bear the
    recognition out, by the generic placement and header solver.
    """
    diags = TableDiags(diagnostics, index)
    rows = [list(r) for r in raw.rows]
    if not any(rows):
        diags.add("table.empty", "warning", "table has no cells")
        return Table(0, 0, (), caption=raw.caption, source=raw.source)
    known: Grid | None = None
    if raw.spans_known:
        known = _place_known(rows, raw.n_cols, diags)
    kind = recognise_texts([c.text for row in rows for c in row], section)
    if kind is not None:
        if known is not None:
            views, positional = _known_items(known), [True] * known.n_rows
        else:
            views, positional = flattened_views(rows)
        trial: list[Diagnostic] = []
        reading = read_official(views, positional, kind, TableDiags(trial, index))
        if reading is not None:
            diagnostics.extend(trial)
            return _finish_official(reading, raw, nested_refs or {})
    if known is not None:
        grid, layout = known, classify(_known_views(known), known.n_cols, spans_known=True)
    else:
        grid, layout = place_flattened(rows, diags)
    _fill_holes(grid, layout, diags)
    return _finish(grid, layout, raw, nested_refs or {})


# --- sources that know their spans -------------------------------------------------


def _place_known(rows: list[list[RawCell]], n_cols: int | None, diags: TableDiags) -> Grid:
    n_rows = len(rows)
    width = n_cols or 0
    for row in rows:
        for i, cell in enumerate(row):
            col, cs = cell.col, cell.col_span
            end = (i if col is None else col) + (cs if cs and cs > 1 else 1)
            if end > width:
                width = end
    grid = Grid(n_rows, width)
    for r, row in enumerate(rows):
        nxt = 0
        owners = grid.owner[r]
        for i, raw in enumerate(row):
            rs = raw.row_span
            if not rs or rs < 1:
                rs = 1
            cs = raw.col_span
            if not cs or cs < 1:
                cs = 1
            c = raw.col
            if c is None:
                c = nxt
            if rs == 1 and cs == 1 and c < grid.n_cols and owners[c] is None:
                # most cells: one free slot (grid.free's test, inline)
                grid.put(PlacedCell(r, c, 1, 1, raw.text, raw.source, (r, i)))
                nxt = c + 1
                continue
            if r + rs > n_rows:
                diags.add("table.span_clipped", "warning", f"row span {rs} runs past the table end", r)
                rs = n_rows - r
            if not grid.free(r, c, rs, cs):
                c2 = next((j for j in range(c, width) if grid.owner[r][j] is None), None)
                if c2 is None:
                    grid.n_cols = width = width + 1
                    for line in grid.owner:
                        line.append(None)
                    c2 = width - 1
                while cs > 1 and not grid.free(r, c2, rs, cs):
                    cs -= 1
                while rs > 1 and not grid.free(r, c2, rs, cs):
                    rs -= 1
                diags.add(
                    "table.span_clipped",
                    "warning",
                    f"cell {clean(raw.text)[:20]!r} overlaps another; placed at column {c2}",
                    r,
                )
                c = c2
            grid.put(PlacedCell(r, c, rs, cs, raw.text, raw.source, (r, i)))
            nxt = c + cs
    return grid


def _known_views(grid: Grid) -> list[list[ViewCell]]:
    views = []
    for r in range(grid.n_rows):
        view: list[ViewCell] = []
        seen: set[int] = set()
        for j in range(grid.n_cols):
            cell = grid.owner[r][j]
            if cell is None:
                view.append(ViewCell(""))
            elif id(cell) not in seen:
                seen.add(id(cell))
                view.append(ViewCell(cell.text if cell.row == r else "", cell.col_span, cell.row < r))
        views.append(view)
    return views


def _known_items(grid: Grid) -> list[list[Item]]:
    """Each row's printed cells with their grid columns; a slot that a cell from a row
    above covers is a continuation item (an empty slot, a cell the source left out)."""
    views = []
    for r, owners in enumerate(grid.owner):
        row: list[Item] = []
        append = row.append
        prev: PlacedCell | None = None  # a cell's slots in a row are side by side
        for j, cell in enumerate(owners):
            if cell is None:
                append(make_item("", j, 1, False, None, None))
            elif cell is not prev:
                prev = cell
                if cell.row == r:
                    append(make_item(cell.text, cell.col, cell.col_span, False, cell.ref, cell.source))
                else:
                    append(make_item("", cell.col, cell.col_span, True, cell.ref, cell.source))
        views.append(row)
    return views


# --- flattened sources: infer the spans --------------------------------------------


def _fill_holes(grid: Grid, layout: Layout, diags: TableDiags) -> None:
    for r in range(grid.n_rows):
        holes = [j for j in range(grid.n_cols) if grid.owner[r][j] is None]
        if not holes:
            continue
        for j in holes:
            region = "label" if j < layout.label_cols else "value"
            grid.put(PlacedCell(r, j, 1, 1, "", None, None, region=region))
        if layout.kinds[r] == "body":
            diags.add(
                "table.slot_filled",
                "info",
                f"{len(holes)} empty slot(s) filled with empty cells",
                r,
            )


def _role(kind: str, col: int, label_cols: int) -> Role:
    if kind == "caption":
        return "caption"
    if kind == "header":
        return "corner" if col < label_cols else "header"
    return "stub" if col < label_cols else "data"


def _finish(
    grid: Grid,
    layout: Layout,
    raw: RawTable,
    nested_refs: dict[tuple[int, int], tuple[int, ...]],
) -> Table:
    def role(c: PlacedCell) -> Role:
        return "caption" if c.region == "caption" else _role(layout.kinds[c.row], c.col, layout.label_cols)

    header_rows = _header_rows(layout.kinds)
    if header_rows == len(layout.kinds):
        header_rows = 0 if len(layout.kinds) <= 1 else header_rows
    return _table(grid, role, header_rows, layout.label_cols, raw, nested_refs)


def _finish_official(
    reading: Reading, raw: RawTable, nested_refs: dict[tuple[int, int], tuple[int, ...]]
) -> Table:
    return _table(reading.grid, None, _header_rows(reading.kinds), reading.label_cols, raw, nested_refs)


def _header_rows(kinds: Sequence[str]) -> int:
    """Rows before the first body row."""
    n = 0
    for kind in kinds:
        if kind == "body":
            break
        n += 1
    return n


def _table(
    grid: Grid,
    role: Callable[[PlacedCell], Role] | None,
    header_rows: int,
    header_cols: int,
    raw: RawTable,
    nested_refs: dict[tuple[int, int], tuple[int, ...]],
) -> Table:
    """The frozen table; `role` gives each cell's role, None when the cells' regions are
    their roles (an official table's reading), any other region being a stub."""
    cells: list[Cell] = []
    append = cells.append
    for c in sorted(grid.cells, key=_ANCHOR):
        nested = nested_refs.get(c.ref, ()) if nested_refs and c.ref else ()
        append(_make_cell(c.row, c.col, c.row_span, c.col_span, _tidy(c.text),
                          _REGION_ROLE.get(c.region, "stub") if role is None else role(c), None, nested,
                          c.source, None, False))
    return Table(
        n_rows=grid.n_rows,
        n_cols=grid.n_cols,
        cells=tuple(cells),
        header_rows=header_rows,
        header_cols=header_cols,
        caption=raw.caption,
        source=raw.source,
    )


@lru_cache(maxsize=8192)
def _tidy(text: str) -> str:
    """A cell's text as printed: surrounding whitespace gone, inner lines kept (cached: a
    table prints the same few texts, 0 and the template's labels, over and over)."""
    if "\n" not in text and "\r" not in text:
        return clean(text)
    lines = [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)
