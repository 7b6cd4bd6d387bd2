"""Rows as the official-table reader sees them: printed items in reading order.

Whatever the source, a row is a list of items. A source that knows its grid
(docx, HTML, ruled PDF) gives each item its grid column and width, and marks
the slots a cell from a row above covers (a vertical merge) as continuation
items. Flattened text gives the cells in order; a row that fills every
column of its table (a padded export) is positional too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from govreport.model import Location
from govreport.tables.raw import RawCell
from govreport.textutil import is_number, is_value_like, squash


# Not frozen, though never changed once made: a frozen dataclass sets each field through
# object.__setattr__, which made creating the items of a table a fifth of building it.
# unsafe_hash keeps the equality and hash a frozen Item had.
@dataclass(slots=True, unsafe_hash=True)
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
        label, self.value_like, self.number = ("", False, False) if self.cont else _traits(self.text)
        self.label = label
        self.blank = not label


_new = object.__new__


def make_item(
    text: str, col: int | None, width: int, cont: bool, ref: tuple[int, int] | None,
    source: Location | None, padded: bool = False,
) -> Item:
    """The same item as ``Item(text, col, width, cont, ref, source, padded)``, made without
    the dataclass's ``__init__`` (seven arguments that may come by keyword): the builder
    makes an item per grid slot of every table."""
    it = _new(Item)
    it.text = text
    it.col = col
    it.width = width
    it.cont = cont
    it.ref = ref
    it.source = source
    it.padded = padded
    it.__post_init__()
    return it


@lru_cache(maxsize=8192)
def _traits(text: str) -> tuple[str, bool, bool]:
    """An item's label, whether it may sit in a value cell and whether it is a number:
    cached, as a table prints the same few texts (0, 无, the template's labels) over and over."""
    return squash(text), is_value_like(text), is_number(text)


def flattened_views(rows: list[list[RawCell]]) -> tuple[list[list[Item]], list[bool]]:
    """Items of rows whose spans were lost, and which rows are positional (a row
    with a field for every column of the table, as a padded export writes)."""
    width = max((len(r) for r in rows), default=0)
    views: list[list[Item]] = []
    positional: list[bool] = []
    for r, row in enumerate(rows):
        full = len(row) == width and width > 1
        views.append([make_item(c.text, i if full else None, 1, False, (r, i), c.source, full)
                      for i, c in enumerate(row)])
        positional.append(full)
    return views, positional
