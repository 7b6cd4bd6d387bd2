"""PDF reading speed and memory, per engine, beside PDFium's bare text extraction.

Configurations, each run in a fresh interpreter so that its peak memory is its own:

- ``pdfium-text``: the floor: pypdfium2 opens each PDF and takes every page's
  text (``get_textpage().get_text_range()``), nothing else;
- ``pypdfium2``: the whole conversion, ``govreport.read`` (default engine);
- ``pdfplumber``: the whole conversion with ``pdf_engine="pdfplumber"``;
- ``plumber-parse``: pdfplumber's own parse of the same pages (``chars``,
  ``lines``, ``rects``), the floor of the pdfplumber engine.

Inputs: every PDF the corpus manifest lists (and the real ones beside it),
then a 300-page PDF (``--long``: the Hongze sample's pages repeated, new
fonts on every copy) and, with LibreOffice, one ruled table running over
300 pages (``--long-table``: each page's copy starts with the same header, so
the copies join into one table). Times are CPU seconds of the child, best of
``--repeat``; peak memory is the child's VmHWM (resident high-water mark).

Targets: the pypdfium2 conversion within 3x of pdfium-text and at least 8x
faster than the pdfplumber conversion; a 300-page PDF under 200 MB.

Usage: python bench/bench_pdf.py [PDF ...] [--long N] [--long-table N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("pdfium-text", "pypdfium2", "pdfplumber", "plumber-parse")


def corpus_pdfs() -> list[Path]:
    sys.path.insert(0, str(ROOT / "corpus"))
    from score import iter_corpus

    found = {path for _, path, _ in iter_corpus(ROOT / "corpus", "pdf")}
    return sorted(found | set((ROOT / "corpus" / "real").glob("*.pdf")))


def pdfium_text(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    n = len(doc)
    for i in range(n):
        page = doc[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    doc.close()
    return n


def plumber_parse(data: bytes) -> int:
    import io

    import pdfplumber

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n = 0
            for page in pdf.pages:
                _ = (page.chars, page.lines, page.rects)
                page.close()
                n += 1
    return n


def convert(data: bytes, engine: str) -> int:
    from govreport.api import read

    doc = read(data, name="x.pdf", options={"pdf_engine": engine})
    return doc.source.pages or 0


def child(config: str, files: list[str], repeat: int) -> dict[str, float]:
    """Run one configuration over `files` in this process; report time and peak memory."""
    sys.path.insert(0, str(ROOT))
    blobs = [Path(f).read_bytes() for f in files]
    if config == "pdfium-text":
        def one(b: bytes) -> int:
            return pdfium_text(b)
    elif config == "plumber-parse":
        def one(b: bytes) -> int:
            return plumber_parse(b)
    else:
        def one(b: bytes) -> int:
            return convert(b, config)
    one(blobs[0])  # imports and one-time set-up out of the timing
    best, pages = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        pages = sum(one(b) for b in blobs)
        best = min(best, time.process_time() - start)
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM")) / 1024
    return {"pages": pages, "seconds": best, "peak_mb": peak, "docs": len(blobs)}


def run(config: str, files: list[Path], repeat: int) -> dict[str, float]:
    res = subprocess.run(
        [sys.executable, __file__, "--child", config, "--repeat", str(repeat), *map(str, files)],
        capture_output=True, text=True, check=True,
    )
    out: dict[str, float] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def table(label: str, files: list[Path], repeat: int, slow_repeat: int) -> None:
    rows = {c: run(c, files, slow_repeat if c in ("pdfplumber", "plumber-parse") else repeat)
            for c in CONFIGS}
    bare = rows["pdfium-text"]["seconds"]
    fast = rows["pypdfium2"]["seconds"]
    pages = int(rows["pdfium-text"]["pages"])
    print(f"\n{label}: {len(files)} PDF(s), {pages} pages")
    print(f"{'configuration':<16}{'pages/s':>10}{'ms/page':>10}{'x bare':>9}{'peak MB':>10}")
    for c in CONFIGS:
        r = rows[c]
        print(f"{c:<16}{r['pages'] / r['seconds']:>10.1f}{1000 * r['seconds'] / r['pages']:>10.2f}"
              f"{r['seconds'] / bare:>9.2f}{r['peak_mb']:>10.0f}")
    print(f"pypdfium2 conversion: {fast / bare:.2f}x bare text extraction (target <= 3), "
          f"{rows['pdfplumber']['seconds'] / fast:.1f}x faster than the pdfplumber conversion (target >= 8)")


def make_long(src: Path, n_pages: int, out: Path) -> None:
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument(str(src))
    doc = pdfium.PdfDocument.new()
    while len(doc) < n_pages:
        doc.import_pages(base, pages=list(range(min(len(base), n_pages - len(doc)))))
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
    tbl = d.add_table(rows=rows + 1, cols=6)
    tbl.style = "Table Grid"
    for i, h in enumerate(["序号", "项目名称", "申请数量", "办理数量", "公开数量", "备注"]):
        tbl.cell(0, i).text = h
    for r in range(1, rows + 1):
        texts = [str(r), f"第{r}项政府信息公开事项", str(r * 3 % 97), str(r * 7 % 89), str(r % 13), "无"]
        for cell, text in zip(tbl.rows[r].cells, texts, strict=True):
            cell.text = text
    src = out_dir / "table.docx"
    d.save(str(src))
    profile = (out_dir / "lo_profile").as_uri()
    subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(src)],
                   check=False, capture_output=True, timeout=600)
    pdf = out_dir / "table.pdf"
    return pdf if pdf.exists() else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--long", type=int, default=300, help="pages of the long PDF (0: skip)")
    ap.add_argument("--long-table", type=int, default=300, help="pages of the long one-table PDF (0: skip)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--slow-repeat", type=int, default=1, help="repeats of the pdfplumber configurations")
    ap.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, [str(p) for p in args.pdfs], args.repeat)))
        return
    pdfs = args.pdfs or corpus_pdfs()
    table("corpus", pdfs, args.repeat, args.slow_repeat)
    with tempfile.TemporaryDirectory() as tmp:
        if args.long:
            long_pdf = Path(tmp) / "long.pdf"
            make_long(ROOT / "corpus/real/hongze-district-2023.pdf", args.long, long_pdf)
            table(f"{args.long}-page PDF (the Hongze sample repeated)", [long_pdf], 1, 1)
        if args.long_table:
            made = make_table_pdf(Path(tmp))
            if made is None:
                print("\nlong table: skipped (LibreOffice not installed)")
            else:
                long_table = Path(tmp) / "long-table.pdf"
                make_long(made, args.long_table, long_table)
                table(f"{args.long_table}-page PDF (one ruled table)", [long_table], 1, 1)


if __name__ == "__main__":
    main()
