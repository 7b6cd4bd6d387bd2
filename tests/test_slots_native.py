"""The compiled positional constructors (`govreport._slots`) make exactly the
objects the generated Python ones make, and refuse what they would not.

The table builder and the report layer make a cell, a record or a location
per grid slot through `govreport.model.positional_constructor`; where the
module is built, that is a compiled callable that allocates the object and
stores its arguments straight into the slots.
"""

from __future__ import annotations

import abc
import gc
import sys
from dataclasses import dataclass, fields
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import model
from govreport.model import Cell, CheckResult, Location, generated_constructor, positional_constructor
from govreport.readers.pdf.cells import CellBox
from govreport.tables.paths import Record
from govreport.tables.raw import RawCell

CLASSES = [Cell, CheckResult, Location, Record, CellBox, RawCell]
_slots: Any = model._slots  # None where not built: the first test says so, the others fail

VALUES = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
    st.tuples(st.integers(), st.integers()), st.builds(object),
)


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def test_the_compiled_constructors_are_built_and_used_here() -> None:
    """`make test` builds the compiled part: were it to fail silently, only the
    generated functions would be tested and measured."""
    assert model._slots is not None
    for cls in CLASSES:
        assert type(positional_constructor(cls)).__name__ == "Constructor"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_both_constructors_make_the_same_object(cls: type, data: st.DataObject) -> None:
    names = _names(cls)
    args = [data.draw(VALUES) for _ in names]
    compiled = positional_constructor(cls)(*args)
    generated = generated_constructor(cls, names, "make")(*args)
    assert type(compiled) is cls and type(generated) is cls
    for name, arg in zip(names, args, strict=True):
        assert getattr(compiled, name) is arg
        assert getattr(generated, name) is arg
    assert gc.is_tracked(compiled) == gc.is_tracked(generated)
    if all(not isinstance(a, float) or a == a for a in args):
        assert compiled == generated
    try:
        assert hash(compiled) == hash(generated)
    except TypeError:  # an unhashable field: both refuse
        with pytest.raises(TypeError):
            hash(generated)


def test_the_made_objects_hold_their_fields_once_and_let_them_go() -> None:
    make = positional_constructor(Location)
    arg = object()
    before = sys.getrefcount(arg)
    made = [make(arg, 1, (0.0, 1.0, 2.0, 3.0), None, None, None, None) for _ in range(1000)]
    assert sys.getrefcount(arg) == before + 1000
    del made
    assert sys.getrefcount(arg) == before


def test_wrong_calls_are_type_errors() -> None:
    make = positional_constructor(CellBox)
    with pytest.raises(TypeError, match="5 positional arguments but 4"):
        make(0, 0, 1, 1)
    with pytest.raises(TypeError, match="positional arguments only"):
        make(0, 0, 1, 1, bbox=(0.0, 0.0, 1.0, 1.0))
    generated = generated_constructor(CellBox, _names(CellBox), "make")
    with pytest.raises(TypeError):
        generated(0, 0, 1, 1)
    with pytest.raises(TypeError):
        generated(0, 0, 1, 1, bbox=(0.0, 0.0, 1.0, 1.0))
    with pytest.raises(TypeError):
        _slots.constructor("Cell", ("row",), "make")  # not a class
    with pytest.raises(TypeError):
        _slots.constructor(Cell, ["row"], "make")  # not a tuple
    with pytest.raises(TypeError):
        _slots.constructor(Cell, (1,), "make")


@dataclass(frozen=True, slots=True)
class _Base:
    a: int


@dataclass(frozen=True, slots=True)
class _Derived(_Base):
    b: int


class _WithProperty:
    __slots__ = ("a",)

    @property
    def b(self) -> int:
        return 1


class _Abstract(abc.ABC):
    __slots__ = ("a",)

    @abc.abstractmethod
    def f(self) -> None: ...


@pytest.mark.parametrize(("cls", "names"), [
    (_Derived, ("a", "b")),  # a slot of the base class
    (_WithProperty, ("a", "b")),  # a property
    (_Abstract, ("a",)),  # object.__new__ refuses it
    (int, ("real",)),  # not a slot at all
    (Location, tuple(f"f{k}" for k in range(40))),  # too many
])
def test_classes_not_made_exactly_are_refused(cls: type, names: tuple[str, ...]) -> None:
    with pytest.raises((ValueError, AttributeError)):
        _slots.constructor(cls, names, "make")


def test_a_refused_class_gets_the_generated_constructor() -> None:
    make: Any = positional_constructor(_Derived)
    assert type(make).__name__ == "function"
    assert make(1, 2) == _Derived(1, 2)


def test_a_report_reads_the_same_without_the_compiled_constructors() -> None:
    """Where the module is not built, the generated functions make the same document."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = (
        "import sys\n"
        "if sys.argv[1] == 'without':\n"
        "    sys.modules['govreport._slots'] = None  # the import fails, as where it is not built\n"
        "import govreport\n"
        "from govreport import model\n"
        "from govreport.writers.json import dumps\n"
        "assert (model._slots is None) == (sys.argv[1] == 'without')\n"
        "for path in sys.argv[2:]:\n"
        "    sys.stdout.write(dumps(govreport.read(path)))\n"
    )
    paths = [str(root / "corpus" / "real" / name) for name in ("town-2019.txt", "hongze-district-2023.pdf")]
    out = {
        how: subprocess.run([sys.executable, "-c", script, how, *paths], capture_output=True, text=True,
                            check=True, cwd=root).stdout
        for how in ("with", "without")
    }
    assert out["with"] and out["with"] == out["without"]
