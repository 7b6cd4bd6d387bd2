"""Benchmark the docx path: documents per second and peak memory.

Four configurations over the same files (default: every generated docx under
corpus/generated, plus the official template):

- ``python-docx``: only ``docx.Document(path)`` (opening the package) — the baseline;
- ``reader``: govreport's docx reader alone (`read_docx`), raw blocks;
- ``reader+tables``: the reader and the table builder (`govreport.api.assemble`),
  no report layer;
- ``govreport``: the whole conversion, ``govreport.read`` (reader, table
  builder, report layer).

Times are CPU seconds of the process, best of ``--repeat`` passes over all
files after one warm-up pass: steadier than wall time on a shared machine.
Each configuration runs in its own subprocess, so that its peak RSS
(``VmHWM``) is its own, and the whole set runs ``--runs`` times in
alternating order; the table gives each configuration's best time over all
runs and the ratio to the python-docx open in every run, so a noisy run shows.
The target is the full conversion within 2x of the python-docx open.

    python bench/bench_docx.py [--repeat N] [--runs N] [FILES...]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "python-docx"
CONFIGS = (BASELINE, "reader", "reader+tables", "govreport")
TARGET = 2.0


def default_files() -> list[Path]:
    files = sorted((ROOT / "corpus" / "generated" / "cases").glob("*/*.docx"))
    template = ROOT / "corpus" / "real" / "template-2021-blank.docx"
    return [*files, template] if template.exists() else files


def one_document(config: str) -> Callable[[str], object]:
    """The work of one configuration on one file."""
    sys.path.insert(0, str(ROOT))
    if config == BASELINE:
        import docx

        return lambda path: docx.Document(path)
    from govreport.readers import ReadContext
    from govreport.readers.docx import read_docx

    if config == "reader":
        return lambda path: read_docx(Path(path).read_bytes(), ReadContext(path))
    if config == "reader+tables":
        from govreport.api import assemble
        from govreport.model import SourceInfo

        def tables(path: str) -> object:
            data = Path(path).read_bytes()
            out = read_docx(data, ReadContext(path))
            return assemble(SourceInfo(name=path, format="docx", sha256="", size=len(data)), out)

        return tables
    from govreport.api import read

    return lambda path: read(path)


def run_config(config: str, files: list[str], repeat: int) -> dict[str, float]:
    """Time one configuration over all files (in this process) and report its peak memory."""
    one = one_document(config)
    for path in files:  # warm up imports and caches
        one(path)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for path in files:
            one(path)
        best = min(best, time.process_time() - start)
    return {"seconds": best, "peak_mb": peak_kb() / 1024}


def peak_kb() -> int:
    """This process's peak RSS: VmHWM where /proc exists (``ru_maxrss`` survives
    exec on Linux, so a child would report its parent's peak if that was larger)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(config: str, files: list[str], repeat: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", config, "--repeat", str(repeat), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{config} failed:\n{proc.stderr}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def report(runs: list[dict[str, dict[str, float]]], n_files: int, repeat: int) -> float:
    """Print the table; return the full conversion's ratio to the open (best times)."""
    best = {c: min(r[c]["seconds"] for r in runs) for c in CONFIGS}
    peak = {c: max(r[c]["peak_mb"] for r in runs) for c in CONFIGS}
    base = best[BASELINE]
    print(f"{n_files} docx files; CPU time, best of {repeat} passes; {len(runs)} runs")
    print(f"{'configuration':<15}{'docs/s':>9}{'x open':>8}{'peak RSS MB':>13}   x open in each run")
    for c in CONFIGS:
        each = " ".join(f"{r[c]['seconds'] / r[BASELINE]['seconds']:.2f}" for r in runs)
        print(f"{c:<15}{n_files / best[c]:>9.1f}{best[c] / base:>8.2f}{peak[c]:>13.1f}   {each}")
    ratio = best["govreport"] / base
    verdict = "within" if ratio <= TARGET else "over"
    print(f"full conversion: {ratio:.2f}x the python-docx open, {verdict} the {TARGET:g}x target")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per configuration and run")
    parser.add_argument("--runs", type=int, default=3, help="runs of the whole set of configurations")
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = [str(p) for p in (args.files or default_files())]
    if not files:
        print("no docx files to benchmark (generate corpus/generated first)", file=sys.stderr)
        return 1
    if args.child:
        print(json.dumps(run_config(args.child, files, args.repeat)))
        return 0
    runs: list[dict[str, dict[str, float]]] = []
    for i in range(args.runs):
        order = CONFIGS if i % 2 == 0 else tuple(reversed(CONFIGS))
        try:
            runs.append({c: child(c, files, args.repeat) for c in order})
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    report(runs, len(files), args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
