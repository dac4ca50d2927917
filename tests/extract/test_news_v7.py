"""Combination v7 (issue 8, news benchmarks; error classes read on MSRA dev and the CLUENER dev part only):
one test per class the combine layer lost against the tagger alone."""

from __future__ import annotations

from shuanglian.extract.ner.tagger import NerSpan
from tests.extract.tokens import kinds as _kinds
from tests.extract.tokens import toks as _toks


def test_a_club_named_by_a_world_city_or_country_stays_an_organisation() -> None:
    # the combine layer takes the club (Policy.club); the rules' world-place reading of an ORG word
    # (place_mentions._foreign_place, lac_orgs' place skip) must not turn it back into the city
    text = "而他们的对手热那亚虽然上轮惨败给尤文图斯。"
    toks = _toks(("而", "c"), ("他们", "r"), ("的", "u"), ("对手", "n"), ("热那亚", "LOC"), ("虽然", "c"),
                 ("上", "v"), ("轮", "q"), ("惨败", "v"), ("给", "p"), ("尤文图斯", "ORG"), ("。", "w"))
    spans = [NerSpan(6, 9, "ORG", "pd", 0.80), NerSpan(6, 9, "ORGN", "clue", 1.0),
             NerSpan(16, 20, "ORG", "pd", 0.93), NerSpan(16, 20, "ORGN", "clue", 1.0)]
    kinds = _kinds(text, toks, spans)
    assert kinds["热那亚"] != "place" and kinds["尤文图斯"] != "place"
    text = "让罗马大胜切尔西。"
    toks = _toks(("让", "v"), ("罗马", "LOC"), ("大胜", "v"), ("切尔西", "ORG"), ("。", "w"))
    spans = [NerSpan(1, 3, "LOC", "pd", 0.92), NerSpan(1, 3, "ORGN", "clue", 0.92)]
    assert _kinds(text, toks, spans)["罗马"] != "place"
    # the same city read surely as a place by the People's Daily head stays a place
    text = "他前往罗马访问。"
    toks = _toks(("他", "r"), ("前往", "v"), ("罗马", "LOC"), ("访问", "v"), ("。", "w"))
    spans = [NerSpan(3, 5, "LOC", "pd", 0.99), NerSpan(3, 5, "LOC", "clue", 0.95)]
    assert _kinds(text, toks, spans)["罗马"] == "place"


def test_a_place_in_a_quoted_sentence_of_speech_is_a_mention() -> None:
    # a quote ending a sentence (。！？) is speech: the place in it is named (not a quoted name such as “中国天眼”)
    text = "他说：“难得享受北京的春天。”"
    toks = _toks(("他", "r"), ("说", "v"), ("：", "w"), ("“", "w"), ("难得", "ad"), ("享受", "v"), ("北京", "LOC"),
                 ("的", "u"), ("春天", "TIME"), ("。", "w"), ("”", "w"))
    assert _kinds(text, toks, [])["北京"] == "place"
    text = "建设“中国天眼”工程"
    toks = _toks(("建设", "v"), ("“", "w"), ("中国", "LOC"), ("天眼", "n"), ("”", "w"), ("工程", "n"))
    assert "中国" not in _kinds(text, toks, [])


def test_an_armed_force_named_by_its_country_is_an_organisation() -> None:
    # the CLUENER head reads 美军 as a body, the People's Daily head only 美 as a place: the force is the mention
    # (armed forces are organisations, as 人民解放军 in the real gold), not the country inside its name
    text = "四处传播美军扔掉步枪的消息"
    toks = _toks(("四处", "s"), ("传播", "v"), ("美军", "n"), ("扔掉", "v"), ("步枪", "n"), ("的", "u"), ("消息", "n"))
    spans = [NerSpan(4, 5, "LOC", "pd", 0.985), NerSpan(4, 6, "GOV", "clue", 0.997)]
    kinds = _kinds(text, toks, spans)
    assert kinds.get("美军") == "organization" and "美" not in kinds
    # troops named by where they are (埃及部队) are a description: the place stays
    text = "埃及部队随即开枪"
    toks = _toks(("埃及", "LOC"), ("部队", "n"), ("随即", "d"), ("开枪", "v"))
    spans = [NerSpan(0, 2, "LOC", "pd", 0.99), NerSpan(0, 4, "GOV", "clue", 0.95)]
    assert _kinds(text, toks, spans).get("埃及") == "place"
    # a club named by a city is an organisation too (the guideline's organization), not a company
    text = "让罗马大胜切尔西。"
    toks = _toks(("让", "v"), ("罗马", "LOC"), ("大胜", "v"), ("切尔西", "ORG"), ("。", "w"))
    spans = [NerSpan(1, 3, "LOC", "pd", 0.92), NerSpan(1, 3, "ORGN", "clue", 0.92)]
    assert _kinds(text, toks, spans)["罗马"] == "organization"
