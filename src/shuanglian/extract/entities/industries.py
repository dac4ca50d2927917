"""Industry terms (生物医药, 集成电路…) matched on LAC word boundaries, and industries stated for an org."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView
from shuanglian.extract.entities.field_lists import reading as field_reading
from shuanglian.extract.entities.lexicon import (
    generic,
    industries,
    industry_automaton,
    industry_grammar,
    org_gazetteer,
)
from shuanglian.extract.entities.places import place_index
from shuanglian.extract.lac import Token

# verbs that state what an organisation works on (专注于人工智能, 聚焦生物医药)
_STATES = re.compile(r"(专注|聚焦|从事|深耕|布局|致力于|主营|主攻|围绕|面向|立足|发力|涉足|瞄准)")
_TAILS = ("产业", "行业", "领域", "企业", "集群", "发展")
_SENTENCE = re.compile(r"[。！？；!?;\n]")


FIELD = "field"  # internal kind: a term naming a facility's field, dropped before selection


@cache
def grammar_extra() -> dict[str, Any]:
    """Keys of industry_grammar.yaml that lexicon.industry_grammar does not load (sector_ends…)."""
    ref = resources.files("shuanglian.extract") / "data" / "industry_grammar.yaml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    return {"sector_ends": tuple(data.get("sector_ends", [])),
            "sector_names_not_industries": frozenset(data.get("sector_names_not_industries", [])),
            "domain_tails": tuple(data.get("domain_tails", [])),
            "goods_list_heads": tuple(data.get("goods_list_heads", [])),
            "sector_words": frozenset(data.get("sector_words", [])),
            "sector_stems": frozenset(data.get("sector_stems", [])),
            "list_item_not_ends": tuple(data.get("list_item_not_ends", [])),
            "economy_anchors": frozenset(data.get("economy_anchors", []))}


MAX_GOODS_ITEM = 8


@cache
def _goods_list() -> re.Pattern[str]:
    """The rest of a list after an item, closed by 等 + a head naming goods (、家电等大宗消费): `goods_list_heads`."""
    heads = "|".join(map(re.escape, grammar_extra()["goods_list_heads"]))
    return re.compile(rf"(?:、[^，。；、！？\n]{{1,{MAX_GOODS_ITEM}}}?)*等(?:{heads})")


_SLOGAN_PLUS = frozenset("+＋")


def _paired_domain(text: str, end: int) -> bool:
    """True when a second goods word of two characters joins the term before a domain tail (食品|药品|安全,
    粮食|能源|安全): the safety of both goods. A class word between (产业|安全, 行业|监管) keeps the industry."""
    pair = text[end : end + 2]
    return (len(pair) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in pair) and pair not in ("产业", "行业")
            and text.startswith(grammar_extra()["domain_tails"], end + 2))


def specific_only(cands: list[Cand], text: str = "") -> list[Cand]:
    """Drop whole-economy sectors (制造业, 现代服务业), product terms not written as X产业/X行业 (垂类大模型,
    组网卫星) and terms naming a facility's type (储能|电站, 5G|基站): none is an industry mention of its own."""
    gram = industry_grammar()
    broad, products = gram["broad_sectors"], gram["product_terms"]
    modifies = gram["modified_heads"]
    out: list[Cand] = []
    for c in cands:
        if c.name in broad or (c.name in products and text[c.end : c.end + 2] not in ("产业", "行业")):
            continue
        if text and _goods_list().match(text, c.end):
            continue  # 汽车、家电等大宗消费: the list names goods bought, not the sectors (README "Industries: decided")
        if text and text[c.end : c.end + 1] in _SLOGAN_PLUS:
            continue  # “人工智能+”行动, 跨境电商+海外仓: a slogan X+ names a programme of applying X (README "Industries: decided" 4)
        if text and field_reading(text, c.start, c.end) == "governance":
            continue  # 紧盯道路交通、…、文化旅游等重点领域 (安全生产): fields of government work, no sector named
        if text and (text.startswith(grammar_extra()["domain_tails"], c.end) or _paired_domain(text, c.end)):
            continue  # 食品|安全, 煤炭|保供, 食品|药品安全: the safety or supply of the goods, not their industry
        if text.startswith(modifies, c.end):
            continue  # 房地产|开发投资, 煤炭|运输: the term qualifies a product or an activity
        # a facility's field is no industry mention, but the carrier rules name the facility by it
        out.append(Cand(c.start, c.end, FIELD, c.name, c.prio) if _names_facility(text, c.end) else c)
    return out


def _names_facility(text: str, end: int) -> bool:
    """True when a facility's head follows the term, right after it or after one word of a carrier's name
    (储能|电站, 量子计算|研发|平台, 数字技术|产业园, 具身智能机器人|训练场): the term names its field."""
    gram = industry_grammar()
    if text.startswith(gram["facility_heads"], end):
        return True
    gap = next((g for g in gram["facility_gaps"] if text.startswith(g, end)), None)
    return gap is not None and text.startswith(gram["facility_heads"] + gram["gap_heads"], end + len(gap))


def with_modifiers(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """Industries preceded by a modifier word the name keeps (现代|石化, 高端|化工, 现代|绿色|化工) take it in."""
    mods = industry_grammar()["kept_modifiers"]
    text = view.text
    out: list[Cand] = []
    for c in cands:
        start = c.start
        while True:
            m = next((m for m in mods if text.startswith(m, start - len(m)) and start - len(m) in view.by_start), None)
            if m is None:
                break
            start -= len(m)
        if start == c.start:
            out.append(c)
        else:
            name = text[start : c.end]
            out.append(Cand(start, c.end, c.kind, name, c.prio))
    return out


_BRANCH = re.compile(r"([\u4e00-\u9fff]{1,4})工业")


def branch_industries(view: TokenView) -> list[Cand]:
    """Sectors written X工业 (冶金工业, 机械工业, 煤炭工业): the name keeps 工业, X being a lexicon term or a
    classic branch (industry_branches); the longest such X starting on a word boundary."""
    gram = industry_grammar()
    text = view.text
    out: list[Cand] = []
    for m in _BRANCH.finditer(text):
        word = m.group(1)
        for k in range(len(word)):
            x, start = word[k:], m.start(1) + k
            if (start in view.by_start and (x in industries() or x in gram["industry_branches"])
                    and x not in gram["broad"] and not x.endswith("业")):
                out.append(Cand(start, m.end(), "industry", x + "工业", PRIO_GRAMMAR))
                break
    return out


@cache
def _sector_stems() -> frozenset[str]:
    """Sector words and stems together (industry_grammar.yaml), joined once rather than for every page."""
    extra = grammar_extra()
    return extra["sector_words"] | extra["sector_stems"]


def suffixed_sectors(view: TokenView) -> list[Cand]:
    """Sectors written X业 as one word or two (零售业, 交通|运输业, 养殖业): X a sector word or stem
    (industry_grammar.yaml sector_words, sector_stems); named as written."""
    out: list[Cand] = []
    if "业" not in view.text:
        return out
    gram, stems = industry_grammar(), _sector_stems()
    broad = gram["broad_sectors"]
    toks = view.tokens
    for i, t in enumerate(toks):
        if t.word[-1:] != "业" or len(t.word) < 3 or t.tag not in ("n", "nz"):
            continue
        word, start = t.word, t.start
        prev = toks[i - 1] if i > 0 and toks[i - 1].tag == "n" and toks[i - 1].end == t.start else None
        if prev is not None and prev.word + word[:-1] in stems:
            word, start = prev.word + word, prev.start  # 交通|运输业
        elif word[:-1] in stems and prev is not None and len(prev.word) == 2 and prev.word not in gram["broad"] and (
                prev.word not in place_index()):
            word, start = prev.word + word, prev.start  # 水产|养殖业: a noun glued before the sector names its branch
        if (word[-3:-1] in stems or word[:-1] in stems) and word not in broad:
            out.append(Cand(start, t.end, "industry", word, PRIO_GRAMMAR))
    return out


def industry_mentions(view: TokenView) -> list[Cand]:
    """Industry candidates: terms from the lexicon that start and end on word boundaries."""
    auto = industry_automaton()
    if not len(auto):
        return []
    out: list[Cand] = []
    text = view.text
    materials = industry_grammar()["material_prefixes"]
    for last, (term, _canonical) in auto.iter(text):
        start, end = last + 1 - len(term), last + 1
        # 生物医药产业 is often one LAC word: the term may end where 产业/行业 starts
        if not (end in view.by_end or text[end : end + 2] in _TAILS):
            continue
        # 氟|化工, 煤化工, 晶硅|光伏: a material written right before the term names the branch
        if _after_body(view, start):
            continue  # 中海油|新材料, 比亚迪|新能源: the business or project of the company written before it
        material = next((m for m in (text[start - 2 : start], text[start - 1 : start])
                         if m in materials and start - len(m) in view.by_start), None)
        if material:
            out.append(Cand(start - len(material), end, "industry", material + term, PRIO_GRAMMAR))
        elif start in view.by_start:
            out.append(Cand(start, end, "industry", term, PRIO_GRAMMAR))
    return with_modifiers(view, specific_only(out + branch_industries(view) + suffixed_sectors(view), view.text))


def _after_body(view: TokenView, start: int) -> bool:
    """True when a word LAC or the tagger reads as an organisation, or a known body's name, ends right at `start`."""
    i = view.index_containing(start - 1) if start > 0 else None
    if i is None or view.tokens[i].end != start:
        return False
    t = view.tokens[i]
    return t.tag == "ORG" or (len(t.word) >= 2 and t.word in org_gazetteer())


_NP_TAGS = frozenset({"n", "nz", "vn", "an", "a", "b", "j"})
MAX_INDUSTRY = 12


def _np_start(view: TokenView, i: int) -> int:
    """First token index of the noun phrase whose last token is `i` (nouns joined by 与/和/及)."""
    toks = view.tokens
    first = i + 1
    while i >= 0 and toks[first - 1].end - toks[i].start <= MAX_INDUSTRY:
        t = toks[i]
        if t.word in ("与", "和", "及") and first <= i + 1 and i > 0 and toks[i - 1].tag in _NP_TAGS:
            i -= 1
            continue
        if t.tag not in _NP_TAGS:
            break
        first = i
        i -= 1
    return first


def _accept_tokens(view: TokenView, s: int, e: int) -> tuple[int, str] | None:
    """The industry inside tokens [s, e) before 产业 (_read_tokens), without the last character of a lead verb LAC
    glued to it (壮|大林|草|产业 -> 林草, 做|强酸汤): the verb's first character stands alone as a verb before it."""
    got = _read_tokens(view, s, e)
    if got is None:
        return None
    start, name = got
    before = view.index_containing(start - 1) if start > 0 else None
    if (before is not None and len(view.tokens[before].word) == 1 and view.tokens[before].tag == "v"
            and view.text[start - 1 : start + 1] in industry_grammar()["lead_verbs"] and len(name) >= 3):
        return start + 1, name[1:]
    return got


def _read_tokens(view: TokenView, s: int, e: int) -> tuple[int, str] | None:
    """The industry inside tokens [s, e) before 产业: (start offset, name) or None.

    The whole phrase counts when it starts with a noun and only its last word is verbal
    (海洋生物医药, 稀土功能材料, 汽车制造); otherwise the longest lexicon term ending the phrase
    (调研|智能网联新能源汽车, 全市|光电子信息).
    """
    gram = industry_grammar()
    toks = view.tokens[s:e]
    while toks and (toks[0].word in gram["broad"] or toks[0].word in gram["lead_verbs"] or len(toks[0].word) == 1
                    or toks[0].word in gram["kept_modifiers"]):
        # 加力|布局|氢能产业: a verb LAC tagged as a noun opens the clause, not the name; a kept modifier
        # (高端|金属材料) is put back by with_modifiers once the rest is read as an industry
        toks = toks[1:]
    cut = view.tokens[s : e - len(toks)]
    # only kept modifiers cut (做强|绿色|算力|产业): the clause's verb stands before them
    modified = bool(cut) and all(t.word in gram["kept_modifiers"] for t in cut)
    if not toks:
        return None
    text = view.text
    start, end = toks[0].start, toks[-1].end
    phrase = text[start:end]
    # an adjective of two characters may open a longer phrase (健康|医药|产业): LAC's reading of a noun modifier;
    # a level (省级|数据|产业集群) is no part of the name
    opens = toks[0].tag in ("n", "nz", "j") or (toks[0].tag == "a" and len(toks[0].word) == 2 and len(toks) > 1
                                                         and not toks[0].word.endswith("级"))
    nouny = opens and all(t.tag not in ("v", "vn") for t in toks[:-1])
    if nouny and (phrase in industries() or (len(phrase) >= 3 and phrase.endswith(gram["heads"]))):
        return start, phrase
    if len(phrase) >= 3 and phrase + "业" in industries():
        return start, phrase  # 科学研究和技术服务|行业: a classification section written without its 业
    if len(toks) == 1 and toks[0].tag == "n" and phrase in gram["heads"] and phrase not in gram["weak_heads"] and (
            phrase not in gram["bare_too_broad"]):
        return start, phrase  # 芯片|产业集群, 医药|产业: a head word alone before 产业 names the industry
    for t in toks:
        tail = text[t.start : end]
        if tail in industries():
            return t.start, tail
    verb_start = view.tokens[s].start if modified else start
    if len(toks) == 1 and _bare_sector(phrase, toks[0].tag) and _verb_object(view, verb_start, end):
        return start, phrase  # 做强|黄金|产业, 发展|蔬菜|产业: one plain noun before 产业 names the industry
    if len(toks) == 2 and _two_word_sector(toks) and (_verb_object(view, start, end) or _clause_subject(view, start, end)):
        return start, phrase  # 发展|创意|设计|产业: a noun + verbal noun as the whole object names the industry
    if len(toks) == 1 and phrase in gram["section_nouns"] and e < len(view.tokens) and view.tokens[e].word == "产业":
        return start, phrase  # 文化|产业, 体育|产业: a section of the national classification (文化、体育和娱乐业)
    if _free_sector(view, toks, view.index_containing(verb_start) or 0, e):
        return start, phrase  # 引导|数据|产业|、, 加快发展|数据|标注|产业|。: the clause's own sector before 产业
    return None


def _free_sector(view: TokenView, toks: Sequence[Token], s: int, e: int) -> bool:
    """True for nouns toks (tokens [s, e), modifiers cut) that are the whole thing written before 产业, closed after it
    by a punctuation mark, 等, 发展 or a verb: industry_grammar `free_sector_*`."""
    gram = industry_grammar()
    lo, hi = gram["free_sector_length"]
    phrase = "".join(t.word for t in toks)
    if not (lo <= len(phrase) <= hi) or toks[0].tag not in ("n", "nz") or any(t.tag not in ("n", "nz", "vn") for t in toks):
        return False
    if e >= len(view.tokens) or view.tokens[e].word != "产业" or s == 0:
        return False
    while s > 1 and view.tokens[s - 1].word in gram["kept_modifiers"]:
        s -= 1  # 、|现代|金融|产业: a kept modifier LAC reads as a time stands between the break and the sector
    before, after = view.tokens[s - 1], (view.tokens[e + 1] if e + 1 < len(view.tokens) else None)
    if before.tag not in gram["free_sector_before_tags"] or before.word in ("的",):
        return False
    if after is not None and not (after.tag in ("w", "v", "vd") or after.word in ("等", "发展")):
        return False
    g = generic()
    bad = (gram["broad"], gram["bare_not_sectors"], gram["bare_too_broad"], gram["free_sector_not"], g["non_names"],
           place_index())
    return not any(t.word in words for t in toks for words in bad) and phrase not in gram["free_sector_not"]


def _clause_subject(view: TokenView, start: int, end: int) -> bool:
    """True when the phrase at [start, end) + 产业 opens a clause and a verb follows 产业 (，光子|集成|产业|入选): the
    industry is the clause's subject."""
    i, k = view.index_containing(start), view.index_containing(end)
    if i is None or k is None or view.tokens[k].word != "产业" or k + 1 >= len(view.tokens):
        return False
    return (i == 0 or view.tokens[i - 1].tag == "w") and view.tokens[k + 1].tag == "v"


def _two_word_sector(toks: Sequence[Token]) -> bool:
    """True for a noun + noun or verbal noun of 3-5 characters (创意|设计, 数据|标注) with no broad, generic or
    place word: written alone before 产业 as a verb's whole object, it names the industry."""
    gram = industry_grammar()
    g = generic()
    phrase = "".join(t.word for t in toks)
    if not (toks[0].tag in ("n", "nz") and toks[1].tag in ("n", "vn") and 3 <= len(phrase) <= 5):
        return False
    bad = (gram["broad"], gram["bare_not_sectors"], g["non_names"], g["generic_name_parts"], place_index())
    return not any(t.word in words for t in toks for words in bad) and phrase not in g["non_names"]


def _verb_object(view: TokenView, start: int, end: int) -> bool:
    """True when the noun at [start, end) + 产业 is the whole object of a verb (发展|蔬菜|产业|发展, 依托|水稻|产业|和):
    a verb right before, 产业 right after and no noun after 产业 (零碳|产业|园区, 政府|产业|投资基金 name other things)."""
    i, k = view.index_containing(start), view.index_containing(end)
    if i is None or i == 0 or view.tokens[i - 1].tag not in ("v", "vd") or k is None or view.tokens[k].word != "产业":
        return False  # 产业园区 as one word names a park
    nxt = view.tokens[k + 1] if k + 1 < len(view.tokens) else None
    return nxt is None or nxt.tag not in ("n", "nz", "vn") or nxt.word == "发展"


def _bare_sector(word: str, tag: str) -> bool:
    """True for a plain noun that names an industry when written alone before 产业 (黄金, 蔬菜, 北斗), not a broad
    or generic word, a place or a word the grammar lists as no industry (人才产业, 文化产业 name none)."""
    gram = industry_grammar()
    g = generic()
    return (tag in ("n", "nz") and 2 <= len(word) <= 4 and word not in gram["broad"]
            and word not in gram["bare_too_broad"] and word not in gram["bare_not_sectors"]
            and word not in g["non_names"] and word not in g["generic_name_parts"] and word not in place_index())


def grammar_industries(view: TokenView) -> list[Cand]:
    """Industries written as X产业 / X行业 / A、B、C等产业 (the phrase without 产业 is the name)."""
    out: list[Cand] = []
    text = view.text
    anchor = re.compile("|".join(map(re.escape, industry_grammar()["anchors"])))
    not_after = tuple(industry_grammar()["anchor_not_before"])
    for m in anchor.finditer(text):
        pos = m.start()
        if not_after and text.startswith(not_after, m.end()):
            continue  # 成果|产业化, 技术|产业|应用: industrialisation or industrial use of X, not the industry X
        i = view.index_containing(pos)
        if i is None:
            continue
        tok = view.tokens[i]
        if tok.start == pos:
            last = i - 1  # 产业 is its own word
            floor = pos
        elif text[tok.start : pos] and tok.end >= m.end():
            last = i - 1  # 生物医药产业 is one word: its head is part of the phrase
            floor = tok.start
        else:
            continue
        if floor != pos:
            # 生物医药产业 as one word: the phrase is that word's head (plus nouns before it)
            head = text[floor:pos]
            if head in industries() or head.endswith(industry_grammar()["heads"]):
                out.append(Cand(floor, pos, "industry", head, PRIO_GRAMMAR))
            continue
        items: list[tuple[int, int]] = []  # token index ranges [s, e)
        j = last - 1 if last >= 0 and view.tokens[last].word == "等" else last
        while j >= 0:
            s = _np_start(view, j)
            if s > j:
                break
            items.extend(_split_connectives(view, s, j + 1))
            # A、B、C等产业 / A和B产业: every listed item
            if s >= 1 and view.tokens[s - 1].word == "、":
                j = s - 2
                continue
            break
        for s, e in items:
            hit = _accept_tokens(view, s, e)
            if hit:
                out.append(Cand(hit[0], hit[0] + len(hit[1]), "industry", hit[1], PRIO_GRAMMAR))
    return with_modifiers(view, specific_only(out, view.text))


def _split_connectives(view: TokenView, s: int, e: int) -> list[tuple[int, int]]:
    """Split a phrase at 与/和/及 unless the whole phrase is a known industry (网络通信与安全)."""
    phrase = view.text[view.tokens[s].start : view.tokens[e - 1].end]
    if phrase in industries() or phrase + "业" in industries():
        # 科学研究和技术服务|行业: a classification section (…服务业) written before 行业 without its 业
        return [(s, e)]
    out: list[tuple[int, int]] = []
    cur = s
    for k in range(s, e):
        if view.tokens[k].word in ("与", "和", "及"):
            if k > cur:
                out.append((cur, k))
            cur = k + 1
    if cur < e:
        out.append((cur, e))
    return out


def anchored_forms(text: str, spans: Sequence[tuple[int, int]]) -> set[str]:
    """The forms an industry is written in with its class word (软信产业, 数据标注行业): other names of it on the page.

    The canonical name leaves 产业/行业 out (guideline), but the page's form is one of its names; a sector
    written X制造业/X加工业 is named without its 业 too (汽车制造业 -> 汽车制造)."""
    forms = {text[a : b + 2] for a, b in spans if text[b : b + 2] in ("产业", "行业")}
    # a sector written X业 (汽车制造业, 装备制造业) is also named without 业: the lexicon's canonical or X itself
    inds = industries()
    for a, b in spans:
        word = text[a:b]
        if word.endswith(grammar_extra()["sector_ends"]) and len(word) >= 4:
            canonical = inds.get(word, word)
            forms.add(canonical if canonical != word else word[:-1])
    return forms


_JOINS = ("及", "与", "和")
# the second half of a chain joined by 与/及 that no term covers (汽车制造与|服务、…, 食品及|农产品加工|产业):
# a short noun phrase up to the list's next item, its closer or 产业/行业, ending with a head word
_JOINED_TAIL = re.compile(r"[\u4e00-\u9fff]{1,6}?(?=、|等|产业|行业)")


def _joined_tail(text: str, start: int) -> Cand | None:
    """The industry-shaped phrase from `start` to the next list boundary (服务, 农产品加工), if any."""
    m = _JOINED_TAIL.match(text, start)
    if not m:
        return None
    heads = industry_grammar()["heads"] + industry_grammar()["joined_tail_heads"]
    word = m.group()
    return Cand(start, m.end(), "industry", word) if word.endswith(heads) and "和" not in word else None


def joined_industries(view: TokenView, cands: Sequence[Cand]) -> list[Cand]:
    """One industry for two joined into a named chain (智能制造及装备产业, 医药和医疗器械、…, 脑科学与脑机接口、…).

    Two industries joined by 及 are one chain (智能传感器及仪器仪表) unless the second repeats the first
    (新能源及新能源装备制造); 和 always lists two (集成电路和光电、高端装备). A pair joined by 与 is one item when
    the list goes on after it (、), or when 产业/行业 follows it and it is not the end of a longer list.
    """
    text = view.text
    inds = sorted((c for c in cands if c.kind == "industry"), key=lambda c: (c.start, -c.end))
    by_start: dict[int, Cand] = {}
    for c in inds:
        by_start.setdefault(c.start, c)  # the longest industry starting there
    out: list[Cand] = []
    for a in inds:
        if text[a.end : a.end + 1] not in _JOINS:
            continue
        b = by_start.get(a.end + 1)
        if b is None:
            # 智能制造及|装备|产业: a bare head word after the connective completes the chain's name
            head = next((h for h in industry_grammar()["heads"] if text.startswith(h, a.end + 1)), None)
            if head is not None and text[a.end + 1 + len(head) : a.end + 3 + len(head)] in ("产业", "行业"):
                b = Cand(a.end + 1, a.end + 1 + len(head), "industry", head)
            else:
                b = _joined_tail(text, a.end + 1) if text[a.end] != "和" else None
            if b is None:
                continue
        after = text[b.end : b.end + 2]
        before = text[a.start - 1 : a.start] if a.start else ""
        joint = text[a.end]
        if joint == "和":
            continue  # 集成电路和光电、高端装备, 绿色石化和精细化工: 和 lists two industries
        if joint == "及" and not text[b.start : b.end].startswith(text[a.start : a.end]):
            # 智能传感器及仪器仪表, 林产加工及纸业: 及 joins one chain (新能源及新能源装备制造 names two)
            out.append(Cand(a.start, b.end, "industry", text[a.start : b.end], PRIO_GRAMMAR))
            continue
        if after[:1] == "、" or (after in ("产业", "行业") and before != "、"):
            out.append(Cand(a.start, b.end, "industry", text[a.start : b.end], PRIO_GRAMMAR))
    return out


def headed_industries(view: TokenView, cands: Sequence[Cand]) -> list[Cand]:
    """One industry for a term followed by a head word that makes a branch of it (汽车|零部件, 光伏|材料):
    the head is its own word and no noun follows it (汽车|零部件|企业 still names the branch, 汽车|配件|的 goods
    do not count: the head must end the noun phrase or come before 产业/行业/企业/制造)."""
    heads = industry_grammar()["branch_heads"]
    text = view.text
    out: list[Cand] = []
    for c in cands:
        if c.kind != "industry" or c.end not in view.by_start:
            continue
        i = view.by_start[c.end]
        if i < 0 or view.tokens[i].word not in heads:
            continue
        end = view.tokens[i].end
        nxt = view.tokens[i + 1] if i + 1 < len(view.tokens) else None
        if nxt is None or nxt.tag not in ("n", "nz", "vn") or nxt.word in _TAILS or nxt.word in ("制造",):
            out.append(Cand(c.start, end, "industry", text[c.start : end], PRIO_GRAMMAR))
    return out


def overlapping_industries(view: TokenView, cands: Sequence[Cand]) -> list[Cand]:
    """One industry for two lexicon terms sharing a word (新能源装备 + 装备制造 -> 新能源装备制造)."""
    inds = sorted((c for c in cands if c.kind == "industry"), key=lambda c: c.start)
    starts = [c.start for c in inds]
    out: list[Cand] = []
    for a in inds:
        # only terms starting inside `a` can overlap it: a window by binary search, not every pair of the page
        for b in inds[bisect_right(starts, a.start) : bisect_left(starts, a.end)]:
            if a.start < b.start < a.end < b.end and b.end in view.by_end:
                out.append(Cand(a.start, b.end, "industry", view.text[a.start : b.end], PRIO_GRAMMAR))
    return out


def industries_in(name: str) -> list[str]:
    """Industries named inside an organisation name (深圳市人工智能产业协会 -> 人工智能)."""
    auto = industry_automaton()
    found: list[str] = []
    if not len(auto):
        return found
    for _, (_term, canonical) in auto.iter(name):
        if canonical not in found:
            found.append(canonical)
    # keep the most specific: drop a term contained in another found term
    return [f for f in found if not any(f != o and f in o for o in found)]


@lru_cache(maxsize=4)
def _stops(text: str) -> list[int]:
    """Offsets of every sentence-ending character of `text` (cached: one scan per page, not per call)."""
    return [m.start() for m in _SENTENCE.finditer(text)]


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding `pos`."""
    # the stops are single characters, so "last stop before pos" / "first stop at or after pos" by bisect
    stops = _stops(text)
    i = bisect_left(stops, pos)
    start = stops[i - 1] + 1 if i else 0
    return start, (stops[i] + 1 if i < len(stops) else len(text))


class IndustrySpans:
    """Industry mentions (start, end, name) indexed by start, answering range queries in input order."""

    def __init__(self, spans: Sequence[tuple[int, int, str]]) -> None:
        """Index `spans` once per page (a linear scan per organisation would be quadratic)."""
        self.spans = list(spans)
        order = sorted(range(len(self.spans)), key=lambda i: self.spans[i][0])
        self._starts = [self.spans[i][0] for i in order]
        self._order = order

    def names_between(self, lo: int, hi: int) -> list[str]:
        """Distinct names of spans starting in [lo, hi), in the order the spans were given."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        out: list[str] = []
        for i in sorted(self._order[a:b]):
            name = self.spans[i][2]
            if name not in out:
                out.append(name)
        return out


def stated_industries(
    text: str, org_end: int, industry_spans: Sequence[tuple[int, int, str]] | IndustrySpans
) -> list[str]:
    """Industries stated for an organisation in its sentence after a verb like 专注/聚焦 following it."""
    s, e = sentence_bounds(text, org_end)
    m = _STATES.search(text, org_end, e)
    if not m or m.start() - org_end > 4:
        return []
    index = industry_spans if isinstance(industry_spans, IndustrySpans) else IndustrySpans(industry_spans)
    return index.names_between(m.end(), e)
