/* Glyphs, cell texts, lines and cells made without a Python object per step:
 * the module `govreport.readers.pdf._glyphs`.
 *
 * The optional compiled half of `govreport.readers.pdf.text` and `cells`:
 * `page_glyphs`, `glyphs_in_box` and `shift_glyphs` (_glyphs_page.c),
 * `glyphs_to_text` and `glyphs_to_lines` (_glyphs_text.c), the per-glyph
 * loop of `cells_to_text` and `grid_to_cells` (_glyphs_cells.c). Each does
 * the same floating-point operations in the same order as the Python (built
 * with -ffp-contract=off: no fused multiply-add), sorts stably on the same
 * keys (a stable sort has one result whatever its algorithm, so Python's is
 * reproduced) and tests characters with the functions behind str.isspace,
 * isdigit and isalnum. The Python stays the reference:
 * tests/test_pdf_glyphs_native.py holds both to the same results.
 *
 * Each function takes its containers as lists or tuples (TypeError
 * otherwise) and returns None, for the Python to do the work, on input it
 * does not reproduce exactly: an item that is not an exact Glyph (or
 * character tuple) with str text and float coordinates, a NaN where an
 * order is sorted (NaN has no order, so the result would depend on the
 * sorting algorithm), a cell outside its grid. What this file holds is what
 * the three others share: reading glyphs, checking arguments, the module.
 */
#include "_glyphs.h"

PyObject *gg_s_row, *gg_s_col, *gg_s_row_span, *gg_s_col_span, *gg_s_start, *gg_s_end, *gg_s_bold, *gg_s_heiti;

/* A Glyph read into `g`; DECLINE when it is not an exact `type` of str and floats. */
int
gg_read_glyph(PyObject *obj, PyTypeObject *type, G *g)
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

/* ---- argument checks ---------------------------------------------------- */

int
gg_check_seq(PyObject *o, const char *what)
{
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s must be a list or a tuple, not %.100s", what, Py_TYPE(o)->tp_name);
    return -1;
}

int
gg_check_tuple_type(PyObject *o, const char *what)
{
    if (PyType_Check(o) && PyType_IsSubtype((PyTypeObject *)o, &PyTuple_Type))
        return 0;
    PyErr_Format(PyExc_TypeError, "%s must be a tuple type", what);
    return -1;
}

/* The glyphs of a list or tuple read into a new array (the tuple `*hold`
 * keeps them alive). Returns 0, DECLINE or -1. */
int
gg_read_glyphs(PyObject *seq, PyTypeObject *type, PyObject **hold, G **out, Py_ssize_t *n)
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
        if (gg_read_glyph(PyTuple_GET_ITEM(*hold, i), type, &(*out)[i]))
            return DECLINE;
    return 0;
}

/* ---- the module ---------------------------------------------------------------- */

static PyMethodDef methods[] = {
    {"page_glyphs", gg_page_glyphs, METH_VARARGS,
     "page_glyphs(chars, glyph_type, frame): text.page_glyphs, or None where the Python must do it."},
    {"glyphs_to_text", gg_glyphs_to_text, METH_VARARGS,
     "glyphs_to_text(glyphs, glyph_type): text.glyphs_to_text, or None where the Python must do it."},
    {"glyphs_to_lines", gg_glyphs_to_lines, METH_VARARGS,
     "glyphs_to_lines(glyphs, glyph_type, line_type): text.glyphs_to_lines, or None where the Python "
     "must do it."},
    {"cells_to_text", gg_cells_to_text, METH_VARARGS,
     "cells_to_text(xs, ys, cells, glyphs, glyph_type): cells.cells_to_text, or None where the Python "
     "must do it."},
    {"glyphs_in_box", gg_glyphs_in_box, METH_VARARGS,
     "glyphs_in_box(glyphs, box, glyph_type): text.glyphs_in_box, or None where the Python must do it."},
    {"shift_glyphs", gg_shift_glyphs, METH_VARARGS,
     "shift_glyphs(glyphs, dy, glyph_type): text.shift_glyphs, or None where the Python must do it."},
    {"grid_to_cells", gg_grid_to_cells, METH_VARARGS,
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
    if (!gg_s_row) {
        gg_s_row = PyUnicode_InternFromString("row");
        gg_s_col = PyUnicode_InternFromString("col");
        gg_s_row_span = PyUnicode_InternFromString("row_span");
        gg_s_col_span = PyUnicode_InternFromString("col_span");
        gg_s_start = PyUnicode_InternFromString("start");
        gg_s_end = PyUnicode_InternFromString("end");
        gg_s_bold = PyUnicode_FromString("Bold");
        gg_s_heiti = PyUnicode_FromString("\xe9\xbb\x91\xe4\xbd\x93"); /* 黑体 in UTF-8 */
        if (!gg_s_row || !gg_s_col || !gg_s_row_span || !gg_s_col_span || !gg_s_start || !gg_s_end || !gg_s_bold || !gg_s_heiti)
            return NULL;
    }
    return PyModule_Create(&module);
}
