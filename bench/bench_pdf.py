"""PDF reading speed and memory: govreport.read() beside pdfplumber's own parse.

The baseline opens each PDF with pdfplumber and touches ``page.chars``,
``page.lines`` and ``page.rects`` on every page (no table finding): the
least any PDF reader built on pdfplumber must do. Target: full conversion
within 1.5x of that. Two long PDFs (pages repeated with pypdfium2, which
pdfplumber brings) check that time and peak memory grow no faster than the
page count (target: under 300 MB):

- ``--long N``: the sample's pages repeated (many short tables, new fonts on
  every copy);
- ``--long-table N``: one ruled table running over N pages (a 240-row table
  written with python-docx and converted by LibreOffice, its pages repeated;
  each copy starts with the same header row, so the copies join into one
  table). Skipped when LibreOffice is not installed.

Times are best-of-`--repeat` wall clock and CPU seconds of this process; on a
shared machine the CPU ratio is the steadier figure.

Usage: python bench/bench_pdf.py [PDF ...] [--long N] [--long-table N]
"""

from __future__ import annotations

import argparse
import gc
import shutil
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


def timed(fn, path: Path, repeat: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Best wall-clock and best CPU seconds over `repeat` runs, and the page count."""
    best, best_cpu, pages = float("inf"), float("inf"), 0
    for _ in range(repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        pages = fn(path)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu, pages


def make_long(src: Path, n_pages: int, out: Path) -> None:
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument(str(src))
    doc = pdfium.PdfDocument.new()
    while len(doc) < n_pages:
        doc.import_pages(base)
    doc.save(str(out))


def make_table_pdf(out_dir: Path, rows: int = 240) -> Path | None:
    """A docx holding one ruled table (header row + `rows` rows, no text before
    it) converted to PDF by LibreOffice; None without LibreOffice."""
    import docx

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    d = docx.Document()
    d._body.clear_content()
    table = d.add_table(rows=rows + 1, cols=6)
    table.style = "Table Grid"
    for i, h in enumerate(["序号", "项目名称", "申请数量", "办理数量", "公开数量", "备注"]):
        table.cell(0, i).text = h
    for r in range(1, rows + 1):
        texts = [str(r), f"第{r}项政府信息公开事项", str(r * 3 % 97), str(r * 7 % 89), str(r % 13), "无"]
        for cell, text in zip(table.rows[r].cells, texts, strict=True):
            cell.text = text
    src = out_dir / "table.docx"
    d.save(str(src))
    profile = (out_dir / "lo_profile").as_uri()
    subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(src)],
                   check=False, capture_output=True, timeout=600)
    pdf = out_dir / "table.pdf"
    return pdf if pdf.exists() else None


def peak_mb_in_child(mode: str, path: Path) -> float:
    """Peak RSS of a fresh interpreter doing one conversion (or the baseline parse).

    Read from VmHWM, the high-water mark of the child's own address space:
    ``ru_maxrss`` survives exec on Linux and would report this (large)
    process's size as the child's.
    """
    code = (
        f"import sys;sys.path.insert(0,{str(ROOT)!r});"
        f"from bench.bench_pdf import {mode} as f;"
        f"f(__import__('pathlib').Path({str(path)!r}));"
        "print(next(ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM')))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(res.stdout.strip().splitlines()[-1]) / 1024


def compare(label: str, path: Path, repeat: int, memory: bool) -> tuple[float, float, float, int]:
    """Print one line (and peak memory) for `path`; return wall and CPU seconds of both sides."""
    b, b_cpu, n = timed(baseline, path, repeat)
    c, c_cpu, _ = timed(convert, path, repeat)
    print(f"{label}: {n} pages  parse {b:.2f} s ({n / b:.1f} p/s)  read {c:.2f} s ({n / c:.1f} p/s)"
          f"  ratio {c / b:.2f} wall, {c_cpu / b_cpu:.2f} cpu")
    if memory:
        mb_b = peak_mb_in_child("baseline", path)
        mb_c = peak_mb_in_child("convert", path)
        print(f"  peak RSS: parse {mb_b:.0f} MB  read {mb_c:.0f} MB (target < 300 MB)")
    return b, b_cpu, c, c_cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--long", type=int, default=300, help="pages of the long PDF (0: skip)")
    ap.add_argument("--long-table", type=int, default=300,
                    help="pages of the long one-table PDF (0: skip)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = args.pdfs or DEFAULT
    tb = tc = tb_cpu = tc_cpu = 0.0
    for p in pdfs:
        b, b_cpu, c, c_cpu = compare(p.name, p, args.repeat, memory=False)
        tb, tc, tb_cpu, tc_cpu = tb + b, tc + c, tb_cpu + b_cpu, tc_cpu + c_cpu
    print(f"total: ratio {tc / tb:.2f} wall, {tc_cpu / tb_cpu:.2f} cpu (target ≤ 1.5)")
    with tempfile.TemporaryDirectory() as tmp:
        if args.long:
            long_pdf = Path(tmp) / "long.pdf"
            make_long(pdfs[0], args.long, long_pdf)
            compare("long PDF (sample repeated)", long_pdf, 1, memory=True)
        if args.long_table:
            table_pdf = make_table_pdf(Path(tmp))
            if table_pdf is None:
                print("long table: skipped (LibreOffice not installed)")
            else:
                long_table = Path(tmp) / "long-table.pdf"
                make_long(table_pdf, args.long_table, long_table)
                compare("long PDF (one table)", long_table, 1, memory=True)


if __name__ == "__main__":
    main()
