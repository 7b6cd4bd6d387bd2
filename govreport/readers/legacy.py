"""Legacy Word (.doc) and WPS (.wps) reports, read through a LibreOffice conversion.

Both are OLE compound files. Before anything is converted, the OLE directory
is read just far enough to recognise a password-protected Office file (Office
encryption wraps the encrypted docx in an OLE file with an ``EncryptedPackage``
stream), which no conversion can open. Otherwise LibreOffice, when installed,
converts the file to docx in a private temporary directory (its own user
profile, no shell, a timeout) and the docx reader reads the result.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from govreport.errors import EncryptedError, MissingToolError, ReadError
from govreport.readers import ReadContext, ReaderOutput

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE = 0xFFFFFFFF
_END = 0xFFFFFFFE
_MAX_DIR_SECTORS = 4096
_ENCRYPTION_STREAMS = ("EncryptedPackage", "EncryptionInfo")


def ole_stream_names(data: bytes) -> list[str]:
    """The names in an OLE compound file's directory (streams and storages).

    Reads the header, the FAT sectors it lists (the first 109, enough for any
    report-sized file) and follows the directory chain; returns what it could
    read when the file is damaged.
    """
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return []
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if not 7 <= sector_shift <= 16:
        return []
    size = 1 << sector_shift
    n_fat = struct.unpack_from("<I", data, 0x2C)[0]
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)[: min(n_fat, 109)]

    def sector(n: int) -> bytes:
        start = (n + 1) * size
        return data[start : start + size]

    fat: list[int] = []
    for s in difat:
        block = sector(s)
        fat.extend(struct.unpack_from(f"<{len(block) // 4}I", block))
    names: list[str] = []
    current, seen = first_dir, 0
    while current not in (_END, _FREE) and seen < _MAX_DIR_SECTORS:
        block = sector(current)
        for off in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, off + 64)[0]
            if 2 <= length <= 64:
                names.append(block[off : off + length - 2].decode("utf-16-le", "replace"))
        seen += 1
        current = fat[current] if current < len(fat) else _END
    return names


def is_encrypted_ooxml(data: bytes) -> bool:
    """True for a password-protected docx/xlsx (an OLE wrapper holding `EncryptedPackage`)."""
    names = ole_stream_names(data)
    if names:
        return any(n in _ENCRYPTION_STREAMS for n in names)
    # a directory we could not walk: fall back to the UTF-16LE name in the header area
    return "EncryptedPackage".encode("utf-16-le") in data[: 64 * 1024]


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


def read_legacy(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a .doc or .wps report by converting it to docx with LibreOffice."""
    if is_encrypted_ooxml(data):
        raise EncryptedError("the document is password-protected; remove the password and try again")
    exe = shutil.which(ctx.options.soffice)
    if exe is None:
        raise MissingToolError(
            f"reading .doc/.wps files needs LibreOffice ({ctx.options.soffice!r} was not found "
            "on PATH); install LibreOffice or save the file as .docx",
            source=ctx.name,
        )
    suffix = Path(ctx.name).suffix.lower()
    if suffix not in (".doc", ".wps", ".dot"):
        suffix = ".doc"
    with tempfile.TemporaryDirectory(prefix="govreport-soffice-") as tmp:
        workdir = Path(tmp)
        src = workdir / f"input{suffix}"
        src.write_bytes(data)
        docx_path = _run_soffice(exe, src, workdir, ctx.options.soffice_timeout)
        converted = docx_path.read_bytes()
    if converted.startswith(OLE_MAGIC):
        raise ReadError("LibreOffice produced no docx from this file")
    from govreport.readers.docx import read_docx

    out = read_docx(converted, ctx)
    out.diag(
        "docx.converted_from_legacy",
        "info",
        f"converted from {suffix[1:]} to docx with LibreOffice before reading; "
        "numbering and merges are as LibreOffice exported them",
    )
    return out
