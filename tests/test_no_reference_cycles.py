"""Reading a document leaves no reference cycles behind.

Reading makes tens of thousands of small objects, and `govreport.read` holds
the cyclic collector off meanwhile (`collector_paused`). Everything it made
must then be freed by reference counting the moment the caller lets the
document go. A cycle (a closure calling itself, a caught exception kept with
its traceback, a `ctypes.cast`, a ctypes array type made per page) would
instead keep the reader's whole output, every raw cell of it, alive until the
collector next runs, and make that run walk it all.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "corpus" / "generated" / "cases"
FILES = [
    CASES / "g0001" / "g0001.seed.gbk.txt",  # not UTF-8: the UTF-8 attempt fails first
    CASES / "g0001" / "g0001.tabs.utf-8-sig.txt",
    CASES / "g0001" / "g0001.md",
    CASES / "g0001" / "g0001.layout.txt",
    CASES / "g0001" / "g0001.docx",
    CASES / "g0001" / "g0001.word.htm",
    CASES / "g0001" / "g0001.pdf",
    ROOT / "corpus" / "real" / "hongze-district-2023.pdf",
    ROOT / "corpus" / "real" / "pingtan-2024.html",
    ROOT / "corpus" / "real" / "town-2019.txt",
    ROOT / "corpus" / "real" / "template-2021-blank.docx",
]


def _cycles_left(read: Callable[[], object]) -> list[object]:
    """What stays in reference cycles of what `read` made and let go (after a
    first call, for the imports and one-time caches)."""
    read()
    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # the unreachable kept in gc.garbage, not freed
    try:
        read()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()
        if was_on:
            gc.enable()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_document_is_freed_without_the_cyclic_collector(path: Path) -> None:
    assert govreport.read(path).tables
    left = _cycles_left(lambda: govreport.read(path))
    assert not left, f"left in reference cycles: {Counter(type(o).__name__ for o in left).most_common(8)}"


def test_pdf_pages_with_characters_outside_the_bmp_make_no_cycles() -> None:
    """Such pages take another way from PDFium's text to the characters."""
    pdfs = [p for p in sorted(CASES.glob("*/*.pdf")) if not p.name.endswith(".scan.pdf")][:8]

    def read_all() -> None:
        for p in pdfs:
            govreport.read(p)

    left = _cycles_left(read_all)
    assert not left, f"left in reference cycles: {Counter(type(o).__name__ for o in left).most_common(8)}"
