"""Where `convert -o` and `dataset` write, and with which permissions."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS
from test_cli import run

import govreport
from govreport.cli import main

SEED = CORPUS / "real" / "town-2019.txt"
OTHER = next(iter(sorted((CORPUS / "generated" / "cases" / "g0002").glob("*.seed.*.txt"))))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_umask(tmp_path: Path, umask: None) -> None:
    doc = govreport.read(SEED)
    govreport.write(doc, tmp_path / "lib.json")
    assert main(["convert", str(SEED), "-o", str(tmp_path / "cli.xml")]) == 0
    assert main(["convert", str(SEED), str(OTHER), "-o", str(tmp_path / "many") + "/"]) == 0
    written = [tmp_path / "lib.json", tmp_path / "cli.xml", *(tmp_path / "many").iterdir()]
    assert len(written) == 5 and {mode(p) for p in written} == {0o644}  # with the manifest
    os.umask(0o027)
    govreport.write(doc, tmp_path / "private.json")
    assert mode(tmp_path / "private.json") == 0o640


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o600)
    govreport.write(govreport.read(SEED), target)
    assert mode(target) == 0o600 and target.read_text(encoding="utf-8").startswith("{")


def test_a_missing_parent_folder_is_created(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "seed.json"
    assert main(["convert", str(SEED), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "govreport/1.1"


def test_an_unwritable_output_names_the_output_not_a_temporary_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder is expected")
    proc = run("convert", str(SEED), "-o", str(blocker / "seed.json"))
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"govreport: {blocker / 'seed.json'}: ")
    assert ".tmp" not in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize("folder", ["out/", "run.v2/"])
def test_a_trailing_slash_makes_the_output_a_folder(tmp_path: Path, folder: str) -> None:
    target = tmp_path / folder
    assert main(["convert", str(SEED), "-o", str(tmp_path) + "/" + folder]) == 0
    assert target.is_dir()
    assert sorted(p.name for p in target.iterdir()) == ["manifest.jsonl", "town-2019.txt.json"]
    written = target / "town-2019.txt.json"
    assert json.loads(written.read_text(encoding="utf-8"))["source"]["name"] == "town-2019.txt"


def test_to_is_case_insensitive(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["convert", str(SEED), "--to", "CSV"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"document,table,kind,")


def test_dash_reads_standard_input_and_writes_standard_output() -> None:
    proc = run("convert", "-", "--to", "json", "-o", "-", stdin=SEED.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"]["name"] == "<stdin>" and len(data["tables"]) == 3
    pdf = CORPUS / "real" / "hongze-district-2023.pdf"
    proc = run("convert", "-", "--to", "csv", stdin=pdf.read_bytes())
    assert proc.returncode == 0 and proc.stdout.startswith("document,table,kind,")


def test_grid_csv_into_a_folder_writes_one_file_per_table(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "grid"
    assert main(["convert", str(SEED), "--to", "csv", "--csv-form", "grid", "-o", f"{out}/"]) == 0
    files = sorted(out.glob("*.table-*.csv"))
    assert [p.name for p in files] == [f"town-2019.txt.table-{i}.csv" for i in range(3)]
    widths = [pd.read_csv(p).shape[1] for p in files]
    assert widths == [3 + t.n_cols for t in govreport.read(SEED).tables]


def test_dataset_writes_standard_output_with_the_paths_as_given(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_bytes(SEED.read_bytes())
    proc = run("dataset", str(tmp_path / "a"), str(tmp_path / "b"), "--csv-encoding", "utf-8-sig")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("\ufeffsource,agency,year,edition,")
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    expected = [str(tmp_path / sub / "report.txt") for sub in ("a", "b")]
    assert [r[0] for r in rows[1:]] == expected
    assert "wrote 2 row(s)" in proc.stderr


def test_dataset_and_convert_spell_the_bom_option_alike(tmp_path: Path) -> None:
    assert main(["dataset", str(SEED), "-o", str(tmp_path / "p.csv"), "--csv-encoding", "utf-8-sig"]) == 0
    assert main(["convert", str(SEED), "-o", str(tmp_path / "c.csv"), "--csv-encoding", "utf-8-sig"]) == 0
    assert (tmp_path / "p.csv").read_bytes()[:3] == (tmp_path / "c.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    with pytest.raises(SystemExit):
        main(["dataset", str(SEED), "--bom"])


def test_dataset_keys_choose_columns_and_a_typo_names_the_close_keys(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    key = "applications.new_received@total"
    assert main(["dataset", str(SEED), "-o", str(out), "--keys", key]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == f"source,agency,year,edition,{key}"
    proc = run("dataset", str(SEED), "--keys", "applications.new_recieved@total")
    assert proc.returncode == 1 and "did you mean applications.new_received@total" in proc.stderr


def test_an_error_inside_an_archive_names_the_archive_and_the_member(tmp_path: Path) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2019/a.txt", b"")
        zf.write(SEED, "2019/town.txt")
    proc = run("convert", str(archive), "-o", f"{tmp_path / 'out'}/")
    assert proc.returncode == 1
    assert f"{archive}!2019/a.txt: file is empty" in proc.stderr
    (result,) = [r for r in govreport.convert_many([archive]) if not r.ok]
    assert str(result.error) == f"{archive}!2019/a.txt: file is empty"
