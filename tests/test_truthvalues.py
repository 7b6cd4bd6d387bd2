"""The scorer's own reading of truth values, and the scorer's independence from govreport."""

from __future__ import annotations

import ast
import sys

import pytest
from helpers import CORPUS

sys.path.insert(0, str(CORPUS))
from truthvalues import TruthValue, read_truth_value, truth_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", TruthValue("number", 0)),
        ("12", TruthValue("number", 12)),
        ("3119", TruthValue("number", 3119)),
        ("", TruthValue("empty")),
        ("   ", TruthValue("empty")),
        ("\u00a0\u3000", TruthValue("empty")),
        ("/", TruthValue("not_applicable")),
        ("／", TruthValue("not_applicable")),
        ("—", TruthValue("not_applicable")),
        ("——", TruthValue("not_applicable")),
        ("-", TruthValue("not_applicable")),
        ("－", TruthValue("not_applicable")),
        ("无", TruthValue("not_applicable")),
        ("\u3000/\u3000", TruthValue("not_applicable")),
        ("+3", TruthValue("number", 3)),
        ("+173", TruthValue("number", 173)),
        ("-2", TruthValue("number", -2)),
        ("－1", TruthValue("number", -1)),
        ("−8", TruthValue("number", -8)),
        ("251000元", TruthValue("number", 251000, "元")),
        ("184719元", TruthValue("number", 184719, "元")),
        ("103.3879万元", TruthValue("number", 103.3879, "万元")),
        ("96171.6", TruthValue("number", 96171.6)),
        ("1859950.00", TruthValue("number", 1859950.0)),
        ("１２", TruthValue("number", 12)),
        ("２５１０００元", TruthValue("number", 251000, "元")),
        ("１０３．３８７９万元", TruthValue("number", 103.3879, "万元")),
        ("\u00a012\u00a0", TruthValue("number", 12)),
        ("\u300012\u3000", TruthValue("number", 12)),
        (" 7 ", TruthValue("number", 7)),
        ("5件", TruthValue("number", 5)),
        ("1,234", TruthValue("number", 1234)),
        ("--253", TruthValue("text")),
        ("+-3", TruthValue("text")),
        ("3-", TruthValue("text")),
        ("12.", TruthValue("text")),
        (".5", TruthValue("text")),
        ("1,23", TruthValue("text")),
        ("元", TruthValue("text")),
        ("万元", TruthValue("text")),
        ("见附件", TruthValue("text")),
        ("12 34", TruthValue("text")),
    ],
)
def test_truth_value_reads_what_the_format_prints(text: str, expected: TruthValue) -> None:
    assert read_truth_value(text) == expected


def test_integers_stay_integers_and_decimals_stay_decimals() -> None:
    assert type(truth_number("12")) is int
    assert type(truth_number("+3")) is int
    assert type(truth_number("96171.6")) is float
    assert type(truth_number("103.3879万元")) is float


def test_a_doubled_sign_is_never_repaired() -> None:
    assert truth_number("--253") is None
    assert truth_number("—253") is None


def test_no_number_means_none_never_zero() -> None:
    for text in ("", "/", "—", "-", "无", "\u3000"):
        assert truth_number(text) is None, text


def _imports(path: str) -> list[str]:
    tree = ast.parse((CORPUS / path).read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_the_scorer_uses_only_govreports_public_api() -> None:
    imported = _imports("score.py")
    assert "govreport" in imported
    inner = [n for n in imported if n.startswith("govreport.")]
    assert not inner, f"score.py imports govreport internals: {inner}"
    assert "truthvalues" in imported, "score.py must read truth values with corpus/truthvalues.py"


def test_the_truth_parser_does_not_import_govreport() -> None:
    imported = _imports("truthvalues.py")
    assert not [n for n in imported if n.split(".")[0] == "govreport"], imported
