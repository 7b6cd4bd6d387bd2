"""PDF reading speed and memory: govreport.read() beside pdfplumber's own parse.

The baseline opens each PDF with pdfplumber and touches ``page.chars``,
``page.lines`` and ``page.rects`` on every page (no table finding): the
least any PDF reader built on pdfplumber must do. Target: full conversion
within 1.5x of that. A long PDF (the sample's pages repeated, built with
pypdfium2, which pdfplumber brings) checks that peak memory stays flat
(target: under 300 MB).

Usage: python bench/bench_pdf.py [PDF ...] [--long N]
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "corpus/real/hongze-district-2023.pdf"]


def baseline(path: Path) -> int:
    import pdfplumber

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pdfplumber.open(str(path)) as pdf:
            n = 0
            for page in pdf.pages:
                _ = (page.chars, page.lines, page.rects)
                page.close()
                n += 1
    return n


def convert(path: Path) -> int:
    from govreport.api import read

    doc = read(path)
    return doc.source.pages or 0


def timed(fn, path: Path, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    best, pages = float("inf"), 0
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        pages = fn(path)
        best = min(best, time.perf_counter() - t0)
    return best, pages


def make_long(src: Path, n_pages: int, out: Path) -> None:
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument(str(src))
    doc = pdfium.PdfDocument.new()
    while len(doc) < n_pages:
        doc.import_pages(base)
    doc.save(str(out))


def peak_mb_in_child(mode: str, path: Path) -> float:
    """Peak RSS of a fresh interpreter doing one conversion (or the baseline parse)."""
    code = (
        f"import resource,sys;sys.path.insert(0,{str(ROOT)!r});"
        f"from bench.bench_pdf import {mode} as f;"
        f"f(__import__('pathlib').Path({str(path)!r}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(res.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--long", type=int, default=300, help="pages of the long PDF (0: skip)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or DEFAULT
    tb = tc = 0.0
    pages = 0
    for p in pdfs:
        b, n = timed(baseline, p, args.repeat)
        c, _ = timed(convert, p, args.repeat)
        tb, tc, pages = tb + b, tc + c, pages + n
        print(f"{p.name}: {n} pages  pdfplumber parse {b*1000:.0f} ms  govreport.read {c*1000:.0f} ms"
              f"  ratio {c / b:.2f}")
    print(f"total: {pages} pages  parse {pages / tb:.1f} p/s  read {pages / tc:.1f} p/s"
          f"  ratio {tc / tb:.2f} (target ≤ 1.5)")
    if args.long:
        with tempfile.TemporaryDirectory() as tmp:
            long_pdf = Path(tmp) / "long.pdf"
            make_long(pdfs[0], args.long, long_pdf)
            b, n = timed(baseline, long_pdf, 1)
            c, _ = timed(convert, long_pdf, 1)
            mb_b = peak_mb_in_child("baseline", long_pdf)
            mb_c = peak_mb_in_child("convert", long_pdf)
            print(f"long PDF: {n} pages  parse {b:.1f} s ({n / b:.1f} p/s)  read {c:.1f} s "
                  f"({n / c:.1f} p/s)  ratio {c / b:.2f}")
            print(f"peak RSS: parse {mb_b:.0f} MB  read {mb_c:.0f} MB (target < 300 MB)")
    _ = resource


if __name__ == "__main__":
    main()
