"""Datasets across reports: one row per report and one column per canonical key.

The wide form is the panel researchers load (source path, agency, year, edition,
then every canonical key of either edition in the format's order); the long
form has one line per (report, key) with the printed text beside the value,
so nothing is lost when a cell prints ``—`` or ``251000元``. Text that a
spreadsheet would run as a formula is escaped as in the CSV writer.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence

from govreport.errors import OptionsError
from govreport.keys import check_key, known_keys
from govreport.model import Document
from govreport.tables.paths import records
from govreport.writers import atomic_write
from govreport.writers.csv import escape_formula, format_number

META_COLUMNS = ("source", "agency", "year", "edition")


def canonical_columns(docs: Iterable[Document]) -> list[str]:
    """Every key of both editions in the format's order, then any other key the reports carry."""
    keys = list(known_keys())
    seen = set(keys)
    for doc in docs:
        if doc.report is not None:
            for key in doc.report.values:
                if key not in seen:
                    seen.add(key)
                    keys.append(key)
    return keys


def _texts(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for table in doc.tables:
        for rec in records(table):
            if rec.key is not None and rec.key not in out:
                out[rec.key] = rec.text
    return out


def _sources(docs: list[Document], sources: Sequence[str] | None) -> list[str]:
    if sources is None:
        return [doc.source.name for doc in docs]
    if len(sources) != len(docs):
        raise OptionsError(f"{len(sources)} source names for {len(docs)} documents")
    return list(sources)


def wide_rows(
    docs: list[Document], sources: Sequence[str] | None = None, keys: Sequence[str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The panel: a header and one row per document (source, agency, year, edition, values).

    `sources` names each document's row (the path it was read from; the file
    name by default); `keys` chooses the value columns (every key by default),
    each checked against the format (`UnknownKeyError` for a mistyped one).
    """
    columns = [check_key(k) for k in keys] if keys is not None else canonical_columns(docs)
    rows = []
    for doc, source in zip(docs, _sources(docs, sources)):
        values = doc.report.values if doc.report is not None else {}
        meta = [escape_formula(source), escape_formula(doc.metadata.agency or ""),
                format_number(doc.metadata.year), doc.metadata.edition or ""]
        rows.append(meta + [format_number(values.get(k)) for k in columns])
    return [*META_COLUMNS, *columns], rows


def long_rows(
    docs: list[Document], sources: Sequence[str] | None = None, keys: Sequence[str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """One line per (document, key): the value beside its printed text."""
    wanted = {check_key(k) for k in keys} if keys is not None else None
    rows = []
    for doc, source in zip(docs, _sources(docs, sources)):
        if doc.report is None:
            continue
        texts = _texts(doc)
        for key, value in doc.report.values.items():
            if wanted is None or key in wanted:
                rows.append([escape_formula(source), key, format_number(value),
                             escape_formula(texts.get(key, ""))])
    return ["report", "key", "value", "text"], rows


def render_dataset(
    docs: list[Document],
    *,
    long: bool = False,
    encoding: str = "utf-8",
    sources: Sequence[str] | None = None,
    keys: Sequence[str] | None = None,
) -> tuple[bytes, int]:
    """The panel (or its long form) as CSV bytes, and its number of rows.

    `encoding` is ``utf-8`` or ``utf-8-sig`` (with the BOM Excel on Chinese
    Windows needs).
    """
    if encoding not in ("utf-8", "utf-8-sig"):
        raise OptionsError(f"dataset encoding must be utf-8 or utf-8-sig, not {encoding!r}")
    header, rows = long_rows(docs, sources, keys) if long else wide_rows(docs, sources, keys)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding), len(rows)


def write_dataset(
    docs: list[Document],
    path: str | os.PathLike[str],
    *,
    long: bool = False,
    encoding: str = "utf-8",
    sources: Sequence[str] | None = None,
    keys: Sequence[str] | None = None,
) -> int:
    """Write the panel (or its long form) as CSV, atomically; returns the number of rows."""
    data, n = render_dataset(docs, long=long, encoding=encoding, sources=sources, keys=keys)
    atomic_write(path, data)
    return n
