"""Benchmarks for web pages, Markdown and column-aligned text: documents per second and peak memory.

Each format's whole conversion (`govreport.read`) on the generated corpus,
beside the floor any reader of it pays: for web pages lxml's HTML parse of
the decoded page, for Markdown and column-aligned text the decode and the
split into lines. Each configuration runs in its own subprocess so its peak
RSS is its own; times are CPU seconds, best of N.

    python bench/bench_sources.py [--repeat N]
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
FORMATS = ("html", "md", "layout")
CONFIGS = ("floor", "govreport")


def files(fmt: str) -> list[Path]:
    generated = ROOT / "corpus" / "generated"
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    out = sorted(generated / e["file"] for e in manifest if e["format"] == fmt)
    if fmt == "html":
        out.append(ROOT / "corpus" / "real" / "pingtan-2024.html")
    return out


def _child(fmt: str, config: str, repeat: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    import lxml.html

    from govreport.api import read
    from govreport.decode import decode_bytes
    from govreport.readers.html.charset import decode_page

    paths = files(fmt)
    blobs = [(p.name, p.read_bytes()) for p in paths]

    def floor(name: str, data: bytes) -> None:
        if fmt == "html":
            lxml.html.document_fromstring(decode_page(data).text)
        else:
            decode_bytes(data).text.split("\n")

    def full(name: str, data: bytes) -> None:
        read(data, name=name)

    one = floor if config == "floor" else full
    for name, data in blobs[:3]:
        one(name, data)  # warm imports and caches
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for name, data in blobs:
            one(name, data)
        best = min(best, time.process_time() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": len(blobs), "seconds": best, "peak_mb": peak_mb,
            "mb": sum(len(b) for _, b in blobs) / 1048576}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], args.child[1], args.repeat)))
        return 0
    print(f"{'format':<8}{'configuration':<12}{'docs':>6}{'MB':>7}{'docs/s':>9}{'x floor':>9}{'peak MB':>9}")
    for fmt in FORMATS:
        rows = {}
        for config in CONFIGS:
            proc = subprocess.run([sys.executable, __file__, "--child", fmt, config, "--repeat",
                                   str(args.repeat)], capture_output=True, text=True, check=True)
            rows[config] = json.loads(proc.stdout)
        base = rows["floor"]["seconds"]
        for config in CONFIGS:
            r = rows[config]
            print(f"{fmt:<8}{config:<12}{r['docs']:>6}{r['mb']:>7.1f}{r['docs'] / r['seconds']:>9.1f}"
                  f"{r['seconds'] / base:>9.2f}{r['peak_mb']:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
