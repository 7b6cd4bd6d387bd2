"""Matching printed labels to the official ones.

Reports print the format's labels with variations that do not change their
meaning: spaces inside (``商 业 企 业``), half- or fullwidth brackets, ``1.`` /
``1、`` / ``1．``, 合计 for 总计, annotations in brackets appended to a label
(``上一年项目数量（指2019年事项数）``) and typos (``其他法律行政止公开``). A label
is reduced to its *core* (no numbering, no annotation, no spaces, NFKC) and
matched exactly, then by prefix, then by similarity within the candidates the
context allows.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from govreport.textutil import numbering_prefix

_ANNOTATION = re.compile(r"\([^()]*\)?$|\[[^\]]*\]$")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=8192)
def norm(label: str) -> str:
    """NFKC, no whitespace, no quotes, halfwidth brackets, 合计 → 总计."""
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"\s+", "", text).translate(_QUOTES)
    text = text.replace("〔", "(").replace("〕", ")").replace("【", "[").replace("】", "]")
    return text.replace("合计", "总计")


def numbering(label: str) -> str | None:
    """The label's outline numbering after `norm` (``(一)``, ``1.``), or None."""
    return numbering_prefix(norm(label)) or None


@lru_cache(maxsize=8192)
def core(label: str) -> str:
    """The label without its numbering and without a trailing annotation in brackets."""
    text = norm(label)
    text = text[len(numbering_prefix(text)) :]
    while True:
        stripped = _ANNOTATION.sub("", text)
        if stripped == text or not stripped:
            break
        text = stripped
    return text


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def best_match(label: str, candidates: dict[str, str], threshold: float = 0.75) -> str | None:
    """The key of the candidate whose core label matches `label` (candidates: core → key).

    Exact core first, then a prefix in either direction (at least two characters),
    then the most similar core above `threshold` when it is unambiguous.
    """
    c = core(label)
    if not c:
        return None
    if c in candidates:
        return candidates[c]
    prefixed = [k for cand, k in candidates.items() if _prefix_match(c, cand)]
    if len(set(prefixed)) == 1:
        return prefixed[0]
    scored = sorted(((similarity(c, cand), k) for cand, k in candidates.items()), reverse=True)
    if scored and scored[0][0] >= threshold and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.05):
        return scored[0][1]
    return None


def _prefix_match(a: str, b: str) -> bool:
    """One label starts with the other and the shorter is no mere fragment."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and len(short) >= 0.5 * len(long) and long.startswith(short)


@lru_cache(maxsize=8192)
def article_item(caption: str) -> int | None:
    """The item number of a table-2 block caption: ``第二十条第（五）项`` → 5."""
    m = re.search(r"第二十条\s*第?\(?([一二三四五六七八九十\d]{1,3})\)?项", norm(caption))
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if len(token) == 2 and token[0] == "十":
        return 10 + CN_DIGITS.get(token[1], 0)
    return CN_DIGITS.get(token)
