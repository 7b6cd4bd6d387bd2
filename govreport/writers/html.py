"""HTML: a self-contained page per document, for people checking a conversion
(docs/output-html.md).

The page shows the source and metadata, the checks that failed or are
uncertain (with links to the cells involved), the diagnostics, then the
document's headings, paragraphs and tables in reading order. Tables are
drawn with their real ``rowspan``/``colspan``; header, corner, stub and
caption cells are ``<th>`` with the role as class, data cells ``<td>`` with
their canonical key in ``title``. Cells named by a failed or uncertain check
(by grid position in `CheckResult.where` or by key in `CheckResult.cells`)
are highlighted. Inline CSS only: no scripts, no external resources, every
text escaped. Characters XML 1.0 forbids become U+FFFD.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from govreport.model import Cell, CheckResult, Document, Heading, Location, Paragraph, Table
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import records
from govreport.writers.xml import replace_forbidden

FLAGGED = ("fail", "uncertain")

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:1.5em 2em;color:#1b1b1b;line-height:1.5;font-size:15px}
h1{font-size:1.5em}h2{font-size:1.25em}h3,h4,h5,h6{font-size:1.05em}
header.source{border-bottom:1px solid #ccc;margin-bottom:1em;padding-bottom:.5em}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.3em 0}
dl.meta dt{color:#555}dl.meta dd{margin:0}
section.checks,section.diagnostics{border:1px solid #ddd;border-radius:4px;padding:.3em 1em;margin:1em 0}
section.checks{border-color:#d33;background:#fff6f6}
li.fail{color:#a00}li.uncertain{color:#8a5a00}
table{border-collapse:collapse;margin:.8em 0 1.6em;font-size:14px}
th,td{border:1px solid #777;padding:2px 6px;vertical-align:middle}
td{text-align:right;min-width:2.5em}
th.header{background:#e8eef7;font-weight:600;text-align:center}
th.corner{background:#eef0f3;font-weight:400;font-size:12px;text-align:left}
th.stub{background:#f6f6f0;font-weight:400;text-align:left}
th.caption{background:#dfe7d8;text-align:left}
td.empty{background:#fafafa}
td.fail,th.fail{background:#ffd4d4;outline:2px solid #d33;outline-offset:-2px}
td.uncertain,th.uncertain{background:#fff0c2;outline:2px dashed #c90;outline-offset:-2px}
li .numbers{color:#555}
.table-title{font-size:13px;color:#555;margin-bottom:-.5em}
p.paragraph{white-space:pre-wrap}
"""


def _t(text: str | None) -> str:
    """Text made safe for the page: forbidden characters replaced, markup escaped."""
    if text is None:
        return ""
    return escape(replace_forbidden(text)[0], quote=True)


def _anchor(table: int, row: int, col: int) -> str:
    return f"t{table}-r{row}-c{col}"


def _flags(doc: Document) -> tuple[dict[tuple[int, int, int], str], dict[str, str]]:
    """Cells named by failed/uncertain checks: by grid position and by key, with
    the worse status when several checks name one cell."""
    by_slot: dict[tuple[int, int, int], str] = {}
    by_key: dict[str, str] = {}
    if doc.report is None:
        return by_slot, by_key
    for check in doc.report.checks:
        if check.status not in FLAGGED:
            continue
        for loc in check.where:
            if loc.table is not None and loc.row is not None and loc.col is not None:
                slot = (loc.table, loc.row, loc.col)
                if by_slot.get(slot) != "fail":
                    by_slot[slot] = check.status
        for key in check.cells:
            if by_key.get(key) != "fail":
                by_key[key] = check.status
    return by_slot, by_key


def _cell_html(cell: Cell, index: int, status: str | None, unit: str | None) -> str:
    attrs = [f'id="{_anchor(index, cell.row, cell.col)}"']
    if cell.row_span > 1:
        attrs.append(f'rowspan="{cell.row_span}"')
    if cell.col_span > 1:
        attrs.append(f'colspan="{cell.col_span}"')
    classes: list[str] = [cell.role]
    text = _t(cell.text).replace("\n", "<br>")
    for n in cell.nested:
        text += f' <a href="#table-{n}">[table {n}]</a>'
    if cell.role == "data":
        if not cell.text.strip():
            classes.append("empty")
        if status:
            classes.append(status)
        value = parse_value(cell.text, unit)
        title = cell.key or "(no canonical key)"
        if value.kind == "number":
            title += f" = {value.number}" + (f" {value.unit}" if value.unit else "")
        attrs.append(f'title="{_t(title)}"')
        return f'<td class="{" ".join(classes)}" {" ".join(attrs)}>{text}</td>'
    if status:
        classes.append(status)
    if cell.role == "header":
        attrs.append('scope="col"')
    elif cell.role == "stub":
        attrs.append('scope="row"')
    return f'<th class="{" ".join(classes)}" {" ".join(attrs)}>{text}</th>'


def table_to_html(
    table: Table,
    index: int,
    by_slot: dict[tuple[int, int, int], str] | None = None,
    by_key: dict[str, str] | None = None,
) -> str:
    """One table as an HTML ``<table>`` with its spans and role classes."""
    by_slot = by_slot or {}
    by_key = by_key or {}
    units = {rec.cell: header_unit(rec.col) for rec in records(table)}
    rows: list[list[Cell]] = [[] for _ in range(table.n_rows)]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if 0 <= cell.row < table.n_rows:
            rows[cell.row].append(cell)
    title = f"table {index}" + (f" · {table.kind}" if table.kind else "")
    title += f" · {table.n_rows} × {table.n_cols}"
    out = [f'<div class="table-title" id="table-{index}">{_t(title)}</div>', "<table>"]
    if table.caption:
        out.append(f"<caption>{_t(table.caption)}</caption>")
    out.append("<tbody>")
    for line in rows:
        parts = []
        for cell in line:
            status = by_slot.get((index, cell.row, cell.col))
            if cell.key is not None and by_key.get(cell.key) == "fail":
                status = "fail"
            elif cell.key is not None and status is None:
                status = by_key.get(cell.key)
            parts.append(_cell_html(cell, index, status, units.get((cell.row, cell.col))))
        out.append("<tr>" + "".join(parts) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _location(loc: Location | None) -> str:
    if loc is None:
        return ""
    parts = [
        f"{name} {getattr(loc, name)}"
        for name in ("page", "line", "table", "row", "col", "ref")
        if getattr(loc, name) is not None
    ]
    return f" ({_t(', '.join(parts))})" if parts else ""


def _number(value: float | None) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_item(check: CheckResult, keys: dict[str, tuple[int, int, int]]) -> str:
    """One check with links to its cells: by key where the key is on a cell, then the
    grid positions no key already names."""
    head = f"<b>{_t(check.rule)}</b> {_t(check.status)}: {_t(check.message)}"
    if check.expected is not None or check.actual is not None:
        numbers = f"expected {_number(check.expected)}, printed {_number(check.actual)}"
        head += f' <span class="numbers">({_t(numbers)})</span>'
    links = []
    linked: set[tuple[int, int, int]] = set()
    for key in check.cells:
        slot = keys.get(key)
        label = f"<code>{_t(key)}</code>"
        if slot is not None:
            linked.add(slot)
            links.append(f'<a href="#{_anchor(*slot)}">{label}</a>')
        else:
            links.append(label)
    for loc in check.where:
        if loc.table is None or loc.row is None or loc.col is None:
            continue
        if (loc.table, loc.row, loc.col) not in linked:
            linked.add((loc.table, loc.row, loc.col))
            ref = _anchor(loc.table, loc.row, loc.col)
            links.append(f'<a href="#{ref}">table {loc.table} ({loc.row}, {loc.col})</a>')
    cells = f"<br>cells: {', '.join(links)}" if links else ""
    return f'<li class="{_t(check.status)}">{head}{cells}</li>'


def _checks_section(doc: Document) -> str:
    if doc.report is None:
        return ""
    flagged = [c for c in doc.report.checks if c.status in FLAGGED]
    total = len(doc.report.checks)
    if not flagged:
        return f'<section class="checks-ok"><p>All {total} checks pass or cannot be assessed.</p></section>'
    keys: dict[str, tuple[int, int, int]] = {}
    for index, table in enumerate(doc.tables):
        for cell in table.cells:
            if cell.key is not None:
                keys.setdefault(cell.key, (index, cell.row, cell.col))
    items = "\n".join(_check_item(c, keys) for c in flagged)
    return (
        f'<section class="checks"><h2>Checks: {len(flagged)} of {total} failed or uncertain</h2>'
        f"<ul>\n{items}\n</ul></section>"
    )


def _diagnostics_section(doc: Document) -> str:
    if not doc.diagnostics:
        return ""
    items = "\n".join(
        f'<li class="{_t(d.severity)}"><b>{_t(d.severity)}</b> <code>{_t(d.code)}</code>: '
        f"{_t(d.message)}{_location(d.location)}</li>"
        for d in doc.diagnostics
    )
    return (
        f'<section class="diagnostics"><details open><summary>Diagnostics ({len(doc.diagnostics)})'
        f"</summary><ul>\n{items}\n</ul></details></section>"
    )


def _header(doc: Document) -> str:
    s, m = doc.source, doc.metadata
    rows: Iterable[tuple[str, object]] = (
        ("source", f"{s.name} ({s.format}" + (f", {s.charset}" if s.charset else "") + ")"),
        ("sha256", s.sha256),
        ("agency", m.agency),
        ("year", m.year),
        ("edition", (doc.report.edition if doc.report else None) or m.edition),
        ("status", doc.status),
    )
    items = "".join(f"<dt>{name}</dt><dd>{_t(str(v))}</dd>" for name, v in rows if v is not None)
    title = m.title or s.name
    return f'<header class="source"><h1>{_t(title)}</h1><dl class="meta">{items}</dl></header>'


def render_html(doc: Document) -> bytes:
    """The document as one self-contained UTF-8 HTML page."""
    by_slot, by_key = _flags(doc)
    body = [_header(doc), _checks_section(doc), _diagnostics_section(doc), "<main>"]
    index = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            body.append(table_to_html(block, index, by_slot, by_key))
            index += 1
        elif isinstance(block, Heading):
            level = min(6, block.level + 1)
            body.append(f"<h{level}>{_t(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            body.append(f'<p class="paragraph">{_t(block.text)}</p>')
    body.append("</main>")
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n"
        f"<title>{_t(doc.metadata.title or doc.source.name)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
