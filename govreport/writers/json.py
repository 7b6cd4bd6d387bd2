"""JSON: the lossless output, schema ``govreport/1`` (docs/output-json.md).

Tables carry their cells (anchor, spans, role) and, derived from them, every
data cell's record with its header paths, canonical key and parsed value.
`load_json` rebuilds the `Document`; records, values and the status are
derived again, never read back.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from govreport.errors import SchemaVersionError
from govreport.model import (
    Block,
    Cell,
    CheckResult,
    Diagnostic,
    Document,
    Heading,
    Location,
    Metadata,
    Paragraph,
    Report,
    SourceInfo,
    Table,
)
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import records

SCHEMA = "govreport/1.1"
MAJOR = 1


def _loc(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    out: dict[str, Any] = {}
    for name in ("line", "page", "bbox", "table", "row", "col", "ref"):
        value = getattr(loc, name)
        if value is not None:
            out[name] = list(value) if name == "bbox" else value
    return out


def _cell(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {
        "row": cell.row,
        "col": cell.col,
        "row_span": cell.row_span,
        "col_span": cell.col_span,
        "text": cell.text,
        "role": cell.role,
    }
    if cell.key is not None:
        out["key"] = cell.key
    if cell.nested:
        out["nested"] = list(cell.nested)
    if cell.source is not None:
        out["source"] = _loc(cell.source)
    if cell.confidence is not None:
        out["confidence"] = cell.confidence
    if cell.uncertain:
        out["uncertain"] = True
    return out


def table_to_dict(table: Table, index: int) -> dict[str, Any]:
    recs = []
    for rec in records(table):
        value = parse_value(rec.text, header_unit(rec.col))
        recs.append(
            {
                "row": list(rec.row),
                "col": list(rec.col),
                "text": rec.text,
                "value": value.number,
                "cell": list(rec.cell),
                "key": rec.key,
            }
        )
    out: dict[str, Any] = {
        "index": index,
        "kind": table.kind,
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        "header_rows": table.header_rows,
        "header_cols": table.header_cols,
        "caption": table.caption,
        "cells": [_cell(c) for c in table.cells],
        "records": recs,
    }
    if table.source is not None:
        out["source"] = _loc(table.source)
    return out


def _check(check: CheckResult) -> dict[str, Any]:
    return {
        "rule": check.rule,
        "status": check.status,
        "message": check.message,
        "scope": check.scope,
        "expected": check.expected,
        "actual": check.actual,
        "cells": list(check.cells),
        "where": [_loc(w) for w in check.where],
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON data (schema ``govreport/1``)."""
    blocks: list[dict[str, Any]] = []
    tables: list[dict[str, Any]] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            blocks.append({"type": "table", "table": len(tables)})
            tables.append(table_to_dict(block, len(tables)))
            continue
        item: dict[str, Any]
        if isinstance(block, Heading):
            item = {"type": "heading", "level": block.level, "text": block.text}
        else:
            item = {"type": "paragraph", "text": block.text}
        if block.source is not None:
            item["source"] = _loc(block.source)
        blocks.append(item)
    s = doc.source
    report = None
    if doc.report is not None:
        report = {
            "edition": doc.report.edition,
            "values": dict(doc.report.values),
            "units": dict(doc.report.units),
            "checks": [_check(c) for c in doc.report.checks],
        }
    return {
        "schema": SCHEMA,
        "source": {
            "name": s.name,
            "format": s.format,
            "sha256": s.sha256,
            "size": s.size,
            "charset": s.charset,
            "charset_confidence": s.charset_confidence,
            "pages": s.pages,
        },
        "metadata": {
            "title": doc.metadata.title,
            "agency": doc.metadata.agency,
            "year": doc.metadata.year,
            "edition": doc.metadata.edition,
        },
        "status": doc.status,
        "blocks": blocks,
        "tables": tables,
        "report": report,
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity,
                "message": d.message,
                "location": _loc(d.location),
            }
            for d in doc.diagnostics
        ],
    }


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(doc: Document, *, indent: int | None = 1) -> str:
    """The document as JSON text. A lone surrogate (text decoded with surrogateescape)
    is written as its ``\\uXXXX`` escape, so the text encodes to UTF-8 and loads back
    to the same string."""
    text = json.dumps(document_to_dict(doc), ensure_ascii=False, indent=indent)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- decoding -------------------------------------------------------------------------


def _to_loc(data: Mapping[str, Any] | None) -> Location | None:
    if data is None:
        return None
    bbox = data.get("bbox")
    return Location(
        line=data.get("line"),
        page=data.get("page"),
        bbox=tuple(bbox) if bbox is not None else None,
        table=data.get("table"),
        row=data.get("row"),
        col=data.get("col"),
        ref=data.get("ref"),
    )


def _to_table(data: Mapping[str, Any]) -> Table:
    cells = tuple(
        Cell(
            row=c["row"],
            col=c["col"],
            row_span=c["row_span"],
            col_span=c["col_span"],
            text=c["text"],
            role=c["role"],
            key=c.get("key"),
            nested=tuple(c.get("nested", ())),
            source=_to_loc(c.get("source")),
            confidence=c.get("confidence"),
            uncertain=bool(c.get("uncertain", False)),
        )
        for c in data["cells"]
    )
    return Table(
        n_rows=data["n_rows"],
        n_cols=data["n_cols"],
        cells=cells,
        header_rows=data["header_rows"],
        header_cols=data["header_cols"],
        caption=data.get("caption"),
        kind=data.get("kind"),
        source=_to_loc(data.get("source")),
    )


def check_schema_version(schema: object) -> None:
    if not isinstance(schema, str) or not schema.startswith("govreport/"):
        raise SchemaVersionError(f"not a govreport document (schema {schema!r})")
    try:
        major = int(schema.split("/", 1)[1].split(".")[0])
    except ValueError as exc:
        raise SchemaVersionError(f"unreadable schema version {schema!r}") from exc
    if major != MAJOR:
        raise SchemaVersionError(
            f"document has schema {schema}, this govreport reads {SCHEMA} "
            f"(major version {major} != {MAJOR})"
        )


def document_from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a `Document` from `document_to_dict` output."""
    check_schema_version(data.get("schema"))
    tables = [_to_table(t) for t in data["tables"]]
    blocks: list[Block] = []
    for b in data["blocks"]:
        if b["type"] == "table":
            blocks.append(tables[b["table"]])
        elif b["type"] == "heading":
            blocks.append(Heading(b["level"], b["text"], _to_loc(b.get("source"))))
        else:
            blocks.append(Paragraph(b["text"], _to_loc(b.get("source"))))
    s = data["source"]
    report = None
    if data.get("report") is not None:
        r = data["report"]
        report = Report(
            edition=r["edition"],
            values=dict(r["values"]),
            units=dict(r.get("units", {})),
            checks=tuple(
                CheckResult(
                    rule=c["rule"],
                    status=c["status"],
                    message=c["message"],
                    expected=c.get("expected"),
                    actual=c.get("actual"),
                    scope=c.get("scope"),
                    cells=tuple(c.get("cells", ())),
                    where=tuple(w for w in (_to_loc(x) for x in c.get("where", ())) if w),
                )
                for c in r["checks"]
            ),
        )
    m = data["metadata"]
    return Document(
        source=SourceInfo(
            name=s["name"],
            format=s["format"],
            sha256=s["sha256"],
            size=s["size"],
            charset=s.get("charset"),
            charset_confidence=s.get("charset_confidence"),
            pages=s.get("pages"),
        ),
        metadata=Metadata(m.get("title"), m.get("agency"), m.get("year"), m.get("edition")),
        blocks=tuple(blocks),
        diagnostics=tuple(
            Diagnostic(d["code"], d["severity"], d["message"], _to_loc(d.get("location")))
            for d in data["diagnostics"]
        ),
        report=report,
    )


def load_json(src: str | os.PathLike[str] | bytes) -> Document:
    """Read a govreport JSON file (or its bytes) back into a `Document`."""
    if isinstance(src, (bytes, bytearray)):
        data = json.loads(src)
    else:
        with open(src, encoding="utf-8") as fh:
            data = json.load(fh)
    return document_from_dict(data)
