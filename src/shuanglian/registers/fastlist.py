"""SQL paging for every register over the register index (registers.tables): filters, region, chain,
text and sort are indexed queries, so a page costs a few queries at any graph size.

Same answer as the complete listing (listing.select_members + sort_rows): numbers before text, ties by
name then id, descending reverses all of that, empty cells last by name; the index is maintained by
registers.index whenever canonical entities or chain placements change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.region_scope import inside_values, scope_ready, wider_values
from shuanglian.graph.tables import Entity
from shuanglian.registers import counts
from shuanglian.registers.counts import Group
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
    inside, wider = region_sets(session, spec, regions, region)
    return counts.region_condition(inside, wider)(E.region)


def region_sets(session: Session, spec: RegisterSpec, regions: RegionIndex, region: str) -> tuple[Any, Any]:
    """(region values inside `region`, values containing it or None when the register does not take wider
    regions): region_scope subqueries, else lists read against the hierarchy."""
    if scope_ready(session):
        return inside_values(region), (wider_values(session, region) if spec.wider_regions_apply else None)
    inside, wider = _regions(session, spec, regions, region)
    return inside, (wider if spec.wider_regions_apply else None)


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
    seen_from: str | None = None, seen_to: str | None = None, local: set[str] | None = None,
) -> list[ColumnElement[bool]]:  # fmt: skip
    """The WHERE clauses of a page (local: the region's chain keys when the caller has them already)."""
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
        local_keys = sorted(local if local is not None else _local_chains(session, spec, inside))
        # per candidate row, a primary-key probe (an IN subquery would list every entity on those chains)
        ec = aliased(EntityChain)  # its own name: the chain facet joins register_entity_chains outside
        on_local_chain = (
            select(ec.entity_id).where(ec.entity_id == E.entity_id, ec.chain.in_(local_keys)).correlate_except(ec).exists()
        )
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


def _local_chains(session: Session, spec: RegisterSpec, inside: Any) -> set[str]:
    """Chain keys of the register's entries inside the region: from the chain sets of register_counts
    (a few rows per region), else from the entries."""
    if counts.counts_ready(session):
        return counts.local_chains(session, spec.name, inside)
    q = (select(EntityChain.chain).join(E, and_(E.entity_id == EntityChain.entity_id, E.register == spec.name))
         .where(E.region.in_(inside)).distinct())  # fmt: skip
    return set(session.scalars(q))


def counted(session: Session, q: str | None = None, seen_from: str | None = None, seen_to: str | None = None) -> bool:
    """Whether register_counts answer totals and facets under these filters (not text or seen-date
    filters, which only the entries hold) on this database (counts filled)."""
    return not (q or seen_from or seen_to) and counts.counts_ready(session)


def matching_groups(
    session: Session, spec: RegisterSpec, regions: RegionIndex | None, region: str | None, chain: str | None,
    kind: str | None, hidden: bool = False, with_chains: bool = False, local_out: set[str] | None = None,
) -> list[Group]:  # fmt: skip
    """The register_counts groups of the entries a page lists under region / chain / kind / hidden
    filters (the same test as _conditions, on groups); with_chains: keep chain sets (the chain facet);
    local_out: receives the region's chain keys (resources against a region)."""
    wanted = (spec.kind_from_label(kind) or kind) if kind else None
    if spec.scope == "external":
        if region is None or regions is None:
            gs = counts.local_groups(session, spec.name, None, True, hidden, wanted, chain)
            return counts.select_groups(gs, hidden, wanted, chain, test=lambda g: g.registered)
        inside = _inside(session, spec, regions, region)
        gs, local = counts.outside_groups(session, spec.name, inside, memo=True)
        if local_out is not None:
            local_out |= local
        return counts.select_groups(gs, hidden, wanted, chain, test=lambda g: counts.resource_ok(g, local))
    cond = None
    if region and regions is not None:
        cond = counts.region_condition(*region_sets(session, spec, regions, region))
    gs = counts.local_groups(session, spec.name, cond, with_chains, hidden, wanted, chain)
    return counts.select_groups(gs, hidden, wanted, chain)


def _window(stmt: Any, offset: int, limit: int | None) -> Any:
    stmt = stmt.offset(offset)
    return stmt.limit(limit) if limit is not None else stmt


def _filled_then_empty(session: Session, filled_q: Any, empty_q: Any, count_filled: Any, offset: int,
                       limit: int | None) -> list[str]:  # fmt: skip
    """Ids of one window over the filled rows (in order) then the empty ones (by name). The filled rows
    are counted only when the window starts past them (a deep page): a first page, or any page that
    still holds a filled row, learns where they end from the rows it read."""
    ids = list(session.scalars(_window(filled_q, offset, limit)))
    if limit is not None and len(ids) == limit:
        return ids
    n_filled = offset + len(ids) if ids or offset == 0 else int(session.scalar(count_filled) or 0)
    want = None if limit is None else limit - len(ids)
    return ids + list(session.scalars(_window(empty_q, max(0, offset - n_filled), want)))


def _entry_sorted(session: Session, where: Any, col: Any, desc: bool, offset: int, limit: int | None) -> list[str]:
    """Ids ordered by a register_entries column: filled values (then name, id), empty ones last by name."""
    filled = and_(where, col.is_not(None), col != "")
    cols = [col, E.name, E.entity_id]
    order = [c.desc() for c in cols] if desc else [c.asc() for c in cols]
    filled_q = select(E.entity_id).where(filled).order_by(*order)
    empty_q = select(E.entity_id).where(and_(where, or_(col.is_(None), col == ""))).order_by(E.name, E.entity_id)
    return _filled_then_empty(session, filled_q, empty_q, select(func.count()).select_from(E).where(filled), offset,
                              limit)  # fmt: skip


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
    local: set[str] | None = None
    if counted(session, q, seen_from, seen_to):
        local = set() if spec.scope == "external" and region and regions is not None else None
        total = sum(g.n for g in matching_groups(session, spec, regions, region, chain, kind, hidden, local_out=local))
        if limit == 0:  # rows held (official_overview): the count alone
            return total, []
        where = and_(*_conditions(session, spec, regions, region, chain, kind, q, hidden, seen_from, seen_to, local))
    else:
        where = and_(*_conditions(session, spec, regions, region, chain, kind, q, hidden, seen_from, seen_to))
        total = int(session.scalar(select(func.count()).select_from(E).where(where)) or 0)
        if limit == 0:
            return total, []
    key = (sort or "name").lstrip("-")
    desc = bool(sort and sort.startswith("-"))
    if key == "name":  # a name is never empty
        order = [E.name.desc(), E.entity_id.desc()] if desc else [E.name.asc(), E.entity_id.asc()]
        return total, list(session.scalars(_window(select(E.entity_id).where(where).order_by(*order), offset, limit)))
    if key in _ENTRY_SORTS:  # columns of the entry itself
        return total, _entry_sorted(session, where, _ENTRY_SORTS[key], desc, offset, limit)
    joined = and_(K.register == spec.name, K.column == key, K.entity_id == E.entity_id)
    cols: list[Any] = [K.rank, K.num, K.text, K.name, K.entity_id]
    order = [c.desc() for c in cols] if desc else [c.asc() for c in cols]
    filled_q = select(K.entity_id).join(E, joined).where(where).order_by(*order)
    has_value = select(K.entity_id).where(K.register == spec.name, K.column == key)
    empty_q = select(E.entity_id).where(where, E.entity_id.not_in(has_value)).order_by(E.name, E.entity_id)
    count_filled = select(func.count()).select_from(K).join(E, joined).where(where)
    return total, _filled_then_empty(session, filled_q, empty_q, count_filled, offset, limit)
