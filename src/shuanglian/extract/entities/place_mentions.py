"""Place mentions from LAC's LOC words: normalised places, zones turned platforms, non-places dropped."""

from __future__ import annotations

import functools
import re
import weakref

from shuanglian.extract.entities.candidates import PRIO_GAZETTEER, PRIO_LAC, Cand, TokenView
from shuanglian.extract.entities.lexicon import generic, industries, place_abbreviations, place_rules
from shuanglian.extract.entities.orgs import all_generic, is_non_name, kind_of, suffix_of
from shuanglian.extract.entities.places import Place, normalise, place_index, segments, world_places
from shuanglian.extract.lac import Token

_SLOGAN_PREFIXES = frozenset({"数字", "智慧", "美丽", "健康", "平安", "法治", "幸福", "创新", "活力", "诗画", "绿色"})
_WATERS = ("江", "河", "湖", "运河", "干流")


def water_name(text: str, start: int, end: int) -> bool:
    """True for a river, lake or sea named on its own as an area (长江沿线, 黄河下游, 在长江边, 洞庭湖; real_gold README
    session-13 rule 4): a word of three characters or fewer ending in a water word (place_rules `water_tails`) that is
    no generic word for waters (江河, 河湖: `generic_waters`) and is not written right before a word that makes it the
    opening of another name (湘江|战役, 新安江|生态补偿机制: `water_name_after`). A river inside a longer word (长江经济带,
    太湖实验室) is that word's, whoever reads it."""
    rules = place_rules()
    w = text[start:end]
    if not 2 <= len(w) <= 5 or not w.endswith(tuple(rules["water_tails"])) or w in rules["generic_waters"]:
        return False
    if text.startswith(tuple(rules["water_name_after"]), end) or text[start - 1 : start] in _NAME_JOINS:
        return False  # 湘江|战役; 新安江—|千岛湖…合作区: a pair of waters joined by a dash opens a zone's name
    if text[max(0, start - 3) : start].endswith(tuple(rules["water_name_before"])):
        return False  # 万里长江第一隧: an epithet
    return not _water_list().match(text, end)


@functools.cache
def _water_list() -> re.Pattern[str]:
    """The rest of a list a water opens or continues, closed by a head naming other things, with 等 or a count before
    it (大运河、长城…三条文化带; 长江和大运河两大国家文化公园; 仰韶村、双槐树、贾湖等遗址): place_rules water_list_heads."""
    heads = "|".join(map(re.escape, sorted(place_rules()["water_list_heads"], key=len, reverse=True)))
    return re.compile(r"(?:[、和及与][\u4e00-\u9fff]{1,8}?)*(?:等|[一二两三四五六七八九十0-9]+(?:大|条|个|处|座))"
                      rf"[\u4e00-\u9fff]{{0,4}}?(?:{heads})")
_NON_PLACE_TAILS = ("大厦", "大楼", "广场", "酒店", "宾馆", "会展中心", "体育馆", "体育中心", "大剧院", "机场", "车站", "码头")


def rules_common() -> tuple[str, ...]:
    """Common words LAC tags as places (place_rules common_words: 两岸, 大陆, 中外)."""
    return place_rules()["common_words"]


def _place_plus_generic(word: str) -> bool:
    """True for a known place followed by a generic name word (深圳国际, 合肥高新)."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    rest = strip_place_prefix(word)
    return rest != word and rest in generic()["generic_name_parts"]


_WORK_PARTS = ("段", "期", "线")
_NAME_JOINS = frozenset("（(—－")
_LIST_MARKS = frozenset("、-—－，, ")
# a quote holding the end of a sentence or clause is speech, never a name
_SPEECH_MARKS = frozenset("。！？；：!?;")
# one-character names of provinces, cities and regions used in pairings (成渝, 京津冀, 江浙沪)
_ABBREV = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云陕秦甘陇青宁新藏蒙港澳台珠琴深广")
_PLACE_TAILS = ("地区", "盆地", "平原", "部", "片区", "麓", "一带", "沿线", "流域", "都市圈", "城市群", "经济圈")


def _national_slogan(text: str, start: int, end: int) -> bool:
    """True for the country named in a national slogan (健康中国, 美丽中国, 数字中国): a strategy's name. A province
    or city in its own slogan (美丽广西, 数字河北, 创新浙江) is a place mention, as gold-b and gold-g annotate it;
    quoted slogans (“数字福建”) stay out by `_in_quoted_name`."""
    return text[max(0, start - 2) : start] in _SLOGAN_PREFIXES and text[start:end] in ("中国", "中华")


def _cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _in_quoted_name(text: str, start: int, end: int) -> bool:
    """True when [start, end) sits inside “…” holding more than it (“中国天眼”, “赤水河谷 中国酱香”)."""
    left = text.rfind("“", max(0, start - 12), start + 1)
    if left < 0 or "”" in text[left:start]:
        return False
    right = text.find("”", end, end + 12)
    if right < 0 or "“" in text[end:right] or any(ch in _LIST_MARKS or ch in _SPEECH_MARKS for ch in text[left:right]):
        # “北部湾港-成都-波兰、德国”: a route lists places, it names none; “…享受北京的春天。”: a sentence of speech
        return False
    return (right - left - 1) > end - start


def _abbreviations(word: str) -> bool:
    """True for a pairing of one-character place names (成渝, 京津冀, 粤港澳): not a place mention itself."""
    return 2 <= len(word) <= 4 and all(ch in _ABBREV for ch in word)


def _place_plus_other(word: str) -> bool:
    """True for a known place glued to a word that is neither a place nor a part of one (云南咖啡), or to one
    character no place word ends with (山东|周 of 新加坡山东周: place_rules place_word_ends)."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    if len(word) >= 3 and word[:-1] in place_index() and word not in place_index() and word not in world_places():
        return word[-1] not in place_rules()["place_word_ends"]  # 太平洋 is a world place, not 太平 + 洋
    rest = strip_place_prefix(word)
    if rest == word or not rest:
        return False
    return not (rest in place_index() or normalise(rest) is not None or rest.endswith(_PLACE_TAILS)
                or rest in place_rules()["region_tails"]
                or rest.endswith(("镇", "乡", "村", "街道", "社区", "区", "县", "市", "省", "州", "盟", "旗")))


# the phase of a work written right after its name (川州|二期等500千伏输变电工程, 梁山港|三期), or the section of a
# work a place names (厦金大桥（厦门|段）, 大运河国家文化公园（河南|段）)
_PHASE = re.compile(r"[一二三四五六七八九十]{1,3}期|段")
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n（）()“”]")
_COUNT = re.compile(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千]+)(?:个|座|处|条|项|家)")


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _route_endpoint(text: str, start: int, end: int) -> bool:
    """True for an endpoint of a line written X至Y<work> (日照至五莲铁路, 大村至遵义、纳雍至六盘水高速公路,
    庆云至章丘等23个续建项目): the pair names the line, not two places of the page."""
    not_to = place_rules()["not_route_words"]  # 截至, 乃至, 至今: no X至Y route
    if text[end : end + 1] == "至" and text[end : end + 2] not in not_to:
        begin = end + 1
    elif text[start - 1 : start] == "至" and text[start - 2 : start] not in not_to:
        begin = end
    else:
        return False
    heads = place_rules()["route_heads"]
    items = text[begin : _clause_end(text, begin)].split("、")
    # the work's head right after the pair, or closing a list of short items (…、纳雍至六盘水高速公路)
    return any(h in items[0][:14] for h in heads) or (
        len(items) > 1 and all(len(i) <= 12 for i in items[:-1]) and any(h in items[-1][:16] for h in heads))


def _listed_work(text: str, end: int) -> bool:
    """True when the word opens or continues a list closed by the head of built works (九龙川、唐家河等煤矿,
    茨哈峡、尔多等水电站, 南山口、哇让、同德、德令哈4个抽水蓄能电站)."""
    stop = _clause_end(text, end)
    rest = text[end:stop]
    if not rest.startswith(("、", "等")) and not _COUNT.match(rest):
        return False
    cut = min([i for i in (rest.find("等"), *(m.start() for m in [_COUNT.search(rest)] if m)) if i >= 0] or [-1])
    if cut < 0:
        return False
    listed = rest[:cut]
    if listed and (not listed.startswith("、") or any(len(x) > 8 for x in listed.split("、")[1:])):
        return False  # the items are short names, one after another
    after = rest[cut:]
    after = after[1:] if after.startswith("等") else after
    m = _COUNT.match(after)
    after = after[m.end() :] if m else after
    return any(h in after[:12] for h in place_rules()["work_list_heads"])


_VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:村|社区|大塆)")


def _village_after(text: str, word: str, end: int) -> str:
    """The village or community written right after a town, township or street (梓山镇|潭头村), or ''."""
    rules = place_rules()
    if not word.endswith(rules["town_ends"]):
        return ""
    m = _VILLAGE.match(text, end)
    return m.group() if m and not m.group().startswith(rules["village_ends"]) else ""


def _names_work(view: TokenView, t: Token) -> bool:
    """True when the word after the place is a built work no register lists (宁波|舟山港, 北京|大兴国际机场)."""
    # by_start indexes the tokens before _split_space (and marks phase boundaries with -1), so the word is
    # looked up in view.tokens itself
    i = view.index_containing(t.end) if t.end in view.by_start else None
    if i is None or view.tokens[i].start != t.end:
        return False
    nxt = view.tokens[i].word
    tails = (*place_rules()["work_tails"], *_NON_PLACE_TAILS)
    return len(nxt) >= 2 and nxt.endswith(tails) and normalise(nxt) is None and nxt not in place_index()


def _regions_in(word: str) -> list[str]:
    """The countries and regions a word is made of when it is two or more of them (中亚南亚西亚), else []."""
    if len(word) < 4 or word in place_index():
        return []
    parts = segments(word) or []
    ok = len(parts) > 1 and all(place_index()[x][0].level in ("country", "region") for x in parts)
    return parts if ok else []


def _region_tail(text: str, end: int) -> str:
    """The region ending written right after a place (石家庄|都市圈, 豫东|平原), or ''."""
    return next((r for r in _region_tails_longest_first() if text.startswith(r, end)), "")


@functools.cache
def _region_tails_longest_first() -> tuple[str, ...]:
    return tuple(sorted(place_rules()["region_tails"], key=len, reverse=True))


def _compound_after(text: str, end: int) -> bool:
    """True when the last character of text[:end] opens a word the text goes on with (台湾乡|建, 和县|域): the
    character belongs to that word, not to a division name (place_rules suffix_compounds)."""
    return end > 0 and text[end - 1 : end + 1] in _suffix_compounds()


@functools.cache
def _suffix_compounds() -> frozenset[str]:
    return frozenset(place_rules()["suffix_compounds"])


def _completed_division(text: str, word: str, end: int) -> str:
    """The division name the word stops one character short of (兴安|盟 -> 兴安盟), or ''."""
    nxt = text[end : end + 1]
    if not nxt or nxt not in place_rules()["division_ends"] or word.endswith(nxt) or _compound_after(text, end + 1):
        return ""
    return word + nxt if word + nxt in place_index() else ""


def demonym_pairing(text: str, pos: int) -> bool:
    """True when the one-character place name at `pos` belongs to a pairing of such names written before a word for
    people (港澳台|同胞, 港澳|同胞; place_rules demonym_heads): the compatriots, no mention of the places."""
    abbrev = _ABBREV | place_abbreviations().keys()
    end = pos
    while end < len(text) and text[end] in abbrev:
        end += 1
    begin = pos
    while begin > 0 and text[begin - 1] in abbrev:
        begin -= 1
    return end - begin >= 2 and text.startswith(tuple(place_rules()["demonym_heads"]), end)


def excluded_by_convention(text: str, start: int, end: int, common: frozenset[str] = frozenset()) -> bool:
    """True when text[start:end], read as a place, is one the product's conventions exclude whatever the
    lists say: no name, a non-place word (or one of the page's `common` words: `common_words`), a building,
    a river or lake, a section of a work, a pairing of abbreviations, a name typed by suffix, a slogan, a
    name inside a quoted name, or the opening of a longer name (中国（四川）…, 中国—东盟…)."""
    w = text[start:end]
    if (len(w) < 2 or w.isascii() or is_non_name(w) or w in generic()["non_places"] or w in rules_common()
            or w in common or w.endswith(_NON_PLACE_TAILS)
            or (w.endswith(_WATERS) and not water_name(text, start, end)) or w.endswith(_WORK_PARTS) or _abbreviations(w)
            or suffix_of(w, grammar_only=True)):
        return True
    if _national_slogan(text, start, end) or _in_quoted_name(text, start, end):
        return True
    if _route_endpoint(text, start, end) or _PHASE.match(text, end) or _compound_after(text, end):
        return True  # 赤峰至锦州输氢氨醇管道, 川州二期: the place names a line or a work's phase
    return text[end : end + 1] in _NAME_JOINS and _cjk(text[end + 1 : end + 2])


def _province_abbreviation(view: TokenView, t: Token) -> Cand | None:
    """The province a one-character name stands for after a verb of coming, being or going (来|川, 在|湘|增设,
    入|豫”, 涉疆): a place mention, not the pairing of 川渝 or 湘江. None otherwise."""
    rules = place_rules()
    names, verbs = rules["province_abbreviations"], rules["abbreviation_verbs"]
    word, start = t.word, t.start
    if len(word) == 2 and word[0] in verbs:
        word, start = word[1], start + 1  # 涉疆 as one word
    elif len(word) != 1 or not view.text[max(0, start - 2) : start].endswith(verbs):
        return None
    after = view.text[start + 1 : start + 8]
    if word not in names or after[:1] in names or after.startswith(rules["route_heads"]):
        return None  # 川渝 is a pairing; 陇电入浙|工程 names a line
    if start >= 3 and (view.text[start - 3] in _ABBREV or view.text[start - 3] in names):
        return None  # 疆算入渝, 陇电入浙: a flow between two regions (a slogan), not the place of the page
    return Cand(start, start + 1, "place", names[word])


def _foreign_place(t: Token) -> bool:
    """A country, bloc or world city LAC reads as an organisation (欧盟|ORG, 捷克斯洛伐克|ORG): still a place."""
    return t.tag == "ORG" and (t.word in world_places()
                               or any(p.level in ("country", "region") for p in place_index().get(t.word, ())))


def region_of_province(word: str) -> bool:
    """True for a part of a province named by its one-character name and a direction (豫西, 粤东, 皖北, 陕北)."""
    rules = place_rules()
    return 2 <= len(word) <= 3 and word[0] in rules["region_abbreviations"] and word[1:] in rules["directions"]


def _field_place(word: str) -> str:
    """The place a coal field is named after (山西|煤田, 豫西|煤田), or '' (place_rules field_tails)."""
    tails = place_rules()["field_tails"]
    if not word.endswith(tails):
        return ""  # most words: one C-level test of every tail
    tail = next((x for x in place_rules()["field_tails"] if word.endswith(x) and len(word) > len(x) + 1), "")
    head = word[: -len(tail)] if tail else ""
    return head if head and (normalise(head) is not None or region_of_province(head)) else ""


_COMMON: weakref.WeakKeyDictionary[TokenView, frozenset[str]] = weakref.WeakKeyDictionary()


def common_words(view: TokenView) -> frozenset[str]:
    """Words LAC reads on this page at least twice as a common word (a noun, adjective, adverb or verb) and more
    often so than as a place (世界和平, 和平发展 … 在|和平|共处; 经济 189 times, once a place): no place anywhere on
    the page, whoever reads them so (LAC or the tagger). Places above the county (中国, 深圳) are left alone."""
    done = _COMMON.get(view)
    if done is not None:
        return done
    reads = place_rules()["common_readings"]
    common: dict[str, int] = {}
    loc: dict[str, int] = {}
    for t in view.tokens:
        if t.tag in reads and len(t.word) >= 2:
            common[t.word] = common.get(t.word, 0) + 1
        elif t.tag == "LOC":
            loc[t.word] = loc.get(t.word, 0) + 1
    out = frozenset(w for w, n in common.items() if n >= 2 and n > loc.get(w, 0) and _below_city(w))
    _COMMON[view] = out
    return out


def _common_head(word: str, common: frozenset[str]) -> bool:
    """True for a common word of the page, alone or before a region word (和平, 和平|地区, 消费|地区)."""
    if word in common:
        return True
    tail = next((r for r in _region_tails_longest_first() if word.endswith(r) and len(word) > len(r)), "")
    return bool(tail) and word[: -len(tail)] in common


@functools.cache
def _dictionary_words() -> frozenset[str]:
    """Words of jionlp's Chinese dictionary (chinese_word_dictionary.txt): 和顺, 平安, 东方 are words before counties."""
    from shuanglian.jio import dictionary_text

    return frozenset(line.split("\t")[0].strip() for line in dictionary_text("chinese_word_dictionary.txt").splitlines())


def _word_not_county(text: str, word: str, p: Place | None) -> bool:
    """True for a county's or district's short name that is also a common word (宗教和顺, 东方, 平安) on a page that
    names neither its city nor its province: the word, not the county (南山 on a 深圳 page stays the district)."""
    if (p is None or p.level not in ("district", "county") or word == p.name or word not in _dictionary_words()
            or p not in place_index().get(word, ())):
        return False  # 成都平原 is no short name of 平原县: only the county's own short name is checked
    return not any(up and up[:2] in text for up in (p.city, p.province))


def _below_city(word: str) -> bool:
    p = normalise(word)
    return p is None or p.level in ("district", "county")


def place_cands(view: TokenView) -> list[Cand]:
    """LOC tokens as places, normalised to official names; zone-like LOC tokens are left to the org grammar."""
    out = [c for t in view.tokens
           if t.tag == "LOC" or (t.tag == "ORG" and _foreign_place(t) and (t.start, t.end) not in view.clubs)
           for c in place_cand(view, t)]
    # 山西煤田/ORG: a coal field LAC reads as an organisation is named after its place
    out += [Cand(t.start, t.start + len(head), "place", (normalise(head) or Place(head, None)).name)
            for t in view.tokens if t.tag != "LOC" for head in [_field_place(t.word)] if head]
    # 来|川/n|发展: LAC does not always tag the one-character province a place
    names = place_rules()["province_abbreviations"]
    return out + [c for t in view.tokens if t.tag != "LOC" and len(t.word) == 1 and t.word in names
                  for c in [_province_abbreviation(view, t)] if c]


def _glued_fragment(view: TokenView, t: Token) -> bool:
    """True when the word before `t` and `t`'s first character make an industry term (制造|业园区 of 制造业园区):
    LAC cut the word off a common phrase, no zone's name."""
    i = view.by_end.get(t.start)
    return i is not None and i >= 0 and view.tokens[i].word + t.word[:1] in industries()


def _placed_carrier(word: str) -> bool:
    """True for a word that is no division, opens with a known place and ends with a platform suffix of any tier of
    the grammar (classify, infrastructure: 北京|商务中心区, 山东|港口): the carrier of that place, not the place."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    sfx = suffix_of(word)
    if sfx is None or len(sfx) < 2 or kind_of(word) != "platform" or word in place_index() or normalise(word) is not None:
        return False
    rest = strip_place_prefix(word)
    return rest != word and len(rest) > len(sfx)


@functools.cache
def _enterprise_tails() -> tuple[str, ...]:
    return tuple(generic()["enterprise_tails"])


def placed_firm(word: str) -> int:
    """Length of the places opening a word that is no division and goes on with a company's short name: a name of
    two characters or more and an enterprise tail (长沙宁乡|圣钘科技, generic_words.yaml enterprise_tails); else 0."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    if len(word) < 6 or not word.endswith(_enterprise_tails()) or word in place_index() or normalise(word) is not None:
        return 0  # two characters of place, two of name and a tail at least; the tail test first (cheap)
    rest = word
    while True:  # 长沙|宁乡|圣钘科技: every place opening the word
        shorter = strip_place_prefix(rest)
        if shorter == rest or len(shorter) < 4:
            break
        rest = shorter
    tail = next((x for x in generic()["enterprise_tails"] if rest.endswith(x)), None)
    if rest == word or tail is None or len(rest) < len(tail) + 2 or kind_of(rest) != "enterprise":
        return 0
    name = rest[: -len(tail)]
    if name in place_index() or name in industries() or all_generic(rest) or name in generic()["generic_name_parts"]:
        return 0
    return len(word) - len(rest)


def place_cand(view: TokenView, t: Token) -> list[Cand]:
    """The place (or zone) candidate of one word read as a place, by LAC or the tagger; none for a non-place."""
    out: list[Cand] = []
    text = view.text
    abbrev = _province_abbreviation(view, t)
    if abbrev:
        return [abbrev]
    if (len(t.word) < 2 or is_non_name(t.word) or t.word in generic()["non_places"] or t.word in rules_common()
            or _common_head(t.word, common_words(view))):
        return out  # 和 (和美乡村), 上 (上合), 晋, 日: one character is an abbreviation inside a phrase, no mention
    if t.word.endswith(_NON_PLACE_TAILS):
        return out  # 天空之城大厦: a building, not a place of the register
    s = suffix_of(t.word, grammar_only=True)
    if s and s == "新区" and t.word in place_index():
        s = None  # 浦东新区, 滨海新区 are districts; 湘江新区, 两江新区 are development zones
    if s:
        kind = kind_of(t.word) or "platform"
        if kind == "platform" and not all_generic(t.word) and not _glued_fragment(view, t):
            # 苏州工业园区, 广州国际生物岛: zones LAC tags as places are innovation platforms
            out.append(Cand(t.start, t.end, kind, t.word, PRIO_LAC))
        if normalise(t.word) is None or kind == "platform":
            return out
    firm = placed_firm(t.word) if not s else 0
    if firm:
        # 长沙宁乡|圣钘科技/LOC: a company's short name after its places, read as one place word
        lead = Token(t.start, t.start + firm, t.word[:firm], t.tag)
        return place_cand(view, lead) + [Cand(t.start + firm, t.end, "enterprise", t.word[firm:], PRIO_LAC)]
    carrier = _placed_carrier(t.word) if not s else None
    if carrier:
        # 北京商务中心区: a place's carrier or zone LAC reads as one place word is a platform
        return [Cand(t.start, t.end, "platform", t.word, PRIO_LAC)]
    if t.word.isascii():
        return out  # BioBAY: a brand LAC took for a place
    if _national_slogan(text, t.start, t.end):
        return out  # 健康中国, 美丽中国: a national slogan, not the country
    if _compound_after(text, t.end):
        # 台湾乡|建乡创团队, 和县|域: the last character opens the next word; the place is the rest, if any
        return place_cand(view, Token(t.start, t.end - 1, t.word[:-1], t.tag)) if len(t.word) > 2 else out
    whole = _completed_division(text, t.word, t.end)
    if whole:
        # 兴安|盟: the word stops short of the division name written
        return place_cand(view, Token(t.start, t.end + 1, whole, t.tag))
    rules = place_rules()
    if text.startswith(rules["non_place_after"], t.end):
        return out  # 延安精神, 井冈山精神: the name of a spirit, not the place
    p = normalise(t.word)
    regions = _regions_in(t.word)
    if regions:
        # 中亚南亚西亚: countries or regions written one after another are one mention each
        pos = t.start
        for region in regions:
            out.append(Cand(pos, pos + len(region), "place", place_index()[region][0].name))
            pos += len(region)
        return out
    if _word_not_county(text, t.word, p):
        return out  # 宗教和顺: the word, not 和顺县, on a page naming no 晋中 nor 山西
    if p is None and any(ch.isdigit() for ch in t.word):
        return out  # 梅山港区6号: a berth or a numbered work, not a place
    field = _field_place(t.word) if p is None else ""
    if field:
        # 豫西|煤田, 江苏|煤田: the coal field lies in the place the mention names
        return place_cand(view, Token(t.start, t.start + len(field), field, t.tag))
    part = next((x for x in rules["part_tails"] if t.word.endswith(x) and len(t.word) > len(x) + 1), None)
    if p is None and part and normalise(t.word[: -len(part)]) is not None:
        # 光山县|西南部, 内蒙古|东部, 秦岭|北麓: the part names the place it is part of
        return place_cand(view, Token(t.start, t.end - len(part), t.word[: -len(part)], t.tag))
    if p is None and t.word.endswith(rules["work_tails"]) and not t.word.endswith("街道"):
        if len(t.word) >= 4 and kind_of(t.word) == "platform" and not all_generic(t.word) and not _route_endpoint(text, t.start, t.end):
            # 沪通长江大桥/LOC, 伶仃洋大桥/LOC: a named built work LAC reads as one place word is a platform (a short
            # one, 南港, is more often the area named after the port)
            # (real_gold README session-12 rule 4), as the suffix grammar types it
            return [Cand(t.start, t.end, "platform", t.word, PRIO_LAC)]
        return out  # 天津港, 重庆站, 天府大道, 金融街: a built work or a spot, not a place of the registers
    if _route_endpoint(text, t.start, t.end):
        return out  # 日照至五莲铁路: the endpoints name the line
    if _PHASE.match(text, t.end):
        return out  # 川州|二期等…输变电工程: the name of a work and its phase, not a place of the page
    if p is None and _listed_work(text, t.end):
        return out  # 九龙川、唐家河等煤矿: names of works in a list
    if p is None and len(t.word) == 2 and text.startswith(rules["line_openers"], t.end):
        return out  # 京滨|城际, 津潍|高铁: a pairing that names a line
    if _names_work(view, t):
        return out  # 宁波|舟山港, 昆明|长水国际机场: the place opens the name of a built work
    tail = _region_tail(text, t.end)
    if tail and (t.word.endswith(tail) or _in_quoted_name(text, t.start, t.end + len(tail))
                 or text.startswith(rules["measure_after_region"], t.end + len(tail))):
        tail = ""
    around = text[t.start - 1 : t.start] == "环" and t.start > 0  # 环|渤海地区: the region around the sea
    if tail or (around and t.word.endswith(rules["region_tails"])):
        # 石家庄|都市圈, 长江三角洲|地区, 成渝地区|双城经济圈: the region is the place named
        start = t.start - 1 if around else t.start
        return [Cand(start, t.end + len(tail), "place", text[start : t.end + len(tail)])]
    village = _village_after(text, t.word, t.end)
    if village:
        # 左岭街道|智苑|社区: a town and the village or community written after it are one place
        return [Cand(t.start, t.end + len(village), "place", t.word + village)]
    if t.word.endswith("地区") and text.startswith(rules["measure_after_region"], t.end):
        # 安徽地区生产总值: the place is 安徽, 地区生产总值 the measure
        short = Token(t.start, t.end - 2, t.word[:-2], t.tag)
        return place_cand(view, short) if len(short.word) >= 2 else out
    if p is None and t.word.endswith(_WATERS) and not water_name(text, t.start, t.end):
        return out  # 江河, 湘江|战役: a generic word for waters, or a river opening another name
    if p is None and t.word[-1] in "省市区县" and len(t.word) <= 3:
        return out  # 科教兴市 tagged 兴市: not a real division
    if p is None and _place_plus_generic(t.word):
        return out  # 深圳国际|生物谷: the start of a name LAC cut, not a place
    if p is None and (t.word.endswith(_WORK_PARTS) or _abbreviations(t.word)
                      or _place_plus_other(t.word)):
        return out  # 横琴段, 梁山港二期, 成渝, 云南咖啡: a section, a pairing or a place plus a thing
    if _in_quoted_name(text, t.start, t.end):
        return out  # “中国天眼”, “中国大集”: a place inside a quoted name or brand
    if text[t.end : t.end + 1] in _NAME_JOINS and _cjk(text[t.end + 1 : t.end + 2]):
        return out  # 中国（四川）国际熊猫消费节, 中国—东盟…中心: the place opens a longer name
    out.append(Cand(t.start, t.end, "place", p.name if p else t.word))
    return out




_WORLD_RUN = 4  # LAC cuts a long official name into at most a few place words (朝鲜民主主|义人民共和国)


def world_place_cands(view: TokenView) -> list[Cand]:
    """A country's or world city's name LAC cut into several place words is one place (world gazetteer)."""
    names = world_places()
    toks = view.tokens
    out: list[Cand] = []
    for i, t in enumerate(toks):
        if t.tag != "LOC":
            continue
        word = t.word
        for j in range(i + 1, min(i + _WORLD_RUN, len(toks))):
            if toks[j].start != toks[j - 1].end:
                break
            word += toks[j].word
            if word in names:
                out.append(Cand(t.start, toks[j].end, "place", word, PRIO_GAZETTEER))
                break
    return out
