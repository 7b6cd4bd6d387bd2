"""Markdown renderings of a report, as PDF-to-Markdown converters and OCR tools write them.

Pipe tables have exactly one header row, which the report's tables do not
fit; tools fill it in their own ways, and each way is a knob here:

* ``first_row`` — the table's first grid row becomes the pipe header row;
* ``placeholder`` — a made-up header row ``列1 | 列2 | …`` above the whole grid;
* ``unnamed`` — pandas' ``to_markdown``: the first row as the header, every
  empty slot of it named ``Unnamed: <column>``;
* ``html`` — the table embedded as HTML with ``rowspan``/``colspan`` (as
  layout-analysis tools that keep merges write it).

A merged cell's text is printed once (the other slots empty) or repeated in
every slot it covers; a cell's lines are joined by ``<br>``, a space or
nothing. Everything is printed from the grid model (anchors, spans, text).
"""

from __future__ import annotations

import html
import random

from .model import Heading, Paragraph, Report, Table, printed, row_items, slot_map

MARKDOWN_KNOBS = [
    {"header": "first_row", "merges": "once", "lines": "<br>", "prose": "atx"},
    {"header": "first_row", "merges": "repeat", "lines": " ", "prose": "bold"},
    {"header": "placeholder", "merges": "once", "lines": "", "prose": "plain"},
    {"header": "placeholder", "merges": "repeat", "lines": "<br>", "prose": "atx"},
    {"header": "unnamed", "merges": "once", "lines": " ", "prose": "atx"},
    {"header": "html", "merges": "once", "lines": "<br>", "prose": "bold"},
]


def markdown_knobs(index: int) -> dict[str, str]:
    """The Markdown knobs of case number `index` (rotated so that each combination appears)."""
    return dict(MARKDOWN_KNOBS[index % len(MARKDOWN_KNOBS)])


def _cell_md(text: str, lines: str) -> str:
    joined = lines.join(part.strip() for part in text.split("\n"))
    return joined.replace("\\", "\\\\").replace("|", "\\|")


def grid_rows(table: Table, merges: str, lines: str) -> list[list[str]]:
    """Every grid slot's text: the anchor's text, and in the other slots of a merged cell
    nothing (``once``) or the same text again (``repeat``)."""
    slots = slot_map(printed(table))
    rows: list[list[str]] = []
    for r in range(table.n_rows):
        row: list[str] = []
        for c in range(table.n_cols):
            cell = slots[(r, c)]
            anchor = (cell.row, cell.col) == (r, c)
            row.append(_cell_md(cell.text, lines) if anchor or merges == "repeat" else "")
        rows.append(row)
    return rows


def _pipe(row: list[str]) -> str:
    return "| " + " | ".join(row) + " |"


def pipe_table(table: Table, knobs: dict[str, str]) -> list[str]:
    """A table as a pipe table with the knob's kind of header row."""
    rows = grid_rows(table, knobs["merges"], knobs["lines"])
    header_kind = knobs["header"]
    if header_kind == "placeholder":
        header = [f"列{c + 1}" for c in range(table.n_cols)]
    else:
        header, rows = rows[0], rows[1:]
        if header_kind == "unnamed":
            header = [h if h else f"Unnamed: {c}" for c, h in enumerate(header)]
    delimiter = ["---"] * table.n_cols
    return [_pipe(header), _pipe(delimiter), *(_pipe(r) for r in rows)]


def html_table(table: Table, lines: str) -> list[str]:
    """A table embedded as HTML on one line per row, with its spans."""
    table = printed(table)
    out = ["<table>"]
    for r in range(table.n_rows):
        tds = []
        for cell, cont in row_items(table, r):
            if cont:
                continue
            attrs = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
                f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
            text = lines.join(html.escape(part.strip(), quote=False) for part in cell.text.split("\n"))
            tds.append(f"<td{attrs}>{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return out


def _heading(block: Heading, prose: str) -> str:
    if prose == "atx":
        return "#" * (block.level + 1) + " " + block.text
    if prose == "bold":
        return f"**{block.text}**"
    return block.text


def render_markdown(report: Report, knobs: dict[str, str]) -> bytes:
    """The report as one Markdown file (UTF-8)."""
    rng = random.Random(f"{report.case}:md")
    parts: list[str] = []
    for block in report.blocks:
        if isinstance(block, Heading):
            parts.append(_heading(block, knobs["prose"]))
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            if knobs["header"] == "html":
                lines = html_table(block, knobs["lines"])
            else:
                lines = pipe_table(block, knobs)
            if rng.random() < 0.2 and knobs["header"] != "html":
                lines = [ln.replace(" | ", "|").replace("| ", "|").replace(" |", "|") for ln in lines]
            parts.append("\n".join(lines))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
