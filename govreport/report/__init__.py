"""The report layer: what the disclosure offices that audit these reports read in them.

`analyse` recognises the official tables (table 2 主动公开, table 3 依申请, table 4
复议诉讼) and the edition, gives every data cell its canonical key, collects the
values under those keys, reads the title's agency and year, and runs the
format's identities and the prose-versus-table checks. `compare_years` runs the
cross-year checks on two reports of one agency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from functools import cache
from typing import Literal

from govreport.model import (
    Block,
    Cell,
    CheckResult,
    Diagnostic,
    Document,
    Heading,
    Location,
    Metadata,
    Report,
    Table,
    Value,
    positional_constructor,
)
from govreport.report.checks import Cells, nonneg_checks, t2_checks, t3_checks, t4_checks
from govreport.report.mapping import TableMap, cell_location, map_table, recognise
from govreport.report.metadata import find_title, narrative_numbers, year_from_name
from govreport.report.spec import EDITIONS, KINDS, edition
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import Record, records
from govreport.tables.template import section_kind
from govreport.textutil import is_section_heading

Status = Literal["pass", "fail", "uncertain", "not_assessable"]

__all__ = ["analyse", "compare_years", "extras"]



def _edition_of_year(year: int | None) -> str | None:
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


_CELL_FIELDS = ("row", "col", "row_span", "col_span", "text", "role", "key", "nested", "source",
                "confidence", "uncertain")
if tuple(f.name for f in fields(Cell)) != _CELL_FIELDS:  # keep analyse's keyed cells in step
    raise ImportError("govreport.model.Cell changed its fields: update the keyed cells of analyse")


_make_cell = positional_constructor(Cell)


def analyse(doc: Document) -> Document:
    """Recognise, map, value and check `doc`; returns the document with keys, kinds,
    metadata and a `Report` (or no report when no official table is found)."""
    diags: list[Diagnostic] = []
    blocks = list(doc.blocks)
    maps: dict[int, TableMap] = {}
    section: str | None = None
    index = -1
    for pos, block in enumerate(blocks):
        if isinstance(block, Heading):
            section = section_kind(block.text) or section
            continue
        if not isinstance(block, Table):
            continue
        index += 1
        kind = recognise(block, section)
        if kind is None:
            continue
        tm = map_table(block, kind)
        maps[index] = tm
        for code, message in tm.notes:
            diags.append(Diagnostic(code, "info", message, Location(table=index)))
        keys = tm.keys
        # Each data cell with its key, made positionally (not by `dataclasses.replace`, nor
        # through a call per cell: a report has thousands of data cells).
        keyed = tuple([
            _make_cell(c.row, c.col, c.row_span, c.col_span, c.text, c.role, keys.get((c.row, c.col)),
                       c.nested, c.source, c.confidence, c.uncertain) if c.role == "data" else c
            for c in block.cells])
        blocks[pos] = replace(block, kind=kind, cells=keyed)
    title = find_title(doc.blocks)
    name_year = year_from_name(doc.source.name)
    year = title.year or name_year
    if title.year and name_year and title.year != name_year:
        diags.append(Diagnostic("report.metadata_conflict", "warning",
                                f"the title says {title.year}, the file name {doc.source.name!r} says "
                                f"{name_year}; using {title.year}"))
    if not maps:
        metadata = Metadata(title.title, title.agency, year, None)
        if title.title or any(isinstance(b, Heading) and is_section_heading(b.text) for b in blocks):
            diags.append(Diagnostic("report.tables_not_found", "warning",
                                    "none of the format's three statistics tables was recognised"))
        return replace(doc, blocks=tuple(blocks), metadata=metadata,
                       diagnostics=doc.diagnostics + tuple(diags))
    doc_edition, kind_edition = _editions(maps, year, diags)
    values, where, units = _collect(list(doc.tables), maps, diags)
    all_values: dict[str, int | float | None] = {}
    for kind in KINDS:
        all_values.update(_null_values(kind_edition[kind], kind))
    for key, value in values.items():
        all_values[key] = value.number
    for kind in KINDS:
        if not any(tm.kind == kind for tm in maps.values()):
            diags.append(Diagnostic("report.table_missing", "warning",
                                    f"no {kind} table found; its values are null"))
    extra = extras_of(list(doc.tables), maps)
    if extra:
        labels = sorted({" / ".join(r.row[-1:] + r.col[-1:]) for _, r in extra})
        diags.append(Diagnostic("report.extras", "info",
                                f"{len(extra)} cell(s) outside the format kept without a key: "
                                + "; ".join(labels[:6]) + (" …" if len(labels) > 6 else "")))
    checks = _run_checks(Cells(values, where), kind_edition, maps, blocks)
    metadata = Metadata(title.title, title.agency, year, doc_edition)
    report = Report(doc_edition, all_values, tuple(checks), units)
    return replace(doc, blocks=tuple(blocks), metadata=metadata, report=report,
                   diagnostics=doc.diagnostics + tuple(diags))


@cache
def _null_values(edition_name: str, kind: str) -> dict[str, None]:
    """Every key of one table of an edition, valued None (made once: the same for every report)."""
    return dict.fromkeys(edition(edition_name).keys(kind))


def _editions(
    maps: dict[int, TableMap], year: int | None, diags: list[Diagnostic]
) -> tuple[str | None, dict[str, str]]:
    by_kind: dict[str, str] = {}
    for tm in maps.values():
        if tm.kind and tm.edition and tm.kind not in by_kind:
            by_kind[tm.kind] = tm.edition
    told = set(by_kind.values())
    from_year = _edition_of_year(year)
    if len(told) > 1:
        doc_edition: str | None = "mixed"
        detail = ", ".join(f"{k} follows {e}" for k, e in sorted(by_kind.items()))
        diags.append(Diagnostic("report.edition_mixed", "warning",
                                f"the tables follow different editions of the format: {detail}"))
    elif told:
        doc_edition = told.pop()
        if from_year and from_year != doc_edition:
            diags.append(Diagnostic("report.edition_year_mismatch", "info",
                                    f"a {year} report laid out in the {doc_edition} edition"))
    else:
        doc_edition = from_year
    fallback = from_year or (doc_edition if doc_edition in EDITIONS else "2021")
    kind_edition = {kind: by_kind.get(kind, fallback) for kind in KINDS}
    return doc_edition, kind_edition


def _collect(
    tables: list[Table], maps: dict[int, TableMap], diags: list[Diagnostic]
) -> tuple[dict[str, Value], dict[str, Location], dict[str, str]]:
    """Each key's value, grid position and unit, from the tables as read (before their
    cells carry keys, so the records derived while mapping are reused)."""
    values: dict[str, Value] = {}
    where: dict[str, Location] = {}
    units: dict[str, str] = {}
    for index, table in enumerate(tables):
        if index not in maps:
            continue
        keys = maps[index].keys
        for rec in records(table):
            key = keys.get(rec.cell)
            if key is None:
                continue
            if key in values:
                diags.append(Diagnostic("report.duplicate_key", "warning",
                                        f"{key} appears again; the first value is kept",
                                        cell_location(index, rec.cell)))
                continue
            value = parse_value(rec.text, header_unit(rec.col))
            values[key] = value
            where[key] = cell_location(index, rec.cell)
            if value.unit:
                units[key] = value.unit
    return values, where, units


def extras_of(tables: list[Table], maps: dict[int, TableMap]) -> list[tuple[int, Record]]:
    return [(i, r) for i, t in enumerate(tables) if i in maps for r in records(t)
            if r.cell not in maps[i].keys]


def extras(doc: Document) -> list[tuple[int, Record]]:
    """Data cells of the recognised tables that the format does not have (no key),
    with the index of their table: a 小计 column, subtotal rows, added rows."""
    tables = list(doc.tables)
    return [(i, r) for i, t in enumerate(tables) if t.kind for r in records(t) if r.key is None]


def _run_checks(
    cells: Cells,
    kind_edition: dict[str, str],
    maps: dict[int, TableMap],
    blocks: Sequence[Block],
) -> list[CheckResult]:
    kinds = {tm.kind for tm in maps.values()}
    out: list[CheckResult] = []
    if "applications" in kinds:
        out += t3_checks(cells, kind_edition["applications"])
    if "review_litigation" in kinds:
        out += t4_checks(cells)
    if "proactive_disclosure" in kinds:
        out += t2_checks(cells)
    out += nonneg_checks(cells)
    out += _narrative_checks(cells, tuple(blocks))
    return out


def _narrative_checks(cells: Cells, blocks: tuple[Block, ...]) -> list[CheckResult]:
    """Counts stated in 一、总体情况 against the tables (TXT_APPLICATIONS, TXT_LITIGATION)."""
    said = narrative_numbers(blocks)
    pairs = {
        "applications_received": ("TXT_APPLICATIONS", ["applications.new_received@total"]),
        "answered": ("TXT_APPLICATIONS", ["applications.results.total@total"]),
        "carried_over": ("TXT_APPLICATIONS", ["applications.carried_over@total"]),
        "carried_forward": ("TXT_APPLICATIONS", ["applications.carried_forward@total"]),
        "admin_review": ("TXT_LITIGATION", ["review_litigation.admin_review.total"]),
        "litigation": ("TXT_LITIGATION", ["review_litigation.litigation.direct.total",
                                          "review_litigation.litigation.after_review.total"]),
    }
    out = []
    for name, stated in said.items():
        rule, keys = pairs[name]
        where = tuple(cells.where[k] for k in keys if k in cells.where)
        if not all(k in cells.values for k in keys):
            out.append(CheckResult(rule, "not_assessable", f"the overview states {name} = {stated}; "
                                   "the table cell is missing", expected=stated, scope=name,
                                   cells=tuple(keys), where=where))
            continue
        vals = [cells.values[k] for k in keys]
        if any(v.kind in ("text", "empty") for v in vals):
            out.append(CheckResult(rule, "uncertain",
                                   f"the overview states {name} = {stated}; the table cell is "
                                   "left blank or not a number",
                                   expected=stated, scope=name, cells=tuple(keys), where=where))
            continue
        actual = float(sum(float(v.number or 0) for v in vals))
        status: Status = "pass" if abs(actual - stated) < 1e-6 else "fail"
        out.append(CheckResult(rule, status,
                               f"the overview states {name} = {stated}, the table prints "
                               f"{int(actual) if actual.is_integer() else actual}",
                               expected=float(stated), actual=actual, scope=name, cells=tuple(keys),
                               where=where))
    return out


def compare_years(earlier: Document, later: Document) -> list[CheckResult]:
    """Cross-year checks for two reports of one agency, consecutive years:
    X_CARRY (carried over this year = carried forward last year) and, in the 2021
    edition, X_IN_FORCE (in force = last year's in force + issued − repealed)."""
    out: list[CheckResult] = []
    if earlier.report is None or later.report is None:
        return out
    a, b = earlier.report.values, later.report.values
    ya, yb = earlier.metadata.year, later.metadata.year
    if ya is not None and yb is not None and yb != ya + 1:
        return [CheckResult("X_CARRY", "not_assessable", f"years {ya} and {yb} are not consecutive")]
    prev = a.get("applications.carried_forward@total")
    cur = b.get("applications.carried_over@total")
    if prev is None or cur is None:
        out.append(CheckResult("X_CARRY", "not_assessable", "a carried-over total is missing",
                               cells=("applications.carried_forward@total",
                                      "applications.carried_over@total")))
    else:
        out.append(CheckResult("X_CARRY", "pass" if prev == cur else "fail",
                               f"carried forward in {ya}: {prev}; carried over in {yb}: {cur}",
                               expected=float(prev), actual=float(cur), scope="total",
                               cells=("applications.carried_forward@total",
                                      "applications.carried_over@total")))
    for row in ("regulations", "normative_documents"):
        k = f"proactive_disclosure.art20_1.{row}.{{}}".format
        keys = ((a, k("in_force")), (b, k("in_force")), (b, k("issued")), (b, k("repealed")))
        if not all(key in values for values, key in keys):
            continue  # not the 2021 edition in both years: the rule does not apply
        before, now, issued, repealed = (values[key] for values, key in keys)
        if None in (before, now, issued, repealed):
            blank = [f"{key} ({year})" for (values, key), year in zip(keys, (ya, yb, yb, yb))
                     if values[key] is None]
            out.append(CheckResult("X_IN_FORCE", "not_assessable",
                                   f"{row}: {', '.join(blank)} printed no number", scope=row,
                                   cells=(k("in_force"), k("issued"), k("repealed"))))
            continue
        assert before is not None and now is not None and issued is not None and repealed is not None
        expected = before + issued - repealed
        out.append(CheckResult("X_IN_FORCE", "pass" if expected == now else "fail",
                               f"{row}: {before} in force + {issued} issued − {repealed} repealed = "
                               f"{expected}, printed {now} (soft rule)", expected=float(expected),
                               actual=float(now), scope=row, cells=(k("in_force"),)))
    return out
