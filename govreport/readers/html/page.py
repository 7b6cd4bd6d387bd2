"""Parsing a saved page and finding the report among the site's chrome.

The page is parsed by lxml's HTML parser with comments, processing
instructions and the network off; a DOCTYPE's internal subset is removed
first, so no entity is ever declared, let alone expanded. Scripts, styles,
frames, forms' controls and hidden elements never reach the text. The
parser bounds nesting depth (256 levels); deeper markup is cut there, with a
diagnostic.

The report is the part of the page from its title to the end of section
六、其他需要报告的事项: the smallest element holding the first and the last
of the format's section headings, with the title taken from just before it
when the site prints the title outside the article. A page without the
section headings gives its largest block of text (links not counted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from govreport.errors import ReadError
from govreport.readers.common import SECTION_KEYWORDS, is_section_heading, is_title
from govreport.readers.html.tables import is_layout_table, row_cells, table_rows
from govreport.readers.html.text import BLOCK_TAGS, SKIP_TAGS, element_lines, is_hidden, raw_text, tag_of

_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]{0,500}\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,500}\?>", re.IGNORECASE)
CHROME_TAGS = frozenset({"nav", "aside"})
MAX_TITLE_LOOKBACK = 40  # text blocks before the article searched for the title


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed page: the element holding the report, and a title printed outside it."""

    root: etree._Element
    body: etree._Element
    title: etree._Element | None
    how: str  # "sections" | "largest_block" | "whole_page"
    truncated: bool


def parse_page(text: str) -> tuple[etree._Element, bool]:
    """Parse decoded page text; returns the root and whether nesting was cut at the limit."""
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", text, count=1)
    text = text.replace("\x00", "")
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False,
        default_doctype=False,
    )
    try:
        root = etree.fromstring(text, parser) if text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"the page cannot be parsed as HTML: {exc}") from exc
    if root is None:
        raise ReadError("the page holds no HTML content")
    truncated = any("depth" in str(e.message).lower() for e in parser.error_log)
    return root, truncated


def _text_blocks(root: etree._Element) -> list[etree._Element]:
    """Elements that hold printed text of their own, in document order (skipped subtrees left out)."""
    found: list[etree._Element] = []
    stack = [root]
    while stack:
        node = stack.pop()
        tag = tag_of(node)
        if not tag or tag in SKIP_TAGS or tag in CHROME_TAGS or is_hidden(node):
            continue
        if (node.text and node.text.strip()) or any(
            c.tail and c.tail.strip() for c in node
        ):
            found.append(node)
        stack.extend(reversed(node))
    return found


def _block_of(el: etree._Element) -> etree._Element:
    """The nearest block-level ancestor-or-self (a heading's ``<span>`` → its ``<p>``)."""
    node: etree._Element | None = el
    while node is not None:
        if tag_of(node) in BLOCK_TAGS:
            return node
        node = node.getparent()
    return el


def _common_ancestor(a: etree._Element, b: etree._Element) -> etree._Element:
    # lxml proxies are only identical while referenced: keep the elements, never their id()
    ancestors = {*a.iterancestors(), a}
    node: etree._Element | None = b
    while node is not None:
        if node in ancestors:
            return node
        node = node.getparent()
    return a.getroottree().getroot()


def _line_of(el: etree._Element) -> str:
    lines = element_lines(_block_of(el), skip=frozenset({"table"}))
    return lines[0] if len(lines) == 1 else ""


def _is_heading_holder(el: etree._Element) -> bool:
    """The element prints one of the format's section headings (as its own text, or as
    the single line of its block when the heading is split over several spans); a link
    reading like a heading is navigation, not the report."""
    own = [t for t in [el.text or "", *(c.tail or "" for c in el)] if 0 < len(t.strip()) <= 60]
    if any(is_section_heading(t) for t in own):
        return not _in_link(el)
    block_text = raw_text(_block_of(el))
    if len(block_text) > 60 or not any(k[:4] in block_text for k in SECTION_KEYWORDS):
        return False  # no section keyword in its block, or a block too long to be a heading
    return is_section_heading(_line_of(el)) and not _in_link(el)


def _in_link(el: etree._Element) -> bool:
    return tag_of(el) == "a" or any(tag_of(a) == "a" for a in el.iterancestors())


def _link_free_lengths(root: etree._Element) -> dict[etree._Element, int]:
    """For every element, the length of the text it prints outside links (one pass)."""
    in_link: set[etree._Element] = set()
    for a in root.iter("a"):
        in_link.update(a.iter())
    nodes = [n for n in root.iter() if tag_of(n)]
    total: dict[etree._Element, int] = {}
    for node in reversed(nodes):
        tag = tag_of(node)
        if tag in SKIP_TAGS or tag in CHROME_TAGS:
            total[node] = 0
            continue
        n = 0 if node in in_link else len((node.text or "").strip())
        for child in node:
            n += total.get(child, 0)
            if node not in in_link:
                n += len((child.tail or "").strip())
        total[node] = n
    return total


_CONTAINERS = frozenset({"body", "div", "section", "article", "main", "center", "form", "font", "span",
                         "td", "th", "dd", "blockquote"})


def _candidates(node: etree._Element) -> list[etree._Element]:
    """The elements the report's block may be directly inside `node`: containers, and the
    cells of layout tables (a data table is a block of its own, never looked into)."""
    out: list[etree._Element] = []
    for child in node:
        tag = tag_of(child)
        if tag in _CONTAINERS:
            out.append(child)
        elif tag == "table" and is_layout_table(child):
            out.extend(cell for tr, _ in table_rows(child) for cell in row_cells(tr))
    return out


def _largest_block(body: etree._Element) -> etree._Element:
    """The deepest container holding at least half of the page's text outside links."""
    lengths = _link_free_lengths(body)
    total = lengths.get(body, 0)
    node = body
    while total:
        heavier = [c for c in _candidates(node) if lengths.get(c, 0) >= total / 2]
        if not heavier:
            break
        node = heavier[0]
    return node


def locate_report(root: etree._Element, truncated: bool) -> Page:
    """Find the report's element (and a title printed before it) in a parsed page."""
    body = root.find("body")
    if body is None:
        body = root
    blocks = _text_blocks(body)
    headings = [(i, el) for i, el in enumerate(blocks) if _is_heading_holder(el)]
    if len(headings) >= 2:
        first, last = headings[0], headings[-1]
        container = _common_ancestor(_block_of(first[1]), _block_of(last[1]))
        title = None
        inside = set(container.iter())
        before = [el for el in blocks[max(0, first[0] - MAX_TITLE_LOOKBACK) : first[0]]
                  if el not in inside]
        has_own_title = any(is_title(ln) for ln in element_lines(container)[:5])
        if not has_own_title:
            for el in reversed(before):
                if is_title(_line_of(el)):
                    title = _block_of(el)
                    break
        return Page(root, container, title, "sections", truncated)
    if body.find(".//*") is None:
        return Page(root, body, None, "whole_page", truncated)
    return Page(root, _largest_block(body), None, "largest_block", truncated)
