"""The catalogue of mislabelled files: each is read by what it is, or refused naming what it is.

Government sites serve HTML as "Word" downloads, RTF as .doc, text as .docx;
users rename spreadsheets, scans and OFD files to report suffixes. Whatever
the name, a file is either read by the reader for its content (and the
report's table is found in it) or refused with a typed error that says what
was detected. Nothing reports success for content it did not read.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable

import pytest
from ole_builder import ole_bytes

import govreport
from govreport.errors import EncryptedError, ReadError, UnsupportedFormatError

T4_ROWS = [
    ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
     "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
    ["", "", "", "", "", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2],
    ["1", "0", "2", "0", "3", "0", "1", "0", "0", "1", "2", "0", "0", "1", "3"],
]
TITLE = "某县统计局2024年政府信息公开工作年度报告"


def html_report() -> str:
    cells = [
        '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
        "<tr>" + "".join(f'<td rowspan="2">{t}</td>' for t in T4_ROWS[1][:5])
        + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
        "<tr>" + "".join(f"<td>{t}</td>" for t in T4_ROWS[2][5:]) + "</tr>",
        "<tr>" + "".join(f"<td>{t}</td>" for t in T4_ROWS[3]) + "</tr>",
    ]
    return (f"<html><head><meta charset='gbk'><title>{TITLE}</title></head><body>"
            f"<p>{TITLE}</p><p>一、总体情况</p><p>正文。</p>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
            f"<table border='1'>{''.join(cells)}</table>"
            "<p>六、其他需要报告的事项</p><p>无。</p></body></html>")


def text_report() -> str:
    rows = "\n".join("\t".join(r) for r in T4_ROWS)
    return (f"{TITLE}\n一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n{rows}\n"
            "六、其他需要报告的事项\n无。\n")


def markdown_report() -> str:
    rows = ["| " + " | ".join(r) + " |" for r in T4_ROWS]
    return f"# {TITLE}\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n" + "\n".join(
        [rows[0], "|" + "---|" * 15, *rows[1:]]) + "\n"


def mht_report() -> bytes:
    body = html_report().replace("charset='gbk'", "charset='utf-8'").encode("utf-8")
    import base64

    payload = base64.encodebytes(body).decode("ascii")
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_0\"\r\n\r\n"
            "------=_NextPart_0\r\nContent-Location: file:///C:/report.htm\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
            f"{payload}\r\n------=_NextPart_0--\r\n").encode("ascii")


def rtf_report() -> bytes:
    def u(text: str) -> str:
        return "".join(f"\\u{ord(ch) - 65536 if ord(ch) > 32767 else ord(ch)}?" if ord(ch) > 127 else ch
                       for ch in text)

    rows = []
    for row in T4_ROWS[2:]:
        cells = "".join(f"\\cellx{600 * (k + 1)}" for k in range(15))
        rows.append("\\trowd" + cells + " " + "".join(f"\\intbl {u(t)}\\cell " for t in row) + "\\row")
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\\uc1 "
            f"\\pard {u(TITLE)}\\par \\pard {u('一、总体情况')}\\par "
            + "".join(rows) + f"\\pard {u('六、其他需要报告的事项')}\\par }}").encode("ascii")


def layout_report() -> str:
    """Table 4 as pdftotext -layout prints it from a generated report's PDF."""
    return ("四、政府信息公开行政复议、行政诉讼情况\n\n"
            "            行政复议                                      行政诉讼\n\n"
            "                                    未经复议直接起诉                           复议后起诉\n"
            "结果    结果     其他    尚未\n"
            "                         总计\n"
            "维持    纠正     结果    审结         结果    结果   其他    尚未          结果     结果     其他   尚未\n"  # noqa: E501
            "                                                     总计                             总计\n"
            "                              维持    纠正   结果    审结          维持     纠正     结果   审结\n\n"  # noqa: E501
            "1      0     2     0      3     0    1    0     0      1    2      0     0     1     3\n\n五、存在的主要问题及改进情况\n")  # noqa: E501


def xlsx() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in T4_ROWS:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_of(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


READ_AS: list[tuple[str, Callable[[], bytes], str]] = [
    ("html", lambda: html_report().encode("gbk"), "a saved web page"),
    ("mht", mht_report, "Word's single-file web page"),
    ("md", lambda: markdown_report().encode("utf-8"), "Markdown"),
    ("layout", lambda: layout_report().encode("utf-8"), "column-aligned text"),
    ("txt", lambda: text_report().encode("gb18030"), "flattened text in GB18030"),
    ("txt", lambda: text_report().encode("utf-16"), "flattened text in UTF-16"),
]
NAMES = ["report.doc", "report.docx", "report.txt", "report.xls", "report.pdf", "report.wps"]


@pytest.mark.parametrize(("fmt", "make", "what"), READ_AS, ids=[f"{f}-{w}" for f, _, w in READ_AS])
@pytest.mark.parametrize("name", NAMES)
def test_readable_content_is_read_by_its_own_reader_whatever_its_name(
    fmt: str, make: Callable[[], bytes], what: str, name: str
) -> None:
    doc = govreport.read(make(), name=name)
    assert doc.source.format == fmt, what
    (table,) = [t for t in doc.tables if t.kind == "review_litigation"]
    assert [r.text for r in govreport.records(table)] == T4_ROWS[3]
    assert doc.report is not None
    assert doc.report.values["review_litigation.litigation.after_review.total"] == 3
    text_named_text = name.endswith(".txt") and fmt in ("txt", "md", "layout")
    noted = any(d.code == "source.suffix_mismatch" for d in doc.diagnostics)
    assert noted == (not text_named_text), "a name that promises another format is noted"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_rtf_saved_as_doc_is_converted_like_a_doc() -> None:
    doc = govreport.read(rtf_report(), name="report.doc", options={"soffice_timeout": 60})
    assert doc.source.format == "rtf"
    texts = [b.text for b in doc.blocks if isinstance(b, (govreport.Heading, govreport.Paragraph))]
    assert TITLE in texts
    (table,) = doc.tables
    assert [c.text for c in table.cells if c.row == table.n_rows - 1] == T4_ROWS[3]
    assert "docx.converted_from_legacy" in {d.code for d in doc.diagnostics}


REFUSED: list[tuple[str, Callable[[], bytes], type[ReadError]]] = [
    ("Excel workbook (xlsx)", xlsx, UnsupportedFormatError),
    ("PowerPoint presentation (pptx)", lambda: zip_of({"[Content_Types].xml": "<Types/>",
                                                        "ppt/presentation.xml": "<p:presentation/>"}),
     UnsupportedFormatError),
    ("OFD document", lambda: zip_of({"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<ofd:Document/>",
                                     "Doc_0/Pages/Page_0/Content.xml": "<ofd:Page/>"}),
     UnsupportedFormatError),
    ("zip archive of 2 file(s)", lambda: zip_of({"scan-1.png": png(), "scan-2.png": png()}),
     UnsupportedFormatError),
    ("Excel 97-2003 workbook (xls)", lambda: ole_bytes({"Workbook": b"\x09\x08" + b"\0" * 5000}),
     UnsupportedFormatError),
    ("password-protected Office file",
     lambda: ole_bytes({"EncryptionInfo": b"\0" * 200, "EncryptedPackage": b"\0" * 5000}), EncryptedError),
]


@pytest.mark.parametrize(("what", "make", "error"), REFUSED, ids=[w.split(" (")[0] for w, _, _ in REFUSED])
@pytest.mark.parametrize("name", NAMES)
def test_unreadable_content_is_refused_with_a_typed_error_naming_it(
    what: str, make: Callable[[], bytes], error: type[ReadError], name: str
) -> None:
    with pytest.raises(error) as info:
        govreport.read(make(), name=name)
    assert type(info.value) is error
    assert what in str(info.value)
    assert info.value.source == name


def test_a_batch_of_mislabelled_files_reads_some_and_names_the_rest(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "a-web.doc").write_bytes(html_report().encode("gbk"))
    (folder / "b-sheet.docx").write_bytes(xlsx())
    (folder / "c-scan.pdf").write_bytes(b"GIF89a" + b"\1" * 64)
    (folder / "d-text.docx").write_bytes(text_report().encode("utf-8"))
    (folder / "e-page.shtml").write_bytes(html_report().encode("gbk"))
    (folder / "f-notes.md").write_bytes(markdown_report().encode("utf-8"))
    results = {Path(r.name).name: r for r in govreport.convert_many([folder])}
    assert sorted(results) == ["a-web.doc", "b-sheet.docx", "c-scan.pdf", "d-text.docx", "e-page.shtml",
                               "f-notes.md"]
    assert all(results[n].ok for n in ("a-web.doc", "d-text.docx", "e-page.shtml", "f-notes.md"))
    assert "Excel workbook" in str(results["b-sheet.docx"].error)
    assert "GIF image" in str(results["c-scan.pdf"].error)
