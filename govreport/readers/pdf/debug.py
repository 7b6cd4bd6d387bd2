"""Draw what the table pipeline found over the page image, for debugging.

Rulings are red, shaded boxes (no rulings, read by the text fallbacks as
rows) yellow, the grid's column and row boundaries thin blue, and each cell a
green rectangle with its (row, col) and spans: the picture shows at once
whether a missed ruling merged two cells or a stray one split a cell.
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


def draw_debug(path_or_bytes: str | Path | bytes, page_number: int, out_png: str | Path) -> None:
    """Write `out_png`: page `page_number` (1-based) with rulings, grids and cells drawn on it."""
    import pdfplumber

    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pdfplumber.open(src) as pdf:
            if not 1 <= page_number <= len(pdf.pages):
                raise ValueError(f"page {page_number} is out of range (1–{len(pdf.pages)})")
            page = pdf.pages[page_number - 1]
            rulings = page_to_rulings(page, page_number)
            im = page.to_image(resolution=100)
            for box in rulings.shades:
                im.draw_rect(box, fill=(255, 220, 0, 60), stroke=(200, 160, 0), stroke_width=1)
            for s in rulings.horizontal:
                im.draw_line([(s.start, s.pos), (s.end, s.pos)], stroke="red", stroke_width=2)
            for s in rulings.vertical:
                im.draw_line([(s.pos, s.start), (s.pos, s.end)], stroke="red", stroke_width=2)
            for region in rulings_to_regions(rulings):
                grid = rulings_to_grid(region) or rulings_to_box(region)
                if grid is None:
                    continue
                x0, top, x1, bottom = grid.bbox
                for x in grid.xs:
                    im.draw_line([(x, top), (x, bottom)], stroke=(0, 0, 255, 90), stroke_width=1)
                for y in grid.ys:
                    im.draw_line([(x0, y), (x1, y)], stroke=(0, 0, 255, 90), stroke_width=1)
                for cb in grid_to_cells(grid):
                    cx0, ctop, cx1, cbottom = cb.bbox
                    im.draw_rect((cx0 + 1.5, ctop + 1.5, cx1 - 1.5, cbottom - 1.5),
                                 fill=(0, 255, 0, 25), stroke=(0, 160, 0), stroke_width=1)
                    label = f"{cb.row},{cb.col}"
                    if cb.row_span > 1 or cb.col_span > 1:
                        label += f" {cb.row_span}x{cb.col_span}"
                    im.draw.text((im.scale * (cx0 + 2), im.scale * (ctop + 2)), label, fill=(0, 120, 0))
            im.save(str(out_png), format="PNG")
            page.close()
