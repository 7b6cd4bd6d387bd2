"""Draw one report: its edition, variant knobs, numbers, printed values, errors, blocks.

Every random choice that changes what a file shows is recorded in the
report's `variant`, which goes to truth.json unchanged.  Knobs that must be
covered evenly across the corpus (text style × encoding, PDF layouts) are
assigned from the case index rather than drawn.
"""

from __future__ import annotations

import random
from typing import Any

from . import prose
from .model import Block, Heading, Paragraph, Report, Table
from .perturb import split_merges
from .spec import SECTION_ORDER
from .tables import applications_table, proactive_tables, review_litigation_table
from .values import (
    draw_applications,
    draw_proactive,
    draw_review_litigation,
    failing_checks,
    inject_error,
    pad,
    print_count,
    print_proactive,
)
from .variants import add_noise, drop_header, drop_zero_rows, repeat_header, swap_siblings

ENCODINGS = ("utf-8", "gbk", "utf-16", "utf-8-sig", "gb18030", "utf-16-le")
NUMERALS = "一二三四五六"
# PDF layout combinations (repeat header rows, landscape, narrow label columns).
PDF_LAYOUTS = [(rep, land, narrow) for rep in (True, False) for land in (False, True)
               for narrow in (True, False)]


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def text_plan(index: int, rng: random.Random) -> list[dict[str, str]]:
    """Four text renderings: two seed-style, two tab-row files, encodings rotated by case."""
    plan = []
    for j, style in ((0, "seed"), (1, "seed"), (3, "tabs"), (4, "tabs")):
        enc = ENCODINGS[(2 * index + j) % len(ENCODINGS)]
        sub = "padded" if style == "tabs" and (index + j) % 2 == 0 else ""
        eol = _pick(rng, {"lf": 0.5, "crlf": 0.4, "cr": 0.1})
        plan.append({"style": style, "sub": sub, "encoding": enc, "eol": eol})
    return plan


def draw_variant(rng: random.Random, index: int, n_pdf_slots: int) -> dict[str, Any]:
    """All layout knobs of one report."""
    files = text_plan(index, rng)
    encs = {f["encoding"] for f in files}
    pdf_slot = index if index < n_pdf_slots else None
    rep, land, narrow = PDF_LAYOUTS[pdf_slot % len(PDF_LAYOUTS)] if pdf_slot is not None else (
        rng.random() < 0.5, rng.random() < 0.2, rng.random() < 0.3)
    return {
        "size": _pick(rng, {"tiny": 0.3, "small": 0.35, "medium": 0.25, "large": 0.1}),
        "empty_style": _pick(rng, {"0": 0.4, "blank": 0.14, "/": 0.07, "—": 0.07, "-": 0.07,
                                   "无": 0.07, "mixed": 0.18}),
        "padding": _pick(rng, {"none": 0.5, "nbsp": 0.3, "ideographic": 0.2}),
        "total_word": _pick(rng, {"总计": 0.8, "合计": 0.2}),
        "brackets": _pick(rng, {"full": 0.75, "half": 0.25}),
        "numbering": _pick(rng, {".": 0.6, "、": 0.3, "．": 0.1}),
        "label_breaks": _pick(rng, {"none": 0.5, "split": 0.3, "spaced": 0.2}),
        "caption_space": rng.random() < 0.15,
        "problems_heading": rng.randrange(3),
        "t2_layout": _pick(rng, {"stacked": 0.75, "per_block": 0.25}),
        "t2_value_columns": rng.choice((3, 3, 6)),
        "t2_first_caption": rng.random() < 0.85,
        "t2_extra_row": rng.random() < 0.08,
        "t3_corner_note": rng.random() < 0.7,
        "t3_top_header": rng.random() < 0.8,
        "t3_partial_note": rng.random() < 0.7,
        "t3_subtotal_column": rng.random() < 0.08,
        "amount_style": _pick(rng, {"yuan": 0.3, "wan": 0.2, "decimal": 0.3, "plain": 0.2}),
        "page_numbers": rng.random() < 0.6,
        "page_number_format": rng.choice(("- {n} -", "-{n}-", "—{n}—")),
        "rare_char": "gb18030" in encs,
        "text_files": files,
        "docx": {
            "heading_styles": rng.random() < 0.5,
            "font": rng.choice(("宋体", "仿宋_GB2312", "方正仿宋_GBK", "Noto Serif CJK SC")),
            "font_size": rng.choice((10, 10.5, 12)),
            "repeat_header": rep,
            "landscape": land,
            "narrow_labels": narrow,
            "row_height_cm": rng.choice((0.0, 0.8, 1.0)) if pdf_slot is None else 0.95,
            "footer_page_numbers": rng.random() < 0.6,
        },
        "pdf": pdf_slot is not None,
        # Departures from the template, per table and per row (see generator/variants.py).
        "t2_spans": {key: (rng.choice((1, 1, 2)), rng.choice(("later", "earlier")))
                     for key in ("art20_5", "art20_6", "art20_8", "art20_9") if rng.random() < 0.5},
        "t3_six_one_row": rng.random() < 0.2,
        "row_noise": _pick(rng, {"0": 0.35, "0.08": 0.25, "0.2": 0.25, "0.4": 0.15}),
        "all_split": rng.random() < 0.15,
        "drop_rows": rng.choice((0, 0, 0, 1, 2)),
        "swap_rows": rng.random() < 0.2,
        "t3_repeat_header": rng.random() < 0.12,
        "t2_header_missing": rng.random() < 0.1,
        "t4_header_missing": rng.random() < 0.05,
    }


def build_report(index: int, seed: int, n_pdf_slots: int) -> Report:
    """Generate report number `index` (case id g0001…) deterministically from the seed.

    The first `n_pdf_slots` cases are planned as PDFs (variant["pdf"]) whether or
    not PDFs are produced in this run, so truth does not depend on --no-pdf.
    """
    rng = random.Random(f"{seed}:{index}")
    case = f"g{index + 1:04d}"
    year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024))
    edition = "2019" if year < 2021 else "2021"
    variant = draw_variant(rng, index, n_pdf_slots)
    agency, agency_type = prose.draw_agency(rng)
    variant["agency_type"] = agency_type
    title = f"{agency}{year}年政府信息公开工作年度报告"

    size = variant["size"]
    six_one_row = edition == "2021" and variant["t3_six_one_row"]
    variant["t3_six_one_row"] = six_one_row
    structure = "2019" if six_one_row else edition  # the table-3 rows the report prints
    counts = {f"applications.{k}": v for k, v in draw_applications(rng, edition, size).items()}
    if six_one_row:
        for col in ("natural_person", "commercial_enterprise", "research_institution",
                    "social_welfare_org", "legal_service_org", "other_org", "total"):
            parts = [k for k in counts if k.startswith("applications.results.other_handling.")
                     and k.endswith(f"@{col}")]
            counts[f"applications.results.other_handling@{col}"] = sum(counts.pop(k) for k in parts)
    counts.update({f"review_litigation.{k}": v
                   for k, v in draw_review_litigation(rng, size).items()})
    printed: dict[str, str] = {
        k: pad(rng, print_count(rng, v, variant["empty_style"]), variant["padding"])
        for k, v in counts.items()}
    for k, v in draw_proactive(rng, edition, size).items():
        printed[f"proactive_disclosure.{k}"] = pad(rng, print_proactive(rng, k, v, variant),
                                                   variant["padding"])
    assert not failing_checks(structure, printed), "generated values must satisfy identities"
    errors: list[dict[str, str]] = []
    if rng.random() < 0.15:
        errors = inject_error(rng, structure, printed)
    variant["injected"] = bool(errors)

    nums = {
        "applications_received": counts["applications.new_received@total"],
        "answered": counts["applications.results.total@total"],
        "carried_over": counts["applications.carried_over@total"],
        "carried_forward": counts["applications.carried_forward@total"],
        "admin_review": counts["review_litigation.admin_review.total"],
        "litigation": counts["review_litigation.litigation.direct.total"]
        + counts["review_litigation.litigation.after_review.total"],
    }
    blocks: list[Block] = [Heading(0, title)]
    for n, section in zip(NUMERALS, SECTION_ORDER, strict=True):
        blocks.append(Heading(1, prose.heading_text(section, n, variant)))
        if section == "overview":
            blocks.extend(prose.overview(rng, year, agency, nums, variant))
        elif section == "proactive_disclosure":
            blocks.extend(proactive_tables(rng, edition, printed, variant))
        elif section == "applications":
            blocks.append(applications_table(rng, edition, printed, variant))
        elif section == "review_litigation":
            blocks.append(review_litigation_table(rng, printed, variant))
        elif section == "problems_improvements":
            blocks.extend(prose.problems(rng, variant))
        else:
            blocks.extend(prose.other_matters(rng, year))
    blocks.append(Paragraph(f"{agency}"))
    blocks = [depart(b, rng, variant) if isinstance(b, Table) else b for b in blocks]
    # The truth prints what the tables print: rows left out take their keys with them.
    shown = {c.key: c.text for b in blocks if isinstance(b, Table) for c in b.cells if c.key}
    # An identity that needs a row the report left out can no longer be checked.
    still = {(f["rule"], f["scope"]) for f in failing_checks(structure, shown)}
    errors = [e for e in errors if (e["rule"], e["scope"]) in still]
    variant["injected"] = bool(errors)
    return Report(
        case=case, edition=edition, year=year, agency=agency, title=title, blocks=blocks,
        variant=variant, values={k: v.strip() for k, v in sorted(shown.items())},
        injected_errors=errors,
        narrative={"applications_received": nums["applications_received"],
                   "answered": nums["answered"], "carried_over": nums["carried_over"],
                   "carried_forward": nums["carried_forward"],
                   "admin_review": nums["admin_review"], "litigation": nums["litigation"]},
    )


def depart(table: Table, rng: random.Random, variant: dict[str, Any]) -> Table:
    """Apply the report's departures from the template to one table; the counts of
    each change go to variant["noise"] (a table kind may occur more than once)."""
    made: dict[str, int] = {}
    if table.kind == "review_litigation" and variant["t4_header_missing"]:
        table = drop_header(table, 0, table.header_rows)
        made["header_missing"] = 1
    if table.kind == "proactive_disclosure" and variant["t2_header_missing"]:
        heads = sorted({c.row for c in table.cells if c.text == "信息内容"})
        if heads:
            table = drop_header(table, rng.choice(heads), 1)
            made["header_missing"] = 1
    if variant["drop_rows"] and table.kind != "review_litigation":
        table, n = drop_zero_rows(table, rng, variant["drop_rows"])
        if n:
            made["dropped_rows"] = n
    if variant["swap_rows"] and table.kind != "review_litigation":
        table, swapped = swap_siblings(table, rng)
        if swapped:
            made["swapped_rows"] = 1
    if table.kind == "applications" and variant["t3_repeat_header"]:
        repeated = repeat_header(table, rng)
        if repeated is not None:
            table = repeated
            made["repeat_header"] = 1
    if variant["all_split"]:
        for r in range(table.n_rows):
            table = split_merges(table, r, rng) or table
        made["all_split"] = 1
    table, noise = add_noise(table, rng, float(variant["row_noise"]))
    made.update(noise)
    variant.setdefault("noise", []).append({"table": table.kind, **made})
    return table
