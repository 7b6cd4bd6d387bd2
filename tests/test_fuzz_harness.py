"""The fuzz harness on fixed examples: mangled corpus files of every format and
random table layouts, each read in a child process under a time and memory limit,
give a document or a typed error, never a crash, a broken grid or a runaway.

The long runs (30 minutes and more) are `python fuzz/fuzz.py --minutes 30`."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))

import fuzz
from govreport.tables.raw import RawCell, RawTable


def test_fixed_fuzz_examples_give_documents_or_typed_errors(tmp_path: Path) -> None:
    counts, findings = fuzz.run(["bytes", "cells"], seed=2024, count=160, out=tmp_path, log=lambda _: None)
    assert findings == []
    assert counts["bytes:ok"] + counts["bytes:error"] == 80
    assert counts["cells:ok"] == 80


def test_fixed_examples_of_mangled_pages_markdown_and_layout_text_read_cleanly(tmp_path: Path) -> None:
    targets = ["html", "md", "layout"]
    counts, findings = fuzz.run(targets, seed=2024, count=24, out=tmp_path, log=lambda _: None)
    assert findings == []
    assert sum(counts[f"{t}:{k}"] for t in targets for k in ("ok", "error")) == 24


def test_the_harness_reports_a_crash_a_broken_grid_and_a_runaway() -> None:
    def crash() -> str | None:
        raise KeyError("boom")

    def broken() -> str | None:
        return "slot (0, 0) covered twice"

    def runaway() -> str | None:
        while True:
            pass

    assert fuzz.run_limited(crash).kind == "crash"
    assert fuzz.run_limited(broken).kind == "broken"
    assert fuzz.run_limited(runaway, time_limit=0.5).kind == "timeout"


def test_the_harness_stops_an_input_that_eats_memory() -> None:
    def hog() -> str | None:
        blocks = [bytearray(64 * 1024 * 1024) for _ in range(40)]  # 2.5 GB
        return str(len(blocks))

    assert fuzz.run_limited(hog, memory_limit=200 * 1024 * 1024).kind == "memory"


def test_the_grid_promise_sees_a_slot_covered_twice() -> None:
    from govreport.tables.builder import build_table

    table = build_table(RawTable(((RawCell("a"), RawCell("1")),)), 0, [])
    assert fuzz.grid_promise([table]) is None
    from dataclasses import replace

    doubled = replace(table, cells=table.cells + table.cells[:1])
    assert "covered twice" in (fuzz.grid_promise([doubled]) or "")


def test_a_table_of_thousands_of_header_blocks_is_read_within_the_runaway_limit() -> None:
    # Markdown whose every row is followed by a delimiter line: each row opens a header
    # block of one table. Filling the padded headers looked at every cell of the grid for
    # every block (quadratic: a 600 KB page took 25 s of CPU); it looks at the block's rows.
    data = ("| 一、本年新收 | 1 | 2 |\n|---|---|---|\n" * 16000).encode()
    outcome = fuzz.run_limited(fuzz.read_job(data, "large.md"))
    assert outcome.kind == "ok", outcome.detail
