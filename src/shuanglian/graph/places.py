"""The place hierarchy as a table (place_parents): written by the place projector, read by region
filters (registers, chain maps, gaps) instead of loading every statement of every place entity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shuanglian.graph.aggregates import PARENT_PROPS, SEP, EntityAggregateRow
from shuanglian.graph.regions import RegionIndex
from shuanglian.graph.tables import Entity, PlaceParent, Statement

__all__ = ["PARENT_PROPS", "refresh_places", "stored_region_index"]
_CHUNK = 900


def _rows(session: Session, entity_ids: list[str]) -> list[dict[str, Any]]:
    """Rows of these canonical place entities: each name (display name, names, live names and
    aliases) times each distinct live parent value. Distinct values come from the entity's counters
    (graph.aggregates: `name` and `par` slots, moved by the delta of each changed source entity), so a
    hub place costs its handful of counter rows, never a scan of its members' statements."""
    names: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    T = EntityAggregateRow
    for i in range(0, len(entity_ids), _CHUNK):
        part = entity_ids[i : i + _CHUNK]
        for eid, name, more in session.execute(select(Entity.id, Entity.name, Entity.names).where(Entity.id.in_(part))):
            names[eid].add(name)
            names[eid].update(more or [])
        q = select(T.entity_id, T.slot, T.key).where(T.entity_id.in_(part), T.slot.in_(("name", "par")), T.n > 0)
        for eid, slot, key in session.execute(q):
            value = key if slot == "par" else key.split(SEP, 2)[2]
            if value:
                (parents if slot == "par" else names)[eid].add(value)
    return [
        {"entity_id": eid, "name": n[:512], "parent": p[:512]}
        for eid in sorted(parents)
        for n in sorted(names.get(eid, ()))
        for p in sorted(parents[eid])
    ]


def refresh_places(session: Session, entity_ids: Iterable[str] | None) -> int:
    """Recompute the rows of these canonical entities (None: all); entities that are no longer places
    (or gone) lose theirs. Returns rows written."""
    if entity_ids is None:
        session.execute(delete(PlaceParent))
        ids = list(session.scalars(select(Entity.id).where(Entity.kind == "place").order_by(Entity.id)))
    else:
        wanted = sorted(set(entity_ids))
        ids = []
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            session.execute(delete(PlaceParent).where(PlaceParent.entity_id.in_(part)))
            ids += session.scalars(select(Entity.id).where(Entity.id.in_(part), Entity.kind == "place"))
    rows = _rows(session, ids)
    for i in range(0, len(rows), 5000):
        session.execute(insert(PlaceParent), rows[i : i + 5000])
    return len(rows)


def stored_region_index(session: Session) -> RegionIndex | None:
    """The RegionIndex from place_parents, or None when the table was never filled although place
    entities exist (an older database until `shuanglian rebuild`)."""
    parents: dict[str, list[str]] = defaultdict(list)
    for name, parent in session.execute(select(PlaceParent.name, PlaceParent.parent)):
        parents[name].append(parent)
    if not parents and session.scalar(select(Entity.id).where(Entity.kind == "place").limit(1)) is not None:
        has_parent = select(Statement.id).where(Statement.prop.in_(PARENT_PROPS), Statement.kind == "place").limit(1)
        if session.scalar(has_parent) is not None:
            return None
    return RegionIndex(parents)
