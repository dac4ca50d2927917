"""EntityStage over documents: spans index the text exactly, excluded ranges respected, industries."""

from __future__ import annotations

from shuanglian.document import Document
from shuanglian.extract.entities import EntityStage, extract_entities

TEXT = (
    "9月15日，省委书记梁文华，省委副书记、省长何晓光来到合肥，围绕科技创新进行调研。\n"
    "在中国科学技术大学，梁文华走进量子信息与量子科技前沿协同创新中心。随后来到科大讯飞股份有限公司，"
    "科大讯飞董事长吴振东介绍了情况。要推动量子信息、集成电路、新能源汽车等产业集聚发展。"
)


def test_spans_index_text_exactly() -> None:
    ms = extract_entities(TEXT)
    assert ms
    for m in ms:
        assert m.spans, m.name
        for s, e in m.spans:
            assert TEXT[s:e] in [m.name, *m.aliases], (m.name, TEXT[s:e])
    names = {m.name: m for m in ms}
    assert names["科大讯飞股份有限公司"].aliases == ["科大讯飞"]
    assert names["量子信息与量子科技前沿协同创新中心"].kind == "platform"
    assert names["新能源汽车"].kind == "industry"
    assert names["量子信息"].kind == "industry"
    # an industry inside an organisation name is not a separate mention of the industry
    assert len(names["量子信息"].spans) == 1


def test_excluded_ranges_skipped() -> None:
    cut = TEXT.index("科大讯飞股份有限公司")
    doc = Document(source="t", text=TEXT, excluded=[(cut, cut + 10)])
    EntityStage()(doc)
    names = {m.name: m for m in doc.entities}
    company = names.get("科大讯飞") or names.get("科大讯飞股份有限公司")
    assert company is not None
    assert all(not (s < cut + 10 and cut < e) for m in doc.entities for s, e in m.spans)


def test_batch_equals_single_and_skips_errors() -> None:
    a = Document(source="a", text=TEXT)
    b = Document(source="b", text="天津大学校长金东寒出席会议。")
    bad = Document(source="c", text="南开大学", error="clean: broken")
    EntityStage().batch([a, b, bad])
    assert [m.to_json() for m in a.entities] == [m.to_json() for m in extract_entities(TEXT)]
    assert any(m.name == "金东寒" for m in b.entities)
    assert bad.entities == []


def test_empty_text() -> None:
    assert extract_entities("") == []
    assert extract_entities("   \n ") == []


def test_a_name_lac_glued_to_a_line_break_and_tagged_punctuation() -> None:
    from shuanglian.extract.entities.candidates import TokenView
    from shuanglian.extract.lac import Token

    text = "。\n河北协同环保科技股份有限公司主要生产"
    toks = [Token(0, 1, "。", "w"), Token(1, 17, "\n河北协同环保科技股份有限公司", "w"), Token(17, 19, "主要", "ad"),
            Token(19, 21, "生产", "v")]
    view = TokenView(text, toks)
    assert [(t.word, t.tag) for t in view.tokens][1:3] == [("\n", "w"), ("河北协同环保科技股份有限公司", "ORG")]


def test_a_carrier_suffix_lac_cut_into_a_longer_word_sends_its_sentence_to_the_tagger() -> None:
    from shuanglian.extract.entities.stage import _needs_tagger
    from shuanglian.extract.lac import Token

    text = "刚被授牌的柔性电子全国重点实验室内，科研人员"
    words = ["刚", "被", "授牌", "的", "柔性", "电子", "全国", "重点", "实验", "室内", "，", "科研", "人员"]
    tags = ["d", "p", "v", "u", "n", "n", "n", "n", "n", "s", "w", "vn", "n"]
    toks, pos = [], 0
    for w, tg in zip(words, tags, strict=True):
        toks.append(Token(pos, pos + len(w), w, tg))
        pos += len(w)
    marks = _needs_tagger(text, toks)
    assert any(marks[text.index("实验") : text.index("室内") + 1])
