"""The review queue as analysts work it: groups (by entity, fact kind or document) ordered by impact,
bulk accept/reject of a whole group, undo, auto-accept rules as data, and suggested merges."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from shuanglian.errors import ErrorCode
from shuanglian.graph import review
from shuanglian.graph.audit import record
from shuanglian.graph.keys import graph_config, name_keys
from shuanglian.graph.review import NOT_REVIEWED, GraphError, statement_dict
from shuanglian.graph.tables import (
    ACCEPTED,
    PROPOSED,
    REJECTED,
    AuditLog,
    Entity,
    EntityMember,
    Judgement,
    Statement,
)
from shuanglian.projections import apply_changes
from shuanglian.services.doc_labels import document_labels

GROUPINGS = ("entity", "prop", "document")
DECISIONS = {"accept": ACCEPTED, "reject": REJECTED}
MAX_GROUP = 2000  # one bulk action decides at most this many facts (the rest stay for the next click)
_DATA = Path(__file__).parent / "data" / "review.yaml"


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The review rules file (impact weights, auto-accept rules, merge-suggestion settings)."""
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def _impact_expr() -> Any:
    weights = {k: int(v) for k, v in rules()["impact"].items() if k != "default"}
    return case(*((Statement.prop == p, w) for p, w in weights.items()), else_=int(rules()["impact"]["default"]))


def _pending(kind: str | None = None) -> list[Any]:
    conds = [Statement.status == PROPOSED, Statement.prop.notin_(NOT_REVIEWED)]
    if kind:
        conds.append(Statement.kind == kind)
    return conds


def _group_column(by: str) -> Any:
    if by == "entity":
        return func.coalesce(EntityMember.entity_id, Statement.entity_id)
    if by == "prop":
        return Statement.prop
    if by == "document":
        return func.coalesce(Statement.document_id, "")
    raise GraphError(f"unknown grouping {by!r}; one of {', '.join(GROUPINGS)}", ErrorCode.INVALID)


def _base(by: str, cols: list[Any], kind: str | None) -> Any:
    q = select(*cols).select_from(Statement)
    if by == "entity":
        q = q.outerjoin(EntityMember, EntityMember.member_id == Statement.entity_id)
    return q.where(*_pending(kind))


def queue_groups(
    session: Session, by: str = "entity", kind: str | None = None, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Pending facts in groups, highest impact first, then biggest: `{total_items, total_groups, groups}`;
    each group has key, label, count, impact, confidence (mean) and its props."""
    col = _group_column(by).label("key")
    impact = func.max(_impact_expr()).label("impact")
    q = _base(by, [col, func.count().label("n"), impact, func.avg(Statement.confidence).label("conf")], kind)
    q = q.group_by(col)
    total_groups = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    total_items = session.scalar(_base(by, [func.count()], kind)) or 0
    rows = session.execute(
        q.order_by(impact.desc(), func.count().desc(), col).limit(max(1, min(limit, 200))).offset(max(0, offset))
    ).all()
    keys = [r.key for r in rows]
    labels = _labels(session, by, keys)
    groups = [
        {"key": r.key, "label": labels.get(r.key, r.key), "count": int(r.n), "impact": int(r.impact or 0),
         "confidence": round(float(r.conf or 0.0), 3)}
        for r in rows
    ]
    return {"by": by, "total_items": int(total_items), "total_groups": int(total_groups), "groups": groups}


def _labels(session: Session, by: str, keys: list[str]) -> dict[str, Any]:
    if by == "entity":
        out: dict[str, Any] = {}
        for eid, name, kind in session.execute(select(Entity.id, Entity.name, Entity.kind).where(Entity.id.in_(keys))):
            out[eid] = {"name": name, "kind": kind}
        return out
    if by == "document":
        return {k: v.text() for k, v in document_labels(session, keys).items()}
    return {k: k for k in keys}


def _group_ids(session: Session, by: str, key: str, kind: str | None, limit: int = MAX_GROUP) -> list[str]:
    q = _base(by, [Statement.id], kind).where(_group_column(by) == key)
    q = q.order_by(_impact_expr().desc(), Statement.id).limit(limit)
    return list(session.scalars(q))


def group_items(session: Session, by: str, key: str, kind: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The pending facts of one group (impact order), as statement dicts."""
    ids = _group_ids(session, by, key, kind, limit)
    rows = {s.id: s for s in session.scalars(select(Statement).where(Statement.id.in_(ids)))} if ids else {}
    return [statement_dict(rows[i]) for i in ids if i in rows]


def decide(session: Session, ids: list[str], decision: str, user: str) -> dict[str, Any]:
    """Accept or reject the given pending facts (each audited); one `bulk_<decision>` entry lists them for undo."""
    if decision not in DECISIONS:
        raise GraphError(f"unknown decision {decision!r}; accept or reject", ErrorCode.INVALID)
    wanted = list(dict.fromkeys(ids))[:MAX_GROUP]
    done = review.set_status_many(session, wanted, DECISIONS[decision], user, decision)
    entry = record(session, user, f"bulk_{decision}", "statement", done[0] if done else "-", None,
                   {"ids": done, "count": len(done)})
    apply_changes(session)
    return {"decided": len(done), "skipped": len(wanted) - len(done), "audit_id": entry.id, "decision": decision}


def decide_group(
    session: Session, by: str, key: str, decision: str, user: str, kind: str | None = None
) -> dict[str, Any]:
    """Accept or reject every pending fact of one group (at most MAX_GROUP per call)."""
    return decide(session, _group_ids(session, by, key, kind), decision, user)


def undo(session: Session, audit_id: int, user: str) -> dict[str, Any]:
    """Reverse an accept/reject (single or bulk): facts still in that state go back to the queue."""
    entry = session.get(AuditLog, audit_id)
    if entry is None:
        raise GraphError(f"no audit entry {audit_id}", ErrorCode.NOT_FOUND)
    if entry.action in ("bulk_accept", "bulk_reject"):
        ids = list((entry.after or {}).get("ids") or [])
        status = DECISIONS[entry.action.removeprefix("bulk_")]
    elif entry.action in ("accept", "reject"):
        ids, status = [entry.object_id], DECISIONS[entry.action]
    else:
        raise GraphError(f"audit entry {audit_id} ({entry.action}) cannot be undone here")
    still = set(session.scalars(select(Statement.id).where(Statement.id.in_(ids), Statement.status == status))) if ids else set()
    reopened = review.set_status_many(session, [i for i in ids if i in still], PROPOSED, user, "reopen")
    record(session, user, "undo", "statement", reopened[0] if reopened else "-", {"audit_id": audit_id},
           {"ids": reopened, "count": len(reopened)})
    apply_changes(session)
    return {"reopened": len(reopened), "of": len(ids)}


def apply_auto_rules(session: Session, user: str, limit: int = 20_000) -> dict[str, Any]:
    """Accept the pending facts the auto-accept rules cover (rules in data/review.yaml); audited."""
    per_rule: dict[str, int] = defaultdict(int)
    ids: list[str] = []
    for rule in rules()["auto_accept"]:
        q = (
            select(Statement.id, Statement.value, Statement.confidence, Entity.name, Entity.kind)
            .select_from(Statement)
            .join(EntityMember, EntityMember.member_id == Statement.entity_id)
            .join(Entity, Entity.id == EntityMember.entity_id)
            .where(*_pending(), Statement.prop == rule["prop"])
            .limit(limit)
        )
        for sid, value, conf, ent_name, ent_kind in session.execute(q):
            ok = (
                (rule["when"] == "equals_entity_name" and value == ent_name)
                or (rule["when"] == "equals_entity_kind" and value == ent_kind)
                or (rule["when"] == "min_confidence" and (conf or 0) >= float(rule["confidence"]))
            )
            if ok:
                ids.append(sid)
                per_rule[f"{rule['prop']}:{rule['when']}"] += 1
    out = decide(session, list(dict.fromkeys(ids)), "accept", user) if ids else {"decided": 0, "audit_id": None}
    return {**out, "rules": dict(per_rule)}


def merge_suggestions(session: Session, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
    """Pairs of canonical entities that may be the same (shared key below the merge threshold, or one
    name containing the other), best first; pairs judged `not_same` are left out."""
    cfg = rules()["merge_suggestions"]
    threshold = float(graph_config()["resolution"]["auto_merge_threshold"])
    scores = graph_config()["resolution"]["scores"]
    q = select(Entity.id, Entity.kind, Entity.name, Entity.names, Entity.statement_count)
    q = q.where(Entity.kind == kind) if kind else q.where(Entity.kind.notin_(("chain", "chain_link")))
    ents = list(session.execute(q))
    apart = _judged_apart(session)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        for nm in {e.name, *(e.names or [])}:
            for k in name_keys(e.kind, nm):
                by_key[k.key].append(i)
    best: dict[tuple[str, str], tuple[float, str]] = {}

    def offer(a: int, b: int, score: float, why: str) -> None:
        ea, eb = ents[a], ents[b]
        if ea.id == eb.id or frozenset((ea.id, eb.id)) in apart or score >= threshold:
            return
        pair = (min(ea.id, eb.id), max(ea.id, eb.id))
        if pair not in best or best[pair][0] < score:
            best[pair] = (score, why)

    for key, members in by_key.items():
        uniq = sorted(set(members))
        if 1 < len(uniq) <= 20:
            level = key.split("|", 1)[0]
            for a, b in combinations(uniq, 2):
                offer(a, b, float(scores.get("person_bare", 0.7)) if level == "person" else 0.75, "same_key")
    # containment: 光明科学城 inside 深圳光明科学城 when resolution did not merge them (bucket by 2-char prefix
    # of the shorter name to stay near-linear)
    minc = int(cfg["min_name_chars"])
    by_bigram: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        if len(e.name) >= minc:
            by_bigram[e.name[:2]].append(i)
    for i, e in enumerate(ents):
        for j in range(len(e.name) - 1):
            for m in by_bigram.get(e.name[j : j + 2], ()):
                o = ents[m]
                if m != i and len(o.name) < len(e.name) and o.name in e.name and o.kind == e.kind:
                    offer(i, m, float(cfg["containment_score"]), "contains")
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[: min(limit, int(cfg["max_pairs"]))]
    info = {e.id: e for e in ents}
    return [
        {"a": {"id": a, "name": info[a].name, "kind": info[a].kind, "statements": info[a].statement_count},
         "b": {"id": b, "name": info[b].name, "kind": info[b].kind, "statements": info[b].statement_count},
         "score": round(score, 2), "reason": why}
        for (a, b), (score, why) in ranked
    ]


def _judged_apart(session: Session) -> set[frozenset[str]]:
    """Canonical pairs a person said are different (not_same / split judgements)."""
    canon = dict(session.execute(select(EntityMember.member_id, EntityMember.entity_id)).all())
    out: set[frozenset[str]] = set()
    for j in session.scalars(select(Judgement).where(Judgement.active.is_(True), Judgement.action != "merge")):
        for x in j.entity_ids or []:
            for y in j.other_ids or []:
                out.add(frozenset((canon.get(x, x), canon.get(y, y))))
    return out


def find_entities(session: Session, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities a user means by `text`: an id, else exact names first, then names containing it."""
    from shuanglian.services.graph import entity_row, search_entities

    text = (text or "").strip()
    if not text:
        return []
    ent = session.get(Entity, text)
    if ent is not None:
        return [entity_row(ent)]
    exact = list(session.scalars(select(Entity).where(Entity.name == text).limit(limit)))
    if exact:
        return [entity_row(e) for e in exact]
    return list(search_entities(session, name=text, limit=limit, sort="statements")["items"])


def merge_preview(session: Session, a: str, b: str) -> dict[str, Any]:
    """What merging two canonical entities would give: both sides and the merged names and counts."""
    ea, eb = session.get(Entity, a), session.get(Entity, b)
    if ea is None or eb is None:
        raise GraphError(f"no entity {a if ea is None else b!r}", ErrorCode.NOT_FOUND)
    keep, other = (ea, eb) if (ea.statement_count, len(ea.name)) >= (eb.statement_count, len(eb.name)) else (eb, ea)
    return {
        "a": {"id": ea.id, "name": ea.name, "kind": ea.kind, "names": ea.names, "statements": ea.statement_count,
              "documents": ea.document_count, "region": ea.region},
        "b": {"id": eb.id, "name": eb.name, "kind": eb.kind, "names": eb.names, "statements": eb.statement_count,
              "documents": eb.document_count, "region": eb.region},
        "result": {"name": keep.name, "kind": keep.kind, "names": sorted({*(ea.names or []), *(eb.names or [])}),
                   "statements": ea.statement_count + eb.statement_count, "region": keep.region or other.region},
    }
