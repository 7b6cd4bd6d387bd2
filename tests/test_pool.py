"""The worker pool stops one task, never the run: time limit, memory limit, a dying worker."""

from __future__ import annotations

from pathlib import Path

import pool_tasks
from helpers import CORPUS

import govreport
from govreport.pool import Pool, TaskFailure, rss


def outcomes(pool: Pool, tasks: list) -> dict:
    return {task: result for task, result in pool.run(tasks)}


def test_a_task_over_the_time_limit_is_stopped_and_the_others_finish() -> None:
    pool = Pool(pool_tasks.work, 2, timeout=1.0)
    tasks = [("sleep", 30.0), ("quick", 1.0), ("quick", 2.0), ("quick", 3.0)]
    done = outcomes(pool, tasks)
    slow = done[("sleep", 30.0)]
    assert isinstance(slow, TaskFailure) and slow.kind == "timeout" and "time limit" in slow.message
    assert slow.seconds < 10
    assert [done[t] for t in tasks[1:]] == ["quick 1.0 done", "quick 2.0 done", "quick 3.0 done"]


def test_a_task_over_the_memory_limit_is_stopped() -> None:
    assert rss(1) is not None or rss(__import__("os").getpid()) is not None
    pool = Pool(pool_tasks.work, 1, max_memory=300 * 1024 * 1024)
    done = outcomes(pool, [("grow", 600.0), ("quick", 0.0)])
    big = done[("grow", 600.0)]
    assert isinstance(big, TaskFailure) and big.kind == "memory" and "memory limit" in big.message
    assert done[("quick", 0.0)] == "quick 0.0 done"


def test_a_worker_that_dies_is_one_failure_and_is_replaced() -> None:
    pool = Pool(pool_tasks.work, 1)
    done = outcomes(pool, [("die", 3.0), ("quick", 0.0)])
    died = done[("die", 3.0)]
    assert isinstance(died, TaskFailure) and died.kind == "crash" and "exit code 3" in died.message
    assert done[("quick", 0.0)] == "quick 0.0 done"


def test_convert_many_reports_a_document_over_its_time_limit(tmp_path: Path) -> None:
    # the seed printed 200 times takes well over a second on any machine
    long = tmp_path / "long.txt"
    long.write_bytes((CORPUS / "real" / "town-2019.txt").read_bytes() * 200)
    results = list(govreport.convert_many([long, CORPUS / "real" / "town-2019.txt"], jobs=2, timeout=0.05))
    assert [r.name for r in results] == [str(long), str(CORPUS / "real" / "town-2019.txt")]
    slow, fast = results
    assert isinstance(slow.error, govreport.LimitExceededError) and "time limit" in str(slow.error)
    assert str(slow.error).startswith(str(long)) and slow.status == "failed"
    assert fast.status == "ok" or "time limit" in str(fast.error)  # a busy machine may stop it too
