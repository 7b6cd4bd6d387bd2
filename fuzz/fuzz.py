"""Fuzz govreport: mangled files of every format and random table layouts, each
read in a child process under a time and a memory limit.

    python fuzz/fuzz.py [--minutes 30] [--seed 1] [--target bytes,cells,large,html,md,layout] [--out DIR]

Targets:

* ``bytes``: a corpus file (text, docx, PDF, and whatever other formats the
  corpus holds) mangled at the byte level: bits flipped, bytes inserted or
  deleted, chunks repeated or spliced in from another file, truncated, or
  blown up towards 1 MB. Read with `govreport.read`, the format sniffed.
* ``cells``: a random raw table (template words, numbers, dashes, blanks, in
  random rows; with random spans or none) given to the table builder.
* ``large``: towards 1 MB of report-like lines repeated and mixed (endless
  header rows, tens of thousands of body rows, floods of TABs, thousands of
  table-2 blocks), where cost that grows faster than the input would show.
* ``html``, ``md``, ``layout``: a web page (the real one and the generated
  editor, Word and LibreOffice pages), a Markdown file or a column-aligned
  text mangled where its reader looks: cut, repeated, swapped and salted
  with that format's markup (tags with absurd spans, nesting thousands deep,
  entity declarations, charsets that are no text encoding; pipes, delimiter
  rows, embedded tables; form feeds, runs of spaces, page numbers, numbered
  labels), sometimes grown towards 1 MB; in UTF-8, GB18030 or UTF-16.

A finding is an input that raises anything but a `govreport.GovReportError`,
breaks the builder's promise (every grid slot covered once), runs longer than
the time limit (CPU time, so that a busy machine makes no findings) or grows
past the memory limit. Findings are written to
``--out`` (never into the project) with what happened; the run goes on.
The test suite runs a few hundred fixed examples through the same code
(`tests/test_fuzz_harness.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import govreport  # noqa: E402
from govreport.tables.builder import build_table  # noqa: E402
from govreport.tables.raw import RawCell, RawTable  # noqa: E402

MB = 1024 * 1024
TIME_LIMIT = 10.0  # CPU seconds per input
WALL_FACTOR = 6  # wall time allowed per CPU second before a child is taken for stuck
MEMORY_LIMIT = 500 * MB  # bytes per input, above what the process held before it
MAX_INPUT = 1 * MB

WORDS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
         "法律服务机构", "其他", "总计", "合计", "小计", "一、本年新收政府信息公开申请数量",
         "三、本年度办理结果", "（一）予以公开", "（三）不予公开", "1.属于国家秘密", "（七）总计",
         "信息内容", "第二十条第（一）项", "规章", "行政许可", "本年处理决定数量", "行政复议",
         "行政诉讼", "结果维持", "未经复议直接起诉", "注：", "", "", "", "\t", " ", "\n")
VALUES = ("0", "1", "12", "+3", "-2", "—", "-", "/", "无", "251000元", "103.3879万元", "", "--253")


@dataclass
class Outcome:
    """What reading one input did: ok, a typed error, or a finding."""

    kind: str  # "ok" | "error" | "crash" | "broken" | "timeout" | "memory"
    seconds: float
    peak_mb: float
    detail: str = ""

    @property
    def finding(self) -> bool:
        return self.kind in ("crash", "broken", "timeout", "memory")


# --- inputs -----------------------------------------------------------------------


def corpus_files(root: Path = ROOT / "corpus") -> list[Path]:
    """Seed files for byte mangling: one of each format per generated case, the real ones
    and two scans."""
    out = sorted((root / "real").glob("*.*"))
    out = [p for p in out if not p.name.endswith(".json")]
    seen: set[tuple[str, str]] = set()
    for p in sorted((root / "generated" / "cases").glob("*/*.*")):
        if p.name == "truth.json":
            continue
        key = (p.parent.name, p.suffix)
        if key not in seen and len(seen) < 400:
            seen.add(key)
            out.append(p)
    out += sorted((root / "generated" / "cases").glob("*/*.scan.pdf"))[:2]  # pages read by OCR
    return out


def mangle(data: bytes, other: bytes, rng: random.Random) -> bytes:
    """One to four byte-level edits of `data` (`other` is another seed file to splice from)."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(("flip", "insert", "delete", "repeat", "splice", "truncate", "grow", "tabs"))
        n = len(buf)
        at = rng.randrange(n) if n else 0
        if op == "flip" and n:
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(n)
                buf[i] ^= 1 << rng.randrange(8)
        elif op == "insert":
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif op == "delete" and n:
            del buf[at : at + rng.randint(1, 512)]
        elif op == "repeat" and n:
            chunk = buf[at : at + rng.randint(1, 2048)]
            buf[at:at] = chunk * rng.randint(1, 8)
        elif op == "splice" and other:
            j = rng.randrange(len(other))
            buf[at:at] = other[j : j + rng.randint(1, 4096)]
        elif op == "truncate" and n:
            del buf[at:]
        elif op == "grow" and n:
            chunk = buf[at : at + rng.randint(16, 4096)] or b"\t\t"
            while len(buf) + len(chunk) <= MAX_INPUT and rng.random() < 0.97:
                buf[at:at] = chunk
        elif op == "tabs":
            buf[at:at] = rng.choice((b"\t", b"\t\t", b"\n\t", b"\r\n", b"\t\t\t\n")) * rng.randint(1, 200)
    return bytes(buf[:MAX_INPUT])


LINES = (
    "申请人情况\t自然人\t法人或其他组织\t总计\t商业企业\n",
    "三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t2\t3\t4\t5\t6\t7\n",
    "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n",
    "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\n规章\t1\t2\n",
    "\t申请人情况\n\t自然人\n\n",
    "\t\ta\n\t\t\t\n  b\n\t\n\t\t\t\t\n",
    "行政复议\t行政诉讼\n" + "结果维持\t" * 15 + "\n" + "1\t" * 15 + "\n",
    "（七）总计\t\t" + "—\t" * 7 + "\n",
    "| 一、本年新收 | 1 | 2 |\n|---|---|---|\n",
    "<table><tr><td rowspan=9999>三、本年度办理结果</td><td colspan=500>x</td></tr>\n",
)


MARKUP = {
    "html": ("<td>", "</td>", "</tr>", "<tr>", "<table>", "</table>", "<td rowspan='999999' colspan='0'>",
             "<td colspan='1000'>x</td>", "<td rowspan=' ¹³ '>", "<br>", "&nbsp;", "<p>", "</p>",
             "<![if !supportLists]>", "<![endif]>", "<!--", "-->", "<div>" * 300,
             "<span>1</span><span>2</span>", "&b;", "<meta charset='uu'>",
             "<!DOCTYPE html [<!ENTITY a 'aaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>",
             "<meta charset='gbk'>", "<script>", "<style>", "<iframe src='http://x'>", "<td hidden>",
             "一、总体情况", "六、其他需要报告的事项", "<h1>某县2024年政府信息公开工作年度报告</h1>", "\x00"),
    "md": ("|", "| --- |", "|---|---|", "\\|", "<br>", "# ", "## 一、总体情况", "**", "```", "\n\n",
           "<table><tr><td rowspan='9999'>", "</table>", "| 列1 | 列2 |\n|---|---|\n", "Unnamed: 3", "&nbsp;",
           "| " * 500 + "\n", "[a](b)", "![x](y)"),
    "layout": ("\f", "   ", " " * 200, "   12   ", "  —  ", "- 3 -", "\n\n\n", "（三）", "三、", "1.属于",
               "第二十条第（一）项", "  ".join(["7"] * 40), "\n" + "  1" * 15, "总计", "申请人情况", "\t"),
}


def markup_mangle(text: str, fmt: str, rng: random.Random) -> bytes:
    """A text seed cut, repeated, swapped and salted with its format's markup, maybe grown."""
    junk = MARKUP[fmt]
    for _ in range(rng.randint(1, 12)):
        if not text:
            break
        i = rng.randrange(len(text))
        size = rng.randint(1, 800)
        op = rng.choice(("cut", "repeat", "swap", "junk", "junk", "delete", "grow"))
        if op == "cut":
            text = text[:i]
        elif op == "repeat":
            text = text[:i] + text[i : i + size] * rng.randint(2, 6) + text[i:]
        elif op == "swap":
            j = rng.randrange(len(text))
            a, b = sorted((i, j))
            text = text[:a] + text[b : b + size] + text[a + size : b] + text[a : a + size] + text[b + size :]
        elif op == "junk":
            text = text[:i] + rng.choice(junk) * rng.randint(1, 3) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + size :]
        elif op == "grow":
            chunk = text[i : i + rng.randint(16, 4096)] or rng.choice(junk)
            while len(text) < MAX_INPUT // 3 and rng.random() < 0.97:
                text = text[:i] + chunk + text[i:]
    encoding = rng.choice(("utf-8", "utf-8", "gb18030", "utf-16"))
    return text.encode(encoding, errors="replace")[:MAX_INPUT]


def markup_seeds(root: Path = ROOT / "corpus") -> dict[str, list[Path]]:
    """Seed files of the markup targets, from the corpus manifest (and the real page)."""
    generated = root / "generated"
    manifest = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))
    seeds: dict[str, list[Path]] = {fmt: [] for fmt in MARKUP}
    for entry in manifest:
        fmt = entry["format"]
        if fmt in seeds and len(seeds[fmt]) < 40:
            seeds[fmt].append(generated / entry["file"])
    seeds["html"] += sorted((root / "real").glob("*.html"))
    return seeds


def _decoded(data: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def large_text(rng: random.Random) -> bytes:
    """Towards 1 MB of report-like lines repeated and mixed: header rows without end,
    tens of thousands of body rows, floods of TABs, thousands of table-2 blocks."""
    parts: list[str] = []
    size = 0
    target = rng.randint(MAX_INPUT // 8, MAX_INPUT)
    picks = rng.sample(LINES, rng.randint(1, 3))
    if rng.random() < 0.3:
        picks.append("\t" * rng.randint(100, 5000) + "1\n")
    while size < target:
        line = rng.choice(picks)
        parts.append(line)
        size += len(line.encode("utf-8"))
    data = "".join(parts).encode(rng.choice(("utf-8", "utf-8", "gbk", "utf-16")), errors="replace")
    return data[:MAX_INPUT]


def random_table(rng: random.Random) -> RawTable:
    """A random raw table: rows of template words, values and blanks; spans known or not."""
    n_rows = rng.randint(1, 40)
    width = rng.randint(1, 18)
    known = rng.random() < 0.5
    rows = []
    for _ in range(n_rows):
        cells = []
        col = 0
        for _ in range(rng.randint(0, width + 3)):
            text = rng.choice(WORDS) if rng.random() < 0.45 else rng.choice(VALUES)
            if known:
                span = rng.choice((1, 1, 1, 2, 3))
                cells.append(RawCell(text, col=col if rng.random() < 0.9 else None,
                                     row_span=rng.choice((1, 1, 1, 2, 5)), col_span=span))
                col += span
            else:
                cells.append(RawCell(text))
        rows.append(tuple(cells))
    return RawTable(tuple(rows), spans_known=known, n_cols=width if known and rng.random() < 0.5 else None)


# --- running one input under limits -----------------------------------------------


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_limited(job: Callable[[], str | None], time_limit: float = TIME_LIMIT,
                memory_limit: int = MEMORY_LIMIT) -> Outcome:
    """Run `job` in a forked child: its return value is a broken promise (or None), a
    `GovReportError` is an expected error, anything else a crash."""
    base_kb = _rss_kb()
    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            soft = int(_vm_bytes() + memory_limit)
            resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
            # The time limit is on CPU time, so that a busy machine does not make findings.
            cpu = int(time_limit) + 1 if time_limit >= 1 else 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            t0 = time.process_time()
            try:
                broken = job()
                kind, detail = ("broken", broken) if broken else ("ok", "")
            except govreport.GovReportError as exc:
                kind, detail = "error", f"{type(exc).__name__}: {exc}"[:300]
            except MemoryError:
                kind, detail = "memory", "MemoryError"
            except BaseException as exc:  # a crash is a finding, whatever it is
                kind, detail = "crash", f"{type(exc).__name__}: {exc}"[:500]
            peak_mb = max(0, _rss_kb() - base_kb) / 1024
            msg = json.dumps({"kind": kind, "detail": detail, "cpu": time.process_time() - t0,
                              "peak": peak_mb}).encode()
            os.write(write_fd, msg)
        finally:
            os._exit(0)
    os.close(write_fd)
    deadline = start + WALL_FACTOR * time_limit  # a child that sleeps or waits
    data = b""
    killed = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed = True
            break
        time.sleep(0.005)
    with os.fdopen(read_fd, "rb") as fh:
        data = fh.read()
    seconds = time.monotonic() - start
    if killed:
        return Outcome("timeout", seconds, 0.0, f"killed after {seconds:.0f} s of wall time")
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            return Outcome("timeout", seconds, 0.0, f"over {time_limit:.0f} s of CPU time")
        return Outcome("memory" if status else "crash", seconds, 0.0, f"child ended with status {status}")
    got = json.loads(data)
    kind = got["kind"]
    if got["peak"] * MB > memory_limit:
        kind = "memory"
    elif got["cpu"] > time_limit:
        kind = "timeout"
    return Outcome(kind, got["cpu"], got["peak"], got["detail"])


def _vm_bytes() -> int:
    """The process's virtual size now (RLIMIT_AS counts all of it)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def read_job(data: bytes, name: str) -> Callable[[], str | None]:
    def job() -> str | None:
        doc = govreport.read(data, name=name)
        return grid_promise(doc.tables)
    return job


def table_job(raw: RawTable) -> Callable[[], str | None]:
    def job() -> str | None:
        return grid_promise([build_table(raw, 0, [])])
    return job


def grid_promise(tables: list[govreport.Table] | tuple[govreport.Table, ...]) -> str | None:
    """The builder's promise: every slot of every grid covered exactly once."""
    for t in tables:
        seen: set[tuple[int, int]] = set()
        for c in t.cells:
            for r in range(c.row, c.row + c.row_span):
                for k in range(c.col, c.col + c.col_span):
                    if (r, k) in seen or r >= t.n_rows or k >= t.n_cols:
                        return f"slot {(r, k)} covered twice or outside a {t.n_rows}x{t.n_cols} grid"
                    seen.add((r, k))
        if len(seen) != t.n_rows * t.n_cols:
            return f"{t.n_rows * t.n_cols - len(seen)} slot(s) of a {t.n_rows}x{t.n_cols} grid not covered"
        govreport.records(t)
    return None


# --- the run ----------------------------------------------------------------------


Job = Callable[[], "str | None"]


def inputs(targets: list[str], seed: int) -> Iterator[tuple[str, str, Job, bytes | None]]:
    """(target, label, job, input bytes) forever, the targets taking turns."""
    rng = random.Random(seed)
    files = corpus_files()
    blobs = {p: p.read_bytes() for p in files}
    seeds = markup_seeds()
    texts = {p: _decoded(p.read_bytes()) for paths in seeds.values() for p in paths}
    suffix = {"html": ".html", "md": ".md", "layout": ".txt"}
    n = 0
    while True:
        target = targets[n % len(targets)]
        n += 1
        if target == "bytes":
            path = rng.choice(files)
            other = blobs[rng.choice(files)]
            data = mangle(blobs[path], other, rng)
            yield target, f"{path.name}#{n}", read_job(data, path.name), data
        elif target == "large":
            data = large_text(rng)
            yield target, f"large#{n}.txt", read_job(data, "large.txt"), data
        elif target in MARKUP:
            path = rng.choice(seeds[target])
            data = markup_mangle(texts[path], target, rng)
            name = f"mangled{suffix[target]}"
            yield target, f"{path.name}#{n}", read_job(data, name), data
        else:
            table_seed = rng.randrange(2**32)
            raw = random_table(random.Random(table_seed))
            yield target, f"table-seed-{table_seed}", table_job(raw), None


def run(
    targets: list[str],
    seed: int,
    *,
    seconds: float | None = None,
    count: int | None = None,
    out: Path | None = None,
    log: Callable[[str], None] = print,
) -> tuple[Counter[str], list[dict[str, object]]]:
    """Fuzz until `seconds` pass or `count` inputs are done; returns outcome counts and findings."""
    counts: Counter[str] = Counter()
    findings: list[dict[str, object]] = []
    slowest = 0.0
    peak = 0.0
    start = time.monotonic()
    last_log = start
    for done, (target, label, job, data) in enumerate(inputs(targets, seed)):
        if count is not None and done >= count:
            break
        if seconds is not None and time.monotonic() - start > seconds:
            break
        outcome = run_limited(job)
        counts[f"{target}:{outcome.kind}"] += 1
        slowest = max(slowest, outcome.seconds)
        peak = max(peak, outcome.peak_mb)
        if outcome.finding:
            finding = {"target": target, "input": label, "kind": outcome.kind, "detail": outcome.detail,
                       "seconds": round(outcome.seconds, 2), "size": len(data) if data else None}
            findings.append(finding)
            log(f"FINDING {finding}")
            if out is not None and data is not None:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"finding-{len(findings):04d}.bin").write_bytes(data)
        if time.monotonic() - last_log > 60:
            last_log = time.monotonic()
            log(f"{done + 1} inputs, {dict(counts)}, slowest {slowest:.2f} s, peak +{peak:.0f} MB")
    counts["slowest_ms"] = int(slowest * 1000)
    counts["peak_mb"] = int(peak)
    return counts, findings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--count", type=int, help="stop after this many inputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", default="bytes,cells,large,html,md,layout")
    ap.add_argument("--out", type=Path, default=Path("/tmp/govreport-fuzz"),
                    help="where findings are written (never inside the project)")
    args = ap.parse_args(argv)
    counts, findings = run(args.target.split(","), args.seed, seconds=args.minutes * 60, count=args.count,
                           out=args.out)
    print(json.dumps({"counts": counts, "findings": len(findings)}, ensure_ascii=False))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
