"""Datasets across reports: one row per report and one column per canonical key.

The wide form is the panel researchers load (agency, year, edition, source file,
then every canonical key of either edition in the format's order); the long
form has one line per (report, key) with the printed text beside the value,
so nothing is lost when a cell prints ``—`` or ``251000元``. Text that a
spreadsheet would run as a formula is escaped as in the CSV writer.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable

from govreport.model import Document
from govreport.report.spec import EDITIONS, edition
from govreport.tables.paths import records
from govreport.writers import atomic_write
from govreport.writers.csv import escape_formula, format_number

META_COLUMNS = ("source", "agency", "year", "edition")


def canonical_columns(docs: Iterable[Document]) -> list[str]:
    """Every key of both editions in the format's order, then any other key the reports carry."""
    keys: list[str] = []
    seen: set[str] = set()
    for ed in EDITIONS:
        for key in edition(ed).all_keys():
            if key not in seen:
                seen.add(key)
                keys.append(key)
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


def wide_rows(docs: list[Document]) -> tuple[list[str], list[list[str]]]:
    columns = canonical_columns(docs)
    rows = []
    for doc in docs:
        values = doc.report.values if doc.report is not None else {}
        meta = [escape_formula(doc.source.name), escape_formula(doc.metadata.agency or ""),
                format_number(doc.metadata.year), doc.metadata.edition or ""]
        rows.append(meta + [format_number(values.get(k)) for k in columns])
    return [*META_COLUMNS, *columns], rows


def long_rows(docs: list[Document]) -> tuple[list[str], list[list[str]]]:
    rows = []
    for doc in docs:
        if doc.report is None:
            continue
        texts = _texts(doc)
        for key, value in doc.report.values.items():
            rows.append([escape_formula(doc.source.name), key, format_number(value),
                         escape_formula(texts.get(key, ""))])
    return ["report", "key", "value", "text"], rows


def write_dataset(
    docs: list[Document], path: str | os.PathLike[str], *, long: bool = False, bom: bool = False
) -> int:
    """Write the panel (or its long form) as CSV, atomically; returns the number of rows."""
    header, rows = long_rows(docs) if long else wide_rows(docs)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(path, buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return len(rows)
