"""Tie short names to full names within a document (迈瑞医疗 -> 深圳迈瑞生物医疗电子股份有限公司)."""

from __future__ import annotations

import functools

from shuanglian.extract.entities.lexicon import generic
from shuanglian.extract.entities.orgs import all_generic, suffix_of
from shuanglian.extract.entities.places import place_index


@functools.lru_cache(maxsize=65536)
def strip_place_prefix(name: str) -> str:
    """Drop a leading place name (深圳光明科学城 -> 光明科学城); keeps the name when nothing is left."""
    idx = place_index()
    for k in range(min(8, len(name) - 2), 1, -1):
        if name[:k] in idx:
            return name[k:]
    return name


@functools.lru_cache(maxsize=65536)
def core(name: str) -> str:
    """The distinctive part of an organisation name: no place prefix, no legal or business suffix."""
    c = strip_place_prefix(name)
    while True:
        s = suffix_of(c)
        if s and len(c) - len(s) >= 2:
            c = c[: -len(s)]
            continue
        # the longest tail (新材料 before 材料): iterating the set would pick by string hash, which differs
        # between processes
        tail = max((t for t in generic()["enterprise_tails"] if c.endswith(t) and len(c) - len(t) >= 2),
                   key=len, default=None)
        if tail:
            c = c[: -len(tail)]
            continue
        return c


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def is_alias(short: str, full: str) -> bool:
    """True when `short` abbreviates `full` (subsequence of the full name starting at its core)."""
    if len(short) < 2 or len(short) >= len(full) or short == full:
        return False
    if full.startswith(short) and short.endswith("集团") and full.endswith(_LEGAL_ENDS):
        return True  # 海信集团 / 海信集团控股股份有限公司: the group's own legal name
    if full.startswith(short) and suffix_of(short):
        return False  # 工业和信息化部 / 工业和信息化部装备工业一司: a division, not another name
    zone = _zone_abbreviation(short, full)
    if zone is not None:
        return zone
    if s_enterprise_suffix(short) and s_enterprise_suffix(full) and len(core(short)) >= 2 and core(short) in core(full):
        return True  # 三峡集团 / 中国长江三峡集团有限公司
    gov = _government_abbreviation(short, full)
    if gov is not None:
        return gov
    s_suffix = suffix_of(short, grammar_only=True)
    if s_suffix and _initials_abbreviation(short, full, s_suffix):
        return True
    if s_suffix:
        # a name with its own suffix is an alias only of the same kind of thing with a place
        # prefix (光明科学城 / 深圳光明科学城), never of a sub-unit (南开大学 / 南开大学化学学院)
        if full.startswith(short):
            return False
        # 华西医院 / 四川大学华西医院: a unit named after its parent body
        parent = full[: -len(short)] if full.endswith(short) else ""
        if len(parent) >= 4 and suffix_of(parent, grammar_only=True):
            return True
        if parent and len(short) - len(s_suffix) >= 2 and _field_words(parent):
            return True  # 姑苏实验室 / 材料科学姑苏实验室: the full name puts the field before the lab's own name
        return full.endswith(short) and strip_place_prefix(full) == short
    short_core = strip_place_prefix(short)
    for form in _full_forms(full):
        c = core(form)
        if c and short_core[0] == c[0] and _subsequence(short_core, strip_place_prefix(form)):
            return True
    return False


_LEGAL_ENDS = ("有限公司", "有限责任公司", "集团公司")


def _field_words(part: str) -> bool:
    """True when `part` is made of industry terms and generic words only (材料科学, 深海技术科学), no place."""
    return strip_place_prefix(part) == part and part not in place_index() and all_generic(part)


def _initials_abbreviation(short: str, full: str, suffix: str) -> bool:
    """中汽中心 / 中国汽车技术研究中心有限公司: leading characters of the full name's words plus its suffix word."""
    head = short[: -len(suffix)]
    k = full.find(suffix)
    return (
        2 <= len(head) <= 3 and k > len(head) and short[0] == full[0]
        # the head skips characters of the full name (中|国|汽|车): 北京大学 is not short for 北京理工大学
        and not full.startswith(head) and _subsequence(head, full[:k])
    )


_ZONE_LONG = ("高新技术产业开发区", "高新技术开发区", "新技术开发区", "新技术产业开发区")


def _zone_abbreviation(short: str, full: str) -> bool | None:
    """东湖高新区 abbreviates 武汉东湖新技术开发区; None when the rule does not apply."""
    if not short.endswith("高新区"):
        return None
    long_suffix = next((z for z in _ZONE_LONG if full.endswith(z)), None)
    if long_suffix is None:
        return False
    a = strip_place_prefix(short[: -len("高新区")]) or short[: -len("高新区")]
    b = strip_place_prefix(full[: -len(long_suffix)]) or full[: -len(long_suffix)]
    return bool(a) and (a == b or b.endswith(a))


_GOV_ENDS = ("厅", "局", "委", "部", "办")


def _government_abbreviation(short: str, full: str) -> bool | None:
    """省工信厅 / 江苏省工业和信息化厅, 市发改委 / 深圳市发展和改革委员会: same body, abbreviated."""
    if not short.endswith(_GOV_ENDS) or not full.endswith(_GOV_ENDS + ("委员会",)):
        return None
    s = strip_place_prefix(short).lstrip("省市区县")
    f = strip_place_prefix(full)
    if len(s) < 2 or len(f) <= len(s):
        return None
    same_end = s[-1] == f[-1] or (s.endswith("委") and f.endswith("委员会"))
    return same_end and s[0] == f[0] and _subsequence(s, f)


def s_enterprise_suffix(name: str) -> bool:
    """True when a name ends with a company word (集团, 公司) that short names keep."""
    return name.endswith(("集团", "公司")) and len(name) > 3


def _full_forms(full: str) -> list[str]:
    """The full name, and without its parent academy (中国科学院大连化学物理研究所 -> 大连化学物理研究所)."""
    forms = [full]
    for parent in generic()["parent_prefixes"]:
        if full.startswith(parent) and len(full) > len(parent) + 2:
            forms.append(full[len(parent) :])
    return forms


def _must_share(short: str) -> tuple[set[str], set[str]]:
    """(characters, endings): every name `short` abbreviates contains one of the characters or ends
    with one of the endings (each rule of `is_alias` keeps one of them)."""
    bare = strip_place_prefix(short)
    chars = {short[0], bare[0], (core(short) or short)[0], (bare.lstrip("省市区县") or bare)[0]}
    ends = {short}  # full.endswith(short)
    if short.endswith("高新区"):
        ends |= set(_ZONE_LONG)
    return chars, ends


def link(names: list[str], kinds: dict[str, str] | None = None) -> dict[str, str]:
    """Map each short organisation name to the full name it abbreviates (unambiguous cases only). `kinds`: the kind
    of each name; among several full names the short one may abbreviate, one of its own kind is taken (华能 of
    中国华能集团, not of 华能清洁能源研究院)."""
    out: dict[str, str] = {}
    # candidates by shared character / ending instead of every pair: a 5 MB page has thousands of names
    by_char: dict[str, set[int]] = {}
    by_end: dict[str, set[int]] = {}
    for i, n in enumerate(names):
        for ch in set(n):
            by_char.setdefault(ch, set()).add(i)
        for k in range(len(n)):  # every ending (names are short)
            by_end.setdefault(n[k:], set()).add(i)
    for s in names:
        if len(s) < 2:
            continue
        chars, ends = _must_share(s)
        cand: set[int] = set()
        for ch in chars:
            cand |= by_char.get(ch, set())
        for e in ends:
            cand |= by_end.get(e, set())
        fulls = [names[i] for i in sorted(cand) if names[i] != s and is_alias(s, names[i])]
        if not fulls:
            continue
        # several candidates: keep those that are not themselves short forms of another candidate
        roots = [f for f in fulls if not any(g != f and is_alias(f, g) for g in fulls)]
        if len(roots) > 1 and kinds is not None:
            same = [f for f in roots if kinds.get(f) == kinds.get(s)]
            roots = same if len(same) == 1 else roots
        if len(roots) == 1:
            out[s] = roots[0]
            continue

        def shared(f: str, s: str = s) -> int:
            n = 0
            for a, b in zip(strip_place_prefix(f), strip_place_prefix(s), strict=False):
                if a != b:
                    break
                n += 1
            return n

        roots.sort(key=lambda f: -shared(f))
        if shared(roots[0]) > shared(roots[1]):
            out[s] = roots[0]
    # follow chains (迈瑞 -> 迈瑞医疗 -> full name)
    for s in list(out):
        seen = {s}
        while out[s] in out and out[s] not in seen:
            seen.add(out[s])
            out[s] = out[out[s]]
    return out
