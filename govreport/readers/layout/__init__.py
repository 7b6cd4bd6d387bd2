"""The column-aligned text reader: reports as ``pdftotext -layout`` (and editors) print them.

Pages are separated by form feeds; page numbers (``- 3 -``) stand alone on a
line and are dropped. A table region is a run of lines that are not prose
(several cells apart, or short labels) holding at least two lines of
values; section headings and paragraphs end it. Each region becomes raw
tables (`table`); everything else is headings and paragraphs, a paragraph's
wrapped lines joined back (a line runs on when it reaches the right margin
and does not end a sentence).
"""

from __future__ import annotations

from govreport.decode import decode_bytes
from govreport.model import Location
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.common import (
    Outline,
    is_page_number,
    is_section_heading,
    looks_like_heading,
)
from govreport.readers.layout.lines import Fragment, Line, display_width, metric_and_fragments, to_lines
from govreport.readers.layout.table import is_caption, is_value_line, lines_to_tables
from govreport.tables.template import t3_label
from govreport.textutil import clean, outline_depth

__all__ = ["read_layout"]

LOOKAHEAD = 30  # lines: how far a value line may follow a long label inside a table
INDENT = 3  # columns: a single short label this far in sits in a table (headings start at 0)
SHORT = 24  # display columns: a single fragment this short may be a label or a caption
_SENTENCE_END = "。；！？：:"


def _raw_lines(text: str) -> tuple[list[tuple[int, int, str]], int]:
    """(line number, page, text) without page numbers; and how many were dropped.

    Pages are separated by form feeds (which do not end a line). A page number is
    the first or last text of its page; a bare number elsewhere is a table's value
    on a line of its own (a value under a wrapped label), unless it wears dashes."""
    out: list[tuple[int, int, str]] = []
    dropped = 0
    number = 1
    for page, chunk in enumerate(text.split("\f"), start=1):
        lines = [ln.rstrip() for ln in chunk.split("\n")]
        filled = [k for k, ln in enumerate(lines) if ln.strip()]
        edges = {filled[0], filled[-1]} if filled else set()
        for k, line in enumerate(lines):
            if line.strip() and is_page_number(line) and (k in edges or not line.strip().isdigit()):
                dropped += 1
                continue
            if k == 0 and page > 1 and not line.strip():
                continue  # the rest of the line the form feed ended
            out.append((number + k, page, line))
        number += len(lines) - 1
    return out, dropped


def _kind(line: Line) -> str:
    """blank | section | value | cells | short | prose."""
    if line.blank:
        return "blank"
    text = clean(line.text)
    if len(line.fragments) == 1 and is_section_heading(text):
        return "section"
    if is_value_line(line):
        return "value"
    if len(line.fragments) >= 2:
        return "cells"
    if is_caption(line):
        return "short"
    frag = line.fragments[0]
    if frag.x0 >= INDENT and display_width(frag.text) <= 2 * SHORT and frag.text[-1] not in "。；！？":
        return "short"  # a label of an inner column (its values blank or on another line)
    if display_width(frag.text) <= SHORT and frag.text[-1] not in "。；！？" and not looks_like_heading(text):
        return "short"
    if outline_depth(text) == 0 and t3_label(text).key is not None:
        return "short"  # a row label of table 3 whose values are blank (四、结转下年度继续办理)
    return "prose"


def table_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """[start, end) index ranges of the table regions.

    A region starts at a table-like line (cells, values, a short label) and runs
    on while table-like lines follow; a line of another kind (a long wrapped label)
    is taken in when a value line follows before any other such line. Section headings end
    a region; a region needs two value lines, or one of three values or more under a
    header (table 4 has a single row)."""
    kinds = [_kind(ln) for ln in lines]
    table_like = ("value", "cells", "short", "blank")
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if kinds[i] not in ("value", "cells", "short"):
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j] != "section":
            if kinds[j] in table_like:
                j += 1
                continue
            ahead = kinds[j + 1 : j + 1 + LOOKAHEAD]
            stop = next((k for k in ahead if k in ("value", "section", "prose")), None)
            if stop == "value":
                j += 1
                continue
            break
        while j > i and kinds[j - 1] == "blank":
            j -= 1
        n_values = sum(k == "value" for k in kinds[i:j])
        wide_row = any(kinds[k] == "value" and len(lines[k].values) >= 3 for k in range(i, j))
        if n_values >= 2 or (wide_row and any(k in ("cells", "short") for k in kinds[i:j])):
            regions.append((i, j))
        i = max(j, i + 1)
    return regions


class _Prose:
    def __init__(self, out: ReaderOutput, width: int) -> None:
        self.out = out
        self.width = width
        self.outline = Outline()
        self.parts: list[str] = []
        self.first: int | None = None
        self.runs_on = False

    def flush(self) -> None:
        if self.parts:
            self.add("".join(self.parts), self.first)
        self.parts, self.first, self.runs_on = [], None, False

    def add(self, text: str, number: int | None) -> None:
        self.out.blocks.append(self.outline.block(text, number))

    def line(self, line: Line) -> None:
        text = clean(line.text)
        if not text:
            self.flush()
            return
        if self.parts and not self.runs_on:
            self.flush()
        if not self.parts:
            self.first = line.number
        self.parts.append(text)
        reach = display_width(line.text.rstrip())
        self.runs_on = reach >= 0.85 * self.width and text[-1] not in _SENTENCE_END
        if looks_like_heading(text) or is_section_heading(text):
            self.flush()


def read_layout(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read column-aligned text (``pdftotext -layout`` output and the like)."""
    decoded = decode_bytes(data, ctx.name)
    out = ReaderOutput(charset=decoded.charset, charset_confidence=decoded.confidence)
    out.diagnostics.extend(decoded.diagnostics)
    raw, dropped = _raw_lines(decoded.text)
    if dropped:
        out.diag("layout.page_numbers_dropped", "info", f"{dropped} page-number line(s) dropped")
    paged = any(page > 1 for _, page, _ in raw)  # pages: pdftotext, which counts characters
    wide, fragments = metric_and_fragments([t for _, _, t in raw], paged)
    if wide:
        out.diag("layout.display_columns", "info",
                 "the text is aligned by display width (a CJK character counts as two columns)")
    lines = to_lines(raw, wide, fragments)
    out.pages = max((ln.page for ln in lines), default=0) or None
    width = max((display_width(ln.text.rstrip()) for ln in lines), default=80)
    prose = _Prose(out, width)
    regions = table_regions(lines)
    i = 0
    for start, end in regions:
        for ln in lines[i:start]:
            prose.line(ln)
        prose.flush()
        unplaced: list[Fragment] = []
        out.blocks.extend(lines_to_tables(lines[start:end], unplaced))
        for f in unplaced:
            ln = lines[f.line]
            out.diag("layout.value_unplaced", "warning",
                     f"value {f.text!r} sits about as near two columns; left out rather than guessed",
                     Location(line=ln.number, page=ln.page))
        i = end
    for ln in lines[i:]:
        prose.line(ln)
    prose.flush()
    return out
