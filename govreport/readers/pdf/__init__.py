"""The PDF reader: text-layer PDFs (WPS, Word, LibreOffice exports) to blocks.

An engine gives each page's facts, one page at a time (`source`: characters,
lines and rectangles, page size; PDFium by default, pdfminer on request);
each page is reduced to text lines and table parts (`pages`); tables
come from a pipeline of named stages (`rulings` → `cells`, with the
`fallback` strategies for tables without a full ruling), pieces of a table
continued on the next page are found and their seams read (`seam`: a row or
a cell cut by the page break, a repeated header) and stacked into one table
(`join`), and the remaining lines become paragraphs and headings
(`layout`). Page numbers and running headers/footers are removed on the
way. Only the reduced pages are kept, so memory stays flat on long PDFs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from govreport.errors import ReadError
from govreport.model import Location
from govreport.readers import RawBlock, ReadContext, ReaderOutput
from govreport.readers.common import HeadingLeveler
from govreport.readers.pdf.join import ruled_chain_to_raw, text_chain_to_raw
from govreport.readers.pdf.layout import (
    body_margins,
    paragraph_block,
    starts_new,
    title_lines,
)
from govreport.readers.pdf.pages import PageFacts, TablePart, page_to_facts
from govreport.readers.pdf.seam import pages_to_chains
from govreport.readers.pdf.source import iter_source_pages, open_source
from govreport.readers.pdf.text import TextLine, glyphs_to_lines, is_page_number, margin_key

__all__ = ["facts_to_blocks", "ranges", "read_pdf"]

MARGIN = 0.12  # share of the page height at the top and bottom where page furniture sits


def iter_page_facts(data: bytes, ctx: ReadContext, out: ReaderOutput) -> Iterator[PageFacts]:
    """Open the PDF with the chosen engine and yield each page's facts, one page
    held at a time."""
    source = open_source(data, ctx)
    try:
        out.pages = len(source)
        failed = 0
        for number, got in iter_source_pages(source):
            if isinstance(got, Exception):
                failed += 1
                out.diag("pdf.page_unreadable", "error",
                         f"page {number} cannot be read ({type(got).__name__}: {got})",
                         Location(page=number))
                continue
            yield page_to_facts(got)
        if failed and failed == len(source):
            raise ReadError("corrupt PDF: no page could be read")
        out.diag("pdf.engine", "info", f"read with {source.describe()}", None)
    finally:
        source.close()


def read_pdf(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a PDF with a text layer into headings, paragraphs and raw tables
    (`govreport.read` holds off the cyclic garbage collector meanwhile:
    `govreport.readers.common.collector_paused`)."""
    out = ReaderOutput()
    pages = list(iter_page_facts(data, ctx, out))
    unmapped = [p.number for p in pages if p.n_unmapped]
    if unmapped:
        n = sum(p.n_unmapped for p in pages)
        out.diag("pdf.unmapped_glyphs", "warning",
                 f"page(s) {ranges(unmapped)}: {n} character(s) whose font gives no Unicode text "
                 "(a CID font without a ToUnicode map) are shown as U+FFFD", Location(page=unmapped[0]))
    blank = [p.number for p in pages if p.n_glyphs == 0]
    scanned = None
    if blank:
        from govreport.readers.scan import ocr_pdf_pages

        scanned = ocr_pdf_pages(data, pages, blank, out)
    facts_to_blocks(pages, out)
    if scanned is not None:
        scanned.annotate(out)
    return out


def facts_to_blocks(pages: list[PageFacts], out: ReaderOutput) -> None:
    """Headings, paragraphs and tables from the facts of every page, in order
    (page furniture dropped, tables continued across pages joined)."""
    _drop_page_furniture(pages)
    out.blocks = _assemble(pages, out)


def ranges(nums: list[int]) -> str:
    """Page numbers as ranges: ``1–3, 5``."""
    parts: list[str] = []
    start = prev = nums[0]
    for n in [*nums[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _in_margin(ln: TextLine, page: PageFacts) -> bool:
    return ln.bottom < MARGIN * page.height or ln.top > (1 - MARGIN) * page.height


def _drop_page_furniture(pages: list[PageFacts]) -> None:
    """Remove page numbers and running headers/footers (the same margin line on
    several pages, page numbers inside it ignored)."""
    seen: Counter[str] = Counter()
    for p in pages:
        seen.update({margin_key(ln.text) for ln in p.lines if _in_margin(ln, p)})
    repeat = max(2, len(pages) // 3) if len(pages) > 1 else 10**9
    for p in pages:
        p.lines = [
            ln for ln in p.lines
            if not (_in_margin(ln, p) and (is_page_number(ln.text) or seen[margin_key(ln.text)] >= repeat))
        ]


def _unbox(pages: list[PageFacts], chains: list[list[TablePart]]) -> list[list[TablePart]]:
    """A lone ruled box that continues no table is a framed paragraph: its
    text goes back among the page's lines."""
    lone = {id(c[0]) for c in chains if len(c) == 1 and c[0].box}
    if not lone:
        return chains
    for p in pages:
        boxes = [t for t in p.tables if id(t) in lone]
        if boxes:
            p.tables = [t for t in p.tables if id(t) not in lone]
            p.lines = sorted(p.lines + [ln for t in boxes for ln in glyphs_to_lines(t.glyphs)],
                             key=lambda ln: (ln.top, ln.x0))
    return [c for c in chains if id(c[0]) not in lone]


def _assemble(pages: list[PageFacts], out: ReaderOutput) -> list[RawBlock]:
    chains = _unbox(pages, pages_to_chains(pages))
    head_of: dict[int, list[TablePart]] = {id(c[0]): c for c in chains}
    all_lines = [ln for p in pages for ln in p.lines]
    margins = body_margins(all_lines)
    blocks: list[RawBlock] = []
    para: list[TextLine] = []
    para_page = 0
    leveler = HeadingLeveler()

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(paragraph_block(para, para_page, leveler))
            para = []

    n_table = 0
    for p in pages:
        lines = p.lines
        if p.number == 1:
            n = title_lines(lines, p.width, margins)
            if n:
                from govreport.model import Heading
                from govreport.readers.pdf.text import lines_to_text

                blocks.append(Heading(0, lines_to_text(lines[:n]), source=Location(page=1)))
                lines = lines[n:]
        items: list[tuple[float, int, TextLine | TablePart]] = [(ln.top, 1, ln) for ln in lines]
        items += [(t.bbox[1], 0, t) for t in p.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        prev: TextLine | None = para[-1] if para else None
        same_page = False
        for _, _, item in items:
            if isinstance(item, TablePart):
                flush()
                prev = None
                chain = head_of.get(id(item))
                if chain is None:
                    continue  # a continuation, already part of its table
                blocks.append(_chain_block(chain, n_table, out))
                n_table += 1
                continue
            if prev is None or starts_new(prev, item, margins, same_page):
                flush()
                para_page = p.number
            para.append(item)
            prev = item
            same_page = True
        # a paragraph may run on to the next page
    flush()
    return blocks


def _chain_block(chain: list[TablePart], index: int, out: ReaderOutput) -> RawBlock:
    if chain[0].grid is not None:
        raw, dropped = ruled_chain_to_raw(chain)
    else:
        raw, dropped = text_chain_to_raw(chain)
    where = Location(page=chain[0].page)
    out.diag("pdf.table_strategy", "info",
             f"table {index + 1} (page {chain[0].page}) read with the {raw.strategy} strategy", where)
    if len(chain) > 1:
        pages = [c.page for c in chain]
        repeated = sum(1 for d in dropped if d)
        note = f"; repeated header rows dropped on {repeated} page(s)" if repeated else ""
        out.diag("pdf.table_continued", "info",
                 f"table {index + 1} continues over pages {', '.join(map(str, pages))}{note}", where)
    return raw
