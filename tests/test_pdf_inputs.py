"""Bad and unusual PDF inputs: each gives a clear error or a diagnostic, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import govreport
from govreport.errors import EmptyInputError, EncryptedError, LimitExceededError, ReadError
from govreport.options import ReadOptions
from govreport.readers import ReadContext
from govreport.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "pdf"
HONGZE = ROOT / "corpus/real/hongze-district-2023.pdf"


def _read(data: bytes, **opts: object):  # type: ignore[no-untyped-def]
    return read_pdf(data, ReadContext("test.pdf", ReadOptions.resolve(opts)))


def test_a_pdf_with_a_user_password_raises_encrypted_error() -> None:
    with pytest.raises(EncryptedError, match="password"):
        _read((DATA / "encrypted-user-password.pdf").read_bytes())


def test_a_pdf_encrypted_with_an_empty_user_password_opens() -> None:
    out = _read((DATA / "encrypted-owner-only.pdf").read_bytes())
    texts = [getattr(b, "text", "") for b in out.blocks]
    assert "一、总体情况" in texts


@pytest.mark.parametrize("cut", [0.5, 0.1, 0.02])
def test_a_truncated_pdf_raises_read_error_naming_the_damage(cut: float) -> None:
    data = HONGZE.read_bytes()
    with pytest.raises(ReadError, match="corrupt or truncated"):
        _read(data[: int(len(data) * cut)])


def test_a_header_with_garbage_after_it_raises_read_error() -> None:
    with pytest.raises(ReadError, match="corrupt or truncated"):
        _read(b"%PDF-1.4\n" + bytes(range(256)) * 40)


def test_zero_bytes_raise_empty_input_error() -> None:
    with pytest.raises(EmptyInputError, match=r"test\.pdf: file is empty"):
        _read(b"")


def test_text_that_is_not_a_pdf_raises_read_error() -> None:
    with pytest.raises(ReadError, match="not a PDF"):
        _read("一、总体情况\n".encode())


def test_a_page_without_text_layer_is_read_by_ocr_and_named() -> None:
    """A blank page image: OCR'd (the ocr extra), named, and nothing read from it.
    Without the extra it is an error that says how to install it (test_scan_reader)."""
    pytest.importorskip("rapidocr_onnxruntime")
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buf, format="PDF")
    out = _read(buf.getvalue())
    codes = {d.code: d for d in out.diagnostics}
    assert "pdf.no_text_layer" not in codes and "scan.ocr_pages" in codes
    blank = codes["scan.blank_pages"]
    assert blank.location is not None and blank.location.page == 1
    assert out.blocks == []


def test_the_page_limit_is_enforced() -> None:
    with pytest.raises(LimitExceededError, match="max_pdf_pages"):
        _read(HONGZE.read_bytes(), max_pdf_pages=3)


def test_read_through_the_library_names_the_file_in_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(HONGZE.read_bytes()[:5000])
    with pytest.raises(ReadError) as info:
        govreport.read(bad)
    assert "broken.pdf" in str(info.value)
