"""A plain-text view for people: each table as a grid, then its records with header paths."""

from __future__ import annotations

import re
import unicodedata

from govreport.model import Document, Heading, Table
from govreport.tables.paths import dense_grid, records


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


LEGEND = "legend: → the cell to the left spans here · 〃 the cell above spans here · · an empty cell"
LABEL_LIMIT = 18  # display columns a grid slot shows before it is cut with …


def _short(text: str, limit: int | None = LABEL_LIMIT) -> str:
    text = text.replace("\n", "")
    if limit is None:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > limit - 1 and len(out) < len(text):
            return out + "…"
        out += ch
        used += w
    return out


def _slots(table: Table, full: bool) -> list[list[str]]:
    grid = dense_grid(table)
    rows = []
    for r, line in enumerate(grid):
        out = []
        for c, cell in enumerate(line):
            if cell is None:
                out.append("?")
            elif cell.row == r and cell.col == c:
                out.append(_short(cell.text, None if full else LABEL_LIMIT) or "·")
            elif cell.row == r:
                out.append("→")
            else:
                out.append("〃")
        rows.append(out)
    return rows


def _bands(widths: list[int], keep: int, width: int | None) -> list[list[int]]:
    """Column groups that each fit `width` display columns, every group starting
    with the first `keep` (label) columns when they leave room for a value."""
    every = list(range(len(widths)))
    if width is None or sum(widths) + 3 * (len(widths) - 1) <= width:
        return [every]
    lead = every[:keep]
    lead_width = sum(widths[c] + 3 for c in lead)
    if lead_width >= width // 2:
        lead, lead_width = [], 0
    bands: list[list[int]] = []
    current: list[int] = []
    used = lead_width
    for c in every:
        if c in lead:
            continue
        if current and used + widths[c] > width:
            bands.append(lead + current)
            current, used = [], lead_width
        current.append(c)
        used += widths[c] + 3
    if current:
        bands.append(lead + current)
    return bands


def table_grid(table: Table, *, width: int | None = None, full: bool = False) -> str:
    """The grid with one text per slot: a merged cell's text at its anchor, ``〃`` for
    slots it covers below, ``→`` for slots it covers to the right, ``·`` for an empty
    cell. Labels are cut at 18 columns unless `full`; a grid wider than `width`
    is printed in bands of columns, each repeating the row-label columns."""
    rows = _slots(table, full)
    widths = [max((display_width(row[c]) for row in rows), default=1) for c in range(table.n_cols)]
    parts = []
    for band in _bands(widths, table.header_cols, width):
        if len(band) < table.n_cols:
            parts.append(f"[columns {', '.join(str(c) for c in band)}]")
        parts.extend(
            " │ ".join(_pad(row[c], widths[c]) for c in band).rstrip() for row in rows
        )
    return "\n".join(parts)


def _wrap(text: str, width: int | None, indent: str = "    ") -> list[str]:
    """`text` cut into lines of at most `width` display columns, at spaces where it
    can be (Chinese labels have none: they are cut between characters);
    continuation lines are indented."""
    if width is None or display_width(text) <= width or width <= len(indent) + 1:
        return [text]
    lines: list[str] = []
    current, used = "", 0
    for token in re.split(r"(?<= )", text):
        w = display_width(token)
        if used + w > width and current.strip():
            lines.append(current.rstrip())
            current, used = indent, len(indent)
            token = token.lstrip()
            w = display_width(token)
        for ch in token if used + w > width else [token]:
            cw = display_width(ch)
            if used + cw > width and current.strip():
                lines.append(current.rstrip())
                current, used = indent, len(indent)
            current += ch
            used += cw
    if current.strip():
        lines.append(current.rstrip())
    return lines


def render_show(doc: Document, *, width: int | None = None, full: bool = False) -> str:
    """Each table of `doc` as a grid, then its records with their header paths,
    the report's values and failed checks, and the diagnostics.

    `width` (display columns) wraps wide grids into bands and long lines;
    `full` prints every label uncut. The legend of the grid's marks is
    `LEGEND`, which callers print once.
    """
    lines = [f"{doc.source.name}  [{doc.source.format}"
             + (f", {doc.source.charset}" if doc.source.charset else "") + "]"]
    if doc.metadata.title:
        lines.append(f"title: {doc.metadata.title}")
    meta = [f"{k}={v}" for k, v in (("agency", doc.metadata.agency), ("year", doc.metadata.year),
                                      ("edition", doc.metadata.edition)) if v is not None]
    if meta:
        lines.append("  ".join(meta))
    index = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(("  " * max(0, block.level - 1)) + "# " + block.text)
        if not isinstance(block, Table):
            continue
        lines.append("")
        lines.append(
            f"== table {index}"
            + (f" ({block.kind})" if block.kind else "")
            + f": {block.n_rows} x {block.n_cols}, header rows {block.header_rows}, "
            f"label columns {block.header_cols}"
        )
        lines.append(table_grid(block, width=width, full=full))
        lines.append(f"-- records ({len(records(block))})")
        for rec in records(block):
            key = f"  [{rec.key}]" if rec.key else ""
            lines.append(f"{' / '.join(rec.row) or '—'}  |  {' / '.join(rec.col) or '—'}  =  "
                         f"{rec.text!r}{key}")
        index += 1
        lines.append("")
    if doc.report is not None:
        counts: dict[str, int] = {}
        for check in doc.report.checks:
            counts[check.status] = counts.get(check.status, 0) + 1
        filled = sum(1 for v in doc.report.values.values() if v is not None)
        lines.append(
            f"report: {filled} of {len(doc.report.values)} canonical values; checks: "
            + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        )
        for check in doc.report.checks:
            if check.status == "fail":
                lines.append(f"  FAIL {check.rule} [{check.scope}]: {check.message}")
    if doc.diagnostics:
        lines.append("diagnostics:")
        for d in doc.diagnostics:
            where = ""
            if d.location is not None:
                parts = [f"{k} {getattr(d.location, k)}" for k in ("page", "line", "table", "row")
                         if getattr(d.location, k) is not None]
                where = f" ({', '.join(parts)})" if parts else ""
            lines.append(f"  {d.severity}: {d.code}: {d.message}{where}")
    lines = [part for line in lines for part in (_wrap(line, width) if "│" not in line else [line])]
    return "\n".join(lines) + "\n"


def legend(width: int | None = None) -> str:
    """`LEGEND` wrapped to `width`, with its line break."""
    return "\n".join(_wrap(LEGEND, width)) + "\n"
