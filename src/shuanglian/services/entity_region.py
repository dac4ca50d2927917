"""An analyst corrects where an entity is: a manual located_in statement with the reason (evidence
`analyst`, graph/region_evidence.py ranks it first), superseding the analyst's earlier correction,
audited, and replayed on every rebuild like any statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.audit import record
from shuanglian.graph.ids import make_entity_id, normalise_name
from shuanglian.graph.judge import canonical_id
from shuanglian.graph.region_evidence import ANALYST, reason_of
from shuanglian.graph.regions import region_key
from shuanglian.graph.review import GraphError
from shuanglian.graph.tables import Entity, EntityMember, Statement, live_clause
from shuanglian.graph.writer import Provenance, new_statement, save_statements, supersede
from shuanglian.projections import apply_changes

MAX_REASON = 500


def _place(session: Session, name: str, user: str) -> tuple[str, str]:
    """(source id, name) of the place called `name`: an existing canonical place with the same name or
    short form (深圳 = 深圳市, the most documented), else a new manual place."""
    key = region_key(name)
    like = normalise_name(key)
    rows = session.execute(
        select(Entity.id, Entity.name, Entity.document_count)
        .where(Entity.kind == "place", Entity.name_key.like(like.replace("%", "").replace("_", "") + "%"))
        .order_by(Entity.document_count.desc(), Entity.id)
        .limit(50)
    ).all()
    for eid, ename, _n in rows:
        if region_key(ename) == key:
            return eid, ename
    pid = make_entity_id("place", name, "manual")
    st = new_statement(Provenance(origin="manual", user=user), entity_id=pid, kind="place", prop="name", value=name)
    save_statements(session, [st])
    return pid, name


def correct_region(session: Session, entity_id: str, place: str, reason: str, user: str) -> dict[str, Any]:
    """Set an entity's region to `place` with the analyst's `reason` (both required); returns
    `{entity_id, region, statement_id, reason, superseded}` after every projection is current."""
    place, reason = (place or "").strip(), (reason or "").strip()
    if not place:
        raise ValueError("region: give the place the entity is in (e.g. 深圳市)")
    if not reason:
        raise ValueError("reason: say why (e.g. 官网地址在深圳市南山区)")
    if len(place) > 64 or len(reason) > MAX_REASON:
        raise ValueError(f"region at most 64 characters, reason at most {MAX_REASON}")
    eid = canonical_id(session, entity_id)
    ent = session.get(Entity, eid)
    if ent is None:
        raise GraphError(f"no entity {entity_id!r}")
    if ent.kind == "place":
        raise ValueError("a place's region is its parent: correct the place hierarchy instead")
    before = {"region": ent.region, "region_id": ent.region_id}
    pid, pname = _place(session, place, user)
    members = select(EntityMember.member_id).where(EntityMember.entity_id == eid)
    earlier = list(session.scalars(
        select(Statement).where(Statement.entity_id.in_(members), Statement.prop == "located_in",
                                Statement.origin == "manual", live_clause())
    ))  # fmt: skip
    earlier = [s for s in earlier if reason_of(s.origin, s.value_json) == ANALYST]
    st = new_statement(
        Provenance(origin="manual", user=user), entity_id=eid, kind=ent.kind, prop="located_in", value=pname,
        value_json={"reason": ANALYST, "note": reason}, target_id=pid, target_kind="place",
        supersedes=earlier[-1].id if earlier else None,
    )  # fmt: skip
    save_statements(session, [st])
    for old in earlier:
        supersede(old, st)
    session.flush()
    apply_changes(session)
    session.expire_all()
    ent = session.get(Entity, eid)
    out = {"entity_id": eid, "region": ent.region if ent else pname, "statement_id": st.id, "reason": reason,
           "superseded": [s.id for s in earlier]}  # fmt: skip
    record(session, user, "correct_region", "entity", eid, before, out)
    return out


def region_evidence(session: Session, entity_id: str) -> list[dict[str, Any]]:
    """Every live located_in statement of an entity with its reason, strongest first (for the entity page)."""
    from shuanglian.graph.region_evidence import rank_of

    eid = canonical_id(session, entity_id)
    members = select(EntityMember.member_id).where(EntityMember.entity_id == eid)
    sts = session.scalars(select(Statement).where(Statement.entity_id.in_(members), Statement.prop == "located_in",
                                                  live_clause()))  # fmt: skip
    out = [{
        "place": s.value, "reason": reason_of(s.origin, s.value_json), "rank": rank_of(s.origin, s.value_json),
        "note": (s.value_json or {}).get("note") if isinstance(s.value_json, dict) else None,
        "user": s.user, "document_id": s.document_id, "statement_id": s.id, "created_at": s.created_at,
    } for s in sts]  # fmt: skip
    out.sort(key=lambda d: (d["rank"], d["place"], d["statement_id"]))
    return out


def region_why(region: str | None, evidence: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The strongest evidence naming the entity's current region (None when no statement names it)."""
    if not region:
        return None
    key = region_key(region)
    return next((e for e in evidence if region_key(e["place"]) == key), None)
