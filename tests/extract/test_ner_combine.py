"""The tagger combined with the rules: person boundary fixes, spans the rules left out, which sentences are tagged."""

from __future__ import annotations

from shuanglian.extract.entities.candidates import Cand, TokenView
from shuanglian.extract.entities.groups import Ranges
from shuanglian.extract.entities.stage import _needs_tagger, extract_entities
from shuanglian.extract.entities.tagger_spans import recovered
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import Policy, _replace_spans, _split_at, overrule
from shuanglian.extract.ner.tagger import NerSpan


def test_overrule_person_cuts_only_a_lac_person() -> None:
    text = "记者郜南摄上海电气"
    toks = [Token(0, 2, "记者", "n"), Token(2, 5, "郜南摄", "PER"), Token(5, 9, "上海电气", "ORG")]
    spans = [NerSpan(2, 4, "PER", "pd", 0.99), NerSpan(5, 7, "PER", "pd", 0.99)]
    got = [(t.word, t.tag) for t in overrule(text, toks, spans, Policy(take={"PER": 0.95}, cut=frozenset({"PER"})))]
    # 郜南 replaces LAC's 郜南摄 and the leftover 摄 is no name; 上海电气 (an organisation) is never cut by a person
    assert got == [("记者", "n"), ("郜南", "PER"), ("摄", "n"), ("上海电气", "ORG")]
    # without `cut` a span never cuts a LAC word
    assert overrule(text, toks, spans, Policy(take={"PER": 0.95})) == toks


def test_overrule_rebuilds_windows_like_the_whole_page() -> None:
    text = "中美双方在北京会谈。李明说，英国首相出席。"
    toks = [Token(0, 2, "中美", "LOC"), Token(2, 4, "双方", "n"), Token(4, 5, "在", "p"), Token(5, 7, "北京", "LOC"),
            Token(7, 9, "会谈", "vn"), Token(9, 10, "。", "w"), Token(10, 12, "李明", "PER"), Token(12, 13, "说", "v"),
            Token(13, 14, "，", "w"), Token(14, 16, "英国", "LOC"), Token(16, 18, "首相", "n"), Token(18, 20, "出席", "v"),
            Token(20, 21, "。", "w")]
    spans = [NerSpan(0, 1, "LOC", "pd", 0.99), NerSpan(1, 2, "LOC", "pd", 0.99), NerSpan(10, 12, "PER", "pd", 0.99),
             NerSpan(14, 16, "LOC", "pd", 0.99)]
    got = overrule(text, toks, spans, Policy(take={"LOC": 0.97, "PER": 0.95}, single=0.9))
    whole = _replace_spans(text, _split_at(toks, {p for s in spans for p in (s.start, s.end)}), spans)
    assert got == whole
    assert [(t.word, t.tag) for t in got[:3]] == [("中", "LOC"), ("美", "LOC"), ("双方", "n")]
    assert "".join(t.word for t in got) == text


def _view(text: str, toks: list[Token]) -> TokenView:
    return TokenView(text, toks)


def test_recovery_refuses_pieces_of_words_common_words_and_places_in_persons() -> None:
    text = "上海电气推动大学城沪苏浙投资"
    toks = [Token(0, 4, "上海电气", "ORG"), Token(4, 6, "推动", "v"), Token(6, 9, "大学城", "n"),
            Token(9, 10, "沪", "LOC"), Token(10, 12, "苏浙", "PER"), Token(12, 14, "投资", "v")]
    spans = [NerSpan(0, 2, "LOC", "pd", 0.99), NerSpan(6, 9, "LOC", "pd", 0.99), NerSpan(9, 12, "PER", "pd", 0.99),
             NerSpan(9, 12, "PER", "clue", 0.99)]
    th = {"PER": 0.9, "LOC": 0.9, "ORG": 0.9}
    assert recovered(_view(text, toks), [], spans, th, Ranges([]), lac=toks) == []
    # the same spans over words that are names are recovered (a person both heads read, without a surname)
    text2 = "基辛格访问大阪"
    toks2 = [Token(0, 3, "基辛格", "PER"), Token(3, 5, "访问", "v"), Token(5, 7, "大阪", "LOC")]
    spans2 = [NerSpan(0, 3, "PER", "pd", 0.99), NerSpan(0, 3, "PER", "clue", 0.99), NerSpan(5, 7, "LOC", "pd", 0.99)]
    got = recovered(_view(text2, toks2), [], spans2, th, Ranges([]), lac=toks2)
    assert [(c.name, c.kind) for c in got] == [("基辛格", "person"), ("大阪", "place")]
    # a place on none of our lists needs the surer threshold when one is set
    assert recovered(_view(text2, toks2), [], spans2, {**th, "LOC-unlisted": 0.995}, Ranges([]), lac=toks2)[1:] == []
    # a span overlapping a chosen candidate or a blocked range is left to the rules
    chosen = [Cand(5, 7, "place", "大阪")]
    assert [c.name for c in recovered(_view(text2, toks2), chosen, spans2, th, Ranges([(0, 3)]), lac=toks2)] == []


def test_extract_recovers_foreign_names_and_one_character_countries() -> None:
    text = "美国前国务卿基辛格出席了晚宴。中美两国元首举行会谈。"
    with_tagger = extract_entities(text)
    rules_only = {(m.name, m.kind) for m in extract_entities(text, use_ner=False)}
    got = {(m.name, m.kind) for m in with_tagger}
    assert ("基辛格", "person") in got and ("基辛格", "person") not in rules_only
    # 中|美: each character a mention of its country, named in full
    spans = {m.name: {text[a:b] for a, b in m.spans} for m in with_tagger if m.kind == "place"}
    assert "中" in spans.get("中国", set()) and "美" in spans.get("美国", set())
    assert ("中美", "place") not in got


def test_only_sentences_whose_names_the_tagger_may_change_are_tagged() -> None:
    def marked(text: str, toks: list[Token]) -> bool:
        return any(_needs_tagger(text, toks))

    # an ordinary Chinese name and a typed body standing alone: nothing for the tagger to do
    assert not marked("习近平在国务院讲话", [Token(0, 3, "习近平", "PER"), Token(3, 4, "在", "p"), Token(4, 7, "国务院", "ORG"),
                                        Token(7, 9, "讲话", "v")])
    # a brand no rule types, a transliterated name, a typed body beside another name
    assert marked("华海清科发布", [Token(0, 4, "华海清科", "ORG"), Token(4, 6, "发布", "v")])
    assert marked("基辛格说", [Token(0, 3, "基辛格", "PER"), Token(3, 4, "说", "v")])
    assert marked("中科院苏州纳米所", [Token(0, 3, "中科院", "ORG"), Token(3, 5, "苏州", "LOC"), Token(5, 8, "纳米所", "n")])


def test_sentences_with_abbreviation_pairs_are_tagged() -> None:
    text = "中美双方在北京会谈。港澳台同胞欢聚。"
    toks = [Token(0, 2, "中美", "LOC"), Token(2, 4, "双方", "n"), Token(4, 5, "在", "p"), Token(5, 7, "北京", "LOC"),
            Token(7, 9, "会谈", "vn"), Token(9, 10, "。", "w"), Token(10, 13, "港澳台", "LOC"), Token(13, 15, "同胞", "n"),
            Token(15, 17, "欢聚", "v"), Token(17, 18, "。", "w")]
    marks = _needs_tagger(text, toks)
    assert all(marks[0:2]) and all(marks[10:13])
    assert not any(marks[5:7])  # a known division alone does not call the tagger
    got = {(m.name, m.kind) for m in extract_entities("中美双方在北京举行会谈。")}
    assert {("中国", "place"), ("美国", "place")} <= got


def test_overrule_unsure_clue_clash_sure_persons_and_glued_places() -> None:
    policy = Policy(take={"PER": 0.95, "LOC": 0.97}, single=0.9, clash=0.7, sure=0.97)
    # 中日: a CLUENER company at 0.53 no longer stops the one-character places (at 0.8 it does)
    text = "中日友好"
    toks = [Token(0, 2, "中日", "LOC"), Token(2, 4, "友好", "ad")]
    spans = [NerSpan(0, 1, "LOC", "pd", 1.0), NerSpan(1, 2, "LOC", "pd", 1.0), NerSpan(0, 2, "COM", "clue", 0.53)]
    assert [t.word for t in overrule(text, toks, spans, policy)][:2] == ["中", "日"]
    sure_clash = [*spans[:2], NerSpan(0, 2, "COM", "clue", 0.8)]
    assert overrule(text, toks, sure_clash, policy) == toks
    # 唐师|曾: a person both heads read holds LAC's adverb; the pd head alone does not take it
    text = "唐师曾说"
    toks = [Token(0, 2, "唐师", "PER"), Token(2, 3, "曾", "d"), Token(3, 4, "说", "v")]
    pd = NerSpan(0, 3, "PER", "pd", 0.99)
    assert [(t.word, t.tag) for t in overrule(text, toks, [pd, NerSpan(0, 3, "PER", "clue", 0.99)], policy)][0] == ("唐师曾", "PER")
    assert overrule(text, toks, [pd], policy) == toks
    # 银川|晴: a sure known place cuts a LAC place word that is none, when the caller allows it
    text = "银川晴转多云"
    toks = [Token(0, 3, "银川晴", "LOC"), Token(3, 4, "转", "v"), Token(4, 6, "多云", "n")]
    spans = [NerSpan(0, 2, "LOC", "pd", 1.0)]
    got = overrule(text, toks, spans, policy, cut_place=lambda place, word: place == "银川")
    assert [(t.word, t.tag) for t in got][:2] == [("银川", "LOC"), ("晴", "n")]
    assert overrule(text, toks, spans, policy) == toks


def test_recovery_of_sure_places_and_trimming_of_run_on_names() -> None:
    from shuanglian.extract.entities.tagger_spans import trimmed

    # 印度尼西亚: place_cand reads 印度 + a thing; both LAC and a sure tagger read one place
    text = "印度尼西亚总统出席"
    toks = [Token(0, 5, "印度尼西亚", "LOC"), Token(5, 7, "总统", "n"), Token(7, 9, "出席", "v")]
    spans = [NerSpan(0, 5, "LOC", "pd", 1.0)]
    th = {"LOC": 0.9, "LOC-unlisted": 0.97, "LOC-sure": 0.99}
    got = recovered(_view(text, toks), [], spans, th, Ranges([]), lac=toks)
    assert [(c.name, c.kind) for c in got] == [("印度尼西亚", "place")]
    assert recovered(_view(text, toks), [], spans, {"LOC": 0.9}, Ranges([]), lac=toks) == []
    # a river stays out whatever the tagger says (a product convention)
    text = "博斯腾湖水位"
    toks = [Token(0, 4, "博斯腾湖", "LOC"), Token(4, 6, "水位", "n")]
    assert recovered(_view(text, toks), [], [NerSpan(0, 4, "LOC", "pd", 1.0)], th, Ranges([]), lac=toks) == []
    # 本报讯|中国东方电气集团公司: the rules' name ran on over a dateline; the kind is kept
    text = "本报讯中国东方电气集团公司宣布"
    toks = [Token(0, 3, "本报讯", "n"), Token(3, 13, "中国东方电气集团公司", "ORG"), Token(13, 15, "宣布", "v")]
    chosen = [Cand(0, 13, "enterprise", "本报讯中国东方电气集团公司")]
    spans = [NerSpan(3, 13, "ORG", "pd", 0.99)]
    got = trimmed(_view(text, toks), chosen, spans, 0.9, toks)
    assert [(c.start, c.end, c.kind, c.name) for c in got] == [(3, 13, "enterprise", "中国东方电气集团公司")]
    # a place before the tagger's name is no run-on (深圳|…公司 stays whole)
    text = "深圳华强电子有限公司"
    toks = [Token(0, 2, "深圳", "LOC"), Token(2, 10, "华强电子有限公司", "ORG")]
    chosen = [Cand(0, 10, "enterprise", text)]
    assert trimmed(_view(text, toks), chosen, [NerSpan(2, 10, "ORG", "pd", 0.99)], 0.9, toks) == chosen


def test_unknown_places_and_cut_persons_call_the_tagger_and_unknown_places_may_be_vetoed() -> None:
    from shuanglian.extract.entities.stage import _vetoable

    def marks(text: str, toks: list[Token]) -> bytearray:
        return _needs_tagger(text, toks)

    # a place on no list (科伦坡) calls the tagger; a known division, a river, a region or a zone does not
    assert any(marks("抵达科伦坡", [Token(0, 2, "抵达", "v"), Token(2, 5, "科伦坡", "LOC")]))
    for word in ("北京", "长江", "中部地区", "大别山", "广州开发区"):
        assert not any(marks(word + "发展", [Token(0, len(word), word, "LOC"), Token(len(word), len(word) + 2, "发展", "v")])), word
    assert _vetoable(Token(0, 3, "千手佛", "LOC")) and not _vetoable(Token(0, 2, "北京", "LOC"))
    assert not _vetoable(Token(0, 2, "长江", "LOC"))
    # 高允|连: a two-character person before a one-character adverb; 李明|说 is an ordinary name and a verb
    assert any(marks("高允连毕业", [Token(0, 2, "高允", "PER"), Token(2, 3, "连", "d"), Token(3, 5, "毕业", "v")]))
    assert not any(marks("习近平说", [Token(0, 3, "习近平", "PER"), Token(3, 4, "说", "v")]))
    # 郑州|电务段: a place before a short noun naming a body; 北京|发展 is not one
    assert any(marks("郑州电务段", [Token(0, 2, "郑州", "LOC"), Token(2, 5, "电务段", "n")]))
    # EA: a Latin-letter word LAC reads as a noun may be a brand
    assert any(marks("EA表示", [Token(0, 2, "EA", "nz"), Token(2, 4, "表示", "v")]))
