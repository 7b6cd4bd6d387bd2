"""What a new user meets first: the README, the examples, the licence, a clean build."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT

from govreport.inputs import REPORT_SUFFIXES

tomllib = pytest.importorskip("tomllib")
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_readme_links_every_docs_page() -> None:
    linked = set(re.findall(r"\]\((docs/[^)#]+\.md)\)", README))
    pages = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert pages and pages <= linked
    assert all((ROOT / link).is_file() for link in linked)


def test_the_readme_says_what_make_test_runs() -> None:
    line = next(line for line in README.splitlines() if line.startswith("make test"))
    for tool in ("ruff", "mypy", "pytest"):
        assert tool in line


def test_the_licence_file_matches_the_package_metadata() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_build_configuration_raises_no_setuptools_warning() -> None:
    code = (
        "import warnings\n"
        "warnings.simplefilter('error')\n"
        "from setuptools.dist import Distribution\n"
        "from setuptools.config.pyprojecttoml import apply_configuration\n"
        "dist = apply_configuration(Distribution(), 'pyproject.toml')\n"
        "print(dist.metadata.license_expression)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "MIT" and "Warning" not in proc.stderr


def test_example_folder_to_one_csv(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "folder_to_csv.py"),
                           str(CORPUS / "real"), str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["document", "table", "kind"]
    assert {r[0] for r in rows[1:]} >= {"town-2019.txt", "hongze-district-2023.pdf"}


def test_example_panel_with_pandas(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "panel.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "panel.py"),
                           str(CORPUS / "real"), str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    panel = pd.read_csv(out)
    reports = [p for p in (CORPUS / "real").iterdir() if p.name.endswith(REPORT_SUFFIXES)]
    assert list(panel.columns[:2]) == ["agency", "year"] and len(panel) == len(reports)
    assert "applications.new_received@total" in panel.columns


def test_example_gate_stops_what_is_not_a_sound_report(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("关于召开会议的通知\n", encoding="utf-8")
    gate = [sys.executable, str(ROOT / "examples" / "gate.py")]
    ok = subprocess.run([*gate, str(CORPUS / "real" / "town-2019.txt")], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("ok")
    stopped = subprocess.run([*gate, str(letter)], capture_output=True, text=True)
    assert stopped.returncode == 3 and "not a report" in stopped.stdout
