/* A page's characters read from PDFium: `read_chars` of the module
 * `govreport.readers.pdf._pdfium` (see _pdfium.c). */
#include "_pdfium.h"

typedef void *(*text_object_fn)(void *, int);
typedef int (*loose_box_fn)(void *, int, RectF *);
typedef int (*map_error_fn)(void *, int);
typedef int (*char_matrix_fn)(void *, int, MatrixF *);
typedef double (*font_size_fn)(void *, int);
typedef void *(*text_font_fn)(void *);

typedef struct {
    void *tp;
    text_object_fn text_object;
    loose_box_fn loose_box;
    map_error_fn map_error;
    char_matrix_fn char_matrix;
    font_size_fn font_size;
    text_font_fn text_font;
    gr_color_fn fill_color;
    double t[6]; /* the displayed page's transform: ta, tb, tc, td, te, tf */
    PyObject *fonts;   /* font handle -> (name, vertical), kept for the document */
    PyObject *font_of; /* callback for a font not yet in `fonts` */
} Page;

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
    PyObject *color = gr_color(pg->fill_color, obj);
    PyObject *run = NULL;
    if (base && color)
        run = Py_BuildValue("(OdOOOO)", PyTuple_GET_ITEM(known, 0), size, color, base,
                            vertical ? Py_True : Py_False, upright ? Py_True : Py_False);
    Py_XDECREF(base);
    Py_XDECREF(color);
    Py_DECREF(known);
    return run;
}

/* out[i] made again with `text` (a reference taken over) as its text: a
 * named tuple is not changed once made. 0, or -1 with an exception set. */
static int
with_text(PyObject *out, Py_ssize_t i, PyObject *text)
{
    PyObject *old = PyList_GET_ITEM(out, i);
    Py_ssize_t size = PyTuple_GET_SIZE(old);
    PyObject *made = Py_TYPE(old)->tp_alloc(Py_TYPE(old), size);
    if (!made) {
        Py_DECREF(text);
        return -1;
    }
    PyTuple_SET_ITEM(made, 0, text);
    for (Py_ssize_t j = 1; j < size; j++)
        PyTuple_SET_ITEM(made, j, Py_NewRef(PyTuple_GET_ITEM(old, j)));
    return PyList_SetItem(out, i, made); /* lets go of the old one */
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
PyObject *
gr_read_chars(PyObject *self, PyObject *args)
{
    PyObject *tp_obj, *text, *calls, *other, *unmapped;
    PyTypeObject *char_type;
    Page pg;
    if (!PyArg_ParseTuple(args, "OOO(dddddd)O!OOO!U", &tp_obj, &text, &calls, &pg.t[0], &pg.t[1],
                          &pg.t[2], &pg.t[3], &pg.t[4], &pg.t[5], &PyDict_Type, &pg.fonts,
                          &pg.font_of, &other, &PyType_Type, &char_type, &unmapped))
        return NULL;
    void *fns[7];
    if (gr_arguments(tp_obj, "text page", &pg.tp, calls, fns, 7, char_type, "char_type") < 0)
        return NULL;
    pg.text_object = (text_object_fn)fns[0];
    pg.loose_box = (loose_box_fn)fns[1];
    pg.map_error = (map_error_fn)fns[2];
    pg.char_matrix = (char_matrix_fn)fns[3];
    pg.font_size = (font_size_fn)fns[4];
    pg.text_font = (text_font_fn)fns[5];
    pg.fill_color = (gr_color_fn)fns[6];
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
    /* the last character kept, when mapped: its index, text object and box */
    Py_ssize_t last_k = -2;
    void *last_o = NULL;
    RectF last_r = {0.0f, 0.0f, 0.0f, 0.0f};
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
        int unmapped_k = pg.map_error(pg.tp, (int)k);
        if (unmapped_k) {
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
        if (!unmapped_k && last_k == k - 1 && last_o == obj && r.left == last_r.left
            && r.bottom == last_r.bottom && r.right == last_r.right && r.top == last_r.top) {
            /* one glyph printing several characters: one character (see `_chars`) */
            Py_ssize_t i = PyList_GET_SIZE(out) - 1;
            PyObject *joined = PyUnicode_Concat(PyTuple_GET_ITEM(PyList_GET_ITEM(out, i), 0), ch);
            Py_DECREF(ch);
            if (!joined || with_text(out, i, joined) < 0)
                goto fail;
            last_k = k;
            continue;
        }
        if (unmapped_k) {
            last_k = -2;
        } else {
            last_k = k;
            last_o = obj;
            last_r = r;
        }
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

