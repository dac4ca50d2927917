"""The three real sample pages: the cleaned text is the article body, every body sentence and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuanglian.clean.pipeline import CleanStage
from shuanglian.document import Document


def _clean(corpus_dir: Path, prefix: str) -> Document:
    path = next(corpus_dir.glob(f"{prefix}_*.txt"))
    return CleanStage()(Document(source=str(path), raw=path.read_text(encoding="utf-8")))


def _assert_repairs_index_text(doc: Document) -> None:
    for r in doc.repairs:
        assert doc.text[r.at : r.at + len(r.to)] == r.to


def test_visit_report_keeps_body_and_drops_city_app_noise(corpus_dir: Path) -> None:
    doc = _clean(corpus_dir, "000")
    paras = doc.text.split("\n")
    assert len(paras) == 6
    assert paras[0].startswith("5月30日,省委书记黄坤明,省委副书记、省长王伟中前往深圳市")
    assert paras[1].startswith("河套深港科技创新合作区是粤港澳大湾区建设")
    assert paras[4].endswith("引领示范带动全省加快实现创新驱动发展。")
    # a short body line with a comma-separated list of officials is body, not a byline
    assert paras[5] == "省领导张晓强,深圳市市长覃伟中参加调研。"
    for junk in ("原标题", "编辑", "葛墨含", "读特热榜", "IN视频", "鹏友圈", "00:11", "03:09", "#", "【",
                 "小梅沙", "水木年华", "友情链接", "ICP", "公网安备", "Copyright", "好日子"):
        assert junk not in doc.text, junk
    assert doc.title is not None and doc.title.startswith("黄坤明王伟中到深圳调研产业科技融合发展")
    assert doc.title.endswith("孟凡利参加调研")
    counts = doc.dropped_counts()
    assert counts["editor"] == 1 and counts["video"] == 3 and counts["ugc"] >= 3 and counts["footer"] == 4
    assert doc.flags == []


def test_traditional_repost_is_converted_and_flagged(corpus_dir: Path) -> None:
    doc = _clean(corpus_dir, "002")
    paras = doc.text.split("\n")
    assert len(paras) == 9
    assert paras[0].startswith("7月26日,在深入开展主题教育之际,天津市委书记陈敏尔,市委副书记、市长张工")
    assert paras[1] == (
        "主题教育中央第二指导组副组长刘明波参加调研。市领导连茂君、王旭、王力军、朱鹏,"
        "南开大学党委书记杨庆山、校长陈雨露,天津大学校长金东寒分别参加。"
    )
    # the reporter byline glued to the last paragraph is cut off
    assert paras[-1] == "中央指导组成员,市政府秘书长,市有关部门、滨海新区、南开区负责同志等参加。"
    for junk in ("欧美", "视频", "中国西藏网", "发布时间", "原标题", "责编", "版权", "(wǎng)", "记者"):
        assert junk not in doc.text, junk
    for trad in "陳網發學調創強產實":
        assert trad not in doc.text
    assert "科技是第一生产力、人才是第一资源、创新是第一动力" in doc.text  # genuine 第一 untouched
    assert doc.repairs == []
    assert set(doc.flags) == {"traditional", "pinyin_residue", "spam_title", "mojibake"}
    assert doc.published == "2023-07-27T10:55:00"
    assert doc.media == "天津日报"
    assert doc.title == "陈敏尔张工在专题调研天津市科技创新工作时强调:强化协同创新 坚持产学研深度融合 推动更多科技成果转化为现实生产力"
    # the garbled phrase stays visible but is excluded from extraction
    assert len(doc.excluded) == 1
    start, end = doc.excluded[0]
    garbled = doc.text[start:end]
    assert "摿" in garbled and "jié" in garbled
    assert "发展" in doc.text[start - 3 : start] and doc.text[end:].startswith("新型企业")
    assert doc.dropped_counts()["spam_title"] == 1


def test_industry_feature_repairs_and_related_list(corpus_dir: Path) -> None:
    doc = _clean(corpus_dir, "004")
    paras = doc.text.split("\n")
    assert len(paras) == 34
    assert paras[0].startswith("与深圳“一拍即合”, 11月初,著名科学家颜宁宣布全职回国")
    assert "党的二十大报告提出,加强基础研究,突出原创,鼓励自由探索。" in paras
    assert paras[-1].startswith("广东省科技厅介绍,接下来将持续联合高校")
    assert "必须坚持科技是第一生产力、人才是第一资源、创新是第一动力" in doc.text
    assert "数量连续6年位居全国第一" in doc.text
    assert "抢救心源性猝死最有效" in doc.text and "粤港澳大湾区最高级别" in doc.text
    assert "蕞" not in doc.text and "头部" not in doc.text
    assert sorted((r.from_, r.to) for r in doc.repairs) == [("头部", "第一")] * 4 + [("蕞", "最")] * 2
    _assert_repairs_index_text(doc)
    for junk in ("当前位置", "admin", "微信", "扫一扫", "二维码", "版权声明", "本文链接", "标签", "分享给朋友",
                 "相关文章", "提升产业链自主可控能力", "昆明", "生猪", "宠物", "阿里研究院", "产业链上育新才"):
        assert junk not in doc.text, junk
    assert doc.title == "固基础强生态广东高质量推动创新链产业链融合发展"
    assert doc.published is None  # "4个月前 (09-21)" has no year: left null on purpose
    counts = doc.dropped_counts()
    assert counts["related"] == 25 and counts["contact"] >= 3 and counts["share"] >= 3


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_nothing_is_lost(corpus_dir: Path, prefix: str) -> None:
    """Every input character is in the text or in a dropped entry (repairs aside)."""
    from collections import Counter

    from shuanglian.clean.script import t2s

    doc = _clean(corpus_dir, prefix)
    path = next(corpus_dir.glob(f"{prefix}_*.txt"))
    source = t2s(path.read_text(encoding="utf-8"))
    have = Counter(doc.text + "".join(d.text for d in doc.dropped))
    for r in doc.repairs:
        have.update(r.from_)
    need = Counter(c for c in source if not c.isspace())
    missing = {c: n for c, n in need.items() if have[c] < n}
    assert not missing
