"""The compiled glyph stages (`govreport.readers.pdf._glyphs`) give exactly
what the pure-Python stages they stand in for give.

`page_glyphs`, `glyphs_to_text`, `glyphs_to_lines` and `cells_to_text` are
compared on random glyphs made to hit the edges (equal tops, overlapping and
zero-height rows, fake-bold doubles, sizes of 0, -0.0 beside 0.0, NaN,
whitespace, characters outside the BMP, digits that are not ASCII) and on
every corpus PDF read whole; what the compiled code declines must fall back
to the Python, and bad arguments must be refused, never followed.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govreport
from govreport.readers.pdf import cells as cells_mod
from govreport.readers.pdf import text
from govreport.readers.pdf.cells import CellBox
from govreport.readers.pdf.rulings import SNAP, EdgeIndex, Grid, Rulings, Segment
from govreport.readers.pdf.source import SourceChar
from govreport.readers.pdf.text import Glyph, TextLine
from govreport.writers.json import dumps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_pdf_native import _pdfs  # noqa: E402

native: Any = text.native
needs_native = pytest.mark.skipif(native is None, reason="the compiled stages are not built")

TEXTS = [
    "一", "政", "府", "𠀀", "，", "。", "（", "）", "：", "“", "”", "—", "…",  # CJK, punctuation
    "１", "２", "Ａ", "ｂ",  # fullwidth
    "0", "1", "7", "9", "a", "Z", "x", "é", ".", ",", "-", "/", "%", "(", ")",
    "²", "①", "Ⅻ", "٣", "𝟙", "😀", "\u0301", "\ufffd",  # digits and numbers that are not ASCII
    " ", "\u3000", "\t", "\xa0", "\u2028", "",  # whitespace, nothing
    "ab", "12", " 3", "4 ", "x\u3000", "一 ",  # several characters
]
FONTS = ["SimSun", "ABCDEF+SimHei-Bold", "黑体", "Bold", "bold", "FangSong_GB2312", ""]
TIES = [0.0, -0.0, 0.5, 1.0, 9.75, 10.0, 10.25, 12.0, 24.0, 100.0]


def _num(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from(TIES), st.floats(lo, hi, allow_nan=False, allow_infinity=False))


def _odd() -> st.SearchStrategy[float]:
    """Now and then a NaN or an infinity (which the compiled code must decline or get right)."""
    return st.sampled_from([math.nan, math.inf, -math.inf])


SIZES = st.sampled_from([0.0, -0.0, 0.1, 5.0, 10.0, 12.0]) | st.floats(0, 40)
HEIGHTS = st.sampled_from([0.0, 0.05, 8.0, 10.0, 12.0, 50.0, 100.0]) | st.floats(-2, 30)
WIDTHS = st.sampled_from([0.0, 0.5, 5.0, 6.0, 12.0]) | st.floats(-2, 30)


@st.composite
def _glyphs(draw: st.DrawFn, odd: bool = True) -> list[Glyph]:
    """Glyphs set in a few lines (shared top and bottom, gaps at the thresholds
    of a space) and loose ones, in random order."""
    out: list[Glyph] = []
    for _ in range(draw(st.integers(0, 3))):  # lines
        top, h, size, x = draw(_num(-20, 300)), draw(HEIGHTS), draw(SIZES), draw(_num(-20, 300))
        for _ in range(draw(st.integers(1, 6))):
            w = draw(WIDTHS)
            out.append(_make(draw(st.sampled_from(TEXTS)), x, x + w, top, top + h, size, draw(st.booleans())))
            gaps = [0.0, 0.25 * size, 0.6 * size, 1.0, -1.0, 5.0]
            x = x + w + draw(st.sampled_from(gaps) | st.floats(-5, 20))
    for _ in range(draw(st.sampled_from([0, 0, 1, 3, 6, 10]))):  # loose
        out.append(_glyph(draw))
    if odd and out and draw(st.integers(0, 9)) == 0:
        i, field = draw(st.integers(0, len(out) - 1)), draw(st.integers(1, 5))
        values = list(out[i])
        values[field] = draw(_odd())
        out[i] = tuple.__new__(Glyph, values)
    return draw(st.permutations(out)) if out else out


def _make(t: str, x0: float, x1: float, top: float, bottom: float, size: float, bold: bool = False) -> Glyph:
    return tuple.__new__(Glyph, (t, x0, x1, top, bottom, size, bold, (x0 + x1) / 2, (top + bottom) / 2))


def _glyph(draw: st.DrawFn) -> Glyph:
    x0, top = draw(_num(-20, 300)), draw(_num(-20, 300))
    return _make(draw(st.sampled_from(TEXTS)), x0, x0 + draw(WIDTHS), top, top + draw(HEIGHTS),
                 draw(SIZES), draw(st.booleans()))


# a tall row, two rows of no height inside it (they join nothing), then a glyph
# that joins the tall row, the third row back: the last one looked at
THIRD_ROW_BACK = [
    _make("甲", 0.0, 10.0, 0.0, 100.0, 12.0), _make("a", 0.0, 5.0, 10.0, 10.0, 12.0),
    _make("b", 0.0, 5.0, 20.0, 20.0, 12.0), _make("乙", 20.0, 30.0, 40.0, 50.0, 12.0),
]
# one line whose leftmost glyphs start at 0.0 and -0.0, with sizes 0.0 and -0.0:
# the first of equals is kept
SIGNED_ZEROS = [
    _make("1", 0.0, 5.0, 0.0, 10.0, 0.0), _make("2", -0.0, 5.0, 0.0, 10.0, -0.0),
    _make("3", 6.0, 11.0, 0.0, 10.0, 0.0), _make("x", 6.0, 11.0, 20.0, 20.0, -0.0),
]
# glyphs of no height sharing top and bottom: not one line, each its own row
NO_HEIGHT = [_make("a", 0.0, 5.0, 10.0, 10.0, 12.0), _make(".", 9.0, 14.0, 10.0, 10.0, 12.0)]


def _has_nan(glyphs: list[Glyph]) -> bool:
    return any(isinstance(v, float) and math.isnan(v) for g in glyphs for v in g[1:6])


def _same(a: object, b: object) -> None:
    """Equal to the last bit and of the same types (repr tells 0.0 from -0.0)."""
    assert repr(a) == repr(b)
    assert _types(a) == _types(b)


def _types(v: object) -> object:
    if isinstance(v, (list, tuple)):
        return (type(v), [_types(x) for x in v])
    return type(v)


def test_the_compiled_stages_are_built_here() -> None:
    """`make test` installs the package with its compiled part: were the build
    to fail silently, only the Python stages would be tested and measured."""
    from govreport.readers.pdf import _glyphs

    assert text.native is _glyphs


@needs_native
@settings(max_examples=150, deadline=None)
@given(_glyphs())
@example(THIRD_ROW_BACK)
@example(SIGNED_ZEROS)
@example(NO_HEIGHT)
def test_glyphs_to_text_is_the_python_text(glyphs: list[Glyph]) -> None:
    want = text._glyphs_to_text(glyphs)
    got = native.glyphs_to_text(glyphs, Glyph)
    if got is None:
        assert _has_nan(glyphs)  # declined only where there is no order to reproduce
    else:
        _same(got, want)
    _same(text.glyphs_to_text(glyphs), want)
    _same(text.glyphs_to_text(tuple(glyphs)), want)


@needs_native
@settings(max_examples=150, deadline=None)
@given(_glyphs())
@example(THIRD_ROW_BACK)
@example(SIGNED_ZEROS)
@example(SIGNED_ZEROS[:3])
@example(NO_HEIGHT)
def test_glyphs_to_lines_are_the_python_lines(glyphs: list[Glyph]) -> None:
    want = text._glyphs_to_lines(glyphs)
    got = native.glyphs_to_lines(glyphs, Glyph, TextLine)
    if got is None:
        assert _has_nan(glyphs)
    else:
        _same(got, want)
        assert all(type(ln) is TextLine for ln in got)
        assert [[id(g) for g in ln.glyphs] for ln in got] == [[id(g) for g in ln.glyphs] for ln in want]
    _same(text.glyphs_to_lines(glyphs), want)


@st.composite
def _chars(draw: st.DrawFn) -> list[SourceChar]:
    """A page's characters, some drawn again a fraction of a point away (fake bold)."""
    out: list[SourceChar] = []
    for _ in range(draw(st.integers(0, 12))):
        g = _glyph(draw)
        c = SourceChar(g.text, g.x0, g.x1, g.top, g.bottom, g.size, draw(st.sampled_from(FONTS)), None)
        out.append(c)
        for _ in range(draw(st.integers(0, 2))):  # drawn again, near or not
            dx = draw(st.sampled_from([0.0, 0.3, -0.79, 0.8, 4.0, 4.2]))
            dy = draw(st.sampled_from([0.0, 0.5, 5.0]))
            out.append(c._replace(x0=c.x0 + dx, x1=c.x1 + dx, top=c.top + dy, bottom=c.bottom + dy))
    if out and draw(st.integers(0, 9)) == 0:
        i, field = draw(st.integers(0, len(out) - 1)), draw(st.integers(1, 5))
        values = list(out[i])
        values[field] = draw(_odd())
        out[i] = SourceChar(*values)
    return out


def _drawn_again(times: int) -> list[SourceChar]:
    """The same character printed `times` times far apart, then once more onto
    the first drawing: a double only while the first is among the last 8."""
    c = SourceChar("一", 0.0, 10.0, 0.0, 10.0, 10.0, "SimSun", None)
    far = [c._replace(x0=20.0 * k, x1=20.0 * k + 10.0) for k in range(times)]
    return [*far, c._replace(x0=0.3, x1=10.3)]


@needs_native
@settings(max_examples=150, deadline=None)
@given(_chars(), st.one_of(st.none(), st.tuples(_num(0, 300), _num(0, 300))))
@example(_drawn_again(8), None)
@example(_drawn_again(9), None)
@example(_drawn_again(2), (5.0, 5.0))  # centres on the frame's edges (kept) and beyond it
def test_page_glyphs_are_the_python_glyphs(
    chars: list[SourceChar], frame: tuple[float, float] | None
) -> None:
    want = text._page_glyphs(chars, frame)
    got = native.page_glyphs(chars, Glyph, frame)
    assert got is not None  # NaN or not: nothing is sorted here
    _same(got, want)
    assert all(type(g) is Glyph for g in got)
    _same(text.page_glyphs(chars, frame), want)
    _same(text.page_glyphs(iter(chars), frame), want)  # not a list: the Python does it


@st.composite
def _grid_case(draw: st.DrawFn) -> tuple[Grid, list[CellBox], list[Glyph]]:
    """A grid, cells covering some of its slots (overlapping ones too), and glyphs
    in it, outside it and on its boundaries."""
    xs = sorted(set(draw(st.lists(_num(0, 300), min_size=1, max_size=6))))
    ys = sorted(set(draw(st.lists(_num(0, 300), min_size=1, max_size=6))))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cells: list[CellBox] = []
    if n_rows and n_cols:
        for _ in range(draw(st.integers(0, 6))):
            r, c = draw(st.integers(0, n_rows - 1)), draw(st.integers(0, n_cols - 1))
            rs, cs = draw(st.integers(1, n_rows - r)), draw(st.integers(1, n_cols - c))
            cells.append(CellBox(r, c, rs, cs, (xs[c], ys[r], xs[c + cs], ys[r + rs])))
    glyphs = draw(_glyphs())
    for _ in range(draw(st.integers(0, 6))):  # centred on a boundary
        g = _glyph(draw)
        cx, cy = draw(st.sampled_from(xs)), draw(st.sampled_from(ys))
        glyphs.append(g._replace(cx=cx, cy=cy))
    grid = Grid(1, tuple(xs), tuple(ys), Rulings(1, (), ()))
    return grid, cells, glyphs


@needs_native
@settings(max_examples=150, deadline=None)
@given(_grid_case())
def test_cells_to_text_is_the_python_cells_to_text(case: tuple[Grid, list[CellBox], list[Glyph]]) -> None:
    grid, cells, glyphs = case
    want_texts, want_out = cells_mod._cells_to_text(grid, cells, glyphs)
    got = native.cells_to_text(grid.xs, grid.ys, cells, glyphs, Glyph)
    if got is None:
        assert _has_nan(glyphs)
    else:
        texts, out = got
        _same(texts, want_texts)
        assert [id(g) for g in out] == [id(g) for g in want_out]
    texts, out = cells_mod.cells_to_text(grid, cells, glyphs)
    _same(texts, want_texts)
    assert [id(g) for g in out] == [id(g) for g in want_out]


@st.composite
def _ruled_grid(draw: st.DrawFn) -> Grid:
    """A grid and rulings near its boundaries: running the whole way, broken,
    overlapping, reversed, missing, of no length, a fraction of a slot (60% of
    an edge printed is where it counts as printed)."""
    xs = sorted(draw(st.lists(_num(0, 300), min_size=1, max_size=7)))  # repeated ones too
    ys = sorted(draw(st.lists(_num(0, 300), min_size=1, max_size=7)))
    if draw(st.integers(0, 9)) == 0:  # out of order: nothing to count on but doing the same
        xs, ys = draw(st.permutations(xs)), draw(st.permutations(ys))

    def rulings(horizontal: bool, at: list[float], along: list[float]) -> list[Segment]:
        out: list[Segment] = []
        for pos in at:
            for _ in range(draw(st.integers(0, 3))):
                a = draw(st.sampled_from([*along, min(along)]))
                b = draw(st.sampled_from([*along, max(along)]))
                start = a + draw(st.sampled_from([0.0, -1.0, 1.0, 0.4 * (b - a)]) | st.floats(-50, 50))
                end = b + draw(st.sampled_from([0.0, -1.0, 1.0, -0.4 * (b - a)]) | st.floats(-50, 50))
                off = draw(st.sampled_from([0.0, 2.9, -3.0, 3.1]) | st.floats(-4, 4))
                out.append(Segment(horizontal, pos + off, start, end))
        return out

    hs, vs = rulings(True, ys, xs), rulings(False, xs, ys)
    return Grid(1, tuple(xs), tuple(ys), Rulings(1, tuple(hs), tuple(vs)))


def _near(segs: tuple[Segment, ...], at: tuple[float, ...]) -> list[list[Segment]]:
    index = EdgeIndex(segs)
    return [index.near(p) for p in at]


# the edge at x = 10 between y = 0 and 10 printed along 3.0 points: exactly 60%
# of it less SNAP, so printed (the lower edge, 2.9 points, is not)
AT_THRESHOLD = Grid(1, (0.0, 10.0, 20.0), (0.0, 10.0, 20.0), Rulings(1, (), (
    Segment(False, 10.0, 0.0, 3.0), Segment(False, 10.0, 10.0, 12.9),
)))


# rows out of order (0, 100, 5) and a ruling from the first boundary to the last
# (0 to 5): it runs "the whole way", so the edge from 0 to 100 counts as printed
OUT_OF_ORDER = Grid(
    1, (0.0, 10.0, 20.0), (0.0, 100.0, 5.0), Rulings(1, (), (Segment(False, 10.0, 0.0, 5.0),))
)


@needs_native
@settings(max_examples=150, deadline=None)
@given(_ruled_grid())
@example(AT_THRESHOLD)
@example(OUT_OF_ORDER)
def test_grid_to_cells_is_the_python_grid_to_cells(grid: Grid) -> None:
    """Which slot edges are printed, and the cells they bound."""
    want = cells_mod._grid_to_cells(grid)
    v_near, h_near = _near(grid.rulings.vertical, grid.xs), _near(grid.rulings.horizontal, grid.ys)
    got = native.grid_to_cells(grid.xs, grid.ys, v_near, h_near, SNAP, CellBox)
    _same(got, want)
    assert all(type(cb) is CellBox for cb in got)
    _same(cells_mod.grid_to_cells(grid), want)


@needs_native
@settings(max_examples=100, deadline=None)
@given(_glyphs(), st.tuples(_num(-20, 300), _num(-20, 300), _num(-20, 300), _num(-20, 300)), _num(-400, 400))
def test_boxed_and_shifted_glyphs_are_the_python_ones(
    glyphs: list[Glyph], box: tuple[float, float, float, float], dy: float
) -> None:
    """A table region's glyphs (centre in its box, edges included) and a
    continued table's glyphs set under the piece before."""
    glyphs = glyphs + [g._replace(cx=box[0], cy=box[3]) for g in glyphs[:2]]  # on the edges
    want = text._glyphs_in_box(glyphs, box)
    got = native.glyphs_in_box(glyphs, box, Glyph)
    assert [[id(g) for g in part] for part in got] == [[id(g) for g in part] for part in want]
    assert text.glyphs_in_box(glyphs, box) == want
    moved = native.shift_glyphs(glyphs, dy, Glyph)
    _same(moved, [g.shifted(dy) for g in glyphs])
    assert all(type(g) is Glyph for g in moved)
    _same(text.shift_glyphs(glyphs, dy), moved)


@needs_native
@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_compiled_and_python_stages_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus PDF gives the same document, byte for byte, either way."""
    data = path.read_bytes()
    fast = dumps(govreport.read(data, name=path.name))
    monkeypatch.setattr(text, "native", None)
    slow = dumps(govreport.read(data, name=path.name))
    assert fast == slow


def _g(text_: str = "1", x0: Any = 0.0, top: Any = 0.0) -> Glyph:
    return tuple.__new__(Glyph, (text_, x0, x0 + 5.0, top, top + 10.0, 10.0, False, x0 + 2.5, top + 5.0))


@needs_native
def test_bad_arguments_are_refused_not_followed() -> None:
    """Containers that are not lists or tuples, and types that are not tuple
    types, are refused with a TypeError before anything is read."""
    g = [_g()]
    cell = [CellBox(0, 0, 1, 1, (0.0, 0.0, 10.0, 10.0))]
    bad_calls = [
        lambda: native.glyphs_to_text(iter(g), Glyph),
        lambda: native.glyphs_to_text(g, dict),
        lambda: native.glyphs_to_text(g, 3),
        lambda: native.glyphs_to_text(None, Glyph),
        lambda: native.glyphs_to_lines(g, Glyph, dict),
        lambda: native.glyphs_to_lines("abc", Glyph, TextLine),
        lambda: native.page_glyphs({1: 2}, Glyph, None),
        lambda: native.page_glyphs([], Glyph, [1.0, 2.0]),
        lambda: native.page_glyphs([], Glyph, (1.0,)),
        lambda: native.page_glyphs([], object, None),
        lambda: native.cells_to_text(b"ab", (0.0, 1.0), cell, g, Glyph),
        lambda: native.cells_to_text((0.0, 1.0), (0.0, 1.0), cell, g, int),
        lambda: native.cells_to_text((0.0, 1.0), (0.0, 1.0), {}, g, Glyph),
        lambda: native.glyphs_in_box(g, [0.0, 0.0, 1.0, 1.0], Glyph),
        lambda: native.glyphs_in_box(g, (0.0, 0.0, 1.0), Glyph),
        lambda: native.glyphs_in_box(iter(g), (0.0, 0.0, 1.0, 1.0), Glyph),
        lambda: native.shift_glyphs(g, 1.0, None),
        lambda: native.shift_glyphs(iter(g), 1.0, Glyph),
        lambda: native.grid_to_cells((0.0, 1.0), (0.0, 1.0), [[], []], [[]], SNAP, CellBox),
        lambda: native.grid_to_cells((0.0, 1.0), (0.0, 1.0), [[], None], [[], []], SNAP, CellBox),
        lambda: native.grid_to_cells((0.0, 1.0), (0.0, 1.0), [[], []], [[], []], "3", CellBox),
        lambda: native.grid_to_cells((0.0, 1.0), (0.0, 1.0), [[], []], [[], []], SNAP, None),
        lambda: native.glyphs_to_text(g),
        lambda: native.cells_to_text(),
    ]
    for call in bad_calls:
        with pytest.raises(TypeError):
            call()


JUNK: list[object] = [
    None, 1, "x", b"x", (), ("一",), ["一", 0.0, 5.0, 0.0, 10.0, 10.0, False, 2.5, 5.0],
    ("一", 0.0, 5.0, 0.0, 10.0, 10.0, False, 2.5, 5.0),  # a plain tuple, not a Glyph
    _g(x0=0), _g(top=1), _g(x0=True), _g(text_=None),  # type: ignore[arg-type]
    tuple.__new__(Glyph, ("一",) * 9), SourceChar("一", 0, 5, 0, 10, 10, "f", None),
]


@needs_native
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_what_the_compiled_stages_decline_the_python_does(junk: object) -> None:
    """An item that is not an exact glyph of str and floats is declined (None),
    never misread; the public functions then give the Python's result or error."""
    glyphs = [_g("1", 0.0), junk, _g("2", 20.0)]
    assert native.glyphs_to_text(glyphs, Glyph) is None
    assert native.glyphs_to_lines(glyphs, Glyph, TextLine) is None
    assert native.cells_to_text((0.0, 50.0), (-5.0, 50.0), [], glyphs, Glyph) is None
    assert native.page_glyphs([junk], Glyph, None) in (None, [])
    moved = native.shift_glyphs(glyphs, 1.0, Glyph)
    boxed = native.glyphs_in_box(glyphs, (0.0, 0.0, 9.0, 9.0), Glyph)
    if type(junk) is not Glyph:
        assert moved is None and boxed is None
    if moved is not None:  # only the top and bottom are read, and they are floats
        _same(moved, [g.shifted(1.0) for g in glyphs])
    if boxed is not None:  # only the centre is read, and it is of floats
        assert boxed == text._glyphs_in_box(glyphs, (0.0, 0.0, 9.0, 9.0))
    for public, reference in [
        (text.glyphs_to_text, text._glyphs_to_text),
        (text.glyphs_to_lines, text._glyphs_to_lines),
    ]:
        try:
            want: object = reference(glyphs)
        except Exception as e:  # the Python's own error
            with pytest.raises(type(e)):
                public(glyphs)
        else:
            _same(public(glyphs), want)


@needs_native
def test_glyphs_with_int_coordinates_give_the_python_results() -> None:
    """Ints are left to the Python (its arithmetic on them is not the C's on doubles)."""
    glyphs = [_g("1", 0, 0), _g("2", 7, 0), _g("三", 0, 30)]
    assert native.glyphs_to_text(glyphs, Glyph) is None
    assert native.glyphs_to_lines(glyphs, Glyph, TextLine) is None
    _same(text.glyphs_to_text(glyphs), text._glyphs_to_text(glyphs))
    _same(text.glyphs_to_lines(glyphs), text._glyphs_to_lines(glyphs))
    chars = [SourceChar("1", 0, 5, 0, 10, 0, "f", None)]
    assert native.page_glyphs(chars, Glyph, None) is None
    _same(text.page_glyphs(chars), text._page_glyphs(chars, None))
    box = (0, 0.0, 10.0, 10.0)
    assert native.glyphs_in_box(glyphs, box, Glyph) is None
    assert text.glyphs_in_box(glyphs, box) == text._glyphs_in_box(glyphs, box)
    assert native.shift_glyphs(glyphs, 1, Glyph) is None
    _same(text.shift_glyphs(glyphs, 1), [g.shifted(1) for g in glyphs])


@needs_native
def test_rulings_not_of_floats_are_left_to_the_python() -> None:
    seg = Segment(False, 10.0, 0, 10.0)  # an int start
    grid = Grid(1, (0.0, 10.0, 20.0), (0.0, 10.0), Rulings(1, (), (seg,)))
    v_near = _near(grid.rulings.vertical, grid.xs)
    assert native.grid_to_cells(grid.xs, grid.ys, v_near, [[], []], SNAP, CellBox) is None
    _same(cells_mod.grid_to_cells(grid), cells_mod._grid_to_cells(grid))
    with pytest.raises(AttributeError):  # as the Python would
        native.grid_to_cells(grid.xs, grid.ys, [[], [object()], []], [[], []], SNAP, CellBox)


@needs_native
def test_cells_outside_their_grid_are_left_to_the_python() -> None:
    grid = Grid(1, (0.0, 10.0), (0.0, 10.0), Rulings(1, (), ()))
    glyphs = [_g("1", 0.0, 0.0)]
    wrapped = [CellBox(-1, 0, 1, 1, (0.0, 0.0, 10.0, 10.0))]  # Python wraps index -1
    assert native.cells_to_text(grid.xs, grid.ys, wrapped, glyphs, Glyph) is None
    assert cells_mod.cells_to_text(grid, wrapped, glyphs) == cells_mod._cells_to_text(grid, wrapped, glyphs)
    beyond = [CellBox(0, 0, 2, 1, (0.0, 0.0, 10.0, 10.0))]
    assert native.cells_to_text(grid.xs, grid.ys, beyond, glyphs, Glyph) is None
    with pytest.raises(IndexError):
        cells_mod.cells_to_text(grid, beyond, glyphs)
