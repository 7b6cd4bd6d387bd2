"""Page facts from pdfplumber (pdfminer): the slower engine, kept for comparison.

pdfminer reports positions in its own frame (the media box turned by the
page's rotation, origin at the bottom left) and pdfplumber shifts them by
the media box's corner in ways that depend on the box; here they are taken
back to pdfminer's frame and mapped onto the displayed crop box, the frame
of `source`. pdfminer's caches of parsed fonts are kept bounded, so memory
stays flat on long PDFs that bring new fonts on every page.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import Any

from govreport.errors import EncryptedError, ReadError
from govreport.readers import ReadContext
from govreport.readers.pdf.source import (
    RGB,
    UNMAPPED,
    SourceChar,
    SourcePage,
    SourcePath,
    check_page_count,
    display_transform,
    displayed_size,
    font_name,
    map_box,
)

FONT_CACHE = 32  # parsed fonts kept before pdfminer's caches are emptied
CID = re.compile(r"^\(cid:\d+\)$")

Matrix = tuple[float, float, float, float, float, float]


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (pdfminer's row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def _pdfminer_ctm(rotation: int, media: Sequence[float]) -> Matrix:
    """The matrix pdfminer puts in front of a page's content (pdfinterp.process_page)."""
    x0, y0, x1, y1 = (float(v) for v in media)
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


def _rgb(color: Any) -> RGB | None:
    """A pdfminer colour (gray, RGB or CMYK components) as RGB in 0–1."""
    if isinstance(color, (int, float)):
        g = float(color)
        return (g, g, g)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None
    v = [float(x) for x in color]
    if len(v) == 1:
        return (v[0], v[0], v[0])
    if len(v) == 3:
        return (v[0], v[1], v[2])
    if len(v) == 4:
        c, m, y, k = v
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


class PlumberSource:
    """An open PDF read through pdfplumber."""

    engine = "pdfplumber"

    def __init__(self, data: bytes, ctx: ReadContext) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                self._pdf = pdfplumber.open(io.BytesIO(data))
                n = len(self._pdf.pages)
            except PDFPasswordIncorrect as exc:
                raise EncryptedError("the PDF is password-protected (a user password is set)") from exc
            except Exception as exc:
                inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
                cause = inner or exc.__cause__ or exc.__context__ or exc
                if isinstance(cause, PDFPasswordIncorrect):
                    raise EncryptedError(
                        "the PDF is password-protected (a user password is set)"
                    ) from exc
                detail = f"{type(cause).__name__}: {cause}".rstrip(": ")
                raise ReadError(f"corrupt or truncated PDF ({detail})") from exc
        try:
            check_page_count(n, ctx)
        except ReadError:
            self._pdf.close()
            raise
        self._n = n

    def __len__(self) -> int:
        return self._n

    def page(self, index: int) -> SourcePage:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pdfminer warns about harmless font and xref quirks
            page = self._pdf.pages[index]
            try:
                return plumber_page_facts(page, index + 1)
            finally:
                page.close()
                self._bound_caches()

    def describe(self) -> str:
        return self.engine

    def close(self) -> None:
        self._pdf.close()

    def _bound_caches(self) -> None:
        """Keep pdfminer's font and object caches from growing with the page count.

        A report uses a handful of fonts, shared by every page; a PDF put together
        from many documents brings new ones on every page, and the parsed fonts
        (with their CMaps and embedded font programs) would otherwise stay in
        memory to the end. Past `FONT_CACHE` fonts, both caches start afresh.
        """
        pdf = self._pdf
        fonts = getattr(getattr(pdf, "rsrcmgr", None), "_cached_fonts", None)
        if not isinstance(fonts, dict) or len(fonts) <= FONT_CACHE:
            return
        fonts.clear()
        for name in ("_cached_objs", "_parsed_objs"):
            cache = getattr(pdf.doc, name, None)
            if isinstance(cache, dict):
                cache.clear()


def _crop_box(page: Any) -> tuple[float, float, float, float]:
    media = [float(v) for v in page.page_obj.mediabox]
    crop = [float(v) for v in page.page_obj.cropbox]
    mx0, my0, mx1, my1 = min(media[0], media[2]), min(media[1], media[3]), \
        max(media[0], media[2]), max(media[1], media[3])
    cx0, cy0, cx1, cy1 = min(crop[0], crop[2]), min(crop[1], crop[3]), \
        max(crop[0], crop[2]), max(crop[1], crop[3])
    box = (max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1))
    if box[2] - box[0] <= 1 or box[3] - box[1] <= 1:
        return (mx0, my0, mx1, my1)
    return box


def plumber_page_facts(page: Any, number: int) -> SourcePage:
    """The facts of one pdfplumber page, in the displayed crop box's frame."""
    rotation = int(page.page_obj.rotate) % 360
    if rotation not in (0, 90, 180, 270):
        rotation = 0
    crop = _crop_box(page)
    # pdfminer frame → user space → displayed page
    t = _mult(_invert(_pdfminer_ctm(rotation, page.page_obj.mediabox)),
              display_transform(rotation, crop))
    upright_frame = t[0] == 1 and t[1] == 0 and t[2] == 0 and t[3] == -1
    mb_x0 = float(page.mediabox[0])
    width, height = displayed_size(rotation, crop)
    chars: list[SourceChar] = []
    for ch in page.chars:
        text = ch.get("text") or ""
        if not text or text.isspace():
            continue
        if CID.match(text):
            text = UNMAPPED
        m = ch.get("matrix") or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        a, b, c, d = (float(v) for v in m[:4])
        x0, x1 = float(ch["x0"]) - mb_x0, float(ch["x1"]) - mb_x0
        y0, y1 = float(ch["y0"]), float(ch["y1"])
        font = font_name(str(ch.get("fontname") or ""))
        color = _rgb(ch.get("non_stroking_color"))
        vertical = abs(x0 - float(m[4])) > 0.01  # vertical writing: the origin is the glyph's top middle
        if upright_frame and b == 0 and c == 0 and a > 0 and d > 0 and not vertical:
            size = float(ch.get("size") or (y1 - y0) or 1.0)
            base = t[3] * float(m[5]) + t[5]
            chars.append(SourceChar(text, x0 + t[4], x1 + t[4], base - size, base, size, font, color))
        else:
            bx0, btop, bx1, bbottom = map_box(t, x0, y0, x1, y1)
            size = float(ch.get("size") or (bbottom - btop) or 1.0)
            upright = vertical and b == 0 and c == 0 and a > 0 and d > 0 and upright_frame
            chars.append(SourceChar(text, bx0, bx1, btop, bbottom, size, font, color, upright))
    paths: list[SourcePath] = []
    for objs, rect in ((page.lines, False), (page.rects, True)):
        for o in objs:
            x0, x1 = float(o["x0"]) - mb_x0, float(o["x1"]) - mb_x0
            bx0, btop, bx1, bbottom = map_box(t, x0, float(o["y0"]), x1, float(o["y1"]))
            paths.append(SourcePath(
                rect, bx0, btop, bx1, bbottom, bool(o.get("stroke")), bool(o.get("fill")),
                _rgb(o.get("stroking_color")), _rgb(o.get("non_stroking_color")),
            ))
    return SourcePage(number, width, height, rotation, crop, chars, paths, len(page.images))
