"""Recognising the official tables and mapping each data cell to its canonical key.

Which table is which is decided by its labels (header and row vocabularies of
tables 2, 3 and 4), never by position while labels exist; only a table 4 that
lost its headers altogether (15 numbers under the 复议/诉讼 section) is mapped by
the format's column order, with a diagnostic. Rows and columns the format does
not have (a 小计 column, subtotal rows, an added 其他主动公开文件 row) keep no key:
they are extras, reported with their labels.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from govreport.model import Location, Table, positional_constructor
from govreport.report.labels import article_item, best_match, core, norm
from govreport.report.spec import (
    EDITIONS,
    T4_GROUPS,
    T4_LEAVES,
    edition,
    t3_column_index,
)
from govreport.tables.paths import Record, records
from govreport.textutil import squash

T3_HEADER_WORDS = {"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
                   "法律服务机构"}
T4_WORDS = {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉",
            "复议后起诉"}
T2_WORDS = {"信息内容", "规章", "规范性文件", "行政规范性文件", "行政许可", "其他对外管理服务事项",
            "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"}


@dataclass(slots=True)
class TableMap:
    """The outcome for one table: its kind, the edition its layout follows (when it
    tells), and the key of each data cell by grid anchor."""

    kind: str | None
    edition: str | None = None
    keys: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


@cache
def _t3_row_candidates() -> dict[str, str]:
    out: dict[str, str] = {}
    for ed in EDITIONS:
        for node in edition(ed).t3_rows:
            out.setdefault(core(node.label), node.key)
    return out


@cache
def _t3_row_nodes() -> dict[str, tuple[bool, str]]:
    """key → (holds numbers, edition) over both editions (a 2019 data row may be a 2021 label)."""
    out: dict[str, tuple[bool, str]] = {}
    for ed in EDITIONS:
        for node in edition(ed).t3_rows:
            _, eds = out.get(node.key, (False, ""))
            if node.data:
                out[node.key] = (True, (eds + "," + ed).strip(","))
            else:
                out.setdefault(node.key, (False, ""))
    return out


def table_words(table: Table) -> set[str]:
    texts = {c.text for c in table.cells if c.text}  # each distinct text normalised once
    return {core(t) for t in texts} | {norm(t) for t in texts}


def recognise(table: Table, section: str | None) -> str | None:
    """The official table this one is, from its vocabulary; the section it sits in
    breaks ties and names a headerless row of 15 values."""
    words = table_words(table)
    t3_rows = set(_t3_row_candidates())
    scores = {
        "applications": len(words & T3_HEADER_WORDS) + len(words & t3_rows),
        "review_litigation": len(words & T4_WORDS),
        "proactive_disclosure": len(words & T2_WORDS)
        + 3 * any(article_item(c.text) for c in table.cells if c.role == "caption"),
    }
    if section:
        scores[section] += 1
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    if score >= 3:
        return kind
    if section == "review_litigation" and _headerless_t4(table):
        return "review_litigation"
    return None


def _headerless_t4(table: Table) -> bool:
    recs = records(table)
    return len(recs) == 15 and all(not r.col for r in recs)


def map_table(table: Table, kind: str) -> TableMap:
    if kind == "applications":
        return _map_t3(table)
    if kind == "review_litigation":
        return _map_t4(table)
    return _map_t2(table)


# --- table 3 ---------------------------------------------------------------------


def _map_t3(table: Table) -> TableMap:
    out = TableMap("applications")
    keys = out.keys
    votes: Counter[str] = Counter()
    for rec in records(table):
        hit = _t3_key(rec.row, rec.col)
        if hit is None:
            continue
        key, eds = hit
        if eds in EDITIONS:
            votes[eds] += 1
        keys[rec.cell] = key
    if votes:
        out.edition = votes.most_common(1)[0][0]
    return out


@lru_cache(maxsize=8192)
def _t3_key(row: tuple[str, ...], col: tuple[str, ...]) -> tuple[str, str] | None:
    """The key of a table-3 data cell with these header paths and the editions its row is
    a data row of; None for a cell the format does not have. Cached: every report's
    table 3 prints the same few hundred path pairs."""
    row_key = _t3_row(row)
    col_key = _t3_column(col)
    if row_key is None or col_key is None:
        return None
    data, eds = _t3_row_nodes().get(row_key, (False, ""))
    if not data:
        return None  # a subtotal row the format does not have
    return f"applications.{row_key}@{col_key}", eds


@cache
def _t3_children(parent: str) -> dict[str, str]:
    return {c: k for c, k in _t3_row_candidates().items() if k.startswith(parent + ".")}


@lru_cache(maxsize=4096)
def _t3_row(path: tuple[str, ...]) -> str | None:
    """The row key of a table-3 row path; a level-2 label is matched among the
    children of its level-1 parent when the parent is recognised."""
    rows = _t3_row_candidates()
    if not path or "小计" in norm(path[-1]):
        return None  # a subtotal row some templates add: an extra, never （七）总计
    if len(path) >= 2:
        parent = best_match(path[-2], rows)
        if parent is not None:
            children = _t3_children(parent)
            if children:
                hit = best_match(path[-1], children)
                if hit is not None:
                    return hit
    return best_match(path[-1], rows)


@lru_cache(maxsize=4096)
def _t3_column(path: tuple[str, ...]) -> str | None:
    cols = t3_column_index()
    if not path:
        return None
    leaf = core(path[-1])
    if leaf in ("其他", "其它"):
        return "other_org"
    if leaf in ("小计", "法人或其他组织"):
        return None
    return best_match(path[-1], cols, threshold=0.8)


# --- table 4 ---------------------------------------------------------------------


def _map_t4(table: Table) -> TableMap:
    out = TableMap("review_litigation")
    recs = records(table)
    leaves = [k for k, _ in edition("2021").t4_columns]
    if len(recs) == 15 and all(not r.col for r in recs):
        for rec, key in zip(recs, leaves):
            out.keys[rec.cell] = f"review_litigation.{key}"
        out.notes.append(("report.t4_by_position",
                          "table 4 has no header labels; its 15 values are read in the format's order"))
        return out
    for rec in recs:
        column = _t4_column(rec.col)
        if column is not None:
            out.keys[rec.cell] = f"review_litigation.{column}"
    return out


@lru_cache(maxsize=4096)
def _t4_column(path: tuple[str, ...]) -> str | None:
    group = None
    for label in path:
        c = core(label)
        for name, key in T4_GROUPS.items():
            if c == name or (len(c) >= 4 and (c.startswith(name) or name.startswith(c))):
                group = key
    leaf = best_match(path[-1], {**T4_LEAVES}, threshold=0.7) if path else None
    if group is None and leaf is not None and any(core(p) == "行政复议" for p in path):
        group = "admin_review"
    if group is None or leaf is None:
        return None
    return f"{group}.{leaf}"


# --- table 2 ---------------------------------------------------------------------


@cache
def _block_rows() -> tuple[tuple[str, dict[str, str]], ...]:
    """(block key, core row label → row key) for every table-2 block of both editions."""
    return tuple(
        (block.key, {core(lbl): key for key, lbl in block.rows})
        for ed in EDITIONS
        for block in edition(ed).blocks
    )


@cache
def _block_of_row(label: str) -> tuple[str, str] | None:
    """(block key, row key) of a table-2 row label, whatever its block caption."""
    for block, rows in _block_rows():
        hit = best_match(label, rows, threshold=0.85)
        if hit:
            return block, hit
    return None


@lru_cache(maxsize=4096)
def _row_in_block(label: str, block: str) -> str | None:
    """The row key of a table-2 row label within its block (either edition's rows)."""
    rows = {c: k for key, block_rows in _block_rows() if key == block for c, k in block_rows.items()}
    return best_match(label, rows, threshold=0.85)


def _map_t2(table: Table) -> TableMap:
    out = TableMap("proactive_disclosure")
    votes: Counter[str] = Counter()
    by_block: dict[str, list[Record]] = {}
    row_keys: dict[tuple[int, int], str] = {}
    for rec in records(table):
        if not rec.row:
            continue
        item = article_item(rec.row[0]) if len(rec.row) > 1 else None
        found = _block_of_row(rec.row[-1])
        block = f"art20_{item}" if item else (found[0] if found else None)
        if block is None:
            continue
        row_key = _row_in_block(rec.row[-1], block)
        if row_key is None:
            continue  # a row the format does not have (其他主动公开文件)
        row_keys[rec.cell] = row_key
        by_block.setdefault(block, []).append(rec)
    for block, recs in by_block.items():
        if any(r.col for r in recs):
            columns = _t2_columns(block, [(r.cell[1], r.col) for r in recs], out)
        else:
            columns = _t2_by_position(block, recs, out)
        for rec in recs:
            col = columns.get(rec.cell[1])
            if col is None:
                continue
            key, ed = col
            if ed:
                votes[ed] += 1
            out.keys[rec.cell] = f"proactive_disclosure.{block}.{row_keys[rec.cell]}.{key}"
    if votes:
        out.edition = votes.most_common(1)[0][0]
    return out


def _t2_by_position(block: str, recs: list[Record], out: TableMap) -> dict[int, tuple[str, str | None]]:
    """Columns of a block printed without its 信息内容 header row: by the format's order,
    when the block has as many value columns as one edition's block (the edition
    whose row labels it prints breaks a tie), with a diagnostic."""
    cols = sorted({r.cell[1] for r in recs})
    printed = {norm(r.row[-1]) for r in recs}
    fits = []
    for ed in EDITIONS:
        for b in edition(ed).blocks:
            if b.key == block and len(b.columns) == len(cols):
                exact = sum(norm(label) in printed for _, label in b.rows)
                fits.append((exact, ed, b))
    if not fits:
        return {}
    _, ed, b = max(fits, key=lambda f: f[0])
    out.notes.append(("report.column_by_order",
                      f"{block}: no header row; its {len(cols)} value column(s) read in the format's "
                      f"order ({ed} edition)"))
    return {col: (key, ed) for col, (key, _) in zip(cols, b.columns)}


def _t2_columns(
    block: str, columns: list[tuple[int, tuple[str, ...]]], out: TableMap
) -> dict[int, tuple[str, str | None]]:
    """Column key (and the edition whose label it is) for each grid column of a block.

    Exact labels first in either edition; broken labels (``本年新`` printed for both
    本年新制作数量 and 本年新公开数量) that are prefixes of the format's labels take
    the remaining columns in order, with a diagnostic.
    """
    distinct = sorted({c: p for c, p in columns if p}.items())
    per_edition: list[tuple[str, dict[str, str]]] = []
    for ed in EDITIONS:
        for b in edition(ed).blocks:
            if b.key == block:
                per_edition.append((ed, {core(lbl): key for key, lbl in b.columns}))
    result: dict[int, tuple[str, str | None]] = {}
    for col, path in distinct:
        c = core(path[-1])
        exact = [(ed, cols[c]) for ed, cols in per_edition if c in cols]
        if exact:
            eds = {ed for ed, _ in exact}
            result[col] = (exact[0][1], exact[0][0] if len(eds) == 1 else None)
            continue
        for ed, cols in per_edition:
            hit = best_match(path[-1], cols, threshold=0.8)
            if hit:
                result[col] = (hit, ed)
                break
    missing = [(col, path) for col, path in distinct if col not in result]
    if missing:
        for ed, cols in per_edition:
            taken = {k for k, _ in result.values()}
            free = [k for k in cols.values() if k not in taken]
            prefix_ok = all(any(lbl.startswith(core(p[-1])) for lbl in cols) for _, p in missing)
            if prefix_ok and len(free) == len(missing):
                for (col, _), k in zip(missing, free):
                    result[col] = (k, ed)
                out.notes.append(("report.column_by_order",
                                  f"{block}: broken header labels "
                                  f"{', '.join(squash(p[-1]) for _, p in missing)} "
                                  "read in the format's order"))
                break
    return result


_make_location = positional_constructor(Location)  # one per keyed cell: see positional_constructor


def cell_location(index: int, cell: tuple[int, int]) -> Location:
    """Where a grid slot (row, col) of table `index` is."""
    return _make_location(None, None, None, index, cell[0], cell[1], None)
