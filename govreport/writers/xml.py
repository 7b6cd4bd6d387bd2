"""XML: the lossless output in the namespace ``urn:govreport:1`` (docs/output-xml.md).

The same content as the JSON (schema ``govreport/1``): source, metadata, the
blocks in reading order with each table in its place (every cell's anchor,
spans, role, key, nested tables and source location, then every data cell's
record with its header paths, one ``<label>`` element per level), the
report's values and checks, and the diagnostics. The shipped XSD
``govreport/schemas/govreport-1.xsd`` validates it.

Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and
carriage return; lone surrogates; U+FFFE, U+FFFF) are replaced by U+FFFD. In
element text the replacement is recorded on the element itself:
``escaped="U+000B@3 U+0000@7"`` lists each original code point with its
0-based character offset in the text, so the original can be restored. Such
a character in an attribute value (keys, codes, refs: identifiers, in
practice never affected) is recorded by an ``xml.forbidden_character``
diagnostic appended to the output's diagnostics.
"""

from __future__ import annotations

import math
import re
from typing import Any

from lxml import etree

from govreport.model import (
    Cell,
    CheckResult,
    Diagnostic,
    Document,
    Heading,
    Location,
    Paragraph,
    Report,
    Table,
)
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import records

NAMESPACE = "urn:govreport:1"
SCHEMA = "govreport/1.1"
_NS = "{" + NAMESPACE + "}"

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def replace_forbidden(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD, and what was
    replaced as ``U+XXXX@offset`` notes (offset in characters, 0-based)."""
    if _FORBIDDEN.search(text) is None:
        return text, ()
    notes = tuple(f"U+{ord(m.group()):04X}@{m.start()}" for m in _FORBIDDEN.finditer(text))
    return _FORBIDDEN.sub("\ufffd", text), notes


def format_number(value: float | int) -> str:
    """A number in the lexical space of ``xs:double`` (integers without a decimal point)."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return repr(value)


class _Builder:
    """Builds the element tree, collecting replacements made in attribute values."""

    def __init__(self) -> None:
        self.attr_notes: list[str] = []

    def el(self, parent: Any, tag: str, **attrs: Any) -> Any:
        nsmap: dict[Any, str] = {None: NAMESPACE}
        node = (
            etree.SubElement(parent, _NS + tag)
            if parent is not None
            else etree.Element(_NS + tag, nsmap=nsmap)
        )
        for name, value in attrs.items():
            self.attr(node, name, value)
        return node

    def attr(self, node: Any, name: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            text, notes = replace_forbidden(value)
            if notes:
                where = etree.QName(node).localname
                self.attr_notes.append(f"attribute {name} of <{where}>: {' '.join(notes)}")
        elif isinstance(value, (int, float)):
            text = format_number(value)
        else:
            text = " ".join(format_number(v) for v in value)
        node.set(name, text)

    def text(self, parent: Any, tag: str, value: str | None) -> Any:
        """A text element; absent when `value` is None."""
        if value is None:
            return None
        node = self.el(parent, tag)
        clean, notes = replace_forbidden(value)
        node.text = clean
        if notes:
            node.set("escaped", " ".join(notes))
        return node

    def location(self, parent: Any, loc: Location | None, tag: str = "location") -> None:
        if loc is None:
            return
        self.el(
            parent,
            tag,
            line=loc.line,
            page=loc.page,
            bbox=loc.bbox,
            table=loc.table,
            row=loc.row,
            col=loc.col,
            ref=loc.ref,
        )

    def cell(self, parent: Any, cell: Cell) -> None:
        node = self.el(
            parent,
            "cell",
            row=cell.row,
            col=cell.col,
            row_span=cell.row_span,
            col_span=cell.col_span,
            role=cell.role,
            key=cell.key,
            confidence=cell.confidence,
            uncertain="true" if cell.uncertain else None,
        )
        self.text(node, "text", cell.text)
        for index in cell.nested:
            self.el(node, "nested", table=index)
        self.location(node, cell.source)

    def table(self, parent: Any, table: Table, index: int) -> None:
        node = self.el(
            parent,
            "table",
            index=index,
            kind=table.kind,
            n_rows=table.n_rows,
            n_cols=table.n_cols,
            header_rows=table.header_rows,
            header_cols=table.header_cols,
        )
        self.text(node, "caption", table.caption)
        self.location(node, table.source)
        cells = self.el(node, "cells")
        for cell in table.cells:
            self.cell(cells, cell)
        recs = self.el(node, "records")
        for rec in records(table):
            value = parse_value(rec.text, header_unit(rec.col)).number
            item = self.el(recs, "record", row=rec.cell[0], col=rec.cell[1], key=rec.key, value=value)
            for tag, path in (("row-path", rec.row), ("col-path", rec.col)):
                holder = self.el(item, tag)
                for label in path:
                    self.text(holder, "label", label)
            self.text(item, "text", rec.text)

    def check(self, parent: Any, check: CheckResult) -> None:
        node = self.el(
            parent,
            "check",
            rule=check.rule,
            status=check.status,
            scope=check.scope,
            expected=check.expected,
            actual=check.actual,
        )
        self.text(node, "message", check.message)
        for key in check.cells:
            self.el(node, "cell", key=key)
        for where in check.where:
            self.location(node, where, "where")

    def report(self, parent: Any, report: Report) -> None:
        node = self.el(parent, "report", edition=report.edition)
        values = self.el(node, "values")
        for key, number in report.values.items():
            self.el(values, "value", key=key, number=number)
        checks = self.el(node, "checks")
        for check in report.checks:
            self.check(checks, check)

    def diagnostic(self, parent: Any, diag: Diagnostic) -> None:
        node = self.el(parent, "diagnostic", code=diag.code, severity=diag.severity)
        self.text(node, "message", diag.message)
        self.location(node, diag.location)


def document_to_xml(doc: Document) -> Any:
    """The document as an lxml element tree rooted at ``<document>``."""
    b = _Builder()
    root = b.el(None, "document", schema=SCHEMA, status=doc.status)
    s = doc.source
    source = b.el(
        root,
        "source",
        format=s.format,
        sha256=s.sha256,
        size=s.size,
        charset=s.charset,
        charset_confidence=s.charset_confidence,
        pages=s.pages,
    )
    b.text(source, "name", s.name)
    m = doc.metadata
    meta = b.el(root, "metadata", year=m.year, edition=m.edition)
    b.text(meta, "title", m.title)
    b.text(meta, "agency", m.agency)
    blocks = b.el(root, "blocks")
    n_tables = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            b.table(blocks, block, n_tables)
            n_tables += 1
            continue
        if isinstance(block, Heading):
            node = b.el(blocks, "heading", level=block.level)
        else:
            assert isinstance(block, Paragraph)
            node = b.el(blocks, "paragraph")
        b.text(node, "text", block.text)
        b.location(node, block.source)
    if doc.report is not None:
        b.report(root, doc.report)
    diags = b.el(root, "diagnostics")
    for diag in doc.diagnostics:
        b.diagnostic(diags, diag)
    if b.attr_notes:
        message = (
            "characters XML 1.0 cannot carry were replaced by U+FFFD in "
            + "; ".join(b.attr_notes)
        )
        b.diagnostic(diags, Diagnostic("xml.forbidden_character", "warning", message))
    return etree.ElementTree(root)


def render_xml(doc: Document) -> bytes:
    """The document as UTF-8 XML bytes, indented, with an XML declaration."""
    tree = document_to_xml(doc)
    data: bytes = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
