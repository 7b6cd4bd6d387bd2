"""The XML facts of a Word table, before any merge is resolved.

Word stores a table as rows of `w:tc` elements. Where each cell sits on the
grid is not written down: it follows from the row's `w:gridBefore` (empty
grid columns before the first cell), each cell's `w:gridSpan` (horizontal
merge), and `w:vMerge` (``restart`` opens a vertical merge in a grid column,
a bare or ``continue`` vMerge extends the one above). `w:tblGrid` gives the
grid width and `w:tblHeader` marks the rows repeated on every page.

This layer only collects those facts, row by row, in source order; the walk
(`govreport.readers.docx.walk`) turns them into anchor cells with spans.
Content controls (`w:sdt`) and custom XML wrapping rows or cells are seen
through; rows deleted as a tracked change are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from govreport.readers.docx.text import W

TBL = W + "tbl"
TR = W + "tr"
TC = W + "tc"
SDT = W + "sdt"
SDT_CONTENT = W + "sdtContent"
CUSTOM_XML = W + "customXml"
_WRAPPERS = (SDT, CUSTOM_XML, W + "ins", W + "moveTo")
_OFF = ("0", "false", "off")
_TRPR = W + "trPr"
_TCPR = W + "tcPr"
_GRID_SPAN = W + "gridSpan"
_VMERGE = W + "vMerge"
_HMERGE = W + "hMerge"
_GRID_BEFORE = W + "gridBefore"
_GRID_AFTER = W + "gridAfter"
_TBL_HEADER = W + "tblHeader"
_DEL = W + "del"
_VAL = W + "val"


class CellFacts(NamedTuple):
    """One `w:tc`: its 1-based place among the row's cells (`ordinal`, for
    provenance), its grid span, its vertical-merge mark (``restart``,
    ``continue`` or None) and its legacy horizontal-merge mark (`w:hMerge`)."""

    element: etree._Element
    ordinal: int
    span: int
    vmerge: str | None
    hmerge: str | None


class RowFacts(NamedTuple):
    ordinal: int
    grid_before: int
    grid_after: int
    header: bool
    cells: tuple[CellFacts, ...]


@dataclass(frozen=True, slots=True)
class TableFacts:
    """A table's grid width (`w:tblGrid` column count, 0 when absent), its rows
    and the caption stored as the table's alternative-text title, if any."""

    element: etree._Element
    grid_width: int
    rows: tuple[RowFacts, ...]
    caption: str | None

    @property
    def header_rows(self) -> int:
        """How many leading rows are marked as repeating header rows."""
        count = 0
        for row in self.rows:
            if not row.header:
                break
            count += 1
        return count


def _val(parent: etree._Element | None, name: str) -> etree._Element | None:
    return None if parent is None else parent.find(W + name)


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, int(el.get(_VAL) or default))
    except ValueError:
        return default


def _on(el: etree._Element | None) -> bool:
    return el is not None and (el.get(_VAL) or "true").lower() not in _OFF


def unwrap(parent: etree._Element, tag: str) -> list[etree._Element]:
    """The `tag` children of `parent`, looking through content controls and
    custom-XML wrappers (`w:sdt/w:sdtContent`, `w:customXml`) in source order."""
    found: list[etree._Element] = []
    for child in parent:
        ctag = child.tag
        if ctag == tag:
            found.append(child)
        elif ctag in _WRAPPERS:
            content = child.find(SDT_CONTENT) if ctag == SDT else child
            if content is not None:
                found.extend(unwrap(content, tag))
    return found


def cell_facts(tc: etree._Element, ordinal: int) -> CellFacts:
    # Children are walked rather than found: `find` parses its path on every
    # call, which costs more than the whole walk over a cell's few properties.
    span, vmerge, hmerge = 1, None, None
    for tcpr in tc:
        if tcpr.tag != _TCPR:
            continue
        for el in tcpr:
            tag = el.tag
            if tag == _GRID_SPAN:
                span = max(1, _int_val(el, 1))
            elif tag == _VMERGE:
                vmerge = "restart" if el.get(_VAL) == "restart" else "continue"
            elif tag == _HMERGE:
                hmerge = "restart" if el.get(_VAL) == "restart" else "continue"
        break
    return CellFacts(tc, ordinal, span, vmerge, hmerge)


def row_facts(tr: etree._Element, ordinal: int) -> RowFacts | None:
    """The facts of one row, or None for a row deleted as a tracked change."""
    before, after, header = 0, 0, False
    cells: list[CellFacts] = []
    for child in tr:
        tag = child.tag
        if tag == TC:
            cells.append(cell_facts(child, len(cells) + 1))
        elif tag == _TRPR:
            for el in child:
                ptag = el.tag
                if ptag == _DEL:
                    return None
                if ptag == _GRID_BEFORE:
                    before = _int_val(el, 0)
                elif ptag == _GRID_AFTER:
                    after = _int_val(el, 0)
                elif ptag == _TBL_HEADER:
                    header = _on(el)
        elif tag in _WRAPPERS:
            content = child.find(SDT_CONTENT) if tag == SDT else child
            for tc in () if content is None else unwrap(content, TC):
                cells.append(cell_facts(tc, len(cells) + 1))
    return RowFacts(ordinal, before, after, header, tuple(cells))


def table_facts(tbl: etree._Element) -> TableFacts:
    grid = tbl.find(W + "tblGrid")
    width = 0 if grid is None else sum(1 for c in grid if c.tag == W + "gridCol")
    rows: list[RowFacts] = []
    for i, tr in enumerate(unwrap(tbl, TR), start=1):
        facts = row_facts(tr, i)
        if facts is not None:
            rows.append(facts)
    tblpr = tbl.find(W + "tblPr")
    caption_el = _val(tblpr, "tblCaption")
    caption = caption_el.get(W + "val") if caption_el is not None else None
    return TableFacts(tbl, width, tuple(rows), caption or None)
