"""A process pool that kills one task, not the run: a time and a memory limit per task.

`concurrent.futures` cannot stop a single task: a PDF that loops or swells
would hold its worker for ever, or take the machine's memory. Here each
worker is a process with a pipe of its own; the parent hands it one task at
a time, and kills it (then starts a fresh one) when its task runs past
`timeout` seconds or its resident memory passes `max_memory` bytes (read
from ``/proc``; where there is no ``/proc``, the worker's address space is
capped with ``RLIMIT_AS`` instead). The task is reported as a `TaskFailure`
and the other tasks go on.

Workers are started with ``forkserver`` where available (from a clean,
single-threaded server that has already imported govreport's readers), else
``spawn``; never with a bare ``fork`` of a parent that may run threads.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from govreport.errors import GovReportError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

PRELOAD = ["govreport.api", "govreport.readers.txt", "govreport.readers.docx", "govreport.readers.pdf",
           "govreport.writers.json"]
POLL = 0.05  # seconds between checks of the busy workers' clocks and memory
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class PoolStartError(GovReportError):
    """Worker processes could not be started: nothing of the batch can run."""


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A task that never returned: `kind` is ``timeout``, ``memory`` or ``crash``."""

    kind: str
    message: str
    seconds: float


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _worker(conn: Connection, func: Callable[[Any], Any], address_limit: int | None) -> None:
    """The worker's loop: one task in, one result out, until told to stop (None).

    Ctrl-C reaches the whole process group; the parent handles it (and stops
    the workers), so a worker ignores it rather than dying with a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if address_limit is not None:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (address_limit, address_limit))
        except (ImportError, ValueError, OSError):  # pragma: no cover - platform dependent
            pass
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        conn.send(func(task))


def rss(pid: int) -> int | None:
    """The resident memory of process `pid` in bytes, None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class _Slot:
    """One worker process, its pipe, and the task it is running."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any], address_limit: int | None) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = ctx.Process(target=_worker, args=(child, func, address_limit), daemon=True)
        self.process.start()
        child.close()
        self.task: Any = None
        self.busy = False
        self.started = 0.0
        self.ready = False

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Block until the worker has started; a worker that dies first is a setup error
        (the calling script re-runs its work when imported, a broken installation …)."""
        if wait([self.conn, self.process.sentinel], timeout=timeout):
            try:
                if self.conn.poll() and self.conn.recv() == "ready":
                    self.ready = True
                    return
            except (EOFError, OSError):
                pass
        self.kill()
        raise PoolStartError(
            "the worker processes could not start (exit code "
            f"{self.process.exitcode}); a script that starts a batch must do so under "
            "'if __name__ == \"__main__\":'"
        )

    def give(self, task: Any) -> None:
        self.conn.send(task)
        self.task = task
        self.busy = True
        self.started = time.monotonic()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


class Pool(Generic[T, R]):
    """`jobs` worker processes running `func` (a module-level function) on tasks.

    `timeout` (seconds) and `max_memory` (bytes) apply to each task; None
    disables them. `backlog` tasks are kept queued per worker at most, so an
    endless input iterator is read only as fast as the workers go.
    """

    def __init__(
        self,
        func: Callable[[T], R],
        jobs: int,
        *,
        timeout: float | None = None,
        max_memory: int | None = None,
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.func = func
        self.jobs = jobs
        self.timeout = timeout
        self.max_memory = max_memory
        self._ctx = _context()
        self._watch_rss = max_memory is not None and rss(os.getpid()) is not None
        self._address_limit = None if self._watch_rss or max_memory is None else max_memory
        self._slots: list[_Slot] = []

    def _new_slot(self) -> _Slot:
        slot = _Slot(self._ctx, self.func, self._address_limit)
        slot.wait_ready()
        return slot

    def run(self, tasks: Iterable[T]) -> Iterator[tuple[T, R | TaskFailure]]:
        """Each task with its result (or its `TaskFailure`), in the order they finish."""
        pending = iter(tasks)
        exhausted = False
        self._slots = [self._new_slot() for _ in range(self.jobs)]
        try:
            while True:
                for slot in self._slots:
                    if not slot.busy and not exhausted:
                        task = next(pending, None)
                        if task is None:
                            exhausted = True
                            break
                        slot.give(task)
                busy = [s for s in self._slots if s.busy]
                if not busy:
                    return
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=POLL)
                now = time.monotonic()
                for i, slot in enumerate(list(self._slots)):
                    if not slot.busy:
                        continue
                    outcome = self._check(slot, ready, now)
                    if outcome is None:
                        continue
                    task, result, replace = outcome
                    if replace:
                        slot.kill()
                        self._slots[i] = self._new_slot()
                    else:
                        slot.busy = False
                        slot.task = None
                    yield task, result
        finally:
            for slot in self._slots:
                slot.stop()
            self._slots = []

    def _check(self, slot: _Slot, ready: list[Any], now: float) -> tuple[Any, Any, bool] | None:
        """The slot's finished task, result and whether the worker must be replaced; None
        while it is still working within its limits."""
        elapsed = now - slot.started
        if slot.conn in ready:
            try:
                return slot.task, slot.conn.recv(), False
            except (EOFError, OSError):
                pass  # died while sending: reported as a crash below
        if slot.conn in ready or slot.process.sentinel in ready or not slot.process.is_alive():
            slot.process.join(1)
            code = slot.process.exitcode
            why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            log.warning("worker %s stopped (%s)", slot.process.pid, why)
            return slot.task, TaskFailure("crash", f"the worker process stopped ({why})", elapsed), True
        if self.timeout is not None and elapsed > self.timeout:
            return slot.task, TaskFailure(
                "timeout", f"took over {self.timeout:g} s and was stopped (time limit)", elapsed
            ), True
        if self._watch_rss and self.max_memory is not None:
            used = rss(slot.process.pid or 0)
            if used is not None and used > self.max_memory:
                return slot.task, TaskFailure(
                    "memory",
                    f"used {used / 1048576:.0f} MB, over the {self.max_memory / 1048576:.0f} MB "
                    "memory limit, and was stopped",
                    elapsed,
                ), True
        return None
