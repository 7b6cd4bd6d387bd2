"""Legacy Word (.doc), WPS (.wps) and RTF reports, read through a LibreOffice conversion.

LibreOffice converts almost anything it is given, and what it cannot
recognise it imports as plain text: a damaged .doc comes back as a "document"
of random characters. So nothing is converted before the input has been
judged, and nothing converted is trusted before the result has been judged:

* an OLE file must hold a readable container with a ``WordDocument`` stream
  whose file information block (FIB) is sane (its signature, version and
  record counts), or a Works ``CONTENTS`` stream; a password-protected file
  is an `EncryptedError` (an Office encryption wrapper, or the FIB's
  encrypted flag);
* an RTF file must start with ``{\\rtf``;
* the converted docx must not be LibreOffice's plain-text import of the
  bytes, must hold some text, and its text must read as text (a share of
  characters a Chinese report prints).

LibreOffice runs in a private temporary directory (its own user profile, no
shell, a timeout) and the docx reader reads the result.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from govreport.errors import EncryptedError, MissingToolError, ReadError
from govreport.model import Heading, Paragraph
from govreport.ole import OLE_MAGIC, OleError, OleFile, stream_names
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.docx import read_docx
from govreport.sniff import is_encrypted_office, is_rtf
from govreport.tables.raw import RawTable

__all__ = ["OLE_MAGIC", "check_word_container", "is_encrypted_ooxml", "ole_stream_names", "read_legacy"]

WORD97_IDENT = 0xA5EC
WORD6_IDENT = 0xA5DC
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_OBFUSCATED = 0x8000
# Share of the converted text's characters that must be ones a report prints.
MIN_PLAUSIBLE_SHARE = 0.85


def ole_stream_names(data: bytes) -> list[str]:
    """The names in an OLE compound file's directory ([] when it cannot be read)."""
    return stream_names(data)


def is_encrypted_ooxml(data: bytes) -> bool:
    """True for a password-protected docx/xlsx (an OLE wrapper holding `EncryptedPackage`)."""
    return is_encrypted_office(data)


def check_word_container(data: bytes) -> str:
    """Judge an OLE file before conversion; returns what it is (``Word 97-2003``…).

    Raises `EncryptedError` for a password-protected file and `ReadError`
    saying what is wrong for anything LibreOffice would only import as noise.
    """
    if is_encrypted_office(data):
        raise EncryptedError("the document is password-protected; remove the password and try again")
    try:
        ole = OleFile(data)
    except OleError as exc:
        raise ReadError(f"damaged .doc/.wps file: {exc}") from None
    names = ole.names()
    if ole.find("WordDocument") is None:
        if ole.find("CONTENTS") is not None:
            return "Works"
        shown = ", ".join(names[:6]) or "none"
        raise ReadError(f"not a Word document: the OLE file has no WordDocument stream (streams: {shown})")
    try:
        fib = ole.read_stream("WordDocument", 128)
    except OleError as exc:
        raise ReadError(f"damaged .doc file: {exc}") from None
    if len(fib) < 0x20:
        raise ReadError("damaged .doc file: the WordDocument stream is too short to hold a FIB")
    ident, nfib = struct.unpack_from("<HH", fib, 0)
    flags = struct.unpack_from("<H", fib, 0x0A)[0]
    if ident == WORD6_IDENT and 0x0065 <= nfib <= 0x0069:
        kind = "Word 6/95"
    elif ident == WORD97_IDENT and 0x00C0 <= nfib <= 0x0200:
        if len(fib) < 0x42:
            raise ReadError("damaged .doc file: the FIB is cut short")
        csw = struct.unpack_from("<H", fib, 0x20)[0]
        cslw = struct.unpack_from("<H", fib, 0x22 + 2 * csw)[0] if 0x24 + 2 * csw <= len(fib) else None
        if csw != 0x0E or cslw != 0x16:
            raise ReadError(f"damaged .doc file: the FIB's record counts are wrong (csw={csw}, cslw={cslw})")
        table = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        if not flags & _F_ENCRYPTED and ole.find(table) is None:
            raise ReadError(f"damaged .doc file: the FIB names a {table} stream the file does not have")
        kind = "Word 97-2003"
    else:
        raise ReadError(
            f"damaged .doc file: the WordDocument stream does not start with a Word FIB "
            f"(signature 0x{ident:04x}, version 0x{nfib:04x})"
        )
    if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
        raise EncryptedError("the document is password-protected; remove the password and try again")
    return kind


def _run_soffice(exe: str, src: Path, workdir: Path, timeout: float) -> Path:
    outdir = workdir / "out"
    outdir.mkdir()
    args = [
        exe,
        f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(src),
    ]
    proc = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=workdir,
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # the soffice launcher forks soffice.bin: end the whole group we started
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ReadError(
            f"LibreOffice did not convert the file within {timeout:.0f} s (ReadOptions.soffice_timeout)"
        ) from None
    result = outdir / (src.stem + ".docx")
    if proc.returncode != 0 or not result.is_file():
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
        raise ReadError(
            "LibreOffice could not convert the file to docx"
            + (f": {detail[0]}" if detail else " (corrupt or unsupported .doc/.wps?)")
        )
    return result


_PLAIN_TEXT_IMPORT = re.compile(rb'w:pStyle w:val="(?:PreformattedText|Preformatted_20_Text)"')
_REPORT_CHAR = re.compile(
    "[\t\n\r -~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2100-\u23ff\u2460-\u27bf\u3000-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def plausible_share(text: str) -> float:
    """Share of the characters a Chinese report prints: ASCII, CJK ideographs and
    punctuation, fullwidth forms. Noise imported as text scatters over the
    whole of Unicode (Hangul, private use, symbols) and scores low."""
    sample = text[:50000]
    if not sample:
        return 1.0
    return sum(1 for ch in sample if _REPORT_CHAR.match(ch)) / len(sample)


def _judge_conversion(converted: bytes, out: ReaderOutput, what: str) -> None:
    """Refuse a conversion that did not read the file: LibreOffice's plain-text import
    of the bytes, or text that is mostly characters no report prints."""
    if converted.startswith(OLE_MAGIC):
        raise ReadError("LibreOffice produced no docx from this file")
    texts: list[str] = []
    for block in out.blocks:
        if isinstance(block, (Heading, Paragraph)):
            texts.append(block.text)
        elif isinstance(block, RawTable):
            texts.extend(cell.text for row in block.rows for cell in row)
    text = "".join(texts)
    share = plausible_share(text)
    if share < MIN_PLAUSIBLE_SHARE:
        raise ReadError(
            f"LibreOffice could not read this {what} file: the conversion is noise "
            f"(only {share:.0%} of its characters are ones a report prints)"
        )
    if not text.strip():
        raise ReadError(
            f"LibreOffice converted this {what} file to a document without any text "
            "(damaged, or pages of images only): nothing to read"
        )


def read_legacy(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a .doc, .wps or .rtf report: judge it, convert it to docx with LibreOffice,
    read the docx, judge the result."""
    rtf = is_rtf(data)
    if rtf:
        what, suffix = "RTF", ".rtf"
    else:
        what = check_word_container(data)
        suffix = Path(ctx.name).suffix.lower()
        if suffix not in (".doc", ".wps", ".dot"):
            suffix = ".wps" if what == "Works" else ".doc"
    exe = shutil.which(ctx.options.soffice)
    if exe is None:
        raise MissingToolError(
            f"reading .doc/.wps/.rtf files needs LibreOffice ({ctx.options.soffice!r} was not found "
            "on PATH); install LibreOffice or save the file as .docx",
            source=ctx.name,
        )
    with tempfile.TemporaryDirectory(prefix="govreport-soffice-") as tmp:
        workdir = Path(tmp)
        src = workdir / f"input{suffix}"
        src.write_bytes(data)
        docx_path = _run_soffice(exe, src, workdir, ctx.options.soffice_timeout)
        converted = docx_path.read_bytes()
    out = read_docx(converted, ctx)
    if _is_plain_text_import(converted, ctx):
        raise ReadError(
            f"LibreOffice could not read this {what} file as a Word document "
            "(it imported the bytes as plain text): the file is damaged"
        )
    _judge_conversion(converted, out, what)
    out.diag(
        "docx.converted_from_legacy",
        "info",
        f"converted from {suffix[1:]} ({what}) to docx with LibreOffice before reading; "
        "numbering and merges are as LibreOffice exported them",
    )
    return out


def _is_plain_text_import(converted: bytes, ctx: ReadContext) -> bool:
    """LibreOffice's text filter writes every line as a "Preformatted Text" paragraph."""
    from govreport.readers.docx.package import open_zip, read_member

    with open_zip(converted) as zf:
        if "word/document.xml" not in zf.NameToInfo:
            return False
        body = read_member(zf, "word/document.xml", ctx.options)
    paragraphs = body.count(b"<w:p>") + body.count(b"<w:p ")
    preformatted = len(_PLAIN_TEXT_IMPORT.findall(body))
    return paragraphs > 0 and preformatted >= 0.9 * paragraphs
