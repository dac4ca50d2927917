"""Supply–demand matching services for the CLI, HTTP API and web app.

Records are stored with their chain link, region, linked graph entity and embedding (computed once, when
stored). The ranking index (BM25 + embedding matrix) is built from the stored rows and cached per
database until a record is added; feedback re-weights the ranking.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.chains.store import all_templates
from shuanglian.errors import CodedError, ErrorCode
from shuanglian.graph import audit
from shuanglian.graph.tables import EntityMember, Statement
from shuanglian.matching import extract, importer, projector
from shuanglian.matching.embed import DEFAULT_MODEL, from_blob, get_encoder, to_blob
from shuanglian.matching.feedback import VERDICTS, learn_weights
from shuanglian.matching.graph import LinkPlacer
from shuanglian.matching.projector import entity_ids_by_name
from shuanglian.matching.rank import POOL, Index, Item, Match
from shuanglian.matching.records import CONFIDENTIALITY, DEMAND_KINDS, SUPPLY_KINDS
from shuanglian.matching.tables import MatchDemand, MatchFeedback, MatchSupply
from shuanglian.registers.tabular import TableFormatError
from shuanglian.store.documents import DocumentRow

__all__ = [
    "MatchError", "TableFormatError", "add_demand", "add_supply", "extract_document", "feedback",
    "get_record", "import_sheet", "list_records", "matches", "current_weights",
]  # fmt: skip

Row = MatchDemand | MatchSupply
_FIELDS = {
    "demand": ("title", "statement", "kind", "field", "requester", "region", "budget", "deadline", "contact",
               "confidentiality"),
    "supply": ("title", "statement", "kind", "field", "provider", "region", "contact"),
}  # fmt: skip
_cache: dict[tuple[str, str], tuple[tuple[Any, ...], Index]] = {}
_lock = threading.Lock()


class MatchError(CodedError, ValueError):
    """A matching request that cannot be done (unknown record: NOT_FOUND; bad field value: INVALID/REFUSED)."""


def _model(side: str) -> Any:  # type[MatchDemand] | type[MatchSupply]; Any keeps mypy from joining to Base
    if side == "demand":
        return MatchDemand
    if side == "supply":
        return MatchSupply
    raise MatchError(f"side must be 'demand' or 'supply', not {side!r}", ErrorCode.INVALID)


def _placer(session: Session) -> LinkPlacer:
    return LinkPlacer(all_templates(session))


def _link_entity(session: Session, name: str) -> str | None:
    """The canonical graph entity named `name` (exact name, then normalised key), if any."""
    return entity_ids_by_name(session, [name]).get(name)


def _text(row: Row) -> str:
    return " ".join(x for x in (row.title, row.field, row.statement) if x)


def _new_id(side: str, statement: str, source: str) -> str:
    h = hashlib.sha256(f"{side}\x00{statement}\x00{source}".encode()).hexdigest()[:16]
    return f"{side[0]}_{h}"


def _store(session: Session, side: str, data: dict[str, Any], user: str, placer: LinkPlacer | None = None,
           embed: bool = True) -> Row:
    """Validate, place on a chain link, link the organisation, embed, store and audit one record."""
    model = _model(side)
    statement = str(data.get("statement") or "").strip()
    if not statement:
        raise MatchError("statement is required", ErrorCode.INVALID)
    kind = data.get("kind") or ("need" if side == "demand" else "result")
    if kind not in (DEMAND_KINDS if side == "demand" else SUPPLY_KINDS):
        raise MatchError(f"unknown {side} kind {kind!r}", ErrorCode.INVALID)
    if side == "demand" and (data.get("confidentiality") or "public") not in CONFIDENTIALITY:
        raise MatchError(f"unknown confidentiality {data.get('confidentiality')!r}", ErrorCode.INVALID)
    source = str(data.get("source") or f"form:{user}")
    rid = _new_id(side, statement, source)
    existing = session.get(model, rid)
    if existing is not None:
        return existing  # same statement from the same source: idempotent
    row = model(id=rid, statement=statement, kind=kind, source=source, created_by=user)
    for f in _FIELDS[side]:
        if f in data and f not in ("statement", "kind") and data[f] not in (None, ""):
            setattr(row, f, data[f])
    row.span_start, row.span_end = data.get("span_start"), data.get("span_end")
    row.evidence = str(data.get("evidence") or statement)[:2000]
    p = (placer or _placer(session)).place(_text(row))
    row.chain_id, row.link_id = data.get("chain_id") or p.chain_id, data.get("link_id") or p.link_id
    org = row.requester if isinstance(row, MatchDemand) else row.provider
    ent = _link_entity(session, org)
    if isinstance(row, MatchDemand):
        row.requester_entity = ent
    else:
        row.provider_entity = ent
    if embed:
        enc = get_encoder(DEFAULT_MODEL)
        vec = (enc.queries if side == "demand" else enc.passages)([_text(row)])[0]
        row.embedding, row.model = to_blob(vec), enc.name
    session.add(row)
    session.flush()
    audit.record(session, user, f"{side}_add", f"match_{side}", rid, None, _audit_view(row))
    return row


_KIND_ZH = {v: k for k, v in importer.columns()["kinds"].items()}


def _audit_view(row: Row) -> dict[str, Any]:
    """What the audit log shows of a new record (Chinese field names, as the audit page prints keys)."""
    org = row.requester if isinstance(row, MatchDemand) else row.provider
    out = {"类型": _KIND_ZH.get(row.kind, row.kind), "标题": row.title, "内容": row.statement, "机构": org,
           "地区": row.region, "来源": row.source}
    return {k: v for k, v in out.items() if v}


def add_demand(session: Session, data: dict[str, Any], user: str) -> dict[str, Any]:
    """Store a demand from a form or API call (validated, placed, embedded, audited)."""
    return record_json(_store(session, "demand", data, user))


def add_supply(session: Session, data: dict[str, Any], user: str) -> dict[str, Any]:
    """Store a supply record (result, patent, lab capability, expert)."""
    return record_json(_store(session, "supply", data, user))


def import_sheet(session: Session, side: str, data: bytes, fmt: str, name: str, user: str) -> dict[str, Any]:
    """Import a CSV/XLSX of demands or supply; bad rows are listed with row, column and reason."""
    parsed = importer.parse_rows(side, data, fmt, name)
    placer = _placer(session)
    created = []
    for rn, rec in parsed.rows:
        try:
            created.append(_store(session, side, rec, user, placer).id)
        except MatchError as exc:
            parsed.errors.append({"row": rn, "column": "", "message": str(exc)})
    return {"created": len(created), "ids": created, "errors": parsed.errors}


def extract_document(session: Session, doc_id: str, user: str) -> dict[str, Any]:
    """Demand and supply candidates from a stored document's text by the sentence rules, with spans."""
    doc = session.get(DocumentRow, doc_id)
    if doc is None:
        raise MatchError(f"unknown document {doc_id!r}", ErrorCode.NOT_FOUND)
    placer = _placer(session)
    out: dict[str, list[str]] = {"demand": [], "supply": []}
    for c in extract.candidates(doc.text or ""):
        row = _store(session, c.side, {"statement": c.text, "kind": c.kind, "source": f"doc:{doc_id}",
                                       "span_start": c.start, "span_end": c.end, "evidence": c.text}, user, placer)
        out[c.side].append(row.id)
    return {"document": doc_id, "demands": out["demand"], "supply": out["supply"]}


def record_json(row: Row, placer: LinkPlacer | None = None) -> dict[str, Any]:
    """Plain-dict form of a stored record (no embedding bytes); with a placer, the link's names too."""
    out = {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name != "embedding"}
    if placer is not None:
        out["link_name"] = placer.link_name(row.chain_id, row.link_id)
        out["link_name_en"] = placer.link_name(row.chain_id, row.link_id, "en")
    out["created_at"] = row.created_at.isoformat() if row.created_at else None
    out["side"] = "demand" if isinstance(row, MatchDemand) else "supply"
    out["embedded"] = row.embedding is not None
    return out


def _visible(q: Any, user: str | None, privileged: bool) -> Any:
    """Confidential demands are seen by their author and by editors/admins only."""
    if privileged:
        return q
    return q.where((MatchDemand.confidentiality != "confidential") | (MatchDemand.created_by == (user or "")))


def list_records(session: Session, side: str, limit: int = 50, offset: int = 0, q: str = "",
                 user: str | None = None, privileged: bool = True) -> dict[str, Any]:
    """Newest-first page of demands or supply, optionally filtered by a substring of the statement."""
    model = _model(side)
    stmt = select(model)
    if side == "demand":
        stmt = _visible(stmt, user, privileged)
    if q:
        stmt = stmt.where(model.statement.contains(q) | model.title.contains(q))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(model.created_at.desc(), model.id).limit(limit).offset(offset))
    placer = _placer(session)
    return {"total": total, "items": [record_json(r, placer) for r in rows]}


def get_record(session: Session, side: str, rid: str, user: str | None = None,
               privileged: bool = True) -> dict[str, Any]:
    """One record; MatchError when unknown or not visible to the user."""
    row = session.get(_model(side), rid)
    if row is None or (isinstance(row, MatchDemand) and not privileged and row.confidentiality == "confidential"
                       and row.created_by != user):
        raise MatchError(f"unknown {side} {rid!r}", ErrorCode.NOT_FOUND)
    return record_json(row, _placer(session))


def _signature(session: Session, model: Any) -> tuple[Any, ...]:
    n, last = session.execute(select(func.count(), func.max(model.created_at))).one()
    return (n, str(last))


def build_index(session: Session, side: str) -> Index:
    """The index over one side's stored records (cached until a record is added or removed)."""
    model = _model(side)
    url = str(getattr(session.get_bind(), "url", ""))
    key = (url, side)
    sig = _signature(session, model)
    with _lock:
        while projector._dropped:  # the projector re-linked or re-placed records of these databases
            gone = projector._dropped.pop()
            for k in [k for k in _cache if k[0] == gone]:
                del _cache[k]
        hit = _cache.get(key)
        if hit and hit[0] == sig:
            return hit[1]
    rows = list(session.scalars(select(model).order_by(model.id)))
    enc = get_encoder(DEFAULT_MODEL)
    vecs = np.zeros((len(rows), enc.dim), dtype=np.float32)
    missing = [i for i, r in enumerate(rows) if r.embedding is None or r.model != enc.name]
    if missing:  # rows stored before embeddings existed, or with another model: embed once and store
        fresh = (enc.queries if side == "demand" else enc.passages)([_text(rows[i]) for i in missing])
        for j, i in enumerate(missing):
            rows[i].embedding, rows[i].model = to_blob(fresh[j]), enc.name
        session.flush()
    for i, r in enumerate(rows):
        vecs[i] = from_blob(r.embedding or b"", enc.dim)
    items = [_item(r) for r in rows]
    index = Index(items, vecs, _placer(session))
    with _lock:
        _cache[key] = (sig, index)
    return index


def _item(r: Row) -> Item:
    org = r.requester if isinstance(r, MatchDemand) else r.provider
    ent = r.requester_entity if isinstance(r, MatchDemand) else r.provider_entity
    return Item(r.id, _text(r), r.chain_id, r.link_id, r.region, ent, org or "", r.evidence)


def _co_mentions(session: Session, entity_id: str | None) -> frozenset[tuple[str, str]]:
    """Pairs (entity, other) for every canonical entity named in a document that also names `entity_id`."""
    if not entity_id:
        return frozenset()
    docs = (select(Statement.document_id).join(EntityMember, EntityMember.member_id == Statement.entity_id)
            .where(EntityMember.entity_id == entity_id, Statement.document_id.is_not(None)))  # fmt: skip
    others = session.scalars(
        select(EntityMember.entity_id).join(Statement, Statement.entity_id == EntityMember.member_id)
        .where(Statement.document_id.in_(docs)).distinct().limit(5000)
    )  # fmt: skip
    return frozenset((entity_id, o) for o in others if o != entity_id)


def current_weights(session: Session) -> dict[str, float]:
    """Ranking weights: the prior moved by every stored verdict (see matching.feedback)."""
    rows = session.execute(select(MatchFeedback.features, MatchFeedback.verdict)).all()
    return learn_weights([(f or {}, v) for f, v in rows])


def matches(session: Session, side: str, rid: str, k: int = 10, user: str | None = None,
            privileged: bool = True) -> dict[str, Any]:
    """Ranked, explained matches for a demand (supply records) or a supply (demands)."""
    model = _model(side)
    row = session.get(model, rid)
    if row is None:
        raise MatchError(f"unknown {side} {rid!r}", ErrorCode.NOT_FOUND)
    get_record(session, side, rid, user, privileged)  # visibility check
    other = "supply" if side == "demand" else "demand"
    index = build_index(session, other)
    enc = get_encoder(DEFAULT_MODEL)
    if row.embedding is None or row.model != enc.name:
        vec = (enc.queries if side == "demand" else enc.passages)([_text(row)])[0]
        row.embedding, row.model = to_blob(vec), enc.name
        session.flush()
    qvec = from_blob(row.embedding, enc.dim)
    query = _item(row)
    weights = current_weights(session)
    found: list[Match] = index.match(query, qvec, k * 2 if not privileged and other == "demand" else k, weights,
                                     _co_mentions(session, query.entity))
    model_o = _model(other)
    recs = {r.id: r for r in session.scalars(select(model_o).where(model_o.id.in_([m.id for m in found])))}
    out = []
    for m in found:
        r = recs.get(m.id)
        if r is None:
            continue
        if isinstance(r, MatchDemand) and not privileged and r.confidentiality == "confidential" \
                and r.created_by != user:
            continue
        out.append({**m.to_json(), "record": record_json(r, index.placer)})
    return {"query": record_json(row, index.placer), "weights": weights, "matches": out[:k]}


def feedback(session: Session, demand_id: str, supply_id: str, verdict: str, user: str) -> dict[str, Any]:
    """Store a verdict on a pair (with the pair's current features) and return the re-learned weights."""
    if verdict not in VERDICTS:
        raise MatchError(f"verdict must be one of {', '.join(VERDICTS)}", ErrorCode.INVALID)
    d, s = session.get(MatchDemand, demand_id), session.get(MatchSupply, supply_id)
    if d is None or s is None:
        raise MatchError("unknown demand or supply", ErrorCode.NOT_FOUND)
    index = build_index(session, "supply")
    enc = get_encoder(DEFAULT_MODEL)
    qvec = from_blob(d.embedding, enc.dim) if d.embedding and d.model == enc.name else None
    # the pair's features as the ranking saw them (same pool normalisation), the supply forced into the pool
    pos = index.pos.get(supply_id)
    found = index.match(_item(d), qvec, k=2 * POOL + 1, explain=False, include=[pos] if pos is not None else [])
    feats = next((m.features for m in found if m.id == supply_id), {})
    row = session.scalar(select(MatchFeedback).where(MatchFeedback.demand_id == demand_id,
                                                     MatchFeedback.supply_id == supply_id,
                                                     MatchFeedback.user == user, MatchFeedback.verdict == verdict))
    if row is None:
        row = MatchFeedback(demand_id=demand_id, supply_id=supply_id, verdict=verdict, features=feats, user=user,
                            created_at=datetime.now(UTC))
        session.add(row)
        session.flush()
        audit.record(session, user, "match_feedback", "match_pair", f"{demand_id}:{supply_id}", None,
                     {"反馈": {"useful": "有用", "not_useful": "无用", "contacted": "已联系"}[verdict]})
    return {"demand": demand_id, "supply": supply_id, "verdict": verdict, "weights": current_weights(session)}


def feedback_for(session: Session, demand_id: str) -> dict[str, list[str]]:
    """Verdicts already given on a demand's pairs: supply id -> verdicts."""
    out: dict[str, list[str]] = {}
    for sid, v in session.execute(select(MatchFeedback.supply_id, MatchFeedback.verdict)
                                  .where(MatchFeedback.demand_id == demand_id)):
        out.setdefault(sid, []).append(v)
    return out


def seed_demo(session: Session, user: str = "demo") -> dict[str, Any]:
    """Store the demo demands and supply of data/demo.yaml (idempotent); returns the challenge spec too."""
    import yaml

    from shuanglian.matching.importer import COLUMNS_FILE

    data = yaml.safe_load((COLUMNS_FILE.parent / "demo.yaml").read_text(encoding="utf-8"))
    placer = _placer(session)
    by_title = {}
    for rec in data["demands"]:
        row = _store(session, "demand", {**rec, "source": f"real:{rec['source']}"}, user, placer)
        by_title[rec["title"]] = row.id
    for rec in data["supply"]:
        _store(session, "supply", {**rec, "source": f"real:{rec['source']}"}, user, placer)
    spec = dict(data["challenge"])
    spec["demand_id"] = by_title.get(spec.pop("demand"))
    return {"demands": len(data["demands"]), "supply": len(data["supply"]), "challenge": spec}
