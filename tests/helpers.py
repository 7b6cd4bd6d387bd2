"""Shared test helpers: schema validation of every JSON the tests produce, goldens."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

import govreport
from govreport.tables.paths import grid_picture
from govreport.writers.json import document_to_dict

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REGENERATE = os.environ.get("GOVREPORT_REGENERATE") == "1"


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    """The shipped JSON Schema (govreport/1), checked itself."""
    schema = json.loads(
        resources.files("govreport").joinpath("schemas").joinpath("govreport-1.schema.json").read_text("utf-8")
    )
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def to_valid_json(doc: govreport.Document) -> dict[str, Any]:
    """The document's JSON, validated against the shipped schema (fails the test if not)."""
    data = document_to_dict(doc)
    text = json.dumps(data, ensure_ascii=False)
    data = json.loads(text)
    errors = sorted(schema_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return data


def golden_of(doc: govreport.Document) -> dict[str, Any]:
    """What a golden file pins: blocks outside tables, each table's grid picture and records."""
    blocks = []
    for b in doc.blocks:
        if isinstance(b, govreport.Heading):
            blocks.append({"type": "heading", "level": b.level, "text": b.text})
        elif isinstance(b, govreport.Paragraph):
            blocks.append({"type": "paragraph", "text": b.text})
        else:
            blocks.append({"type": "table"})
    tables = []
    for i, t in enumerate(doc.tables):
        tables.append(
            {
                "index": i,
                "kind": t.kind,
                "n_rows": t.n_rows,
                "n_cols": t.n_cols,
                "grid": grid_picture(t).split("\n"),
                "records": [
                    {"row": list(r.row), "col": list(r.col), "text": r.text}
                    for r in govreport.records(t)
                ],
            }
        )
    return {"source": doc.source.name, "blocks": blocks, "tables": tables}


def check_golden(doc: govreport.Document, path: Path, note: str = "") -> None:
    actual = golden_of(doc)
    if note:
        actual = {"note": note, **actual}
    if REGENERATE:
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    expected.pop("note", None)
    actual.pop("note", None)
    for key in ("blocks", "tables"):
        if key in expected:
            assert actual[key] == expected[key], f"{path.name}: {key} differ from the golden file"
