"""Nothing happened is never success: exit statuses, and no false success on bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from helpers import CORPUS
from test_cli import run

from govreport.cli import build_parser, main
from govreport.cli_common import EXIT_FAILED, EXIT_NO_REPORT, EXIT_OK

SEED = CORPUS / "real" / "town-2019.txt"
PDF = CORPUS / "real" / "hongze-district-2023.pdf"


def empty_inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "style.css").write_text("not a report suffix")
    archive = tmp_path / "none.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("style.css", "no report in here")
    return [folder, archive]


@pytest.mark.parametrize("command", ["convert", "show", "check", "dataset"])
def test_inputs_without_a_report_exit_3(tmp_path: Path, command: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    for source in empty_inputs(tmp_path):
        argv = [command, str(source)]
        if command == "convert":
            argv += ["-o", f"{tmp_path / 'out'}/"]
        assert main(argv) == EXIT_NO_REPORT, argv
        assert f"no report found in {source}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_check_on_a_file_that_is_not_a_report_exits_3(tmp_path: Path) -> None:
    prose = tmp_path / "letter.txt"
    prose.write_text("关于召开会议的通知\n\n请各单位按时参加。\n", encoding="utf-8")
    proc = run("check", str(prose))
    assert proc.returncode == EXIT_NO_REPORT
    assert "no official table recognised" in proc.stdout
    assert run("check", str(SEED)).returncode == EXIT_OK


def test_a_failed_check_wins_over_a_non_report(tmp_path: Path) -> None:
    prose = tmp_path / "letter.txt"
    prose.write_text("一份普通的文件。\n", encoding="utf-8")
    failing = next(
        case / f"{case.name}.docx"
        for case in sorted((CORPUS / "generated" / "cases").iterdir())
        if json.loads((case / "truth.json").read_text(encoding="utf-8"))["injected_errors"]
    )
    assert run("check", str(failing)).returncode == EXIT_FAILED
    assert run("check", str(prose), str(failing)).returncode == EXIT_FAILED


def test_debug_pdf_refuses_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    for name, data in (("fake.pdf", b"just text\n" * 50), ("notes.txt", SEED.read_bytes()),
                       ("cut.pdf", PDF.read_bytes()[:2000])):
        path = tmp_path / name
        path.write_bytes(data)
        proc = run("debug-pdf", str(path), "--page", "1", "-o", str(tmp_path / "p.png"))
        assert proc.returncode == EXIT_FAILED, name
        assert proc.stderr.startswith(f"govreport: {path}: ") and proc.stderr.count("\n") == 1, proc.stderr
        assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "p.png").exists()


def test_debug_pdf_writes_the_image_format_its_name_says(tmp_path: Path) -> None:
    assert main(["debug-pdf", str(PDF), "--page", "1", "-o", str(tmp_path / "p.jpg")]) == EXIT_OK
    assert (tmp_path / "p.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    assert main(["debug-pdf", str(PDF), "--page", "1", "-o", str(tmp_path / "p.png")]) == EXIT_OK
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["debug-pdf", str(PDF), "--page", "1", "-o", str(tmp_path / "p.gif")]) == EXIT_FAILED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jpg", "p.png"]


def test_every_positional_argument_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        for action in sub._actions:
            if not action.option_strings:
                assert action.help, (name, action.dest)
