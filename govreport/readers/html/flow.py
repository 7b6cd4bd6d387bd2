"""The report's element as a sequence of blocks: headings, paragraphs and raw tables.

Text is read line by line in document order (a block element or ``<br>``
ends a line). A line is the title, a heading or a paragraph by the same rules
as every other reader (`govreport.readers.common`): outline numbering and
the six standard sections, not the page's ``<h1>``…``<h6>`` tags, which web
editors use for looks. Data tables become raw tables with exact spans;
layout tables are read through as running text.
"""

from __future__ import annotations

from lxml import etree

from govreport.readers import ReaderOutput
from govreport.readers.common import Outline
from govreport.readers.html.page import Page
from govreport.readers.html.tables import html_table_to_raw, is_layout_table
from govreport.readers.html.text import (
    BLOCK_TAGS,
    SKIP_TAGS,
    collapse_pieces,
    element_text,
    finish_line,
    is_hidden,
    tag_of,
)

_NO_TABLES = frozenset({"table"})
MAX_DEPTH = 400


class FlowReader:
    """Turns the report's element into blocks on a `ReaderOutput`."""

    def __init__(self, out: ReaderOutput) -> None:
        self.out = out
        self.outline = Outline()
        self.n_tables = 0
        self.pieces: list[str] = []
        self.line_no: int | None = None

    def cell_text(self, cell: etree._Element) -> str:
        return element_text(cell, _NO_TABLES)

    def line(self, text: str, line_no: int | None) -> None:
        """Classify one line of running text."""
        self.out.blocks.append(self.outline.block(text, line_no))

    def flush(self) -> None:
        if self.pieces:
            text = finish_line(collapse_pieces(self.pieces))
            if text:
                self.line(text, self.line_no)
            self.pieces = []
        self.line_no = None

    def text(self, value: str, node: etree._Element) -> None:
        if not self.pieces:
            self.line_no = node.sourceline
        self.pieces.append(value)

    def table(self, table: etree._Element) -> None:
        self.n_tables += 1
        raw = html_table_to_raw(table, f"table[{self.n_tables}]", self.out, self.cell_text)
        if raw is not None:
            self.out.blocks.append(raw)

    def walk(self, root: etree._Element) -> None:
        """Read `root`'s subtree in document order (iteratively, however deep)."""
        stack: list[tuple[etree._Element, bool]] = [(root, False)]
        while stack:
            node, closing = stack.pop()
            tag = tag_of(node)
            if closing:
                if tag in BLOCK_TAGS:
                    self.flush()
                if node is not root and node.tail:
                    self.text(node.tail, node)
                continue
            if not tag or tag in SKIP_TAGS or is_hidden(node):
                if node is not root and node.tail:
                    self.text(node.tail, node)
                continue
            if tag == "br":
                self.flush()
                if node.tail:
                    self.text(node.tail, node)
                continue
            if tag == "table" and not is_layout_table(node):
                self.flush()
                self.table(node)
                if node.tail:
                    self.text(node.tail, node)
                continue
            if tag in BLOCK_TAGS:
                self.flush()
            if node.text:
                self.text(node.text, node)
            stack.append((node, True))
            if len(stack) < MAX_DEPTH:
                stack.extend((child, False) for child in reversed(node))
        self.flush()


def page_to_blocks(page: Page, out: ReaderOutput) -> None:
    """The blocks of a located report: the title printed outside it, then its content."""
    reader = FlowReader(out)
    if page.title is not None:
        reader.walk(page.title)
    reader.walk(page.body)
