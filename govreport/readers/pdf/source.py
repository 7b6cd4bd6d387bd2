"""The PDF pipeline's first stage: what a page prints, as small facts.

Everything after this stage (rulings, grids, cells, text lines, the table
fallbacks, joining pages) reads only these facts, so it does not care which
library parsed the PDF. Two engines give them: PDFium through pypdfium2
(`source_pdfium`, the default: fast, memory released page by page) and
pdfminer through pdfplumber (`source_plumber`, kept for comparison and used
by the debug drawing).

Coordinates are points from the top-left corner of the page *as displayed*:
the crop box, turned by the page's /Rotate. A character's box is its advance
across and one em up from its baseline, whatever ascent and descent its font
claims, so that both engines give the same box for the same character.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from govreport.errors import EmptyInputError, LimitExceededError, ReadError
from govreport.options import PDF_ENGINES
from govreport.readers import ReadContext

SUBSET = re.compile(r"^[A-Z]{6}\+")
_TEXT = operator.attrgetter("text")
UNMAPPED = "\ufffd"  # the text of a character whose font gives no Unicode for it

RGB = tuple[float, float, float]


class SourceChar(NamedTuple):
    """One printed character.

    `text` is U+FFFD when the font maps the glyph to no Unicode (a CID font
    without a ToUnicode map): the glyph code is never passed off as text.
    `upright` is False for characters printed turned or slanted. `color` is
    the fill colour as RGB in 0–1 (None when the engine cannot say).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    color: RGB | None
    upright: bool = True


class SourcePath(NamedTuple):
    """A straight line or an axis-aligned rectangle from the page's path objects.

    Curves and other shapes are left out: a table is drawn with lines and
    rectangles. `stroke` and `fill` say how the path was painted, with its
    stroke and fill colours (RGB in 0–1, None when unknown).
    """

    rect: bool
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: bool
    fill: bool
    stroke_color: RGB | None
    fill_color: RGB | None


@dataclass(slots=True)
class SourcePage:
    """The facts of one page, as displayed (rotation applied, crop box as the frame).

    `rotation` is the page's /Rotate (0, 90, 180, 270); `crop_box` is the
    visible area in the PDF's own unrotated user space (x0, y0, x1, y1),
    kept for the record: every coordinate here is already relative to it.
    """

    number: int
    width: float
    height: float
    rotation: int
    crop_box: tuple[float, float, float, float]
    chars: list[SourceChar] = field(default_factory=list)
    paths: list[SourcePath] = field(default_factory=list)
    n_images: int = 0
    n_unmapped: int = field(init=False)  # characters printed as U+FFFD: no Unicode for their glyph

    def __post_init__(self) -> None:
        self.n_unmapped = list(map(_TEXT, self.chars)).count(UNMAPPED)


class PageSource(Protocol):
    """An open PDF that gives its pages' facts one at a time."""

    engine: str

    def __len__(self) -> int: ...

    def page(self, index: int) -> SourcePage:
        """The facts of page `index` (0-based); the engine's page is released before returning."""
        ...

    def describe(self) -> str:
        """The engine that read the pages, for the diagnostic naming it."""
        ...

    def close(self) -> None: ...


def check_pdf_bytes(data: bytes, ctx: ReadContext) -> None:
    """Refuse what is no PDF before an engine sees it."""
    if not data.strip():
        raise EmptyInputError("file is empty", source=ctx.name)
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF- header)", source=ctx.name)


def check_page_count(n: int, ctx: ReadContext) -> None:
    if n == 0:
        raise ReadError("corrupt or truncated PDF (no pages found)")
    if n > ctx.options.max_pdf_pages:
        raise LimitExceededError(
            f"the PDF has {n} pages, over the limit of {ctx.options.max_pdf_pages} "
            "(ReadOptions.max_pdf_pages)"
        )


def open_source(data: bytes, ctx: ReadContext, engine: str | None = None) -> PageSource:
    """Open the PDF with `engine` (default: the read options' `pdf_engine`)."""
    name = engine or ctx.options.pdf_engine
    check_pdf_bytes(data, ctx)
    if name == "pdfplumber":
        from govreport.readers.pdf.source_plumber import PlumberSource

        return PlumberSource(data, ctx)
    if name == "pypdfium2":
        from govreport.readers.pdf.source_pdfium import PdfiumSource

        return PdfiumSource(data, ctx)
    raise ValueError(f"unknown PDF engine {name!r} (one of {', '.join(PDF_ENGINES)})")


def display_transform(
    rotation: int, crop: tuple[float, float, float, float]
) -> tuple[float, float, float, float, float, float]:
    """The affine map (a, b, c, d, e, f) from PDF user space to the displayed
    page: X = a·x + c·y + e, Y = b·x + d·y + f, Y growing downwards from the
    top edge of the crop box turned by `rotation` (clockwise)."""
    x0, y0, x1, y1 = crop
    if rotation == 90:
        return (0.0, 1.0, 1.0, 0.0, -y0, -x0)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, 1.0, x1, -y0)
    if rotation == 270:
        return (0.0, -1.0, -1.0, 0.0, y1, x1)
    return (1.0, 0.0, 0.0, -1.0, -x0, y1)


def map_box(
    t: tuple[float, float, float, float, float, float], x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float, float, float]:
    """A box's corners mapped by the affine `t`: (x0, top, x1, bottom) on the displayed page."""
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0)):
        xs.append(t[0] * x + t[2] * y + t[4])
        ys.append(t[1] * x + t[3] * y + t[5])
    return (min(xs), min(ys), max(xs), max(ys))


def font_name(name: str) -> str:
    """A font's name without its subset tag (``ABCDEF+``)."""
    return SUBSET.sub("", name)


def displayed_size(rotation: int, crop: tuple[float, float, float, float]) -> tuple[float, float]:
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    return (h, w) if rotation in (90, 270) else (w, h)


def iter_source_pages(source: PageSource) -> Iterator[tuple[int, SourcePage | Exception]]:
    """Each page's facts (1-based number first), or the error that spoiled that page alone."""
    for i in range(len(source)):
        try:
            yield i + 1, source.page(i)
        except Exception as exc:  # a broken content stream spoils one page only
            yield i + 1, exc
