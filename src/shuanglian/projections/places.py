"""The place hierarchy (graph.places: place_parents) for region filters."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.places import refresh_places
from shuanglian.graph.regions import region_key
from shuanglian.graph.tables import PlaceParent
from shuanglian.projections.base import Changes


class PlaceHierarchy:
    """Rows of the canonical entities written or deleted (only places have rows)."""

    name = "place_hierarchy"

    def rebuild(self, session: Session) -> None:
        """Refill the whole table."""
        refresh_places(session, None)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recompute the rows of changed canonical entities; note the names whose rows differ."""
        if changed.entities:
            before = _rows_of(session, changed.entities)
            refresh_places(session, changed.entities)
            moved = _rows_of(session, changed.entities) ^ before
            changed.hierarchy.update(region_key(name) for _, name, _ in moved)
        return changed


def _rows_of(session: Session, entity_ids: set[str]) -> set[tuple[str, str, str]]:
    """The place_parents rows of these entities (a hub place has a handful: its names times its parents)."""
    ids = sorted(entity_ids)
    out: set[tuple[str, str, str]] = set()
    for i in range(0, len(ids), 900):
        q = select(PlaceParent.entity_id, PlaceParent.name, PlaceParent.parent).where(PlaceParent.entity_id.in_(ids[i : i + 900]))
        out.update((a, b, c) for a, b, c in session.execute(q))
    return out
