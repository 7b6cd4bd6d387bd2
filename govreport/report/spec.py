"""The official format as data: `format-spec.json` shipped in the package, indexed.

For each edition: the table-2 blocks (rows and columns), table 3's data rows
and leaf columns, table 4's leaf columns, and every canonical key in the
format's order (``applications.results.denied.state_secret@commercial_enterprise``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from govreport.report.labels import core

EDITIONS = ("2019", "2021")
KINDS = ("proactive_disclosure", "applications", "review_litigation")


@dataclass(frozen=True, slots=True)
class Block:
    """A table-2 block: 第二十条第（item）项 with its rows and value columns."""

    key: str
    item: int
    rows: tuple[tuple[str, str], ...]  # (key, label)
    columns: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RowNode:
    """A table-3 row: its key, label, level, parent key and whether it holds numbers."""

    key: str
    label: str
    level: int
    parent: str | None
    data: bool


@dataclass(frozen=True, slots=True)
class Edition:
    name: str
    blocks: tuple[Block, ...]
    t3_rows: tuple[RowNode, ...]
    t3_columns: tuple[tuple[str, str], ...]  # leaf (key, label)
    t4_columns: tuple[tuple[str, str], ...]  # leaf (key, label path joined by '/')

    def keys(self, kind: str) -> list[str]:
        """Every canonical key of one table kind, in the format's order."""
        if kind == "proactive_disclosure":
            return [
                f"proactive_disclosure.{b.key}.{r}.{c}"
                for b in self.blocks
                for r, _ in b.rows
                for c, _ in b.columns
            ]
        if kind == "applications":
            return [
                f"applications.{r.key}@{c}"
                for r in self.t3_rows
                if r.data
                for c, _ in self.t3_columns
            ]
        return [f"review_litigation.{c}" for c, _ in self.t4_columns]

    def all_keys(self) -> list[str]:
        return [k for kind in KINDS for k in self.keys(kind)]


@cache
def raw_spec() -> dict[str, Any]:
    text = resources.files("govreport").joinpath("spec").joinpath("format-spec.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _rows(nodes: list[dict[str, Any]], parent: str | None, out: list[RowNode]) -> None:
    for node in nodes:
        out.append(RowNode(node["key"], node["label"], node.get("level", 0), parent, node["data"]))
        _rows(node.get("children", []), node["key"], out)


def _leaves(nodes: list[dict[str, Any]], path: tuple[str, ...], out: list[tuple[str, str]]) -> None:
    for node in nodes:
        here = (*path, node["label"])
        if node.get("children"):
            _leaves(node["children"], here, out)
        elif node["data"]:
            out.append((node["key"], "/".join(here)))


@cache
def edition(name: str) -> Edition:
    tables = raw_spec()["editions"][name]["tables"]
    blocks = []
    for b in tables["proactive_disclosure"]["blocks"]:
        item = int(b["key"].split("_")[1])
        blocks.append(
            Block(
                b["key"],
                item,
                tuple((r["key"], r["label"]) for r in b["rows"]),
                tuple((c["key"], c["label"]) for c in b["columns"]),
            )
        )
    rows: list[RowNode] = []
    _rows(tables["applications"]["row_tree"], None, rows)
    t3_cols: list[tuple[str, str]] = []
    _leaves(tables["applications"]["column_tree"], (), t3_cols)
    t4_cols: list[tuple[str, str]] = []
    _leaves(tables["review_litigation"]["column_tree"], (), t4_cols)
    return Edition(name, tuple(blocks), tuple(rows), tuple(t3_cols), tuple(t4_cols))


@cache
def t3_column_index() -> dict[str, str]:
    """Core label of a table-3 leaf column → its key (same in both editions)."""
    out = {core(label.split("/")[-1]): key for key, label in edition("2021").t3_columns}
    out["总计"] = "total"
    return out


# Table 4's group header labels and the key prefix of the columns under each.
T4_GROUPS = {"行政复议": "admin_review", "未经复议直接起诉": "litigation.direct",
             "复议后起诉": "litigation.after_review"}
T4_LEAVES = {"结果维持": "maintained", "结果纠正": "corrected", "其他结果": "other",
             "尚未审结": "pending", "总计": "total"}
