"""Attributes of grouped entities: page context, people's roles, organisations' place and industries."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

import yaml

from shuanglian.extract.entities.aliases import strip_place_prefix
from shuanglian.extract.entities.candidates import PRIO_GAZETTEER, Cand, TokenView
from shuanglian.extract.entities.groups import Group, Ranges
from shuanglian.extract.entities.industries import IndustrySpans, industries_in, stated_industries
from shuanglian.extract.entities.lexicon import KINDS_ORG, org_gazetteer, shared_list, suffixes, titles
from shuanglian.extract.entities.orgs import suffix_of
from shuanglian.extract.entities.people import parse_roles
from shuanglian.extract.entities.places import Place, normalise, place_index

# generic back-references to an organisation named earlier (公司创始人钟超)
_BACKREF = {"公司": "enterprise", "企业": "enterprise", "集团": "enterprise", "该公司": "enterprise",
            "学校": "university", "该校": "university", "实验室": "lab", "研究院": "research_institute",
            "本报": "media"}
_BACKREF_RE = re.compile("|".join(sorted(_BACKREF, key=len, reverse=True)))
_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")


def page_context(places: list[Place]) -> tuple[str | None, str | None]:
    """The page's province and city: the most frequent among its place mentions."""
    provs = Counter(p.province for p in places if p.province)
    cities = Counter(p.city for p in places if p.city)
    return (provs.most_common(1)[0][0] if provs else None, cities.most_common(1)[0][0] if cities else None)


def assign_roles(view: TokenView, groups: dict[tuple[str, str], Group], context: tuple[str | None, str | None]) -> None:
    """Parse the title chain before every person mention into `attrs.roles` and `attrs.titles`."""
    text = view.text
    org_end: dict[int, tuple[int, str, str]] = {}
    place_end: dict[int, tuple[int, str]] = {}
    person_spans: list[tuple[int, int, Group]] = []
    for g in groups.values():
        for s, e in g.spans:
            if g.kind in KINDS_ORG:
                org_end[e] = (s, g.name, g.kind)
            elif g.kind == "place":
                place_end[e] = (s, g.name)
            elif g.kind == "person":
                person_spans.append((s, e, g))
    org_starts = sorted((s, name, kind) for s, name, kind in org_end.values())

    def org_ending_at(pos: int) -> tuple[str, int] | None:
        """The organisation (name, length) written right before `pos`, if any."""
        hit = org_end.get(pos)
        if hit:
            return hit[1], pos - hit[0]
        gaz = org_gazetteer()
        for k in range(min(16, pos), 1, -1):
            entry = gaz.get(text[pos - k : pos])
            if entry:
                return entry.canonical, k
        for word, kind in _BACKREF.items():
            if text.endswith(word, 0, pos):
                before = [o for o in org_starts if o[0] < pos - len(word) and o[2] == kind]
                if before:
                    return before[-1][1], len(word)
        return None

    def place_ending_at(pos: int) -> tuple[Place, int] | None:
        """The place (normalised, length) written right before `pos`, if any."""
        hit = place_end.get(pos)
        if hit:
            p = normalise(hit[1], context)
            if p:
                return p, pos - hit[0]
        idx = place_index()
        for k in range(min(8, pos), 1, -1):
            # on a word start only: 胡和平|和省长 holds 平和 (a county) across two words
            if text[pos - k : pos] in idx and pos - k in view.by_start:
                p = normalise(text[pos - k : pos], context)
                if p:
                    return p, k
        return None

    roles_at: dict[int, list[dict[str, Any]]] = {}
    for s, e, g in sorted(person_spans, key=lambda x: x[0]):
        roles = parse_roles(text, s, org_ending_at, place_ending_at, roles_at.get, context)
        if not roles and s >= 1 and text[s - 1] == "、" and roles_at.get(s - 1):
            # 中共中央政治局常委栗战书、汪洋、王沪宁: the names listed after one title share it
            roles = [dict(r) for r in roles_at[s - 1]]
        roles_at[e] = roles
        after = _title_after(text, e)
        # the title next to the name is the role; earlier posts of the chain become roles of their own
        # when they name their organisation (中共中央总书记、国家主席、中央军委主席 -> three roles)
        implied = _role_data()["implied"]
        chain = [r for r in roles[:-1] if r["title"] in implied] + roles[-1:]
        have = g.attrs.setdefault("roles", [])
        for r in [*chain, *([{"title": after, "org": None, "place": None}] if after else [])]:
            r = resolve_role(r, context)
            if r not in have:
                have.append(r)
        titles = g.attrs.setdefault("titles", [])
        for r in roles:
            if r["title"] not in titles:
                titles.append(r["title"])


def local_bodies(view: TokenView, chosen: list[Cand], context: tuple[str | None, str | None]) -> list[Cand]:
    """Government bodies written with 省/市 alone (省政协, 省委, 市科技局) completed with the page's place;
    returns `chosen` with them in place of any candidate on the same words. A body before a leader's
    title (省委|书记) stays part of the role."""
    data = _role_data()
    forms: dict[str, str] = data.get("local_bodies") or {}
    prefixes: dict[str, str] = data["local_prefixes"]
    toks = view.tokens
    found: list[Cand] = []
    bare = set(data.get("bare_bodies") or ())
    sessions = set(data.get("bare_body_sessions") or ())
    dropped: list[tuple[int, int]] = []
    for i, t in enumerate(toks):
        word = t.word
        if word in bare:
            if t.start > 0 and view.text[t.start - 1] in sessions:
                dropped.append((t.start, t.end))  # 六届|人大一次会议: a session of the national body, no university
            elif _bare_body(view.text, t.start, t.end, data):
                # a section naming no place: the page's own written form of the body (省人大代表建议 -> 省人大)
                name = (forms[word].format(place=context[0]) if context[0] and word in forms
                        else next((lv + word for lv in prefixes if lv + word in view.text), word))
                found.append(Cand(t.start, t.end, "government", name, PRIO_GAZETTEER, {"resolved": True}))
            continue
        if (len(word) < 2 or word[0] not in prefixes or word.startswith("市场") or word[1] == "级"
                or (i > 0 and toks[i - 1].tag == "LOC")):
            continue  # 市场监管局 is a bureau's own name, not 市 + 场监管局; 省级政府 is every province's
        rest = word[1:]
        where = context[0] if prefixes[word[0]] == "province" else context[1]
        if not where:
            after = set(data.get("unplaced_not_after") or ())
            if (rest not in forms or not data.get("unplaced_as_written")
                    or (t.start > 0 and view.text[t.start - 1] in after)):
                continue  # 直辖|市政府, 省、市政府: a level of government, no one body
            name = word  # a section naming no place (自觉接受省政协民主监督): the body as written
        elif rest in forms:
            name = forms[rest].format(place=where)
        elif len(rest) >= 2 and suffixes().kind_of.get(suffix_of(word) or "") == "government" and rest not in forms:
            name = where + rest
        else:
            continue
        nxt = toks[i + 1].word if i + 1 < len(toks) else ""
        if nxt in titles() and nxt not in _MEMBER_TITLES:
            continue  # 省委|书记: named only through the leader's title
        found.append(Cand(t.start, t.end, "government", name, PRIO_GAZETTEER, {"resolved": True}))
    if not found and not dropped:
        return chosen
    taken = Ranges([(c.start, c.end) for c in found] + dropped)
    return sorted([c for c in chosen if not taken.overlaps(c.start, c.end)] + found, key=lambda c: c.start)


def _bare_body(text: str, start: int, end: int, data: dict[str, Any]) -> bool:
    """人大/政协 written bare in a supervision clause (接受人大监督、政协民主监督): the page's own body."""
    if start > 0 and text[start - 1] in set(data.get("bare_body_not_after") or ()):
        return False  # 全国|人大, 市|人大, 六届|人大
    return any(text.startswith(cue, end) for cue in data.get("bare_body_cues") or ())


_MEMBER_TITLES = frozenset({"委员", "代表"})  # 省政协|委员 names the body; 省委|常委 is a title


@cache
def _role_data() -> dict[str, Any]:
    ref = resources.files("shuanglian.extract").joinpath("data").joinpath("role_orgs.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("role_orgs.yaml: expected a mapping at top level")
    return data


def _title_after(text: str, end: int) -> str | None:
    """A title written right after a name (习近平总书记)."""
    for t in sorted(_role_data()["after_name"], key=len, reverse=True):
        if text.startswith(t, end):
            return str(t)
    return None


def resolve_role(role: dict[str, Any], context: tuple[str | None, str | None]) -> dict[str, Any]:
    """The organisation of a role from the page: implied by the title (总书记 -> 中共中央), a local
    abbreviation completed with the page's place (市科技局 -> 宿州市科技局, 市政府 -> 宿州市人民政府); a title of a
    place (省长) keeps that place in `place`, which the graph's holds_role points at."""
    data = _role_data()
    title, org, place = role.get("title"), role.get("org"), role.get("place")
    implied = data["implied"].get(title)
    if implied and not org:
        return {"title": implied[0], "org": implied[1], "place": place}
    if org and org[0] in data["local_prefixes"]:
        where = context[0] if data["local_prefixes"][org[0]] == "province" else context[1]
        if where:
            rest = org[1:]
            org = where + data["rename"].get(rest, rest)
    if org and title in data.get("place_posts", ()):
        # 河北省人民政府省长: a leader of a place's government holds the post of that place
        for body in data.get("place_bodies", ()):
            head = org[: -len(body)] if org.endswith(body) else ""
            if head:
                p = normalise(head) or (normalise(context[0]) if head == "自治区" and context[0] else None)
                if p:
                    return {"title": title, "org": None, "place": p.name}
    return {"title": title, "org": org, "place": place}


@cache
def _region_data() -> dict[str, Any]:
    ref = resources.files("shuanglian.extract").joinpath("data").joinpath("org_regions.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("org_regions.yaml: expected a mapping at top level")
    return data


@cache
def _stated_re() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _region_data()["stated_before"]), key=len, reverse=True))
    return re.compile(rf"(?:{words})([\u4e00-\u9fff]{{2,10}}?)(?:的)?$")


@cache
def _stated_after_re() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _region_data()["stated_before"]), key=len, reverse=True))
    return re.compile(rf"(?:{words})([\u4e00-\u9fff]{{2,10}}?)(?=[，,。；;、的\s]|$)")


@cache
def university_provinces() -> dict[str, str]:
    """University -> province from ../shared/data/lists/universities when that list is present."""
    path = shared_list("universities", "china_mainland_universities.json")
    if path is None:
        return {}
    import json

    out: dict[str, str] = {}
    for prov, groups in json.loads(path.read_text(encoding="utf-8")).items():
        for names in groups.values():
            for n in names:
                out.setdefault(n, prov)
    return out


def org_place(
    name: str, text: str, spans: list[tuple[int, int]], context: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """(place, reason) of an organisation by evidence, in the precedence of data/org_regions.yaml:
    stated on the page, a branch marker in the name, the universities list, the name's own place."""
    data = _region_data()
    for s, e in spans:
        m = _stated_re().search(text, max(0, s - 14), s)  # 位于深圳的鹏城实验室
        after = _stated_after_re().match(text, e)  # 鹏城实验室位于深圳
        for hit in (m, after):
            p = normalise(hit.group(1), context) if hit else None
            if p:
                return p.name, "stated"
    levels = set(data["branch_levels"])
    markers = tuple(data["branch_markers"])
    idx = place_index()
    for i in range(2, len(name) - 2):
        for k in range(min(8, len(name) - i - 2), 1, -1):
            sub = name[i : i + k]
            if sub in idx and name.endswith(markers) and len(name) - i - k >= 2:
                p = normalise(sub, context)
                if p and p.level in levels:
                    return p.name, "branch"
    stripped = strip_place_prefix(name)
    prefix = name[: len(name) - len(stripped)] if stripped != name else ""
    if name.startswith(tuple(data["prefix_not_place"])):
        prefix = ""
    own: str | None = None
    if prefix and not prefix.startswith(tuple(data["national_prefixes"])):
        p = normalise(prefix, context)
        # a district's short name inside an org name is usually a word (南开大学), not a place
        if p and (p.level in ("region", "province", "city") or prefix[-1] in "省市区县"):
            own = p.name
    uni = university_provinces().get(name)
    if uni and not own:
        p = normalise(uni, context)
        return (p.name if p else uni), "universities_list"
    if own:
        return own, "name"
    m = _BRACKET.search(name)
    if m:
        p = normalise(m.group(1), context)
        if p:
            return p.name, "name"
    return None, None


def backreferences(text: str, groups: list[Group]) -> dict[int, list[tuple[int, int]]]:
    """Spans of 公司/该公司/企业… that refer back to the nearest organisation of that kind named before."""
    orgs = sorted((s, id(g), g.kind) for g in groups if g.kind in KINDS_ORG for s, _e in g.spans)
    # per kind, starts and group ids in that order: the nearest one before a reference is found by bisect
    starts: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    for s, gid, kind in orgs:
        starts.setdefault(kind, []).append(s)
        ids.setdefault(kind, []).append(gid)
    out: dict[int, list[tuple[int, int]]] = {}
    for m in _BACKREF_RE.finditer(text):
        kind = _BACKREF[m.group()]
        i = bisect_left(starts.get(kind, []), m.start())
        if i:
            out.setdefault(ids[kind][i - 1], []).append((m.start(), m.end()))
    return out


def org_attrs(view: TokenView, g: Group, industry_spans: list[tuple[int, int, str]] | IndustrySpans,
              context: tuple[str | None, str | None], backrefs: list[tuple[int, int]] | None = None) -> None:
    """Set an organisation's `place` (name prefix, bracket or 位于…) and `industries` when stated
    after its name or after a back-reference to it (公司聚焦高端医疗器械)."""
    backrefs = backrefs or []
    text = view.text
    place, reason = org_place(g.name, text, g.spans, context)
    inds = industries_in(g.name)
    for _s, e in g.spans + backrefs:
        for i in stated_industries(text, e, industry_spans):
            if i not in inds:
                inds.append(i)
    if place:
        g.attrs["place"] = place
        g.attrs["place_reason"] = reason
    if inds:
        g.attrs["industries"] = inds


