"""Cell values: the number a cell prints, beside the text it prints.

Reports print counts (``12``), signed changes (``+3``, ``-2``), amounts with
units (``251000元``, ``103.3879万元``, ``7730.28`` under a ``（单位：万元）``
header), fullwidth digits and thousands separators, and, where there is no
number, a blank, ``/``, ``—``, ``-`` or ``无``. A blank is *empty* and a dash
is *not applicable*: neither is guessed as 0. A printed typo such as
``--253`` is *text*: it is reported, never repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from govreport.model import Value
from govreport.textutil import clean, is_placeholder, nfkc

_NUM = re.compile(
    r"^(?P<sign>[+\-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<unit>万元|亿元|元|件|个|项|条|次|人次)?$"
)
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")


def header_unit(labels: Iterable[str]) -> str | None:
    """The money unit a column header states (``本年收费金额（单位：万元）`` → 万元)."""
    return _header_unit(labels if isinstance(labels, tuple) else tuple(labels))


@lru_cache(maxsize=4096)
def _header_unit(labels: tuple[str, ...]) -> str | None:
    # Cached: a report's data cells share a few dozen column paths.
    for label in labels:
        m = _UNIT_IN_HEADER.search(label)
        if m:
            return m.group(1)
    return None


@lru_cache(maxsize=8192)
def parse_value(text: str, unit: str | None = None) -> Value:
    """Parse a cell's printed text; `unit` is the header's unit when it states one."""
    # Cached (a Value is frozen): most cells of a report print the same few numbers.
    t = clean(text)
    if not t:
        return Value(text, "empty")
    if is_placeholder(t):
        return Value(text, "not_applicable")
    n = nfkc(t).replace(" ", "").replace("\u3000", "").replace("−", "-")
    m = _NUM.match(n)
    if m is None:
        return Value(text, "text")
    digits = m.group("int").replace(",", "")
    number: int | float
    number = float(digits + m.group("dec")) if m.group("dec") else int(digits)
    if m.group("sign") == "-":
        number = -number
    cell_unit = m.group("unit")
    if cell_unit in ("件", "个", "项", "条", "次", "人次"):
        cell_unit = None
    return Value(text, "number", number, cell_unit or unit)


def value_number(text: str) -> int | float | None:
    """The number printed in `text`, or None when it prints none."""
    return parse_value(text).number
