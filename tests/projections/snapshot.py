"""Every projection's stored state as comparable sets of rows (timestamps left out)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shuanglian.chains.tables import ChainMember, ChainMemberDocument
from shuanglian.graph.aggregates import EntityAggregateRow, MemberAggregateRow
from shuanglian.graph.keyhits import EntityKeyHit
from shuanglian.graph.tables import Entity, EntityKey, EntityMember, PlaceParent, RegionScope, Statement
from shuanglian.projections import DERIVED_PROPS
from shuanglian.projects.tables import ProjectRow, ProjectStatusRow
from shuanglian.registers.tables import (
    EntityChain,
    OfficialFigure,
    RegisterCount,
    RegisterEntry,
    RegisterRegionCount,
    RegisterSortKey,
    RegisterTotal,
)
from shuanglian.targets.tables import ActualRow, TargetLinkRow, TargetRow

_SKIP = {"updated_at", "first_seen"}


def _value(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return v


def _rows(session: Session, model: Any) -> set[tuple[Any, ...]]:
    cols = [c for c in model.__table__.columns if c.key not in _SKIP]
    return {tuple(_value(v) for v in row) for row in session.execute(select(*cols))}


def snapshot(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    """Rows of every projection table, plus the derived statements (id, status) projectors wrote."""
    session.flush()
    out = {m.__tablename__: _rows(session, m) for m in (Entity, EntityMember, EntityKey, RegisterEntry,
                                                       RegisterSortKey, EntityChain, PlaceParent, ChainMember,
                                                       ChainMemberDocument, EntityAggregateRow,
                                                       MemberAggregateRow, RegisterCount, RegisterRegionCount,
                                                       RegisterTotal, EntityKeyHit)}  # fmt: skip
    # region_scope is a memo per region value: rows of values no entity holds any more are never read
    used = select(Entity.region).where(Entity.region.is_not(None))
    scope = select(RegionScope.region, RegionScope.ancestor, RegionScope.key).where(RegionScope.region.in_(used))
    out["region_scope"] = {tuple(r) for r in session.execute(scope)}
    project_cols = [c for c in ProjectRow.__table__.columns if c.key not in {"last_activity", "created_at"}]
    out["projects"] = {tuple(r) for r in session.execute(select(*project_cols))}
    history = select(ProjectStatusRow.project_id, ProjectStatusRow.status, ProjectStatusRow.at, ProjectStatusRow.source,
                     ProjectStatusRow.note)  # fmt: skip
    out["project_status_history"] = {tuple(r) for r in session.execute(history)}
    official_cols = [c for c in OfficialFigure.__table__.columns if c.key != "created_at"]
    out["register_official_figures"] = {tuple(r) for r in session.execute(select(*official_cols))}
    # targets and their actuals and proposed/reviewed outcome links (autoincrement ids and timestamps left out)
    for model in (TargetRow, ActualRow, TargetLinkRow):
        cols = [c for c in model.__table__.columns
                if c.key not in {"created_at", "updated_at", "reviewed_at"} and not (c.key == "id" and model is not TargetRow)]  # fmt: skip
        out[model.__tablename__] = {tuple(_value(v) for v in r) for r in session.execute(select(*cols))}
    derived = select(Statement.id, Statement.entity_id, Statement.status).where(Statement.prop.in_(sorted(DERIVED_PROPS)))
    out["derived_statements"] = {tuple(r) for r in session.execute(derived)}
    if session.get_bind().dialect.name == "sqlite":
        has_fts = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")).first()
        if has_fts:
            out["search_fts"] = {tuple(r) for r in session.execute(text("SELECT rowid, ref, title FROM search_fts"))}
    return out


def diff(a: dict[str, set[tuple[Any, ...]]], b: dict[str, set[tuple[Any, ...]]]) -> dict[str, Any]:
    """Per table: rows only in a, rows only in b (empty when equal)."""
    out = {}
    for k in sorted(set(a) | set(b)):
        only_a, only_b = a.get(k, set()) - b.get(k, set()), b.get(k, set()) - a.get(k, set())
        if only_a or only_b:
            out[k] = {"incremental_only": sorted(only_a, key=str)[:5], "rebuild_only": sorted(only_b, key=str)[:5],
                      "counts": (len(only_a), len(only_b))}  # fmt: skip
    return out
