"""Combination v6 (issue 8, news benchmarks): one test per rule class (model card, "Combination v6")."""

from __future__ import annotations

from shuanglian.extract.entities.stage import NER_POLICY, _body_word, _needs_tagger
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import Policy, overrule
from shuanglian.extract.ner.tagger import NerSpan
from tests.extract.tokens import toks as _toks


def _tags(text: str, toks: list[Token], spans: list[NerSpan], policy: Policy) -> list[tuple[str, str]]:
    return [(t.word, t.tag) for t in overrule(text, toks, spans, policy)]


def test_a_club_named_by_a_place_or_person_is_an_organisation() -> None:
    policy = Policy(take={"ORG": 0.5, "PER": 0.95, "LOC": 0.97}, sure=0.97, clash=0.7, club=0.9)
    # a club the CLUENER head reads as an organisation over a LAC place the People's Daily head is unsure of
    text = "让罗马大胜切尔西。"
    toks = _toks(("让", "v"), ("罗马", "LOC"), ("大胜", "v"), ("切尔西", "ORG"), ("。", "w"))
    spans = [NerSpan(1, 3, "LOC", "pd", 0.92), NerSpan(1, 3, "ORGN", "clue", 0.92)]
    assert ("罗马", "ORG") in _tags(text, toks, spans, policy)
    # over a LAC person (富勒姆 read as a person by LAC and the People's Daily head)
    text = "富勒姆主场本季无忧"
    toks = _toks(("富勒姆", "PER"), ("主场", "n"), ("本季", "n"), ("无忧", "v"))
    spans = [NerSpan(0, 3, "PER", "pd", 0.86), NerSpan(0, 3, "ORGN", "clue", 1.0)]
    assert _tags(text, toks, spans, policy)[0] == ("富勒姆", "ORG")
    # a place the People's Daily head is sure of stays (奥地利 at 0.98), as does one the CLUENER head is unsure of
    text = "只有奥地利在客场"
    toks = _toks(("只有", "c"), ("奥地利", "LOC"), ("在", "p"), ("客场", "n"))
    assert ("奥地利", "LOC") in _tags(
        text, toks, [NerSpan(2, 5, "LOC", "pd", 0.98), NerSpan(2, 5, "ORGN", "clue", 0.99)], policy
    )
    assert ("奥地利", "LOC") in _tags(text, toks, [NerSpan(2, 5, "ORGN", "clue", 0.6)], policy)
    # a government reading (GOV) is no club: 美军, 深圳市 stay as LAC reads them; off by default
    assert ("奥地利", "LOC") in _tags(text, toks, [NerSpan(2, 5, "GOV", "clue", 0.99)], policy)
    assert ("奥地利", "LOC") in _tags(
        text, toks, [NerSpan(2, 5, "ORGN", "clue", 0.99)], Policy(take={"ORG": 0.5})
    )
    # a span cutting a LAC word, or holding no LAC place or person, is not taken
    text = "凯尔特人或许"
    toks = _toks(("凯尔特", "ORG"), ("人", "n"), ("或许", "d"))
    assert _tags(text, toks, [NerSpan(0, 4, "ORGN", "clue", 1.0)], policy)[0] == ("凯尔特", "ORG")
    text = "罗马尼亚队"
    toks = _toks(("罗马尼亚", "LOC"), ("队", "n"))
    assert _tags(text, toks, [NerSpan(0, 2, "ORGN", "clue", 1.0)], policy)[0] == ("罗马尼亚", "LOC")
    assert NER_POLICY.club <= 1.0  # shipped on


def test_a_team_or_body_word_lac_reads_as_a_verb_or_adjective_sends_its_sentence_to_the_tagger() -> None:
    assert _body_word(Token(0, 4, "立陶宛队", "v")) and _body_word(Token(0, 5, "斯图加特队", "v"))
    assert _body_word(Token(0, 4, "前卫体协", "n")) and _body_word(Token(0, 3, "空天军", "a"))
    # short or ordinary words stay unmarked
    assert not _body_word(Token(0, 2, "插队", "v")) and not _body_word(Token(0, 3, "不结局", "d"))
    text = "战胜过立陶宛队。"
    toks = _toks(("战胜", "v"), ("过", "u"), ("立陶宛队", "v"), ("。", "w"))
    marks = _needs_tagger(text, toks)
    assert any(marks[3:7]) and not any(marks[:3])


def test_a_lac_person_both_heads_read_as_that_person_is_recovered_at_a_lower_marginal() -> None:
    from shuanglian.extract.entities.candidates import TokenView
    from shuanglian.extract.entities.groups import Ranges
    from shuanglian.extract.entities.tagger_spans import recovered

    text = "仍是西塞和乔普拉领衔"
    toks = _toks(("仍是", "v"), ("西塞", "PER"), ("和", "c"), ("乔普拉", "PER"), ("领衔", "v"))
    spans = [NerSpan(2, 4, "PER", "pd", 0.87), NerSpan(2, 4, "PER", "clue", 0.86)]
    th = {"PER": 0.9, "PER-lac": 0.7}
    got = recovered(TokenView(text, toks), [], spans, th, Ranges([]), lac=toks)
    assert [(c.name, c.kind) for c in got] == [("西塞", "person")]
    # two readings only: LAC not reading the person, the CLUENER head reading none, or no such threshold
    plain = _toks(("仍是", "v"), ("西塞", "nz"), ("和", "c"), ("乔普拉", "PER"), ("领衔", "v"))
    assert recovered(TokenView(text, plain), [], spans, th, Ranges([]), lac=plain) == []
    assert recovered(TokenView(text, toks), [], spans[:1], th, Ranges([]), lac=toks) == []
    assert recovered(TokenView(text, toks), [], spans, {"PER": 0.9}, Ranges([]), lac=toks) == []
    # below the lower marginal
    low = [NerSpan(2, 4, "PER", "pd", 0.6), NerSpan(2, 4, "PER", "clue", 0.86)]
    assert recovered(TokenView(text, toks), [], low, th, Ranges([]), lac=toks) == []
    assert NER_POLICY.recover["PER-lac"] == 0.7
