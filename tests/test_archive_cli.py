"""`govreport convert INPUT… -o OUTDIR`: names, manifest, exit status, resume after a kill."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import CORPUS

from govreport import cli_batch
from govreport.cli import main
from govreport.inputs import REPORT_SUFFIXES
from govreport.outdir import Namer, safe_parts

SEED = CORPUS / "real" / "town-2019.txt"
CASES = CORPUS / "generated" / "cases"


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_hostile_member_names_write_nothing_outside_the_output_folder(tmp_path: Path) -> None:
    archive = tmp_path / "in" / "evil.zip"
    archive.parent.mkdir()
    text = SEED.read_bytes()
    names = ["../../escape.txt", "/etc/cron.d/abs.txt", "C:/Windows/drive.txt", "..\\..\\win.txt",
             "a/../../../up.txt", "./dot/./x.txt", "CON.txt"]
    with zipfile.ZipFile(archive, "w") as zf:
        for name in names:
            zf.writestr(name, text)
    out = tmp_path / "work" / "out"
    before = files_under(tmp_path)
    assert main(["convert", str(archive), "-o", f"{out}/", "--jobs", "1"]) == 0
    new = files_under(tmp_path) - before
    assert all(p.startswith("work/out/") for p in new), new
    assert files_under(out) == {
        "manifest.jsonl", "evil.zip/escape.txt.json", "evil.zip/etc/cron.d/abs.txt.json",
        "evil.zip/Windows/drive.txt.json", "evil.zip/win.txt.json", "evil.zip/a/up.txt.json",
        "evil.zip/dot/x.txt.json", "evil.zip/_CON.txt.json",
    }
    lines = manifest(out)
    assert [line["source"] for line in lines] == [f"{archive}!{n}" for n in names]
    assert all(line["status"] == "ok" for line in lines)


def test_names_keep_the_source_suffix_and_clashes_resolve_the_same_way_every_run(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CASES / "g0001" / "g0001.docx", src / "g0001.docx")
    shutil.copy(CASES / "g0001" / "g0001.pdf", src / "g0001.pdf")
    pairs = [("A.txt", SEED.read_bytes()), ("a.txt", SEED.read_bytes())]
    with zipfile.ZipFile(src / "x.zip", "w") as zf:
        for name, data in pairs:
            zf.writestr(name, data)
    for run in ("one", "two"):
        out = tmp_path / run
        assert main(["convert", str(src), "-o", f"{out}/", "-q"]) == 0
        assert files_under(out) == {"manifest.jsonl", "src/g0001.docx.json", "src/g0001.pdf.json",
                                    "src/x.zip/A.txt.json", "src/x.zip/a.txt~2.json"}
    assert safe_parts(["..", "", "C:", "x"]) == ("C_", "x") and safe_parts(["C:", "x"]) == ("x",)
    namer = Namer()
    assert namer.name(("d", "r.txt"), [".json"]) == ["d/r.txt.json"]
    assert namer.name(("D", "R.TXT"), [".json"]) == ["D/R.TXT~2.json"]


def test_the_manifest_names_each_document_and_the_cause_of_each_failure(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "fake.pdf").write_bytes(b"\x00\x01binary noise, not a PDF\xff\xfe" * 40)
    (src / "cut.pdf").write_bytes((CASES / "g0001" / "g0001.pdf").read_bytes()[:3000])
    shutil.copy(SEED, src / "good.txt")
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", f"{out}/", "-q"]) == 1
    lines = {Path(line["source"]).name: line for line in manifest(out)}
    assert set(lines) == {"empty.txt", "fake.pdf", "cut.pdf", "good.txt"}
    good = lines["good.txt"]
    assert good["status"] == "ok" and good["output"] == "src/good.txt.json" and good["error"] is None
    assert len(good["sha256"]) == 64 and good["seconds"] > 0 and good["diagnostics"] >= 0
    assert (out / good["output"]).is_file()
    assert "empty" in lines["empty.txt"]["error"] and lines["empty.txt"]["error_type"] == "EmptyInputError"
    assert "not a pdf" in lines["fake.pdf"]["error"]
    assert "truncated" in lines["cut.pdf"]["error"]
    assert all(lines[n]["status"] == "failed" and lines[n]["output"] is None
               for n in ("empty.txt", "fake.pdf", "cut.pdf"))
    assert main(["convert", str(src), "-o", f"{tmp_path / 'again'}/", "-q", "--allow-failures"]) == 0


def test_exit_status_for_failures_and_inputs_without_a_report(tmp_path: Path) -> None:
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = f"{tmp_path / 'out'}/"
    assert main(["convert", str(SEED), str(empty_dir), "-o", out, "-q"]) == 3
    assert main(["convert", str(bad), "-o", out, "-q", "--allow-failures"]) == 1  # nothing converted
    assert main(["convert", str(empty_dir), "-o", out, "-q"]) == 3


def test_progress_lines_and_a_summary_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_batch, "LOG_EVERY", 0.0)
    src = tmp_path / "g0001"
    src.mkdir()
    for path in (CASES / "g0001").iterdir():
        if path.name.endswith(REPORT_SUFFIXES) and ".scan." not in path.name:  # OCR is slow
            shutil.copy(path, src / path.name)
    n = len(list(src.iterdir()))
    assert main(["convert", str(src), "-o", f"{tmp_path / 'out'}/", "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert f"govreport: progress: 1/{n} documents" in err and f"progress: {n}/{n} documents" in err
    assert f"govreport: {n} ok, 0 partial, 0 failed in" in err and "manifest.jsonl" in err
    assert main(["convert", str(src), "-o", f"{tmp_path / 'quiet'}/", "-q"]) == 0
    assert capsys.readouterr().err == ""


def _slow_archive(tmp_path: Path) -> Path:
    """Enough documents (PDFs among them) that a run can be stopped halfway."""
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for case in sorted(CASES.iterdir())[:8]:
            for path in sorted(case.iterdir()):
                if path.suffix in (".pdf", ".docx", ".txt") and ".scan." not in path.name:
                    zf.write(path, f"{case.name}/{path.name}")
    return archive


def test_a_killed_run_resumes_where_it_stopped_and_leaves_no_partial_file(tmp_path: Path) -> None:
    archive = _slow_archive(tmp_path)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "govreport", "convert", str(archive), "-o", f"{out}/", "--jobs", "2"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    log = out / "manifest.jsonl"
    while time.monotonic() < deadline and proc.poll() is None:
        if log.is_file() and len(log.read_text(encoding="utf-8").splitlines()) >= 6:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = {json.loads(line)["source"] for line in log.read_text(encoding="utf-8").splitlines()
             if line.endswith("}")}
    with zipfile.ZipFile(archive) as zf:
        total = len(zf.namelist())
    assert 6 <= len(first) < total
    resumed = subprocess.run([*argv[:-2], "--jobs", "2", "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "kept from the last run" in resumed.stderr
    lines = manifest(out)
    assert len(lines) == total and len({line["source"] for line in lines}) == total
    assert all(line["status"] in ("ok", "partial") for line in lines)
    written = files_under(out)
    assert not [p for p in written if p.endswith(".tmp")]
    assert written == {"manifest.jsonl", *(line["output"] for line in lines)}
    for line in lines:
        json.loads((out / line["output"]).read_text(encoding="utf-8"))  # every output is whole
    again = subprocess.run([*argv, "--resume"], capture_output=True, text=True)
    assert again.returncode == 0 and f"0 ok, 0 partial, 0 failed, {total} kept" in again.stderr


def test_resume_converts_again_what_changed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.txt")
    shutil.copy(SEED, src / "b.txt")
    out = f"{tmp_path / 'out'}/"
    assert main(["convert", str(src), "-o", out, "-q"]) == 0
    (src / "b.txt").write_bytes(SEED.read_bytes().replace("一、".encode(), "1、".encode(), 1))
    assert main(["convert", str(src), "-o", out, "--resume"]) == 0
    assert main(["convert", str(src), "-o", out, "--resume", "--to", "xml"]) == 0
    assert {line["output"] for line in manifest(tmp_path / "out")} == {"src/a.txt.xml", "src/b.txt.xml"}


def test_a_terminal_gets_a_progress_bar_with_rate_and_failures(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(SEED, tmp_path / "good.txt")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "convert", str(tmp_path / "empty.txt"),
         str(tmp_path / "good.txt"), "-o", f"{tmp_path / 'out'}/", "--jobs", "1"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 1
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "2/2" in screen and "doc/s" in screen and "failed=1" in screen
    assert "file is empty" in screen and "1 ok, 0 partial, 1 failed" in screen
