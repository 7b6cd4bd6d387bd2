"""HTML tables as raw tables with exact spans, and layout tables told apart from data.

The grid follows the HTML table model: rows in source order (``thead``,
``tbody``, ``tfoot``, bare ``tr``), each cell placed at the first column its
row leaves free of cells reaching down from above, ``rowspan``/``colspan``
followed exactly (``rowspan="0"`` runs to the end of its row group; spans
past the table's last row are clipped). A page that writes empty cells
instead of spans hands those empty cells on as they are: the table builder
decides what they are.

A table that wraps a page (navigation in one cell, the article in another)
is layout, not data: its cells are read as running text.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from govreport.model import Location
from govreport.readers import ReaderOutput
from govreport.readers.common import SECTION_KEYWORDS, is_section_heading
from govreport.readers.html.text import element_lines, is_hidden, raw_text, tag_of
from govreport.tables.raw import RawCell, RawTable

MAX_COLSPAN = 1000  # the HTML limit
MAX_ROWSPAN = 65534
MAX_WIDTH = 1000
MAX_SLOTS = 250_000
MAX_NESTING = 4
LONG_CELL = 300  # characters: a cell holding this much prose is page layout
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


def table_rows(table: etree._Element) -> list[tuple[etree._Element, int]]:
    """The table's own rows (not those of nested tables) with the index of their row group."""
    rows: list[tuple[etree._Element, int]] = []
    group = 0
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            rows.append((child, group))
        elif tag in _SECTIONS:
            group += 1
            rows.extend((tr, group) for tr in child if tag_of(tr) == "tr")
            group += 1
    return rows


def row_cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if tag_of(c) in ("td", "th") and not is_hidden(c)]


def _span(el: etree._Element, name: str, limit: int) -> int:
    raw = (el.get(name) or "1").strip().rstrip(";")
    digits = "".join(ch for ch in raw[:12] if "0" <= ch <= "9")  # not ¹³ or other digits
    if not digits:
        return 1
    return min(int(digits), limit)


def is_layout_table(table: etree._Element) -> bool:
    """A table used to lay out a page rather than to hold data: a single cell, a cell
    holding a table, a section heading or a paragraph's worth of prose."""
    rows = table_rows(table)
    cells = [c for tr, _ in rows for c in row_cells(tr)]
    if len(cells) <= 1:
        return True
    for cell in cells:
        if next(cell.iter("table"), None) is not None and next(cell.iter("table")) is not cell:
            return True
        text = raw_text(cell)
        if len(text) > LONG_CELL:
            return True
        if any(k in text for k in SECTION_KEYWORDS) and len(text) > 40:
            lines = element_lines(cell)
            if len(lines) > 1 and any(is_section_heading(ln) for ln in lines):
                return True
    return False


def _nested_tables(cell: etree._Element) -> list[etree._Element]:
    """The outermost tables inside a cell."""
    found: list[etree._Element] = []
    stack = list(reversed(cell))
    while stack:
        node = stack.pop()
        if tag_of(node) == "table":
            found.append(node)
        else:
            stack.extend(reversed(node))
    return found


def html_table_to_raw(
    table: etree._Element,
    ref: str,
    out: ReaderOutput,
    cell_text: Callable[[etree._Element], str],
    depth: int = 0,
) -> RawTable | None:
    """The raw table of one data table, or None (with a diagnostic) when it is too large."""
    rows = table_rows(table)
    n_rows = len(rows)
    group_end: dict[int, int] = {}
    for i, (_, group) in enumerate(rows):
        group_end[group] = i + 1
    busy: list[int] = []  # per grid column: the first row index no longer covered from above
    raw_rows: list[tuple[RawCell, ...]] = []
    width = 0
    clipped = 0
    for r, (tr, group) in enumerate(rows):
        col = 0
        cells: list[RawCell] = []
        for k, td in enumerate(row_cells(tr)):
            while col < len(busy) and busy[col] > r:
                col += 1
            cs = _span(td, "colspan", MAX_COLSPAN) or 1
            rs = _span(td, "rowspan", MAX_ROWSPAN)
            end_row = group_end[group] if rs == 0 else min(r + max(rs, 1), group_end[group])
            if rs > 1 and r + rs > group_end[group]:
                clipped += 1
            if col + cs > MAX_WIDTH:
                cs = max(1, MAX_WIDTH - col)
                clipped += 1
                if col >= MAX_WIDTH:
                    break
            if len(busy) < col + cs:
                busy.extend([0] * (col + cs - len(busy)))
            busy[col : col + cs] = [end_row] * cs
            nested: tuple[RawTable, ...] = ()
            if depth < MAX_NESTING:
                subs = [html_table_to_raw(t, f"{ref}/tr[{r + 1}]/td[{k + 1}]/table[{j + 1}]", out,
                                          cell_text, depth + 1)
                        for j, t in enumerate(_nested_tables(td))]
                nested = tuple(s for s in subs if s is not None)
            cells.append(RawCell(
                text=cell_text(td), col=col, row_span=end_row - r, col_span=cs, nested=nested,
                source=Location(ref=f"{ref}/tr[{r + 1}]/td[{k + 1}]"),
            ))
            col += cs
        width = max(width, col, len(busy))
        raw_rows.append(tuple(cells))
        if n_rows * max(width, 1) > MAX_SLOTS:
            out.diag("html.table_too_large", "warning",
                     f"a table of {n_rows} rows and at least {width} columns is too large to be a "
                     "report table; skipped", Location(ref=ref))
            return None
    if clipped:
        out.diag("html.span_clipped", "info",
                 f"{clipped} rowspan/colspan value(s) reached past the table and were clipped",
                 Location(ref=ref))
    caption = next((cell_text(c) for c in table if tag_of(c) == "caption"), None)
    header_rows = sum(1 for tr, _ in rows if tr.getparent() is not None
                      and tag_of(tr.getparent()) == "thead")
    return RawTable(
        tuple(raw_rows), spans_known=True, n_cols=width or None, caption=caption or None,
        header_rows_hint=header_rows or None, source=Location(ref=ref),
    )
