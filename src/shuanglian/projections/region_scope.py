"""Region containment (graph.region_scope: region_scope) for region-filtered registers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.region_scope import missing_values, refresh_scope, values_through
from shuanglian.graph.tables import Entity
from shuanglian.projections.base import Changes
from shuanglian.registers.tables import RegisterEntry

_CHUNK = 900


def region_values(session: Session, entity_ids: Iterable[str] | None) -> set[str]:
    """Region values of these canonical entities (None: of all), on the entity and on its register rows
    (an imported row or a policy's issuer may carry a region the entity itself does not)."""
    out: set[str] = set()
    cols = (Entity.region, Entity.id), (RegisterEntry.region, RegisterEntry.entity_id)
    if entity_ids is None:
        for col, _ in cols:
            out.update(v for v in session.scalars(select(col).where(col.is_not(None)).distinct()) if v)
        return out
    ids = sorted(set(entity_ids))
    for i in range(0, len(ids), _CHUNK):
        for col, key in cols:
            q = select(col).where(key.in_(ids[i : i + _CHUNK]), col.is_not(None)).distinct()
            out.update(v for v in session.scalars(q) if v)
    return out


class RegionScopeProjector:
    """Rows for every entity and register-row region value, kept O(changed): values seen for the first
    time get rows, and when a place's parents change, the values whose containment ran through that
    place are recomputed. Runs after the register index, whose rows it reads."""

    name = "region_scope"

    def rebuild(self, session: Session) -> None:
        """Refill the table from every region value."""
        refresh_scope(session, region_values(session, None), replace_all=True)

    def update(self, session: Session, changed: Changes) -> Changes:
        """New region values get rows; values whose containment went through a moved place are recomputed."""
        todo: set[str] = set()
        if changed.hierarchy:
            todo |= values_through(session, changed.hierarchy)
        if changed.entities or changed.summarised:
            todo |= set(missing_values(session, region_values(session, changed.entities | changed.summarised)))
        if todo:
            refresh_scope(session, todo)
        return changed
