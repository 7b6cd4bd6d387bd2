"""Text outside tables: paragraphs and headings from printed lines.

Lines of one paragraph are joined across line wraps (and across a page break
when the paragraph runs on); a new paragraph starts at an indented line,
after a line that stops short of the right margin, at a change of font size,
or at the report's numbering (``一、``, ``（一）``, ``1.``) after a line that
ends a sentence. The report title (page 1, large, centred, 年度报告) is a
level-0 heading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from govreport.model import Heading, Location, Paragraph
from govreport.readers.common import HeadingLeveler, looks_like_heading
from govreport.readers.pdf.text import TextLine, lines_to_text
from govreport.textutil import numbering_style

# The numbering styles that open a paragraph after a finished sentence (一、 （一） 1.).
PARAGRAPH_NUMBERING = ("cn_dun", "cn_paren", "ar_dun")
SENTENCE_END = tuple("。！？；：:;!?）)”")


@dataclass(frozen=True, slots=True)
class Margins:
    """The text column of the document: left edge and right edge of body lines."""

    left: float
    right: float
    size: float


def body_margins(lines: Sequence[TextLine]) -> Margins:
    """The most common left edge, a high percentile of right edges, the body font size."""
    long = [ln for ln in lines if len(ln.text) >= 8] or list(lines)
    if not long:
        return Margins(0.0, 0.0, 10.0)
    left = Counter(round(ln.x0) for ln in long).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in long)
    right = rights[int(0.9 * (len(rights) - 1))]
    size = Counter(round(ln.size) for ln in long).most_common(1)[0][0]
    return Margins(float(left), right, float(size))


def starts_new(prev: TextLine, line: TextLine, m: Margins, same_page: bool) -> bool:
    """Does `line` begin a new paragraph after `prev`?"""
    size = max(line.size, 1.0)
    if abs(line.size - prev.size) > 1.5:
        return True
    if line.x0 > m.left + 1.2 * size:
        return True
    if prev.x1 < m.right - 1.5 * size:
        return True
    if same_page and line.top - prev.bottom > 2.2 * size:
        return True
    return numbering_style(line.text) in PARAGRAPH_NUMBERING and prev.text.rstrip().endswith(SENTENCE_END)


def paragraph_block(
    lines: Sequence[TextLine], page: int, leveler: HeadingLeveler
) -> Heading | Paragraph:
    """A heading when the text reads as one (the text reader's rules), else a paragraph."""
    text = lines_to_text(lines)
    if looks_like_heading(text):
        return Heading(leveler.level(text), text, source=Location(page=page))
    return Paragraph(text, source=Location(page=page))


def title_lines(lines: Sequence[TextLine], width: float, m: Margins) -> int:
    """How many leading lines of page 1 form the report title (large and centred)."""
    n = 0
    for ln in lines:
        centred = abs((ln.x0 + ln.x1) / 2 - width / 2) < 0.15 * width
        if ln.size >= 1.25 * m.size and centred:
            n += 1
        else:
            break
    if n and "年度报告" in lines_to_text(lines[:n]).replace(" ", ""):
        return n
    return 0
