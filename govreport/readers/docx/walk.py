"""The merge walk: table facts to anchor cells with exact grid columns and spans.

Walking the rows top to bottom, the walk keeps, for each grid column, the
anchor cell of the vertical merge open there. A ``restart`` cell opens a
merge, a ``continue`` cell extends the anchor above it by one row (and is not
emitted: the anchor's `row_span` covers its slot), any other cell closes the
merges in the columns it covers. A row's cells start after its `gridBefore`
columns; slots a row leaves empty are left for the table builder to pad.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govreport.model import Location
from govreport.readers import ReaderOutput
from govreport.readers.docx.facts import CellFacts, TableFacts
from govreport.tables.raw import RawCell, RawTable

CellContent = Callable[[CellFacts, str], tuple[str, tuple[RawTable, ...]]]


@dataclass(slots=True)
class _Anchor:
    col: int
    col_span: int
    text: str
    ref: str
    nested: tuple[RawTable, ...]
    row_span: int = 1
    extra: list[str] | None = None  # texts of the continuation cells, if any

    def to_raw(self) -> RawCell:
        text = "\n".join([self.text, *self.extra]) if self.extra else self.text
        return RawCell(
            text=text,
            col=self.col,
            row_span=self.row_span,
            col_span=self.col_span,
            nested=self.nested,
            source=Location(ref=self.ref),
        )


def facts_to_raw_table(facts: TableFacts, ref: str, content: CellContent, out: ReaderOutput) -> RawTable:
    """Resolve the merges of one table into a `RawTable` with known spans.

    `ref` locates the table (``tbl[2]``); `content` gives a cell's text and
    the tables nested in it. Repairs (a continuation with nothing open above
    it, a row wider than the grid) become diagnostics.
    """
    open_merges: dict[int, _Anchor] = {}
    rows: list[list[_Anchor]] = []
    n_cols = facts.grid_width
    for row in facts.rows:
        row_ref = f"{ref}/tr[{row.ordinal}]"
        emitted: list[_Anchor] = []
        continued: set[int] = set()
        col = row.grid_before
        for cell in row.cells:
            cell_ref = f"{row_ref}/tc[{cell.ordinal}]"
            left = emitted[-1] if emitted else None
            if cell.hmerge == "continue" and left and left.col + left.col_span == col:
                # legacy horizontal merge: this cell widens the one on its left
                left.col_span += cell.span
                col += cell.span
                continue
            if cell.vmerge == "continue":
                anchor = open_merges.get(col)
                if anchor is not None:
                    anchor.row_span += 1
                    if anchor.col_span != cell.span:
                        out.diag(
                            "docx.vmerge_span_mismatch",
                            "warning",
                            f"a merged cell continues over {cell.span} grid column(s) "
                            f"but was opened over {anchor.col_span}",
                            Location(ref=cell_ref),
                        )
                    text, _ = content(cell, cell_ref)
                    if text.strip():
                        if anchor.extra is None:
                            anchor.extra = []
                        anchor.extra.append(text)
                    continued.add(col)
                    col += anchor.col_span if anchor.col_span > cell.span else cell.span
                    continue
                out.diag(
                    "docx.vmerge_without_start",
                    "warning",
                    "a vertically merged cell continues a merge that was never opened "
                    "above it; read as a cell of its own",
                    Location(ref=cell_ref),
                )
            text, nested = content(cell, cell_ref)
            anchor = _Anchor(col, cell.span, text, cell_ref, nested)
            emitted.append(anchor)
            for c in range(col, col + cell.span):
                open_merges.pop(c, None)
            if cell.vmerge is not None:
                open_merges[col] = anchor
                continued.add(col)
            col += cell.span
        for c in [c for c in open_merges if c not in continued]:
            del open_merges[c]
        width = col + row.grid_after
        if width > n_cols:
            if facts.grid_width:
                out.diag(
                    "docx.row_wider_than_grid",
                    "warning",
                    f"row {row.ordinal} covers {width} grid columns but the table grid "
                    f"declares {facts.grid_width}; the grid is widened",
                    Location(ref=row_ref),
                )
            n_cols = width
        rows.append(emitted)
    if not facts.grid_width and facts.rows:
        out.diag(
            "docx.no_table_grid",
            "info",
            f"the table has no w:tblGrid; its width ({n_cols}) is taken from its widest row",
            Location(ref=ref),
        )
    return RawTable(
        rows=tuple(tuple(a.to_raw() for a in emitted) for emitted in rows),
        spans_known=True,
        n_cols=n_cols,
        caption=facts.caption,
        header_rows_hint=facts.header_rows or None,
        source=Location(ref=ref),
    )
