"""Convert a whole archive into an output folder: in parallel, resumable, with a manifest.

`convert_to_folder` is what ``govreport convert INPUT… -o OUTDIR`` runs: every
document under the inputs is read and rendered by the workers of
`govreport.batch` (a process pool, or a Dask cluster), and written here,
atomically, under its mirrored name (`govreport.outdir`). Nothing is written
outside OUTDIR. With `resume`, a document whose output is there for the same
bytes and the same options is not read again; temporary files a killed run
left behind are removed first.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govreport.batch import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    BatchResult,
    Executor,
    Job,
    Task,
    default_jobs,
    run_tasks,
)
from govreport.errors import GovReportError, OptionsError, ReadError
from govreport.inputs import Input, Source, count_sources, iter_sources
from govreport.options import ReadOptions
from govreport.outdir import (
    Entry,
    ManifestWriter,
    Namer,
    entry_for,
    fingerprint,
    inside,
    read_manifest,
    remove_stale_temporaries,
    reusable,
)
from govreport.writers import atomic_write, configured, get_writer

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts by status, where it wrote, and which inputs held nothing.

    `skipped` counts documents whose earlier output was kept (`resume`);
    `found` the documents found under each input, in input order; `total`
    the number of documents expected, when it was cheap to know beforehand;
    `peak_memory` the highest resident memory a worker reached, in bytes.
    """

    out_dir: Path
    inputs: list[str]
    found: list[int]
    total: int | None = None
    ok: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = 0
    outputs: int = 0
    peak_memory: int | None = None
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.ok + self.partial + self.failed + self.skipped

    @property
    def converted(self) -> int:
        """Documents that have an output now (read in this run or kept from the last)."""
        return self.ok + self.partial + self.skipped

    @property
    def empty_inputs(self) -> list[str]:
        """Inputs under which no report was found."""
        return [name for name, n in zip(self.inputs, self.found) if n == 0]

    def count(self, entry: Entry, skipped: bool) -> None:
        if skipped:
            self.skipped += 1
        elif entry.status == "ok":
            self.ok += 1
        elif entry.status == "partial":
            self.partial += 1
        else:
            self.failed += 1
        self.seconds = time.monotonic() - self.started


Progress = Callable[[Entry, RunSummary, bool], None]


def _label(item: Input) -> str:
    return item[0] if isinstance(item, tuple) else str(item)


def _with_bytes(src: Source, limit: int) -> tuple[Source, str | None]:
    """The source with its bytes loaded (to hash them before deciding to skip it)."""
    try:
        data = src.read_bytes(limit)
    except ReadError as exc:
        return replace(src, error=exc), None
    sha = hashlib.sha256(data).hexdigest()
    return replace(src, data=data, path=None, sha256=sha), sha


def convert_to_folder(
    inputs: Sequence[Input],
    out_dir: str | os.PathLike[str],
    *,
    to: str = "json",
    writer_options: Any = None,
    options: ReadOptions | Mapping[str, Any] | None = None,
    jobs: int | None = None,
    executor: Executor = "process",
    scheduler: Any = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    resume: bool = False,
    progress: Progress | None = None,
) -> RunSummary:
    """Convert every document under `inputs` into `out_dir`, one output per document
    (per table for the CSV grid form), and write ``manifest.jsonl``.

    `to` names the output format and `writer_options` its options; the other
    arguments are those of `govreport.convert_many`. `progress` is called after
    each document with its manifest entry, the running summary and whether it
    was skipped. Raises only for a bad output folder or bad options; every
    document's failure is in the manifest and the summary.
    """
    writer = configured(get_writer(to), writer_options)  # validates the options up front
    opts = ReadOptions.resolve(options)
    job = Job(opts, writer.name, writer_options)
    key = fingerprint(job)
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise GovReportError(f"{root} exists and is not a folder")
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    removed = remove_stale_temporaries(root)
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted run", removed)
    earlier = read_manifest(root) if resume else {}
    n = jobs if jobs is not None else default_jobs()
    if n < 1:
        raise OptionsError("jobs must be at least 1")
    summary = RunSummary(root, [_label(i) for i in inputs], [0] * len(inputs), count_sources(inputs))
    manifest = ManifestWriter(root, keep=resume)
    namer = Namer()
    bases: dict[int, str] = {}
    complete = False

    def record(entry: Entry, skipped: bool) -> None:
        manifest.add(entry)
        summary.count(entry, skipped)
        if progress is not None:
            progress(entry, summary, skipped)

    def tasks() -> Iterator[Task]:
        for src in iter_sources(inputs, limit=opts.max_input_bytes):
            summary.found[src.input] += 1
            bases[src.index] = namer.name(src.parts, [""])[0]
            if resume and src.error is None:
                src, sha = _with_bytes(src, opts.max_input_bytes)
                previous = earlier.get(src.name)
                if sha is not None and previous is not None and reusable(previous, sha, key, root):
                    record(replace(previous, index=src.index), True)
                    continue
            yield Task(src, job)

    try:
        for result in run_tasks(tasks(), jobs=n, executor=executor, timeout=timeout,
                                max_memory=max_memory, scheduler=scheduler):
            record(_write(result, root, bases[result.index], key, summary), False)
        complete = True
    finally:
        manifest.close(complete=complete)
        summary.seconds = time.monotonic() - summary.started
    if complete and summary.done == 0:  # nothing found: leave nothing behind
        manifest.path.unlink(missing_ok=True)
        if created and not any(root.iterdir()):
            root.rmdir()
    return summary


def _write(result: BatchResult, root: Path, base: str, key: str, summary: RunSummary) -> Entry:
    """Write a finished document's outputs; a write that fails makes it a failure."""
    if result.memory is not None:
        summary.peak_memory = max(summary.peak_memory or 0, result.memory)
    if result.error is not None:
        return entry_for(result, [], key)
    written: list[str] = []
    try:
        for suffix, data in result.rendered:
            relative = base + suffix
            atomic_write(inside(root, relative), data)
            written.append(relative)
    except GovReportError as exc:
        log.info("cannot write the output of %s: %s", result.name, exc)
        failed = replace(result, error=GovReportError(f"cannot write output: {exc}", source=result.name))
        return entry_for(failed, [], key)
    summary.outputs += len(written)
    return entry_for(result, written, key)
