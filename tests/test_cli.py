"""The command line is a thin shell: right output, one-line errors, honest exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import CORPUS, schema_validator

SEED = CORPUS / "real" / "town-2019.txt"


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process; COLUMNS unset unless `env` sets it (output not wrapped)."""
    environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.run(
        [sys.executable, "-m", "govreport.cli", *args],
        capture_output=True,
        timeout=300,
        cwd=cwd,
        env={**environ, **(env or {})},
        input=stdin,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8")
    )


def test_convert_prints_json_to_stdout() -> None:
    proc = run("convert", str(SEED), "--to", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "govreport/1.1" and len(data["tables"]) == 3
    assert not list(schema_validator().iter_errors(data))


def test_convert_writes_the_output_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    proc = run("convert", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["name"] == "town-2019.txt"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.json"]


def test_several_inputs_write_one_file_each_inside_the_output_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("一、总体情况\n正文。\n", encoding="utf-8")
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    proc = run("convert", str(src), str(SEED), "-o", str(out))
    assert proc.returncode == 1  # b.txt failed, the others were written
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["in/a.txt.json", "manifest.jsonl", "town-2019.txt.json"]
    failures = [line for line in proc.stderr.splitlines() if "b.txt" in line]
    assert len(failures) == 1 and "file is empty" in failures[0]


def test_show_prints_grids_and_header_paths() -> None:
    proc = run("show", str(SEED))
    assert proc.returncode == 0, proc.stderr
    assert "== table 1" in proc.stdout
    row = "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
    assert f"{row}  |  申请人情况 / 法人或其他组织 / 商业企业" in proc.stdout


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    for args in (
        ("convert", str(tmp_path / "missing.txt")),
        ("convert", str(SEED), "--to", "yaml"),
        ("convert", str(SEED), "-o", str(tmp_path / "x.unknownsuffix")),
        ("frobnicate",),
    ):
        proc = run(*args)
        assert proc.returncode != 0, args
        assert "Traceback" not in proc.stderr, args
        assert proc.stderr.startswith("govreport: "), (args, proc.stderr)
        assert proc.stderr.count("\n") == 1, (args, proc.stderr)


def test_unknown_output_format_lists_the_known_ones() -> None:
    proc = run("convert", str(SEED), "--to", "jsno")
    assert "json" in proc.stderr and "known" in proc.stderr


def test_debug_pdf_draws_the_page_with_its_rulings_and_cells(tmp_path: Path) -> None:
    out = tmp_path / "p3.png"
    proc = run("debug-pdf", str(CORPUS / "real" / "hongze-district-2023.pdf"), "--page", "3", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    bad = run("debug-pdf", str(CORPUS / "real" / "hongze-district-2023.pdf"), "--page", "99", "-o",
              str(tmp_path / "x.png"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
