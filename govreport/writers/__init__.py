"""Writers: serialize a Document losslessly (JSON, XML) or flatten it on purpose (CSV).

A writer is chosen by name or by the output file's suffix. Files are written
atomically: to a temporary file in the same folder, then renamed. A writer
whose output can hold several documents (CSV) also has `render_many`; a writer
with options (CSV) has `configure`, which returns the same writer bound to a
validated options object.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError
from govreport.model import Document


@dataclass(frozen=True, slots=True)
class Writer:
    """An output format: its name, its file suffixes and how it renders a document to bytes.

    `render_many` writes several documents into one file (CSV appends them,
    the document name in a column); None when every document needs its own
    file. `configure` takes the writer's options (None, a dict or its options
    object, e.g. `govreport.writers.csv.CsvOptions`) and returns the writer
    bound to them; None when the writer has no options. `render_parts`, when
    set, is how the writer fills a folder: several files per document, each
    ``(name suffix, bytes)`` (the CSV grid form: one file per table).
    """

    name: str
    suffixes: tuple[str, ...]
    render: Callable[[Document], bytes]
    render_many: Callable[[Iterable[Document]], bytes] | None = None
    configure: Callable[[Any], Writer] | None = None
    render_parts: Callable[[Document], list[tuple[str, bytes]]] | None = None


def _json(doc: Document) -> bytes:
    from govreport.writers.json import dumps

    return dumps(doc).encode("utf-8")


def _show(doc: Document) -> bytes:
    from govreport.writers.text import render_show

    return render_show(doc).encode("utf-8")


def _xml(doc: Document) -> bytes:
    from govreport.writers.xml import render_xml

    return render_xml(doc)


def _html(doc: Document) -> bytes:
    from govreport.writers.html import render_html

    return render_html(doc)


def _csv(doc: Document) -> bytes:
    from govreport.writers.csv import render_csv

    return render_csv([doc])


def _csv_many(docs: Iterable[Document]) -> bytes:
    from govreport.writers.csv import render_csv

    return render_csv(docs)


def _csv_configure(options: Any) -> Writer:
    from govreport.writers.csv import csv_writer

    return csv_writer(options)


WRITERS: dict[str, Writer] = {
    "json": Writer("json", (".json",), _json),
    "xml": Writer("xml", (".xml",), _xml),
    "csv": Writer("csv", (".csv",), _csv, _csv_many, _csv_configure),
    "html": Writer("html", (".html", ".htm"), _html),
    "text": Writer("text", (".txt",), _show),
}


def register_writer(writer: Writer) -> None:
    """Add an output format (or replace the one of the same name)."""
    WRITERS[writer.name.lower()] = writer


def get_writer(name: str) -> Writer:
    """The writer registered under `name` (``json``, ``xml``, ``csv``, ``html``, ``text``;
    case does not matter)."""
    try:
        return WRITERS[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(WRITERS))
        raise GovReportError(f"unknown output format {name!r} (known: {known})") from None


class UnknownSuffixError(GovReportError):
    """The output file's suffix names no writer; the format must be named explicitly."""


def writer_for_path(path: str | os.PathLike[str]) -> Writer:
    """The writer whose suffixes include the path's (``.json``, ``.xml``, ``.csv``, …)."""
    suffix = Path(path).suffix.lower()
    for writer in WRITERS.values():
        if suffix in writer.suffixes:
            return writer
    known = ", ".join(sorted(s for w in WRITERS.values() for s in w.suffixes))
    shown = repr(suffix) if suffix else "no suffix"
    raise UnknownSuffixError(
        f"cannot tell the output format of {Path(path).name!r} from {shown} "
        f"(known suffixes: {known}); name the format"
    )


def _umask() -> int:
    """The process's file-creation mask (read without changing it where /proc allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file beside `path`, which is then renamed over
    it. Missing parent folders are created. The file gets the mode a plain
    ``open(path, "w")`` would give it: the mode of the file it replaces, else
    0666 less the umask. An error names `path`, never the temporary file.
    """
    target = Path(path)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise GovReportError(
            f"cannot write here: {exc.strerror or exc}", source=str(target)
        ) from exc
    try:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise GovReportError(f"cannot write: {exc.strerror or exc}", source=str(target)) from exc
        raise


def configured(writer: Writer, options: Any = None) -> Writer:
    """`writer` bound to `options` (None, a dict or the writer's options object).

    Options given to a writer that has none are an error, not silently ignored.
    """
    if writer.configure is not None:
        return writer.configure(options)
    if options:
        raise GovReportError(f"output format {writer.name!r} takes no options")
    return writer


def write(
    doc: Document, path: str | os.PathLike[str], to: str | None = None, *, options: Any = None
) -> None:
    """Write `doc` to `path`, the format chosen by `to` or by the path's suffix.

    `options` go to writers that have them (CSV: a `CsvOptions` or a dict such
    as ``{"form": "grid", "encoding": "utf-8-sig"}``).
    """
    writer = configured(get_writer(to) if to else writer_for_path(path), options)
    atomic_write(path, writer.render(doc))
