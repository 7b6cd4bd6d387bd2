/* Grid cells and their texts: `grid_to_cells` and `cells_to_text` of the module
 * `govreport.readers.pdf._glyphs` (see _glyphs.c). */
#include "_glyphs.h"

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
        if ((st = cell_int(cell, gg_s_row, &row)) || (st = cell_int(cell, gg_s_col, &col)) ||
            (st = cell_int(cell, gg_s_row_span, &rs)) || (st = cell_int(cell, gg_s_col_span, &cs)))
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
PyObject *
gg_cells_to_text(PyObject *self, PyObject *args)
{
    PyObject *xs_o, *ys_o, *cells, *glyphs, *type;
    if (!PyArg_ParseTuple(args, "OOOOO", &xs_o, &ys_o, &cells, &glyphs, &type))
        return NULL;
    if (gg_check_seq(xs_o, "xs") < 0 || gg_check_seq(ys_o, "ys") < 0 || gg_check_seq(cells, "cells") < 0 ||
        gg_check_seq(glyphs, "glyphs") < 0 || gg_check_tuple_type(type, "glyph_type") < 0)
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
        st = gg_read_glyphs(glyphs, (PyTypeObject *)type, &hold, &g, &n);
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
        st = gg_work_init(&w, n);
    }
    if (st == 0 && !(texts = PyList_New(ncells)))
        st = -1;
    for (Py_ssize_t k = 0; k < ncells && st == 0; k++) {
        Py_ssize_t lo = start[k], hi = start[k + 1];
        out.n = 0;
        st = gg_block_text(g, members + lo, hi - lo, &w, &out);
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
    gg_work_free(&w);
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
        if (gg_check_seq(list, "the rulings near a boundary") < 0)
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
            PyObject *names[2] = {gg_s_start, gg_s_end};
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
PyObject *
gg_grid_to_cells(PyObject *self, PyObject *args)
{
    PyObject *xs_o, *ys_o, *v_near, *h_near, *cell_type;
    double snap;
    if (!PyArg_ParseTuple(args, "OOOOdO", &xs_o, &ys_o, &v_near, &h_near, &snap, &cell_type))
        return NULL;
    if (gg_check_seq(xs_o, "xs") < 0 || gg_check_seq(ys_o, "ys") < 0 || gg_check_seq(v_near, "v_near") < 0 ||
        gg_check_seq(h_near, "h_near") < 0)
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

