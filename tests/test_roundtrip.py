"""Properties over random documents: JSON round-trips exactly, XML validates, CSV grid
lines are n_cols wide, HTML draws every slot once; the decoder refuses other majors."""

from __future__ import annotations

import csv
import io
import json
import re
import string

import lxml.html
import pytest
from helpers import to_valid_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_writers_example import tiny_document
from test_writers_xml import valid_xml

import govreport
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
from govreport.writers import WRITERS
from govreport.writers.csv import render_csv, render_grid_tables
from govreport.writers.json import document_from_dict, document_to_dict, load_json

# Text as reports carry it, plus what XML 1.0 forbids and what a lenient decoder leaves behind.
_SPECIAL = "第二十条（一）项申请人情况总计/—-+=@\t\r\n \u00a0\u3000𠮷\x00\x0b\x1f\ud800\udfff\ufffe\uffff"
# (st.text would silently drop the lone surrogates, so join drawn characters instead).
# A high surrogate right before a low one is left out: every JSON reader joins the two
# escapes into one astral character, so no JSON text can keep them apart.
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
texts = (
    st.lists(st.one_of(st.characters(), st.sampled_from(_SPECIAL)), max_size=12)
    .map("".join)
    .filter(lambda t: _PAIR.search(t) is None)
)
small = st.integers(min_value=0, max_value=50)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
numbers = st.one_of(st.none(), st.integers(-10**6, 10**6), finite)

locations = st.builds(
    Location,
    line=st.none() | st.integers(1, 5000),
    page=st.none() | st.integers(1, 300),
    bbox=st.none() | st.tuples(finite, finite, finite, finite),
    table=st.none() | small,
    row=st.none() | small,
    col=st.none() | small,
    ref=st.none() | texts,
)
codes = st.from_regex(r"\A[a-z0-9_]{1,6}(\.[a-z0-9_]{1,6}){1,2}\Z")


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table whose cells cover its grid exactly once, spans drawn at random."""
    n_rows = draw(st.integers(0, 6))
    n_cols = draw(st.integers(1, 6)) if n_rows else 0
    covered = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if covered[r][c]:
                continue
            width = 1
            while c + width < n_cols and not covered[r][c + width]:
                width += 1
            col_span = draw(st.integers(1, width))
            height = 1
            while r + height < n_rows and not any(covered[r + height][c : c + col_span]):
                height += 1
            row_span = draw(st.integers(1, height))
            for rr in range(r, r + row_span):
                for cc in range(c, c + col_span):
                    covered[rr][cc] = True
            cells.append(
                Cell(
                    r, c, row_span, col_span,
                    text=draw(texts),
                    role=draw(st.sampled_from(["header", "stub", "data", "caption", "corner"])),
                    key=draw(st.none() | texts),
                    nested=tuple(draw(st.lists(small, max_size=2))),
                    source=draw(st.none() | locations),
                )
            )
    return Table(
        n_rows,
        n_cols,
        tuple(cells),
        header_rows=draw(st.integers(0, n_rows)),
        header_cols=draw(st.integers(0, n_cols)),
        caption=draw(st.none() | texts),
        kind=draw(st.sampled_from([None, "proactive_disclosure", "applications", "review_litigation"])),
        source=draw(st.none() | locations),
    )


checks = st.builds(
    CheckResult,
    rule=texts,
    status=st.sampled_from(["pass", "fail", "uncertain", "not_assessable"]),
    message=texts,
    expected=st.none() | finite,
    actual=st.none() | finite,
    scope=st.none() | texts,
    cells=st.lists(texts, max_size=3).map(tuple),
    where=st.lists(locations, max_size=3).map(tuple),
)
blocks: st.SearchStrategy[Block] = st.one_of(
    st.builds(Heading, level=st.integers(0, 4), text=texts, source=st.none() | locations),
    st.builds(Paragraph, text=texts, source=st.none() | locations),
    tables(),
)
documents = st.builds(
    Document,
    source=st.builds(
        SourceInfo,
        name=texts,
        format=st.sampled_from(["txt", "docx", "pdf"]),
        sha256=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
        size=st.integers(0, 10**9),
        charset=st.none() | st.sampled_from(["utf-8", "gb18030", "utf-16"]),
        charset_confidence=st.none() | st.floats(0, 1),
        pages=st.none() | small,
    ),
    metadata=st.builds(
        Metadata,
        title=st.none() | texts,
        agency=st.none() | texts,
        year=st.none() | st.integers(1990, 2100),
        edition=st.sampled_from([None, "2019", "2021", "mixed"]),
    ),
    blocks=st.lists(blocks, max_size=5).map(tuple),
    diagnostics=st.lists(
        st.builds(
            Diagnostic,
            code=codes,
            severity=st.sampled_from(["info", "warning", "error"]),
            message=texts,
            location=st.none() | locations,
        ),
        max_size=3,
    ).map(tuple),
    report=st.none()
    | st.builds(
        Report,
        edition=st.none() | st.sampled_from(["2019", "2021"]),
        values=st.dictionaries(st.text(string.ascii_lowercase + "._@", max_size=20), numbers, max_size=5),
        checks=st.lists(checks, max_size=3).map(tuple),
    ),
)

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents)
def test_json_round_trips_every_document_exactly(doc: Document) -> None:
    assert load_json(WRITERS["json"].render(doc)) == doc


@PROPERTY
@given(documents)
def test_json_of_every_document_validates_against_the_schema(doc: Document) -> None:
    to_valid_json(doc)


@PROPERTY
@given(documents)
def test_xml_of_every_document_validates_against_the_xsd(doc: Document) -> None:
    valid_xml(doc)


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@PROPERTY
@given(documents, st.sampled_from(["repeat", "first", "blank"]))
def test_csv_grid_lines_are_one_width_per_file_and_n_cols_wide_per_table(doc: Document, fill: str) -> None:
    rows = _csv_rows(render_csv([doc], {"form": "grid", "fill": fill}))
    widest = max((t.n_cols for t in doc.tables), default=0)
    assert {len(line) for line in rows} == {3 + widest}
    starts = [i for i, line in enumerate(rows) if line[2] == "header"]
    assert [rows[i][1] for i in starts] == [str(i) for i in range(len(doc.tables))]
    parts = render_grid_tables(doc, {"form": "grid", "fill": fill})
    assert len(parts) == len(doc.tables)
    for (_, data), table in zip(parts, doc.tables):
        assert {len(line) for line in _csv_rows(data)} == {3 + table.n_cols}


@PROPERTY
@given(st.lists(documents, min_size=1, max_size=2))
def test_csv_tidy_lines_are_as_wide_as_the_header_with_one_line_per_record(docs: list[Document]) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(docs).decode("utf-8"), newline="")))
    assert {len(r) for r in rows} == {len(rows[0])}
    assert len(rows) - 1 == sum(len(govreport.records(t)) for d in docs for t in d.tables)


@PROPERTY
@given(documents)
def test_html_draws_every_slot_of_every_table_once(doc: Document) -> None:
    root = lxml.html.document_fromstring(WRITERS["html"].render(doc).decode("utf-8"))
    drawn = root.xpath("//main/table")
    assert len(drawn) == len(doc.tables)
    for element, table in zip(drawn, doc.tables):
        covered = [[0] * table.n_cols for _ in range(table.n_rows)]
        for r, tr in enumerate(element.xpath(".//tr")):
            c = 0
            for cell in tr:
                while covered[r][c]:
                    c += 1
                for dr in range(int(cell.get("rowspan", 1))):
                    for dc in range(int(cell.get("colspan", 1))):
                        covered[r + dr][c + dc] += 1
        assert all(v == 1 for row in covered for v in row)


# --- schema versions ------------------------------------------------------------------


@pytest.mark.parametrize("schema", ["govreport/2", "govreport/0.9", "govreport/12.1"])
def test_the_decoder_refuses_another_major_version_naming_both(schema: str) -> None:
    data = document_to_dict(tiny_document())
    data["schema"] = schema
    with pytest.raises(SchemaVersionError) as exc:
        document_from_dict(data)
    assert schema in str(exc.value) and "govreport/1" in str(exc.value)


@pytest.mark.parametrize("schema", ["govreport/1", "govreport/1.3"])
def test_the_decoder_reads_any_minor_version_of_its_major(schema: str) -> None:
    data = json.loads(WRITERS["json"].render(tiny_document()))
    data["schema"] = schema
    assert document_from_dict(data) == tiny_document()


@pytest.mark.parametrize(("schema", "message"), [
    (None, "not a govreport document"), (1, "not a govreport document"),
    ("other/1", "not a govreport document"), ("govreport/x", "unreadable schema version"),
])
def test_the_decoder_refuses_what_is_not_a_govreport_document(schema: object, message: str) -> None:
    data = document_to_dict(tiny_document())
    data["schema"] = schema
    with pytest.raises(SchemaVersionError, match=f"{message} .*{re.escape(repr(schema))}"):
        document_from_dict(data)


def test_load_json_reads_a_file_written_by_write(tmp_path) -> None:
    target = tmp_path / "tiny.json"
    govreport.write(tiny_document(), target)
    assert govreport.load_json(target) == tiny_document()
    assert govreport.load_json(str(target)) == tiny_document()
