"""The CSV writer: tidy and grid forms, span fill, encodings, spreadsheet safety."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from helpers import CORPUS
from test_writers_example import tiny_document, tiny_table

import govreport
from govreport.errors import GovReportError
from govreport.model import Cell, Document, Table
from govreport.writers import WRITERS
from govreport.writers.csv import (
    CsvOptions,
    csv_writer,
    escape_formula,
    format_number,
    grid_body,
    grid_header,
    render_csv,
    render_grid_tables,
)

SEED = CORPUS / "real" / "town-2019.txt"


def rows_of(data: bytes, encoding: str = "utf-8") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def with_texts(doc: Document, texts: dict[str, str]) -> Document:
    """`doc` with some cell texts replaced (by their old text)."""
    table = doc.tables[0]
    cells = tuple(dataclasses.replace(c, text=texts.get(c.text, c.text)) for c in table.cells)
    blocks = tuple(dataclasses.replace(b, cells=cells) if b is table else b for b in doc.blocks)
    return dataclasses.replace(doc, blocks=blocks)


# --- tidy form ------------------------------------------------------------------------


def test_tidy_form_has_one_line_per_data_cell_with_padded_paths() -> None:
    rows = rows_of(render_csv([tiny_document()]))
    assert rows[0] == [
        "document", "table", "kind", "row_1", "row_2", "col_1", "col_2", "col_3", "key", "text", "value",
    ]
    assert len(rows) == 1 + 9
    assert rows[2] == [
        "tiny-2021.txt", "0", "applications", "一、本年新收政府信息公开申请数量", "",
        "申请人情况", "法人或其他组织", "商业企业",
        "applications.new_received@commercial_enterprise", "1", "1",
    ]


def test_tidy_values_are_plain_numbers_and_blank_where_none_is_printed() -> None:
    doc = with_texts(tiny_document(), {"3": "1,234", "1": "+3", "4": "-2", "/": "—"})
    by_text = {r[9]: r[10] for r in rows_of(render_csv([doc]))[1:]}
    assert by_text["1,234"] == "1234"
    assert by_text["+3"] == "3" and by_text["-2"] == "-2"
    assert by_text["—"] == "" and by_text[""] == ""


def test_format_number_never_uses_an_exponent() -> None:
    assert format_number(1859950.0) == "1859950.0"
    assert format_number(103.3879) == "103.3879"
    assert format_number(1e-7) == "0.0000001"
    assert format_number(2.5e20) == "250000000000000000000"
    assert format_number(None) == "" and format_number(7) == "7"


def test_tidy_depth_is_the_deepest_over_every_document_written() -> None:
    seed = govreport.read(SEED)
    rows = rows_of(render_csv([tiny_document(), seed]))
    assert rows[0][3:9] == ["row_1", "row_2", "row_3", "col_1", "col_2", "col_3"]
    assert {r[0] for r in rows[1:]} == {"tiny-2021.txt", "town-2019.txt"}
    assert all(len(r) == len(rows[0]) for r in rows)
    assert len(rows) == 1 + 9 + 22 + 161 + 15


# --- grid form ------------------------------------------------------------------------


def test_grid_header_joins_the_header_levels_of_each_column() -> None:
    assert grid_header(tiny_table()) == [
        "", "", "申请人情况 / 自然人", "申请人情况 / 法人或其他组织 / 商业企业", "申请人情况 / 总计",
    ]


def test_grid_fill_repeat_writes_a_merged_cell_into_every_slot() -> None:
    body = grid_body(tiny_table(), "repeat")
    assert body[0][:2] == ["一、本年新收政府信息公开申请数量"] * 2
    first = [line[0] for line in body]
    assert first == ["一、本年新收政府信息公开申请数量", "三、本年度办理结果", "三、本年度办理结果"]


@pytest.mark.parametrize("fill", ["first", "blank"])
def test_grid_fill_first_and_blank_write_only_the_anchor_slot(fill: str) -> None:
    body = grid_body(tiny_table(), fill)  # type: ignore[arg-type]
    assert body[0][:2] == ["一、本年新收政府信息公开申请数量", ""]
    assert [line[0] for line in body] == ["一、本年新收政府信息公开申请数量", "三、本年度办理结果", ""]


def test_grid_fill_first_names_a_spanning_header_only_over_its_first_column() -> None:
    labels = grid_header(tiny_table(), "first")[2:]
    assert labels == ["申请人情况 / 自然人", "法人或其他组织 / 商业企业", "总计"]
    assert grid_header(tiny_table(), "blank") == grid_header(tiny_table(), "repeat")


def test_grid_form_keeps_caption_and_repeated_header_rows_in_the_body() -> None:
    seed = govreport.read(SEED)
    rows = rows_of(render_csv([seed], {"form": "grid"}))
    assert rows[0][:4] == ["document", "table", "row", "slot_1"]
    assert rows[1][:7] == ["town-2019.txt", "0", "header", "信息内容", "本年新制作数量", "本年新公开数量",
                           "对外公开总数量"]
    assert rows[2][3:7] == ["第二十条第（一）项"] * 4
    assert rows[6][3:7] == ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]


def test_grid_lines_of_one_file_are_padded_to_the_widest_table() -> None:
    seed = govreport.read(SEED)
    rows = rows_of(render_csv([seed], {"form": "grid"}))
    widest = max(t.n_cols for t in seed.tables)
    assert {len(r) for r in rows} == {3 + widest}
    assert rows[0][3:] == [f"slot_{i}" for i in range(1, widest + 1)]
    starts = [i for i, r in enumerate(rows) if r[2] == "header"]
    assert [rows[i][1] for i in starts] == ["0", "1", "2"]
    counts = [b - a for a, b in zip(starts, [*starts[1:], len(rows)])]
    assert counts == [1 + 18 - 1, 1 + 26 - 3, 1 + 4 - 3]
    for start, table in zip(starts, seed.tables):
        assert rows[start][3 + table.n_cols:] == [""] * (widest - table.n_cols)
    assert rows[starts[1]][3 + 4] == "申请人情况 / 法人或其他组织 / 商业企业"


def test_grid_tables_as_their_own_files_carry_their_labels_as_header() -> None:
    seed = govreport.read(SEED)
    parts = render_grid_tables(seed, {"form": "grid"})
    assert [name for name, _ in parts] == [".table-0", ".table-1", ".table-2"]
    for (_, data), table in zip(parts, seed.tables):
        rows = rows_of(data)
        assert {len(r) for r in rows} == {3 + table.n_cols}
        assert rows[0][:3] == ["document", "table", "row"]
    assert rows_of(parts[1][1])[0][3 + 4] == "申请人情况 / 法人或其他组织 / 商业企业"


def test_grid_csv_of_tables_of_different_widths_loads_with_pandas() -> None:
    pd = pytest.importorskip("pandas")
    seed = govreport.read(SEED)
    frame = pd.read_csv(io.BytesIO(render_csv([seed, seed], {"form": "grid"})))
    assert len(frame) == 2 * (17 + 23 + 1 + 3)
    assert list(frame.columns[:3]) == ["document", "table", "row"]
    for _, data in render_grid_tables(seed):
        assert pd.read_csv(io.BytesIO(data)).shape[0] >= 1


def test_grid_of_a_table_without_header_rows_has_a_blank_header_line() -> None:
    table = Table(1, 2, (Cell(0, 0, text="a"), Cell(0, 1, text="b")))
    doc = dataclasses.replace(tiny_document(), blocks=(table,))
    assert rows_of(render_csv([doc], {"form": "grid"})) == [
        ["document", "table", "row", "slot_1", "slot_2"],
        ["tiny-2021.txt", "0", "header", "", ""],
        ["tiny-2021.txt", "0", "0", "a", "b"],
    ]


# --- options, encodings, safety -------------------------------------------------------


def test_utf8_sig_writes_a_bom_and_utf8_does_not() -> None:
    assert render_csv([tiny_document()], {"encoding": "utf-8-sig"}).startswith(b"\xef\xbb\xbfdocument,")
    assert render_csv([tiny_document()]).startswith(b"document,")


def test_lines_end_with_crlf_as_spreadsheets_expect() -> None:
    data = render_csv([tiny_document()])
    assert data.count(b"\r\n") == 10 and b"\n" not in data.replace(b"\r\n", b"")


def test_options_resolve_from_none_a_mapping_or_an_instance() -> None:
    assert CsvOptions.resolve(None) == CsvOptions()
    assert CsvOptions.resolve({"form": "grid", "fill": None}) == CsvOptions(form="grid")
    opts = CsvOptions(fill="first")
    assert CsvOptions.resolve(opts) is opts


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"form": "wide"}, "form='wide' is not one of: tidy, grid"),
        ({"fill": "copy"}, "fill='copy'"),
        ({"encoding": "gbk"}, "encoding='gbk'"),
        ({"bom": True}, "unknown CSV option(s) bom"),
    ],
)
def test_bad_options_are_refused_with_the_choices(options: dict[str, str], message: str) -> None:
    with pytest.raises(GovReportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CsvOptions.resolve(options)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1+1", "'\t=1+1"),
        ("  =1+1", "'  =1+1"),
        ("--253", "'--253"),
        ("-2", "-2"),
        ("+3", "+3"),
        ("-0.5", "-0.5"),
        ("-", "-"),
        ("--", "--"),
        ("251000元", "251000元"),
        ("本年增/减", "本年增/减"),
        ("＝1+1", "＝1+1"),
        ("", ""),
    ],
)
def test_formula_like_text_gets_a_leading_quote_but_signed_numbers_do_not(text: str, written: str) -> None:
    assert escape_formula(text) == written


def test_every_field_is_guarded_not_only_the_text() -> None:
    doc = with_texts(tiny_document(), {"自然人": "=HYPERLINK(\"http://x\")", "3": "@x"})
    doc = dataclasses.replace(doc, source=dataclasses.replace(doc.source, name="-cmd.txt"))
    for form in ("tidy", "grid"):
        for row in rows_of(render_csv([doc], {"form": form})):
            assert not any(f[:1] in ("=", "@") or f.startswith("-c") for f in row), row


def test_formula_escaping_can_be_turned_off() -> None:
    doc = with_texts(tiny_document(), {"3": "=1+1"})
    rows = rows_of(render_csv([doc], {"escape_formulas": False}))
    assert rows[1][9] == "=1+1"


def test_forbidden_characters_become_fffd_and_lone_surrogates_do_not_crash() -> None:
    doc = with_texts(tiny_document(), {"3": "3\x00", "1": "1\ud800", "4": "4\x0b"})
    texts = [r[9] for r in rows_of(render_csv([doc]))[1:4]]
    assert texts == ["3\ufffd", "1\ufffd", "4\ufffd"]


def test_the_registered_writer_is_configured_by_options() -> None:
    writer = WRITERS["csv"]
    assert writer.configure is not None and writer.render_many is not None
    grid = writer.configure({"form": "grid"})
    assert grid.render(tiny_document()) == render_csv([tiny_document()], {"form": "grid"})
    assert csv_writer(None).render(tiny_document()) == writer.render(tiny_document())
    assert grid.render_many is not None
    many = grid.render_many([tiny_document(), tiny_document()])
    assert many == render_csv([tiny_document()] * 2, {"form": "grid"})


def test_write_passes_options_and_refuses_them_for_writers_without(tmp_path: Path) -> None:
    govreport.write(tiny_document(), tmp_path / "a.csv", options={"encoding": "utf-8-sig"})
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(GovReportError, match="takes no options"):
        govreport.write(tiny_document(), tmp_path / "a.json", options={"form": "grid"})


# --- LibreOffice Calc reads it back -----------------------------------------------------


def _calc_installed() -> bool:
    """LibreOffice with its spreadsheet component (Calc's library beside soffice)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("libsclo.*")) or any(program.glob("sclo.dll"))


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc (soffice + calc) is not installed")
@pytest.mark.parametrize("form", ["tidy", "grid"])
def test_the_seed_csv_opens_in_libreoffice_calc_with_its_chinese_text(tmp_path: Path, form: str) -> None:
    seed = govreport.read(SEED)
    data = render_csv([seed], {"form": form})
    src = tmp_path / "seed.csv"
    src.write_bytes(data)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
            "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(src),
        ],
        check=True, capture_output=True, timeout=180,
    )
    book = openpyxl.load_workbook(tmp_path / "seed.xlsx", read_only=True)
    sheet = book.worksheets[0]
    got = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    want = rows_of(data)
    assert len(got) == len(want)
    for got_row, want_row in zip(got, want):
        width = len(want_row)
        got_row = (got_row + [""] * width)[:width]
        for g, w in zip(got_row, want_row):
            if any("\u4e00" <= ch <= "\u9fff" for ch in w):
                assert g == w  # the Chinese text arrives intact
    if form == "tidy":
        assert got[1][3:5] == ["第二十条第（一）项", "规章"]
    else:
        assert any("申请人情况 / 法人或其他组织 / 商业企业" in row for row in got)
