"""`govreport convert`: writer chosen by --to or by -o's suffix, CSV options, several inputs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import CORPUS
from lxml import etree

from govreport.cli import main

SEED = str(CORPUS / "real" / "town-2019.txt")
OTHER = str(next(iter(sorted((CORPUS / "generated" / "cases" / "g0002").glob("*.seed.*.txt")))))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".json", lambda b: json.loads(b)["schema"] == "govreport/1.1"),
        (".xml", lambda b: etree.fromstring(b).get("schema") == "govreport/1.1"),
        (".csv", lambda b: b.startswith(b"document,table,kind,")),
        (".html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ],
)
def test_the_output_suffix_chooses_the_writer(tmp_path: Path, suffix: str, check) -> None:
    out = tmp_path / f"seed{suffix}"
    assert main(["convert", SEED, "-o", str(out)]) == 0
    assert check(out.read_bytes())


@pytest.mark.parametrize("name", ["json", "xml", "csv", "html"])
def test_to_names_the_writer_whatever_the_suffix(tmp_path: Path, name: str) -> None:
    out = tmp_path / "seed.out"
    assert main(["convert", SEED, "--to", name, "-o", str(out)]) == 0
    head = out.read_bytes()[:40]
    assert {"json": b"{", "xml": b"<?xml", "csv": b"document", "html": b"<!DOCTYPE"}[name] in head


def test_an_unknown_format_lists_every_known_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", SEED, "--to", "xlsx"]) == 1
    err = capsys.readouterr().err
    assert "unknown output format 'xlsx'" in err
    for name in ("csv", "html", "json", "text", "xml"):
        assert name in err


def test_an_unknown_suffix_lists_the_known_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", SEED, "-o", str(tmp_path / "seed.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "'.xlsx'" in err and ".csv" in err and ".html" in err and ".xml" in err


def test_several_inputs_append_into_one_csv(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert main(["convert", SEED, OTHER, "--to", "csv", "-o", str(out)]) == 0
    rows = csv_rows(out.read_bytes())
    assert {r[0] for r in rows[1:]} == {Path(SEED).name, Path(OTHER).name}
    assert len({len(r) for r in rows}) == 1


def test_several_inputs_append_into_one_csv_chosen_by_suffix(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert main(["convert", SEED, OTHER, "-o", str(out)]) == 0
    assert out.is_file() and csv_rows(out.read_bytes())[0][0] == "document"


def test_several_inputs_to_csv_without_output_go_to_stdout(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["convert", SEED, OTHER, "--to", "csv", "--csv-form", "grid"]) == 0
    rows = csv_rows(capsysbinary.readouterr().out)
    assert rows[0][:4] == ["document", "table", "row", "slot_1"]
    assert rows[1][:4] == [Path(SEED).name, "0", "header", "信息内容"]


def test_csv_into_an_existing_folder_writes_one_file_per_document(tmp_path: Path) -> None:
    assert main(["convert", SEED, OTHER, "--to", "csv", "-o", str(tmp_path)]) == 0
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.name != "manifest.jsonl") == [".csv", ".csv"]


@pytest.mark.parametrize("name", ["json", "xml", "html"])
def test_lossless_and_page_writers_keep_one_file_per_document(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    assert main(["convert", SEED, OTHER, "--to", name, "-o", str(out)]) == 0
    assert len([p for p in out.iterdir() if p.name != "manifest.jsonl"]) == 2


def test_several_inputs_into_one_json_file_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["convert", SEED, OTHER, "-o", str(tmp_path / "all.json")]) == 1
    assert "give -o a folder" in capsys.readouterr().err


def test_csv_options_reach_the_writer(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    argv = ["convert", SEED, "-o", str(out), "--csv-form", "grid", "--csv-fill", "first"]
    assert main([*argv, "--csv-encoding", "utf-8-sig"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdocument,table,")
    assert csv_rows(data)[19][:3] == ["town-2019.txt", "1", "header"]
    assert csv_rows(data)[19][6:8] == ["申请人情况 / 自然人", "法人或其他组织 / 商业企业"]


def test_csv_options_with_another_writer_are_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", SEED, "--to", "xml", "--csv-form", "grid"]) == 1
    assert "--csv-* options apply to --to csv" in capsys.readouterr().err


def test_a_bad_csv_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["convert", SEED, "--to", "csv", "--csv-fill", "copy"])
    assert exc.value.code == 2


def test_a_failed_input_is_reported_and_the_others_still_appended(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "all.csv"
    assert main(["convert", SEED, str(empty), "--to", "csv", "-o", str(out)]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert {r[0] for r in csv_rows(out.read_bytes())[1:]} == {Path(SEED).name}
