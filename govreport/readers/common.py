"""What every reader needs to know about report text: numbering, headings, page furniture.

Reports number their outline with 一、 / （一） / 1. / （1）. A line is a
heading when it starts with such a label and is short; its level comes from
the numbering style's place in the current outline, except that the six
standard sections of the format (总体情况 … 其他需要报告的事项) are always
level 1, however they are numbered (the seed report writes ``1、 总体情况``).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from govreport.model import Heading, Location, Paragraph
from govreport.textutil import (
    NUMBERING,
    SECTION_KEYWORDS,
    clean,
    is_section_heading,
    numbering_style,
    strip_numbering,
)

__all__ = ["NUMBERING", "SECTION_KEYWORDS", "HeadingLeveler", "Outline", "is_page_number",
           "is_section_heading", "is_title", "looks_like_heading", "numbering_style"]

DEFAULT_LEVEL = {"cn_dun": 1, "cn_paren": 2, "ar_dun": 3, "ar_paren": 4, "circled": 5}

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-－—–]?\s*\d{1,3}\s*[-－—–]?)\s*$"
)
_SENTENCE_END = "。；！？"


def is_page_number(line: str) -> bool:
    """Page furniture such as ``- 3 -``, ``-4-``, ``第3页``, ``3/10``."""
    t = clean(line)
    if not t or len(t) > 16:
        return False
    if t.isdigit():
        return len(t) <= 3
    return bool(_PAGE_NUMBER.match(t))


def looks_like_heading(text: str, max_len: int = 40) -> bool:
    """A numbered short line that does not read as a sentence of prose."""
    t = clean(text)
    if not t or numbering_style(t) is None:
        return False
    if is_section_heading(t):
        return True
    body = strip_numbering(t)
    if not body or len(t) > max_len:
        return False
    inner = body[:-1]
    if any(p in inner for p in "。；！？"):
        return False
    return not (body[-1] in "，、" or (body[-1] in _SENTENCE_END and len(body) > 20))


def is_title(text: str) -> bool:
    t = clean(text)
    return 6 <= len(t) <= 80 and "年度报告" in t and numbering_style(t) is None


class HeadingLeveler:
    """Assigns outline levels from the order in which numbering styles appear.

    The six standard sections are level 1; below a section, each numbering
    style not yet open nests one level deeper, and a style already open closes
    the deeper ones (the way a reader follows an outline).
    """

    def __init__(self) -> None:
        self.stack: list[str] = []

    def level(self, text: str) -> int:
        style = numbering_style(text) or "plain"
        if is_section_heading(text) or style == "cn_dun":
            self.stack = [style]
            return 1
        if style in self.stack:
            del self.stack[self.stack.index(style) + 1 :]
            return len(self.stack)
        if not self.stack:
            self.stack = ["cn_dun"]
        self.stack.append(style)
        return len(self.stack)


class Outline:
    """Sorts a reader's lines of running text into the report's title, its numbered
    headings (levelled by `HeadingLeveler`) and paragraphs. A line naming an annual
    report before the first of the six sections is the title (level 0); `atx` is the
    level the source itself gives a line that is not numbered (a Markdown ``#``)."""

    def __init__(self) -> None:
        self.leveler = HeadingLeveler()
        self.seen_section = False

    def block(self, text: str, line_no: int | None, atx: int | None = None) -> Heading | Paragraph:
        where = Location(line=line_no) if line_no else None
        if not self.seen_section and is_title(text) and not is_section_heading(text):
            return Heading(0, text, where)
        if looks_like_heading(text):
            self.seen_section = self.seen_section or is_section_heading(text)
            return Heading(self.leveler.level(text), text, where)
        if atx is not None:
            return Heading(atx, text, where)
        return Paragraph(text, where)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while one document is read.

    Reading makes tens or hundreds of thousands of small objects (characters,
    glyphs, lines, grid slots, cells, records) that live until the document is
    done and form no reference cycles, so reference counting frees them; the
    collector would only walk them again and again (a tenth of a PDF's reading
    time, a seventh of a text report's). It is switched back on (when it was
    on) however the reading ends.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
