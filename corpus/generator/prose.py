"""Agency names, titles and section prose of generated reports.

The prose carries the narrative numbers that format-spec §7 (TXT_*) expects
to match the tables: applications received, answered, carried over and
forward, 行政复议 and 行政诉讼 counts.
"""

from __future__ import annotations

import random
from typing import Any

from .model import Heading, Paragraph
from .spec import SECTION_HEADINGS

_CITIES = ("临川", "安远", "青州", "白河", "东阳", "南屏", "清溪", "高平", "云岭", "望江", "石门",
           "长宁", "平湖", "兴隆", "新安", "丰泽")
_PROVINCE_CITIES = ("江北省", "河西省", "岭南省")
_DISTRICT_SUFFIX = ("区", "县", "市")
_BUREAUS = ("生态环境局", "财政局", "交通运输局", "自然资源和规划局", "市场监督管理局", "教育局",
            "卫生健康委员会", "发展和改革委员会", "住房和城乡建设局", "民政局",
            "人力资源和社会保障局", "应急管理局", "农业农村局", "水务局", "司法局", "审计局",
            "统计局", "医疗保障局")
_TOWNS = ("城关", "河口", "柳林", "桃源", "枫桥", "双溪", "马坊", "龙泉", "杨柳", "金沙")


def draw_agency(rng: random.Random) -> tuple[str, str]:
    """An agency name and its type (人民政府, 局, 委员会, 街道办事处, 镇人民政府…)."""
    city = rng.choice(_CITIES)
    district = rng.choice(_CITIES) + rng.choice(_DISTRICT_SUFFIX)
    kind = rng.choice(("gov", "bureau", "bureau", "street", "town", "office", "city_bureau"))
    if kind == "gov":
        return f"{city}市{district}人民政府", "人民政府"
    if kind == "bureau":
        return f"{city}市{district}{rng.choice(_BUREAUS)}", "局"
    if kind == "city_bureau":
        return f"{rng.choice(_PROVINCE_CITIES)}{city}市{rng.choice(_BUREAUS)}", "局"
    if kind == "street":
        return f"{city}市{district}{rng.choice(_TOWNS)}街道办事处", "街道办事处"
    if kind == "town":
        return f"{district}{rng.choice(_TOWNS)}镇人民政府", "镇人民政府"
    return f"{city}市人民政府办公室", "办公室"


def heading_text(section: str, number: str, variant: dict[str, Any]) -> str:
    """A level-1 section heading, e.g. 五、政府信息公开工作存在的主要问题及改进情况."""
    labels = SECTION_HEADINGS[section]
    label = labels[variant["problems_heading"] % len(labels)]
    return f"{number}、{label}"


def _sub(n: str, text: str, variant: dict[str, Any]) -> Heading:
    b = f"({n})" if variant["brackets"] == "half" else f"（{n}）"
    return Heading(2, b + text)


def overview(rng: random.Random, year: int, agency: str, nums: dict[str, int],
             variant: dict[str, Any]) -> list[Heading | Paragraph]:
    """§一 总体情况 with sub-headings and the narrative application / review numbers."""
    rare = "𠮷" if variant["rare_char"] else ""
    short = agency[-6:]
    out: list[Heading | Paragraph] = [Paragraph(
        f"{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实"
        f"《中华人民共和国政府信息公开条例》，围绕中心工作，不断深化政务公开，"
        f"切实保障人民群众的知情权、参与权、表达权和监督权。")]
    out.append(_sub("一", "主动公开情况", variant))
    out.append(Paragraph(
        f"全年通过政府门户网站主动公开政府信息{rng.randint(20, 3000)}条，"
        f"其中政策文件{rng.randint(0, 60)}件、政策解读{rng.randint(0, 40)}篇，"
        f"{short}政务新媒体发布信息{rng.randint(0, 900)}条。"))
    out.append(_sub("二", "依申请公开情况", variant))
    out.append(Paragraph(
        f"全年共受理政府信息公开申请{nums['applications_received']}件，"
        f"办结{nums['answered']}件（含上年结转{nums['carried_over']}件），"
        f"结转下年度继续办理{nums['carried_forward']}件。"
        f"因政府信息公开被申请行政复议{nums['admin_review']}件、"
        f"提起行政诉讼{nums['litigation']}件。"))
    out.append(_sub("三", "政府信息管理", variant))
    out.append(Paragraph(
        f"严格落实信息发布审核制度，坚持“先审后发”，全年未发生失泄密事件。{rare and '联系人：'}"
        f"{rare and rare + '某某。'}"))
    out.append(_sub("四", "政府信息公开平台建设", variant))
    out.append(Paragraph("持续优化政府网站栏目设置，完善政府信息公开专栏，及时更新机构职能、"
                         "法定主动公开内容等信息。"))
    out.append(_sub("五", "监督保障", variant))
    out.append(Paragraph(f"将政务公开工作纳入年度绩效考核，{year}年未发生责任追究情况。"))
    return out


def problems(rng: random.Random, variant: dict[str, Any]) -> list[Heading | Paragraph]:
    """§五 problems and improvements."""
    return [
        _sub("一", "存在的主要问题", variant),
        Paragraph("一是政策解读形式较为单一；二是部分栏目信息更新不够及时；"
                  "三是工作人员业务能力有待提升。"),
        _sub("二", "改进情况", variant),
        Paragraph(f"下一步，将加强业务培训{rng.randint(2, 6)}次以上，丰富解读形式，"
                  "强化栏目日常巡查，确保信息及时准确公开。"),
    ]


def other_matters(rng: random.Random, year: int) -> list[Heading | Paragraph]:
    """§六 other matters: fees, 建议提案 handling, or 无。"""
    choice = rng.random()
    if choice < 0.3:
        return [Paragraph("无。")]
    if choice < 0.65:
        return [Paragraph(f"{year}年，本机关未收取信息处理费。")]
    return [Paragraph(f"{year}年共办理人大代表建议{rng.randint(0, 30)}件、政协提案"
                      f"{rng.randint(0, 30)}件，办复率100%。")]
