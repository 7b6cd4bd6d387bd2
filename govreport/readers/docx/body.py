"""The document body in reading order: headings, paragraphs and raw tables.

Paragraphs get their automatic numbering label rendered in front of their
text (numbering counters run in document order, table cells included), and
are classified as headings by style or by their own numbering. Tables go
through the two layers (facts, then the merge walk); a table inside a cell
becomes a raw table of its own, attached to that cell. Content controls and
custom-XML wrappers are looked through at block, row and cell level.
"""

from __future__ import annotations

from lxml import etree

from govreport.model import Heading, Location, Paragraph
from govreport.readers import ReaderOutput
from govreport.readers.docx.facts import SDT, SDT_CONTENT, TBL, CellFacts, table_facts
from govreport.readers.docx.headings import HeadingRules, is_title, style_heading_level
from govreport.readers.docx.numbering import Numbering
from govreport.readers.docx.package import Package
from govreport.readers.docx.styles import StyleFacts, Styles
from govreport.readers.docx.text import W, paragraph_text
from govreport.readers.docx.walk import facts_to_raw_table
from govreport.tables.raw import RawTable

P = W + "p"
_PPR = W + "pPr"
_PSTYLE = W + "pStyle"
_NUMPR = W + "numPr"
_NUM_ID = W + "numId"
_ILVL = W + "ilvl"
_VAL = W + "val"
_BLOCK_WRAPPERS = (SDT, W + "customXml", W + "ins", W + "moveTo")
_SKIPPED_BLOCKS = (W + "del", W + "moveFrom")


def _val(parent: etree._Element | None, name: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(W + name)
    return None if child is None else child.get(W + "val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class BodyReader:
    """Reads one document body into an output, keeping the state that spans
    blocks: numbering counters, the table counter, and whether the first
    top-level section has begun (a title can only come before it)."""

    def __init__(self, package: Package, out: ReaderOutput) -> None:
        self.out = out
        self.styles = Styles(package.styles, package.styles_part)
        self.numbering = Numbering(package.numbering)
        self.numbered = self.numbering.defined
        self.n_tables = 0
        self.n_paragraphs = 0
        self.seen_section = False
        self.headings = HeadingRules()

    # -- paragraphs ---------------------------------------------------------

    def paragraph_label_and_text(self, p: etree._Element) -> tuple[str, etree._Element | None]:
        """The paragraph's text with its numbering label in front, and its pPr."""
        ppr: etree._Element | None = None
        for first in p:  # the pPr, when there is one, is the first child
            if first.tag == _PPR:
                ppr = first
            break
        label = ""
        style_id: str | None = None
        num_id: str | None = None
        ilvl: str | None = None
        if ppr is not None:
            for el in ppr:
                tag = el.tag
                if tag == _PSTYLE:
                    style_id = el.get(_VAL)
                elif tag == _NUMPR:
                    for num in el:
                        if num.tag == _NUM_ID:
                            num_id = num.get(_VAL)
                        elif num.tag == _ILVL:
                            ilvl = num.get(_VAL)
        if num_id is not None:
            level = _int(ilvl)
            label = self.numbering.label(num_id, level if level is not None else 0)
        elif self.numbered:
            style = self.styles.facts(style_id)
            if style.num_id is not None:
                label = self.numbering.label(style.num_id, style.ilvl or 0)
        text = paragraph_text(p)
        return (label + text if label and text.strip() else text), ppr

    def block_paragraph(self, p: etree._Element) -> None:
        self.n_paragraphs += 1
        text, ppr = self.paragraph_label_and_text(p)
        text = text.strip()
        if not text:
            return
        where = Location(ref=f"p[{self.n_paragraphs}]")
        style = self.styles.facts(_val(ppr, "pStyle"))
        style_level = style_heading_level(style, _int(_val(ppr, "outlineLvl")))
        level: int | None
        if not self.seen_section and self._is_title(p, ppr, style, text):
            level = 0
        else:
            level = self.headings.level(text, style_level)
        if level is None:
            self.out.blocks.append(Paragraph(text, where))
            return
        if level >= 1:
            self.seen_section = True
        self.out.blocks.append(Heading(level, text, where))

    def _is_title(self, p: etree._Element, ppr: etree._Element | None, style: StyleFacts, text: str) -> bool:
        jc = _val(ppr, "jc")
        centered = jc in ("center", "distribute") if jc is not None else style.centered
        size = None
        for run in p.iter(W + "r"):
            size = _int(_val(run.find(W + "rPr"), "sz"))
            if size is not None:
                break
        if size is None:
            size = _int(_val(None if ppr is None else ppr.find(W + "rPr"), "sz")) or style.size
        return is_title(text, style, centered, size)

    # -- tables -------------------------------------------------------------

    def cell_content(self, cell: CellFacts, ref: str) -> tuple[str, tuple[RawTable, ...]]:
        """A cell's text (its paragraphs joined by newlines, nested tables left
        out) and the raw tables nested in it."""
        lines: list[str] = []
        nested: list[RawTable] = []
        self._cell_blocks(cell.element, ref, lines, nested)
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return "\n".join(lines).strip(), tuple(nested)

    def _cell_blocks(
        self, parent: etree._Element, ref: str, lines: list[str], nested: list[RawTable]
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                lines.append(self.paragraph_label_and_text(child)[0])
            elif tag == TBL:
                nested.append(self.table(child, f"{ref}/tbl[{len(nested) + 1}]"))
            elif tag in _BLOCK_WRAPPERS:
                content = child.find(SDT_CONTENT) if tag == SDT else child
                if content is not None:
                    self._cell_blocks(content, ref, lines, nested)

    def table(self, tbl: etree._Element, ref: str) -> RawTable:
        return facts_to_raw_table(table_facts(tbl), ref, self.cell_content, self.out)

    # -- the body -----------------------------------------------------------

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self.block_paragraph(child)
            elif tag == TBL:
                self.n_tables += 1
                self.out.blocks.append(self.table(child, f"tbl[{self.n_tables}]"))
            elif tag in _BLOCK_WRAPPERS:
                content = child.find(SDT_CONTENT) if tag == SDT else child
                if content is not None:
                    self.blocks(content)
            elif tag == W + "altChunk":
                self.out.diag(
                    "docx.alt_chunk_skipped",
                    "warning",
                    "the document embeds another document (w:altChunk: imported HTML, "
                    "RTF or docx) whose content is not read",
                )


def read_body(package: Package, out: ReaderOutput) -> None:
    body = package.document.find(W + "body")
    if body is None:
        out.diag("docx.no_body", "warning", "the document has no w:body: nothing to read")
        return
    BodyReader(package, out).blocks(body)
