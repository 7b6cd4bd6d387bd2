"""The official table layouts, restated for the corpus generator.

This is deliberately a second, independent transcription of
`format-spec.json` (the generator must not share code or data with the
library it measures).  Labels are the canonical printed labels of the
2019 trial edition and the 2021 edition; keys follow the spec's naming:
`applications.<row key>@<column key>`, `proactive_disclosure.<block>.<row>.<column>`
and `review_litigation.<column key>`.
"""

from __future__ import annotations

from dataclasses import dataclass

EDITIONS = ("2019", "2021")

CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
PARTIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）"

# Chinese ordinals used in block captions and result headings.
ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Block:
    """One 第二十条 block of table 2: caption clause, value columns, data rows."""

    key: str
    clause: str  # the ordinal inside the caption, e.g. "一" for 第二十条第（一）项
    columns: tuple[tuple[str, str], ...]  # (column key, printed label)
    rows: tuple[tuple[str, str], ...]  # (row key, printed label)


T2_BLOCKS: dict[str, tuple[Block, ...]] = {
    "2019": (
        Block(
            "art20_1",
            "一",
            (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
             ("published_total", "对外公开总数量")),
            (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ),
        Block(
            "art20_5",
            "五",
            (("prev_year_items", "上一年项目数量"), ("change", "本年增/减"),
             ("decisions", "处理决定数量")),
            (("administrative_licensing", "行政许可"),
             ("other_external_services", "其他对外管理服务事项")),
        ),
        Block(
            "art20_6",
            "六",
            (("prev_year_items", "上一年项目数量"), ("change", "本年增/减"),
             ("decisions", "处理决定数量")),
            (("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")),
        ),
        Block(
            "art20_8",
            "八",
            (("prev_year_items", "上一年项目数量"), ("change", "本年增/减")),
            (("administrative_fees", "行政事业性收费"),),
        ),
        Block(
            "art20_9",
            "九",
            (("procurement_items", "采购项目数量"), ("procurement_amount", "采购总金额")),
            (("centralized_procurement", "政府集中采购"),),
        ),
    ),
    "2021": (
        Block(
            "art20_1",
            "一",
            (("issued", "本年制发件数"), ("repealed", "本年废止件数"),
             ("in_force", "现行有效件数")),
            (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        Block("art20_5", "五", (("decisions", "本年处理决定数量"),),
              (("administrative_licensing", "行政许可"),)),
        Block(
            "art20_6",
            "六",
            (("decisions", "本年处理决定数量"),),
            (("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")),
        ),
        Block("art20_8", "八", (("fee_amount", "本年收费金额（单位：万元）"),),
              (("administrative_fees", "行政事业性收费"),)),
    ),
}

# Table 3 leaf columns: (key, label, parent label or None).
T3_COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("natural_person", "自然人", None),
    ("commercial_enterprise", "商业企业", "法人或其他组织"),
    ("research_institution", "科研机构", "法人或其他组织"),
    ("social_welfare_org", "社会公益组织", "法人或其他组织"),
    ("legal_service_org", "法律服务机构", "法人或其他组织"),
    ("other_org", "其他", "法人或其他组织"),
    ("total", "总计", None),
)
T3_APPLICANT_COLUMNS = tuple(k for k, _, _ in T3_COLUMNS if k != "total")
T3_ORG_COLUMNS = T3_APPLICANT_COLUMNS[1:]


@dataclass(frozen=True)
class T3Row:
    """A table-3 row (data row or label-only group) in the official row tree.

    `number` is the printed ordinal prefix without its punctuation ("一", "1");
    the renderer decides brackets and numbering style.  `level` 0 labels span
    the three label columns, level 1 labels sit in column 2, level 2 in column 3.
    """

    key: str
    level: int
    number: str
    label: str
    children: tuple[T3Row, ...] = ()


def _leaves(prefix: str, labels: tuple[tuple[str, str], ...]) -> tuple[T3Row, ...]:
    return tuple(
        T3Row(f"{prefix}.{key}", 2, str(i + 1), label) for i, (key, label) in enumerate(labels)
    )


_DENIED = _leaves("results.denied", (
    ("state_secret", "属于国家秘密"),
    ("prohibited_by_law", "其他法律行政法规禁止公开"),
    ("endangers_security_stability", "危及“三安全一稳定”"),
    ("third_party_rights", "保护第三方合法权益"),
    ("internal_affairs", "属于三类内部事务信息"),
    ("process_information", "属于四类过程性信息"),
    ("enforcement_case_file", "属于行政执法案卷"),
    ("administrative_inquiry", "属于行政查询事项"),
))
_UNABLE = _leaves("results.unable_to_provide", (
    ("not_held", "本机关不掌握相关政府信息"),
    ("needs_creation", "没有现成信息需要另行制作"),
    ("still_unclear", "补正后申请内容仍不明确"),
))
_NOT_PROCESSED = _leaves("results.not_processed", (
    ("petition_complaint", "信访举报投诉类申请"),
    ("repeated", "重复申请"),
    ("publication", "要求提供公开出版物"),
    ("excessive_repeated", "无正当理由大量反复申请"),
    ("confirm_or_reissue", "要求行政机关确认或重新出具已获取信息"),
))
_OTHER_2021 = _leaves("results.other_handling", (
    ("no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other", "其他"),
))


def t3_rows(edition: str) -> tuple[T3Row, ...]:
    """The table-3 row tree of an edition (（六）其他处理 differs)."""
    other = (
        T3Row("results.other_handling", 1, "六", "其他处理")
        if edition == "2019"
        else T3Row("results.other_handling", 1, "六", "其他处理", _OTHER_2021)
    )
    results = (
        T3Row("results.granted", 1, "一", "予以公开"),
        T3Row("results.partially_granted", 1, "二", "部分公开"),
        T3Row("results.denied", 1, "三", "不予公开", _DENIED),
        T3Row("results.unable_to_provide", 1, "四", "无法提供", _UNABLE),
        T3Row("results.not_processed", 1, "五", "不予处理", _NOT_PROCESSED),
        other,
        T3Row("results.total", 1, "七", "总计"),
    )
    return (
        T3Row("new_received", 0, "一", "本年新收政府信息公开申请数量"),
        T3Row("carried_over", 0, "二", "上年结转政府信息公开申请数量"),
        T3Row("results", 0, "三", "本年度办理结果", results),
        T3Row("carried_forward", 0, "四", "结转下年度继续办理"),
    )


def t3_data_rows(edition: str) -> list[str]:
    """Row keys of table 3 that hold numbers, in printed order."""
    out: list[str] = []

    def walk(rows: tuple[T3Row, ...]) -> None:
        for row in rows:
            if row.children:
                walk(row.children)
            else:
                out.append(row.key)

    walk(t3_rows(edition))
    return out


def t3_result_leaves(edition: str) -> list[str]:
    """Result rows summed into （七）总计 (19 in 2019, 21 in 2021)."""
    return [k for k in t3_data_rows(edition) if k.startswith("results.") and k != "results.total"]


# Table 4: groups (key, label, has a middle header level) and leaf labels.
T4_LEAVES = (("maintained", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
             ("pending", "尚未审结"), ("total", "总计"))
T4_GROUPS = (("admin_review", "行政复议"), ("litigation.direct", "未经复议直接起诉"),
             ("litigation.after_review", "复议后起诉"))
T4_COLUMNS = tuple(f"{g}.{leaf}" for g, _ in T4_GROUPS for leaf, _ in T4_LEAVES)

# Rule ids of format-spec.md §7 and the table-4 group each T4 rule covers.
T4_RULES = {"admin_review": "T4_REVIEW_TOTAL", "litigation.direct": "T4_DIRECT_TOTAL",
            "litigation.after_review": "T4_AFTER_REVIEW_TOTAL"}

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "overview": ("总体情况",),
    "proactive_disclosure": ("主动公开政府信息情况",),
    "applications": ("收到和处理政府信息公开申请情况",),
    "review_litigation": ("政府信息公开行政复议、行政诉讼情况",),
    "problems_improvements": ("存在的主要问题及改进情况",
                              "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况"),
    "other_matters": ("其他需要报告的事项",),
}
SECTION_ORDER = tuple(SECTION_HEADINGS)


def data_cell_counts(edition: str) -> dict[str, int]:
    """Official number of data cells per table kind (no extra rows/columns)."""
    t2 = sum(len(b.columns) * len(b.rows) for b in T2_BLOCKS[edition])
    return {"proactive_disclosure": t2, "applications": 7 * len(t3_data_rows(edition)),
            "review_litigation": len(T4_COLUMNS)}
