"""The place hierarchy (graph.places: place_parents) for region filters."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shuanglian.graph.places import refresh_places
from shuanglian.projections.base import Changes


class PlaceHierarchy:
    """Rows of the canonical entities written or deleted (only places have rows)."""

    name = "place_hierarchy"

    def rebuild(self, session: Session) -> None:
        """Refill the whole table."""
        refresh_places(session, None)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recompute the rows of changed canonical entities."""
        if changed.entities:
            refresh_places(session, changed.entities)
        return changed
