"""The corpus generator writes truth that matches the official format and decodes cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATE = ROOT / "corpus" / "generate.py"

# Official data-cell counts per table kind and edition (format-spec.md §3–§5).
OFFICIAL_CELLS = {
    "2019": {"proactive_disclosure": 22, "applications": 161, "review_litigation": 15},
    "2021": {"proactive_disclosure": 10, "applications": 175, "review_litigation": 15},
}
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(GENERATE), "--cases", "3", "--no-pdf", "--seed", "7",
                    "--out", str(out)], check=True, capture_output=True)
    return out


def _truths(corpus: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(corpus.glob("cases/*/truth.json"))]


def _number(text: str) -> float:
    digits = "".join(ch for ch in text if ch.isdigit() or ch in ".-+")
    try:
        return float(digits)
    except ValueError:
        return 0.0


def test_every_official_data_cell_has_a_record(corpus: Path) -> None:
    truths = _truths(corpus)
    assert len(truths) == 3
    for truth in truths:
        keyed: dict[str, int] = defaultdict(int)
        keys: list[str] = []
        for table in truth["tables"]:
            for rec in table["records"]:
                if rec["key"]:
                    keyed[table["kind"]] += 1
                    keys.append(rec["key"])
                else:
                    # a cell the format does not have: an added row or column, named as printed
                    labels = "".join(rec["row"][-1:] + rec["col"][-1:])
                    assert "计" in labels or "其他主动公开文件" in labels, (truth["case"], rec)
        assert len(keys) == len(set(keys)), truth["case"]
        assert set(keys) == set(truth["values"]), truth["case"]
        variant = truth["variant"]
        dropped = any("dropped_rows" in made for made in variant["noise"])
        if not dropped and not variant["t3_six_one_row"]:
            assert dict(keyed) == OFFICIAL_CELLS[truth["edition"]], truth["case"]


def test_identities_hold_unless_an_error_was_injected(corpus: Path) -> None:
    for truth in _truths(corpus):
        if truth["injected_errors"]:
            continue
        values = {k: _number(v) for k, v in truth["values"].items()}
        rows = {k.split("@")[0][len("applications."):] for k in values if "@" in k}
        for col in (*APPLICANTS, "total"):
            def v(row: str, col: str = col, values: dict[str, float] = values) -> float:
                return values[f"applications.{row}@{col}"]

            assert v("new_received") + v("carried_over") == v("results.total") + v("carried_forward")
            leaves = [r for r in rows if r.startswith("results.") and r != "results.total"]
            assert v("results.total") == sum(v(r) for r in leaves)
        for row in rows:
            assert values[f"applications.{row}@total"] == sum(
                values[f"applications.{row}@{c}"] for c in APPLICANTS)
        for group in ("admin_review", "litigation.direct", "litigation.after_review"):
            base = f"review_litigation.{group}."
            assert values[base + "total"] == sum(
                values[base + leaf] for leaf in ("maintained", "corrected", "other", "pending"))


def test_injected_errors_name_the_changed_cell_and_failing_rule(corpus: Path) -> None:
    for truth in _truths(corpus):
        for error in truth["injected_errors"]:
            assert error["cell"] in truth["values"]
            assert error["rule"].startswith(("T3_", "T4_"))


def test_each_text_file_decodes_with_its_declared_encoding(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    texts = [e for e in manifest if e["format"] == "txt"]
    assert len(texts) == 12
    for entry in texts:
        data = (corpus / entry["file"]).read_bytes()
        text = data.decode(entry["encoding"])
        assert "政府信息公开" in text
        has_bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        assert has_bom == (entry["encoding"] in ("utf-8-sig", "utf-16")), entry["file"]


def test_generation_is_deterministic(corpus: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(GENERATE), "--cases", "3", "--no-pdf", "--seed", "7",
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for path in corpus.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(corpus)).read_bytes() == path.read_bytes(), path


def test_a_scan_is_an_image_only_pdf_of_every_page(tmp_path: Path) -> None:
    pypdfium2 = pytest.importorskip("pypdfium2")
    sys.path.insert(0, str(ROOT / "corpus"))
    from generator.render_scan import render_scan, scan_variant

    source = ROOT / "corpus" / "generated" / "cases" / "g0002" / "g0002.pdf"
    data, variant = render_scan(source, "g0002")
    assert variant == scan_variant("g0002") and 150 <= variant["dpi"] <= 300
    assert abs(variant["tilt"]) < 1.0
    scan = pypdfium2.PdfDocument(data)
    original = pypdfium2.PdfDocument(str(source))
    try:
        assert len(scan) == len(original)
        for i in range(len(scan)):
            page = scan[i]
            assert page.get_textpage().count_chars() == 0
            assert [round(v) for v in page.get_size()] == [round(v) for v in original[i].get_size()]
    finally:
        scan.close()
        original.close()


def test_the_committed_scans_are_listed_with_their_cases_truth() -> None:
    manifest = json.loads((ROOT / "corpus" / "generated" / "manifest.json").read_text(encoding="utf-8"))
    scans = [e for e in manifest if e["format"] == "scan"]
    assert scans
    for entry in scans:
        path = ROOT / "corpus" / "generated" / entry["file"]
        assert path.is_file() and (path.parent / "truth.json").is_file()
        assert path.name == f"{entry['case']}.scan.pdf" and f"dpi:{entry['scan']['dpi']}" in entry["tags"]
    assert sum((ROOT / "corpus" / "generated" / e["file"]).stat().st_size for e in scans) < 20 * 2**20
