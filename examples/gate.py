"""Gate a publishing pipeline with `govreport check`: publish only sound reports.

    python examples/gate.py draft-report.docx && publish draft-report.docx

`govreport check` exits 0 when every arithmetic identity of the official
tables holds, 1 when one fails (or the file cannot be read), and 3 when the
file holds no official table at all, so a file that is not a report never
passes the gate. This script runs it on each file given and says why a file
was stopped.
"""

from __future__ import annotations

import subprocess
import sys

REASONS = {1: "an identity fails or the file cannot be read", 3: "no official table: not a report"}


def main(paths: list[str]) -> int:
    status = 0
    for path in paths:
        proc = subprocess.run(
            [sys.executable, "-m", "govreport", "check", path], capture_output=True, text=True
        )
        if proc.returncode == 0:
            print(f"ok       {path}")
            continue
        status = max(status, proc.returncode)
        print(f"stopped  {path}: {REASONS.get(proc.returncode, 'usage error')}")
        print(proc.stdout + proc.stderr, end="", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
