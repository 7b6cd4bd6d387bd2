"""A .doc is judged before LibreOffice converts it, and the conversion is judged after.

LibreOffice imports what it cannot recognise as plain text, so a damaged .doc
used to come back as a "document" of random characters, reported as a
success. Now the OLE container and the Word FIB are checked first, and a
conversion that is a plain-text import, noise, or empty is refused.
"""

from __future__ import annotations

import random
import shutil
import struct
from pathlib import Path

import pytest
from ole_builder import MAGIC, ole_bytes, word_doc, word_fib

import govreport
from govreport.errors import EncryptedError, ReadError
from govreport.options import ReadOptions
from govreport.readers import ReadContext, legacy
from govreport.readers.legacy import check_word_container, plausible_share, read_legacy

NO_SOFFICE = {"soffice": "no-such-soffice-binary"}
HAS_SOFFICE = shutil.which("soffice") is not None
DATA = Path(__file__).parent / "data" / "docx"


def ctx(name: str, **options: object) -> ReadContext:
    return ReadContext(name, ReadOptions.resolve(options))


def test_ole_magic_followed_by_garbage_is_refused_without_converting() -> None:
    garbage = MAGIC + random.Random(1).randbytes(20000)
    with pytest.raises(ReadError, match=r"damaged \.doc/\.wps file") as info:
        govreport.read(garbage, name="report.doc", options=NO_SOFFICE)
    assert type(info.value) is ReadError  # not MissingToolError: nothing was handed to LibreOffice
    assert info.value.source == "report.doc"


@pytest.mark.parametrize(
    ("streams", "message"),
    [
        ({"1Table": b"\0" * 600}, "no WordDocument stream"),
        ({"WordDocument": b"\x13" * 5000, "1Table": b"\0" * 600}, "does not start with a Word FIB"),
        ({"WordDocument": b"\xec\xa5" + b"\0" * 10}, "too short to hold a FIB"),
        ({"WordDocument": word_fib()}, "names a 1Table stream the file does not have"),
    ],
    ids=["no-word-stream", "no-fib", "short-fib", "missing-table-stream"],
)
def test_a_word_container_that_breaks_the_format_is_a_read_error(
    streams: dict[str, bytes], message: str
) -> None:
    with pytest.raises(ReadError, match=message):
        check_word_container(ole_bytes(streams))


def test_a_fib_with_wrong_record_counts_is_refused() -> None:
    fib = bytearray(word_fib())
    struct.pack_into("<H", fib, 0x20, 3)
    with pytest.raises(ReadError, match="record counts are wrong"):
        check_word_container(ole_bytes({"WordDocument": bytes(fib), "1Table": b"\0" * 600}))


def test_a_sane_word_container_passes_and_says_what_it_is() -> None:
    assert check_word_container(word_doc()) == "Word 97-2003"
    assert check_word_container(ole_bytes({"CONTENTS": b"\0" * 300})) == "Works"


def test_a_password_protected_doc_is_an_encrypted_error() -> None:
    with pytest.raises(EncryptedError, match="password-protected"):
        read_legacy(word_doc(flags=0x0200 | 0x0100), ctx("secret.doc", **NO_SOFFICE))


def test_a_sane_doc_without_libreoffice_asks_for_it() -> None:
    with pytest.raises(govreport.MissingToolError, match="needs LibreOffice"):
        read_legacy(word_doc(), ctx("report.doc", **NO_SOFFICE))


def test_noise_scores_low_and_report_text_high() -> None:
    noise = "".join(chr(c) for c in random.Random(2).choices(range(0x100, 0xFFFF), k=2000))
    assert plausible_share(noise) < 0.5
    assert plausible_share("一、总体情况\n2024年，本机关收到申请12件（含上年结转0件）。ABC-3 ％") == 1.0


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def test_a_conversion_that_is_a_plain_text_import_of_noise_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A container that passes the checks but whose content LibreOffice cannot recognise:
    # it falls back to importing the bytes as text. The result must not be a success.
    monkeypatch.setattr(legacy, "check_word_container", lambda data: "Word 97-2003")
    garbage = MAGIC + random.Random(1).randbytes(20000)
    with pytest.raises(ReadError, match=r"plain text|noise"):
        read_legacy(garbage, ctx("broken.doc", soffice_timeout=60))


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def test_a_word_container_with_no_text_is_not_a_success() -> None:
    with pytest.raises(ReadError, match="without any text"):
        read_legacy(word_doc(random.Random(3).randbytes(9000)), ctx("empty.doc", soffice_timeout=60))


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def test_a_real_doc_still_converts() -> None:
    data = (DATA / "template-2021-blank.doc").read_bytes()
    assert check_word_container(data) == "Word 97-2003"
    doc = govreport.read(data, name="template.doc")
    assert [t.kind for t in doc.tables] == ["proactive_disclosure", "applications", "review_litigation"]
