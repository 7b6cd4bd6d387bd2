"""Reading the three official tables against their template, one row at a time.

Real reports depart from the template somewhere: a level left blank under a
repeated one, a merge typed out as separate cells, a row with one label level
fewer, a value printed as "—", an inserted 小计 or note row, a header repeated
mid-table. Here nothing about the whole table is decided from statistics over
its rows; each row is read by its own content:

* **Row kind**: a caption (第二十条第（X）项), a header row (the template's column
  words and no numbers), a body row (a row label, or values), a note or a
  blank row.
* **Columns** come from the block's header, aligned to the official column
  tree (`headers.align_header`); a block without a header takes the
  template's columns. Values are placed under the leaf they sit below (a
  source that knows its grid) or, in flattened text, the last cells of the
  row, one per leaf.
* **Row labels** take their level from the template (by their text) or their
  numbering (一、 （一） 1.), never from the column they sit in. A row's path
  is the latest label of each level above it, where the template allows it as
  a parent; a blank, repeated, merged or missing label cell cannot misplace it.

The grid is then laid out canonically from that reading: labels by level,
vertical merges where a label stands over the rows below it, one value column
per leaf. Every inferred merge, tolerant label match and unmatched row is a
diagnostic.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from govreport.report.labels import norm
from govreport.tables.grid import Grid, PlacedCell, TableDiags
from govreport.tables.headers import HeaderCell, HeaderLayout, align_header
from govreport.tables.rowview import Item
from govreport.tables.template import (
    BlockTemplate,
    ColumnNode,
    LabelMatch,
    caption_item,
    column_roots,
    is_corner_text,
    is_header_word,
    is_strong_header_word,
    t2_blocks,
    t2_item_label,
    t3_ancestors,
    t3_label,
)
from govreport.tables.typed_merges import (
    distinct_values,
    merges_typed_out,
    positional_row,
    printed_values,
    spread,
    spread_values,
    value_groups,
    value_slots,
)
from govreport.textutil import clean, is_value_like, squash


@dataclass(eq=False, slots=True)
class Label:
    """A row label as read: printed text, level, template row, and the rows it covers."""

    text: str
    level: int
    match: LabelMatch
    row: int
    items: list[Item] = field(default_factory=list)
    last_row: int = -1
    group: bool = False  # stands over rows below it (so it spans one column)
    repeats: int = 0  # rows that printed it again or left it blank under it


@dataclass(slots=True)
class BodyRow:
    row: int
    labels: list[tuple[str, int | None, LabelMatch, list[Item]]]
    values: list[list[Item]]  # per leaf of the block
    distinct: list[list[Item]]  # per leaf, the values it prints (`distinct_values`)
    path: list[Label] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    caption: int | None = None
    headers: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    layout: HeaderLayout | None = None
    leaves: int = 0
    starts: list[int] | None = None  # printed start column of each leaf, when known
    first_value_col: int | None = None
    conts_printed: bool = False  # rows print the cells a label merged from above covers


@dataclass(slots=True)
class Reading:
    """The outcome: a grid, the row kinds, the label columns."""

    grid: Grid
    kinds: list[str]
    label_cols: int


# --- row kinds -------------------------------------------------------------------


def _row_label_key(item: Item, kind: str) -> bool:
    """The item names a row of the template (or is numbered like one)."""
    return not item.blank and _names_row(item.text, kind)


@lru_cache(maxsize=8192)
def _names_row(text: str, kind: str) -> bool:
    """`_row_label_key` of a printed (not blank) item: a function of its text, so cached,
    as every row is classified by it several times over."""
    if is_value_like(text) or is_header_word(text, kind):
        return False
    if kind == "applications":
        m = t3_label(text)
        return m.key is not None or m.level is not None
    if kind == "proactive_disclosure":
        return t2_item_label(text) is not None
    return False


def _is_data_row(items: list[Item], kind: str) -> bool:
    return any(it.number for it in items) or any(
        not it.value_like and _row_label_key(it, kind) for it in items if not it.blank)


def _labels_lead(words: list[Item], kind: str) -> bool:
    """Every row label among the words comes before every column word."""
    seen_header = False
    for it in words:
        if is_strong_header_word(it.text, kind) or is_corner_text(it.text):
            seen_header = True
        elif seen_header and _row_label_key(it, kind):
            return False
    return True


def row_kind(items: list[Item], kind: str) -> str:
    texts = [it for it in items if not it.blank]
    if not texts:
        return "blank"
    if (
        kind == "proactive_disclosure"
        and len({norm(it.text) for it in texts}) == 1
        and len(clean(texts[0].text)) < 30
        and caption_item(texts[0].text) is not None
    ):
        return "caption"  # one caption, perhaps repeated in every slot of its merge
    if any(it.number for it in items):
        return "body"  # (a header or a note prints no number)
    words = [it for it in texts if not it.value_like]
    labelled = any(_row_label_key(it, kind) for it in words)
    strong = any(is_strong_header_word(it.text, kind) or is_corner_text(it.text) for it in words)
    # A header printed again mid-table may repeat, before its column words, the row
    # labels standing over it.
    if strong and _labels_lead(words, kind):
        return "header"
    if words and not labelled and len(words) >= 2 and all(is_header_word(it.text, kind) for it in words):
        return "header"
    if labelled and _note_after_labels(texts, kind):
        return "note"
    if labelled:
        return "body"
    if len({it.label for it in texts}) == 1 and words:
        cells = [it for it in items if not it.cont]
        # one cell across the row (perhaps printed again in every slot), or a text that
        # reads as a note in a row of empty fields
        if len(cells) == len(texts) == 1 or looks_like_note(words[0].text) or (
            len(texts) == 1 and cells[0].col is None and len(cells) < 3
        ):
            return "note"
    return "body"


def _note_after_labels(texts: list[Item], kind: str) -> bool:
    """A note row that repeats, before it, the row labels standing over it (merges
    printed in every slot): after those labels, one text, which reads as a note or
    is printed in several slots."""
    k = 0
    while k < len(texts) and _row_label_key(texts[k], kind):
        k += 1
    rest = texts[k:]
    return (
        bool(rest)
        and len({it.label for it in rest}) == 1
        and not rest[0].value_like
        and (len(rest) >= 2 or looks_like_note(rest[0].text))
    )


_NOTE_START = ("注", "说明", "备注", "续表", "（续表", "(续表", "单位", "其中", "填报", "数据来源")


def starts_note(text: str) -> bool:
    """Does the text open with a remark's word (注, 说明, 备注, （续表）, 其中, ...)?"""
    return squash(text).startswith(_NOTE_START)  # a note may be spaced out (其　中　：…)


def looks_like_note(text: str) -> bool:
    """A remark printed in a row of its own (注：…, 说明：…, （续表）, a sentence)."""
    t = squash(text)
    return t.startswith(_NOTE_START) or t.endswith(("。", "；", ";")) or len(t) > 30


# --- the reading ----------------------------------------------------------------


def read_official(
    views: list[list[Item]], positional: list[bool], kind: str, diags: TableDiags
) -> Reading | None:
    """Read a table recognised as official `kind`; None when its rows do not bear that out.

    `positional` says which rows give their items' grid columns (a source that knows
    its grid, or a flattened row with a field for every column)."""
    kinds = [row_kind(row, kind) for row in views]
    # Rows above the first row with a row label or a number, holding words and no
    # values, head the table even where their words are not the template's.
    for r, row in enumerate(views):
        if kinds[r] != "body" or _is_data_row(row, kind):
            break
        if any(not it.blank and not it.value_like for it in row):
            kinds[r] = "header"
    if kind == "review_litigation":
        # Table 4 has no row labels: an empty row under its header is its (blank) data row.
        kinds = [
            "body" if k == "blank" and r > 0 and kinds[r - 1] in ("header", "body") else k
            for r, k in enumerate(kinds)
        ]
    if "body" not in kinds:
        return None
    blocks = _blocks(kinds)
    width = max((len(r) for r in views), default=0)
    for block in blocks:
        _block_columns(block, views, positional, kind, diags)
        block.conts_printed = any(
            views[r] and views[r][0].blank and kinds[r] == "body" for r in block.body)
    bodies: dict[int, BodyRow] = {}
    for block in blocks:
        for r in block.body:
            if kinds[r] == "body":
                bodies[r] = _split_row(views[r], positional[r], block, kind, diags, r)
    if kind != "review_litigation" and not any(b.labels for b in bodies.values()):
        return None
    labels = _assign_paths(kinds, bodies, kind, diags)
    return _layout(views, kinds, blocks, bodies, labels, kind, width, diags)


def _blocks(kinds: list[str]) -> list[Block]:
    blocks: list[Block] = [Block()]
    for r, k in enumerate(kinds):
        cur = blocks[-1]
        if k == "caption":
            if cur.caption is not None or cur.headers or cur.body:
                cur = Block()
                blocks.append(cur)
            cur.caption = r
        elif k == "header":
            if cur.body and any(kinds[b] == "body" for b in cur.body):
                cur = Block()
                blocks.append(cur)
            if cur.headers and cur.headers[-1] != r - 1:
                cur.body.append(r)  # a stray header row inside the body is read as a note
                continue
            cur.headers.append(r)
        else:
            cur.body.append(r)
    return [b for b in blocks if b.caption is not None or b.headers or b.body]


def _t2_block_columns(
    block: Block, views: list[list[Item]], kind: str, diags: TableDiags
) -> tuple[ColumnNode, ...]:
    """The template columns of a table-2 block: by its caption, else by its row labels,
    choosing the edition whose column labels the header prints."""
    item: int | None = None
    if block.caption is not None:
        item = next((caption_item(it.text) for it in views[block.caption] if not it.blank), None)
    candidates = [b for b in t2_blocks() if item is None or b.item == item]
    if item is None:
        labels = {t2_item_label(it.text) for r in block.body for it in views[r] if not it.blank}
        candidates = [b for b in candidates if any(lbl in labels for lbl in b.rows)] or candidates
    if not candidates:
        return ()  # a clause the format has no block for (第二十条第（二）项): its header alone
    header_texts = [it.text for r in block.headers for it in views[r] if not it.blank]
    if header_texts:
        return max(candidates, key=lambda b: sum(
            is_header_word(t, kind) and any(_same_label(t, c.label) for c in b.columns)
            for t in header_texts)).columns
    # Without a header, the values its rows print tell the editions apart: the block
    # with the fewest columns that holds them all.
    typed = block.caption is not None and merges_typed_out(views[block.caption])
    printed = max((printed_values(views[r], typed) for r in block.body), default=0)
    fitting = [b for b in candidates if len(b.columns) >= printed]
    if fitting:
        chosen = min(fitting, key=lambda b: len(b.columns))
        _note_typed_merges(block, views, chosen, fitting, diags)
        return chosen.columns
    return max(candidates, key=lambda b: len(b.columns)).columns


def _note_typed_merges(
    block: Block, views: list[list[Item]], chosen: BlockTemplate, fitting: list[BlockTemplate],
    diags: TableDiags,
) -> None:
    """Say so when a block without a header was given the edition with fewer columns
    because its rows' slots were read as merges typed out (``22 | | `` or
    ``0 | 0 | 0``), where as separate values they would fill a wider edition's block."""
    for r in block.body:
        if not positional_row(views[r]):
            continue
        slots = value_groups(value_slots(views[r]))[1]
        n_slots = sum(len(g) for g in slots)
        wider = [b for b in fitting if len(chosen.columns) < len(b.columns) <= n_slots]
        if len(slots) < n_slots and wider:
            texts = " | ".join(clean(it.text) for g in slots for it in g)
            diags.add("table.values_merged", "info",
                      f"no header over this block: the slots {texts!r} read as "
                      f"{len(slots)} value(s) with their merges typed out, the "
                      f"{chosen.edition} edition's {len(chosen.columns)} column(s); as separate "
                      f"values they would be the {wider[0].edition} edition's "
                      f"{len(wider[0].columns)} columns", r)


def _same_label(a: str, b: str) -> bool:
    return norm(a) == norm(b)


def _block_columns(
    block: Block, views: list[list[Item]], positional: list[bool], kind: str, diags: TableDiags
) -> None:
    roots = _t2_block_columns(block, views, kind, diags) if kind == "proactive_disclosure" \
        else column_roots(kind)
    if block.headers:
        rows = [views[r] for r in block.headers]
        block.layout = align_header(rows, roots, kind, lambda it: _row_label_key(it, kind))
        block.leaves = len(block.layout.leaves)
        if all(positional[r] for r in block.headers):
            found = [_leaf_start(leaf) for leaf in block.layout.leaves]
            starts = [s for s in found if s is not None]
            if len(starts) == len(found) and starts == sorted(starts):
                block.starts = starts
                block.first_value_col = starts[0] if starts else None
    else:
        block.leaves = sum(n.leaves() for n in roots)


def _leaf_start(leaf: HeaderCell) -> int | None:
    cols = [it.col for it in leaf.items if it.col is not None]
    return min(cols) if cols else None


# --- one body row -----------------------------------------------------------------


def _split_row(
    items: list[Item], positional: bool, block: Block, kind: str, diags: TableDiags, r: int
) -> BodyRow:
    """Split a body row into label items and the value items under each leaf."""
    n = block.leaves
    values: list[list[Item]] = [[] for _ in range(n)]
    if positional and block.starts and items and items[0].col is not None:
        starts = block.starts
        first = starts[0]
        label_items = []
        for it in items:
            col = it.col
            if col is None:
                continue
            if col < first:
                label_items.append(it)
            elif not it.cont:
                values[bisect_right(starts, col) - 1].append(it)  # the last leaf starting at or before it
    elif positional and spread_values(items, n, values):
        last_label = max((i for i, it in enumerate(items) if not it.value_like), default=-1)
        label_items = items[: last_label + 1]
    else:
        cells = [it for it in items if not it.cont] if items and items[0].col is not None else items
        take = min(n, len(cells))
        if take < len(cells) or kind == "review_litigation":
            label_items, tail = cells[: len(cells) - take], cells[len(cells) - take :]
        else:
            # no more cells than leaves: the first cell is a label unless it is a value
            lead = 0 if all(it.value_like for it in cells) else 1
            label_items, tail = cells[:lead], cells[lead:]
        for i, it in enumerate(tail):
            values[i].append(it)
        if len(tail) < n:
            diags.add("table.row_padded", "warning",
                      f"row has {len(tail)} value cells for {n} columns; the missing ones are left "
                      "empty at the end", r)
    # distinct_values, with its common one-slot case inline
    distinct = [([] if v[0].blank else [v[0]]) if len(v) == 1 else distinct_values(v) for v in values]
    if positional:
        _note_shared_leaves(distinct, diags, r)
    labels: list[tuple[str, int | None, LabelMatch, list[Item]]] = []
    for pos, it in enumerate(label_items):
        if it.blank:
            continue
        if labels and norm(labels[-1][0]) == norm(it.text):
            labels[-1][3].append(it)  # a horizontal merge printed in every slot
            continue
        if it.number:
            diags.add("table.value_in_label_column", "warning",
                      f"a number {clean(it.text)!r} stands where the row labels are; kept as a label", r)
        match = t3_label(it.text) if kind == "applications" else LabelMatch(None)
        level = match.level
        if level is None and kind == "applications":
            # A label neither the template nor its numbering places: where the row puts it,
            # when cells stand before it (a row that starts with it may have lost them).
            column = it.col if it.col is not None else pos
            level = column if column > 0 or it.col is not None or block.conts_printed else None
        labels.append((it.text, level, match, [it]))
    return BodyRow(r, labels, values, distinct)


def _note_shared_leaves(distinct_per_leaf: list[list[Item]], diags: TableDiags, r: int) -> None:
    """A column under which the row prints two different values (the slots of a merge
    typed out could not be told from separate values): both are kept, side by side."""
    for leaf, distinct in enumerate(distinct_per_leaf):
        if len(distinct) > 1:
            texts = ", ".join(repr(clean(it.text)) for it in distinct)
            diags.add("table.values_side_by_side", "warning",
                      f"{len(distinct)} values ({texts}) under value column {leaf + 1} of the block; "
                      "which column each belongs to cannot be told, so all are kept there", r)


# --- row paths ----------------------------------------------------------------------


def _assign_paths(
    kinds: list[str], bodies: dict[int, BodyRow], kind: str, diags: TableDiags
) -> list[Label]:
    """Give every body row its path: the labels it prints, by level, under the latest
    label of each level above them that the template allows as their parent."""
    open_: dict[int, Label] = {}
    labels: list[Label] = []
    prev: BodyRow | None = None
    for r, k in enumerate(kinds):
        if k == "caption":
            open_.clear()
            prev = None
            continue
        if k != "body":
            continue
        body = bodies[r]
        printed: list[Label] = []
        last_level: int | None = None
        for n, (text, level, match, items) in enumerate(body.labels):
            if kind != "applications":
                level = 0 if last_level is None else last_level + 1
            elif level is None:
                level = _unknown_level(last_level, prev)
            if last_level is not None and level <= last_level:
                level = last_level + 1
            leaf = n == len(body.labels) - 1
            cur = open_.get(level)
            if cur is not None and not leaf and norm(cur.text) == norm(text):
                cur.items.extend(items)
                cur.repeats += 1
                lab = cur
            else:
                lab = Label(text, level, match, r, list(items))
                labels.append(lab)
                for deeper in [lv for lv in open_ if lv >= level]:
                    del open_[deeper]
                open_[level] = lab
            printed.append(lab)
            last_level = level
        if printed:
            leaf_label = printed[-1]
            expected = t3_ancestors(leaf_label.match.key) if kind == "applications" and \
                leaf_label.match.key else {}
            path = []
            for lv in range(leaf_label.level):
                anc = open_.get(lv)
                if anc is None:
                    continue
                if anc in printed or _may_parent(anc, expected.get(lv)):
                    path.append(anc)
                else:
                    diags.add("table.parent_mismatch", "info",
                              f"{clean(leaf_label.text)!r} does not belong under {clean(anc.text)!r} "
                              "in the format; that label is not carried down to it", r)
            path.append(leaf_label)
        elif prev is not None:
            path = list(prev.path if _label_only(prev) else prev.path[:-1])
        else:
            path = []
        for anc in path[:-1]:
            anc.group = True
        for lab in path:
            lab.last_row = max(lab.last_row, r)
        body.path = path
        prev = body
    _label_notes(labels, kind, diags)
    return labels


def _unknown_level(last_level: int | None, prev: BodyRow | None) -> int:
    """An unnumbered label the template does not know (a 小计, an added row): under the
    label before it in its row, else beside the label of the row above (under it when
    that row holds no values)."""
    if last_level is not None:
        return last_level + 1
    if prev is None or not prev.path:
        return 0
    leaf = prev.path[-1]
    return leaf.level + (1 if _label_only(prev) else 0)


def _label_only(body: BodyRow) -> bool:
    """A row that prints a label and no value cells (a group label on a row of its own)."""
    return not any(body.values) or (
        bool(body.path) and not body.path[-1].match.data
        and all(it.blank for items in body.values for it in items)
    )


def _may_parent(anc: Label, expected: str | None) -> bool:
    return expected is None or anc.match.key is None or anc.match.key == expected


def _label_notes(labels: list[Label], kind: str, diags: TableDiags) -> None:
    for lab in labels:
        m = lab.match
        if kind == "applications" and m.key is not None and m.score < 1.0:
            diags.add("table.label_matched", "info",
                      f"row label {clean(lab.text)!r} read as the format's {m.official!r} "
                      f"(similarity {m.score:.2f})", lab.row)
        elif kind == "applications" and m.key is None:
            diags.add("table.row_unmatched", "info",
                      f"row label {clean(lab.text)!r} is not in the format; kept as an extra row", lab.row)
        if lab.last_row > lab.row:
            how = f", printed again in {lab.repeats} row(s)" if lab.repeats else ""
            diags.add("table.merge_inferred", "info",
                      f"label {clean(lab.text)!r} stands over rows {lab.row}–{lab.last_row}{how}", lab.row)


# --- the grid ---------------------------------------------------------------------


def _put(grid: Grid, cell: PlacedCell) -> bool:
    """Place a cell, shrinking its spans where another cell already holds a slot."""
    while not grid.free(cell.row, cell.col, cell.row_span, cell.col_span):
        if cell.col_span > 1:
            cell.col_span -= 1
        elif cell.row_span > 1:
            cell.row_span -= 1
        else:
            return False
    grid.put(cell)
    return True


def _layout(
    views: list[list[Item]],
    kinds: list[str],
    blocks: list[Block],
    bodies: dict[int, BodyRow],
    labels: list[Label],
    kind: str,
    width: int,
    diags: TableDiags,
) -> Reading | None:
    n_rows = len(views)
    label_cols = max((lab.level + 1 for lab in labels), default=0)
    leaf_widths: dict[int, list[int]] = {}
    for b, block in enumerate(blocks):
        widths = [1] * block.leaves
        for r in block.body:
            body = bodies.get(r)
            if body is None:
                continue
            for i, distinct in enumerate(body.distinct):
                if len(distinct) > widths[i]:
                    widths[i] = len(distinct)
        leaf_widths[b] = widths
    value_cols = max([sum(w) for w in leaf_widths.values()] + [1])
    n_cols = label_cols + value_cols
    grid = Grid(n_rows, n_cols)
    for lab in labels:
        span = 1 if lab.group else label_cols - lab.level
        first = lab.items[0] if lab.items else None
        cell = PlacedCell(lab.row, lab.level, max(lab.last_row, lab.row) - lab.row + 1, span, lab.text,
                          first.source if first else None, first.ref if first else None, region="stub")
        if not _put(grid, cell):
            return None
    for b, block in enumerate(blocks):
        widths = spread(leaf_widths[b], value_cols)
        extents, col = [], label_cols
        for w in widths:
            extents.append((col, w))
            col += w
        if block.caption is not None:
            item = next((it for it in views[block.caption] if not it.blank), views[block.caption][0])
            _put(grid, PlacedCell(block.caption, 0, 1, n_cols, item.text, item.source, item.ref,
                                  region="caption"))
        if block.layout is not None:
            _layout_header(grid, block, extents, label_cols, diags)
        for r in block.body:
            if r in bodies:
                _layout_values(grid, bodies[r], extents)
            else:
                _layout_note(grid, views[r], r, n_cols, diags)
    for r, owners in enumerate(grid.owner):
        row_kind_ = kinds[r]
        for c, owner in enumerate(owners):
            if owner is None:
                if row_kind_ == "header":
                    region = "corner" if c < label_cols else "header"
                else:
                    region = "data" if row_kind_ == "body" and c >= label_cols else "stub"
                grid.put(PlacedCell(r, c, 1, 1, "", None, None, False, region))
    return Reading(grid, kinds, label_cols)


def _layout_values(grid: Grid, body: BodyRow, extents: list[tuple[int, int]]) -> None:
    r = body.row
    owners = grid.owner[r]
    for (col, w), items, filled in zip(extents, body.values, body.distinct):
        if items and items[0].cont and all(it.cont for it in items):
            above = grid.owner[r - 1][col] if r > 0 else None
            if above is not None and above.region == "data" and above.col == col and above.col_span == w \
                    and above.row + above.row_span == r:
                grid.remove(above)
                above.row_span += 1
                grid.put(above)
                continue
        if len(filled) <= 1:
            item = filled[0] if filled else (items[0] if items else None)
            if item is None:
                cell = PlacedCell(r, col, 1, w, "", None, None, False, "data")
            else:
                cell = PlacedCell(r, col, 1, w, "" if item.cont else item.text, item.source, item.ref, False,
                                  "data")
            if w == 1 and owners[col] is None:  # most values: one free slot (grid.free's test, inline)
                grid.put(cell)
            else:
                _put(grid, cell)
            continue
        for k, item in enumerate(filled):
            span = 1 if k < len(filled) - 1 else w - k
            _put(grid, PlacedCell(r, col + k, 1, span, item.text, item.source, item.ref, region="data"))


def _free_from(grid: Grid, r: int) -> int:
    """The first column of row r that no label from above covers."""
    c = 0
    while c < grid.n_cols and grid.owner[r][c] is not None:
        c += 1
    return c


def _layout_note(grid: Grid, items: list[Item], r: int, n_cols: int, diags: TableDiags) -> None:
    """A note or blank row: its texts, in order, in the runs of columns the labels
    standing over the row leave free (the last text takes the rest of its run)."""
    runs: list[tuple[int, int]] = []
    c = 0
    while c < n_cols:
        if grid.owner[r][c] is None:
            start = c
            while c < n_cols and grid.owner[r][c] is None:
                c += 1
            runs.append((start, c - start))
        else:
            c += 1
    texts = distinct_values(items)  # a text printed again in the next slots is one text
    if not runs:
        if texts:
            diags.add("table.note_unplaced", "warning",
                      f"no room for {clean(texts[0].text)!r} beside the labels above it", r)
        return
    free = sum(w for _, w in runs)
    if len(texts) > free:
        diags.add("table.note_joined", "info", f"{len(texts)} texts in a row of {free} free columns joined",
                  r)
        last = texts[free - 1]
        joined = "\n".join(it.text for it in texts[free - 1 :])
        texts = [*texts[: free - 1], Item(joined, None, 1, False, last.ref, last.source)]
    # One column per text; the last text of the row takes the rest of its run.
    k = 0
    for col, w in runs:
        end = col + w
        while col < end:
            if k >= len(texts):
                grid.put(PlacedCell(r, col, 1, end - col, "", None, None, region="stub"))
                break
            it = texts[k]
            span = end - col if k == len(texts) - 1 else 1
            grid.put(PlacedCell(r, col, 1, span, it.text, it.source, it.ref, region="stub"))
            col += span
            k += 1


def _layout_header(
    grid: Grid, block: Block, extents: list[tuple[int, int]], label_cols: int, diags: TableDiags
) -> None:
    layout = block.layout
    assert layout is not None
    rows = block.headers
    leaf_of: dict[int, list[int]] = {}
    for i, leaf in enumerate(layout.leaves):
        for cell in leaf.chain():
            leaf_of.setdefault(id(cell), []).append(i)
    start = max(_free_from(grid, r) for r in rows)
    if start < label_cols:
        texts = []
        for it in layout.corner:
            if not it.blank and clean(it.text) not in texts:
                texts.append(clean(it.text))
        first = next((it for it in layout.corner if not it.blank), None)
        _put(grid, PlacedCell(rows[0], start, len(rows), label_cols - start, "\n".join(texts),
                              first.source if first else None, first.ref if first else None,
                              region="corner"))
    for cell in layout.cells:
        under = leaf_of.get(id(cell))
        if not under:
            diags.add("table.header_unplaced", "info",
                      f"header cell {clean(cell.text)!r} stands over no column", rows[cell.row])
            continue
        c0 = extents[min(under)][0]
        c1 = extents[max(under)][0] + extents[max(under)][1]
        last = max(cell.row, cell.last_row)
        first = cell.items[0] if cell.items else None
        _put(grid, PlacedCell(rows[cell.row], c0, last - cell.row + 1, c1 - c0, cell.text,
                              first.source if first else None, first.ref if first else None,
                              region="header"))
