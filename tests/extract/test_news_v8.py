"""Issue 8, real-error classes left over from the news benchmarks and the real gold (read on MSRA dev, the CLUENER
dev part and real-gold half A only): one test per class."""

from __future__ import annotations

from shuanglian.extract.entities import extract_entities
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.tagger import NerSpan


def _toks(*words: tuple[str, str]) -> list[Token]:
    out, at = [], 0
    for w, tag in words:
        out.append(Token(at, at + len(w), w, tag))
        at += len(w)
    return out


def _kinds(text: str, toks: list[Token], spans: list[NerSpan]) -> dict[str, str]:
    return {text[a:b]: m.kind for m in extract_entities(text, toks, ner=spans) for a, b in m.spans}


def test_a_listed_first_item_starts_after_the_verb_that_opens_the_list() -> None:
    # 企业|有|李宁、康威…等公司: the list's first member is 李宁, not 企业有李宁
    text = "国内著名企业有李宁、康威、英派斯等公司。"
    toks = _toks(("国内", "s"), ("著名", "a"), ("企业", "n"), ("有", "v"), ("李宁", "PER"), ("、", "w"),
                 ("康威", "ORG"), ("、", "w"), ("英派斯", "ORG"), ("等", "u"), ("公司", "n"), ("。", "w"))
    kinds = _kinds(text, toks, [])
    assert "企业有李宁" not in kinds
    assert kinds.get("李宁") == "enterprise" and kinds.get("康威") == "enterprise"
