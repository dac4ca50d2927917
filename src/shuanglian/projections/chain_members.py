"""Chain members (chains.tables: chain_members, chain_member_documents): one row per entity and chain
link, so chain maps, counts per link, lead lists and gaps read one chain's rows by region."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shuanglian.chains.members import write_members
from shuanglian.chains.tables import ChainMember, ChainMemberDocument
from shuanglian.graph import views
from shuanglian.graph.region_scope import missing_values, refresh_scope
from shuanglian.projections.base import Changes


class ChainMembers:
    """Rows of the canonical entities whose statements, cluster or summary changed. Runs after chain
    placements (whose statements it reads), entity summaries (name, kind, region) and region_scope: a
    region value a row holds that no entity row does (a policy's region read from its issuer) gets its
    region_scope rows here, so region filters cover every row."""

    name = "chain_members"

    def rebuild(self, session: Session) -> None:
        """Refill both tables from every placed entity."""
        session.execute(delete(ChainMember))
        session.execute(delete(ChainMemberDocument))
        write_members(session, None)
        self.cover(session)

    def cover(self, session: Session) -> None:
        """region_scope rows for every region value of the rows (after region_scope was refilled alone)."""
        used = set(session.scalars(select(ChainMember.region).where(ChainMember.region.is_not(None)).distinct()))
        _cover(session, {r for r in used if r})

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recompute the rows of entities written or summarised, and of clusters with changed statements."""
        touched = changed.facts | changed.derived | changed.members
        targets = changed.entities | changed.summarised | touched | views.entities_of(session, touched)
        if targets:
            _cover(session, write_members(session, targets))
        return changed


def _cover(session: Session, regions: set[str]) -> None:
    """region_scope rows for the region values that have none yet."""
    missing = missing_values(session, regions)
    if missing:
        refresh_scope(session, missing)
