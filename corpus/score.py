"""Score govreport against the corpus ground truth.

Every data cell is a triple (row header path, column header path, printed
text). For each document the multiset of predicted triples (all its tables)
is compared with the truth; the script prints per-format (and per-variant)
precision, recall and F1, the share of truth tables recovered whole (some
predicted table has exactly that table's triples), the share of canonical
values right where the records are right, and the worst documents.

    python corpus/score.py [--format txt] [--by style|encoding|tag] [--worst 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import govreport  # noqa: E402
from govreport.report.values import value_number  # noqa: E402

Triple = tuple[tuple[str, ...], tuple[str, ...], str]
IDENTITY_RULES = ("T3_BALANCE", "T3_RESULTS_SUM", "T3_ROW_TOTAL", "T4_")


def truth_tables(truth: dict) -> list[Counter[Triple]]:
    return [
        Counter((tuple(r["row"]), tuple(r["col"]), r["text"]) for r in t["records"])
        for t in truth["tables"]
    ]


def doc_tables(doc: govreport.Document) -> list[Counter[Triple]]:
    return [
        Counter((rec.row, rec.col, rec.text) for rec in govreport.records(t)) for t in doc.tables
    ]


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    tables: int = 0
    tables_whole: int = 0
    docs: int = 0
    errors: int = 0
    values_checked: int = 0
    values_right: int = 0
    checks_tp: int = 0
    checks_fp: int = 0
    checks_fn: int = 0
    seconds: float = 0.0
    worst: list[tuple[float, str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(path: Path, truth: dict) -> Score:
    s = Score(docs=1)
    gold_tables = truth_tables(truth)
    s.gold = sum(sum(t.values()) for t in gold_tables)
    s.tables = len(gold_tables)
    start = time.perf_counter()
    try:
        doc = govreport.read(path)
    except govreport.GovReportError as exc:
        s.errors = 1
        s.seconds = time.perf_counter() - start
        s.worst.append((0.0, str(path), f"error: {exc}"))
        return s
    s.seconds = time.perf_counter() - start
    pred_tables = doc_tables(doc)
    pred = sum(pred_tables, Counter())
    gold = sum(gold_tables, Counter())
    s.pred = sum(pred.values())
    s.tp = sum((pred & gold).values())
    s.tables_whole = sum(1 for g in gold_tables if any(g == p for p in pred_tables))
    right_records = {(r, c) for (r, c, _t) in (pred & gold)}
    if doc.report is not None and truth.get("values"):
        key_paths = _truth_key_paths(truth)
        for key, text in truth["values"].items():
            if key_paths.get(key) not in right_records:
                continue
            s.values_checked += 1
            expected = value_number(text)
            if doc.report.values.get(key) == expected:
                s.values_right += 1
    if doc.report is not None and "injected_errors" in truth:
        expected = {(e["rule"], e["scope"]) for e in truth["injected_errors"]}
        found = {(c.rule, c.scope) for c in doc.report.checks
                 if c.status == "fail" and c.rule.startswith(IDENTITY_RULES)}
        s.checks_tp = len(expected & found)
        s.checks_fp = len(found - expected)
        s.checks_fn = len(expected - found)
        if found != expected:
            s.worst.append((0.5, str(path), f"checks: missed {sorted(expected - found)}, "
                                            f"false {sorted(found - expected)}"))
    p = s.tp / s.pred if s.pred else 0.0
    r = s.tp / s.gold if s.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    if f1 < 1.0:
        missing = gold - pred
        example = next(iter(missing), None)
        s.worst.append((f1, str(path), f"first missing: {example}"))
    return s


def _truth_key_paths(truth: dict) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for t in truth["tables"]:
        for r in t["records"]:
            if r.get("key"):
                out[r["key"]] = (tuple(r["row"]), tuple(r["col"]))
    return out


def iter_corpus(root: Path, fmt: str | None) -> Iterable[tuple[dict, Path, dict]]:
    manifest = json.loads((root / "generated" / "manifest.json").read_text(encoding="utf-8"))
    truths: dict[str, dict] = {}
    for entry in manifest:
        if fmt and entry["format"] != fmt:
            continue
        case = entry["case"]
        if not (root / "generated" / "cases" / case / "truth.json").exists():
            continue
        if case not in truths:
            truths[case] = json.loads(
                (root / "generated" / "cases" / case / "truth.json").read_text(encoding="utf-8")
            )
        yield entry, root / "generated" / entry["file"], truths[case]
    for expected in sorted((root / "real").glob("*.expected.json")):
        truth = json.loads(expected.read_text(encoding="utf-8"))
        source = root / "real" / truth["source"]
        entry = {"format": source.suffix[1:], "file": f"real/{source.name}", "tags": ["real"],
                 "style": "real", "encoding": None}
        if fmt and entry["format"] != fmt:
            continue
        yield entry, source, truth


def groups_of(entry: dict, by: str | None) -> list[str]:
    base = entry["format"]
    if by is None:
        return [base]
    if by == "tag":
        return [f"{base}:{t}" for t in entry.get("tags", [])] or [base]
    return [f"{base}:{entry.get(by)}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", help="only this format (txt, docx, pdf)")
    ap.add_argument("--by", choices=["style", "encoding", "tag"], help="also break down by this")
    ap.add_argument("--worst", type=int, default=8, help="list the N worst documents")
    ap.add_argument("--json", help="write the scores as JSON to this file")
    args = ap.parse_args(argv)
    totals: dict[str, Score] = defaultdict(Score)
    breakdown: dict[str, Score] = defaultdict(Score)
    for entry, path, truth in iter_corpus(HERE, args.format):
        s = score_document(path, truth)
        totals[entry["format"]].add(s)
        totals["all"].add(s)
        if args.by:
            for g in groups_of(entry, args.by):
                breakdown[g].add(s)
    rows = sorted(totals.items(), key=lambda kv: (kv[0] == "all", kv[0]))
    print(f"{'format':<24}{'docs':>6}{'err':>5}{'precision':>11}{'recall':>9}{'F1':>8}"
          f"{'tables whole':>14}{'values ok':>11}{'s/doc':>8}")
    for name, s in rows + sorted(breakdown.items()):
        whole = f"{s.tables_whole}/{s.tables}"
        vals = f"{s.values_right / s.values_checked:.4f}" if s.values_checked else "-"
        print(f"{name:<24}{s.docs:>6}{s.errors:>5}{s.precision:>11.4f}{s.recall:>9.4f}"
              f"{s.f1:>8.4f}{whole:>14}{vals:>11}{s.seconds / max(1, s.docs):>8.3f}")
    s = totals["all"]
    found = s.checks_tp + s.checks_fp
    wanted = s.checks_tp + s.checks_fn
    print(f"\ninjected arithmetic errors: {wanted} expected failures, {found} reported; "
          f"precision {s.checks_tp / found if found else 1:.4f}, "
          f"recall {s.checks_tp / wanted if wanted else 1:.4f} "
          f"({s.checks_fp} false failures)")
    worst = sorted(totals["all"].worst)[: args.worst]
    if worst:
        print("\nworst documents:")
        for f1, path, note in worst:
            print(f"  F1 {f1:.4f}  {Path(path).relative_to(HERE) if HERE in Path(path).parents else path}"
                  f"  {note}")
    if args.json:
        Path(args.json).write_text(json.dumps({k: {"precision": v.precision, "recall": v.recall,
                                                   "f1": v.f1, "docs": v.docs, "errors": v.errors,
                                                   "tables": v.tables, "tables_whole": v.tables_whole}
                                               for k, v in {**totals, **breakdown}.items()},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
