/* A page's glyphs, those of a table region and those moved under the piece
 * before: `page_glyphs`, `glyphs_in_box` and `shift_glyphs` of the module
 * `govreport.readers.pdf._glyphs` (see _glyphs.c). */
#include "_glyphs.h"

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
PyObject *
gg_page_glyphs(PyObject *self, PyObject *args)
{
    PyObject *chars, *type_o, *frame;
    if (!PyArg_ParseTuple(args, "OOO", &chars, &type_o, &frame))
        return NULL;
    if (gg_check_seq(chars, "chars") < 0 || gg_check_tuple_type(type_o, "glyph_type") < 0)
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
                int is = PyErr_Occurred() ? -1 : PyUnicode_Contains(font, gg_s_bold);
                if (is == 0)
                    is = PyUnicode_Contains(font, gg_s_heiti);
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
PyObject *
gg_glyphs_in_box(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *box, *type;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &box, &type))
        return NULL;
    if (gg_check_seq(glyphs, "glyphs") < 0 || gg_check_tuple_type(type, "glyph_type") < 0)
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
PyObject *
gg_shift_glyphs(PyObject *self, PyObject *args)
{
    PyObject *glyphs, *type_o, *dy_o;
    if (!PyArg_ParseTuple(args, "OOO", &glyphs, &dy_o, &type_o))
        return NULL;
    if (gg_check_seq(glyphs, "glyphs") < 0 || gg_check_tuple_type(type_o, "glyph_type") < 0)
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

