"""Batch conversion: one result per document, in parallel, and never an aborted run.

`convert_many` reads every report under its inputs (`govreport.inputs`:
files, folders, zip and tar archives, nested archives, ``(name, bytes)``
pairs) on a pool of worker processes (`govreport.pool`), with a time and a
memory limit per document, or on a Dask cluster (`govreport.dask`). Each
document gives one `BatchResult`: the document or a typed error, its
diagnostics, the seconds it took, the sha256 of its bytes and its name. A
bad file, a reader bug, a document that runs past its limits: each is one
failed result, and the run goes on.

The unit of work is `run_task`, a plain function of a `Task`, so that every
executor runs the same code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, Literal

from govreport.api import read
from govreport.errors import GovReportError, LimitExceededError, OptionsError, ReadError
from govreport.inputs import MAX_ARCHIVE_MEMBERS, REPORT_SUFFIXES, Input, Source, count_sources, iter_sources
from govreport.model import Diagnostic, Document
from govreport.options import ReadOptions
from govreport.pool import Pool, TaskFailure

__all__ = ["MAX_ARCHIVE_MEMBERS", "REPORT_SUFFIXES", "BatchResult", "Job", "Task", "convert_many",
           "default_jobs", "iter_results", "run_task"]

log = logging.getLogger(__name__)

Executor = Literal["process", "dask", "serial"]
Status = Literal["ok", "partial", "failed"]
DEFAULT_TIMEOUT = 300.0
DEFAULT_MAX_MEMORY = 2048 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Job:
    """What is done with every document of a run: how it is read, and, when `writer`
    names an output format, rendered to bytes in the worker (the document itself is
    then not sent back)."""

    options: ReadOptions = field(default_factory=ReadOptions)
    writer: str | None = None
    writer_options: Any = None


@dataclass(frozen=True, slots=True)
class Task:
    """One source and the job to do on it: what a worker receives."""

    source: Source
    job: Job


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One document's outcome: `document` when it could be read, else `error`.

    `name` is the path as given (``archive.zip!member`` inside an archive);
    `diagnostics` the document's diagnostics; `seconds` the time spent on it;
    `sha256` the hash of its bytes (None when they could not be read);
    `index` its position among all documents of the run and `input` the
    input it came from; `parts` its mirrored path for an output folder;
    `rendered` the output files made in the worker (``(suffix, bytes)``) when
    the job names a writer; `memory` the worker's peak resident memory in
    bytes after the document, where the platform tells.
    """

    name: str
    document: Document | None = None
    error: GovReportError | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0
    sha256: str | None = None
    index: int = 0
    input: int = 0
    parts: tuple[str, ...] = ()
    rendered: tuple[tuple[str, bytes], ...] = ()
    memory: int | None = None
    format: str | None = None

    @property
    def ok(self) -> bool:
        """The document was read (possibly with error diagnostics: see `status`)."""
        return self.error is None

    @property
    def status(self) -> Status:
        """``failed`` (no document), ``partial`` (read, with error diagnostics) or ``ok``."""
        if self.error is not None:
            return "failed"
        if any(d.severity == "error" for d in self.diagnostics):
            return "partial"
        return "ok"


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _peak_memory() -> int | None:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024
    except (ImportError, AttributeError):  # pragma: no cover - not Unix
        return None


def _portable(exc: GovReportError) -> GovReportError:
    """`exc` itself when it survives pickling (to go back to the parent), else a ReadError."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return ReadError(exc.message, source=exc.source)


def run_task(task: Task) -> BatchResult:
    """Read (and render) one source; every failure becomes the result's error."""
    start = time.perf_counter()
    src = task.source
    base = BatchResult(src.name, index=src.index, input=src.input, parts=src.parts)
    if src.error is not None:
        return replace(base, error=src.error)
    sha: str | None = None
    try:
        opts = task.job.options
        data = src.read_bytes(opts.max_input_bytes)
        sha = src.sha256 or hashlib.sha256(data).hexdigest()
        leaf = PurePosixPath(src.parts[-1]).name if src.parts else src.name
        doc = read(data, options=opts, name=leaf)
        rendered: tuple[tuple[str, bytes], ...] = ()
        if task.job.writer is not None:
            rendered = render(doc, task.job.writer, task.job.writer_options)
            result = replace(base, diagnostics=doc.diagnostics, rendered=rendered)
        else:
            result = replace(base, document=doc, diagnostics=doc.diagnostics)
        result = replace(result, format=doc.source.format)
    except GovReportError as exc:
        exc.source = src.name
        result = replace(base, error=_portable(exc))
    except Exception as exc:  # a reader bug must not stop the batch
        result = replace(base, error=ReadError(f"unexpected {type(exc).__name__}: {exc}", source=src.name))
    return replace(result, seconds=time.perf_counter() - start, sha256=sha, memory=_peak_memory())


def render(doc: Document, writer_name: str, options: Any = None) -> tuple[tuple[str, bytes], ...]:
    """The output files of `doc` in one format: ``(suffix to add to the name, bytes)``
    each; one file, or one per part when the writer splits (CSV grid: per table)."""
    from govreport.writers import configured, get_writer

    writer = configured(get_writer(writer_name), options)
    if writer.render_parts is not None:
        return tuple((part + writer.suffixes[0], data) for part, data in writer.render_parts(doc))
    return ((writer.suffixes[0], writer.render(doc)),)


def failure_result(task: Task, failure: TaskFailure) -> BatchResult:
    """The result of a task whose worker was stopped (time, memory) or died."""
    src = task.source
    error = LimitExceededError(failure.message, source=src.name) if failure.kind != "crash" \
        else ReadError(failure.message, source=src.name)
    sha = src.sha256 or (hashlib.sha256(src.data).hexdigest() if src.data is not None else None)
    return BatchResult(src.name, error=error, seconds=failure.seconds, sha256=sha, index=src.index,
                       input=src.input, parts=src.parts)


def run_tasks(
    tasks: Iterable[Task],
    *,
    jobs: int,
    executor: Executor = "process",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    scheduler: Any = None,
) -> Iterator[BatchResult]:
    """Every task's result, in the order they finish, on the chosen executor."""
    if executor == "serial":
        for task in tasks:
            yield run_task(task)
    elif executor == "process":
        pool: Pool[Task, BatchResult] = Pool(run_task, jobs, timeout=timeout, max_memory=max_memory)
        for task, outcome in pool.run(tasks):
            yield failure_result(task, outcome) if isinstance(outcome, TaskFailure) else outcome
    elif executor == "dask":
        from govreport.dask import run_tasks_on_dask

        yield from run_tasks_on_dask(tasks, scheduler=scheduler, jobs=jobs)
    else:
        raise OptionsError(f"executor must be 'process', 'dask' or 'serial', not {executor!r}")


def _in_order(results: Iterable[BatchResult]) -> Iterator[BatchResult]:
    waiting: dict[int, BatchResult] = {}
    expected = 0
    for result in results:
        waiting[result.index] = result
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    yield from (waiting[i] for i in sorted(waiting))


def convert_many(
    inputs: Sequence[Input] | str | os.PathLike[str],
    *,
    jobs: int | None = None,
    executor: Executor = "process",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    options: ReadOptions | Mapping[str, Any] | None = None,
    ordered: bool = True,
    scheduler: Any = None,
) -> Iterator[BatchResult]:
    """Read every report under `inputs`, one `BatchResult` each; never aborts.

    `inputs`: paths of files, folders (searched recursively), zip and tar
    archives (nested ones too), and ``(name, bytes)`` pairs. `jobs` worker
    processes (default: one per core) read in parallel; a document that takes
    over `timeout` seconds or whose worker passes `max_memory` bytes is
    stopped and reported as a `LimitExceededError`. `executor` is
    ``process`` (default), ``dask`` (the ``dask`` extra: a `LocalCluster`, or
    the cluster at `scheduler`, an address or a `distributed.Client`) or
    ``serial`` (in this process, no limits). Results come in input order
    unless `ordered` is False (then as they finish, `index` giving the order).
    """
    opts = ReadOptions.resolve(options)
    items: Sequence[Input] = [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    n = jobs if jobs is not None else default_jobs()
    if n < 1:
        raise OptionsError("jobs must be at least 1")
    if executor == "process":
        known = count_sources(items)
        if known is not None:
            n = max(1, min(n, known))
    job = Job(opts)
    tasks = (Task(src, job) for src in iter_sources(items, limit=opts.max_input_bytes))
    results = run_tasks(tasks, jobs=n, executor=executor, timeout=timeout, max_memory=max_memory,
                        scheduler=scheduler)
    for result in _in_order(results) if ordered else results:
        if result.error is not None:
            log.info("failed: %s", result.error)
        else:
            log.debug("read %s in %.2f s", result.name, result.seconds)
        yield result


def iter_results(
    inputs: Sequence[Input] | str | os.PathLike[str],
    *,
    options: ReadOptions | Mapping[str, Any] | None = None,
) -> Iterator[BatchResult]:
    """`convert_many` in this process, in input order: for a handful of documents."""
    return convert_many(inputs, executor="serial", options=options)
