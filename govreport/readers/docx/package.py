"""The docx package: a zip of XML parts, opened as if it were hostile.

A report docx is read only through its parts: the main document, its styles
and its numbering definitions. Every part is size-checked before and while it
is decompressed (zip bombs), every XML part is parsed without DTDs, entities
or network access, and no external relationship is ever followed.
"""

from __future__ import annotations

import copy
import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from govreport.errors import EncryptedError, LimitExceededError, ReadError
from govreport.options import ReadOptions

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Compression ratios are only judged on parts larger than this: a tiny XML part
# full of repeated markup may legitimately compress very well.
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK = 256 * 1024

PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


@dataclass(frozen=True, slots=True)
class Package:
    """The parts a report needs: the parsed body (`document`), and when present
    the automatic numbering definitions (parsed) and the style definitions (as
    bytes, with the strict namespace already mapped: `Styles` reads only the
    styles the body uses)."""

    document: etree._Element
    styles: bytes | None
    numbering: etree._Element | None
    main_part: str
    styles_part: str = "word/styles.xml"


def _looks_like(names: set[str]) -> str:
    """A human description of a zip that is not a Word document."""
    if "xl/workbook.xml" in names:
        return "an Excel workbook (xlsx), not a Word document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (pptx), not a Word document"
    if "mimetype" in names or "content.xml" in names:
        return "an OpenDocument file (odt/ods), not a docx; save it as .docx"
    if "OFD.xml" in names:
        return "an OFD document, not a docx"
    return "a zip archive without word/document.xml, not a Word document"


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open the bytes as a zip, turning every zip failure into a clear `ReadError`."""
    if data.startswith(OLE_MAGIC):
        raise ReadError("this is a legacy Word (.doc) or WPS file renamed to .docx")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if data.startswith(b"PK"):
            raise ReadError(f"the docx is truncated or corrupt (broken zip: {exc})") from exc
        raise ReadError("not a docx: the content is not a zip archive") from exc
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError(f"the docx is truncated or corrupt ({exc})") from exc


def read_member(zf: zipfile.ZipFile, name: str, options: ReadOptions) -> bytes:
    """Decompress one part, refusing it when its declared or actual size breaks the limits.

    The declared sizes are checked first (size limit, compression ratio); then
    the part is inflated in chunks and refused as soon as it grows past the
    size it declares. zipfile alone would stop at the declared size and blame
    a CRC mismatch; the part is opened with room for two chunks more (zipfile
    checks the CRC as soon as that room is used up) so that a part lying about
    its size is named for what it is, whatever its CRC.
    """
    info = zf.getinfo(name)
    limit = options.max_zip_member_bytes
    ratio_limit = options.max_zip_ratio
    if info.file_size > limit:
        raise LimitExceededError(
            f"part {name} declares {info.file_size} bytes uncompressed, over the "
            f"{limit} byte limit (ReadOptions.max_zip_member_bytes)"
        )
    compressed = max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size / compressed > ratio_limit:
        raise LimitExceededError(
            f"part {name} expands {info.file_size / compressed:.0f}x, over the "
            f"{ratio_limit:.0f}x limit (ReadOptions.max_zip_ratio): a zip bomb?"
        )
    cap = info.file_size  # within both limits, as checked above
    probe = copy.copy(info)
    probe.file_size = cap + 2 * CHUNK
    out = bytearray()
    try:
        with zf.open(probe) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    raise LimitExceededError(
                        f"part {name} inflates past the {cap} bytes it declares: "
                        "refused (zip bomb limits)"
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error) as exc:
        # a corrupt directory sends zipfile seeking before the start of the file
        raise ReadError(f"the docx is truncated or corrupt (part {name}: {exc})") from exc
    except NotImplementedError as exc:
        raise ReadError(f"part {name} uses an unsupported compression: {exc}") from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise EncryptedError(f"part {name} is encrypted (a password-protected zip archive)") from exc
    return bytes(out)


def transitional(raw: bytes) -> bytes:
    """The part with the ISO strict WordprocessingML namespace mapped to the usual one."""
    return raw.replace(STRICT_W_NS, W_NS.encode()) if STRICT_W_NS in raw else raw


def parse_xml(raw: bytes, name: str) -> etree._Element:
    """Parse one XML part safely; a DOCTYPE (never written by Word) is refused."""
    raw = transitional(raw)
    try:
        root = etree.fromstring(raw, PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"part {name} is not well-formed XML ({exc})") from exc
    if root is None:
        raise ReadError(f"part {name} is empty")
    doctype: str | None = getattr(root.getroottree().docinfo, "doctype", None)  # not in lxml's stubs
    if doctype:
        raise ReadError(f"part {name} declares a DOCTYPE (entity declarations); refused as unsafe")
    return root


def _relationships(zf: zipfile.ZipFile, rels_name: str, options: ReadOptions) -> dict[str, str]:
    """Internal relationship targets by type suffix (``officeDocument``, ``styles``…).

    External targets (``TargetMode="External"``) are never followed."""
    if rels_name not in zf.NameToInfo:
        return {}
    root = parse_xml(read_member(zf, rels_name, options), rels_name)
    base = posixpath.dirname(posixpath.dirname(rels_name))
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(base, target))
        found.setdefault(kind, path)
    return found


def open_package(data: bytes, options: ReadOptions) -> Package:
    """Open a docx: parse its body and numbering, read its styles part."""
    zf = open_zip(data)
    with zf:
        names = set(zf.NameToInfo)
        main = _relationships(zf, "_rels/.rels", options).get("officeDocument")
        if main is None or main not in names:
            main = "word/document.xml"
        if main not in names:
            raise ReadError(f"not a docx: {_looks_like(names)}")
        document = parse_xml(read_member(zf, main, options), main)
        folder, base = posixpath.split(main)
        rels = _relationships(zf, posixpath.join(folder, "_rels", base + ".rels"), options)
        styles_part = rels.get("styles", "word/styles.xml")
        styles = transitional(read_member(zf, styles_part, options)) if styles_part in names else None
        numbering_part = rels.get("numbering", "word/numbering.xml")
        numbering = None
        if numbering_part in names:
            numbering = parse_xml(read_member(zf, numbering_part, options), numbering_part)
    return Package(document, styles, numbering, main, styles_part)
