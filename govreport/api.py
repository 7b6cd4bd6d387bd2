"""The library's main call: `read` one report (`govreport.batch.convert_many` reads many)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from govreport.errors import EmptyInputError, LimitExceededError, ReadError, StrictModeError
from govreport.formats import Format, detect_format, get_format, suffix_mismatch
from govreport.model import (
    Block,
    Diagnostic,
    Document,
    Heading,
    Location,
    Metadata,
    Paragraph,
    SourceInfo,
    Table,
)
from govreport.options import ReadOptions
from govreport.readers import CellReading, ReadContext, ReaderOutput
from govreport.readers.common import collector_paused
from govreport.tables.builder import build_table
from govreport.tables.raw import RawTable
from govreport.tables.template import section_kind

Source = str | os.PathLike[str] | bytes | IO[bytes]


def _load_bytes(src: Source, name: str | None, options: ReadOptions) -> tuple[bytes, str, str]:
    """The input's bytes, its name (for SourceInfo) and a label for messages (the path)."""
    limit = options.max_input_bytes
    if isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        name = label = name or "<bytes>"
    elif isinstance(src, (str, os.PathLike)):
        path = Path(src)
        name = name or path.name
        label = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ReadError(f"cannot open: {exc.strerror or exc}", source=str(path)) from exc
        if path.is_dir():
            raise ReadError("is a directory, not a file", source=str(path))
        if size > limit:
            raise LimitExceededError(
                f"file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit "
                "(ReadOptions.max_input_bytes)",
                source=label,
            )
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    else:
        name = label = str(name or getattr(src, "name", None) or "<stream>")
        data = src.read(limit + 1)
    if len(data) > limit:
        raise LimitExceededError(
            f"input is over the {limit / 1048576:.0f} MB limit (ReadOptions.max_input_bytes)",
            source=label,
        )
    return data, str(name), label


def read(
    src: Source,
    *,
    options: ReadOptions | Mapping[str, Any] | None = None,
    name: str | None = None,
) -> Document:
    """Read one report into a `Document`: its blocks, rebuilt tables and report.

    `src` is a path, the file's bytes, or a binary stream. The format is
    sniffed from the bytes (magic first, the suffix of `name` or of the path
    second, text last); `name` is the file name recorded in
    ``doc.source.name`` and in errors (default: the path's name, ``<bytes>``).

    `options` is a `ReadOptions`, a mapping of its fields, or None:
    ``format`` forces a reader (``txt``, ``docx``, ``doc``, ``pdf``);
    ``strict`` turns warning and error diagnostics into a `StrictModeError`;
    ``max_input_bytes``, ``max_zip_member_bytes``, ``max_zip_ratio`` and
    ``max_pdf_pages`` are the safety limits; ``soffice`` and
    ``soffice_timeout`` say how .doc/.wps files are converted. An unknown
    option is an `OptionsError`.

    Raises only when no document can be produced, always a `GovReportError`
    naming the file: `EmptyInputError` (no bytes), `UnsupportedFormatError`
    (a ``.pdf`` that is not a PDF, an unknown forced format),
    `EncryptedError` (password-protected), `LimitExceededError` (over a
    limit), `ReadError` (corrupt, truncated, binary), `MissingToolError`
    (LibreOffice missing for .doc), `StrictModeError`. Everything short of
    that is a `Diagnostic` on the document.
    """
    opts = ReadOptions.resolve(options)
    data, name, label = _load_bytes(src, name, opts)
    if not data.strip():
        raise EmptyInputError("file is empty" if not data else "file holds only whitespace", source=label)
    try:
        fmt = get_format(opts.format) if opts.format else detect_format(data, name)
    except ReadError as exc:
        exc.source = label
        raise
    ctx = ReadContext(name=name, options=opts)
    with collector_paused():
        doc = _convert(fmt, data, ctx, label)
    if opts.strict:
        bad = [d for d in doc.diagnostics if d.severity in ("warning", "error")]
        if bad:
            first = bad[0]
            raise StrictModeError(
                f"{len(bad)} diagnostic(s) in strict mode, first: {first.code}: {first.message}",
                source=label,
            )
    return doc


def _convert(fmt: Format, data: bytes, ctx: ReadContext, label: str) -> Document:
    """The reader's output for `data`, its tables built and its report analysed."""
    name, opts = ctx.name, ctx.options
    try:
        out = fmt.read(data, ctx)
    except ReadError as exc:
        exc.source = label
        raise
    except (RecursionError, MemoryError) as exc:
        raise ReadError(f"cannot read {fmt.name}: {type(exc).__name__}", source=label) from exc
    mismatch = None if opts.format else suffix_mismatch(fmt, name)
    if mismatch:
        out.diag("source.suffix_mismatch", "info", mismatch)
    source = SourceInfo(
        name=name,
        format=fmt.name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        charset=out.charset,
        charset_confidence=out.charset_confidence,
        pages=out.pages,
    )
    built = assemble(source, out, opts.max_table_cells)
    from govreport.report import analyse

    doc = analyse(built)
    if out.readings:
        from govreport.readers.scan.verify import verify_ocr

        doc = verify_ocr(built, doc, out.readings)
    return doc


def assemble(source: SourceInfo, out: ReaderOutput, max_table_cells: int | None = None) -> Document:
    """Build every raw table into a grid and put the blocks in document order.

    A nested table (a table inside a cell) becomes its own table, placed right
    after the table that holds it and referenced from the cell's `nested`.
    Each table is built knowing the section it stands in (a heading such as
    三、收到和处理政府信息公开申请情况 calls for table 3). Tables past
    `max_table_cells` grid slots in all (no report holds such tables; a file
    of tab-separated data may) keep their rows as paragraphs, with a warning,
    so that the cost of a document stays bounded.
    """
    assembly = _Assembly(list(out.diagnostics), out.readings)
    blocks = assembly.blocks
    cells_left = max_table_cells if max_table_cells is not None else float("inf")
    for block in out.blocks:
        if isinstance(block, RawTable):
            size = _area(block)
            if size > cells_left:
                assembly.diags.append(Diagnostic(
                    "table.too_large", "warning",
                    f"a table of {size} grid slots is past the limit of {max_table_cells} slots per document "
                    "(ReadOptions.max_table_cells); its rows are kept as paragraphs", block.source))
                blocks.extend(Paragraph("\t".join(c.text for c in row), block.source)
                              for row in block.rows if row)
                continue
            cells_left -= size
            assembly.add_table(block)
        else:
            if isinstance(block, Heading):
                assembly.section = section_kind(block.text) or assembly.section
            blocks.append(block)
    return Document(source=source, metadata=Metadata(), blocks=tuple(blocks),
                    diagnostics=tuple(assembly.diags))


class _Assembly:
    """A document's blocks as they are put in order, and what its tables are built with.

    (A class, not a closure calling itself: such a closure is a reference cycle
    that would keep the reader's whole output alive until the cyclic collector
    runs.)
    """

    __slots__ = ("blocks", "diags", "n_tables", "readings", "section")

    def __init__(self, diags: list[Diagnostic], readings: dict[Location, CellReading]) -> None:
        self.blocks: list[Block] = []
        self.diags = diags
        self.n_tables = 0
        self.readings = readings
        self.section: str | None = None

    def add_table(self, raw: RawTable) -> None:
        """Build `raw` in its place, then the tables nested in its cells right after it."""
        index = self.n_tables
        self.n_tables += 1
        slot = len(self.blocks)
        self.blocks.append(Table(0, 0, ()))  # placeholder, keeps document order
        nested_refs: dict[tuple[int, int], tuple[int, ...]] = {}
        for r, row in enumerate(raw.rows):
            for c, cell in enumerate(row):
                if cell.nested:
                    refs = []
                    for sub in cell.nested:
                        refs.append(self.n_tables)
                        self.add_table(sub)
                    nested_refs[(r, c)] = tuple(refs)
        table = build_table(raw, index, self.diags, nested_refs, self.section)
        if self.readings:
            table = _with_readings(table, self.readings)
        self.blocks[slot] = table


def _area(raw: RawTable) -> int:
    """Grid slots a raw table will take (rows × its widest row; one very wide row widens
    them all), those of the tables nested in its cells included."""
    width = raw.n_cols or 0
    nested = 0
    for row in raw.rows:  # one pass over the cells: this runs on every table of a batch
        row_width = 0
        for c in row:
            span = c.col_span
            row_width += span if span and span > 1 else 1
            if c.nested:
                nested += sum(_area(sub) for sub in c.nested)
        width = max(width, row_width)
    return len(raw.rows) * width + nested


def _with_readings(table: Table, readings: dict[Location, CellReading]) -> Table:
    """The table with the OCR confidence of every cell that was read by OCR."""
    cells = tuple(
        replace(c, confidence=readings[c.source].confidence)
        if c.source is not None and c.source in readings else c
        for c in table.cells
    )
    return replace(table, cells=cells)
