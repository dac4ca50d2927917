"""Mojibake segments are found; ordinary text with rare name characters is not."""

from __future__ import annotations

from shuanglian.clean.mojibake import find_mojibake


def test_utf8_read_as_gbk_is_found() -> None:
    garbled = "科技创新型企业".encode().decode("gbk", errors="replace")
    text = f"培育壮大一批成长性好的{garbled}，支持企业上市。"
    spans = find_mojibake(text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].strip("，") in garbled or garbled in text[s:e]


def test_known_artefacts() -> None:
    assert find_mojibake("标题锟斤拷锟斤拷正文")
    assert find_mojibake("é¦–é¡µ 新闻")


def test_clean_text_has_no_mojibake() -> None:
    text = (
        "天津日报记者于春沣、米哲报道，贝特瑞新材料集团和云天励飞技术股份有限公司参加了座谈。"
        "为什么要这样做?因为企业需要。深圳迈瑞生物医疗电子股份有限公司的AED亮相高交会。"
    )
    assert find_mojibake(text) == []
