"""OCR speed and memory: scanned pages per second and peak RSS.

Each configuration runs in its own subprocess, so its peak RSS is its own:

- ``render``: the scans' pages rendered by pypdfium2 at the OCR resolution,
  the floor any reader of a scan pays;
- ``models``: the OCR models loaded (no page read);
- ``govreport``: `govreport.read` on the scans of the generated corpus
  (every stage: render, deskew, rulings, detection, recognition, tables).

Times are wall clock and CPU seconds of the whole run (a scan is read once:
OCR is slow enough that one pass is a steady figure); the CPU figure is the
steadier on a shared machine.

    python bench/bench_scan.py [--cases N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("render", "models", "govreport")


def scans(limit: int) -> list[Path]:
    return sorted((ROOT / "corpus" / "generated" / "cases").glob("*/*.scan.pdf"))[:limit]


def _child(config: str, limit: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    files = scans(limit)
    wall, cpu = time.perf_counter(), time.process_time()
    pages = 0
    if config == "render":
        import pypdfium2 as pdfium

        from govreport.readers.scan.images import render_pdf_pages

        for path in files:
            pdf = pdfium.PdfDocument(str(path))
            n = len(pdf)
            pdf.close()
            pages += sum(1 for _ in render_pdf_pages(path.read_bytes(), list(range(1, n + 1))))
    elif config == "models":
        from govreport.readers.scan.engine import get_engine

        get_engine()
    else:
        from govreport.api import read

        for path in files:
            pages += read(path).source.pages or 0
    return {"pages": pages, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "docs": len(files)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=12, help="read the first N scans")
    ap.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.cases)))
        return 0
    rows = {}
    for config in CONFIGS:
        proc = subprocess.run([sys.executable, __file__, "--child", config, "--cases", str(args.cases)],
                              capture_output=True, text=True, check=True)
        rows[config] = json.loads(proc.stdout)
    full = rows["govreport"]
    print(f"scans: {full['docs']} documents, {full['pages']} pages")
    print(f"{'configuration':<14}{'pages/s':>9}{'s/page':>8}{'cpu s/page':>12}{'peak MB':>9}")
    for config in CONFIGS:
        r = rows[config]
        if r["pages"]:
            print(f"{config:<14}{r['pages'] / r['wall']:>9.2f}{r['wall'] / r['pages']:>8.2f}"
                  f"{r['cpu'] / r['pages']:>12.2f}{r['peak_mb']:>9.1f}")
        else:
            print(f"{config:<14}{'':>9}{'':>8}{'':>12}{r['peak_mb']:>9.1f}  (load: {r['wall']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
