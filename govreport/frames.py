"""pandas views of a document: flattened on purpose, at the edge (docs/pandas.md).

Requires the ``pandas`` extra (``pip install govreport[pandas]``); importing
`govreport` never imports pandas, `govreport.table_to_pandas` and friends load
this module on first use.

- `table_to_pandas`: one table as a DataFrame whose index is the data cells'
  row header paths and whose columns are their column header paths, both as
  MultiIndexes (paths shorter than the deepest are padded with ``""``).
- `records_to_pandas`: every data cell of a document, one row each (the tidy
  form of the CSV writer).
- `report_to_pandas`: the canonical values of the report as a Series by key;
  `reports_to_pandas` several documents' values as one DataFrame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from govreport.errors import MissingExtraError, OptionsError

try:
    import pandas as pd
except ImportError as _exc:  # pragma: no cover - exercised with pandas hidden
    raise MissingExtraError("pandas", "govreport's DataFrame views") from _exc

from govreport.model import Document, Table
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import records

Values = Literal["number", "text"]


def _pad(path: tuple[str, ...], depth: int) -> tuple[str, ...]:
    return path + ("",) * (depth - len(path))


def _index(paths: list[tuple[str, ...]], name: str) -> pd.MultiIndex:
    depth = max((len(p) for p in paths), default=0) or 1
    names = [f"{name}_{i}" for i in range(1, depth + 1)]
    if not paths:
        return pd.MultiIndex.from_arrays([[] for _ in names], names=names)
    return pd.MultiIndex.from_tuples([_pad(p, depth) for p in paths], names=names)


def _column(cells: list[int | float | str | None]) -> pd.Series:
    present = [v for v in cells if v is not None]
    if any(isinstance(v, str) for v in present):
        return pd.Series(cells, dtype=object)
    if all(isinstance(v, int) for v in present):
        return pd.Series(cells, dtype="Int64")
    return pd.Series(cells, dtype="Float64")


def table_to_pandas(table: Table, values: Values = "number") -> pd.DataFrame:
    """The table's data cells laid out by their header paths.

    Rows are the distinct row paths, columns the distinct column paths, both in
    the order they first appear; a path pair the table does not have is NA
    (table 2's blocks have different columns). ``values="number"`` gives the
    parsed number (nullable Int64/Float64 columns), NA where the cell is blank
    or a placeholder (``/``, ``—``), and the printed text where it is not a
    number (the column is then of object dtype); ``values="text"`` gives the
    printed text of every cell. When two data cells share both paths (a table
    without headers) the grid row and column are added as the innermost index
    levels ``grid_row`` / ``grid_col``, so no cell is lost.
    """
    if values not in ("number", "text"):
        raise OptionsError(f"values must be 'number' or 'text', not {values!r}")
    recs = records(table)
    pairs = [(r.row, r.col) for r in recs]
    unique = len(set(pairs)) == len(pairs)
    row_keys: dict[tuple[str, ...], int] = {}
    col_keys: dict[tuple[str, ...], int] = {}
    for rec in recs:
        row = rec.row if unique else (*rec.row, str(rec.cell[0]))
        col = rec.col if unique else (*rec.col, str(rec.cell[1]))
        row_keys.setdefault(row, len(row_keys))
        col_keys.setdefault(col, len(col_keys))
    grid: list[list[int | float | str | None]] = [[None] * len(row_keys) for _ in col_keys]
    for rec in recs:
        row = rec.row if unique else (*rec.row, str(rec.cell[0]))
        col = rec.col if unique else (*rec.col, str(rec.cell[1]))
        if values == "text":
            cell: int | float | str | None = rec.text
        else:
            value = parse_value(rec.text, header_unit(rec.col))
            cell = rec.text if value.kind == "text" else value.number
        grid[col_keys[col]][row_keys[row]] = cell
    if unique:
        index = _index(list(row_keys), "row")
        columns = _index(list(col_keys), "col")
    else:
        index = _with_grid_level(list(row_keys), "row")
        columns = _with_grid_level(list(col_keys), "col")
    data = {i: _column(cells) for i, cells in enumerate(grid)}
    frame = pd.DataFrame(data)
    frame.index = index
    frame.columns = columns
    return frame


def _with_grid_level(paths: list[tuple[str, ...]], name: str) -> pd.MultiIndex:
    """Paths whose last element is the grid position: that becomes level ``grid_<name>``."""
    depth = max((len(p) - 1 for p in paths), default=0)
    tuples = [(*_pad(p[:-1], depth), int(p[-1])) for p in paths]
    names = [*(f"{name}_{i}" for i in range(1, depth + 1)), f"grid_{name}"]
    if not tuples:
        return pd.MultiIndex.from_arrays([[] for _ in names], names=names)
    return pd.MultiIndex.from_tuples(tuples, names=names)


def records_to_pandas(doc: Document) -> pd.DataFrame:
    """Every data cell of every table, one row each: document, table, kind, the
    row and column paths (as tuples), the grid position, key, text and value."""
    rows: list[dict[str, Any]] = []
    for index, table in enumerate(doc.tables):
        for rec in records(table):
            value = parse_value(rec.text, header_unit(rec.col))
            rows.append(
                {
                    "document": doc.source.name,
                    "table": index,
                    "kind": table.kind,
                    "row": rec.row,
                    "col": rec.col,
                    "grid_row": rec.cell[0],
                    "grid_col": rec.cell[1],
                    "key": rec.key,
                    "text": rec.text,
                    "value": value.number,
                }
            )
    columns = ["document", "table", "kind", "row", "col", "grid_row", "grid_col", "key", "text", "value"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["value"] = _column([r["value"] for r in rows])
    return frame


def report_to_pandas(doc: Document) -> pd.Series:
    """The report's canonical values as a Series indexed by key, named after the document.

    NA where the report has no number (blank, placeholder, missing table); Int64
    when every value is a whole number, else Float64; an empty Series when the
    report layer recognised nothing (``doc.report`` None).
    """
    items = dict(doc.report.values) if doc.report is not None else {}
    series = _column(list(items.values()))
    series.index = pd.Index(list(items), name="key", dtype=object)
    series.name = doc.source.name
    return series


def reports_to_pandas(docs: Iterable[Document]) -> pd.DataFrame:
    """Several documents' canonical values: one row per document, one column per key."""
    series = [report_to_pandas(doc) for doc in docs]
    if not series:
        return pd.DataFrame(dtype="Float64")
    frame = pd.concat(series, axis=1).T
    frame.index.name = "document"
    return frame
