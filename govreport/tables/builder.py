"""The one table builder: raw cells in, a grid with every slot covered once out.

Sources that know spans (docx, ruled PDF) are placed as they are; flattened
text, which lost them, is placed by inferring spans (see `classify` for the
row kinds and `solver` for header spans). Either way the builder then covers
every slot exactly once, marks each cell's role, and turns every repair into
a diagnostic. It never drops a cell and never raises on a malformed table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from govreport.model import Cell, Diagnostic, Location, Role, Severity, Table
from govreport.tables.classify import Layout, ViewCell, classify, trailing_values
from govreport.tables.raw import RawCell, RawTable
from govreport.tables.solver import solve_header_spans
from govreport.textutil import clean, outline_depth


@dataclass(slots=True)
class _Cell:
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
class _Grid:
    n_rows: int
    n_cols: int
    owner: list[list[_Cell | None]] = field(default_factory=list)
    placed: dict[int, _Cell] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.owner = [[None] * self.n_cols for _ in range(self.n_rows)]

    def free(self, r: int, c: int, rs: int, cs: int) -> bool:
        if r + rs > self.n_rows or c + cs > self.n_cols:
            return False
        return all(self.owner[i][j] is None for i in range(r, r + rs) for j in range(c, c + cs))

    def put(self, cell: _Cell) -> None:
        for i in range(cell.row, cell.row + cell.row_span):
            for j in range(cell.col, cell.col + cell.col_span):
                self.owner[i][j] = cell
        self.placed[id(cell)] = cell

    def remove(self, cell: _Cell) -> None:
        for i in range(cell.row, cell.row + cell.row_span):
            for j in range(cell.col, cell.col + cell.col_span):
                if self.owner[i][j] is cell:
                    self.owner[i][j] = None
        del self.placed[id(cell)]

    @property
    def cells(self) -> list[_Cell]:
        return list(self.placed.values())


class _Diags:
    def __init__(self, sink: list[Diagnostic], index: int) -> None:
        self.sink = sink
        self.index = index

    def add(self, code: str, severity: Severity, message: str, row: int | None = None) -> None:
        self.sink.append(
            Diagnostic(code, severity, message, Location(table=self.index, row=row))
        )


def build_table(
    raw: RawTable,
    index: int,
    diagnostics: list[Diagnostic],
    nested_refs: dict[tuple[int, int], tuple[int, ...]] | None = None,
) -> Table:
    """Rebuild `raw` as table number `index` of its document.

    Repairs are appended to `diagnostics`; `nested_refs` maps (raw row, raw
    cell) to the document indices of tables nested in that cell.
    """
    diags = _Diags(diagnostics, index)
    rows = [list(r) for r in raw.rows]
    if not any(rows):
        diags.add("table.empty", "warning", "table has no cells")
        return Table(0, 0, (), caption=raw.caption, source=raw.source)
    if raw.spans_known:
        grid, layout = _place_known(rows, raw.n_cols, diags)
    else:
        grid, layout = _place_flattened(rows, diags)
    _fill_holes(grid, layout, diags)
    return _finish(grid, layout, raw, nested_refs or {})


# --- sources that know their spans -------------------------------------------------


def _place_known(
    rows: list[list[RawCell]], n_cols: int | None, diags: _Diags
) -> tuple[_Grid, Layout]:
    n_rows = len(rows)
    width = max(
        [n_cols or 0]
        + [
            (c.col if c.col is not None else i) + max(1, c.col_span or 1)
            for row in rows
            for i, c in enumerate(row)
        ]
    )
    grid = _Grid(n_rows, width)
    for r, row in enumerate(rows):
        nxt = 0
        for i, raw in enumerate(row):
            rs = max(1, raw.row_span or 1)
            cs = max(1, raw.col_span or 1)
            if r + rs > n_rows:
                diags.add("table.span_clipped", "warning", f"row span {rs} runs past the table end", r)
                rs = n_rows - r
            c = raw.col if raw.col is not None else nxt
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
            grid.put(_Cell(r, c, rs, cs, raw.text, raw.source, (r, i)))
            nxt = c + cs
    views = []
    for r in range(n_rows):
        view: list[ViewCell] = []
        seen: set[int] = set()
        for j in range(width):
            cell = grid.owner[r][j]
            if cell is None:
                view.append(ViewCell(""))
            elif id(cell) not in seen:
                seen.add(id(cell))
                view.append(ViewCell(cell.text if cell.row == r else "", cell.col_span, cell.row < r))
        views.append(view)
    return grid, classify(views, width, spans_known=True)


# --- flattened sources: infer the spans --------------------------------------------


def _place_flattened(rows: list[list[RawCell]], diags: _Diags) -> tuple[_Grid, Layout]:
    width = max(len(r) for r in rows)
    layout = classify([[ViewCell(c.text) for c in row] for row in rows], width)
    extra = _omitted_label_columns(rows, layout)
    if extra:
        diags.add("table.labels_nested", "info",
                  f"row labels left out under merged labels; {extra} label column(s) restored "
                  "from the labels' numbering")
        width += extra
        layout = replace(layout, n_cols=width, label_cols=layout.label_cols + extra)
    grid = _Grid(len(rows), width)
    label_cols, value_cols = layout.label_cols, layout.value_cols
    leaves: list[tuple[int, int]] = []  # value-column extents of the current block's leaf headers
    r = 0
    while r < len(rows):
        kind = layout.kinds[r]
        if kind == "caption":
            first = rows[r][0]
            grid.put(_Cell(r, 0, 1, width, first.text, first.source, (r, 0), region="caption"))
            r += 1
            continue
        if kind == "header":
            block = [r]
            while r + 1 < len(rows) and layout.kinds[r + 1] == "header":
                r += 1
                block.append(r)
            body = []
            k = r + 1
            while k < len(rows) and layout.kinds[k] == "body":
                body.append(k)
                k += 1
            leaves = _place_header_block(grid, rows, block, body, layout, diags) or leaves
            r += 1
            continue
        _place_body_row(grid, rows[r], r, label_cols, value_cols, leaves, diags)
        r += 1
    _merge_continuations(grid)
    return grid, layout


def _omitted_label_columns(rows: list[list[RawCell]], layout: Layout) -> int:
    """Label columns a web copy dropped: when a body row's first label is numbered
    deeper than the first label of an earlier row (（二） after 三、), the outer labels
    were covered by a row span and left out, so that row needs its depth more label
    columns than it prints. Returns how many label columns the widest such row lacks."""
    need = layout.label_cols
    shallowest: int | None = None
    for row, kind in zip(rows, layout.kinds):
        if kind != "body":
            shallowest = None if kind == "header" else shallowest
            continue
        trail = min(trailing_values([ViewCell(c.text) for c in row]), layout.value_cols)
        labels = len(row) - trail
        first = clean(row[0].text) if labels else ""
        depth = outline_depth(first) if first else None
        if depth is None:
            continue
        if shallowest is not None and depth > shallowest:
            need = max(need, depth + labels)
        shallowest = depth if shallowest is None else min(shallowest, depth)
    return need - layout.label_cols


def _place_header_block(
    grid: _Grid,
    rows: list[list[RawCell]],
    block: list[int],
    body: list[int],
    layout: Layout,
    diags: _Diags,
) -> list[tuple[int, int]]:
    width, label_cols, value_cols = layout.n_cols, layout.label_cols, layout.value_cols
    splits = []
    for r in block:
        row = rows[r]
        if not label_cols:
            n_label = 0
        elif len(row) == width:
            n_label = label_cols
        else:
            n_label = min(len(row), max(1, len(row) - value_cols))
        splits.append(n_label)
    # Boundaries the body proves: a body row with one cell per value column.
    required: set[int] = set()
    if any(_value_count(rows[b], label_cols, value_cols) == value_cols for b in body):
        required = set(range(1, value_cols))
    value_rows = [[c.text for c in rows[r][n:]] for r, n in zip(block, splits)]
    spans = solve_header_spans(value_rows, value_cols, required) if value_cols else []
    for pos, (r, n_label) in enumerate(zip(block, splits)):
        row = rows[r]
        _place_labels(grid, row[:n_label], r, label_cols, header=pos > 0, padded=len(row) == width)
        if value_cols and pos < len(spans):
            col = label_cols
            padded = len(row) == width
            for i, (raw, span) in enumerate(zip(row[n_label:], spans[pos])):
                cell = _Cell(r, col, 1, span, raw.text, raw.source, (r, n_label + i), region="value")
                cell.cont = pos > 0 and not clean(raw.text)
                if padded and not clean(raw.text):
                    cell.cont = True
                grid.put(cell)
                col += span
    _fill_padded_headers(grid, block, label_cols)
    last = block[-1]
    extents = []
    seen: set[int] = set()
    for j in range(label_cols, width):
        owner = grid.owner[last][j]
        if owner is not None and id(owner) not in seen:
            seen.add(id(owner))
            extents.append((owner.col, owner.col_span))
    if any(span > 1 for _, span in extents) and required:
        diags.add("table.header_spans", "info", "header cells span several value columns", last)
    return extents


def _value_count(row: list[RawCell], label_cols: int, value_cols: int) -> int:
    trail = min(trailing_values([ViewCell(c.text) for c in row]), value_cols)
    n_label = min(len(row) - trail, label_cols)
    return len(row) - n_label


def _place_labels(
    grid: _Grid, cells: list[RawCell], r: int, label_cols: int, *, header: bool, padded: bool
) -> None:
    """Row labels (or the corner) over the label columns of one row.

    In a padded row an empty cell right of a label is that label running on
    (a horizontal merge); otherwise an empty cell continues the label above.
    The last label takes whatever label columns remain.
    """
    if not cells or not label_cols:
        return
    col = 0 if header or padded else _nest_under_above(grid, cells, r, label_cols)
    n = len(cells)
    prev: _Cell | None = None
    skip = 0
    for i, raw in enumerate(cells):
        if skip:
            skip -= 1
            continue
        remaining = n - i - 1
        text = clean(raw.text)
        if col >= label_cols:
            break
        if not text and padded and prev is not None and clean(prev.text) and prev.row == r:
            prev.col_span += 1
            grid.owner[r][col] = prev
            col += 1
            continue
        above = grid.owner[r - 1][col] if r > 0 else None
        if (
            not text
            and padded
            and above is not None
            and above.col == col
            and above.col_span > 1
            and all(not clean(c.text) for c in cells[i : i + above.col_span])
            and len(cells) - i >= above.col_span
        ):
            # A run of empty fields under a wide label: that label continuing downward.
            cell = _Cell(r, col, 1, above.col_span, "", raw.source, None, True, region="label")
            grid.put(cell)
            prev = None
            skip = above.col_span - 1
            col += above.col_span
            continue
        if remaining == 0:
            span = label_cols - col
        elif not text and r > 0:
            above = grid.owner[r - 1][col]
            span = 1
            if above is not None and above.col == col and above.region == "label":
                span = min(above.col_span, label_cols - col - remaining)
            span = max(1, span)
        else:
            span = 1
        cell = _Cell(r, col, 1, span, raw.text, raw.source, None, region="label")
        cell.cont = not text and (header or r > 0)
        grid.put(cell)
        prev = cell
        col += span


def _nest_under_above(grid: _Grid, cells: list[RawCell], r: int, label_cols: int) -> int:
    """The first label column of a row whose outer labels were left out (a table copied
    from a web page drops the cells a rowspan covers): when the row's first label is
    numbered one level deeper than the labels above it (（二） under 三、, 2. under
    （三）), those labels run on down over this row. Returns where its labels start."""
    first = clean(cells[0].text)
    depth = outline_depth(first) if first else None
    if not depth or r == 0 or depth + len(cells) > label_cols:
        return 0
    above = [grid.owner[r - 1][j] for j in range(depth)]
    for j, cell in enumerate(above):
        if (
            cell is None
            or cell.region != "label"
            or cell.col != j
            or cell.col_span != 1
            or cell.row + cell.row_span != r
            or (outline_depth(clean(cell.text)) or 0) >= depth
            or not clean(cell.text)
        ):
            return 0
    for cell in above:
        assert cell is not None
        cell.row_span += 1
        grid.owner[r][cell.col] = cell
    return depth


def _fill_padded_headers(grid: _Grid, block: list[int], label_cols: int) -> None:
    """In padded header rows, an empty header cell is a merge: downward when the
    header above covers exactly the empty run below it, otherwise rightward
    from the nearest label on its left under the same parent."""
    for pos, r in enumerate(block):
        row_cells = sorted(
            (c for c in grid.cells if c.row == r and c.region == "value" and c.col_span == 1),
            key=lambda c: c.col,
        )
        if len(row_cells) < grid.n_cols - label_cols:
            continue  # compact row: the solver placed it
        left: _Cell | None = None
        for cell in row_cells:
            if clean(cell.text):
                left = cell
                continue
            above = grid.owner[r - 1][cell.col] if pos > 0 else None
            if above is not None and above.region == "value" and above.col == cell.col:
                run = all(
                    (o := grid.owner[r][j]) is not None and not clean(o.text)
                    for j in range(above.col, above.col + above.col_span)
                )
                if run:
                    cell.cont = True
                    continue
            same_parent = (
                left is not None
                and (pos == 0 or grid.owner[r - 1][left.col] is grid.owner[r - 1][cell.col])
                and left.col + left.col_span == cell.col
            )
            if same_parent and left is not None:
                grid.remove(cell)
                left.col_span += 1
                for j in range(left.col, left.col + left.col_span):
                    grid.owner[r][j] = left
            else:
                cell.cont = False
    # Downward runs in padded rows: join the empty cells under one wide header.
    for pos, r in enumerate(block[1:], start=1):
        for above in {id(c): c for c in grid.owner[r - 1][label_cols:] if c is not None}.values():
            if above.row_span + above.row != r or above.col_span == 1:
                continue
            below = [grid.owner[r][j] for j in range(above.col, above.col + above.col_span)]
            if all(b is not None and not clean(b.text) and b.col_span == 1 for b in below):
                uniq = {id(b): b for b in below if b is not None}
                if len(uniq) == above.col_span:
                    for b in uniq.values():
                        grid.remove(b)
                    grid.put(_Cell(r, above.col, 1, above.col_span, "", None, None, True, "value"))
        del pos


def _place_body_row(
    grid: _Grid,
    row: list[RawCell],
    r: int,
    label_cols: int,
    value_cols: int,
    leaves: list[tuple[int, int]],
    diags: _Diags,
) -> None:
    width = label_cols + value_cols
    trail = min(trailing_values([ViewCell(c.text) for c in row]), value_cols)
    n_label = min(len(row) - trail, label_cols)
    padded = len(row) == width
    _place_labels(grid, row[:n_label], r, label_cols, header=False, padded=padded)
    values = row[n_label:]
    if n_label == 0 and label_cols:
        diags.add("table.row_without_label", "warning", "body row has no row label", r)
    if padded and len(values) == value_cols and any(span > 1 for _, span in leaves):
        values, spans = _merge_padded_values(values, leaves, label_cols)
    elif len(values) == value_cols:
        spans = [(label_cols + i, 1) for i in range(value_cols)]
    elif leaves and len(values) == len(leaves):
        spans = leaves
    else:
        spans = [(label_cols + i, 1) for i in range(min(len(values), value_cols))]
        diags.add(
            "table.row_padded",
            "warning",
            f"row has {len(values)} value cells for {value_cols} value columns; "
            "missing cells added empty at the end",
            r,
        )
    for i, (raw, (col, span)) in enumerate(zip(values, spans)):
        grid.put(_Cell(r, col, 1, span, raw.text, raw.source, (r, n_label + i), region="value"))
    for raw in values[len(spans) :]:
        diags.add("table.cell_unplaced", "warning", f"extra cell {clean(raw.text)!r} appended", r)


def _merge_padded_values(
    values: list[RawCell], leaves: list[tuple[int, int]], label_cols: int
) -> tuple[list[RawCell], list[tuple[int, int]]]:
    """A padded row under headers that span several columns: each value is followed by
    empty padding fields; one cell per header extent, unless the padding holds text."""
    out: list[RawCell] = []
    spans: list[tuple[int, int]] = []
    for col, span in leaves:
        group = values[col - label_cols : col - label_cols + span]
        if all(not clean(c.text) for c in group[1:]):
            out.append(group[0])
            spans.append((col, span))
        else:
            out.extend(group)
            spans.extend((col + k, 1) for k in range(len(group)))
    return out, spans


def _merge_continuations(grid: _Grid) -> None:
    """Empty cells that continue the cell above (same columns, same region) join it."""
    for cell in sorted(list(grid.cells), key=lambda c: (c.row, c.col)):
        if not cell.cont or cell.row == 0 or clean(cell.text):
            continue
        above = grid.owner[cell.row - 1][cell.col]
        if (
            above is not None
            and above.col == cell.col
            and above.col_span == cell.col_span
            and above.region == cell.region
            and above.row + above.row_span == cell.row
        ):
            grid.remove(cell)
            above.row_span += 1
            for j in range(above.col, above.col + above.col_span):
                grid.owner[cell.row][j] = above


# --- common tail ------------------------------------------------------------------


def _fill_holes(grid: _Grid, layout: Layout, diags: _Diags) -> None:
    for r in range(grid.n_rows):
        holes = [j for j in range(grid.n_cols) if grid.owner[r][j] is None]
        if not holes:
            continue
        for j in holes:
            region = "label" if j < layout.label_cols else "value"
            grid.put(_Cell(r, j, 1, 1, "", None, None, region=region))
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
    grid: _Grid,
    layout: Layout,
    raw: RawTable,
    nested_refs: dict[tuple[int, int], tuple[int, ...]],
) -> Table:
    header_rows = 0
    for kind in layout.kinds:
        if kind == "body":
            break
        header_rows += 1
    if header_rows == len(layout.kinds):
        header_rows = 0 if len(layout.kinds) <= 1 else header_rows
    cells = []
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        kind = layout.kinds[c.row]
        role: Role = "caption" if c.region == "caption" else _role(kind, c.col, layout.label_cols)
        nested = nested_refs.get(c.ref, ()) if c.ref else ()
        text = _tidy(c.text)
        cells.append(Cell(c.row, c.col, c.row_span, c.col_span, text, role, None, nested, c.source))
    return Table(
        n_rows=grid.n_rows,
        n_cols=grid.n_cols,
        cells=tuple(cells),
        header_rows=header_rows,
        header_cols=layout.label_cols,
        caption=raw.caption,
        source=raw.source,
    )


def _tidy(text: str) -> str:
    """A cell's text as printed: surrounding whitespace gone, inner lines kept."""
    if "\n" not in text and "\r" not in text:
        return clean(text)
    lines = [clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)
