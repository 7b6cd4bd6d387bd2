"""Paragraph styles, read lazily: only the styles a document's paragraphs use.

A styles part is mostly Word's catalogue of built-in styles: a report's
`styles.xml` easily weighs 350 KB and holds 160 styles, of which the body uses
a handful, and parsing it whole costs more than parsing the body itself. So
the part is scanned as bytes for the start tags of its `w:style` elements
(style id, type, default flag and where each element lies), and a style is
parsed on its own, its `w:basedOn` chain with it, the first time a paragraph
asks for it.

The scan only vouches for plain parts: UTF-8, the WordprocessingML namespace
bound to a prefix on the root element, and no ``<!`` anywhere (no DOCTYPE,
comment or CDATA section that could hide or fake a start tag). Any other part,
and any style fragment that does not parse, is parsed whole instead, with the
same safety rules as every other part.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from lxml import etree

from govreport.readers.docx.package import PARSER, W_NS, parse_xml

W = f"{{{W_NS}}}"
_NAME = W + "name"
_BASED_ON = W + "basedOn"
_PPR = W + "pPr"
_RPR = W + "rPr"
_NUMPR = W + "numPr"
_NUM_ID = W + "numId"
_ILVL = W + "ilvl"
_OUTLINE = W + "outlineLvl"
_JC = W + "jc"
_SZ = W + "sz"
_VAL = W + "val"

_ATTRS = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ROOT = re.compile(rb"<(?![?!])([^\s/>]+)" + _ATTRS)
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_XMLNS = re.compile(rb"""xmlns:([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DEFAULT_ON = ("1", "true", "on")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class StyleFacts:
    """What a paragraph style says, after following `w:basedOn`."""

    name: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    centered: bool = False
    size: int | None = None


def _attribute(pattern: re.Pattern[bytes], attrs: bytes) -> str | None:
    m = pattern.search(attrs)
    if m is None:
        return None
    value = (m.group(1) if m.group(1) is not None else m.group(2)).decode("utf-8", "replace")
    return html.unescape(value) if "&" in value else value


def _attribute_pattern(qname: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"(?:^|\s)" + re.escape(qname) + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class StyleIndex:
    """Where each paragraph style of a styles part lies, from one byte scan.

    `scan` returns None when the part is not plain enough to be trusted to a
    scan (see the module docstring); the caller then parses it whole."""

    def __init__(self, raw: bytes, head: bytes, root_name: bytes) -> None:
        self.raw = raw
        self.head = head  # prolog and root start tag: the context every fragment is parsed in
        self.tail = b"</" + root_name + b">"
        self.spans: dict[str, tuple[int, int]] = {}
        self.default_id: str | None = None

    @classmethod
    def scan(cls, raw: bytes) -> StyleIndex | None:
        enc = _ENCODING.match(raw)
        if enc is not None and enc.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        root = _ROOT.search(raw)
        if root is None or b"<!" in raw[: root.start()]:
            return None
        prefix = None
        for m in _XMLNS.finditer(root.group(2)):
            if (m.group(2) if m.group(2) is not None else m.group(3)) == W_NS.encode():
                prefix = m.group(1)
        if prefix is None:
            return None
        index = cls(raw, raw[: root.end()], root.group(1))
        if root.group(3):  # <w:styles/>: no styles at all
            return index
        qname = prefix + b":style"
        start_tag = re.compile(b"<!|<" + re.escape(qname) + rb"(?=[\s/>])" + _ATTRS)
        starts = list(start_tag.finditer(raw, root.end()))
        if any(m.group(1) is None for m in starts):  # a comment or CDATA section
            return None
        closing = raw.rfind(b"</" + root.group(1))
        if starts and closing < starts[-1].end():
            return None
        key = prefix + b":"
        type_attr, id_attr, default_attr = (
            _attribute_pattern(key + name) for name in (b"type", b"styleId", b"default")
        )
        plain_type, paragraph_type = key + b'type="', key + b'type="paragraph"'
        # A style runs up to the next one (the last one up to the root's end
        # tag); anything else caught in between parses as a sibling.
        for i, m in enumerate(starts):
            attrs = m.group(1)
            if plain_type in attrs:  # Word's own spelling: no pattern needed
                if paragraph_type not in attrs:
                    continue
            elif _attribute(type_attr, attrs) not in (None, "paragraph"):
                continue
            sid = _attribute(id_attr, attrs) or ""
            index.spans[sid] = (m.start(), starts[i + 1].start() if i + 1 < len(starts) else closing)
            if _attribute(default_attr, attrs) in _DEFAULT_ON:
                index.default_id = sid
        return index

    def element(self, sid: str) -> etree._Element | None:
        """The `w:style` element of one style, parsed on its own; None when it
        does not parse in isolation."""
        start, end = self.spans[sid]
        try:
            root = etree.fromstring(self.head + self.raw[start:end] + self.tail, PARSER)
        except etree.XMLSyntaxError:
            return None
        return root[0] if len(root) else None


class Styles:
    """Paragraph styles by id, resolved through their `w:basedOn` chain."""

    def __init__(self, raw: bytes | None, part_name: str = "word/styles.xml") -> None:
        self._part_name = part_name
        self._elements: dict[str, etree._Element] = {}
        self._cache: dict[str, StyleFacts] = {}
        self._index: StyleIndex | None = None
        self.default_id: str | None = None
        if raw is None:
            return
        self._index = StyleIndex.scan(raw)
        if self._index is None:
            self._parse_whole(raw)
        else:
            self.default_id = self._index.default_id

    def _parse_whole(self, raw: bytes) -> None:
        self._index = None
        self._elements = {}
        self.default_id = None
        for style in parse_xml(raw, self._part_name).iterchildren(W + "style"):
            if style.get(W + "type") not in (None, "paragraph"):
                continue
            sid = style.get(W + "styleId") or ""
            self._elements[sid] = style
            if style.get(W + "default") in _DEFAULT_ON:
                self.default_id = sid

    def _element(self, sid: str) -> etree._Element | None:
        index = self._index
        if index is None:
            return self._elements.get(sid)
        if sid not in index.spans:
            return None
        element = index.element(sid)
        if element is None:  # a fragment the scan misjudged: trust only a full parse
            self._parse_whole(index.raw)
            self._cache.clear()
            return self._elements.get(sid)
        return element

    def facts(self, style_id: str | None) -> StyleFacts:
        sid = style_id if style_id is not None else self.default_id
        if sid is None:
            return StyleFacts()
        cached = self._cache.get(sid)
        if cached is not None:
            return cached
        self._cache[sid] = StyleFacts()  # guards basedOn cycles
        style = self._element(sid)
        facts = StyleFacts() if style is None else self._resolve(sid, style)
        self._cache[sid] = facts
        return facts

    def _resolve(self, sid: str, style: etree._Element) -> StyleFacts:
        facts = StyleFacts()
        ppr = rpr = None
        for child in style:
            tag = child.tag
            if tag == _NAME:
                facts.name = child.get(_VAL) or ""
            elif tag == _BASED_ON:
                base_id = child.get(_VAL)
                if base_id and base_id != sid:
                    base = self.facts(base_id)
                    facts.num_id, facts.ilvl, facts.outline = base.num_id, base.ilvl, base.outline
                    facts.centered, facts.size = base.centered, base.size
            elif tag == _PPR:
                ppr = child
            elif tag == _RPR:
                rpr = child
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == _NUMPR:
                    num_id, ilvl = None, None
                    for el in child:
                        if el.tag == _NUM_ID:
                            num_id = el.get(_VAL)
                        elif el.tag == _ILVL:
                            ilvl = el.get(_VAL)
                    facts.num_id = num_id or facts.num_id
                    facts.ilvl = _int(ilvl, 0)
                elif tag == _OUTLINE:
                    facts.outline = _int(child.get(_VAL), 9)
                elif tag == _JC:
                    facts.centered = child.get(_VAL) == "center"
        if rpr is not None:
            for child in rpr:
                if child.tag == _SZ and child.get(_VAL) is not None:
                    facts.size = _int(child.get(_VAL), 0)
        return facts
