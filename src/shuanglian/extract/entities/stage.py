"""EntityStage: LAC + rules -> grouped entities with kinds, aliases, every span and attributes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shuanglian.document import Document, Mention
from shuanglian.extract.entities.aliases import link, strip_place_prefix
from shuanglian.extract.entities.candidates import (
    PRIO_GAZETTEER,
    PRIO_LAC,
    PRIO_WEAK,
    Cand,
    TokenView,
    select,
)
from shuanglian.extract.entities.industries import (
    grammar_industries,
    industries_in,
    industry_mentions,
    stated_industries,
)
from shuanglian.extract.entities.lexicon import KINDS_ORG, automaton, blocked_automaton, org_gazetteer
from shuanglian.extract.entities.orgs import (
    all_generic,
    gazetteer_orgs,
    grammar_orgs,
    is_non_name,
    kind_of,
    lac_orgs,
    suffix_of,
)
from shuanglian.extract.entities.people import lac_people, parse_roles
from shuanglian.extract.entities.places import Place, normalise, place_index
from shuanglian.extract.lac import Token, tag_many, tag_text

# generic back-references to an organisation named earlier (公司创始人钟超)
_BACKREF = {"公司": "enterprise", "企业": "enterprise", "集团": "enterprise", "该公司": "enterprise",
            "学校": "university", "该校": "university", "实验室": "lab", "研究院": "research_institute"}
_SLOGAN_PREFIXES = frozenset({"数字", "智慧", "美丽", "健康", "平安", "法治", "幸福", "创新", "活力", "诗画", "绿色"})
_NON_PLACE_TAILS = ("大厦", "大楼", "广场", "酒店", "宾馆", "会展中心", "体育馆", "体育中心", "大剧院", "机场", "车站", "码头")
_PLACE_TITLE = re.compile(r"(省委|市委|区委|县委|州委|省长|市长|区长|县长|州长|省政府|市政府|副省长|副市长)")
_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")
_LOCATED = re.compile(r"位于([\u4e00-\u9fff]{2,10}?)(?:的)?$")


@dataclass
class _Group:
    kind: str
    name: str
    surfaces: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


def _family(kind: str) -> str:
    return "org" if kind in KINDS_ORG else kind


def place_cands(view: TokenView) -> list[Cand]:
    """LOC tokens as places, normalised to official names; zone-like LOC tokens are left to the org grammar."""
    out: list[Cand] = []
    text = view.text
    for t in view.tokens:
        if t.tag != "LOC" or (len(t.word) >= 2 and is_non_name(t.word)):
            continue
        if t.word.endswith(_NON_PLACE_TAILS):
            continue  # 天空之城大厦: a building, not a place of the register
        s = suffix_of(t.word, grammar_only=True)
        if s and s == "新区" and t.word in place_index():
            s = None  # 浦东新区, 滨海新区 are districts; 湘江新区, 两江新区 are development zones
        if s:
            kind = kind_of(t.word) or "platform"
            if kind == "platform" and not all_generic(t.word):
                # 苏州工业园区, 广州国际生物岛: zones LAC tags as places are innovation platforms
                out.append(Cand(t.start, t.end, kind, t.word, PRIO_LAC))
            if normalise(t.word) is None or kind == "platform":
                continue
        if t.word.isascii():
            continue  # BioBAY: a brand LAC took for a place
        if text[max(0, t.start - 2) : t.start] in _SLOGAN_PREFIXES:
            continue  # “数字福建”, 健康中国: a slogan, not the place
        if _PLACE_TITLE.match(text, t.end):
            continue  # 陕西|省委书记: the place is part of the title and becomes the role's place
        p = normalise(t.word)
        if p is None and t.word[-1] in "省市区县" and len(t.word) <= 3:
            continue  # 科教兴市 tagged 兴市: not a real division
        out.append(Cand(t.start, t.end, "place", p.name if p else t.word))
    return out


def page_context(places: list[Place]) -> tuple[str | None, str | None]:
    """The page's province and city: the most frequent among its place mentions."""
    provs = Counter(p.province for p in places if p.province)
    cities = Counter(p.city for p in places if p.city)
    return (provs.most_common(1)[0][0] if provs else None, cities.most_common(1)[0][0] if cities else None)


_BOOK_TITLE = re.compile(r"《[^《》\n]{1,80}》")


def _blocked_ranges(text: str) -> list[tuple[int, int]]:
    # names inside a policy or document title (《湖北省…行动方案》) belong to the policy, not the page
    # (a paper's name in 《》, 《新华日报》, is itself a media mention and stays)
    out = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text) if kind_of(m.group()[1:-1]) != "media"]
    auto = blocked_automaton()
    if not len(auto):
        return out
    for last, (phrase, _) in auto.iter(text):
        start = last + 1 - len(phrase)
        # a blocked phrase never hides the start of a longer name (中国特色… is blocked, 中国科学院 is not)
        out.append((start, last + 1))
    return out


def _in_excluded(c: Cand, excluded: Sequence[tuple[int, int]]) -> bool:
    return any(c.start < e and s < c.end for s, e in excluded)


def _group_key(c: Cand) -> tuple[str, str]:
    if _family(c.kind) == "org":
        entry = org_gazetteer().get(c.name)
        if entry and entry.kind != "enterprise":
            # well-known bodies take their canonical name even when the page only uses the short one
            return ("org", entry.canonical)
    return (_family(c.kind), c.name)


def _merge_org_aliases(groups: dict[tuple[str, str], _Group]) -> None:
    names = [k[1] for k in groups if k[0] == "org"]
    gaz = org_gazetteer()
    mapping = link(names)
    for n in names:
        entry = gaz.get(n)
        if entry and entry.canonical != n and ("org", entry.canonical) in groups:
            mapping.setdefault(n, entry.canonical)
    for short, full in mapping.items():
        src, dst = groups.get(("org", short)), groups.get(("org", full))
        if src is None or dst is None or src is dst:
            continue
        dst.surfaces |= src.surfaces
        if dst.kind == "organization" and src.kind != "organization":
            dst.kind = src.kind
        del groups[("org", short)]


def _drop_people_inside_orgs(groups: dict[tuple[str, str], _Group]) -> None:
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


def _all_spans(view: TokenView, groups: dict[tuple[str, str], _Group], chosen: list[Cand],
               excluded: Sequence[tuple[int, int]]) -> None:
    """Find every mention of every surface; original detections win ties, short surfaces need word boundaries."""
    owner: dict[str, tuple[str, str]] = {}
    for key, g in groups.items():
        for s in g.surfaces:
            owner.setdefault(s, key)
    auto = automaton({s: None for s in owner})
    hits: list[Cand] = []
    for c in chosen:
        found = _resolve(c, groups)
        if found:
            hits.append(Cand(c.start, c.end, c.kind, "\0".join(found), PRIO_GAZETTEER))
    if len(auto):
        for last, (surface, _) in auto.iter(view.text):
            start, end = last + 1 - len(surface), last + 1
            if len(surface) <= 2 and not view.aligned(start, end):
                continue
            key = owner[surface]
            hits.append(Cand(start, end, groups[key].kind, "\0".join(key), PRIO_WEAK))
    for h in select([h for h in hits if not _in_excluded(h, excluded)]):
        fam, name = h.name.split("\0", 1)
        groups[(fam, name)].spans.append((h.start, h.end))


def _resolve(c: Cand, groups: dict[tuple[str, str], _Group]) -> tuple[str, str] | None:
    key = _group_key(c)
    if key in groups:
        return key
    surface = c.name
    for k, g in groups.items():
        if k[0] == key[0] and surface in g.surfaces:
            return k
    return None


def _roles(view: TokenView, groups: dict[tuple[str, str], _Group], context: tuple[str | None, str | None]) -> None:
    text = view.text
    org_end: dict[int, tuple[int, str, str]] = {}
    place_end: dict[int, tuple[int, str]] = {}
    person_spans: list[tuple[int, int, _Group]] = []
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
        hit = place_end.get(pos)
        if hit:
            p = normalise(hit[1], context)
            if p:
                return p, pos - hit[0]
        idx = place_index()
        for k in range(min(8, pos), 1, -1):
            if text[pos - k : pos] in idx:
                p = normalise(text[pos - k : pos], context)
                if p:
                    return p, k
        return None

    roles_at: dict[int, list[dict[str, Any]]] = {}
    for s, e, g in sorted(person_spans, key=lambda x: x[0]):
        roles = parse_roles(text, s, org_ending_at, place_ending_at, roles_at.get, context)
        roles_at[e] = roles
        # the title written next to the name is the role (省委副书记、省长王伟中 -> 省长); the
        # concurrent posts before it are kept as further titles, not as separate roles
        have = g.attrs.setdefault("roles", [])
        if roles and roles[-1] not in have:
            have.append(roles[-1])
        titles = g.attrs.setdefault("titles", [])
        for r in roles:
            if r["title"] not in titles:
                titles.append(r["title"])


def _org_attrs(view: TokenView, g: _Group, industry_spans: list[tuple[int, int, str]],
               context: tuple[str | None, str | None]) -> None:
    text = view.text
    place: str | None = None
    stripped = strip_place_prefix(g.name)
    if stripped != g.name:
        prefix = g.name[: len(g.name) - len(stripped)]
        p = normalise(prefix, context)
        # a district's short name inside an org name is usually a word (南开大学), not a place
        if p and (p.level in ("country", "region", "province", "city") or prefix[-1] in "省市区县"):
            place = p.name
    bracket = _BRACKET.search(g.name)
    if place is None and bracket:
        p = normalise(bracket.group(1), context)
        place = p.name if p else None
    if place is None:
        for s, _e in g.spans:
            m = _LOCATED.search(text, max(0, s - 14), s)
            if m:
                p = normalise(m.group(1), context)
                if p:
                    place = p.name
                    break
    inds = industries_in(g.name)
    for _s, e in g.spans:
        for i in stated_industries(text, e, industry_spans):
            if i not in inds:
                inds.append(i)
    if place:
        g.attrs["place"] = place
    if inds:
        g.attrs["industries"] = inds


def extract_entities(text: str, tokens: list[Token] | None = None,
                     excluded: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Extract entities from one text; `tokens` are LAC tokens of `text` (tagged here when omitted)."""
    if not text.strip():
        return []
    view = TokenView(text, tokens if tokens is not None else tag_text(text))
    cands = (lac_people(view) + lac_orgs(view) + grammar_orgs(view) + gazetteer_orgs(view)
             + place_cands(view) + industry_mentions(view) + grammar_industries(view))
    blocked = list(excluded) + _blocked_ranges(text)
    chosen = select([c for c in cands if not _in_excluded(c, blocked)])
    places = [p for c in chosen if c.kind == "place" for p in [normalise(c.name)] if p]
    context = page_context(places)

    groups: dict[tuple[str, str], _Group] = {}
    for c in chosen:
        key = _group_key(c)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(c.kind, key[1])
        g.surfaces.add(view.text[c.start : c.end])
        g.surfaces.add(key[1])
    _merge_org_aliases(groups)
    _drop_people_inside_orgs(groups)
    _all_spans(view, groups, chosen, blocked)

    for g in groups.values():
        used = {view.text[s:e] for s, e in g.spans}
        g.surfaces = used
        # the canonical name is the fullest form the page uses (a gazetteer name for well-known bodies)
        if used and g.kind != "person" and not (g.kind in KINDS_ORG and org_gazetteer().get(g.name) and g.name in used):
            official = g.name
            g.name = max(used, key=lambda u: (len(u), u == official))
            if g.kind == "place":
                g.attrs["official"] = official

    industry_spans = [(s, e, g.name) for g in groups.values() if g.kind == "industry" for s, e in g.spans]
    for g in groups.values():
        if g.kind == "place":
            p = normalise(g.attrs.get("official", g.name), context)
            g.attrs = p.attrs() if p else {"level": None, "parent": None, "province": None, "city": None}
            g.attrs["official"] = p.name if p else g.name
        elif g.kind in KINDS_ORG:
            _org_attrs(view, g, industry_spans, context)
    # organisations named with a place (成都高新区) tell the page's province/city too
    org_places = [p for g in groups.values() if g.kind in KINDS_ORG and g.attrs.get("place")
                  for p in [normalise(g.attrs["place"], context)] if p]
    context = page_context(places + org_places)
    _roles(view, groups, context)

    out: list[Mention] = []
    for g in groups.values():
        if not g.spans:
            continue
        aliases = sorted(g.surfaces - {g.name}, key=lambda a: (-len(a), a))
        out.append(Mention(name=g.name, kind=g.kind, aliases=aliases, spans=sorted(g.spans), attrs=g.attrs))
    out.sort(key=lambda m: m.spans[0])
    return out


def warm_up() -> None:
    """Load LAC, every lexicon and the division data now rather than on the first document."""
    from shuanglian.extract.entities import lexicon, places
    from shuanglian.extract.lac import get_lac

    get_lac()
    for loader in (lexicon.suffix_automaton, lexicon.org_gazetteer_automaton, lexicon.industry_automaton,
                   lexicon.blocked_automaton, lexicon.titles, lexicon.person_context, places.place_index):
        loader()
    places.normalise("北京市海淀区")  # prepares jionlp's location parser


class EntityStage:
    """Pipeline stage filling `doc.entities` (LAC called once per batch over sentence pieces)."""

    name = "entities"

    def __call__(self, doc: Document) -> Document:
        """Extract entities of one document."""
        return self.batch([doc])[0]

    def batch(self, docs: list[Document]) -> list[Document]:
        """Extract entities of several documents with one batched LAC call."""
        live = [d for d in docs if not d.error and d.text]
        for d, toks in zip(live, tag_many([d.text for d in live]), strict=True):
            d.entities = extract_entities(d.text, toks, d.excluded)
        return docs
