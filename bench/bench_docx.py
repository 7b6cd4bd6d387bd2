"""Benchmark the docx path: documents per second and peak memory.

Three configurations over the same files (default: every generated docx
under corpus/generated, plus the official template):

- ``python-docx``: only ``docx.Document(path)`` (opening the package) — the baseline;
- ``reader``: govreport's docx reader alone (`read_docx`), raw blocks;
- ``govreport``: the whole conversion, ``govreport.api.read`` (reader, table
  builder, report layer).

Times are CPU seconds of the process (best of N), steadier than wall time on a
shared machine. Each configuration runs in its own subprocess so that its peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is its own. The target is the
full conversion within 2x of the python-docx open.

    python bench/bench_docx.py [--repeat N] [FILES...]
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
CONFIGS = ("python-docx", "reader", "govreport")


def default_files() -> list[Path]:
    files = sorted((ROOT / "corpus" / "generated" / "cases").glob("*/*.docx"))
    template = ROOT / "corpus" / "real" / "template-2021-blank.docx"
    return [*files, template] if template.exists() else files


def run_config(config: str, files: list[str], repeat: int) -> dict[str, float]:
    """Time one configuration over all files (in this process) and report peak memory."""
    sys.path.insert(0, str(ROOT))
    if config == "python-docx":
        import docx

        def one(path: str) -> None:
            docx.Document(path)

    elif config == "reader":
        from govreport.readers import ReadContext
        from govreport.readers.docx import read_docx

        def one(path: str) -> None:
            read_docx(Path(path).read_bytes(), ReadContext(path))

    else:
        from govreport.api import read

        def one(path: str) -> None:
            read(path)

    for path in files:  # warm up imports and caches
        one(path)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for path in files:
            one(path)
        best = min(best, time.process_time() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": best, "docs_per_s": len(files) / best, "peak_mb": peak_kb / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = [str(p) for p in (args.files or default_files())]
    if not files:
        print("no docx files to benchmark (generate corpus/generated first)", file=sys.stderr)
        return 1
    if args.child:
        print(json.dumps(run_config(args.child, files, args.repeat)))
        return 0
    results: dict[str, dict[str, float]] = {}
    for config in CONFIGS:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", config, "--repeat", str(args.repeat), *files],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{config} failed:\n{proc.stderr}", file=sys.stderr)
            return 1
        results[config] = json.loads(proc.stdout.strip().splitlines()[-1])
    base = results["python-docx"]["seconds"]
    print(f"{len(files)} docx files, best of {args.repeat}")
    print(f"{'configuration':<14}{'seconds':>10}{'docs/s':>10}{'x open':>9}{'peak MB':>10}")
    for config, r in results.items():
        print(
            f"{config:<14}{r['seconds']:>10.3f}{r['docs_per_s']:>10.1f}"
            f"{r['seconds'] / base:>9.2f}{r['peak_mb']:>10.1f}"
        )
    ratio = results["govreport"]["seconds"] / base
    print(f"full conversion is {ratio:.2f}x the python-docx open (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
