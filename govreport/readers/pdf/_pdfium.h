/* What the compiled PDFium loops share (see _pdfium.c). */
#ifndef GOVREPORT_PDFIUM_H
#define GOVREPORT_PDFIUM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

typedef struct {
    float left, top, right, bottom; /* PDFium's FS_RECTF */
} RectF;

typedef struct {
    float a, b, c, d, e, f; /* PDFium's FS_MATRIX */
} MatrixF;

/* FPDFPageObj_GetFillColor and FPDFPageObj_GetStrokeColor */
typedef int (*gr_color_fn)(void *, unsigned int *, unsigned int *, unsigned int *, unsigned int *);

/* What every loop is given, checked before anything is called: the address
 * of a PDFium handle (`what` names it), the `n` PDFium function addresses of
 * the tuple `calls`, none of them null, and the named tuple type `made` of
 * what it makes (`made_name` names it). -1 with an exception set when wrong. */
int gr_arguments(PyObject *handle, const char *what, void **handle_out, PyObject *calls, void **fns,
                 Py_ssize_t n, PyTypeObject *made, const char *made_name);

/* An object's fill or stroke colour as RGB in 0-1, or None: `source_pdfium._Api.color`. */
PyObject *gr_color(gr_color_fn fn, void *obj);

PyObject *gr_read_chars(PyObject *self, PyObject *args); /* _pdfium_chars.c */
PyObject *gr_read_paths(PyObject *self, PyObject *args); /* _pdfium_paths.c */

#endif
