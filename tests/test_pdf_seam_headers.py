"""A header row repeated after a page break is recognised although a scan's OCR read
one of its marks or characters differently; other rows are not taken for it."""

from __future__ import annotations

from govreport.readers.pdf.seam import same_header_text


def test_a_repeated_header_read_with_a_mark_missing_or_of_the_other_width_is_the_same() -> None:
    printed = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert same_header_text(printed, printed.replace("：", ""))
    assert same_header_text("行政规范性文件(单位：件)", "行政规范性文件（单位:件）")
    assert same_header_text(printed, printed.replace("勾", "句"))  # one slip in a long header


def test_different_headers_and_short_texts_differing_by_a_character_are_not_the_same() -> None:
    assert not same_header_text("自然人", "法人")
    assert not same_header_text("商业企业", "商业机构")  # short: one character is a word
    assert not same_header_text("-", "—")  # nothing but marks: equal or not at all
    assert not same_header_text("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")
