"""The format registry: one entry per format, with its sniffer and its reader.

Formats are decided from magic bytes first and the file suffix second. Readers
are imported lazily so that reading a text file never imports pdfplumber.
Third-party readers can register through the ``govreport.readers`` entry-point
group (opt-in: call `load_plugins()`); each entry point must resolve to a
`Format`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points

from govreport.errors import UnsupportedFormatError
from govreport.readers import ReadContext, ReaderOutput

PLUGIN_API_VERSION = 1


@dataclass(frozen=True, slots=True)
class Format:
    """A readable format: `sniff(head)` looks at the first bytes only; `reader` is
    ``"module:function"`` and is imported on first use."""

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


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def _sniff_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _sniff_ole(head: bytes) -> bool:
    return head.startswith(OLE_MAGIC)


def _sniff_png(head: bytes) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _sniff_jpeg(head: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _sniff_tiff(head: bytes) -> bool:
    return head.startswith((b"II*\x00", b"MM\x00*"))


def _sniff_never(head: bytes) -> bool:
    return False


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


for _fmt in (
    Format("pdf", (".pdf",), ("application/pdf",), _sniff_pdf, "govreport.readers.pdf:read_pdf", 30),
    Format(
        "docx",
        (".docx", ".docm", ".dotx"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        _sniff_zip,
        "govreport.readers.docx:read_docx",
        20,
    ),
    Format(
        "doc",
        (".doc", ".wps", ".dot"),
        ("application/msword", "application/vnd.ms-works"),
        _sniff_ole,
        "govreport.readers.legacy:read_legacy",
        20,
    ),
    # scanned pages, read by OCR (the ``ocr`` extra)
    Format("png", (".png",), ("image/png",), _sniff_png, "govreport.readers.scan:read_image", 30),
    Format("jpeg", (".jpg", ".jpeg"), ("image/jpeg",), _sniff_jpeg, "govreport.readers.scan:read_image", 30),
    Format("tiff", (".tif", ".tiff"), ("image/tiff",), _sniff_tiff, "govreport.readers.scan:read_image", 30),
    Format(
        "txt",
        (".txt", ".text", ".csv", ".tsv"),
        ("text/plain",),
        _sniff_never,
        "govreport.readers.txt:read_txt",
        0,
    ),
):
    register_format(_fmt)


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


def detect_format(head: bytes, name: str | None) -> Format:
    """Magic bytes first, suffix second, text as the last resort.

    A file whose suffix promises a binary format but whose bytes say otherwise
    (a ``.docx`` that is really a ``.doc``) is read by what its bytes are.
    """
    for fmt in sorted(FORMATS.values(), key=lambda f: -f.priority):
        if fmt.sniff(head):
            return fmt
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if name and "." in name else ""
    if suffix in (".pdf", ".docx", ".doc", ".wps", ".docm", ".dotx", ".dot"):
        raise UnsupportedFormatError(
            f"the name says {suffix[1:]} but the content is not a {suffix[1:]} file "
            "(wrong magic bytes: corrupt, truncated or mislabelled)",
            source=name,
        )
    for fmt in FORMATS.values():
        if suffix and suffix in fmt.suffixes:
            return fmt
    return FORMATS["txt"]


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(f"unknown format {name!r} (known: {known})") from None
