"""Where a PDF page's time goes: CPU per stage of the default (PDFium) conversion.

Each stage's function is wrapped with a CPU timer for the run (times of a
stage include the stages it calls, so nested rows overlap their parent), the
corpus PDFs are converted `--repeat` times, and each stage's CPU time is
printed per page beside the total and PDFium's bare text extraction of the
same pages. Whether the compiled PDFium loops and glyph stages are in use is
printed first: without them (`--pure`) the characters and paths are read
through ctypes and the glyph stages run in Python.

Usage: python bench/profile_pdf.py [PDF ...] [--repeat N] [--pure]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pdf import corpus_pdfs, pdfium_text  # noqa: E402

# (label, module, function): the module is where the caller looks the function up
STAGES = [
    ("open a page (PDFium parse)", "pypdfium2._helpers.document", "PdfDocument.get_page"),
    ("text page (PDFium)", "pypdfium2._helpers.page", "PdfPage.get_textpage"),
    ("characters", "govreport.readers.pdf.source_pdfium", "_chars"),
    ("lines and rectangles", "govreport.readers.pdf.source_pdfium", "_objects"),
    ("lines and rectangles (compiled)", "govreport.readers.pdf.source_pdfium", "_read_paths"),
    ("page: glyphs (fake bold, crop)", "govreport.readers.pdf.pages", "page_glyphs"),
    ("page: rulings", "govreport.readers.pdf.pages", "page_to_rulings"),
    ("page: regions and grids", "govreport.readers.pdf.pages", "rulings_to_regions"),
    ("page: glyphs of a table region", "govreport.readers.pdf.pages", "glyphs_in_box"),
    ("page: cells", "govreport.readers.pdf.pages", "grid_to_cells"),
    ("page: edge cell texts", "govreport.readers.pdf.pages", "_edge_texts"),
    ("page: lines outside tables", "govreport.readers.pdf.pages", "glyphs_to_lines"),
    ("page: unruled tables", "govreport.readers.pdf.pages", "text_tables"),
    ("pages joined, paragraphs", "govreport.readers.pdf", "facts_to_blocks"),
    ("  join: glyphs moved under", "govreport.readers.pdf.join", "shift_glyphs"),
    ("  join: cells", "govreport.readers.pdf.join", "grid_to_cells"),
    ("  join: cell texts", "govreport.readers.pdf.join", "cells_to_text"),
    ("  join: raw tables", "govreport.readers.pdf.join", "_raw_table"),
    ("table builder", "govreport.api", "assemble"),
    ("report layer", "govreport.report", "analyse"),
]


def wrap(spent: dict[str, float], label: str, module: str, name: str) -> bool:
    """Time `module.name` (a function or Class.method) into `spent[label]`."""
    try:
        owner: Any = importlib.import_module(module)
    except ImportError:
        return False
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part, None)
    fn: Callable[..., Any] | None = getattr(owner, attr, None)
    if fn is None:
        return False

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - start

    setattr(owner, attr, timed)
    return True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pure", action="store_true", help="without the compiled loops and stages")
    args = ap.parse_args()
    import govreport
    from govreport.readers.pdf import source_pdfium, text

    if args.pure:
        source_pdfium._read_chars = source_pdfium._read_paths = None
        text.native = None
    compiled = source_pdfium._read_chars is not None and source_pdfium._read_paths is not None
    print(f"compiled PDFium loops: {'in use' if compiled else 'not in use'}; "
          f"compiled glyph stages: {'in use' if text.native is not None else 'not in use'}")
    blobs = [p.read_bytes() for p in (args.pdfs or corpus_pdfs())]
    for b in blobs:
        govreport.read(b, name="x.pdf")
    best_bare = best_total = float("inf")
    pages = 0
    for _ in range(args.repeat):
        start = time.process_time()
        pages = sum(pdfium_text(b) for b in blobs)
        best_bare = min(best_bare, time.process_time() - start)
        start = time.process_time()
        for b in blobs:
            govreport.read(b, name="x.pdf")
        best_total = min(best_total, time.process_time() - start)
    spent: dict[str, float] = {}
    missing = [label for label, module, name in STAGES if not wrap(spent, label, module, name)]
    start = time.process_time()
    for _ in range(args.repeat):
        for b in blobs:
            govreport.read(b, name="x.pdf")
    timed_total = time.process_time() - start
    per = 1000 / (pages * args.repeat)
    print(f"{len(blobs)} PDF(s), {pages} pages; CPU ms per page")
    print(f"{'whole conversion (best, untimed)':<36}{1000 * best_total / pages:>8.3f}")
    print(f"{'PDFium bare text extraction (best)':<36}{1000 * best_bare / pages:>8.3f}"
          f"   ratio {best_total / best_bare:.2f}x")
    print(f"{'whole conversion (stages timed)':<36}{timed_total * per:>8.3f}")
    for label, _, _ in STAGES:
        if label in spent:
            print(f"{label:<36}{spent[label] * per:>8.3f}")
    if missing:
        print("not found (renamed?):", ", ".join(missing))


if __name__ == "__main__":
    main()
