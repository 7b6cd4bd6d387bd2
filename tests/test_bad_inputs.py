"""Bad input gets a clear error or a diagnostic naming the file, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import govreport


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(govreport.EmptyInputError, match="empty"):
        govreport.read(path)
    proc = run_cli("convert", str(path))
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"govreport: {path}: file is empty"


def test_a_binary_file_named_txt_is_a_read_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(govreport.ReadError) as info:
        govreport.read(path)
    assert str(path) in str(info.value)
    proc = run_cli("show", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and str(path) in proc.stderr


def test_a_utf8_file_with_invalid_bytes_reads_with_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    good = "一、总体情况\n本机关收到申请12件。\n".encode() * 30
    path.write_bytes(good[:25] + b"\xc3\x28" + good[25:])  # inside line 2
    doc = govreport.read(path)
    assert doc.source.charset == "utf-8"
    diag = next(d for d in doc.diagnostics if d.code == "decode.invalid_bytes")
    assert diag.severity == "warning" and diag.location is not None and diag.location.line == 2


def test_a_50_mb_text_file_is_read_without_trouble(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "我镇坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。\n"
    chunk = ("一、总体情况\n" + line * 2000 + "\t规章\n\t0\n\t1\n\n\n").encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    assert path.stat().st_size >= 50 * 1024 * 1024
    doc = govreport.read(path)
    assert len(doc.tables) > 100
    assert doc.source.charset == "utf-8"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(govreport.LimitExceededError, match="max_input_bytes"):
        govreport.read(path, options={"max_input_bytes": 1024})


def test_a_table_with_ragged_rows_converts_with_diagnostics() -> None:
    text = "信息内容\t甲\t乙\t丙\n规章\t1\t2\t3\n规范性文件\t4\n行政许可\t5\t6\t7\t8\t9\n"
    doc = govreport.read(text.encode(), name="ragged.txt")
    table = doc.tables[0]
    texts = [c.text for c in table.cells]
    assert all(t in texts for t in "123456789")
    codes = {d.code for d in doc.diagnostics}
    assert "table.row_padded" in codes


def test_text_named_pdf_is_read_as_text_and_the_mismatch_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("一、总体情况\n正文", encoding="utf-8")
    doc = govreport.read(path)
    assert doc.source.format == "txt"
    notes = [d.message for d in doc.diagnostics if d.code == "source.suffix_mismatch"]
    assert notes == ["named .pdf (pdf) but the content is txt: read as txt"]


def test_binary_noise_named_pdf_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(govreport.UnsupportedFormatError, match="the name says pdf but the content is not"):
        govreport.read(path)


def test_one_bad_file_never_stops_a_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一、总体情况\n正文。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "d.txt").write_text("二、主动公开政府信息情况\n", encoding="gbk")
    results = list(govreport.convert_many([tmp_path]))
    assert [Path(r.name).name for r in results] == ["a.txt", "b.txt", "c.pdf", "d.txt"]
    assert [r.ok for r in results] == [True, False, False, True]
    assert all(str(tmp_path) in str(r.error) for r in results if r.error)


def test_strict_mode_turns_warnings_into_an_error() -> None:
    text = "信息内容\t甲\t乙\n规章\t1\t2\n规范性文件\t3\n"
    assert govreport.read(text.encode(), name="x.txt").status == "success"
    with pytest.raises(govreport.StrictModeError, match=r"table\.row_padded"):
        govreport.read(text.encode(), name="x.txt", options={"strict": True})
