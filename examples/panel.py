"""Build a panel of canonical values with pandas: one row per agency and year.

    python examples/panel.py reports/ panel.csv

Needs the pandas extra (pip install 'govreport[pandas]'). Each report's
values (applications received, results, reviews, lawsuits …) become one row,
indexed by agency and year, ready for `groupby`, plots or a regression.
"""

from __future__ import annotations

import sys

import govreport


def main(source: str, target: str) -> int:
    documents = [r.document for r in govreport.convert_many([source]) if r.document is not None]
    if not documents:
        print("no report could be read", file=sys.stderr)
        return 1
    panel = govreport.reports_to_pandas(documents)
    panel.insert(0, "agency", [d.metadata.agency for d in documents])
    panel.insert(1, "year", [d.metadata.year for d in documents])
    panel = panel.set_index(["agency", "year"]).sort_index()
    received = panel["applications.new_received@total"]
    print(f"{len(panel)} report(s); new applications per report: mean {received.mean():.1f}, "
          f"max {received.max()}", file=sys.stderr)
    panel.to_csv(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
