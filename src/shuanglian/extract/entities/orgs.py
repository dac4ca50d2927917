"""Organisations: kind from the suffix grammar, long names assembled from LAC fragments, rejection."""

from __future__ import annotations

import functools
import re
from typing import Any

from shuanglian.extract.entities.candidates import PRIO_GAZETTEER, PRIO_GRAMMAR, PRIO_LAC, Cand, TokenView
from shuanglian.extract.entities.lexicon import (
    _yaml,
    automaton,
    carrier_names,
    fund_names,
    generic,
    industries,
    industry_grammar,
    listed_companies,
    listed_fullnames,
    org_gazetteer,
    org_gazetteer_automaton,
    party_posts,
    place_rules,
    standalone_abbreviations,
    suffix_automaton,
    suffixes,
    titles,
    work_lists,
)
from shuanglian.extract.entities.places import normalise, place_index, place_initials, world_places
from shuanglian.extract.lac import Token
from shuanglian.suffixes import kind_by_suffix, suffix_of

MAX_NAME = 32
_SUBDISTRICT = ("街道", "社区", "镇", "乡")
# verbs that occur inside names (脑科学转化研究院, 绿色制造, 协同创新) as opposed to verbs of the sentence
_NAME_VERBS = frozenset({"综合", "转化", "制造", "创新", "创造", "研究", "发展", "孵化", "加速", "应用", "开发", "设计", "检测", "计算", "合作", "协同", "先行", "示范", "驱动", "融合", "转移", "服务", "育成", "检查", "审评", "促进"})
_ASCII_TAIL = re.compile(r"[A-Za-z0-9]+$")
_SPECIFIC_TAGS = frozenset({"LOC", "ORG", "nz", "nw", "PER"})
_FUNCTION_TAGS = frozenset({"p", "c", "u", "d", "r", "ad", "vd", "xc"})
_SESSION = re.compile(r"^第?[一二三四五六七八九十百零]+届$")
_EVENT_YEAR = re.compile(r"^(?:19|20)\d\d(?:年)?$")
_ORDINAL = re.compile(r"^第[一二三四五六七八九十百零\d]+[片中小]?$")


def _event(toks: list[Token]) -> bool:
    """True when the suffix's token names an event held in sessions (博览会, 亚冬会, 峰会, 消费节)."""
    return bool(toks) and toks[0].word.endswith(("会", "节", "周"))


def kind_of(name: str) -> str | None:
    """Kind of an organisation name: gazetteer, then suffix grammar, then short enterprise names."""
    entry = org_gazetteer().get(name)
    if entry:
        return entry.kind
    g = generic()
    body = g["body_kinds"].get(name) or _leveled_body(name)
    if body:
        return str(body)
    if name.endswith(g["group_heads"]) and any(m in name for m in g["group_marks"]) or g["group_blocs"].search(name):
        return "organization"  # 胡风反革命集团, 七十七国集团: a political or criminal group or a bloc, not a company
    if name.startswith(g["multilateral_openers"]) and name.endswith(g["multilateral_heads"]) and len(name) >= 6:
        return "organization"  # 亚洲基础设施投资银行, 金砖国家新开发银行: a bank of several countries
    by_suffix = kind_by_suffix(name)
    if by_suffix:
        return by_suffix
    if any(name.endswith(t) and len(name) > len(t) for t in generic()["enterprise_tails"]):
        return "enterprise"
    return None


@functools.cache
def _body_ends() -> frozenset[str]:
    return frozenset(w[-1] for w in generic()["body_kinds"])


def _leveled_body(name: str) -> str | None:
    """Kind of a body named by a short name of its kind (工商联, 妇联: generic_words.yaml body_kinds) after a level or
    a place (全国工商联, 中华全国妇联, 省残联, 浙江省侨联), else None."""
    g = generic()
    if name[-1:] not in _body_ends():
        return None  # the test of almost every name
    for k in range(2, min(4, len(name) - 1) + 1):
        kind = g["body_kinds"].get(name[-k:])
        if kind is None:
            continue
        from shuanglian.extract.entities.aliases import strip_place_prefix

        lead = name[:-k]
        if lead in g["body_levels"] or strip_place_prefix(lead) == "" or lead in place_index():
            return str(kind)
    return None


def is_non_name(name: str) -> bool:
    """True for phrases that look like organisations but are not names (核心竞争力, bare 省委)."""
    g = generic()
    return (name in g["non_names"] or name in g["generic_refs"] or len(name) < 2 or name.endswith(g["non_name_tails"])
            or _institution_type(name) or _described_group(name))


def _described_group(name: str) -> bool:
    """A 集团 of people described by what they do or want (国际金融投机集团, 苏联领导集团, 利益集团: generic_words
    group_descriptions, the word right before the head), or a bare criminal or political group with nothing but
    modifiers before it (犯罪集团, 走私犯罪集团): a description, not a name."""
    g = generic()
    head = next((h for h in g["group_heads"] if name.endswith(h)), None)
    if head is None:
        return False
    part = name[: -len(head)]
    if part.endswith(g["group_descriptions"]):
        return True
    rest = part
    while rest:
        m = next((w for w in g["group_marks"] if rest.endswith(w)), None)
        if m is None:
            break
        rest = rest[: -len(m)]
    return rest != part and not rest


def _institution_type(name: str) -> bool:
    """True for a type of institution alone or after scope words only (人民公社, 农村人民公社, 发展农民专业合作社)."""
    g = generic()
    if not name.endswith(g["institution_types"]):
        return False
    rest = name
    while rest:
        if rest in g["institution_types"]:
            return True
        scope = next((s for s in g["institution_scopes"] if rest.startswith(s)), None)
        if scope is None:
            return False
        rest = rest[len(scope) :]
    return False


def _title_follows(text: str, pos: int) -> bool:
    """True when a leadership title follows at `pos` (…市委 + 书记, 国务院 + 副总理).

    Ministries and companies named before 部长/董事长 stay entities: only party posts and
    national/provincial/city leadership titles absorb the body into the role.
    """
    tl = titles()
    for k in _title_lengths():
        t = text[pos : pos + k]
        if t in tl and (tl[t] != "org" or t in party_posts()):
            return True
    return False


@functools.cache
def _title_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(t) for t in titles() if len(t) >= 2}))


def _member_title(text: str, name: str, end: int) -> bool:
    """True for a congress written before its deputies' title (全国人大|代表): the title
    names a person's seat, not the body (generic_words.yaml member_titles); not before the deputies' proposals
    (全国人大代表建议, 市人大代表议案: documents the body's deputies file, as 全国政协提案 is the body's)."""
    g = generic()
    return any(name.endswith(body) and text.startswith(member, end)
               and not text.startswith(g["member_proposals"], end + len(member))  # 全国人大代表|建议: the body's
               for body, member in g["member_titles"].items())


def _absorbed_by_title(text: str, name: str, end: int) -> bool:
    """A body that is only part of a title (杭州市委|书记, 省人大常委会|主任) becomes the role, not an entity."""
    if _title_follows(text, end) or _member_title(text, name, end):
        return True
    # 省/市… without a place name is the page's own body, named only to give the title
    return name[0] in "省市区县" and any(text.startswith(t, end) for t in titles() if len(t) >= 2)


def _ends_with_title(word: str) -> bool:
    tl = titles()
    return any(len(word) >= k and word[-k:] in tl for k in _title_lengths())


def _specific(view: TokenView, i0: int, i_s: int, name_part: str, suffix: str) -> bool:
    """A name needs a proper-noun token, or a distinctive common word (not only generic words/industries)."""
    g = generic()
    if _class_of_bodies(name_part):
        return False  # 乡镇|卫生院, 高水平研究型|医院: a class of bodies
    toks = view.tokens[i0:i_s]
    words = [t.word for t in toks if t.tag != "w"]
    head = view.tokens[i_s]
    prefix = name_part[len("".join(t.word for t in toks)) :]  # part of the suffix's own token
    if prefix:
        words.append(prefix)
    proper = any(t.tag in _SPECIFIC_TAGS or t.word in place_index() for t in toks)
    if name_part.startswith("国家") and len(name_part) >= 6 and suffixes().kind_of.get(suffix) in ("platform", "lab") and (
            suffix not in g["class_suffixes"]):
        # 国家先进计算产业创新中心, 国家数据要素综合试验区: a designated national carrier (国家先进制造业集群
        # is a title many clusters win, not one carrier)
        return True
    openers = carrier_names()["zone_openers"]
    if suffix in carrier_names()["zone_suffixes"] and len(name_part) >= 2 and not any(
            name_part.startswith(b) for b in g["bad_name_starts"]) and all(
            t.tag not in g["stop_tags"] or (k == 0 and t.word in openers) for k, t in enumerate(toks)):
        return True  # 国际|金融城, 国际|法务区: a zone named with common words
    if suffix.endswith("重点实验室") and name_part.endswith(("全国", "国家")):
        # 柔性电子全国重点实验室: a designated key lab is named by its field (not 在|甘全国重点实验室: labs in a place)
        return len(name_part) >= 4
    if suffix in carrier_names()["field_suffixes"] and _field_name(name_part):
        return True  # 乳业|技术创新中心, 生物制造|产业园: a carrier named by the field it serves
    if suffix in suffixes().proper_only:
        # 旭龙|水电站, 崇左至凭祥|铁路: infrastructure is named by a place or a proper noun, never by
        # common words alone (经济|高速, 产业|集群)
        # and the name opens with it (东莞|布局|研发和制造基地 is a sentence, not a name)
        lead = toks[0] if toks else head
        opens = lead.tag in ("LOC", "ORG", "PER") or lead.word in place_index() or (
            lead.tag in ("nz", "nw") and lead.word not in industries())
        joined = any(t.word in g["inner_connectives"] for t in toks)  # 东莞|布局研发|和|制造基地
        if prefix and head.tag in ("LOC", "ORG") and not joined and _place_named(prefix):
            # 北京大兴国际机场/LOC, 广州|白云国际机场/LOC: LAC or the tagger read the work's own name with its
            # suffix as one name; a place alone names such a work (大兴国际机场, 三峡水库)
            return opens
        return opens and not joined and not all_generic(name_part) and (
            proper or (head.tag in _SPECIFIC_TAGS and bool(prefix)))
    if proper:
        return True
    if head.tag in _SPECIFIC_TAGS and prefix:
        return True
    if suffix in g["proper_suffixes"]:
        # 政企对接平台, 线上人才综合服务平台: a platform named only by what it does is a service, not a
        # carrier of the registers (those carry a place, a brand or a level: 国家统一技术交易服务平台)
        # a level alone names none (接入|国家|平台: the nation's platform, whichever it is)
        return any(name_part.startswith(lv) and len(name_part) > len(lv) for lv in g["level_prefixes"])
    if suffix in g["generic_ok_suffixes"]:
        # funds are named with common words (战略性新兴产业投资基金) or after their zone (科学城产业基金)
        # or by their level alone (自治区|产业基金: the region's own fund)
        # or by the industry it invests in (稀土|产业基金)
        return (len(name_part) >= 4 or suffixes().kind_of.get(name_part) == "platform"
                or name_part in fund_names()["level_prefixes"] or name_part in industries())
    if suffixes().kind_of.get(suffix) == "fund" and len(name_part) >= 4 and len(toks) >= 2 and not prefix and all(
            t.tag in ("n", "vn", "nz", "an") for t in toks):
        return True  # 科技|成果|转化|基金: a fund named by the field it serves, in nouns and verbal nouns (gold-e)
    if suffixes().kind_of.get(suffix) == "media":
        # 新华日报, 南方日报: papers have short names
        return len(name_part) >= 2 and name_part not in g["generic_name_parts"]
    verbal_start = any(t.tag in ("v", "vn", "a", "ad", "d") and t.word not in _NAME_VERBS for t in toks[:1]) and (
        _industry_across(view, i0, i0, i_s) is None)  # 具身|智能…: a verb LAC cut from an industry term
    # bureaus are named by what they do (运行监测协调局): a verbal start is normal there
    if len(name_part) < 4 or (verbal_start and suffixes().kind_of.get(suffix) != "government"):
        return False
    inds = industries()
    distinctive = [w for w in words if w not in g["generic_name_parts"] and w not in g["inner_connectives"]]
    if not distinctive:
        return False
    # 人工智能实验室, 新能源产业学院, 集成电路科学与工程学院: a field plus generic words names a
    # kind of unit, not one unit (a school inside a university is not annotated either)
    only_fields = all(w in inds for w in distinctive) or name_part in inds
    kind = suffixes().kind_of.get(suffix)
    return not (
        only_fields
        and kind in ("lab", "university", "platform")
        and (len(words) == 1 or name_part.endswith(("产业", "行业")) or kind == "university")
    )


def _class_of_bodies(part: str) -> bool:
    """True when `part` holds a class modifier (乡镇, 公立, 研究型) and otherwise only generic words (高水平, 国家)."""
    g = generic()
    mods = g["class_modifiers"]
    vocab = mods | g["generic_name_parts"]
    pos, seen = 0, False
    while pos < len(part):
        for k in range(min(4, len(part) - pos), 0, -1):
            if part[pos : pos + k] in vocab:
                seen = seen or part[pos : pos + k] in mods
                pos += k
                break
        else:
            return False
    return seen


def _known_from(text: str, start: int, shortest: int) -> bool:
    """True when a known body's name longer than `shortest` starts at `start` (联合|国教科文组织: 联合国)."""
    gaz = org_gazetteer()
    return any(text[start : start + k] in gaz for k in range(shortest + 1, min(len(text) - start, 12) + 1))


def _place_named(part: str) -> bool:
    """True when `part` is places only (北京大兴, 白云) or a name that is not only generic words."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    rest = strip_place_prefix(part)
    return not rest or rest in place_index() or not all_generic(part)


def _field_name(part: str) -> bool:
    """True when `part` is industry terms, optionally with generic words, and holds at least one industry."""
    inds = industries()
    vocab = generic()["generic_name_parts"]
    if part.endswith(("产业", "行业", "发展", "制造业", "服务业")) or part in industry_grammar()["broad_sectors"]:
        return False  # 机器人产业|基地, 制造业|创新中心: a title many carriers hold, not one carrier
    pos, found = 0, False
    while pos < len(part):
        for k in range(min(8, len(part) - pos), 0, -1):
            w = part[pos : pos + k]
            if w in inds or (w in vocab and k >= 2):
                found = found or w in inds
                pos += k
                break
        else:
            return False
    return found


def _walk_left(view: TokenView, i: int, floor: int, head_named: bool = False, kind: str = "") -> int:
    """Index of the first token of the name whose last pre-suffix token index is `i`.

    `head_named`: the suffix's own token already holds part of the name (传感器|有限公司);
    `kind`: the kind the suffix gives, so a zone may prefix a park inside it.
    """
    g = generic()
    toks = view.tokens
    first = i_suffix = i + 1
    subunit = i_suffix < len(toks) and toks[i_suffix].word.endswith(tuple(g["subunit_suffixes"]))
    base = kind == "platform" and any(toks[k].word.endswith("基地") for k in (i_suffix, i_suffix + 1) if k < len(toks))
    while i >= 0 and toks[first - 1].end - toks[i].start <= MAX_NAME and toks[i].start >= floor:
        t = toks[i]
        if len(t.word) == 1 and first < len(toks) and toks[first].word.startswith(g["national_openers"]) and (
                toks[first].word in org_gazetteer()):
            break  # 新|晋|中国工程院: a national body's known name takes no one-character place before it
        if kind == "fund":
            if len(t.word) == 1 and t.tag in ("a", "v", "d", "ad", "vd"):
                break  # 用|好|产业投资母基金: a verb's complement LAC cut off the verb opens no fund's name
            if t.word in fund_names()["name_breaks"]:
                break  # 信贷|和|消费基金, 科技成果转化专班|和|种子基金: a list, not one fund's name
            if t.word in fund_names()["level_prefixes"]:
                first = i  # 自治区|产业基金, 省级|科技创新母基金: the level opens the name
                break
            if i > 0 and toks[i - 1].word + t.word in fund_names()["level_prefixes"]:
                first = i - 1  # 省级|政府|投资引导基金: LAC cut the level in two
                break
            if first == i_suffix and not head_named and _SERIES.fullmatch(t.word):
                first = i  # 国家创业投资|S|基金: a fund's series letter
                i -= 1
                continue
            if first == i_suffix and not head_named and _verb_in_field(toks, i):
                first = i - 1  # 城市|更新|基金: a field written noun + verb is taken whole, not a clause's verb
                if toks[i - 1].word in fund_names()["level_prefixes"]:
                    break  # 省级政府|投资|引导基金: the level before the verb opens the name
                i -= 2
                continue
        if t.word in ("）", ")"):
            # 西部（重庆）科学城: a bracketed place inside a name; jump to the opening bracket
            j = i - 1
            while j >= 0 and i - j <= 4 and toks[j].word not in ("（", "("):
                j -= 1
            if j > 0 and i - j <= 4 and toks[j - 1].tag not in ("w", "v", "p", "u", "c", "PER"):
                first = j - 1
                i = j - 2
                continue
            break
        if len(t.word) == 1 and t.word in _preposition_chars() and t.word not in g["inner_connectives"]:
            break  # 港口发展|同|洋浦经济开发区: a preposition LAC read as a one-character name ends the name
        # a bare suffix word (科技园) cannot be a name alone, so a connective before it is inside the name
        bare = first == i_suffix and not head_named
        if t.word in g["inner_connectives"] and i > 0 and toks[i - 1].word in carrier_names()["walk_breaks"]:
            break  # 科技城规划建设|和|实验室: a clause's verb before the connective; what it joins is no name
        if t.word in g["inner_connectives"] and bare and toks[i_suffix].tag == "ORG":
            break  # 党代会|和|省委, 人大代表建议|和|政协: LAC reads the head word alone as a body; 和 ends its name
        if t.word in g["inner_connectives"] and i > 0 and (first < i_suffix or head_named or bare):
            left = toks[i - 1]
            if suffix_of(left.word, grammar_only=True) or left.word in place_index() or (bare and left.word in suffixes().grammar) or (
                left.word in suffixes().grammar and i >= 2 and toks[i - 2].tag not in g["stop_tags"]
            ) or _closes_name(view, i - 1):
                # 嘉兴学院|和|闻泰通讯股份有限公司, 合肥先进|光源|和|稳态强磁场实验装置: a complete
                # name ends before the connective
                break
            # 物质绿色创造与制造海河实验室: a connective inside a name joins two common nouns,
            # never two complete names (深圳市和香港中文大学).
            if left.tag in ("n", "vn", "an", "nz", "ORG", "LOC") and (
                toks[first].tag in ("n", "vn", "an", "nz", "v") or bare
            ):
                i -= 1
                continue
            # A、B和C: 和 after a listed item is the list's last connective (与 often sits inside names)
            listed = t.word == "和" and i >= 2 and toks[i - 2].word == "、"
            if left.tag == "ORG" and toks[first].tag == "ORG" and head_named and not kind_of(left.word) and not listed:
                # 北京怀柔仪器|和|传感器有限公司: LAC split one name at its connective; the left part
                # is a fragment (no suffix), not a complete name of its own
                i -= 1
                continue
            break
        if t.word in ("—", "-", "－") and i > 0 and toks[i - 1].tag in ("LOC", "ORG") and toks[first].tag in ("LOC", "ORG", "n", "nz"):
            # 中国—东盟信息港: two places joined by a dash inside a name
            first = i
            i -= 1
            continue
        if kind == "government" and _SESSION.match(t.word):
            # 上海市|第十六届|人民代表大会: the session number is part of the body's name
            first = i
            i -= 1
            continue
        if kind == "organization" and (_SESSION.match(t.word) or _EVENT_YEAR.match(t.word)) and _event(toks[i_suffix:]):
            # 第九届|亚冬会, 2026|智慧农业博览会: an event's session opens its name (the host city before it is a place)
            first = i
            break
        if kind in ("organization", "university") and t.tag == "m" and _ORDINAL.match(t.word) and i > 0 and _placeish(toks[i - 1]):
            # 文明瑶族乡|第一片|小学, 上海市|第六|人民医院: a school or hospital numbered within its place
            first = i - 1
            break
        if t.word == "至" and kind == "platform" and first < i_suffix and i > 0 and _placeish(toks[i - 1]) and _placeish(toks[first]):
            # 崇左至凭祥|铁路, 黔江至吉首|高铁: a line named by its two ends
            first = i
            i -= 1
            continue
        span = _industry_across(view, i, first, i_suffix) if kind == "platform" else None
        if span is not None:
            # 包头|氢|能|装备制造产业园, 具身|智能|机器人创新中心: LAC cut an industry term (氢能, 具身智能)
            # into words that would stop the walk; the term is part of the carrier's name
            first = span
            i = span - 1
            continue
        if t.tag == "TIME" and t.word in industry_grammar()["kept_modifiers"] and first < i_suffix or (
                t.tag == "TIME" and t.word in industry_grammar()["kept_modifiers"] and head_named):
            first = i  # 前海深港|现代|服务业合作区: a modifier of a field LAC reads as a time is inside the name
            i -= 1
            continue
        if kind == "platform" and t.tag == "v" and t.word in carrier_names()["zone_name_verbs"] and i > 0 and (
                toks[i - 1].tag in ("n", "nz", "vn", "LOC", "ORG")):
            first = i  # 山西|转型|综合改革示范区, 江海|联动|产业发展先行区: a planning verb inside a zone's name
            i -= 1
            continue
        if t.tag == "v" and t.word in _NAME_VERBS and i > 0 and toks[i - 1].tag in ("n", "nz", "vn"):
            first = i
            i -= 1
            continue
        if t.tag == "v" and i >= 2 and toks[i - 1].word in g["inner_connectives"] and toks[i - 2].tag in ("n", "vn"):
            # 创造与制造: a verb joined to a noun by 与 inside a long lab name
            first = i
            i -= 1
            continue
        if t.tag == "PER" and first < i_suffix and (i == 0 or toks[i - 1].tag in g["stop_tags"]):
            # 秦创原|创新驱动平台: a brand LAC took for a person, opening a longer name
            first = i
            break
        if t.tag == "f" and base and i > 0 and _lab_word(toks[i - 1].word):
            # 崖州湾国家实验室|西北|创新基地: a lab's regional base
            first = i
            i -= 1
            continue
        if kind == "platform" and t.tag in ("v", "vn") and t.word in carrier_names()["walk_breaks"]:
            break  # 高质量发展|建设|共同富裕示范区: the verb that governs the carrier ends its name
        if t.word in carrier_names()["zone_openers"] and kind == "platform" and (
                first < i_suffix or head_named or toks[i_suffix].word in carrier_names()["zone_suffixes"]):
            # 西部|创新港, 未来|信息港: a direction or 未来 opens a zone's name (LAC reads it as a locality or a time)
            first = i
            break
        if t.tag in g["stop_tags"] or t.tag == "PER" or t.word in g["apposition_nouns"] or (
            t.word in g["generic_refs"] and t.word not in ("省", "市")
        ):
            break
        if _ends_with_title(t.word) or t.word.endswith(_SUBDISTRICT):
            break  # 粤海街道|科技园: a street or town is a place before the name, not part of it
        inner = suffix_of(t.word, grammar_only=True)
        if inner:
            if t.word in g["parent_prefixes"]:
                # 中国科学院|苏州纳米技术与纳米仿生研究所: the academy prefix is part of the official name
                first = i
            elif (
                kind == "platform" and suffixes().kind_of[inner] == "platform"
                # 怀柔国家实验室|内蒙古基地: a lab's base is named with the lab
                or kind == "platform" and suffixes().kind_of[inner] == "lab" and base
                or kind in ("research_institute", "platform", "lab") and suffixes().kind_of[inner] == "university"
                # 科学城|产业基金, 高新区|引导基金: a fund or body named after the zone that set it up
                or kind in ("organization", "fund") and suffixes().kind_of[inner] == "platform"
                or subunit
            ) and t.tag != "w":
                # 苏州工业园区|生物医药产业园, 澳门大学|中华医药研究院, 北京大学|京津冀…创新中心: a unit
                # named with its parent
                first = i
                i -= 1
                continue
            # otherwise a complete organisation ends here and the name starts after it
            break
        first = i
        i -= 1
    return first


def _closes_name(view: TokenView, i: int) -> bool:
    """True when token `i` ends a complete name LAC split (国家…示范|区, 算力保障|基地): the text up to it ends
    with a suffix of two characters or more, and a name-like word stands before that suffix."""
    end = view.tokens[i].end
    s = suffix_of(view.text[max(0, end - 12) : end])
    if s is None or len(s) < 2:
        return False
    j = view.index_containing(end - len(s) - 1)
    return j is not None and view.tokens[j].tag not in generic()["stop_tags"]


def _industry_across(view: TokenView, i: int, first: int, i_suffix: int) -> int | None:
    """Start index of an industry term of several tokens holding token `i` and ending inside the name, else None."""
    toks = view.tokens
    inds = industries()
    if toks[i].tag == "w":
        return None
    for j in range(max(0, i - 2), i + 1):
        for k in range(i, min(first + 2, i_suffix)):
            if (j < i or k > i) and view.text[toks[j].start : toks[k].end] in inds:
                return j
    return None


def _province_lead(view: TokenView, first: int, i_s: int) -> bool:
    """True when the name opens with a province followed by another place (河北|邢台高新区)."""
    toks = view.tokens
    if first + 1 > i_s or not _placeish(toks[first + 1]) and not (
            first + 1 == i_s and toks[i_s].tag == "LOC"):
        return False
    places = place_index().get(toks[first].word) or []
    return any(p.level == "province" or (p.level == "city" and p.parent == "中国") for p in places)


def _placeish(tok: Token) -> bool:
    """A place token: LAC's LOC or a known division name."""
    return tok.tag == "LOC" or tok.word in place_index()


def _balanced(name: str) -> bool:
    """Names may hold a bracketed place (百度在线网络技术（北京）有限公司) but no stray punctuation."""
    depth = 0
    for ch in name:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                return False
        elif not ch.isalnum() and ch not in "·-—－":
            return False
    return depth == 0


def _joined_class_noun(name_part: str, kind: str) -> bool:
    """True when the name part ends with a connective (和, 与, 及) and generic words only (…和|集团, …和企业|集团): the
    suffix is a common noun joined to the words before it, not a body's name; or with 企业 after generic words and
    trades (煤炭企业|集团): a class of groups. Government bodies are named so (教育和科学技术局, 文化和旅游部) and are
    left alone."""
    if kind == "government":
        return False
    g = generic()
    if name_part.endswith("企业") and all_generic(name_part):
        return True  # 大型煤炭企业集团, 发展企业集团: 企业集团 (enterprise groups) of a trade, a class
    cut = max(name_part.rfind(c) for c in g["inner_connectives"])
    if cut < 0:
        return False
    rest = name_part[cut + 1 :]
    return not rest or rest in g["generic_name_parts"] or rest in g["enterprise_tails"]


def grammar_orgs(view: TokenView) -> list[Cand]:
    """Assemble organisation names that end with a grammar suffix, walking left over name-like tokens."""
    text = view.text
    best_at_end: dict[int, tuple[str, str]] = {}
    auto = suffix_automaton()
    if not len(auto):
        return []
    for last, (suffix, kind) in auto.iter(text):
        end = last + 1
        if end not in view.by_end:
            continue
        prev = best_at_end.get(end)
        if prev is None or len(suffix) > len(prev[0]):
            best_at_end[end] = (suffix, kind)
    g = generic()
    out: list[Cand] = []
    for end, (suffix, kind) in best_at_end.items():
        i_s = view.index_containing(end - len(suffix))
        if i_s is None:
            continue
        head_named = view.tokens[i_s].start < end - len(suffix)
        if head_named and view.tokens[i_s].tag in _FUNCTION_TAGS:
            continue  # 人民群众|从新|区: the suffix starts inside a function word, not after a name
        if suffix == "中心" and text.startswith(g["centre_of"], end):
            continue  # 眉山市中心|城区, 国内大循环中心|节点: the centre of something, not a centre
        first = _walk_left(view, i_s - 1, 0, head_named, kind)
        # trim descriptive words at the start (重大科创平台 -> 科创平台, later judged generic)
        leveled = kind == "fund" and view.tokens[first].word in fund_names()["level_prefixes"]
        while first < i_s and not leveled and (
            view.tokens[first].word in g["bad_name_starts"]
            or view.tokens[first].tag == "a" and not _fund_field_adjective(view, first, i_s, kind)
            # a lone common character at the left edge (新华社北京电|中共中央办公厅) is not part of the name
            or (len(view.tokens[first].word) == 1 and view.tokens[first].tag in ("v", "vn", "d"))
            # 海东、海西等|地|零碳园区: the place word of 等地 is not part of the name
            or (len(view.tokens[first].word) == 1 and first > 0 and view.tokens[first - 1].word in ("等", "各"))
        ):
            first += 1
        start = view.tokens[first].start
        # a descriptive word glued to the next word by LAC (企业人工智能|实验室): cut it off too
        lead = next((b for b in sorted(g["bad_name_starts"], key=len, reverse=True)
                     if len(b) >= 2 and text.startswith(b, start) and end - start - len(b) > len(suffix) + 1
                     and not _known_from(text, start, len(b))), None)
        if lead and first < i_s and view.tokens[first].end > start + len(lead) and not leveled:
            start += len(lead)
        verb = _glued_verb(text[start:end])
        if verb and view.tokens[first].end > start + len(verb):
            start += len(verb)  # 重组|国家重点实验室 in one LAC word: the verb is no part of the name
        start += lead_start(text[start:end])  # 以|二十国集团, 驻豫|人民解放军 read as one word
        if text[start:end].count("）") > text[start:end].count("（"):
            # LAC glued the closing bracket to the suffix word: 百济神州（广州）生物科技有限公司
            opening = text.rfind("（", max(0, start - 10), start)
            j = view.index_containing(opening - 1) if opening > 0 else None
            if j is None:
                continue
            first = min(_walk_left(view, j, 0), j)
            if view.tokens[first].tag in g["stop_tags"]:
                first += 1
            start = view.tokens[first].start if first <= j else opening
        if kind == "platform" and first < i_s and _province_lead(view, first, i_s):
            # 陕西|榆林国家级能源化工基地, 天津|滨海新区: the province is an address before the carrier's
            # name (a place mention of its own)
            out.append(Cand(view.tokens[first].start, view.tokens[first].end, "place",
                            view.tokens[first].word, PRIO_GRAMMAR))
            first += 1
            start = view.tokens[first].start
        if kind == "platform" and end - len(suffix) - start == 1:
            start = _cut_opening(view, start)
        name = text[start:end]
        name_part = name[: -len(suffix)]
        if lead and (name_part in industries() or name_part in g["generic_name_parts"]):
            continue  # 企业|人工智能实验室: what is left names a field, not a lab
        if suffix == "新区" and name in place_index():
            continue  # 滨海新区, 浦东新区: districts, not development zones
        if first == i_s and name_part in g["bad_name_starts"]:
            continue  # 世界一流|科学城
        if (kind_of(name) or kind) == "government" and _absorbed_by_title(text, name, end):
            continue
        if _legal_entity_end(name):
            continue  # 珠海格力电器股份有限公司横琴研发中心: the company is the entity (see lac_orgs)
        if kind == "university" and all_generic(name):
            continue  # 新能源产业学院, 集成电路科学与工程学院: a field's school, not a named unit
        if _joined_class_noun(name_part, kind_of(name) or kind):
            continue  # 横向联合和企业集团, 居民购买力和集团: a common noun joined to what comes before, no name
        if start > 0 and text[start - 1] in "（(":
            continue  # 大湾区大学（松山湖校区）: a bracketed campus belongs to the name before it
        session = kind == "organization" and bool(_SESSION.match(name_part) or _EVENT_YEAR.match(name_part))
        if not name_part or is_non_name(name) or not (session or _specific(view, first, i_s, name_part, suffix)):
            continue
        if view.tokens[first].tag == "w" or not _balanced(name):
            continue
        full_end = extend_bracket(text, end)
        if suffix in g["line_suffixes"]:
            full_end = extend_segment(text, full_end)
        found = kind_of(name) or kind
        if found == "platform" and name.endswith("基地") and any(_lab_word(name[:k]) for k in range(4, len(name) - 1)):
            found = "lab"  # 怀柔国家实验室内蒙古基地: a lab's base is part of the lab (as the gold counts it)
        out.append(Cand(start, full_end, found, text[start:full_end], PRIO_GRAMMAR))
    return out


_SERIES = re.compile(r"[A-Z]{1,2}")


def _verb_in_field(toks: list[Token], i: int) -> bool:
    """True when the verb at `i` (right before the fund word) is the second half of a fund's field (城市|更新,
    乡村|振兴): a noun stands right before it and it is not a verb that opens a clause (设立|基金, 用好|基金)."""
    t = toks[i]
    return (t.tag == "v" and len(t.word) == 2 and i > 0 and t.word not in fund_names()["clause_verbs"]
            and (toks[i - 1].tag in ("n", "nz", "vn", "an", "vd") or toks[i - 1].word in fund_names()["level_prefixes"])
            and toks[i - 1].word not in fund_names()["clause_verbs"])


def _fund_field_adjective(view: TokenView, first: int, i_s: int, kind: str) -> bool:
    """An adjective that qualifies the industry a fund invests in (新兴|产业创业投资引导基金) stays in its name."""
    return kind == "fund" and first + 1 <= i_s and view.tokens[first + 1].word.startswith("产业")


@functools.cache
def _fund_count() -> re.Pattern[str] | None:
    """A count ending right before a fund word (16支, 一支, 两只), from fund_names.yaml batch_counters."""
    words = fund_names()["batch_counters"]
    if not words:
        return None
    return re.compile(rf"(?:[0-9０-９.]+|[一二两三四五六七八九十百千万几多数]+)(?:{'|'.join(map(re.escape, sorted(words)))})$")


def not_a_fund(text: str, start: int, name: str) -> bool:
    """True when a fund word at `start` names a class or a batch of funds, not one fund: a count before it
    (16支|省级政府投资基金, 一支|产业母基金), a class opener (私募证券投资基金) or a class tail (社会保险基金)."""
    if name.startswith(tuple(fund_names()["category_openers"])):
        return True
    if name.endswith(tuple(fund_names()["class_tails"])) and not name.startswith(tuple(fund_names()["level_prefixes"])):
        return True  # 社会保险基金, 个人消费基金, 预算调节基金: money of a kind, not one fund (全国社会保障基金 is one)
    pat = _fund_count()
    return pat is not None and bool(pat.search(text[max(0, start - 8) : start]))


def _cut_opening(view: TokenView, start: int) -> int:
    """Start of a carrier whose name part is one character: LAC cut the name's opening into a word of its own
    (驮|英水库, 聚变|堆园区, 长|赣高铁), a short verb, adjective or noun written right before it."""
    j = view.index_containing(start - 1) if start > 0 else None
    if j is None:
        return start
    t = view.tokens[j]
    if t.end == start and len(t.word) <= 2 and t.tag in ("v", "a", "vn", "n", "nz") and (
            t.word not in carrier_names()["opening_breaks"]):
        return t.start
    return start


def _lab_word(word: str) -> bool:
    """True when `word` ends with a lab suffix and names one (崖州湾国家实验室), not a bare suffix."""
    s = suffix_of(word, grammar_only=True)
    if not s:
        return False
    return suffixes().kind_of[s] == "lab" and len(word) > len(s)


_SEGMENT = re.compile(r"（[\u4e00-\u9fff]{2,6}段）|(?:[\u4e00-\u9fff]{2,3}至)?[\u4e00-\u9fff]{2,3}段")
_NOT_SEGMENT = ("阶段", "手段", "地段", "时段", "片段", "路段", "区段", "标段")


def extend_segment(text: str, end: int) -> int:
    """Include the section a line is built in (沿江高铁|武宜段, 黔江至吉首高铁|重庆段, 资内铁路|（遂内段）):
    the gold names the section being built, not the whole line."""
    m = _SEGMENT.match(text, end)
    if not m or any(w in m.group() for w in _NOT_SEGMENT):
        return end
    return m.end()


_CAMPUS = re.compile(r"（([\u4e00-\u9fff]{2,8})）")


def extend_bracket(text: str, end: int) -> int:
    """Include a bracketed place or campus right after a name (香港科技大学（广州）, …大学（松山湖校区）)."""
    if text[end : end + 1] in ("Ⅱ", "Ⅲ", "Ⅳ"):
        return end + 1  # 鹏城云脑Ⅱ: a facility's generation is part of its name
    m = _CAMPUS.match(text, end)
    if not m:
        return end
    inner = m.group(1)
    if inner.endswith(("校区", "分校", "校园", "分院", "园区")) or inner in place_index():
        return m.end()
    return end


@functools.lru_cache(maxsize=8192)
def all_generic(name: str) -> bool:
    """True when a name is only a place plus generic words, industries and business words (北京科技)."""
    g = generic()
    from shuanglian.extract.entities.aliases import strip_place_prefix

    rest = strip_place_prefix(name)
    if rest != name and (rest in place_index() or not rest):
        return True
    if rest != name and (suffix_of(rest, grammar_only=True) or rest in suffixes().grammar):
        return False  # 重庆大学, 深圳市人工智能研究院: a place plus a suffix is a real name
    if rest != name and kind_of(name) == "government" and len(rest) > len(suffix_of(rest) or rest):
        return False  # 广东省文化厅, 江苏省教育厅: a place's department named by its field (文化, 教育) is a body
    if (rest == name and name.endswith(g["bare_department_ends"]) and kind_of(name) == "government"
            and len(name) > len(suffix_of(name) or name)):
        return False  # 财政厅, 民政厅 written bare in a report: the report's own department (gold-k: 民政厅)
    s = suffix_of(rest)
    if s and len(rest) > len(s):
        rest = rest[: -len(s)]
    # class modifiers too (乡镇|卫生院, 境内外|证券交易所): a class of bodies, not one body
    vocab = g["generic_name_parts"] | g["enterprise_tails"] | industries().keys() | g["inner_connectives"] | g["class_modifiers"]
    pos = 0
    while pos < len(rest):
        for k in range(min(8, len(rest) - pos), 0, -1):
            if rest[pos : pos + k] in vocab:
                pos += k
                break
        else:
            return False
    return True


@functools.cache
def _preposition_chars() -> frozenset[str]:
    return frozenset(str(_yaml("bare_enterprise.yaml").get("preposition_chars") or ""))


def lead_start(name: str, stationed: bool = False) -> int:
    """Characters before a known body that LAC or the tagger glued to it: a stationing (驻|豫|人民解放军, 驻京|武警部队)
    or a preposition (以|二十国集团): the body is the name. `stationed`: 驻 is written right before the name, so any
    one-character province name opening it is the station (驻|苏人民解放军, 驻|浙人民解放军: 苏, 浙 are no standalone
    abbreviations, being common characters elsewhere)."""
    k = 1 if name[:1] in _preposition_chars() else 0
    if name[k : k + 1] in standalone_abbreviations() and (k == 0 or name[:1] == "驻"):
        k += 1
    elif stationed and k == 0 and name[:1] in place_rules()["region_abbreviations"]:
        k = 1
    body = name[k:]
    known = body in org_gazetteer() or body in generic()["body_kinds"]
    return k if 0 < k < len(name) and known else 0


def _inner_org_end(name: str) -> int | None:
    """End of a complete organisation name followed by a suffix-less tail (南开大学|化学), else None. A unit named
    after its parent (中国人民银行宁波市中心|支行, …国家医学中心青浦|院区: generic_words subunit_suffixes) is whole."""
    if org_gazetteer().get(name) or suffix_of(name) or name.endswith(tuple(generic()["subunit_suffixes"])):
        return None
    for end in range(len(name) - 1, 2, -1):
        head = name[:end]
        s = suffix_of(head, grammar_only=True)
        if s and len(head) > len(s) + 1 and len(name) - end <= 4:
            return end
    return None


def _seat_end(name: str) -> int | None:
    """End of the company in a name of its seat (中资信创|总部, 中国华能|总部): the company is the entity."""
    for tail in generic()["seat_tails"]:
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return len(name) - len(tail)
    return None


_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "集团公司")


def _legal_entity_end(name: str) -> int | None:
    """珠海格力电器股份有限公司|横琴研发中心: a company's unit is named after the company; keep the company."""
    if name.endswith(tuple(generic()["subunit_suffixes"])):
        return None  # …有限公司郑州分公司 is the branch's own name
    for legal in _LEGAL:
        k = name.find(legal)
        if k > 0 and k + len(legal) < len(name):
            return k + len(legal)
    return None


def _starts_longer_industry(text: str, tok: Token) -> bool:
    """True when an industry term longer than the token starts there (宁德时代 + 动力电池)."""
    inds = industries()
    return any(text.startswith(term, tok.start) and len(term) > len(tok.word) for term in inds if term[0] == tok.word[0])


def lac_orgs(view: TokenView) -> list[Cand]:
    """ORG tokens from LAC (joined with a following business word: 迈瑞 + 医疗), classified and filtered."""
    g = generic()
    toks = view.tokens
    out: list[Cand] = []
    for i, t in enumerate(toks):
        if t.tag != "ORG":
            continue
        opener = _glued_verb(t.word)
        if opener:
            # 优化|重组国家重点实验室: a verb LAC glued to a name's start is no part of it
            t = Token(t.start + len(opener), t.end, t.word[len(opener) :], t.tag)
        cut = lead_start(t.word)
        if cut:
            t = Token(t.start + cut, t.end, t.word[cut:], t.tag)  # 驻京|人民解放军: the army, not a company
        end = t.end
        if (
            i + 1 < len(toks)
            and toks[i + 1].word in g["enterprise_tails"]
            and toks[i + 1].tag in ("n", "nz", "vn")
            and not _starts_longer_industry(view.text, toks[i + 1])
            # 比亚迪|新能源|商用车, 吉利|汽车|零部件: the business word opens a product the brand makes
            and not (i + 2 < len(toks) and toks[i + 2].tag in ("n", "nz", "vn"))
            # 华天科技|芯片项目: a name that already ends with a business word takes no second one
            and not any(t.word.endswith(tail) and len(t.word) > len(tail) for tail in g["enterprise_tails"])
            # 中海油|新材料 (a project of a listed item): a known body's name is complete, the word is its business
            and t.word not in org_gazetteer()
        ):
            end = toks[i + 1].end
        name = view.text[t.start : end]
        m = _ASCII_TAIL.search(name)
        if m and m.start() >= 2:
            # 迈瑞AED: a brand followed by a product code; the brand is the organisation
            end = t.start + m.start()
            name = name[: m.start()]
        if _particle_suo(view, i, name):
            end -= 1  # 全国人民代表大会|所|确定: the particle 所 before a verb, not an institute's suffix
            name = name[:-1]
        inner = _inner_org_end(name) or _legal_entity_end(name) or _seat_end(name)
        if inner:
            # 南开大学化学 (LAC over-reach), 中资信创|总部: keep the complete organisation name inside
            end = t.start + inner
            name = name[:inner]
        if is_non_name(name) or _ends_with_title(name) or all_generic(name) or not _balanced(name):
            continue
        if (name in place_index() or name in world_places()) and (t.start, end) not in view.clubs:
            continue  # LAC sometimes tags a bare place (上海, 大湾区, 匈牙利) as ORG; the place rules handle it
        kind = kind_of(name)
        if kind is None and (any(ch.isdigit() for ch in name) or _fragment(name)):
            continue  # 90后: a number is not a name without a suffix
        if kind == "government" and _absorbed_by_title(view.text, name, end):
            continue  # 杭州市委|书记: a body that is only part of a title becomes the role
        if kind is None and _unbranded(view, name, t.start, end):
            continue
        end = extend_bracket(view.text, end)
        # a bare brand with no suffix (亿纬锂能, 百济神州) is almost always a company
        # (the tagger's kind for the whole word does not hold for the company cut out of it: 中汽新能|总部)
        if kind is None and (t.start, end) in view.clubs:
            kind = "organization"  # a club or an armed force named by a place (combine._clubs, combine._forces)
        kind = kind or _brand_hint(view.hints.get((t.start, end)) or (None if inner else view.hints.get((t.start, t.end))))
        out.append(Cand(t.start, end, kind or "enterprise", view.text[t.start : end], PRIO_LAC))
    return out


def _particle_suo(view: TokenView, i: int, name: str) -> bool:
    """True when an ORG word ends in 所, a verb follows it and what comes before 所 is a known body of another kind
    (全国人民代表大会所|确定的任务): 所 is the particle of 所 + verb, not the suffix of an institute."""
    if not name.endswith("所") or i + 1 >= len(view.tokens) or view.tokens[i + 1].tag != "v":
        return False
    kind = kind_of(name[:-1])
    return kind is not None and kind not in ("research_institute", "enterprise")


def _glued_verb(word: str) -> str | None:
    """The verb of building or reorganising (generic_words action_openers) opening `word` before at least three more
    characters (重组|国家重点实验室), if any: LAC glues it to a name's start, and both grammar_orgs and lac_orgs cut it."""
    return next((v for v in generic()["action_openers"] if word.startswith(v) and len(word) - len(v) >= 3), None)


def _occurrences(text: str, word: str) -> list[int]:
    """Start offsets of every occurrence of `word` in `text`."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _unbranded(view: TokenView, name: str, start: int, end: int) -> bool:
    """A suffix-less LAC organisation the tagger, reading its sentence, sees no name in (赴|海南旅游, 开发|山西煤田,
    夏粮丰): a common phrase, not a brand (云南白药 and 贵州茅台 carry its hint). Any suffix-less word, not only one
    opening on a place (fc73e93 shipped the place-only variant switched off)."""
    if not view.tagged or any(a < end and start < b for a, b in view.hints):
        return False  # untagged sentence: a missing hint says nothing; any hint over the word: the tagger saw a name
    if name in listed_short_names():
        return False  # a listed company's short name (航天科技) is a company even when the tagger misses it
    if view.text[start - 1 : start] in ("“", "《", "\""):
        return False  # a quoted name (“四川省科创通”) is a name the page gives, whatever its words
    # 海信 of 海信集团控股股份有限公司 on the same page: the short name of a company written out
    return not any(suffix_of(view.text[i : i + len(name) + k], grammar_only=True)
                   for i in _occurrences(view.text, name) if i != start for k in range(1, 5))


def _fragment(name: str) -> bool:
    """A suffix-less 'name' that is a piece of a phrase: it ends with a numeral (中部六|省) or with a generic
    noun for bodies (在|京高校, 社区党群)."""
    g = generic()
    return name[-1] in "一二三四五六七八九十" or any(
        name.endswith(w) and len(name) > len(w) for w in (*g["apposition_nouns"], *g["generic_refs"], "党群"))


def _brand_hint(hint: str | None) -> str | None:
    """The tagger's kind for a name no suffix types: its `organization` (trained on CLUENER news, where bodies
    without a suffix are clubs and teams) is a company on report text (海康威视, 一汽丰田, 庆铃)."""
    return "enterprise" if hint in ("organization", "government") else hint


_BRAND_NEXT_TAGS = frozenset({"w", "v", "p", "c", "d", "u", "vd", "ad"})


def brand_orgs(view: TokenView) -> list[Cand]:
    """Brands LAC took for a person or an unknown place, followed by a business word (长鑫|存储, 国盾|量子)."""
    g = generic()
    tails = g["enterprise_tails"]
    toks = view.tokens
    out: list[Cand] = []
    for i, t in enumerate(toks[:-1]):
        if len(t.word) != 2 or t.word in place_index() or t.tag not in ("PER", "LOC", "n", "nz"):
            continue
        nxt = toks[i + 1]
        if nxt.word not in tails or len(nxt.word) < 2 or nxt.start != t.end:
            continue
        after = toks[i + 2] if i + 2 < len(toks) else None
        titled = after is not None and _ends_with_title(after.word)
        if t.tag in ("n", "nz"):
            # common words make a brand only before its officer's title (国盾|量子|董事长)
            before = toks[i - 1] if i > 0 else None
            if not titled or t.word in g["generic_name_parts"] or t.word in industries() or (
                before is not None and before.tag not in _BRAND_NEXT_TAGS
            ):
                continue
        # the brand ends the noun phrase (…存储|二期 / …量子|董事长 / …量子|、): not 王伟|医疗|团队
        elif after is not None and after.tag not in _BRAND_NEXT_TAGS and not titled and after.tag != "m":
            continue
        name = t.word + nxt.word
        if is_non_name(name) or name in industries():
            continue
        out.append(Cand(t.start, nxt.end, "enterprise", name, PRIO_GRAMMAR))
    return out


def _branded_trade(name: str) -> bool:
    """True when `name` opens with a two-character word that is no place, industry or generic word and ends with
    an industry term (天章|卫星, 云遥|宇航): a brand named with its trade, not a sector (海洋|装备)."""
    inds = industries()
    g = generic()
    head, trade = name[:2], name[2:]
    return (len(trade) >= 2 and trade in inds and head not in inds and head not in place_index()
            and head not in g["generic_name_parts"] and not all_generic(head))


_LIST_STOP = frozenset({"w", "u", "p", "c", "m", "q", "TIME", "r", "d", "f"})


def _place_item(view: TokenView, a: int, b: int) -> bool:
    """True when text[a:b] is a place: a division's name, or words LAC or the tagger all read as places."""
    if view.text[a:b] in place_index():
        return True
    toks = [t for t in view.tokens if a <= t.start and t.end <= b]
    return bool(toks) and toks[0].start == a and toks[-1].end == b and all(t.tag == "LOC" for t in toks)


def listed_orgs(view: TokenView) -> list[Cand]:
    """Members of a list closed by 等 + a class noun (蔚来、比亚迪、大众安徽等整车企业 -> enterprises)."""
    classes = generic()["list_classes"]
    toks = view.tokens
    out: list[Cand] = []
    for i, t in enumerate(toks):
        if t.word != "等" or i + 1 >= len(toks):
            continue
        # 等 + a count (一批) + up to two modifiers + the class noun (等头部企业, 等一批龙头企业, 等商业航天企业)
        kind = None
        counted = False
        for j in range(i + 1, min(i + 5, len(toks))):
            if toks[j].word in classes:
                if j + 1 < len(toks) and toks[j + 1].word in generic()["list_class_collectives"]:
                    break  # 等全国重点实验室|集群: the class noun modifies a collective head; no members listed
                kind = classes[toks[j].word]
                break
            if j == i + 1 and toks[j].tag == "m" and not toks[j].word[0].isdigit():
                counted = True
                continue
            if toks[j].tag not in ("n", "vn", "a", "b") or j - i - counted > 2:
                break
        if kind is None:
            continue
        k = i - 1
        items: list[tuple[int, int, bool]] = []
        while k >= 0:
            s = k
            while s - 1 >= 0 and toks[s - 1].tag not in _LIST_STOP and toks[s - 1].word != "、" and k - s < 2:
                s -= 1
            if toks[k].tag in _LIST_STOP:
                break
            while s < k and toks[s].tag in ("v", "vn", "p", "ad") and any(
                x.tag not in ("v", "vn", "p", "ad") for x in toks[s + 1 : k + 1]
            ):
                s += 1  # 支持|华中科技大学: the verb before the first item is not part of it
            cut = [x for x in range(s + 1, k) if toks[x].tag in ("v", "p")]
            if cut:
                s = cut[-1] + 1  # 企业|有|李宁: the list opens after the verb that introduces it (有, 包括, 如)
            common = all(x.tag in ("n", "vn") for x in toks[s : k + 1])
            items.append((toks[s].start, toks[k].end, common))
            if s >= 1 and toks[s - 1].word == "、":
                k = s - 2
                continue
            break
        if len(items) < 2:
            continue  # a single "X等企业" is too weak a signal
        if kind != "enterprise" and any(_place_item(view, a, b) for a, b, _ in items):
            continue  # 昌平南口、马池口等全国重点实验室集群: the places the class sits in, not its members
        if not any(toks[k].tag in _SPECIFIC_TAGS or toks[k].word in listed_companies()
                   for k in range(view.index_containing(items[-1][0]) or 0, i)):
            continue  # 计量、标准、检测、认证等服务企业: services and fields in common words, no member named
        heads = industry_grammar()["heads"]
        for a, b, common in items:
            name = view.text[a:b]
            if common and name.endswith(heads):
                continue  # 海洋装备等企业: a line of business made of common nouns, not a member
            if not (2 <= len(name) <= 8) or name in place_index() or is_non_name(name) or all_generic(name):
                continue
            if any(term in name for term in industries() if len(term) >= 2) and not _branded_trade(name):
                continue  # 海洋生物医药、海洋装备等企业: sectors, not members (天章卫星 is a brand and its trade)
            grammar = suffix_of(name, grammar_only=True)
            out.append(Cand(a, b, suffixes().kind_of[grammar] if grammar else kind, name, PRIO_GRAMMAR))
    return out + listed_works(view)


@functools.cache
def _work_lists() -> dict[str, Any]:
    """work_lists.yaml compiled: heads of built works named in lists, and the words between list and head."""
    data = work_lists()
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
    return {
        "head": re.compile(f"(?:{alt(data['heads'])})"),
        "head_end": re.compile(f"(?:{alt(data['heads'])})(?:[\u4e00-\u9fff]{{1,4}}段)?$"),
        "between": re.compile(
            rf"(?P<deng>等)?(?P<count>(?:\d+|[一二两三四五六七八九十百]+)(?:{alt(data['measures'])}))?"
            rf"(?:{alt(data['modifiers'])})?(?P<kv>\d+千伏)?$"),
        "max_item": int(data.get("max_item", 6)),
        "max_last_item": int(data.get("max_last_item", 8)),
        "name_verbs": frozenset(data.get("name_verbs") or []),
        "size_classes": tuple(data.get("size_classes") or []),
        "heritage_heads": tuple(data.get("heritage_heads") or []),
    }


_HAN = re.compile(r"^(?:\d+千伏)?[\u4e00-\u9fff]+$")
_SIDE = re.compile(r"^(?:\d+千伏)?((?:(?!至)[\u4e00-\u9fff]){2,5})(?:至([\u4e00-\u9fff]{2,6}))?$")


def _work_item(name: str, longest: int) -> bool:
    """A listed work's own name: Chinese (after a voltage), 2..`longest` characters or X至Y, no generic word."""
    if not _HAN.match(name) or any(w in name for w in "等的和与及") or name.endswith(("段", "通")):
        return False
    core = re.sub(r"^\d+千伏", "", name)
    m = _SIDE.match(name)
    if "至" in core[1:-1]:
        if not m or not m.group(2):
            return False
    elif not 2 <= len(core) <= longest:
        return False
    g = generic()
    return not (core in g["generic_name_parts"] or core in industries() or is_non_name(core) or core in g["non_places"])


def _verbal(view: TokenView, a: int, b: int, allowed: frozenset[str]) -> bool:
    """True when [a, b) holds an adverb, or a verb of two characters or more that is not one of the
    `allowed` verbs of works' names (白山|结束|不通, not 核电|送出)."""
    i = view.index_containing(a)
    while i is not None and i < len(view.tokens) and view.tokens[i].start < b:
        t = view.tokens[i]
        if t.tag in ("d", "ad", "vd") or (t.tag == "v" and len(t.word) >= 2 and t.word not in allowed):
            return True
        i += 1
    return False


def _first_item_start(view: TokenView, end: int, longest: int) -> int | None:
    """Start of the list's first item ending at `end`: the name-like tokens before it (加快|九龙川, 推动|莱临)."""
    toks = view.tokens
    i = view.index_containing(end - 1)
    if i is None or toks[i].end != end:
        return None
    g = generic()
    k = i
    while k >= 0 and end - toks[k].start <= longest + 5:
        t = toks[k]
        voltage = t.tag == "m" and t.word.endswith("千伏")
        # a work's own head ends the item (黄桶至百色|铁路, 永自|高速|荣昌段) or ends a name before it (西延高铁|和)
        own_head = t.end == end or re.fullmatch(r"[\u4e00-\u9fff]{0,3}段", view.text[t.end : end])
        if (t.tag in g["stop_tags"] and t.word != "至" and not voltage) or t.word in g["inner_connectives"] or (
                _work_lists()["head"].search(t.word) and not own_head):
            break
        k -= 1
        if voltage:
            break
    return toks[k + 1].start if k < i else None


_ITEM_BREAKS = frozenset("、，。；：！？,;:“”\"（）()\n 　")


def _named_work(text: str, a: int, b: int) -> bool:
    """True when text[a:b] holds the head of a built work (a listed item written with its own head)."""
    return bool(_work_lists()["head"].search(text, a, b))


def _items_before(view: TokenView, end: int, attached: bool) -> list[tuple[int, int]]:
    """(start, end) of the list items before a works head, in text order, read leftwards from `end` over 、;
    `attached`: the last item is written against the head (no 等 or count between)."""
    data = _work_lists()
    text = view.text
    wide = data["max_last_item"] + 6
    items: list[tuple[int, int]] = []
    pos = end
    while True:
        j = pos
        while j > 0 and pos - j <= wide and text[j - 1] not in _ITEM_BREAKS:
            j -= 1
        longest = data["max_last_item"] if attached and not items else data["max_item"]
        core = re.sub(r"^\d+千伏", "", text[j:pos])
        fits = len(core) <= (wide if _named_work(text, j, pos) else longest + (6 if "至" in core else 0))
        if j > 0 and text[j - 1] == "、" and fits:
            items.append((j, pos))
            pos = j - 1
            continue
        first = _first_item_start(view, pos, longest)
        if first is not None and 0 < first - j <= 2 and (j == 0 or text[j - 1] in _ITEM_BREAKS) and not any(
                len(t.word) >= 2 for t in view.tokens if j <= t.start < first):
            first = j  # ，集|大原高铁, ，永|自|高速荣昌段: LAC cut one-character words off an abbreviated name
        if first is not None and pos - first >= 2:
            items.append((first, pos))
        elif (2 <= len(core) <= 3 or _named_work(text, j, pos) and fits) and (j == 0 or text[j - 1] in _ITEM_BREAKS):
            # ，西|十、康渝等4条高铁 (LAC cut the first item), 集大原高铁、包银高铁: the item opens the clause
            items.append((j, pos))
        break
    items.reverse()
    return items


def _activity_item(view: TokenView, a: int, b: int, data: dict[str, Any]) -> bool:
    """True when a list item before a works head is an activity or a size class, not a work's name: it opens with a
    size word (小型|水库, 大中型|灌区) or ends in a verb (新建, 改扩建, 改造提升, 中小河流治理, 盐碱地综合利用)."""
    if view.text.startswith(data["size_classes"], a):
        return True
    i = view.index_containing(b - 1)
    if i is None or view.tokens[i].end != b:
        return False
    t = view.tokens[i]
    return t.tag in ("v", "vn") and t.word not in data["name_verbs"] and not named_place_word(t.word)


def named_place_word(word: str) -> bool:
    """True when `word` is a known place (a verb-like place name LAC tags v: 通化)."""
    return word in place_index()


def listed_works(view: TokenView) -> list[Cand]:
    """Built works listed before their shared head noun (旭龙、奔子栏、古水、橄榄坝等水电站; 建成雄商、济滨高铁;
    黄百等4个在建铁路项目): each item is a platform named item + head and written as the item alone; an item
    written with a head of its own (集大原高铁、包银高铁) is a whole name."""
    data = _work_lists()
    text = view.text
    out: list[Cand] = []

    def named(a: int, b: int) -> bool:
        return _named_work(text, a, b)

    for h in data["head"].finditer(text):
        between = data["between"].search(text, max(0, h.start() - 12), h.start())
        c0 = between.start() if between else h.start()
        kv = between.group("kv") or "" if between else ""
        head = h.group()
        if between and not between.group("deng") and not between.group("count"):
            head = text[c0 : h.end()]  # 夹岩|大型灌区: a modifier without 等 or a count is part of the last name
            kv = ""
        attached = not (between and (between.group("deng") or between.group("count")))
        items = _items_before(view, c0, attached)
        if not items:
            continue
        last = len(items) - 1
        if not all(named(a, b) or _work_item(text[a:b], data["max_last_item"] if attached and k == last else data["max_item"])
                   for k, (a, b) in enumerate(items)):
            continue
        if any(re.search(r"[一二三四五六七八九十]期$", text[a:b]) for a, b in items):
            continue  # 进港航道一期、龙滩水电站: the items are phases of other works
        i_end = view.index_containing(h.end() - 1)
        if i_end is None or view.tokens[i_end].end != h.end():
            continue  # 乡镇便捷通、港口铁路通: the head is part of a longer word
        if attached and _verbal(view, *items[-1], data["name_verbs"]):
            continue  # 通化、白山结束不通高铁历史: a clause, not a name
        if any(_activity_item(view, a, b, data) for a, b in items):
            continue  # 新建、改扩建机场, 中小河流治理、小型水库: works of a kind and what is done to them, no names
        if len(items) == 1 and (attached or not (between and between.group("deng") and between.group("count"))):
            continue  # one name written with its head is the grammar's; 可可盖等11处煤矿 is a list of one
        if len(items) >= 3 and sum(text[a:b] in place_index() for a, b in items) >= 3:
            continue  # 推进南宁、百色、来宾、梧州泛铝件先进制造基地建设: one kind of base per place, a programme
        for k, (a, b) in enumerate(items):
            # a cultural belt or park is named after anything (大运河 of 大运河、长城…三条文化带): there only a grammar
            # suffix makes an item another kind of thing, a classifying one (运河) is a word of its name
            heritage = head.endswith(tuple(data["heritage_heads"]))
            other = suffix_of(text[a:b], grammar_only=True) or (None if heritage else suffix_of(text[a:b]))
            if other and len(other) >= 2 and not named(a, b) and not (attached and k == last):
                continue  # 通航设施、邕北灌区, 东湖大桥、兰新铁路: an item with a suffix of its own is another kind of work
            if named(a, b):
                # 太平水库、中皋水库, 永自高速荣昌段、垫丰武高速: a name already (a section keeps its line)
                if data["head_end"].search(text[a:b]):
                    out.append(Cand(a, b, "platform", text[a:b], PRIO_GRAMMAR))
                continue
            if attached and k == last:
                out.append(Cand(a, h.end(), "platform", text[a : h.end()], PRIO_GRAMMAR))
            else:
                out.append(Cand(a, b, "platform", text[a:b] + kv + head, PRIO_GAZETTEER, {"resolved": True}))
    return out


_PEER_TAGS = frozenset({"n", "nz", "j"})


def peer_orgs(view: TokenView) -> list[Cand]:
    """Bare brands listed beside companies (依托曙光、海光、联想、中芯国际…): items of a 、-list in which two
    or more items are companies LAC knows are companies too, when they are one short common word that is
    neither an industry, a place nor a generic word."""
    g = generic()
    toks = view.tokens
    out: list[Cand] = []
    i = 0
    while i < len(toks):
        # a run of single-token items separated by 、
        items = [i]
        j = i
        while j + 2 < len(toks) and toks[j + 1].word == "、":
            j += 2
            items.append(j)
        i = j + 1
        if len(items) < 4:
            continue
        companies = [k for k in items if toks[k].tag == "ORG" and kind_of(toks[k].word) in (None, "enterprise")]
        if len(companies) < 2:
            continue
        for k in items:
            t = toks[k]
            if t.tag not in _PEER_TAGS or not (2 <= len(t.word) <= 4) or t.word in industries() or (
                    t.word in place_index() or t.word in g["generic_name_parts"] or is_non_name(t.word)):
                continue
            out.append(Cand(t.start, t.end, "enterprise", t.word, PRIO_LAC))
    return out


def company_short_names(full: str) -> list[str]:
    """Short names a company goes by, from its full legal name (generic_words.yaml legal_forms): without the legal
    form and the places opening it (隆基绿能科技), and without one business word after (隆基绿能), each of four
    characters or more."""
    from shuanglian.extract.entities.aliases import strip_place_prefix

    g = generic()
    name = full.replace("（集团）", "").replace("(集团)", "")
    form = next((f for f in g["legal_forms"] if name.endswith(f)), None)
    if form is None:
        return []
    name = name[: -len(form)]
    while True:
        shorter = strip_place_prefix(name)
        if shorter == name or len(shorter) < 4:
            break
        name = shorter
    if any(c in name for c in "（）()"):
        return []
    out = [name] if len(name) >= 4 else []
    tail = next((t for t in sorted(g["enterprise_tails"], key=len, reverse=True) if name.endswith(t)), None)
    if tail and len(name) - len(tail) >= 4:
        out.append(name[: -len(tail)])
    # 山东|高速公路|股份有限公司: what is left may be a common word or a kind's suffix, which names no company
    return [n for n in out if n not in suffixes().kind_of and n not in g["non_places"] and not all_generic(n)
            and suffix_of(n) is None]


@functools.cache
def listed_short_names() -> frozenset[str]:
    """The listed companies' own short names and those derived from their full names (company_short_names)."""
    return listed_companies() | {n for full in listed_fullnames() for n in company_short_names(full)}


@functools.cache
def _listed_automaton() -> Any:
    """Short names of listed companies that read as nothing but a company: at least `listed_min` characters, no
    place, industry or generic phrase (中国医药, 机器人), no other kind's suffix (白云机场, 人民网)."""
    g = generic()
    least = int(g["listed_min"])
    inds = industries()
    names = {n: "enterprise" for n in listed_short_names()
             if len(n) >= least and not any(ch.isascii() for ch in n) and n not in inds and n not in place_index()
             and kind_of(n) in (None, "enterprise") and not all_generic(n) and not is_non_name(n)}
    return automaton(names)


def listed_company_orgs(view: TokenView) -> list[Cand]:
    """Listed companies' short names on LAC word boundaries (海康威视, 中联重科): companies wherever they are written,
    also when neither LAC nor the tagger reads them as names."""
    auto = _listed_automaton()
    if not len(auto):
        return []
    out: list[Cand] = []
    for last, (name, kind) in auto.iter(view.text):
        start = last + 1 - len(name)
        if not view.aligned(start, last + 1):
            continue
        i = view.index_containing(start)
        toks = [t for t in view.tokens[i:] if t.start < last + 1] if i is not None else []
        # a proper noun inside (仕佳|光子, 海康威视/ORG): not common words that happen to spell a listing (节能|风电)
        if any(t.tag in _SPECIFIC_TAGS for t in toks):
            out.append(Cand(start, last + 1, kind, name, PRIO_LAC))
    return out


def _person_word(view: TokenView, start: int, end: int) -> bool:
    """True when LAC tagged exactly [start, end) as a person."""
    i = view.index_containing(start)
    return i is not None and view.tokens[i].tag == "PER" and (view.tokens[i].start, view.tokens[i].end) == (start, end)


def gazetteer_orgs(view: TokenView) -> list[Cand]:
    """Well-known organisations and their short names (中科院, 南开), on word boundaries when short."""
    auto = org_gazetteer_automaton()
    gaz = org_gazetteer()
    out: list[Cand] = []
    for last, (surface, _) in auto.iter(view.text):
        start, end = last + 1 - len(surface), last + 1
        if len(surface) <= 4 and not view.aligned(start, end):
            continue
        if len(surface) == 2 and _person_word(view, start, end):
            continue  # 包钢 the official, not 包钢 the steel group: LAC reads the person from the context
        entry = gaz[surface]
        if entry.kind == "government" and _member_title(view.text, surface, end):
            continue  # 全国人大|代表: a deputy's title
        out.append(Cand(start, end, entry.kind, surface, PRIO_GAZETTEER))
    return out


def tagger_orgs(view: TokenView, spans: list[tuple[int, int]], fallback: str | None = None) -> list[Cand]:
    """The tagger's organisation names, under the same cuts and vetoes as LAC's (see lac_orgs).

    A name no suffix or gazetteer types takes the CLUENER head's kind hint, else `fallback` (dropped when None).
    """
    out: list[Cand] = []
    for start, end in spans:
        start += lead_start(view.text[start:end])
        name = view.text[start:end]
        inner = _inner_org_end(name) or _legal_entity_end(name) or _seat_end(name)
        if inner:
            # 珠海格力电器股份有限公司|横琴研发中心: the company and its unit stay apart
            end = start + inner
            name = name[:inner]
        if is_non_name(name) or _ends_with_title(name) or all_generic(name) or not _balanced(name) or name in place_index():
            continue
        kind = kind_of(name) or (view.hints.get((start, end), fallback) if fallback else None)
        if kind is None or (kind == "government" and _absorbed_by_title(view.text, name, end)):
            continue  # 省人大常委会|主任: a body that is only part of a title becomes the role
        numbered = any(ch.isdigit() for ch in name) and not generic()["numbered_brand"].match(name)
        if kind_of(name) is None and (numbered or _fragment(name)):
            continue  # 90后: a number is not a name without a suffix (bet365, a Latin brand's number, is)
        end = extend_bracket(view.text, end)
        out.append(Cand(start, end, kind, view.text[start:end], PRIO_LAC))
    return out


_SOURCE = re.compile(r"(?:来源|稿源|来自|转自)[：:][ \u3000]*([^\s，,。；;|｜]{2,16})")


def source_media(view: TokenView) -> list[Cand]:
    """The outlet named on a 来源：line (来源：解放日报): a media mention whatever LAC made of its words."""
    out: list[Cand] = []
    for m in _SOURCE.finditer(view.text):
        name = m.group(1)
        if kind_of(name) == "media" and not is_non_name(name):
            out.append(Cand(m.start(1), m.end(1), "media", name, PRIO_GAZETTEER))
    return out


_BREAKS_BEFORE_LINE = frozenset("，、；：。！？\n（“ 　")
_DIRECTIONS = frozenset("东西南北中上下内外前后")
_DIRECTION_SECTIONS = frozenset({"东段", "西段", "南段", "北段", "中段"})
_NUMERALS = frozenset("一二三四五六七八九十两百千万几多")


def _verb_word(view: TokenView, a: int, b: int) -> bool:
    """True when text[a:b] holds a whole LAC word of two characters or more read as a verb or adverb (加密, 新|开工)."""
    i = view.index_containing(a)
    while i is not None and i < len(view.tokens) and view.tokens[i].start < b:
        t = view.tokens[i]
        if t.end <= b and len(t.word) >= 2 and t.tag in ("v", "vn", "vd", "d", "ad"):
            return True
        i += 1
    return False


def abbreviated_lines(view: TokenView) -> list[Cand]:
    """Lines named by one-character abbreviations of the places they join (合新高铁, 赤大白铁路, 宜西攀高铁):
    two or three characters each opening a known city or county name, then a line head, written at the start
    of a clause or list item (LAC reads such names as verbs and adjectives, so the grammar walk misses them)."""
    heads = carrier_names()["abbreviated_lines"]
    if not heads:
        return []
    text = view.text
    initials = place_initials(("province", "city", "county")) | frozenset(carrier_names()["power_line_provinces"])
    after = frozenset(carrier_names()["abbreviated_line_after"])
    g = generic()
    out: list[Cand] = []
    for head in heads:
        pos = text.find(head)
        while pos >= 0:
            end = pos + len(head)
            if end in view.by_end and not text.startswith(("铁路", "公路", "高速", "城际"), end):
                for k in (3, 2):
                    a = pos - k
                    part = text[a:pos]
                    if a < 0 or not all(ch in initials for ch in part) or sum(ch in _DIRECTIONS for ch in part) >= 2:
                        continue
                    if a > 0 and text[a - 1] not in _BREAKS_BEFORE_LINE and text[a - 1] not in after:
                        continue
                    if part in g["generic_name_parts"] or part in industries() or part in place_index() or any(
                            ch in _NUMERALS for ch in part) or _verb_word(view, a, pos):
                        break  # 三大|高速公路, 加密|高铁, 新开工|高速公路: a count or a verb, not two ends
                    full = end + 2 if text[end : end + 2] in _DIRECTION_SECTIONS else end  # 京滨城际|南段
                    out.append(Cand(a, full, "platform", text[a:full], PRIO_GRAMMAR))
                    break
            pos = text.find(head, pos + 1)
    return out


@functools.cache
def _power_line() -> re.Pattern[str] | None:
    """省电入省…工程 compiled from carrier_names.yaml (None when the lists are empty)."""
    data = carrier_names()
    provs, heads = "".join(sorted(data["power_line_provinces"])), sorted(data["power_line_heads"], key=len, reverse=True)
    if not provs or not heads:
        return None
    return re.compile(rf"[{provs}]电(?:入|送|外送)(?:[{provs}](?![{provs}]))?[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(heads)})")


def power_lines(view: TokenView) -> list[Cand]:
    """Power lines named by the provinces they join (陇电入浙工程, 陕电入皖特高压工程, 疆电外送第四通道), at a word start."""
    pat = _power_line()
    if pat is None:
        return []
    return [Cand(m.start(), m.end(), "platform", m.group(), PRIO_GRAMMAR) for m in pat.finditer(view.text)
            if m.start() in view.by_start and m.end() in view.by_end]


@functools.cache
def _quoted_product() -> re.Pattern[str] | None:
    """“X贷” compiled from fund_names.yaml quoted_product_tails (None when empty)."""
    tails = fund_names()["quoted_product_tails"]
    if not tails:
        return None
    return re.compile(rf"“([\u4e00-\u9fff]{{1,4}}(?:{'|'.join(map(re.escape, sorted(tails)))}))”")


@functools.cache
def _quoted_fund() -> re.Pattern[str]:
    """A quoted name right before a fund word, optionally with the fund's level: “金芙蓉”基金矩阵,
    “金芙蓉”省级政府投资基金 (fund suffixes from org_suffixes.yaml, levels from fund_names.yaml)."""
    heads = sorted((w for w, k in suffixes().kind_of.items() if k == "fund"), key=len, reverse=True)
    levels = sorted(fund_names()["level_prefixes"], key=len, reverse=True)
    level = f"(?:{'|'.join(map(re.escape, levels))})?" if levels else ""
    return re.compile(rf"“([\u4e00-\u9fff][\u4e00-\u9fff+＋]{{0,8}}[\u4e00-\u9fff])”{level}(?:{'|'.join(map(re.escape, heads))})")


def quoted_fund_names(cands: list[Cand]) -> dict[str, str]:
    """Short name -> full name of the quoted funds among `cands` (金芙蓉 -> “金芙蓉”基金矩阵, the first written)."""
    out: dict[str, str] = {}
    for c in cands:
        if c.kind == "fund" and c.name.startswith("“") and "”" in c.name:
            out.setdefault(c.name[1 : c.name.index("”")], c.name)
    return out


def quoted_funds(view: TokenView) -> list[Cand]:
    """Funds named in quotes: financing products (“宁科贷”, “人才贷”: one to four characters and a product
    tail) and a quoted name before a fund word (“金芙蓉”基金矩阵), at a word end."""
    out: list[Cand] = []
    pat = _quoted_product()
    if pat is not None:
        reform = tuple(fund_names()["reform_marks"])
        out += [Cand(m.start(1), m.end(1), "fund", m.group(1), PRIO_GAZETTEER) for m in pat.finditer(view.text)
                if not (reform and any(r in m.group(1)[1:-1] for r in reform))]  # “拨改贷” is a reform
    for m in _quoted_fund().finditer(view.text):
        if m.end() in view.by_end:
            out.append(Cand(m.start(), m.end(), "fund", m.group(), PRIO_GAZETTEER))
    return out


_QUOTED_NAME = re.compile(r"“([\u4e00-\u9fffA-Za-z·]{2,10})”")


def quoted_platforms(view: TokenView) -> list[Cand]:
    """Platforms named in quotes before a platform head (“物流一张网”平台, “一键游广西”平台): the quoted words are the
    name (carrier_names.yaml quoted_platform_heads); the head starts a word."""
    heads = carrier_names()["quoted_platform_heads"]
    text = view.text
    out: list[Cand] = []
    for m in _QUOTED_NAME.finditer(text):
        if m.end() in view.by_start and any(text.startswith(h, m.end()) for h in heads):
            out.append(Cand(m.start(1), m.end(1), "platform", m.group(1), PRIO_GAZETTEER))
    return out


def field_carriers(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """Carriers named by the field they serve where LAC cut the field term with a verb (新型|显示|产业园,
    量子|计算|研发平台): an industry candidate followed by a field suffix (carrier_names.yaml field_suffixes)
    that ends on a word boundary, the industry opening on one and naming a field (not 机器人产业|基地)."""
    text = view.text
    fields = carrier_names()["field_suffixes"]
    longest = max((len(s) for s in fields), default=0)
    out: list[Cand] = []
    for c in cands:
        if c.kind not in ("industry", "field") or c.start not in view.by_start or not _field_name(c.name):
            continue
        for k in range(longest, 1, -1):
            s = text[c.end : c.end + k]
            if s in fields and c.end + k in view.by_end:
                out.append(Cand(c.start, c.end + k, "platform", text[c.start : c.end + k], PRIO_GRAMMAR))
                break
    return out


@functools.cache
def _university_units() -> dict[str, Any]:
    from shuanglian.extract.entities.lexicon import _yaml

    data = _yaml("university_units.yaml")
    return {"tails": tuple(data["tails"]), "max_head": int(data["max_head"]), "ends": tuple(data["university_ends"])}


def university_units(chosen: list[Cand]) -> list[Cand]:
    """Drop schools inside a university the page names (美术学院, 公管学院 beside 清华大学): not entities of their own."""
    data = _university_units()
    if not any(c.kind == "university" and c.name.endswith(data["ends"]) for c in chosen):
        return chosen
    out = []
    for c in chosen:
        tail = next((t for t in data["tails"] if c.name.endswith(t)), None)
        head = c.name[: len(c.name) - len(tail)] if tail else ""
        if (c.kind == "university" and tail and 1 <= len(head) <= data["max_head"]
                and head not in place_index() and normalise(head) is None):
            continue
        out.append(c)
    return out
