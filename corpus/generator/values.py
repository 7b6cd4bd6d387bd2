"""Statistics that satisfy the format's identities, their printed forms, and injected errors.

Numbers are drawn per applicant column so that, by construction,
T3_BALANCE, T3_RESULTS_SUM, T3_ROW_TOTAL and the table-4 totals hold
(format-spec.md §7).  Printing turns numbers into what reports show: `0`,
blank, `/`, `—`, `+3`, `251000元`, `96171.6`, padded with NBSP or U+3000.
An injected error changes one printed count afterwards; the checks are then
re-evaluated on the printed texts so the truth lists every rule that fails.
"""

from __future__ import annotations

import random
import re
from typing import Any

from .spec import (
    T2_BLOCKS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T4_GROUPS,
    T4_LEAVES,
    T4_RULES,
    t3_data_rows,
    t3_result_leaves,
)

EMPTY_MARKS = ("", "/", "—", "-", "无")

# Typical share of each result row among handled applications.
_RESULT_WEIGHTS = {
    "results.granted": 40, "results.partially_granted": 8,
    "results.unable_to_provide.not_held": 18, "results.unable_to_provide.needs_creation": 3,
    "results.unable_to_provide.still_unclear": 2, "results.not_processed.petition_complaint": 4,
    "results.not_processed.repeated": 3, "results.other_handling": 4,
    "results.other_handling.other": 4, "results.other_handling.no_correction": 2,
    "results.other_handling.fee_unpaid": 1, "results.denied.third_party_rights": 2,
    "results.denied.process_information": 2,
}
_SIZE_SCALE = {"tiny": 3, "small": 25, "medium": 250, "large": 3000}


def _split(rng: random.Random, total: int, weights: dict[str, int]) -> dict[str, int]:
    """Distribute `total` applications over result rows with the given weights."""
    keys = list(weights)
    out = dict.fromkeys(keys, 0)
    if total <= 0:
        return out
    if total > 400:  # proportional split plus a random remainder keeps this fast
        wsum = sum(weights.values())
        for k in keys:
            out[k] = int(total * weights[k] * rng.uniform(0.7, 1.0) / wsum)
        total -= sum(out.values())
    for k in rng.choices(keys, weights=[weights[k] for k in keys], k=total):
        out[k] += 1
    return out


def draw_applications(rng: random.Random, edition: str, size: str) -> dict[str, int]:
    """Table-3 counts keyed `row@column`, satisfying all table-3 identities."""
    leaves = t3_result_leaves(edition)
    weights = {k: _RESULT_WEIGHTS.get(k, 1) for k in leaves}
    scale = _SIZE_SCALE[size]
    out: dict[str, int] = {}
    for col in T3_APPLICANT_COLUMNS:
        if col == "natural_person":
            new = rng.randint(0, scale)
        elif col == "commercial_enterprise":
            new = rng.randint(0, max(1, scale // 6)) if rng.random() < 0.6 else 0
        else:
            new = rng.randint(0, max(1, scale // 20)) if rng.random() < 0.25 else 0
        carried_over = rng.randint(0, max(0, new // 10)) if rng.random() < 0.4 else 0
        carried_forward = (rng.randint(0, max(0, (new + carried_over) // 8))
                           if rng.random() < 0.4 else 0)
        handled = new + carried_over - carried_forward
        out[f"new_received@{col}"] = new
        out[f"carried_over@{col}"] = carried_over
        out[f"carried_forward@{col}"] = carried_forward
        out[f"results.total@{col}"] = handled
        for k, v in _split(rng, handled, weights).items():
            out[f"{k}@{col}"] = v
    for row in t3_data_rows(edition):
        out[f"{row}@total"] = sum(out[f"{row}@{c}"] for c in T3_APPLICANT_COLUMNS)
    return out


def draw_review_litigation(rng: random.Random, size: str) -> dict[str, int]:
    """Table-4 counts keyed by column key; each group's 总计 is the sum of its four leaves."""
    scale = {"tiny": 1, "small": 2, "medium": 8, "large": 120}[size]
    out: dict[str, int] = {}
    for group, _ in T4_GROUPS:
        busy = rng.random() < 0.5
        parts = [rng.randint(0, scale) if busy else 0 for _ in range(4)]
        for (leaf, _), v in zip(T4_LEAVES[:4], parts, strict=True):
            out[f"{group}.{leaf}"] = v
        out[f"{group}.total"] = sum(parts)
    return out


def draw_proactive(rng: random.Random, edition: str, size: str) -> dict[str, float]:
    """Table-2 numbers keyed `block.row.column` (signed changes, amounts as floats)."""
    scale = _SIZE_SCALE[size]
    out: dict[str, float] = {}
    for block in T2_BLOCKS[edition]:
        for row, _ in block.rows:
            base = f"{block.key}.{row}"
            if block.key == "art20_1":
                made = rng.randint(0, 3) if row == "regulations" else rng.randint(0, 30)
                if rng.random() < 0.4:
                    made = 0
                if edition == "2019":
                    out[f"{base}.new_made"] = made
                    out[f"{base}.new_published"] = made
                    out[f"{base}.published_total"] = made + rng.randint(0, 200)
                else:
                    out[f"{base}.issued"] = made
                    out[f"{base}.repealed"] = rng.randint(0, made)
                    out[f"{base}.in_force"] = made + rng.randint(0, 150)
            elif block.key == "art20_9":
                out[f"{base}.procurement_items"] = rng.randint(0, 40)
                out[f"{base}.procurement_amount"] = round(rng.uniform(0, 3_000_000), 2)
            elif edition == "2021" and block.key == "art20_8":
                out[f"{base}.fee_amount"] = (round(rng.uniform(0, 100_000), rng.choice((1, 2, 4)))
                                             if rng.random() < 0.4 else 0)
            else:
                prev = rng.randint(0, 300) if rng.random() < 0.7 else 0
                if edition == "2019":
                    out[f"{base}.prev_year_items"] = prev
                    out[f"{base}.change"] = rng.randint(-min(prev, 8), 12) if prev else 0
                if block.key != "art20_8":
                    out[f"{base}.decisions"] = rng.randint(0, scale * 4) if prev else 0
    return out


def pad(rng: random.Random, text: str, style: str) -> str:
    """Surround a printed value with the invisible padding real reports carry."""
    if style == "none" or rng.random() < 0.5:
        return text
    ch = "\u00a0" if style == "nbsp" else "\u3000"
    return rng.choice((ch, "")) + text + rng.choice((ch, ch + ch, "", " "))


def print_count(rng: random.Random, value: int, empty_style: str) -> str:
    """A count as printed: zeros follow the report's empty-value style."""
    if value != 0:
        return str(value)
    if empty_style == "0":
        return "0"
    if empty_style == "mixed":
        return rng.choice(("0", "0", "0", *EMPTY_MARKS))
    return "" if empty_style == "blank" else empty_style


def print_proactive(rng: random.Random, key: str, value: float, variant: dict[str, Any]) -> str:
    """A table-2 value as printed: signed changes, amounts with units, decimal 万元 fees."""
    column = key.rsplit(".", 1)[1]
    if column == "change":
        return f"+{int(value)}" if value > 0 else str(int(value))
    if column == "procurement_amount":
        style = variant["amount_style"]
        if value == 0:
            return print_count(rng, 0, variant["empty_style"])
        if style == "yuan":
            return f"{int(value)}元"
        if style == "wan":
            return f"{value / 10000:.4f}万元"
        return f"{value:.2f}" if style == "decimal" else str(int(value))
    if column == "fee_amount":
        return print_count(rng, 0, variant["empty_style"]) if value == 0 else f"{value:g}"
    return print_count(rng, int(value), variant["empty_style"])


_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def parse_count(text: str) -> float | None:
    """Read a printed value back (blank and dashes → None); used only for the checks."""
    m = _NUMBER.search(text.replace(",", ""))
    return float(m.group()) if m else None


def failing_checks(edition: str, printed: dict[str, str]) -> list[dict[str, str]]:
    """Every identity of format-spec §7 that fails on the printed values (blanks read as 0).

    An identity one of whose cells the report does not print (a row left out)
    cannot be assessed, so it is not listed."""
    missing = False

    def v(key: str) -> float:
        nonlocal missing
        if key not in printed:
            missing = True
        return parse_count(printed.get(key, "")) or 0.0

    def failed(left: float, right: float) -> bool:
        nonlocal missing
        out = left != right and not missing
        missing = False
        return out

    fails: list[dict[str, str]] = []
    cols = [k for k, _, _ in T3_COLUMNS]
    leaves = t3_result_leaves(edition)
    t3 = "applications."
    for col in cols:
        if failed(v(f"{t3}new_received@{col}") + v(f"{t3}carried_over@{col}"),
                  v(f"{t3}results.total@{col}") + v(f"{t3}carried_forward@{col}")):
            fails.append({"rule": "T3_BALANCE", "scope": col})
        if failed(v(f"{t3}results.total@{col}"), sum(v(f"{t3}{r}@{col}") for r in leaves)):
            fails.append({"rule": "T3_RESULTS_SUM", "scope": col})
    for row in t3_data_rows(edition):
        if failed(v(f"{t3}{row}@total"), sum(v(f"{t3}{row}@{c}") for c in T3_APPLICANT_COLUMNS)):
            fails.append({"rule": "T3_ROW_TOTAL", "scope": row})
    for group, _ in T4_GROUPS:
        base = f"review_litigation.{group}."
        if failed(v(base + "total"), sum(v(base + leaf) for leaf, _ in T4_LEAVES[:4])):
            fails.append({"rule": T4_RULES[group], "scope": group})
    return fails


def inject_error(rng: random.Random, edition: str, printed: dict[str, str]) -> list[dict[str, str]]:
    """Change one printed count in place and return the checks that now fail.

    The target is a table-3 applicant cell, a table-3 总计 cell or a table-4
    cell; the new value is the old one plus a small positive amount, printed
    as a plain number.
    """
    kind = rng.choice(("t3_cell", "t3_cell", "t3_total", "t4"))
    if kind == "t4":
        group = rng.choice([g for g, _ in T4_GROUPS])
        key = f"review_litigation.{group}.{rng.choice(T4_LEAVES)[0]}"
    else:
        row = rng.choice(t3_data_rows(edition))
        col = "total" if kind == "t3_total" else rng.choice(T3_APPLICANT_COLUMNS)
        key = f"applications.{row}@{col}"
    old = parse_count(printed[key]) or 0
    printed[key] = str(int(old) + rng.choice((1, 1, 2, 3, 10)))
    return [{**f, "cell": key} for f in failing_checks(edition, printed)]
