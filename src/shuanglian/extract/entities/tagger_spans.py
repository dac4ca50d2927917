"""Confident tagger spans the rules left out, added back as candidates after the rules chose theirs.

The rules reject names whose shape they do not know (基辛格, 塞迪略: no Chinese surname) and LAC misses names the
tagger reads (世界银行 in a list, 中共十五大 cut in two). A span of the `pd` head whose CRF marginal clears the
policy's threshold for its label and that overlaps no chosen candidate and no blocked range goes through the
same filters as the rules' own candidates of that kind (place_cand, tagger_orgs, the person lists) and, when
it passes, becomes a candidate of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from shuanglian.extract.entities.candidates import Cand, TokenView
from shuanglian.extract.entities.groups import Ranges, in_ranges
from shuanglian.extract.entities.lexicon import (
    KINDS_ORG,
    generic,
    person_context,
    place_abbreviations,
    place_rules,
    standalone_abbreviations,
    tagger_gating,
)
from shuanglian.extract.entities.orgs import all_generic, is_non_name, kind_of, suffix_of, tagger_orgs
from shuanglian.extract.entities.people import is_name_shape, names_no_person
from shuanglian.extract.entities.place_mentions import (
    _cjk,
    common_words,
    demonym_pairing,
    excluded_by_convention,
    place_cand,
    placed_firm,
)
from shuanglian.extract.entities.places import normalise, place_index
from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import (
    _NAME_WORDS,
    _NO_FIRST,
    CLUE_AS_PD,
    breaks_name,
    org_plausible,
    overlap,
)
from shuanglian.extract.ner.tagger import NerSpan

_CLUE_ORGS = frozenset({"COM", "GOV", "ORGN"})
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,8}$|^[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)+$")


_LATIN_PERSON = re.compile(r"^[A-Za-z][A-Za-z.\-]{2,24}$")
_LATIN_SURE = 0.95  # the People's Daily head's marginal for a Latin-letter person
_LATIN_CLUE = 0.8  # and the CLUENER head's for the same span
_LATIN_LAC = 0.7  # the People's Daily head's marginal when LAC reads the very same word as a person too


def _latin_person(name: str, pd_conf: float, clue_conf: float, lac_person: bool = False) -> bool:
    """A name in Latin letters both heads read as a person, the People's Daily head surely (Danny, JohnCarpenter,
    Grubby: the guideline's persons are people's names in any script; the rules know only Chinese ones). When LAC
    reads the same word as a person, three readings agree and the People's Daily head needs less (JohnConnor at
    0.71: a Latin name is rarer in its training data than a Chinese one)."""
    sure = _LATIN_LAC if lac_person else _LATIN_SURE
    return bool(_LATIN_PERSON.match(name)) and pd_conf >= sure and clue_conf >= _LATIN_CLUE


def _standalone_place(text: str, words: Sequence[Token], ends: Sequence[int], s: NerSpan) -> str | None:
    """The province or city a sure one-character place span stands for (沪 -> 上海市) when it is LAC's whole word or
    the end of a two-character word of a verb of coming (抵沪, 赴榕) and no such character stands beside it (京津冀)."""
    names = standalone_abbreviations()
    full = names.get(text[s.start])
    if full is None:
        return None
    abbrev = names.keys() | place_abbreviations().keys()
    before, after = text[max(0, s.start - 1) : s.start], text[s.end : s.end + 1]
    inside, cut = overlap(words, ends, s)
    if len(inside) == 1 and not cut:
        return None if before in abbrev or after in abbrev else full
    if (len(cut) == 1 and len(cut[0].word) == 2 and cut[0].end == s.end and cut[0].word[0] in tagger_gating()["visit_verbs"]
            and after not in abbrev):
        return full
    return None


def _person_ok(name: str, clue_per: bool) -> bool:
    """A Chinese name of the rules' shape, or a name both heads read as a person (基辛格 has no surname)."""
    if not _PERSON.match(name) or name in person_context()["non_persons"]:
        return False
    return (is_name_shape(name) or clue_per) and (len(name) <= 4 or clue_per)


# LAC tags of a word the tagger may re-read as a name when the span is exactly that word
_NAME_TAGS = frozenset({"PER", "LOC", "ORG", "nz", "nw", "nr", "ns", "nt"})


def _dateline_glued(tokens: Sequence[Token], ends: Sequence[int], s: NerSpan, t: Token) -> bool:
    """A LAC word gluing a dateline's last character to the story's first name (本报巴黎6月14日|电米哈伊洛维奇): the
    span takes the rest of the word exactly, after a date."""
    if not (t.start == s.start - 1 and t.end == s.end and t.word.startswith(tagger_gating()["dateline_ends"])):
        return False
    i = bisect.bisect_right(ends, t.start) - 1
    return i >= 0 and tokens[i].end == t.start and tokens[i].tag == "TIME"


def _fits_words(text: str, tokens: Sequence[Token], ends: Sequence[int], s: NerSpan, agreed: bool) -> bool:
    """True when the span cuts no LAC word except one LAC already reads as the same kind of name (郜南摄 ->
    郜南), holds no word that breaks a name (combine.plausible), is not one common word (列席, 大学城 are
    words, not names), and a person holds no LAC place or organisation (沪|苏浙). `agreed`: both heads read
    the span with this label."""
    inside, cut = overlap(tokens, ends, s)
    if any(not (s.label == "PER" and t.tag == "PER") and not _dateline_glued(tokens, ends, s, t)
           and not (s.label == "ORG" and t.tag == "LOC" and t.end == s.end and placed_firm(t.word) == s.start - t.start)
           for t in cut):
        return False  # 上海|电气, 马克思|主义, 中国|电子: a piece of a longer word
    if len(inside) == 1 and inside[0].start == s.start and inside[0].end == s.end and inside[0].tag not in _NAME_TAGS:
        return False
    whole_place = agreed and len(inside) == 1 and not cut and inside[0].tag == "LOC"
    if s.label == "PER" and any(t.tag in ("LOC", "ORG") for t in inside) and not whole_place:
        return False  # 沪|苏浙; but 伊利埃斯库, a person both heads read, may be a whole LAC place
    if s.label == "PER" and agreed:
        # LAC cuts a name it does not know into function words (鄂|竟|平): only punctuation breaks a person
        return not any(t.tag == "w" and t.word != "·" for t in inside)
    return not any(breaks_name(t) for t in inside)


def _field_carrier(text: str, words: Sequence[Token], ends: Sequence[int], s: NerSpan) -> bool:
    """A carrier named by its field in common nouns that the tagger is sure of (草业|技术创新|中心 at 0.99):
    org_plausible wants a proper name inside; a suffix-typed name of common words, not all generic, opening on
    a noun, with more than its suffix, is a name too."""
    name = text[s.start : s.end]
    if s.conf < _FIELD_SURE or kind_of(name) is None or all_generic(name):
        return False
    inside, cut = overlap(words, ends, s)
    suffix = suffix_of(name)
    return not cut and len(inside) >= 2 and inside[0].tag == "n" and suffix is not None and len(suffix) < len(name)


_FIELD_SURE = 0.99


def _sure_place(view: TokenView, start: int, end: int) -> list[Cand]:
    """A place the tagger is sure of and LAC or the CLUENER head reads as a place too, which `place_cand` refused
    only on a guess about LAC's word (印度尼西亚 read as 印度 + 尼西亚, 恭城县 a short county name on no list):
    kept unless one of the product's conventions excludes it (rivers and lakes, buildings, zones typed by
    suffix, slogans, names inside a quoted name, pairings, sections of works)."""
    text = view.text
    if excluded_by_convention(text, start, end, common_words(view)):
        return []
    return [Cand(start, end, "place", text[start:end])]


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
    clue_conf = {(s.start, s.end, s.label): s.conf for s in spans if s.head == "clue"}
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
    # a LAC person word both heads read as that very person (乾隆, 西塞 beside 乔普拉): three readings agree
    lac_per = {(t.start, t.end) for t in words if t.tag == "PER"}
    for s in order:
        limit = thresholds.get("clue", 2.0) if s.head == "clue" else thresholds.get(s.label, 2.0)
        if s.head == "pd" and s.label == "PER" and (s.start, s.end) in lac_per and clue.get((s.start, s.end)) == "PER":
            limit = min(limit, thresholds.get("PER-lac", 2.0))
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
        latin = s.head == "pd" and _latin_person(name, s.conf, clue_conf.get((s.start, s.end, "PER"), 0.0),
                                                 (s.start, s.end) in lac_per)
        if s.label == "PER" and ((_person_ok(name, agreed) and not names_no_person(text, s.start, s.end)) or latin):
            cands = [Cand(s.start, s.end, "person", name)]
        elif s.label == "LOC" and len(name) == 1:
            # 中|美, 访|华: a one-character country only when the tagger is sure of it and it is on the list;
            # 在|京|举行, 抵沪: a province or city standing on its own (`_standalone_place`)
            full = place_abbreviations().get(name) or (_standalone_place(text, words, ends, s) if s.head == "pd" else None)
            if full and s.conf >= single and not demonym_pairing(text, s.start):
                cands = [Cand(s.start, s.end, "place", full)]
        elif s.label == "LOC" and clue.get((s.start, s.end), "LOC") in ("LOC", "SCENE") and not any(clue_org[s.start : s.end]):
            cands = place_cand(view, Token(s.start, s.end, name, "LOC"))
            if not cands and s.conf >= thresholds.get("LOC-sure", 2.0) and (
                    clue.get((s.start, s.end)) == "LOC" or any(t.tag == "LOC" and (t.start, t.end) == (s.start, s.end)
                                                            for t in overlap(words, ends, s)[0])):
                cands = _sure_place(view, s.start, s.end)
            if normalise(name) is None and s.conf < thresholds.get("LOC-unlisted", 0.0):
                cands = []  # a place on no list of ours (泰丰, 黄渤海 in reports) needs a surer tagger
        elif s.label == "ORG" and (org_plausible(text, words, ends, s) or _field_carrier(text, words, ends, s)):
            cands = tagger_orgs(view, [(s.start, s.end)], fallback="organization")
        cands = [c for c in cands if not in_ranges(c, blocked) and not any(used[c.start : c.end])]
        for c in cands:
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.extend(cands)
    # a recovered carrier may share its head with the list items before it (乳业、草业技术创新中心)
    taken = bytearray(len(text) + 1)
    for c in chosen:
        if c.kind != "industry":
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    out.extend(c for c in shared_heads(text, words, out) if not any(taken[c.start : c.end]))
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
    chosen = extended(view, chosen, orgs, words, ends)
    chosen = _bracketed(view, chosen, orgs, words, ends)
    chosen = _subsidiary_places(text, words, chosen)
    shared = shared_heads(text, words, chosen)
    if shared:
        spots = {(c.start, c.end) for c in shared}
        chosen = sorted([c for c in chosen if c.kind == "industry" or (c.start, c.end) not in spots] + shared,
                        key=lambda c: c.start)
    out: list[Cand] = []
    for c in chosen:
        inner = [s for s in orgs if c.start <= s.start and s.end <= c.end and (s.start, s.end) != (c.start, c.end)]
        if c.kind not in KINDS_ORG or not inner or c.attrs.get("session"):
            out.append(c)  # an event named with its session (首届|青稞产业发展大会) is not run on
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


_QUOTES = {"“": "”", "‘": "’", "「": "」"}
_BRACKET_TAIL = re.compile(r"^（[\u4e00-\u9fff]{2,8}）$")
_MAX_NAME = 32
_SESSION_OPEN = re.compile(r"^(?:第[一二三四五六七八九十百零\d]+届|(?:19|20)\d\d)")


def _edge_ok(text: str, words: Sequence[Token], ends: Sequence[int], start: int, end: int, opening: bool) -> bool:
    """True when text[start:end], added to a name on its left (`opening`) or right, cuts no LAC word, holds no
    word that breaks a name (paired quotes are kept: “一带一路”国际技术转移中心) and, on the left, opens on a
    word that can open a name (not 建设, 加快, 10个)."""
    if start >= end:
        return False
    inside, cut = overlap(words, ends, NerSpan(start, end, "ORG", "pd"))
    if cut or not inside:
        return False
    piece = text[start:end]
    quotes = [t for t in inside if t.word in _QUOTES or t.word in _QUOTES.values()]
    if quotes:
        depth = 0
        for ch in piece:
            depth += ch in _QUOTES
            depth -= ch in _QUOTES.values()
            if depth < 0:
                return False
        if depth:
            return False
    rest = [t for t in inside if t not in quotes]
    if any(breaks_name(t) and t.word not in "（）" for t in rest):
        return False
    first = rest[0] if rest else None
    if opening and (first is None or first.tag in _NO_FIRST):
        return False
    return not any(t.tag == "ORG" and kind_of(t.word) for t in rest)  # a complete organisation of its own


def extended(view: TokenView, chosen: Sequence[Cand], orgs: Sequence[NerSpan], words: Sequence[Token],
             ends: Sequence[int]) -> list[Cand]:
    """The rules' organisations whose walk stopped early, grown to a sure tagger organisation that ends where
    they end and starts before them (全国高校|区域技术转移转化中心: 高校 stopped the walk; “一带一路”|国际技术转移
    中心: the quote did), or that adds a bracketed place after them (…转化中心|（成渝地区）). The added text must
    cut no LAC word and hold no word that breaks a name; a place candidate inside it is part of the name (the
    gold's convention: a place prefix of an organisation is not a place mention) and is dropped; any other
    chosen name there stops the growth."""
    text = view.text
    out = list(chosen)
    for c in list(out):  # `out` loses the places each growth swallows: c is found in it by identity
        if c.kind not in KINDS_ORG or _SESSION_OPEN.match(c.name):
            continue  # 哈尔滨|第九届亚冬会: an event's session opens its name, the host city is a place
        best: tuple[int, int] | None = None
        for s in orgs:
            start, end = c.start, c.end
            if s.start < c.start and s.end == c.end:
                if not _edge_ok(text, words, ends, s.start, c.start, True):
                    continue
                start = s.start
            elif s.start <= c.start and s.end > c.end and _BRACKET_TAIL.match(text[c.end : s.end]):
                if s.start < c.start and not _edge_ok(text, words, ends, s.start, c.start, True):
                    continue
                start, end = s.start, s.end
            else:
                continue
            if end - start <= _MAX_NAME and (best is None or end - start > best[1] - best[0]):
                best = (start, end)
        if best is None:
            continue
        start, end = best
        others = [o for o in out if o is not c and o.start < end and start < o.end and o.kind != "industry"]
        if any(o.kind != "place" or o.start < start or o.end > end for o in others):
            continue
        new = Cand(start, end, c.kind, text[start:end], c.prio, dict(c.attrs))
        drop = {id(o) for o in others}
        out = [new if o is c else o for o in out if id(o) not in drop]
    return sorted(out, key=lambda c: c.start)


# LAC tags of a word that may be one item of a list sharing the next item's head (乳业、草业|技术创新中心)
_ITEM_TAGS = frozenset({"n", "nz", "nw", "LOC", "ORG", "j"})
# carriers whose heads lists share (not bodies: 国家主席、中央军委主席 shares no 委)
_SHARED_KINDS = frozenset({"platform", "lab", "research_institute"})


def shared_heads(text: str, words: Sequence[Token], cands: Sequence[Cand]) -> list[Cand]:
    """Carriers a list shares one head over (乳业、草业技术创新中心 -> 乳业技术创新中心; 大青山、鄂尔多斯实验室 ->
    大青山实验室): for an organisation whose name before its suffix is short (2-4 characters) and follows 、, each item
    before it that is one LAC word of a name-like tag, standing alone between list marks or after a word that
    breaks a name, with the head gives a name the rules type by suffix. The new candidate covers the item's
    word and carries the full name (attrs resolved, so the name is kept)."""
    by_end = {t.end: t for t in words}
    generic_parts = generic()["generic_name_parts"]
    place_ends = place_rules()["item_place_ends"]  # 金融街、丽泽金融商务区: a street is no short name
    out: list[Cand] = []
    for c in cands:
        suffix = suffix_of(c.name) if c.kind in _SHARED_KINDS else None
        if suffix is None or len(suffix) < 2 or not 2 <= len(c.name) - len(suffix) <= 4 or c.start < 2 or text[c.start - 1] != "、":
            continue
        if text[c.start : c.end] != c.name:
            continue
        head = suffix
        pos = c.start - 1
        while pos > 0 and text[pos] == "、":
            item = by_end.get(pos)
            if (item is None or item.tag not in _ITEM_TAGS or not 2 <= len(item.word) <= 4 or item.word in generic_parts
                    or item.word in place_index() or suffix_of(item.word) is not None or item.word[-1] in place_ends):
                break
            before = by_end.get(item.start)
            if before is not None and not (before.word == "、" or breaks_name(before)):
                break  # 支持企业|科技、…: the item is the tail of a longer phrase
            name = item.word + head
            if kind_of(name) != c.kind or is_non_name(name) or kind_of(item.word):
                break
            out.append(Cand(item.start, item.end, c.kind, name, c.prio, {"resolved": True}))
            pos = item.start - 1
    return out


def _subsidiary_places(text: str, words: Sequence[Token], chosen: Sequence[Cand]) -> list[Cand]:
    """`chosen` without the places written right after an enterprise and before more of a name (陕煤|榆林|化学二期:
    the subsidiary's name holds its seat; the gold's convention: a place inside an organisation's name is no place
    mention). The place must end on a LAC word boundary followed by a word that can continue a name."""
    ends = {c.end for c in chosen if c.kind == "enterprise"}
    by_start = {t.start: t for t in words}
    out: list[Cand] = []
    for c in chosen:
        nxt = by_start.get(c.end)
        if (c.kind == "place" and c.start in ends and nxt is not None and _cjk(nxt.word[:1])
                and nxt.tag in _NAME_GOES_ON and not breaks_name(nxt)):
            continue
        out.append(c)
    return out


# LAC tags of the word after a seat that carries a subsidiary's name on (化学, 能源, 储热)
_NAME_GOES_ON = frozenset({"n", "nz", "vn", "ORG", "nw"})


_BRACKET_IN = re.compile(r"[^（）]{2,}（[\u4e00-\u9fff]{2,6}）[^（）]{2,}")
_BRACKET_SURE = 0.95
_PLACE_LED_SURE = 0.99
# words that never sit inside a place-led carrier's name: punctuation, prepositions, connectives, particles
_LED_BREAKS = frozenset({"w", "p", "c", "u", "r", "m", "q", "d", "xc"})


def _bracketed(view: TokenView, chosen: Sequence[Cand], orgs: Sequence[NerSpan], words: Sequence[Token],
               ends: Sequence[int]) -> list[Cand]:
    """`chosen` with a carrier the tagger is sure of (>= 0.95) that holds a bracketed place inside its name
    (蒙东（通辽）高端重型装备制造基地, 北方（沧州）跨境电商物流基地) put in place of the persons and places the rules
    read there; typed by the rules (tagger_orgs), cutting no LAC word, and only where no organisation was chosen."""
    text = view.text
    out = list(chosen)
    for s in orgs:
        name = text[s.start : s.end]
        if s.conf < _BRACKET_SURE or kind_of(name) in (None, "government"):
            continue
        inside, cut = overlap(words, ends, s)
        if cut or not inside or inside[0].tag in _NO_FIRST:
            continue
        hit = [c for c in out if c.start < s.end and s.start < c.end]
        if not _BRACKET_IN.fullmatch(name) and not (
                s.conf >= _PLACE_LED_SURE and len(inside) >= 3 and inside[0].tag == "LOC"
                and any(c.kind == "place" and c.start == s.start for c in hit)
                and not any(t.tag in _LED_BREAKS for t in inside)):
            # 山西|转型|综改示范区, 亚洲|冬季|运动…训练中心: a carrier opening on its place, whose verb or season
            # word stopped the rules, is read whole when the tagger is sure of it
            continue
        if any(c.kind not in ("place", "person", "industry") or c.start < s.start or c.end > s.end for c in hit):
            continue
        new = tagger_orgs(view, [(s.start, s.end)])
        if len(new) != 1 or (new[0].start, new[0].end) != (s.start, s.end):
            continue
        drop = {id(c) for c in hit if c.kind != "industry"}
        out = sorted([c for c in out if id(c) not in drop] + new, key=lambda c: c.start)
    return out
