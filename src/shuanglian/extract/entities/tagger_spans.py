"""Confident tagger spans the rules left out, added back as candidates after the rules chose theirs.

The rules reject names whose shape they do not know (基辛格, 塞迪略: no Chinese surname) and LAC misses names the
tagger reads (世界银行 in a list, 中共十五大 cut in two). A span of the `pd` head whose CRF marginal clears the
policy's threshold for its label and that overlaps no chosen candidate and no blocked range goes through the
same filters as the rules' own candidates of that kind (place_cand, tagger_orgs, the person lists) and, when
it passes, becomes a candidate of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from shuanglian.extract.entities.candidates import Cand, TokenView
from shuanglian.extract.entities.groups import Ranges, in_ranges
from shuanglian.extract.entities.lexicon import KINDS_ORG, generic, person_context, place_abbreviations
from shuanglian.extract.entities.orgs import is_non_name, suffix_of, tagger_orgs
from shuanglian.extract.entities.people import is_name_shape
from shuanglian.extract.entities.place_mentions import (
    _NAME_JOINS,
    _NON_PLACE_TAILS,
    _SLOGAN_PREFIXES,
    _WATERS,
    _WORK_PARTS,
    _abbreviations,
    _cjk,
    _in_quoted_name,
    place_cand,
)
from shuanglian.extract.entities.places import normalise
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import _NAME_WORDS, CLUE_AS_PD, breaks_name, org_plausible, overlap
from shuanglian.extract.ner.tagger import NerSpan

_CLUE_ORGS = frozenset({"COM", "GOV", "ORGN"})
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,8}$|^[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)+$")


def _person_ok(name: str, clue_per: bool) -> bool:
    """A Chinese name of the rules' shape, or a name both heads read as a person (基辛格 has no surname)."""
    if not _PERSON.match(name) or name in person_context()["non_persons"]:
        return False
    return (is_name_shape(name) or clue_per) and (len(name) <= 4 or clue_per)


# LAC tags of a word the tagger may re-read as a name when the span is exactly that word
_NAME_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw", "nr", "ns", "nt"})


def _fits_words(text: str, tokens: Sequence[Token], ends: Sequence[int], s: NerSpan, agreed: bool) -> bool:
    """True when the span cuts no LAC word except one LAC already reads as the same kind of name (郜南摄 ->
    郜南), holds no word that breaks a name (combine.plausible), is not one common word (列席, 大学城 are
    words, not names), and a person holds no LAC place or organisation (沪|苏浙). `agreed`: both heads read
    the span with this label."""
    inside, cut = overlap(tokens, ends, s)
    if any(not (s.label == "PER" and t.tag == "PER") for t in cut):
        return False  # 上海|电气, 马克思|主义, 中国|电子: a piece of a longer word
    if len(inside) == 1 and inside[0].start == s.start and inside[0].end == s.end and inside[0].tag not in _NAME_TAGS:
        return False
    if s.label == "PER" and any(t.tag in ("LOC", "ORG") for t in inside):
        return False
    if s.label == "PER" and agreed:
        # LAC cuts a name it does not know into function words (鄂|竟|平): only punctuation breaks a person
        return not any(t.tag == "w" and t.word != "·" for t in inside)
    return not any(breaks_name(t) for t in inside)


def _sure_place(text: str, start: int, end: int) -> list[Cand]:
    """A place the tagger is sure of and LAC or the CLUENER head reads as a place too, which `place_cand` refused
    only on a guess about LAC's word (印度尼西亚 read as 印度 + 尼西亚, 恭城县 a short county name on no list):
    kept unless one of the product's conventions excludes it (rivers and lakes, buildings, zones typed by
    suffix, slogans, names inside a quoted name, pairings, sections of works)."""
    w = text[start:end]
    if (len(w) < 2 or w.isascii() or is_non_name(w) or w in generic()["non_places"] or w.endswith(_NON_PLACE_TAILS)
            or w.endswith(_WATERS) or w.endswith(_WORK_PARTS) or _abbreviations(w) or suffix_of(w, grammar_only=True)):
        return []
    if text[max(0, start - 2) : start] in _SLOGAN_PREFIXES or _in_quoted_name(text, start, end):
        return []
    if text[end : end + 1] in _NAME_JOINS and _cjk(text[end + 1 : end + 2]):
        return []
    return [Cand(start, end, "place", w)]


def recovered(view: TokenView, chosen: Sequence[Cand], spans: Sequence[NerSpan], thresholds: Mapping[str, float],
              blocked: Ranges, single: float = 2.0, lac: Sequence[Token] | None = None) -> list[Cand]:
    """Candidates for the tagger's confident spans (`thresholds`: label -> minimum marginal) that overlap no
    chosen candidate and no blocked range, each under its kind's rules; a one-character place needs `single`.

    `lac` are LAC's own tokens (before the tagger's spans replaced some), which the span is checked against."""
    text = view.text
    used = bytearray(len(text) + 1)
    for c in chosen:
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
    clue = {(s.start, s.end): s.label for s in spans if s.head == "clue"}
    # a place the CLUENER head reads (in part) as an organisation (泰丰 COM) is a brand or a body: not recovered
    clue_org = bytearray(len(text) + 1)
    for sp in spans:
        if sp.head == "clue" and sp.label in _CLUE_ORGS:
            clue_org[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    words = list(lac) if lac is not None else view.tokens
    ends = [t.end for t in words]
    out: list[Cand] = []
    # the CLUENER head's organisations (company, government, organization) come after the People's Daily
    # head's spans, read as ORG, under the threshold of the label "clue"
    order = [s for s in spans if s.head == "pd"] + [
        NerSpan(s.start, s.end, "ORG", "clue", s.conf) for s in spans if s.head == "clue" and s.label in _CLUE_ORGS]
    for s in order:
        limit = thresholds.get("clue", 2.0) if s.head == "clue" else thresholds.get(s.label, 2.0)
        if s.conf < limit or any(used[s.start : s.end]):
            continue
        name = text[s.start : s.end]
        if name.strip() != name:
            # the tagger sometimes opens a span on the space before a name (省长 王正谱)
            lead = len(name) - len(name.lstrip())
            s = NerSpan(s.start + lead, s.start + lead + len(name.strip()), s.label, s.head, s.conf)
            name = text[s.start : s.end]
            if not name or any(used[s.start : s.end]):
                continue
        agreed = CLUE_AS_PD.get(clue.get((s.start, s.end), ""), "") == s.label
        if len(name) > 1 and not _fits_words(text, words, ends, s, agreed):
            continue
        cands: list[Cand] = []
        if s.label == "PER" and _person_ok(name, agreed):
            cands = [Cand(s.start, s.end, "person", name)]
        elif s.label == "LOC" and len(name) == 1:
            # 中|美, 访|华: a one-character country only when the tagger is sure of it and it is on the list
            full = place_abbreviations().get(name)
            if full and s.conf >= single:
                cands = [Cand(s.start, s.end, "place", full)]
        elif s.label == "LOC" and clue.get((s.start, s.end), "LOC") in ("LOC", "SCENE") and not any(clue_org[s.start : s.end]):
            cands = place_cand(view, Token(s.start, s.end, name, "LOC"))
            if not cands and s.conf >= thresholds.get("LOC-sure", 2.0) and (
                    clue.get((s.start, s.end)) == "LOC" or any(t.tag == "LOC" and (t.start, t.end) == (s.start, s.end)
                                                            for t in overlap(words, ends, s)[0])):
                cands = _sure_place(text, s.start, s.end)
            if normalise(name) is None and s.conf < thresholds.get("LOC-unlisted", 0.0):
                cands = []  # a place on no list of ours (泰丰, 黄渤海 in reports) needs a surer tagger
        elif s.label == "ORG" and org_plausible(text, words, ends, s):
            cands = tagger_orgs(view, [(s.start, s.end)], fallback="organization")
        cands = [c for c in cands if not in_ranges(c, blocked) and not any(used[c.start : c.end])]
        for c in cands:
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.extend(cands)
    return out



def _run_on(tokens: Sequence[Token], ends: Sequence[int], start: int, end: int) -> bool:
    """True when LAC's words in [start, end) hold one that never sits inside a name (日前, 特向, 有) or a
    dateline (本报讯): the rules' name ran on past the organisation's edge."""
    if start >= end:
        return False
    piece = NerSpan(start, end, "ORG", "pd")
    inside, cut = overlap(tokens, ends, piece)
    return any(breaks_name(t) or (t.tag == "vn" and t.word not in _NAME_WORDS) or t.word.endswith(("本报讯", "消息"))
               for t in inside + cut)


def trimmed(view: TokenView, chosen: Sequence[Cand], spans: Sequence[NerSpan], sure: float,
            lac: Sequence[Token] | None = None) -> list[Cand]:
    """The rules' organisations with a run-on edge cut back to the tagger's sure organisation inside them
    (本报讯|中国东方电气集团公司, 河南文艺出版社|日前特向北大图书馆): a name the tagger (marginal >= `sure`) ends
    where the rules' name ends keeps the rules' kind; one that starts where it starts is typed again by the rules
    (tagger_orgs). The edge is cut only when LAC's words there break a name."""
    text = view.text
    words = list(lac) if lac is not None else view.tokens
    ends = [t.end for t in words]
    orgs = [s for s in spans if s.head == "pd" and s.label == "ORG" and s.conf >= sure]
    if not orgs:
        return list(chosen)
    out: list[Cand] = []
    for c in chosen:
        inner = [s for s in orgs if c.start <= s.start and s.end <= c.end and (s.start, s.end) != (c.start, c.end)]
        if c.kind not in KINDS_ORG or not inner:
            out.append(c)
            continue
        new: list[Cand] = []
        for s in inner:
            if s.end == c.end and _run_on(words, ends, c.start, s.start):
                new = [Cand(s.start, s.end, c.kind, text[s.start : s.end], c.prio, dict(c.attrs))]
            elif s.start == c.start and _run_on(words, ends, s.end, c.end):
                new = tagger_orgs(view, [(s.start, s.end)], fallback="organization")
            if new:
                break
        out.extend(new or [c])
    return out
