"""What an input is, judged from its bytes: the sniffers the format registry uses.

Containers are opened just far enough to tell their kinds apart (a zip's member
names, an OLE file's stream names); text is decoded from a sample just far
enough to tell HTML, Markdown, column-aligned text and plain text apart. Every
function here is cheap and never raises: a sniffer says yes or no, a
``describe_*`` function names what it saw for an error message.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from functools import lru_cache

from govreport.ole import OLE_MAGIC, OleError, OleFile

SAMPLE = 64 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


# --- containers -----------------------------------------------------------------------


def zip_names(data: bytes) -> tuple[str, ...] | None:
    """The member names of a zip archive, or None when the bytes are no readable zip."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return tuple(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        return None  # NotImplementedError: a zip version or feature zipfile does not read


def _first_zip_member(data: bytes) -> str:
    """The name in the first local file header (readable even when the archive is cut short)."""
    if not data.startswith(b"PK\x03\x04") or len(data) < 30:
        return ""
    n = int.from_bytes(data[26:28], "little")
    return data[30 : 30 + n].decode("utf-8", "replace")


def _zip_member(data: bytes, name: str, limit: int = 256) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(name) as fh:
            return fh.read(limit)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError,
            RuntimeError):
        return b""  # RuntimeError: an encrypted member


def is_docx(data: bytes) -> bool:
    """A Word package (docx, docm, dotx), or a damaged zip that starts like one."""
    names = zip_names(data)
    if names is None:
        first = _first_zip_member(data)
        return first.startswith(("word/", "[Content_Types].xml", "_rels/", "docProps/"))
    word_parts = any(n.startswith("word/") and n.endswith(".xml") for n in names)
    return "word/document.xml" in names or (word_parts and "[Content_Types].xml" in names)


_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text (odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (odp)",
    "application/epub+zip": "an EPUB e-book",
}


def describe_zip(data: bytes) -> str | None:
    """Name a zip-based file that is not a Word document, or None for a docx (or no zip)."""
    if not data.startswith(ZIP_MAGIC):
        return None
    names = zip_names(data)
    if names is None:
        return None if is_docx(data) else "a damaged zip archive (its directory cannot be read)"
    if is_docx(data):
        return None
    members = set(names)
    if "xl/workbook.xml" in members or any(n.startswith("xl/") for n in names):
        return "an Excel workbook (xlsx)"
    if "ppt/presentation.xml" in members or any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation (pptx)"
    if "OFD.xml" in members or any(n.lower().endswith("/ofd.xml") for n in names):
        return "an OFD document (the Chinese fixed-layout format)"
    if "mimetype" in members:
        kind = _zip_member(data, "mimetype").decode("ascii", "replace").strip()
        return _OPENDOCUMENT.get(kind, f"an OpenDocument file ({kind or 'unknown type'})")
    files = [n for n in names if not n.endswith("/")]
    shown = ", ".join(files[:3]) + (", …" if len(files) > 3 else "")
    return f"a zip archive of {len(files)} file(s) ({shown or 'empty'}), not one report"


def ole_streams(data: bytes) -> list[str] | None:
    """Stream names of an OLE compound file, or None when its directory cannot be read."""
    if not data.startswith(OLE_MAGIC):
        return None
    try:
        return OleFile(data).names()
    except OleError:
        return None


def describe_ole(data: bytes) -> str | None:
    """Name an OLE file that is not a word-processing document, or None for .doc/.wps
    (and for a container too damaged to tell: the .doc reader then says what is wrong)."""
    names = ole_streams(data)
    if names is None:
        return None
    found = set(names)
    if "WordDocument" in found or "CONTENTS" in found:
        return None
    if found & {"Workbook", "Book"}:
        return "an Excel 97-2003 workbook (xls)"
    if "PowerPoint Document" in found:
        return "a PowerPoint 97-2003 presentation (ppt)"
    if any(n.startswith("__substg1.0_") for n in names):
        return "an Outlook message (msg)"
    if "EncryptedPackage" in found:
        return "a password-protected Office file"
    shown = ", ".join(names[:4]) or "none"
    return f"an OLE compound file without a Word document stream (streams: {shown})"


def is_encrypted_office(data: bytes) -> bool:
    """A password-protected docx/xlsx: an OLE wrapper holding ``EncryptedPackage``."""
    names = ole_streams(data)
    if names is not None:
        return "EncryptedPackage" in names
    return data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data[:SAMPLE]


# --- magic numbers of things govreport does not read ----------------------------------------

PNG_MAGIC = (b"\x89PNG\r\n\x1a\n",)
JPEG_MAGIC = (b"\xff\xd8\xff",)
TIFF_MAGIC = (b"II*\x00", b"MM\x00*")

MAGIC: tuple[tuple[tuple[bytes, ...], str], ...] = (
    (PNG_MAGIC, "a PNG image"),  # read by OCR: named here only when no reader claims it
    (JPEG_MAGIC, "a JPEG image"),
    ((b"GIF87a", b"GIF89a"), "a GIF image"),
    (TIFF_MAGIC, "a TIFF image"),
    ((b"Rar!\x1a\x07",), "a RAR archive"),
    ((b"7z\xbc\xaf\x27\x1c",), "a 7-Zip archive"),
    ((b"\x1f\x8b",), "a gzip-compressed file"),
    ((b"\xfd7zXZ\x00",), "an xz-compressed file"),
    ((b"\x7fELF",), "an executable program (ELF)"),
    ((b"\x00\x00\x01\x00",), "an icon image"),
    ((b"%!PS",), "a PostScript file"),
    ((b"\x00\x01\x00\x00\x00", b"OTTO", b"wOFF", b"wOF2"), "a font file"),
)


def describe_magic(data: bytes) -> str | None:
    """Name well-known binary content by its magic bytes."""
    for magics, what in MAGIC:
        if data.startswith(magics):
            return what
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    if data.startswith(b"BM") and len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data):
        return "a BMP image"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "a bzip2-compressed file"
    if len(data) > 262 and data[257:262] == b"ustar":
        return "a tar archive"
    if data.startswith(b"MZ") and b"This program cannot be run in DOS mode" in data[:512]:
        return "an executable program (Windows)"
    return None


# --- text -------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def text_sample(head: bytes) -> str | None:
    """The first characters of a text input (newlines normalised), or None for binary bytes.

    This is a sniffing decode of the first bytes only: the reader decodes the
    whole input once, centrally (`govreport.decode`)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return _plausible(head[len(bom) :].decode(codec, "replace"))
    if b"\x00" in head[:4096]:
        nul_odd, nul_even = head[1:4096:2].count(0), head[0:4096:2].count(0)
        codec = "utf-16-le" if nul_odd > 3 * max(nul_even, 1) else (
            "utf-16-be" if nul_even > 3 * max(nul_odd, 1) else "")
        return _plausible(head[: len(head) // 2 * 2].decode(codec, "replace")) if codec else None
    try:
        return _plausible(head.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut by the end of the sample
            return _plausible(head[: exc.start].decode("utf-8"))
    text = head.decode("utf-8", "replace")
    if text.count("\ufffd") <= max(2, len(text) // 200):
        return _plausible(text)
    return _plausible(head.decode("gb18030", "replace"))


def _plausible(text: str) -> str | None:
    """The text when it reads as text (few control characters and replacements), else None."""
    sample = text[:20000]
    if not sample.strip():
        return sample
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\n\r\t\f\v\x1b") or ch == "\ufffd")
    if bad > 0.02 * len(sample) + 1:
        return None
    return sample.replace("\r\n", "\n").replace("\r", "\n")


def sample_of(data: bytes) -> str | None:
    return text_sample(bytes(data[:SAMPLE]))


_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|"
    r"link|style|script|table|div|p|h[1-6]|span|font|center|article|section|form|br)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_MIME_HEADER = re.compile(r"^(?:[A-Za-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?MIME-Version:", re.IGNORECASE)


def is_html(data: bytes) -> bool:
    """A web page or fragment: the text starts with HTML markup."""
    text = sample_of(data)
    return text is not None and bool(_HTML_START.match(text.lstrip("\ufeff \t\n")))


def is_mht(data: bytes) -> bool:
    """A single-file web archive (.mht/.mhtml, also Word's "single file web page"
    saved as .doc): MIME headers, a multipart/related body, an HTML part."""
    text = sample_of(data)
    if text is None:
        return False
    head = text.lstrip()[:4096]
    return bool(_MIME_HEADER.match(head)) and "multipart/related" in head.lower()


def is_rtf(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


_MD_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_HTML_TABLE = re.compile(r"^\s*<table[\s>]", re.IGNORECASE | re.MULTILINE)


def is_markdown(data: bytes) -> bool:
    """Markdown as converters write it: a pipe table (with its ``|---|`` line), or
    ATX headings (``# …``) around prose or embedded HTML tables."""
    text = sample_of(data)
    if text is None or ("\t" in text[:4000] and text.count("\t") > text.count("|")):
        return False
    if _MD_DELIMITER.search(text):
        return True
    headings = len(_MD_HEADING.findall(text))
    return headings >= 2 or (headings >= 1 and bool(_MD_HTML_TABLE.search(text)))


_VALUE = re.compile(r"^(?:[+\-－]?\d[\d,.]*(?:万元|元|%)?|/|—|－|-|无)$")
_GAP = re.compile(r" {2,}")


def _aligned_values(line: str) -> int:
    """How many trailing fields of a line, set apart by two or more spaces, are values."""
    fields = _GAP.split(line.strip())
    n = 0
    for field in reversed(fields):
        if not _VALUE.match(field):
            break
        n += 1
    return n


def is_layout_text(data: bytes) -> bool:
    """Column-aligned text (``pdftotext -layout``): rows of values set apart by runs
    of spaces (three rows of three, or one of five), and (almost) no TABs."""
    text = sample_of(data)
    if text is None:
        return False
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines or sum("\t" in ln for ln in lines) > 0.05 * len(lines):
        return False
    counts = [_aligned_values(ln.replace("\f", "")) for ln in lines]
    return sum(n >= 3 for n in counts) >= 3 or any(n >= 5 for n in counts)


def looks_like_text(data: bytes) -> bool:
    return sample_of(data) is not None
