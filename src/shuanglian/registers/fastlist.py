"""SQL paging for the local registers (carriers, enterprises, projects, policies) over the materialised
`entities` table, so a page costs a few indexed queries instead of loading every entity.

Used when the register has no name rule, the sort is by name / region / counts, and canonical entities
exist; otherwise listing.select_members (complete, in Python) answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.chains.placement import PROP, chain_target_id
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import LIVE_STATUSES, Entity, EntityMember, Statement
from shuanglian.registers.regions import RegionIndex
from shuanglian.registers.spec import RegisterSpec, register_specs

SQL_SORTS: dict[str, Any] = {
    "name": Entity.name_key,
    "region": Entity.region,
    "statements": Entity.statement_count,
    "documents": Entity.document_count,
}


def eligible(session: Session, spec: RegisterSpec, sort: str | None) -> bool:
    """Whether the SQL path gives the same answer as the Python one for this request."""
    if spec.scope != "local" or spec.name_patterns or spec.wider_regions_apply:
        return False
    if (sort or "name").lstrip("-") not in SQL_SORTS:
        return False
    return session.scalar(select(Entity.id).limit(1)) is not None


def _members_with(prop_cond: ColumnElement[bool]) -> Any:
    """Canonical ids of entities having a member with a live statement matching `prop_cond`."""
    return (
        select(EntityMember.entity_id)
        .join(Statement, Statement.entity_id == EntityMember.member_id)
        .where(prop_cond, Statement.status.in_(LIVE_STATUSES))
    )


def _external_only(session: Session, spec: RegisterSpec) -> set[str]:
    """Entities imported only into outside-resource registers (not local members by kind)."""
    externals = {s.name for s in register_specs().values() if s.scope == "external"}
    regs: dict[str, set[str]] = {}
    q = (
        select(EntityMember.entity_id, Statement.value)
        .join(Statement, Statement.entity_id == EntityMember.member_id)
        .where(Statement.prop == "register", Statement.status.in_(LIVE_STATUSES))
    )
    for eid, value in session.execute(q):
        regs.setdefault(eid, set()).add(value)
    return {e for e, r in regs.items() if r <= externals and spec.name not in r}


def _chain_targets(session: Session, chain: str) -> list[str]:
    from shuanglian.chains.store import all_templates

    for t in all_templates(session).values():
        if chain in (t.id, t.name, t.name_en):
            return [chain_target_id(t.id, None)] + [chain_target_id(t.id, ln.id) for ln in t.links]
    return []


def sql_page(
    session: Session,
    spec: RegisterSpec,
    regions: RegionIndex | None,
    region: str | None,
    chain: str | None,
    kind: str | None,
    q: str | None,
    limit: int | None,
    offset: int,
    sort: str | None,
) -> tuple[int, list[str]]:
    """(total, canonical ids of the requested page) for a local register."""
    conds: list[ColumnElement[bool]] = [
        or_(
            Entity.kind.in_(spec.kinds),
            Entity.id.in_(_members_with(and_(Statement.prop == "register", Statement.value == spec.name))),
        )
    ]
    ext = _external_only(session, spec)
    if ext:
        conds.append(Entity.id.not_in(sorted(ext)))
    if kind:
        conds.append(Entity.kind == (spec.kind_from_label(kind) or kind))
    if q:
        key = normalise_name(q)
        conds.append(
            or_(
                Entity.name_key.contains(key, autoescape=True),
                Entity.id.in_(
                    _members_with(and_(Statement.prop.in_(("name", "alias")), Statement.value.contains(q, autoescape=True)))
                ),
            )
        )
    if chain:
        conds.append(
            Entity.id.in_(_members_with(and_(Statement.prop == PROP, Statement.target_id.in_(_chain_targets(session, chain)))))
        )
    if region and regions is not None:
        values = session.scalars(select(Entity.region).where(Entity.region.is_not(None)).distinct())
        inside = sorted(v for v in values if v and regions.within(v, region))
        conds.append(Entity.region.in_(inside))
    where = and_(*conds)
    total = int(session.scalar(select(func.count()).select_from(Entity).where(where)) or 0)
    key = (sort or "name").lstrip("-")
    col = SQL_SORTS[key]
    desc = bool(sort and sort.startswith("-"))
    # Empty values last on both backends (SQLite sorts NULL first, PostgreSQL last).
    order = [col.is_(None), col.desc() if desc else col.asc(), Entity.name_key.asc(), Entity.id.asc()]
    stmt = select(Entity.id).where(where).order_by(*order).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return total, list(session.scalars(stmt))
