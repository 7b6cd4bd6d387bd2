"""``govreport convert INPUT… -o OUTDIR``: a whole archive, in parallel, with progress.

On a terminal a progress bar (tqdm) shows the count, the rate and the
failures; elsewhere a log line every few seconds says the same. A summary
ends the run: how many were ok, partial, failed or kept from an earlier run,
and where the outputs and the manifest are. ``--quiet`` keeps only errors,
``--verbose`` adds a line per document (both through `logging`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from govreport.cli_common import EXIT_FAILED, EXIT_NO_REPORT, EXIT_OK, NoReportError, cli_inputs, read_options
from govreport.errors import GovReportError
from govreport.outdir import MANIFEST, Entry
from govreport.runner import RunSummary, convert_to_folder
from govreport.writers import Writer

log = logging.getLogger("govreport.cli")
LOG_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal
MB = 1024 * 1024


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """The options of a run into an output folder."""
    group = parser.add_argument_group("many documents into a folder (-o OUTDIR/)")
    group.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="worker processes (default: one per core)")
    group.add_argument("--executor", choices=("process", "dask"), default="process",
                       help="process: a pool on this machine (default); dask: a Dask cluster "
                       "(the govreport[dask] extra), a LocalCluster unless --scheduler is given")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler to use with --executor dask (tcp://host:8786)")
    group.add_argument("--resume", action="store_true",
                       help="keep outputs already in OUTDIR for the same input bytes and options "
                       "(from its manifest.jsonl) and convert only the rest")
    group.add_argument("--allow-failures", action="store_true",
                       help="exit 0 even when some documents failed (not when none converted)")
    group.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                       help="time limit per document (default 300; 0: none)")
    group.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                       help="memory limit per worker process while it reads a document "
                       "(default 2048; 0: none)")


class _Progress:
    """A tqdm bar on a terminal, else a log line every `LOG_EVERY` seconds."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Any = None
        self.quiet = quiet
        self.last = time.monotonic()
        self.interactive = sys.stderr.isatty() and not quiet

    def __call__(self, entry: Entry, summary: RunSummary, skipped: bool) -> None:
        if entry.status == "failed":
            self.say(f"govreport: {entry.source}: {entry.error}")
        else:
            log.info("%s %s -> %s", "kept" if skipped else entry.status, entry.source, entry.output)
        if self.interactive:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=summary.total, unit="doc", file=sys.stderr, dynamic_ncols=True)
            if summary.total is not None and self.bar.total != summary.total:
                self.bar.total = summary.total
            self.bar.set_postfix(failed=summary.failed, refresh=False)
            self.bar.update(1)
        elif not self.quiet and time.monotonic() - self.last >= LOG_EVERY:
            self.last = time.monotonic()
            of = f"/{summary.total}" if summary.total is not None else ""
            rate = summary.done / max(summary.seconds, 1e-9)
            log.warning("progress: %d%s documents, %.1f/s, %d failed", summary.done, of, rate, summary.failed)

    def say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def convert_into_folder(args: argparse.Namespace, writer: Writer, out: Path) -> int:
    """Run the batch into `out` and turn its summary into the exit status."""
    if args.jobs is not None and args.jobs < 1:
        raise GovReportError("--jobs must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise GovReportError("--scheduler needs --executor dask")
    writer_options = getattr(args, "writer_options", None)
    progress = _Progress(args.quiet)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        summary = convert_to_folder(
            cli_inputs(args.inputs), out, to=writer.name, writer_options=writer_options,
            options=read_options(args),
            jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
            timeout=args.timeout or None, max_memory=(args.max_memory * MB) or None,
            resume=args.resume, progress=progress,
        )
    finally:
        progress.close()
        signal.signal(signal.SIGTERM, previous)
    if summary.done == 0:
        raise NoReportError(f"no report found in {', '.join(args.inputs)}")
    if not args.quiet:
        rate = summary.done / max(summary.seconds, 1e-9)
        kept = f", {summary.skipped} kept from the last run" if summary.skipped else ""
        print(f"govreport: {summary.ok} ok, {summary.partial} partial, {summary.failed} failed{kept} "
              f"in {summary.seconds:.1f} s ({rate:.1f} documents/s); outputs in {out}, "
              f"manifest {out / MANIFEST}", file=sys.stderr)
    for name in summary.empty_inputs:
        print(f"govreport: no report found in {name}", file=sys.stderr)
    if summary.converted == 0 or (summary.failed and not args.allow_failures):
        return EXIT_FAILED
    return EXIT_NO_REPORT if summary.empty_inputs else EXIT_OK
