"""Flattened-text renderings of a report, as users meet them after copy-paste.

Two styles:

* **seed** — like `seed/town-2019.txt`: one line per cell, starting with a
  TAB; a merged cell appears once; a vertical-merge continuation appears as
  an empty cell; further lines of a multi-line cell follow without a TAB; one
  blank line between rows; two or more blank lines between tables.
* **tabs** — one line per row, cells separated by TAB (continuations empty,
  multi-line text joined).  Sub-style **padded**: every grid slot gets a field,
  as an Excel copy gives.

Page numbers (`- 3 -`) appear as lines of their own between paragraphs and
between table rows when the variant asks for them.
"""

from __future__ import annotations

import random

from .model import Heading, Paragraph, Report, Table, printed, row_items, slot_map

# Characters outside GBK that a GBK file must print differently.
_GBK_SUBSTITUTES = {"\u00a0": " ", "𠮷": "吉"}
_EOL = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


class _PageNumbers:
    """Emit page-number lines at chosen places with an increasing counter."""

    def __init__(self, report: Report, rng: random.Random) -> None:
        self.on = bool(report.variant["page_numbers"])
        self.fmt = str(report.variant["page_number_format"])
        self.rng = rng
        self.page = 1

    def maybe(self, chance: float) -> str | None:
        if not self.on or self.rng.random() >= chance:
            return None
        line = self.fmt.format(n=self.page)
        self.page += 1
        return line


def _seed_table(table: Table, pages: _PageNumbers) -> list[str]:
    table = printed(table)
    lines: list[str] = []
    for r in range(table.n_rows):
        if r:
            lines.append("")
            mark = pages.maybe(0.08)
            if mark:
                lines.extend([mark, ""])
        for cell, cont in row_items(table, r):
            text = "" if cont else cell.text
            first, *rest = text.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
    return lines


def _tab_table(table: Table, pages: _PageNumbers, padded: bool) -> list[str]:
    table = printed(table)
    lines: list[str] = []
    slots = slot_map(table)
    for r in range(table.n_rows):
        if r:
            mark = pages.maybe(0.06)
            if mark:
                lines.append(mark)
        if padded:
            fields = []
            for c in range(table.n_cols):
                cell = slots[(r, c)]
                anchor = cell.row == r and cell.col == c
                fields.append(cell.text.replace("\n", "") if anchor else "")
        else:
            fields = ["" if cont else cell.text.replace("\n", "")
                      for cell, cont in row_items(table, r)]
        lines.append("\t".join(fields))
    return lines


def render_lines(report: Report, style: str, padded: bool, rng: random.Random) -> list[str]:
    """The report as text lines in the given style (no line endings yet)."""
    pages = _PageNumbers(report, rng)
    lines: list[str] = []
    prev_table = False
    for block in report.blocks:
        if isinstance(block, Table):
            if style == "seed":
                lines.extend(["", "", ""] if prev_table else [])
                lines.extend(_seed_table(block, pages))
            else:
                lines.extend(["", ""] if prev_table else [""])
                lines.extend(_tab_table(block, pages, padded))
            prev_table = True
            continue
        if prev_table:
            lines.extend(["", "", ""] if style == "seed" else [""])
        prev_table = False
        if isinstance(block, Heading):
            if block.level == 1 and lines and lines[-1] != "" and style == "tabs":
                lines.append("")
            mark = pages.maybe(0.2) if len(lines) > 5 else None
            if mark:
                lines.extend(["", mark, ""])
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
    lines.extend(["", "", "", pages.fmt.format(n=pages.page), ""] if pages.on else [])
    return lines


def encode_text(lines: list[str], encoding: str, eol: str) -> bytes:
    """Join lines with the chosen line ending and encode (BOM per codec name)."""
    text = _EOL[eol].join(lines) + _EOL[eol]
    if encoding == "gbk":
        for bad, good in _GBK_SUBSTITUTES.items():
            text = text.replace(bad, good)
    return text.encode(encoding)


def render_text(report: Report, style: str, padded: bool, encoding: str, eol: str) -> bytes:
    """One text file of the report; deterministic for a given report and settings."""
    rng = random.Random(f"{report.case}:{style}:{padded}:{encoding}:{eol}")
    return encode_text(render_lines(report, style, padded, rng), encoding, eol)
