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
from .model import Block, Heading, Paragraph, Report
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
    counts = {f"applications.{k}": v for k, v in draw_applications(rng, edition, size).items()}
    counts.update({f"review_litigation.{k}": v
                   for k, v in draw_review_litigation(rng, size).items()})
    printed: dict[str, str] = {
        k: pad(rng, print_count(rng, v, variant["empty_style"]), variant["padding"])
        for k, v in counts.items()}
    for k, v in draw_proactive(rng, edition, size).items():
        printed[f"proactive_disclosure.{k}"] = pad(rng, print_proactive(rng, k, v, variant),
                                                   variant["padding"])
    assert not failing_checks(edition, printed), "generated values must satisfy identities"
    errors: list[dict[str, str]] = []
    if rng.random() < 0.15:
        errors = inject_error(rng, edition, printed)
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
    return Report(
        case=case, edition=edition, year=year, agency=agency, title=title, blocks=blocks,
        variant=variant, values={k: v.strip() for k, v in sorted(printed.items())},
        injected_errors=errors,
        narrative={"applications_received": nums["applications_received"],
                   "answered": nums["answered"], "carried_over": nums["carried_over"],
                   "carried_forward": nums["carried_forward"],
                   "admin_review": nums["admin_review"], "litigation": nums["litigation"]},
    )
