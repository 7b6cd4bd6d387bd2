"""The document tree: data only, frozen and slotted.

A report, whatever it arrived as, becomes one `Document`: its source, its
metadata, its blocks in reading order (headings, paragraphs, tables) and the
diagnostics raised while reading it. Tables store only each cell's anchor and
spans; dense grids and header paths are derived (see `govreport.tables.paths`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import ModuleType
from typing import Any, Generic, Literal, TypeVar

Severity = Literal["info", "warning", "error"]
Role = Literal["header", "stub", "data", "caption", "corner"]
Status = Literal["success", "partial", "failed"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

_slots: ModuleType | None  # the compiled constructors (setup.py), None where not built
try:
    from govreport import _slots
except ImportError:  # pragma: no cover - built wherever a C compiler is at hand
    _slots = None


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A read-only, hashable mapping: how a frozen `Report` holds its values and units.

    It compares equal to any mapping with the same items (a plain dict
    included) and converts with ``dict(m)``; it has no way to be changed.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))


class ValueMap(FrozenMap[str, V]):
    """A report's values by canonical key: a mistyped key is an `UnknownKeyError` (a
    `KeyError`) naming the closest real keys; a key of the other edition is a plain
    `KeyError` saying so."""

    __slots__ = ()

    def __getitem__(self, key: str) -> V:
        try:
            return self._data[key]
        except KeyError:
            from govreport.keys import missing_key

            raise missing_key(key) from None

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """The value of `key`, or `default` when the report lacks it (no error raised)."""
        return self._data.get(key, default)


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in the source or in the tree (all fields optional).

    `line` is 1-based in a text source; `page` is 1-based; `bbox` is
    (x0, top, x1, bottom) in PDF points from the page's top-left corner;
    `table`, `row`, `col` address a table of the document and a grid slot;
    `ref` is a format-specific locator (for docx: ``"tbl[2]/tr[5]/tc[3]"``).
    """

    line: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem or a repair, as a value. Codes are stable (``txt.low_charset_confidence``)."""

    code: str
    severity: Severity
    message: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What was read: file name, sniffed format, content hash and, for text, the charset."""

    name: str
    format: str
    sha256: str
    size: int
    charset: str | None = None
    charset_confidence: float | None = None
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Report metadata: the title as printed, the publishing agency, the report year
    and the format edition ("2019" trial or "2021") the tables follow."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    edition: str | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 0 is the report title, 1 is 一、, 2 is （一）, and so on."""

    level: int
    text: str
    source: Location | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of prose outside the tables, its lines joined as the report reads (a
    paragraph cut by a page break is one paragraph)."""

    text: str
    source: Location | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table grid, stored by its anchor (top-left slot) and spans.

    `role` says what the cell is: a column `header`, a row label (`stub`), a
    `data` cell, a full-width block `caption` (table 2's 第二十条第（X）项) or the
    top-left `corner` over the row labels. `key` is the canonical field of a
    data cell once the report layer has recognised the table. `nested` lists
    the document-level indices of tables that sit inside this cell.

    A cell read by OCR (a scanned page) has a `confidence`: the lowest
    probability the model gave any of its characters (0–1); None for a cell
    that was not read by OCR or holds no text. `uncertain` marks a cell of a
    scanned page involved in an identity that fails: it may be printed that
    way or misread, and its text is left as read.
    """

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""
    role: Role = "data"
    key: str | None = None
    nested: tuple[int, ...] = ()
    source: Location | None = None
    confidence: float | None = None
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A rebuilt table: every slot of the n_rows x n_cols grid covered by exactly one cell.

    `header_rows` counts the leading rows that hold column headers (and a
    leading block caption); `header_cols` counts the leading columns that hold
    row labels. Header blocks repeated inside the body are marked by the
    roles of their cells. `kind` names the official table once recognised:
    ``proactive_disclosure`` (table 2), ``applications`` (table 3) or
    ``review_litigation`` (table 4).
    """

    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    header_rows: int = 0
    header_cols: int = 0
    caption: str | None = None
    kind: str | None = None
    source: Location | None = None


Block = Heading | Paragraph | Table
"""What a document is made of, in reading order: headings, prose paragraphs and tables."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One arithmetic identity evaluated on the report (format-spec §7).

    `status` is ``pass``, ``fail``, ``uncertain`` (holds only if blanks are read
    as 0, or a value is not a plain number) or ``not_assessable`` (cells missing).
    `cells` lists the canonical keys involved; `where` their grid positions.
    """

    rule: str
    status: Literal["pass", "fail", "uncertain", "not_assessable"]
    message: str
    expected: float | None = None
    actual: float | None = None
    scope: str | None = None
    cells: tuple[str, ...] = ()
    where: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell value beside its printed text (never a silent change of a number).

    `kind` is ``number``, ``empty`` (blank), ``not_applicable`` (``/``, ``—``, ``-``,
    ``无``) or ``text`` (not a number); `unit` is the unit printed in the cell or
    its header (``元``, ``万元``), `number` the value in that unit.
    """

    text: str
    kind: Literal["number", "empty", "not_applicable", "text"]
    number: int | float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """What the report layer understood: the edition, canonical values and checks.

    `values` maps every canonical key of the edition (``applications.new_received@total``)
    to its number, None where the cell is blank, a placeholder, text or missing.
    `units` gives the money unit a value is printed in (``元``, ``万元``), from the
    cell or its header; values are never converted. Cells the format does not
    have (a subtotal column, an added row) keep ``key=None`` on their records and
    are listed by `govreport.report.extras`.
    """

    edition: str | None
    values: Mapping[str, int | float | None] = field(default_factory=FrozenMap)
    checks: tuple[CheckResult, ...] = ()
    units: Mapping[str, str] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        # Whatever mapping the caller passes, the report keeps a read-only copy,
        # so a frozen document is immutable all the way down (and hashable).
        if not isinstance(self.values, ValueMap):
            object.__setattr__(self, "values", ValueMap(self.values))
        if not isinstance(self.units, FrozenMap):
            object.__setattr__(self, "units", FrozenMap(self.units))


@dataclass(frozen=True, slots=True)
class Document:
    """One report as read: where it came from, what it is, and everything in it.

    `source` is the file (name, sniffed format, sha256, charset); `metadata`
    the title, agency, year and edition read from it; `blocks` the headings,
    paragraphs and tables in reading order (`tables` picks the tables out);
    `diagnostics` every problem found and every repair made while reading;
    `report` what the report layer understood of the official tables (None
    when it recognised none: then the file is probably not a disclosure
    report). `status` is ``partial`` when a diagnostic is an error. Frozen all
    the way down: it can be hashed and shared.
    """

    source: SourceInfo
    metadata: Metadata = field(default_factory=Metadata)
    blocks: tuple[Block, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    report: Report | None = None

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    @property
    def status(self) -> Status:
        """``partial`` when any diagnostic is an error, else ``success``."""
        if any(d.severity == "error" for d in self.diagnostics):
            return "partial"
        return "success"


def positional_constructor(cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen, slotted dataclass `cls` that takes every field, in
    order, positionally, and makes the same object as ``cls(...)`` does.

    Why: a frozen dataclass's own ``__init__`` sets each field through
    ``object.__setattr__`` (plain assignment is what it forbids), which makes a
    cell of eleven fields cost as much as the rest of placing it. The table
    builder and the report layer make a `Cell` or a `Record` per grid slot, so
    they use this one, which sets each slot through its member descriptor. The
    compiled module `govreport._slots`, where built, does that without a
    Python frame (about three times as fast again); otherwise the function is
    generated, as dataclasses generates ``__init__``, so that it is unrolled: a
    loop over the fields would lose most of the gain. Only for classes
    without ``__post_init__``; the arguments are positional.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that this constructor would skip")
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    label = f"make_{cls.__name__.lower()}"
    if _slots is not None:
        try:
            made: Callable[..., T] = _slots.constructor(cls, names, label)
            return made
        except ValueError:
            pass  # not a class it makes exactly: the generated function does
    return generated_constructor(cls, names, label)


def generated_constructor(cls: type[T], names: tuple[str, ...], label: str) -> Callable[..., T]:
    """`positional_constructor` in Python: a generated function that makes the
    object with ``object.__new__`` and sets each of `names` through its member
    descriptor."""
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    scope.update({f"_set_{name}": getattr(cls, name).__set__ for name in names})
    body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
    exec(f"def make({', '.join(names)}, /):\n    obj = _new(_cls)\n{body}    return obj\n", scope)
    make: Callable[..., T] = scope["make"]
    make.__qualname__ = make.__name__ = label
    return make
