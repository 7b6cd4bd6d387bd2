/* A page's characters, and its lines and rectangles, read from PDFium in one
 * call each from Python: the module `govreport.readers.pdf._pdfium`.
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
#include "_pdfium.h"

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

int
gr_arguments(PyObject *handle, const char *what, void **handle_out, PyObject *calls, void **fns,
             Py_ssize_t n, PyTypeObject *made, const char *made_name)
{
    if (addresses(calls, fns, n) < 0)
        return -1;
    *handle_out = PyLong_AsVoidPtr(handle);
    if (PyErr_Occurred())
        return -1;
    if (!*handle_out) {
        PyErr_Format(PyExc_ValueError, "a null %s", what);
        return -1;
    }
    if (!PyType_IsSubtype(made, &PyTuple_Type)) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple type", made_name);
        return -1;
    }
    return 0;
}

PyObject *
gr_color(gr_color_fn fn, void *obj)
{
    unsigned int r = 0, g = 0, b = 0, a = 0;
    if (!fn(obj, &r, &g, &b, &a))
        Py_RETURN_NONE;
    return Py_BuildValue("(ddd)", r / 255.0, g / 255.0, b / 255.0);
}

static PyMethodDef methods[] = {
    {"read_chars", gr_read_chars, METH_VARARGS, "A page's characters read from PDFium in one call."},
    {"read_paths", gr_read_paths, METH_VARARGS, "A page's lines and rectangles read from PDFium in one call."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium", "A page's characters, lines and rectangles read from PDFium.", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__pdfium(void)
{
    return PyModule_Create(&module);
}
