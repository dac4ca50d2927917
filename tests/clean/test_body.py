"""Body-block selection: headline and dateline above the article are header, a numbered heading opens it."""

from __future__ import annotations

from shuanglian.clean.core import clean_document
from shuanglian.document import Document

_PARA = "园区相关负责人介绍，今年以来园区新增科技型企业一百余家，研发投入持续增长，产业链上下游协同更加紧密。"


def _clean(raw: str) -> Document:
    return clean_document(Document(source="t.txt", raw=raw))


def test_headline_ending_like_a_sentence_and_its_dateline_are_not_body() -> None:
    doc = _clean(f"打开APP 看更多精彩资讯\n园区企业“双向奔赴”！\n某某观察 2024-05-06 09:30 浙江\n关注\n{_PARA}\n{_PARA}\n")
    assert doc.text.split("\n") == [_PARA, _PARA]
    assert doc.title == "园区企业“双向奔赴”！"
    assert doc.published == "2024-05-06T09:30:00" and doc.media == "某某观察"


def test_a_real_first_paragraph_is_not_taken_for_a_headline() -> None:
    lead = "5月6日，园区举行新闻发布会，" + _PARA
    doc = _clean(f"标题在这里写得足够长一些\n{lead}\n某某日报 2024-05-06 09:30\n{_PARA}\n")
    assert doc.text.split("\n")[0] == lead


def test_numbered_section_heading_opens_the_body() -> None:
    raw = f"首页 > 政策解读\n某某政策解读文章的标题\n发布日期：2024-01-02\n一、出台背景\n{_PARA}\n二、主要内容\n{_PARA}\n"
    doc = _clean(raw)
    assert doc.text.split("\n") == ["一、出台背景", _PARA, "二、主要内容", _PARA]


def test_menu_line_is_never_the_title() -> None:
    doc = _clean(f"无障碍 | 长者模式 | 繁体 | English\n关于推动未来产业创新发展的实施意见\n{_PARA}\n{_PARA}\n")
    assert doc.title == "关于推动未来产业创新发展的实施意见"


def test_outlet_dateline_lead_is_cut_and_kept_aside() -> None:
    doc = _clean(f"某地新闻网2024年3月1日讯 3月1日，{_PARA}\n{_PARA}\n")
    assert doc.text.startswith("3月1日，园区相关负责人")
    assert any(d.reason == "dateline" and d.text.endswith("讯") for d in doc.dropped)
    # a company name ending in 通讯 is not a dateline
    doc = _clean(f"中国移动通讯设备公司近日发布公告，{_PARA}\n{_PARA}\n")
    assert doc.text.startswith("中国移动通讯设备公司")


def test_related_sidebar_above_the_article_does_not_swallow_it() -> None:
    raw = f"某某网\n热门推荐\n深圳地铁新线开通\n光明科学城再添大装置\n2024-03-01 10:00\n{_PARA}\n{_PARA}\n相关阅读\n{_PARA}\n"
    doc = _clean(raw)
    assert doc.text.split("\n") == [_PARA, _PARA]
    assert doc.title == "光明科学城再添大装置"
    # below the article, the related heading still takes everything after it (excerpts included)
    assert [d.reason for d in doc.dropped][-2:] == ["related", "related"]
