"""Command-line commands over the report layer: check, dataset, and the PDF debug view."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import Any

from govreport.batch import iter_results
from govreport.errors import GovReportError
from govreport.model import CheckResult, Document
from govreport.options import PDF_ENGINES
from govreport.report import compare_years

SHOWN = {"fail": "FAIL", "uncertain": "uncertain", "not_assessable": "not assessable"}


def add_pdf_engine(parser: argparse.ArgumentParser) -> None:
    """The --pdf-engine flag of the commands that read reports."""
    parser.add_argument(
        "--pdf-engine", choices=PDF_ENGINES, default=None,
        help="library that parses PDFs: pypdfium2 (default, fast) or pdfplumber",
    )


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The read options the command line chose."""
    engine = getattr(args, "pdf_engine", None)
    return {"pdf_engine": engine} if engine else {}


def _where(check: CheckResult) -> str:
    spots = [f"table {w.table} row {w.row} col {w.col}" for w in check.where if w.table is not None]
    return "; ".join(spots[:4]) + (" …" if len(spots) > 4 else "")


def _print_checks(label: str, checks: list[CheckResult], show_all: bool) -> int:
    failed = [c for c in checks if c.status == "fail"]
    shown = [c for c in checks if c.status != "pass" and (show_all or c.status == "fail")]
    print(f"{label}: {len(failed)} failed of {len(checks)} checks")
    for c in shown:
        scope = f" [{c.scope}]" if c.scope else ""
        print(f"  {SHOWN.get(c.status, c.status)} {c.rule}{scope}: {c.message}")
        where = _where(c)
        if where:
            print(f"      cells: {where}")
    return len(failed)


def cmd_check(args: argparse.Namespace) -> int:
    failed = 0
    errors = 0
    docs: list[Document] = []
    for result in iter_results(args.inputs, options=read_options(args)):
        if result.document is None:
            print(f"govreport: {result.error}", file=sys.stderr)
            errors += 1
            continue
        doc = result.document
        docs.append(doc)
        meta = doc.metadata
        label = doc.source.name + "".join(
            f" ({part})" for part in (meta.agency, meta.year, meta.edition and f"{meta.edition} edition")
            if part
        )
        if doc.report is None:
            print(f"{label}: no official table recognised; nothing to check")
            continue
        failed += _print_checks(label, list(doc.report.checks), args.all)
        for d in doc.diagnostics:
            if d.code.startswith("report.") and d.severity != "info":
                print(f"  note {d.code}: {d.message}")
    by_agency: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if doc.metadata.agency and doc.metadata.year:
            by_agency[doc.metadata.agency].append(doc)
    for agency, group in sorted(by_agency.items()):
        group.sort(key=lambda d: d.metadata.year or 0)
        for earlier, later in zip(group, group[1:]):
            if (later.metadata.year or 0) - (earlier.metadata.year or 0) != 1:
                continue
            label = f"{agency} {earlier.metadata.year}→{later.metadata.year}"
            failed += _print_checks(label, compare_years(earlier, later), args.all)
    return 1 if failed or errors else 0


def cmd_dataset(args: argparse.Namespace) -> int:
    from govreport.dataset import write_dataset

    docs: list[Document] = []
    errors = 0
    for result in iter_results(args.inputs, options=read_options(args)):
        if result.document is None:
            print(f"govreport: {result.error}", file=sys.stderr)
            errors += 1
        else:
            docs.append(result.document)
    if not docs:
        raise GovReportError("no report could be read; nothing written")
    n = write_dataset(docs, args.output, long=args.long, bom=args.bom)
    print(f"wrote {n} row(s) from {len(docs)} report(s) to {args.output}", file=sys.stderr)
    return 1 if errors else 0


def cmd_debug_pdf(args: argparse.Namespace) -> int:
    from govreport.readers.pdf.debug import draw_debug

    try:
        draw_debug(args.input, args.page, args.output)
    except ValueError as exc:
        raise GovReportError(str(exc), source=args.input) from exc
    return 0


def add_report_commands(sub: Any) -> None:
    """Register check, dataset and debug-pdf on the CLI's subparsers."""
    check = sub.add_parser("check", help="run the format's identities; exit 1 when any fails")
    check.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or zip archives")
    check.add_argument("--all", action="store_true", help="also list uncertain and unassessable checks")
    add_pdf_engine(check)
    check.set_defaults(func=cmd_check)
    dataset = sub.add_parser("dataset", help="one CSV row per report, one column per canonical field")
    dataset.add_argument("inputs", nargs="+", metavar="INPUT")
    dataset.add_argument("-o", "--output", required=True, help="the CSV file to write")
    dataset.add_argument("--long", action="store_true", help="long form: report, key, value, text")
    dataset.add_argument("--bom", action="store_true", help="UTF-8 with BOM (Excel on Chinese Windows)")
    add_pdf_engine(dataset)
    dataset.set_defaults(func=cmd_dataset)
    debug = sub.add_parser("debug-pdf", help="draw the rulings, grid and cells found on a PDF page")
    debug.add_argument("input", metavar="FILE")
    debug.add_argument("--page", type=int, required=True, help="1-based page number")
    debug.add_argument("-o", "--output", required=True, help="the PNG to write")
    debug.set_defaults(func=cmd_debug_pdf)
