"""What a batch reads: every report under the inputs, one `Source` each, in a fixed order.

Inputs are report files, folders (searched recursively, in sorted order),
zip and tar archives (``.zip``, ``.tar``, ``.tar.gz``/``.tgz``,
``.tar.bz2``, ``.tar.xz``), archives inside archives up to `MAX_DEPTH`
levels, and ``(name, bytes)`` pairs. Archive members are read into memory
one at a time, never extracted to disk, with limits on the number of
members, each member's size and the total. An input that cannot be opened,
or a limit that is hit, becomes a `Source` carrying its error, so the batch
reports it and goes on.

Each source has a `name` for messages and the manifest (the path as given,
``reports.zip!2019/a.txt`` for a member, ``a.zip!b.zip!c.txt`` nested) and
`parts`, the path it is mirrored to under an output folder: its path from
the input's parent folder, archive members under the archive's name.
"""

from __future__ import annotations

import io
import logging
import os
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from govreport.errors import GovReportError, LimitExceededError, ReadError

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".pdf", ".rtf", ".htm", ".html", ".shtml", ".xhtml",
                   ".mht", ".mhtml", ".md", ".markdown")
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MAX_DEPTH = 3
MAX_ARCHIVE_MEMBERS = 10000
MAX_ARCHIVE_TOTAL = 2 * 1024 * 1024 * 1024

Input = str | os.PathLike[str] | tuple[str, bytes]


@dataclass(frozen=True, slots=True)
class Source:
    """One document to read: a file on disk (`path`) or bytes in memory (`data`),
    or, when it could not even be listed, its `error`.

    `input` is the index of the input it came from (to tell which input held
    no report), `index` its position in the whole run.
    """

    name: str
    parts: tuple[str, ...]
    input: int
    index: int = 0
    path: str | None = None
    data: bytes | None = None
    error: GovReportError | None = None
    sha256: str | None = None  # of `data`, once someone has hashed it

    def read_bytes(self, limit: int) -> bytes:
        """The source's bytes (at most `limit` + 1, so that the reader can refuse more);
        a `ReadError` naming the source when the file cannot be opened."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            with open(self.path, "rb") as fh:
                return fh.read(limit + 1)
        except OSError as exc:
            raise cannot_open(exc, self.name) from exc


def cannot_open(exc: OSError, name: str) -> ReadError:
    """The error for a file or archive the operating system would not open."""
    return ReadError(f"cannot open: {exc.strerror or exc}", source=name)


def archive_kind(name: str) -> str | None:
    """``zip`` or ``tar`` when the name has an archive suffix, else None."""
    lower = name.lower()
    if lower.endswith(ZIP_SUFFIXES):
        return "zip"
    if lower.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def is_candidate(name: str) -> bool:
    """A file a batch looks at: a report suffix or an archive."""
    return name.lower().endswith(REPORT_SUFFIXES) or archive_kind(name) is not None


def member_parts(name: str) -> tuple[str, ...]:
    """A member name as path parts, whatever separators it uses, without a leading
    drive letter (``C:``); ``..`` and other unsafe parts are cleaned later."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":" and parts[0][0].isalpha():
        parts = parts[1:]
    return tuple(parts)


class _Limits:
    """Member count and total size, shared by one archive and the archives inside it."""

    def __init__(self, member_limit: int) -> None:
        self.member_limit = member_limit
        self.members = 0
        self.total = 0

    def take(self, size: int, name: str) -> None:
        self.members += 1
        self.total += size
        if self.members > MAX_ARCHIVE_MEMBERS:
            raise LimitExceededError(f"archive has over {MAX_ARCHIVE_MEMBERS} members", source=name)
        if self.total > MAX_ARCHIVE_TOTAL:
            raise LimitExceededError(
                f"archive members total over {MAX_ARCHIVE_TOTAL // 1024**3} GB", source=name
            )


def _read_member(fh: IO[bytes], limit: int) -> bytes:
    return fh.read(limit + 1)


def _zip_members(data: IO[bytes], limit: int) -> Iterator[tuple[str, int, bytes | Exception]]:
    with zipfile.ZipFile(data) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not is_candidate(info.filename):
                continue
            try:
                with archive.open(info) as fh:
                    yield info.filename, info.file_size, _read_member(fh, limit)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
                yield info.filename, info.file_size, exc


def _tar_members(data: IO[bytes], limit: int) -> Iterator[tuple[str, int, bytes | Exception]]:
    with tarfile.open(fileobj=data, mode="r:*") as archive:
        for info in archive:
            if not info.isfile():
                continue  # folders, links and devices are never followed
            if not is_candidate(info.name):
                continue
            try:
                fh = archive.extractfile(info)
                if fh is None:
                    continue
                with fh:
                    yield info.name, info.size, _read_member(fh, limit)
            except (tarfile.TarError, OSError, EOFError) as exc:
                yield info.name, info.size, exc


def _iter_archive(
    opener: IO[bytes], kind: str, name: str, parts: tuple[str, ...], input_index: int,
    depth: int, limit: int, limits: _Limits,
) -> Iterator[Source]:
    members = _zip_members(opener, limit) if kind == "zip" else _tar_members(opener, limit)
    try:
        for member, size, content in members:
            label = f"{name}!{member}"
            here = (*parts, *member_parts(member))
            try:
                limits.take(size, label)
            except LimitExceededError as exc:
                yield Source(label, here, input_index, error=exc)
                return
            if isinstance(content, Exception):
                error = ReadError(f"cannot read archive member: {content}", source=label)
                yield Source(label, here, input_index, error=error)
                continue
            inner = archive_kind(member)
            if inner is None:
                yield Source(label, here, input_index, data=content)
            elif depth >= MAX_DEPTH:
                error = LimitExceededError(
                    f"archive nested over {MAX_DEPTH} levels deep", source=label
                )
                yield Source(label, here, input_index, error=error)
            elif len(content) > limit:
                yield Source(label, here, input_index,
                             error=LimitExceededError("nested archive over the size limit", source=label))
            else:
                yield from _iter_archive(io.BytesIO(content), inner, label, here, input_index,
                                         depth + 1, limit, limits)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, RuntimeError) as exc:
        detail = str(exc) or type(exc).__name__
        yield Source(name, parts, input_index,
                     error=ReadError(f"cannot open archive: {detail}", source=name))


def _iter_path(path: Path, parts: tuple[str, ...], input_index: int, limit: int) -> Iterator[Source]:
    kind = archive_kind(path.name)
    if kind is None:
        yield Source(str(path), parts, input_index, path=str(path))
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Source(str(path), parts, input_index, error=cannot_open(exc, str(path)))
        return
    with fh:
        yield from _iter_archive(fh, kind, str(path), parts, input_index, 1, limit,
                                 _Limits(MAX_ARCHIVE_MEMBERS))


def _input_root(path: Path) -> str:
    return path.name or path.resolve().name or "input"


def iter_sources(inputs: Sequence[Input], *, limit: int) -> Iterator[Source]:
    """Every document under `inputs`, in input order (folders sorted, archive members in
    archive order), numbered from 0. `limit` is the largest size read for one document."""
    index = 0
    for number, item in enumerate(inputs):
        for source in _sources_of(item, number, limit):
            yield replace(source, index=index)
            index += 1


def _sources_of(item: Input, number: int, limit: int) -> Iterator[Source]:
    if isinstance(item, tuple):
        name, data = item
        kind = archive_kind(name)
        parts = member_parts(name) or ("input",)
        if kind is None:
            yield Source(name, parts, number, data=bytes(data))
        else:
            yield from _iter_archive(io.BytesIO(bytes(data)), kind, name, parts, number, 1, limit,
                                     _Limits(MAX_ARCHIVE_MEMBERS))
        return
    path = Path(item)
    if path.is_dir():
        root = _input_root(path)
        for sub in _candidate_files(path):
            rel = sub.relative_to(path).parts
            yield from _iter_path(sub, (root, *rel), number, limit)
    elif not path.exists():
        yield Source(str(path), (path.name or "input",), number,
                     error=ReadError("cannot open: No such file or directory", source=str(path)))
    else:
        yield from _iter_path(path, (path.name,), number, limit)


def _candidate_files(folder: Path) -> list[Path]:
    """The files under `folder` that may hold a report, sorted."""
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and is_candidate(p.name)]


def count_sources(inputs: Sequence[Input]) -> int | None:
    """How many sources `iter_sources` will yield, when that is cheap to know (plain
    files, folders, zip archives with no archive inside); else None."""
    total = 0
    for item in inputs:
        if isinstance(item, tuple):
            if archive_kind(item[0]) is not None:
                return None
            total += 1
            continue
        path = Path(item)
        for file in _candidate_files(path) if path.is_dir() else [path]:
            kind = archive_kind(file.name)
            if kind is None:
                total += 1
            elif kind == "tar":
                return None
            else:
                try:
                    with zipfile.ZipFile(file) as archive:
                        names = [i.filename for i in archive.infolist()
                                 if not i.is_dir() and is_candidate(i.filename)]
                except (zipfile.BadZipFile, OSError):
                    total += 1
                    continue
                if any(archive_kind(n) for n in names):
                    return None
                total += len(names)
    return total
