"""Entity resolution: cluster source entities (one per document/import) into canonical entities.

Pure functions over `Profile`s and `JudgementRule`s (no database): views.py loads and stores.
Order of evidence: user judgements (latest wins) -> strong keys (exact, abbreviation, legal form,
place short form) -> place-prefix keys -> brand-core keys -> people (same name + shared context).
Weak keys merge only when unambiguous: 华强 stays apart when both 深圳华强 and 北京华强 exist."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shuanglian.graph.keys import CORE, PLACE, STRONG_LEVELS, NameKey, graph_config, name_keys
from shuanglian.graph.schema import get_schema


@dataclass
class Profile:
    """What resolution needs to know about one source entity."""

    member_id: str
    kind: str
    names: list[str]  # primary name(s) first, then aliases
    first_seen: datetime
    context: frozenset[str] = frozenset()  # people: normalised organisations and titles of their roles

    def name_keys(self) -> list[NameKey]:
        """Every key of every name (deduplicated, strongest level kept)."""
        out: dict[str, NameKey] = {}
        for n in self.names:
            for k in name_keys(self.kind, n):
                if k.key not in out or _rank(k.level) < _rank(out[k.key].level):
                    out[k.key] = k
        return list(out.values())


@dataclass(frozen=True)
class JudgementRule:
    """A stored judgement as resolution sees it."""

    id: int
    action: str  # merge | split | not_same
    ids: tuple[str, ...]
    other_ids: tuple[str, ...] = ()


@dataclass
class Assignment:
    """Where one source entity ended up."""

    entity_id: str
    score: float
    reason: str


_LEVEL_ORDER = [*STRONG_LEVELS, PLACE, CORE, "person"]


def level_rank(level: str) -> int:
    """Strength order of key levels (0 = strongest)."""
    return _rank(level)


_RANKS: dict[str, int] = {}
for _i, _lvl in enumerate(_LEVEL_ORDER):
    _RANKS.setdefault(_lvl, _i)


def _rank(level: str) -> int:
    # a dict probe: called millions of times while attaching at scale
    return _RANKS.get(level, len(_LEVEL_ORDER))


def level_score(level: str) -> float:
    """Configured score of a key level."""
    return float(graph_config()["resolution"]["scores"][level])


def kinds_compatible(a: str, b: str) -> bool:
    """May entities of kinds a and b be one entity? Same kind, a generic kind of the same group,
    or a configured compatible pair."""
    if a == b:
        return True
    res = graph_config()["resolution"]
    schema = get_schema()
    if schema.group(a) != schema.group(b):
        return False
    if a in res["generic_kinds"] or b in res["generic_kinds"]:
        return True
    return any({a, b} == set(pair) for pair in res["compatible_kinds"])


@dataclass
class _Cluster:
    kinds: set[str]
    labels: set[tuple[int, str]] = field(default_factory=set)  # (split judgement id, side)
    context: set[str] = field(default_factory=set)


class _UnionFind:
    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.parent = {p.member_id: p.member_id for p in profiles}
        self.data = {p.member_id: _Cluster({p.kind}, set(), set(p.context)) for p in profiles}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def can_join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        da, db = self.data[ra], self.data[rb]
        if not all(kinds_compatible(x, y) for x in da.kinds for y in db.kinds):
            return False
        # a split/not_same judgement puts its two sides in different entities for good
        return not any((j, "B" if side == "A" else "A") in db.labels for j, side in da.labels)

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        self.parent[rb] = ra
        da, db = self.data[ra], self.data.pop(rb)
        da.kinds |= db.kinds
        da.labels |= db.labels
        da.context |= db.context
        return ra


def _effective_judgements(rules: Sequence[JudgementRule]) -> list[JudgementRule]:
    """Replay in order; a later judgement that contradicts an earlier one cancels it."""
    kept: list[JudgementRule] = []
    for r in sorted(rules, key=lambda j: j.id):
        new_kept = []
        for old in kept:
            if _contradicts(r, old) or _contradicts(old, r):
                continue
            new_kept.append(old)
        kept = [*new_kept, r]
    return kept


def _contradicts(a: JudgementRule, b: JudgementRule) -> bool:
    if a.action == "merge" and b.action in ("split", "not_same"):
        s = set(a.ids)
        return bool(s & set(b.ids)) and bool(s & set(b.other_ids))
    return False


def resolve(profiles: Sequence[Profile], judgements: Iterable[JudgementRule] = ()) -> dict[str, Assignment]:
    """Cluster source entities; return member id -> canonical entity id (the anchor: earliest seen
    member), merge score and reason."""
    threshold = float(graph_config()["resolution"]["auto_merge_threshold"])
    by_id = {p.member_id: p for p in profiles}
    uf = _UnionFind(profiles)
    why: dict[str, tuple[float, str]] = {}

    def join(a: str, b: str, score: float, reason: str, force: bool = False) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or not (force or uf.can_join(a, b)):
            return False
        # each member keeps the strongest link that tied it in (what the UI shows as "why")
        for m in (a, b):
            if m not in why or why[m][0] < score:
                why[m] = (score, reason)
        uf.union(a, b)
        return True

    rules = _effective_judgements(list(judgements))
    for r in rules:
        if r.action in ("split", "not_same"):
            for m in r.ids:
                if m in by_id:
                    uf.data[uf.find(m)].labels.add((r.id, "A"))
            for m in r.other_ids:
                if m in by_id:
                    uf.data[uf.find(m)].labels.add((r.id, "B"))
    for r in rules:
        together = [m for m in r.ids if m in by_id] if r.action in ("merge", "split") else []
        for m in together[1:]:
            join(together[0], m, 1.0, f"judgement:{r.action}#{r.id}", force=r.action == "merge")

    groups: dict[str, list[tuple[str, NameKey]]] = defaultdict(list)
    for p in profiles:
        for k in p.name_keys():
            groups[k.key].append((p.member_id, k))

    # Strong keys: every pair sharing one is the same entity (score = the weaker side's level).
    strong = []
    for key, members in groups.items():
        if len(members) < 2:
            continue
        members = sorted(members, key=lambda mk: (_rank(mk[1].level), mk[0]))
        for mid, k in members[1:]:
            lvl = max(members[0][1].level, k.level, key=_rank)
            if _rank(lvl) < _rank(PLACE):
                strong.append((level_score(lvl), key, members[0][0], mid, lvl))
    for score, key, a, b, lvl in sorted(strong, key=lambda e: (-e[0], e[1], e[2], e[3])):
        if score >= threshold:
            join(a, b, score, f"{lvl}:{key.split('|', 1)[1]}")

    # Weak keys, unambiguous groups only.
    for level in (PLACE, CORE):
        score = level_score(level)
        if score < threshold:
            continue
        for key in sorted(groups):
            members = groups[key]
            if len(members) < 2 or not any(k.level == level for _, k in members):
                continue
            if max((k for _, k in members), key=lambda k: _rank(k.level)).level != level:
                continue
            quals: dict[str, set[tuple[str, str]]] = defaultdict(set)
            for mid, k in members:
                quals[uf.find(mid)].add((k.place, k.tail))
            roots = sorted(quals)
            if len(roots) < 2 or ambiguous([quals[r] for r in roots]):
                continue
            for root in roots[1:]:
                join(roots[0], root, score, f"{level}:{key.split('|', 1)[1]}")

    # People: same name, and a shared organisation or title unless configured otherwise.
    person_ctx = level_score("person_context")
    person_bare = level_score("person_bare")
    # three-character full names are far rarer than two-character ones: alone they are weak evidence
    person_bare_long = level_score("person_bare_long")
    for key in sorted(groups):
        if not key.startswith("person|"):
            continue
        mids = sorted({m for m, _ in groups[key]}, key=lambda m: (by_id[m].first_seen, m))
        bare = person_bare_long if len(key) - len("person|") >= 3 else person_bare
        if bare < threshold:
            # a pair with a side without roles scores `bare`: a cluster without contexts joins nothing
            # here (and gains none, since it joins nothing), so only clusters with contexts take part
            mids = [m for m in mids if uf.data[uf.find(m)].context]
        # A walk over the later members that joined nothing leaves its cluster "settled" at the current
        # number of joins: a later member of the same cluster, with no join since, would only meet the
        # same clusters in the same states (a subset of the pairs) and join nothing either. So a hub
        # person's members are not walked pair by pair (that was quadratic in the hub's members).
        joins = 0
        settled: dict[str, int] = {}
        for i, a in enumerate(mids):
            if settled.get(uf.find(a)) == joins:
                continue
            before = joins
            for b in mids[i + 1 :]:
                ra, rb = uf.find(a), uf.find(b)
                if ra == rb:
                    continue  # already one cluster: `join` would do nothing (skips intersecting a hub's contexts)
                ca, cb = uf.data[ra].context, uf.data[rb].context
                # both have roles: they must share one; otherwise nothing confirms the match
                s = (person_ctx if ca & cb else 0.0) if ca and cb else bare
                if s >= threshold and join(a, b, s, f"person:{key.split('|', 1)[1]}"):
                    joins += 1
            if joins == before:
                settled[uf.find(a)] = joins

    members_of: dict[str, list[str]] = defaultdict(list)
    for mid in by_id:
        members_of[uf.find(mid)].append(mid)
    judged = {m: r for r in reversed(rules) if r.action in ("merge", "split") for m in r.ids}
    out: dict[str, Assignment] = {}
    for mids in members_of.values():
        ordered = sorted(mids, key=lambda m: (by_id[m].first_seen, m))
        anchor = ordered[0]
        out[anchor] = Assignment(anchor, 1.0, "anchor")
        seen = _SeenKeys()
        seen.add(by_id[anchor])
        earlier = {anchor}
        for m in ordered[1:]:
            score, reason = explain(by_id[m], seen, judged, earlier)
            out[m] = Assignment(anchor, score, reason)
            seen.add(by_id[m])
            earlier.add(m)
    return out


class _SeenKeys:
    """What the earlier members of a cluster offer a later one: per key its strongest level; per
    person key whether some earlier member had no role context, and the union of their contexts.
    Constant work per key, so hub entities with thousands of members stay linear."""

    def __init__(self) -> None:
        self.level: dict[str, str] = {}
        self.bare: dict[str, bool] = {}
        self.contexts: dict[str, set[str]] = {}

    def add(self, p: Profile) -> None:
        for k in p.name_keys():
            if k.key not in self.level or _rank(k.level) < _rank(self.level[k.key]):
                self.level[k.key] = k.level
            if k.level == "person":
                if not p.context:
                    self.bare[k.key] = True
                else:
                    self.contexts.setdefault(k.key, set()).update(p.context)


def explain(p: Profile, seen: _SeenKeys, judged: dict[str, JudgementRule], earlier: set[str]) -> tuple[float, str]:
    """Why a member belongs to its entity, independent of the order clusters were joined in: a user
    judgement naming it and an earlier member, else the strongest key it shares with an earlier member
    (highest score, then the smallest reason), else (1.0, "cluster") when only later members tie it in.
    Incremental attachment and full resolution both give this answer."""
    rule = judged.get(p.member_id)
    if rule is not None and earlier & set(rule.ids):
        return 1.0, f"judgement:{rule.action}#{rule.id}"
    best: tuple[float, str] | None = None
    for k in p.name_keys():
        other = seen.level.get(k.key)
        if other is None:
            continue
        if k.level == "person":
            bare = level_score("person_bare_long" if len(k.key) - len("person|") >= 3 else "person_bare")
            scores = []
            if not p.context or seen.bare.get(k.key):
                scores.append(bare)  # one side without roles: nothing confirms or contradicts
            if p.context and seen.contexts.get(k.key):
                scores.append(level_score("person_context") if p.context & seen.contexts[k.key] else 0.0)
            cand = (max(scores), f"person:{k.key.split('|', 1)[1]}")
        else:
            lvl = max(k.level, other, key=_rank)
            cand = (level_score(lvl), f"{lvl}:{k.key.split('|', 1)[1]}")
        if best is None or cand[0] > best[0] or (cand[0] == best[0] and cand[1] < best[1]):
            best = cand
    return best if best is not None else (1.0, "cluster")


def _compatible_qual(a: tuple[str, str], b: tuple[str, str]) -> bool:
    (pa, ta), (pb, tb) = a, b
    if pa and pb and pa != pb:
        return False
    return not (ta and tb and ta not in tb and tb not in ta)


def ambiguous(qual_sets: list[set[tuple[str, str]]]) -> bool:
    """True when two clusters under one weak key carry incompatible qualifiers (深圳 vs 北京 prefix,
    技术 vs 终端 tail): the short form could be either, so nothing merges on this key."""
    for i, qa in enumerate(qual_sets):
        for qb in qual_sets[i + 1 :]:
            if not any(_compatible_qual(x, y) for x in qa for y in qb):
                return True
    return False


def summarise_names(names: Iterable[tuple[str, str, str, int, datetime]]) -> tuple[str, list[str]]:
    """Choose the display name from aggregated (name, prop, origin, count, last seen): the latest
    manual/import name, else the longest primary name (full legal names win over short forms, the
    simplified spelling over a traditional repost); plus every distinct name (one spelling each)."""
    from shuanglian.graph.ids import normalise_name, to_simplified
    from shuanglian.graph.keys import abbreviation_table

    items = sorted(names, key=lambda x: (x[0], x[1], x[2]))
    spelling: dict[str, tuple[bool, int, str]] = {}
    for n, _, _, count, _ in items:
        cand = (n == to_simplified(n), count, n)
        k = normalise_name(n)
        # prefer simplified, then most cited, then the smallest string: deterministic on every path
        if k not in spelling or (cand[0], cand[1], _neg(cand[2])) > (spelling[k][0], spelling[k][1], _neg(spelling[k][2])):
            spelling[k] = cand
    all_names = sorted((v[2] for v in spelling.values()), key=lambda n: (-len(n), n))
    manual = [(last, n) for n, p, o, _, last in items if p == "name" and o in ("manual", "import")]
    if manual:
        return max(manual)[1], all_names
    counts: dict[str, int] = defaultdict(int)
    for n, p, _, c, _ in items:
        if p == "name":
            counts[n] += c
    primary = list(counts) or [n for n, *_ in items]
    if not primary:
        return "", all_names
    best = max(primary, key=lambda n: (len(normalise_name(n)), n == to_simplified(n), counts[n], _neg(n)))
    full = abbreviation_table().get(normalise_name(best))
    if full and len(full) > len(best):
        best = full  # only an abbreviation was seen (中科院): show the gazetteer's full name
    return best, all_names


def _neg(s: str) -> tuple[int, ...]:
    """Sort key that orders strings in reverse (so max() picks the smallest string)."""
    return tuple(-ord(c) for c in s)


def choose_kind(kind_weights: dict[str, float], override: str | None = None) -> str:
    """Pick the entity kind: a user's override, else the heaviest specific kind over generic ones."""
    if override:
        return override
    generic = set(graph_config()["resolution"]["generic_kinds"])
    specific = {k: w for k, w in kind_weights.items() if k not in generic}
    pool: dict[str, Any] = specific or kind_weights
    return str(max(sorted(pool), key=lambda k: pool[k]))
