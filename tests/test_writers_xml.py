"""The XML writer: the JSON's content under urn:govreport:1, valid against the shipped XSD."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from importlib import resources

import pytest
from helpers import CORPUS
from lxml import etree
from test_writers_example import tiny_document

import govreport
from govreport.model import Diagnostic, Document, Heading, Location, Paragraph
from govreport.writers.xml import NAMESPACE, render_xml, replace_forbidden

NS = {"g": NAMESPACE}


@lru_cache(maxsize=1)
def xml_schema() -> etree.XMLSchema:
    xsd = resources.files("govreport").joinpath("schemas/govreport-1.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(xsd))


def valid_xml(doc: Document) -> etree._Element:
    """The document's XML, validated against the shipped XSD (fails the test if not)."""
    root = etree.fromstring(render_xml(doc))
    schema = xml_schema()
    assert schema.validate(root), "; ".join(str(e) for e in list(schema.error_log)[:5])
    return root


def test_root_names_the_namespace_and_the_schema_version() -> None:
    root = valid_xml(tiny_document())
    assert root.tag == f"{{{NAMESPACE}}}document"
    assert root.get("schema") == "govreport/1.1"
    assert root.get("status") == "success"


def test_blocks_keep_reading_order_with_tables_in_place() -> None:
    root = valid_xml(tiny_document())
    kinds = [etree.QName(e).localname for e in root.find("g:blocks", NS)]
    assert kinds == ["heading", "heading", "paragraph", "table"]
    paragraph = root.findtext("g:blocks/g:paragraph/g:text", namespaces=NS)
    assert paragraph == "本年度新收申请4件，办理结果见下表。"


def test_every_cell_keeps_anchor_spans_role_key_and_source_line() -> None:
    doc = tiny_document()
    cells = valid_xml(doc).findall("g:blocks/g:table/g:cells/g:cell", NS)
    table = doc.tables[0]
    assert len(cells) == len(table.cells)
    for node, cell in zip(cells, table.cells):
        assert int(node.get("row")) == cell.row and int(node.get("col")) == cell.col
        assert int(node.get("row_span")) == cell.row_span
        assert int(node.get("col_span")) == cell.col_span
        assert node.get("role") == cell.role and node.get("key") == cell.key
        assert node.findtext("g:text", namespaces=NS) == cell.text
        assert int(node.find("g:location", NS).get("line")) == cell.source.line


def test_multi_line_cell_text_survives_as_text() -> None:
    root = valid_xml(tiny_document())
    texts = [t.text for t in root.iterfind(".//g:cell/g:text", NS)]
    assert "商业\n企业" in texts


def test_record_paths_are_one_element_per_level() -> None:
    root = valid_xml(tiny_document())
    record = root.findall(".//g:record", NS)[1]
    assert [e.text for e in record.find("g:row-path", NS)] == ["一、本年新收政府信息公开申请数量"]
    assert [e.text for e in record.find("g:col-path", NS)] == ["申请人情况", "法人或其他组织", "商业企业"]
    assert record.get("key") == "applications.new_received@commercial_enterprise"
    assert record.get("value") == "1" and (record.get("row"), record.get("col")) == ("3", "3")


def test_a_label_containing_the_path_separator_stays_one_level() -> None:
    doc = tiny_document()
    table = doc.tables[0]
    cells = tuple(dataclasses.replace(c, text="本年增/减") if c.text == "自然人" else c for c in table.cells)
    doc = dataclasses.replace(doc, blocks=(*doc.blocks[:3], dataclasses.replace(table, cells=cells)))
    record = valid_xml(doc).find(".//g:record", NS)
    assert [e.text for e in record.find("g:col-path", NS)] == ["申请人情况", "本年增/减"]


def test_a_record_without_a_number_has_no_value_attribute() -> None:
    records = valid_xml(tiny_document()).findall(".//g:record", NS)
    slash = [r for r in records if r.findtext("g:text", namespaces=NS) == "/"]
    assert slash and slash[0].get("value") is None


def test_report_values_and_checks_are_written() -> None:
    root = valid_xml(tiny_document())
    values = {v.get("key"): v.get("number") for v in root.iterfind("g:report/g:values/g:value", NS)}
    assert values["applications.new_received@total"] == "4"
    assert values["applications.results.total@commercial_enterprise"] is None
    checks = root.findall("g:report/g:checks/g:check", NS)
    assert [c.get("status") for c in checks] == ["pass", "uncertain", "fail"]
    failed = checks[2]
    assert (failed.get("expected"), failed.get("actual")) == ("2", "3")
    keys = [c.get("key") for c in failed.findall("g:cell", NS)]
    assert keys[0] == "applications.results.total@natural_person"
    assert [w.get("row") for w in failed.findall("g:where", NS)] == ["5", "5", "5"]


def test_diagnostics_are_written_with_their_location() -> None:
    diag = valid_xml(tiny_document()).find("g:diagnostics/g:diagnostic", NS)
    assert diag.get("code") == "txt.page_numbers_dropped" and diag.get("severity") == "info"
    assert diag.find("g:location", NS).get("line") == "10"


def test_a_document_without_report_has_no_report_element() -> None:
    doc = dataclasses.replace(tiny_document(), report=None)
    assert valid_xml(doc).find("g:report", NS) is None


def test_forbidden_characters_become_fffd_with_their_code_points_recorded() -> None:
    doc = dataclasses.replace(
        tiny_document(), blocks=(Paragraph("a\x0bb\x00c\ud800d\uffffe\tf\r\ng", Location(line=1)),)
    )
    node = valid_xml(doc).find("g:blocks/g:paragraph/g:text", NS)
    assert node.text == "a\ufffdb\ufffdc\ufffdd\ufffde\tf\r\ng"
    assert node.get("escaped") == "U+000B@1 U+0000@3 U+D800@5 U+FFFF@7"


def test_forbidden_characters_in_attributes_are_reported_by_a_diagnostic() -> None:
    doc = dataclasses.replace(
        tiny_document(),
        blocks=(Heading(1, "标题", Location(ref="tbl[1]\x01")),),
        diagnostics=(Diagnostic("txt.odd", "warning", "坏\x1f字符"),),
    )
    root = valid_xml(doc)
    assert root.find(".//g:heading/g:location", NS).get("ref") == "tbl[1]\ufffd"
    diags = root.findall("g:diagnostics/g:diagnostic", NS)
    assert diags[0].find("g:message", NS).get("escaped") == "U+001F@1"
    assert diags[-1].get("code") == "xml.forbidden_character"
    assert "attribute ref of <location>: U+0001@6" in diags[-1].findtext("g:message", namespaces=NS)


def test_replace_forbidden_leaves_clean_text_alone() -> None:
    assert replace_forbidden("第二十条\t第（一）项\n𠮷") == ("第二十条\t第（一）项\n𠮷", ())


def test_numbers_are_xsd_doubles() -> None:
    doc = tiny_document()
    report = dataclasses.replace(
        doc.report, values={"a": 1.5, "b": float("inf"), "c": float("nan"), "d": -2, "e": 1e-7}
    )
    root = valid_xml(dataclasses.replace(doc, report=report))
    numbers = [v.get("number") for v in root.iterfind("g:report/g:values/g:value", NS)]
    assert numbers == ["1.5", "INF", "NaN", "-2", "1e-07"]


def test_the_seed_report_validates_and_keeps_its_three_tables() -> None:
    root = valid_xml(govreport.read(CORPUS / "real" / "town-2019.txt"))
    tables = root.findall("g:blocks/g:table", NS)
    assert [t.get("n_cols") for t in tables] == ["4", "10", "15"]
    assert [len(t.findall("g:records/g:record", NS)) for t in tables] == [22, 161, 15]


def test_the_schema_rejects_a_missing_version_attribute() -> None:
    root = etree.fromstring(render_xml(tiny_document()))
    del root.attrib["schema"]
    assert not xml_schema().validate(root)


@pytest.mark.parametrize("to", ["xml", None])
def test_write_picks_the_xml_writer_by_name_or_suffix(tmp_path, to) -> None:
    target = tmp_path / ("out.xml" if to is None else "out.data")
    govreport.write(tiny_document(), target, to=to)
    assert etree.parse(str(target)).getroot().get("schema") == "govreport/1.1"
