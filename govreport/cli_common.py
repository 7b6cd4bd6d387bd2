"""What the command-line commands share: exit statuses, inputs, stdout, one-line errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from govreport.batch import BatchResult, iter_results
from govreport.errors import GovReportError
from govreport.options import PDF_ENGINES
from govreport.writers import atomic_write

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_REPORT = 3
STDIO = "-"


class NoReportError(GovReportError):
    """The inputs hold nothing to work on (exit status 3)."""


def is_folder_target(output: str) -> bool:
    """`-o` names a folder: it ends with a path separator or is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    if not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.buffer.flush()


def emit(output: str | os.PathLike[str] | None, data: bytes) -> None:
    """Write a command's output: to standard output for no `-o` or ``-o -``, else
    atomically to the file named."""
    if output is None or output == STDIO:
        write_stdout(data)
    else:
        atomic_write(output, data)


def cli_inputs(inputs: Sequence[str]) -> list[str | tuple[str, bytes]]:
    """The inputs as `convert_many` takes them, ``-`` read from standard input."""
    out: list[str | tuple[str, bytes]] = []
    for item in inputs:
        if item == STDIO:
            if any(isinstance(o, tuple) for o in out):
                raise GovReportError("standard input (-) can be given only once")
            out.append(("<stdin>", sys.stdin.buffer.read()))
        else:
            out.append(item)
    return out


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


def cli_results(inputs: Sequence[str], options: dict[str, Any] | None = None) -> Iterator[BatchResult]:
    """One result per document under the inputs; `NoReportError` when there is none."""
    found = False
    for result in iter_results(cli_inputs(inputs), options=options):
        found = True
        yield result
    if not found:
        raise NoReportError(f"no report found in {', '.join(inputs)}")


def report_failure(result: BatchResult) -> bool:
    """Print a failed result's error (one line) and return False; True for a document."""
    if result.error is not None:
        print(f"govreport: {result.error}", file=sys.stderr)
        return False
    return True


INPUT_HELP = "report files, folders (searched recursively) or zip archives; - reads standard input"


def add_csv_encoding(group: argparse._ActionsContainer) -> None:
    """The one spelling of the CSV encoding option, shared by convert and dataset."""
    group.add_argument(
        "--csv-encoding",
        choices=("utf-8", "utf-8-sig"),
        help="utf-8 (default) or utf-8-sig (with a BOM, for Excel on Chinese Windows)",
    )


