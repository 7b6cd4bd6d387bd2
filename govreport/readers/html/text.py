"""The printed text of HTML elements, as a browser would show it, for reports.

Runs of HTML whitespace collapse to one space, except that a line break in
the source between two Chinese characters disappears (Word and web editors
wrap long Chinese lines anywhere, and a browser shows no space there).
Block elements (``<p>``, ``<div>``, ``<li>``…) and ``<br>`` end a line.
Non-breaking spaces are kept inside a line and stripped at its ends, so a
cell holding only ``&nbsp;`` is empty. Text never printed (scripts, styles,
Word's hidden XML islands, form controls) is skipped. Digits that a page
split over several ``<span>`` elements come back as one number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from govreport.textutil import clean

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "section", "article", "main", "header", "footer", "aside", "center",
    "address", "figure", "figcaption", "form", "fieldset", "hr", "table", "tr", "caption",
    "thead", "tbody", "tfoot", "body", "html", "nav", "details", "summary", "td", "th",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "audio", "video", "select", "button", "input", "textarea", "head", "title",
    "xml", "map", "applet", "frame", "frameset", "noframes",
})
_CJK = "\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \t\r\n\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_HTML_WS = re.compile(r"[ \t\r\n\f]+")
_SPLIT_NUMBER = re.compile(r"[+\-－]?\d[\d,.]*(?:\x00+[\d,.]+)+")
_SPACES = re.compile("[ \u00a0]*\u00a0[ \u00a0]*| {2,}")  # NBSP padding reads as one space
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
BOUNDARY = "\x00"  # whitespace found between two elements, decided when the line is finished
_BOUNDARY_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\x00+(?=[{_CJK}])")


_TAGS: dict[str, str] = {}


def tag_of(el: etree._Element) -> str:
    """The element's local tag name in lower case ("" for comments and PIs)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    local = _TAGS.get(tag)
    if local is None:
        local = _TAGS[tag] = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
    return local


def raw_text(el: etree._Element) -> str:
    """All text under an element with whitespace removed (scripts included): a cheap
    look before the careful reading of `element_lines`."""
    return "".join("".join(el.itertext()).split())


def collapse(raw: str) -> str:
    """HTML whitespace collapsing, with the source line break between two CJK characters removed."""
    raw = _BREAK_BETWEEN_CJK.sub("", raw)
    return _HTML_WS.sub(" ", raw)


def finish_line(raw: str) -> str:
    """A line of printed text from collected pieces: numbers split over elements joined,
    other element boundaries read as the whitespace they held."""
    if BOUNDARY in raw:
        raw = _SPLIT_NUMBER.sub(lambda m: m.group(0).replace(BOUNDARY, ""), raw)
        raw = _BOUNDARY_BETWEEN_CJK.sub("", raw)
        raw = raw.replace(BOUNDARY, " ")
    return clean(_SPACES.sub(" ", raw))


def is_hidden(el: etree._Element) -> bool:
    """Elements a browser does not show: ``display:none``, the ``hidden`` attribute."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style or "") is not None


def _pieces(
    el: etree._Element, skip: frozenset[str] = frozenset(), max_depth: int = 400
) -> Iterator[tuple[str, str]]:
    """("text", s) for printed text and ("break", "") at line ends, in document order,
    for the subtree of `el` (iterative: no recursion however deep the markup); elements
    whose tag is in `skip` are left out (nested tables of a cell)."""
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if tag_of(node) in BLOCK_TAGS:
                yield "break", ""
            if node is not el and node.tail:
                yield "text", node.tail
            continue
        tag = tag_of(node)
        if node is not el and (not tag or tag in SKIP_TAGS or tag in skip or is_hidden(node)):
            if node.tail:
                yield "text", node.tail
            continue
        if tag == "br":
            yield "break", ""
            if node.tail:
                yield "text", node.tail
            continue
        if tag in BLOCK_TAGS:
            yield "break", ""
        if node.text:
            yield "text", node.text
        stack.append((node, True))
        if len(stack) < max_depth:
            stack.extend((child, False) for child in reversed(node))


def element_lines(el: etree._Element, skip: frozenset[str] = frozenset()) -> list[str]:
    """The printed lines of an element (empty lines dropped), leaving out `skip` tags."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            line = finish_line(collapse_pieces(current))
            if line:
                lines.append(line)
            current.clear()

    for kind, value in _pieces(el, skip):
        if kind == "break":
            flush()
        else:
            current.append(value)
    flush()
    return lines


def collapse_pieces(pieces: list[str]) -> str:
    """Join text pieces: a whitespace-only piece between two others is an element boundary."""
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if not piece.strip(" \t\r\n\f") and 0 < i < len(pieces) - 1:
            out.append(BOUNDARY)
        else:
            out.append(piece)
    text = collapse("".join(out))
    return text.replace(f" {BOUNDARY}", BOUNDARY).replace(f"{BOUNDARY} ", BOUNDARY)


def element_text(el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """An element's printed text, its lines joined by newlines."""
    return "\n".join(element_lines(el, skip))
