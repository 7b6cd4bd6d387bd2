"""Test helper: write small OLE compound files (version 3, 512-byte sectors).

Streams under 4096 bytes go to the mini stream, as the format requires; the
directory is a flat list under the root (siblings chained to the right), which
is all a reader that lists names and reads streams needs.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
MINI = 64
CUTOFF = 4096
END, FREE, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def word_fib(flags: int = 0x0200, ident: int = 0xA5EC, nfib: int = 0x00C1, size: int = 4096) -> bytes:
    """A WordDocument stream that starts with a sane Word 97 FIB (fWhichTblStm set: 1Table)."""
    fib = bytearray(size)
    struct.pack_into("<HHHHHH", fib, 0, ident, nfib, 0, 0x0804, 0, flags)
    struct.pack_into("<H", fib, 0x0C, 0x00BF)
    struct.pack_into("<H", fib, 0x20, 0x0E)  # csw
    struct.pack_into("<H", fib, 0x3E, 0x16)  # cslw
    return bytes(fib)


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """An OLE file holding the given streams."""
    big = {n: d for n, d in streams.items() if len(d) >= CUTOFF}
    small = {n: d for n, d in streams.items() if len(d) < CUTOFF}
    sectors: list[bytes] = []
    fat: list[int] = []

    def add_chain(data: bytes) -> int:
        if not data:
            return END
        n = -(-len(data) // SECTOR)
        first = len(sectors)
        for i in range(n):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(first + i + 1 if i < n - 1 else END)
        return first

    starts: dict[str, tuple[int, int]] = {}
    for name, data in big.items():
        starts[name] = (add_chain(data), len(data))
    mini_data = b""
    minifat: list[int] = []
    for name, data in small.items():
        if not data:
            starts[name] = (END, 0)
            continue
        n = -(-len(data) // MINI)
        first = len(minifat)
        mini_data += data.ljust(n * MINI, b"\0")
        minifat.extend(first + i + 1 if i < n - 1 else END for i in range(n))
        starts[name] = (first, len(data))
    root_start = add_chain(mini_data) if mini_data else END
    minifat_start = add_chain(struct.pack(f"<{len(minifat)}I", *minifat)) if minifat else END
    n_minifat = -(-len(minifat) * 4 // SECTOR) if minifat else 0
    names = list(streams)
    entries = [("Root Entry", 5, root_start, len(mini_data), 1 if names else NOSTREAM)]
    entries += [(n, 2, starts[n][0], starts[n][1], NOSTREAM) for n in names]
    directory = bytearray()
    for i, (name, kind, start, size, child) in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\0\0"
        entry = bytearray(128)
        entry[: len(raw)] = raw
        struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
        right = i + 1 if 0 < i < len(entries) - 1 else NOSTREAM
        struct.pack_into("<III", entry, 68, NOSTREAM, right, child)
        struct.pack_into("<IQ", entry, 116, start, size)
        directory += entry
    dir_start = add_chain(bytes(directory))
    n_fat = 1
    while len(fat) + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    fat_start = len(sectors)
    fat.extend([FATSECT] * n_fat)
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    for i in range(n_fat):
        sectors.append(struct.pack(f"<{SECTOR // 4}I", *fat[i * (SECTOR // 4) : (i + 1) * (SECTOR // 4)]))
    header = bytearray(SECTOR)
    header[0:8] = MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat,
                     END, 0)
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 0x4C, *difat)
    return bytes(header) + b"".join(sectors)


def word_doc(text_stream: bytes = b"", flags: int = 0x0200) -> bytes:
    """An OLE file shaped like a Word 97 document (no real text: for container checks)."""
    return ole_bytes({"WordDocument": word_fib(flags) + text_stream, "1Table": b"\0" * 600,
                      "\x05SummaryInformation": b"\0" * 200})
