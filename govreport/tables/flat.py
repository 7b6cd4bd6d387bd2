"""Placing flattened rows, whose spans were lost, on a grid.

A horizontally merged cell appears once, a vertically merged continuation as
an empty cell (or, in a padded export, every slot is a field). Row kinds and
label columns come from `classify`; header spans from `solver`; the body rows
take their values from the right and their labels from the left.
"""

from __future__ import annotations

from dataclasses import replace

from govreport.tables.classify import Layout, ViewCell, classify, trailing_values
from govreport.tables.grid import Grid, PlacedCell, TableDiags
from govreport.tables.raw import RawCell
from govreport.tables.solver import solve_header_spans
from govreport.textutil import clean, outline_depth


def place_flattened(rows: list[list[RawCell]], diags: TableDiags) -> tuple[Grid, Layout]:
    width = max(len(r) for r in rows)
    layout = classify([[ViewCell(c.text) for c in row] for row in rows], width)
    extra = _omitted_label_columns(rows, layout)
    if extra:
        diags.add("table.labels_nested", "info",
                  f"row labels left out under merged labels; {extra} label column(s) restored "
                  "from the labels' numbering")
        width += extra
        layout = replace(layout, n_cols=width, label_cols=layout.label_cols + extra)
    grid = Grid(len(rows), width)
    label_cols, value_cols = layout.label_cols, layout.value_cols
    leaves: list[tuple[int, int]] = []  # value-column extents of the current block's leaf headers
    r = 0
    while r < len(rows):
        kind = layout.kinds[r]
        if kind == "caption":
            first = rows[r][0]
            grid.put(PlacedCell(r, 0, 1, width, first.text, first.source, (r, 0), region="caption"))
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
    grid: Grid,
    rows: list[list[RawCell]],
    block: list[int],
    body: list[int],
    layout: Layout,
    diags: TableDiags,
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
                cell = PlacedCell(r, col, 1, span, raw.text, raw.source, (r, n_label + i), region="value")
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
    grid: Grid, cells: list[RawCell], r: int, label_cols: int, *, header: bool, padded: bool
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
    prev: PlacedCell | None = None
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
            cell = PlacedCell(r, col, 1, above.col_span, "", raw.source, None, True, region="label")
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
        cell = PlacedCell(r, col, 1, span, raw.text, raw.source, None, region="label")
        cell.cont = not text and (header or r > 0)
        grid.put(cell)
        prev = cell
        col += span


def _nest_under_above(grid: Grid, cells: list[RawCell], r: int, label_cols: int) -> int:
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


def _fill_padded_headers(grid: Grid, block: list[int], label_cols: int) -> None:
    """In padded header rows, an empty header cell is a merge: downward when the
    header above covers exactly the empty run below it, otherwise rightward
    from the nearest label on its left under the same parent."""
    for pos, r in enumerate(block):
        # the row's own cells from its slots, not from every cell of the grid: a table of
        # thousands of header blocks stays linear
        row_cells = [c for j, c in enumerate(grid.owner[r])
                     if c is not None and c.row == r and c.col == j and c.region == "value"
                     and c.col_span == 1]
        if len(row_cells) < grid.n_cols - label_cols:
            continue  # compact row: the solver placed it
        left: PlacedCell | None = None
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
    for r in block[1:]:
        for above in {id(c): c for c in grid.owner[r - 1][label_cols:] if c is not None}.values():
            if above.row_span + above.row != r or above.col_span == 1:
                continue
            below = [grid.owner[r][j] for j in range(above.col, above.col + above.col_span)]
            if all(b is not None and not clean(b.text) and b.col_span == 1 for b in below):
                uniq = {id(b): b for b in below if b is not None}
                if len(uniq) == above.col_span:
                    for b in uniq.values():
                        grid.remove(b)
                    grid.put(PlacedCell(r, above.col, 1, above.col_span, "", None, None, True, "value"))


def _place_body_row(
    grid: Grid,
    row: list[RawCell],
    r: int,
    label_cols: int,
    value_cols: int,
    leaves: list[tuple[int, int]],
    diags: TableDiags,
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
        grid.put(PlacedCell(r, col, 1, span, raw.text, raw.source, (r, n_label + i), region="value"))
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


def _merge_continuations(grid: Grid) -> None:
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
