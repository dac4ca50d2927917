"""SQL paging for every register over the register index (registers.tables): filters, region, chain,
text and sort are indexed queries, so a page costs a few queries at any graph size.

Same answer as the complete listing (listing.select_members + sort_rows): numbers before text, ties by
name then id, descending reverses all of that, empty cells last by name; the index is maintained by
registers.index whenever canonical entities or chain placements change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.region_scope import inside_values, scope_ready, wider_values
from shuanglian.graph.tables import Entity
from shuanglian.registers.index import index_ready
from shuanglian.registers.listing import region_index
from shuanglian.registers.regions import RegionIndex
from shuanglian.registers.spec import RegisterSpec
from shuanglian.registers.tables import EntityChain, RegisterEntry, RegisterSortKey

E, K = RegisterEntry, RegisterSortKey
# sorts answered from register_entries' own columns (listing.EXTRA_SORTS)
_ENTRY_SORTS: dict[str, Any] = {"pinyin": E.pinyin, "first_seen": E.seen_first, "last_seen": E.seen_last}


def eligible(session: Session, spec: RegisterSpec, sort: str | None) -> bool:
    """Whether the indexed path answers this request (canonical entities exist; any sort but `id`)."""
    if (sort or "name").lstrip("-") == "id":
        return False
    if session.scalar(select(Entity.id).limit(1)) is None:
        return False  # nothing resolved yet: the complete path reads source entities directly
    # reads never write: a database whose index was never built (`shuanglian rebuild` builds it)
    # is answered by the complete path
    return index_ready(session)


def page_regions(session: Session, region: str | None) -> RegionIndex | None:
    """The place hierarchy sql_page needs for `region`: None without a region; an empty index when
    region_scope answers the filter by itself (then the hierarchy is never consulted, and building it
    reads every place's parents on each request); else the stored hierarchy."""
    if region is None:
        return None
    if scope_ready(session):
        return RegionIndex()
    return region_index(session)


def _inside(session: Session, spec: RegisterSpec, regions: RegionIndex, region: str) -> Any:
    """The entry regions inside `region`: a region_scope subquery (an index lookup), else the list."""
    if scope_ready(session):
        return inside_values(region)
    return _regions(session, spec, regions, region)[0]


def _inside_or_wider(session: Session, spec: RegisterSpec, regions: RegionIndex, region: str) -> Any:
    """The entry regions inside `region` or containing it (national policies apply in 深圳)."""
    if scope_ready(session):
        return or_(E.region.in_(inside_values(region)), E.region.in_(wider_values(session, region)))
    inside, wider = _regions(session, spec, regions, region)
    return E.region.in_(inside + wider)


def _regions(session: Session, spec: RegisterSpec, regions: RegionIndex, region: str) -> tuple[list[str], list[str]]:
    """(regions inside `region`, regions that contain it) among the register's distinct entry regions
    (the containment test per value: only for a database whose region_scope was never filled)."""
    values = session.scalars(select(E.region).where(E.register == spec.name, E.region.is_not(None)).distinct())
    inside: list[str] = []
    wider: list[str] = []
    for v in values:
        if not v:
            continue
        if regions.within(v, region):
            inside.append(v)
        elif regions.within(region, v):
            wider.append(v)
    return sorted(inside), sorted(wider)


def _conditions(
    session: Session, spec: RegisterSpec, regions: RegionIndex | None, region: str | None,
    chain: str | None, kind: str | None, q: str | None, hidden: bool = False,
    seen_from: str | None = None, seen_to: str | None = None,
) -> list[ColumnElement[bool]]:  # fmt: skip
    conds: list[ColumnElement[bool]] = [E.register == spec.name, E.hidden.is_(hidden)]
    if seen_from:
        conds.append(E.seen_last >= seen_from)
    if seen_to:
        conds.append(E.seen_first <= seen_to)
    if kind:
        conds.append(E.kind == (spec.kind_from_label(kind) or kind))
    if q:
        conds.append(E.search_text.contains(normalise_name(q), autoescape=True))
    if chain:
        conds.append(E.entity_id.in_(select(EntityChain.entity_id).where(EntityChain.chain == chain)))
    if spec.scope == "external":
        if region is None or regions is None:
            conds.append(E.registered.is_(True))
            return conds
        inside = _inside(session, spec, regions, region)
        # The region's chains first (a few dozen values), so the outer filter is a plain IN list.
        local = sorted(
            session.scalars(
                select(EntityChain.chain)
                .join(E, and_(E.entity_id == EntityChain.entity_id, E.register == spec.name))
                .where(E.region.in_(inside))
                .distinct()
            )
        )
        on_local_chain = E.entity_id.in_(select(EntityChain.entity_id).where(EntityChain.chain.in_(local)))
        conds += [
            E.region.is_not(None), E.region != "", E.region.not_in(inside),
            or_(E.registered.is_(True), and_(E.eligible.is_(True), on_local_chain)),
        ]  # fmt: skip
        return conds
    if region and regions is not None:
        if spec.wider_regions_apply:
            conds.append(_inside_or_wider(session, spec, regions, region))
        else:
            conds.append(E.region.in_(_inside(session, spec, regions, region)))
    return conds


def _window(stmt: Any, offset: int, limit: int | None) -> Any:
    stmt = stmt.offset(offset)
    return stmt.limit(limit) if limit is not None else stmt


def _entry_sorted(session: Session, where: Any, col: Any, desc: bool, offset: int, limit: int | None) -> list[str]:
    """Ids ordered by a register_entries column: filled values (then name, id), empty ones last by name."""
    filled = and_(where, col.is_not(None), col != "")
    n_filled = int(session.scalar(select(func.count()).select_from(E).where(filled)) or 0)
    cols = [col, E.name, E.entity_id]
    order = [c.desc() for c in cols] if desc else [c.asc() for c in cols]
    ids: list[str] = []
    if offset < n_filled:
        ids = list(session.scalars(_window(select(E.entity_id).where(filled).order_by(*order), offset, limit)))
    want = None if limit is None else limit - len(ids)
    if want is None or want > 0:
        empty = select(E.entity_id).where(and_(where, or_(col.is_(None), col == ""))).order_by(E.name, E.entity_id)
        ids += list(session.scalars(_window(empty, max(0, offset - n_filled), want)))
    return ids


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
    hidden: bool = False,
    seen_from: str | None = None,
    seen_to: str | None = None,
) -> tuple[int, list[str]]:
    """(total, canonical ids of the requested page) of a register."""
    where = and_(*_conditions(session, spec, regions, region, chain, kind, q, hidden, seen_from, seen_to))
    total = int(session.scalar(select(func.count()).select_from(E).where(where)) or 0)
    key = (sort or "name").lstrip("-")
    desc = bool(sort and sort.startswith("-"))
    if key == "name":  # a name is never empty
        order = [E.name.desc(), E.entity_id.desc()] if desc else [E.name.asc(), E.entity_id.asc()]
        return total, list(session.scalars(_window(select(E.entity_id).where(where).order_by(*order), offset, limit)))
    if key in _ENTRY_SORTS:  # columns of the entry itself
        return total, _entry_sorted(session, where, _ENTRY_SORTS[key], desc, offset, limit)
    joined = and_(K.register == spec.name, K.column == key, K.entity_id == E.entity_id)
    cols: list[Any] = [K.rank, K.num, K.text, K.name, K.entity_id]
    filled_q = select(K.entity_id).join(E, joined).where(where)
    n_filled = int(session.scalar(select(func.count()).select_from(K).join(E, joined).where(where)) or 0)
    ids: list[str] = []
    if offset < n_filled:
        order = [c.desc() for c in cols] if desc else [c.asc() for c in cols]
        ids = list(session.scalars(_window(filled_q.order_by(*order), offset, limit)))
    want = None if limit is None else limit - len(ids)
    if want is None or want > 0:
        has_value = select(K.entity_id).where(K.register == spec.name, K.column == key)
        empty_q = select(E.entity_id).where(where, E.entity_id.not_in(has_value)).order_by(E.name, E.entity_id)
        ids += list(session.scalars(_window(empty_q, max(0, offset - n_filled), want)))
    return total, ids
