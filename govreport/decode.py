"""Decode text bytes exactly once, centrally, and say how sure we are.

Order: a BOM; strict UTF-8; UTF-16 without a BOM (recognised by where the NUL
bytes fall); strict GB18030 (a superset of GBK and GB2312) when the bytes look
Chinese; mostly-valid UTF-8 with a few bad bytes; chardet as the last resort.
Binary content (NUL bytes that are not UTF-16, or nothing decodes) is a
`ReadError`, never a mojibake document.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from govreport.errors import ReadError
from govreport.model import Diagnostic, Location

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Characters a Chinese report prints besides ASCII: CJK ideographs (all planes),
# CJK and general punctuation, fullwidth forms, NBSP and Latin-1 signs, circled
# numbers, arrows, maths and box drawing, Greek and Cyrillic letters GBK carries.
_PLAUSIBLE = re.compile(
    "[\u00a0-\u00bf\u00d7\u00f7\u0391-\u03c9\u0401-\u0451\u2000-\u206f\u2100-\u23ff"
    "\u2460-\u27bf\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    charset: str
    confidence: float
    diagnostics: tuple[Diagnostic, ...] = ()


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cjk_share(text: str) -> float:
    """Share of the non-ASCII characters of `text` that a Chinese report plausibly prints."""
    non_ascii = [ch for ch in text[:200000] if ord(ch) > 127]
    if not non_ascii:
        return 1.0
    good = sum(1 for ch in non_ascii if _PLAUSIBLE.match(ch))
    return good / len(non_ascii)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters (newlines, tabs, digits) put their NUL
    byte on one side only, and the text decodes to plausible Chinese."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul >= max(2, 0.01 * half) and odd_nul > 3 * even_nul:
        codec = "utf-16-le"
    elif even_nul >= max(2, 0.01 * half) and even_nul > 3 * odd_nul:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[:20000]
    printable = sum(1 for ch in head if ch.isprintable() or ch.isspace())
    if printable < 0.98 * len(head) or _cjk_share(head) < 0.9:
        return None
    return codec


def _utf8_valid_share(data: bytes) -> float:
    """Share of non-ASCII bytes that belong to valid UTF-8 sequences."""
    high = len(data.translate(None, bytes(range(128))))
    if not high:
        return 1.0
    bad = len(data.decode("utf-8", errors="replace").encode("utf-8")) - len(data)
    # Each invalid byte becomes U+FFFD (3 bytes): bad == 2 * invalid bytes.
    invalid = max(0, bad // 2)
    return max(0.0, 1.0 - invalid / high)


def decode_bytes(data: bytes, name: str = "") -> Decoded:
    """Decode a text file's bytes; newlines normalised to LF."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
                return Decoded(_normalise_newlines(text), label, 1.0)
            except UnicodeDecodeError as exc:
                text = body.decode(codec, errors="replace")
                diag = Diagnostic(
                    "decode.invalid_bytes",
                    "warning",
                    f"{label} file has invalid bytes from offset {exc.start + len(bom)}; "
                    "replaced with U+FFFD",
                )
                return Decoded(_normalise_newlines(text), label, 0.9, (diag,))
    utf8_error_at: int | None = None  # the offset, not the error: that would hold this frame in a cycle
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            return Decoded(_normalise_newlines(text), "utf-8", 1.0)
    except UnicodeDecodeError as exc:
        utf8_error_at = exc.start
    utf16 = _utf16_guess(data)
    if utf16:
        return Decoded(_normalise_newlines(data.decode(utf16)), utf16, 0.9)
    if b"\x00" in data[:65536]:
        raise ReadError("binary content (NUL bytes), not a text file", source=name or None)
    share = _utf8_valid_share(data)
    for codec in ("gbk", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        cjk = _cjk_share(text)
        if cjk >= 0.9 and share < 0.9:
            return Decoded(_normalise_newlines(text), codec, round(min(1.0, cjk), 3))
    if share >= 0.9 and utf8_error_at is not None:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        diag = Diagnostic(
            "decode.invalid_bytes",
            "warning",
            f"UTF-8 text with {bad} invalid byte(s), first at offset {utf8_error_at}; "
            "replaced with U+FFFD",
            Location(line=text[: text.find("\ufffd")].count("\n") + 1),
        )
        return Decoded(_normalise_newlines(text), "utf-8", round(share, 3), (diag,))
    return _chardet(data, name)


def _chardet(data: bytes, name: str) -> Decoded:
    import chardet

    guess = chardet.detect(data[:200000])
    codec = guess.get("encoding")
    confidence = float(guess.get("confidence") or 0.0)
    if not codec:
        raise ReadError("not text: no character encoding fits these bytes", source=name or None)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(
            f"not text: bytes do not decode as {codec} ({exc})", source=name or None
        ) from exc
    if sum(1 for ch in text[:20000] if not (ch.isprintable() or ch in "\n\r\t\f")) > 0.02 * len(
        text[:20000]
    ):
        raise ReadError("binary content: mostly control characters", source=name or None)
    diags: tuple[Diagnostic, ...] = ()
    if confidence < LOW_CONFIDENCE:
        diags = (
            Diagnostic(
                "txt.low_charset_confidence",
                "warning",
                f"charset guessed as {codec} with confidence {confidence:.2f}",
            ),
        )
    return Decoded(_normalise_newlines(text), codec.lower(), round(confidence, 3), diags)
