"""Materialise canonical entities (entities, entity_members, entity_keys) from live statements and
stored judgements: `rebuild` recomputes everything, `update` only what some source entities touch."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.keys import strip_legal
from shuanglian.graph.resolve import Assignment, JudgementRule, Profile, choose_kind, resolve, summarise_names
from shuanglian.graph.tables import LIVE_STATUSES, Entity, EntityKey, EntityMember, Judgement, Statement

log = logging.getLogger(__name__)
CHUNK = 900  # IN-list size safe for SQLite's bound-parameter limit
# Past this many source entities an incremental update falls back to a full rebuild.
MAX_INCREMENTAL = 50_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def chunked(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    """Split a list for IN queries."""
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _aware(ts: datetime | None) -> datetime:
    if ts is None:
        return _EPOCH
    return ts if ts.tzinfo else ts.replace(tzinfo=UTC)  # SQLite returns naive datetimes


def _live_rows(session: Session, member_ids: Sequence[str] | None, props: Iterable[str] | None) -> Iterator[Any]:
    cols = (
        Statement.entity_id, Statement.kind, Statement.prop, Statement.value, Statement.value_json,
        Statement.origin, Statement.document_id, Statement.target_id, Statement.created_at, Statement.id,
    )  # fmt: skip
    base = select(*cols).where(Statement.status.in_(LIVE_STATUSES))
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
            ctx[r.entity_id] |= _role_context(r.value, r.value_json)
            continue
        names[r.entity_id].append((0 if r.prop == "name" else 1, r.value))
        kinds[r.entity_id] = r.kind
        ts = _aware(r.created_at)
        if r.entity_id not in first or ts < first[r.entity_id]:
            first[r.entity_id] = ts
    out: dict[str, Profile] = {}
    for mid, nl in names.items():
        if not any(p == 0 for p, _ in nl):
            continue  # only aliases left (names rejected): the source entity is withdrawn
        ordered = list(dict.fromkeys(n for _, n in sorted(nl, key=lambda x: x[0])))
        out[mid] = Profile(mid, kinds[mid], ordered, first[mid], frozenset(ctx.get(mid, ())))
    return out


def _role_context(title: str, value: Any) -> set[str]:
    """What identifies a person's role: the organisation (legal form dropped), else title@place."""
    role = value if isinstance(value, dict) else {}
    org = str(role.get("org") or "")
    if org:
        return {"org:" + strip_legal(normalise_name(org))}
    t = str(role.get("title") or title or "")
    place = str(role.get("place") or "")
    return {f"title:{normalise_name(t)}@{normalise_name(place)}"} if t else set()


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
    session.execute(delete(EntityKey))
    session.execute(delete(EntityMember))
    session.execute(delete(Entity))
    profiles = load_profiles(session)
    assignment = resolve(list(profiles.values()), load_judgements(session))
    n = _write(session, profiles, assignment)
    return {"members": len(profiles), "entities": n}


def update(session: Session, member_ids: Iterable[str]) -> dict[str, int]:
    """Re-resolve the source entities `member_ids` and everything they could merge with."""
    session.flush()
    touched = set(member_ids)
    if not touched:
        return {"members": 0, "entities": 0}
    fresh = load_profiles(session, sorted(touched))
    for part in chunked(sorted(touched)):
        session.execute(delete(EntityKey).where(EntityKey.member_id.in_(part)))
    _insert(session, EntityKey, _key_rows(fresh.values()))
    scope = _closure(session, touched)
    if scope is None:
        return rebuild(session)
    old_entities: set[str] = set()
    for part in chunked(sorted(scope)):
        old_entities |= set(session.scalars(select(EntityMember.entity_id).where(EntityMember.member_id.in_(part))))
    profiles = load_profiles(session, sorted(scope))
    assignment = resolve(list(profiles.values()), load_judgements(session, scope))
    for part in chunked(sorted(scope)):
        session.execute(delete(EntityMember).where(EntityMember.member_id.in_(part)))
        session.execute(delete(EntityKey).where(EntityKey.member_id.in_(part)))
    for part in chunked(sorted(old_entities | {a.entity_id for a in assignment.values()})):
        session.execute(delete(Entity).where(Entity.id.in_(part)))
    n = _write(session, profiles, assignment)
    return {"members": len(profiles), "entities": n}


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
            found |= set(session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id.in_(ents))))
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
    return [{"member_id": p.member_id, "key": k.key[:600], "level": k.level} for p in profiles for k in p.name_keys()]


def _insert(session: Session, table: Any, rows: list[dict[str, Any]], batch: int = 5000) -> None:
    """Bulk insert (core, executemany): the unit of work is far too slow for whole rebuilds."""
    for i in range(0, len(rows), batch):
        session.execute(insert(table), rows[i : i + batch])


def _write(session: Session, profiles: dict[str, Profile], assignment: dict[str, Assignment]) -> int:
    """Insert members, keys and summarised entities for the given clusters."""
    clusters: dict[str, list[str]] = defaultdict(list)
    for mid, a in assignment.items():
        clusters[a.entity_id].append(mid)
    stats = _member_stats(session, sorted(profiles))
    now = datetime.now(UTC)
    _insert(session, EntityKey, _key_rows(profiles.values()))
    _insert(session, EntityMember, [
        {"member_id": mid, "entity_id": a.entity_id, "kind": profiles[mid].kind, "name": profiles[mid].names[0][:512],
         "score": a.score, "reason": a.reason[:64], "first_seen": profiles[mid].first_seen}
        for mid, a in assignment.items()
    ])  # fmt: skip
    summaries: dict[str, dict[str, Any]] = {}
    for eid, mids in clusters.items():
        summaries[eid] = _summarise(mids, profiles, stats, assignment)
    # Region: the canonical name of the place the entity is located in (a place it points at).
    target_names = _canonical_names(session, {t for s in summaries.values() for t in s["located_in"]}, summaries)
    rows = []
    for eid, s in summaries.items():
        region_id = next((t for t in s["located_in"] if t in target_names), None)
        region = target_names[region_id][1] if region_id else s["place"]
        if region is None and s["kind"] == "place":
            region = s["name"]
        rows.append({
            "id": eid, "kind": s["kind"], "name": s["name"][:512], "name_key": normalise_name(s["name"])[:512],
            "names": s["names"], "search_text": "|" + "|".join(normalise_name(n) for n in s["names"]) + "|",
            "region": (region or None) and str(region)[:128],
            "region_id": target_names[region_id][0] if region_id else None,
            "statement_count": s["statements"], "document_count": s["documents"], "member_count": s["members"],
            "score": s["score"], "updated_at": now,
        })  # fmt: skip
    _insert(session, Entity, rows)
    # rows changed behind the ORM's back: reload anything a caller still holds
    session.expire_all()
    return len(clusters)


def _member_stats(session: Session, member_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"statements": 0, "docs": set(), "names": [], "located_in": [], "place": [], "kind": None}
    )
    for r in _live_rows(session, member_ids, None):
        st = stats[r.entity_id]
        st["statements"] += 1
        if r.document_id:
            st["docs"].add(r.document_id)
        if r.prop in ("name", "alias"):
            st["names"].append((r.value, r.prop, r.origin))
        elif r.prop == "located_in" and r.target_id:
            st["located_in"].append(r.target_id)
        elif r.prop == "place":
            st["place"].append(r.value)
        elif r.prop == "kind" and r.origin in ("manual", "import"):
            st["kind"] = r.value  # latest user statement wins (rows come in time order)
    return stats


def _summarise(
    mids: list[str], profiles: dict[str, Profile], stats: dict[str, dict[str, Any]], assignment: dict[str, Assignment]
) -> dict[str, Any]:
    weights: Counter[str] = Counter()
    names: list[tuple[str, str, str]] = []
    docs: set[str] = set()
    located: Counter[str] = Counter()
    places: Counter[str] = Counter()
    override = None
    n = 0
    for m in sorted(mids, key=lambda m: (profiles[m].first_seen, m)):
        st = stats[m]
        weights[profiles[m].kind] += max(1, st["statements"])
        names += st["names"]
        docs |= st["docs"]
        located.update(st["located_in"])
        places.update(st["place"])
        override = st["kind"] or override
        n += st["statements"]
    name, all_names = summarise_names(names or [(profiles[mids[0]].names[0], "name", "document")])
    return {
        "kind": choose_kind(dict(weights), override),
        "name": name,
        "names": all_names[:50],
        "statements": n,
        "documents": len(docs),
        "members": len(mids),
        "score": min(assignment[m].score for m in mids),
        "located_in": [t for t, _ in located.most_common()],
        "place": places.most_common(1)[0][0] if places else None,
    }


def _canonical_names(
    session: Session, member_ids: set[str], fresh: dict[str, dict[str, Any]]
) -> dict[str, tuple[str, str]]:
    """Source entity id -> (canonical id, canonical name) for place targets."""
    out: dict[str, tuple[str, str]] = {}
    for part in chunked(sorted(member_ids)):
        rows = session.execute(
            select(EntityMember.member_id, EntityMember.entity_id).where(EntityMember.member_id.in_(part))
        ).all()
        stored = sorted({e for _, e in rows if e not in fresh})
        names = {i: n for i, n in session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(stored)))}
        for mid, canon in rows:
            if canon in fresh:
                out[mid] = (canon, fresh[canon]["name"])
            elif canon in names:
                out[mid] = (canon, names[canon])
    return out
