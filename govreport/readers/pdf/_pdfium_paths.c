/* A page's lines and rectangles read from PDFium: `read_paths` of the module
 * `govreport.readers.pdf._pdfium` (see _pdfium.c). */
#include "_pdfium.h"

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
    gr_color_fn stroke_color;
    gr_color_fn fill_color;
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
        p->stroke = p->stroked ? gr_color(w->stroke_color, p->obj) : Py_NewRef(Py_None);
        p->fill = p->filled ? gr_color(w->fill_color, p->obj) : Py_NewRef(Py_None);
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
PyObject *
gr_read_paths(PyObject *self, PyObject *args)
{
    PyObject *page_obj, *calls;
    Walk w;
    if (!PyArg_ParseTuple(args, "OO(dddddd)O!i", &page_obj, &calls, &w.t.a, &w.t.b, &w.t.c, &w.t.d,
                          &w.t.e, &w.t.f, &PyType_Type, &w.path_type, &w.max_depth))
        return NULL;
    void *fns[14], *page;
    if (gr_arguments(page_obj, "page", &page, calls, fns, 14, w.path_type, "path_type") < 0)
        return NULL;
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
    w.stroke_color = (gr_color_fn)fns[12];
    w.fill_color = (gr_color_fn)fns[13];
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

