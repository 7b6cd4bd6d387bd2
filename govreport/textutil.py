"""Small text predicates shared by readers, the table builder and the report layer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Whitespace as it occurs in Chinese reports: ASCII, NBSP, ideographic space, zero-width.
_WS = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_WS_RE = re.compile(f"[{_WS}]+")

# What a report prints where there is no number.
PLACEHOLDERS = frozenset({"", "/", "／", "-", "－", "—", "——", "--", "–", "无", "\\", "×", "/ ", "─"})

_NUMBER_RE = re.compile(
    r"""^[+\-＋－]?\s*            # sign (ASCII or fullwidth)
        (\d{1,3}(,\d{3})+|\d+)     # integer part, optional thousands separators
        (\.\d+)?                   # decimals
        \s*(万元|亿元|元|件|个|项|条|人次|次|%|％)?$""",
    re.VERBOSE,
)


def clean(text: str) -> str:
    """Strip surrounding whitespace (including NBSP and U+3000) from a cell's text."""
    return text.strip(_WS)


@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """A label with every whitespace and line break removed (how header paths are printed)."""
    return _WS_RE.sub("", text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def is_number(text: str) -> bool:
    """A printed number: ``12``, ``+3``, ``-2``, ``1,234``, ``7730.28``, ``251000元``, ``１２``."""
    t = nfkc(clean(text)).replace(" ", "")
    return bool(t) and _NUMBER_RE.match(t) is not None and any(ch.isdigit() for ch in t)


def is_placeholder(text: str) -> bool:
    """Blank or a dash/slash/无 that stands where a number would be."""
    return clean(text) in PLACEHOLDERS


@lru_cache(maxsize=4096)
def is_value_like(text: str) -> bool:
    """What may sit in a value cell: a number or a placeholder."""
    return is_placeholder(text) or is_number(text) or _is_typo_number(clean(text))


def _is_typo_number(t: str) -> bool:
    # Printed typos such as '--253' (a doubled sign) still sit in value cells.
    return bool(re.fullmatch(r"[-－—]{1,3}\d+(\.\d+)?", t))


CN_NUM = "一二三四五六七八九十"
# The outline numbering of Chinese reports, outermost first: 一、 （一） 1. （1） ①.
NUMBERING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_dun", re.compile(rf"^[{CN_NUM}]{{1,3}}\s*[、．.]")),
    ("cn_paren", re.compile(rf"^[（(]\s*[{CN_NUM}]{{1,3}}\s*[）)]")),
    ("ar_dun", re.compile(r"^\d{1,2}\s*[、．.](?!\d)")),
    ("ar_paren", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    ("circled", re.compile(r"^[①-⑳]")),
)


def numbering_prefix(text: str) -> str:
    """The outline numbering `text` starts with, as printed (``（一）``, ``1、``), or ``""``."""
    for _, pattern in NUMBERING:
        m = pattern.match(text)
        if m:
            return m.group(0)
    return ""


def numbering_style(text: str) -> str | None:
    """The outline numbering a label starts with (``cn_dun`` for 一、 …), or None."""
    t = clean(text)
    for name, pattern in NUMBERING:
        if pattern.match(t):
            return name
    return None


def outline_depth(text: str) -> int | None:
    """0 for 一、, 1 for （一）, 2 for 1. and so on; None when the label is not numbered."""
    style = numbering_style(text)
    return None if style is None else [name for name, _ in NUMBERING].index(style)


# Keywords of the six sections of the official format (format-spec §2), with variants.
SECTION_KEYWORDS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开行政复议",
    "存在的主要问题及改进情况",
    "存在问题及改进情况",
    "主要问题及改进情况",
    "其他需要报告的事项",
)


@lru_cache(maxsize=4096)
def is_section_heading(text: str) -> bool:
    """One of the six standard sections, however it is numbered."""
    t = re.sub(r"\s+", "", clean(text))
    body = strip_numbering(t)
    return len(body) <= 30 and any(body.startswith(k) or body == k for k in SECTION_KEYWORDS)


def strip_numbering(text: str) -> str:
    """`text` without the outline numbering it starts with (and the space after it)."""
    prefix = numbering_prefix(text)
    return text[len(prefix) :].strip() if prefix else text


_YEAR_RE = re.compile(r"^(19|20)\d\d(年|年度)?$")


def is_year(text: str) -> bool:
    return bool(_YEAR_RE.match(nfkc(clean(text))))
