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
    return value_run(row, 0, first_row, padded=False)[0]


def value_run(
    row: list[ViewCell], n_cols: int, first_row: bool = False, padded: bool = True
) -> tuple[int, bool]:
    """Columns of the row's trailing run of values, and whether it holds a number.

    In a flattened row that fills every column, empty cells right after the
    label may be the label's padding (a horizontal merge flattened to empty
    fields), so there the run starts at its first non-empty value. Sources that
    know their spans (`padded=False`) have no padding.
    """
    run: list[ViewCell] = []
    for cell in reversed(row):
        if cell.continuation or not is_value_like(cell.text) or (first_row and is_year(cell.text)):
            break
        run.append(cell)
    run.reverse()
    full = padded and sum(c.width for c in row) >= n_cols and len(run) < len(row)
    if full:
        while run and not clean(run[0].text):
            run.pop(0)
    return sum(c.width for c in run), any(is_number(c.text) for c in run)


def _is_caption(row: list[ViewCell], n_cols: int) -> bool:
    """A single cell across the row: one cell in a compact row, or a first cell
    followed only by empty padding in a padded row."""
    texts = [clean(c.text) for c in row if not c.continuation]
    if n_cols <= 1 or not texts or not texts[0] or is_value_like(texts[0]):
        return False
    if len(row) == 1:
        return True
    return len(row) == n_cols and all(not t for t in texts[1:])


def classify(rows: list[list[ViewCell]], n_cols: int, spans_known: bool = False) -> Layout:
    """Decide label columns and row kinds for a table of `n_cols` grid columns.

    With known spans a caption is one cell across the row; in a flattened row
    that fills every column, a first cell followed by empty fields is a caption
    only when a header row (not another caption) follows it.
    """
    runs = [value_run(r, n_cols, i == 0, padded=not spans_known) for i, r in enumerate(rows)]
    with_numbers = [cols for cols, numeric in runs if numeric]
    if with_numbers:
        value_cols = max(with_numbers)
    else:
        # A blank table (an unfilled template): trailing blanks mark the value cells;
        # a row with no text at all counts only when nothing else has value cells.
        texty = [cols for (cols, _), r in zip(runs, rows) if any(clean(c.text) for c in r)]
        value_cols = max(texty, default=0) or max(
            (trailing_values(r) for r in rows), default=0
        )
    value_cols = min(value_cols, n_cols)
    label_cols = n_cols - value_cols
    kinds: list[RowKind] = []
    for i, row in enumerate(rows):
        trail = min(trailing_values(row, i == 0), value_cols)
        lead = sum(c.width for c in row) - trail
        if not row:
            kinds.append("header")
        elif _is_caption(row, n_cols) and (
            len(row) == 1 or (not spans_known and _next_is_header(rows, i, n_cols, value_cols))
        ):
            kinds.append("caption")
        elif value_cols and trail >= 1 and lead <= label_cols:
            kinds.append("body")
        else:
            kinds.append("header")
    if "body" not in kinds and len(rows) > 1:
        # No value cells anywhere (a text table): first row heads, the rest is body.
        label_cols = 1 if n_cols > 1 else 0
        body: list[RowKind] = ["body"] * (len(rows) - 1)
        kinds = ["header", *body]
    return Layout(n_cols=n_cols, label_cols=label_cols, kinds=tuple(kinds))


def _next_is_header(rows: list[list[ViewCell]], i: int, n_cols: int, value_cols: int) -> bool:
    for row in rows[i + 1 :]:
        if not row:
            continue
        if _is_caption(row, n_cols):
            return False
        trail = min(trailing_values(row), value_cols)
        return trail == 0 or sum(c.width for c in row) - trail > n_cols - value_cols
    return False
