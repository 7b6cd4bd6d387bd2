"""pandas views: header paths as MultiIndexes, canonical values by key, loaded lazily."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pandas as pd
import pytest
from helpers import CORPUS, ROOT
from test_writers_example import tiny_document, tiny_table

import govreport
from govreport.model import Cell, Table

SEED = CORPUS / "real" / "town-2019.txt"


def test_import_govreport_does_not_import_pandas() -> None:
    code = "import sys, govreport; govreport.read; assert 'pandas' not in sys.modules, 'pandas imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_helpers_are_reachable_from_the_package_on_first_use() -> None:
    from govreport import frames

    assert govreport.table_to_pandas is frames.table_to_pandas
    assert govreport.report_to_pandas is frames.report_to_pandas
    with pytest.raises(AttributeError, match="no attribute 'to_excel'"):
        _ = govreport.to_excel  # type: ignore[attr-defined]


def test_table_index_and_columns_are_multiindexes_of_the_header_paths() -> None:
    frame = govreport.table_to_pandas(tiny_table())
    assert isinstance(frame.index, pd.MultiIndex) and isinstance(frame.columns, pd.MultiIndex)
    assert list(frame.index.names) == ["row_1", "row_2"]
    assert list(frame.columns.names) == ["col_1", "col_2", "col_3"]
    assert list(frame.columns) == [
        ("申请人情况", "自然人", ""),
        ("申请人情况", "法人或其他组织", "商业企业"),
        ("申请人情况", "总计", ""),
    ]
    assert list(frame.index) == [
        ("一、本年新收政府信息公开申请数量", ""),
        ("三、本年度办理结果", "（一）予以公开"),
        ("三、本年度办理结果", "（七）总计"),
    ]
    assert frame.loc[("三、本年度办理结果", "（七）总计"), ("申请人情况", "总计", "")] == 3


def test_number_values_are_nullable_numbers_with_na_for_blank_and_placeholder() -> None:
    frame = govreport.table_to_pandas(tiny_table())
    assert all(str(t) == "Int64" for t in frame.dtypes)
    column = frame[("申请人情况", "法人或其他组织", "商业企业")]
    assert column.iloc[0] == 1 and column.isna().tolist() == [False, True, True]


def test_text_that_is_not_a_number_stays_text_in_number_mode() -> None:
    table = tiny_table()
    cells = tuple(dataclasses.replace(c, text="--253") if c.text == "/" else c for c in table.cells)
    frame = govreport.table_to_pandas(dataclasses.replace(table, cells=cells))
    column = frame[("申请人情况", "法人或其他组织", "商业企业")]
    assert column.dtype == object and column.iloc[1] == "--253"


def test_text_values_are_the_printed_texts() -> None:
    frame = govreport.table_to_pandas(tiny_table(), values="text")
    assert frame.iloc[1].tolist() == ["2", "/", "2"]
    assert frame.iloc[2].tolist() == ["2", "", "3"]


def test_values_must_be_number_or_text() -> None:
    with pytest.raises(ValueError, match="'number' or 'text'"):
        govreport.table_to_pandas(tiny_table(), values="float")  # type: ignore[arg-type]


def test_seed_tables_keep_every_data_cell() -> None:
    doc = govreport.read(SEED)
    for table in doc.tables:
        frame = govreport.table_to_pandas(table, values="text")
        assert int(frame.notna().sum().sum()) == len(govreport.records(table))
    table2 = govreport.table_to_pandas(doc.tables[0])
    assert table2.loc[("第二十条第（九）项", "政府集中采购"), ("采购总金额",)] == 1859950.0
    table4 = govreport.table_to_pandas(doc.tables[2])
    assert table4.shape == (1, 15) and table4.columns.nlevels == 3


def test_cells_sharing_both_paths_get_grid_levels_instead_of_being_lost() -> None:
    table = Table(2, 2, tuple(Cell(r, c, text=str(r * 2 + c)) for r in range(2) for c in range(2)))
    frame = govreport.table_to_pandas(table)
    assert list(frame.index.names) == ["grid_row"] and list(frame.columns.names) == ["grid_col"]
    assert list(frame.index) == [(0,), (1,)] and frame.iloc[1, 0] == 2


def test_report_values_are_a_series_by_key() -> None:
    series = govreport.report_to_pandas(tiny_document())
    assert series.name == "tiny-2021.txt" and series.index.name == "key"
    assert series["applications.new_received@total"] == 4
    assert pd.isna(series["applications.results.total@commercial_enterprise"])
    assert str(series.dtype) == "Int64"


def test_a_document_without_report_gives_an_empty_series() -> None:
    assert govreport.report_to_pandas(dataclasses.replace(tiny_document(), report=None)).empty


def test_several_reports_are_one_row_each() -> None:
    other = dataclasses.replace(tiny_document(), source=dataclasses.replace(tiny_document().source, name="b"))
    frame = govreport.reports_to_pandas([tiny_document(), other])
    assert list(frame.index) == ["tiny-2021.txt", "b"]
    assert frame.loc["b", "applications.new_received@total"] == 4


def test_records_frame_is_the_tidy_form() -> None:
    frame = govreport.records_to_pandas(tiny_document())
    assert len(frame) == 9
    row = frame.iloc[1]
    assert row["col"] == ("申请人情况", "法人或其他组织", "商业企业")
    assert (row["grid_row"], row["grid_col"], row["value"]) == (3, 3, 1)
