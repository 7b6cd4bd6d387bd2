"""Page facts from PDFium (pypdfium2): the default engine.

PDFium parses a page in C; what costs here is crossing into it from Python,
so each crossing is made to count:

- the page's text is taken in one call (`FPDFText_GetText`), not a call per
  character;
- per character only its text object, its box (the advance across, one call)
  and whether its font maps it to Unicode are asked for; the font, size,
  colour, matrix and baseline are asked once per text object (a run of
  characters drawn by one Tj/TJ shares them);
- lines and rectangles come from the page's path objects (form XObjects
  included), four calls per point; both loops are compiled (`_pdfium*.c`,
  built by setup.py where a C compiler is at hand) to call PDFium through the
  addresses pypdfium2 bound, else the Python loops below do the same;
- the other hot functions are called through prototypes taking plain
  integers, which skips ctypes' pointer checks.

The text page and the page are closed before the next page is loaded, so
memory stays flat however long the PDF is.
"""

from __future__ import annotations

import ctypes
import re
import sys
from ctypes import byref, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from functools import cache
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
from govreport.readers.pdf.source_plumber import PlumberSource

try:  # the compiled loops (setup.py builds them where a C compiler is at hand)
    from govreport.readers.pdf._pdfium import read_chars as _read_chars
    from govreport.readers.pdf._pdfium import read_paths as _read_paths
except ImportError:  # pragma: no cover - exercised where the build had no compiler
    _read_chars = _read_paths = None

Matrix = tuple[float, float, float, float, float, float]
# what a text object's characters share: font name, em size, fill colour, the
# baseline (upright horizontal writing only), vertical writing, upright
Run = tuple[str, float, RGB | None, float | None, bool, bool]
MAX_FORM_DEPTH = 12  # nested form XObjects followed at most this deep
PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
REOPEN_PAGES = 40  # pages read before the document is opened afresh (PDFium's caches emptied)


class _Handle(c_void_p):
    """A PDFium handle kept as returned, to be passed back as it is."""


@cache  # the same for every document: looked up once a process
def _address(name: str) -> int:
    """The address of PDFium's function `name`, as pypdfium2 bound it."""
    import pypdfium2.raw as pdfium_c

    addr = ctypes.cast(getattr(pdfium_c, name), c_void_p).value
    if addr is None:
        raise ImportError(f"PDFium has no {name}")
    return addr


@cache
def _bare(name: str, restype: Any) -> Any:
    """PDFium's function `name` called without argument conversion.

    Every argument passed is a pointer object or a C int (never a bare
    Python int standing for a pointer or a size): ctypes then hands them on
    as they are, several times faster than through a typed prototype.
    """
    fn = ctypes.CFUNCTYPE(restype)(_address(name))
    fn.argtypes = None  # type: ignore[assignment]
    return fn


class _Api:
    """The PDFium calls made per character, per text object and per path point,
    with out-parameters allocated once and passed by reference."""

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        v, h, i, d, u = c_void_p, _Handle, c_int, c_double, c_uint
        self.count_chars = _bare("FPDFText_CountChars", i)
        self.get_text = _bare("FPDFText_GetText", i)
        self.unicode = _bare("FPDFText_GetUnicode", u)
        self.text_object = _bare("FPDFText_GetTextObject", v)
        self.loose_box = _bare("FPDFText_GetLooseCharBox", i)
        self.map_error = _bare("FPDFText_HasUnicodeMapError", i)
        # the calls per character, text object and path object, as addresses, for the compiled loops
        self.char_calls = tuple(_address(name) for name in (
            "FPDFText_GetTextObject", "FPDFText_GetLooseCharBox", "FPDFText_HasUnicodeMapError",
            "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFTextObj_GetFont", "FPDFPageObj_GetFillColor"))
        self.path_calls = tuple(_address(name) for name in (
            "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects",
            "FPDFFormObj_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix", "FPDFPath_GetDrawMode",
            "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint",
            "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose", "FPDFPageObj_GetStrokeColor",
            "FPDFPageObj_GetFillColor"))
        self.origin = _bare("FPDFText_GetCharOrigin", i)
        self.char_matrix = _bare("FPDFText_GetMatrix", i)
        self.font_size = _bare("FPDFText_GetFontSize", d)
        self.text_font = _bare("FPDFTextObj_GetFont", v)
        self.font_name = _bare("FPDFFont_GetBaseFontName", c_size_t)
        self.fill_color = _bare("FPDFPageObj_GetFillColor", i)
        self.stroke_color = _bare("FPDFPageObj_GetStrokeColor", i)
        self.count_objects = _bare("FPDFPage_CountObjects", i)
        self.get_object = _bare("FPDFPage_GetObject", h)
        self.form_count = _bare("FPDFFormObj_CountObjects", i)
        self.form_object = _bare("FPDFFormObj_GetObject", h)
        self.obj_type = _bare("FPDFPageObj_GetType", i)
        self.obj_matrix = _bare("FPDFPageObj_GetMatrix", i)
        self.draw_mode = _bare("FPDFPath_GetDrawMode", i)
        self.count_segments = _bare("FPDFPath_CountSegments", i)
        self.segment = _bare("FPDFPath_GetPathSegment", h)
        self.point = _bare("FPDFPathSegment_GetPoint", i)
        self.segment_type = _bare("FPDFPathSegment_GetType", i)
        self.segment_close = _bare("FPDFPathSegment_GetClose", i)
        self.PATH = pdfium_c.FPDF_PAGEOBJ_PATH
        self.IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
        self.FORM = pdfium_c.FPDF_PAGEOBJ_FORM
        self.MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
        self.LINETO = pdfium_c.FPDF_SEGMENT_LINETO
        # out-parameters, and references to them
        self.rect = pdfium_c.FS_RECTF()
        self.matrix = pdfium_c.FS_MATRIX()
        self.dx, self.dy = d(), d()
        self.fx, self.fy = c_float(), c_float()
        self.ia, self.ib = i(), i()
        self.rgba = (u(), u(), u(), u())
        self.rect_ref = byref(self.rect)
        self.matrix_ref = byref(self.matrix)
        self.dx_ref, self.dy_ref = byref(self.dx), byref(self.dy)
        self.fx_ref, self.fy_ref = byref(self.fx), byref(self.fy)
        self.ia_ref, self.ib_ref = byref(self.ia), byref(self.ib)
        self.rgba_ref = tuple(byref(c) for c in self.rgba)
        self.fonts: dict[int, tuple[str, bool]] = {}  # font handle → name, vertical writing

    def color(self, fn: Any, obj: c_void_p) -> RGB | None:
        """An object's fill or stroke colour as RGB in 0–1."""
        if not fn(obj, *self.rgba_ref):
            return None
        r, g, b, _ = self.rgba
        return (r.value / 255, g.value / 255, b.value / 255)

    def font_name_of(self, handle: int) -> str:
        """The name of a font, its subset tag left out."""
        if not handle:
            return ""
        buf = _NAME_BUFFER()
        n = self.font_name(c_void_p(handle), buf, c_size_t(256))
        return font_name(_decode_name(buf.raw[: max(0, min(n, 256) - 1)]))


# ctypes keeps array types only weakly: one made for each call would be made
# (and left to the cyclic collector) again and again. These are kept.
_NAME_BUFFER = ctypes.c_char * 256
_UNIT_BUFFERS: dict[int, Any] = {}


def _units_buffer(n: int) -> Any:
    """A zeroed buffer of at least `n` UTF-16 units (of a power-of-two size, so
    that few array types are ever made)."""
    size = 1 << max(6, (n - 1).bit_length())
    kind = _UNIT_BUFFERS.get(size)
    if kind is None:
        kind = _UNIT_BUFFERS[size] = ctypes.c_ushort * size
    return kind()


def _decode_name(raw: bytes) -> str:
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


class PdfiumSource:
    """An open PDF read through PDFium.

    PDFium gives no Unicode for glyphs that only a glyph name identifies
    (Type3 fonts with a /Differences encoding) and passes their codes off as
    text; it flags them, as it flags glyphs that no map names at all. A page
    with such glyphs is read by pdfminer instead, which maps glyph names and
    marks what it cannot map, so that no code is ever taken for text.
    """

    engine = "pypdfium2"

    def __init__(self, data: bytes, ctx: ReadContext) -> None:
        self._data, self._ctx = data, ctx
        self._doc = self._open()
        try:
            self._n = len(self._doc)
            check_page_count(self._n, ctx)
        except ReadError:
            self._doc.close()
            raise
        self._api = _Api()
        self._read_since_open = 0
        self._plumber: PlumberSource | None = None
        self.by_pdfminer: list[int] = []  # pages read by pdfminer (glyphs PDFium cannot name)

    def _open(self) -> Any:
        import pypdfium2 as pdfium

        try:
            return pdfium.PdfDocument(self._data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == PASSWORD_ERROR:
                raise EncryptedError("the PDF is password-protected (a user password is set)") from exc
            raise ReadError(f"corrupt or truncated PDF ({exc})") from exc

    def _reopen_now_and_then(self) -> None:
        """PDFium keeps every font and image it parsed until the document is
        closed; a long PDF put together from many documents brings new ones on
        every few pages. Opening it afresh every `REOPEN_PAGES` pages keeps
        memory flat (the document's cross-reference table is cheap to read)."""
        self._read_since_open += 1
        if self._read_since_open >= REOPEN_PAGES:
            self._doc.close()
            self._doc = self._open()
            self._api.fonts.clear()
            self._read_since_open = 0

    def __len__(self) -> int:
        return self._n

    def page(self, index: int) -> SourcePage:
        self._reopen_now_and_then()
        page = self._doc[index]
        try:
            facts = _page_facts(self._api, page, index + 1)
        finally:
            page.close()
        if not facts.n_unmapped:
            return facts
        if self._plumber is None:
            self._plumber = PlumberSource(self._data, self._ctx)
        self.by_pdfminer.append(index + 1)
        return self._plumber.page(index)

    def describe(self) -> str:
        if not self.by_pdfminer:
            return self.engine
        pages = ", ".join(map(str, self.by_pdfminer))
        return f"{self.engine}; page(s) {pages} with pdfplumber (glyphs PDFium maps to no Unicode)"

    def close(self) -> None:
        self._doc.close()
        if self._plumber is not None:
            self._plumber.close()


def _crop_box(page: Any) -> tuple[float, float, float, float]:
    """The visible area: the crop box within the media box (the media box when odd)."""
    mx0, my0, mx1, my1 = page.get_mediabox()
    media = (min(mx0, mx1), min(my0, my1), max(mx0, mx1), max(my0, my1))
    cx0, cy0, cx1, cy1 = page.get_cropbox()
    box = (max(media[0], min(cx0, cx1)), max(media[1], min(cy0, cy1)),
           min(media[2], max(cx0, cx1)), min(media[3], max(cy0, cy1)))
    if box[2] - box[0] <= 1 or box[3] - box[1] <= 1:
        return media
    return box


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n`, both as X = a·x + c·y + e, Y = b·x + d·y + f."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _page_facts(api: _Api, page: Any, number: int) -> SourcePage:
    rotation = (page.get_rotation() or 0) % 360
    crop = _crop_box(page)
    t = display_transform(rotation, crop)
    width, height = displayed_size(rotation, crop)
    textpage = page.get_textpage()
    try:
        chars = _chars(api, textpage, t)
    finally:
        textpage.close()
    if _read_paths is None:
        paths: list[SourcePath] = []
        n_images = _objects(api, c_void_p(_handle(page.raw)), t, paths, 0, None)
    else:
        paths, n_images = _read_paths(_handle(page.raw), api.path_calls, t, SourcePath, MAX_FORM_DEPTH)
    return SourcePage(number, width, height, rotation, crop, chars, paths, n_images)


def _handle(ptr: Any) -> int:
    """The address a ctypes pointer holds, read from its bytes (`ctypes.cast`
    would tie the pointer into a reference cycle, left to the collector)."""
    return int.from_bytes(bytes(ptr), sys.byteorder)


def _chars(api: _Api, textpage: Any, t: Matrix) -> list[SourceChar]:
    """The page's characters, whitespace and PDFium's generated characters left out.

    One glyph that prints several characters (a ligature, or the two-em dash
    ``——`` that LibreOffice prints as one glyph) is one character with all of
    their text, as pdfminer gives it: PDFium gives each of its characters, one
    after the other in the same text object, with the glyph's box. Left as
    two, the second would read as the first printed again (fake bold) and be
    dropped.
    """
    tp = c_void_p(_handle(textpage.raw))
    n = api.count_chars(tp)
    text = _page_text(api, tp, n)

    def other(k: int, ch: str, run: Run, left: float, bottom: float, right: float, top: float) -> SourceChar:
        return _turned_char(api, tp, k, ch, run, t, left, bottom, right, top)

    if _read_chars is not None:

        def font_of(k: int, font: int, me: float, mf: float) -> tuple[str, bool]:
            return _font(api, tp, k, font, me, mf)

        chars: list[SourceChar] = _read_chars(
            tp.value, text, api.char_calls, t, api.fonts, font_of, other, SourceChar, UNMAPPED
        )
        return chars
    runs: dict[int, Run] = {}
    ta, _, tc, _, te, _ = t
    rect, rect_ref = api.rect, api.rect_ref
    text_object, loose_box, map_error = api.text_object, api.loose_box, api.map_error
    out: list[SourceChar] = []
    append = out.append
    new = tuple.__new__  # a named tuple made without its Python-level constructor
    last: tuple[int, int, tuple[float, float, float, float]] | None = None  # index, object, box
    for k in range(n):
        ch = text[k]
        if not ch or ch.isspace():
            continue
        obj = text_object(tp, k)
        if not obj:
            continue  # generated by PDFium (a space or line break it inferred)
        run = runs.get(obj)
        if run is None:
            run = runs[obj] = _run(api, tp, k, obj, t)
        unmapped = map_error(tp, k)
        if unmapped:
            ch = UNMAPPED
        loose_box(tp, k, rect_ref)
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if last is not None and not unmapped and last == (k - 1, obj, box):
            out[-1] = out[-1]._replace(text=out[-1].text + ch)  # see `_chars`
            last = (k, obj, box)
            continue
        last = None if unmapped else (k, obj, box)
        font, size, color, base, vertical, _ = run
        if base is None or vertical:
            append(other(k, ch, run, rect.left, rect.bottom, rect.right, rect.top))
            continue
        # upright: across from the box, one em up from the baseline
        xa = ta * rect.left + tc * rect.bottom + te
        xb = ta * rect.right + tc * rect.top + te
        if xa > xb:
            xa, xb = xb, xa
        append(new(SourceChar, (ch, xa, xb, base - size, base, size, font, color, True)))
    return out


def _turned_char(api: _Api, tp: c_void_p, k: int, ch: str, run: Run, t: Matrix,
                 left: float, bottom: float, right: float, top: float) -> SourceChar:
    """A character of vertical writing, or one printed turned or slanted."""
    font, size, color, _, vertical, upright = run
    if vertical:  # one em square from the origin, PDFium's box being off for vertical fonts
        api.origin(tp, k, api.dx_ref, api.dy_ref)
        ox, oy = api.dx.value, api.dy.value
        bx0, btop, bx1, bbottom = map_box(t, ox, oy, ox + size, oy + size)
        return SourceChar(ch, bx0, bx1, btop, bbottom, size, font, color, upright)
    bx0, btop, bx1, bbottom = map_box(t, left, bottom, right, top)
    return SourceChar(ch, bx0, bx1, btop, bbottom, size or (bbottom - btop) or 1.0, font, color, False)


def _page_text(api: _Api, tp: c_void_p, n: int) -> str | list[str]:
    """The text of each character index, taken in one call.

    A character outside the Basic Multilingual Plane takes two indexes (its
    UTF-16 halves): the first gets the character, the second nothing. When
    PDFium's text does not line up with its characters, they are asked one
    by one.
    """
    if n <= 0:
        return ""
    buf = _units_buffer(2 * n + 1)
    got = api.get_text(tp, 0, n, buf) - 1
    if got != n:
        return _unit_texts([api.unicode(tp, k) for k in range(n)])
    text = bytes(memoryview(buf).cast("B")[: 2 * n]).decode("utf-16-le", "surrogatepass")
    if len(text) == n:
        return text
    return _astral_texts(text, n) or _unit_texts(list(buf[:n]))


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _astral_texts(text: str, n: int) -> list[str] | None:
    """`_unit_texts` of `n` UTF-16 units from their decoded `text` (lone halves
    kept by ``surrogatepass``): each character outside the BMP followed by an
    empty text for its second half, a lone half as U+FFFD. None when that
    does not come to `n` texts."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    out: list[str] = []
    pos = 0
    for m in _ASTRAL.finditer(text):
        out += text[pos:m.end()]
        out.append("")
        pos = m.end()
    out += text[pos:]
    return out if len(out) == n else None


def _unit_texts(units: list[int]) -> list[str]:
    """The text of each UTF-16 unit: a surrogate pair's character on its first
    unit and nothing on its second, a lone surrogate as U+FFFD."""
    n = len(units)
    out = [chr(u) for u in units]
    for k in range(n - 1):
        if 0xD800 <= units[k] < 0xDC00 and 0xDC00 <= units[k + 1] < 0xE000:
            out[k] = chr(0x10000 + ((units[k] - 0xD800) << 10) + (units[k + 1] - 0xDC00))
            out[k + 1] = ""
    return ["\ufffd" if 0xD800 <= ord(c[:1] or " ") < 0xE000 else c for c in out]


def _run(api: _Api, tp: c_void_p, k: int, obj: int, t: Matrix) -> Run:
    """What the characters of one text object share: font name, em size on the
    displayed page, fill colour, the baseline when printed upright in
    horizontal writing, whether the writing is vertical, whether upright."""
    m = api.matrix
    api.char_matrix(tp, k, api.matrix_ref)
    ma, mb, mc, md, me, mf = m.a, m.b, m.c, m.d, m.e, m.f
    ta, tb, tc, td, _, tf = t
    b = ma * tb + mb * td
    c = mc * ta + md * tc
    d = mc * tb + md * td
    size = api.font_size(tp, k) * (((c * c + d * d) ** 0.5) or 1.0)
    obj_v = c_void_p(obj)
    font = api.text_font(obj_v) or 0
    known = api.fonts.get(font)
    if known is None:
        known = _font(api, tp, k, font, me, mf)
    name, vertical = known
    upright = abs(b) < 1e-6 and abs(c) < 1e-6 and ma * ta + mb * tc > 0 and d < 0
    base = tb * me + td * mf + tf if upright and not vertical else None
    return name, size, api.color(api.fill_color, obj_v), base, vertical, upright


def _font(api: _Api, tp: c_void_p, k: int, font: int, me: float, mf: float) -> tuple[str, bool]:
    """A font's name and whether it writes vertically, learnt at its first
    character `k` (printed at `me`, `mf`) and kept for the document."""
    # in vertical writing PDFium's origin is the glyph's lower left, not the pen position
    api.origin(tp, k, api.dx_ref, api.dy_ref)
    vertical = abs(api.dx.value - me) > 0.01 or abs(api.dy.value - mf) > 0.01
    known = api.fonts[font] = (api.font_name_of(font), vertical)
    return known


def _objects(api: _Api, parent: c_void_p, t: Matrix, paths: list[SourcePath], depth: int,
             form: Matrix | None) -> int:
    """Collect the lines and rectangles among the page's (or a form's) objects;
    return how many images there are. (A form's objects go by an unsigned long index.)"""
    if form is None:
        count, get = api.count_objects(parent), api.get_object
    else:
        count, get = api.form_count(parent), lambda form, i: api.form_object(form, c_ulong(i))
    images = 0
    m = api.matrix
    for i in range(count):
        obj = get(parent, i)
        if not obj.value:
            continue
        kind = api.obj_type(obj)
        if kind == api.IMAGE:
            images += 1
        elif kind == api.PATH:
            api.obj_matrix(obj, api.matrix_ref)
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
            _path(api, obj, _mult(own, form) if form is not None else own, t, paths)
        elif kind == api.FORM and depth < MAX_FORM_DEPTH:
            api.obj_matrix(obj, api.matrix_ref)
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
            images += _objects(api, obj, t, paths, depth + 1, _mult(own, form) if form is not None else own)
    return images


def _path(api: _Api, obj: c_void_p, m: Matrix, t: Matrix, out: list[SourcePath]) -> None:
    """The path's subpaths that are a straight line or an axis-aligned rectangle
    (pdfminer's rules: a rectangle is four sides closed back to its start)."""
    api.draw_mode(obj, api.ia_ref, api.ib_ref)
    filled, stroked = bool(api.ia.value), bool(api.ib.value)
    full = _mult(m, t)
    a, b, c, d, e, f = full
    x, y, x_ref, y_ref = api.fx, api.fy, api.fx_ref, api.fy_ref
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    curved: list[bool] = []
    for j in range(api.count_segments(obj)):
        seg = api.segment(obj, j)
        api.point(seg, x_ref, y_ref)
        kind = api.segment_type(seg)
        px, py = x.value, y.value
        pt = (a * px + c * py + e, b * px + d * py + f)
        if kind == api.MOVETO or not subpaths:
            subpaths.append(([pt], False))
            curved.append(False)
        else:
            subpaths[-1][0].append(pt)
            if kind != api.LINETO:
                curved[-1] = True
        if api.segment_close(seg):
            subpaths[-1] = (subpaths[-1][0], True)
    shapes = [(pts, closed) for (pts, closed), bent in zip(subpaths, curved, strict=True) if not bent]
    if not shapes:
        return
    stroke_color = api.color(api.stroke_color, obj) if stroked else None
    fill_color = api.color(api.fill_color, obj) if filled else None
    for pts, closed in shapes:
        if closed and not _near(pts[-1], pts[0]):
            pts = [*pts, pts[0]]
        if len(pts) == 2 or (len(pts) == 3 and closed and pts[2] == pts[0]):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            out.append(SourcePath(False, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1),
                                  stroked, filled, stroke_color, fill_color))
        elif len(pts) == 5 and _axis_aligned([*pts[:4], pts[0]]) and _near(pts[4], pts[0]):
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out.append(SourcePath(True, min(xs), min(ys), max(xs), max(ys),
                                  stroked, filled, stroke_color, fill_color))


def _near(p: tuple[float, float], q: tuple[float, float], tol: float = 1e-3) -> bool:
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol


def _axis_aligned(pts: list[tuple[float, float]], tol: float = 1e-3) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]

    def eq(p: float, q: float) -> bool:
        return abs(p - q) <= tol

    return (eq(x0, x1) and eq(y1, y2) and eq(x2, x3) and eq(y3, y0)) or (
        eq(y0, y1) and eq(x1, x2) and eq(y2, y3) and eq(x3, x0)
    )
