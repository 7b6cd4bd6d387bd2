"""Batch conversion: a generator of one result per document that never aborts.

Inputs are files, folders (searched recursively for known suffixes) and zip
archives (members read in memory, never extracted to disk, with limits on
member count, member size and total size). A bad file yields a result with
its error; the run goes on.
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError, LimitExceededError, ReadError
from govreport.model import Document
from govreport.options import ReadOptions

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".pdf")
MAX_ARCHIVE_MEMBERS = 10000
MAX_ARCHIVE_TOTAL = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One input's outcome: `document` when it could be read, else `error`."""

    name: str
    document: Document | None = None
    error: GovReportError | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def _iter_sources(
    inputs: Sequence[str | os.PathLike[str] | tuple[str, bytes]], limit: int
) -> Iterator[tuple[str, Any]]:
    for item in inputs:
        if isinstance(item, tuple):
            yield item[0], bytes(item[1])
            continue
        path = Path(item)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                if sub.is_file() and sub.suffix.lower() in (*REPORT_SUFFIXES, ".zip"):
                    yield from _iter_sources([sub], limit)
        elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            yield from _iter_zip(path, limit)
        else:
            yield str(path), path


def _iter_zip(path: Path, limit: int) -> Iterator[tuple[str, Any]]:
    """Report members of an archive as bytes (read up to `limit` + 1 so that the reader
    refuses an oversized member); nothing is extracted to disk."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield str(path), ReadError(f"cannot open archive: {exc}", source=str(path))
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            yield str(path), LimitExceededError(
                f"archive has {len(members)} members, over {MAX_ARCHIVE_MEMBERS}", source=str(path)
            )
            return
        total = 0
        for member in members:
            name = f"{path}!{member.filename}"
            if Path(member.filename).suffix.lower() not in REPORT_SUFFIXES:
                continue
            total += member.file_size
            if total > MAX_ARCHIVE_TOTAL:
                yield name, LimitExceededError("archive total size over the limit", source=name)
                return
            try:
                with archive.open(member) as fh:
                    data = fh.read(limit + 1)
                yield name, data
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                yield name, ReadError(f"cannot read archive member: {exc}", source=name)


def iter_results(
    inputs: Sequence[str | os.PathLike[str] | tuple[str, bytes]] | str | os.PathLike[str],
    *,
    options: ReadOptions | Mapping[str, Any] | None = None,
) -> Iterator[BatchResult]:
    from govreport.api import read

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    opts = ReadOptions.resolve(options)
    for name, src in _iter_sources(list(inputs), opts.max_input_bytes):
        if isinstance(src, GovReportError):
            yield BatchResult(name, error=src)
            continue
        try:
            if isinstance(src, bytes):
                doc = read(src, options=opts, name=name.rsplit("!", 1)[-1].rsplit("/", 1)[-1])
            else:
                doc = read(src, options=opts)
        except GovReportError as exc:
            # a member's error names the archive and the member: reports.zip!2019/a.txt
            exc.source = name if isinstance(src, bytes) else (exc.source or name)
            log.info("failed: %s", exc)
            yield BatchResult(name, error=exc)
        except Exception as exc:  # a reader bug must not stop the batch
            log.warning("unexpected %s reading %s", type(exc).__name__, name, exc_info=True)
            yield BatchResult(
                name, error=ReadError(f"unexpected {type(exc).__name__}: {exc}", source=name)
            )
        else:
            log.debug("read %s (%s, %d table(s))", name, doc.source.format, len(doc.tables))
            yield BatchResult(name, document=doc)
