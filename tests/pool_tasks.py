"""Tasks for the worker pool's tests: importable by the worker processes (tests/ is on
their sys.path), each misbehaving in one way."""

from __future__ import annotations

import os
import time


def work(task: tuple[str, float]) -> str:
    """``("sleep", s)`` sleeps, ``("grow", mb)`` holds that much memory for a while,
    ``("die", code)`` ends the worker abruptly, anything else returns at once."""
    kind, amount = task
    if kind == "sleep":
        time.sleep(amount)
    elif kind == "grow":
        block = bytearray(int(amount) * 1024 * 1024)
        for i in range(0, len(block), 4096):
            block[i] = 1  # touch every page so that it is resident
        time.sleep(5)
    elif kind == "die":
        os._exit(int(amount))
    return f"{kind} {amount} done"
