"""Decoding a web page: the BOM, then the charset the page declares, then the central decoder.

Chinese pages declare ``gb2312`` or ``gbk`` and then print characters beyond
those sets (人名 and place names from GB18030); both are decoded as GB18030,
their superset, and the declared name is recorded. A declaration the bytes
contradict (``utf-8`` declared, GBK bytes) is overruled by the central
decoder with a diagnostic. Single-file web archives (.mht/.mhtml, and Word's
"single file web page" saved as .doc) are MIME messages: the HTML part is
taken out and decoded with the charset its part header names.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import Message

from govreport.decode import Decoded, decode_bytes
from govreport.errors import ReadError
from govreport.model import Diagnostic

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})""")
# Declared names decoded by a superset codec (the declared name is still reported).
_SUPERSET = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "gb_2312-80": "gb18030", "csgb2312": "gb18030", "euc-cn": "gb18030", "windows-936": "gb18030",
    "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "utf-8",
    "ascii": "utf-8", "unicode": "utf-16", "utf8": "utf-8",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "utf-16"))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration)."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec(name: str) -> str | None:
    """The Python codec for a declared charset, or None (unknown, or not a text encoding
    such as ``uu`` or ``base64``)."""
    name = _SUPERSET.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_page(data: bytes, hint: str | None = None, source: str = "") -> Decoded:
    """Decode a page's bytes; `hint` is a charset named outside the page (a MIME header)."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, "replace"), label, 1.0)
    diags: list[Diagnostic] = []
    for origin, declared in (("the archive", hint), ("the page", declared_charset(data))):
        if not declared:
            continue
        found = _codec(declared)
        if found is None:
            diags.append(Diagnostic("html.unknown_charset", "warning",
                                    f"{origin} declares an unknown charset {declared!r}; ignored"))
            continue
        try:
            text = data.decode(found)
        except UnicodeDecodeError as exc:
            diags.append(Diagnostic(
                "html.charset_mismatch", "warning",
                f"{origin} declares {declared} but the bytes do not decode as it (offset "
                f"{exc.start}); the charset was detected from the content instead"))
            continue
        if found == "cp1252" and _looks_utf8(data):
            diags.append(Diagnostic("html.charset_mismatch", "warning",
                                    f"{origin} declares {declared} but the bytes are UTF-8; read as UTF-8"))
            return Decoded(data.decode("utf-8"), "utf-8", 0.9, tuple(diags))
        return Decoded(text, declared, 1.0, tuple(diags))
    decoded = decode_bytes(data, source)
    return Decoded(decoded.text, decoded.charset, decoded.confidence,
                   tuple(diags) + decoded.diagnostics)


def _looks_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data[:65536])


def _html_part(msg: Message) -> Message | None:
    parts = msg.walk() if msg.is_multipart() else iter([msg])
    first: Message | None = None
    for count, part in enumerate(parts):
        if count > 10000:
            break
        kind = part.get_content_type()
        if kind == "text/html":
            return part
        if first is None and kind in ("text/plain", "application/xhtml+xml"):
            first = part
    return first


def unpack_mht(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of a single-file web archive and the charset its header names."""
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
    except (ValueError, IndexError, LookupError) as exc:  # a malformed message
        raise ReadError(f"not a readable web archive (MIME): {exc}") from exc
    part = _html_part(msg)
    if part is None:
        raise ReadError("the web archive (.mht) holds no HTML part")
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, LookupError) as exc:
        raise ReadError(f"the web archive's HTML part cannot be decoded: {exc}") from exc
    if not isinstance(payload, bytes) or not payload.strip():
        raise ReadError("the web archive's HTML part is empty")
    charset = part.get_content_charset()
    return payload, charset
