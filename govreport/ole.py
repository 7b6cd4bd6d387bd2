"""OLE compound files (the container of .doc, .wps, .xls, .ppt and encrypted Office files).

Only as much of the format as govreport needs: the header, the sector
allocation table, the directory (stream names, sizes, start sectors) and the
first bytes of a stream. Every chain is bounded by the number of sectors the
file can hold, so a damaged or hostile file ends a walk instead of looping.
A file that breaks the container's rules raises `OleError` with what was
wrong; callers turn it into a `ReadError` naming the file.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SIZE = 512
_FREE = 0xFFFFFFFF
_END = 0xFFFFFFFE
_SPECIAL = 0xFFFFFFFA  # sector numbers at or above this are markers, not sectors
MAX_DIRECTORY_ENTRIES = 100_000

STREAM = 2
STORAGE = 1
ROOT = 5


class OleError(ValueError):
    """The bytes are not a well-formed OLE compound file."""


@dataclass(frozen=True, slots=True)
class DirEntry:
    """One directory entry: a stream (kind 2), a storage (1) or the root (5)."""

    name: str
    kind: int
    start: int
    size: int


class OleFile:
    """A parsed OLE container: `entries` lists the directory; `read_stream` reads a stream."""

    def __init__(self, data: bytes) -> None:
        if len(data) < HEADER_SIZE or not data.startswith(OLE_MAGIC):
            raise OleError("not an OLE compound file (no OLE signature)")
        self.data = data
        byte_order, shift, mini_shift = struct.unpack_from("<HHH", data, 0x1C)
        if byte_order != 0xFFFE:
            raise OleError(f"bad byte-order mark 0x{byte_order:04x} in the OLE header")
        if shift not in (9, 12):
            raise OleError(f"sector size 2^{shift} is not 512 or 4096 bytes")
        if mini_shift != 6:
            raise OleError(f"mini sector size 2^{mini_shift} is not 64 bytes")
        self.sector_size = 1 << shift
        (n_fat, first_dir, _sig, self.mini_cutoff, first_minifat, n_minifat, first_difat, n_difat) = (
            struct.unpack_from("<8I", data, 0x2C)
        )
        self.n_sectors = max(0, (len(data) - self.sector_size) // self.sector_size + 1)
        if n_fat == 0 or n_fat > self.n_sectors:
            raise OleError(f"the header lists {n_fat} allocation-table sectors for a file of "
                           f"{self.n_sectors} sectors")
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C)[: min(n_fat, 109)]]
        fat_sectors += self._difat_sectors(first_difat, n_difat, n_fat - len(fat_sectors))
        self.fat: list[int] = []
        for s in fat_sectors:
            block = self._sector(s)
            self.fat.extend(struct.unpack_from(f"<{len(block) // 4}I", block))
        self.entries = self._directory(first_dir)
        if not self.entries or self.entries[0].kind != ROOT:
            raise OleError("the directory has no root entry")
        root = self.entries[0]
        self._mini_stream = b""
        self._minifat: list[int] = []
        if n_minifat and first_minifat < _SPECIAL:
            raw = self._chain_bytes(first_minifat, n_minifat * self.sector_size)
            self._minifat = list(struct.unpack_from(f"<{len(raw) // 4}I", raw))
            if root.start < _SPECIAL:
                self._mini_stream = self._chain_bytes(root.start, root.size)

    def _sector(self, n: int) -> bytes:
        if n >= _SPECIAL or n >= self.n_sectors:
            raise OleError(f"sector {n} lies outside the file")
        start = (n + 1) * self.sector_size
        return self.data[start : start + self.sector_size]

    def _difat_sectors(self, first: int, count: int, wanted: int) -> list[int]:
        out: list[int] = []
        current, seen = first, 0
        per = self.sector_size // 4 - 1
        while wanted > 0 and current < _SPECIAL and seen < min(count, self.n_sectors):
            block = self._sector(current)
            values = struct.unpack_from(f"<{per + 1}I", block)
            out.extend(v for v in values[:per][:wanted] if v < _SPECIAL)
            wanted -= per
            current = values[per]
            seen += 1
        return out

    def _chain(self, start: int, table: list[int], limit: int) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        current = start
        while current < _SPECIAL:
            if current in seen or len(chain) >= limit:
                raise OleError("a sector chain loops or runs past the end of the file")
            if current >= len(table):
                raise OleError(f"a sector chain points at sector {current}, past the allocation table")
            seen.add(current)
            chain.append(current)
            current = table[current]
        return chain

    def _chain_bytes(self, start: int, size: int) -> bytes:
        want = -(-size // self.sector_size)
        chain = self._chain(start, self.fat, self.n_sectors)
        return b"".join(self._sector(s) for s in chain[: max(want, 1)])[:size]

    def _directory(self, first: int) -> list[DirEntry]:
        entries: list[DirEntry] = []
        for s in self._chain(first, self.fat, self.n_sectors):
            block = self._sector(s)
            for off in range(0, len(block) - 127, 128):
                length = struct.unpack_from("<H", block, off + 64)[0]
                kind = block[off + 66]
                start, size = struct.unpack_from("<IQ", block, off + 116)
                if self.sector_size == 512:
                    size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
                name = ""
                if 2 <= length <= 64 and length % 2 == 0:
                    name = block[off : off + length - 2].decode("utf-16-le", "replace")
                entries.append(DirEntry(name, kind, start, size))
                if len(entries) > MAX_DIRECTORY_ENTRIES:
                    raise OleError("the directory is implausibly large")
        return entries

    def names(self) -> list[str]:
        """Names of the streams and storages (the root entry excluded)."""
        return [e.name for e in self.entries[1:] if e.kind in (STREAM, STORAGE) and e.name]

    def find(self, name: str) -> DirEntry | None:
        for e in self.entries:
            if e.kind == STREAM and e.name == name:
                return e
        return None

    def read_stream(self, name: str, limit: int | None = None) -> bytes:
        """The first `limit` bytes (all by default) of a stream; OleError when it is missing
        or its chain is broken."""
        entry = self.find(name)
        if entry is None:
            raise OleError(f"no {name} stream")
        size = entry.size if limit is None else min(entry.size, limit)
        if entry.size < self.mini_cutoff:
            mini = 64
            chain = self._chain(entry.start, self._minifat, len(self._minifat) + 1)
            raw = b"".join(self._mini_stream[s * mini : (s + 1) * mini] for s in chain)
        else:
            raw = self._chain_bytes(entry.start, size)
        if len(raw) < size:
            raise OleError(f"the {name} stream is cut short ({len(raw)} of {size} bytes)")
        return raw[:size]


def stream_names(data: bytes) -> list[str]:
    """The names in an OLE file's directory, or [] when the container cannot be read."""
    try:
        return OleFile(data).names()
    except OleError:
        return []
