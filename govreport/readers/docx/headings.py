"""Which paragraphs are headings, and at which level.

Level 0 is the report title (``XX2023年政府信息公开工作年度报告``), level 1 a
top section (``一、总体情况``), level 2 ``（一）…``, level 3 ``1.``/``1、``,
level 4 ``（1）``. A paragraph's style decides first (a heading style name or
an outline level); when styles say nothing, the report's own numbering does,
for short paragraphs that do not read as prose.
"""

from __future__ import annotations

import re

from govreport.readers.docx.numbering import StyleFacts

_CN_NUM = "一二三四五六七八九十"
_LEVEL_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*[、.．]"), 1),
    (re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]"), 2),
    (re.compile(r"^[0-9０-９]{1,2}\s*(?:[、．]|\.(?![0-9０-９]))"), 3),
    (re.compile(r"^[（(]\s*[0-9０-９]{1,2}\s*[）)]"), 4),
)
MAX_HEADING_CHARS = 40
_PROSE_END = tuple("。；;，,：:")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = ("title", "标题")


def heading_level(text: str) -> int | None:
    """The heading level a short paragraph's own numbering implies, or None.

    ``一、总体情况`` is 1, ``（一）予以公开`` 2, ``1.属于国家秘密`` 3, ``（1）…`` 4;
    a long paragraph or one ending like a sentence is prose, not a heading.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or "\n" in stripped:
        return None
    if stripped.endswith(_PROSE_END):
        return None
    for pattern, level in _LEVEL_PATTERNS:
        match = pattern.match(stripped)
        if match:
            return level if stripped[match.end() :].strip() else None
    return None


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
    """A report title: centered (or in a Title style), larger than body text,
    short, and naming the annual report (年度报告)."""
    stripped = text.strip()
    if "年度报告" not in stripped or len(stripped) > 80 or stripped.endswith(_PROSE_END):
        return False
    if style.name.strip().lower() in _TITLE_STYLES:
        return True
    large = size is None or size >= 30  # half-points: 15 pt and up, or unknown
    return centered and large
