"""Pinyin residue stripping and traditional -> simplified conversion."""

from __future__ import annotations

from shuanglian.clean.script import changed_share, strip_pinyin, t2s


def test_pinyin_after_characters_is_stripped() -> None:
    line, removed = strip_pinyin("中國西藏網(wǎng) 發(fā)布時間 創（chuàng）新")
    assert line == "中國西藏網 發布時間 創新"
    assert removed == ["(wǎng)", "(fā)", "（chuàng）"]


def test_real_parentheses_are_kept() -> None:
    for text in ("自动体外除颤仪(AED)亮相", "强流重离子加速器装置(HIAF)", "北京(中国)", "公司(002648)发布"):
        assert strip_pinyin(text) == (text, [])


def test_t2s() -> None:
    assert t2s("陳敏爾強調產學研深度融合") == "陈敏尔强调产学研深度融合"
    assert t2s("abc 123") == "abc 123"
    changed, total = changed_share("陳敏爾在天津", t2s("陳敏爾在天津"))
    assert (changed, total) == (2, 6)
