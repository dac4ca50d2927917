"""Materialise canonical entities (entities, entity_members, entity_keys) from live statements and
stored judgements: `rebuild` recomputes everything, `update` only what some source entities touch."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from shuanglian.graph import aggregates, keyhits
from shuanglian.graph.keys import PLACE, NameKey, graph_config, name_keys, role_context
from shuanglian.graph.resolve import (
    Assignment,
    JudgementRule,
    Profile,
    ambiguous,
    kinds_compatible,
    level_rank,
    level_score,
    resolve,
    summarise_names,
)
from shuanglian.graph.summary import Aggregate, aware, entity_values
from shuanglian.graph.tables import (
    ALL_MOVED,
    Entity,
    EntityKey,
    EntityMember,
    Judgement,
    MemberMove,
    Statement,
    live_clause,
)

log = logging.getLogger(__name__)
CHUNK = 900  # IN-list size safe for SQLite's bound-parameter limit
# Past this many source entities an incremental update falls back to a full rebuild.
MAX_INCREMENTAL = 50_000


def chunked(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    """Split a list for IN queries."""
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _live_rows(
    session: Session, member_ids: Sequence[str] | None, props: Iterable[str] | None
) -> Iterator[Any]:
    cols = (
        Statement.entity_id, Statement.kind, Statement.prop, Statement.value, Statement.value_json,
        Statement.origin, Statement.document_id, Statement.target_id, Statement.created_at, Statement.id,
    )  # fmt: skip
    base = select(*cols).where(live_clause())
    if props is not None:
        base = base.where(Statement.prop.in_(list(props)))
    base = base.order_by(Statement.created_at, Statement.id)
    if member_ids is None:
        yield from session.execute(base)
        return
    for part in chunked(list(member_ids)):
        yield from session.execute(base.where(Statement.entity_id.in_(part)))


def load_profiles(session: Session, member_ids: Sequence[str] | None = None) -> dict[str, Profile]:
    """Profiles of source entities that have at least one live name (None = all)."""
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    first: dict[str, datetime] = {}
    ctx: dict[str, set[str]] = defaultdict(set)
    for r in _live_rows(session, member_ids, ("name", "alias", "role")):
        if r.prop == "role":
            ctx[r.entity_id] |= role_context(r.value, r.value_json)
            continue
        names[r.entity_id].append((0 if r.prop == "name" else 1, r.value))
        kinds[r.entity_id] = r.kind
        ts = aware(r.created_at)
        if r.entity_id not in first or ts < first[r.entity_id]:
            first[r.entity_id] = ts
    out: dict[str, Profile] = {}
    for mid, nl in names.items():
        if not any(p == 0 for p, _ in nl):
            continue  # only aliases left (names rejected): the source entity is withdrawn
        ordered = list(dict.fromkeys(n for _, n in sorted(nl, key=lambda x: x[0])))
        out[mid] = Profile(mid, kinds[mid], ordered, first[mid], frozenset(ctx.get(mid, ())))
    return out


def load_judgements(session: Session, member_ids: set[str] | None = None) -> list[JudgementRule]:
    """Active judgements (touching `member_ids`, or all)."""
    out = []
    for j in session.scalars(select(Judgement).where(Judgement.active.is_(True)).order_by(Judgement.id)):
        ids, others = tuple(j.entity_ids or ()), tuple(j.other_ids or ())
        if member_ids is None or member_ids & (set(ids) | set(others)):
            out.append(JudgementRule(j.id, j.action, ids, others))
    return out


def rebuild(session: Session) -> dict[str, int]:
    """Recompute every canonical entity from statements + judgements; return counts."""
    session.flush()
    session.info.pop(_PLACE_CHANGES, None)  # everything is recomputed
    session.execute(delete(EntityKey))
    session.execute(delete(EntityMember))
    session.execute(delete(Entity))
    profiles = load_profiles(session)
    assignment = resolve(list(profiles.values()), load_judgements(session))
    _write_members(session, profiles, assignment)
    session.execute(delete(MemberMove))
    session.execute(insert(MemberMove), [{"member_id": ALL_MOVED}])
    n = len({a.entity_id for a in assignment.values()})
    aggregates.rebuild(session)
    keyhits.rebuild(session)
    ids = sorted({a.entity_id for a in assignment.values()})
    for part in chunked(ids, 20_000):
        refresh_entities(session, set(part))
    return {"members": len(profiles), "entities": n}


def recreate_view_tables(session: Session) -> None:
    """Drop and recreate entities / entity_members / entity_keys from the declared tables (they are a
    view of statements + judgements, so nothing is lost): for databases made before a column was added."""
    conn = session.connection()
    for model in (keyhits.EntityKeyHit, EntityKey, EntityMember, Entity):
        model.__table__.drop(bind=conn, checkfirst=True)  # type: ignore[attr-defined]
    for model in (Entity, EntityMember, EntityKey, keyhits.EntityKeyHit):
        model.__table__.create(bind=conn)  # type: ignore[attr-defined]


def update(session: Session, member_ids: Iterable[str]) -> set[str] | None:
    """Re-resolve the source entities `member_ids` and everything they could merge with; returns the
    canonical ids written or deleted (None: it fell back to a full rebuild).

    New source entities that meet at most one existing entity through strong keys are attached
    directly (that entity's row is re-aggregated in SQL); everything else (changed entities, people,
    weak or conflicting keys, judgements) goes through full resolution of its connected scope."""
    session.flush()
    touched = set(member_ids)
    if not touched:
        return set()
    fresh = load_profiles(session, sorted(touched))
    before = keyhits.snapshot(session, touched)
    for part in chunked(sorted(touched)):
        session.execute(delete(EntityKey).where(EntityKey.member_id.in_(part)))
    _insert(session, EntityKey, _key_rows(fresh.values()))
    keyhits.apply(session, before, keyhits.snapshot(session, touched))  # the keys moved, members not yet
    known: set[str] = set()
    for part in chunked(sorted(touched)):
        known |= set(session.scalars(select(EntityMember.member_id).where(EntityMember.member_id.in_(part))))
    slow = known | (touched - set(fresh))
    changed = _attach_new(
        session, [fresh[m] for m in sorted(set(fresh) - known, key=lambda m: (fresh[m].first_seen, m))], slow
    )
    written: set[str] = set()
    moved: set[str] = set()
    if slow:
        got = _update_slow(session, slow)
        if got is None:
            return None
        written, moved = got
    # counters move with the source entities (graph.aggregates): the summary rows read counters only
    # (and the located_in holders of any that moved: their region counters name the new place)
    recounted = aggregates.sync(session, touched, moved)
    log_moves(session, touched | moved)
    refresh_entities(session, changed | written | recounted)
    return changed | written | recounted


def log_moves(session: Session, member_ids: Iterable[str]) -> None:
    """Add these source entities to the move log (MemberMove) unless already there."""
    ids = set(member_ids)
    for part in chunked(sorted(ids)):
        ids -= set(session.scalars(select(MemberMove.member_id).where(MemberMove.member_id.in_(part))))
    _insert(session, MemberMove, [{"member_id": m} for m in sorted(ids)])


def entities_of(session: Session, member_ids: Iterable[str]) -> set[str]:
    """Canonical ids holding these source entities (unresolved ones are left out)."""
    out: set[str] = set()
    for part in chunked(sorted(set(member_ids))):
        out |= set(session.scalars(select(EntityMember.entity_id).where(EntityMember.member_id.in_(part))))
    return out


def _constrained_entities(session: Session) -> set[str]:
    """Source entities named in any active judgement, and the entities holding them: these always
    take the slow path, so judgements are replayed."""
    ids: set[str] = set()
    for j in load_judgements(session):
        ids |= set(j.ids) | set(j.other_ids)
    out: set[str] = set(ids)
    for part in chunked(sorted(ids)):
        out |= set(session.scalars(select(EntityMember.entity_id).where(EntityMember.member_id.in_(part))))
    return out


def _attach_new(session: Session, profiles: list[Profile], slow: set[str]) -> set[str]:
    """Attach new source entities (oldest first) that provably resolve on their own or into exactly
    one existing entity via a strong key; add the others to `slow`. Returns the entities changed."""
    if not profiles:
        return set()
    constrained = _constrained_entities(session)
    # every key of every new source entity -> [(level, entity id)] already stored: one query per chunk
    # key -> {(level, qualifier, entity)}: an ordered set, since every member of a big entity repeats
    # the same hit and the attach loop grew with the database
    index: dict[str, dict[tuple[str, str, str], None]] = defaultdict(dict)
    # read from the key -> entity counters (graph.keyhits): one row per entity a key meets, never one per
    # member of a hub key (中国: >1,400 members)
    wanted = sorted({k.key for p in profiles for k in p.name_keys()})
    for key, level, qual, eid in keyhits.entities_by_key(session, wanted):
        index[key][(level, qual, eid)] = None
    # member kinds of every entity a key meets (counters too); nothing is written before the loop ends
    met = sorted({eid for hits in index.values() for _, _, eid in hits})
    kinds: dict[str, set[str]] = keyhits.member_kinds(session, met)
    threshold = float(graph_config()["resolution"]["auto_merge_threshold"])
    people = _PersonSummaries(session, {eid for p in profiles if p.kind == "person"
                                        for k in p.name_keys() for _, _, eid in index.get(k.key, ())})  # fmt: skip
    rows: list[dict[str, Any]] = []
    changed: set[str] = set()
    for p in profiles:
        mine = {k.key: k for k in p.name_keys()}
        if p.member_id in constrained or not mine:
            target = None
        elif p.kind == "person":
            target = _attach_person(p, mine, index, kinds, constrained, people, threshold)
        else:
            target = _attach_target(session, p, mine, index, kinds, constrained, threshold)
        if target is None:
            slow.add(p.member_id)
            continue
        eid, score, reason = target
        if p.kind == "person":
            people.add(eid, p)  # a later namesake in this batch sees it
        rows.append({"member_id": p.member_id, "entity_id": eid, "kind": p.kind, "name": p.names[0][:512],
                     "score": score, "reason": reason[:64], "first_seen": p.first_seen})  # fmt: skip
        for key, k in mine.items():
            index[key][(k.level, f"{k.place}\x1f{k.tail}", eid)] = None  # later ones in this batch see it
        kinds.setdefault(eid, set()).add(p.kind)
        changed.add(eid)
    _insert(session, EntityMember, rows)
    keyhits.apply(session, Counter(), keyhits.snapshot(session, [r["member_id"] for r in rows]))
    return changed


class _PersonSummaries:
    """What a new person's attachment needs of each existing person entity its name meets, from the
    entity counters (graph.aggregates), never from its members: the keys of its names, its members' role
    contexts, how many members have none, the latest time of its name statements (no member of it was
    seen later) and its anchor's (first_seen, id). Entities attached to in this batch are updated here."""

    def __init__(self, session: Session, entity_ids: set[str]) -> None:
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.contexts: dict[str, set[str]] = defaultdict(set)
        self.bare: dict[str, int] = defaultdict(int)
        self.last: dict[str, datetime] = {}
        self.anchor: dict[str, tuple[datetime, str]] = {}
        self.stored: set[str] = set()  # entities with a stored anchor (not made in this batch)
        T = aggregates.EntityAggregateRow
        for part in chunked(sorted(entity_ids)):
            q = select(T.entity_id, T.slot, T.key, T.n, T.last).where(
                T.entity_id.in_(part), T.slot.in_(("name", "ctx", "nctx"))
            )
            for eid, slot, key, n, last in session.execute(q):
                if n <= 0:
                    continue
                if slot == "name":
                    self.keys[eid].update(k.key for k in name_keys("person", key.split(aggregates.SEP, 2)[2]))
                    if last is not None and (eid not in self.last or aware(last) > self.last[eid]):
                        self.last[eid] = aware(last)
                elif slot == "ctx":
                    self.contexts[eid].add(key)
                else:
                    self.bare[eid] += int(n)
            q2 = select(EntityMember.member_id, EntityMember.first_seen).where(EntityMember.member_id.in_(part))
            for mid, first_seen in session.execute(q2):
                self.anchor[mid] = (aware(first_seen), mid)
                self.stored.add(mid)

    def add(self, eid: str, p: Profile) -> None:
        """`p` joined entity `eid` (or became it)."""
        self.keys[eid].update(k.key for k in p.name_keys())
        self.contexts[eid] |= p.context
        self.bare[eid] += 0 if p.context else 1
        self.anchor.setdefault(eid, (p.first_seen, p.member_id))


def _attach_person(
    p: Profile,
    mine: dict[str, NameKey],
    index: dict[str, dict[tuple[str, str, str], None]],
    kinds: dict[str, set[str]],
    constrained: set[str],
    people: _PersonSummaries,
    threshold: float,
) -> tuple[str, float, str] | None:
    """(entity id, score, reason) for one new person, or None when full resolution must decide: what
    resolve.resolve gives the person entities its name meets plus this newest member, without their members.

    Safe cases (tests/graph/test_resolve_hub.py checks them against resolve() on random sets): one name
    key, met by entities whose names all have that key alone (nothing else can be reached through them)
    and whose members are all people; then, with C the new member's role contexts:
      - no entity: it stands alone;
      - one entity E:
        - C empty: a two-character name joins nothing (its bare score is below the threshold); a longer one
          joins E (bare), as a contextless member adds no context that could keep others apart;
        - C shares a context with E: it joins E (every member with a context reaches it on the walk);
        - C disjoint from every context of E, and every member of E has a context: it joins nothing;
      - several entities, the new member seen after all their members (it is walked last) and no entity's
        contexts meeting another's (what could let it bridge two):
        - C empty and a two-character name: it joins nothing (the walk leaves contextless two-character
          members out);
        - C empty and a longer name: it joins the entity of the first member walked (the oldest anchor),
          where every contextless member is; the others all have contexts, none shared with that one;
        - C meets the contexts of exactly one entity E, no other entity has a contextless member (for a
          longer name) and none shares a context with E or C: it joins E;
        - C meets no entity's contexts and (for a longer name) no entity has a contextless member: it joins
          nothing.
    Anything else (E with contextless members and disjoint C, aliases, bridges) is resolved."""
    if len(mine) != 1:
        return None
    ((key, k),) = mine.items()
    if k.level != "person":
        return None
    hits = {eid for _, _, eid in index.get(key, ())}
    name = key.split("|", 1)[1]
    long_name = len(name) >= 3
    bare = level_score("person_bare_long" if long_name else "person_bare")
    ctx_score = level_score("person_context")
    if not hits:
        return p.member_id, 1.0, "anchor"
    if ctx_score < threshold:
        return None
    if any(e in constrained or kinds.get(e) != {"person"} or people.keys.get(e) != {key} for e in hits):
        return None
    if len(hits) > 1:
        return _attach_among(p, sorted(hits), people, name, long_name, bare, ctx_score, threshold)
    (eid,) = hits
    contexts, contextless = people.contexts.get(eid, set()), people.bare.get(eid, 0)
    if not p.context:
        return (eid, bare, f"person:{name}") if bare >= threshold else (p.member_id, 1.0, "anchor")
    if p.context & contexts:
        return eid, max(ctx_score, bare if contextless else 0.0), f"person:{name}"
    if contexts and not contextless:
        return p.member_id, 1.0, "anchor"
    return None


def _attach_among(
    p: Profile, hits: list[str], people: _PersonSummaries, name: str, long_name: bool, bare: float,
    ctx_score: float, threshold: float,
) -> tuple[str, float, str] | None:
    """_attach_person's cases of a new person whose one name key meets several person entities."""
    if long_name != (bare >= threshold):
        return None  # the cases below assume a longer name's bare score merges and a shorter one's does not
    if not p.context and not long_name:
        return p.member_id, 1.0, "anchor"  # left out of the walk: it joins nothing, changes nothing
    # walked last: every member of these entities was seen before it (a stored entity's name statements
    # are all older; members attached in this batch came first, in (first_seen, id) order)
    for e in hits:
        if e in people.stored and (e not in people.last or not people.last[e] < p.first_seen):
            return None
        if e not in people.anchor or not people.anchor[e] < (p.first_seen, p.member_id):
            return None
    ctx = {e: people.contexts.get(e, set()) for e in hits}
    # entities that take part in the walk: a two-character name's contextless members never do
    walked = [e for e in hits if ctx[e] or long_name]
    for i, a in enumerate(walked):
        for b in walked[i + 1 :]:
            if ctx[a] & ctx[b]:
                return None  # two entities with a shared context stayed apart: the walk's order decided it
    if not p.context:  # a longer name: the first member walked is the oldest anchor's entity
        if any(e not in people.anchor for e in hits):
            return None
        first = min(hits, key=lambda e: people.anchor[e])
        if any(people.bare.get(e, 0) or not ctx[e] for e in hits if e != first):
            return None
        return first, bare, f"person:{name}"
    met = [e for e in walked if p.context & ctx[e]]
    if long_name and any(people.bare.get(e, 0) or not ctx[e] for e in hits if e not in met):
        return None  # a contextless member met on the walk would take it in
    if not met:
        return p.member_id, 1.0, "anchor"
    if len(met) > 1:
        return None
    (eid,) = met
    return eid, max(ctx_score, bare if people.bare.get(eid, 0) else 0.0), f"person:{name}"


def _attach_target(
    session: Session,
    p: Profile,
    mine: dict[str, NameKey],
    index: dict[str, dict[tuple[str, str, str], None]],
    kinds: dict[str, set[str]],
    constrained: set[str],
    threshold: float,
) -> tuple[str, float, str] | None:
    """(entity id, score, reason) for one new source entity, or None when full resolution must decide.

    Safe cases: its strong keys meet at most one entity E; each weak key it shares with other entities
    is already ambiguous (conflicting place prefixes or trade words), so it can merge nothing there."""
    strong: set[str] = set()
    best: tuple[float, str] | None = None
    weak: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, k in mine.items():
        for level, qual, eid in index.get(key, ()):
            lvl = max(k.level, level, key=level_rank)
            if level_rank(lvl) < level_rank(PLACE):
                strong.add(eid)
                cand = (level_score(lvl), f"{lvl}:{key.split('|', 1)[1]}")
                # the same order-independent choice as resolve.explain: highest score, smallest reason
                if best is None or cand[0] > best[0] or (cand[0] == best[0] and cand[1] < best[1]):
                    best = cand
            else:
                weak[key].append((qual, eid))
    if len(strong) > 1:
        return None
    target = next(iter(strong), None)
    for key, hits in weak.items():
        others: dict[str, set[tuple[str, str]]] = defaultdict(set)
        own = {(mine[key].place, mine[key].tail)}
        for qual, eid in hits:
            place, _, tail = qual.partition("\x1f")
            (own if eid == target else others[eid]).add((place, tail))
        if others and (constrained & set(others) or not ambiguous([own, *others.values()])):
            return None
    if target is None:
        return p.member_id, 1.0, "anchor"
    if target in constrained or best is None or best[0] < threshold:
        return None
    if target not in kinds:
        kinds[target] = keyhits.member_kinds(session, [target]).get(target, set())
    if not all(kinds_compatible(p.kind, k) for k in kinds[target]):
        return None
    return target, best[0], best[1]


def refresh_entities(session: Session, entity_ids: set[str]) -> None:
    """Recompute the `entities` rows of these clusters from SQL aggregates (batched per IN-chunk: one
    query per entity made the ingest hook grow with every batch); a cluster without members loses its row."""
    if not entity_ids:
        return
    now = datetime.now(UTC)
    ordered = sorted(entity_ids)
    many, _ = aggregates.load(session, ordered)
    aggs = {eid: many.get(eid) or Aggregate(doc_count=0) for eid in ordered}
    fresh = {
        eid: summarise_names((v, p, o, n, t) for (v, p, o), (n, t) in a.names.items())[0]
        for eid, a in aggs.items()
    }
    # counters name located_in targets by canonical place (graph.aggregates `pin`)
    targets = _place_names(session, {t for a in aggs.values() for t in a.located}, fresh)
    counts: dict[str, tuple[int, float]] = {}
    for part in chunked(ordered):
        q = (
            select(EntityMember.entity_id, func.count(), func.min(EntityMember.score))
            .where(EntityMember.entity_id.in_(part)).group_by(EntityMember.entity_id)
        )  # fmt: skip
        for eid, n, score in session.execute(q):
            counts[eid] = (int(n), float(score))
    rows = []
    for eid, agg in aggs.items():
        if eid not in counts:
            continue  # no member left (merged away or withdrawn): the row goes
        n, score = counts[eid]
        rows.append(entity_values(eid, agg, n, score, targets, now))
    _note_renamed_places(session, set(ordered), {r["id"]: r["name"] for r in rows})
    for part in chunked(ordered):
        session.execute(delete(Entity).where(Entity.id.in_(part)))
    _insert(session, Entity, rows)
    session.expire_all()


_PLACE_CHANGES = "graph.place_changes"


def _place_changes(session: Session) -> tuple[set[str], set[str]]:
    """(place entities renamed or gone, source entities moved to another entity) since the last take."""
    got: tuple[set[str], set[str]] = session.info.setdefault(_PLACE_CHANGES, (set(), set()))
    return got


def _note_renamed_places(session: Session, ids: set[str], new_names: dict[str, str] | None = None) -> None:
    """Remember place entities among `ids` whose display name changes (or that go, when `new_names`
    does not list them / is None): entities located there show that name as their region."""
    renamed = _place_changes(session)[0]
    for part in chunked(sorted(ids)):
        for eid, name in session.execute(
            select(Entity.id, Entity.name).where(Entity.id.in_(part), Entity.kind == "place")
        ):
            if new_names is None or new_names.get(eid) != name:
                renamed.add(eid)


def region_dependents(session: Session) -> set[str]:
    """Entities whose region may be stale after place entities were renamed, merged away or re-split
    (those noted since the last call): region_id on a renamed place, or located_in a moved member."""
    renamed, moved = session.info.pop(_PLACE_CHANGES, (set(), set()))
    out: set[str] = set()
    for part in chunked(sorted(renamed)):
        out |= set(session.scalars(select(Entity.id).where(Entity.region_id.in_(part))))
    holders: set[str] = set()
    for part in chunked(sorted(moved)):
        q = select(Statement.entity_id).where(
            Statement.target_id.in_(part), Statement.prop == "located_in", live_clause()
        )
        holders |= set(session.scalars(q.distinct()))
    return out | entities_of(session, holders)


def _update_slow(session: Session, touched: set[str]) -> tuple[set[str], set[str]] | None:
    """Full resolution of everything connected to `touched` (or a rebuild when that is too much):
    (the canonical ids written or deleted, the source entities now in another entity); None after a
    full rebuild. Summary rows are left to the caller (refresh_entities after the counters moved)."""
    scope = _closure(session, touched)
    if scope is None:
        rebuild(session)
        return None
    old_rows: dict[str, tuple[Any, ...]] = {}
    cols = (EntityMember.member_id, EntityMember.entity_id, EntityMember.kind, EntityMember.name, EntityMember.score,
            EntityMember.reason, EntityMember.first_seen)  # fmt: skip
    for part in chunked(sorted(scope)):
        for r in session.execute(select(*cols).where(EntityMember.member_id.in_(part))):
            old_rows[r[0]] = (r[1], r[2], r[3], round(float(r[4]), 9), r[5], aware(r[6]))
    old_of = {m: r[0] for m, r in old_rows.items()}
    old_entities = set(old_of.values())
    profiles = load_profiles(session, sorted(scope))
    assignment = resolve(list(profiles.values()), load_judgements(session, scope))
    # Only member rows that differ are rewritten (a hub that gains one member keeps the others' rows);
    # keys depend on a member's names alone and were refreshed for the touched members by `update`.
    new_rows = {mid: _member_row(profiles[mid], a) for mid, a in assignment.items()}
    stale = sorted(m for m in scope if m not in new_rows or old_rows.get(m) != _row_tuple(new_rows[m]))
    before = keyhits.snapshot(session, stale)
    for part in chunked(stale):
        session.execute(delete(EntityMember).where(EntityMember.member_id.in_(part)))
    written = old_entities | {a.entity_id for a in assignment.values()}
    # a source entity now in another entity: what points at it (located_in) may name another region
    moved = {m for m, e in old_of.items() if m not in assignment or assignment[m].entity_id != e}
    _place_changes(session)[1].update(moved)
    _note_renamed_places(session, written)
    _insert(session, EntityMember, [new_rows[m] for m in stale if m in new_rows])
    keyhits.apply(session, before, keyhits.snapshot(session, stale))
    reassigned = {m for m in scope if old_of.get(m) != (assignment[m].entity_id if m in assignment else None)}
    return written, reassigned


def _closure(session: Session, touched: set[str]) -> set[str] | None:
    """Source entities that may end up with the touched ones: same entity now, a shared key, or a
    shared judgement (transitively). None when it grows past MAX_INCREMENTAL."""
    scope = set(touched)
    frontier = set(touched)
    judgements = load_judgements(session)
    while frontier:
        found: set[str] = set()
        part_list = sorted(frontier)
        for part in chunked(part_list):
            ents = select(EntityMember.entity_id).where(EntityMember.member_id.in_(part))
            found |= set(
                session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id.in_(ents)))
            )
            keys = select(EntityKey.key).where(EntityKey.member_id.in_(part))
            found |= set(session.scalars(select(EntityKey.member_id).where(EntityKey.key.in_(keys))))
        for j in judgements:
            ids = set(j.ids) | set(j.other_ids)
            if ids & frontier:
                found |= ids
        frontier = found - scope
        scope |= frontier
        if len(scope) > MAX_INCREMENTAL:
            return None
    return scope


def _key_rows(profiles: Iterable[Profile]) -> list[dict[str, Any]]:
    return [
        {
            "member_id": p.member_id,
            "key": k.key[:600],
            "level": k.level,
            "qual": f"{k.place}\x1f{k.tail}"[:200],
        }
        for p in profiles
        for k in p.name_keys()
    ]


def _insert(session: Session, table: Any, rows: list[dict[str, Any]], batch: int = 5000) -> None:
    """Bulk insert (core, executemany): the unit of work is far too slow for whole rebuilds."""
    for i in range(0, len(rows), batch):
        session.execute(insert(table), rows[i : i + batch])


def _member_row(p: Profile, a: Assignment) -> dict[str, Any]:
    return {"member_id": p.member_id, "entity_id": a.entity_id, "kind": p.kind, "name": p.names[0][:512],
            "score": a.score, "reason": a.reason[:64], "first_seen": p.first_seen}  # fmt: skip


def _row_tuple(r: dict[str, Any]) -> tuple[Any, ...]:
    return (
        r["entity_id"],
        r["kind"],
        r["name"],
        round(float(r["score"]), 9),
        r["reason"],
        aware(r["first_seen"]),
    )


def _write_members(session: Session, profiles: dict[str, Profile], assignment: dict[str, Assignment]) -> None:
    """Insert the members and keys of the given clusters."""
    _insert(session, EntityKey, _key_rows(profiles.values()))
    _insert(session, EntityMember, [_member_row(profiles[mid], a) for mid, a in assignment.items()])


def _place_names(session: Session, entity_ids: set[str], fresh: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Canonical place id -> (id, name) for those with a name (`fresh`: entities being written in this
    pass, else the stored row); a place without either is not a region."""
    out = {e: (e, fresh[e]) for e in entity_ids if e in fresh}
    for part in chunked(sorted(entity_ids - set(out))):
        for eid, name in session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(part))):
            out[eid] = (eid, name)
    return out
