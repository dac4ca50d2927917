"""Stage contracts: CleanStage and PlainStage behave as pipeline stages."""

from __future__ import annotations

from shuanglian.clean.pipeline import CleanStage, PlainStage
from shuanglian.document import Document
from shuanglian.pipeline import Pipeline, Stage


def test_plain_stage_keeps_text_verbatim() -> None:
    raw = "  蕞新消息:头部生产力 網(wǎng)\n\n编辑 张三\n"
    doc = PlainStage()(Document(source="x", raw=raw))
    assert doc.text == raw
    assert doc.dropped == [] and doc.repairs == [] and doc.flags == []


def test_stages_satisfy_protocol_and_names() -> None:
    assert isinstance(CleanStage(), Stage) and isinstance(PlainStage(), Stage)
    assert CleanStage.name == PlainStage.name == "clean"


def test_html_sniffed_in_text_input() -> None:
    raw = (
        "<html><body><div>首页 &gt; 新闻</div><article><p>武汉大学与华中科技大学联合发布了一项光电子研究成果，"
        "相关论文已在国际期刊发表。</p><p>研究团队表示，成果有望应用于下一代光通信器件。</p></article>"
        "<div>鄂ICP备05003305号</div></body></html>"
    )
    doc = Pipeline([CleanStage()])(Document(source="x.txt", raw=raw))
    assert doc.error is None
    assert doc.text.split("\n") == [
        "武汉大学与华中科技大学联合发布了一项光电子研究成果，相关论文已在国际期刊发表。",
        "研究团队表示，成果有望应用于下一代光通信器件。",
    ]
    assert any(d.reason == "not_main_content" for d in doc.dropped) or any(
        "ICP" in d.text for d in doc.dropped
    )


def test_malformed_html_degrades_gracefully() -> None:
    raw = "<html><body><div><p>南开大学化学学院举办学术报告会，多名青年学者介绍最新研究进展。<p>未闭合的段落<b>加粗"
    doc = Pipeline([CleanStage()])(Document(source="bad.html", raw=raw, is_html=True))
    assert doc.error is None
    assert "南开大学化学学院举办学术报告会" in doc.text


def test_empty_and_junk_only_inputs() -> None:
    doc = CleanStage()(Document(source="e.txt", raw=""))
    assert doc.text == "" and doc.dropped == []
    doc = CleanStage()(Document(source="j.txt", raw="读特热榜\n00:11\n粤ICP备10228864号"))
    assert doc.text == ""
    assert {d.reason for d in doc.dropped} == {"hot_list", "video", "footer"}


def test_preset_metadata_from_ingest_is_kept() -> None:
    doc = Document(source="j.jsonl#1", raw="来源：天津日报\n天津大学发布新成果，引起业内关注。", title="给定标题")
    CleanStage()(doc)
    assert doc.title == "给定标题" and doc.media == "天津日报"
    assert doc.text == "天津大学发布新成果，引起业内关注。"


def test_to_json_contract() -> None:
    doc = CleanStage()(Document(source="s.txt", raw="发布时间：2023-01-02\n深圳湾实验室发布年度报告，成果丰硕。"))
    obj = doc.to_json(full=True)
    assert obj["published"] == "2023-01-02"
    assert obj["dropped"] == {"meta": 1}
    assert obj["dropped_lines"][0]["reason"] == "meta"


def test_html_title_site_tail_and_junk_site_name() -> None:
    """A site name appended to <title> is cut and becomes the media of last resort; an og:site_name
    that is really a copyright notice is not a media name."""
    para = "<p>园区相关负责人介绍，今年以来园区新增科技型企业一百余家，研发投入持续增长，产业链协同更加紧密。</p>"
    raw = (
        '<html><head><title>园区新增科技型企业一百余家_某某新闻网</title>'
        '<meta property="og:site_name" content="Copyright © 2017 Example Inc. All Rights Reserved."></head>'
        f"<body><div class='article'>{para * 4}</div></body></html>"
    )
    doc = CleanStage()(Document(source="p.html", raw=raw, is_html=True))
    assert doc.title == "园区新增科技型企业一百余家"
    assert doc.media == "某某新闻网"


def test_title_tag_used_when_trafilatura_has_no_title() -> None:
    """The <title> wins when it holds the headline found above the body (kicker or subtitle included);
    a channel-page <title> that does not hold it loses to the headline."""
    from shuanglian.clean.core import finish_document, prepare_document
    from shuanglian.clean.html import HtmlParts, extract_html

    para = "园区相关负责人介绍，今年以来园区新增科技型企业一百余家，研发投入持续增长，产业链协同更加紧密。"
    page = f"<html><head><title>引题写在这里？ 园区新增企业一百余家</title></head><body><p>{para}</p></body></html>"
    assert extract_html(page).title_tag == "引题写在这里？ 园区新增企业一百余家"
    for tag, want in [
        ("引题写在这里？ 园区新增企业一百余家", "引题写在这里？ 园区新增企业一百余家"),
        ("艺术史研究<某某艺术网", "园区新增企业一百余家"),
    ]:
        lines = ["园区新增企业一百余家", "2024-03-01 10:00 来源：某某日报", para, para]
        parts = HtmlParts(lines=lines, visible=lines, title=None, title_tag=tag)
        doc = Document(source="p.html", raw="<html></html>", is_html=True)
        _, prepared = prepare_document(Document(source="p.txt", raw="\n".join(lines)))
        finish_document(doc, parts, prepared)
        assert doc.title == want
        assert doc.text.split("\n") == [para, para]
