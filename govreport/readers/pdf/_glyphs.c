/* Glyphs, cell texts and lines made without a Python object per step.
 *
 * The optional compiled half of `govreport.readers.pdf.text` and `cells`:
 * `page_glyphs`, `glyphs_to_text`, `glyphs_to_lines` and the per-glyph loop
 * of `cells_to_text`, doing the same floating-point operations in the same
 * order as the Python (built with -ffp-contract=off: no fused multiply-add),
 * sorting stably on the same keys (a stable sort has one result whatever
 * its algorithm, so Python's is reproduced), and testing characters with
 * the functions behind str.isspace, isdigit and isalnum. The Python stays
 * the reference: tests/test_pdf_glyphs_native.py holds both to the same
 * results.
 *
 * Each function takes its containers as lists or tuples (TypeError
 * otherwise) and returns None, for the Python to do the work, on input it
 * does not reproduce exactly: an item that is not an exact Glyph (or
 * character tuple) with str text and float coordinates, a NaN where an
 * order is sorted (NaN has no order, so the result would depend on the
 * sorting algorithm), a cell outside its grid.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#define DECLINE 1 /* status: not reproduced here, the Python does it */

static PyObject *s_row, *s_col, *s_row_span, *s_col_span, *s_start, *s_end, *s_bold, *s_heiti;

/* ---- characters ------------------------------------------------------ */

/* `text.is_cjk` of a character. */
static int
cjk_char(Py_UCS4 o)
{
    return (0x2E80 <= o && o <= 0x9FFF) || (0xF900 <= o && o <= 0xFAFF) || (0xFF00 <= o && o <= 0xFFEF) ||
           (0x3000 <= o && o <= 0x303F) || (0x2000 <= o && o <= 0x206F) || (0x20000 <= o && o <= 0x2FFFF);
}

/* ---- a growing buffer of code points --------------------------------- */

typedef struct {
    Py_UCS4 *p;
    Py_ssize_t n, cap;
} Buf;

static int
buf_room(Buf *b, Py_ssize_t extra)
{
    if (b->n + extra <= b->cap)
        return 0;
    Py_ssize_t cap = b->cap ? b->cap : 64;
    while (cap < b->n + extra)
        cap *= 2;
    Py_UCS4 *p = PyMem_Realloc(b->p, (size_t)cap * sizeof(Py_UCS4));
    if (!p) {
        PyErr_NoMemory();
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static int
buf_char(Buf *b, Py_UCS4 c)
{
    if (buf_room(b, 1) < 0)
        return -1;
    b->p[b->n++] = c;
    return 0;
}

static int
buf_str(Buf *b, PyObject *s)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (buf_room(b, n) < 0)
        return -1;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        b->p[b->n + i] = PyUnicode_READ(kind, data, i);
    b->n += n;
    return 0;
}

/* `join_pieces(out, piece.strip())` with the piece p[0..n), out updated in place. */
static int
join_stripped(Buf *out, const Py_UCS4 *p, Py_ssize_t n)
{
    Py_ssize_t s = 0, e = n;
    while (s < e && Py_UNICODE_ISSPACE(p[s]))
        s++;
    while (e > s && Py_UNICODE_ISSPACE(p[e - 1]))
        e--;
    if (s == e)
        return 0;
    if (out->n) {
        Py_UCS4 a = out->p[out->n - 1], b = p[s];
        if (!cjk_char(a) && !cjk_char(b) && !(Py_UNICODE_ISDIGIT(a) && Py_UNICODE_ISDIGIT(b)) &&
            Py_UNICODE_ISALNUM(a) && Py_UNICODE_ISALNUM(b) && buf_char(out, ' ') < 0)
            return -1;
    }
    if (buf_room(out, e - s) < 0)
        return -1;
    memcpy(out->p + out->n, p + s, (size_t)(e - s) * sizeof(Py_UCS4));
    out->n += e - s;
    return 0;
}

static PyObject *
buf_unicode(const Buf *b)
{
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b->p, b->n);
}

/* ---- glyphs ------------------------------------------------------------ */

typedef struct {
    PyObject *obj;  /* the Glyph (kept alive by the caller) */
    PyObject *text; /* borrowed from it */
    double x0, x1, top, bottom, size, cx, cy;
    char cjk;    /* is_cjk(text) */
    char digits; /* text.isdigit() */
} G;

enum { F_TEXT, F_X0, F_X1, F_TOP, F_BOTTOM, F_SIZE, F_BOLD, F_CX, F_CY, N_GLYPH };

/* A Glyph read into `g`; DECLINE when it is not an exact `type` of str and floats. */
static int
read_glyph(PyObject *obj, PyTypeObject *type, G *g)
{
    if (Py_TYPE(obj) != type || PyTuple_GET_SIZE(obj) != N_GLYPH)
        return DECLINE;
    PyObject *text = PyTuple_GET_ITEM(obj, F_TEXT);
    if (!PyUnicode_CheckExact(text))
        return DECLINE;
    double v[N_GLYPH];
    for (int i = F_X0; i < N_GLYPH; i++) {
        if (i == F_BOLD)
            continue;
        PyObject *o = PyTuple_GET_ITEM(obj, i);
        if (!PyFloat_CheckExact(o))
            return DECLINE;
        v[i] = PyFloat_AS_DOUBLE(o);
    }
    g->obj = obj;
    g->text = text;
    g->x0 = v[F_X0];
    g->x1 = v[F_X1];
    g->top = v[F_TOP];
    g->bottom = v[F_BOTTOM];
    g->size = v[F_SIZE];
    g->cx = v[F_CX];
    g->cy = v[F_CY];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    g->cjk = n > 0 && cjk_char(PyUnicode_READ(kind, data, 0));
    int digits = n > 0;
    for (Py_ssize_t i = 0; i < n && digits; i++)
        digits = Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, i));
    g->digits = (char)digits;
    return 0;
}

/* ---- a stable sort of indexes ------------------------------------------ */

typedef int (*less_fn)(const void *ctx, Py_ssize_t a, Py_ssize_t b);

static int
less_x0(const void *ctx, Py_ssize_t a, Py_ssize_t b)
{
    const G *g = ctx;
    return g[a].x0 < g[b].x0;
}

/* the order of the keys (g.top, g.x0): tuples compare at their first unequal item */
static int
less_top_x0(const void *ctx, Py_ssize_t a, Py_ssize_t b)
{
    const G *g = ctx;
    if (g[a].top != g[b].top)
        return g[a].top < g[b].top;
    return g[a].x0 < g[b].x0;
}

static int
less_size(const void *ctx, Py_ssize_t a, Py_ssize_t b)
{
    const G *g = ctx;
    return g[a].size < g[b].size;
}

typedef struct {
    const double *k1, *k2;
} Keys;

static int
less_keys(const void *ctx, Py_ssize_t a, Py_ssize_t b)
{
    const Keys *k = ctx;
    if (k->k1[a] != k->k1[b])
        return k->k1[a] < k->k1[b];
    return k->k2[a] < k->k2[b];
}

/* Merge sort: an item moves before another only when strictly less, so
 * equal keys keep their order, as in Python's sort. */
static void
sort_stable(Py_ssize_t *a, Py_ssize_t *tmp, Py_ssize_t n, less_fn less, const void *ctx)
{
    if (n <= 12) {
        for (Py_ssize_t i = 1; i < n; i++) {
            Py_ssize_t v = a[i], j = i;
            while (j > 0 && less(ctx, v, a[j - 1])) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    Py_ssize_t m = n / 2;
    sort_stable(a, tmp, m, less, ctx);
    sort_stable(a + m, tmp, n - m, less, ctx);
    if (!less(ctx, a[m], a[m - 1]))
        return;
    memcpy(tmp, a, (size_t)m * sizeof(Py_ssize_t));
    Py_ssize_t i = 0, j = m, k = 0;
    while (i < m && j < n)
        a[k++] = less(ctx, a[j], tmp[i]) ? a[j++] : tmp[i++];
    while (i < m)
        a[k++] = tmp[i++];
}

/* ---- rows and line texts ----------------------------------------------- */

/* Room for the work on up to `cap` glyphs at once. */
typedef struct {
    Py_ssize_t cap;
    Py_ssize_t *order, *tmp, *row_of, *members, *start, *rows;
    double *span_top, *span_bottom, *key1, *key2;
    Buf line;
} Work;

static void
work_free(Work *w)
{
    PyMem_Free(w->order);
    PyMem_Free(w->tmp);
    PyMem_Free(w->row_of);
    PyMem_Free(w->members);
    PyMem_Free(w->start);
    PyMem_Free(w->rows);
    PyMem_Free(w->span_top);
    PyMem_Free(w->span_bottom);
    PyMem_Free(w->key1);
    PyMem_Free(w->key2);
    PyMem_Free(w->line.p);
    memset(w, 0, sizeof(*w));
}

static int
work_init(Work *w, Py_ssize_t cap)
{
    memset(w, 0, sizeof(*w));
    if (cap < 1)
        cap = 1;
    if ((size_t)cap > PY_SSIZE_T_MAX / sizeof(double) - 1) {
        PyErr_NoMemory();
        return -1;
    }
    size_t ni = (size_t)cap * sizeof(Py_ssize_t), nd = (size_t)cap * sizeof(double);
    w->cap = cap;
    w->order = PyMem_Malloc(ni);
    w->tmp = PyMem_Malloc(ni);
    w->row_of = PyMem_Malloc(ni);
    w->members = PyMem_Malloc(ni);
    w->start = PyMem_Malloc(ni + sizeof(Py_ssize_t));
    w->rows = PyMem_Malloc(ni);
    w->span_top = PyMem_Malloc(nd);
    w->span_bottom = PyMem_Malloc(nd);
    w->key1 = PyMem_Malloc(nd);
    w->key2 = PyMem_Malloc(nd);
    if (!w->order || !w->tmp || !w->row_of || !w->members || !w->start || !w->rows || !w->span_top ||
        !w->span_bottom || !w->key1 || !w->key2) {
        work_free(w);
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* `_line_text`: the glyphs gs[0..n), left to right, into `out`. */
static int
line_text(const G *g, const Py_ssize_t *gs, Py_ssize_t n, Buf *out)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        const G *cur = &g[gs[i]];
        if (i > 0) {
            const G *prev = &g[gs[i - 1]];
            double gap = cur->x0 - prev->x1;
            double least = prev->size < cur->size ? prev->size : cur->size; /* min(g.size, prev.size) */
            if (gap > 0.25 * least && !prev->cjk && !cur->cjk &&
                !(prev->digits && cur->digits && gap < 0.6 * cur->size) && buf_char(out, ' ') < 0)
                return -1;
        }
        if (buf_str(out, cur->text) < 0)
            return -1;
    }
    return 0;
}

/* `_one_row` */
static int
one_row(const G *g, const Py_ssize_t *sel, Py_ssize_t n)
{
    double top = g[sel[0]].top, bottom = g[sel[0]].bottom;
    if (!(bottom - top > 0))
        return 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (!(g[sel[i]].top == top && g[sel[i]].bottom == bottom))
            return 0;
    return 1;
}

/* `_rows`: w->order holds the glyphs sorted by (top, x0); row r's members
 * end up in w->members[w->start[r] .. w->start[r + 1]), in the order they
 * joined it. Returns the number of rows. */
static Py_ssize_t
rows_of(const G *g, const Py_ssize_t *sel, Py_ssize_t n, Work *w)
{
    memcpy(w->order, sel, (size_t)n * sizeof(Py_ssize_t));
    sort_stable(w->order, w->tmp, n, less_top_x0, g);
    double *st = w->span_top, *sb = w->span_bottom;
    Py_ssize_t nrows = 0;
    for (Py_ssize_t j = 0; j < n; j++) {
        const G *cur = &g[w->order[j]];
        double gtop = cur->top, gbottom = cur->bottom;
        double h = gbottom - gtop;
        if (h < 0.1)
            h = 0.1;
        Py_ssize_t at = -1;
        Py_ssize_t last = nrows > 3 ? nrows - 3 : 0;
        for (Py_ssize_t i = nrows - 1; i >= last; i--) {
            double top = st[i], bottom = sb[i];
            double overlap = (bottom < gbottom ? bottom : gbottom) - (top > gtop ? top : gtop);
            double height = bottom - top;
            if (overlap > 0.5 * (h < height ? h : height)) {
                at = i;
                if (gtop < top)
                    st[i] = gtop;
                if (gbottom > bottom)
                    sb[i] = gbottom;
                break;
            }
        }
        if (at < 0) {
            at = nrows++;
            st[at] = gtop;
            sb[at] = gbottom;
        }
        w->row_of[j] = at;
    }
    Py_ssize_t *start = w->start;
    memset(start, 0, (size_t)(nrows + 1) * sizeof(Py_ssize_t));
    for (Py_ssize_t j = 0; j < n; j++)
        start[w->row_of[j] + 1]++;
    for (Py_ssize_t r = 0; r < nrows; r++)
        start[r + 1] += start[r];
    Py_ssize_t *fill = w->tmp; /* the next free place of each row */
    memcpy(fill, start, (size_t)nrows * sizeof(Py_ssize_t));
    for (Py_ssize_t j = 0; j < n; j++)
        w->members[fill[w->row_of[j]]++] = w->order[j];
    return nrows;
}

/* Any NaN among the sorted keys (top, x0): no order to reproduce. */
static int
has_nan(const G *g, const Py_ssize_t *sel, Py_ssize_t n, int size_too)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        const G *c = &g[sel[i]];
        if (isnan(c->top) || isnan(c->x0) || (size_too && isnan(c->size)))
            return 1;
    }
    return 0;
}

/* `glyphs_to_text` of the glyphs sel[0..n) into `out` (empty on entry).
 * Returns 0, DECLINE or -1. */
static int
block_text(const G *g, const Py_ssize_t *sel, Py_ssize_t n, Work *w, Buf *out)
{
    if (n == 0)
        return 0;
    if (n == 1) {
        w->line.n = 0;
        if (buf_str(&w->line, g[sel[0]].text) < 0)
            return -1;
        return join_stripped(out, w->line.p, w->line.n);
    }
    if (has_nan(g, sel, n, 0))
        return DECLINE;
    w->line.n = 0;
    if (one_row(g, sel, n)) {
        memcpy(w->order, sel, (size_t)n * sizeof(Py_ssize_t));
        sort_stable(w->order, w->tmp, n, less_x0, g);
        if (line_text(g, w->order, n, &w->line) < 0)
            return -1;
        return join_stripped(out, w->line.p, w->line.n);
    }
    Py_ssize_t nrows = rows_of(g, sel, n, w);
    for (Py_ssize_t r = 0; r < nrows; r++) {
        Py_ssize_t *m = w->members + w->start[r], k = w->start[r + 1] - w->start[r];
        if (k > 1)
            sort_stable(m, w->tmp, k, less_x0, g);
        double least = g[m[0]].top;
        for (Py_ssize_t i = 1; i < k; i++)
            if (g[m[i]].top < least)
                least = g[m[i]].top;
        w->key1[r] = least;
        w->key2[r] = g[m[0]].x0;
        w->rows[r] = r;
    }
    Keys keys = {w->key1, w->key2};
    sort_stable(w->rows, w->tmp, nrows, less_keys, &keys);
    for (Py_ssize_t i = 0; i < nrows; i++) {
        Py_ssize_t r = w->rows[i];
        w->line.n = 0;
        if (line_text(g, w->members + w->start[r], w->start[r + 1] - w->start[r], &w->line) < 0)
            return -1;
        if (join_stripped(out, w->line.p, w->line.n) < 0)
            return -1;
    }
    return 0;
}

/* ---- argument checks ---------------------------------------------------- */

static int
check_seq(PyObject *o, const char *what)
{
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s must be a list or a tuple, not %.100s", what, Py_TYPE(o)->tp_name);
    return -1;
}

static int
check_tuple_type(PyObject *o, const char *what)
{
    if (PyType_Check(o) && PyType_IsSubtype((PyTypeObject *)o, &PyTuple_Type))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s must be a tuple type", what);
    return -1;
}

/* The glyphs of a list or tuple read into a new array (the tuple `*hold`
 * keeps them alive). Returns 0, DECLINE or -1. */
static int
read_glyphs(PyObject *seq, PyTypeObject *type, PyObject **hold, G **out, Py_ssize_t *n)
{
    *hold = PySequence_Tuple(seq);
    *out = NULL;
    if (!*hold)
        return -1;
    *n = PyTuple_GET_SIZE(*hold);
    *out = PyMem_Malloc((size_t)(*n ? *n : 1) * sizeof(G));
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < *n; i++)
        if (read_glyph(PyTuple_GET_ITEM(*hold, i), type, &(*out)[i]))
            return DECLINE;
    return 0;
}

/* ---- glyphs_to_text ------------------------------------------------------ */

static PyObject *
glyphs_to_text(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type;
    if (!PyArg_ParseTuple(args, "OO", &glyphs, &type))
        return NULL;
    if (check_seq(glyphs, "glyphs") < 0 || check_tuple_type(type, "glyph_type") < 0)
        return NULL;
    PyObject *hold = NULL, *result = NULL;
    G *g = NULL;
    Py_ssize_t n = 0;
    Work w = {0};
    Buf out = {0};
    Py_ssize_t *sel = NULL;
    int st = read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
    if (st == 0)
        st = work_init(&w, n);
    if (st == 0 && !(sel = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t)))) {
        PyErr_NoMemory();
        st = -1;
    }
    if (st == 0) {
        for (Py_ssize_t i = 0; i < n; i++)
            sel[i] = i;
        st = block_text(g, sel, n, &w, &out);
    }
    if (st == 0)
        result = buf_unicode(&out);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    PyMem_Free(sel);
    PyMem_Free(out.p);
    work_free(&w);
    PyMem_Free(g);
    Py_XDECREF(hold);
    return result;
}

/* ---- cells_to_text -------------------------------------------------------- */

/* The floats of a list or tuple of boundaries; DECLINE unless all are exact floats. */
static int
read_bounds(PyObject *seq, double **out, Py_ssize_t *n)
{
    *n = PySequence_Fast_GET_SIZE(seq);
    *out = PyMem_Malloc((size_t)(*n ? *n : 1) * sizeof(double));
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < *n; i++) {
        if (!PyFloat_CheckExact(items[i]))
            return DECLINE;
        (*out)[i] = PyFloat_AS_DOUBLE(items[i]);
    }
    return *n ? 0 : DECLINE;
}

/* bisect.bisect_right, step for step */
static Py_ssize_t
bisect_right(const double *a, Py_ssize_t n, double x)
{
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (Py_ssize_t)(((size_t)lo + (size_t)hi) / 2);
        if (x < a[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* An exact int attribute of a cell; DECLINE for anything else. */
static int
cell_int(PyObject *cell, PyObject *name, Py_ssize_t *v)
{
    PyObject *o = PyObject_GetAttr(cell, name);
    if (!o)
        return -1;
    int st = 0;
    if (!PyLong_CheckExact(o)) {
        st = DECLINE;
    } else {
        *v = PyLong_AsSsize_t(o);
        if (*v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            st = DECLINE;
        }
    }
    Py_DECREF(o);
    return st;
}

/* Mark the slots of each cell with its index in `owner`. */
static int
own_slots(PyObject *cells, Py_ssize_t nrows, Py_ssize_t ncols, Py_ssize_t *owner)
{
    Py_ssize_t ncells = PySequence_Fast_GET_SIZE(cells);
    for (Py_ssize_t i = 0; i < ncells; i++) {
        PyObject *cell = PySequence_Fast_GET_ITEM(cells, i);
        Py_ssize_t row, col, rs, cs;
        int st;
        if ((st = cell_int(cell, s_row, &row)) || (st = cell_int(cell, s_col, &col)) ||
            (st = cell_int(cell, s_row_span, &rs)) || (st = cell_int(cell, s_col_span, &cs)))
            return st;
        if (rs <= 0)
            continue;
        if (row < 0 || rs > nrows || row > nrows - rs)
            return DECLINE; /* Python would wrap a negative index or fail */
        if (cs <= 0)
            continue;
        if (col < 0 || cs > ncols || col > ncols - cs)
            return DECLINE;
        for (Py_ssize_t r = row; r < row + rs; r++)
            for (Py_ssize_t c = col; c < col + cs; c++)
                owner[r * ncols + c] = i;
    }
    return 0;
}

/* cells_to_text(xs, ys, cells, glyphs, glyph_type) -> (texts, outside) or None
 *
 * xs and ys are the grid's column and row boundaries, cells its CellBoxes
 * (row, col, row_span, col_span), glyphs Glyphs of type glyph_type. */
static PyObject *
cells_to_text(PyObject *self, PyObject *args)
{
    PyObject *xs_o, *ys_o, *cells, *glyphs, *type;
    if (!PyArg_ParseTuple(args, "OOOOO", &xs_o, &ys_o, &cells, &glyphs, &type))
        return NULL;
    if (check_seq(xs_o, "xs") < 0 || check_seq(ys_o, "ys") < 0 || check_seq(cells, "cells") < 0 ||
        check_seq(glyphs, "glyphs") < 0 || check_tuple_type(type, "glyph_type") < 0)
        return NULL;
    PyObject *hold = NULL, *result = NULL, *texts = NULL, *outside = NULL;
    double *xs = NULL, *ys = NULL;
    Py_ssize_t *owner = NULL, *cell_of = NULL, *start = NULL, *members = NULL;
    G *g = NULL;
    Work w = {0};
    Buf out = {0};
    Py_ssize_t nx, ny, n = 0;
    Py_ssize_t ncells = PySequence_Fast_GET_SIZE(cells);
    int st = read_bounds(xs_o, &xs, &nx);
    if (st == 0)
        st = read_bounds(ys_o, &ys, &ny);
    Py_ssize_t nrows = ny - 1, ncols = nx - 1;
    if (st == 0) {
        size_t slots = (size_t)(nrows ? nrows : 1) * (size_t)(ncols ? ncols : 1);
        if (nrows && ncols && slots / (size_t)nrows != (size_t)ncols)
            st = DECLINE;
        else if (!(owner = PyMem_Malloc(slots * sizeof(Py_ssize_t)))) {
            PyErr_NoMemory();
            st = -1;
        } else {
            for (size_t i = 0; i < slots; i++)
                owner[i] = -1;
        }
    }
    /* the cells are read before the glyphs: reading an attribute may run Python code */
    if (st == 0)
        st = own_slots(cells, nrows, ncols, owner);
    if (st == 0)
        st = read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
    if (st == 0) {
        cell_of = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
        start = PyMem_Calloc((size_t)ncells + 2, sizeof(Py_ssize_t));
        members = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
        outside = PyList_New(0);
        if (!cell_of || !start || !members) {
            PyErr_NoMemory();
            st = -1;
        } else if (!outside) {
            st = -1;
        }
    }
    if (st == 0) {
        double x_lo = xs[0], x_hi = xs[nx - 1], y_lo = ys[0], y_hi = ys[ny - 1];
        for (Py_ssize_t i = 0; i < n && st == 0; i++) {
            double x = g[i].cx, y = g[i].cy;
            Py_ssize_t k = -1;
            if (x_lo <= x && x < x_hi && y_lo <= y && y < y_hi) {
                Py_ssize_t r = bisect_right(ys, ny, y) - 1, c = bisect_right(xs, nx, x) - 1;
                if (r < 0 || r >= nrows || c < 0 || c >= ncols) {
                    st = DECLINE; /* boundaries out of order */
                    break;
                }
                k = owner[r * ncols + c];
            }
            cell_of[i] = k;
            if (k < 0) {
                if (PyList_Append(outside, g[i].obj) < 0)
                    st = -1;
            } else {
                start[k + 2]++;
            }
        }
    }
    if (st == 0) {
        /* the glyphs of cell k, in their order: members[start[k + 1] .. start[k + 2]) once filled */
        for (Py_ssize_t k = 0; k < ncells; k++)
            start[k + 2] += start[k + 1];
        for (Py_ssize_t i = 0; i < n; i++)
            if (cell_of[i] >= 0)
                members[start[cell_of[i] + 1]++] = i;
        st = work_init(&w, n);
    }
    if (st == 0 && !(texts = PyList_New(ncells)))
        st = -1;
    for (Py_ssize_t k = 0; k < ncells && st == 0; k++) {
        Py_ssize_t lo = start[k], hi = start[k + 1];
        out.n = 0;
        st = block_text(g, members + lo, hi - lo, &w, &out);
        if (st == 0) {
            PyObject *t = buf_unicode(&out);
            if (!t)
                st = -1;
            else
                PyList_SET_ITEM(texts, k, t);
        }
    }
    if (st == 0)
        result = PyTuple_Pack(2, texts, outside);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    Py_XDECREF(texts);
    Py_XDECREF(outside);
    PyMem_Free(out.p);
    work_free(&w);
    PyMem_Free(members);
    PyMem_Free(start);
    PyMem_Free(cell_of);
    PyMem_Free(owner);
    PyMem_Free(g);
    PyMem_Free(xs);
    PyMem_Free(ys);
    Py_XDECREF(hold);
    return result;
}

/* ---- glyphs_to_lines ------------------------------------------------------ */

/* `_make_line` of gs[0..n) (left to right), a new TextLine. */
static PyObject *
make_line(const G *g, Py_ssize_t *gs, Py_ssize_t n, PyTypeObject *line_type, Work *w)
{
    const G *first = &g[gs[0]];
    Py_ssize_t i_x0 = gs[0], i_x1 = gs[0], i_top = gs[0], i_bottom = gs[0];
    for (Py_ssize_t i = 0; i < n; i++) {
        const G *c = &g[gs[i]];
        if (c->x0 < g[i_x0].x0)
            i_x0 = gs[i];
        if (c->x1 > g[i_x1].x1)
            i_x1 = gs[i];
        if (c->top < g[i_top].top)
            i_top = gs[i];
        if (c->bottom > g[i_bottom].bottom)
            i_bottom = gs[i];
    }
    Py_ssize_t i_size = gs[0];
    if (n > 1) { /* the median of the sizes sorted (stably: which of equal sizes matters for -0.0) */
        Py_ssize_t *sizes = w->order;
        memcpy(sizes, gs, (size_t)n * sizeof(Py_ssize_t));
        sort_stable(sizes, w->tmp, n, less_size, g);
        i_size = sizes[n / 2];
    }
    PyObject *text;
    if (n == 1) {
        text = Py_NewRef(first->text);
    } else {
        w->line.n = 0;
        if (line_text(g, gs, n, &w->line) < 0)
            return NULL;
        text = buf_unicode(&w->line);
        if (!text)
            return NULL;
    }
    PyObject *members = PyTuple_New(n);
    if (!members) {
        Py_DECREF(text);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(members, i, Py_NewRef(g[gs[i]].obj));
    PyObject *line = line_type->tp_alloc(line_type, 7);
    if (!line) {
        Py_DECREF(text);
        Py_DECREF(members);
        return NULL;
    }
    PyTuple_SET_ITEM(line, 0, members);
    PyTuple_SET_ITEM(line, 1, text);
    PyTuple_SET_ITEM(line, 2, Py_NewRef(PyTuple_GET_ITEM(g[i_x0].obj, F_X0)));
    PyTuple_SET_ITEM(line, 3, Py_NewRef(PyTuple_GET_ITEM(g[i_x1].obj, F_X1)));
    PyTuple_SET_ITEM(line, 4, Py_NewRef(PyTuple_GET_ITEM(g[i_top].obj, F_TOP)));
    PyTuple_SET_ITEM(line, 5, Py_NewRef(PyTuple_GET_ITEM(g[i_bottom].obj, F_BOTTOM)));
    PyTuple_SET_ITEM(line, 6, Py_NewRef(PyTuple_GET_ITEM(g[i_size].obj, F_SIZE)));
    return line;
}

/* glyphs_to_lines(glyphs, glyph_type, line_type) -> list of line_type, or None */
static PyObject *
glyphs_to_lines(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type, *line_type;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &type, &line_type))
        return NULL;
    if (check_seq(glyphs, "glyphs") < 0 || check_tuple_type(type, "glyph_type") < 0 ||
        check_tuple_type(line_type, "line_type") < 0)
        return NULL;
    PyTypeObject *lt = (PyTypeObject *)line_type;
    PyObject *hold = NULL, *result = NULL, *lines = NULL;
    G *g = NULL;
    Py_ssize_t n = 0, *sel = NULL, *row = NULL;
    Work w = {0};
    int st = read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
    if (st == 0)
        st = work_init(&w, n);
    if (st == 0) {
        sel = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
        row = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
        if (!sel || !row) {
            PyErr_NoMemory();
            st = -1;
        }
    }
    if (st == 0) {
        for (Py_ssize_t i = 0; i < n; i++)
            sel[i] = i;
        if (n > 1 && has_nan(g, sel, n, 1))
            st = DECLINE;
    }
    if (st == 0 && !(lines = PyList_New(0)))
        st = -1;
    if (st == 0 && n > 0) {
        if (n == 1 || one_row(g, sel, n)) {
            sort_stable(sel, w.tmp, n, less_x0, g);
            PyObject *line = make_line(g, sel, n, lt, &w);
            if (!line || PyList_Append(lines, line) < 0)
                st = -1;
            Py_XDECREF(line);
        } else {
            Py_ssize_t nrows = rows_of(g, sel, n, &w);
            for (Py_ssize_t r = 0; r < nrows && st == 0; r++) {
                Py_ssize_t k = w.start[r + 1] - w.start[r];
                memcpy(row, w.members + w.start[r], (size_t)k * sizeof(Py_ssize_t));
                if (k > 1)
                    sort_stable(row, w.tmp, k, less_x0, g);
                PyObject *line = make_line(g, row, k, lt, &w);
                if (!line || PyList_Append(lines, line) < 0)
                    st = -1;
                Py_XDECREF(line);
            }
            if (st == 0 && nrows > 1) {
                /* lines.sort(key=(top, x0)): the chosen top and x0 of each line */
                double *k1 = w.key1, *k2 = w.key2;
                for (Py_ssize_t r = 0; r < nrows; r++) {
                    PyObject *line = PyList_GET_ITEM(lines, r);
                    k1[r] = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(line, 4));
                    k2[r] = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(line, 2));
                    w.rows[r] = r;
                }
                Keys keys = {k1, k2};
                sort_stable(w.rows, w.tmp, nrows, less_keys, &keys);
                PyObject *sorted = PyList_New(nrows);
                if (!sorted) {
                    st = -1;
                } else {
                    for (Py_ssize_t i = 0; i < nrows; i++)
                        PyList_SET_ITEM(sorted, i, Py_NewRef(PyList_GET_ITEM(lines, w.rows[i])));
                    Py_SETREF(lines, sorted);
                }
            }
        }
    }
    if (st == 0)
        result = Py_NewRef(lines);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    Py_XDECREF(lines);
    PyMem_Free(sel);
    PyMem_Free(row);
    work_free(&w);
    PyMem_Free(g);
    Py_XDECREF(hold);
    return result;
}

/* ---- page_glyphs ------------------------------------------------------------ */

#define RECENT 8 /* a fake-bold double is looked for among the last 8 of the same text */

typedef struct {
    double x0[RECENT], top[RECENT];
    Py_ssize_t count;
} Recent;

/* page_glyphs(chars, glyph_type, frame) -> list of glyph_type, or None
 *
 * chars are SourceChars (text, x0, x1, top, bottom, size, font, colour,
 * upright); frame None or (width, height): glyphs whose centre lies
 * outside it are left out after the doubles are found. */
static PyObject *
page_glyphs(PyObject *self, PyObject *args)
{
    PyObject *chars, *type_o, *frame;
    if (!PyArg_ParseTuple(args, "OOO", &chars, &type_o, &frame))
        return NULL;
    if (check_seq(chars, "chars") < 0 || check_tuple_type(type_o, "glyph_type") < 0)
        return NULL;
    PyTypeObject *type = (PyTypeObject *)type_o;
    int crop = frame != Py_None;
    double width = 0.0, height = 0.0;
    if (crop) {
        if (!PyTuple_Check(frame) || PyTuple_GET_SIZE(frame) != 2) {
            PyErr_SetString(PyExc_TypeError, "frame must be None or (width, height)");
            return NULL;
        }
        PyObject *wo = PyTuple_GET_ITEM(frame, 0), *ho = PyTuple_GET_ITEM(frame, 1);
        if (!PyFloat_CheckExact(wo) || !PyFloat_CheckExact(ho))
            Py_RETURN_NONE;
        width = PyFloat_AS_DOUBLE(wo);
        height = PyFloat_AS_DOUBLE(ho);
    }
    PyObject *hold = PySequence_Tuple(chars);
    if (!hold)
        return NULL;
    PyObject *out = PyList_New(0), *recent_of = PyDict_New(), *bold_of = PyDict_New();
    Recent *recent = NULL;
    Py_ssize_t n_recent = 0, cap_recent = 0;
    PyObject *last_font = NULL, *last_bold = NULL;
    int st = out && recent_of && bold_of ? 0 : -1;
    Py_ssize_t n = PyTuple_GET_SIZE(hold);
    for (Py_ssize_t i = 0; i < n && st == 0; i++) {
        PyObject *ch = PyTuple_GET_ITEM(hold, i);
        /* unpacked as a tuple of nine, as the Python loop does */
        if (!PyTuple_Check(ch) || Py_TYPE(ch)->tp_iter != PyTuple_Type.tp_iter || PyTuple_GET_SIZE(ch) != 9) {
            st = DECLINE;
            break;
        }
        PyObject *text = PyTuple_GET_ITEM(ch, 0);
        if (!PyUnicode_CheckExact(text)) {
            st = DECLINE;
            break;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t k = 0;
        while (k < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)))
            k++;
        if (k == len) /* not text or text.isspace() */
            continue;
        PyObject *nums[5], *font = PyTuple_GET_ITEM(ch, 6);
        for (int j = 0; j < 5; j++) {
            nums[j] = PyTuple_GET_ITEM(ch, j + 1);
            if (!PyFloat_CheckExact(nums[j]))
                st = DECLINE;
        }
        if (st || !PyUnicode_CheckExact(font)) {
            st = DECLINE;
            break;
        }
        double x0 = PyFloat_AS_DOUBLE(nums[0]), x1 = PyFloat_AS_DOUBLE(nums[1]);
        double top = PyFloat_AS_DOUBLE(nums[2]), bottom = PyFloat_AS_DOUBLE(nums[3]);
        double size = PyFloat_AS_DOUBLE(nums[4]);
        PyObject *size_o = NULL; /* new reference when made here */
        if (size == 0.0) {       /* size or (bottom - top) or 1.0 */
            size = bottom - top;
            if (size == 0.0)
                size = 1.0;
            if (!(size_o = PyFloat_FromDouble(size))) {
                st = -1;
                break;
            }
        }
        if (font != last_font) {
            PyObject *bold = PyDict_GetItemWithError(bold_of, font);
            if (!bold) {
                int is = PyErr_Occurred() ? -1 : PyUnicode_Contains(font, s_bold);
                if (is == 0)
                    is = PyUnicode_Contains(font, s_heiti);
                if (is < 0 || PyDict_SetItem(bold_of, font, is ? Py_True : Py_False) < 0) {
                    Py_XDECREF(size_o);
                    st = -1;
                    break;
                }
                bold = is ? Py_True : Py_False;
            }
            last_font = font;
            last_bold = bold;
        }
        double tol = 0.35 * size;
        if (tol < 0.8)
            tol = 0.8;
        /* the recent drawings of the same text */
        Py_ssize_t at;
        PyObject *known = PyDict_GetItemWithError(recent_of, text);
        if (known) {
            at = PyLong_AsSsize_t(known);
            Recent *r = &recent[at];
            Py_ssize_t m = r->count < RECENT ? r->count : RECENT;
            int is_double = 0;
            for (Py_ssize_t j = 0; j < m && !is_double; j++) {
                double dx = r->x0[j] - x0, dy = r->top[j] - top;
                is_double = -tol < dx && dx < tol && -tol < dy && dy < tol;
            }
            if (is_double) {
                Py_XDECREF(size_o);
                continue;
            }
        } else {
            if (PyErr_Occurred()) {
                Py_XDECREF(size_o);
                st = -1;
                break;
            }
            if (n_recent == cap_recent) {
                Py_ssize_t cap = cap_recent ? 2 * cap_recent : 64;
                Recent *grown = PyMem_Realloc(recent, (size_t)cap * sizeof(Recent));
                if (!grown) {
                    PyErr_NoMemory();
                    Py_XDECREF(size_o);
                    st = -1;
                    break;
                }
                recent = grown;
                cap_recent = cap;
            }
            at = n_recent++;
            recent[at].count = 0;
            PyObject *key = PyLong_FromSsize_t(at);
            if (!key || PyDict_SetItem(recent_of, text, key) < 0) {
                Py_XDECREF(key);
                Py_XDECREF(size_o);
                st = -1;
                break;
            }
            Py_DECREF(key);
        }
        Recent *r = &recent[at];
        r->x0[r->count % RECENT] = x0;
        r->top[r->count % RECENT] = top;
        r->count++;
        double cx = (x0 + x1) / 2, cy = (top + bottom) / 2;
        if (crop && !(0 <= cx && cx <= width && 0 <= cy && cy <= height)) {
            Py_XDECREF(size_o);
            continue;
        }
        PyObject *glyph = type->tp_alloc(type, N_GLYPH);
        if (!glyph) {
            Py_XDECREF(size_o);
            st = -1;
            break;
        }
        PyTuple_SET_ITEM(glyph, F_TEXT, Py_NewRef(text));
        for (int j = 0; j < 4; j++)
            PyTuple_SET_ITEM(glyph, F_X0 + j, Py_NewRef(nums[j]));
        PyTuple_SET_ITEM(glyph, F_SIZE, size_o ? size_o : Py_NewRef(nums[4]));
        PyTuple_SET_ITEM(glyph, F_BOLD, Py_NewRef(last_bold));
        PyObject *cxo = PyFloat_FromDouble(cx), *cyo = PyFloat_FromDouble(cy);
        PyTuple_SET_ITEM(glyph, F_CX, cxo);
        PyTuple_SET_ITEM(glyph, F_CY, cyo);
        if (!cxo || !cyo || PyList_Append(out, glyph) < 0)
            st = -1;
        Py_DECREF(glyph);
    }
    PyObject *result = NULL;
    if (st == 0)
        result = Py_NewRef(out);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    PyMem_Free(recent);
    Py_XDECREF(out);
    Py_XDECREF(recent_of);
    Py_XDECREF(bold_of);
    Py_DECREF(hold);
    return result;
}

/* ---- moving and sorting glyphs ------------------------------------------------ */

/* The centre of a glyph of exactly `type`; DECLINE for anything else. */
static int
centre_of(PyObject *obj, PyTypeObject *type, double *cx, double *cy)
{
    if (Py_TYPE(obj) != type || PyTuple_GET_SIZE(obj) != N_GLYPH)
        return DECLINE;
    PyObject *x = PyTuple_GET_ITEM(obj, F_CX), *y = PyTuple_GET_ITEM(obj, F_CY);
    if (!PyFloat_CheckExact(x) || !PyFloat_CheckExact(y))
        return DECLINE;
    *cx = PyFloat_AS_DOUBLE(x);
    *cy = PyFloat_AS_DOUBLE(y);
    return 0;
}

/* glyphs_in_box(glyphs, (x0, top, x1, bottom), glyph_type) -> (inside, outside), or None
 *
 * `text.glyphs_in_box`: the glyphs whose centre lies in the box, edges included, and the others. */
static PyObject *
glyphs_in_box(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *box, *type;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &box, &type))
        return NULL;
    if (check_seq(glyphs, "glyphs") < 0 || check_tuple_type(type, "glyph_type") < 0)
        return NULL;
    if (!PyTuple_CheckExact(box) || PyTuple_GET_SIZE(box) != 4) {
        PyErr_SetString(PyExc_TypeError, "box must be a tuple (x0, top, x1, bottom)");
        return NULL;
    }
    double b[4];
    for (Py_ssize_t i = 0; i < 4; i++) {
        PyObject *v = PyTuple_GET_ITEM(box, i);
        if (!PyFloat_CheckExact(v))
            Py_RETURN_NONE; /* an int compares exactly in Python, maybe not as a double */
        b[i] = PyFloat_AS_DOUBLE(v);
    }
    double x0 = b[0], top = b[1], x1 = b[2], bottom = b[3];
    PyObject *hold = PySequence_Tuple(glyphs);
    if (!hold)
        return NULL;
    PyObject *inside = PyList_New(0), *outside = PyList_New(0), *result = NULL;
    int st = inside && outside ? 0 : -1;
    Py_ssize_t n = PyTuple_GET_SIZE(hold);
    for (Py_ssize_t i = 0; i < n && st == 0; i++) {
        PyObject *g = PyTuple_GET_ITEM(hold, i);
        double cx, cy;
        st = centre_of(g, (PyTypeObject *)type, &cx, &cy);
        if (st == 0 && PyList_Append(x0 <= cx && cx <= x1 && top <= cy && cy <= bottom ? inside : outside, g) < 0)
            st = -1;
    }
    if (st == 0)
        result = PyTuple_Pack(2, inside, outside);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    Py_XDECREF(inside);
    Py_XDECREF(outside);
    Py_DECREF(hold);
    return result;
}

/* shift_glyphs(glyphs, dy, glyph_type) -> list, or None
 *
 * `Glyph.shifted(dy)` of each glyph: moved down by dy, its centre made again. */
static PyObject *
shift_glyphs(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type_o, *dy_o;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &dy_o, &type_o))
        return NULL;
    if (check_seq(glyphs, "glyphs") < 0 || check_tuple_type(type_o, "glyph_type") < 0)
        return NULL;
    if (!PyFloat_CheckExact(dy_o))
        Py_RETURN_NONE;
    double dy = PyFloat_AS_DOUBLE(dy_o);
    PyTypeObject *type = (PyTypeObject *)type_o;
    PyObject *hold = PySequence_Tuple(glyphs);
    if (!hold)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(hold);
    PyObject *out = PyList_New(n), *result = NULL;
    int st = out ? 0 : -1;
    for (Py_ssize_t i = 0; i < n && st == 0; i++) {
        PyObject *g = PyTuple_GET_ITEM(hold, i);
        if (Py_TYPE(g) != type || PyTuple_GET_SIZE(g) != N_GLYPH ||
            !PyFloat_CheckExact(PyTuple_GET_ITEM(g, F_TOP)) || !PyFloat_CheckExact(PyTuple_GET_ITEM(g, F_BOTTOM))) {
            st = DECLINE;
            break;
        }
        double top = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(g, F_TOP)) + dy;
        double bottom = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(g, F_BOTTOM)) + dy;
        PyObject *moved = type->tp_alloc(type, N_GLYPH);
        if (!moved) {
            st = -1;
            break;
        }
        PyList_SET_ITEM(out, i, moved); /* the list lets go of it, filled or not */
        PyObject *top_o = PyFloat_FromDouble(top), *bottom_o = PyFloat_FromDouble(bottom);
        PyObject *cy_o = PyFloat_FromDouble((top + bottom) / 2);
        for (int j = 0; j < N_GLYPH; j++)
            if (j != F_TOP && j != F_BOTTOM && j != F_CY)
                PyTuple_SET_ITEM(moved, j, Py_NewRef(PyTuple_GET_ITEM(g, j)));
        PyTuple_SET_ITEM(moved, F_TOP, top_o);
        PyTuple_SET_ITEM(moved, F_BOTTOM, bottom_o);
        PyTuple_SET_ITEM(moved, F_CY, cy_o);
        if (!top_o || !bottom_o || !cy_o)
            st = -1;
    }
    if (st == 0)
        result = Py_NewRef(out);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    Py_XDECREF(out);
    Py_DECREF(hold);
    return result;
}

/* ---- grid_to_cells ----------------------------------------------------------- */

typedef struct {
    double start, end;
} Seg;

/* The rulings near each boundary: near[k] is a list or tuple of Segments,
 * read as (start, end) into segs[first[k] .. first[k + 1]). DECLINE unless
 * every start and end is an exact float. */
static int
read_near(PyObject *near, Py_ssize_t nb, Seg **segs, Py_ssize_t **first)
{
    /* `near` is a tuple the caller holds: reading an attribute may run Python code */
    *segs = NULL;
    *first = PyMem_Calloc((size_t)nb + 1, sizeof(Py_ssize_t));
    if (!*first) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyTuple_GET_SIZE(near) != nb) {
        PyErr_SetString(PyExc_TypeError, "one list of rulings for each boundary");
        return -1;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < nb; k++) {
        PyObject *list = PyTuple_GET_ITEM(near, k);
        if (check_seq(list, "the rulings near a boundary") < 0)
            return -1;
        total += PySequence_Fast_GET_SIZE(list);
    }
    *segs = PyMem_Malloc((size_t)(total ? total : 1) * sizeof(Seg));
    if (!*segs) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < nb; k++) {
        PyObject *hold = PySequence_Tuple(PyTuple_GET_ITEM(near, k));
        if (!hold)
            return -1;
        Py_ssize_t m = PyTuple_GET_SIZE(hold);
        int st = at + m > total ? DECLINE : 0; /* changed under us */
        for (Py_ssize_t j = 0; j < m && st == 0; j++) {
            PyObject *names[2] = {s_start, s_end};
            double v[2];
            for (int q = 0; q < 2 && st == 0; q++) {
                PyObject *o = PyObject_GetAttr(PyTuple_GET_ITEM(hold, j), names[q]);
                if (!o)
                    st = -1;
                else if (!PyFloat_CheckExact(o))
                    st = DECLINE;
                else
                    v[q] = PyFloat_AS_DOUBLE(o);
                Py_XDECREF(o);
            }
            if (st == 0) {
                (*segs)[at].start = v[0];
                (*segs)[at].end = v[1];
                at++;
            }
        }
        Py_DECREF(hold);
        if (st)
            return st;
        (*first)[k + 1] = at;
    }
    return 0;
}

/* `cells.edges_printed`: out[i * nb + k] for the edge at boundary k between
 * cross[i] and cross[i + 1] (ncross >= 1). */
static void
edges_printed(const double *cross, Py_ssize_t ncross, const Seg *segs, const Py_ssize_t *first, Py_ssize_t nb,
              double snap, char *out)
{
    double lo = cross[0], hi = cross[ncross - 1];
    for (Py_ssize_t k = 0; k < nb; k++) {
        if (first[k] == first[k + 1])
            continue;
        int whole = 0; /* one ruling runs the whole way: every edge along it is printed */
        for (Py_ssize_t j = first[k]; j < first[k + 1] && !whole; j++)
            whole = segs[j].start <= lo && segs[j].end >= hi;
        if (whole) {
            for (Py_ssize_t i = 0; i + 1 < ncross; i++)
                out[i * nb + k] = 1;
            continue;
        }
        for (Py_ssize_t i = 0; i + 1 < ncross; i++) {
            double start = cross[i], end = cross[i + 1];
            double need = end - start;
            if (need <= 0) {
                out[i * nb + k] = 1;
                continue;
            }
            double got = 0.0;
            for (Py_ssize_t j = first[k]; j < first[k + 1]; j++) {
                const Seg *s = &segs[j];
                double overlap = (s->end < end ? s->end : end) - (s->start > start ? s->start : start);
                if (overlap > 0)
                    got += overlap;
            }
            out[i * nb + k] = got >= 0.6 * need - snap;
        }
    }
}

/* grid_to_cells(xs, ys, v_near, h_near, snap, cell_type) -> tuple of cell_type, or None
 *
 * `cells.grid_to_cells`: v_near[k] are the vertical rulings near xs[k],
 * h_near[k] the horizontal ones near ys[k] (`EdgeIndex.near`); each cell is
 * made as cell_type(row, col, row_span, col_span, (x0, top, x1, bottom)). */
static PyObject *
grid_to_cells(PyObject *self, PyObject *args)
{
    PyObject *xs_o, *ys_o, *v_near, *h_near, *cell_type;
    double snap;
    if (!PyArg_ParseTuple(args, "OOOOdO", &xs_o, &ys_o, &v_near, &h_near, &snap, &cell_type))
        return NULL;
    if (check_seq(xs_o, "xs") < 0 || check_seq(ys_o, "ys") < 0 || check_seq(v_near, "v_near") < 0 ||
        check_seq(h_near, "h_near") < 0)
        return NULL;
    if (!PyCallable_Check(cell_type)) {
        PyErr_SetString(PyExc_TypeError, "cell_type must be callable");
        return NULL;
    }
    /* held as tuples: making a cell or reading a ruling may run Python code */
    PyObject *xs_t = PySequence_Tuple(xs_o), *ys_t = PySequence_Tuple(ys_o);
    PyObject *vn_t = PySequence_Tuple(v_near), *hn_t = PySequence_Tuple(h_near);
    double *xs = NULL, *ys = NULL;
    Seg *vs = NULL, *hs = NULL;
    Py_ssize_t *v_first = NULL, *h_first = NULL, nx = 0, ny = 0;
    char *v = NULL, *h = NULL, *taken = NULL;
    PyObject *cells = NULL, *result = NULL;
    int st = xs_t && ys_t && vn_t && hn_t ? 0 : -1;
    if (st == 0)
        st = read_bounds(xs_t, &xs, &nx);
    if (st == 0)
        st = read_bounds(ys_t, &ys, &ny);
    if (st == 0)
        st = read_near(vn_t, nx, &vs, &v_first);
    if (st == 0)
        st = read_near(hn_t, ny, &hs, &h_first);
    Py_ssize_t n_rows = ny - 1, n_cols = nx - 1;
    if (st == 0) {
        v = PyMem_Calloc((size_t)(n_rows ? n_rows : 1) * (size_t)nx, 1);
        h = PyMem_Calloc((size_t)(n_cols ? n_cols : 1) * (size_t)ny, 1);
        taken = PyMem_Calloc((size_t)(n_rows ? n_rows : 1) * (size_t)(n_cols ? n_cols : 1), 1);
        cells = PyList_New(0);
        if (!v || !h || !taken) {
            PyErr_NoMemory();
            st = -1;
        } else if (!cells) {
            st = -1;
        }
    }
    if (st == 0) {
        /* v[r][c]: a ruling between slot (r, c-1) and (r, c); h[c][r]: between (r-1, c) and (r, c) */
        edges_printed(ys, ny, vs, v_first, nx, snap, v);
        edges_printed(xs, nx, hs, h_first, ny, snap, h);
    }
    for (Py_ssize_t r = 0; r < n_rows && st == 0; r++) {
        char *taken_r = taken + r * n_cols, *v_r = v + r * nx;
        for (Py_ssize_t c = 0; c < n_cols && st == 0; c++) {
            if (taken_r[c])
                continue;
            Py_ssize_t cs = 1;
            while (c + cs < n_cols && !taken_r[c + cs] && !v_r[c + cs])
                cs++;
            Py_ssize_t rs = 1;
            while (r + rs < n_rows) {
                int clear = 1;
                for (Py_ssize_t k = c; k < c + cs && clear; k++)
                    clear = !taken[(r + rs) * n_cols + k] && !h[k * ny + r + rs];
                if (!clear)
                    break;
                rs++;
            }
            for (Py_ssize_t rr = r; rr < r + rs; rr++)
                memset(taken + rr * n_cols + c, 1, (size_t)cs);
            PyObject *argv[5] = {PyLong_FromSsize_t(r), PyLong_FromSsize_t(c), PyLong_FromSsize_t(rs),
                                 PyLong_FromSsize_t(cs),
                                 PyTuple_Pack(4, PyTuple_GET_ITEM(xs_t, c), PyTuple_GET_ITEM(ys_t, r),
                                              PyTuple_GET_ITEM(xs_t, c + cs), PyTuple_GET_ITEM(ys_t, r + rs))};
            PyObject *made = NULL;
            if (argv[0] && argv[1] && argv[2] && argv[3] && argv[4])
                made = PyObject_Vectorcall(cell_type, argv, 5, NULL);
            for (int q = 0; q < 5; q++)
                Py_XDECREF(argv[q]);
            if (!made || PyList_Append(cells, made) < 0)
                st = -1;
            Py_XDECREF(made);
        }
    }
    if (st == 0)
        result = PyList_AsTuple(cells);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    Py_XDECREF(cells);
    Py_XDECREF(xs_t);
    Py_XDECREF(ys_t);
    Py_XDECREF(vn_t);
    Py_XDECREF(hn_t);
    PyMem_Free(xs);
    PyMem_Free(ys);
    PyMem_Free(vs);
    PyMem_Free(hs);
    PyMem_Free(v_first);
    PyMem_Free(h_first);
    PyMem_Free(v);
    PyMem_Free(h);
    PyMem_Free(taken);
    return result;
}

/* ---- the module ---------------------------------------------------------------- */

static PyMethodDef methods[] = {
    {"page_glyphs", page_glyphs, METH_VARARGS,
     "page_glyphs(chars, glyph_type, frame): text.page_glyphs, or None where the Python must do it."},
    {"glyphs_to_text", glyphs_to_text, METH_VARARGS,
     "glyphs_to_text(glyphs, glyph_type): text.glyphs_to_text, or None where the Python must do it."},
    {"glyphs_to_lines", glyphs_to_lines, METH_VARARGS,
     "glyphs_to_lines(glyphs, glyph_type, line_type): text.glyphs_to_lines, or None where the Python "
     "must do it."},
    {"cells_to_text", cells_to_text, METH_VARARGS,
     "cells_to_text(xs, ys, cells, glyphs, glyph_type): cells.cells_to_text, or None where the Python "
     "must do it."},
    {"glyphs_in_box", glyphs_in_box, METH_VARARGS,
     "glyphs_in_box(glyphs, box, glyph_type): text.glyphs_in_box, or None where the Python must do it."},
    {"shift_glyphs", shift_glyphs, METH_VARARGS,
     "shift_glyphs(glyphs, dy, glyph_type): text.shift_glyphs, or None where the Python must do it."},
    {"grid_to_cells", grid_to_cells, METH_VARARGS,
     "grid_to_cells(xs, ys, v_near, h_near, snap, cell_type): cells.grid_to_cells, or None where the "
     "Python must do it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_glyphs", "Glyphs, cell texts and lines made in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__glyphs(void)
{
    if (!s_row) {
        s_row = PyUnicode_InternFromString("row");
        s_col = PyUnicode_InternFromString("col");
        s_row_span = PyUnicode_InternFromString("row_span");
        s_col_span = PyUnicode_InternFromString("col_span");
        s_start = PyUnicode_InternFromString("start");
        s_end = PyUnicode_InternFromString("end");
        s_bold = PyUnicode_FromString("Bold");
        s_heiti = PyUnicode_FromString("\xe9\xbb\x91\xe4\xbd\x93"); /* 黑体 in UTF-8 */
        if (!s_row || !s_col || !s_row_span || !s_col_span || !s_start || !s_end || !s_bold || !s_heiti)
            return NULL;
    }
    return PyModule_Create(&module);
}
