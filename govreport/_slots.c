/* Positional constructors of slotted classes: the module `govreport._slots`.
 *
 * The optional compiled half of `govreport.model.positional_constructor`.
 * `constructor(cls, names)` returns a callable that makes an object of
 * `cls` from one positional argument per name, as the generated Python
 * function does: ``object.__new__(cls)``, then each slot set through its
 * member descriptor, in order. Here the slots are found once (the member
 * descriptors' offsets), and each call allocates the object and stores its
 * arguments, with no Python frame and no descriptor call per field.
 *
 * `constructor` refuses (ValueError, and the Python function is used) a
 * class it would not make exactly as the Python does: an abstract class,
 * a name that is not a plain object slot of the class (a property, a
 * read-only member, a member of another class), more than MAX_FIELDS names.
 * The made callable takes positional arguments only.
 * tests/test_slots_native.py holds both constructors to the same objects.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#ifndef Py_T_OBJECT_EX
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif
#ifndef Py_READONLY
#define Py_READONLY READONLY
#endif

#define MAX_FIELDS 32

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;
    PyObject *name;     /* for error messages: make_<class> */
    Py_ssize_t n;
    Py_ssize_t offsets[MAX_FIELDS];
} Maker;

static PyObject *
maker_call(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Maker *m = (Maker *)self;
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        PyErr_Format(PyExc_TypeError, "%U() takes positional arguments only", m->name);
        return NULL;
    }
    if (n != m->n) {
        PyErr_Format(PyExc_TypeError, "%U() takes %zd positional arguments but %zd were given",
                     m->name, m->n, n);
        return NULL;
    }
    PyTypeObject *cls = m->cls;
    PyObject *obj = cls->tp_alloc(cls, 0);
    if (obj == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject **slot = (PyObject **)((char *)obj + m->offsets[i]);
        PyObject *old = *slot; /* NULL, but for a name given twice */
        Py_INCREF(args[i]);
        *slot = args[i];
        Py_XDECREF(old);
    }
    return obj;
}

static int
maker_traverse(Maker *m, visitproc visit, void *arg)
{
    Py_VISIT(m->cls);
    Py_VISIT(m->name);
    return 0;
}

static int
maker_clear(Maker *m)
{
    Py_CLEAR(m->cls);
    Py_CLEAR(m->name);
    return 0;
}

static void
maker_dealloc(Maker *m)
{
    PyObject_GC_UnTrack(m);
    maker_clear(m);
    PyObject_GC_Del(m);
}

static PyObject *
maker_repr(Maker *m)
{
    return PyUnicode_FromFormat("<compiled constructor %U>", m->name);
}

static PyTypeObject MakerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "govreport._slots.Constructor",
    .tp_basicsize = sizeof(Maker),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(Maker, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)maker_traverse,
    .tp_clear = (inquiry)maker_clear,
    .tp_dealloc = (destructor)maker_dealloc,
    .tp_repr = (reprfunc)maker_repr,
    .tp_doc = "A positional constructor made by govreport._slots.constructor.",
};

/* The offset of the plain object slot `name` of `cls`, or -1 with ValueError set. */
static Py_ssize_t
slot_offset(PyTypeObject *cls, PyObject *name)
{
    PyObject *descr = PyObject_GetAttr((PyObject *)cls, name);
    if (descr == NULL)
        return -1;
    Py_ssize_t off = -1;
    if (Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDescrObject *md = (PyMemberDescrObject *)descr;
        PyMemberDef *def = md->d_member;
        if (def->type == Py_T_OBJECT_EX && !(def->flags & Py_READONLY) && PyDescr_TYPE(descr) == cls
            && def->offset >= (Py_ssize_t)sizeof(PyObject)
            && def->offset + (Py_ssize_t)sizeof(PyObject *) <= cls->tp_basicsize)
            off = def->offset;
    }
    Py_DECREF(descr);
    if (off < 0)
        PyErr_Format(PyExc_ValueError, "%R is not a plain slot of %s", name, cls->tp_name);
    return off;
}

static PyObject *
constructor(PyObject *module, PyObject *args)
{
    PyObject *cls_obj, *names, *name;
    if (!PyArg_ParseTuple(args, "O!O!U:constructor", &PyType_Type, &cls_obj, &PyTuple_Type, &names, &name))
        return NULL;
    PyTypeObject *cls = (PyTypeObject *)cls_obj;
    Py_ssize_t n = PyTuple_GET_SIZE(names);
    if (n > MAX_FIELDS) {
        PyErr_Format(PyExc_ValueError, "%s has more than %d fields", cls->tp_name, MAX_FIELDS);
        return NULL;
    }
    if (cls->tp_flags & Py_TPFLAGS_IS_ABSTRACT || cls->tp_alloc == NULL || cls->tp_itemsize != 0) {
        PyErr_Format(PyExc_ValueError, "%s is not made by object.__new__ alone", cls->tp_name);
        return NULL;
    }
    Maker *m = PyObject_GC_New(Maker, &MakerType);
    if (m == NULL)
        return NULL;
    m->vectorcall = maker_call;
    m->n = n;
    Py_INCREF(cls);
    m->cls = cls;
    Py_INCREF(name);
    m->name = name;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *field = PyTuple_GET_ITEM(names, i);
        if (!PyUnicode_Check(field)) {
            PyErr_SetString(PyExc_TypeError, "field names must be str");
            Py_DECREF(m);
            return NULL;
        }
        m->offsets[i] = slot_offset(cls, field);
        if (m->offsets[i] < 0) {
            Py_DECREF(m);
            return NULL;
        }
    }
    PyObject_GC_Track(m);
    return (PyObject *)m;
}

static PyMethodDef methods[] = {
    {"constructor", constructor, METH_VARARGS,
     "constructor(cls, names, name): a callable making a `cls` from one positional argument per slot "
     "name, as object.__new__(cls) and each slot's member descriptor would."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "govreport._slots", "Positional constructors of slotted classes.", -1, methods,
};

PyMODINIT_FUNC
PyInit__slots(void)
{
    if (PyType_Ready(&MakerType) < 0)
        return NULL;
    return PyModule_Create(&module);
}
