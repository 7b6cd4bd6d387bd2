"""Batch conversion: archives and folders, one result per document, nothing written outside."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import CORPUS

import govreport

SEED = CORPUS / "real" / "town-2019.txt"


def make_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(SEED, "2019/town-2019.txt")
        zf.writestr("../../escape.txt", "一、总体情况\n正文。\n")
        zf.writestr("broken.pdf", b"%PDF-1.4 not really")
        zf.writestr("style.css", "ignored: not a report suffix")
    return path


def test_an_archive_yields_one_result_per_report_member(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "reports.zip")
    results = list(govreport.convert_many([archive]))
    names = [r.name.rsplit("!", 1)[1] for r in results]
    assert names == ["2019/town-2019.txt", "../../escape.txt", "broken.pdf"]
    assert [r.ok for r in results] == [True, True, False]
    assert results[0].document is not None and len(results[0].document.tables) == 3
    assert "broken.pdf" in str(results[2].error)


def test_outputs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "reports.zip")
    out = tmp_path / "deep" / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "convert", str(archive), str(SEED), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1  # broken.pdf failed; the rest were written
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["manifest.jsonl", "reports.zip/2019/town-2019.txt.json", "reports.zip/escape.txt.json",
                       "town-2019.txt.json"]
    written = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert all(out in p.parents or p == archive for p in written)
