"""Command-line commands over the report layer: check, dataset, and the PDF debug view."""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from govreport.cli_common import (
    EXIT_FAILED,
    EXIT_NO_REPORT,
    EXIT_OK,
    INPUT_HELP,
    STDIO,
    add_csv_encoding,
    add_pdf_engine,
    cli_results,
    emit,
    read_options,
    report_failure,
)
from govreport.errors import GovReportError, ReadError
from govreport.model import CheckResult, Document
from govreport.report import compare_years
from govreport.writers import atomic_write

SHOWN = {"fail": "FAIL", "uncertain": "uncertain", "not_assessable": "not assessable"}


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
    not_reports = 0
    docs: list[Document] = []
    for result in cli_results(args.inputs, read_options(args)):
        if not report_failure(result):
            errors += 1
            continue
        assert result.document is not None
        doc = result.document
        meta = doc.metadata
        label = result.name + "".join(
            f" ({part})" for part in (meta.agency, meta.year, meta.edition and f"{meta.edition} edition")
            if part
        )
        if doc.report is None:
            print(f"{label}: no official table recognised: not a disclosure report, nothing checked")
            not_reports += 1
            continue
        docs.append(doc)
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
    if failed or errors:
        return EXIT_FAILED
    return EXIT_NO_REPORT if not_reports else EXIT_OK


def cmd_dataset(args: argparse.Namespace) -> int:
    from govreport.dataset import render_dataset

    docs: list[Document] = []
    sources: list[str] = []
    errors = 0
    for result in cli_results(args.inputs, read_options(args)):
        if not report_failure(result):
            errors += 1
        else:
            assert result.document is not None
            docs.append(result.document)
            sources.append(result.name)
    if not docs:
        raise GovReportError("no report could be read; nothing written")
    keys = [k.strip() for k in args.keys.split(",") if k.strip()] if args.keys else None
    data, n = render_dataset(
        docs, long=args.long, encoding=args.csv_encoding or "utf-8", sources=sources, keys=keys
    )
    emit(args.output, data)
    where = "standard output" if args.output in (None, STDIO) else args.output
    print(f"wrote {n} row(s) from {len(docs)} report(s) to {where}", file=sys.stderr)
    return EXIT_FAILED if errors else EXIT_OK


IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def cmd_debug_pdf(args: argparse.Namespace) -> int:
    from govreport.formats import detect_format
    from govreport.readers.pdf.debug import draw_debug

    source = Path(args.input)
    suffix = Path(args.output).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise GovReportError(
            f"debug-pdf writes PNG or JPEG: give -o a .png, .jpg or .jpeg name, not {args.output}"
        )
    try:
        with source.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}", source=str(source)) from exc
    try:
        fmt = detect_format(head, source.name) if head.strip() else None
    except GovReportError as exc:
        exc.source = str(source)
        raise
    if fmt is None or fmt.name != "pdf":
        raise ReadError("not a PDF file (no %PDF- header); debug-pdf draws PDF pages only",
                        source=str(source))
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".govreport-debug-", dir=target.parent) as tmp:
        png = Path(tmp) / "page.png"
        try:
            draw_debug(source, args.page, png)
        except ValueError as exc:
            raise GovReportError(str(exc), source=str(source)) from exc
        except Exception as exc:  # pdfminer's own errors for a damaged file
            raise ReadError(f"corrupt or truncated PDF ({type(exc).__name__}: {exc})".replace(": )", ")"),
                            source=str(source)) from exc
        data = png.read_bytes()
    if IMAGE_FORMATS[suffix] != "PNG":
        from PIL import Image

        buf = io.BytesIO()
        with Image.open(io.BytesIO(data)) as image:
            image.convert("RGB").save(buf, format=IMAGE_FORMATS[suffix], quality=90)
        data = buf.getvalue()
    atomic_write(target, data)
    return EXIT_OK


def add_report_commands(sub: Any) -> None:
    """Register check, dataset and debug-pdf on the CLI's subparsers."""
    check = sub.add_parser(
        "check",
        help="run the format's identities; exit 1 when any fails, 3 when a document is not a report",
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    check.add_argument("--all", action="store_true", help="also list uncertain and unassessable checks")
    add_pdf_engine(check)
    check.set_defaults(func=cmd_check)
    dataset = sub.add_parser("dataset", help="one CSV row per report, one column per canonical field")
    dataset.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    dataset.add_argument("-o", "--output", help="the CSV file to write; - or none for standard output")
    dataset.add_argument("--long", action="store_true", help="long form: report, key, value, text")
    dataset.add_argument(
        "--keys", metavar="KEY,…", help="only these canonical keys as columns (a mistyped key is named "
        "with the closest real ones)"
    )
    add_csv_encoding(dataset)
    add_pdf_engine(dataset)
    dataset.set_defaults(func=cmd_dataset)
    debug = sub.add_parser("debug-pdf", help="draw the rulings, grid and cells found on a PDF page")
    debug.add_argument("input", metavar="FILE", help="the PDF file whose page is drawn")
    debug.add_argument("--page", type=int, required=True, help="1-based page number")
    debug.add_argument("-o", "--output", required=True,
                       help="the image to write: .png, or .jpg/.jpeg for JPEG")
    debug.set_defaults(func=cmd_debug_pdf)
