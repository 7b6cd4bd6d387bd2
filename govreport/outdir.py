"""Output folders: safe mirrored names, the manifest, and resuming an interrupted run.

An output's name is its source's mirrored path (`Source.parts`) with the
writer's suffix added, so the source suffix stays (``g0001.pdf.json``,
``g0001.docx.json``: no silent collision). Every part is cleaned so that no
name can leave the output folder: ``..`` and ``.`` are dropped, absolute
paths and drive letters lose their root, separators and characters that
file systems refuse become ``_``, device names (``CON``, ``NUL``) get a
``_``. Two sources that still map to one name (``A.txt`` and ``a.txt`` on a
case-insensitive disk, ``a/b`` and ``a\\b``) are told apart by ``~2``,
``~3`` in source order, so a rerun gives the same names.

``OUTDIR/manifest.jsonl`` has one JSON line per document: ``source``,
``sha256``, ``status`` (``ok``, ``partial``, ``failed``), ``error``
(with ``error_type``), ``diagnostics`` (their count), ``seconds``,
``output`` (relative to the folder; ``outputs`` too when a document gives
several files) and ``options`` (a fingerprint of the read options, the
output format and its options). Lines are appended as documents finish and
the file is rewritten in source order at the end.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from govreport import __version__
from govreport.batch import BatchResult, Job
from govreport.errors import GovReportError
from govreport.writers import atomic_write

log = logging.getLogger(__name__)

MANIFEST = "manifest.jsonl"
_BAD_CHARS = re.compile(r'[\x00-\x1f<>:"|?*\\/]')
_DRIVE = re.compile(r"^[A-Za-z]:$")
_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
MAX_PART = 150


def safe_parts(parts: Iterable[str]) -> tuple[str, ...]:
    """`parts` made safe to join under a folder: never absolute, never upward."""
    out: list[str] = []
    for i, raw in enumerate(parts):
        if i == 0 and _DRIVE.match(raw):
            continue
        part = _BAD_CHARS.sub("_", raw).strip(" ")
        if part in ("", ".", ".."):
            continue
        part = part.rstrip(". ") or "_"
        if part.split(".", 1)[0].lower() in _DEVICES:
            part = "_" + part
        if len(part.encode("utf-8")) > MAX_PART:
            digest = hashlib.sha256(part.encode("utf-8")).hexdigest()[:8]
            part = part.encode("utf-8")[: MAX_PART - 20].decode("utf-8", "ignore") + "~" + digest
        out.append(part)
    return tuple(out) or ("unnamed",)


class Namer:
    """Hands out output paths (relative, POSIX) in source order, each once."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def name(self, parts: tuple[str, ...], suffixes: Iterable[str]) -> list[str]:
        """The relative paths of one document's outputs (one per suffix)."""
        clean = safe_parts(parts)
        suffixes = list(suffixes)
        n = 1
        while True:
            leaf = clean[-1] if n == 1 else f"{clean[-1]}~{n}"
            paths = ["/".join((*clean[:-1], leaf + s)) for s in suffixes]
            keys = [p.casefold() for p in paths]
            if not any(k in self._used for k in keys):
                self._used.update(keys)
                return paths
            n += 1


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused when it would resolve outside `root` (a link on the way)."""
    target = root / relative
    real_root = os.path.realpath(root)
    real = os.path.realpath(target.parent)
    if os.path.commonpath([real_root, real]) != real_root:
        raise GovReportError(f"output {relative!r} would be written outside {root}")
    return target


def remove_stale_temporaries(root: Path) -> int:
    """Delete temporary files a killed run left behind (``.NAME.XXXXXXXX.tmp``)."""
    removed = 0
    if not root.is_dir():
        return 0
    for path in root.rglob(".*.tmp"):
        if path.is_file() and _TEMP.match(path.name):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def fingerprint(job: Job) -> str:
    """What decides an output's content besides its input: options, format, version."""
    opts = asdict(job.options)
    writer_options = job.writer_options
    if writer_options is not None and not isinstance(writer_options, dict):
        writer_options = asdict(writer_options)
    text = json.dumps([__version__, opts, job.writer, writer_options], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest line."""

    source: str
    sha256: str | None
    status: str
    error: str | None
    error_type: str | None
    diagnostics: int
    seconds: float
    output: str | None
    outputs: tuple[str, ...]
    options: str
    index: int = 0

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "source": self.source, "sha256": self.sha256, "status": self.status, "error": self.error,
            "error_type": self.error_type, "diagnostics": self.diagnostics,
            "seconds": round(self.seconds, 4), "output": self.output, "options": self.options,
        }
        if len(self.outputs) > 1:
            data["outputs"] = list(self.outputs)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Entry:
        data = json.loads(line)
        output = data.get("output")
        outputs = tuple(data.get("outputs") or ([output] if output else []))
        return cls(data["source"], data.get("sha256"), data["status"], data.get("error"),
                   data.get("error_type"), int(data.get("diagnostics", 0)), float(data.get("seconds", 0)),
                   output, outputs, data.get("options", ""))


def entry_for(result: BatchResult, outputs: list[str], options: str) -> Entry:
    """The manifest line of a finished document (`outputs` empty when it failed)."""
    error = result.error
    return Entry(
        source=result.name,
        sha256=result.sha256,
        status=result.status,
        error=error.message if error is not None else None,
        error_type=type(error).__name__ if error is not None else None,
        diagnostics=len(result.diagnostics),
        seconds=result.seconds,
        output=outputs[0] if outputs else None,
        outputs=tuple(outputs),
        options=options,
        index=result.index,
    )


def read_manifest(root: Path) -> dict[str, Entry]:
    """The last line per source of an earlier run's manifest; a torn last line is skipped."""
    path = root / MANIFEST
    entries: dict[str, Entry] = {}
    if not path.is_file():
        return entries
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            entry = Entry.from_json(line)
        except (ValueError, KeyError, TypeError):
            log.info("manifest line skipped (cut short by an interrupted run?)")
            continue
        entries[entry.source] = entry
    return entries


def reusable(entry: Entry | None, sha: str, options: str, root: Path) -> bool:
    """An earlier output can stand: same bytes, same options, and its files are there."""
    return (
        entry is not None
        and entry.status in ("ok", "partial")
        and entry.sha256 == sha
        and entry.options == options
        and bool(entry.outputs)
        and all((root / out).is_file() for out in entry.outputs)
    )


class ManifestWriter:
    """Appends lines as documents finish; `close` rewrites the whole file in source order."""

    def __init__(self, root: Path, *, keep: bool) -> None:
        self.path = root / MANIFEST
        self.entries: list[Entry] = []
        mode = "a" if keep else "w"
        self._fh = self.path.open(mode, encoding="utf-8")

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._fh.write(entry.to_json() + "\n")
        self._fh.flush()

    def close(self, *, complete: bool) -> None:
        self._fh.close()
        if complete:
            lines = [e.to_json() for e in sorted(self.entries, key=lambda e: e.index)]
            atomic_write(self.path, ("\n".join(lines) + "\n" if lines else "").encode("utf-8"))
