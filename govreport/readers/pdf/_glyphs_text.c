/* Cell texts and lines: `glyphs_to_text` and `glyphs_to_lines` of the module
 * `govreport.readers.pdf._glyphs` (see _glyphs.c), and the text of a block
 * of glyphs that `cells_to_text` asks for each cell. */
#include "_glyphs.h"

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

void
gg_work_free(Work *w)
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

int
gg_work_init(Work *w, Py_ssize_t cap)
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
        gg_work_free(w);
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
int
gg_block_text(const G *g, const Py_ssize_t *sel, Py_ssize_t n, Work *w, Buf *out)
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

/* ---- glyphs_to_text ------------------------------------------------------ */

PyObject *
gg_glyphs_to_text(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type;
    if (!PyArg_ParseTuple(args, "OO", &glyphs, &type))
        return NULL;
    if (gg_check_seq(glyphs, "glyphs") < 0 || gg_check_tuple_type(type, "glyph_type") < 0)
        return NULL;
    PyObject *hold = NULL, *result = NULL;
    G *g = NULL;
    Py_ssize_t n = 0;
    Work w = {0};
    Buf out = {0};
    Py_ssize_t *sel = NULL;
    int st = gg_read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
    if (st == 0)
        st = gg_work_init(&w, n);
    if (st == 0 && !(sel = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t)))) {
        PyErr_NoMemory();
        st = -1;
    }
    if (st == 0) {
        for (Py_ssize_t i = 0; i < n; i++)
            sel[i] = i;
        st = gg_block_text(g, sel, n, &w, &out);
    }
    if (st == 0)
        result = buf_unicode(&out);
    else if (st == DECLINE)
        result = Py_NewRef(Py_None);
    PyMem_Free(sel);
    PyMem_Free(out.p);
    gg_work_free(&w);
    PyMem_Free(g);
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
PyObject *
gg_glyphs_to_lines(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type, *line_type;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &type, &line_type))
        return NULL;
    if (gg_check_seq(glyphs, "glyphs") < 0 || gg_check_tuple_type(type, "glyph_type") < 0 ||
        gg_check_tuple_type(line_type, "line_type") < 0)
        return NULL;
    PyTypeObject *lt = (PyTypeObject *)line_type;
    PyObject *hold = NULL, *result = NULL, *lines = NULL;
    G *g = NULL;
    Py_ssize_t n = 0, *sel = NULL, *row = NULL;
    Work w = {0};
    int st = gg_read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
    if (st == 0)
        st = gg_work_init(&w, n);
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
    gg_work_free(&w);
    PyMem_Free(g);
    Py_XDECREF(hold);
    return result;
}

