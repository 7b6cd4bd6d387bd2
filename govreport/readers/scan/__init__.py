"""Scanned reports: pages without a text layer, and page images, read by OCR.

With the ``ocr`` extra (``pip install govreport[ocr]``), a PDF page that has
no text layer is rendered with pypdfium2 and read by the PP-OCRv4 models
shipped inside ``rapidocr-onnxruntime`` (nothing is downloaded, ever); PNG,
JPEG and TIFF files (every page of a multi-page TIFF) are read the same way.
Each page is deskewed, its rulings found by morphology and its text read
(`page`); the page then goes through the PDF reader's own stages, so tables
come out as raw tables with their spans (or, without rulings, from the
text-line fallbacks) for the one table builder. Every cell read by OCR keeps
its confidence (`ReaderOutput.readings`); `verify` marks the cells of failed
identities ``uncertain``. Without the extra, a scanned PDF gives an error
diagnostic that says how to install it, never an empty success.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from govreport.errors import ReadError
from govreport.model import Location
from govreport.readers import CellReading, ReadContext, ReaderOutput
from govreport.readers.pdf.pages import PageFacts
from govreport.readers.scan.engine import INSTALL_HINT, OcrUnavailable, get_engine
from govreport.readers.scan.labels import ReadChar, fragment_of, reread_label, respell
from govreport.readers.scan.lines import value_specks
from govreport.readers.scan.page import OcrGlyph, ScannedPage
from govreport.readers.scan.widths import cell_widths
from govreport.tables.raw import RawCell, RawTable

__all__ = ["INSTALL_HINT", "OcrUnavailable", "ScanResult", "ocr_pdf_pages", "read_image"]

MAX_ALTERNATIVES = 4
LOW_CONFIDENCE = 0.8


@dataclass(slots=True)
class ScanResult:
    """The pages read by OCR, with every glyph's reading, for the cells' confidences."""

    pages: dict[int, ScannedPage]

    def annotate(self, out: ReaderOutput) -> None:
        """Settle the bracket widths of cells printed over several lines and read
        again the labels that evidenced edits make official (`labels`), then give
        every raw cell printed on an OCR'd page its reading."""
        for b, block in enumerate(out.blocks):
            if isinstance(block, RawTable):
                out.blocks[b] = block = self._reread(block, out)
                for row in block.rows:
                    for cell in row:
                        loc = cell.source
                        if loc is None or loc.page not in self.pages or loc.bbox is None:
                            continue
                        reading = cell_reading(self.pages[loc.page].glyphs, loc.bbox, cell.text)
                        if reading is not None:
                            out.readings[loc] = reading

    def _reread(self, table: RawTable, out: ReaderOutput) -> RawTable:
        """The table with each OCR'd cell's bracket widths settled across its lines
        (`widths.cell_widths`), the specks read around a value dropped
        (`lines.value_specks`) and its label read again (`labels`)."""
        rows = []
        changed = False
        for row in table.rows:
            cells = []
            for cell in row:
                loc = cell.source
                if loc is not None and loc.page in self.pages and loc.bbox is not None:
                    text, chars = read_cell(self.pages[loc.page].glyphs, loc.bbox, cell.text)
                    found = reread_label(chars) if chars else None
                    if found is not None:
                        reread = found.apply(text)
                        out.diag("scan.label_reread", "info",
                                 f"page {loc.page}: the label read by OCR as {_flat(text)!r} is "
                                 f"read as {_flat(reread)!r}, the format's {found.label!r} "
                                 f"({found.edits} character(s) the model doubted or saw otherwise)",
                                 loc)
                        text = reread
                    if text != cell.text:
                        cell = replace(cell, text=text)
                        changed = True
                cells.append(cell)
            changed = self._repeats(cells, out) or changed
            rows.append(tuple(cells))
        return replace(table, rows=tuple(rows)) if changed else table

    def _repeats(self, cells: list[RawCell], out: ReaderOutput) -> bool:
        """Give a label cell that OCR read as a fragment of the label beside it (the
        same label printed twice, a merged cell printed as separate ones, maybe
        with empty cells between) its neighbour's text, so that the repeat is seen
        for what it is; the fragment as read is named in a diagnostic."""
        changed = False
        filled = [k for k, cell in enumerate(cells) if cell.text.strip()]
        for n, k in enumerate(filled):
            cell = cells[k]
            loc = cell.source
            if loc is None or loc.page not in self.pages:
                continue
            for j in filled[max(0, n - 1):n] + filled[n + 1:n + 2]:
                if fragment_of(cell.text, cells[j].text):
                    out.diag("scan.label_reread", "info",
                             f"page {loc.page}: the label read by OCR as {_flat(cell.text)!r} is "
                             f"read as a repeat of the label beside it, {_flat(cells[j].text)!r} "
                             "(part of its characters lost)", loc)
                    cells[k] = replace(cell, text=cells[j].text)
                    changed = True
                    break
        return changed


def _flat(text: str) -> str:
    return "".join(text.split())


def _glyphs_in(glyphs: Sequence[OcrGlyph],
               bbox: tuple[float, float, float, float]) -> list[tuple[int, OcrGlyph]]:
    """The glyphs whose centre lies in `bbox`, in reading order, each with the number
    of its printed line: a glyph whose centre is within half its size of a line's
    first glyph belongs to that line (the lines of a wrapped label may be read at
    slightly different sizes, so no fixed grid of heights tells them apart)."""
    x0, top, x1, bottom = bbox
    mine = sorted((g for g in glyphs if x0 <= g.cx <= x1 and top <= g.cy <= bottom), key=lambda g: g.cy)
    lines: list[list[OcrGlyph]] = []
    for g in mine:
        if lines and abs(g.cy - lines[-1][0].cy) <= 0.5 * max(g.size, lines[-1][0].size, 1.0):
            lines[-1].append(g)
        else:
            lines.append([g])
    return [(k, g) for k, line in enumerate(lines) for g in sorted(line, key=lambda g: g.x0)]


def read_cell(glyphs: Sequence[OcrGlyph], bbox: tuple[float, float, float, float],
              text: str) -> tuple[str, list[ReadChar]]:
    """The text of the cell at `bbox` with its bracket widths settled across its
    lines and the specks around a value dropped, and its characters as read, each
    knowing whether it begins or ends a printed line; `text` and no characters
    unless the cell's text is exactly those glyphs."""
    placed = _glyphs_in(glyphs, bbox)
    if not placed or "".join(g.text for _, g in placed) != "".join(text.split()):
        return text, []
    texts = cell_widths([(g.text, g.width_guessed) for _, g in placed])
    texts = value_specks(texts, [g.prob for _, g in placed])
    lines = [line for line, _ in placed]
    chars = [ReadChar(t, g.prob, g.alt, k == 0 or lines[k - 1] != lines[k],
                      k + 1 == len(placed) or lines[k + 1] != lines[k])
             for k, (t, (_, g)) in enumerate(zip(texts, placed)) if t]
    return respell(text, texts), chars


def cell_reading(glyphs: Sequence[OcrGlyph], bbox: tuple[float, float, float, float],
                 text: str) -> CellReading | None:
    """The confidence of the glyphs whose centre lies in `bbox` and, when the cell's
    text is exactly those glyphs in reading order, its alternative readings."""
    mine = [g for _, g in _glyphs_in(glyphs, bbox)]
    if not mine:
        return None
    confidence = round(min(g.prob for g in mine), 4)
    alternatives: list[str] = []
    if "".join(g.text for g in mine) == "".join(text.split()):
        ranked = sorted((k for k, g in enumerate(mine) if g.alt), key=lambda k: -mine[k].alt_prob)
        for k in ranked[:MAX_ALTERNATIVES]:
            alt = mine[k].alt
            assert alt is not None
            alternatives.append("".join(alt if i == k else g.text for i, g in enumerate(mine)))
    return CellReading(confidence, tuple(alternatives))


def ocr_pdf_pages(data: bytes, pages: list[PageFacts], numbers: list[int],
                  out: ReaderOutput) -> ScanResult | None:
    """Read the PDF pages that have no text layer by OCR, replacing their facts in
    `pages`. Without the OCR extra, an error diagnostic names the pages and the fix."""
    from govreport.readers.pdf import ranges
    from govreport.readers.scan.images import render_pdf_pages
    from govreport.readers.scan.page import read_page

    where = Location(page=numbers[0])
    try:
        engine = get_engine()
    except OcrUnavailable as exc:
        whole = len(numbers) == len(pages)
        what = "the PDF is scanned: no page has" if whole else f"page(s) {ranges(numbers)} have"
        out.diag("pdf.no_text_layer", "error",
                 f"{what} a text layer (page images); they are not read. To read them by OCR: "
                 f"{INSTALL_HINT} ({exc.message})", where)
        return None
    by_number = {p.number: k for k, p in enumerate(pages)}
    result = ScanResult({})
    for image in render_pdf_pages(data, numbers):
        scanned = read_page(engine, image)
        pages[by_number[image.number]] = scanned.facts
        result.pages[image.number] = scanned
    _report(result, numbers, len(pages), out)
    return result


def _report(result: ScanResult, numbers: list[int], n_pages: int, out: ReaderOutput) -> None:
    from govreport.readers.pdf import ranges

    read = [n for n in numbers if result.pages[n].n_lines]
    glyphs = [g for n in numbers for g in result.pages[n].glyphs]
    low = sum(1 for g in glyphs if g.prob < LOW_CONFIDENCE)
    skews = [abs(result.pages[n].skew) for n in numbers]
    what = "every page" if len(numbers) == n_pages else f"page(s) {ranges(numbers)}"
    out.diag("scan.ocr_pages", "info",
             f"{what} without a text layer read by OCR (PP-OCRv4): {len(glyphs)} characters, "
             f"{low} below {LOW_CONFIDENCE:.0%} confidence; tilt up to {max(skews, default=0):.2f}° "
             "corrected", Location(page=numbers[0]))
    empty = [n for n in numbers if n not in read]
    if empty:
        out.diag("scan.blank_pages", "info", f"page(s) {ranges(empty)} show no text",
                 Location(page=empty[0]))


def read_image(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a scanned report given as images: PNG, JPEG or TIFF (every page of a
    multi-page TIFF), one page per image frame."""
    from govreport.readers.pdf import facts_to_blocks
    from govreport.readers.scan.images import image_pages
    from govreport.readers.scan.page import read_page

    out = ReaderOutput()
    try:
        engine = get_engine()
    except OcrUnavailable as exc:
        raise OcrUnavailable(f"{exc.message}; images are read by OCR only", source=ctx.name) from exc
    pages: list[PageFacts] = []
    result = ScanResult({})
    for image in image_pages(data, ctx.name):
        if image.number > ctx.options.max_pdf_pages:
            raise ReadError(f"the image has more than {ctx.options.max_pdf_pages} pages "
                            "(ReadOptions.max_pdf_pages)", source=ctx.name)
        scanned = read_page(engine, image)
        pages.append(scanned.facts)
        result.pages[image.number] = scanned
    out.pages = len(pages)
    _report(result, [p.number for p in pages], len(pages), out)
    facts_to_blocks(pages, out)
    result.annotate(out)
    return out
