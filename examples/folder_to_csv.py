"""Convert every report under a folder (or archive) into one tidy CSV file.

    python examples/folder_to_csv.py reports/ all.csv

One line per data cell of every table: the document, the table, the row and
column header paths, the canonical key, the printed text and the number.
Files that cannot be read are listed on stderr and left out; the exit status
is 1 when any was.
"""

from __future__ import annotations

import sys

import govreport
from govreport.writers.csv import render_csv


def main(source: str, target: str) -> int:
    documents = []
    failed = 0
    for result in govreport.convert_many([source]):
        if result.document is None:
            print(f"skipped {result.error}", file=sys.stderr)
            failed += 1
        else:
            documents.append(result.document)
    with open(target, "wb") as fh:
        fh.write(render_csv(documents, {"form": "tidy", "encoding": "utf-8-sig"}))
    print(f"{len(documents)} report(s) written to {target}, {failed} skipped", file=sys.stderr)
    return 1 if failed or not documents else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
