"""Every corpus document through every writer: the done-when checks of the output formats.

For each generated txt and docx case, the real reports and a sample of ten
generated PDFs: the JSON validates against the schema and loads back to the
same document, the XML validates against the XSD, both CSV forms write (the
grid's lines one width per file) and the HTML page draws every table.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import lxml.html
import pytest
from helpers import CORPUS, to_valid_json
from test_writers_xml import valid_xml

import govreport
from govreport.writers import WRITERS
from govreport.writers.csv import render_csv, render_grid_tables
from govreport.writers.json import load_json


def _corpus_files() -> list[Path]:
    manifest = json.loads((CORPUS / "generated" / "manifest.json").read_text(encoding="utf-8"))
    files = [CORPUS / "generated" / e["file"] for e in manifest if e["format"] in ("txt", "docx")]
    pdfs = [CORPUS / "generated" / e["file"] for e in manifest if e["format"] == "pdf"]
    real = sorted(p for p in (CORPUS / "real").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    return [*real, *files, *pdfs[:: max(1, len(pdfs) // 10)][:10]]


FILES = _corpus_files()


def test_the_corpus_sample_holds_every_kind_of_input() -> None:
    suffixes = [p.suffix for p in FILES]
    assert suffixes.count(".pdf") == 11  # ten generated and the real one
    assert suffixes.count(".docx") >= 60 and suffixes.count(".txt") >= 240


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_document_writes_to_every_format(path: Path) -> None:
    doc = govreport.read(path)

    data = to_valid_json(doc)
    assert load_json(WRITERS["json"].render(doc)) == doc
    assert len(data["tables"]) == len(doc.tables)

    root = valid_xml(doc)
    assert len(root.findall("{urn:govreport:1}blocks/{urn:govreport:1}table")) == len(doc.tables)

    tidy = list(csv.reader(io.StringIO(render_csv([doc]).decode("utf-8"), newline="")))
    assert len(tidy) == 1 + sum(len(govreport.records(t)) for t in doc.tables)
    widest = max((t.n_cols for t in doc.tables), default=0)
    for fill in ("repeat", "first", "blank"):
        text = render_csv([doc], {"form": "grid", "fill": fill}).decode("utf-8")
        lines = list(csv.reader(io.StringIO(text, newline="")))
        assert {len(r) for r in lines} == {widest + 3}
        for index, table in enumerate(doc.tables):
            # a table's slots past its own width are padding
            mine = [r for r in lines[1:] if r[1] == str(index)]
            assert mine and all(not any(r[3 + table.n_cols:]) for r in mine)
        parts = render_grid_tables(doc, {"form": "grid", "fill": fill})
        for (_, data), table in zip(parts, doc.tables):
            own = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            assert {len(r) for r in own} == {table.n_cols + 3}

    page = lxml.html.document_fromstring(WRITERS["html"].render(doc).decode("utf-8"))
    assert len(page.xpath("//main/table")) == len(doc.tables)
