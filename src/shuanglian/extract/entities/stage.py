"""EntityStage: LAC + rules -> grouped entities with kinds, aliases, every span and attributes."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from shuanglian.document import Document, Mention
from shuanglian.extract.entities.aliases import strip_place_prefix
from shuanglian.extract.entities.attrs import (
    assign_roles,
    backreferences,
    local_bodies,
    org_attrs,
    page_context,
)
from shuanglian.extract.entities.bare_names import bare_kind
from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView, select
from shuanglian.extract.entities.events import (
    abbreviated_fairs,
    convened,
    local_events,
    session_aliases,
    session_events,
)
from shuanglian.extract.entities.groups import (
    CARRIER_KINDS,
    Group,
    Ranges,
    all_spans,
    bracket_short_names,
    drop_people_inside_orgs,
    group_key,
    in_ranges,
    merge_org_aliases,
    quoted_carrier,
)
from shuanglian.extract.entities.industries import (
    FIELD,
    IndustrySpans,
    anchored_forms,
    grammar_industries,
    headed_industries,
    industry_mentions,
    joined_industries,
    overlapping_industries,
)
from shuanglian.extract.entities.industry_lists import listed_industries
from shuanglian.extract.entities.kind_shapes import (
    heritage_works,
    listed_facilities,
    listed_roads,
    patterned_works,
    reshaped,
    shaped,
    with_capacity,
)
from shuanglian.extract.entities.lexicon import (
    KINDS_ORG,
    blocked_automaton,
    generic,
    org_gazetteer,
    party_posts,
    place_abbreviations,
    place_rules,
    standalone_abbreviations,
    suffix_automaton,
    tagger_gating,
    titles,
)
from shuanglian.extract.entities.orgs import (
    abbreviated_lines,
    brand_orgs,
    field_carriers,
    gazetteer_orgs,
    grammar_orgs,
    kind_of,
    lac_orgs,
    lead_start,
    listed_company_orgs,
    listed_orgs,
    not_a_fund,
    peer_orgs,
    power_lines,
    quoted_fund_names,
    quoted_funds,
    quoted_platforms,
    source_media,
    suffix_of,
    tagger_orgs,
    university_units,
)
from shuanglian.extract.entities.people import is_name_shape, lac_people
from shuanglian.extract.entities.place_mentions import place_cands, world_place_cands
from shuanglian.extract.entities.places import (
    Place,
    normalise,
    place_index,
    place_key,
    place_merges,
    world_places,
)
from shuanglian.extract.entities.tagger_spans import recovered, trimmed
from shuanglian.extract.lac import Token, tag_many, tag_text
from shuanglian.extract.ner.combine import Policy, merge, overrule
from shuanglian.extract.ner.tagger import NerSpan, get_ner
from shuanglian.suffixes import kind_by_suffix

_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")


def _blocked_ranges(text: str) -> list[tuple[int, int]]:
    # names inside a policy or document title (《湖北省…行动方案》) belong to the policy, not the page
    # (a paper's name in 《》, 《新华日报》, is itself a media mention and stays)
    out = [(_title_issuer(m), m.end()) for m in _BOOK_TITLE.finditer(text) if kind_of(m.group()[1:-1]) != "media"]
    auto = blocked_automaton()
    if not len(auto):
        return out
    for last, (phrase, _) in auto.iter(text):
        start = last + 1 - len(phrase)
        # a blocked phrase never hides the start of a longer name (中国特色… is blocked, 中国科学院 is not)
        out.append((start, last + 1))
    return out


# Measured on the real dev gold (bench/real_entities.py, model card): the tagger, trained on 1998
# and 2005-2011 news, loses people and places on report text (brands read as names). Its CLUENER
# head's organisation labels veto LAC persons (brands) and type suffix-less names. Its long
# organisation names typed by the rules (NER_LABELS = ("ORG",)) gained +0.002 on real dev but joined
# lists (泰和新材和隆基绿能…公司) and bodies with 党组 on the team gold, below its pinned floors: off.
NER_LABELS: tuple[str, ...] = ()
MIN_NER_ORG = 6
# measured on MSRA test, CLUENER held-out tenth and real dev (model card): the tagger's organisation names
# (CRF span marginal >= 0.5, under combine.org_plausible) and its very confident persons and places become
# LAC words; LAC organisations no tagger span touches are vetoed unless the rules type them by suffix.
# Not done: one-character places (中|美; +0.035 on MSRA, but 港澳 split on the team gold and 京|津 on real
# text) and a veto of every place (it dropped 中部地区, 黄土高原, 察汗淖尔 on real dev): only places on no list that
# no span touches are vetoed (`_unknown_place`; combination v3 in the model card). The organisation veto
# (LAC organisations no tagger span touches become plain nouns) is off: with the generic-word lists it
# changes nothing on real dev (typed F1 0.686 either way) and it drops brands the tagger does not know
# (华润微电子 as a project's builder), which analysts need in the enterprise registers.
NER_POLICY = Policy(take={"ORG": 0.5, "PER": 0.95, "LOC": 0.97}, veto=frozenset({"LOC"}), single=0.9, cut=frozenset({"PER"}),
                    recover={"PER": 0.9, "LOC": 0.9, "LOC-unlisted": 0.97, "LOC-sure": 0.99, "ORG": 0.9, "clue": 0.9,
                             "PER-lac": 0.7},
                    clash=0.7, sure=0.97, trim=0.9, agreed=0.95, club=0.9)

def _cut_place(place: str, word: str) -> bool:
    """A sure place span may cut a LAC place word when it is a known place and the word is none, nor a region
    (银川|晴 in a weather list, 斯里兰卡|科伦坡; not 东北|地区)."""
    return (normalise(place) is not None and normalise(word.strip()) is None and word not in place_index()
            and not word.strip().endswith(place_rules()["uncut_region_tails"]))


def _title_word(t: Token) -> bool:
    """A LAC word ending in a title that absorbs its body (省委书记, 市长, 县委常委): a tagger span never cuts it, so
    the rules read the place and the title as they do without the tagger. A title of a body's own head (外交部长,
    公安局长, 厅长) is cut: the guideline names the body inside such a title (工业和信息化部部长 -> 工业和信息化部)."""
    w = t.word.strip()
    return any(w.endswith(title) and (scope != "org" or title.endswith(party_posts()))
               for title, scope in titles().items() if len(title) >= 2)


def _head_title(word: str) -> bool:
    """A title of a body's own head (部长, 局长, 厅长): the body named inside it is an entity (the guideline's
    工业和信息化部部长 -> 工业和信息化部), unlike a party post or a place's leader (书记, 省长)."""
    return titles().get(word) == "org" and not word.endswith(party_posts())


def _ner_gate(name: str, label: str) -> bool:
    """Accept a tagger span only when the rules can type it (and it is long enough to be a full name)."""
    return len(name) >= MIN_NER_ORG and kind_of(name) is not None


def _take_gate(word: str, label: str) -> bool:
    """A one-character span is taken only for a country or region on the abbreviation list (中|美, not 京|津);
    a known division named alone is a place, never taken as a person or organisation (由中科院、深圳市和…
    共同发起: the body is written 深圳市人民政府 or 市政府)."""
    if label != "LOC" and (word in place_index() or word in world_places()):
        return False  # a country or world city (匈牙利, 罗马尼亚) is a place in any list
    # an organisation span the rules cannot type that extends a platform or built work the rules do type
    # (沿江高铁|武宜段): the rules' own grammar names such works and their sections
    if label == "ORG" and kind_of(word) is None and any(kind_of(word[:k]) == "platform" for k in range(2, len(word))):
        return False
    return len(word) > 1 or word in place_abbreviations()


CARRIER_MARKS = True
# common-noun words LAC cuts a carrier's name into (全国|高校|区域|技术|转移|转化|中心): the rules' walk may stop early
_COMMON = frozenset({"n", "vn", "nz", "j", "an"})

_NAME_NEIGHBOURS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})


def _org_needs_tagger(tokens: Sequence[Token], i: int) -> bool:
    """A LAC organisation the tagger may change: one the rules cannot type (a brand: the CLUENER head's kind
    hint), or one beside another name, which a longer name LAC cut may hold (中科院|苏州|纳米所). A typed name
    standing alone (国务院 在, 水利部 部长) is left untagged."""
    t = tokens[i]
    if kind_of(t.word.strip()) is None:
        return True
    return any(0 <= j < len(tokens) and tokens[j].tag in _NAME_NEIGHBOURS for j in (i - 1, i + 1))


_PLACE_ENDS = frozenset("港市县镇乡村省区州湖岛湾山河江桥")


def _odd_person(word: str) -> bool:
    """A LAC person the tagger may change: not a two- or three-character Chinese name of the rules' shape
    (a brand 华海清科, a transliterated name, a name LAC glued to the next word). Sentences whose only names
    are ordinary persons (习近平, 王正谱) are not tagged: on real dev tagging them changed one entity of ~2,800
    (徐闻港, a port LAC reads as a person), and they are most of the sentences with a name on news pages."""
    w = word.strip()
    # a name ending in a place character (徐闻港, 张家湾) may be a place LAC read as a person: the tagger decides
    return not (2 <= len(w) <= 3 and is_name_shape(w)) or w[-1] in _PLACE_ENDS


def _short_person(tokens: Sequence[Token], i: int) -> bool:
    """A two-character LAC person followed by one character LAC reads as an adverb, verb or adjective (高允|连,
    张纯|如, 罗毅|刚): LAC may have cut a three-character name, which the tagger reads whole."""
    t = tokens[i]
    if t.tag != "PER" or len(t.word.strip()) != 2 or i + 1 >= len(tokens):
        return False
    n = tokens[i + 1]
    return len(n.word) == 1 and n.tag in ("d", "v", "a", "vd", "ad") and "\u4e00" <= n.word <= "\u9fff"


def _place_then_body(tokens: Sequence[Token], i: int) -> bool:
    """A LAC place followed by one or two short nouns naming a body (吉林省|戏曲学校, 郑州|电务段, 中国|女队,
    吉林省|戏曲|学校, 非洲|进出口|银行): the rules read the place alone; the tagger may read one organisation."""
    t = tokens[i]
    if t.tag != "LOC":
        return False
    size = 0
    for n in tokens[i + 1 : i + 3]:
        if n.tag not in ("n", "nz", "vn"):
            return False
        size += len(n.word)
        if size > 6:
            return False
        if len(n.word) <= 4 and n.word[-1] in place_rules()["body_ends"]:
            return True
    return False


_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9&.\-]+$")


_LATIN_TAGS = frozenset({"nz", "nw", "n"})


def _latin_name(t: Token) -> bool:
    """A Latin-letter word LAC reads as a noun (EA, WCG, canbet): often a brand, which the tagger's heads read."""
    return t.tag in _LATIN_TAGS and bool(_LATIN_NAME.match(t.word.strip()))


def _vetoable(t: Token) -> bool:
    """A LAC word the rules type by its suffix (水库, 铁路, 集团) and a LAC place that is a known division are
    never vetoed (nor is a sentence tagged for such a place)."""
    if t.tag == "LOC":
        return _unknown_place(t)
    word = t.word.strip()
    return kind_of(word) is None and suffix_of(word) is None


def _abbreviation_pair(t: Token) -> bool:
    """A LAC place made of one-character country or region names (中美, 港澳台, 港人治港) that is no known
    division: the tagger splits it into its places, so its sentence is tagged."""
    if t.tag != "LOC":
        return False
    w = t.word.strip()
    abbrev = place_abbreviations()
    return 2 <= len(w) <= 4 and sum(c in abbrev for c in w) >= 2 and w not in place_index()


@functools.lru_cache(maxsize=1 << 16)
def _word_kind(word: str) -> str | None:
    """`kind_of` of a LAC word, cached: the sentence marks ask it of every LAC place on a page."""
    return kind_of(word)


def _visit_word(t: Token) -> bool:
    """A two-character LAC word of a verb of coming or visiting and a one-character country name (访华, 来华, 赴美):
    the tagger reads the country."""
    w = t.word.strip()
    if len(w) == 1:
        return t.tag == "LOC" and w in standalone_abbreviations()  # 在|京|举行
    return (len(w) == 2 and w[0] in tagger_gating()["visit_verbs"]
            and (w[1] in place_abbreviations() or w[1] in standalone_abbreviations()))


def _abbreviation_run(t: Token) -> bool:
    """A LAC word of any tag holding two one-character country names side by side (中埃医疗, 抗美援朝 read whole, 中斯):
    the tagger splits the countries out."""
    w = t.word.strip()
    if t.tag in ("LOC", "w", "m") or len(w) < 2 or w in place_index():
        return False
    abbrev = place_abbreviations()
    return any(a in abbrev and b in abbrev for a, b in zip(w, w[1:], strict=False)) or (
        len(w) == 4 and w[1] in abbrev and w[3] in abbrev)


def _body_word(t: Token) -> bool:
    """A LAC common noun of three to six characters ending in a body's last character (手球队, 报告团, 矿务局), or a LAC
    place the rules type as an organisation by its suffix (广东宏远队, 八一队 read as places): a body the tagger may name."""
    w = t.word.strip()
    if t.tag == "LOC":
        # a zone or park LAC reads as a place (广州开发区) too: the tagger reads the carrier's full name (real dev +0.002 P/L/O)
        return _word_kind(w) not in (None, "place")
    return t.tag in tagger_gating()["body_word_tags"] and 3 <= len(w) <= 6 and w[-1] in tagger_gating()["body_word_ends"]


def _head_title_word(tokens: Sequence[Token], i: int) -> bool:
    """A LAC word writing a body's name and its head's title as one (外交部长, 宣传部长), or a head's title after a
    common noun (公安|局长): the tagger reads the body (伊朗外交部, 文昌市公安局), which the guideline names."""
    w = tokens[i].word.strip()
    for k in (2, 3):
        title = w[-k:]
        if len(w) > k and _head_title(title) and w not in titles():
            return True
    return (len(w) == 2 and _head_title(w) and i > 0 and tokens[i - 1].tag in ("n", "nz", "vn")
            and len(tokens[i - 1].word) >= 2)


def _place_glued(t: Token) -> bool:
    """A LAC name-like noun that opens with a known place and goes on (长春雷阵雨 in a weather list, 法兰西传真): LAC
    glued the place to the next word; the tagger reads the place."""
    w = t.word.strip()
    return t.tag in ("nz", "nw") and len(w) >= 4 and any(w[:k] in place_index() or w[:k] in world_places()
                                                          for k in (2, 3))


def _dateline_next(text: str, tokens: Sequence[Token]) -> list[Token]:
    """The word right after a news dateline (本报讯|慕尼黑世界杯…, 6月14日|电米哈伊洛维奇): LAC glues the story's first
    name to what follows, or the dateline's 电 to the name."""
    out: list[Token] = []
    datelines, ends = tagger_gating()["datelines"], tagger_gating()["dateline_ends"]
    for i, t in enumerate(tokens[:-1]):
        if t.tag == "TIME":
            nxt = tokens[i + 1]
            if len(nxt.word) > 1 and nxt.word.startswith(ends):  # 6月14日|电米哈伊洛维奇
                out.append(nxt)
        elif t.word.endswith(datelines) or t.word.strip().endswith(datelines):
            out.append(tokens[i + 1])
    return out


def _unknown_place(t: Token) -> bool:
    """A LAC place on no list of ours and typed by no suffix (印度尼西亚, 科伦坡, 银川晴): the tagger reads its
    sentence (a foreign name, a glued word, a person LAC took for a place). Measured on MSRA dev (train split's
    held-out thirtieth): +0.023 F1 for 7 % more of the CCTV pages' characters tagged (model card)."""
    w = t.word.strip()
    return (t.tag == "LOC" and w not in place_index() and not w.endswith(place_rules()["settled_place_tails"])
            and _word_kind(w) is None and suffix_of(w) is None)


# a quoted phrase written straight into a carrier's name: “一带一路”国际技术转移中心, “双碳”研究院
_QUOTED_HEAD = re.compile(r"“[^“”\n]{1,12}”([\u4e00-\u9fff]{2,16})")


def _quoted_carriers(text: str) -> list[tuple[int, int]]:
    """Ranges of a quoted phrase and the words after it up to a carrier suffix (the rules stop at the quote,
    the tagger reads the name whole, so its sentence is tagged). Linear: quotes followed by a word are few."""
    out: list[tuple[int, int]] = []
    if "“" not in text:
        return out
    for m in _QUOTED_HEAD.finditer(text):
        tail = m.group(1)
        for k in range(len(tail), 1, -1):
            if kind_by_suffix(tail[:k]) in CARRIER_KINDS:
                out.append((m.start(), m.start(1) + k))
                break
    return out


def _inside(r: tuple[int, int], ranges: Sequence[tuple[int, int]]) -> bool:
    """True when `r` lies inside one of `ranges` (sorted by start and disjoint, as finditer gives them)."""
    i = bisect_right(ranges, (r[0], 1 << 62)) - 1
    return i >= 0 and r[1] <= ranges[i][1]


def _quoted_recovered(text: str, chosen: Sequence[Cand], ner: Sequence[NerSpan], quoted: Sequence[tuple[int, int]],
                      blocked: Ranges) -> list[Cand]:
    """Carriers the tagger reads whole from an opening quote (“一带一路”国际技术转移中心 at 0.93): LAC's quote
    words break a name for the recovery, so a sure organisation span covering one of `quoted` (a quoted phrase
    and the words after it up to a carrier suffix) and ending there is taken, typed by its words after the quote.
    Chosen candidates inside it (a place, an industry, the suffix-only name) give way; one crossing it keeps it out."""
    ends = {b: a for a, b in quoted}
    out: list[Cand] = []
    # chosen names crossing a span's left or right edge, indexed once (a 5 MB page has many of both)
    left = right = None
    for s in ner:
        if s.head != "pd" or s.label != "ORG" or s.conf < NER_POLICY.recover.get("ORG", 2.0):
            continue
        a = ends.get(s.end)
        if a is None or s.start > a or s.end - s.start > 40:
            continue
        name = text[s.start : s.end]
        close = name.rfind("”")
        kind = kind_of(name[close + 1 :])
        if kind not in CARRIER_KINDS:
            continue
        c = Cand(s.start, s.end, kind, name, PRIO_GRAMMAR)
        if left is None or right is None:
            left = Ranges([(o.start + 1, o.end) for o in chosen])  # starts before a point it covers
            right = Ranges([(o.start, o.end - 1) for o in chosen])  # ends after a point it covers
        if left.overlaps(c.start, c.start + 1) or right.overlaps(c.end - 1, c.end):
            continue
        if in_ranges(c, blocked) and not quoted_carrier(text, c, blocked):
            continue
        out.append(c)
    return out


GATING_V5 = True  # the marks of combination v5 (model card): visit words, abbreviation runs, body words, datelines


@functools.cache
def _v5_filters() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    """Cheap first tests of the v5 marks: last characters of body words and of head titles, characters of one-character
    place names, and a pattern of two such characters side by side."""
    body = frozenset(tagger_gating()["body_word_ends"])
    heads = frozenset(t[-1] for t, scope in titles().items() if scope == "org")
    abbrev = frozenset(place_abbreviations()) | frozenset(standalone_abbreviations())
    chars = "".join(sorted(place_abbreviations()))
    c = f"[{re.escape(chars)}]"
    return body, heads, abbrev, re.compile(f"(?={c}{c}|.{c}.{c})")  # 中埃, 抗美援朝


_V5_TAGS = frozenset({"LOC", "nz", "nw"})


@functools.cache
def _v5_lasts() -> frozenset[str]:
    """Last characters a word needs for a v5 test of its last character (abbreviations, body word ends, head titles)."""
    body, heads, abbrev, _ = _v5_filters()
    return body | heads | abbrev


@functools.cache
def _dateline_pretests() -> tuple[str, ...]:
    """Two characters a page must hold for `_dateline_next` to find anything: a dateline's last two (本报|讯) or a
    date's 日 and a dateline end (6月14|日电): most pages hold none, and the token walk is skipped."""
    g = tagger_gating()
    return tuple(sorted({d[-2:] for d in g["datelines"]} | {"日" + e for e in g["dateline_ends"]}))


def _v5_marks(text: str, tokens: Sequence[Token], marks: bytearray) -> None:
    """Set `marks` on the words the v5 marks select; each word is tested only when a one-character test lets it through
    (the page's ~1,000 words per 2,000 characters are mostly short common words)."""
    body, heads, abbrev, pair = _v5_filters()
    pairs = [m.start() for m in pair.finditer(text)]
    ends = [t.end for t in tokens] if pairs else []
    runs = {bisect_right(ends, p) for p in pairs}  # words holding the first of two side-by-side country names
    lasts = _v5_lasts()
    # only words whose last character or tag one of the tests below asks for, or in a run, are looked at
    for i in sorted(runs.union(i for i, t in enumerate(tokens) if t.word[-1:] in lasts or t.tag in _V5_TAGS)):
        if i >= len(tokens):
            continue
        t = tokens[i]
        w = t.word
        last = w[-1:]
        if ((len(w) <= 2 and (w[-1:] in abbrev) and _visit_word(t)) or (i in runs and _abbreviation_run(t))
                or ((last in body or t.tag == "LOC") and _body_word(t)) or (last in heads and _head_title_word(tokens, i))
                or (t.tag in ("nz", "nw") and _place_glued(t))):
            marks[t.start : t.end] = b"\x01" * (t.end - t.start)
    if any(pre in text for pre in _dateline_pretests()):
        for t in _dateline_next(text, tokens):
            marks[t.start : t.end] = b"\x01" * (t.end - t.start)


def _needs_tagger(text: str, tokens: list[Token]) -> bytearray:
    """Positions where the tagger's output is used: LAC persons and organisations (vetoes, takes, kind
    hints), vetoable words of the policy, and, when its names are taken (NER_LABELS), ends of organisation
    suffixes. Sentences without one are not tagged (measured on real dev: tagging them too adds nothing),
    so a LAC word is vetoed only inside a tagged sentence."""
    marks = bytearray(len(text) + 1)
    veto = NER_POLICY.veto
    for i, t in enumerate(tokens):
        # each test holds only for the tags it names (most words are none of them): dispatched on the tag
        tag = t.tag
        if tag == "ORG":
            hit = _org_needs_tagger(tokens, i)
        elif tag == "PER":
            hit = _odd_person(t.word) or _short_person(tokens, i)
        elif tag == "LOC":
            hit = _place_then_body(tokens, i) or _abbreviation_pair(t) or _unknown_place(t)
        else:
            hit = tag in _LATIN_TAGS and _latin_name(t)
        if hit or (tag in veto and _vetoable(t)):
            marks[t.start : t.end] = b"\x01" * (t.end - t.start)  # LAC glues newlines to a name's start
    if GATING_V5:
        _v5_marks(text, tokens, marks)
    for a, b in _quoted_carriers(text):
        marks[a:b] = b"\x01" * (b - a)
    if CARRIER_MARKS:
        hits = [(last + 1 - len(sfx), last + 1) for last, (sfx, kind) in suffix_automaton().iter(text)
                if kind in CARRIER_KINDS and len(sfx) >= 2]
        ends = {b for _, b in hits}
        for i, t in enumerate(tokens):
            if t.end in ends and i >= 1 and t.tag in _COMMON and tokens[i - 1].tag in _COMMON:
                marks[t.start : t.end] = b"\x01" * (t.end - t.start)
        starts = {t.start for t in tokens}
        tok_ends = {t.end for t in tokens}
        for a, b in hits:
            if b - a >= 3 and a in starts and b not in tok_ends:
                # 实验|室内: LAC cut a carrier's suffix into a word that runs past it; the tagger reads the name
                marks[max(0, a - 8) : b + 1] = b"\x01" * (b + 1 - max(0, a - 8))
    if NER_LABELS:
        for last, _ in suffix_automaton().iter(text):
            marks[last] = 1
    return marks


def _merge_places(groups: dict[tuple[str, str], Group]) -> None:
    """One group for a place and its fuller form on the page (京津冀 of 京津冀地区, 永丰村 of 太和镇永丰村)."""
    for short, full in place_merges([k[1] for k in groups if k[0] == "place"]).items():
        src, dst = groups.get(("place", short)), groups.get(("place", full))
        if src is not None and dst is not None and src is not dst:
            dst.surfaces |= src.surfaces
            del groups[("place", short)]


def _cut_lead(text: str, c: Cand) -> Cand:
    """An organisation whose name opens with a stationing or a preposition before a known body, cut to the body
    (驻|豫人民解放军; 驻|苏人民解放军 with 驻 left outside the name)."""
    k = lead_start(c.name, stationed=text[c.start - 1 : c.start] == "驻") if c.kind in KINDS_ORG else 0
    if not k:
        return c
    known = org_gazetteer().get(c.name[k:])  # 苏人民解放军 read as a company: the body keeps its own kind
    return replace(c, start=c.start + k, name=c.name[k:], kind=known.kind if known else c.kind)


def _joined_government(text: str, c: Cand) -> bool:
    """A bare 省政府/市政府 completed with the page's place and joined to the party committee written before it
    (江西省委和|省政府工作汇报): the committee alone is the entity."""
    return (c.kind == "government" and bool(c.attrs.get("resolved")) and text[c.start] in "省市区县"
            and text[c.start : c.end].endswith("政府") and text.endswith(generic()["committee_joined"], 0, c.start))


def _quoted_slogan(text: str, c: Cand) -> bool:
    """A festival word named as a body (“新年第一会”) or a slogan read as a place (“保交楼”): generic_words.yaml
    `festivals`, and a quoted place unknown to the gazetteer opening with a campaign verb (`slogan_verbs`)."""
    g = generic()
    if c.kind in KINDS_ORG and c.name in g["festivals"]:
        return True
    return (c.kind == "place" and c.name[:1] in g["slogan_verbs"] and c.name not in place_index()
            and text[c.start - 1 : c.start] == "“" and text[c.end : c.end + 1] == "”")


_DOCTRINE_TAGS = frozenset({"n", "nz", "a", "an", "vn", "LOC", "TIME", "PER", "j", "b", "f"})
MAX_DOCTRINE_WORDS = 8


def _doctrine_person(view: TokenView, c: Cand) -> bool:
    """A person named only as the opening of a doctrine's name (毛泽东军事思想, 马克思列宁主义, 习近平新时代中国特色社会
    主义思想): nouns run from the name to a head of generic_words.yaml `doctrine_heads`; no mention of the person."""
    if c.kind != "person":
        return False
    heads = generic()["doctrine_heads"]
    text = view.text
    if text.startswith(heads, c.end):
        return True  # 邓小平|理论
    starts = view.token_at
    k = next((starts[a] for a in range(c.start, max(-1, c.start - 8), -1) if a in starts), None)
    if k is not None and view.tokens[k].end > c.end:  # 马克思列宁主义: the name inside one LAC word ending in the head
        return view.tokens[k].word.endswith(heads)
    i = starts.get(c.end)
    if i is None:
        return False
    for t in view.tokens[i : i + MAX_DOCTRINE_WORDS]:
        if t.word.endswith(heads):
            return True
        if t.tag not in _DOCTRINE_TAGS:
            return False
    return False


_LIST_EDGES = frozenset("：:、，,（(；;")
_LIST_ENDS = frozenset("、，,）)。；;")


def _split_departments(view: TokenView) -> list[Cand]:
    """A department written bare as a list item that LAC cut before its one-character suffix (牵头单位：民政|厅）):
    a noun of two or more characters and a `bare_department_ends` suffix between list marks is a government body."""
    ends = generic()["bare_department_ends"]
    toks, text = view.tokens, view.text
    out: list[Cand] = []
    for i in range(1, len(toks) - 1):
        a, b = toks[i - 1], toks[i]
        if (b.word in ends and a.tag == "n" and len(a.word) >= 2 and text[a.start - 1 : a.start] in _LIST_EDGES
                and text[b.end : b.end + 1] in _LIST_ENDS and kind_of(a.word + b.word) == "government"):
            out.append(Cand(a.start, b.end, "government", a.word + b.word, PRIO_GRAMMAR))
    return out


def _pairing_place(c: Cand) -> bool:
    """A bare pairing of one-character place names (港澳, 京津, 川渝; 粤港澳, 沪苏浙 of place_rules.yaml `pairings`) is
    no place mention (real_gold README, session-12 rule 3); established regions (京津冀, 长三角) stay places."""
    if c.kind != "place":
        return False
    abbrev = place_rules()["region_abbreviations"]
    return c.name in place_rules()["pairings"] or (len(c.name) == 2 and all(ch in _PAIR_CHARS for ch in c.name)
                                                   and c.name[0] in abbrev + ("港", "澳"))


_PAIR_CHARS = frozenset("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇陕甘陇青宁藏蒙港澳台成")


_TITLE_ISSUER = re.compile(r"《([\u4e00-\u9fff]{2,16}?)关于")


def _title_issuer(title: re.Match[str]) -> int:
    """End offset of the government body opening a document title as its issuer (《中共安徽省委关于制定…的建议》),
    else the title's start: the issuer is named on the page (gold-j, gold-k), the rest of the title's names belong
    to the policy."""
    m = _TITLE_ISSUER.match(title.string, title.start())
    if m and m.group(1)[0] not in "省市区县" and kind_of(m.group(1)) == "government":
        return m.end(1)
    return title.start()


def _title_issuers(text: str) -> list[Cand]:
    """Candidates for the issuers of document titles (`_title_issuer`)."""
    out = []
    for t in _BOOK_TITLE.finditer(text):
        end = _title_issuer(t)
        if end > t.start():
            out.append(Cand(t.start() + 1, end, "government", text[t.start() + 1 : end], PRIO_GRAMMAR))
    return out


def _body_places(chosen: Sequence[Cand]) -> list[Place]:
    """Places that open the names of government bodies among the candidates (安徽省|政府 -> 安徽省)."""
    out: list[Place] = []
    for c in chosen:
        if c.kind != "government":
            continue
        rest = strip_place_prefix(c.name)
        p = normalise(c.name[: len(c.name) - len(rest)]) if rest != c.name else None
        if p is not None:
            out.append(p)
    return out


def _bare_enterprises(text: str, chosen: list[Cand], tokens: Sequence[Token]) -> list[Cand]:
    """Suffix-less enterprises retyped or dropped by their shape (bare_names.bare_kind)."""
    out: list[Cand] = []
    for c in chosen:
        kind = bare_kind(text, c.start, c.end, tokens) if c.kind == "enterprise" else None
        if kind is None:
            out.append(c)
        elif kind:
            out.append(replace(c, kind=kind))
    return out


def extract_entities(text: str, tokens: list[Token] | None = None,
                     excluded: Sequence[tuple[int, int]] = (), ner: Sequence[NerSpan] | None = None,
                     use_ner: bool = True) -> list[Mention]:
    """Extract entities from one text.

    `tokens` are LAC tokens of `text` and `ner` the tagger's spans (each tagged here when omitted);
    `use_ner` False runs the rules on LAC alone (the ablation in the model card).
    """
    if not text.strip():
        return []
    toks = lac_toks = tokens if tokens is not None else tag_text(text)
    hints: dict[tuple[int, int], str] = {}
    ner_cands: list[NerSpan] = []
    clubs: set[tuple[int, int]] = set()
    if use_ner:
        ner = ner if ner is not None else get_ner().tag_texts([text])[0]
        toks = overrule(text, toks, ner, NER_POLICY, gate=_take_gate, vetoable=_vetoable, cut_place=_cut_place,
                       uncut=_title_word, head_title=_head_title, clubs=clubs)
        merged = merge(text, toks, ner,
                       labels=NER_LABELS, gate=_ner_gate, veto_per=True, as_tokens=False)
        toks, hints, ner_cands = merged.tokens, merged.hints, merged.spans
    view = TokenView(text, toks)
    view.hints = hints
    view.tagged = use_ner
    view.clubs = clubs
    cands = (lac_people(view) + lac_orgs(view) + grammar_orgs(view) + listed_orgs(view) + gazetteer_orgs(view) + brand_orgs(view)
             + place_cands(view) + world_place_cands(view) + industry_mentions(view) + grammar_industries(view) + listed_industries(view)
             + tagger_orgs(view, [(s.start, s.end) for s in ner_cands]) + source_media(view) + peer_orgs(view) + abbreviated_lines(view) + power_lines(view)
             + quoted_funds(view) + quoted_platforms(view) + listed_facilities(view) + patterned_works(view) + heritage_works(view) + listed_roads(view) + listed_company_orgs(view))
    cands += joined_industries(view, cands) + overlapping_industries(view, cands) + headed_industries(view, cands)
    cands += field_carriers(view, cands)
    cands += abbreviated_fairs(view)  # 数博会, 新博会
    cands += _split_departments(view)  # 牵头单位：民政|厅
    cands += _title_issuers(text)  # 《中共安徽省委关于…的建议》
    cands += session_events(view, cands)  # 第七届新博会, 亚太经合组织第二十二次领导人非正式会议
    cands = [c for c in cands if c.kind != FIELD]
    blocked_list = list(excluded) + _blocked_ranges(text)
    blocked = Ranges(blocked_list)
    chosen = select([c for c in cands if not in_ranges(c, blocked)])
    if use_ner and NER_POLICY.trim and ner:
        chosen = trimmed(view, chosen, ner, NER_POLICY.trim, lac_toks)
    if use_ner and NER_POLICY.recover and ner:
        # a slogan in quotes inside a carrier's name (“一带一路”国际技术转移中心) blocks no recovered carrier
        quoted = _quoted_carriers(text)
        loose = Ranges([r for r in blocked_list if not _inside(r, quoted)]) if quoted else blocked
        extra = [c for c in recovered(view, chosen, ner, NER_POLICY.recover, loose, NER_POLICY.single, lac_toks)
                 if loose is blocked or not in_ranges(c, blocked) or quoted_carrier(text, c, blocked)]
        if quoted:
            extra = _quoted_recovered(text, chosen + extra, ner, quoted, blocked) + extra
        chosen = sorted(chosen + extra, key=lambda c: c.start)
    # the tagger's longer span may take a stationing or a preposition back in (驻|豫人民解放军): cut it again
    chosen = [_cut_lead(text, c) for c in chosen]
    # a class or a batch of funds (私募证券投资基金, 16支省级政府投资基金) is no fund's name
    chosen = [c for c in chosen if c.kind != "fund" or not not_a_fund(text, c.start, c.name)]
    short_funds = quoted_fund_names(chosen)  # “金芙蓉”基金矩阵 … “金芙蓉”跃升行动: the fund's short name, not a company
    chosen = [replace(c, kind="fund", name=short_funds[c.name]) if c.kind == "enterprise" and c.name in short_funds
              else c for c in chosen]
    chosen = _bare_enterprises(text, chosen, lac_toks)  # 天河超算, “闽政通”等平台, 技兴三湘, 同|拉美
    chosen = university_units(chosen)  # 美术学院 of 清华大学
    chosen = reshaped(text, shaped(text, chosen))  # 4个…物流基地, 这家…产业园; …货运机场花湖国际机场; 自贸区横琴片区
    chosen = with_capacity(view, chosen)  # 百万吨|化工新材料基地
    places = [p for c in chosen if c.kind == "place" for p in [normalise(c.name)] if p]
    context = page_context(places)
    if context[0] is None:
        # a report's opening names its place only inside bodies (安徽省政府工作报告, 安徽省第十四届人民代表大会)
        context = page_context(places + _body_places(chosen))
    chosen = local_bodies(view, chosen, context)  # 省政协 -> 云南省政协 on a Yunnan page
    chosen = local_events(text, chosen, context)  # 省第十一届艺术节 -> 陕西省第十一届艺术节
    chosen = convened(text, chosen)  # 召开全国科学技术大会: a meeting
    chosen = [c for c in chosen if not _joined_government(text, c) and not _quoted_slogan(text, c)
              and not _doctrine_person(view, c) and not _pairing_place(c)]

    groups: dict[tuple[str, str], Group] = {}
    for c in chosen:
        key = ("place", place_key(c.name)) if c.kind == "place" else group_key(c)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(c.kind, key[1])
        g.surfaces.add(view.text[c.start : c.end])
        g.surfaces.add(key[1])
    merge_org_aliases(groups)
    _merge_places(groups)
    bracket_short_names(text, groups)
    drop_people_inside_orgs(groups)
    all_spans(view, groups, chosen, blocked)

    resolved = {c.name for c in chosen if c.attrs.get("resolved")}  # 省政协 written, 云南省政协 meant
    for g in groups.values():
        first: dict[str, int] = {}
        for a, b in sorted(g.spans):
            first.setdefault(view.text[a:b], a)
        used = set(first)
        g.surfaces = used
        if g.kind == "organization":
            g.surfaces |= session_aliases(used)  # 第七届新博会 is 新博会 too
        # the canonical name is the fullest form the page uses (a gazetteer name for well-known bodies)
        if used and g.kind != "person" and g.name not in resolved and not (
                g.kind in KINDS_ORG and org_gazetteer().get(g.name) and g.name in used):
            official = g.name
            # a one-character country (美 of 中美) keeps the name it stands for
            # ties (央视 / 总台) go to the form written first: never to set order, which the hash seed decides
            g.name = max([u for u in used if len(u) > 1] or [official],
                         key=lambda u: (len(u), u == official, -first.get(u, len(view.text))))
            if g.kind == "place":
                g.attrs["official"] = official
        if g.kind == "industry":
            g.surfaces |= anchored_forms(view.text, g.spans) - {g.name}  # 软信 written 软信产业

    industry_spans = IndustrySpans(
        [(s, e, g.name) for g in groups.values() if g.kind == "industry" for s, e in g.spans])
    refs = backreferences(text, list(groups.values()))
    for g in groups.values():
        if g.kind == "place":
            p = normalise(g.attrs.get("official", g.name), context)
            g.attrs = p.attrs() if p else {"level": None, "parent": None, "province": None, "city": None}
            g.attrs["official"] = p.name if p else g.name
        elif g.kind in KINDS_ORG:
            org_attrs(view, g, industry_spans, context, refs.get(id(g)))
    # organisations named with a place (成都高新区) tell the page's province/city too
    org_places = [p for g in groups.values() if g.kind in KINDS_ORG and g.attrs.get("place")
                  for p in [normalise(g.attrs["place"], context)] if p]
    context = page_context(places + org_places)
    assign_roles(view, groups, context)

    out: list[Mention] = []
    doc_heads = generic()["document_heads"]
    for g in groups.values():
        if not g.spans:
            continue
        if g.kind == "government" and all(text.startswith(doc_heads, b) for _, b in g.spans):
            continue  # 内蒙古自治区政府|工作报告: a body named only in its report's title, no mention of its own
        aliases = sorted(g.surfaces - {g.name}, key=lambda a: (-len(a), a))
        out.append(Mention(name=g.name, kind=g.kind, aliases=aliases, spans=sorted(g.spans), attrs=g.attrs))
    out.sort(key=lambda m: m.spans[0])
    return out


def warm_up() -> None:
    """Load LAC, every lexicon and the division data now rather than on the first document."""
    from shuanglian.extract.entities import lexicon, places
    from shuanglian.extract.lac import get_lac

    get_lac()
    get_ner()
    for loader in (lexicon.suffix_automaton, lexicon.org_gazetteer_automaton, lexicon.industry_automaton,
                   lexicon.blocked_automaton, lexicon.titles, lexicon.person_context, lexicon.industry_grammar,
                   lexicon.generic, places.place_index):
        loader()


class EntityStage:
    """Pipeline stage filling `doc.entities` (LAC called once per batch over sentence pieces)."""

    name = "entities"

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner

    def __call__(self, doc: Document) -> Document:
        """Extract entities of one document."""
        return self.batch([doc])[0]

    def batch(self, docs: list[Document]) -> list[Document]:
        """Extract entities of several documents with one batched LAC call and one batched tagger call."""
        live = [d for d in docs if not d.error and d.text]
        texts = [d.text for d in live]
        tokens = tag_many(texts)
        spans: list[list[NerSpan]] | list[None] = [None] * len(live)
        if self.use_ner:
            marks = [_needs_tagger(t, toks) for t, toks in zip(texts, tokens, strict=True)]
            spans = get_ner().tag_texts(texts, keep=lambda i, a, b: any(marks[i][a:b]))
        for d, toks, ner in zip(live, tokens, spans, strict=True):
            d.entities = extract_entities(d.text, toks, d.excluded, ner, self.use_ner)
        return docs
