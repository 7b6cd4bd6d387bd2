"""The in-memory report model shared by every renderer and by the truth file.

A generated report is a sequence of blocks (headings, paragraphs, tables).
A table is a grid of cells stored as anchor + span, exactly like a Word table
with `gridSpan`/`vMerge`.  Renderers only *print* this grid; the truth
records (header paths of every data cell) are derived from the same grid, so
files and truth cannot drift apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Cell:
    """One printed cell (a Word `w:tc` that is not a merge continuation).

    `role` is header | stub | data | caption | corner.  `text` is the printed
    text; "\\n" separates lines of a multi-line cell.  `key` is the canonical
    key of a data cell (None for extra rows/columns that the format lacks);
    `block` ties table-2 captions, headers and data cells to their 第二十条 block.
    `disguise` says how a merged cell is *printed* (see `printed`): "" as one
    merged cell, else one mark per slot it covers after the anchor (row-major):
    ``m`` joins the slot to the printed cell before it, ``e`` prints a separate
    empty cell, ``r`` a separate cell repeating the text. The truth is always
    the merged cell.
    """

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    role: str
    key: str | None = None
    block: int | None = None
    disguise: str = ""


@dataclass(frozen=True)
class Table:
    """A bordered table: kind is proactive_disclosure | applications | review_litigation."""

    kind: str
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    header_rows: int = 0  # rows repeated on each page when the variant asks for it


@dataclass(frozen=True)
class Heading:
    """A section heading (level 1: 一、总体情况) or sub-heading (level 2: （一）…)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A prose paragraph."""

    text: str


Block = Heading | Paragraph | Table


@dataclass
class Report:
    """Everything needed to render one report and to write its truth."""

    case: str
    edition: str
    year: int
    agency: str
    title: str
    blocks: list[Block]
    variant: dict[str, Any]
    values: dict[str, str]
    injected_errors: list[dict[str, str]] = field(default_factory=list)
    narrative: dict[str, int] = field(default_factory=dict)

    @property
    def tables(self) -> list[Table]:
        """The report's tables in document order."""
        return [b for b in self.blocks if isinstance(b, Table)]


def squash(text: str) -> str:
    """A label as it appears in a header path: all whitespace and line breaks removed."""
    return _WS.sub("", text)


@lru_cache(maxsize=32)
def slot_map(table: Table) -> dict[tuple[int, int], Cell]:
    """Map every grid slot to the cell covering it; raises if a slot is covered twice or never."""
    slots: dict[tuple[int, int], Cell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                if (r, c) in slots:
                    raise ValueError(f"slot {(r, c)} covered twice in {table.kind}")
                slots[(r, c)] = cell
    missing = [(r, c) for r in range(table.n_rows) for c in range(table.n_cols)
               if (r, c) not in slots]
    if missing:
        raise ValueError(f"slots {missing[:5]} not covered in {table.kind}")
    return slots


@lru_cache(maxsize=64)
def printed(table: Table) -> Table:
    """The table as a file prints it: each disguised merge split into the separate
    cells its marks ask for (an empty cell, the text again, or a shorter merge).

    Renderers print this; the truth comes from the table itself."""
    if not any(c.disguise for c in table.cells):
        return table
    out: list[Cell] = []
    for cell in table.cells:
        if not cell.disguise:
            out.append(cell)
            continue
        slots = [(r, c) for r in range(cell.row, cell.row + cell.row_span)
                 for c in range(cell.col, cell.col + cell.col_span)]
        marks = "a" + cell.disguise.ljust(len(slots) - 1, "m")[: len(slots) - 1]
        if cell.row_span > 1 and cell.col_span > 1:
            # a block merge is printed whole or as separate cells, never in strips
            marks = "a" + "".join("e" if m == "m" else m for m in marks[1:])
        pieces: list[list[tuple[int, int]]] = []
        texts: list[str] = []
        for slot, mark in zip(slots, marks):
            if mark == "m" and pieces:
                pieces[-1].append(slot)
            else:
                pieces.append([slot])
                texts.append("" if mark == "e" else cell.text)
        for n, (piece, text) in enumerate(zip(pieces, texts)):
            rows = {r for r, _ in piece}
            cols = {c for _, c in piece}
            out.append(replace(cell, row=min(rows), col=min(cols), row_span=len(rows), col_span=len(cols),
                               text=text, key=cell.key if n == 0 else None, disguise=""))
    return replace(table, cells=tuple(sorted(out, key=lambda c: (c.row, c.col))))


def row_items(table: Table, r: int) -> list[tuple[Cell, bool]]:
    """The `w:tc` elements of grid row r: (cell, is_continuation).

    A cell anchored in this row appears once with its text; a cell anchored
    above (a vertical merge) appears once as an empty continuation with the
    same width.  This is both the docx layout and the flattened-text layout.
    """
    slots = slot_map(table)
    items: list[tuple[Cell, bool]] = []
    c = 0
    while c < table.n_cols:
        cell = slots[(r, c)]
        items.append((cell, cell.row != r))
        c = cell.col + cell.col_span
    return items


def header_paths(table: Table, cell: Cell) -> tuple[list[str], list[str]]:
    """Row and column header paths of a data cell, outermost first.

    Row path: the block caption (table 2) then every stub cell to the left in
    the same grid row.  Column path: the header cells above in the same grid
    column, in the nearest run of header rows (table 2: only the header row of
    the cell's own block).  Corner
    cells and table 2's 信息内容 are never on a path because they do not sit
    above or left of a data slot with a header role over it.
    """
    slots = slot_map(table)
    row_path: list[str] = []
    if cell.block is not None:
        for cap in table.cells:
            if cap.role == "caption" and cap.block == cell.block:
                row_path.append(squash(cap.text))
    seen: set[int] = set()
    for c in range(cell.col):
        other = slots[(cell.row, c)]
        if other.role == "stub" and id(other) not in seen:
            seen.add(id(other))
            row_path.append(squash(other.text))
    # The column path comes from the nearest header rows above (a header printed again
    # in the middle of a table heads the rows below it, not the first header too).
    col_path: list[str] = []
    seen.clear()
    in_header = False
    for r in range(cell.row - 1, -1, -1):
        other = slots[(r, cell.col)]
        if other.role not in ("header", "corner"):
            if in_header:
                break
            continue
        in_header = True
        if other.role != "header" or id(other) in seen:
            continue
        if cell.block is not None and other.block != cell.block:
            continue
        seen.add(id(other))
        col_path.insert(0, squash(other.text))
    return row_path, col_path


def table_truth(table: Table) -> dict[str, Any]:
    """The truth entry of one table: grid size, every cell, and every data cell's paths.

    `cells` lists every cell as meant, merges whole, as [row, col, row_span,
    col_span, role, text] (row-major, anchors only); `printed`, present when the
    table prints some merge as separate cells, lists the cells the files print;
    `records` lists every data cell with its header paths.
    """
    records = []
    data = sorted((c for c in table.cells if c.role == "data"), key=lambda c: (c.row, c.col))
    for cell in data:
        row_path, col_path = header_paths(table, cell)
        records.append({"row": row_path, "col": col_path, "text": cell.text.strip(),
                        "cell": [cell.row, cell.col], "key": cell.key})
    cells = [[c.row, c.col, c.row_span, c.col_span, c.role, c.text]
             for c in sorted(table.cells, key=lambda c: (c.row, c.col))]
    out: dict[str, Any] = {"kind": table.kind, "n_rows": table.n_rows, "n_cols": table.n_cols,
                           "header_rows": table.header_rows, "cells": cells}
    shown = printed(table)
    if shown is not table:
        out["printed"] = [[c.row, c.col, c.row_span, c.col_span, c.role, c.text]
                          for c in sorted(shown.cells, key=lambda c: (c.row, c.col))]
    out["records"] = records
    return out


def report_truth(report: Report) -> dict[str, Any]:
    """The whole truth.json document of a report."""
    return {
        "case": report.case,
        "edition": report.edition,
        "year": report.year,
        "agency": report.agency,
        "title": report.title,
        "variant": report.variant,
        "tables": [table_truth(t) for t in report.tables],
        "values": report.values,
        "injected_errors": report.injected_errors,
        "narrative": report.narrative,
        "headings": [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1],
    }


def dump_truth(truth: dict[str, Any]) -> str:
    """truth.json text: readable top level, one line per cell and per record (keeps files small)."""
    parts = []
    for key, value in truth.items():
        if key == "tables":
            tables = []
            for table in value:
                head = {k: v for k, v in table.items() if k not in ("cells", "printed", "records")}
                body = ",\n".join(
                    f' "{name}": [\n' + ",\n".join(
                        json.dumps(item, ensure_ascii=False, separators=(",", ":"))
                        for item in table[name]) + "]"
                    for name in ("cells", "printed", "records") if name in table)
                tables.append(json.dumps(head, ensure_ascii=False)[:-1] + ",\n" + body + "}")
            parts.append(' "tables": [\n' + ",\n".join(tables) + "]")
        else:
            parts.append(f" {json.dumps(key)}: " + json.dumps(value, ensure_ascii=False))
    return "{\n" + ",\n".join(parts) + "\n}\n"
