"""Combination v5 (issue 8, news benchmarks): one test per rule class (model card, "Combination v5")."""

from __future__ import annotations

from shuanglian.extract.entities.orgs import all_generic
from shuanglian.extract.entities.people import is_name_shape
from shuanglian.extract.entities.stage import (
    _abbreviation_run,
    _body_word,
    _dateline_next,
    _head_title,
    _head_title_word,
    _needs_tagger,
    _visit_word,
)
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import Policy, overrule
from shuanglian.extract.ner.tagger import NerSpan
from tests.extract.tokens import toks as _toks


def test_a_bare_surname_with_a_form_of_address_is_no_person() -> None:
    # the guideline: surname-only mentions are not names
    for name in ("李老师", "王大娘", "陈先生", "胡老", "梁某", "刘家", "欧阳先生"):
        assert not is_name_shape(name), name
    # a full name, or a given name that only looks like a form of address, stays
    for name in ("李明", "王家卫", "宋文鑫", "欧阳修"):
        assert is_name_shape(name), name


def test_a_places_department_named_by_its_field_is_a_body() -> None:
    assert not all_generic("广东省文化厅") and not all_generic("江苏省教育厅")
    # a place alone or a place with generic words stays generic
    assert all_generic("北京科技")


def test_a_sure_organisation_may_cut_a_word_contracting_its_name_with_its_heads_title() -> None:
    policy = Policy(take={"ORG": 0.5}, clash=0.7, sure=0.97, agreed=0.95)
    text = "会见了卫生部长梅基"
    toks = _toks(("会见", "v"), ("了", "u"), ("卫生", "an"), ("部长", "n"), ("梅基", "PER"))
    # the CLUENER head reads the whole word as a title (卫生部长 TITLE): no clash for the contracted body
    spans = [NerSpan(3, 6, "ORG", "pd", 0.999), NerSpan(3, 7, "TITLE", "clue", 0.99)]
    got = [(t.word, t.tag) for t in overrule(text, toks, spans, policy, head_title=_head_title)]
    assert ("卫生部", "ORG") in got and ("长", "n") in got
    text = "伊朗外交部长哈拉齐"
    toks = _toks(("伊朗", "LOC"), ("外交部长", "n"), ("哈拉齐", "PER"))
    spans = [NerSpan(0, 5, "ORG", "pd", 0.997)]
    assert [t.word for t in overrule(text, toks, spans, policy, head_title=_head_title)][:2] == ["伊朗外交部", "长"]
    # not a head's title (书记 absorbs its body), a less sure span, or no head_title: LAC's words stay
    text = "陕西省委书记胡和平"
    toks = _toks(("陕西", "LOC"), ("省委书记", "n"), ("胡和平", "PER"))
    assert overrule(text, toks, [NerSpan(0, 4, "ORG", "pd", 0.999)], policy, head_title=_head_title) == toks
    text = "伊朗外交部长哈拉齐"
    toks = _toks(("伊朗", "LOC"), ("外交部长", "n"), ("哈拉齐", "PER"))
    assert overrule(text, toks, [NerSpan(0, 5, "ORG", "pd", 0.9)], policy, head_title=_head_title) == toks
    assert overrule(text, toks, spans, policy) == toks
    assert _head_title("局长") and not _head_title("书记") and not _head_title("省长")


def test_a_count_of_member_states_opens_a_groups_name() -> None:
    policy = Policy(take={"ORG": 0.5}, clash=0.7, agreed=0.95)
    text = "阐述了15国集团内部"
    toks = _toks(("阐述", "v"), ("了", "u"), ("15", "m"), ("国集团", "ORG"), ("内部", "f"))
    spans = [NerSpan(3, 8, "ORG", "pd", 0.99), NerSpan(3, 8, "COM", "clue", 0.6)]
    assert [t.word for t in overrule(text, toks, spans, policy)][2] == "15国集团"
    # an edition's numeral inside a name still stops it
    text = "哈尔滨第九届亚冬会举办"
    toks = _toks(("哈尔滨", "LOC"), ("第九届", "m"), ("亚冬会", "nz"), ("举办", "v"))
    assert overrule(text, toks, [NerSpan(0, 9, "ORG", "pd", 0.97), NerSpan(0, 9, "GOV", "clue", 0.73)], policy) == toks


def test_gating_marks_of_v5() -> None:
    assert _visit_word(Token(0, 2, "访华", "v")) and _visit_word(Token(0, 2, "来华", "v"))
    assert not _visit_word(Token(0, 2, "来到", "v"))
    assert _abbreviation_run(Token(0, 4, "中埃医疗", "ORG")) and _abbreviation_run(Token(0, 4, "抗美援朝", "nz"))
    assert not _abbreviation_run(Token(0, 2, "中国", "LOC")) and not _abbreviation_run(Token(0, 2, "合作", "vn"))
    assert _body_word(Token(0, 3, "矿务局", "n")) and _body_word(Token(0, 3, "手球队", "n"))
    assert _body_word(Token(0, 3, "八一队", "LOC"))  # a LAC place the rules type as an organisation
    assert not _body_word(Token(0, 2, "北京", "LOC")) and not _body_word(Token(0, 2, "结局", "n"))
    toks = _toks(("文昌市", "LOC"), ("公安", "n"), ("局长", "n"), ("王廷彦", "PER"))
    assert _head_title_word(toks, 2) and not _head_title_word(toks, 0)
    assert _head_title_word(_toks(("外交部长", "n")), 0) and not _head_title_word(_toks(("省委书记", "n")), 0)
    text = "本报讯慕尼黑世界杯射击赛"
    toks = _toks(("本报讯", "vn"), ("慕尼黑世界杯", "nz"), ("射击赛", "n"))
    assert [t.word for t in _dateline_next(text, toks)] == ["慕尼黑世界杯"]
    marks = _needs_tagger(text, toks)
    assert any(marks[3:9]) and not any(marks[9:])


def test_every_dateline_of_the_data_passes_the_cheap_pretest() -> None:
    # _v5_marks skips the dateline walk on pages holding none of the pretests: one added to tagger_gating.yaml
    # must be found without a code change
    from shuanglian.extract.entities.lexicon import tagger_gating
    from shuanglian.extract.entities.stage import _dateline_pretests

    g = tagger_gating()
    for text in [*g["datelines"], *("6月14日" + e for e in g["dateline_ends"])]:
        assert any(p in text for p in _dateline_pretests()), text
    assert not any(p in "今天上午举行" for p in _dateline_pretests())
    # a next word no other mark selects (慕尼黑世界杯 opens with a place: _place_glued marks it anyway)
    text = "新华社讯射击赛今天开幕"
    toks = _toks(("新华社讯", "nt"), ("射击赛", "n"), ("今天", "TIME"), ("开幕", "v"))
    assert any(_needs_tagger(text, toks)[4:7])
    assert not any(_needs_tagger("今天射击赛开幕", _toks(("今天", "TIME"), ("射击赛", "n"), ("开幕", "v"))))


def test_a_sure_one_character_province_standing_alone_is_a_place_mention() -> None:
    from shuanglian.extract.entities.tagger_spans import _standalone_place

    text = "研讨会在京举行"
    toks = _toks(("研讨会", "n"), ("在", "p"), ("京", "LOC"), ("举行", "v"))
    ends = [t.end for t in toks]
    assert _standalone_place(text, toks, ends, NerSpan(4, 5, "LOC", "pd", 1.0)) == "北京市"
    text = "昨天抵沪的"
    toks = _toks(("昨天", "TIME"), ("抵沪", "v"), ("的", "u"))
    assert _standalone_place(text, toks, [t.end for t in toks], NerSpan(3, 4, "LOC", "pd", 0.94)) == "上海市"
    # in a run of such characters (京津冀, 川渝) it names a region, not the province; a common word (吉) is no name
    text = "京津冀协同"
    toks = _toks(("京", "LOC"), ("津", "LOC"), ("冀", "LOC"), ("协同", "vn"))
    assert _standalone_place(text, toks, [t.end for t in toks], NerSpan(0, 1, "LOC", "pd", 1.0)) is None
    text = "大吉大利"
    toks = _toks(("大", "a"), ("吉", "a"), ("大利", "n"))
    assert _standalone_place(text, toks, [t.end for t in toks], NerSpan(1, 2, "LOC", "pd", 1.0)) is None


def test_a_latin_letter_person_both_heads_read_surely() -> None:
    from shuanglian.extract.entities.tagger_spans import _latin_person

    assert _latin_person("Danny", 0.985, 0.98) and _latin_person("JohnCarpenter", 0.999, 0.985)
    # one head unsure, or not a name in letters
    assert not _latin_person("peter", 0.991, 0.795) and not _latin_person("heat", 0.75, 0.84)
    assert not _latin_person("王小明", 1.0, 1.0) and not _latin_person("5G", 1.0, 1.0)


def test_a_person_both_heads_read_may_be_a_whole_lac_place_or_follow_a_glued_dateline() -> None:
    from shuanglian.extract.entities.candidates import TokenView
    from shuanglian.extract.entities.groups import Ranges
    from shuanglian.extract.entities.tagger_spans import recovered

    policy = {"PER": 0.9}
    # 伊利埃斯库: LAC reads the transliterated name as a place; both heads read a person
    text = "胡锦涛欢迎伊利埃斯库率团访华"
    toks = _toks(("胡锦涛", "PER"), ("欢迎", "v"), ("伊利埃斯库", "LOC"), ("率", "v"), ("团", "n"), ("访华", "v"))
    spans = [NerSpan(5, 10, "PER", "pd", 0.988), NerSpan(5, 10, "PER", "clue", 0.975)]
    got = recovered(TokenView(text, toks), [], spans, policy, Ranges([]))
    assert [(c.name, c.kind) for c in got] == [("伊利埃斯库", "person")]
    # the People's Daily head alone does not overrule LAC's place
    assert recovered(TokenView(text, toks), [], spans[:1], policy, Ranges([])) == []
    # 6月14日|电米哈伊洛维奇: the dateline's 电 glued to the name after a date
    text = "本报巴黎6月14日电米哈伊洛维奇在下半场"
    toks = _toks(("本报", "n"), ("巴黎", "LOC"), ("6月14日", "TIME"), ("电米哈伊洛维奇", "n"), ("在", "p"), ("下半场", "TIME"))
    spans = [NerSpan(10, 16, "PER", "pd", 0.995), NerSpan(10, 16, "PER", "clue", 0.972)]
    got = recovered(TokenView(text, toks), [], spans, policy, Ranges([]))
    assert [c.name for c in got] == ["米哈伊洛维奇"]
    assert any(_needs_tagger(text, toks)[10:16])
    # without the date before it, 电 is part of a word the span cuts
    toks = _toks(("本报", "n"), ("巴黎", "LOC"), ("6月14日", "n"), ("电米哈伊洛维奇", "n"), ("在", "p"), ("下半场", "TIME"))
    assert recovered(TokenView(text, toks), [], spans, policy, Ranges([])) == []


def test_a_name_like_word_opening_with_a_known_place_calls_the_tagger() -> None:
    from shuanglian.extract.entities.stage import _place_glued

    assert _place_glued(Token(0, 5, "长春雷阵雨", "nz"))
    assert not _place_glued(Token(0, 2, "长春", "nz")) and not _place_glued(Token(0, 5, "长春雷阵雨", "n"))
