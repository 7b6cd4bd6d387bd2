"""Benchmarks: documents per second and peak memory per format, beside the raw parse.

Text (this script): the whole conversion (`govreport.read`) on the generated
text corpus beside the bare decode-and-split of the same files (bytes →
`decode_bytes` → lines, cells split at TABs), which is the floor any text
reader pays. Each configuration runs in its own subprocess so its peak RSS is
its own; times are CPU seconds, best of N.

docx, PDF and scans have their own scripts (bench_docx.py: beside python-docx's
open; bench_pdf.py: each PDF engine beside PDFium's bare text extraction;
bench_scan.py: OCR pages per second and peak memory), and so do web pages,
Markdown and column-aligned text (bench_sources.py); `--format all` runs them too.

    python bench/bench.py [--format txt|docx|pdf|sources|scan|all] [--repeat N]
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
TXT_CONFIGS = ("decode+split", "govreport")


def text_files() -> list[Path]:
    """The generated corpus's flattened-text files (its column-aligned text is another format)."""
    generated = ROOT / "corpus" / "generated"
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(generated / e["file"] for e in manifest if e["format"] == "txt")
    return [*files, ROOT / "corpus" / "real" / "town-2019.txt"]


def _child(config: str, repeat: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from govreport.api import read
    from govreport.decode import decode_bytes

    files = text_files()
    blobs = [p.read_bytes() for p in files]

    def bare(data: bytes) -> None:
        text = decode_bytes(data).text
        for line in text.split("\n"):
            line.split("\t")

    def full(data: bytes) -> None:
        read(data, name="x.txt")

    one = bare if config == "decode+split" else full
    for data in blobs[:5]:
        one(data)  # warm imports and caches
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for data in blobs:
            one(data)
        best = min(best, time.process_time() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": len(blobs), "seconds": best, "peak_mb": peak_mb,
            "mb": sum(len(b) for b in blobs) / 1048576}


def bench_text(repeat: int) -> None:
    rows = {}
    for config in TXT_CONFIGS:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", config, "--repeat", str(repeat)],
            capture_output=True, text=True, check=True,
        )
        rows[config] = json.loads(proc.stdout)
    base = rows["decode+split"]["seconds"]
    n = rows["govreport"]["docs"]
    print(f"text: {n} documents, {rows['govreport']['mb']:.1f} MB")
    print(f"{'configuration':<16}{'docs/s':>10}{'x bare':>9}{'peak MB':>10}")
    for config in TXT_CONFIGS:
        r = rows[config]
        print(f"{config:<16}{r['docs'] / r['seconds']:>10.1f}{r['seconds'] / base:>9.2f}"
              f"{r['peak_mb']:>10.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", default="txt", choices=["txt", "docx", "pdf", "sources", "scan", "all"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=TXT_CONFIGS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.repeat)))
        return 0
    if args.format in ("txt", "all"):
        bench_text(args.repeat)
    for fmt in ("docx", "pdf", "sources", "scan"):
        if args.format in (fmt, "all"):
            print()
            subprocess.run([sys.executable, str(Path(__file__).with_name(f"bench_{fmt}.py"))],
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
