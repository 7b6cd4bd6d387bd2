"""Text is decoded once, centrally, and the charset and confidence are recorded."""

from __future__ import annotations

import pytest

import govreport
from govreport.decode import decode_bytes

TEXT = "一、总体情况\n2019年，本机关收到政府信息公开申请12件。\n\t规章\n\t0\n"


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gbk"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_each_encoding_decodes_to_the_same_text(codec: str, expected: str) -> None:
    decoded = decode_bytes(TEXT.encode(codec))
    assert decoded.text == TEXT
    assert decoded.charset == expected
    assert decoded.confidence >= 0.9


def test_gb18030_only_characters_are_read_as_gb18030() -> None:
    text = TEXT + "联系人：𠮷先生\n"
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.charset == "gb18030"


def test_crlf_and_cr_line_ends_become_lf() -> None:
    assert decode_bytes(TEXT.replace("\n", "\r\n").encode()).text == TEXT
    assert decode_bytes(TEXT.replace("\n", "\r").encode("gbk")).text == TEXT


def test_utf8_with_a_few_invalid_bytes_is_utf8_with_a_diagnostic() -> None:
    data = (TEXT * 20).encode("utf-8")
    data = data[:100] + b"\xff\xfe" + data[100:]
    decoded = decode_bytes(data)
    assert decoded.charset == "utf-8"
    assert decoded.text.count("\ufffd") == 2
    assert [d.code for d in decoded.diagnostics] == ["decode.invalid_bytes"]
    assert decoded.confidence < 1.0


def test_binary_with_nul_bytes_is_a_read_error() -> None:
    with pytest.raises(govreport.ReadError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def test_random_bytes_are_never_a_mojibake_document() -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(5000))
    try:
        decoded = decode_bytes(data)
    except govreport.ReadError:
        return
    assert decoded.confidence < 0.9 or decoded.diagnostics


def test_charset_and_confidence_reach_the_source_info(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode("gbk"))
    doc = govreport.read(path)
    assert doc.source.charset == "gbk"
    assert doc.source.charset_confidence is not None and doc.source.charset_confidence > 0.9
