"""CSV: the document flattened on purpose, for spreadsheets (docs/output-csv.md).

Two forms. The *tidy* (long) form has one line per data cell of every table:
the document, the table, its kind, the row header path spread over columns
``row_1..row_N``, the column header path over ``col_1..col_M`` (N and M the
deepest paths among the tables written, shorter paths padded with blanks),
the canonical key, the printed text and the parsed number. The *grid* form
writes each table as its grid, n_cols slots a line, the column header rows
joined into one header line (``申请人情况 / 法人或其他组织 / 商业企业``). In
one file, the lines of all tables are padded to one width under a generic
header; `render_grid_tables` gives each table its own file instead.

Several documents append into one file, the document name in the first
column. Spreadsheet safety: a field that a spreadsheet would read as a
formula (first non-blank character ``=``, ``+``, ``-``, ``@``, tab or carriage
return) is written with a leading ``'``, except plain signed numbers such as
``-2`` or ``+3`` (a report's 本年增/减) and runs of hyphens (a ``-`` placeholder),
which a spreadsheet reads as a number or as text, never as a formula.
Characters XML 1.0 forbids (NUL and the other C0 controls but tab and line
breaks, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Literal, get_args

from govreport.errors import GovReportError
from govreport.model import Cell, Document, Table
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import dense_grid, records
from govreport.textutil import squash
from govreport.writers import Writer
from govreport.writers.xml import replace_forbidden

Form = Literal["tidy", "grid"]
Fill = Literal["repeat", "first", "blank"]
Encoding = Literal["utf-8", "utf-8-sig"]

HEADER_JOIN = " / "


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """How a document is flattened to CSV.

    `form`: ``tidy`` (one line per data cell) or ``grid`` (each table as its grid).
    `fill` (grid form) says where a merged cell's text goes: ``repeat`` writes
    it into every slot the cell covers, header line included (each line and
    each column reads on its own); ``first`` writes it only in the cell's
    anchor (top-left) slot, header line included, so a spanning header names
    only its first column (the printed look, as Excel shows an unmerged
    range); ``blank`` leaves covered body slots blank like ``first`` but keeps
    the full header path over every column (self-describing columns, labels
    not repeated down the body).
    `encoding`: ``utf-8``, or ``utf-8-sig`` (with a BOM, which Excel on Chinese
    Windows needs to see UTF-8). `escape_formulas`: the leading ``'`` on fields
    a spreadsheet would run as a formula (on by default; reports come from the web).
    """

    form: Form = "tidy"
    fill: Fill = "repeat"
    encoding: Encoding = "utf-8"
    escape_formulas: bool = True

    def __post_init__(self) -> None:
        for name, allowed in (("form", Form), ("fill", Fill), ("encoding", Encoding)):
            value = getattr(self, name)
            if value not in get_args(allowed):
                choices = ", ".join(get_args(allowed))
                raise GovReportError(f"CSV option {name}={value!r} is not one of: {choices}")
        if not isinstance(self.escape_formulas, bool):
            raise GovReportError("CSV option escape_formulas must be True or False")

    @classmethod
    def resolve(cls, options: CsvOptions | Mapping[str, Any] | None) -> CsvOptions:
        """Options from None (the defaults), a mapping of option names, or an instance."""
        if options is None:
            return cls()
        if isinstance(options, cls):
            return options
        if isinstance(options, Mapping):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(options) - known)
            if unknown:
                raise GovReportError(
                    f"unknown CSV option(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
                )
            return cls(**{k: v for k, v in options.items() if v is not None})
        raise GovReportError(f"CSV options must be a CsvOptions or a mapping, not {type(options).__name__}")


# --- spreadsheet safety ---------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)|-+")
_FORMULA_START = frozenset("=+-@\t\r")


def escape_formula(text: str) -> str:
    """`text` with a leading ``'`` when a spreadsheet would evaluate it as a formula."""
    head = text.lstrip(" \n")
    if head and head[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(text.strip(" ")):
        return "'" + text
    return text


def format_number(value: int | float | None) -> str:
    """A parsed value as a plain number a spreadsheet reads (no exponent, no grouping)."""
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = repr(value)
        if "e" in text:
            text = format(Decimal(text), "f")
        return text
    return str(value)


# --- tidy form ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TidyLine:
    """One data cell of the tidy form, before its paths are padded to the file's depth."""

    document: str
    table: int
    kind: str | None
    row: tuple[str, ...]
    col: tuple[str, ...]
    key: str | None
    text: str
    value: int | float | None


def document_to_tidy(doc: Document) -> Iterator[TidyLine]:
    """Every data cell of every table of `doc`, in document and row-major order."""
    for index, table in enumerate(doc.tables):
        for rec in records(table):
            value = parse_value(rec.text, header_unit(rec.col))
            yield TidyLine(
                doc.source.name, index, table.kind, rec.row, rec.col, rec.key, rec.text, value.number
            )


def tidy_header(n_row: int, n_col: int) -> list[str]:
    """The tidy form's header line for paths `n_row` and `n_col` levels deep."""
    return [
        "document",
        "table",
        "kind",
        *(f"row_{i}" for i in range(1, n_row + 1)),
        *(f"col_{i}" for i in range(1, n_col + 1)),
        "key",
        "text",
        "value",
    ]


def _tidy_fields(line: TidyLine, n_row: int, n_col: int) -> list[str]:
    return [
        line.document,
        str(line.table),
        line.kind or "",
        *line.row,
        *([""] * (n_row - len(line.row))),
        *line.col,
        *([""] * (n_col - len(line.col))),
        line.key or "",
        line.text,
        format_number(line.value),
    ]


# --- grid form ------------------------------------------------------------------------


def _header_rows(table: Table, grid: list[list[Cell | None]]) -> list[int]:
    """Rows of the leading header block that hold only column headers (and the corner)."""
    return [
        r
        for r in range(min(table.header_rows, table.n_rows))
        if all(cell is not None and cell.role in ("header", "corner") for cell in grid[r])
    ]


def grid_header(table: Table, fill: Fill = "repeat") -> list[str]:
    """One label per grid column: the header cells above it joined outermost first."""
    grid = dense_grid(table)
    rows = _header_rows(table, grid)
    out = []
    for c in range(table.n_cols):
        labels: list[str] = []
        seen: set[int] = set()
        for r in rows:
            cell = grid[r][c]
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            if fill == "first" and cell.col != c:
                continue
            label = squash(cell.text)
            if label:
                labels.append(label)
        out.append(HEADER_JOIN.join(labels))
    return out


def grid_body(table: Table, fill: Fill = "repeat") -> list[list[str]]:
    """The grid's rows other than the joined header rows, one text per slot."""
    grid = dense_grid(table)
    joined = set(_header_rows(table, grid))
    body = []
    for r in range(table.n_rows):
        if r in joined:
            continue
        line = []
        for c in range(table.n_cols):
            cell = grid[r][c]
            if cell is None:
                line.append("")
            elif fill == "repeat" or (cell.row == r and cell.col == c):
                line.append(cell.text)
            else:
                line.append("")
        body.append(line)
    return body


# --- rendering ------------------------------------------------------------------------


class _Out:
    """A CSV text buffer that sanitizes and guards every field it writes."""

    def __init__(self, options: CsvOptions) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")
        self.escape = options.escape_formulas

    def row(self, values: Iterable[str]) -> None:
        out = []
        for value in values:
            text = replace_forbidden(value)[0]
            out.append(escape_formula(text) if self.escape else text)
        self.writer.writerow(out)

    def blank(self) -> None:
        self.buffer.write("\r\n")


def _grid_table_lines(doc: Document, index: int, table: Table, fill: Fill) -> list[list[str]]:
    """One table's lines in the grid form: its joined header line (``row`` = ``header``)
    then one line per body row (``row`` = the grid row), each led by document and table."""
    grid = dense_grid(table)
    joined = set(_header_rows(table, grid))
    body_rows = [r for r in range(table.n_rows) if r not in joined]
    lines = [[doc.source.name, str(index), "header", *grid_header(table, fill)]]
    for r, body in zip(body_rows, grid_body(table, fill)):
        lines.append([doc.source.name, str(index), str(r), *body])
    return lines


def render_csv(docs: Iterable[Document], options: CsvOptions | Mapping[str, Any] | None = None) -> bytes:
    """The documents as one CSV file (bytes in the chosen encoding).

    In the grid form every line is padded to the widest table, under one
    header line ``document,table,row,slot_1..slot_W``; each table starts with
    its joined column labels on a line whose ``row`` is ``header``, so the file
    loads as one rectangular frame (`pandas.read_csv`).
    """
    opts = CsvOptions.resolve(options)
    out = _Out(opts)
    if opts.form == "tidy":
        lines: list[TidyLine] = []
        for doc in docs:
            lines.extend(document_to_tidy(doc))
        n_row = max((len(line.row) for line in lines), default=0)
        n_col = max((len(line.col) for line in lines), default=0)
        out.row(tidy_header(n_row, n_col))
        for line in lines:
            out.row(_tidy_fields(line, n_row, n_col))
    else:
        grid_lines: list[list[str]] = []
        for doc in docs:
            for index, table in enumerate(doc.tables):
                grid_lines.extend(_grid_table_lines(doc, index, table, opts.fill))
        width = max((len(line) - 3 for line in grid_lines), default=0)
        out.row(["document", "table", "row", *(f"slot_{i}" for i in range(1, width + 1))])
        for fields_ in grid_lines:
            out.row(fields_ + [""] * (width + 3 - len(fields_)))
    return out.buffer.getvalue().encode(opts.encoding)


def render_grid_tables(
    doc: Document, options: CsvOptions | Mapping[str, Any] | None = None
) -> list[tuple[str, bytes]]:
    """Each table of `doc` as its own grid-form CSV file: ``(".table-N", bytes)``.

    A file holds one table, so its header line carries the table's joined
    column labels: ``document,table,row,<label of each grid column>``.
    """
    opts = CsvOptions.resolve(options)
    parts = []
    for index, table in enumerate(doc.tables):
        out = _Out(opts)
        header, *body = _grid_table_lines(doc, index, table, opts.fill)
        out.row(["document", "table", "row", *header[3:]])
        for line in body:
            out.row(line)
        parts.append((f".table-{index}", out.buffer.getvalue().encode(opts.encoding)))
    return parts


def csv_writer(options: CsvOptions | Mapping[str, Any] | None = None) -> Writer:
    """The ``csv`` writer bound to `options` (what `Writer.configure` returns)."""
    opts = CsvOptions.resolve(options)

    def render(doc: Document) -> bytes:
        return render_csv([doc], opts)

    def render_many(docs: Iterable[Document]) -> bytes:
        return render_csv(docs, opts)

    def render_parts(doc: Document) -> list[tuple[str, bytes]]:
        return render_grid_tables(doc, opts)

    parts = render_parts if opts.form == "grid" else None
    return Writer("csv", (".csv",), render, render_many, csv_writer, parts)
