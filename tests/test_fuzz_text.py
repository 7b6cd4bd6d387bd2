"""Mangled reports never crash the reader, the builder or the report layer."""

from __future__ import annotations

from helpers import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.writers.json import document_from_dict, document_to_dict

SEED_LINES = (CORPUS / "real" / "town-2019.txt").read_text(encoding="utf-8").split("\n")

edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "blank", "tab", "untab", "number", "swap", "junk"]),
        st.integers(0, len(SEED_LINES) - 1),
        st.sampled_from(["\t", "\t\t", "—", "12", "（三）不予公开", "合计", "第二十条第（二）项", "\x0b"]),
    ),
    max_size=25,
)


def mangle(ops: list[tuple[str, int, str]]) -> str:
    lines = list(SEED_LINES)
    for op, i, junk in ops:
        if not lines:
            break
        i %= len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "blank":
            lines.insert(i, "")
        elif op == "tab":
            lines[i] = "\t" + lines[i]
        elif op == "untab":
            lines[i] = lines[i].lstrip("\t")
        elif op == "number":
            lines[i] = "\t7"
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "junk":
            lines[i] = lines[i] + junk
    return "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_a_mangled_seed_always_gives_a_document_that_round_trips(ops: list[tuple[str, int, str]]) -> None:
    doc = govreport.read(mangle(ops).encode("utf-8"), name="mangled.txt")
    for table in doc.tables:
        covered = sum(c.row_span * c.col_span for c in table.cells)
        assert covered == table.n_rows * table.n_cols
    assert document_from_dict(document_to_dict(doc)) == doc
