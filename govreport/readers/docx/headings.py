"""Which paragraphs are headings, and at which level.

Level 0 is the report title (``XX2023年政府信息公开工作年度报告``), level 1 a
top section (``一、总体情况``), level 2 ``（一）…``, level 3 ``1.``/``1、``,
level 4 ``（1）``. A paragraph's style decides first (a heading style name or
an outline level); when styles say nothing, the report's own numbering does,
for short paragraphs that do not read as prose.
"""

from __future__ import annotations

import re

from govreport.readers import common
from govreport.readers.docx.styles import StyleFacts

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = ("title", "标题")


class HeadingRules:
    """Heading levels for one document, with the text reader's rules
    (`govreport.readers.common`): a paragraph whose own numbering (一、, （一）,
    1., （1）) marks it as a short heading gets its level from the outline
    those numberings open; a heading style without such numbering keeps the
    style's level."""

    def __init__(self) -> None:
        self.leveler = common.HeadingLeveler()

    def level(self, text: str, style_level: int | None) -> int | None:
        numbered = common.numbering_style(text) is not None
        if style_level is not None:
            return self.leveler.level(text) if numbered else style_level
        if common.looks_like_heading(text):
            return self.leveler.level(text)
        return None


def heading_level(text: str) -> int | None:
    """The level the report's own numbering gives a paragraph read on its own
    (``一、总体情况`` 1, ``（一）予以公开`` 2, ``1.属于国家秘密`` 3, ``（1）…`` 4),
    or None when it reads as prose."""
    return HeadingRules().level(text, None)


def style_heading_level(style: StyleFacts, outline: int | None) -> int | None:
    """The level a style name (``heading 2``, ``Heading2``, ``标题 2``) or an outline
    level (`w:outlineLvl` 0 is level 1; 9 means body text) gives, or None."""
    if outline is not None:
        return outline + 1 if 0 <= outline < 9 else None
    match = _HEADING_STYLE.match(style.name.strip())
    if match:
        return int(match.group(1))
    if style.outline is not None and 0 <= style.outline < 9:
        return style.outline + 1
    return None


def is_title(text: str, style: StyleFacts, centered: bool, size: int | None) -> bool:
    """A report title: the text reader's title rule (short, naming the 年度报告,
    not numbered) and, in a docx, a Title style or a centered, large paragraph."""
    if not common.is_title(text) or text.strip().endswith(("。", "；", "，")):
        return False
    if style.name.strip().lower() in _TITLE_STYLES:
        return True
    large = size is None or size >= 30  # half-points: 15 pt and up, or unknown
    return centered and large
