"""Raw tables: what a reader knows about a table before the builder places it.

A source either knows spans (docx, HTML, ruled PDF: `RawCell.col`, `row_span`
and `col_span` set on each anchor cell, continuation slots simply absent) or
it lost them (flattened text: spans None, a horizontally merged cell appearing
once, a vertically merged continuation appearing as an empty cell).
"""

from __future__ import annotations

from dataclasses import dataclass

from govreport.model import Location


@dataclass(frozen=True, slots=True)
class RawCell:
    text: str
    col: int | None = None
    row_span: int | None = None
    col_span: int | None = None
    nested: tuple[RawTable, ...] = ()
    source: Location | None = None


@dataclass(frozen=True, slots=True)
class RawTable:
    """Rows of raw cells in source order.

    `spans_known` says the cells carry exact grid columns and spans; `n_cols`
    is the grid width when the source states it (docx ``w:tblGrid``);
    `header_rows_hint` is the number of leading rows the source marks as
    repeated header rows (docx ``w:tblHeader``); `strategy` names how a PDF
    table was found (``ruled``, ``text``), for diagnostics.
    """

    rows: tuple[tuple[RawCell, ...], ...]
    spans_known: bool = False
    n_cols: int | None = None
    caption: str | None = None
    header_rows_hint: int | None = None
    strategy: str | None = None
    source: Location | None = None
