"""The HTML view: a self-contained page, real spans, roles as classes, failed checks shown."""

from __future__ import annotations

import dataclasses
import re

import lxml.html
import pytest
from helpers import CORPUS
from test_writers_example import tiny_document

import govreport
from govreport.model import CheckResult, Document, Location, Paragraph
from govreport.writers.html import render_html

SEED = CORPUS / "real" / "town-2019.txt"


def page(doc: Document) -> lxml.html.HtmlElement:
    data = render_html(doc)
    assert data.startswith(b"<!DOCTYPE html>")
    return lxml.html.document_fromstring(data.decode("utf-8"))


def test_the_page_is_self_contained() -> None:
    html = render_html(tiny_document()).decode("utf-8")
    root = lxml.html.document_fromstring(html)
    assert not root.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not root.xpath("//@src | //@*[starts-with(name(), 'on')]")
    assert all(h.startswith("#") for h in root.xpath("//a/@href"))
    assert not re.search(r"url\(|@import|https?://", "".join(root.xpath("//style/text()")))
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]


def test_headings_and_paragraphs_keep_their_order_and_levels() -> None:
    main = page(tiny_document()).xpath("//main")[0]
    assert [(e.tag, e.text_content()) for e in main][:3] == [
        ("h1", "某县政务服务局2021年政府信息公开工作年度报告"),
        ("h2", "三、收到和处理政府信息公开申请情况"),
        ("p", "本年度新收申请4件，办理结果见下表。"),
    ]


def test_tables_carry_their_real_spans_and_role_classes() -> None:
    table = page(tiny_document()).xpath("//main/table")[0]
    rows = table.xpath(".//tr")
    assert len(rows) == 6
    corner = rows[0][0]
    assert (corner.tag, corner.get("class"), corner.get("rowspan"), corner.get("colspan")) == (
        "th", "corner", "3", "2",
    )
    head = rows[0][1]
    assert (head.text_content(), head.get("colspan"), head.get("class")) == ("申请人情况", "3", "header")
    assert [c.get("rowspan") for c in rows[1]] == ["2", None, "2"]
    stub = rows[4][0]
    assert (stub.text_content(), stub.get("class")) == ("三、本年度办理结果", "stub")
    assert stub.get("rowspan") == "2"
    assert stub.get("scope") == "row" and head.get("scope") == "col"


def test_every_slot_is_covered_once_by_the_drawn_spans() -> None:
    doc = govreport.read(SEED)
    for index, table in enumerate(page(doc).xpath("//main/table")):
        n_rows, n_cols = doc.tables[index].n_rows, doc.tables[index].n_cols
        covered = [[0] * n_cols for _ in range(n_rows)]
        for r, tr in enumerate(table.xpath(".//tr")):
            c = 0
            for cell in tr:
                while covered[r][c]:
                    c += 1
                for dr in range(int(cell.get("rowspan", 1))):
                    for dc in range(int(cell.get("colspan", 1))):
                        covered[r + dr][c + dc] += 1
        assert all(v == 1 for row in covered for v in row), f"table {index}"


def test_seed_table3_draws_its_merged_headers() -> None:
    table = page(govreport.read(SEED)).xpath("//main/table")[1]
    heads = {th.text_content(): (th.get("rowspan"), th.get("colspan")) for th in table.xpath(".//th")}
    assert heads["申请人情况"] == (None, "7")
    assert heads["法人或其他组织"] == (None, "5")
    assert heads["自然人"] == ("2", None) and heads["总计"] == ("2", None)
    assert heads["三、本年度办理结果"] == ("20", None)


def test_data_cells_hold_their_key_and_value_in_the_title() -> None:
    cells = page(tiny_document()).xpath("//main/table//td")
    assert len(cells) == 9
    assert cells[0].get("title") == "applications.new_received@natural_person = 3"
    assert cells[4].get("title") == "applications.results.granted@commercial_enterprise"
    assert "empty" in cells[7].get("class")


def test_failed_and_uncertain_checks_are_listed_first_and_highlighted() -> None:
    root = page(tiny_document())
    section = root.xpath("//section[@class='checks']")[0]
    assert root.xpath("//body/*")[1] is section
    items = section.xpath(".//li")
    assert [li.get("class") for li in items] == ["uncertain", "fail"]
    assert "总计 3 ≠ 自然人 2" in items[1].text_content()
    targets = set(items[1].xpath(".//a/@href"))
    assert "#t0-r5-c4" in targets
    for href in targets:
        assert root.xpath(f"//*[@id='{href[1:]}']")
    cells = root.xpath("//main/table//td")
    assert [c.get("class").split()[-1] for c in cells[3:]] == ["uncertain"] * 3 + ["fail"] * 3
    assert all("fail" not in c.get("class") and "uncertain" not in c.get("class") for c in cells[:3])


def test_checks_highlight_cells_named_only_by_key() -> None:
    doc = tiny_document()
    assert doc.report is not None
    check = CheckResult("X", "fail", "by key", cells=("applications.new_received@total",))
    doc = dataclasses.replace(doc, report=dataclasses.replace(doc.report, checks=(check,)))
    cell = page(doc).xpath("//*[@id='t0-r3-c4']")[0]
    assert "fail" in cell.get("class")


def test_a_report_whose_checks_pass_says_so() -> None:
    doc = tiny_document()
    assert doc.report is not None
    report = dataclasses.replace(doc.report, checks=doc.report.checks[:1])
    text = page(dataclasses.replace(doc, report=report)).xpath("//section")[0].text_content()
    assert text == "All 1 checks pass or cannot be assessed."


def test_diagnostics_are_listed() -> None:
    section = page(tiny_document()).xpath("//section[@class='diagnostics']")[0]
    assert "txt.page_numbers_dropped" in section.text_content()
    assert "(line 10)" in section.text_content()


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", '" onmouseover="x', "a & b < c"])
def test_everything_is_escaped(text: str) -> None:
    doc = dataclasses.replace(
        tiny_document(),
        source=dataclasses.replace(tiny_document().source, name=text),
        blocks=(Paragraph(text), *tiny_document().blocks),
        diagnostics=(govreport.Diagnostic("txt.x", "warning", text, Location(ref=text)),),
    )
    root = page(doc)
    assert not root.xpath("//script | //@onmouseover")
    assert root.xpath("//main/p")[0].text_content() == text


def test_forbidden_characters_and_lone_surrogates_become_fffd() -> None:
    doc = dataclasses.replace(tiny_document(), blocks=(Paragraph("a\x00b\ud800c\x0b"),))
    assert page(doc).xpath("//main/p")[0].text_content() == "a\ufffdb\ufffdc\ufffd"


def test_the_seed_page_has_three_tables_and_every_data_cell() -> None:
    doc = govreport.read(SEED)
    tables = page(doc).xpath("//main/table")
    assert len(tables) == 3
    assert [len(t.xpath(".//td")) for t in tables] == [len(govreport.records(t)) for t in doc.tables]
