"""The content chooses the reader: one registry decides, and names what it refuses."""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from ole_builder import ole_bytes, word_doc

import govreport
from govreport import formats
from govreport.errors import EncryptedError, UnsupportedFormatError
from govreport.formats import Format, detect_format


def zip_of(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


HTML = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>一、总体情况</p></body></html>"
MHT = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
       "Content-Type: text/html; charset=\"utf-8\"\r\n\r\n"
       "<html><body><p>一、总体情况</p></body></html>\r\n--b--\r\n")
MARKDOWN = "# 报告\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n"
LAYOUT = "\n".join(["一、本年新收政府信息公开申请数量      4     0     0      0     0     0    4",
                    "二、上年结转政府信息公开申请数量      0     0     0      0     0     0    0",
                    "       （一）予以公开                    1     0     0      0     0     0    1",
                    "正文一行"]) + "\n"
TABS = "信息内容\t本年制发件数\n规章\t3\n"

READABLE = [
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("docx", zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})),
    ("doc", word_doc()),
    ("rtf", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} report}"),
    ("mht", MHT.encode()),
    ("html", HTML.encode()),
    ("html", ("<table><tr><td>规章</td><td>3</td></tr></table>").encode("gbk")),
    ("md", MARKDOWN.encode()),
    ("layout", LAYOUT.encode()),
    ("txt", TABS.encode("utf-16")),
    ("txt", "一、总体情况\n正文。\n".encode("gb18030")),
]


@pytest.mark.parametrize(("expected", "data"), READABLE, ids=[f"{f}{i}" for i, (f, _) in enumerate(READABLE)])
@pytest.mark.parametrize("name", ["report.doc", "report.txt", "report.docx", "report.xls", None])
def test_the_content_decides_the_reader_whatever_the_name(
    expected: str, data: bytes, name: str | None
) -> None:
    assert detect_format(data, name).name == expected


REFUSED = [
    ("Excel workbook (xlsx)", zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})),
    ("PowerPoint presentation (pptx)", zip_of({"ppt/presentation.xml": "<p/>"})),
    ("OFD document", zip_of({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<d/>"})),
    ("OpenDocument text (odt)", zip_of({"mimetype": "application/vnd.oasis.opendocument.text",
                                        "content.xml": "<c/>"})),
    ("zip archive of 2 file(s) (a.txt, b.pdf)", zip_of({"a.txt": "x", "b.pdf": "y"})),
    ("Excel 97-2003 workbook (xls)", ole_bytes({"Workbook": b"\0" * 5000})),
    ("PowerPoint 97-2003 presentation (ppt)", ole_bytes({"PowerPoint Document": b"\0" * 100})),
    ("Outlook message (msg)", ole_bytes({"__substg1.0_0037001F": b"s\0"})),
    ("GIF image", b"GIF89a" + b"\1" * 64),
    ("WebP image", b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 64),
    ("RAR archive", b"Rar!\x1a\x07\x01\0" + b"\0" * 64),
    ("gzip-compressed file", b"\x1f\x8b\x08\0" + b"\0" * 64),
]


@pytest.mark.parametrize(("what", "data"), REFUSED, ids=[w.split(" (")[0] for w, _ in REFUSED])
@pytest.mark.parametrize("name", ["report.docx", "report.doc", "report.pdf", "report.txt"])
def test_what_is_refused_is_named_in_a_typed_error(what: str, data: bytes, name: str) -> None:
    with pytest.raises(UnsupportedFormatError, match="this is an? " + re.escape(what)):
        detect_format(data, name)


def test_a_password_protected_office_file_is_an_encrypted_error_whatever_its_name() -> None:
    data = ole_bytes({"EncryptionInfo": b"\0" * 200, "EncryptedPackage": b"\0" * 5000})
    for name in ("report.docx", "report.doc", "report.xlsx"):
        with pytest.raises(EncryptedError):
            govreport.read(data, name=name)


def test_binary_noise_is_refused_as_unrecognised_content() -> None:
    noise = random.Random(4).randbytes(5000)
    with pytest.raises(UnsupportedFormatError, match="unrecognised binary content"):
        detect_format(noise, "report.bin")
    with pytest.raises(UnsupportedFormatError, match="the name says docx"):
        detect_format(noise, "report.docx")


def test_text_without_markup_named_md_is_read_as_markdown() -> None:
    assert detect_format("一、总体情况\n正文。\n".encode(), "notes.md").name == "md"


def test_a_reader_registered_for_a_refused_kind_takes_it_over(monkeypatch: pytest.MonkeyPatch) -> None:
    gif = b"GIF89a" + b"\1" * 64
    with pytest.raises(UnsupportedFormatError, match="GIF image"):
        detect_format(gif, "scan.gif")
    monkeypatch.setitem(formats.FORMATS, "gif", Format(
        "gif", (".gif",), ("image/gif",), lambda d: d.startswith(b"GIF8"), "tests:none", 40))
    assert detect_format(gif, "scan.gif").name == "gif"


SCANS = [
    ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 64),
    ("jpeg", b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 64),
    ("tiff", b"II*\0" + b"\0" * 64),
]


@pytest.mark.parametrize(("fmt", "data"), SCANS, ids=[f for f, _ in SCANS])
@pytest.mark.parametrize("name", ["scan.png", "report.pdf", "report.docx", None])
def test_scanned_images_go_to_the_ocr_reader_whatever_their_name(fmt: str, data: bytes,
                                                                  name: str | None) -> None:
    assert detect_format(data, name).name == fmt


def test_the_docx_reader_does_not_import_the_legacy_reader() -> None:
    import ast
    from pathlib import Path

    package = Path(govreport.__file__).parent / "readers" / "docx"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "govreport.readers.legacy" not in modules, path.name


def test_every_format_names_its_suffixes() -> None:
    assert {".html", ".htm", ".shtml", ".mht", ".mhtml", ".md", ".rtf"} <= set(formats.report_suffixes())


def test_forcing_a_format_skips_sniffing() -> None:
    data = b"| a | b |\n|---|---|\n| 1 | 2 |\n"
    doc = govreport.read(data, name="t.md", options={"format": "txt"})
    assert doc.source.format == "txt"


def test_a_workbook_is_told_to_be_saved_as_a_report_and_an_archive_to_go_to_the_batch() -> None:
    sheet = zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    with pytest.raises(UnsupportedFormatError) as info:
        detect_format(sheet, "report.docx")
    assert "save the report as .docx or PDF" in str(info.value) and "convert_many" not in str(info.value)
    with pytest.raises(UnsupportedFormatError) as info:
        detect_format(zip_of({"a.txt": "x", "b.pdf": "y"}), "reports.docx")
    assert "convert_many" in str(info.value) and "save the report" not in str(info.value)
