"""Golden files: what a person checked by hand, compared with what govreport makes now.

A golden file (``corpus/real/X.expected.json``) pins a document's tables (each
table's records, and whichever of ``kind``, ``n_rows``, ``n_cols`` and
``grid`` it holds) and, when it holds them, the blocks outside tables. Every
record is compared both ways: one missing from the output fails, and so does
one the golden file does not list.

Code never writes a golden file. With ``GOVREPORT_REGENERATE=1`` a golden test
that differs writes a *candidate* beside the golden file
(``X.expected.candidate.json``) and a readable diff (``X.expected.candidate.diff``)
and still fails. A person reads the diff, checks the changed cells against
the source document, and accepts the candidate with
``python tests/accept_golden.py corpus/real/X.expected.candidate.json`` (or by
``mv``-ing the candidate over the golden file and deleting the diff), then
writes into the golden file's ``note`` what they checked. A candidate left
lying in the corpus fails ``test_goldens.py``.
"""

from __future__ import annotations

import difflib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import govreport
from govreport.tables.paths import grid_picture

TABLE_FIELDS = ("index", "kind", "n_rows", "n_cols", "grid", "records")


def regenerating() -> bool:
    """Whether this run writes candidates for the golden files that differ."""
    return os.environ.get("GOVREPORT_REGENERATE") == "1"


def golden_of(doc: govreport.Document) -> dict[str, Any]:
    """Everything a golden file may pin: blocks outside tables, each table's grid picture and records."""
    blocks: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, govreport.Heading):
            blocks.append({"type": "heading", "level": b.level, "text": b.text})
        elif isinstance(b, govreport.Paragraph):
            blocks.append({"type": "paragraph", "text": b.text})
        else:
            blocks.append({"type": "table"})
    tables = [
        {
            "index": i,
            "kind": t.kind,
            "n_rows": t.n_rows,
            "n_cols": t.n_cols,
            "grid": grid_picture(t).split("\n"),
            "records": [{"row": list(r.row), "col": list(r.col), "text": r.text}
                        for r in govreport.records(t)],
        }
        for i, t in enumerate(doc.tables)
    ]
    return {"source": doc.source.name, "blocks": blocks, "tables": tables}


def candidate_paths(golden: Path) -> tuple[Path, Path]:
    """Where a candidate for `golden` and its diff are written."""
    stem = golden.name.removesuffix(".json")
    return golden.with_name(f"{stem}.candidate.json"), golden.with_name(f"{stem}.candidate.diff")


def _pinned(actual: dict[str, Any], expected: dict[str, Any] | None) -> dict[str, Any]:
    """`actual` cut to the fields `expected` pins (all of them when there is no golden yet)."""
    if expected is None:
        return actual
    table_fields = {k for t in expected.get("tables", []) for k in t} | {"records"}
    out: dict[str, Any] = {"source": actual["source"]}
    if "blocks" in expected:
        out["blocks"] = actual["blocks"]
    out["tables"] = [{k: v for k, v in t.items() if k in table_fields} for t in actual["tables"]]
    return out


def _record_key(rec: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    return (tuple(rec["row"]), tuple(rec["col"]), rec["text"])


def differences(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Every way `actual` departs from the golden `expected`, one line each (empty when equal)."""
    problems: list[str] = []
    for required in ("source", "tables"):
        if required not in expected:
            problems.append(f"the golden file has no {required!r}")
    if problems:
        return problems
    if actual["source"] != expected["source"]:
        problems.append(f"source: {actual['source']!r}, golden {expected['source']!r}")
    if "blocks" in expected and actual["blocks"] != expected["blocks"]:
        want, got = expected["blocks"], actual["blocks"]
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        problems.append(f"blocks: {len(got)} blocks, golden {len(want)}; first difference at block {first}")
    got_tables, want_tables = actual["tables"], expected["tables"]
    if len(got_tables) != len(want_tables):
        problems.append(f"tables: {len(got_tables)} found, golden {len(want_tables)}")
    for i, (got, want) in enumerate(zip(got_tables, want_tables)):
        if "records" not in want:
            problems.append(f"table {i}: the golden file pins no records")
            continue
        for name in TABLE_FIELDS:
            if name != "records" and name in want and got.get(name) != want[name]:
                problems.append(f"table {i}: {name} differs from the golden file")
        got_recs = Counter(_record_key(r) for r in got["records"])
        want_recs = Counter(_record_key(r) for r in want["records"])
        for rec in sorted((want_recs - got_recs).elements()):
            problems.append(f"table {i}: missing record {rec}")
        for rec in sorted((got_recs - want_recs).elements()):
            problems.append(f"table {i}: extra record {rec}")
        if got_recs == want_recs and [_record_key(r) for r in got["records"]] != [
            _record_key(r) for r in want["records"]
        ]:
            problems.append(f"table {i}: the records are in another order than in the golden file")
    return problems


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_candidate(golden: Path, candidate: dict[str, Any], problems: list[str]) -> tuple[Path, Path]:
    """Write the candidate and a diff a person can review (the golden file is left alone)."""
    cand_path, diff_path = candidate_paths(golden)
    old = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if old:
        old_data = json.loads(old)
        old_data.pop("note", None)
        old = _dump(old_data)
    new = _dump(candidate)
    unified = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                   fromfile=golden.name, tofile=cand_path.name, n=4)
    summary = "".join(f"# {p}\n" for p in problems) or "# no golden file yet\n"
    cand_path.write_text(new, encoding="utf-8")
    diff_path.write_text(
        f"# {cand_path.name} differs from {golden.name}:\n{summary}"
        f"# Check every changed cell against the source, then run\n"
        f"#   python tests/accept_golden.py {cand_path}\n"
        f"# and write into the golden file's note what you checked.\n\n" + "".join(unified),
        encoding="utf-8",
    )
    return cand_path, diff_path


def check_golden(doc: govreport.Document, golden: Path) -> None:
    """Fail unless `doc` gives exactly what the golden file pins.

    With ``GOVREPORT_REGENERATE=1`` a difference writes a candidate and a diff
    for review, and the test still fails: only a person accepts a golden file."""
    expected = json.loads(golden.read_text(encoding="utf-8")) if golden.exists() else None
    actual = golden_of(doc)
    problems = ["no golden file yet"] if expected is None else differences(actual, expected)
    if not problems:
        return
    shown = "\n  ".join(problems[:12]) + (f"\n  … {len(problems) - 12} more" if len(problems) > 12 else "")
    if regenerating():
        cand, diff = write_candidate(golden, _pinned(actual, expected), problems)
        raise AssertionError(f"{golden.name} differs:\n  {shown}\nwrote {cand.name} and {diff.name} "
                             "for review; the golden file is unchanged")
    raise AssertionError(f"{golden.name} differs:\n  {shown}\n(GOVREPORT_REGENERATE=1 writes a candidate "
                         "and a diff to review)")
