"""Industries named in coordinated lists (存储芯片、功率半导体和半导体材料): compound terms by head word."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence

from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView
from shuanglian.extract.entities.field_lists import fields_of_work, never_sector
from shuanglian.extract.entities.field_lists import reading as field_reading
from shuanglian.extract.entities.industries import grammar_extra, specific_only, with_modifiers
from shuanglian.extract.entities.lexicon import generic, industries, industry_grammar, shared_list
from shuanglian.extract.entities.places import place_index
from shuanglian.extract.lac import Token

_ITEM_TAGS = frozenset({"n", "nz", "vn", "an", "a", "b", "j"})
_SEPARATORS = frozenset({"、", "和", "及", "与", "以及"})
_NAME_TAGS = frozenset({"LOC", "ORG", "PER"})
MAX_ITEM_TOKENS = 3
MAX_ITEM_CHARS = 10


def _lone_verb_item(toks: Sequence[Token], e: int, s: int) -> bool:
    """True for a verb written alone between two 、 of a list (玩具、制鞋/v、金属制品): an item LAC read as a verb."""
    return (e == s and e + 1 < len(toks) and toks[e].tag == "v" and toks[e + 1].word == "、"
            and e > 0 and toks[e - 1].word == "、")


def _closing_verb(toks: Sequence[Token], e: int, s: int) -> bool:
    """True for a verb ending a list item before the next 、 or 等 (智能衡器|计量/v、): LAC's reading of the item's
    last word, not the clause's predicate."""
    return e > s and toks[e].tag == "v" and e + 1 < len(toks) and toks[e + 1].word in ("、", "等")


def _items(view: TokenView) -> list[list[tuple[int, int]]]:
    """Coordinated noun-phrase lists as token ranges [s, e) (at least two items each)."""
    toks = view.tokens
    n = len(toks)
    lists: list[list[tuple[int, int]]] = []
    heads = frozenset(industry_grammar()["heads"])
    tails = frozenset(industry_grammar()["anchors"] + industry_grammar()["item_tails"])
    i = 0
    while i < n:
        if toks[i].tag not in _ITEM_TAGS:
            i += 1
            continue
        items: list[tuple[int, int]] = []
        s = i
        while True:
            e = s
            while e < n and toks[e].word not in _SEPARATORS and (
                toks[e].tag in _ITEM_TAGS or (e > s and toks[e].word in heads)  # 柔性|显示/v
                or _lone_verb_item(toks, e, s) or _closing_verb(toks, e, s)
            ):
                e += 1
            # 先进计算|产业: the class word after the last item is not one of its words
            last = e - 1 if e - 1 > s and toks[e - 1].word in tails else e
            # a long run is a clause, not a list item: keep its last words (发展|智能网联汽车)
            items.append((max(s, last - MAX_ITEM_TOKENS), last))
            if e + 1 < n and toks[e].word in _SEPARATORS and (
                    toks[e + 1].tag in _ITEM_TAGS or _lone_verb_item(toks, e + 1, e + 1)):
                s = e + 1
                continue
            break
        if len(items) >= 2:
            lists.append(items)
        i = max(items[-1][1], i + 1)
    return lists


def _closed(view: TokenView, end: int) -> bool:
    """True when the list ending at token `end` is closed by 等 + an industry class word (等细分领域, 产业)."""
    closers = industry_grammar()["list_closers"]
    toks = view.tokens
    j = end + 1 if end < len(toks) and toks[end].word == "等" else end
    for k in (j, j + 1):
        if k < len(toks) and toks[k].word in closers:
            return True
        if k < len(toks) and toks[k].tag not in ("vn", "a", "b", "n"):
            break
    return False


MAX_CLASS_MODIFIERS = 3
MAX_OTHER_ITEM = 4


@functools.cache
def _count_re() -> re.Pattern[str]:
    """A count of the items before a class word (三大, 5|大, 4个) or a size word (万亿级): industry_grammar.yaml."""
    gram = industry_grammar()
    measures = "|".join(map(re.escape, gram["list_count_measures"]))
    sizes = "|".join(map(re.escape, gram["list_count_sizes"]))
    return re.compile(rf"^(?:[0-9一二两三四五六七八九十]+(?:{measures})?|大|{sizes})$")


def _count_at(toks: Sequence[Token], k: int) -> bool:
    """True when token `k` is a count or size word LAC tags m (三大, 4个, 万亿级) or the 大 of 5|大."""
    return k < len(toks) and (toks[k].tag == "m" or toks[k].word == "大") and bool(_count_re().match(toks[k].word))


def _closed_by_industry(view: TokenView, end: int) -> bool:
    """True when the list ending at token `end` is closed by 等 + a few modifiers + an industry class word ending
    the noun phrase (电子、机械、船舶等传统产业提质, 视觉健康等新兴产业|集群, 科技服务等知识|密集型|生产性|服务业,
    蔬菜、牛奶等“菜篮子”产业): the text itself says every item is an industry."""
    gram = industry_grammar()
    toks = view.tokens
    if end >= len(toks):
        return False
    # a count closes a list as 等 does (软件信息、科技服务和商务服务三大产业, …电子信息“四大产业”, 等4个…产业)
    counted = _count_at(toks, end) or (toks[end].word == "“" and _count_at(toks, end + 1))
    # …、技术服务和其他社会服务在内的: a closing "and other X" item is read past, as part of the frame
    if toks[end].word in ("和", "及", "以及") and end + 1 < len(toks) and toks[end + 1].word in ("其他", "其它"):
        k = end + 2
        while k < len(toks) and toks[k].tag in ("n", "vn", "nz") and k - end <= MAX_OTHER_ITEM:
            k += 1
        if k >= len(toks):
            return False
        end = k
    # 包括A、B、C在内的第三产业: the frame 在内的 closes the list as 等 does
    framed = toks[end].word == "在内" and end + 1 < len(toks) and toks[end + 1].word == "的"
    if toks[end].word != "等" and not counted and not framed:
        return False
    k = end + 2 if framed else end + 1 if toks[end].word in ("等", "“") else end
    mods = 0
    while k < len(toks) and mods <= MAX_CLASS_MODIFIERS:
        w = toks[k].word
        if w in gram["list_anchors"] or (len(w) > 2 and w.endswith(gram["list_anchor_ends"])):
            break
        if mods and w in grammar_extra()["economy_anchors"]:
            break  # 赛事、演艺等票根|经济发展: a named economy of the items (README "Industries: decided" 2)
        if k + 1 < len(toks) and w + toks[k + 1].word in gram["list_anchor_ends"]:
            k += 1  # 服务性|消费: LAC cut the class word in two
            break
        # a verbal noun right before the class word qualifies it too (智能家居、AI终端等新|消费|产业)
        before_anchor = toks[k].tag == "vn" and k + 1 < len(toks) and toks[k + 1].word in gram["list_anchors"]
        if (w in ("“", "”") or w in gram["broad"] or toks[k].tag in ("a", "b", "n", "an", "nz") or before_anchor
                or _count_at(toks, k) or (toks[k].tag == "m" and w.startswith("第"))):
            mods += w not in ("“", "”") and not _count_at(toks, k)
            k += 1
            continue
        return False
    else:
        return False
    # 人才、资金等产业|要素: the class word modifies a noun after it, the items are not industries (a verbal
    # noun is the predicate: 等传统产业|转型升级)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is None or nxt.tag not in ("n", "nz") or nxt.word in gram["list_anchor_follows"]


_PLAIN_TAGS = frozenset({"n", "nz", "vn", "j"})
# the first item may open with an adjective (新型|蛋白、高效酶制剂等产业): no verb of the sentence is one
_FIRST_TAGS = _PLAIN_TAGS | {"a"}
_LATER_TAGS = frozenset({"n", "nz", "vn", "j", "a", "an"})


@functools.cache
def _heads() -> frozenset[str]:
    """The industry head words as a set."""
    return frozenset(industry_grammar()["heads"])


def _plain_item(view: TokenView, s: int, e: int, later: bool = False, words: bool = False) -> tuple[int, str] | None:
    """An item of an industry list that is a short plain noun phrase (家具, 金属制品), not a name or a place.

    An item after the first (`later`) may open with a verbal noun or an adjective (、研发|设计、, 、健康|养老等):
    only the first item can hold the sentence's verb."""
    toks = view.tokens[s:e]
    while toks and toks[0].word in industry_grammar()["lead_verbs"]:
        toks = toks[1:]  # 前瞻|布局|元宇宙: the verb (LAC's noun) opens the clause
    tags = _LATER_TAGS if later else _FIRST_TAGS
    # 、制鞋/v、 and 、智能衡器|计量/v、: a verb alone or last in a later item is LAC's reading of a noun; in the
    # first item only a head word (低空飞行器|制造/v、) is, any other verb is the sentence's
    last_verb = bool(toks) and toks[-1].tag == "v" and (later or (len(toks) > 1 and toks[-1].word in _heads()))
    body = toks[:-1] if last_verb else toks
    if not toks or (toks[0].tag == "vn" and not later) or any(t.tag not in tags for t in body):
        # 布局|元宇宙: a verbal noun opening the item is the sentence's action, not part of the industry
        return None
    start = toks[0].start
    if view.text[start - 1 : start + 1] in industry_grammar()["lead_verbs"]:
        start += 1  # 做|强酸汤/nz: LAC glued the lead verb's last character (做强) to the item
    text = view.text[start : toks[-1].end]
    g = generic()
    # a generic word that is an industry's head word (信息, 材料) names the sector in a list the text calls industries
    # (食品、石化、医药、信息等产业)
    if not (2 <= len(text) <= 6) or text in place_index() or text in g["non_names"] or (
            text in g["generic_name_parts"] and text not in _heads()
            and not (words and text in grammar_extra()["sector_words"])):
        return None
    return start, text


def _phrase(view: TokenView, s: int, e: int) -> tuple[int, str] | None:
    """An item without broad leading words and a trailing 产业/行业: (start offset, text)."""
    gram = industry_grammar()
    toks = view.tokens[s:e]
    while toks and (toks[0].word in gram["broad"] or toks[0].word in gram["lead_verbs"] or len(toks[0].word) == 1):
        toks = toks[1:]  # 布局|元宇宙: a verb LAC tagged as a noun opens the clause, not the item
    if not toks:
        return None
    text = view.text[toks[0].start : toks[-1].end]
    anchors = _as_set(gram["anchors"])
    # the longest anchor the text ends with and is longer than (anchors are tried longest first), else a tail
    cut = next((k for k in range(1, len(text)) if text[k:] in anchors), None)
    if cut is not None:
        return toks[0].start, text[:cut]
    for tail in gram["item_tails"]:
        if text.endswith(tail) and len(text) > len(tail):
            text = text[: -len(tail)]
            break
    return toks[0].start, text


@functools.cache
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    """A lexicon tuple as a set, for suffix lookups by slicing instead of one endswith per word."""
    return frozenset(words)


def _longest_head(text: str) -> str | None:
    """The longest head word `text` ends with (the heads are tried longest first)."""
    heads = _as_set(industry_grammar()["heads"])
    return next((text[k:] for k in range(len(text)) if text[k:] in heads), None)


def _compound(view: TokenView, s: int, e: int, text: str) -> bool:
    """A modifier + head word compound (功率|半导体, 先进|计算) that can name an industry."""
    gram = industry_grammar()
    head = _longest_head(text)
    if head is None or head in gram["weak_heads"] or len(text) < 3:
        return False
    modifier = text[: -len(head)]
    if len(modifier) < 2 or modifier in gram["broad"] or modifier in place_index():
        return False
    toks = view.tokens[s:e]
    if any(t.tag in _NAME_TAGS for t in toks) or toks[0].word in place_index():
        return False
    return text not in generic()["non_names"]


def _best_tail(view: TokenView, s: int, e: int) -> tuple[int, str] | None:
    """The longest tail of an item that is a known industry (布局|合成生物) or a compound (海洋|生物医药)."""
    inds = industries()
    whole = _phrase(view, s, e)
    if whole is None:
        return None
    tails = ((k, p) for k in range(s, e) for p in [_phrase(view, k, e)] if p and p[0] >= whole[0])  # lazily: the longest wins
    for k, p in tails:
        if p[1] in inds:
            return p
        # a verbal word may only modify a bare head (存储|芯片), not sit in a longer phrase (布局|合成|生物)
        nominal = all(t.tag in ("n", "nz", "j", "b", "a") for t in view.tokens[k : e - 1])
        if (e - k <= 2 or nominal) and _compound(view, k, e, p[1]):
            return p
    return None


@functools.cache
def sector_names() -> frozenset[str]:
    """Sector names of the 申万 classification of listed companies (../shared/data/lists/chain-kg, industry.json:
    证券, 保险, 水产养殖, 白酒…), read at run time; empty when the list is absent. Levels' marks (Ⅱ, Ⅲ) are cut;
    residual classes (其他…, 综合), broad or generic words and public services (教育, 体育: industry_grammar.yaml)
    are left out."""
    path = shared_list("chain-kg", "data", "industry.json")
    if path is None:
        return frozenset()
    gram, g, not_industries = industry_grammar(), generic(), grammar_extra()["sector_names_not_industries"]
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue
        name = str(row.get("name", "") if isinstance(row, dict) else "").rstrip("ⅡⅢ")
        if (len(name) >= 2 and not name.startswith("其他") and "综合" not in name and name not in gram["broad"]
                and name not in g["non_names"] and name not in g["generic_name_parts"] and name not in not_industries):
            out.add(name)
    return frozenset(out)


MIN_SECTOR_ITEMS = 2
MIN_PEER_ITEMS = 3  # a list of at least so many items, most of them known industries, makes its plain items industries


def _sector_items(view: TokenView, items: Sequence[tuple[int, int]], known: bool = False) -> list[tuple[int, str]]:
    """Items of a list that are listed-company sector names (证券、保险、货币市场), when at least two are:
    such a list names sectors even without a known industry or a closing class word. Bare sector words (金融、商业,
    林业、牧业: industry_grammar.yaml sector_words) count when two are (or with the sector names), not in a list
    of fields (工业、文旅等领域: annotators disagree there). `known` (the list holds a lexicon industry) is not
    enough for one bare word (能源、化工 tried: dev half B dropped)."""
    names, words = sector_names(), grammar_extra()["sector_words"]
    hits = [hit for n, (s, e) in enumerate(items) for hit in [_plain_item(view, s, e, later=n > 0)]
            if hit and hit[1] in names]
    hits = hits if len(hits) >= MIN_SECTOR_ITEMS else []
    bare = [hit for n, (s, e) in enumerate(items) for hit in [_plain_item(view, s, e, later=n > 0, words=True)]
            if hit and hit[1] in words and hit not in hits]
    s, e = items[-1]
    first = view.tokens[s]
    if bare and e - s > 1 and first.word in words and (first.start, first.word) not in hits + bare:
        bare.append((first.start, first.word))  # 林业、牧业、渔业|现代化: the last item's head is shared by the list
    if bare and (len(bare) >= MIN_SECTOR_ITEMS or hits) and not _closed(view, items[-1][1]):
        hits += bare
    return hits


def _whole_item(view: TokenView, s: int, e: int, later: bool) -> tuple[int, str] | None:
    """An item of a list the text calls industries: the whole plain item when it is a known term with a modifier
    before it (固态|乳制品、…、动物|疫苗等高附加值产业: the text names the modified sector), else the known or
    compound tail, else the plain item."""
    tail = _best_tail(view, s, e)
    plain = _plain_item(view, s, e, later=later)
    if tail and plain and plain[1].endswith(tail[1]) and len(plain[1]) > len(tail[1]) and plain[1] not in industries():
        return plain
    return tail or plain


_CLAUSE_BREAKS = frozenset("，。；：！？,;:\n（）()“”《》")
_LIST_ITEM = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,8}$")
_CLAUSE_WORD_TAGS = frozenset({"d", "ad", "vd", "p", "c", "u"})


def _clause_start(view: TokenView, k: int) -> int | None:
    """Index of the first token after the clause's opening verbs and adverbs (大力|发展|…, 升级|发展|制糖): the
    clause runs back from token `k` to a comma or stop; verbs of one character (制|糖), head words (飞行器|制造) and
    a verb closing an item before 、 or 和 (寒地|测试、) are items' words."""
    toks = view.tokens
    i = k
    while i > 0 and not (set(toks[i - 1].word) & _CLAUSE_BREAKS):
        i -= 1
    last = None
    for j in range(i, k):
        t = toks[j]
        if t.word == "、":
            break
        closing = j + 1 < k and toks[j + 1].word in ("、", "和", "及", "与")
        if t.word == "地" and j > i and len(toks[j - 1].word) == 1 and toks[j - 1].tag == "n":
            continue  # 寒|地/u|测试: 地 after a one-character noun is part of a word (寒地, 林地), not the particle
        if t.tag in _CLAUSE_WORD_TAGS or t.word in industry_grammar()["lead_verbs"] or (
                t.tag == "v" and len(t.word) >= 2 and t.word not in _heads() and not closing):
            last = j
    start = (last + 1) if last is not None else i
    return start if start < k else None


def _string_items(view: TokenView, k: int) -> list[tuple[int, str]]:
    """Items of the list closed at token `k` (等) read on the characters between the clause's verb and 等, split at
    、: the list the token walk could not read because LAC cut an item into a verb or a particle (低空飞行器|制造/v,
    寒|地|用品, 航空机|载/v|零部件). Every item must be a short run of characters with no particle."""
    toks, text = view.tokens, view.text
    i = _clause_start(view, k)
    if i is None:
        return []
    parts, pos = [], toks[i].start
    for part in text[toks[i].start : toks[k].start].split("、"):
        parts.append((pos, part))
        pos += len(part) + 1
    lead = next((v for v in industry_grammar()["lead_verbs"] if parts[0][1].startswith(v) and len(parts[0][1]) > len(v) + 1), "")
    if lead:
        # 做优|做|强酸汤/nz: the verb LAC glued to the first item is no part of it
        parts[0] = (parts[0][0] + len(lead), parts[0][1][len(lead) :])
    first = max(parts[0][1].rfind("和"), parts[0][1].rfind("及"))
    if first > 0 and not _LIST_ITEM.match(parts[0][1]):
        # 高端冰雪装备和|寒地测试、寒地服装…: the list opens after the last 和 of a first part too long to be an item
        parts[0] = (parts[0][0] + first + 1, parts[0][1][first + 1 :])
    g = generic()
    if len(parts) < 2 or not all(_LIST_ITEM.match(p) for _, p in parts):
        return []
    words = grammar_extra()["sector_words"]
    return [(a, p) for a, p in parts if p not in place_index() and p not in g["non_names"]
            and (p not in g["generic_name_parts"] or p in words) and not any(c in p for c in "的得之")]


def _enumerated(view: TokenView, s: int, e: int) -> bool:
    """True when the item [s, e) is set off by 、 on one side at least (A、B、C): an item joined only by 与 (北斗与人工智能、
    低空经济等深度融合) is paired with the next, not listed with it."""
    toks = view.tokens
    return (e < len(toks) and toks[e].word == "、") or (s > 0 and toks[s - 1].word == "、")


def _field_economic(view: TokenView, items: Sequence[tuple[int, int]]) -> bool:
    """True when the list is closed by …等领域 and its clause names economic activity (field_lists.reading)."""
    s, e = items[-1]
    toks = view.tokens
    if e <= s or field_reading(view.text, toks[s].start, toks[e - 1].end, toks[items[0][0]].start) != "economic":
        return False
    return not fields_of_work([view.text[toks[a].start : toks[b - 1].end] for a, b in items if b > a])


def listed_industries(view: TokenView) -> list[Cand]:
    """Industry items of a list that names at least one known industry or is closed by 等领域/产业."""
    inds = industries()
    out: list[Cand] = []
    stated: list[Cand] = []  # items of a list the text calls industries (船舶等传统产业): product terms count too
    for items in _items(view):
        closed = _closed_by_industry(view, items[-1][1])
        if closed:
            found = [hit for n, (s, e) in enumerate(items) for hit in [_whole_item(view, s, e, later=n > 0)] if hit]
            stated += [Cand(start, start + len(text), "industry", inds.get(text, text), PRIO_GRAMMAR)
                       for start, text in found if text in industry_grammar()["product_terms"]]
        elif _field_economic(view, items):
            # 航空宇航、空天能源等领域展开科技攻关: a list of fields of economic activity names sectors (README session 13, 6)
            found = [hit for n, (s, e) in enumerate(items) for hit in [_whole_item(view, s, e, later=n > 0)]
                     if hit and not never_sector(hit[1])]
            out += [Cand(start, start + len(text), "industry", inds.get(text, text), PRIO_GRAMMAR) for start, text in found]
            continue
        else:
            found = [hit for s, e in items for hit in [_best_tail(view, s, e)] if hit]
        sectors = [] if closed else _sector_items(view, items, known=any(text in inds for _, text in found))
        found += [hit for hit in sectors if hit not in found and not any(hit[0] == f[0] for f in found)]
        known = any(text in inds for _, text in found) or bool(sectors)
        if not known and not closed and not _closed(view, items[-1][1]):
            continue
        if not closed and 2 * sum(text in inds for _, text in found) > len(items) >= MIN_PEER_ITEMS:
            # 高端装备、信息网络、集成电路、新能源、…、航空发动机、燃气轮机: most items are known industries, so the
            # plain noun items coordinated with them are sectors too
            found += [hit for n, (s, e) in enumerate(items) for hit in [_plain_item(view, s, e, later=n > 0)]
                      if hit and _enumerated(view, s, e) and not any(hit[0] < f[0] + len(f[1]) and f[0] < hit[0] + len(hit[1]) for f in found)
                      and not never_sector(hit[1]) and not any(ch in hit[1] for ch in "与和及")]
        for start, text in found:
            out.append(Cand(start, start + len(text), "industry", inds.get(text, text), PRIO_GRAMMAR))
    # items of a closed industry list the token walk could not read (an item LAC cut into a verb or a particle:
    # 低空飞行器|制造/v, 寒|地|用品), read on the characters, when the list holds a known industry or a head word
    for k, t in enumerate(view.tokens):
        if t.word != "等" or not _closed_by_industry(view, k):
            continue
        got = _string_items(view, k)
        # a list closed by 等产业/等行业 itself says its items are sectors (寒地测试、寒地服装、寒地用品等产业); one with
        # modifiers before the class word needs a known industry or a head word among its items
        bare = k + 1 < len(view.tokens) and view.tokens[k + 1].word in industry_grammar()["list_anchors"]
        if not bare and not any(p in inds or _longest_head(p) or p in grammar_extra()["sector_words"] for _, p in got):
            continue
        # a token item inside a longer string item is LAC's cut of it (寒|地|测试 -> 测试): the string item wins
        inside = [c for c in out if any(a <= c.start and c.end <= a + len(p) and c.end - c.start < len(p) for a, p in got)]
        out = [c for c in out if c not in inside]
        taken = out + stated
        out += [Cand(a, a + len(p), "industry", inds.get(p, p), PRIO_GRAMMAR) for a, p in got
                if not any(c.start < a + len(p) and a < c.end for c in taken)]
    # items of a list of fields of economic activity the token walk could not read (航空|宇航、空天能源/ORG等领域…攻关)
    for k, t in enumerate(view.tokens):
        if t.word != "等" or field_reading(view.text, t.start, t.start) != "economic":
            continue
        got = _string_items(view, k)
        if not got or fields_of_work([p for _, p in got]):
            continue
        taken = out + stated
        out += [Cand(a, a + len(p), "industry", inds.get(p, p), PRIO_GRAMMAR) for a, p in got
                if not never_sector(p) and not any(c.start < a + len(p) and a < c.end for c in taken)]
    # 民宿经济、宠物经济等产业: an item that is a …经济/…消费 form names no sector, unless the lexicon holds it (低空经济)
    not_ends = grammar_extra()["list_item_not_ends"]
    out = [c for c in out if c.name in inds or not c.name.endswith(not_ends)]
    # 现代|装备、新材料等产业: a kept modifier before an item is part of its name, as for a lexicon term
    return with_modifiers(view, specific_only(out, view.text) + stated)
