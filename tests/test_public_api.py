"""The public API: every exported name explains itself, and the layers import what they should."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import govreport

PACKAGE = Path(govreport.__file__).resolve().parent


def _attribute_docstrings(path: Path) -> dict[str, str]:
    """Module-level names followed by a string literal (how a type alias is documented)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    out: dict[str, str] = {}
    for node, after in zip(body, body[1:]):
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            out[node.targets[0].id] = after.value.value
    return out


def _docstring(name: str) -> str:
    obj = getattr(govreport, name)
    if inspect.isclass(obj) or inspect.isfunction(obj) or callable(obj):
        doc = obj.__doc__ or ""
        if inspect.isclass(obj) and doc.startswith(f"{name}("):
            return ""  # the signature dataclasses put where a docstring is missing
        if not inspect.isclass(obj) and not inspect.isfunction(obj) and doc == type(obj).__doc__:
            return ""  # the docstring of the wrapper's type, not of the function
        return doc
    return _attribute_docstrings(PACKAGE / "model.py").get(name, "")


@pytest.mark.parametrize("name", govreport.__all__)
def test_every_public_name_has_a_docstring_that_says_something(name: str) -> None:
    doc = _docstring(name).strip()
    assert len(doc) >= 30, f"govreport.{name} has no docstring explaining it: {doc!r}"
    assert doc.lower().rstrip(".") != name.lower()


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize("layer", ["report", "tables"])
def test_the_report_and_table_layers_do_not_import_the_readers(layer: str) -> None:
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        readers = sorted(m for m in _imports(path) if m.startswith("govreport.readers"))
        assert not readers, f"{path.relative_to(PACKAGE)} imports {readers}"


def test_one_numbering_definition_serves_readers_and_labels() -> None:
    from govreport.report.labels import core
    from govreport.textutil import numbering_prefix, strip_numbering

    for label, bare in [("三、本年度办理结果", "本年度办理结果"), ("（三）不予公开", "不予公开"),
                        ("(三) 不予公开", "不予公开"), ("1.属于国家秘密", "属于国家秘密"),
                        ("1、信访举报投诉类申请", "信访举报投诉类申请"), ("2．重复申请", "重复申请"),
                        ("（1）规章", "规章")]:
        assert numbering_prefix(label), label
        assert strip_numbering(label) == bare
        assert core(label) == bare
    assert numbering_prefix("2019年度") == "" and core("2019年度") == "2019年度"
