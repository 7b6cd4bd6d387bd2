"""Locality: a change confined to one row changes that row's records and no others.

Generated reports (with their own departures from the template) get one row
of one table changed the way real reports differ (`corpus/generator/perturb.py`:
a merge printed as separate cells, a label spaced out, wrapped, misspelt,
renumbered or annotated, a value printed as a dash, an inserted 小计 or note
row). Rendered before and after as flattened text in both styles (and padded)
and as docx, the records govreport reads must change exactly as the truth does.
"""

from __future__ import annotations

import random
import sys
from functools import cache

from helpers import CORPUS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(CORPUS))

from generator.model import Report, Table
from generator.perturb import ALL
from generator.report import build_report
from mutate import judge

CASES = 30


@cache
def _report(case: int) -> Report:
    return build_report(case, 2024, 40)  # the reports of corpus/generated


@st.composite
def one_row_changed(draw: st.DrawFn) -> tuple[Report, int, Table, str]:
    report = _report(draw(st.integers(0, CASES - 1)))
    index = draw(st.integers(0, len(report.tables) - 1))
    table = report.tables[index]
    r = draw(st.integers(0, table.n_rows - 1))
    name = draw(st.sampled_from(sorted(ALL)))
    changed = ALL[name](table, r, random.Random(draw(st.integers(0, 2**16))))
    assume(changed is not None)
    return report, index, changed, name


SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much]


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(one_row_changed(), st.sampled_from(["seed", "tabs", "padded"]))
def test_a_change_to_one_row_of_flattened_text_changes_only_that_row(
    change: tuple[Report, int, Table, str], style: str
) -> None:
    report, index, changed, name = change
    ok, detail = judge(report, index, changed, style)
    assert ok, f"{report.case} {changed.kind} {name} [{style}]: {detail}"


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW)
@given(one_row_changed())
def test_a_change_to_one_row_of_a_docx_table_changes_only_that_row(
    change: tuple[Report, int, Table, str],
) -> None:
    report, index, changed, name = change
    ok, detail = judge(report, index, changed, "docx")
    assert ok, f"{report.case} {changed.kind} {name} [docx]: {detail}"


def test_the_judge_sees_a_change_the_truth_does_not_make() -> None:
    # The property must be able to fail: a table whose printed text changes a value
    # while its truth does not is caught.
    report = _report(0)
    index = next(i for i, t in enumerate(report.tables) if t.kind == "applications")
    table = report.tables[index]
    cell = next(c for c in table.cells if c.role == "data" and c.text.strip() not in ("", "999"))
    from dataclasses import replace

    import mutate

    shown = replace(table, cells=tuple(replace(c, text="999") if c is cell else c for c in table.cells))
    got = mutate.read_triples(mutate.with_table(report, index, shown), "tabs", index)
    got.subtract(mutate.read_triples(report, "tabs", index))
    assert +got and -got  # the reading moved: a judge comparing with an unmoved truth fails
