"""Chain maps and gaps from the chain_members projection: one row per entity and link with what a map
cell and a lead list show, filtered by region through region_scope, so a request reads the rows of one
chain (local ones, counts per link, the best leads of gap links) instead of every placed entity's view.

`member_rows` is the only place rows are made (the chain_members projector calls it); `fast_map` and
`fast_gaps` give exactly what maps.build_map and gaps.compute_gaps give from the complete placements.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Text, and_, cast, delete, func, insert, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.chains.gaps import (
    FIT,
    MAX_CANDIDATES,
    LinkStats,
    candidate,
    gaps_of,
    lead_json,
    lead_score,
    sort_candidates,
)
from shuanglian.chains.maps import WIDE_ROLES, Cell, EntityView, cell_member, map_of_cells, placements_of
from shuanglian.chains.placement import PROP
from shuanglian.chains.tables import ChainMember, ChainMemberDocument
from shuanglian.chains.templates import ChainTemplate
from shuanglian.graph.reader import chunks, digest_views
from shuanglian.graph.region_scope import ancestor_keys, inside_values, scope_ready
from shuanglian.graph.tables import EntityMember, RegionScope, Statement, live_clause

# The lead column of each gap type (延链 and 补链 rank leads alike).
_LEAD_COLUMN = {"fill": "lead_fill", "extend": "lead_fill", "strengthen": "lead_strengthen"}
if FIT["extend"] != FIT["fill"]:  # pragma: no cover - a data edit that needs a third lead column
    raise ValueError("chains/gaps.py: FIT['extend'] differs from FIT['fill'] but chain_members stores one lead_fill column")
_INSERT_BATCH = 2000


def is_resource(view: EntityView) -> bool:
    """Whether the entity is in the innovation-resources register (a live `register` = resources fact)."""
    return any(f.prop == "register" and f.value == "resources" for f in view.facts)


def member_rows(views: Iterable[EntityView]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The chain_members and chain_member_documents rows of these canonical views."""
    rows: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    views = list(views)
    resources = {v.id for v in views if is_resource(v)}
    for chain_id, ps in placements_of(views).items():
        for p in ps:
            in_res = p.view.id in resources
            link = p.link_id or ""
            rows.append({
                "chain_id": chain_id, "link_id": link, "entity_id": p.view.id, "role": p.role, "kind": p.view.kind,
                "name": p.view.name, "region": (p.view.region or None) and str(p.view.region)[:128],
                "score": p.score, "in_resources": in_res, "lead_fill": lead_score(p, "fill", in_res),
                "lead_strengthen": lead_score(p, "strengthen", in_res), "member": cell_member(p),
                "lead": lead_json(p, in_res),
            })  # fmt: skip
            for d in sorted({str(f.document_id) for f in p.evidence if f.document_id}):
                docs.append({"chain_id": chain_id, "link_id": link, "document_id": d, "entity_id": p.view.id})
    return rows, docs


def placed_canonical(session: Session, ids: Iterable[str] | None) -> dict[str, set[str]]:
    """Canonical ids (or unresolved statement entity ids) of entities with a live placement, among the
    clusters of `ids` (None: all), each with its source entities that hold a placement."""
    q = select(Statement.entity_id).where(Statement.prop == PROP, live_clause())
    canon: dict[str, str] = {}
    if ids is None:
        members = set(session.scalars(q.distinct()))
    else:
        # the placed members of the clusters keyed by `ids`, by one join per chunk (a hub's members are
        # probed in SQL, never listed here), plus the ids themselves (unresolved, or of another cluster)
        members = set()
        joined = (select(EntityMember.member_id, EntityMember.entity_id)
                  .join(Statement, Statement.entity_id == EntityMember.member_id)
                  .where(Statement.prop == PROP, live_clause()).distinct())  # fmt: skip
        for part in chunks(sorted(set(ids))):
            canon.update({m: e for m, e in session.execute(joined.where(EntityMember.entity_id.in_(part)))})
            members |= set(session.scalars(q.where(Statement.entity_id.in_(part)).distinct()))
        members -= set(canon)
    canon.update({m: m for m in members})
    for part in chunks(sorted(members)):
        pairs = select(EntityMember.member_id, EntityMember.entity_id).where(EntityMember.member_id.in_(part))
        canon.update({m: e for m, e in session.execute(pairs)})
    out: dict[str, set[str]] = {}
    for m, e in canon.items():
        out.setdefault(e, set()).add(m)
    return out


def write_members(session: Session, entity_ids: set[str] | None, chunk: int = 2000) -> set[str]:
    """Recompute the rows of these canonical entities (rows of ids without placements go; None: every
    placed entity, into empty tables); returns the region values of the rows written."""
    if entity_ids is not None:
        for part in chunks(sorted(entity_ids)):
            session.execute(delete(ChainMember).where(ChainMember.entity_id.in_(part)))
            session.execute(delete(ChainMemberDocument).where(ChainMemberDocument.entity_id.in_(part)))
    regions: set[str] = set()
    placed = placed_canonical(session, entity_ids)
    asked = set(placed) | (entity_ids or set())
    canon = sorted(placed)
    for i in range(0, len(canon), chunk):
        # placements whole, everything else folded by value, sources counted (a lead's score counts them:
        # gaps.source_count): a hub's pages are never one fact per statement nor one per document
        views = digest_views(session, {m for e in canon[i : i + chunk] for m in placed[e]}, whole=(PROP,), cap=0,
                             seen=False)  # fmt: skip
        strays = sorted(set(views) - asked)  # a seed resolved into a cluster not asked for
        if strays:
            session.execute(delete(ChainMember).where(ChainMember.entity_id.in_(strays)))
            session.execute(delete(ChainMemberDocument).where(ChainMemberDocument.entity_id.in_(strays)))
        rows, docs = member_rows(views.values())
        regions.update(r["region"] for r in rows if r["region"])
        for table, batch in ((ChainMember, rows), (ChainMemberDocument, docs)):
            for j in range(0, len(batch), _INSERT_BATCH):
                session.execute(insert(table), batch[j : j + _INSERT_BATCH])
    return regions


def members_ready(session: Session, region: str | None) -> bool:
    """Whether the projection (and, for a region, region_scope) covers the database: rows exist, or no
    live placement does (an older database before its migration falls back to the complete path)."""
    if region is not None and not scope_ready(session):
        return False
    if session.scalar(select(ChainMember.entity_id).limit(1)) is not None:
        return True
    return session.scalar(select(Statement.id).where(Statement.prop == PROP, live_clause()).limit(1)) is None


def _wider(session: Session, region: str) -> Any:
    """Region values containing `region` (policies and funds made for a wider area apply inside it)."""
    return select(RegionScope.region).where(RegionScope.key.in_(sorted(ancestor_keys(session, region))))


def local_clauses(session: Session, region: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """maps.is_local as two SQL conditions on chain_members rows, each answered by an index: the
    row's region lies in `region`; or a policy or fund without a region or of a region containing it
    (the second may repeat rows of the first)."""
    inside = ChainMember.region.in_(inside_values(region))
    wide = and_(ChainMember.role.in_(WIDE_ROLES),
                or_(ChainMember.region.is_(None), ChainMember.region.in_(_wider(session, region))))  # fmt: skip
    return inside, wide


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: a big map makes thousands of acyclic rows, cells and dicts,
    whose allocation would otherwise trigger full collections of the whole heap mid-request."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _decode_all(texts: list[str]) -> list[Any]:
    """The JSON texts decoded by one parse of them spliced into an array."""
    if not texts:
        return []
    out = json.loads("[" + ",".join(texts) + "]")
    if not isinstance(out, list) or len(out) != len(texts):  # a text held more than one JSON value
        raise ValueError("chain_members.member: a stored cell is not one JSON value")
    return out


def fast_map(session: Session, tpl: ChainTemplate, region: str | None, include_outside: bool = False) -> dict[str, Any]:
    """maps.build_map of the chain from the projection: only the rows local to the region are read
    (every row of the chain with include_outside); each row's cell is read as JSON text and every cell
    decoded once, after the rows are deduplicated."""
    links = [ln.id for ln in tpl.links] + [""]
    with _gc_paused():
        return _fast_map(session, tpl, region, include_outside, links)


def _fast_map(session: Session, tpl: ChainTemplate, region: str | None, include_outside: bool, links: list[str]) -> dict[str, Any]:
    """fast_map's work (with the collector paused)."""
    base = (ChainMember.chain_id == tpl.id, ChainMember.link_id.in_(links))
    cols = (ChainMember.entity_id, ChainMember.link_id, ChainMember.role, ChainMember.score, ChainMember.name,
            cast(ChainMember.member, Text))  # fmt: skip
    if region is None:
        rows = {(r[1], r[0]): r for r in session.execute(select(*cols).where(*base))}
        local = set(rows)
    else:
        conds = local_clauses(session, region)
        if include_outside:
            local = set()
            for cond in conds:
                local |= {(lk, e) for lk, e in session.execute(select(ChainMember.link_id, ChainMember.entity_id).where(*base, cond))}
            rows = {(r[1], r[0]): r for r in session.execute(select(*cols).where(*base))}
        else:
            rows = {}
            for cond in conds:
                rows.update({(r[1], r[0]): r for r in session.execute(select(*cols).where(*base, cond))})
            local = set(rows)
    keys = list(rows)
    members = _decode_all([rows[k][5] for k in keys])
    cells = [Cell(eid, link or None, role, score, name, member, key in local)
             for key, member in zip(keys, members, strict=True)
             for eid, link, role, score, name, _ in (rows[key],)]  # fmt: skip
    return map_of_cells(tpl, cells, region, include_outside)


def link_stats(session: Session, tpl: ChainTemplate, region: str | None) -> dict[str, LinkStats]:
    """Per link of the chain: local entities by role, placements and enterprises anywhere, documents
    (counts read from covering indexes)."""
    links = [ln.id for ln in tpl.links]
    stats = {ln: LinkStats() for ln in links}
    base = (ChainMember.chain_id == tpl.id, ChainMember.link_id.in_(links))
    counts = select(ChainMember.link_id, ChainMember.role, func.count()).group_by(ChainMember.link_id, ChainMember.role)
    totals = {(link, role): n for link, role, n in session.execute(counts.where(*base))}
    for (link, role), n in totals.items():
        stats[link].placements += n
        stats[link].enterprises_seen += n if role == "enterprises" else 0
    if region is None:
        local = Counter(totals)
    else:
        # plain rows, counted here: a GROUP BY would make SQLite walk the (chain, link) index and read
        # every row of the chain instead of the covering (chain, region, role, link) one
        inside, wide = local_clauses(session, region)
        pairs = select(ChainMember.link_id, ChainMember.role)
        local = Counter((link, role) for link, role in session.execute(pairs.where(*base, inside)))
        extra = pairs.where(*base, wide, or_(ChainMember.region.is_(None), ~inside))
        local.update((link, role) for link, role in session.execute(extra))
    for (link, role), n in local.items():
        st = stats[link]
        st.local_all += n
        st.local_enterprises += n if role == "enterprises" else 0
        st.local_carriers += n if role == "carriers" else 0
    docs = (
        select(ChainMemberDocument.link_id, func.count(func.distinct(ChainMemberDocument.document_id)))
        .where(ChainMemberDocument.chain_id == tpl.id, ChainMemberDocument.link_id.in_(links))
        .group_by(ChainMemberDocument.link_id)
    )
    for link, n in session.execute(docs):
        stats[link].documents = int(n)
    return stats


def fast_leads(session: Session, tpl: ChainTemplate, region: str | None, link_id: str, gap: str) -> list[dict[str, Any]]:
    """The ranked candidates of a gap link: rows outside the region (any with a region stated, or in
    the resources register) best first; without a region, only the resources register's."""
    col = getattr(ChainMember, _LEAD_COLUMN[gap])
    where = [ChainMember.chain_id == tpl.id, ChainMember.link_id == link_id, col.is_not(None)]
    if region is None:
        where.append(ChainMember.in_resources == true())
    else:
        # leads are enterprises, carriers and others (never the wide roles): a row without a region is
        # never local, and a lead only when registered
        outside = and_(ChainMember.region.is_not(None), ~ChainMember.region.in_(inside_values(region)))
        where.append(or_(outside, and_(ChainMember.region.is_(None), ChainMember.in_resources == true())))
    # the 10th best score, then every row at least as good (ties on the score are ordered by name here)
    top = list(session.scalars(select(col).where(*where).order_by(col.desc()).limit(MAX_CANDIDATES)))
    if not top:
        return []
    q = select(ChainMember.lead, col).where(*where)
    if len(top) == MAX_CANDIDATES:
        q = q.where(col >= top[-1])
    return sort_candidates([candidate(lead, score) for lead, score in session.execute(q)])


def fast_gaps(session: Session, tpl: ChainTemplate, region: str | None) -> list[dict[str, Any]]:
    """gaps.compute_gaps of the chain from the projection: counts per link by SQL, leads of gap links
    by index order."""
    stats = link_stats(session, tpl, region)
    return gaps_of(tpl, region, stats, lambda link, gap: fast_leads(session, tpl, region, link, gap))

