"""Reviewer finding on combine._forces (mend1): a title ending in 军 (冠军) is no armed force."""

from __future__ import annotations

from shuanglian.extract.ner.tagger import NerSpan
from tests.extract.test_news_v7 import _kinds, _toks


def test_a_champion_of_a_country_is_no_armed_force() -> None:
    text = "法国冠军随即出场"
    toks = _toks(("法国冠军", "n"), ("随即", "d"), ("出场", "v"))
    spans = [NerSpan(0, 2, "LOC", "pd", 0.99), NerSpan(0, 4, "GOV", "clue", 0.997)]
    assert _kinds(text, toks, spans).get("法国冠军") != "organization"
    text = "四处传播美军扔掉步枪的消息"
    toks = _toks(("四处", "s"), ("传播", "v"), ("美军", "n"), ("扔掉", "v"), ("步枪", "n"), ("的", "u"), ("消息", "n"))
    spans = [NerSpan(4, 5, "LOC", "pd", 0.985), NerSpan(4, 6, "GOV", "clue", 0.997)]
    assert _kinds(text, toks, spans).get("美军") == "organization"
