"""Mutation study: does a change confined to one row change only that row's records?

For generated reports, one row of one table is changed at a time
(`generator/perturb.py`: a merge printed as separate cells, a label spaced
out, wrapped, misspelt, renumbered or annotated, a value printed as a dash,
an inserted 小计 or note row). The report is rendered before and after the
change (flattened text cell per line, row per line, padded row per line,
docx; or a web page with spans or with empty cells, Markdown with merged text
once or repeated) and read by govreport. The change passes when the records govreport
reads changed exactly as the truth changed: a disguise changes nothing, a
new value changes that cell, an inserted row adds its own records.

    python corpus/mutate.py [--cases 20] [--per-case 25] [--styles seed,tabs,padded,docx] [--seed 1]
    python corpus/mutate.py --styles html-spans,html-empty,md-once,md-repeat   # web pages, Markdown
    python corpus/mutate.py --styles pdf,layout   # the docx printed to PDF by LibreOffice, and its
                                                  # pdftotext -layout text (needs soffice, pdftotext)
    python corpus/mutate.py --styles scan --cases 4 --per-case 4   # that PDF scanned back, read
                                                  # by OCR (needs the ocr extra; ~15 s a report)

PDFs are converted in batches before judging (LibreOffice is slow to start).
A change after which LibreOffice no longer prints every table character (it
clips the text of a tall merged cell cut by a page break) is not judged for
the PDF styles: it is counted apart, as unprintable.

Prints the share that passed per perturbation and per style, and the first
failures. Uses govreport only through its public API.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generator.model import Report, Table, header_paths  # noqa: E402
from generator.perturb import ALL, DISGUISES  # noqa: E402
from generator.render_docx import render_docx  # noqa: E402
from generator.render_html import render_editor  # noqa: E402
from generator.render_layout import render_layout  # noqa: E402
from generator.render_markdown import render_markdown  # noqa: E402
from generator.render_pdf import convert_batch, missing_text  # noqa: E402
from generator.render_scan import render_scan  # noqa: E402
from generator.render_text import encode_text, render_lines  # noqa: E402
from generator.report import build_report  # noqa: E402

import govreport  # noqa: E402

Triple = tuple[tuple[str, ...], tuple[str, ...], str]
STYLES = ("seed", "tabs", "padded", "docx")
MORE_STYLES = ("html-spans", "html-empty", "md-once", "md-repeat")  # web pages and Markdown
# the docx printed by LibreOffice, pdftotext -layout of that PDF, and that PDF scanned back
# (generator/render_scan.py; read by OCR, so slow: about 15 s a report)
PRINTED = ("pdf", "layout", "scan")
_scanned: dict[str, govreport.Document] = {}  # docx sha256 → the scan of its PDF, read
_printed: dict[str, tuple[bytes, bytes, bool]] = {}  # docx sha256 → PDF, layout text, all text printed


def _docx_key(report: Report) -> tuple[str, bytes]:
    data = render_docx(report)
    return hashlib.sha256(data).hexdigest(), data


def print_reports(reports: list[Report]) -> None:
    """Print every report (not printed yet) to PDF in batches, and take its
    ``pdftotext -layout`` text, for the `PRINTED` styles."""
    todo: dict[str, tuple[Report, bytes]] = {}
    for report in reports:
        key, data = _docx_key(report)
        if key not in _printed:
            todo[key] = (report, data)
    if not todo:
        return
    with tempfile.TemporaryDirectory(prefix="govreport_mutate_") as tmp:
        files = []
        for key, (_, data) in todo.items():
            path = Path(tmp, f"{key}.docx")
            path.write_bytes(data)
            files.append(path)
        for pdf in convert_batch(files, batch_size=25):
            report = todo[pdf.stem][0]
            _printed[pdf.stem] = (pdf.read_bytes(), render_layout(pdf) or b"", not missing_text(report, pdf))


def printable(report: Report) -> bool:
    """Did LibreOffice print every table character of the report (see `print_reports`)?"""
    print_reports([report])
    return _printed[_docx_key(report)[0]][2]


def table_triples(table: Table) -> Counter[Triple]:
    """The truth of one generated table as (row path, column path, text) triples."""
    out: Counter[Triple] = Counter()
    for cell in table.cells:
        if cell.role == "data":
            row, col = header_paths(table, cell)
            out[(tuple(row), tuple(col), cell.text.strip())] += 1
    return out


def render(report: Report, style: str) -> tuple[bytes, str]:
    """The report as file bytes in one style, with a file name that says the format."""
    if style == "docx":
        return render_docx(report), "m.docx"
    if style in PRINTED:
        print_reports([report])
        pdf, layout, _ = _printed[_docx_key(report)[0]]
        if style == "scan":
            with tempfile.TemporaryDirectory(prefix="govreport_mutate_") as tmp:
                path = Path(tmp, "m.pdf")
                path.write_bytes(pdf)
                return render_scan(path, report.case)[0], "m.pdf"
        return (pdf, "m.pdf") if style == "pdf" else (layout, "m.txt")
    if style.startswith("html-"):
        spans = "spans" if style == "html-spans" else "empty_cells"
        knobs = {"chrome": "fragment", "encoding": "utf-8", "spans": spans, "wrap": "divs"}
        return render_editor(report, knobs), "m.html"
    if style.startswith("md-"):
        knobs = {"header": "placeholder", "merges": style[3:], "lines": "<br>", "prose": "atx"}
        return render_markdown(report, knobs), "m.md"
    rng = random.Random(0)
    lines = render_lines(report, "seed" if style == "seed" else "tabs", style == "padded", rng)
    return encode_text(lines, "utf-8", "lf"), "m.txt"


def read_triples(report: Report, style: str, index: int) -> Counter[Triple]:
    """govreport's records of the tables of the kind of table `index` of the rendered report
    (table 2 may be printed as one table per block)."""
    if style == "scan":  # OCR is slow: a report's scan is read once
        key = _docx_key(report)[0]
        if key not in _scanned:
            data, name = render(report, style)
            _scanned[key] = govreport.read(data, name=name)
        doc = _scanned[key]
    else:
        data, name = render(report, style)
        doc = govreport.read(data, name=name)
    kind = report.tables[index].kind
    out: Counter[Triple] = Counter()
    for table in doc.tables:
        if table.kind == kind:
            out.update((r.row, r.col, r.text) for r in govreport.records(table))
    return out


def with_table(report: Report, index: int, table: Table) -> Report:
    blocks = list(report.blocks)
    k = [i for i, b in enumerate(blocks) if isinstance(b, Table)][index]
    blocks[k] = table
    return replace(report, blocks=blocks)


@dataclass
class Outcome:
    case: str
    table: str
    row: int
    change: str
    style: str
    ok: bool
    detail: str = ""


def judge(report: Report, index: int, changed: Table, style: str) -> tuple[bool, str]:
    """Did the records govreport reads change exactly as the truth did, when table
    `index` of `report` becomes `changed`? Returns the verdict and, if not, the deltas."""
    after = with_table(report, index, changed)
    want = table_triples(changed)
    want.subtract(table_triples(report.tables[index]))
    got = read_triples(after, style, index)
    got.subtract(read_triples(report, style, index))
    ok = +got == +want and -got == -want
    detail = "" if ok else f"read Δ+{dict(+got)} Δ-{dict(-got)}; truth Δ+{dict(+want)} Δ-{dict(-want)}"
    return ok, detail


def mutate_once(report: Report, rng: random.Random, styles: tuple[str, ...] = STYLES) -> Iterator[Outcome]:
    """Apply one random single-row change to one table and judge every style."""
    yield from judge_planned(report, plan(report, rng), styles)


def judge_planned(report: Report, planned: tuple[int, int, str, Table] | None,
                  styles: tuple[str, ...]) -> Iterator[Outcome]:
    """Judge a planned change (`plan`) in every style."""
    if planned is None:
        return
    index, r, name, changed = planned
    table = report.tables[index]
    for style in styles:
        if style in PRINTED and not (printable(report) and printable(with_table(report, index, changed))):
            yield Outcome(report.case, table.kind, r, name, style, True, "unprintable")
            continue
        ok, detail = judge(report, index, changed, style)
        yield Outcome(report.case, table.kind, r, name, style, ok, detail[:600])


def plan(report: Report, rng: random.Random) -> tuple[int, int, str, Table] | None:
    """One random single-row change: table index, row, change name, changed table."""
    for _ in range(50):
        index = rng.randrange(len(report.tables))
        table = report.tables[index]
        r = rng.randrange(table.n_rows)
        name = rng.choice(sorted(ALL))
        changed = ALL[name](table, r, rng)
        if changed is not None:
            return index, r, name, changed
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--cases", type=int, default=20)
    ap.add_argument("--per-case", type=int, default=25)
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=10, help="print the first N failures")
    args = ap.parse_args(argv)
    styles = tuple(s for s in args.styles.split(",") if s)
    known = STYLES + MORE_STYLES + PRINTED
    unknown = sorted(set(styles) - set(known))
    if unknown:
        ap.error(f"unknown style(s) {', '.join(unknown)}: choose from {', '.join(known)}")
    rng = random.Random(args.seed)
    plans = []
    for index in range(args.cases):
        report = build_report(index, 2024, 40)  # as corpus/generated holds it
        plans += [(report, plan(report, rng)) for _ in range(args.per_case)]
    if set(styles) & set(PRINTED):
        print_reports([r for report, p in plans
                       for r in ([report] if p is None else [report, with_table(report, p[0], p[3])])])
    outcomes = [o for report, p in plans for o in judge_planned(report, p, styles)]
    unprintable = sum(1 for o in outcomes if o.detail == "unprintable")
    outcomes = [o for o in outcomes if o.detail != "unprintable"]
    by: dict[str, Counter[bool]] = defaultdict(Counter)
    for o in outcomes:
        by[f"change:{o.change}"][o.ok] += 1
        by[f"style:{o.style}"][o.ok] += 1
        by[f"table:{o.table}"][o.ok] += 1
        by["all"][o.ok] += 1
    print(f"{'group':<28}{'runs':>7}{'unchanged':>11}{'share':>9}")
    for name in sorted(by, key=lambda n: (n != "all", n)):
        c = by[name]
        total = c[True] + c[False]
        print(f"{name:<28}{total:>7}{c[True]:>11}{c[True] / total:>9.4f}")
    disguises = sum(1 for o in outcomes if o.change in DISGUISES)
    print(f"\n{len(outcomes)} single-row changes judged ({disguises} disguises, "
          f"{len(outcomes) - disguises} changes of content)")
    if unprintable:
        print(f"{unprintable} judgement(s) of a printed style skipped: LibreOffice clipped table text")
    failures = [o for o in outcomes if not o.ok]
    for o in failures[: args.show]:
        print(f"FAIL {o.case} {o.table} row {o.row} {o.change} [{o.style}]: {o.detail}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
