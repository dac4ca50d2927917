"""The matching-index projector: what matching derives from the graph and the chain templates.

Demand and supply records keep the canonical entity of their requester / provider (found by name) and
their chain link (placed by the templates' terms). When resolution rewrites canonical entities or a
chain template changes, those are recomputed, and the cached ranking indexes are dropped so the next
query rebuilds them from the stored embeddings (embeddings never change here).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.chains.store import all_templates
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import Entity
from shuanglian.matching.graph import LinkPlacer
from shuanglian.matching.tables import MatchDemand, MatchSupply

if TYPE_CHECKING:  # the projections package registers this module: no import back at run time
    from shuanglian.projections.base import Changes

_dropped: list[str] = []  # database URLs whose cached indexes are stale (read by services.matching)


def entity_ids_by_name(session: Session, names: Iterable[str]) -> dict[str, str]:
    """Canonical entity id per organisation name: exact name first, then the normalised name key."""
    wanted = {n for n in names if n}
    if not wanted:
        return {}
    out: dict[str, str] = {}
    for eid, name in session.execute(select(Entity.id, Entity.name).where(Entity.name.in_(sorted(wanted))).order_by(Entity.id)):
        out.setdefault(name, eid)
    keys = {normalise_name(n): n for n in wanted - set(out)}
    if keys:
        for eid, key in session.execute(select(Entity.id, Entity.name_key).where(Entity.name_key.in_(sorted(keys)))
                                        .order_by(Entity.id)):  # fmt: skip
            out.setdefault(keys[key], eid)
    return out


def _text(row: Any) -> str:
    return " ".join(x for x in (row.title, row.field, row.statement) if x)


def relink(session: Session) -> int:
    """Point every record at the canonical entity of its organisation; returns rows changed."""
    n = 0
    for model, org, ent in ((MatchDemand, "requester", "requester_entity"), (MatchSupply, "provider", "provider_entity")):
        rows = list(session.scalars(select(model)))
        ids = entity_ids_by_name(session, (getattr(r, org) for r in rows))
        for r in rows:
            new = ids.get(getattr(r, org))
            if getattr(r, ent) != new:
                setattr(r, ent, new)
                n += 1
    return n


def replace(session: Session) -> int:
    """Place every record on the chain link its text names with the current templates; rows changed."""
    placer = LinkPlacer(all_templates(session))
    n = 0
    models: tuple[Any, ...] = (MatchDemand, MatchSupply)
    for model in models:
        for r in session.scalars(select(model)):
            p = placer.place(_text(r))
            if (r.chain_id, r.link_id) != p.link:
                r.chain_id, r.link_id = p.link
                n += 1
    return n


def _drop_cache(session: Session) -> None:
    _dropped.append(str(getattr(session.get_bind(), "url", "")))


class MatchingIndex:
    """Entity links and chain links of the matching records, and the cached ranking indexes."""

    name = "matching_index"

    def rebuild(self, session: Session) -> None:
        """Re-link and re-place every record; drop the cached indexes."""
        relink(session)
        replace(session)
        _drop_cache(session)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Re-link when canonical entities changed, re-place when chain templates changed."""
        touched = 0
        if changed.full or changed.entities or changed.members:
            touched += relink(session)
        if changed.full or changed.chains:
            touched += replace(session)
        if touched:
            _drop_cache(session)
        return changed
