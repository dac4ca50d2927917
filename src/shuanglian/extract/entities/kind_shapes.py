"""Platforms (and regions) by the shape of the text around them, after candidates are chosen or as new ones.

- `shaped`: a carrier after a count, a determiner or 等 (4个国家骨干冷链物流基地, 这家医疗器械产业园,
  曲阜、泰山等…示范区) is a batch, a generic reference or the class of listed items: dropped.
- `listed_facilities`, `patterned_works`: items listed before 等重大科技基础设施 are research facilities; works
  named by a fixed pattern (引绰济辽工程, 331国道) are platforms.
- `reshaped`: railway stations (雄安站) are platforms (built works: tests/fixtures/real_gold/README.md); a
  superlative description before a work is cut (…货运机场花湖国际机场); a zone's part or status is taken in
  (广东自贸区横琴片区, 青海湖国家公园候选区); a region head shared by a list is left to the list (粤北地区 -> 粤北).
- `shaped` also drops 中国 written inside a short quoted slogan (“赤水河谷 中国酱香”): no place mention, and a
  term the text continues past a hyphen (5G-A): no industry mention.

Word lists and patterns: data/kind_shapes.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView, quote_around
from shuanglian.extract.entities.lexicon import _yaml, carrier_names, generic, industries
from shuanglian.extract.entities.orgs import _field_name, extend_segment
from shuanglian.extract.entities.places import normalise, place_index
from shuanglian.suffixes import suffixes


@functools.cache
def _data() -> Any:
    """data/kind_shapes.yaml, parsed once."""
    return _yaml("kind_shapes.yaml")


def _alternation(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first (a longer word is tried before its own prefix)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class ShapeRules:
    """The shapes of data/kind_shapes.yaml."""

    batch_before: re.Pattern[str]
    batch_kinds: frozenset[str]
    batch_many_kinds: frozenset[str]
    counted_after: re.Pattern[str]
    counted_kinds: frozenset[str]
    goods_before: re.Pattern[str]
    goods_after: re.Pattern[str]
    goods_kinds: frozenset[str]


@functools.cache
def shape_rules() -> ShapeRules:
    """Load data/kind_shapes.yaml once."""
    d = _data()
    nums = re.escape(d["batch_numerals"])
    measures = "|".join(map(re.escape, d["batch_measures"]))
    dets = _alternation(d["determiners"])
    return ShapeRules(
        batch_before=re.compile(rf"(?:[{nums}]+(?:{measures})|{dets}|等[\u4e00-\u9fff]{{0,{int(d['class_after_deng'])}}}"
                                rf"|{_alternation(d['described_before'])})$"),
        batch_kinds=frozenset(d["batch_kinds"]),
        batch_many_kinds=frozenset(d["batch_many_kinds"]),
        counted_after=re.compile(d["counted_after"]),
        counted_kinds=frozenset(d["counted_after_kinds"]),
        goods_before=re.compile(rf"(?:[{nums}]+|首)(?:{_alternation(d['goods_measures'])})[^\s，。、；：,;:“”]{{0,{int(d['goods_reach'])}}}$"),
        goods_after=re.compile(rf"[0-9０-９.]+[万亿千百]*(?:{_alternation(d['goods_measures'])})"),
        goods_kinds=frozenset(d["goods_kinds"]),
    )


def names_no_entity(text: str, c: Cand) -> bool:
    """True when the words around candidate `c` show it is a batch or a generic reference."""
    r = shape_rules()
    if c.kind in r.counted_kinds and r.counted_after.match(text, c.end):
        return True
    if c.kind in r.goods_kinds and (r.goods_after.match(text, c.end)
                                    or r.goods_before.search(text, max(0, c.start - 12), c.start)):
        return True  # 两袋|茶叶, 首台…|机器人, 储能电池|2600万只: goods counted, not the industry
    if c.kind != "platform" and (c.kind in r.batch_kinds or c.kind in r.batch_many_kinds) and not _ends_phrase(text, c.end):
        return False  # 3家|英特尔电脑芯片用户, 一些|国会议员: the count is of the noun the name modifies
    if c.kind in r.batch_many_kinds:
        m = r.batch_before.search(text, max(0, c.start - 8), c.start)
        return m is not None and not m.group().startswith("一")  # 建设起一个汉阳钢铁厂: one named company introduced
    return c.kind in r.batch_kinds and bool(r.batch_before.search(text, max(0, c.start - 8), c.start))


def _ends_phrase(text: str, end: int) -> bool:
    """True when the noun phrase ends at `end`: a stop, a list mark or a word that follows a phrase (和, 的, 建设…:
    kind_shapes.yaml phrase_followers) comes next."""
    return end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff") or text.startswith(
        tuple(_data()["phrase_followers"]), end)


def _quoted_place(text: str, c: Cand) -> bool:
    """True for a listed place strictly inside a short quoted phrase (“赤水河谷 中国酱香”, “中国天眼”)."""
    d = _data()
    if c.kind != "place" or c.name not in d["quoted_place_names"]:
        return False
    reach = int(d["quoted_place_reach"])
    q = quote_around(text, c.start, c.end, reach)
    return q is not None and (q[0] + 1, q[1]) != (c.start, c.end) and q[1] - q[0] <= reach + 1


def _continued(text: str, c: Cand) -> bool:
    """True for a term the text continues past a hyphen (5G-A): a longer technology's name."""
    d = _data()
    return c.kind in d["continued_kinds"] and re.match(d["continued_term"], text[c.end : c.end + 2]) is not None


def _leading_place(name: str) -> str | None:
    """The longest division or region name (two characters or more) that opens `name` and is shorter than it."""
    index = place_index()
    return next((name[:k] for k in range(min(len(name) - 1, 8), 1, -1) if name[:k] in index), None)


def _per_place(text: str, c: Cand, place_ends: set[int]) -> str | None:
    """The place opening carrier `c` when `c` is the last item of a 、-list of bare places (福州、厦门、泉州省级
    人工智能产业园): one carrier per place, no name of its own."""
    if c.kind not in _data()["place_list_kinds"] or c.start < 1 or text[c.start - 1] != "、" or c.start - 1 not in place_ends:
        return None
    return _leading_place(c.name)


def _field_class(text: str, c: Cand) -> bool:
    """True for a platform named only by its field before a short class head (化工|园区, 康养|基地, 现代农业|示范区)."""
    if c.kind != "platform" or c.name != text[c.start : c.end]:
        return False
    head = next((h for h in _data()["field_class_heads"] if c.name.endswith(h)), None)
    if head is None or c.name.endswith(tuple(carrier_names()["field_suffixes"])):
        return False
    part = c.name[: -len(head)]
    d = _data()
    for mod in d["field_class_modifiers"]:
        if part.startswith(mod) and (part[len(mod) :] in industries() or part[len(mod) :] in d["field_class_fields"]):
            return True
    return _field_name(part) or part in d["field_class_fields"] or part in industries()


def shaped(text: str, chosen: Sequence[Cand]) -> list[Cand]:
    """The chosen candidates without those `names_no_entity` rejects, places quoted inside a slogan and terms
    continued past a hyphen; a carrier shared by a list of places is cut to its place."""
    place_ends = {c.end for c in chosen if c.kind == "place"}
    out: list[Cand] = []
    for c in chosen:
        if names_no_entity(text, c) or _quoted_place(text, c) or _continued(text, c) or _field_class(text, c):
            continue
        place = _per_place(text, c, place_ends)
        if place is not None:
            c = Cand(c.start, c.start + len(place), "place", place, c.prio)
        out.append(c)
    return out


@functools.cache
def _facility_list() -> re.Pattern[str]:
    """`items 等 [count] [modifier] class` of research facilities (data/kind_shapes.yaml)."""
    d = _data()
    classes = _alternation(d["facility_classes"])
    mods = _alternation(d["facility_class_modifiers"])
    n = int(d["facility_item_max"])
    item = rf"[^、，,。；;：:\s“”（）()等的]{{2,{n}}}"
    return re.compile(rf"({item}(?:、{item})*)等(?:[\d一二三四五六七八九十两]+[个项座])?(?:{mods})?(?:{classes})")


def listed_facilities(view: TokenView) -> list[Cand]:
    """Research facilities listed before 等 and their class (先进阿秒激光、转化医学等重大科技基础设施)."""
    text = view.text
    lead = frozenset(_data()["facility_lead_tags"])
    out: list[Cand] = []
    for m in _facility_list().finditer(text):
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            a, b = pos, pos + len(item)
            pos = b + 1
            if k == 0:
                # the clause's verb or adverb before the first item (加快|X, 推动|X) is not part of it
                i = view.index_containing(a)
                while i is not None and i < len(view.tokens) and view.tokens[i].tag in lead and view.tokens[i].end < b:
                    a = view.tokens[i].end
                    i += 1
            if b - a >= 2 and a in view.by_start:
                out.append(Cand(a, b, "platform", text[a:b], PRIO_GRAMMAR))
    return out


@functools.cache
def _road_list() -> re.Pattern[str]:
    """`items 等 [count] class` of named roads (data/kind_shapes.yaml road_classes)."""
    d = _data()
    heads = _alternation(d["road_item_heads"])
    item = rf"[^、，,。；;：:\s“”（）()等的]{{1,{int(d['road_item_max'])}}}?(?:{heads})"
    return re.compile(rf"({item}(?:、{item})*)等(?:[\d一二三四五六七八九十两百]+条)?(?:{_alternation(d['road_classes'])})")


def listed_roads(view: TokenView) -> list[Cand]:
    """Named roads listed before 等 and a road class (复康路等道路80条, 机场大道、友谊路等58条重要道路): platforms as
    written; an item must open on a word start (改造|复康路)."""
    text = view.text
    out: list[Cand] = []
    for m in _road_list().finditer(text):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            a, b = pos, pos + len(item)
            pos = b + 1
            while a < b and a not in view.by_start:
                a += 1
            i = view.index_containing(a)
            # the clause's verb before the first item (维修改造|机场大道) is not part of it
            while i is not None and i < len(view.tokens) and view.tokens[i].tag in ("v", "vn", "d", "p") and view.tokens[i].end < b:
                a = view.tokens[i].end
                i += 1
            if b - a >= 3:
                out.append(Cand(a, b, "platform", text[a:b], PRIO_GRAMMAR))
    return out


@functools.cache
def _zone_part() -> re.Pattern[str]:
    """A zone part's name and head written right after a zone (横琴片区)."""
    d = _data()
    heads = _alternation(d["zone_parts"])
    return re.compile(rf"[\u4e00-\u9fff]{{1,{int(d['zone_part_name_max'])}}}?(?:{heads})")


@functools.cache
def _zone_heads() -> tuple[str, ...]:
    return tuple(_data()["zone_heads"])


def _zone_status(name: str, text: str, end: int) -> str | None:
    """The status word written right after a zone that takes one (国家公园|候选区), if any."""
    for head, words in _data()["zone_status"].items():
        if name.endswith(head):
            return next((w for w in words if text.startswith(w, end)), None)
    return None


def _platform_head(name: str, shortest: int) -> str | None:
    """The shortest platform suffix of the suffix grammar that ends `name` (机场 of …国际机场), at least `shortest`
    characters: a whole head, never a piece of a longer word (业园 of 工业园区 is none)."""
    heads = [s for s in suffixes().kind_of if len(s) >= shortest and name.endswith(s) and len(s) < len(name)]
    return min(heads, key=len) if heads else None


def _station(name: str, heads: Sequence[str]) -> bool:
    """True when `name` is a place and a station head (雄安站, 合肥西站)."""
    head = next((h for h in heads if name.endswith(h)), None)
    return head is not None and name[: -len(head)] in place_index()


def _shared_region_heads(chosen: list[Cand], heads: tuple[str, ...]) -> list[Cand]:
    """The last of a list of regions written with the list's head (粤东、粤西、粤北地区) cut to its bare name."""
    place_ends = {c.end: c for c in chosen if c.kind == "place"}
    out: list[Cand] = []
    for c in chosen:
        head = next((h for h in heads if c.name.endswith(h)), None) if c.kind == "place" else None
        bare = c.name[: -len(head)] if head else ""
        prev = place_ends.get(c.start) or place_ends.get(c.start - 1)
        if head and prev is not None and len(prev.name) == len(bare) and not prev.name.endswith(head):
            c = replace(c, end=c.end - len(head), name=bare)
        out.append(c)
    return out


_CLAUSE_MARKS = "，。；,;！？\n"


def _built_park(text: str, c: Cand) -> bool:
    """True for a park said to be built or opened in its clause (五大道公园…建成开放, 建设开放元宝岛等公园): the place is
    named X公园 or written right before 等公园."""
    d = _data()
    heads = tuple(d["built_park_heads"])
    if not (c.name.endswith(heads) or any(text.startswith("等" + h, c.end) for h in heads)):
        return False
    lo = max(text.rfind(m, 0, c.start) for m in _CLAUSE_MARKS) + 1
    his = [j for j in (text.find(m, c.end) for m in _CLAUSE_MARKS) if j >= 0]
    clause = text[lo : min(his) if his else len(text)]
    return any(v in clause for v in d["built_park_verbs"])


def _slogan_lead(text: str, c: Cand) -> str:
    """The slogan adjective written right before a platform that opens with a place (美丽|中国先行区, 平安|江苏示范区): the
    designation is named after the slogan 美丽中国, so the adjective belongs to its name; '' when there is none."""
    if c.name != text[c.start : c.end] or _leading_place(c.name) is None:
        return ""
    return next((a for a in _data()["slogan_adjectives"] if text.endswith(a, 0, c.start)), "")


def _placed_work(c: Cand, d: Any) -> list[Cand]:
    """A built work written after the full name of the county or city it lies in (徐闻县|大水桥水库): the division as a
    place and the work as a platform named without it (kind_shapes.yaml placed_work_heads, placed_work_levels)."""
    if c.kind != "platform" or not c.name.endswith(tuple(d["placed_work_heads"])):
        return [c]
    for k in range(len(c.name) - 4, 1, -1):
        head = c.name[:k]
        if head[-1] not in "县区市州旗盟":
            continue
        p = normalise(head)
        if p is not None and p.level in d["placed_work_levels"] and p.name == head:
            return [Cand(c.start, c.start + k, "place", head), replace(c, start=c.start + k, name=c.name[k:])]
    return [c]


def reshaped(text: str, chosen: Sequence[Cand]) -> list[Cand]:
    """Railway stations typed as platforms (雄安站, 合肥西站); platform names cut to the named work after a description (…货运机场花湖国际机场 -> 花湖国际机场) or
    extended over a zone part written after the zone (广东自贸区横琴片区)."""
    d = _data()
    hl, min_name = int(d["repeated_head_len"]), int(d["repeated_head_min_name"])
    # a place read inside the zone part (横琴 of 横琴片区) gives way to it; any other name blocks it
    taken = [(c.start, c.end) for c in chosen if c.kind != "place"]
    out: list[Cand] = []
    for c in chosen:
        if c.kind in d["station_retyped"] and _station(c.name, d["station_heads"]):
            c = replace(c, kind="platform")
        if c.kind == "platform" and c.name.endswith(tuple(generic()["line_suffixes"])) and c.name == text[c.start : c.end]:
            # 青藏铁路|格拉段 read by the tagger: the section built is named; a line's part in a province (合新高铁|
            # 安徽段) is the line as the province's report writes it
            e = extend_segment(text, c.end)
            if e > c.end and text[c.end : e - 1].strip("（") not in place_index() and not any(a < e and b > c.end for a, b in taken):
                c = replace(c, end=e, name=text[c.start : e])
        if c.kind == "platform" and (lead := _slogan_lead(text, c)):
            c = replace(c, start=c.start - len(lead), name=lead + c.name)  # 美丽|中国先行区, 美丽|甘肃示范区
        if c.kind == "platform":
            head = _platform_head(c.name, hl) or ""
            cut = c.name.find(head, 0, len(c.name) - len(head)) if head else -1
            described = cut > 0 and any(m in c.name[:cut] for m in d["description_marks"])
            if described and len(c.name) - cut - len(head) >= min_name and c.name == text[c.start : c.end]:
                s = c.start + cut + len(head)
                c = replace(c, start=s, name=text[s : c.end])
            elif (status := _zone_status(c.name, text, c.end)) is not None:
                c = replace(c, end=c.end + len(status), name=c.name + status)
            elif c.name.endswith(_zone_heads()):
                m = _zone_part().match(text, c.end)
                if m and not any(a < m.end() and b > c.end for a, b in taken):
                    c = replace(c, end=m.end(), name=c.name + m.group())
        out.append(c)
    out = [replace(c, kind="platform") if c.kind == "place" and _built_park(text, c) else c for c in out]
    out = [part for c in out for part in _placed_work(c, d)]
    out = _shared_region_heads(out, tuple(d["shared_region_heads"]))
    zones = [(c.start, c.end) for c in out if c.kind == "platform"]
    return [c for c in out if c.kind != "place" or not any(a <= c.start and c.end <= b for a, b in zones)]


_CAPACITY_NUMBER = re.compile(r"[\d.]+|[一二两三四五六七八九十百千万亿]+")


def _capacity(word: str, tag: str) -> bool:
    """True for a LAC number word that is a capacity (百万吨, 30万吨级, 720兆瓦): a number and a unit."""
    return tag == "m" and any(word.endswith(u) and _CAPACITY_NUMBER.fullmatch(word[: -len(u)])
                              for u in _data()["capacity_units"])


def with_capacity(view: TokenView, chosen: Sequence[Cand]) -> list[Cand]:
    """Platforms extended over the capacity written right before them (百万吨|化工新材料基地) and over a proper
    name right before the capacity (兰白|千万吨|炼化基地)."""
    toks = view.tokens
    openers = frozenset(_data()["capacity_openers"])
    taken = {c.end for c in chosen if c.kind != "platform"}
    out: list[Cand] = []
    for c in chosen:
        i = view.by_end.get(c.start)
        if c.kind == "platform" and i is not None and i >= 0 and _capacity(toks[i].word, toks[i].tag) and c.start not in taken:
            s = toks[i].start
            if i > 0 and toks[i - 1].tag in openers and toks[i - 1].end == s:
                s = toks[i - 1].start
            c = replace(c, start=s, name=view.text[s : c.end])
        out.append(c)
    return out


@functools.cache
def _work_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _data()["work_patterns"])


@functools.cache
def _heritage_head() -> re.Pattern[str]:
    return re.compile(_alternation(_data()["heritage_heads"]))


def heritage_works(view: TokenView) -> list[Cand]:
    """Cultural belts and national cultural or archaeological parks named before their head (京杭大运河|文化带, 长征|国家
    文化公园（贵州段）): platforms, named from the name words right before the head and the section after it."""
    d = _data()
    tags = frozenset(d["heritage_name_tags"])
    reach = int(d["heritage_name_max"])
    breaks = carrier_names()["walk_breaks"]
    text, toks = view.text, view.tokens
    out: list[Cand] = []
    for m in _heritage_head().finditer(text):
        a = m.start()
        i = view.index_containing(a - 1) if a > 0 else None
        while i is not None and 0 <= i < len(toks):
            t = toks[i]
            if t.tag not in tags or t.word in breaks or m.start() - t.start > reach:
                break
            a = t.start
            i -= 1
        if m.start() - a < 2:
            continue
        e = extend_segment(text, m.end())
        out.append(Cand(a, e, "platform", text[a:e], PRIO_GRAMMAR))
    return out


def patterned_works(view: TokenView) -> list[Cand]:
    """Built works named by a fixed pattern (引绰济辽工程, 331国道): platforms as written, from a word start to a
    word end (引领经济高|质量 is no water transfer)."""
    text = view.text
    return [Cand(m.start(), m.end(), "platform", m.group(), PRIO_GRAMMAR)
            for pat in _work_patterns() for m in pat.finditer(text) if m.start() in view.by_start and m.end() in view.by_end]
