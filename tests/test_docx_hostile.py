"""Bad and hostile docx inputs: each gives one clear error, never a hang or an expansion."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from ole_builder import ole_bytes, word_fib

import govreport
from govreport.errors import EncryptedError, LimitExceededError, MissingToolError, ReadError
from govreport.options import ReadOptions
from govreport.readers import ReadContext
from govreport.readers.docx import read_docx
from govreport.readers.legacy import is_encrypted_ooxml, ole_stream_names, read_legacy
from govreport.tables.raw import RawTable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>'


def zip_of(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def ctx(name: str = "bad.docx", **options: object) -> ReadContext:
    return ReadContext(name, ReadOptions.resolve(options))


def test_a_plain_docx_reads() -> None:
    out = read_docx(zip_of({"word/document.xml": DOC}), ctx())
    assert [b.text for b in out.blocks] == ["正文"]  # type: ignore[union-attr]


def test_not_a_zip_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="not a zip"):
        read_docx(b"hello, this is plain text pretending to be a docx", ctx())


def test_truncated_zip_is_a_read_error() -> None:
    data = zip_of({"word/document.xml": DOC * 50})
    with pytest.raises(ReadError, match="truncated or corrupt"):
        read_docx(data[: len(data) // 2], ctx())


def test_corrupt_member_data_is_a_read_error() -> None:
    data = bytearray(zip_of({"word/document.xml": DOC * 50}))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    with pytest.raises(ReadError, match=r"truncated or corrupt \(part word/document\.xml: .*decompressing"):
        read_docx(bytes(data), ctx())


def test_xlsx_is_named_for_what_it_is() -> None:
    data = zip_of({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"})
    with pytest.raises(ReadError, match="Excel workbook"):
        read_docx(data, ctx("table.docx"))


def test_zip_without_a_document_part() -> None:
    with pytest.raises(ReadError, match=r"without word/document\.xml"):
        read_docx(zip_of({"readme.txt": "hi"}), ctx())


def test_declared_oversize_part_is_refused_before_decompressing() -> None:
    data = zip_of({"word/document.xml": DOC + " " * 5000})
    with pytest.raises(LimitExceededError, match="max_zip_member_bytes"):
        read_docx(data, ctx(max_zip_member_bytes=1000))


def test_zip_bomb_ratio_is_refused() -> None:
    bomb = DOC.replace("正文", "0" * (3 * 1024 * 1024))
    data = zip_of({"word/document.xml": bomb})
    with pytest.raises(LimitExceededError, match="zip bomb"):
        read_docx(data, ctx())


def test_zip_bomb_that_lies_about_its_size_stops_while_streaming() -> None:
    """The headers claim 4000 bytes; the deflate stream (CRC intact) inflates to 8 MB.

    Neither declared-size check can see it (4000 bytes, no ratio to judge), so
    only the streaming cap stops it: zipfile's own CRC check would be reached
    only after the lie had been inflated."""
    bomb = DOC.replace("正文", "0" * (8 * 1024 * 1024)).encode()
    data = bytearray(zip_of({"word/document.xml": bomb}))
    real = struct.pack("<I", len(bomb))
    fake = struct.pack("<I", 4000)
    cd = data.rindex(b"PK\x01\x02")
    pos = data.index(real, cd)  # uncompressed size in the central directory entry
    data[pos : pos + 4] = fake
    local = data.index(real)  # and in the local header
    data[local : local + 4] = fake
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    assert info.file_size == 4000 and info.compress_size < 100_000
    assert zlib.crc32(bomb) == info.CRC, "the bomb's CRC is right: only its sizes lie"
    with pytest.raises(LimitExceededError, match=r"part word/document\.xml inflates past the 4000 bytes"):
        read_docx(bytes(data), ctx(max_zip_member_bytes=2 * 1024 * 1024))


def test_a_part_that_inflates_to_exactly_its_declared_size_reads() -> None:
    body = DOC.replace("正文", "0" * 5000)
    out = read_docx(zip_of({"word/document.xml": body}), ctx(max_zip_member_bytes=len(body.encode())))
    assert [len(b.text) for b in out.blocks] == [5000]  # type: ignore[union-attr]


def test_entities_are_never_expanded() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;&b;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_docx(zip_of({"word/document.xml": xxe}), ctx())


@pytest.mark.parametrize("part", ["word/styles.xml", "word/numbering.xml"])
def test_entities_in_styles_and_numbering_are_refused_too(part: str) -> None:
    root = part.split("/")[1].split(".")[0]
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:{root} xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="a">'
        f"<w:name>&x;&b;</w:name></w:style></w:{root}>"
    )
    with pytest.raises(ReadError, match=f"part {part} declares a DOCTYPE"):
        read_docx(zip_of({"word/document.xml": DOC, part: xxe}), ctx())


def test_external_relationships_are_not_followed() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="http://example.invalid/doc.xml" TargetMode="External"/>'
        "</Relationships>"
    )
    out = read_docx(zip_of({"_rels/.rels": rels, "word/document.xml": DOC}), ctx())
    assert len(out.blocks) == 1


def test_malformed_xml_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="not well-formed"):
        read_docx(zip_of({"word/document.xml": DOC[:-20]}), ctx())


# -- OLE files: renamed .doc, password-protected docx -------------------------


def ole_file(stream_names: list[str]) -> bytes:
    """A small OLE compound file with these streams (a WordDocument stream holds a sane FIB)."""
    return ole_bytes({n: word_fib() if n == "WordDocument" else b"\0" * 600 for n in stream_names})


def test_ole_directory_names_are_read() -> None:
    assert ole_stream_names(ole_file(["WordDocument", "1Table"])) == ["WordDocument", "1Table"]


def test_password_protected_docx_is_an_encrypted_error() -> None:
    data = ole_file(["EncryptionInfo", "EncryptedPackage"])
    assert is_encrypted_ooxml(data)
    with pytest.raises(EncryptedError, match="password-protected; remove the password"):
        read_docx(data, ctx("report.docx"))
    with pytest.raises(EncryptedError, match="password-protected; remove the password"):
        read_legacy(data, ctx("report.doc"))


def test_renamed_doc_without_libreoffice_says_libreoffice_is_needed() -> None:
    data = ole_file(["WordDocument", "1Table"])
    assert not is_encrypted_ooxml(data)
    with pytest.raises(MissingToolError, match=r"\.doc/\.wps/\.rtf files needs LibreOffice"):
        govreport.read(data, name="report.docx", options={"soffice": "no-such-soffice-binary"})


def test_a_doc_forced_through_the_docx_reader_is_refused_not_converted() -> None:
    with pytest.raises(ReadError, match="legacy Word"):
        read_docx(ole_file(["WordDocument", "1Table"]), ctx("report.docx"))


DATA = Path(__file__).parent / "data" / "docx"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_legacy_doc_is_converted_by_libreoffice_and_read_with_its_spans() -> None:
    data = (DATA / "template-2021-blank.doc").read_bytes()
    out = read_legacy(data, ctx("template.doc"))
    tables = [b for b in out.blocks if isinstance(b, RawTable)]
    assert [(t.n_cols, len(t.rows)) for t in tables] == [(4, 14), (10, 28), (15, 4)]
    corner = tables[1].rows[0][0]
    assert (corner.col, corner.row_span, corner.col_span) == (0, 3, 3)
    assert "docx.converted_from_legacy" in [d.code for d in out.diagnostics]


def test_an_ole_file_whose_word_stream_holds_no_fib_is_refused_before_conversion() -> None:
    data = ole_bytes({"WordDocument": b"\x13" * 5000, "1Table": b"\0" * 600})
    with pytest.raises(ReadError, match="does not start with a Word FIB"):
        read_legacy(data, ctx("broken.doc", soffice="no-such-soffice-binary"))


def _truncated() -> bytes:
    data = zip_of({"word/document.xml": DOC.replace("正文", "正文" * 2000)})
    return data[: len(data) // 2]


XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (
            lambda: zip_of({"word/document.xml": DOC.replace("正文", "0" * (3 * 1024 * 1024))}),
            LimitExceededError,
            "zip bomb",
        ),
        (lambda: zip_of({"word/document.xml": XXE}), ReadError, "DOCTYPE"),
        (_truncated, ReadError, "truncated or corrupt"),
        (lambda: ole_file(["WordDocument", "1Table"]), MissingToolError, "needs LibreOffice"),
        (lambda: ole_file(["EncryptionInfo", "EncryptedPackage"]), EncryptedError, "password-protected"),
    ],
    ids=["zip-bomb", "xxe", "truncated", "renamed-doc", "password"],
)
def test_hostile_docx_through_read_is_one_clear_error_naming_the_file(
    make: Callable[[], bytes], error: type[ReadError], message: str
) -> None:
    with pytest.raises(error, match=message) as info:
        govreport.read(make(), name="report.docx", options={"soffice": "no-such-soffice-binary"})
    assert info.value.source == "report.docx"


def _patched_central_directory(offset: int, value: int) -> bytes:
    data = bytearray(zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": DOC}))
    at = data.rfind(b"word/document.xml") - 46  # its entry in the central directory
    assert data[at : at + 4] == b"PK\x01\x02"
    struct.pack_into("<H", data, at + offset, value)
    return bytes(data)


def test_a_zip_needing_a_newer_zip_version_is_a_read_error_not_a_crash() -> None:
    with pytest.raises(ReadError, match="truncated or corrupt"):
        govreport.read(_patched_central_directory(6, 100), name="report.docx")  # "version 10.0"


def test_a_docx_whose_document_part_is_zip_encrypted_is_an_encrypted_error() -> None:
    with pytest.raises(EncryptedError, match="password-protected zip archive"):
        govreport.read(_patched_central_directory(8, 1), name="report.docx")  # flag bit 0
