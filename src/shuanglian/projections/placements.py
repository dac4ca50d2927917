"""Chain placements: `on_chain_link` statements for every entity the chain templates' terms match."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shuanglian.chains.incremental import remember_templates
from shuanglian.chains.placement import PlacementStats, place_entities
from shuanglian.chains.store import all_templates
from shuanglian.graph import views
from shuanglian.graph.reader import entity_kinds
from shuanglian.graph.schema import get_schema
from shuanglian.projections.base import Changes


class ChainPlacements:
    """Places the entities whose facts or clusters changed; a changed template re-places its chain."""

    name = "chain_placements"

    def rebuild(self, session: Session) -> None:
        """Place every entity on every chain (stale automatic placements retracted)."""
        templates = all_templates(session)
        place_entities(session, templates)
        remember_templates(session, templates)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Re-place the touched entities on all chains, and every entity on edited chains."""
        templates = all_templates(session)
        remember_templates(session, templates, only_if_unset=True)  # placements follow these templates
        edited = {c: templates[c] for c in sorted(changed.chains) if c in templates}
        if edited:
            _count(changed, place_entities(session, edited))
            remember_templates(session, templates)
        targets = changed.entities | views.entities_of(session, changed.facts | changed.members)
        # only kinds that sit on chain links: hub places and governments are never loaded for nothing
        placeable = get_schema().kinds_with("placeable")
        kinds = entity_kinds(session, targets)  # ids not listed: merged away or unresolved, placed as before
        targets = {e for e in targets if kinds.get(e) is None or kinds[e] in placeable}
        if targets:
            # source entities whose statements changed: their stored context claims are recomputed
            fresh = changed.facts | changed.members
            _count(changed, place_entities(session, templates, entity_ids=targets, fresh=fresh))
        return changed


def _count(changed: Changes, stats: PlacementStats) -> None:
    for key in ("entities", "placed", "statements_created", "retracted"):
        changed.count(key, int(getattr(stats, key)))
