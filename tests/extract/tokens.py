"""Hand-built LAC token runs for the combination tests (test_news_v5 … v8): one builder, not one per file."""

from __future__ import annotations

from shuanglian.extract.entities import extract_entities
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.tagger import NerSpan


def toks(*words: tuple[str, str]) -> list[Token]:
    """Consecutive tokens from (word, tag) pairs, offsets counted from 0."""
    out, at = [], 0
    for w, tag in words:
        out.append(Token(at, at + len(w), w, tag))
        at += len(w)
    return out


def kinds(text: str, tokens: list[Token], spans: list[NerSpan]) -> dict[str, str]:
    """Each entity span's text and kind, as the entity stage gives them from these tokens and tagger spans."""
    return {text[a:b]: m.kind for m in extract_entities(text, tokens, ner=spans) for a, b in m.spans}
