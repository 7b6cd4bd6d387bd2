"""Golden files stay hand-checked: regenerating writes a candidate for review, never the golden."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import goldens
import pytest
from accept_golden import accept
from goldens import candidate_paths, check_golden, golden_of
from helpers import CORPUS

import govreport

SAMPLE = CORPUS / "handmade" / "tongzhou-typos.txt"


@pytest.fixture(scope="module")
def doc() -> govreport.Document:
    return govreport.read(SAMPLE)


def _write(path: Path, data: dict[str, Any]) -> bytes:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path.read_bytes()


def _golden_with_one_text_changed(doc: govreport.Document) -> dict[str, Any]:
    golden = {"note": "Checked by hand against the source.", **golden_of(doc)}
    golden["tables"][0]["records"][0]["text"] = "999"
    return golden


@pytest.fixture
def regenerate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORT_REGENERATE", "1")


def test_a_golden_that_matches_passes(doc: govreport.Document, tmp_path: Path) -> None:
    golden = tmp_path / "x.expected.json"
    _write(golden, golden_of(doc))
    check_golden(doc, golden)


@pytest.mark.usefixtures("regenerate")
def test_regenerating_alone_cannot_make_a_golden_test_pass(doc: govreport.Document, tmp_path: Path) -> None:
    golden = tmp_path / "x.expected.json"
    before = _write(golden, _golden_with_one_text_changed(doc))
    for _ in range(2):  # a second regeneration passes no more than the first
        with pytest.raises(AssertionError, match=r"wrote x\.expected\.candidate\.json"):
            check_golden(doc, golden)
        assert golden.read_bytes() == before, "regenerating must never touch the golden file"
    candidate, diff = candidate_paths(golden)
    assert json.loads(candidate.read_text(encoding="utf-8")) == golden_of(doc)
    review = diff.read_text(encoding="utf-8")
    assert "missing record" in review and "'999'" in review
    assert '-     "text": "999"' in review


@pytest.mark.usefixtures("regenerate")
def test_only_accepting_the_candidate_by_hand_makes_it_pass(doc: govreport.Document, tmp_path: Path) -> None:
    golden = tmp_path / "x.expected.json"
    _write(golden, _golden_with_one_text_changed(doc))
    with pytest.raises(AssertionError):
        check_golden(doc, golden)
    candidate, diff = candidate_paths(golden)
    assert accept(candidate) == golden
    assert not candidate.exists() and not diff.exists()
    check_golden(doc, golden)


@pytest.mark.usefixtures("regenerate")
def test_code_never_writes_the_hand_checked_note(doc: govreport.Document, tmp_path: Path) -> None:
    golden = tmp_path / "x.expected.json"
    _write(golden, _golden_with_one_text_changed(doc))
    with pytest.raises(AssertionError):
        check_golden(doc, golden)
    candidate, _ = candidate_paths(golden)
    assert "note" not in json.loads(candidate.read_text(encoding="utf-8"))
    accept(candidate)
    assert "note" not in json.loads(golden.read_text(encoding="utf-8"))
    for module in (goldens.__file__, Path(__file__).with_name("accept_golden.py")):
        code = Path(str(module)).read_text(encoding="utf-8").lower()
        assert "hand-checked against" not in code


@pytest.mark.usefixtures("regenerate")
def test_without_a_golden_file_regenerating_writes_only_a_candidate(
    doc: govreport.Document, tmp_path: Path
) -> None:
    golden = tmp_path / "new.expected.json"
    with pytest.raises(AssertionError, match="no golden file yet"):
        check_golden(doc, golden)
    assert not golden.exists()
    assert candidate_paths(golden)[0].exists()


def test_a_record_missing_from_the_output_fails(doc: govreport.Document, tmp_path: Path) -> None:
    golden_data = golden_of(doc)
    golden_data["tables"][0]["records"].append({"row": ["新行"], "col": ["总计"], "text": "1"})
    golden = tmp_path / "x.expected.json"
    _write(golden, golden_data)
    with pytest.raises(AssertionError, match=r"table 0: missing record \(\('新行',\), \('总计',\), '1'\)"):
        check_golden(doc, golden)


def test_a_record_the_golden_does_not_list_fails(doc: govreport.Document, tmp_path: Path) -> None:
    golden_data = golden_of(doc)
    dropped = golden_data["tables"][0]["records"].pop()
    golden = tmp_path / "x.expected.json"
    _write(golden, golden_data)
    with pytest.raises(AssertionError, match="table 0: extra record") as info:
        check_golden(doc, golden)
    assert repr(dropped["text"]) in str(info.value)


def test_a_table_missing_from_the_output_fails(doc: govreport.Document, tmp_path: Path) -> None:
    golden_data = golden_of(doc)
    golden_data["tables"].append(dict(golden_data["tables"][0], index=len(golden_data["tables"])))
    golden = tmp_path / "x.expected.json"
    _write(golden, golden_data)
    with pytest.raises(AssertionError, match=r"tables: \d+ found, golden \d+"):
        check_golden(doc, golden)


def test_a_golden_that_pins_no_tables_is_refused(doc: govreport.Document, tmp_path: Path) -> None:
    golden = tmp_path / "x.expected.json"
    _write(golden, {"source": doc.source.name, "blocks": golden_of(doc)["blocks"]})
    with pytest.raises(AssertionError, match="the golden file has no 'tables'"):
        check_golden(doc, golden)


def test_a_changed_grid_or_block_fails(doc: govreport.Document, tmp_path: Path) -> None:
    golden_data = golden_of(doc)
    golden_data["tables"][0]["grid"][0] = "x" + golden_data["tables"][0]["grid"][0][1:]
    golden_data["blocks"][0]["text"] = "另一个标题"
    golden = tmp_path / "x.expected.json"
    _write(golden, golden_data)
    with pytest.raises(AssertionError, match="table 0: grid differs") as info:
        check_golden(doc, golden)
    assert "first difference at block 0" in str(info.value)


def test_no_golden_candidate_is_waiting_in_the_corpus() -> None:
    pending = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.candidate.*"))
    assert not pending, f"review and accept (tests/accept_golden.py) or delete: {pending}"


def test_every_real_report_with_a_golden_file_has_a_note_written_by_a_person() -> None:
    for golden in sorted((CORPUS / "real").glob("*.expected.json")):
        note = json.loads(golden.read_text(encoding="utf-8")).get("note", "")
        assert note.strip(), f"{golden.name} says nothing about how it was checked"
