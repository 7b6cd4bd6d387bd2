"""The three official tables as the table builder reads them: their header trees,
their row labels with levels, and table 2's blocks.

One object built once from the shipped `format-spec.json` (through
`govreport.report.spec`, which the report layer uses too), merged over both
editions: a 2019 report and a 2021 report are read against the same labels, and
the report layer decides the edition afterwards. Matching is tolerant in the
ways real reports differ (numbering and bracket variants, spaces, line breaks,
annotations, 合计 for 总计, typos) and says how sure it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from govreport.report.labels import article_item, best_match, core, norm, similarity
from govreport.report.spec import EDITIONS, edition, raw_spec
from govreport.textutil import is_section_heading, outline_depth

KINDS = ("proactive_disclosure", "applications", "review_litigation")


@dataclass(frozen=True, slots=True)
class ColumnNode:
    """A header cell of the official column tree (a group when it has children)."""

    label: str
    children: tuple[ColumnNode, ...] = ()

    @property
    def core(self) -> str:
        return core(self.label)

    def leaves(self) -> int:
        return sum(c.leaves() for c in self.children) if self.children else 1


@dataclass(frozen=True, slots=True)
class RowLabel:
    """A table-3 row of the template: its key, level (0 for 一、, 1 for （一）, 2 for
    1.), its parent's key and whether it holds numbers (in some edition)."""

    key: str
    level: int
    parent: str | None
    data: bool
    label: str = ""


@dataclass(frozen=True, slots=True)
class BlockTemplate:
    """A table-2 block (第二十条第（item）项) of one edition."""

    item: int
    edition: str
    columns: tuple[ColumnNode, ...]
    rows: tuple[str, ...]


def _column_tree(nodes: list[dict[str, object]]) -> tuple[ColumnNode, ...]:
    out = []
    for node in nodes:
        children = node.get("children") or []
        assert isinstance(children, list)
        out.append(ColumnNode(str(node["label"]), _column_tree(children)))
    return tuple(out)


@cache
def column_roots(kind: str) -> tuple[ColumnNode, ...]:
    """The column tree of table 3 or table 4 (the same in both editions)."""
    tables = raw_spec()["editions"]["2021"]["tables"]
    return _column_tree(tables[kind]["column_tree"])


@cache
def t2_blocks() -> tuple[BlockTemplate, ...]:
    out = []
    for ed in EDITIONS:
        for b in edition(ed).blocks:
            cols = tuple(ColumnNode(label) for _, label in b.columns)
            out.append(BlockTemplate(b.item, ed, cols, tuple(label for _, label in b.rows)))
    return tuple(out)


@cache
def _t3_rows() -> dict[str, RowLabel]:
    """Core label → row, over both editions (2019's one-row （六） and 2021's
    （六） with three sub-rows share the key; it holds numbers in 2019)."""
    out: dict[str, RowLabel] = {}
    for ed in EDITIONS:
        for node in edition(ed).t3_rows:
            c = core(node.label)
            old = out.get(c)
            out[c] = RowLabel(node.key, node.level, node.parent, node.data or bool(old and old.data),
                              node.label)
    return out


@cache
def _t3_by_key() -> dict[str, RowLabel]:
    return {row.key: row for row in _t3_rows().values()}


@lru_cache(maxsize=256)
def t3_ancestors(key: str) -> dict[int, str]:
    """Level → key of the template rows above a table-3 row (（三）不予公开 and
    三、本年度办理结果 above 1.属于国家秘密)."""
    out: dict[int, str] = {}
    row = _t3_by_key().get(key)
    while row is not None and row.parent is not None:
        parent = _t3_by_key().get(row.parent)
        if parent is None:
            break
        out[parent.level] = parent.key
        row = parent
    return out


@cache
def _t3_index() -> dict[str, str]:
    return {c: c for c in _t3_rows()}


@cache
def _t2_rows() -> dict[str, str]:
    return {core(label): core(label) for b in t2_blocks() for label in b.rows}


# --- vocabularies: what makes a row a header row, and a table an official one -----


@cache
def header_words(kind: str) -> frozenset[str]:
    """Core labels printed in the header rows of a table kind."""
    if kind == "proactive_disclosure":
        return frozenset({"信息内容"} | {c.core for b in t2_blocks() for c in b.columns})
    words: set[str] = set()
    stack = list(column_roots(kind))
    while stack:
        node = stack.pop()
        words.add(node.core)
        stack.extend(node.children)
    return frozenset(words)


# Header words that also name rows or other tables' columns: alone they prove nothing.
AMBIGUOUS_HEADER_WORDS = frozenset({"总计", "其他", "小计", "合计"})
TOTAL_WORDS = ("总计", "小计", "合计")
CORNER_MARKERS = ("勾稽关系", "信息内容")


@lru_cache(maxsize=8192)
def is_header_word(text: str, kind: str) -> bool:
    """A label the header rows of a table kind print (tolerant of annotations and typos)."""
    c = core(text)
    if not c:
        return False
    if c in header_words(kind) or c in AMBIGUOUS_HEADER_WORDS:
        return True
    return any(_close(c, w) for w in header_words(kind) if len(w) >= 4)


def is_strong_header_word(text: str, kind: str) -> bool:
    """A header word that no row label of any official table shares."""
    c = core(text)
    return bool(c) and c not in AMBIGUOUS_HEADER_WORDS and is_header_word(text, kind)


@lru_cache(maxsize=8192)
def is_corner_text(text: str) -> bool:
    """The note in table 3's corner, or table 2's 信息内容: text of the corner, not a column."""
    n = norm(text)
    return any(m in n for m in CORNER_MARKERS)


@lru_cache(maxsize=4096)
def _close(a: str, b: str) -> bool:
    """Two core labels that name the same thing (a prefix, an annotation, a typo)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and long.startswith(short) and len(short) >= 0.5 * len(long):
        return True
    return len(short) >= 4 and similarity(a, b) >= 0.8


@lru_cache(maxsize=8192)
def label_similarity(printed: str, official: str) -> float:
    """1.0 for the same core label, less for prefixes, annotations and typos, 0 for
    labels that do not name the same thing."""
    a, b = core(printed), core(official)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if _close(a, b):
        return 0.9 if (a.startswith(b) or b.startswith(a)) else similarity(a, b)
    return 0.0


# --- row labels ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """How a printed row label reads against the template: its level (None when
    neither the template nor its numbering tells), the template row (key) and
    the similarity of the match (1.0 exact)."""

    level: int | None
    key: str | None = None
    parent: str | None = None
    score: float = 0.0
    data: bool = True
    official: str = ""


_DEPTH_TO_LEVEL = {0: 0, 1: 1, 2: 2, 3: 2, 4: 3}


@lru_cache(maxsize=8192)
def t3_label(text: str) -> LabelMatch:
    """The level and template row of a table-3 row label."""
    rows = _t3_rows()
    c = core(text)
    depth = outline_depth(norm(text))
    numbered = None if depth is None else _DEPTH_TO_LEVEL.get(depth)
    if numbered is None and c.startswith(TOTAL_WORDS):
        # an unnumbered 合计 or 小计 inside a group is that group's subtotal, not （七）总计
        return LabelMatch(None)
    if c in rows:
        row = rows[c]
        return LabelMatch(row.level, row.key, row.parent, 1.0, row.data, row.label)
    hit = best_match(text, _t3_index(), threshold=0.8) if len(c) >= 2 else None
    if hit is not None:
        row = rows[hit]
        score = label_similarity(text, hit) or 0.8
        return LabelMatch(row.level, row.key, row.parent, score, row.data, row.label)
    return LabelMatch(numbered)


@lru_cache(maxsize=4096)
def t2_item_label(text: str) -> str | None:
    """The official table-2 row label a printed item label stands for."""
    return best_match(text, _t2_rows(), threshold=0.85)


def caption_item(text: str) -> int | None:
    """The clause of a table-2 block caption (第二十条第（五）项 → 5)."""
    return article_item(text)


# --- recognising a table from its raw cells ---------------------------------------


@cache
def _row_words(kind: str) -> frozenset[str]:
    if kind == "applications":
        return frozenset(_t3_rows())
    if kind == "proactive_disclosure":
        return frozenset(_t2_rows())
    return frozenset()


@cache
def _strong_words(kind: str) -> frozenset[str]:
    """The header words that name a table kind on their own (not 总计, 其他...)."""
    return header_words(kind) - AMBIGUOUS_HEADER_WORDS


def recognise_texts(texts: list[str], section: str | None = None) -> str | None:
    """Which official table a table whose cells print `texts` is, or None.

    Votes of distinct header words and row labels; the section the table sits
    in breaks ties. A table needs three distinct votes to count.
    """
    distinct = set(texts)  # a table prints 0, 无 and its labels many times over
    cores = {core(t) for t in distinct if t.strip()}
    scores: dict[str, float] = {}
    for kind in KINDS:
        scores[kind] = len(cores & _strong_words(kind)) + len(cores & _row_words(kind))
    scores["proactive_disclosure"] += 3 * any(caption_item(t) for t in distinct if len(t) < 30)
    if section in scores:
        scores[section] += 1
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    return kind if score >= 3 else None


def is_official_label(text: str) -> bool:
    """A whole unnumbered label of the official tables: a table-2 row (行政处罚), a
    column header (自然人) or a table-2 block caption (第二十条第（六）项). (Table-3
    row labels are numbered; without their numbering they may be the rest of one.)"""
    if caption_item(text) is not None or t2_item_label(text) is not None:
        return True
    c = core(text)
    return any(c in header_words(kind) for kind in KINDS) and c not in AMBIGUOUS_HEADER_WORDS


SECTION_KINDS = (
    ("主动公开政府信息情况", "proactive_disclosure"),
    ("收到和处理政府信息公开申请", "applications"),
    ("行政复议", "review_litigation"),
)


@lru_cache(maxsize=4096)
def section_kind(text: str) -> str | None:
    """The official table a section heading calls for (二、主动公开政府信息情况 → table 2)."""
    if not is_section_heading(text):
        return None
    for word, kind in SECTION_KINDS:
        if word in text:
            return kind
    return None
