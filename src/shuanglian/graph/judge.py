"""User judgements on entity identity: merge, split, not_same. Stored, audited and replayed on
every rebuild, so they survive re-ingest (they name deterministic source-entity ids)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.errors import ErrorCode
from shuanglian.graph import views
from shuanglian.graph.audit import record
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.review import GraphError
from shuanglian.graph.tables import Entity, EntityMember, Judgement, Statement


def canonical_id(session: Session, any_id: str) -> str:
    """Canonical entity id for a canonical or source entity id (old ids keep working after merges)."""
    if session.get(Entity, any_id) is not None:
        return any_id
    eid = session.scalar(select(EntityMember.entity_id).where(EntityMember.member_id == any_id))
    if eid is None:
        raise GraphError(f"no entity {any_id!r}", ErrorCode.NOT_FOUND)
    return eid


def members_of(session: Session, entity_id: str) -> list[str]:
    """Source entity ids of a canonical entity."""
    return list(session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id == entity_id)))


def entity_brief(session: Session, entity_id: str) -> dict[str, Any] | None:
    """id, kind, name, names and members of a canonical entity (for audit entries and replies)."""
    e = session.get(Entity, entity_id)
    if e is None:
        return None
    return {"id": e.id, "kind": e.kind, "name": e.name, "names": e.names, "members": sorted(members_of(session, e.id))}


def _judgement_dict(j: Judgement) -> dict[str, Any]:
    return {"id": j.id, "action": j.action, "entity_ids": j.entity_ids, "other_ids": j.other_ids, "user": j.user}


Settle = Callable[[Session], Any]


def _resolve_only(session: Session) -> None:
    """Default settle: re-resolve what the change log names (services pass projections.apply_changes)."""
    from shuanglian.store import changes

    members: set[str] = set()
    for ids in changes.drain(session).get("judgements", ()):
        members.update(ids)
    views.update(session, members)


def merge_entities(
    session: Session, ids: list[str], user: str, note: str | None = None, settle: Settle = _resolve_only
) -> dict[str, Any]:
    """Merge two or more entities into one (stored judgement, audited); returns the merged entity.
    `settle` brings derived state up to date before the reply is read."""
    canon = list(dict.fromkeys(canonical_id(session, i) for i in ids))
    if len(canon) < 2:
        raise GraphError(f"merge needs at least two different entities, got {ids}")
    before = [entity_brief(session, c) for c in canon]
    j = Judgement(action="merge", entity_ids=canon, other_ids=[], user=user, note=note)
    session.add(j)
    session.flush()
    settle(session)
    merged = canonical_id(session, canon[0])
    after = entity_brief(session, merged)
    record(session, user, "merge", "entity", merged, before, {"judgement": _judgement_dict(j), "entity": after})
    return after or {}


def split_entity(
    session: Session,
    entity_id: str,
    user: str,
    names: list[str] | None = None,
    statement_ids: list[str] | None = None,
    note: str | None = None,
    settle: Settle = _resolve_only,
) -> dict[str, Any]:
    """Split off the source entities that carry `names` (or own `statement_ids`) into their own entity,
    kept apart from the rest on every rebuild (audited); returns both resulting entities."""
    eid = canonical_id(session, entity_id)
    members = members_of(session, eid)
    group: set[str] = set()
    if names:
        wanted = {normalise_name(n) for n in names}
        profiles = views.load_profiles(session, members)
        group |= {m for m, p in profiles.items() if wanted & {normalise_name(n) for n in p.names}}
    if statement_ids:
        owners = set(session.scalars(select(Statement.entity_id).where(Statement.id.in_(statement_ids))))
        group |= owners & set(members)
    rest = sorted(set(members) - group)
    if not group:
        raise GraphError(f"entity {eid}: no member carries {names or statement_ids}")
    if not rest:
        raise GraphError(f"entity {eid}: splitting off every member leaves nothing to split from")
    before = entity_brief(session, eid)
    j = Judgement(action="split", entity_ids=sorted(group), other_ids=rest, user=user, note=note)
    session.add(j)
    session.flush()
    settle(session)
    a, b = canonical_id(session, sorted(group)[0]), canonical_id(session, rest[0])
    after = {"judgement": _judgement_dict(j), "entities": [entity_brief(session, a), entity_brief(session, b)]}
    record(session, user, "split", "entity", eid, before, after)
    return {"split_off": entity_brief(session, a), "rest": entity_brief(session, b)}


def not_same(
    session: Session, a: str, b: str, user: str, note: str | None = None, settle: Settle = _resolve_only
) -> dict[str, Any]:
    """Record that two currently separate entities must never be merged automatically (audited)."""
    ca, cb = canonical_id(session, a), canonical_id(session, b)
    if ca == cb:
        raise GraphError(f"{a} and {b} are one entity now; split it instead")
    ma, mb = members_of(session, ca), members_of(session, cb)
    j = Judgement(action="not_same", entity_ids=sorted(ma), other_ids=sorted(mb), user=user, note=note)
    session.add(j)
    session.flush()
    settle(session)
    record(session, user, "not_same", "entity", ca, None, _judgement_dict(j))
    return _judgement_dict(j)


def list_judgements(session: Session, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stored judgements, newest first."""
    q = select(Judgement).order_by(Judgement.id.desc()).limit(max(1, min(limit, 500))).offset(max(0, offset))
    return [_judgement_dict(j) for j in session.scalars(q)]
