"""The format registry: the one place that decides which reader reads an input.

The content decides, not the name: a web page saved as ``.doc``, an RTF file
saved as ``.doc`` and plain text saved as ``.docx`` are each read by the reader
for what they are. Detection walks three lists in order:

1. `FORMATS`, highest `priority` first: each entry's `sniff(data)` looks at
   the bytes (cheaply: magic bytes, a container's directory, a text sample);
2. `REFUSED`: content govreport recognises but does not read (spreadsheets,
   presentations, GIF/WebP/BMP images, OFD, archives, executables), refused with an
   `UnsupportedFormatError` (or the entry's own error class) naming it;
3. text that no sniffer claimed goes to the text reader named by its suffix
   (``.md`` → Markdown) or the plain-text reader; bytes that are not text
   are refused as unrecognised binary content.

Readers are imported lazily so that reading a text file never imports
pdfplumber. To add a format, `register_format(Format(...))` (a new format's
sniffer wins over a refusal of the same content); third-party readers can
register through the ``govreport.readers`` entry-point group (opt-in: call
`load_plugins()`); each entry point must resolve to a `Format`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import PurePath

from govreport import sniff
from govreport.errors import EncryptedError, ReadError, UnsupportedFormatError
from govreport.ole import OLE_MAGIC
from govreport.readers import ReadContext, ReaderOutput

PLUGIN_API_VERSION = 1

__all__ = ["FORMATS", "OLE_MAGIC", "REFUSED", "Format", "Refusal", "detect_format", "get_format",
           "load_plugins", "register_format", "register_refusal", "report_suffixes",
           "suffix_mismatch"]


@dataclass(frozen=True, slots=True)
class Format:
    """A readable format: `sniff(data)` says whether the bytes are this format (looking
    only at what it needs); `reader` is ``"module:function"``, imported on first use."""

    name: str
    suffixes: tuple[str, ...]
    mime_types: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    reader: str
    priority: int = 0

    def read(self, data: bytes, ctx: ReadContext) -> ReaderOutput:
        module_name, _, func_name = self.reader.partition(":")
        func = getattr(importlib.import_module(module_name), func_name)
        result: ReaderOutput = func(data, ctx)
        return result


@dataclass(frozen=True, slots=True)
class Refusal:
    """Content that is recognised and refused: `describe(data)` names it (None when it
    does not apply); `hint` says what the user can do; `error` is the class raised."""

    name: str
    describe: Callable[[bytes], str | None]
    hint: str = ""
    error: type[ReadError] = UnsupportedFormatError


FORMATS: dict[str, Format] = {}
REFUSED: dict[str, Refusal] = {}


def register_format(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


def register_refusal(refusal: Refusal) -> None:
    REFUSED[refusal.name] = refusal


def _sniff_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _sniff_doc(data: bytes) -> bool:
    """A Word or WPS file in an OLE container, or an OLE file too damaged to tell (the
    .doc reader then says what is wrong with it)."""
    return data.startswith(OLE_MAGIC) and sniff.describe_ole(data) is None


def _sniff_never(data: bytes) -> bool:
    return False


for _fmt in (
    Format("pdf", (".pdf",), ("application/pdf",), _sniff_pdf, "govreport.readers.pdf:read_pdf", 30),
    Format(
        "docx",
        (".docx", ".docm", ".dotx"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        sniff.is_docx,
        "govreport.readers.docx:read_docx",
        20,
    ),
    Format(
        "doc",
        (".doc", ".wps", ".dot"),
        ("application/msword", "application/vnd.ms-works"),
        _sniff_doc,
        "govreport.readers.legacy:read_legacy",
        20,
    ),
    # scanned pages, read by OCR (the ``ocr`` extra)
    Format("png", (".png",), ("image/png",), lambda d: d.startswith(sniff.PNG_MAGIC),
           "govreport.readers.scan:read_image", 30),
    Format("jpeg", (".jpg", ".jpeg"), ("image/jpeg",), lambda d: d.startswith(sniff.JPEG_MAGIC),
           "govreport.readers.scan:read_image", 30),
    Format("tiff", (".tif", ".tiff"), ("image/tiff",), lambda d: d.startswith(sniff.TIFF_MAGIC),
           "govreport.readers.scan:read_image", 30),
    Format("rtf", (".rtf",), ("application/rtf", "text/rtf"), sniff.is_rtf,
           "govreport.readers.legacy:read_legacy", 15),
    Format("mht", (".mht", ".mhtml"), ("multipart/related", "message/rfc822"), sniff.is_mht,
           "govreport.readers.html:read_mht", 12),
    Format("html", (".html", ".htm", ".shtml", ".xhtml"), ("text/html", "application/xhtml+xml"),
           sniff.is_html, "govreport.readers.html:read_html", 10),
    Format("md", (".md", ".markdown"), ("text/markdown",), sniff.is_markdown,
           "govreport.readers.markdown:read_markdown", 5),
    Format("layout", (), (), sniff.is_layout_text, "govreport.readers.layout:read_layout", 3),
    Format("txt", (".txt", ".text", ".csv", ".tsv"), ("text/plain",), _sniff_never,
           "govreport.readers.txt:read_txt", 0),
):
    register_format(_fmt)

def _zip_kind(data: bytes, archive: bool) -> str | None:
    """What a zip-based file that is not a Word document is, when it is (`archive`) or is
    not a plain archive of files: each gets its own hint."""
    what = sniff.describe_zip(data)
    if what is None or what.startswith("a zip archive of") != archive:
        return None
    return what


for _refusal in (
    Refusal("encrypted", lambda d: "a password-protected Office file" if sniff.is_encrypted_office(d)
            else None, "remove the password and try again", EncryptedError),
    Refusal("ole", sniff.describe_ole, "save the report as .docx or PDF"),
    Refusal("zip", lambda d: _zip_kind(d, archive=False), "save the report as .docx or PDF"),
    Refusal("archive", lambda d: _zip_kind(d, archive=True),
            "read archives of reports with convert_many (or govreport convert)"),
    Refusal("binary", sniff.describe_magic),
):
    register_refusal(_refusal)


def load_plugins() -> list[str]:
    """Register the readers published under the ``govreport.readers`` entry-point group."""
    loaded = []
    for ep in entry_points(group="govreport.readers"):
        fmt = ep.load()
        if not isinstance(fmt, Format):
            raise UnsupportedFormatError(f"plugin {ep.name!r} does not provide a Format")
        register_format(fmt)
        loaded.append(fmt.name)
    return loaded


def _suffix(name: str | None) -> str:
    return PurePath(name).suffix.lower() if name else ""


def detect_format(data: bytes, name: str | None = None) -> Format:
    """The format that reads these bytes; a typed error naming what they are otherwise.

    `name` only breaks the tie between text readers (a ``.md`` file without
    Markdown markup is still read as Markdown) and is quoted in messages.
    """
    for fmt in sorted(FORMATS.values(), key=lambda f: -f.priority):
        if fmt.sniff(data):
            return fmt
    suffix = _suffix(name)
    for refusal in REFUSED.values():
        what = refusal.describe(data)
        if what:
            named = f" (named {suffix})" if suffix else ""
            hint = f"; {refusal.hint}" if refusal.hint else ""
            raise refusal.error(f"this is {what}{named}: govreport reads reports as PDF, Word, "
                                f"web pages, Markdown, text or scanned images{hint}")
    if sniff.looks_like_text(data):
        for fmt in FORMATS.values():
            if suffix and suffix in fmt.suffixes and fmt.name in ("md", "txt"):
                return fmt
        return FORMATS["txt"]
    promised = next((f.name for f in FORMATS.values() if suffix and suffix in f.suffixes), None)
    if promised:
        raise UnsupportedFormatError(
            f"the name says {promised} but the content is not a {promised} file "
            "(unrecognised binary content: corrupt, truncated or mislabelled)"
        )
    raise UnsupportedFormatError("unrecognised binary content: not a format govreport reads")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(f"unknown format {name!r} (known: {known})") from None


def suffix_mismatch(fmt: Format, name: str | None) -> str | None:
    """A note when the name promises another format than the content is (``.doc`` holding
    a web page), or None. Text formats share their suffixes (a ``.txt`` may hold
    column-aligned or Markdown text) and ``.xls``/``.xlsx`` are quoted as what they promise."""
    suffix = _suffix(name)
    if not suffix or suffix in fmt.suffixes:
        return None
    promised = next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)
    promised = promised or _OTHER_SUFFIXES.get(suffix)
    if promised is None or {promised, fmt.name} <= _TEXT_FORMATS:
        return None
    return f"named {suffix} ({promised}) but the content is {fmt.name}: read as {fmt.name}"


_TEXT_FORMATS = {"txt", "md", "layout"}
_OTHER_SUFFIXES = {".xls": "Excel", ".xlsx": "Excel", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
                   ".ofd": "OFD"}


def report_suffixes() -> tuple[str, ...]:
    """Every suffix a registered format claims (what a folder search picks up)."""
    return tuple(sorted({s for f in FORMATS.values() for s in f.suffixes}))
