"""Writers: serialize a Document losslessly (JSON, XML) or flatten it on purpose (CSV).

A writer is chosen by name or by the output file's suffix. Files are written
atomically: to a temporary file in the same folder, then renamed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govreport.errors import GovReportError
from govreport.model import Document


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    suffixes: tuple[str, ...]
    render: Callable[[Document], bytes]


def _json(doc: Document) -> bytes:
    from govreport.writers.json import dumps

    return dumps(doc).encode("utf-8")


def _show(doc: Document) -> bytes:
    from govreport.writers.text import render_show

    return render_show(doc).encode("utf-8")


WRITERS: dict[str, Writer] = {
    "json": Writer("json", (".json",), _json),
    "text": Writer("text", (".txt",), _show),
}


def register_writer(writer: Writer) -> None:
    WRITERS[writer.name] = writer


def get_writer(name: str) -> Writer:
    try:
        return WRITERS[name]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise GovReportError(f"unknown output format {name!r} (known: {known})") from None


def writer_for_path(path: str | os.PathLike[str]) -> Writer:
    suffix = Path(path).suffix.lower()
    for writer in WRITERS.values():
        if suffix in writer.suffixes:
            return writer
    known = ", ".join(sorted(s for w in WRITERS.values() for s in w.suffixes))
    raise GovReportError(f"no writer for suffix {suffix!r} (known: {known}); pass --to")


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(doc: Document, path: str | os.PathLike[str], to: str | None = None) -> None:
    """Write `doc` to `path`, the format chosen by `to` or by the path's suffix."""
    writer = get_writer(to) if to else writer_for_path(path)
    atomic_write(path, writer.render(doc))
