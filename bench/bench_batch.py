"""Batch benchmarks: documents per second with 1 and 2 workers, and a 1,000-document archive.

Throughput: every document of the generated corpus (txt, docx and PDF) and
the real reports, converted to JSON into a temporary folder by
`govreport.runner.convert_to_folder` (what ``govreport convert DIR -o OUT/``
runs), with 1 and then 2 worker processes, best of `--repeat` runs; the peak
resident memory of a worker is reported beside. The speed-up of 2 workers
over 1 is wall-clock time on this machine, so it depends on what else runs.

Acceptance: a zip of `--docs` documents, `--broken` of them broken
(truncated, encrypted, empty, and a workbook or an image under a report's
name), converted in one call with 2
workers: the number of outputs, the manifest's failures and their causes,
and the wall time.

    python bench/bench_batch.py [--repeat N] [--docs 1000] [--broken 20] [--only throughput|archive]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport.runner import convert_to_folder  # noqa: E402

CASES = ROOT / "corpus" / "generated" / "cases"
ENCRYPTED = ROOT / "tests" / "data" / "pdf" / "encrypted-user-password.pdf"
MB = 1024 * 1024


def corpus_files() -> list[Path]:
    """The corpus's text, docx and PDF files; not the scans, whose OCR would swamp the rest."""
    files = [p for p in sorted(CASES.glob("*/*"))
             if p.suffix in (".txt", ".docx", ".pdf") and ".scan." not in p.name]
    return files + sorted((ROOT / "corpus" / "real").glob("*.*[tfx]"))


def throughput(repeat: int) -> dict[int, dict[str, float]]:
    files = [p for p in corpus_files() if p.suffix in (".txt", ".docx", ".pdf")]
    kinds = Counter(p.suffix for p in files)
    mix = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"throughput corpus: {len(files)} documents ({mix})")
    out: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        source = Path(tmp) / "in"
        source.mkdir()
        for i, path in enumerate(files):
            (source / f"{i:04d}-{path.name}").symlink_to(path)
        for jobs in (1, 2):
            print(f"  load average before {jobs} worker(s): {os.getloadavg()[0]:.1f} (other processes "
                  "on this machine slow the runs down)")
            best = None
            peak = 0
            for r in range(repeat):
                summary = convert_to_folder([source], Path(tmp) / f"out-{jobs}-{r}", jobs=jobs)
                assert summary.failed == 0, summary
                best = summary.seconds if best is None else min(best, summary.seconds)
                peak = max(peak, summary.peak_memory or 0)
            assert best is not None
            out[jobs] = {"seconds": best, "docs_per_s": len(files) / best, "peak_mb": peak / MB}
            print(f"  {jobs} worker(s): {best:6.1f} s  {len(files) / best:6.1f} docs/s  "
                  f"peak worker memory {peak / MB:.0f} MB")
    print(f"  speed-up 2 vs 1 workers: {out[2]['docs_per_s'] / out[1]['docs_per_s']:.2f}x")
    return out


def broken_members(good: list[Path]) -> list[tuple[str, bytes]]:
    """Twenty broken documents, five of each kind, named as a crawler would name them."""
    pdf = next(p for p in good if p.suffix == ".pdf").read_bytes()
    docx = next(p for p in good if p.suffix == ".docx").read_bytes()
    sheet = io.BytesIO()  # an Excel workbook saved under a report's name
    with zipfile.ZipFile(sheet, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    gif = b"GIF89a" + bytes(64)  # a page image in a format govreport does not read
    out: list[tuple[str, bytes]] = []
    for i in range(5):
        out.append((f"broken/truncated-{i}.{'pdf' if i % 2 else 'docx'}",
                    (pdf if i % 2 else docx)[: 2000 + 500 * i]))
        out.append((f"broken/encrypted-{i}.pdf", ENCRYPTED.read_bytes()))
        out.append((f"broken/empty-{i}.{('txt', 'pdf', 'docx')[i % 3]}", b""))
        # A text report under a .pdf name is read by content now; what stays broken under a
        # report's name is content govreport does not read.
        out.append((f"broken/wrong-suffix-{i}.{'pdf' if i % 2 else 'docx'}",
                    gif if i % 2 else sheet.getvalue()))
    return out


def archive_run(docs: int, broken: int) -> None:
    good = corpus_files()
    bad = broken_members(good)[:broken]
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        archive = Path(tmp) / "crawl.zip"
        spread = max(1, docs // max(1, len(bad)))
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            b = 0
            for i in range(docs - len(bad)):
                path = good[i % len(good)]
                zf.write(path, f"batch-{i // len(good)}/{path.parent.name}/{path.name}")
                if (i + 1) % spread == 0 and b < len(bad):
                    zf.writestr(*bad[b])
                    b += 1
            for name, data in bad[b:]:
                zf.writestr(name, data)
        kinds = Counter(Path(n).suffix for n in zipfile.ZipFile(archive).namelist())
        print(f"archive: {docs} documents ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
              f"{len(bad)} broken")
        out = Path(tmp) / "out"
        start = time.monotonic()
        summary = convert_to_folder([archive], out, jobs=2)
        wall = time.monotonic() - start
        lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        outputs = [p for p in out.rglob("*.json") if p.is_file()]
        failures = [x for x in lines if x["status"] == "failed"]
        print(f"  outputs: {len(outputs)}; manifest lines: {len(lines)}; ok {summary.ok}, "
              f"partial {summary.partial}, failed {summary.failed}; wall {wall:.1f} s "
              f"({docs / wall:.1f} docs/s); peak worker memory {(summary.peak_memory or 0) / MB:.0f} MB")
        print(f"  tracebacks in the manifest: {sum('Traceback' in (x['error'] or '') for x in lines)}")
        for x in failures:
            print(f"  failed {x['source'].rsplit('!', 1)[-1]}: {x['error_type']}: {x['error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--broken", type=int, default=20)
    parser.add_argument("--only", choices=("throughput", "archive"))
    args = parser.parse_args()
    if args.only in (None, "throughput"):
        throughput(args.repeat)
    if args.only in (None, "archive"):
        archive_run(args.docs, args.broken)


if __name__ == "__main__":
    main()
