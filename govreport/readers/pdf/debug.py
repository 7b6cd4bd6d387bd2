"""Draw what the table pipeline found over the page image, for debugging.

Rulings are red, shaded boxes (no rulings, read by the text fallbacks as
rows) yellow, the grid's column and row boundaries thin blue, and each cell a
green rectangle with its (row, col) and spans: the picture shows at once
whether a missed ruling merged two cells or a stray one split a cell.

The facts come from the pdfplumber engine (the slow, independent reading);
the picture is PDFium's rendering of the page as displayed (crop box,
rotation), which is the frame every fact is given in.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from govreport.readers.pdf.cells import grid_to_cells
from govreport.readers.pdf.rulings import (
    page_to_rulings,
    rulings_to_box,
    rulings_to_grid,
    rulings_to_regions,
)
from govreport.readers.pdf.source_plumber import plumber_page_facts

RESOLUTION = 100  # pixels per inch of the picture


def draw_debug(path_or_bytes: str | Path | bytes, page_number: int, out_png: str | Path) -> None:
    """Write `out_png`: page `page_number` (1-based) with rulings, grids and cells drawn on it."""
    import pdfplumber
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not 1 <= page_number <= len(pdf.pages):
                raise ValueError(f"page {page_number} is out of range (1–{len(pdf.pages)})")
            page = pdf.pages[page_number - 1]
            facts = plumber_page_facts(page, page_number)
            page.close()
    scale = RESOLUTION / 72
    doc = pdfium.PdfDocument(data)
    try:
        im = doc[page_number - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    draw = ImageDraw.Draw(im, "RGBA")

    def box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)

    def line(x0: float, y0: float, x1: float, y1: float, color: object, width: int) -> None:
        draw.line([(x0 * scale, y0 * scale), (x1 * scale, y1 * scale)], fill=color, width=width)  # type: ignore[arg-type]

    rulings = page_to_rulings(facts)
    for shade in rulings.shades:
        draw.rectangle(box(shade), fill=(255, 220, 0, 60), outline=(200, 160, 0), width=1)
    for s in rulings.horizontal:
        line(s.start, s.pos, s.end, s.pos, (255, 0, 0), 2)
    for s in rulings.vertical:
        line(s.pos, s.start, s.pos, s.end, (255, 0, 0), 2)
    for region in rulings_to_regions(rulings):
        grid = rulings_to_grid(region) or rulings_to_box(region)
        if grid is None:
            continue
        x0, top, x1, bottom = grid.bbox
        for x in grid.xs:
            line(x, top, x, bottom, (0, 0, 255, 90), 1)
        for y in grid.ys:
            line(x0, y, x1, y, (0, 0, 255, 90), 1)
        for cb in grid_to_cells(grid):
            cx0, ctop, cx1, cbottom = cb.bbox
            draw.rectangle(box((cx0 + 1.5, ctop + 1.5, cx1 - 1.5, cbottom - 1.5)),
                           fill=(0, 255, 0, 25), outline=(0, 160, 0), width=1)
            label = f"{cb.row},{cb.col}"
            if cb.row_span > 1 or cb.col_span > 1:
                label += f" {cb.row_span}x{cb.col_span}"
            draw.text((scale * (cx0 + 2), scale * (ctop + 2)), label, fill=(0, 120, 0))
    im.save(str(out_png), format="PNG")
