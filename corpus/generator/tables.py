"""Build the three statistics tables as grids (model.Table) from printed values and knobs.

The grids follow the official merges (template-2021-blank.docx): table 3's
corner spans the three label columns and the header rows, 三、本年度办理结果
is merged vertically over all result rows, level-1 group labels are merged
vertically over their sub-rows; table 4's 行政复议 leaves are merged over two
header rows.  Variant knobs change labels (brackets, numbering, 合计, split or
spaced labels) and structure (no 申请人情况 row, 小计 column, extra table-2
row, one table per 第二十条 block, missing first caption).
"""

from __future__ import annotations

import random
from typing import Any

from .model import Cell, Table
from .spec import (
    CORNER_NOTE,
    PARTIAL_NOTE,
    T2_BLOCKS,
    T3_COLUMNS,
    T4_GROUPS,
    T4_LEAVES,
    T3Row,
    t3_rows,
)

# Labels that real reports print split over two lines or spaced out.
_SPLITS = {
    "本年新制作数量": "本年新\n制作数量", "本年新公开数量": "本年新\n公开数量",
    "对外公开总数量": "对外公开\n总数量", "上一年项目数量": "上一年\n项目数量",
    "法律服务机构": "法律服务\n机构", "社会公益组织": "社会公益\n组织", "商业企业": "商业\n企业",
    "科研机构": "科研\n机构", "本年处理决定数量": "本年处理\n决定数量",
    "未经复议直接起诉": "未经复议\n直接起诉", "行政事业性收费": "行政事业\n性收费",
    "其他对外管理服务事项": "其他对外管理\n服务事项",
}


def relabel(rng: random.Random, label: str, variant: dict[str, Any]) -> str:
    """Apply the report's label-break style to a short header label."""
    style = variant["label_breaks"]
    if style == "split" and label in _SPLITS and rng.random() < 0.8:
        return _SPLITS[label]
    if style == "spaced" and label in _SPLITS and rng.random() < 0.5:
        return " ".join(label)
    return label


def bracket(ordinal: str, variant: dict[str, Any]) -> str:
    """（一） or (一) as the report writes it."""
    return f"({ordinal})" if variant["brackets"] == "half" else f"（{ordinal}）"


def caption(clause: str, variant: dict[str, Any]) -> str:
    """A table-2 block caption such as 第二十条第（一）项."""
    sep = " " if variant["caption_space"] else ""
    return f"第二十条{sep}第{bracket(clause, variant)}项"


def block_spans(key: str, n_values: int, width: int, variant: dict[str, Any]) -> tuple[int, list[int]]:
    """Grid columns of a table-2 block's label and of each of its value columns.

    The format leaves the arrangement open and reports differ: the seed spreads
    two values over three columns; others put the label over two columns and the
    values in the last two, or give the first value the extra columns.
    `variant["t2_spans"]` may fix it per block as (label span, style)."""
    label_span, style = (variant.get("t2_spans") or {}).get(key, (1, "later"))
    room = width + 1 - label_span
    if room < n_values:
        label_span, room = 1, width
    base, extra = divmod(room, n_values)
    if style == "earlier":
        spans = [base + (1 if i < extra else 0) for i in range(n_values)]
    else:
        spans = [base + (1 if i >= n_values - extra else 0) for i in range(n_values)]
    return label_span, spans


def proactive_tables(rng: random.Random, edition: str, printed: dict[str, str],
                     variant: dict[str, Any]) -> list[Table]:
    """Table 2: one stacked table, or one table per block when the variant says so."""
    width = variant["t2_value_columns"]
    per_block = variant["t2_layout"] == "per_block"
    tables: list[Table] = []
    cells: list[Cell] = []
    r = 0
    for b, block in enumerate(T2_BLOCKS[edition]):
        if per_block and cells:
            tables.append(Table("proactive_disclosure", r, width + 1, tuple(cells)))
            cells, r = [], 0
        if b > 0 or variant["t2_first_caption"]:
            cells.append(Cell(r, 0, 1, width + 1, caption(block.clause, variant), "caption",
                              block=b))
            r += 1
        label_span, spans = block_spans(block.key, len(block.columns), width, variant)
        cells.append(Cell(r, 0, 1, label_span, "信息内容", "header", block=b))
        c = label_span
        for (_, label), span in zip(block.columns, spans, strict=True):
            cells.append(Cell(r, c, 1, span, relabel(rng, label, variant), "header", block=b))
            c += span
        r += 1
        rows: list[tuple[str | None, str]] = list(block.rows)
        if variant["t2_extra_row"] and block.key == "art20_1":
            rows.append((None, "其他主动公开文件"))
        for row_key, label in rows:
            cells.append(Cell(r, 0, 1, label_span, relabel(rng, label, variant), "stub", block=b))
            c = label_span
            for (col_key, _), span in zip(block.columns, spans, strict=True):
                key = f"proactive_disclosure.{block.key}.{row_key}.{col_key}" if row_key else None
                text = printed[key] if key else str(rng.randint(0, 20))
                cells.append(Cell(r, c, 1, span, text, "data", key=key, block=b))
                c += span
            r += 1
    tables.append(Table("proactive_disclosure", r, width + 1, tuple(cells)))
    return tables


def _t3_label(row: T3Row, variant: dict[str, Any]) -> str:
    """A table-3 row label in the report's bracket, numbering and 总计/合计 style."""
    label = row.label
    if row.key == "results.total":
        label = variant["total_word"]
    if row.key == "results.partially_granted" and variant["t3_partial_note"]:
        label += PARTIAL_NOTE if variant["brackets"] == "full" else (
            "(区分处理的，只计这一情形，不计其他情形)")
    if row.level == 0:
        return f"{row.number}、{label}"
    if row.level == 1:
        return bracket(row.number, variant) + label
    return row.number + variant["numbering"] + label


def applications_table(rng: random.Random, edition: str, printed: dict[str, str],
                       variant: dict[str, Any]) -> Table:
    # A 2021 report may still print （六）其他处理 as one row, as the 2019 edition did.
    if variant.get("t3_six_one_row"):
        edition = "2019"
    """Table 3 with 3 label columns, 2–3 header rows and 7 (or 8 with 小计) value columns."""
    subtotal = variant["t3_subtotal_column"]
    columns: list[tuple[str | None, str, str | None]] = list(T3_COLUMNS)
    if subtotal:
        columns.insert(6, (None, "小计", "法人或其他组织"))
    n_val = len(columns)
    top = variant["t3_top_header"]
    h = 3 if top else 2
    cells: list[Cell] = []
    note = CORNER_NOTE if variant["t3_corner_note"] else ""
    cells.append(Cell(0, 0, h, 3, note, "corner"))
    if top:
        cells.append(Cell(0, 3, 1, n_val, "申请人情况", "header"))
    r1, r2 = h - 2, h - 1
    c = 3
    group_start = None
    for _key, label, parent in columns:
        if parent is None:
            text = variant["total_word"] if label == "总计" else label
            cells.append(Cell(r1, c, 2, 1, relabel(rng, text, variant), "header"))
        else:
            if group_start is None:
                group_start = c
                n_org = sum(1 for col in columns if col[2] == parent)
                cells.append(Cell(r1, c, 1, n_org, parent, "header"))
            cells.append(Cell(r2, c, 1, 1, relabel(rng, label, variant), "header"))
        c += 1
    r = h

    def data_row(row_key: str) -> None:
        values = []
        for i, (col_key, _, _) in enumerate(columns):
            if col_key is None:
                org = [printed[f"applications.{row_key}@{k}"] for k, _, p in T3_COLUMNS if p]
                text = str(sum(int(float(x)) for x in (o.strip() for o in org)
                               if x.replace(".", "").isdigit()))
                values.append(Cell(r, 3 + i, 1, 1, text, "data"))
            else:
                key = f"applications.{row_key}@{col_key}"
                values.append(Cell(r, 3 + i, 1, 1, printed[key], "data", key=key))
        cells.extend(values)

    for top_row in t3_rows(edition):
        if not top_row.children:
            cells.append(Cell(r, 0, 1, 3, _t3_label(top_row, variant), "stub"))
            data_row(top_row.key)
            r += 1
            continue
        n_leaf = sum(len(ch.children) or 1 for ch in top_row.children)
        cells.append(Cell(r, 0, n_leaf, 1, _t3_label(top_row, variant), "stub"))
        for mid in top_row.children:
            if not mid.children:
                cells.append(Cell(r, 1, 1, 2, _t3_label(mid, variant), "stub"))
                data_row(mid.key)
                r += 1
                continue
            cells.append(Cell(r, 1, len(mid.children), 1, _t3_label(mid, variant), "stub"))
            for leaf in mid.children:
                cells.append(Cell(r, 2, 1, 1, _t3_label(leaf, variant), "stub"))
                data_row(leaf.key)
                r += 1
    return Table("applications", r, 3 + n_val, tuple(cells), header_rows=h)


def review_litigation_table(rng: random.Random, printed: dict[str, str],
                            variant: dict[str, Any]) -> Table:
    """Table 4: 15 value columns, 3 header rows, one unlabeled data row."""
    cells = [Cell(0, 0, 1, 5, "行政复议", "header"), Cell(0, 5, 1, 10, "行政诉讼", "header")]
    c = 0
    for g, (_group, label) in enumerate(T4_GROUPS):
        if g == 0:
            for _, leaf in T4_LEAVES:
                cells.append(Cell(1, c, 2, 1, leaf, "header"))
                c += 1
            continue
        cells.append(Cell(1, c, 1, 5, relabel(rng, label, variant), "header"))
        for _, leaf in T4_LEAVES:
            cells.append(Cell(2, c, 1, 1, leaf, "header"))
            c += 1
    c = 0
    for group, _ in T4_GROUPS:
        for leaf, _ in T4_LEAVES:
            key = f"review_litigation.{group}.{leaf}"
            cells.append(Cell(3, c, 1, 1, printed[key], "data", key=key))
            c += 1
    return Table("review_litigation", 4, 15, tuple(cells), header_rows=3)
