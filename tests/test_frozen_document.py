"""A document is frozen all the way down: its report's values cannot change, and it hashes."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest
from helpers import CORPUS

import govreport
from govreport.model import FrozenMap, Report


@pytest.fixture(scope="module")
def doc() -> govreport.Document:
    return govreport.read(CORPUS / "real" / "town-2019.txt")


def test_the_reports_values_and_units_cannot_be_changed(doc: govreport.Document) -> None:
    assert doc.report is not None
    key = "applications.new_received@total"
    with pytest.raises(TypeError, match="does not support item assignment"):
        doc.report.values[key] = 999  # type: ignore[index]
    with pytest.raises(TypeError, match="does not support item deletion"):
        del doc.report.values[key]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        doc.report.values.update({key: 999})  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        doc.report.units["x"] = "元"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.report.values = {}  # type: ignore[misc]


def test_a_report_built_from_a_dict_keeps_its_own_read_only_copy() -> None:
    given = {"applications.new_received@total": 3}
    report = Report("2021", given, (), {"k": "元"})
    given["applications.new_received@total"] = 4
    assert report.values == {"applications.new_received@total": 3}
    assert isinstance(report.values, FrozenMap) and isinstance(report.units, FrozenMap)


def test_a_document_hashes_and_equal_documents_hash_equal(doc: govreport.Document) -> None:
    again = govreport.read(CORPUS / "real" / "town-2019.txt")
    assert doc == again and hash(doc) == hash(again)
    assert len({doc, again}) == 1
    assert doc.report is not None
    values = {**doc.report.values, "applications.new_received@total": 7}
    changed = dataclasses.replace(doc.report, values=values)
    assert changed != doc.report


def test_json_round_trip_keeps_the_document_equal_and_hashable(
    doc: govreport.Document, tmp_path: Path
) -> None:
    path = tmp_path / "town.json"
    govreport.write(doc, path)
    back = govreport.load_json(path)
    assert back == doc and hash(back) == hash(doc)
    assert back.report is not None and isinstance(back.report.values, FrozenMap)


def test_pickle_and_deepcopy_keep_the_document(doc: govreport.Document) -> None:
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert copy.deepcopy(doc) == doc


def test_frames_and_every_writer_still_take_a_frozen_report(doc: govreport.Document, tmp_path: Path) -> None:
    assert doc.report is not None
    frame = govreport.report_to_pandas(doc)
    assert frame["applications.new_received@total"] == doc.report.values["applications.new_received@total"]
    assert govreport.reports_to_pandas([doc]).shape[0] == 1
    for suffix in ("json", "xml", "csv", "html"):
        out = tmp_path / f"town.{suffix}"
        govreport.write(doc, out)
        assert out.stat().st_size > 0, suffix


def test_a_cell_made_positionally_is_the_cell_the_class_makes_and_as_frozen() -> None:
    from govreport.model import Cell, Location, positional_constructor

    make = positional_constructor(Cell)
    where = Location(line=3)
    fields = (2, 1, 1, 3, "12", "data", "applications.new_received@total", (4,), where, 0.5, True)
    cell, expected = make(*fields), Cell(*fields)
    assert cell == expected and hash(cell) == hash(expected) and repr(cell) == repr(expected)
    assert type(cell) is Cell and pickle.loads(pickle.dumps(cell)) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.text = "13"  # type: ignore[misc]
    with pytest.raises(TypeError):
        make(*fields[:-1])  # every field, none defaulted


def test_no_positional_constructor_for_a_class_whose_post_init_it_would_skip() -> None:
    from govreport.model import positional_constructor

    with pytest.raises(TypeError, match="__post_init__"):
        positional_constructor(Report)
