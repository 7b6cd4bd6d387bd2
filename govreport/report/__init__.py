"""The report layer: recognises the official tables and edition, maps cells to
canonical keys, parses values and runs the format's arithmetic identities."""

from __future__ import annotations

from govreport.model import Document


def analyse(doc: Document) -> Document:
    return doc
