"""Graph service functions for the CLI, HTTP API and web app: search and read canonical entities with
provenance, neighbourhoods, merge/split, review, audit, rebuild. Session first; plain dicts out."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select, tuple_
from sqlalchemy.orm import Session

from shuanglian.errors import ErrorCode
from shuanglian.graph import judge, review, views
from shuanglian.graph.audit import audit_log
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.judge import canonical_id, list_judgements
from shuanglian.graph.keys import expand_abbreviation
from shuanglian.graph.review import GraphError, review_queue, statement_dict
from shuanglian.graph.schema import get_schema
from shuanglian.graph.tables import LIVE_STATUSES, Entity, EntityKey, EntityMember, Statement, live_clause
from shuanglian.projections import apply_changes, rebuild_all
from shuanglian.store.documents import DocumentRow

__all__ = [
    "GraphError", "accept", "add_fact", "audit_log", "edit", "get_entity", "list_judgements", "merge_entities",
    "neighbourhood", "not_same", "rebuild", "reject", "review_queue", "search_entities", "split_entity",
]  # fmt: skip

MAX_PAGE = 500
SNIPPET = 30  # characters of context each side of a statement's span
_SORTS = {"name", "statements", "documents", "kind"}
_NAME_PROPS = ("name", "alias", "mention")


def entity_row(e: Entity) -> dict[str, Any]:
    """Plain-dict summary of a canonical entity."""
    return {
        "id": e.id, "kind": e.kind, "name": e.name, "names": e.names, "region": e.region,
        "region_id": e.region_id, "statement_count": e.statement_count, "document_count": e.document_count,
        "member_count": e.member_count, "score": e.score,
    }  # fmt: skip


def search_entities(
    session: Session,
    kind: str | None = None,
    name: str | None = None,
    region: str | None = None,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    after: str | None = None,
    match: str = "auto",
) -> dict[str, Any]:
    """Page of canonical entities. `name` (script-insensitive) with match="prefix" finds entities any
    of whose name forms starts with it (full name, name without legal form or place prefix, brand,
    expanded abbreviation; index range scans, fit for millions), with "contains" any name or alias
    containing it (a table scan); "auto" = contains up to CONTAINS_MAX entities, else prefix.
    `region` is a region prefix. sort: name | statements | documents | kind. For deep pages pass the
    returned `next_after` as `after` (keyset on the name index; sort=name only) instead of offset.
    `total` is exact up to COUNT_CAP (then `total_exact` is False)."""
    if match not in ("auto", "prefix", "contains"):
        raise GraphError(f"unknown match {match!r}; one of auto, prefix, contains", ErrorCode.INVALID)
    if sort not in _SORTS:
        raise GraphError(f"unknown sort {sort!r}; one of {sorted(_SORTS)}", ErrorCode.INVALID)
    if kind:
        get_schema().kind(kind)
    q = select(Entity)
    if kind:
        q = q.where(Entity.kind == kind)
    if name:
        q = q.where(_name_filter(session, normalise_name(name), match))
    if region:
        q = q.where(Entity.region >= region, Entity.region < region + _TOP)  # index range scan
    # counting a million rows costs more than the page: count up to COUNT_CAP, say whether exact
    total = session.scalar(select(func.count()).select_from(q.limit(COUNT_CAP + 1).subquery())) or 0
    limit = max(1, min(limit, MAX_PAGE))
    if sort == "name":
        if after:
            key, _, aid = after.partition("\x1f")
            q = q.where(tuple_(Entity.name_key, Entity.id) > tuple_(key, aid))
            offset = 0
        q = q.order_by(Entity.name_key, Entity.id)
    elif sort == "kind":
        q = q.order_by(Entity.kind, Entity.name_key, Entity.id)
    elif sort == "statements":
        q = q.order_by(Entity.statement_count.desc(), Entity.id.desc())  # one direction: a backward index scan
    else:
        q = q.order_by(Entity.document_count.desc(), Entity.id.desc())
    rows = list(session.scalars(q.limit(limit).offset(max(0, offset))))
    nxt = f"{rows[-1].name_key}\x1f{rows[-1].id}" if sort == "name" and len(rows) == limit else None
    return {
        "total": min(total, COUNT_CAP), "total_exact": total <= COUNT_CAP,
        "items": [entity_row(e) for e in rows], "next_after": nxt,
    }  # fmt: skip


CONTAINS_MAX = 200_000
COUNT_CAP = 10_000
_TOP = chr(0x10FFFF)  # sorts after every other code point: [p, p+_TOP) is the range of strings starting with p


NAME_IDS_MAX = 5_000  # prefix matches beyond this are too generic to list in full


def _name_filter(session: Session, key: str, match: str) -> Any:
    """WHERE clause for a name search (see search_entities)."""
    if match == "auto":
        n = session.scalar(select(func.count()).select_from(Entity)) or 0
        match = "contains" if n <= CONTAINS_MAX else "prefix"
    if match == "contains":
        return Entity.search_text.like(f"%{_escape(key)}%", escape="\\")
    return Entity.id.in_(_prefix_ids(session, key))


def _prefix_ids(session: Session, key: str) -> list[str]:
    """Entities with a name form starting with `key`: separate index range scans (an OR of them
    makes PostgreSQL scan the table), at most NAME_IDS_MAX ids."""
    ids: set[str] = set()
    q = select(Entity.id).where(Entity.name_key >= key, Entity.name_key < key + _TOP).limit(NAME_IDS_MAX)
    ids |= set(session.scalars(q))
    forms = sorted({key, expand_abbreviation(key) or key})  # 中科院 also finds 中国科学院
    for g in sorted({k.group for k in get_schema().kinds.values()}):
        for f in forms:
            members = select(EntityKey.member_id).where(EntityKey.key >= f"{g}|{f}", EntityKey.key < f"{g}|{f}{_TOP}")
            q2 = select(EntityMember.entity_id).where(EntityMember.member_id.in_(members.limit(NAME_IDS_MAX)))
            ids |= set(session.scalars(q2))
            if len(ids) >= NAME_IDS_MAX:
                return sorted(ids)[:NAME_IDS_MAX]
    return sorted(ids)


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippets(session: Session, sts: list[Statement]) -> dict[str, str]:
    """Statement id -> its span with SNIPPET characters each side, cut in SQL (never loads whole texts)."""
    ids = [st.id for st in sts if st.document_id and st.span_start is not None and st.span_end is not None]
    start = case((Statement.span_start > SNIPPET, Statement.span_start - SNIPPET), else_=0)
    cut = func.substr(DocumentRow.text, start + 1, Statement.span_end + SNIPPET - start)
    out: dict[str, str] = {}
    for part in views.chunked(ids):
        q = select(Statement.id, cut).join(DocumentRow, DocumentRow.id == Statement.document_id).where(Statement.id.in_(part))
        out.update((sid, text or "") for sid, text in session.execute(q))
    return out


def _canon_map(session: Session, member_ids: set[str]) -> dict[str, tuple[str, str, str]]:
    """source id -> (canonical id, name, kind)."""
    out: dict[str, tuple[str, str, str]] = {}
    for part in views.chunked(sorted(member_ids)):
        q = (
            select(EntityMember.member_id, Entity.id, Entity.name, Entity.kind)
            .join(Entity, Entity.id == EntityMember.entity_id)
            .where(EntityMember.member_id.in_(part))
        )
        for mid, eid, ename, ekind in session.execute(q):
            out[mid] = (eid, ename, ekind)
    return out


def get_entity(
    session: Session, entity_id: str, max_statements: int = 2000, limit: int | None = None, offset: int = 0
) -> dict[str, Any] | None:
    """One canonical entity: names, kind, aggregated attributes, members (with merge score and reason),
    statements with provenance (document id, span, snippet / user), relations out and in.
    Attributes and relations come from up to `max_statements` fact statements (mentions are not facts);
    the `statements` list is one page (`limit`, `offset`; all up to `max_statements` when limit is None),
    `statements_total` counts them all. Source or merged-away ids redirect (see `redirected_from`). None if unknown."""
    try:
        eid = canonical_id(session, entity_id)
    except GraphError:
        return None
    e = session.get(Entity, eid)
    if e is None:
        return None
    q = select(EntityMember).where(EntityMember.entity_id == eid).order_by(EntityMember.first_seen, EntityMember.member_id)
    members = list(session.scalars(q.limit(1000)))  # member_count has the full number
    # statements of all members, oldest first, bounded in SQL (深圳市 may have 100k mentions)
    of_members = Statement.entity_id.in_(select(EntityMember.member_id).where(EntityMember.entity_id == eid))
    order = (Statement.created_at, Statement.id)
    limit = max_statements if limit is None else max(0, min(limit, max_statements))
    offset = max(0, offset)
    page = list(session.scalars(select(Statement).where(of_members).order_by(*order).limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(Statement).where(of_members)) or 0
    facts = list(session.scalars(select(Statement).where(of_members, Statement.prop != "mention")
                                 .order_by(*order).limit(max_statements)))  # fmt: skip
    snippets = _snippets(session, page)
    schema = get_schema()
    targets = _canon_map(session, {s.target_id for s in facts if s.target_id})
    attributes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rel_out: list[dict[str, Any]] = []
    statements = []
    for st in page:
        d = statement_dict(st)
        d["snippet"] = snippets.get(st.id)
        statements.append(d)
    for st in facts:
        if st.status not in LIVE_STATUSES:
            continue
        if st.target_id and schema.is_relation(st.prop):
            t = targets.get(st.target_id)
            rel_out.append({
                "relation": st.prop, "target_id": t[0] if t else st.target_id, "target_name": t[1] if t else st.value,
                "target_kind": t[2] if t else None, "value_json": st.value_json, "statement_id": st.id,
            })  # fmt: skip
        elif st.prop not in _NAME_PROPS:
            attributes[st.prop].append({"value": st.value, "value_json": st.value_json, "statement_id": st.id,
                                        "origin": st.origin, "status": st.status})  # fmt: skip
    rel_in = []
    to_members = Statement.target_id.in_(select(EntityMember.member_id).where(EntityMember.entity_id == eid))
    incoming = list(session.scalars(select(Statement).where(to_members, live_clause()).order_by(Statement.id).limit(max_statements)))
    sources = _canon_map(session, {s.entity_id for s in incoming})
    for st in incoming:
        src = sources.get(st.entity_id)
        rel_in.append({
            "relation": st.prop, "source_id": src[0] if src else st.entity_id,
            "source_name": src[1] if src else None, "source_kind": src[2] if src else None,
            "value_json": st.value_json, "statement_id": st.id,
        })  # fmt: skip
    out = entity_row(e)
    out.update(
        members=[{"id": m.member_id, "kind": m.kind, "name": m.name, "score": m.score, "reason": m.reason}
                 for m in members],
        attributes=dict(attributes), statements=statements, relations_out=rel_out, relations_in=rel_in,
        statements_total=total, statements_offset=offset, statements_limit=limit,
    )  # fmt: skip
    if eid != entity_id:
        out["redirected_from"] = entity_id
    return out


def neighbourhood(session: Session, entity_id: str, depth: int = 1, max_nodes: int = 200) -> dict[str, Any]:
    """Nodes and edges within `depth` relation hops (both directions) for a graph view; edges between
    canonical entities carry the relation and the statement ids behind them."""
    start = canonical_id(session, entity_id)
    seen = {start}
    frontier = {start}
    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for _ in range(max(0, min(depth, 3))):
        if not frontier or len(seen) >= max_nodes:
            break
        mids = list(session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id.in_(frontier))))
        rels: list[Statement] = []
        for part in views.chunked(mids):
            live = live_clause()
            rels += session.scalars(select(Statement).where(Statement.entity_id.in_(part), Statement.target_id.isnot(None), live))
            rels += session.scalars(select(Statement).where(Statement.target_id.in_(part), live))
        canon = _canon_map(session, {s.entity_id for s in rels} | {s.target_id for s in rels if s.target_id})
        nxt: set[str] = set()
        for st in rels:
            a, b = canon.get(st.entity_id), canon.get(st.target_id or "")
            if not a or not b or a[0] == b[0]:
                continue
            if len(seen | nxt) >= max_nodes and (a[0] not in seen | nxt or b[0] not in seen | nxt):
                continue
            edges[(a[0], b[0], st.prop)].append(st.id)
            nxt |= {a[0], b[0]} - seen
        seen |= nxt
        frontier = nxt
    nodes = [entity_row(e) for part in views.chunked(sorted(seen)) for e in session.scalars(select(Entity).where(Entity.id.in_(part)))]
    return {
        "center": start,
        "nodes": [{"id": n["id"], "name": n["name"], "kind": n["kind"], "statement_count": n["statement_count"]} for n in nodes],
        "edges": [{"source": a, "target": b, "relation": r, "statement_ids": ids} for (a, b, r), ids in edges.items()],
    }


def add_fact(
    session: Session,
    entity_id: str,
    prop: str,
    value: str,
    user: str,
    target_id: str | None = None,
    value_json: Any = None,
) -> dict[str, Any]:
    """A person states a fact about an entity (accepted manual statement on the entity, validated
    against the schema, audited). prop="kind" with a kind name changes the entity's kind."""
    from shuanglian.graph.audit import record
    from shuanglian.graph.writer import Provenance, new_statement, save_statements

    eid = canonical_id(session, entity_id)
    e = session.get(Entity, eid)
    assert e is not None
    if prop == "kind":
        get_schema().kind(value)
    target_kind = None
    if target_id:
        tid = canonical_id(session, target_id)
        t = session.get(Entity, tid)
        target_kind, target_id = (t.kind if t else None), tid
    # the subject is the entity's anchor source entity (its id is the canonical id); validated
    # against the entity's kind as the user sees it
    st = new_statement(
        Provenance(origin="manual", user=user), entity_id=eid, kind=e.kind, prop=prop, value=value,
        value_json=value_json, target_id=target_id, target_kind=target_kind,
    )  # fmt: skip
    if not save_statements(session, [st]):
        raise GraphError(f"{user} already stated {prop}={value!r} on {eid}")
    out = statement_dict(st)
    record(session, user, "add_fact", "entity", eid, None, out)
    apply_changes(session)
    return out


def rebuild(session: Session, recreate: bool = False) -> dict[str, Any]:
    """Recompute every projection (canonical entities, placements, register index, ...) from statements
    and judgements (`recreate`: drop and recreate the entity tables first, for databases made by an
    older version); returns counts and seconds per projector."""
    if recreate:
        views.recreate_view_tables(session)
    seconds = rebuild_all(session)
    members = session.scalar(select(func.count()).select_from(EntityMember)) or 0
    entities = session.scalar(select(func.count()).select_from(Entity)) or 0
    return {"members": int(members), "entities": int(entities), "seconds": seconds}


# Writes: each is the graph's operation followed by apply_changes, so every projection is current when
# the call returns (and in the same transaction).


def accept(session: Session, stmt_id: str, user: str) -> dict[str, Any]:
    """Mark a statement accepted (audited); returns it."""
    out = review.accept(session, stmt_id, user)
    apply_changes(session)
    return out


def reject(session: Session, stmt_id: str, user: str) -> dict[str, Any]:
    """Mark a statement rejected: stored, no longer counted (audited); returns it."""
    out = review.reject(session, stmt_id, user)
    apply_changes(session)
    return out


def edit(session: Session, stmt_id: str, new_value: str, user: str, value_json: Any = None) -> dict[str, Any]:
    """Replace a statement's value with a new manual statement that supersedes it (audited)."""
    out = review.edit(session, stmt_id, new_value, user, value_json)
    apply_changes(session)
    return out


def merge_entities(session: Session, ids: list[str], user: str, note: str | None = None) -> dict[str, Any]:
    """Merge two or more entities into one (stored judgement, audited); returns the merged entity."""
    return judge.merge_entities(session, ids, user, note, settle=apply_changes)


def split_entity(
    session: Session, entity_id: str, user: str, names: list[str] | None = None,
    statement_ids: list[str] | None = None, note: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Split source entities off an entity for good (stored judgement, audited); returns both entities."""
    return judge.split_entity(session, entity_id, user, names, statement_ids, note, settle=apply_changes)


def not_same(session: Session, a: str, b: str, user: str, note: str | None = None) -> dict[str, Any]:
    """Never merge these two entities automatically (stored judgement, audited)."""
    return judge.not_same(session, a, b, user, note, settle=apply_changes)
