"""Report metadata (agency, year) and the numbers stated in the prose of 一、总体情况.

The title names the agency and the year (``XX区人民政府2023年政府信息公开工作年度报告``,
sometimes over two lines: ``洪泽区人民政府`` / ``2023 年政府信息公开工作年度报告``);
the file name often carries the year too. When they disagree, both are kept
apart in a diagnostic and the title wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreport.model import Block, Heading, Paragraph, Table
from govreport.textutil import is_section_heading

_TITLE = re.compile(
    r"^(?P<agency>.*?)\s*(?P<year>(?:19|20)\d\d)\s*年(?:度)?\s*(?:的)?\s*政府信息公开"
)
_AGENCY_END = re.compile(
    r"(人民政府|政府办公室|办公厅|办公室|委员会|局|厅|署|院|街道办事处|街道|镇|乡|中心|管委会|"
    r"管理委员会|公司|集团|部|处|所|站|队|会)$"
)
_FILE_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)(?!\d)")
_COMPILED_BY = re.compile(
    r"本报告由(?P<agency>[^，,。（(]{2,40}?)(?:根据|依据|按照)"
)


@dataclass(frozen=True, slots=True)
class TitleInfo:
    title: str | None
    agency: str | None
    year: int | None


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_title(blocks: tuple[Block, ...]) -> TitleInfo:
    """The report title among the blocks before the first section heading."""
    head: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Heading) and block.level >= 1 and is_section_heading(block.text):
            break
        if isinstance(block, (Heading, Paragraph)):
            head.append(block.text)
        if len(head) > 8:
            break
    for i, text in enumerate(head):
        t = _clean(text)
        if "年度报告" not in t and "政府信息公开" not in t:
            continue
        m = _TITLE.match(t)
        if not m:
            continue
        agency = m.group("agency") or None
        title = t
        if not agency and i > 0 and len(_clean(head[i - 1])) <= 30 and _AGENCY_END.search(
            _clean(head[i - 1])
        ):
            agency = _clean(head[i - 1])
            title = agency + t
        if not agency:
            agency = _compiled_by(head)
        return TitleInfo(title, agency, int(m.group("year")))
    return TitleInfo(None, _compiled_by(head), None)


def _compiled_by(texts: list[str]) -> str | None:
    for text in texts:
        m = _COMPILED_BY.search(_clean(text))
        if m:
            return m.group("agency")
    return None


def year_from_name(name: str) -> int | None:
    years = _FILE_YEAR.findall(name)
    return int(years[-1]) if len(set(years)) == 1 else None


# --- numbers stated in the prose ----------------------------------------------------

_NARRATIVE = {
    "applications_received": re.compile(
        r"(?:收到|受理|接收|新收|共收到|共受理)[^。；]{0,20}?(?:政府信息)?公开申请(?:共)?\s*(\d+)\s*件"),
    "answered": re.compile(r"(?:办结|答复|办理)(?:了)?\s*(\d+)\s*件"),
    "carried_over": re.compile(r"(?:含|包括)?上年(?:度)?结转\s*(\d+)\s*件"),
    "carried_forward": re.compile(r"(?:结转下年度?(?:继续办理)?|顺延(?:到|至)下年度?)\s*(\d+)\s*件"),
    "admin_review": re.compile(r"行政复议\s*(\d+)\s*件"),
    "litigation": re.compile(r"行政诉讼\s*(\d+)\s*件"),
}


def overview_text(blocks: tuple[Block, ...]) -> str:
    """The prose of section 一、总体情况 (up to the next standard section)."""
    out: list[str] = []
    inside = False
    for block in blocks:
        if isinstance(block, Heading) and is_section_heading(block.text):
            if inside:
                break
            inside = "总体情况" in block.text
            continue
        if inside and isinstance(block, (Paragraph, Heading)):
            out.append(block.text)
    return "\n".join(out)


def narrative_numbers(blocks: tuple[Block, ...]) -> dict[str, int]:
    """Counts the overview states in words: applications received, answered, carried
    over and forward, administrative reviews and lawsuits."""
    text = re.sub(r"(?<=\d)\s+(?=\d)", "", overview_text(blocks))
    found: dict[str, int] = {}
    for name, pattern in _NARRATIVE.items():
        m = pattern.search(text)
        if m:
            found[name] = int(m.group(1))
    return found
