"""The format's arithmetic identities (format-spec §7), each with the cells that prove it.

A check is evaluated on the printed numbers. Its status:

* ``pass``: every cell is present and the identity holds (blank, ``/``, ``—``
  and ``无`` cells count as 0, and the message says so);
* ``fail``: the identity does not hold on the printed numbers;
* ``uncertain``: the total is left blank while its parts are printed (or all
  parts are blank while the total is printed: some reports fill only one of
  them), or a cell holds text that is not a number (``--253``);
* ``not_assessable``: a cell the identity needs is missing (table or row absent).

Nothing is ever repaired: the expected and actual numbers are reported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from govreport.model import CheckResult, Location, Value, positional_constructor
from govreport.report.spec import edition

Status = Literal["pass", "fail", "uncertain", "not_assessable"]
T3_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total")
T3_PARTS = ("natural_person", "commercial_enterprise", "research_institution",
            "social_welfare_org", "legal_service_org", "other_org")
# The table-4 total rules and the column group each one sums (format-spec §7 T4_*_TOTAL).
T4_TOTAL_RULES = (("T4_REVIEW_TOTAL", "admin_review"), ("T4_DIRECT_TOTAL", "litigation.direct"),
             ("T4_AFTER_REVIEW_TOTAL", "litigation.after_review"))


@dataclass(frozen=True, slots=True)
class Cells:
    """What a check can ask of the report: the value and grid position of a key."""

    values: Mapping[str, Value]
    where: Mapping[str, Location]


def _num(v: Value | None) -> float:
    return float(v.number) if v is not None and v.number is not None else 0.0


def identity(
    rule: str, scope: str, total_key: str, part_keys: list[str], cells: Cells, what: str
) -> CheckResult:
    """``total == Σ parts`` over canonical keys."""
    keys = [total_key, *part_keys]
    values, at = cells.values, cells.where
    # One pass over the cells, and the results made positionally: a report runs some forty
    # of these, and the generators, comprehensions and keyword calls were most of the cost.
    where = tuple([at[k] for k in keys if k in at])
    vals: list[Value] = []
    texty: str | None = None  # the first cell that prints text, not a number
    blanks = 0
    for k in keys:
        v = values.get(k)
        if v is None:
            return _result(rule, "not_assessable", f"{what}: cell {k} is missing", None, None, scope,
                           tuple(keys), where)
        vals.append(v)
        kind = v.kind
        if kind == "text":
            if texty is None:
                texty = k
        elif kind == "empty" or kind == "not_applicable":
            blanks += 1
    total, parts = vals[0], vals[1:]
    expected = sum([_num(v) for v in parts])
    actual = _num(total)
    if texty is not None:
        return _result(rule, "uncertain", f"{what}: {texty} prints {values[texty].text!r}, not a number",
                       None, None, scope, tuple(keys), where)
    if total.kind == "empty" and expected != 0:
        return _result(rule, "uncertain",
                       f"{what}: the total is left blank while its parts sum to {_fmt(expected)}",
                       expected, None, scope, tuple(keys), where)
    if actual != 0 and parts and all(v.kind == "empty" for v in parts):
        return _result(rule, "uncertain",
                       f"{what}: the parts are left blank while the total prints {_fmt(actual)}",
                       None, actual, scope, tuple(keys), where)
    if abs(expected - actual) < 1e-6:
        note = f" (reading {blanks} blank or dash cell(s) as 0)" if blanks else ""
        return _result(rule, "pass", f"{what}: {_fmt(actual)} = {_fmt(expected)}{note}",
                       expected, actual, scope, tuple(keys), where)
    return _result(rule, "fail", f"{what}: printed {_fmt(actual)}, the parts sum to {_fmt(expected)}",
                   expected, actual, scope, tuple(keys), where)


_result = positional_constructor(CheckResult)  # rule, status, message, expected, actual, scope, cells, where


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def t3_checks(cells: Cells, t3_edition: str) -> list[CheckResult]:
    # A 2021 report that prints （六）其他处理 as one row (the 2019 layout) still checks it.
    other_as_one = t3_edition == "2021" and any(k.startswith("applications.results.other_handling@")
                                                for k in cells.values)
    by_column, by_row = _t3_identity_keys(t3_edition, other_as_one)
    out = []
    for col, total, parts in by_column:
        out.append(_balance(cells, col, f"applications.{{}}@{col}".format))
        out.append(identity("T3_RESULTS_SUM", col, total, list(parts), cells, f"（七）总计 of {col}"))
    for row, total, parts in by_row:
        out.append(identity("T3_ROW_TOTAL", row, total, list(parts), cells, f"总计 of {row}"))
    return out


_Sums = tuple[tuple[str, str, tuple[str, ...]], ...]  # (scope, total key, part keys)


@cache
def _t3_identity_keys(t3_edition: str, other_as_one: bool) -> tuple[_Sums, _Sums]:
    """The keys of table 3's sums, per column (（七）总计 = the results) and per data row
    (总计 = the applicant columns): the same for every report of an edition, so made once."""
    data_rows = [r.key for r in edition(t3_edition).t3_rows if r.data]
    if other_as_one:
        at = data_rows.index("results.other_handling.no_correction")
        data_rows = [k for k in data_rows if not k.startswith("results.other_handling.")]
        data_rows.insert(at, "results.other_handling")
    result_rows = [k for k in data_rows if k.startswith("results.") and k != "results.total"]
    by_column = tuple((col, f"applications.results.total@{col}",
                       tuple(f"applications.{r}@{col}" for r in result_rows)) for col in T3_COLUMNS)
    by_row = tuple((row, f"applications.{row}@total", tuple(f"applications.{row}@{c}" for c in T3_PARTS))
                   for row in data_rows)
    return by_column, by_row


def _balance(cells: Cells, col: str, a: Callable[[str], str]) -> CheckResult:
    """new_received + carried_over == results.total + carried_forward (the corner note)."""
    left = [a("new_received"), a("carried_over")]
    right = [a("results.total"), a("carried_forward")]
    keys = left + right
    where = tuple(cells.where[k] for k in keys if k in cells.where)
    missing = [k for k in keys if k not in cells.values]
    if missing:
        return CheckResult("T3_BALANCE", "not_assessable", f"balance of {col}: {missing[0]} is missing",
                           scope=col, cells=tuple(keys), where=where)
    texty = [k for k in keys if cells.values[k].kind == "text"]
    if texty:
        return CheckResult("T3_BALANCE", "uncertain",
                           f"balance of {col}: {texty[0]} prints {cells.values[texty[0]].text!r}",
                           scope=col, cells=tuple(keys), where=where)
    lhs = sum(_num(cells.values[k]) for k in left)
    rhs = sum(_num(cells.values[k]) for k in right)
    status: Status = "pass" if abs(lhs - rhs) < 1e-6 else "fail"
    blank = [k for k in keys if cells.values[k].kind == "empty"]
    if status == "fail" and blank:
        return CheckResult("T3_BALANCE", "uncertain",
                           f"balance of {col}: {_fmt(lhs)} vs {_fmt(rhs)} with {len(blank)} cell(s) "
                           "left blank", expected=lhs, actual=rhs, scope=col, cells=tuple(keys),
                           where=where)
    return CheckResult("T3_BALANCE", status,
                       f"balance of {col}: 新收 + 上年结转 = {_fmt(lhs)}, 总计 + 结转下年 = {_fmt(rhs)}",
                       expected=lhs, actual=rhs, scope=col, cells=tuple(keys), where=where)


def t4_checks(cells: Cells) -> list[CheckResult]:
    out = []
    for rule, group in T4_TOTAL_RULES:
        k = f"review_litigation.{group}.{{}}".format
        out.append(identity(rule, group, k("total"), [k(x) for x in ("maintained", "corrected",
                                                                       "other", "pending")],
                            cells, f"总计 of {group}"))
    return out


def nonneg_checks(cells: Cells) -> list[CheckResult]:
    """All cells >= 0 except the signed 2019 本年增/减 (NONNEG), and no explicit sign
    outside that column (SIGNED_VALUE: a change printed where a count belongs, as in
    ``其他对外管理服务事项 | +22 | 0 | 889``). One result per cell flagged, or one pass."""
    out = []
    for k, v in cells.values.items():
        if v.number is None or k.endswith(".change"):
            continue
        where = (cells.where[k],) if k in cells.where else ()
        printed = _printed(v.text)
        if v.number < 0:
            out.append(CheckResult("NONNEG", "fail", f"{k} prints {printed!r}, a negative count",
                                   actual=float(v.number), scope=k, cells=(k,), where=where))
        elif printed.startswith("+"):
            out.append(CheckResult("SIGNED_VALUE", "fail",
                                   f"{k} prints {printed!r}: a signed change where a count belongs "
                                   "(a value in the wrong column?)",
                                   actual=float(v.number), scope=k, cells=(k,), where=where))
    if not any(c.rule == "NONNEG" for c in out):
        out.insert(0, CheckResult("NONNEG", "pass", "no negative counts", scope=None))
    return out


@lru_cache(maxsize=4096)
def _printed(text: str) -> str:
    """A value's text as a check quotes it (NFKC, stripped); cached: most cells print 0."""
    return unicodedata.normalize("NFKC", text).strip()


def t2_checks(cells: Cells) -> list[CheckResult]:
    """Soft 2019 rule: 对外公开总数量 >= 本年新公开数量 for each art20_1 row."""
    out = []
    for row in ("regulations", "normative_documents"):
        total = f"proactive_disclosure.art20_1.{row}.published_total"
        new = f"proactive_disclosure.art20_1.{row}.new_published"
        if total in cells.values and new in cells.values:
            t, n = cells.values[total], cells.values[new]
            if t.number is None or n.number is None:
                continue
            status: Status = "pass" if t.number >= n.number else "fail"
            out.append(CheckResult("T2_PUBLISHED_TOTAL_GE_NEW", status,
                                   f"{row}: 对外公开总数量 {t.text.strip()} vs "
                                   f"本年新公开数量 {n.text.strip()} (soft rule)",
                                   expected=float(n.number), actual=float(t.number),
                                   scope=row, cells=(total, new),
                                   where=tuple(cells.where[k] for k in (total, new) if k in cells.where)))
    return out
