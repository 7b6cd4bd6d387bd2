"""Accept reviewed golden candidates: ``python tests/accept_golden.py X.expected.candidate.json …``.

Run it only after reading the candidate's diff (``X.expected.candidate.diff``)
and checking every changed cell against the source document. It replaces the
golden file with the candidate and removes the diff. It writes no note: the
accepted golden file says nothing about who checked it until a person writes
that into its ``note``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SUFFIX = ".candidate.json"


def accept(candidate: Path) -> Path:
    """Move one reviewed candidate over its golden file; returns the golden file's path."""
    if not candidate.name.endswith(SUFFIX):
        raise ValueError(f"{candidate} is not a golden candidate (*{SUFFIX})")
    json.loads(candidate.read_text(encoding="utf-8"))  # a candidate cut short is not accepted
    golden = candidate.with_name(candidate.name.removesuffix(SUFFIX) + ".json")
    os.replace(candidate, golden)
    candidate.with_name(candidate.name.removesuffix(".json") + ".diff").unlink(missing_ok=True)
    return golden


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for name in argv:
        golden = accept(Path(name))
        print(f"accepted {golden}; now write into its note what you checked it against")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
