"""The tagger combined with the rules: person boundary fixes, spans the rules left out, which sentences are tagged."""

from __future__ import annotations

from shuanglian.extract.entities.candidates import Cand, TokenView
from shuanglian.extract.entities.groups import Ranges
from shuanglian.extract.entities.stage import _needs_tagger, extract_entities
from shuanglian.extract.entities.tagger_spans import extended, recovered
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
    # a lake named as an area is a place (real-gold convention of session 13, rule 4; it was left out before)
    text = "博斯腾湖水位"
    toks = [Token(0, 4, "博斯腾湖", "LOC"), Token(4, 6, "水位", "n")]
    got = recovered(_view(text, toks), [], [NerSpan(0, 4, "LOC", "pd", 1.0)], th, Ranges([]), lac=toks)
    assert [(c.name, c.kind) for c in got] == [("博斯腾湖", "place")]
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

    # a place on no list (科伦坡) calls the tagger; a known division, a river or a region does not (a zone LAC reads as
    # a place, 广州开发区, does since combination v5: the tagger reads the carrier's full name, real dev +0.002 P/L/O)
    assert any(marks("抵达科伦坡", [Token(0, 2, "抵达", "v"), Token(2, 5, "科伦坡", "LOC")]))
    for word in ("北京", "长江", "中部地区", "大别山"):
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


def test_unknown_lac_places_cut_by_sure_spans_are_split_into_plain_words() -> None:
    text = "株洲中车新能源"
    toks = [Token(0, 3, "株洲中", "LOC"), Token(3, 4, "车", "n"), Token(4, 7, "新能源", "n")]
    spans = [NerSpan(0, 2, "LOC", "pd", 0.93), NerSpan(2, 4, "ORG", "pd", 0.88)]
    policy = Policy(veto=frozenset({"LOC"}))
    got = [(t.word, t.tag) for t in overrule(text, toks, spans, policy, vetoable=lambda t: True)]
    assert got == [("株洲", "LOC"), ("中", "n"), ("车", "n"), ("新能源", "n")]
    # a known place (not vetoable), a word a span reads whole, unsure spans: left as LAC read them
    assert overrule(text, toks, spans, policy, vetoable=lambda t: False) == toks
    assert overrule(text, toks, [NerSpan(0, 3, "LOC", "clue", 0.5), *spans], policy, vetoable=lambda t: True) == toks
    assert overrule(text, toks, [NerSpan(0, 2, "LOC", "pd", 0.5)], policy, vetoable=lambda t: True) == toks


def test_rule_carriers_grow_to_a_sure_tagger_name_that_ends_where_they_end() -> None:
    from shuanglian.extract.entities.tagger_spans import extended

    text = "建设全国高校区域技术转移转化中心（成渝地区），"
    toks = [Token(0, 2, "建设", "v"), Token(2, 4, "全国", "n"), Token(4, 6, "高校", "n"), Token(6, 8, "区域", "n"),
            Token(8, 10, "技术", "n"), Token(10, 12, "转移", "vn"), Token(12, 14, "转化", "vn"), Token(14, 16, "中心", "n"),
            Token(16, 17, "（", "w"), Token(17, 21, "成渝地区", "LOC"), Token(21, 22, "）", "w"), Token(22, 23, "，", "w")]
    view = TokenView(text, toks)
    chosen = [Cand(6, 16, "platform", "区域技术转移转化中心"), Cand(17, 21, "place", "成渝地区")]
    ends = [t.end for t in toks]
    whole = [NerSpan(2, 22, "ORG", "pd", 0.98)]
    got = extended(view, chosen, whole, toks, ends)
    # the place inside the bracket is part of the name
    assert [(c.name, c.kind) for c in got] == [("全国高校区域技术转移转化中心（成渝地区）", "platform")]
    # a span opening on a verb (建设) does not grow the name
    assert extended(view, chosen, [NerSpan(0, 16, "ORG", "pd", 0.98)], toks, ends) == chosen


def test_listed_items_share_the_carrier_head_after_them() -> None:
    from shuanglian.extract.entities.tagger_spans import shared_heads

    text = "支持大青山、鄂尔多斯实验室做大，强化金融街、丽泽金融商务区联动"
    words = [Token(0, 2, "支持", "v"), Token(2, 5, "大青山", "LOC"), Token(5, 6, "、", "w"), Token(6, 13, "鄂尔多斯实验室", "ORG"),
             Token(13, 15, "做大", "v"), Token(15, 16, "，", "w"), Token(16, 18, "强化", "v"), Token(18, 21, "金融街", "n"),
             Token(21, 22, "、", "w"), Token(22, 29, "丽泽金融商务区", "LOC"), Token(29, 31, "联动", "vn")]
    cands = [Cand(6, 13, "lab", "鄂尔多斯实验室"), Cand(22, 29, "platform", "丽泽金融商务区")]
    got = shared_heads(text, words, cands)
    assert [(c.start, c.end, c.name, c.kind) for c in got] == [(2, 5, "大青山实验室", "lab")]


def test_a_seat_inside_a_subsidiary_name_is_no_place_mention() -> None:
    from shuanglian.extract.entities.tagger_spans import _subsidiary_places

    text = "陕煤榆林化学二期、陕煤在榆林投资"
    words = [Token(0, 2, "陕煤", "ORG"), Token(2, 4, "榆林", "LOC"), Token(4, 6, "化学", "n"), Token(6, 8, "二期", "m"),
             Token(8, 9, "、", "w"), Token(9, 11, "陕煤", "ORG"), Token(11, 12, "在", "p"), Token(12, 14, "榆林", "LOC"),
             Token(14, 16, "投资", "vn")]
    chosen = [Cand(0, 2, "enterprise", "陕煤"), Cand(2, 4, "place", "榆林市"), Cand(9, 11, "enterprise", "陕煤"),
              Cand(12, 14, "place", "榆林市")]
    got = _subsidiary_places(text, words, chosen)
    assert [(c.start, c.kind) for c in got] == [(0, "enterprise"), (9, "enterprise"), (12, "place")]


def test_a_sure_carrier_with_a_bracketed_place_replaces_the_names_read_inside_it() -> None:
    from shuanglian.extract.entities.tagger_spans import _bracketed

    text = "打造蒙东（通辽）高端重型装备制造基地，"
    words = [Token(0, 2, "打造", "v"), Token(2, 4, "蒙东", "PER"), Token(4, 5, "（", "w"), Token(5, 7, "通辽", "LOC"),
             Token(7, 8, "）", "w"), Token(8, 10, "高端", "a"), Token(10, 12, "重型", "a"), Token(12, 14, "装备", "n"),
             Token(14, 16, "制造", "vn"), Token(16, 18, "基地", "n"), Token(18, 19, "，", "w")]
    view = TokenView(text, words)
    chosen = [Cand(2, 4, "person", "蒙东"), Cand(5, 7, "place", "通辽市")]
    ends = [t.end for t in words]
    got = _bracketed(view, chosen, [NerSpan(2, 18, "ORG", "pd", 1.0)], words, ends)
    assert [(c.name, c.kind) for c in got] == [("蒙东（通辽）高端重型装备制造基地", "platform")]
    assert _bracketed(view, chosen, [NerSpan(2, 18, "ORG", "pd", 0.9)], words, ends) == chosen


def test_lac_place_pieces_of_a_place_both_heads_read_whole_are_no_places() -> None:
    text = "巴丹吉林二回"
    toks = [Token(0, 2, "巴丹", "LOC"), Token(2, 4, "吉林", "LOC"), Token(4, 6, "二回", "m")]
    spans = [NerSpan(0, 4, "LOC", "pd", 0.67), NerSpan(0, 4, "LOC", "clue", 0.77)]
    policy = Policy(veto=frozenset({"LOC"}))
    got = overrule(text, toks, spans, policy, vetoable=lambda t: t.word == "巴丹")
    assert [(t.word, t.tag) for t in got] == [("巴丹吉林", "LOC"), ("二回", "m")]
    cut = overrule("白洋淀水清", [Token(0, 2, "白洋", "LOC"), Token(2, 4, "淀水", "n"), Token(4, 5, "清", "a")],
                   [NerSpan(0, 3, "LOC", "pd", 1.0), NerSpan(0, 3, "LOC", "clue", 0.83)], policy, vetoable=lambda t: True)
    assert [(t.word, t.tag) for t in cut][:2] == [("白洋", "n"), ("淀水", "n")]
    # two known places side by side stay places
    assert overrule(text, toks, spans, policy, vetoable=lambda t: False) == toks


def test_a_sure_carrier_opening_on_its_place_is_read_whole() -> None:
    from shuanglian.extract.entities.tagger_spans import _bracketed

    text = "山西转型综改示范区集中签约"
    words = [Token(0, 2, "山西", "LOC"), Token(2, 4, "转型", "v"), Token(4, 6, "综改", "vn"), Token(6, 8, "示范", "vn"),
             Token(8, 9, "区", "n"), Token(9, 11, "集中", "ad"), Token(11, 13, "签约", "v")]
    view = TokenView(text, words)
    chosen = [Cand(0, 2, "place", "山西省")]
    ends = [t.end for t in words]
    got = _bracketed(view, chosen, [NerSpan(0, 9, "ORG", "pd", 1.0)], words, ends)
    assert [(c.name, c.kind) for c in got] == [("山西转型综改示范区", "platform")]
    assert _bracketed(view, chosen, [NerSpan(0, 9, "ORG", "pd", 0.96)], words, ends) == chosen


def test_two_grown_carriers_each_replace_their_own_name() -> None:
    # growing the first carrier drops the place it swallows (北京); the second growth wrote to its old index
    # in the shortened list (IndexError here; with a candidate after it, the wrong one was replaced)
    text = "北京高校技术转移中心，上海高校技术转移中心"
    words = [Token(0, 2, "北京", "LOC"), Token(2, 4, "高校", "n"), Token(4, 10, "技术转移中心", "n"), Token(10, 11, "，", "w"),
             Token(11, 13, "上海", "LOC"), Token(13, 15, "高校", "n"), Token(15, 21, "技术转移中心", "n")]
    chosen = [Cand(0, 2, "place", "北京市"), Cand(4, 10, "platform", "技术转移中心"),
              Cand(11, 13, "place", "上海市"), Cand(15, 21, "platform", "技术转移中心")]
    orgs = [NerSpan(0, 10, "ORG", "pd", 0.99), NerSpan(11, 21, "ORG", "pd", 0.99)]
    out = extended(TokenView(text, words), chosen, orgs, words, [t.end for t in words])
    assert [(c.start, c.end, c.name) for c in out] == [(0, 10, "北京高校技术转移中心"), (11, 21, "上海高校技术转移中心")]


def test_a_span_both_heads_read_alike_holds_function_words_and_cuts_plain_words() -> None:
    policy = Policy(take={"ORG": 0.5, "PER": 0.95}, clash=0.7, agreed=0.99)
    # 伊朗外交部|长: LAC glued the body to the title (外交部长); both heads read the body
    text = "伊朗外交部长访华"
    toks = [Token(0, 2, "伊朗", "LOC"), Token(2, 6, "外交部长", "n"), Token(6, 7, "访", "v"), Token(7, 8, "华", "LOC")]
    pd = NerSpan(0, 5, "ORG", "pd", 1.0)
    got = [(t.word, t.tag) for t in overrule(text, toks, [pd, NerSpan(0, 5, "COM", "clue", 0.3)], policy)]
    assert got[:2] == [("伊朗外交部", "ORG"), ("长", "n")]
    # the pd head alone, a CLUENER span of another kind, or a pd marginal under `agreed`: not taken
    assert overrule(text, toks, [pd], policy) == toks
    assert overrule(text, toks, [pd, NerSpan(0, 5, "LOC", "clue", 0.3)], policy) == toks
    assert overrule(text, toks, [NerSpan(0, 5, "ORG", "pd", 0.98), NerSpan(0, 5, "COM", "clue", 0.3)], policy) == toks
    # 金大|中: a person holding LAC's locative word
    text = "金大中在对话中说"
    toks = [Token(0, 2, "金大", "ORG"), Token(2, 3, "中", "f"), Token(3, 4, "在", "p"), Token(4, 8, "对话中说", "n")]
    spans = [NerSpan(0, 3, "PER", "pd", 1.0), NerSpan(0, 3, "PER", "clue", 1.0)]
    assert [(t.word, t.tag) for t in overrule(text, toks, spans, policy)][0] == ("金大中", "PER")
    # punctuation inside, or a LAC name of another label cut, still stops it
    text = "张三、李四说"
    toks = [Token(0, 2, "张三", "PER"), Token(2, 3, "、", "w"), Token(3, 5, "李四", "PER"), Token(5, 6, "说", "v")]
    spans = [NerSpan(0, 5, "ORG", "pd", 1.0), NerSpan(0, 5, "ORGN", "clue", 0.9)]
    assert overrule(text, toks, spans, policy) == toks
    text = "北京大学生"
    toks = [Token(0, 2, "北京", "LOC"), Token(2, 5, "大学生", "n")]
    spans = [NerSpan(1, 4, "ORG", "pd", 1.0), NerSpan(1, 4, "ORGN", "clue", 0.9)]
    assert overrule(text, toks, spans, policy) == toks


def test_a_place_before_one_or_two_nouns_naming_a_body_calls_the_tagger() -> None:
    from shuanglian.extract.entities.stage import _place_then_body

    def toks(*words: tuple[str, str]) -> list[Token]:
        out, at = [], 0
        for w, tag in words:
            out.append(Token(at, at + len(w), w, tag))
            at += len(w)
        return out

    assert _place_then_body(toks(("郑州", "LOC"), ("电务段", "n")), 0)
    assert _place_then_body(toks(("吉林省", "LOC"), ("戏曲", "n"), ("学校", "n")), 0)
    assert _place_then_body(toks(("非洲", "LOC"), ("进出口", "vn"), ("银行", "n")), 0)
    # a verb between, a third noun, or nouns too long: not a body's name
    assert not _place_then_body(toks(("吉林省", "LOC"), ("举办", "v"), ("学校", "n")), 0)
    assert not _place_then_body(toks(("吉林省", "LOC"), ("戏曲", "n"), ("艺术", "n"), ("学校", "n")), 0)
    assert not _place_then_body(toks(("吉林省", "LOC"), ("传统戏曲", "n"), ("艺术学校", "n")), 0)
    assert not _place_then_body(toks(("吉林省", "n"), ("戏曲", "n"), ("学校", "n")), 0)


def test_a_span_both_heads_read_alike_holding_an_edition_is_not_taken() -> None:
    policy = Policy(take={"ORG": 0.5}, clash=0.7, agreed=0.95)
    text = "哈尔滨第九届亚冬会举办"
    toks = [Token(0, 3, "哈尔滨", "LOC"), Token(3, 6, "第九届", "m"), Token(6, 9, "亚冬会", "nz"), Token(9, 11, "举办", "v")]
    spans = [NerSpan(0, 9, "ORG", "pd", 0.97), NerSpan(0, 9, "GOV", "clue", 0.73)]
    assert overrule(text, toks, spans, policy) == toks


def test_a_span_both_heads_read_alike_never_cuts_a_title() -> None:
    from shuanglian.extract.entities.stage import _title_word

    policy = Policy(take={"ORG": 0.5}, clash=0.7, agreed=0.95)
    text = "陕西省委书记胡和平"
    toks = [Token(0, 2, "陕西", "LOC"), Token(2, 6, "省委书记", "n"), Token(6, 9, "胡和平", "PER")]
    spans = [NerSpan(0, 4, "ORG", "pd", 0.99), NerSpan(0, 4, "GOV", "clue", 0.47)]
    assert overrule(text, toks, spans, policy, uncut=_title_word) == toks
    assert [t.word for t in overrule(text, toks, spans, policy)][:2] == ["陕西省委", "书记"]
    assert _title_word(Token(0, 4, "省委书记", "n")) and not _title_word(Token(0, 2, "议会", "n"))
    # a title of a body's own head is cut: the guideline names the body inside it (工业和信息化部部长 -> 工业和信息化部)
    assert not _title_word(Token(0, 4, "外交部长", "n"))
