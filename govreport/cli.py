"""The command line: a thin shell over the library.

Errors are one line on stderr and a non-zero exit (1: a document failed or a
check failed; 2: bad usage), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from govreport.batch import BatchResult, iter_results
from govreport.errors import GovReportError
from govreport.writers import WRITERS, atomic_write, get_writer, writer_for_path


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


def _cmd_convert(args: argparse.Namespace) -> int:
    if args.to and args.to not in WRITERS:
        known = ", ".join(sorted(WRITERS))
        raise GovReportError(f"unknown output format {args.to!r} (known: {known})")
    results = iter_results(args.inputs)
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
            writer = get_writer(args.to) if args.to else writer_for_path(args.output)
            atomic_write(args.output, writer.render(result.document))
        else:
            writer = get_writer(args.to or "json")
            sys.stdout.write(writer.render(result.document).decode("utf-8"))
            if not sys.stdout.isatty():
                sys.stdout.write("\n")
        return 0
    if not args.output:
        raise GovReportError("several inputs need -o DIR (one output file per document)")
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    writer = get_writer(args.to or "json")
    used: set[str] = set()
    failed = 0
    for result in results:
        if not _report_failure(result):
            failed += 1
            continue
        assert result.document is not None
        stem = Path(result.name.rsplit("!", 1)[-1]).stem
        target = _unique_name(out_dir, stem, writer.suffixes[0], used)
        atomic_write(target, writer.render(result.document))
    return 1 if failed else 0


def _report_failure(result: BatchResult) -> bool:
    if result.error is not None:
        print(f"govreport: {result.error}", file=sys.stderr)
        return False
    return True


def _cmd_show(args: argparse.Namespace) -> int:
    from govreport.writers.text import render_show

    status = 0
    for result in iter_results(args.inputs):
        if not _report_failure(result):
            status = 1
            continue
        assert result.document is not None
        sys.stdout.write(render_show(result.document))
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govreport", description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    convert = sub.add_parser("convert", help="convert reports to JSON (or another output format)")
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or zip archives")
    convert.add_argument("--to", help=f"output format ({', '.join(sorted(WRITERS))})")
    convert.add_argument("-o", "--output", help="output file (one input) or folder (several)")
    convert.set_defaults(func=_cmd_convert)
    show = sub.add_parser("show", help="print each table as a grid with its records' header paths")
    show.add_argument("inputs", nargs="+", metavar="INPUT")
    show.set_defaults(func=_cmd_show)
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


if __name__ == "__main__":
    sys.exit(main())
