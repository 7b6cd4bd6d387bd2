"""Read a truth cell's printed text as a number, without govreport.

The scorer compares govreport's canonical values with the numbers the truth
files print. If the truth were read with govreport's own parser, a parsing bug
would agree with itself and never show; so this module restates the rules from
the format description (format-spec.md §3–§9) on its own, with the standard
library only:

- a blank cell (also one holding only spaces, NBSP or U+3000) prints no number;
- a placeholder prints no number: ``/``, ``／``, ``-``, ``－``, ``—``, ``——``,
  ``–``, ``无`` (§9.2); these are *not applicable*, never 0;
- a count prints digits, possibly fullwidth (``１２``, §9 last note) and padded;
- a signed change prints ``+3`` or ``-2`` (2019 本年增/减, §3.1, §9.3);
- an amount may carry its unit: ``251000元``, ``103.3879万元`` (§3.1, §9.4); the
  number stays in the printed unit (``103.3879``, unit ``万元``), never converted;
- decimals print with a point: ``96171.6``, ``1859950.00`` (§3.2);
- anything else is *text*, reported as such and never repaired: ``--253`` (a
  doubled sign, §9.2) is not -253 and not 253.

    >>> read_truth_value("103.3879万元")
    TruthValue(kind='number', number=103.3879, unit='万元')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["number", "empty", "not_applicable", "text"]

# Spaces a report pads cells with: ASCII, NBSP, ideographic space, thin and
# zero-width spaces, a stray byte-order mark.
PADDING = " \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"

# What a report prints where a number does not apply (format-spec.md §9.1–§9.2).
NOT_APPLICABLE = frozenset({"/", "／", "-", "－", "—", "——", "–", "―", "无"})

# Units a cell may print after its number (§3.1, §9.4). Money units are kept
# with the value; a count's unit (件) says nothing the column does not.
MONEY_UNITS = ("亿元", "万元", "元")
COUNT_UNITS = ("件",)

_NUMBER = re.compile(
    r"(?P<sign>[+-]?)"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:\.(?P<frac>[0-9]+))?"
)


@dataclass(frozen=True)
class TruthValue:
    """What a printed cell says: its kind, and for a number its value and money unit."""

    kind: Kind
    number: int | float | None = None
    unit: str | None = None


def _normalise(text: str) -> str:
    # NFKC turns fullwidth digits, signs and the fullwidth full stop into
    # ASCII; padding goes from both ends (a space inside a number is text).
    text = unicodedata.normalize("NFKC", text.strip(PADDING))
    return text.replace("\u2212", "-")  # the minus sign


def read_truth_value(text: str) -> TruthValue:
    """Classify one printed cell and read its number (see the module docstring for the rules)."""
    bare = text.strip(PADDING)
    if not bare:
        return TruthValue("empty")
    if bare in NOT_APPLICABLE:
        return TruthValue("not_applicable")
    t = _normalise(text)
    if t in NOT_APPLICABLE:
        return TruthValue("not_applicable")
    unit = None
    for u in (*MONEY_UNITS, *COUNT_UNITS):
        if t.endswith(u) and len(t) > len(u):
            t, unit = t[: -len(u)], u
            break
    m = _NUMBER.fullmatch(t)
    if m is None:
        return TruthValue("text")
    digits = m["int"].replace(",", "")
    number: int | float = float(f"{digits}.{m['frac']}") if m["frac"] is not None else int(digits)
    if m["sign"] == "-":
        number = -number
    return TruthValue("number", number, unit if unit in MONEY_UNITS else None)


def truth_number(text: str) -> int | float | None:
    """The number a truth cell prints, or None where it prints none (blank, dash, text)."""
    return read_truth_value(text).number
