"""The Markdown reader: reports as PDF-to-Markdown converters and OCR tools write them.

Tables come as pipe tables (a header row, a ``|---|`` line, body rows) or
embedded as HTML (``<table>`` blocks, read by the HTML reader's table code,
spans and all). A pipe table is a grid without spans: every slot is a field,
a merged cell printed once (the other slots empty) or repeated in each slot
it covers, depending on the tool. Its header row is often not the table's:

* a made-up row of placeholders (``列1 | 列2``, ``Column1``, ``Unnamed: 0``)
  is not part of the report and is dropped;
* placeholders inside a real header row (pandas names every empty header
  slot ``Unnamed: N``) stand for empty slots and read as empty;
* a header row that holds the first data row is a row like any other.

All of these are noted as diagnostics; the table builder then reads the
rows against the official templates. Everything else is headings (``#``
lines, or lines that read as headings by the common rules, bold or not) and
paragraphs (consecutive lines joined).
"""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from govreport.decode import decode_bytes
from govreport.model import Location, Paragraph
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.common import (
    Outline,
    is_page_number,
    is_title,
    looks_like_heading,
)
from govreport.readers.html.tables import html_table_to_raw, is_layout_table
from govreport.readers.html.text import element_lines, element_text, tag_of
from govreport.tables.raw import RawCell, RawTable
from govreport.textutil import clean

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^(?:列\s*\d+|字段\s*\d+|Unnamed:\s*\d+(?:_level_\d+)?|Col(?:umn)?\s*_?\d+|Field\s*\d+)$",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^\s*(?:[-*+]|>)\s+")
_HTML_TABLE_START = re.compile(r"^\s*<table[\s>]", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CJK_END = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u3000-\u9fff\uff00-\uffef]")
MAX_HTML_BLOCK_LINES = 20000

Line = tuple[int, str]


def inline_text(text: str) -> str:
    """Markdown inline markup to printed text: emphasis, links, images, code, entities."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("`", "")
    return html.unescape(text)


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row (escaped pipes kept as ``|``)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in "|\\":
            current.append(body[i + 1])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return [clean(inline_text(_BR.sub("\n", c))).replace(" \n", "\n").replace("\n ", "\n") for c in cells]


def is_placeholder_header(text: str) -> bool:
    """A column name a tool made up (``列1``, ``Column2``, ``Unnamed: 3``)."""
    return bool(_PLACEHOLDER.match(clean(text)))


def _is_placeholder_row(cells: list[str]) -> bool:
    """A header row of made-up names only, or of column numbers counting from 0 or 1."""
    filled = [clean(c) for c in cells if clean(c)]
    if not filled:
        return True
    if all(c.isdigit() for c in filled) and len(filled) == len(cells):
        first = int(filled[0])
        return first in (0, 1) and [int(c) for c in filled] == list(range(first, first + len(filled)))
    return all(is_placeholder_header(c) for c in filled)


def _pipe_table(lines: list[Line], i: int, out: ReaderOutput) -> tuple[RawTable, int]:
    """Read the pipe table whose header row is line i (the delimiter row is i + 1)."""
    no = lines[i][0]
    header = split_row(lines[i][1])
    width = len(split_row(lines[i + 1][1]))
    body: list[tuple[int, list[str]]] = []
    j = i + 2
    while j < len(lines) and "|" in lines[j][1] and lines[j][1].strip():
        body.append((lines[j][0], split_row(lines[j][1])))
        j += 1
    rows: list[tuple[RawCell, ...]] = []
    where = Location(line=no)
    if _is_placeholder_row(header):
        shown = ", ".join(h for h in header[:3] if h) or "empty"
        out.diag("md.placeholder_header", "info",
                 f"the pipe table's header row is made-up ({shown}…); dropped", where)
    else:
        named = [h for h in header if h and is_placeholder_header(h)]
        if named:
            out.diag("md.placeholder_cells", "info",
                     f"{len(named)} placeholder name(s) in the header row ({named[0]}…) read as empty "
                     "cells", where)
            header = ["" if h in named else h for h in header]
        rows.append(tuple(RawCell(t, source=where) for t in _fit(header, width)))
    for line_no, cells in body:
        rows.append(tuple(RawCell(t, source=Location(line=line_no)) for t in _fit(cells, width)))
    return RawTable(tuple(rows), spans_known=False, source=where), j


def _fit(cells: list[str], width: int) -> list[str]:
    """A row as wide as the delimiter row (GFM pads short rows); extra cells are kept."""
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def _html_block(lines: list[Line], i: int, out: ReaderOutput, n_tables: int) -> tuple[list[RawTable], int]:
    """An embedded HTML table (possibly over several lines): its raw tables."""
    j = i
    chunk: list[str] = []
    while j < len(lines) and j - i < MAX_HTML_BLOCK_LINES:
        chunk.append(lines[j][1])
        j += 1
        if _HTML_TABLE_END.search(lines[j - 1][1]) and "".join(chunk).lower().count("<table") <= \
                "".join(chunk).lower().count("</table"):
            break
    try:
        root = lxml.html.fragment_fromstring("\n".join(chunk), create_parent="div")
    except (etree.ParserError, ValueError):
        return [], j
    tables: list[RawTable] = []
    for k, table in enumerate(t for t in root if tag_of(t) == "table"):
        if is_layout_table(table):
            continue
        raw = html_table_to_raw(table, f"table[{n_tables + k + 1}]", out,
                                lambda cell: element_text(cell, frozenset({"table"})))
        if raw is not None:
            tables.append(raw)
    leftover = [ln for el in root if tag_of(el) != "table" for ln in element_lines(el)]
    if root.text and root.text.strip():
        leftover.insert(0, clean(root.text))
    for text in leftover:
        out.blocks.append(Paragraph(text, Location(line=lines[i][0])))
    return tables, j


class _Prose:
    """Headings and paragraphs, classified by the rules every reader shares."""

    def __init__(self, out: ReaderOutput) -> None:
        self.out = out
        self.outline = Outline()
        self.buffer: list[str] = []
        self.first_line: int | None = None

    def flush(self) -> None:
        if self.buffer:
            text = self.buffer[0]
            for part in self.buffer[1:]:
                joiner = "" if _CJK_END.search(text) and _CJK_START.match(part) else " "
                text += joiner + part
            self.add(text, self.first_line, atx=None)
        self.buffer = []
        self.first_line = None

    def add(self, text: str, line_no: int | None, atx: int | None) -> None:
        self.out.blocks.append(self.outline.block(text, line_no, atx))

    def line(self, text: str, line_no: int) -> None:
        """A line of prose: a heading on its own, else part of the paragraph being read."""
        t = clean(inline_text(_BULLET.sub("", text)))
        if not t:
            self.flush()
            return
        if (looks_like_heading(t) or (not self.outline.seen_section and is_title(t))
                or text.strip().startswith("**")):
            self.flush()
            self.add(t, line_no, atx=None)
            return
        if not self.buffer:
            self.first_line = line_no
        self.buffer.append(t)


def read_markdown(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a Markdown report: pipe tables and embedded HTML tables, headings, paragraphs."""
    decoded = decode_bytes(data, ctx.name)
    out = ReaderOutput(charset=decoded.charset, charset_confidence=decoded.confidence)
    out.diagnostics.extend(decoded.diagnostics)
    lines = list(enumerate(decoded.text.split("\n"), start=1))
    prose = _Prose(out)
    n_tables = 0
    in_fence = False
    i = 0
    while i < len(lines):
        no, text = lines[i]
        if _FENCE.match(text):
            in_fence = not in_fence
            prose.flush()
            i += 1
            continue
        if in_fence:
            prose.line(text, no)
            i += 1
            continue
        if "|" in text and i + 1 < len(lines) and _DELIMITER.match(lines[i + 1][1]) and \
                "-" in lines[i + 1][1]:
            prose.flush()
            table, i = _pipe_table(lines, i, out)
            out.blocks.append(table)
            n_tables += 1
            continue
        if _HTML_TABLE_START.match(text):
            prose.flush()
            tables, i = _html_block(lines, i, out, n_tables)
            out.blocks.extend(tables)
            n_tables += len(tables)
            continue
        atx = _ATX.match(text)
        if atx:
            prose.flush()
            heading = clean(inline_text(atx.group(2)))
            if heading:
                prose.add(heading, no, atx=len(atx.group(1)))
            i += 1
            continue
        if is_page_number(text) and not text.strip().isdigit():
            i += 1
            continue
        prose.line(text, no)
        i += 1
    prose.flush()
    return out
