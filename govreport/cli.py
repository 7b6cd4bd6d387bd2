"""The command line: a thin shell over the library.

Exit status, the same for every command:

- 0: every input was read (and, for ``check``, every identity holds);
- 1: a document could not be read, or (``check``) an identity failed;
- 2: bad usage (an unknown option, a bad argument) or an internal error;
- 3: nothing to work on: the inputs hold no report (an empty folder, an
  archive without a report), or (``check``) a document in which no official
  table was recognised, so that a gate built on ``check`` never passes a
  file that is not a report. 1 wins over 3 when both happen.

Errors are one line on stderr, never a traceback. The CLI owns stdout and
stderr; the library only logs (logger ``govreport``), which the CLI shows on
stderr at warning level.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from govreport import __version__
from govreport.batch import BatchResult
from govreport.cli_batch import add_batch_options, convert_into_folder
from govreport.cli_common import (
    EXIT_FAILED,
    EXIT_NO_REPORT,
    EXIT_OK,
    EXIT_USAGE,
    INPUT_HELP,
    STDIO,
    NoReportError,
    add_csv_encoding,
    add_pdf_engine,
    cli_results,
    emit,
    is_folder_target,
    read_options,
    report_failure,
)
from govreport.cli_report import add_report_commands
from govreport.errors import GovReportError
from govreport.inputs import archive_kind
from govreport.model import Document
from govreport.writers import (
    WRITERS,
    UnknownSuffixError,
    Writer,
    configured,
    get_writer,
    writer_for_path,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"govreport: {message}\n")


def select_writer(args: argparse.Namespace) -> Writer:
    """The writer named by --to, else the one of -o's suffix, else JSON; bound to the
    --csv-* options when it takes options."""
    output = args.output if args.output not in (None, STDIO) else None
    if args.to:
        writer = get_writer(args.to)
    elif output is not None and not is_folder_target(output) and Path(output).suffix:
        try:
            writer = writer_for_path(output)
        except UnknownSuffixError as exc:
            raise GovReportError(f"{exc} with --to") from None
    else:
        writer = get_writer("json")
    given = {
        name: value
        for name, value in (("form", args.csv_form), ("fill", args.csv_fill), ("encoding", args.csv_encoding))
        if value is not None
    }
    if given and writer.configure is None:
        raise GovReportError(f"--csv-* options apply to --to csv, not to {writer.name}")
    args.writer_options = given or None
    return configured(writer, given or None)


def _many(inputs: Sequence[str]) -> bool:
    return len(inputs) > 1 or any(
        i != STDIO and (Path(i).is_dir() or archive_kind(i) is not None)
        for i in inputs
    )


def _cmd_convert(args: argparse.Namespace) -> int:
    writer = select_writer(args)
    results = cli_results(args.inputs, read_options(args))
    output: str | None = args.output
    to_stdout = output in (None, STDIO)
    folder = output is not None and not to_stdout and is_folder_target(output)
    if not _many(args.inputs) and not folder:
        result = next(results)
        if result.document is None:
            assert result.error is not None
            raise result.error
        emit(output, writer.render(result.document))
        return EXIT_OK
    if not folder and writer.render_many is not None:
        return _convert_into_one(writer, results, None if to_stdout else Path(str(output)))
    if to_stdout:
        raise GovReportError(f"several documents need -o DIR (one {writer.name} file per document)")
    assert output is not None
    out = Path(output)
    if out.suffix.lower() in writer.suffixes and not folder:
        raise GovReportError(
            f"{writer.name} writes one file per document: give -o a folder "
            f"(end it with {os.sep} to create one), not {output}"
        )
    return convert_into_folder(args, writer, out)


def _convert_into_one(writer: Writer, results: Iterable[BatchResult], out: Path | None) -> int:
    """Several documents appended into one output (CSV), failures reported and skipped."""
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for result in results:
            if not report_failure(result):
                failed += 1
                continue
            assert result.document is not None
            yield result.document

    assert writer.render_many is not None
    emit(out, writer.render_many(documents()))
    return EXIT_FAILED if failed else EXIT_OK


def terminal_width() -> int | None:
    """The width to wrap `show` to: ``COLUMNS`` or the terminal's; None when piped
    without ``COLUMNS``, so that redirected output keeps whole lines."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _cmd_show(args: argparse.Namespace) -> int:
    from govreport.writers.text import legend, render_show

    status = EXIT_OK
    width = terminal_width()
    shown_legend = False
    for result in cli_results(args.inputs, read_options(args)):
        if not report_failure(result):
            status = EXIT_FAILED
            continue
        assert result.document is not None
        if not shown_legend:
            sys.stdout.write(legend(width) + "\n")
            shown_legend = True
        sys.stdout.write(render_show(result.document, width=width, full=args.full))
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govreport",
        description="Chinese government information-disclosure annual reports "
        "(政府信息公开工作年度报告) as structured data: tables with their header paths, "
        "canonical fields and the format's arithmetic checks.",
        epilog="exit status: 0 ok; 1 a document failed or a check failed; 2 bad usage; "
        "3 no report found (or, for check, no official table recognised)",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    convert = sub.add_parser("convert", help="convert reports to JSON (or another output format)")
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    convert.add_argument(
        "--to",
        help=f"output format ({', '.join(sorted(WRITERS))}, any case); default: by -o's suffix, else json",
    )
    convert.add_argument(
        "-o",
        "--output",
        help="output file, - for standard output (the default), or a folder (a name ending in / or an "
        "existing folder: one file per document, created as needed); several inputs append into one "
        "file for csv",
    )
    csv_group = convert.add_argument_group("CSV output")
    add_csv_encoding(csv_group)
    csv_group.add_argument(
        "--csv-form",
        choices=("tidy", "grid"),
        help="tidy: one line per data cell (default); grid: each table as its grid (into a folder: "
        "one file per table)",
    )
    csv_group.add_argument(
        "--csv-fill",
        choices=("repeat", "first", "blank"),
        help="grid form, merged cells: repeat the text in every slot (default), first: only in "
        "the anchor slot, blank: covered body slots blank but full header paths",
    )
    add_pdf_engine(convert)
    add_batch_options(convert)
    convert.set_defaults(func=_cmd_convert)
    show = sub.add_parser("show", help="print each table as a grid with its records' header paths")
    show.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    show.add_argument("--full", action="store_true", help="print labels in full instead of cut at 18 columns")
    add_pdf_engine(show)
    show.set_defaults(func=_cmd_show)
    add_report_commands(sub)
    for command in sub.choices.values():
        noise = command.add_mutually_exclusive_group()
        noise.add_argument("-q", "--quiet", action="store_true",
                           help="print errors only: no progress, no summary")
        noise.add_argument("-v", "--verbose", action="count", default=0,
                           help="more detail: a line per document (-vv: debugging detail)")
    return parser


def _configure_logging(args: argparse.Namespace) -> None:
    """The library's log on stderr: warnings by default, errors with --quiet, more with -v."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("govreport: %(message)s"))
    logger = logging.getLogger("govreport")
    logger.addHandler(handler)
    verbose = getattr(args, "verbose", 0)
    if getattr(args, "quiet", False):
        logger.setLevel(logging.ERROR)
    else:
        logger.setLevel({0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args)
    try:
        return int(args.func(args))
    except NoReportError as exc:
        print(f"govreport: {exc}", file=sys.stderr)
        return EXIT_NO_REPORT
    except GovReportError as exc:
        print(f"govreport: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"govreport: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        print(f"govreport: internal error: {type(exc).__name__}: {exc} "
              "(set GOVREPORT_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_USAGE
    finally:
        for handler in list(logging.getLogger("govreport").handlers):
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.NullHandler):
                logging.getLogger("govreport").removeHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
