"""Grouping candidate mentions into entities: canonical keys, alias merges and every span."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from shuanglian.extract.entities.aliases import link
from shuanglian.extract.entities.candidates import PRIO_GAZETTEER, PRIO_WEAK, Cand, TokenView, select
from shuanglian.extract.entities.events import session_aliases
from shuanglian.extract.entities.lexicon import KINDS_ORG, automaton, org_gazetteer
from shuanglian.suffixes import kind_by_suffix


@dataclass
class Group:
    """Mentions of one entity on a page: kind, canonical name, surfaces, spans and attributes."""

    kind: str
    name: str
    surfaces: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


def family(kind: str) -> str:
    """Kinds compared when grouping: every organisation kind is one family."""
    return "org" if kind in KINDS_ORG else kind


class Ranges:
    """[start, end) ranges indexed for overlap queries in log time (sorted starts, running max of ends)."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        """Index `ranges` once per page (every candidate is tested against them)."""
        ordered = sorted(ranges)
        self._starts = [s for s, _e in ordered]
        self._max_end = list(accumulate((e for _s, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps one of the ranges."""
        # among the ranges starting before `end`, one overlaps iff the furthest-reaching ends after `start`
        i = bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start


def in_ranges(c: Cand, ranges: Sequence[tuple[int, int]] | Ranges) -> bool:
    """True when the candidate overlaps any of the [start, end) ranges."""
    if isinstance(ranges, Ranges):
        return ranges.overlaps(c.start, c.end)
    return any(c.start < e and s < c.end for s, e in ranges)


def group_key(c: Cand) -> tuple[str, str]:
    """Grouping key (family, name): gazetteer canonical for well-known bodies, else the surface."""
    if family(c.kind) == "org":
        entry = org_gazetteer().get(c.name)
        if entry and entry.kind != "enterprise":
            # well-known bodies take their canonical name even when the page only uses the short one
            return ("org", entry.canonical)
    return (family(c.kind), c.name)


def merge_org_aliases(groups: dict[tuple[str, str], Group]) -> None:
    """Merge short organisation names into the full names they abbreviate on the page."""
    names = [k[1] for k in groups if k[0] == "org"]
    gaz = org_gazetteer()
    kinds = {k[1]: g.kind for k, g in groups.items() if k[0] == "org"}
    # an event named with its session (第十届汉交会) links by its series' name (汉交会 of 汉口北商品交易会)
    sessions: dict[str, list[str]] = {}  # series name -> the page's sessions of it (第九届汉交会, 第十届汉交会)
    for n in names:
        if kinds[n] == "organization":
            for a in session_aliases({n}):
                if a not in kinds:
                    sessions.setdefault(a, []).append(n)
    series = {a: ns[0] for a, ns in sessions.items()}
    mapping = link(names + list(series), {**kinds, **{a: "organization" for a in series}})
    mapping = {series.get(short, short): series.get(full, full) for short, full in mapping.items()
               if series.get(short, short) != series.get(full, full)}
    for ns in sessions.values():  # every session of a series goes where its first one went
        if ns[0] in mapping:
            for n in ns[1:]:
                mapping.setdefault(n, mapping[ns[0]])
    for n in names:
        if kinds[n] == "organization" and n not in mapping:
            # 第十届汉交会 beside 汉交会 (itself the short name of 汉口北商品交易会): the session's event is the series
            known = next((a for a in session_aliases({n}) if a in kinds and a != n), None)
            if known is not None:
                mapping[n] = mapping.get(known, known)
    for short in list(mapping):  # follow chains (第十届汉交会 -> 汉交会 -> 汉口北商品交易会)
        seen = {short}
        while mapping[short] in mapping and mapping[short] not in seen:
            seen.add(mapping[short])
            mapping[short] = mapping[mapping[short]]
    for n in names:
        entry = gaz.get(n)
        if entry and entry.canonical != n and ("org", entry.canonical) in groups:
            mapping.setdefault(n, entry.canonical)
    for n in names:
        # 上海市政府(工作报告) and 上海市人民政府 on one page: the short form of the same body
        if n.endswith("政府") and not n.endswith("人民政府") and ("org", n[:-2] + "人民政府") in groups:
            mapping.setdefault(n, n[:-2] + "人民政府")
    for short, full in mapping.items():
        src, dst = groups.get(("org", short)), groups.get(("org", full))
        if src is None or dst is None or src is dst:
            continue
        if gaz.get(short) and gaz.get(full) and gaz[short].canonical != gaz[full].canonical:
            continue  # 中共中央 and 中共中央政治局: two known bodies, not a name and its short form
        if gaz.get(short) and not gaz.get(full) and kind_by_suffix(full) is None:
            continue  # 中海油 and 中海油装备智能制造: a known body and a suffix-less project or unit of it
        dst.surfaces |= src.surfaces
        if dst.kind == "organization" and src.kind != "organization" and kind_by_suffix(dst.name) is None:
            # a suffix-less body takes its short name's kind; a museum or an association keeps its own
            dst.kind = src.kind
        del groups[("org", short)]


_BRACKET_SHORT = re.compile(r"[（(](?:以下)?(?:简称|下称)?[“\"「]?([\u4e00-\u9fffA-Za-z0-9]{2,8})[”\"」]?[）)]")


def bracket_short_names(text: str, groups: dict[tuple[str, str], Group]) -> None:
    """A short name given in brackets after an organisation (中国电子科技集团有限公司（中国电科）) is its alias."""
    from shuanglian.extract.entities.orgs import is_non_name
    from shuanglian.extract.entities.places import place_index

    orgs = [g for k, g in groups.items() if k[0] == "org"]
    for m in _BRACKET_SHORT.finditer(text):
        short = m.group(1)
        if short.isdigit() or is_non_name(short) or short in place_index() or short.endswith(("年", "月", "日")):
            continue
        owner = max(
            (g for g in orgs for sf in g.surfaces if len(sf) > len(short) and text.endswith(sf, 0, m.start())),
            key=lambda g: max(len(sf) for sf in g.surfaces),
            default=None,
        )
        if owner is None:
            continue
        other = groups.pop(("org", short), None)
        if other is not None and other is not owner:
            owner.surfaces |= other.surfaces
            if other in orgs:
                orgs.remove(other)
        owner.surfaces.add(short)


def drop_people_inside_orgs(groups: dict[tuple[str, str], Group]) -> None:
    """A 'person' whose name is part of an organisation name on the page (讯飞 / 科大讯飞) is that organisation."""
    orgs = [g for k, g in groups.items() if k[0] == "org"]
    for key in [k for k in groups if k[0] == "person"]:
        name = key[1]
        owner = next((g for g in orgs if any(name in s and name != s for s in g.surfaces)), None)
        if owner is not None:
            if any(s.startswith(name) for s in owner.surfaces) or (
                owner.kind == "enterprise" and any(s.endswith(name) for s in owner.surfaces)
            ):
                owner.surfaces.add(name)
            del groups[key]


def all_spans(view: TokenView, groups: dict[tuple[str, str], Group], chosen: list[Cand],
               excluded: Sequence[tuple[int, int]] | Ranges) -> None:
    """Find every mention of every surface; original detections win ties, short surfaces need word boundaries."""
    owner: dict[str, tuple[str, str]] = {}
    for key, g in groups.items():
        for s in g.surfaces:
            owner.setdefault(s, key)
    auto = automaton({s: None for s in owner})
    # (family, surface) -> first group of that family using the surface, for candidates whose own key is gone
    by_surface: dict[tuple[str, str], tuple[str, str]] = {}
    for k, g in groups.items():
        for surface in g.surfaces:
            by_surface.setdefault((k[0], surface), k)
    hits: list[Cand] = []
    for c in chosen:
        found = _resolve(c, groups, by_surface)
        if found:
            hits.append(Cand(c.start, c.end, c.kind, "\0".join(found), PRIO_GAZETTEER))
    if len(auto):
        for last, (surface, _) in auto.iter(view.text):
            start, end = last + 1 - len(surface), last + 1
            if len(surface) <= 2 and not view.aligned(start, end):
                continue
            key = owner[surface]
            hits.append(Cand(start, end, groups[key].kind, "\0".join(key), PRIO_WEAK))
    for h in select([h for h in hits if not in_ranges(h, excluded) or quoted_carrier(view.text, h, excluded)]):
        fam, name = h.name.split("\0", 1)
        groups[(fam, name)].spans.append((h.start, h.end))


_OPEN_QUOTES = {"“": "”", "‘": "’", "「": "」", "\"": "\""}
CARRIER_KINDS = frozenset({"platform", "lab", "research_institute", "organization", "university", "fund"})


def quoted_carrier(text: str, h: Cand, excluded: Sequence[tuple[int, int]] | Ranges) -> bool:
    """A carrier whose name holds a quoted phrase blocked as a slogan and continues past the closing quote into
    its suffix (“一带一路”国际技术转移中心, 中国—哈萨克斯坦…“一带一路”联合实验室): the slogan is part of the name. Only
    the quoted parts may overlap a blocked range; the text after the last closing quote must be typed by the
    rules as an organisation (a carrier suffix, not a slogan followed by a plain word)."""
    if h.kind not in CARRIER_KINDS:
        return False
    from shuanglian.extract.entities.orgs import suffix_of

    name = text[h.start : h.end]
    outside: list[tuple[int, int]] = []
    pos = 0
    last_close = -1
    while pos < len(name):
        close = _OPEN_QUOTES.get(name[pos])
        if close is None:
            pos += 1
            continue
        end = name.find(close, pos + 1)
        if end < 0:
            return False
        outside.append((pos, end + 1))
        last_close = end
        pos = end + 1
    if last_close < 0 or len(name) - last_close - 1 < 2 or suffix_of(name[last_close + 1 :]) is None:
        return False
    free, prev = [], 0
    for a, b in outside:
        if a > prev:
            free.append((h.start + prev, h.start + a))
        prev = b
    free.append((h.start + prev, h.end))
    return not any(in_ranges(Cand(a, b, h.kind, ""), excluded) for a, b in free if a < b)


def _resolve(c: Cand, groups: dict[tuple[str, str], Group],
             by_surface: dict[tuple[str, str], tuple[str, str]]) -> tuple[str, str] | None:
    key = group_key(c)
    if key in groups:
        return key
    return by_surface.get((key[0], c.name))


