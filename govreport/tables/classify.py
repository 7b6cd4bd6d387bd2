"""Row classification: which rows are block captions, column headers or body rows.

Works on "row views": for each row, the texts of the cells in column order with
the number of grid columns each covers (1 per cell when spans are unknown) and
whether a cell is a vertical continuation. The idea is the one the official
tables obey: a body row is row labels followed by a run of value cells (numbers
or placeholders), so the widest run of trailing values fixes how many value
columns the table has, and the rest of the width holds row labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from govreport.textutil import clean, is_number, is_value_like, is_year

RowKind = Literal["caption", "header", "body"]


@dataclass(frozen=True, slots=True)
class ViewCell:
    text: str
    width: int = 1
    continuation: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """The table's shape: label columns, value columns and the kind of each row."""

    n_cols: int
    label_cols: int
    kinds: tuple[RowKind, ...]

    @property
    def value_cols(self) -> int:
        return self.n_cols - self.label_cols


def trailing_values(row: list[ViewCell], first_row: bool = False) -> int:
    """Columns covered by the trailing run of value-like cells (continuations excluded)."""
    cols = 0
    for cell in reversed(row):
        if cell.continuation or not is_value_like(cell.text) or (first_row and is_year(cell.text)):
            break
        cols += cell.width
    return cols


def numeric_run(row: list[ViewCell]) -> int:
    """Columns from the first printed number to the row's end (0 when the row has none)."""
    cols = 0
    seen = False
    for cell in row:
        if not seen and is_number(cell.text) and not cell.continuation:
            seen = True
        if seen:
            cols += cell.width
    return cols


def _is_caption(row: list[ViewCell], n_cols: int) -> bool:
    texts = [clean(c.text) for c in row if not c.continuation]
    non_empty = [t for t in texts if t]
    if n_cols <= 1 or len(non_empty) != 1 or not texts or not texts[0]:
        return False
    if is_value_like(non_empty[0]):
        return False
    return len(row) == 1 or all(not t for t in texts[1:])


def classify(rows: list[list[ViewCell]], n_cols: int) -> Layout:
    """Decide label columns and row kinds for a table of `n_cols` grid columns."""
    runs = [numeric_run(r) for r in rows]
    if any(runs):
        value_cols = max(runs)
    else:
        # A blank table (an unfilled template): trailing blanks mark the value cells.
        cand = [trailing_values(r, i == 0) for i, r in enumerate(rows) if r and clean(r[0].text)]
        compact = [
            trailing_values(r, i == 0)
            for i, r in enumerate(rows)
            if sum(c.width for c in r) < n_cols or len(r) < n_cols
        ]
        value_cols = max(compact or cand or [0])
    value_cols = min(value_cols, n_cols)
    label_cols = n_cols - value_cols
    kinds: list[RowKind] = []
    for i, row in enumerate(rows):
        trail = min(trailing_values(row, i == 0), value_cols)
        lead = sum(c.width for c in row) - trail
        if not row:
            kinds.append("header")
        elif _is_caption(row, n_cols) and (
            len(row) < n_cols or _next_is_header(rows, i, n_cols, value_cols)
        ):
            kinds.append("caption")
        elif value_cols and trail >= 1 and lead <= label_cols:
            kinds.append("body")
        else:
            kinds.append("header")
    if "body" not in kinds and len(rows) > 1:
        # No value cells anywhere (a text table): first row heads, the rest is body.
        label_cols = 1 if n_cols > 1 else 0
        kinds = ["header"] + ["body"] * (len(rows) - 1)
    return Layout(n_cols=n_cols, label_cols=label_cols, kinds=tuple(kinds))


def _next_is_header(rows: list[list[ViewCell]], i: int, n_cols: int, value_cols: int) -> bool:
    for row in rows[i + 1 :]:
        if not row:
            continue
        trail = min(trailing_values(row), value_cols)
        return trail == 0 or sum(c.width for c in row) - trail > n_cols - value_cols
    return False
