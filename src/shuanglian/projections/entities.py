"""Canonical entities: resolution (which source entities are one entity) and summaries (the
`entities` rows: name, kind, counts, region). Two projectors so chain placement can run between them:
placement reads the clusters and writes statements that the summaries count."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import aggregates, views
from shuanglian.graph.tables import Entity
from shuanglian.projections.base import Changes


class Resolution:
    """entity_members / entity_keys (and the rows of the clusters it re-resolves)."""

    name = "resolution"

    def rebuild(self, session: Session) -> None:
        """Re-resolve every source entity (judgements replayed)."""
        views.rebuild(session)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Re-resolve the source entities whose names, aliases or roles changed (and their scope)."""
        if not changed.members:
            return changed
        written = views.update(session, changed.members)
        if written is None:
            changed.full = True
            return changed
        changed.entities |= written
        changed.summarised |= written
        return changed


class Summaries:
    """The `entities` rows of clusters whose non-identity statements changed (counts, region, kind)."""

    name = "entity_summaries"

    def rebuild(self, session: Session) -> None:
        """Recount every entity and recompute every row (resolution wrote them before placement added
        its statements)."""
        aggregates.rebuild(session)
        ids = set(session.scalars(select(Entity.id)))
        for part in views.chunked(sorted(ids), 20_000):
            views.refresh_entities(session, set(part))

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recount the changed source entities (their own statements only: graph.aggregates) and refresh
        the rows of the entities whose counters moved (placements included)."""
        stale = aggregates.sync(session, changed.facts | changed.derived | changed.members)
        stale |= views.entities_of(session, changed.derived)
        stale |= views.entities_of(session, changed.facts) - changed.summarised
        for _ in range(5):  # a renamed place renames its dependents' region; places nest a few levels
            stale |= views.region_dependents(session)
            if not stale:
                break
            views.refresh_entities(session, stale)
            changed.entities |= stale
            changed.summarised |= stale
            stale = set()
        return changed
