"""Rows as the official-table reader sees them: printed items in reading order.

Whatever the source, a row is a list of items. A source that knows its grid
(docx, HTML, ruled PDF) gives each item its grid column and width, and marks
the slots a cell from a row above covers (a vertical merge) as continuation
items. Flattened text gives the cells in order; a row that fills every
column of its table (a padded export) is positional too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.model import Location
from govreport.tables.raw import RawCell
from govreport.textutil import is_number, is_value_like, squash


@dataclass(frozen=True, slots=True)
class Item:
    """One printed cell of a row (or one continuation slot of a merge from above).

    `label` (the text as a header path prints it: no whitespace at all), `blank`,
    `value_like` and `number` are worked out once, when the item is made."""

    text: str
    col: int | None = None
    width: int = 1
    cont: bool = False
    ref: tuple[int, int] | None = None
    source: Location | None = None
    padded: bool = False  # a field of a flattened row that gives every column one
    label: str = field(init=False, compare=False)
    blank: bool = field(init=False, compare=False)
    value_like: bool = field(init=False, compare=False)
    number: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        label = "" if self.cont else squash(self.text)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "blank", not label)
        object.__setattr__(self, "value_like", not self.cont and is_value_like(self.text))
        object.__setattr__(self, "number", not self.cont and is_number(self.text))


def flattened_views(rows: list[list[RawCell]]) -> tuple[list[list[Item]], list[bool]]:
    """Items of rows whose spans were lost, and which rows are positional (a row
    with a field for every column of the table, as a padded export writes)."""
    width = max((len(r) for r in rows), default=0)
    views: list[list[Item]] = []
    positional: list[bool] = []
    for r, row in enumerate(rows):
        full = len(row) == width and width > 1
        views.append([
            Item(c.text, i if full else None, 1, False, (r, i), c.source, full) for i, c in enumerate(row)
        ])
        positional.append(full)
    return views, positional
