"""Mangled web pages, Markdown and column-aligned text never crash the readers.

Each input is a real or generated report cut, repeated, shuffled and salted with
the markup its reader handles (tags, spans, pipes, runs of spaces, form feeds).
Reading it gives a document whose every table covers its grid and which
round-trips through JSON, or one typed error; never another exception.
"""

from __future__ import annotations

from helpers import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import GovReportError
from govreport.writers.json import document_from_dict, document_to_dict

SOURCES = {
    "html": (CORPUS / "real" / "pingtan-2024.html").read_text(encoding="utf-8"),
    "word": (CORPUS / "generated" / "cases" / "g0001" / "g0001.word.htm").read_bytes().decode("gb18030"),
    "md": (CORPUS / "generated" / "cases" / "g0002" / "g0002.md").read_text(encoding="utf-8"),
    "layout": (CORPUS / "generated" / "cases" / "g0001" / "g0001.layout.txt").read_text(encoding="utf-8"),
}
JUNK = ["<td>", "</tr>", "<table>", "<td rowspan='9999' colspan='0'>", "<br>", "&nbsp;", "<![if !x]>",
        "<!--", "| --- |", "|", "\\|", "   12   ", "\f", "- 3 -", "（三）", "三、", "第二十条第（一）项",
        "<meta charset='gbk'>", "\x00", "\ufeff", "\t", "一、总体情况"]

ops = st.lists(
    st.tuples(st.sampled_from(["cut", "repeat", "swap", "junk", "delete"]),
              st.integers(0, 10**6), st.integers(1, 400), st.sampled_from(JUNK)),
    max_size=12,
)


def mangle(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for op, at, size, junk in edits:
        if not text:
            break
        i = at % len(text)
        if op == "cut":
            text = text[:i]
        elif op == "repeat":
            text = text[:i] + text[i : i + size] * 3 + text[i:]
        elif op == "swap":
            j = (i + size) % len(text)
            a, b = sorted((i, j))
            text = text[:a] + text[b : b + size] + text[a + size : b] + text[a : a + size] + text[b + size :]
        elif op == "junk":
            text = text[:i] + junk + text[i:]
        else:
            text = text[:i] + text[i + size :]
    return text


def check(data: bytes, name: str) -> None:
    try:
        doc = govreport.read(data, name=name)
    except GovReportError:
        return
    for table in doc.tables:
        covered = sum(c.row_span * c.col_span for c in table.cells)
        assert covered == table.n_rows * table.n_cols
    assert document_from_dict(document_to_dict(doc)) == doc


# Fixed examples (a regression guard, the same in every run); exploring new inputs is
# the fuzz harness's work, not the test suite's.
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SOURCES)), ops, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_a_mangled_page_markdown_or_layout_text_reads_or_fails_cleanly(
    source: str, edits: list[tuple[str, int, int, str]], encoding: str
) -> None:
    text = mangle(SOURCES[source], edits)
    suffix = {"word": "htm", "layout": "txt"}.get(source, source)
    check(text.encode(encoding, "replace"), f"mangled.{suffix}")
