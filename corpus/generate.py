"""Write govreport's generated ground-truth corpus (seeded, reproducible).

    python corpus/generate.py [--cases 60] [--seed 2024] [--no-pdf] [--out corpus/generated]
    python corpus/generate.py --only html,md,layout,scan     # add these forms to the existing corpus

Each case directory holds truth.json, four flattened-text renderings (seed and
tab-row styles across encodings and line endings), one .docx and, for about
two thirds of the cases, a PDF made by LibreOffice; then the forms made from
those: web pages (editor, Word and LibreOffice markup), Markdown, the PDFs'
``pdftotext -layout`` text, and scans of the first `N_SCANS` PDFs (an
image-only PDF, format ``scan``).  manifest.json lists every file with its
format, style, encoding and tags.

``--only`` runs just the named later forms over an existing corpus: the
reports are rebuilt from the seed (their truth.json must not have changed),
the other files are left as they are, and the manifest entries of the named
formats are replaced.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.model import Report, dump_truth, report_truth
from generator.render_docx import render_docx
from generator.render_html import editor_knobs, libreoffice_html, render_editor, render_word
from generator.render_layout import pdftotext_path, render_layout
from generator.render_markdown import markdown_knobs, render_markdown
from generator.render_pdf import convert_batch, missing_text, soffice_path
from generator.render_scan import render_scan
from generator.render_text import render_text
from generator.report import build_report

DEFAULT_OUT = Path(__file__).resolve().parent / "generated"
N_SCANS = 12  # PDFs scanned back: the first ones, which cover every PDF layout
LATER_FORMATS = ("html", "md", "layout", "scan")
_LINE_JOINS = {"<br>": "br", " ": "space", "": "joined"}


def _tags(report: Report) -> list[str]:
    """Short labels of the knobs that matter most when filtering the corpus."""
    v = report.variant
    tags = [f"edition:{report.edition}", f"empty:{v['empty_style']}", f"t2:{v['t2_layout']}"]
    tags += [name for name, on in (
        ("injected_error", v["injected"]), ("t3_no_top_header", not v["t3_top_header"]),
        ("t3_subtotal_column", v["t3_subtotal_column"]), ("t2_extra_row", v["t2_extra_row"]),
        ("t2_no_first_caption", not v["t2_first_caption"]),
        ("half_brackets", v["brackets"] == "half"),
        ("heji", v["total_word"] == "合计"), ("page_numbers", v["page_numbers"]),
    ) if on]
    if v["label_breaks"] != "none":
        tags.append(f"labels:{v['label_breaks']}")
    tags.append(f"noise:{v['row_noise']}")
    tags += [name for name, on in (
        ("t2_spans", bool(v["t2_spans"])), ("t3_six_one_row", v["t3_six_one_row"]),
        ("all_split", v["all_split"]),
    ) if on]
    made = {k for entry in v.get("noise", []) for k in entry if k != "table"}
    tags += sorted(f"made:{k}" for k in made)
    return tags


def _layout_tags(report: Report) -> list[str]:
    d = report.variant["docx"]
    return [name for name, on in (("repeat_header", d["repeat_header"]),
                                  ("landscape", d["landscape"]),
                                  ("narrow_labels", d["narrow_labels"]),
                                  ("heading_styles", d["heading_styles"])) if on]


def write_case(report: Report, out: Path) -> tuple[list[dict[str, Any]], Path]:
    """Write truth, text files and docx of one case; return manifest entries and the docx."""
    case_dir = out / "cases" / report.case
    case_dir.mkdir(parents=True, exist_ok=True)
    truth = report_truth(report)
    (case_dir / "truth.json").write_text(dump_truth(truth), encoding="utf-8")
    entries: list[dict[str, Any]] = []
    tags = _tags(report)
    for spec in report.variant["text_files"]:
        padded = spec["sub"] == "padded"
        name = f"{report.case}.{spec['style']}{'-padded' if padded else ''}.{spec['encoding']}.txt"
        data = render_text(report, spec["style"], padded, spec["encoding"], spec["eol"])
        (case_dir / name).write_bytes(data)
        entries.append({"file": f"cases/{report.case}/{name}", "case": report.case,
                        "format": "txt", "style": spec["style"], "encoding": spec["encoding"],
                        "eol": spec["eol"],
                        "tags": tags + (["padded"] if padded else []) + [f"eol:{spec['eol']}"]})
    docx = case_dir / f"{report.case}.docx"
    docx.write_bytes(render_docx(report))
    entries.append({"file": f"cases/{report.case}/{docx.name}", "case": report.case,
                    "format": "docx", "style": None, "encoding": None,
                    "tags": tags + _layout_tags(report)})
    return entries, docx


def add_scans(manifest: list[dict[str, Any]], out: Path) -> None:
    """Scan the first `N_SCANS` PDFs of the manifest back to image-only PDFs and list
    them (format ``scan``, the PDF's tags plus the scanner's), replacing earlier scans."""
    manifest[:] = [e for e in manifest if e["format"] != "scan"]
    pdfs = sorted((e for e in manifest if e["format"] == "pdf"), key=lambda e: e["file"])[:N_SCANS]
    if pdfs:
        print(f"scanning {len(pdfs)} PDFs back to images …", flush=True)
    for entry in pdfs:
        pdf = out / entry["file"]
        data, variant = render_scan(pdf, entry["case"])
        target = pdf.with_name(f"{entry['case']}.scan.pdf")
        target.write_bytes(data)
        tags = [*entry["tags"], f"dpi:{variant['dpi']}", f"jpeg:{variant['quality']}"]
        if variant["stamp"]:
            tags.append("stamp")
        manifest.append({"file": str(target.relative_to(out)), "case": entry["case"], "format": "scan",
                         "style": None, "encoding": None, "tags": tags,
                         "scan": {k: variant[k] for k in ("dpi", "tilt", "quality", "specks", "stamp")}})
    manifest.sort(key=lambda e: e["file"])


def _entry(report: Report, path: Path, fmt: str, style: str, encoding: str | None,
           tags: list[str]) -> dict[str, Any]:
    return {"file": f"cases/{report.case}/{path.name}", "case": report.case, "format": fmt,
            "style": style, "encoding": encoding, "tags": tags}


def write_later_forms(reports: list[Report], out: Path, formats: tuple[str, ...],
                      want_soffice: bool) -> list[dict[str, Any]]:
    """Web pages, Markdown and column-aligned text of every case (from its grid model, its
    docx and its PDF); returns their manifest entries."""
    entries: list[dict[str, Any]] = []
    docx_files: list[tuple[Report, Path]] = []
    for index, report in enumerate(reports):
        case_dir = out / "cases" / report.case
        tags = _tags(report)
        if "html" in formats:
            knobs = editor_knobs(index)
            page = case_dir / f"{report.case}.editor.html"
            page.write_bytes(render_editor(report, knobs))
            entries.append(_entry(report, page, "html", "editor", knobs["encoding"], [
                *tags, knobs["chrome"], f"spans:{knobs['spans']}", f"wrap:{knobs['wrap']}"]))
            word = case_dir / f"{report.case}.word.htm"
            word.write_bytes(render_word(report))
            entries.append(_entry(report, word, "html", "word", "gb2312", tags))
            docx_files.append((report, case_dir / f"{report.case}.docx"))
        if "md" in formats:
            knobs = markdown_knobs(index)
            md = case_dir / f"{report.case}.md"
            md.write_bytes(render_markdown(report, knobs))
            entries.append(_entry(report, md, "md", knobs["header"], "utf-8", [
                *tags, f"merges:{knobs['merges']}", f"lines:{_LINE_JOINS[knobs['lines']]}",
                f"prose:{knobs['prose']}"]))
        pdf = case_dir / f"{report.case}.pdf"
        if "layout" in formats and pdf.exists():
            text = render_layout(pdf)
            if text is not None:
                target = case_dir / f"{report.case}.layout.txt"
                target.write_bytes(text)
                entries.append(_entry(report, target, "layout", "pdftotext", "utf-8",
                                      tags + _layout_tags(report)))
    if docx_files and want_soffice:
        print(f"exporting {len(docx_files)} docx files to HTML with LibreOffice …", flush=True)
        made = set(libreoffice_html([d for _, d in docx_files if d.exists()]))
        for report, docx in docx_files:
            page = docx.with_name(docx.stem + ".libreoffice.html")
            if page in made:
                entries.append(_entry(report, page, "html", "libreoffice", "utf-8",
                                      _tags(report) + _layout_tags(report)))
    return entries


def add_later_forms(args: argparse.Namespace, formats: tuple[str, ...]) -> int:
    """Add the named later forms to an existing corpus without touching its other files."""
    manifest_path = args.out / "manifest.json"
    if not manifest_path.exists():
        print(f"error: no corpus at {args.out} (run without --only first)")
        return 2
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    n_pdf = max(1, round(args.cases * 2 / 3))
    reports = [build_report(index, args.seed, n_pdf) for index in range(args.cases)]
    for report in reports:
        truth = args.out / "cases" / report.case / "truth.json"
        if not truth.exists() or truth.read_text(encoding="utf-8") != dump_truth(report_truth(report)):
            print(f"error: {truth} is not what this generator builds for case {report.case}; "
                  "regenerate the whole corpus instead")
            return 2
    if "layout" in formats and pdftotext_path() is None:
        print("note: pdftotext not found; column-aligned text is skipped")
    entries = write_later_forms(reports, args.out, formats, soffice_path() is not None)
    manifest = [e for e in manifest if e["format"] not in formats] + entries
    if "scan" in formats:
        add_scans(manifest, args.out)
    manifest.sort(key=lambda e: e["file"])
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(_summary(manifest, reports))
    return 0


def _summary(manifest: list[dict[str, Any]], reports: list[Report]) -> str:
    """A plain-text table of what was generated."""
    lines = [f"cases: {len(reports)}  files: {len(manifest)}"]
    by_format = Counter(e["format"] for e in manifest)
    lines.append("format      " + "  ".join(f"{k}={v}" for k, v in sorted(by_format.items())))
    later = Counter(f"{e['format']}:{e['style']}" for e in manifest if e["format"] in LATER_FORMATS)
    lines.append("later forms " + "  ".join(f"{k}={v}" for k, v in sorted(later.items())))
    combos = Counter((e["style"], e["encoding"]) for e in manifest if e["format"] == "txt")
    lines.append("txt style × encoding:")
    for (style, enc), n in sorted(combos.items()):
        lines.append(f"  {style:<6} {enc:<10} {n:>4}")
    eols = Counter(e["eol"] for e in manifest if e["format"] == "txt")
    lines.append("eol         " + "  ".join(f"{k}={v}" for k, v in sorted(eols.items())))
    pdf_layouts = Counter(tuple(t for t in e["tags"] if t in ("repeat_header", "landscape",
                                                               "narrow_labels"))
                          for e in manifest if e["format"] == "pdf")
    lines.append("pdf layouts (repeat_header/landscape/narrow_labels):")
    for layout, n in sorted(pdf_layouts.items()):
        lines.append(f"  {'+'.join(layout) or 'plain':<40} {n:>3}")
    editions = Counter(r.edition for r in reports)
    lines.append("editions    " + "  ".join(f"{k}={v}" for k, v in sorted(editions.items())))
    knobs = Counter(t for r in reports for t in _tags(r) if not t.startswith("edition"))
    lines.append("knobs       " + ", ".join(f"{k}={v}" for k, v in sorted(knobs.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus; returns a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-pdf", action="store_true", help="skip LibreOffice PDF conversion")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", help="comma-separated later formats (html, md, layout, scan) to add "
                                       "to the existing corpus, leaving every other file alone")
    args = parser.parse_args(argv)
    if args.only:
        formats = tuple(f.strip() for f in args.only.split(",") if f.strip())
        unknown = set(formats) - set(LATER_FORMATS)
        if unknown:
            parser.error(f"--only takes {', '.join(LATER_FORMATS)}, not {', '.join(sorted(unknown))}")
        return add_later_forms(args, formats)

    want_pdf = not args.no_pdf
    if want_pdf and soffice_path() is None:
        print("note: soffice not found; PDFs are skipped")
        want_pdf = False
    n_pdf = max(1, round(args.cases * 2 / 3))
    if (args.out / "cases").exists():
        shutil.rmtree(args.out / "cases")
    args.out.mkdir(parents=True, exist_ok=True)

    manifest: list[dict[str, Any]] = []
    reports: list[Report] = []
    pdf_jobs: list[tuple[Report, Path, list[str]]] = []
    for index in range(args.cases):
        report = build_report(index, args.seed, n_pdf)
        reports.append(report)
        entries, docx = write_case(report, args.out)
        manifest.extend(entries)
        if want_pdf and report.variant["pdf"]:
            pdf_jobs.append((report, docx, entries[-1]["tags"]))
    if pdf_jobs:
        print(f"converting {len(pdf_jobs)} docx files to PDF with LibreOffice …", flush=True)
        made = set(convert_batch([docx for _, docx, _ in pdf_jobs]))
        for report, docx, tags in pdf_jobs:
            pdf = docx.with_suffix(".pdf")
            lost = missing_text(report, pdf) if pdf in made else ""
            if lost:
                # a PDF that does not print its truth cannot be scored against it
                print(f"warning: {pdf.name} does not print {lost!r}; left out of the manifest")
                pdf.unlink()
            elif pdf in made:
                manifest.append({"file": f"cases/{report.case}/{pdf.name}", "case": report.case,
                                 "format": "pdf", "style": None, "encoding": None, "tags": tags})
            else:
                print(f"warning: no PDF produced for {report.case}")
    manifest.extend(write_later_forms(reports, args.out, LATER_FORMATS, want_pdf))
    add_scans(manifest, args.out)
    manifest.sort(key=lambda e: e["file"])
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(_summary(manifest, reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
