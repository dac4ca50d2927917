"""Entities (search, show with statements and sources, neighbourhood, merge/split), review queue, audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.graph.api_models import EntityDetail, EntityPage, Neighbourhood, ReviewPage, StatementOut
from shuanglian.graph.schema import SchemaError
from shuanglian.services import graph
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, page_envelope, paging, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api", tags=["entities, review, audit"])


class MergeIn(BaseModel):
    """Entities to merge into one (two or more ids)."""

    ids: list[str] = Field(min_length=2, max_length=50)
    note: str | None = Field(default=None, max_length=500)


class SplitIn(BaseModel):
    """What to split off an entity: the names (or statement ids) that belong to a different thing."""

    names: list[str] = Field(default_factory=list, max_length=100)
    statement_ids: list[str] = Field(default_factory=list, max_length=500)
    note: str | None = Field(default=None, max_length=500)


class NotSameIn(BaseModel):
    """Two entities that must never be merged automatically."""

    a: str
    b: str
    note: str | None = Field(default=None, max_length=500)


class EditIn(BaseModel):
    """A reviewer's corrected value for a statement."""

    value: str = Field(min_length=1, max_length=2000)
    value_json: Any = None


@router.get("/entities", response_model=EntityPage)
def search_entities(
    kind: str | None = Query(None, max_length=32),
    name: str | None = Query(None, max_length=100, description="substring of any name or alias"),
    region: str | None = Query(None, max_length=64, description="region prefix"),
    sort: str = Query("name", pattern="^(name|statements|documents|kind)$"),
    after: str | None = Query(None, max_length=700, description="keyset cursor (next_after) for deep pages"),
    pg: Paging = Depends(paging),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Canonical entities, filtered and sorted (index-backed; use `after` instead of big offsets)."""
    try:
        res = graph.search_entities(db, kind=kind, name=name, region=region, limit=pg.limit, offset=pg.offset,
                                    sort=sort, after=after)
    except SchemaError as exc:
        raise ApiError(422, str(exc), "invalid_filter") from exc
    out = page_envelope(res["items"], res["total"], pg)
    out["next_after"] = res.get("next_after")
    return out


@router.get("/entities/{entity_id}", response_model=EntityDetail)
def show_entity(
    entity_id: str,
    statements_limit: int = Query(200, ge=0, le=2000, description="statements per page (oldest first)"),
    statements_offset: int = Query(0, ge=0, description="statements to skip (see statements_total)"),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """One entity: names, kind, attributes, members, one page of statements with source snippets, relations."""
    ent = graph.get_entity(db, entity_id, limit=statements_limit, offset=statements_offset)
    if ent is None:
        raise ApiError(404, f"no entity {entity_id!r}")
    return ent


@router.get("/entities/{entity_id}/neighbourhood", response_model=Neighbourhood)
def entity_neighbourhood(
    entity_id: str,
    depth: int = Query(1, ge=1, le=3),
    max_nodes: int = Query(100, ge=1, le=300),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Nodes and edges within `depth` relation hops."""
    return graph.neighbourhood(db, entity_id, depth=depth, max_nodes=max_nodes)


@router.post("/entities/merge")
def merge(body: MergeIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Merge entities (stored judgement, replayed on rebuilds, audited)."""
    out = graph.merge_entities(db, body.ids, p.username, note=body.note)
    db.commit()
    return out


@router.post("/entities/{entity_id}/split")
def split(entity_id: str, body: SplitIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Split the members carrying `names` (or owning `statement_ids`) off into their own entity (audited)."""
    if not body.names and not body.statement_ids:
        raise ApiError(422, "give names or statement_ids to split off", "invalid_request")
    out = graph.split_entity(db, entity_id, p.username, names=body.names or None,
                             statement_ids=body.statement_ids or None, note=body.note)
    db.commit()
    return out


@router.post("/entities/not-same")
def not_same(body: NotSameIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Record that two entities are different things (never merged automatically; audited)."""
    out = graph.not_same(db, body.a, body.b, p.username, note=body.note)
    db.commit()
    return out


@router.get("/review", response_model=ReviewPage)
def review_queue(
    kind: str | None = Query(None, max_length=32, description="kind of the entity the fact is about"),
    document_id: str | None = Query(None, max_length=32),
    pg: Paging = Depends(paging),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Proposed facts waiting for review, oldest first."""
    res = graph.review_queue(db, limit=pg.limit, offset=pg.offset, kind=kind, document_id=document_id)
    return page_envelope(res["items"], res["total"], pg)


def _review(action: str, stmt_id: str, p: Principal, db: Session, body: EditIn | None = None) -> dict:
    if action == "accept":
        out = graph.accept(db, stmt_id, p.username)
    elif action == "reject":
        out = graph.reject(db, stmt_id, p.username)
    else:
        assert body is not None
        out = graph.edit(db, stmt_id, body.value, p.username, value_json=body.value_json)
    db.commit()
    return out


@router.post("/review/{stmt_id}/accept", response_model=StatementOut)
def accept(stmt_id: str, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Accept a proposed fact (audited)."""
    return _review("accept", stmt_id, p, db)


@router.post("/review/{stmt_id}/reject", response_model=StatementOut)
def reject(stmt_id: str, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Reject a proposed fact: kept, but no longer counts (audited)."""
    return _review("reject", stmt_id, p, db)


@router.post("/review/{stmt_id}/edit", response_model=StatementOut)
def edit(stmt_id: str, body: EditIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Correct a fact: a new accepted statement supersedes the old one (audited)."""
    return _review("edit", stmt_id, p, db, body)


@router.get("/audit")
def audit(
    object_id: str | None = Query(None, max_length=64),
    user: str | None = Query(None, max_length=64),
    pg: Paging = Depends(paging),
    p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Audit log, newest first: who, when, what, before and after (admins: everyone's; others: their own)."""
    user = user if p.role == "admin" else p.username
    res = graph.audit_log(db, limit=pg.limit, offset=pg.offset, object_id=object_id, user=user)
    return page_envelope(res["items"], res["total"], pg)
