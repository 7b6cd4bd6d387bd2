"""A plain-text view for people: each table as a grid, then its records with header paths."""

from __future__ import annotations

import unicodedata

from govreport.model import Document, Heading, Table
from govreport.tables.paths import dense_grid, records


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _short(text: str, limit: int = 18) -> str:
    text = text.replace("\n", "")
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > limit - 1 and len(out) < len(text):
            return out + "…"
        out += ch
        used += w
    return out


def table_grid(table: Table) -> str:
    """The grid with one text per slot: a merged cell's text at its anchor, ``〃`` for
    slots it covers below, ``→`` for slots it covers to the right."""
    grid = dense_grid(table)
    rows = []
    for r, line in enumerate(grid):
        out = []
        for c, cell in enumerate(line):
            if cell is None:
                out.append("?")
            elif cell.row == r and cell.col == c:
                out.append(_short(cell.text) or "·")
            elif cell.row == r:
                out.append("→")
            else:
                out.append("〃")
        rows.append(out)
    widths = [max((display_width(row[c]) for row in rows), default=1) for c in range(table.n_cols)]
    return "\n".join(" │ ".join(_pad(t, w) for t, w in zip(row, widths)).rstrip() for row in rows)


def render_show(doc: Document) -> str:
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
        lines.append(table_grid(block))
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
    return "\n".join(lines) + "\n"
