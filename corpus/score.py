"""Score govreport against the corpus ground truth.

Every data cell is a triple (row header path, column header path, printed
text). For each document the multiset of predicted triples (all its tables)
is compared with the truth; the script prints per-format (and per-variant)
precision, recall and F1, the share of truth tables recovered whole (some
predicted table has exactly that table's triples), the share of canonical
values right where the records are right, the injected arithmetic errors
found, and the worst documents.

The scorer is independent of what it measures: govreport is used only to
convert a document, through its public API (`govreport.read`,
`govreport.records`), and the truth's printed values are read with the
scorer's own parser (`truthvalues.py`), never with govreport's.

The documents come from `generated/manifest.json` (any `format` it names is
scored, under that name) and from `real/*.expected.json` (hand-checked
goldens beside real reports; the format comes from the golden's `format`
field or the source's suffix).

    python corpus/score.py [--format txt] [--by style|encoding|tag|origin] [--worst 10] [--json out.json]
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
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from truthvalues import read_truth_value  # noqa: E402

import govreport  # noqa: E402

Triple = tuple[tuple[str, ...], tuple[str, ...], str]
IDENTITY_RULES = ("T3_BALANCE", "T3_RESULTS_SUM", "T3_ROW_TOTAL", "T4_")

# The order formats are printed in; a format not listed here is still scored,
# after these. A real report's format is its suffix unless listed otherwise.
FORMATS = ("txt", "layout", "md", "html", "docx", "doc", "pdf", "scan")
SUFFIX_FORMATS = {"htm": "html", "markdown": "md", "wps": "doc",
                  "png": "scan", "jpg": "scan", "jpeg": "scan", "tif": "scan", "tiff": "scan"}


def truth_tables(truth: dict[str, Any]) -> list[Counter[Triple]]:
    """Each truth table as a multiset of (row path, column path, text) triples."""
    return [
        Counter((tuple(r["row"]), tuple(r["col"]), r["text"]) for r in t["records"])
        for t in truth["tables"]
    ]


def doc_tables(doc: govreport.Document) -> list[Counter[Triple]]:
    """Each table govreport found, as a multiset of triples."""
    return [
        Counter((rec.row, rec.col, rec.text) for rec in govreport.records(t)) for t in doc.tables
    ]


@dataclass
class Score:
    """Counts summed over documents; the rates are derived from them."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    tables: int = 0
    tables_whole: int = 0
    docs: int = 0
    real: int = 0
    errors: int = 0
    values_checked: int = 0
    values_right: int = 0
    checks_tp: int = 0
    checks_fp: int = 0
    checks_fn: int = 0
    seconds: float = 0.0
    # (rank, path, note), lowest rank first: errors 0, then by F1; wrong checks
    # rank 0.5 and wrong values 0.75 so that they show among F1 failures.
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

    @property
    def values_ok(self) -> float | None:
        return self.values_right / self.values_checked if self.values_checked else None


def _value_right(doc: govreport.Document, key: str, text: str) -> bool:
    """Whether govreport's canonical value for `key` is the number the truth prints.

    A blank, a dash or a typo must be None (never 0); a money unit printed in
    the cell must be the unit govreport reports for it."""
    assert doc.report is not None
    want = read_truth_value(text)
    got = doc.report.values.get(key)
    if want.number is None or got is None:
        return want.number is None and key in doc.report.values and got is None
    if type(got) is bool or got != want.number:
        return False
    return want.unit is None or doc.report.units.get(key) == want.unit


def score_document(path: Path, truth: dict[str, Any], real: bool = False) -> Score:
    """Convert one document with govreport and count it against its truth."""
    s = Score(docs=1, real=int(real))
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
    except Exception as exc:  # a crash is a result too: count it, name it, go on
        s.errors = 1
        s.seconds = time.perf_counter() - start
        s.worst.append((0.0, str(path), f"crash: {type(exc).__name__}: {exc}"))
        return s
    s.seconds = time.perf_counter() - start
    pred_tables = doc_tables(doc)
    pred = sum(pred_tables, Counter())
    gold = sum(gold_tables, Counter())
    s.pred = sum(pred.values())
    s.tp = sum((pred & gold).values())
    s.tables_whole = sum(1 for g in gold_tables if any(g == p for p in pred_tables))
    right_records = {(r, c) for (r, c, _t) in (pred & gold)}
    if truth.get("values"):
        key_paths = _truth_key_paths(truth)
        wrong: list[str] = []
        for key, text in truth["values"].items():
            if key_paths.get(key) not in right_records:
                continue
            s.values_checked += 1
            if doc.report is not None and _value_right(doc, key, text):
                s.values_right += 1
            else:
                wrong.append(key)
        if wrong:
            got = doc.report.values.get(wrong[0]) if doc.report is not None else "no report"
            s.worst.append((0.75, str(path), f"values: {len(wrong)} wrong, first {wrong[0]} = {got!r}, "
                                             f"truth prints {truth['values'][wrong[0]]!r}"))
    if "injected_errors" in truth:
        expected = {(e["rule"], e["scope"]) for e in truth["injected_errors"]}
        found = set()
        if doc.report is not None:
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
        s.worst.append((f1, str(path), f"F1 {f1:.4f}, first missing: {example}"))
    return s


def _truth_key_paths(truth: dict[str, Any]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for t in truth["tables"]:
        for r in t["records"]:
            if r.get("key"):
                out[r["key"]] = (tuple(r["row"]), tuple(r["col"]))
    return out


def real_format(source: Path, golden: dict[str, Any]) -> str:
    """The format a real report is scored under: the golden's `format`, else its suffix."""
    if golden.get("format"):
        return str(golden["format"])
    suffix = source.suffix.lower().lstrip(".")
    return SUFFIX_FORMATS.get(suffix, suffix)


def iter_corpus(
    root: Path, fmt: str | None, generated: Path | None = None
) -> Iterable[tuple[dict[str, Any], Path, dict[str, Any]]]:
    """(manifest entry, document path, truth) for every scored document, generated then real
    (only the generated ones of `generated` when it is given).

    A manifest entry whose case has no truth, or a golden whose source is
    missing, is an error: a broken corpus must not score as a smaller one."""
    gen = generated or root / "generated"
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    truths: dict[str, dict[str, Any]] = {}
    for entry in manifest:
        if fmt and entry["format"] != fmt:
            continue
        case = entry["case"]
        if case not in truths:
            truth_path = gen / "cases" / case / "truth.json"
            if not truth_path.is_file():
                raise FileNotFoundError(f"{entry['file']} is in the manifest but {truth_path} is missing")
            truths[case] = json.loads(truth_path.read_text(encoding="utf-8"))
        yield {**entry, "origin": "generated"}, gen / entry["file"], truths[case]
    if generated is not None:
        return
    for expected in sorted((root / "real").glob("*.expected.json")):
        truth = json.loads(expected.read_text(encoding="utf-8"))
        source = root / "real" / truth["source"]
        if not source.is_file():
            raise FileNotFoundError(f"{expected.name} pins {truth['source']}, which is missing")
        entry = {"format": real_format(source, truth), "file": f"real/{source.name}", "tags": ["real"],
                 "style": "real", "encoding": None, "origin": "real"}
        if fmt and entry["format"] != fmt:
            continue
        yield entry, source, truth


def groups_of(entry: dict[str, Any], by: str | None) -> list[str]:
    """The breakdown groups a document counts in (``txt:style:seed`` style names, short)."""
    base = entry["format"]
    if by is None:
        return [base]
    if by == "tag":
        return [f"{base}:{t}" for t in entry.get("tags", [])] or [base]
    return [f"{base}:{entry.get(by)}"]


def _format_order(name: str) -> tuple[int, int, str]:
    head = name.split(":", 1)[0]
    rank = FORMATS.index(head) if head in FORMATS else len(FORMATS)
    return (head == "all", rank, name)


def score_corpus(
    root: Path, fmt: str | None, by: str | None, generated: Path | None = None
) -> tuple[dict[str, Score], dict[str, Score]]:
    """Scores per format (plus ``all``) and per breakdown group."""
    totals: dict[str, Score] = defaultdict(Score)
    breakdown: dict[str, Score] = defaultdict(Score)
    for entry, path, truth in iter_corpus(root, fmt, generated):
        s = score_document(path, truth, real=entry["origin"] == "real")
        totals[entry["format"]].add(s)
        totals["all"].add(s)
        if by:
            for g in groups_of(entry, by):
                breakdown[g].add(s)
    return dict(totals), dict(breakdown)


def _as_json(s: Score) -> dict[str, Any]:
    return {"docs": s.docs, "real": s.real, "generated": s.docs - s.real, "errors": s.errors,
            "precision": s.precision, "recall": s.recall, "f1": s.f1,
            "tables": s.tables, "tables_whole": s.tables_whole,
            "values_checked": s.values_checked, "values_right": s.values_right, "values_ok": s.values_ok,
            "checks_tp": s.checks_tp, "checks_fp": s.checks_fp, "checks_fn": s.checks_fn,
            "seconds_per_doc": s.seconds / max(1, s.docs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--format", help="only this format (as named in the manifest: txt, docx, pdf, …)")
    ap.add_argument("--by", choices=["style", "encoding", "tag", "origin"], help="also break down by this")
    ap.add_argument("--worst", type=int, default=8, help="list the N worst documents")
    ap.add_argument("--json", help="write the scores as JSON to this file")
    ap.add_argument("--generated", type=Path, help="score this generated corpus (a folder written by "
                    "generate.py --out) instead of corpus/generated, with no real documents")
    args = ap.parse_args(argv)
    totals, breakdown = score_corpus(HERE, args.format, args.by, args.generated)
    if not totals:
        print(f"no documents{f' of format {args.format}' if args.format else ''} in the corpus",
              file=sys.stderr)
        return 1
    rows = sorted(totals.items(), key=lambda kv: _format_order(kv[0]))
    print(f"{'format':<24}{'docs':>6}{'real':>5}{'err':>5}{'precision':>11}{'recall':>9}{'F1':>8}"
          f"{'tables whole':>14}{'values ok':>11}{'s/doc':>8}")
    for name, s in rows + sorted(breakdown.items(), key=lambda kv: _format_order(kv[0])):
        whole = f"{s.tables_whole}/{s.tables}"
        vals = f"{s.values_ok:.4f}" if s.values_ok is not None else "-"
        print(f"{name:<24}{s.docs:>6}{s.real:>5}{s.errors:>5}{s.precision:>11.4f}{s.recall:>9.4f}"
              f"{s.f1:>8.4f}{whole:>14}{vals:>11}{s.seconds / max(1, s.docs):>8.3f}")
    s = totals["all"]
    print(f"\nvalues: {s.values_right}/{s.values_checked} canonical values equal the truth where the "
          "records are right (truth read by corpus/truthvalues.py)")
    found = s.checks_tp + s.checks_fp
    wanted = s.checks_tp + s.checks_fn
    print(f"injected arithmetic errors: {wanted} expected failures, {found} reported; "
          f"precision {s.checks_tp / found if found else 1:.4f}, "
          f"recall {s.checks_tp / wanted if wanted else 1:.4f} "
          f"({s.checks_fp} false failures)")
    worst = sorted(s.worst)[: args.worst]
    if worst:
        print("\nworst documents:")
        for _rank, path, note in worst:
            shown = Path(path).relative_to(HERE) if HERE in Path(path).parents else path
            print(f"  {shown}  {note}")
    if args.json:
        Path(args.json).write_text(json.dumps({k: _as_json(v) for k, v in {**totals, **breakdown}.items()},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
