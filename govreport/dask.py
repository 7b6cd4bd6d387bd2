"""govreport on a Dask cluster (the ``govreport[dask]`` extra).

The same unit of work as the local pool (`govreport.batch.run_task`) runs on
the workers of a `dask.distributed` cluster:

- `run_tasks_on_dask` is the executor behind ``convert_many(executor="dask")``
  and ``govreport convert … --executor dask [--scheduler ADDRESS]``: on a
  `LocalCluster` of `jobs` single-threaded worker processes, or on the
  cluster at `scheduler` (an address or a `distributed.Client`);
- `read_bag` maps a Dask bag of paths or ``(name, bytes)`` pairs to
  `BatchResult`s; `records` and `panel` turn it into Dask DataFrames (every
  data cell, or one row per report with a column per canonical key), which
  `write_panel` stores as partitioned Parquet.

Paths in a bag are read by the workers, so on a real cluster they must be
visible to every worker (a shared file system); ``(name, bytes)`` pairs
need nothing shared. See ``docs/scale.md``.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from govreport.errors import MissingExtraError, ReadError

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed
    from distributed import Client, LocalCluster, as_completed
except ImportError as _exc:  # pragma: no cover - exercised without the extra
    raise MissingExtraError("dask", "govreport.dask") from _exc

from govreport.batch import BatchResult, Job, Task, default_jobs, run_task
from govreport.inputs import Source, member_parts
from govreport.keys import known_keys
from govreport.options import ReadOptions
from govreport.report.values import header_unit, parse_value
from govreport.tables.paths import records as table_records

__all__ = ["panel", "read_bag", "records", "run_tasks_on_dask", "write_panel"]

PANEL_META = ("source", "agency", "year", "edition", "status", "error")
RECORD_COLUMNS = ("document", "table", "kind", "row", "col", "key", "text", "value")


@contextlib.contextmanager
def client_for(scheduler: Any = None, jobs: int | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler` (an address or a `Client`), else of a new
    `LocalCluster` of `jobs` single-threaded worker processes, closed afterwards."""
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


def _failed(task: Task, exc: BaseException) -> BatchResult:
    src = task.source
    error = ReadError(f"the Dask task failed: {type(exc).__name__}: {exc}", source=src.name)
    return BatchResult(src.name, error=error, index=src.index, input=src.input, parts=src.parts)


def run_tasks_on_dask(
    tasks: Iterable[Task], *, scheduler: Any = None, jobs: int | None = None
) -> Iterator[BatchResult]:
    """Every task's result, as they finish, with a few tasks per worker in flight (an
    endless task iterator is read as fast as the cluster goes). A task the cluster
    gives up on (its worker died too often) is a failed result, not an abort."""
    with client_for(scheduler, jobs) as client:
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or (jobs or 1))
        pending = iter(tasks)
        running = as_completed()
        by_key: dict[str, Task] = {}

        def submit() -> bool:
            task = next(pending, None)
            if task is None:
                return False
            key = f"govreport-{task.source.index}-{uuid.uuid4().hex}"
            by_key[key] = task
            running.add(client.submit(run_task, task, key=key, pure=False))
            return True

        for _ in range(window):
            if not submit():
                break
        for future in running:
            task = by_key.pop(future.key)
            try:
                result: BatchResult = future.result()
            except Exception as exc:
                result = _failed(task, exc)
            future.release()
            yield result
            submit()


# --- bags and data frames -------------------------------------------------------------


def _source(item: str | os.PathLike[str] | tuple[str, bytes], index: int) -> Source:
    if isinstance(item, tuple):
        name, data = item
        return Source(name, member_parts(name) or ("input",), 0, index, data=bytes(data))
    path = os.fspath(item)
    return Source(path, (os.path.basename(path),), 0, index, path=path)


def _read_partition(items: Sequence[Any], options: ReadOptions) -> list[BatchResult]:
    job = Job(options)
    return [run_task(Task(_source(item, i), job)) for i, item in enumerate(items)]


def read_bag(bag: db.Bag, options: ReadOptions | Mapping[str, Any] | None = None) -> db.Bag:
    """A bag of `BatchResult`s (each with its document or error) from a bag of paths
    or ``(name, bytes)`` pairs."""
    opts = ReadOptions.resolve(options)
    return bag.map_partitions(_read_partition, opts)


def _record_rows(results: Sequence[BatchResult]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for result in results:
        if result.document is None:
            continue
        for index, table in enumerate(result.document.tables):
            for rec in table_records(table):
                number = parse_value(rec.text, header_unit(rec.col)).number
                rows.append((result.name, index, table.kind, " / ".join(rec.row), " / ".join(rec.col),
                             rec.key, rec.text, None if number is None else float(number)))
    return rows


def _records_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(RECORD_COLUMNS))
    for column in ("document", "kind", "row", "col", "key", "text"):
        frame[column] = frame[column].astype(object)
    frame["table"] = frame["table"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


def _records_partition(results: Sequence[BatchResult]) -> pd.DataFrame:
    return _records_frame(_record_rows(results))


def records(bag: db.Bag, options: ReadOptions | Mapping[str, Any] | None = None) -> dd.DataFrame:
    """Every data cell of every readable report: document, table, kind, row and column
    header paths (joined with `` / ``), key, printed text and value."""
    parts = [delayed(_records_partition)(part) for part in read_bag(bag, options).to_delayed()]
    return dd.from_delayed(parts, meta=_records_frame([]))


def _panel_rows(results: Sequence[BatchResult], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        doc = result.document
        row: dict[str, Any] = {"source": result.name, "status": result.status,
                               "error": result.error.message if result.error is not None else None,
                               "agency": None, "year": None, "edition": None}
        values: Mapping[str, Any] = {}
        if doc is not None:
            row.update(agency=doc.metadata.agency, year=doc.metadata.year, edition=doc.metadata.edition)
            values = doc.report.values if doc.report is not None else {}
        for key in keys:
            value = values.get(key)
            row[key] = None if value is None else float(value)
        rows.append(row)
    return rows


def _panel_frame(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*PANEL_META, *keys])
    for column in ("source", "agency", "edition", "status", "error"):
        frame[column] = frame[column].astype(object)
    frame["year"] = frame["year"].astype("Int64")
    for key in keys:
        frame[key] = frame[key].astype("float64")
    return frame


def _panel_partition(results: Sequence[BatchResult], keys: tuple[str, ...]) -> pd.DataFrame:
    return _panel_frame(_panel_rows(results, keys), keys)


def panel(
    bag: db.Bag,
    options: ReadOptions | Mapping[str, Any] | None = None,
    keys: Sequence[str] | None = None,
) -> dd.DataFrame:
    """One row per document (failed ones too, with their error): source, agency, year,
    edition, status, error, then one float column per canonical key (NaN where blank,
    a placeholder, or missing)."""
    chosen = tuple(keys) if keys is not None else known_keys()
    parts = [delayed(_panel_partition)(part, chosen) for part in read_bag(bag, options).to_delayed()]
    return dd.from_delayed(parts, meta=_panel_frame([], chosen))


def write_panel(
    bag: db.Bag,
    path: str | os.PathLike[str],
    options: ReadOptions | Mapping[str, Any] | None = None,
    keys: Sequence[str] | None = None,
) -> None:
    """The panel as a Parquet dataset at `path`: one file per partition of the bag."""
    panel(bag, options, keys).to_parquet(os.fspath(path), write_index=False)
