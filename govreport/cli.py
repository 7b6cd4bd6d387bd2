"""The command line: a thin shell over the library.

Errors are one line on stderr and a non-zero exit (1: a document failed or a
check failed; 2: bad usage), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from govreport import __version__
from govreport.batch import BatchResult, iter_results
from govreport.cli_report import add_pdf_engine, add_report_commands, read_options
from govreport.errors import GovReportError
from govreport.model import Document
from govreport.writers import WRITERS, Writer, atomic_write, configured, get_writer, writer_for_path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"govreport: {message}\n")


def _unique_name(out_dir: Path, stem: str, suffix: str, used: set[str]) -> Path:
    safe = "".join(ch if ch not in '/\\:*?"<>|\0' else "_" for ch in stem).strip(". ") or "report"
    name = f"{safe}{suffix}"
    n = 1
    while name in used:
        name = f"{safe}-{n}{suffix}"
        n += 1
    used.add(name)
    return out_dir / name


def _select_writer(args: argparse.Namespace) -> Writer:
    """The writer named by --to, else the one of -o's suffix, else JSON; bound to the
    --csv-* options when it takes options."""
    out = Path(args.output) if args.output else None
    if args.to:
        writer = get_writer(args.to)
    elif out is not None and out.suffix and not out.is_dir():
        writer = writer_for_path(out)
    else:
        writer = get_writer("json")
    given = {
        name: value
        for name, value in (("form", args.csv_form), ("fill", args.csv_fill), ("encoding", args.csv_encoding))
        if value is not None
    }
    if given and writer.configure is None:
        raise GovReportError(f"--csv-* options apply to --to csv, not to {writer.name}")
    return configured(writer, given or None)


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    if not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.buffer.flush()


def _cmd_convert(args: argparse.Namespace) -> int:
    writer = _select_writer(args)
    results = iter_results(args.inputs, options=read_options(args))
    many = len(args.inputs) > 1 or any(Path(i).is_dir() or i.lower().endswith(".zip")
                                       for i in args.inputs)
    if not many:
        result = next(iter(results), None)
        if result is None:
            raise GovReportError(f"{args.inputs[0]}: no report found")
        if result.document is None:
            assert result.error is not None
            raise result.error
        if args.output:
            atomic_write(args.output, writer.render(result.document))
        else:
            _write_stdout(writer.render(result.document))
        return 0
    out = Path(args.output) if args.output else None
    if writer.render_many is not None and (out is None or not out.is_dir()):
        return _convert_into_one(writer, results, out)
    if out is None:
        raise GovReportError(f"several inputs need -o DIR (one {writer.name} file per document)")
    if out.suffix.lower() in writer.suffixes and not out.is_dir():
        raise GovReportError(
            f"{writer.name} writes one file per document: give -o a folder, not {args.output}"
        )
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    failed = 0
    for result in results:
        if not _report_failure(result):
            failed += 1
            continue
        assert result.document is not None
        stem = Path(result.name.rsplit("!", 1)[-1]).stem
        target = _unique_name(out, stem, writer.suffixes[0], used)
        atomic_write(target, writer.render(result.document))
    return 1 if failed else 0


def _convert_into_one(writer: Writer, results: Iterable[BatchResult], out: Path | None) -> int:
    """Several documents appended into one output (CSV), failures reported and skipped."""
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for result in results:
            if not _report_failure(result):
                failed += 1
                continue
            assert result.document is not None
            yield result.document

    assert writer.render_many is not None
    data = writer.render_many(documents())
    if out is None:
        _write_stdout(data)
    else:
        atomic_write(out, data)
    return 1 if failed else 0


def _report_failure(result: BatchResult) -> bool:
    if result.error is not None:
        print(f"govreport: {result.error}", file=sys.stderr)
        return False
    return True


def _cmd_show(args: argparse.Namespace) -> int:
    from govreport.writers.text import render_show

    status = 0
    for result in iter_results(args.inputs, options=read_options(args)):
        if not _report_failure(result):
            status = 1
            continue
        assert result.document is not None
        sys.stdout.write(render_show(result.document))
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govreport",
        description="Chinese government information-disclosure annual reports "
        "(政府信息公开工作年度报告) as structured data: tables with their header paths, "
        "canonical fields and the format's arithmetic checks.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    convert = sub.add_parser("convert", help="convert reports to JSON (or another output format)")
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or zip archives")
    convert.add_argument(
        "--to", help=f"output format ({', '.join(sorted(WRITERS))}); default: by -o's suffix, else json"
    )
    convert.add_argument(
        "-o",
        "--output",
        help="output file (one input; several inputs append into one file for csv) "
        "or folder (one file per document)",
    )
    csv_group = convert.add_argument_group("CSV output")
    csv_group.add_argument(
        "--csv-form",
        choices=("tidy", "grid"),
        help="tidy: one line per data cell (default); grid: each table as its grid",
    )
    csv_group.add_argument(
        "--csv-fill",
        choices=("repeat", "first", "blank"),
        help="grid form, merged cells: repeat the text in every slot (default), first: only in "
        "the anchor slot, blank: covered body slots blank but full header paths",
    )
    csv_group.add_argument(
        "--csv-encoding",
        choices=("utf-8", "utf-8-sig"),
        help="utf-8 (default) or utf-8-sig (with a BOM, for Excel on Chinese Windows)",
    )
    add_pdf_engine(convert)
    convert.set_defaults(func=_cmd_convert)
    show = sub.add_parser("show", help="print each table as a grid with its records' header paths")
    show.add_argument("inputs", nargs="+", metavar="INPUT")
    add_pdf_engine(show)
    show.set_defaults(func=_cmd_show)
    add_report_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GovReportError as exc:
        print(f"govreport: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"govreport: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("GOVREPORT_DEBUG"):
            raise
        print(f"govreport: internal error: {type(exc).__name__}: {exc} "
              "(set GOVREPORT_DEBUG=1 for the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
