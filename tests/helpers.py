"""Shared test helpers: schema validation of every JSON the tests produce; golden files (from `goldens`)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from goldens import check_golden, golden_of, regenerating

import govreport
from govreport.writers.json import document_to_dict

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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


__all__ = ["CORPUS", "ROOT", "check_golden", "golden_of", "regenerating", "schema_validator", "to_valid_json"]
