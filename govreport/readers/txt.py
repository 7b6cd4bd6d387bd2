"""Text reader: reports flattened to plain text, in any Chinese encoding.

Two flattened table styles are recognised:

* **cell per line** (as browsers and Word copy tables): each cell is a line
  that starts with a TAB, a blank line ends a row, a line without a TAB right
  after a cell continues that cell (a multi-line cell), two or more blank
  lines end the table. A horizontally merged cell appears once; a vertically
  merged continuation appears as an empty cell.
* **row per line**: cells separated by TABs, one row per line; a single
  blank line (a page break) does not end the table.

Everything else is headings and paragraphs, one per line; page-number lines
(``- 3 -``) are dropped wherever they occur, also between table rows.
"""

from __future__ import annotations

from govreport.decode import decode_bytes
from govreport.model import Heading, Location, Paragraph
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.common import (
    HeadingLeveler,
    is_page_number,
    is_section_heading,
    is_title,
    looks_like_heading,
)
from govreport.tables.raw import RawCell, RawTable
from govreport.textutil import clean, squash

Line = tuple[int, str]  # (1-based line number, text)


def read_txt(data: bytes, ctx: ReadContext) -> ReaderOutput:
    decoded = decode_bytes(data, ctx.name)
    out = ReaderOutput(charset=decoded.charset, charset_confidence=decoded.confidence)
    out.diagnostics.extend(decoded.diagnostics)
    lines, dropped = drop_page_furniture(decoded.text.split("\n"))
    if dropped:
        out.diag("txt.page_numbers_dropped", "info", f"{dropped} page-number line(s) dropped")
    text_to_blocks(lines, out)
    return out


def _is_blank(text: str) -> bool:
    return "\t" not in text and not text.strip()


def _is_cell_line(text: str) -> bool:
    return text.startswith("\t") and "\t" not in text[1:]


def _is_row_line(text: str) -> bool:
    return "\t" in text.strip("\t ") or text.count("\t") >= 2 or (
        "\t" in text and not text.startswith("\t")
    )


def drop_page_furniture(raw_lines: list[str]) -> tuple[list[Line], int]:
    """Remove page-number lines and form feeds with the blank lines that follow them."""
    out: list[Line] = []
    dropped = 0
    skip_blanks = False
    for no, text in enumerate(raw_lines, start=1):
        text = text.replace("\f", "")
        if not text.startswith("\t") and is_page_number(text):
            dropped += 1
            skip_blanks = True
            continue
        if skip_blanks and _is_blank(text):
            continue
        skip_blanks = False
        out.append((no, text.rstrip("\r")))
    return out, dropped


def text_to_blocks(lines: list[Line], out: ReaderOutput) -> None:
    leveler = HeadingLeveler()
    seen_section = False
    i = 0
    n = len(lines)
    while i < n:
        no, text = lines[i]
        next_is_row = i + 1 < n and _is_row_line(lines[i + 1][1])
        if _is_cell_line(text) and not _is_row_line(text) and not next_is_row:
            table, i = _read_cell_per_line(lines, i)
            out.blocks.append(table)
            continue
        if _is_row_line(text) or _is_caption_line(lines, i) or (next_is_row and "\t" in text):
            table, i = _read_row_per_line(lines, i)
            out.blocks.append(table)
            continue
        i += 1
        t = clean(text)
        if not t:
            continue
        if not seen_section and is_title(t) and not is_section_heading(t):
            out.blocks.append(Heading(0, t, Location(line=no)))
            continue
        if looks_like_heading(t):
            seen_section = seen_section or is_section_heading(t)
            out.blocks.append(Heading(leveler.level(t), t, Location(line=no)))
            continue
        out.blocks.append(Paragraph(t, Location(line=no)))


_NOTE_ROW = ("注", "说明", "备注", "续表", "（续表", "(续表", "单位：", "单位:")


def _is_caption_line(lines: list[Line], i: int, depth: int = 0) -> bool:
    """A short line without TABs right above a row of TABs: a one-cell row of the table
    (a block caption such as 第二十条第（一）项 copied from a merged row, or a note such
    as （续表） above one)."""
    text = squash(lines[i][1])  # a label may be spaced out (注 ： 本 表 …)
    if not text or len(text) > 40 or i + 1 >= len(lines):
        return False
    if not _is_row_line(lines[i + 1][1]):
        # a note row and a caption row may stand one above the other
        nxt = squash(lines[i + 1][1])
        return (
            depth == 0
            and (text.startswith(_NOTE_ROW) or nxt.startswith(_NOTE_ROW))
            and "\t" not in lines[i + 1][1]
            and _is_caption_line(lines, i + 1, depth + 1)
        )
    if looks_like_heading(text) or is_title(text) or text.startswith(("单位", "表")):
        return False
    return text.startswith(_NOTE_ROW) or not text.endswith(("。", "：", ":"))


def _read_cell_per_line(lines: list[Line], i: int) -> tuple[RawTable, int]:
    rows: list[tuple[RawCell, ...]] = []
    row: list[RawCell] = []
    n = len(lines)
    first = lines[i][0]
    while i < n:
        no, text = lines[i]
        if _is_cell_line(text):
            row.append(RawCell(text[1:], source=Location(line=no)))
            i += 1
            continue
        if _is_blank(text):
            blanks = 0
            while i < n and _is_blank(lines[i][1]):
                blanks += 1
                i += 1
            if row:
                rows.append(tuple(row))
                row = []
            if blanks >= 2 or i >= n or not _is_cell_line(lines[i][1]):
                break
            continue
        # A line without a TAB: the previous cell goes on, unless a section starts.
        if row and not is_section_heading(text):
            last = row[-1]
            row[-1] = RawCell(last.text + "\n" + text, source=last.source)
            i += 1
            continue
        break
    if row:
        rows.append(tuple(row))
    return RawTable(tuple(rows), source=Location(line=first)), i


def _read_row_per_line(lines: list[Line], i: int) -> tuple[RawTable, int]:
    rows: list[tuple[RawCell, ...]] = []
    n = len(lines)
    first = lines[i][0]
    start = i  # the caller saw a table start here: that line is always a row
    while i < n:
        no, text = lines[i]
        if (
            _is_row_line(text)
            or (text.startswith("\t") and (rows or i == start))
            or _is_caption_line(lines, i)
        ):
            where = Location(line=no)  # one location for the cells of a line
            rows.append(tuple(RawCell(t, source=where) for t in text.split("\t")))
            i += 1
            continue
        if _is_blank(text) and i + 1 < n and _is_row_line(lines[i + 1][1]):
            i += 1  # a single blank line inside the table (a page break)
            continue
        break
    return RawTable(tuple(rows), source=Location(line=first)), i
