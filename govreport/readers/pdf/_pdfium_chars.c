/* A page's characters, and its lines and rectangles, read from PDFium in one
 * call each from Python.
 *
 * `read_chars` is the compiled half of `govreport.readers.pdf.source_pdfium._chars`
 * and `_run`: the same loop, with the PDFium calls made per character (its
 * text object, its box, whether its font maps it to Unicode) and per text
 * object (matrix, font size, font, fill colour) made from C instead of
 * through ctypes. PDFium's functions are not linked here: their addresses
 * come from pypdfium2's own ctypes binding, so this module works with any
 * PDFium pypdfium2 ships. A font's name and writing direction are learnt in
 * Python, once per font, by the callback `font_of`; a character printed
 * turned, or in vertical writing, is made by the callback `other`.
 *
 * `read_paths` is the compiled half of `source_pdfium._objects` and `_path`:
 * the page's objects, form XObjects followed, each path's segments (four
 * PDFium calls a point) and the rules that keep a subpath as a line or a
 * rectangle, all in C, with the same arithmetic in the same order.
 *
 * When this module cannot be built the pure-Python loops run instead, and
 * give the same characters, lines and rectangles (tests/test_pdf_native.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

typedef struct {
    float left, top, right, bottom; /* PDFium's FS_RECTF */
} RectF;

typedef struct {
    float a, b, c, d, e, f; /* PDFium's FS_MATRIX */
} MatrixF;

typedef void *(*text_object_fn)(void *, int);
typedef int (*loose_box_fn)(void *, int, RectF *);
typedef int (*map_error_fn)(void *, int);
typedef int (*char_matrix_fn)(void *, int, MatrixF *);
typedef double (*font_size_fn)(void *, int);
typedef void *(*text_font_fn)(void *);
typedef int (*fill_color_fn)(void *, unsigned int *, unsigned int *, unsigned int *, unsigned int *);

typedef struct {
    void *tp;
    text_object_fn text_object;
    loose_box_fn loose_box;
    map_error_fn map_error;
    char_matrix_fn char_matrix;
    font_size_fn font_size;
    text_font_fn text_font;
    fill_color_fn fill_color;
    double t[6]; /* the displayed page's transform: ta, tb, tc, td, te, tf */
    PyObject *fonts;   /* font handle -> (name, vertical), kept for the document */
    PyObject *font_of; /* callback for a font not yet in `fonts` */
} Page;

static int
addresses(PyObject *calls, void **out, Py_ssize_t n)
{
    if (!PyTuple_Check(calls) || PyTuple_GET_SIZE(calls) != n) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %zd PDFium function addresses", n);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(calls, i));
        if (PyErr_Occurred())
            return -1;
        if (!out[i]) {
            PyErr_SetString(PyExc_ValueError, "a null PDFium function");
            return -1;
        }
    }
    return 0;
}

/* A fill colour as RGB in 0-1, or None: as `_Api.color`. */
static PyObject *
fill_color(Page *pg, void *obj)
{
    unsigned int r = 0, g = 0, b = 0, a = 0;
    if (!pg->fill_color(obj, &r, &g, &b, &a))
        Py_RETURN_NONE;
    return Py_BuildValue("(ddd)", r / 255.0, g / 255.0, b / 255.0);
}

/* What the characters of one text object share, as `source_pdfium._run`
 * computes it (the same operations in the same order). */
static PyObject *
make_run(Page *pg, Py_ssize_t k, void *obj)
{
    MatrixF m = {1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f};
    pg->char_matrix(pg->tp, (int)k, &m);
    double ma = m.a, mb = m.b, mc = m.c, md = m.d, me = m.e, mf = m.f;
    double ta = pg->t[0], tb = pg->t[1], tc = pg->t[2], td = pg->t[3], tf = pg->t[5];
    double b = ma * tb + mb * td;
    double c = mc * ta + md * tc;
    double d = mc * tb + md * td;
    double scale = pow(c * c + d * d, 0.5);
    double size = pg->font_size(pg->tp, (int)k) * (scale != 0.0 ? scale : 1.0);
    void *font = pg->text_font(obj);
    PyObject *key = PyLong_FromVoidPtr(font);
    if (!key)
        return NULL;
    PyObject *known = PyDict_GetItemWithError(pg->fonts, key);
    if (known)
        Py_INCREF(known);
    else if (!PyErr_Occurred())
        known = PyObject_CallFunction(pg->font_of, "nOdd", k, key, me, mf);
    Py_DECREF(key);
    if (!known)
        return NULL;
    if (!PyTuple_Check(known) || PyTuple_GET_SIZE(known) != 2) {
        Py_DECREF(known);
        PyErr_SetString(PyExc_TypeError, "a font must be known as (name, vertical)");
        return NULL;
    }
    int vertical = PyObject_IsTrue(PyTuple_GET_ITEM(known, 1));
    if (vertical < 0) {
        Py_DECREF(known);
        return NULL;
    }
    int upright = fabs(b) < 1e-6 && fabs(c) < 1e-6 && ma * ta + mb * tc > 0 && d < 0;
    PyObject *base;
    if (upright && !vertical)
        base = PyFloat_FromDouble(tb * me + td * mf + tf);
    else
        base = Py_NewRef(Py_None);
    PyObject *color = fill_color(pg, obj);
    PyObject *run = NULL;
    if (base && color)
        run = Py_BuildValue("(OdOOOO)", PyTuple_GET_ITEM(known, 0), size, color, base,
                            vertical ? Py_True : Py_False, upright ? Py_True : Py_False);
    Py_XDECREF(base);
    Py_XDECREF(color);
    Py_DECREF(known);
    return run;
}

/* read_chars(textpage, text, calls, t, fonts, font_of, other, char_type, unmapped) -> list
 *
 * textpage is an address; text the page's text, one character per index (a
 * str, or a list of strs when the page has characters outside the BMP);
 * calls the addresses of FPDFText_GetTextObject, FPDFText_GetLooseCharBox,
 * FPDFText_HasUnicodeMapError, FPDFText_GetMatrix, FPDFText_GetFontSize,
 * FPDFTextObj_GetFont and FPDFPageObj_GetFillColor; t the displayed page's
 * transform; fonts and font_of as `Page`; other(k, ch, run, left, bottom,
 * right, top) makes the character of a vertical or turned run. */
static PyObject *
read_chars(PyObject *self, PyObject *args)
{
    PyObject *tp_obj, *text, *calls, *other, *unmapped;
    PyTypeObject *char_type;
    Page pg;
    if (!PyArg_ParseTuple(args, "OOO(dddddd)O!OOO!U", &tp_obj, &text, &calls, &pg.t[0], &pg.t[1],
                          &pg.t[2], &pg.t[3], &pg.t[4], &pg.t[5], &PyDict_Type, &pg.fonts,
                          &pg.font_of, &other, &PyType_Type, &char_type, &unmapped))
        return NULL;
    void *fns[7];
    if (addresses(calls, fns, 7) < 0)
        return NULL;
    pg.tp = PyLong_AsVoidPtr(tp_obj);
    if (PyErr_Occurred())
        return NULL;
    if (!pg.tp) {
        PyErr_SetString(PyExc_ValueError, "a null text page");
        return NULL;
    }
    pg.text_object = (text_object_fn)fns[0];
    pg.loose_box = (loose_box_fn)fns[1];
    pg.map_error = (map_error_fn)fns[2];
    pg.char_matrix = (char_matrix_fn)fns[3];
    pg.font_size = (font_size_fn)fns[4];
    pg.text_font = (text_font_fn)fns[5];
    pg.fill_color = (fill_color_fn)fns[6];
    if (!PyType_IsSubtype(char_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "char_type must be a tuple type");
        return NULL;
    }
    /* the text: a str, or a list of one-character strs (empty for the second
     * half of a character outside the Basic Multilingual Plane) */
    int is_list = PyList_Check(text);
    if (!is_list && !PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str or a list of str");
        return NULL;
    }
    double ta = pg.t[0], tc = pg.t[2], te = pg.t[4];
    Py_ssize_t n = is_list ? PyList_GET_SIZE(text) : PyUnicode_GET_LENGTH(text);
    int kind = is_list ? 0 : PyUnicode_KIND(text);
    const void *data = is_list ? NULL : PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    PyObject *runs = PyDict_New();
    if (!out || !runs)
        goto fail;
    void *last_obj = NULL;
    PyObject *run = NULL; /* borrowed from runs */
    PyObject *size_obj = NULL, *font = NULL, *color = NULL;
    double size = 0.0, base = 0.0;
    int simple = 0; /* upright horizontal writing: the box is made here */
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c;
        PyObject *item_text = NULL; /* borrowed from the list */
        if (is_list) {
            item_text = PyList_GET_ITEM(text, k);
            if (!PyUnicode_Check(item_text) || PyUnicode_GET_LENGTH(item_text) != 1)
                continue; /* an empty half; nothing else is put in the list */
            c = PyUnicode_READ_CHAR(item_text, 0);
        } else {
            c = PyUnicode_READ(kind, data, k);
        }
        if (Py_UNICODE_ISSPACE(c))
            continue;
        void *obj = pg.text_object(pg.tp, (int)k);
        if (!obj)
            continue; /* generated by PDFium (a space or line break it inferred) */
        if (obj != last_obj) {
            PyObject *key = PyLong_FromVoidPtr(obj);
            if (!key)
                goto fail;
            run = PyDict_GetItemWithError(runs, key);
            if (!run) {
                PyObject *made = PyErr_Occurred() ? NULL : make_run(&pg, k, obj);
                int bad = !made || PyDict_SetItem(runs, key, made) < 0;
                Py_XDECREF(made); /* the dict keeps it */
                if (bad) {
                    Py_DECREF(key);
                    goto fail;
                }
                run = made;
            }
            Py_DECREF(key);
            last_obj = obj;
            font = PyTuple_GET_ITEM(run, 0);
            size_obj = PyTuple_GET_ITEM(run, 1);
            color = PyTuple_GET_ITEM(run, 2);
            PyObject *base_obj = PyTuple_GET_ITEM(run, 3);
            simple = base_obj != Py_None && PyTuple_GET_ITEM(run, 4) == Py_False;
            size = PyFloat_AS_DOUBLE(size_obj);
            if (simple)
                base = PyFloat_AS_DOUBLE(base_obj);
        }
        PyObject *ch;
        if (pg.map_error(pg.tp, (int)k)) {
            ch = Py_NewRef(unmapped);
        } else if (item_text) {
            ch = Py_NewRef(item_text);
        } else {
            ch = PyUnicode_FromOrdinal(c);
            if (!ch)
                goto fail;
        }
        RectF r = {0.0f, 0.0f, 0.0f, 0.0f};
        pg.loose_box(pg.tp, (int)k, &r);
        PyObject *item;
        if (simple) { /* upright: across from the box, one em up from the baseline */
            double xa = ta * r.left + tc * r.bottom + te;
            double xb = ta * r.right + tc * r.top + te;
            if (xa > xb) {
                double s = xa;
                xa = xb;
                xb = s;
            }
            item = char_type->tp_alloc(char_type, 9);
            if (!item) {
                Py_DECREF(ch);
                goto fail;
            }
            PyTuple_SET_ITEM(item, 0, ch);
            PyObject *nums[4] = {PyFloat_FromDouble(xa), PyFloat_FromDouble(xb),
                                 PyFloat_FromDouble(base - size), PyFloat_FromDouble(base)};
            for (int j = 0; j < 4; j++)
                PyTuple_SET_ITEM(item, j + 1, nums[j]);
            PyTuple_SET_ITEM(item, 5, Py_NewRef(size_obj));
            PyTuple_SET_ITEM(item, 6, Py_NewRef(font));
            PyTuple_SET_ITEM(item, 7, Py_NewRef(color));
            PyTuple_SET_ITEM(item, 8, Py_NewRef(Py_True));
            if (!nums[0] || !nums[1] || !nums[2] || !nums[3]) {
                Py_DECREF(item); /* a tuple lets go of the items it holds, NULL ones skipped */
                goto fail;
            }
        } else {
            item = PyObject_CallFunction(other, "nNOdddd", k, ch, run, (double)r.left, (double)r.bottom,
                                         (double)r.right, (double)r.top);
            if (!item)
                goto fail;
        }
        int bad = PyList_Append(out, item);
        Py_DECREF(item);
        if (bad)
            goto fail;
    }
    Py_DECREF(runs);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(runs);
    return NULL;
}

/* ---- lines and rectangles from the page's path objects ------------------ */

/* PDFium's object and segment kinds (fpdf_edit.h) */
#define PAGEOBJ_PATH 2
#define PAGEOBJ_IMAGE 3
#define PAGEOBJ_FORM 5
#define SEGMENT_LINETO 0
#define SEGMENT_MOVETO 2
#define NEAR 1e-3 /* `source_pdfium._near` and `_axis_aligned` */

typedef int (*count_fn)(void *);
typedef void *(*page_object_fn)(void *, int);
typedef void *(*form_object_fn)(void *, unsigned long);
typedef int (*object_type_fn)(void *);
typedef int (*object_matrix_fn)(void *, MatrixF *);
typedef int (*draw_mode_fn)(void *, int *, int *);
typedef void *(*segment_fn)(void *, int);
typedef int (*point_fn)(void *, float *, float *);
typedef int (*segment_int_fn)(void *);
typedef int (*color_fn)(void *, unsigned int *, unsigned int *, unsigned int *, unsigned int *);

typedef struct {
    double a, b, c, d, e, f; /* X = a·x + c·y + e, Y = b·x + d·y + f */
} Affine;

typedef struct {
    count_fn count_objects;
    page_object_fn page_object;
    count_fn form_count;
    form_object_fn form_object;
    object_type_fn object_type;
    object_matrix_fn object_matrix;
    draw_mode_fn draw_mode;
    count_fn count_segments;
    segment_fn segment;
    point_fn point;
    segment_int_fn segment_type;
    segment_int_fn segment_close;
    color_fn stroke_color;
    color_fn fill_color;
    Affine t;              /* the displayed page's transform */
    PyTypeObject *path_type; /* SourcePath */
    int max_depth;         /* MAX_FORM_DEPTH */
    PyObject *out;         /* the list of SourcePath */
    Py_ssize_t images;
} Walk;

/* One subpath of a path object, as far as a line or a rectangle needs it:
 * its first points (one more after closing) and its last one. */
typedef struct {
    double x[6], y[6];
    Py_ssize_t n; /* its points */
    double last_x, last_y;
    int closed, curved;
} Subpath;

/* The object painted by a path object: how, and in which colours (made at
 * its first line or rectangle). */
typedef struct {
    void *obj;
    int filled, stroked;
    PyObject *stroke, *fill; /* NULL until asked */
} Paint;

/* `m` then `n`: `source_pdfium._mult`, the same operations in the same order. */
static Affine
mult(Affine m, Affine n)
{
    Affine r = {m.a * n.a + m.b * n.c, m.a * n.b + m.b * n.d, m.c * n.a + m.d * n.c,
                m.c * n.b + m.d * n.d, m.e * n.a + m.f * n.c + n.e, m.e * n.b + m.f * n.d + n.f};
    return r;
}

static Affine
object_matrix(Walk *w, void *obj)
{
    MatrixF m = {1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f};
    w->object_matrix(obj, &m); /* never fails for a path or a form */
    Affine own = {m.a, m.b, m.c, m.d, m.e, m.f};
    return own;
}

static int
near(double px, double py, double qx, double qy)
{
    return fabs(px - qx) <= NEAR && fabs(py - qy) <= NEAR;
}

/* An object's colour as RGB in 0-1, or None: `_Api.color`. */
static PyObject *
color_of(color_fn fn, void *obj)
{
    unsigned int r = 0, g = 0, b = 0, a = 0;
    if (!fn(obj, &r, &g, &b, &a))
        Py_RETURN_NONE;
    return Py_BuildValue("(ddd)", r / 255.0, g / 255.0, b / 255.0);
}

/* Python's min and max of two floats: the first one unless the second is
 * smaller (larger), so that a NaN or a signed zero comes out the same. */
static double
py_min(double cur, double item)
{
    return item < cur ? item : cur;
}

static double
py_max(double cur, double item)
{
    return item > cur ? item : cur;
}

static int
add_path(Walk *w, Paint *p, int rect, double x0, double top, double x1, double bottom)
{
    if (!p->stroke) {
        p->stroke = p->stroked ? color_of(w->stroke_color, p->obj) : Py_NewRef(Py_None);
        p->fill = p->filled ? color_of(w->fill_color, p->obj) : Py_NewRef(Py_None);
        if (!p->stroke || !p->fill)
            return -1;
    }
    PyObject *item = w->path_type->tp_alloc(w->path_type, 9);
    if (!item)
        return -1;
    PyObject *nums[4] = {PyFloat_FromDouble(x0), PyFloat_FromDouble(top), PyFloat_FromDouble(x1),
                         PyFloat_FromDouble(bottom)};
    PyTuple_SET_ITEM(item, 0, Py_NewRef(rect ? Py_True : Py_False));
    for (int j = 0; j < 4; j++)
        PyTuple_SET_ITEM(item, j + 1, nums[j]);
    PyTuple_SET_ITEM(item, 5, Py_NewRef(p->stroked ? Py_True : Py_False));
    PyTuple_SET_ITEM(item, 6, Py_NewRef(p->filled ? Py_True : Py_False));
    PyTuple_SET_ITEM(item, 7, Py_NewRef(p->stroke));
    PyTuple_SET_ITEM(item, 8, Py_NewRef(p->fill));
    int bad = !nums[0] || !nums[1] || !nums[2] || !nums[3] || PyList_Append(w->out, item) < 0;
    Py_DECREF(item);
    return bad ? -1 : 0;
}

/* A subpath that is a straight line or an axis-aligned rectangle becomes a
 * SourcePath: the rules of `source_pdfium._path`. */
static int
finish_subpath(Walk *w, Paint *p, Subpath *s)
{
    if (!s->n || s->curved || s->n > 5)
        return 0; /* nothing, or more points than a rectangle */
    double *x = s->x, *y = s->y;
    Py_ssize_t n = s->n;
    int appended = 0;
    if (s->closed && !near(s->last_x, s->last_y, x[0], y[0])) { /* closed back to its start */
        x[n] = x[0];
        y[n] = y[0];
        n++;
        appended = 1;
    }
    /* Python compares the third point with the first as a tuple: the same
     * object when it was appended, else by value */
    if (n == 2 || (n == 3 && s->closed && (appended || (x[2] == x[0] && y[2] == y[0]))))
        return add_path(w, p, 0, py_min(x[0], x[1]), py_min(y[0], y[1]), py_max(x[0], x[1]),
                        py_max(y[0], y[1]));
    if (n != 5 || !near(x[4], y[4], x[0], y[0]))
        return 0;
#define EQ(u, v) (fabs((u) - (v)) <= NEAR)
    if (!((EQ(x[0], x[1]) && EQ(y[1], y[2]) && EQ(x[2], x[3]) && EQ(y[3], y[0])) ||
          (EQ(y[0], y[1]) && EQ(x[1], x[2]) && EQ(y[2], y[3]) && EQ(x[3], x[0]))))
        return 0;
#undef EQ
    double x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
    for (int j = 1; j < 5; j++) {
        x0 = py_min(x0, x[j]);
        x1 = py_max(x1, x[j]);
        y0 = py_min(y0, y[j]);
        y1 = py_max(y1, y[j]);
    }
    return add_path(w, p, 1, x0, y0, x1, y1);
}

/* The lines and rectangles of one path object drawn with the matrix `m`. */
static int
read_path(Walk *w, void *obj, Affine m)
{
    Paint p = {obj, 0, 0, NULL, NULL};
    int fill_mode = 0, stroke = 0;
    w->draw_mode(obj, &fill_mode, &stroke); /* never fails for a path */
    p.filled = fill_mode != 0;
    p.stroked = stroke != 0;
    Affine f = mult(m, w->t);
    Subpath s;
    s.n = 0;
    int count = w->count_segments(obj), bad = 0;
    for (int j = 0; j < count && !bad; j++) {
        void *seg = w->segment(obj, j);
        float px = 0.0f, py = 0.0f;
        w->point(seg, &px, &py); /* PDFium fills both for every index below the count */
        int kind = w->segment_type(seg);
        double x = f.a * px + f.c * py + f.e, y = f.b * px + f.d * py + f.f;
        if (kind == SEGMENT_MOVETO || !s.n) {
            bad = finish_subpath(w, &p, &s);
            s.n = 0;
            s.closed = s.curved = 0;
        } else if (kind != SEGMENT_LINETO) {
            s.curved = 1;
        }
        if (s.n < 5) {
            s.x[s.n] = x;
            s.y[s.n] = y;
        }
        s.n++;
        s.last_x = x;
        s.last_y = y;
        if (w->segment_close(seg))
            s.closed = 1;
    }
    if (!bad)
        bad = finish_subpath(w, &p, &s);
    Py_XDECREF(p.stroke);
    Py_XDECREF(p.fill);
    return bad ? -1 : 0;
}

/* The objects of the page (form NULL) or of a form object drawn with the
 * matrix `*form`: `source_pdfium._objects`. */
static int
read_objects(Walk *w, void *parent, int depth, const Affine *form)
{
    int count = form ? w->form_count(parent) : w->count_objects(parent);
    for (int i = 0; i < count; i++) {
        void *obj = form ? w->form_object(parent, (unsigned long)i) : w->page_object(parent, i);
        if (!obj)
            continue;
        int kind = w->object_type(obj);
        if (kind == PAGEOBJ_IMAGE) {
            w->images++;
        } else if (kind == PAGEOBJ_PATH) {
            Affine own = object_matrix(w, obj);
            if (read_path(w, obj, form ? mult(own, *form) : own) < 0)
                return -1;
        } else if (kind == PAGEOBJ_FORM && depth < w->max_depth) {
            Affine own = object_matrix(w, obj);
            Affine inner = form ? mult(own, *form) : own;
            if (read_objects(w, obj, depth + 1, &inner) < 0)
                return -1;
        }
    }
    return 0;
}

/* read_paths(page, calls, t, path_type, max_depth) -> (paths, n_images)
 *
 * page is an address; calls the addresses of FPDFPage_CountObjects,
 * FPDFPage_GetObject, FPDFFormObj_CountObjects, FPDFFormObj_GetObject,
 * FPDFPageObj_GetType, FPDFPageObj_GetMatrix, FPDFPath_GetDrawMode,
 * FPDFPath_CountSegments, FPDFPath_GetPathSegment, FPDFPathSegment_GetPoint,
 * FPDFPathSegment_GetType, FPDFPathSegment_GetClose,
 * FPDFPageObj_GetStrokeColor and FPDFPageObj_GetFillColor; t the displayed
 * page's transform; path_type the named tuple made for each line or
 * rectangle; form XObjects are followed max_depth deep. */
static PyObject *
read_paths(PyObject *self, PyObject *args)
{
    PyObject *page_obj, *calls;
    Walk w;
    if (!PyArg_ParseTuple(args, "OO(dddddd)O!i", &page_obj, &calls, &w.t.a, &w.t.b, &w.t.c, &w.t.d,
                          &w.t.e, &w.t.f, &PyType_Type, &w.path_type, &w.max_depth))
        return NULL;
    void *fns[14];
    if (addresses(calls, fns, 14) < 0)
        return NULL;
    void *page = PyLong_AsVoidPtr(page_obj);
    if (PyErr_Occurred())
        return NULL;
    if (!page) {
        PyErr_SetString(PyExc_ValueError, "a null page");
        return NULL;
    }
    if (!PyType_IsSubtype(w.path_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "path_type must be a tuple type");
        return NULL;
    }
    w.count_objects = (count_fn)fns[0];
    w.page_object = (page_object_fn)fns[1];
    w.form_count = (count_fn)fns[2];
    w.form_object = (form_object_fn)fns[3];
    w.object_type = (object_type_fn)fns[4];
    w.object_matrix = (object_matrix_fn)fns[5];
    w.draw_mode = (draw_mode_fn)fns[6];
    w.count_segments = (count_fn)fns[7];
    w.segment = (segment_fn)fns[8];
    w.point = (point_fn)fns[9];
    w.segment_type = (segment_int_fn)fns[10];
    w.segment_close = (segment_int_fn)fns[11];
    w.stroke_color = (color_fn)fns[12];
    w.fill_color = (color_fn)fns[13];
    w.images = 0;
    w.out = PyList_New(0);
    if (!w.out)
        return NULL;
    if (read_objects(&w, page, 0, NULL) < 0) {
        Py_DECREF(w.out);
        return NULL;
    }
    return Py_BuildValue("(Nn)", w.out, w.images);
}

static PyMethodDef methods[] = {
    {"read_chars", read_chars, METH_VARARGS, "A page's characters read from PDFium in one call."},
    {"read_paths", read_paths, METH_VARARGS, "A page's lines and rectangles read from PDFium in one call."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_chars", "A page's characters, lines and rectangles read from PDFium.", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__pdfium_chars(void)
{
    return PyModule_Create(&module);
}
