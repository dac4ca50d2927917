"""Tagger spans merged into LAC's tokens, so the rules type, complete and veto what the model proposes.

The tagger's PER/LOC/ORG spans (People's Daily head) become single tokens with that tag: a long name
LAC cut in pieces (中国(焦作)实验室技术装配产业创新中心) comes out whole, and every rule downstream
(suffix grammar, gazetteers, place normalisation, non-name lists) sees it as it sees LAC's own names.
The CLUENER head's organisation labels (company/government/organization) are kept as kind hints for
names no suffix or gazetteer types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shuanglian.extract.lac import Token
from shuanglian.extract.ner.tagger import NerSpan

ENTITY_TAGS = ("PER", "LOC", "ORG")
CLUE_KINDS = {"COM": "enterprise", "GOV": "government", "ORGN": "organization"}


@dataclass
class Merged:
    """Tokens after merging, and kind hints (span -> organisation kind) from the CLUENER head."""

    tokens: list[Token]
    hints: dict[tuple[int, int], str] = field(default_factory=dict)


def _split_at(tokens: Sequence[Token], cuts: set[int]) -> list[Token]:
    """Cut tokens at every position of `cuts` inside them (the pieces keep the token's tag)."""
    out: list[Token] = []
    for t in tokens:
        inner = sorted(p for p in range(t.start + 1, t.end) if p in cuts) if len(t.word) > 1 else []
        if not inner:
            out.append(t)
            continue
        for a, b in zip([t.start, *inner], [*inner, t.end], strict=True):
            out.append(Token(a, b, t.word[a - t.start : b - t.start], t.tag))
    return out


def merge(text: str, tokens: Sequence[Token], spans: Sequence[NerSpan], keep_lac: bool = True) -> Merged:
    """LAC tokens with the tagger's entity spans as whole tokens.

    A span of one character or of whitespace is ignored (日, 周 are never names on their own). With
    `keep_lac` False, LAC's PER/LOC/ORG words the tagger did not also mark are demoted to plain nouns.
    """
    toks = list(tokens)
    ents = sorted((s for s in spans if s.head == "pd" and s.label in ENTITY_TAGS and s.end - s.start >= 2
                   and text[s.start : s.end].strip() == text[s.start : s.end]), key=lambda s: s.start)
    covered = bytearray(len(text) + 1)
    for s in ents:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    toks = _split_at(toks, {p for s in ents for p in (s.start, s.end)})
    if ents:
        by_start = {s.start: s for s in ents}
        out: list[Token] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            s = by_start.get(t.start)
            if s is None:
                out.append(t)
                i += 1
                continue
            out.append(Token(s.start, s.end, text[s.start : s.end], s.label))
            while i < len(toks) and toks[i].end <= s.end:
                i += 1
        toks = out
    if not keep_lac:
        toks = [Token(t.start, t.end, t.word, "n") if t.tag in ENTITY_TAGS and not any(covered[t.start : t.end]) else t
                for t in toks]
    hints = {(s.start, s.end): CLUE_KINDS[s.label] for s in spans if s.head == "clue" and s.label in CLUE_KINDS}
    return Merged(toks, hints)
