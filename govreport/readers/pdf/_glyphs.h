/* What the compiled glyph stages share (see _glyphs.c). */
#ifndef GOVREPORT_GLYPHS_H
#define GOVREPORT_GLYPHS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#define DECLINE 1 /* status: not reproduced here, the Python does it */

/* attribute names and the substrings that make a font bold (made once, in PyInit__glyphs) */
extern PyObject *gg_s_row, *gg_s_col, *gg_s_row_span, *gg_s_col_span, *gg_s_start, *gg_s_end, *gg_s_bold,
    *gg_s_heiti;

/* ---- characters ------------------------------------------------------ */

/* `text.is_cjk` of a character. */
static inline int
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

static inline int
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

static inline int
buf_char(Buf *b, Py_UCS4 c)
{
    if (buf_room(b, 1) < 0)
        return -1;
    b->p[b->n++] = c;
    return 0;
}

static inline int
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

static inline PyObject *
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

/* Room for the work on up to `cap` glyphs at once. */
typedef struct {
    Py_ssize_t cap;
    Py_ssize_t *order, *tmp, *row_of, *members, *start, *rows;
    double *span_top, *span_bottom, *key1, *key2;
    Buf line;
} Work;

/* ---- shared functions ------------------------------------------------------ */

/* A Glyph read into `g`; DECLINE when it is not an exact `type` of str and floats. */
int gg_read_glyph(PyObject *obj, PyTypeObject *type, G *g);

/* The glyphs of a list or tuple read into a new array (the tuple `*hold`
 * keeps them alive). Returns 0, DECLINE or -1. */
int gg_read_glyphs(PyObject *seq, PyTypeObject *type, PyObject **hold, G **out, Py_ssize_t *n);

/* TypeError unless `o` is a list or a tuple (`what` names it). */
int gg_check_seq(PyObject *o, const char *what);

/* TypeError unless `o` is a subtype of tuple. */
int gg_check_tuple_type(PyObject *o, const char *what);

int gg_work_init(Work *w, Py_ssize_t cap);
void gg_work_free(Work *w);

/* `glyphs_to_text` of the glyphs sel[0..n) of g into `out` (empty on entry):
 * 0, DECLINE or -1. */
int gg_block_text(const G *g, const Py_ssize_t *sel, Py_ssize_t n, Work *w, Buf *out);

PyObject *gg_glyphs_to_text(PyObject *self, PyObject *args);  /* _glyphs_text.c */
PyObject *gg_glyphs_to_lines(PyObject *self, PyObject *args); /* _glyphs_text.c */
PyObject *gg_page_glyphs(PyObject *self, PyObject *args);     /* _glyphs_page.c */
PyObject *gg_glyphs_in_box(PyObject *self, PyObject *args);   /* _glyphs_page.c */
PyObject *gg_shift_glyphs(PyObject *self, PyObject *args);    /* _glyphs_page.c */
PyObject *gg_cells_to_text(PyObject *self, PyObject *args);   /* _glyphs_cells.c */
PyObject *gg_grid_to_cells(PyObject *self, PyObject *args);   /* _glyphs_cells.c */

#endif
