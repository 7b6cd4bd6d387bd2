"""The tiny report every writer test and every docs/output-*.md example uses.

It is what the reader, the table builder and the report layer together make
of a cut-down table 3: three header rows under a corner, merged row labels,
canonical keys on the data cells, the report's values and three checks (one
passes, one is uncertain, one fails). The docs' examples are the writers'
real output for it; `GOVREPORT_REGENERATE=1` rewrites the stale ones (and the
test still fails: review the change with `git diff docs/`, then rerun).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from helpers import ROOT, regenerating

import govreport
from govreport.model import (
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
from govreport.writers import WRITERS
from govreport.writers.csv import render_csv
from govreport.writers.json import dumps

DOCS = ROOT / "docs"
_COLS = ("natural_person", "commercial_enterprise", "total")
_ROWS = {3: "new_received", 4: "results.granted", 5: "results.total"}
_TEXTS = {3: ("3", "1", "4"), 4: ("2", "/", "2"), 5: ("2", "", "3")}


def _key(row: int, col: int) -> str:
    return f"applications.{_ROWS[row]}@{_COLS[col - 2]}"


def tiny_table() -> Table:
    """A 6 x 5 cut-down table 3 (applications) with three header levels."""
    cells = [
        Cell(0, 0, 3, 2, "", "corner", source=Location(line=4)),
        Cell(0, 2, 1, 3, "申请人情况", "header", source=Location(line=5)),
        Cell(1, 2, 2, 1, "自然人", "header", source=Location(line=6)),
        Cell(1, 3, 1, 1, "法人或其他组织", "header", source=Location(line=7)),
        Cell(1, 4, 2, 1, "总计", "header", source=Location(line=8)),
        Cell(2, 3, 1, 1, "商业\n企业", "header", source=Location(line=9)),
        Cell(3, 0, 1, 2, "一、本年新收政府信息公开申请数量", "stub", source=Location(line=11)),
        Cell(4, 0, 2, 1, "三、本年度办理结果", "stub", source=Location(line=16)),
        Cell(4, 1, 1, 1, "（一）予以公开", "stub", source=Location(line=17)),
        Cell(5, 1, 1, 1, "（七）总计", "stub", source=Location(line=22)),
    ]
    line = 12
    for row, texts in _TEXTS.items():
        for offset, text in enumerate(texts):
            col = 2 + offset
            cells.append(Cell(row, col, 1, 1, text, "data", _key(row, col), source=Location(line=line)))
            line += 1
        line += 2
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(
        6, 5, tuple(cells), header_rows=3, header_cols=2, kind="applications", source=Location(line=4)
    )


def tiny_report() -> Report:
    """The report layer's reading of `tiny_table`: values and three row-total checks."""
    values: dict[str, int | float | None] = {}
    for row, texts in _TEXTS.items():
        for offset, text in enumerate(texts):
            values[_key(row, 2 + offset)] = int(text) if text.isdigit() else None

    def check(row: int, status: str, message: str, expected: float, actual: float) -> CheckResult:
        return CheckResult(
            rule="T3_ROW_TOTAL",
            status=status,  # type: ignore[arg-type]
            message=message,
            expected=expected,
            actual=actual,
            scope=f"applications.{_ROWS[row]}",
            cells=tuple(_key(row, c) for c in (2, 3, 4)),
            where=tuple(Location(table=0, row=row, col=c) for c in (2, 3, 4)),
        )

    return Report(
        edition="2021",
        values=values,
        checks=(
            check(3, "pass", "总计 = 自然人 + 法人或其他组织", 4, 4),
            check(4, "uncertain", "总计 = 自然人 + 法人或其他组织 only if “/” is read as 0", 2, 2),
            check(5, "fail", "总计 3 ≠ 自然人 2 + 法人或其他组织 (blank)", 2, 3),
        ),
    )


def tiny_document() -> Document:
    """The tiny report as the library returns it."""
    data = b"tiny-2021.txt"
    return Document(
        source=SourceInfo(
            name="tiny-2021.txt",
            format="txt",
            sha256=hashlib.sha256(data).hexdigest(),
            size=812,
            charset="utf-8",
            charset_confidence=1.0,
        ),
        metadata=Metadata(
            title="某县政务服务局2021年政府信息公开工作年度报告",
            agency="某县政务服务局",
            year=2021,
            edition="2021",
        ),
        blocks=(
            Heading(0, "某县政务服务局2021年政府信息公开工作年度报告", Location(line=1)),
            Heading(1, "三、收到和处理政府信息公开申请情况", Location(line=2)),
            Paragraph("本年度新收申请4件，办理结果见下表。", Location(line=3)),
            tiny_table(),
        ),
        diagnostics=(
            Diagnostic(
                "txt.page_numbers_dropped", "info", "1 page-number line(s) dropped", Location(line=10)
            ),
        ),
        report=tiny_report(),
    )


# --- the docs' examples ---------------------------------------------------------------

_BLOCK = re.compile(r"(<!-- example: (?P<name>[\w-]+) -->\n```\w*\n)(?P<body>.*?)(^```$)", re.S | re.M)


def example_outputs() -> dict[str, str]:
    """Each named example of the docs, as the writers render the tiny report now."""
    doc = tiny_document()
    out = {
        "json": dumps(doc),
        "xml": WRITERS["xml"].render(doc).decode("utf-8").rstrip("\n"),
        "html": WRITERS["html"].render(doc).decode("utf-8").rstrip("\n"),
    }
    out["csv-tidy"] = render_csv([doc]).decode("utf-8").replace("\r\n", "\n").rstrip("\n")
    for fill in ("repeat", "first", "blank"):
        grid = render_csv([doc], {"form": "grid", "fill": fill}).decode("utf-8")
        out[f"csv-grid-{fill}"] = grid.replace("\r\n", "\n").rstrip("\n")
    table = doc.tables[0]
    shown = {
        "pandas-table": govreport.table_to_pandas(table).to_string(),
        "pandas-table-text": govreport.table_to_pandas(table, values="text").to_string(),
        "pandas-report": govreport.report_to_pandas(doc).to_string(),
    }
    for name, text in shown.items():
        out[name] = "\n".join(line.rstrip() for line in text.splitlines())
    return out


def _doc_pages() -> list[Path]:
    return sorted(p for p in [*DOCS.glob("output-*.md"), DOCS / "pandas.md"] if p.exists())


@pytest.mark.parametrize("page", _doc_pages(), ids=lambda p: p.name)
def test_docs_examples_are_the_writers_real_output(page: Path) -> None:
    outputs = example_outputs()
    text = page.read_text(encoding="utf-8")
    found = list(_BLOCK.finditer(text))
    assert found, f"{page.name} has no example"
    stale = [m["name"] for m in found if m["body"] != outputs[m["name"]] + "\n"]
    if stale and regenerating():
        text = _BLOCK.sub(lambda m: m.group(1) + outputs[m["name"]] + "\n" + m.group(4), text)
        page.write_text(text, encoding="utf-8")
        pytest.fail(f"{page.name}: rewrote examples {stale}; review them with `git diff docs/` and rerun")
    assert not stale, f"{page.name}: examples {stale} are not the writers' output (GOVREPORT_REGENERATE=1)"


def test_every_output_format_has_its_reference_page() -> None:
    names = {p.name for p in _doc_pages()}
    assert names == {"output-json.md", "output-xml.md", "output-csv.md", "output-html.md", "pandas.md"}


def test_the_reference_pages_link_the_shipped_schemas() -> None:
    for page, schema in (("output-json.md", "govreport-1.schema.json"), ("output-xml.md", "govreport-1.xsd")):
        text = (DOCS / page).read_text(encoding="utf-8")
        link = f"../govreport/schemas/{schema}"
        assert f"]({link})" in text and (DOCS / link).resolve().is_file()


def test_tiny_report_covers_every_slot_once() -> None:
    table = tiny_table()
    grid = govreport.dense_grid(table)
    assert all(cell is not None for row in grid for cell in row)
    assert sum(c.row_span * c.col_span for c in table.cells) == table.n_rows * table.n_cols
    assert [r.col for r in govreport.records(table)][1] == ("申请人情况", "法人或其他组织", "商业企业")
